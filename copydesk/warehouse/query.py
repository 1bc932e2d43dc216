"""`copydesk query "SQL"`: DuckDB (embedded) over the warehouse, one view per table under its own name
(`articles`, `paragraphs`, `lines`, ..., `story_clusters`, `rejects`, `_ledger`).

Output formats:
  table (default)  an aligned text table; long cells are cut to MAX_CELL characters with "…"
  csv              RFC 4180 CSV with a header row
  json             a JSON list of row objects (timestamps as ISO 8601 strings)
  parquet          a Parquet file of the result: to --output FILE when given, else to stdout as bytes
                   (refused when stdout is a terminal); e.g. `copydesk query "..." --format parquet > x.parquet`

Queries run read-only against the files on disk (an in-memory DuckDB; nothing is written to the
warehouse) and take no lock, so they can run while an ingest is in progress.

--warehouse may also be an fsspec URL (`s3://bucket/prefix`, `memory://...`): the part files are listed
with fsspec and read through pyarrow datasets registered in DuckDB (no DuckDB extension to download).
S3 settings come from the usual places (AWS_* variables; FSSPEC_S3_ENDPOINT_URL for a non-AWS endpoint).
Runs write an object-store warehouse object by object, each written whole (copydesk/warehouse/store.py).
"""
from __future__ import annotations

import csv
import io
import json
import sys
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

from copydesk.warehouse import writer

# Display width of one cell in the aligned table: keeps a row of an `articles` body readable in a terminal.
MAX_CELL = 60


class QueryError(RuntimeError):
    pass


def views(warehouse: str | Path) -> dict[str, str]:
    """Table name -> the DuckDB `read_parquet` expression for it (only tables that have files)."""
    wh = Path(warehouse)
    out = {}
    for t in writer.SCHEMAS:
        d = wh / t
        if not d.exists() or not any(d.rglob("part-*.parquet")):
            continue
        glob = str(d / "**" / "part-*.parquet").replace("'", "''")
        if t in writer.PARTITIONED:
            # year/month stay text ('unknown' is a valid partition), whatever the first files look like
            out[t] = (f"read_parquet('{glob}', hive_partitioning = true, hive_types_autocast = false, "
                      f"union_by_name = true)")
        else:
            out[t] = f"read_parquet('{glob}', hive_partitioning = false, union_by_name = true)"
    return out


def is_url(warehouse) -> bool:
    return "://" in str(warehouse)


def _connect_remote(url: str):
    """DuckDB views over a warehouse in an fsspec filesystem (object store)."""
    import duckdb
    import fsspec
    import pyarrow as pa
    import pyarrow.dataset as ds
    from pyarrow.fs import FSSpecHandler, PyFileSystem
    fs, root = fsspec.core.url_to_fs(url)
    root = root.rstrip("/")
    if not fs.exists(f"{root}/_ledger") and not fs.exists(f"{root}/articles"):
        raise QueryError(f"no warehouse at {url}")
    if fs.exists(f"{root}/{writer.META_FILE}"):
        meta = json.loads(fs.cat(f"{root}/{writer.META_FILE}"))
        if meta.get("schema_version", 0) > writer.SCHEMA_VERSION:
            raise QueryError(f"{url} was written by a newer copydesk (schema v{meta['schema_version']}); "
                             f"this one reads v{writer.SCHEMA_VERSION}: upgrade copydesk")
    pafs = PyFileSystem(FSSpecHandler(fs))
    con = duckdb.connect(":memory:")
    for t, schema in writer.SCHEMAS.items():
        files = sorted(f for f in fs.glob(f"{root}/{t}/**/part-*.parquet") if not f.rsplit("/", 1)[-1].startswith("."))
        if not files:
            continue
        if t in writer.PARTITIONED:
            part = ds.partitioning(pa.schema([("year", pa.string()), ("month", pa.string())]), flavor="hive")
            dset = ds.dataset(files, filesystem=pafs, format="parquet", partitioning=part,
                              partition_base_dir=f"{root}/{t}",
                              schema=pa.schema(list(schema) + [("year", pa.string()), ("month", pa.string())]))
        else:
            dset = ds.dataset(files, filesystem=pafs, format="parquet", schema=schema)
        con.register(f"__arrow_{t}", dset)
        con.execute(f'CREATE VIEW "{t}" AS SELECT * FROM "__arrow_{t}"')
    return con


def connect(warehouse: str | Path):
    import duckdb
    if is_url(warehouse):
        return _connect_remote(str(warehouse))
    wh = Path(warehouse)
    if not (wh / "_ledger").exists() and not (wh / "articles").exists():
        raise QueryError(f"no warehouse at {wh} (run `copydesk run` first, or pass --warehouse DIR)")
    meta = writer.read_meta(wh)
    if meta and meta.get("schema_version", 0) > writer.SCHEMA_VERSION:
        raise QueryError(f"{wh} was written by a newer copydesk (schema v{meta['schema_version']}); "
                         f"this one reads v{writer.SCHEMA_VERSION}: upgrade copydesk")
    con = duckdb.connect(":memory:")
    for name, expr in views(wh).items():
        con.execute(f'CREATE VIEW "{name}" AS SELECT * FROM {expr}')
    return con


def run_query(sql: str, warehouse: str | Path):
    """The result as a pyarrow Table."""
    con = connect(warehouse)
    try:
        rel = con.sql(sql)
        if rel is None:  # a statement without a result (SET, CREATE VIEW, ...)
            import pyarrow as pa
            return pa.table({})
        return rel.to_arrow_table()
    finally:
        con.close()


def _jsonable(v):
    if isinstance(v, (datetime, date)):
        return v.isoformat()
    if isinstance(v, Decimal):
        return float(v)
    if isinstance(v, bytes):
        return v.hex()
    if isinstance(v, dict):
        return {k: _jsonable(x) for k, x in v.items()}
    if isinstance(v, list):
        return [_jsonable(x) for x in v]
    return v


def _cell(v) -> str:
    if v is None:
        return "NULL"
    if isinstance(v, (list, dict)):
        s = json.dumps(_jsonable(v), ensure_ascii=False)
    elif isinstance(v, datetime):
        s = v.isoformat(sep=" ")
    else:
        s = str(v)
    s = s.replace("\n", "\\n").replace("\t", " ")
    return s if len(s) <= MAX_CELL else s[:MAX_CELL - 1] + "…"


def format_table(t) -> str:
    cols = t.column_names
    rows = [[_cell(v) for v in r.values()] for r in t.to_pylist()]
    widths = [max([len(c)] + [len(r[i]) for r in rows]) for i, c in enumerate(cols)]
    numeric = [_is_numeric(t.schema.field(i).type) for i in range(len(cols))]

    def line(vals):
        return " | ".join(v.rjust(w) if num else v.ljust(w) for v, w, num in zip(vals, widths, numeric)).rstrip()
    out = [line(cols), "-+-".join("-" * w for w in widths)] + [line(r) for r in rows]
    out.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(out)


def _is_numeric(tp) -> bool:
    import pyarrow.types as pt
    return pt.is_integer(tp) or pt.is_floating(tp) or pt.is_decimal(tp)


def format_csv(t) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(t.column_names)
    for r in t.to_pylist():
        w.writerow(["" if v is None else json.dumps(_jsonable(v), ensure_ascii=False)
                    if isinstance(v, (list, dict)) else _jsonable(v) for v in r.values()])
    return buf.getvalue()


def format_json(t) -> str:
    return json.dumps([_jsonable(r) for r in t.to_pylist()], ensure_ascii=False, indent=1)


# A compaction or replacement can delete a part file between listing and reading it; the query is then
# retried on a fresh listing (the new files hold the same rows).
MISSING_FILE_RETRIES = 2


def _query_with_retry(sql: str, warehouse):
    for attempt in range(MISSING_FILE_RETRIES + 1):
        try:
            return run_query(sql, warehouse)
        except Exception as e:
            missing = "No such file" in str(e) or "does not exist" in str(e) and "parquet" in str(e)
            if attempt == MISSING_FILE_RETRIES or not (missing or isinstance(e, FileNotFoundError)):
                raise


def main(args) -> int:
    try:
        t = _query_with_retry(args.sql, args.warehouse)
    except QueryError as e:
        print(f"copydesk query: {e}", file=sys.stderr)
        return 2
    except Exception as e:  # DuckDB parser/binder errors: show the message, not a traceback
        if type(e).__module__.startswith("duckdb") or type(e).__module__.startswith("_duckdb"):
            print(f"copydesk query: {e}", file=sys.stderr)
            return 1
        raise
    fmt = args.format
    if fmt == "parquet":
        import pyarrow.parquet as pq
        if args.output:
            pq.write_table(t, args.output, compression="zstd")
            print(f"wrote {t.num_rows} rows to {args.output}", file=sys.stderr)
            return 0
        if sys.stdout.isatty():
            print("copydesk query: --format parquet writes binary; pass --output FILE or redirect stdout",
                  file=sys.stderr)
            return 2
        buf = io.BytesIO()
        pq.write_table(t, buf, compression="zstd")
        sys.stdout.flush()
        sys.stdout.buffer.write(buf.getvalue())
        sys.stdout.buffer.flush()
        return 0
    text = {"table": format_table, "csv": format_csv, "json": format_json}[fmt](t)
    if args.output:
        Path(args.output).write_text(text if text.endswith("\n") else text + "\n", encoding="utf-8")
    else:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
    return 0
