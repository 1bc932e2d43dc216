"""Stage 5: write Articles and Rejects as Parquet datasets under warehouse/<table>/.

Layout (hive style, readable by pandas.read_parquet, pyarrow.dataset and DuckDB):
  warehouse/articles/year=YYYY/month=MM/part-<batch>.parquet   (year=unknown/month=unknown without date)
  warehouse/<child table>/part-<batch>.parquet
  warehouse/_ledger/part-<batch>.parquet   (one row per input file; written LAST = the batch's commit)
  warehouse/story_clusters/part-current.parquet   (derived; rewritten whole at the end of a run)
  warehouse/_meta.json   (schema version and every table's columns: migrate-or-stop, see `check_schema`)
  warehouse/story_sketches|story_bands/part-<batch>.parquet   (the story index: written by batches)
  warehouse/story_members/part-s-<token>.parquet   (the story index: written by a run's finishing step)

Every file is written to a temp name in the same directory, fsynced, then renamed (atomic on POSIX):
a crash leaves no half-written file. A batch whose ledger rows are missing did not commit; `recovery.recover()`
deletes its other parts before a run, so a killed run re-runs cleanly with no duplicates.

Ledger semantics: the live state of an input is its latest ledger row. An article is live while some live
ledger row points at it (status `article` or `duplicate`). `reconcile()` removes the rows of articles that
are no longer live (their file changed) from every table, children first and `articles` last, each part
rewritten atomically. It is idempotent and derived from the ledger alone, so a crash half-way through is
finished by the next run's `recovery.recover()`. Compaction (copydesk.warehouse.compact) has its own manifest protocol.
"""
from __future__ import annotations

import fcntl
import json
import os
import uuid
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterator, Optional

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

from copydesk import __version__
from copydesk.core.records import ARTICLE_COLUMNS, ARTICLE_STAMPS, Article, Reject
from copydesk.warehouse.storepath import StorePath, arrow_args, local_temp, remove_local, warehouse_path

# Version of the warehouse layout (v1: foundation; v2: _meta.json, story_clusters, compaction manifests;
# v3: articles.fetched_at, added by migration; v4: articles.title_source and authors_source, which evidence
# gave the title and the authors (issue 14), and page_type and page_type_reason (issue 13), added at the end
# of the row: additive, older warehouses migrate in place; v5: the story index as tables, story_sketches,
# story_bands and story_members, replacing the pickle _lsh/index.pkl: additive, an older warehouse's index
# is rebuilt from its articles' bodies by the next run).
# A warehouse with a higher version was written by a newer copydesk: we stop rather than guess.
SCHEMA_VERSION = 5
META_FILE = "_meta.json"
_str = pa.string()
_ts = pa.timestamp("us", tz="UTC")
_strs = pa.list_(pa.string())

# Arrow type of each value type of core.records.ARTICLE_COLUMNS
_VALUE_TYPES = {"str": _str, "strs": _strs, "int32": pa.int32(), "timestamp": _ts}

SCHEMAS: dict[str, pa.Schema] = {
    "articles": pa.schema([(name, _VALUE_TYPES[kind]) for name, kind in ARTICLE_COLUMNS]),
    "paragraphs": pa.schema([("article_id", _str), ("position", pa.int32()), ("text", _str)]),
    "lines": pa.schema([("article_id", _str), ("line_number", pa.int32()), ("text", _str),
                        ("label", _str), ("reason", _str)]),
    "images": pa.schema([("article_id", _str), ("position", pa.int32()), ("caption", _str),
                         ("credit", _str), ("alt", _str)]),
    "related_links": pa.schema([("article_id", _str), ("position", pa.int32()), ("headline", _str),
                                ("url", _str), ("block", _str)]),
    "quotes": pa.schema([("article_id", _str), ("position", pa.int32()), ("text", _str), ("speaker", _str),
                         ("paragraph", pa.int32()), ("kind", _str)]),
    "people": pa.schema([("article_id", _str), ("name", _str), ("role", _str), ("mentions", pa.int32())]),
    "organizations": pa.schema([("article_id", _str), ("name", _str), ("long_form", _str), ("mentions", pa.int32())]),
    "places": pa.schema([("article_id", _str), ("name", _str), ("mentions", pa.int32())]),
    "rejects": pa.schema([("source_path", _str), ("sha256", _str), ("error_kind", _str), ("message", _str),
                          ("ingested_at", _ts)]),
    "_ledger": pa.schema([("source_path", _str), ("size", pa.int64()), ("mtime_ns", pa.int64()),
                          ("sha256", _str), ("article_id", _str), ("status", _str), ("run_id", _str),
                          ("batch", _str), ("ingested_at", _ts)]),
}
# The story index as data (copydesk/warehouse/stories.py): each batch writes its new articles' MinHash sketch
# (one row per article) and LSH band keys (one row per article and band), computed where the batch runs; a
# run's finishing step finds candidates by joining the new articles' band keys with `story_bands`.
# band_hash is the band's 64-bit key stored as int64 (the same bits; DuckDB and pyarrow join on it).
SCHEMAS["story_sketches"] = pa.schema([("article_id", _str), ("body_hash", _str), ("words", pa.int32()),
                                       ("shingles", pa.int32()), ("signature", pa.binary())])
SCHEMAS["story_bands"] = pa.schema([("article_id", _str), ("band", pa.int16()), ("band_hash", pa.int64())])
STORY_TABLES = ["story_sketches", "story_bands"]
# Written by the finishing step: the articles the index holds, in the order they joined it (`seq`: the
# earliest member names its story). One part per run (part-s-<token>), committed by story_clusters' metadata.
SCHEMAS["story_members"] = pa.schema([("article_id", _str), ("seq", pa.int64())])
STORY_MEMBERS = "story_members"
STORY_PREFIX = "s-"
# Derived tables: rebuilt by a run's finishing step, never written by batches.
SCHEMAS["story_clusters"] = pa.schema([("cluster_id", _str), ("article_id", _str), ("similarity", pa.float32()),
                                       ("exact_duplicate", pa.bool_())])
DERIVED = ["story_clusters"]
CURRENT_PART = "current"  # derived tables live in one file replaced atomically: no window with two copies

# Columns with few distinct values: dictionary-encoded (smaller files, faster group-by). Free text is not,
# because a dictionary of unique strings only costs space.
LOW_CARDINALITY = {"mode", "site_name", "published_source", "dateline", "section", "language", "copyright",
                   "copydesk_version", "label", "reason", "block", "kind", "role", "speaker", "name",
                   "error_kind", "status", "run_id", "batch", "credit", "wire_agencies", "tags", "authors",
                   "cluster_id"}
# Rows per row group: ~DuckDB's own row-group size; large enough for scans, small enough to skip by stats.
ROW_GROUP_ROWS = 122_880

# Write order: children first, articles, rejects, ledger last (the commit marker).
TABLES = ["paragraphs", "lines", "images", "related_links", "quotes", "people", "organizations", "places",
          *STORY_TABLES, "articles", "rejects"]
PARTITIONED = {"articles"}


def now_utc() -> datetime:
    return datetime.now(timezone.utc)


def write_options(schema: pa.Schema) -> dict:
    """Parquet settings every copydesk file uses: zstd, dictionary for low-cardinality columns only."""
    return dict(compression="zstd", use_dictionary=[f.name for f in schema if f.name in LOW_CARDINALITY],
                write_statistics=True)


def atomic_write_table(table: pa.Table, path: Path) -> None:
    if isinstance(path, StorePath):  # on a store: written locally, then one PUT under the final name
        tmp = local_temp(path.name)
        try:
            pq.write_table(table, tmp, row_group_size=ROW_GROUP_ROWS, **write_options(table.schema))
            path.upload(tmp)
        finally:
            remove_local(tmp)
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.parent / f".{path.name}.{uuid.uuid4().hex[:8]}.tmp"
    try:
        pq.write_table(table, tmp, row_group_size=ROW_GROUP_ROWS, **write_options(table.schema))
        fsync_path(tmp)
        os.replace(tmp, path)
        fsync_dir(path.parent)
    finally:
        if tmp.exists():
            tmp.unlink()


def durable() -> bool:
    """COPYDESK_FSYNC=0 skips fsync: a killed process still never leaves a torn file (renames are atomic and
    the page cache outlives the process), but a power cut may. For scratch warehouses and tests."""
    return os.environ.get("COPYDESK_FSYNC", "1") != "0"


def fsync_path(path: Path) -> None:
    if durable() and not isinstance(path, StorePath):
        with open(path, "rb") as fh:
            os.fsync(fh.fileno())


def fsync_dir(d: Path) -> None:
    """Make a rename durable (POSIX: the directory entry is only on disk after the directory is synced)."""
    if not durable() or isinstance(d, StorePath):  # an acknowledged PUT or DELETE is durable
        return
    try:
        fd = os.open(d, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _partition(published: Optional[str]) -> tuple[str, str]:
    if published and len(published) >= 7 and published[:4].isdigit() and published[5:7].isdigit():
        return published[:4], published[5:7]
    return "unknown", "unknown"


def _utc(stamp: Optional[str]) -> Optional[datetime]:
    """An ISO 8601 fetch time (WARC-Date: '2024-03-01T12:00:00Z') as an aware UTC datetime; None when
    absent or unreadable (a damaged header must not reject the page, the column is then null)."""
    if not stamp:
        return None
    try:
        d = datetime.fromisoformat(stamp.strip())
    except ValueError:
        return None
    return (d if d.tzinfo else d.replace(tzinfo=timezone.utc)).astimezone(timezone.utc)


# Child tables built from lists of dicts on the Article (column name = dict key), after article_id and a
# 1-based `position` where the table has one. Kept as data so each table's columns are named in one place.
_DICT_CHILDREN: dict[str, tuple[bool, tuple[str, ...]]] = {
    # table (= Article attribute): (has a position column, columns read from each dict)
    "images": (True, ("caption", "credit", "alt")),
    "related_links": (True, ("headline", "url", "block")),
    "quotes": (True, ("text", "speaker", "paragraph", "kind")),
    "people": (False, ("name", "role", "mentions")),
    "organizations": (False, ("name", "long_form", "mentions")),
    "places": (False, ("name", "mentions")),
}


def _table(name: str, cols: dict) -> pa.Table:
    """A table from one Python list or Arrow array per column name, in SCHEMAS[name] order: each column is
    converted once with its schema type (the conversion pa.Table.from_pylist applies value by value). A
    column missing here or unknown to the schema is an error, so a schema change cannot shift columns."""
    schema = SCHEMAS[name]
    if set(cols) != set(schema.names):
        raise ValueError(f"{name}: columns {sorted(cols)} do not match the schema {schema.names}")
    return pa.Table.from_arrays([c if isinstance(c, pa.Array) else pa.array(c, type=f.type)
                                 for c, f in ((cols[f.name], f) for f in schema)], schema=schema)


def _owner_ids(ids: pa.Array, counts: list[int]) -> pa.Array:
    """The article_id column of a child table: each article's id repeated once per child row, gathered
    by index in Arrow instead of a Python string per row (lines: ~180 rows per article)."""
    return ids.take(pa.array(np.repeat(np.arange(len(counts), dtype=np.int32), counts)))


def _positions(counts: list[int]) -> list[int]:
    return [i for n in counts for i in range(1, n + 1)]


# articles columns read off the Article (timestamps converted from their ISO strings); the rest are stamped
_ARTICLE_VALUES = tuple((name, kind) for name, kind in ARTICLE_COLUMNS if name not in ARTICLE_STAMPS)


def tables_for(arts: list[Article], rejects: list[Reject], ingested_at: datetime) -> dict[str, pa.Table]:
    """Every batch table (TABLES, in that order; no ledger, no story tables) of these articles and rejects,
    built column by column: one Python list per column read straight off the Article objects and
    converted once, never a dict per row (building ~90,000 `lines` row dicts per 500 articles and
    converting them row by row cost more than writing the Parquet). Row order: articles in the given order, each article's children in
    its own order."""
    n = len(arts)
    ids = pa.array([a.article_id for a in arts], _str)
    out: dict[str, pa.Table] = {}
    paras = [len(a.paragraphs) for a in arts]
    out["paragraphs"] = _table("paragraphs", {"article_id": _owner_ids(ids, paras), "position": _positions(paras),
                                              "text": [t for a in arts for t in a.paragraphs]})
    lines = [ln for a in arts for ln in a.lines]
    out["lines"] = _table("lines", {"article_id": _owner_ids(ids, [len(a.lines) for a in arts]),
                                    "line_number": [ln.number for ln in lines], "text": [ln.text for ln in lines],
                                    "label": [ln.label for ln in lines], "reason": [ln.reason for ln in lines]})
    for t, (has_pos, keys) in _DICT_CHILDREN.items():
        per_art = [getattr(a, t) for a in arts]
        counts = [len(x) for x in per_art]
        items = [d for x in per_art for d in x]
        cols: dict = {"article_id": _owner_ids(ids, counts), **{k: [d.get(k) for d in items] for k in keys}}
        if has_pos:
            cols["position"] = _positions(counts)
        out[t] = _table(t, cols)
    cols = {c: [_utc(getattr(a, c)) for a in arts] if kind == "timestamp" else [getattr(a, c) for a in arts]
            for c, kind in _ARTICLE_VALUES}
    cols.update(ingested_at=[ingested_at] * n, copydesk_version=[__version__] * n)
    out["articles"] = _table("articles", cols)
    out["rejects"] = _table("rejects", {"source_path": [r.source_path for r in rejects],
                                        "sha256": [r.sha256 for r in rejects],
                                        "error_kind": [r.error_kind for r in rejects],
                                        "message": [r.message for r in rejects],
                                        "ingested_at": [ingested_at] * len(rejects)})
    return {t: out[t] for t in TABLES if t in out}  # the story tables come from stories.sketch_tables


def rows_for(arts: list[Article], rejects: list[Reject], ingested_at: datetime) -> dict[str, list[dict]]:
    """The same rows as dicts (`copydesk extract --json` shows one article's record this way)."""
    return {t: tab.to_pylist() for t, tab in tables_for(arts, rejects, ingested_at).items()}


def write_batch(warehouse: str | Path, batch: str, arts: list[Article], rejects: list[Reject],
                ledger: list[dict], ingested_at: Optional[datetime] = None,
                extra: Optional[dict[str, pa.Table]] = None) -> dict[str, int]:
    """Write one batch's parts (children, articles, rejects, then ledger). Returns rows per table.
    `extra`: more batch tables of these articles, written with them (the story index's sketch and band
    rows, `stories.sketch_tables`, which the run layer computes: stories imports this module)."""
    wh = warehouse_path(warehouse)
    ingested_at = ingested_at or now_utc()
    tables = {**tables_for(arts, rejects, ingested_at), **(extra or {})}
    counts = {}
    for t in TABLES:
        tab = tables.get(t, SCHEMAS[t].empty_table())
        counts[t] = len(tab)
        if not len(tab):
            continue
        if t in PARTITIONED:
            # one part per year/month, partitions in order of first appearance, rows in batch order
            groups: dict[tuple[str, str], list[int]] = {}
            for i, a in enumerate(arts):
                groups.setdefault(_partition(a.published), []).append(i)
            for (y, m), idx in groups.items():
                part = tab if len(idx) == len(tab) else tab.take(pa.array(idx, pa.int32()))
                atomic_write_table(part, wh / t / f"year={y}" / f"month={m}" / f"part-{batch}.parquet")
        else:
            atomic_write_table(tab, wh / t / f"part-{batch}.parquet")
    for row in ledger:
        row.setdefault("ingested_at", ingested_at)
        row["batch"] = batch
    atomic_write_table(_table("_ledger", {c: [row.get(c) for row in ledger] for c in SCHEMAS["_ledger"].names}),
                       wh / "_ledger" / f"part-{batch}.parquet")
    counts["_ledger"] = len(ledger)
    return counts


def _parts(wh: Path, table: str) -> Iterator[Path]:
    """The data files of a table, in a stable (sorted) order. Temp files start with '.' and never match."""
    d = wh / table
    if isinstance(d, StorePath):  # one listing (an empty prefix lists nothing)
        yield from (p for p in d.rglob("part-*.parquet") if not p.name.startswith("."))
    elif d.exists():
        yield from sorted(d.rglob("part-*.parquet"))


INIT_PART = "init"  # the empty, schema-only part every non-partitioned table starts with
COMPACTED_PREFIX = "c-"  # part-c-<id>.parquet: written by `copydesk compact`, committed by its manifest


class SchemaError(RuntimeError):
    """The warehouse on disk has a layout this copydesk cannot use without losing or mixing data."""


def _fingerprint(schema: pa.Schema) -> list[str]:
    return [f"{f.name}: {f.type}" for f in schema]


def read_meta(warehouse: str | Path) -> Optional[dict]:
    p = warehouse_path(warehouse) / META_FILE
    try:
        return json.loads(p.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None


def write_meta(warehouse: str | Path, **extra) -> dict:
    wh = warehouse_path(warehouse)
    meta = read_meta(wh) or {}
    meta.update(extra)
    meta.update(schema_version=SCHEMA_VERSION, copydesk_version=__version__,
                tables={t: _fingerprint(s) for t, s in SCHEMAS.items()})
    if isinstance(wh, StorePath):
        (wh / META_FILE).write_text(json.dumps(meta, indent=1, sort_keys=True))
        return meta
    tmp = wh / f".{META_FILE}.{uuid.uuid4().hex[:8]}.tmp"
    tmp.write_text(json.dumps(meta, indent=1, sort_keys=True), encoding="utf-8")
    fsync_path(tmp)
    os.replace(tmp, wh / META_FILE)
    fsync_dir(wh)
    return meta


def _incompatibility(disk: pa.Schema, want: pa.Schema) -> Optional[str]:
    """None when `disk` can be migrated to `want` without losing anything (only new nullable columns)."""
    for f in disk:
        if f.name not in want.names:
            return f"column {f.name!r} exists on disk but not in this copydesk's schema"
        w = want.field(f.name).type
        if not w.equals(f.type):
            return f"column {f.name!r} is {f.type} on disk but {w} in this copydesk"
    return None


def check_schema(warehouse: str | Path, migrate: bool = True) -> list[str]:
    """Migrate-or-stop. Compares every part's schema with the code's; additive changes (new columns) are
    migrated by rewriting the part with nulls in the new columns (atomically, so a crash half-way is
    finished next time: `_meta.json` is updated only after every part matches). Anything else — a
    removed or retyped column, or a warehouse from a newer copydesk — raises SchemaError and writes
    nothing. Returns the parts migrated."""
    wh = warehouse_path(warehouse)
    meta = read_meta(wh)
    if meta and meta.get("schema_version", 0) > SCHEMA_VERSION:
        raise SchemaError(f"{wh} was written by a newer copydesk (warehouse schema v{meta['schema_version']}, "
                          f"this copydesk {__version__} knows v{SCHEMA_VERSION}): upgrade copydesk or use another "
                          f"--warehouse directory")
    if meta and meta.get("schema_version") == SCHEMA_VERSION and \
            meta.get("tables") == {t: _fingerprint(s) for t, s in SCHEMAS.items()}:
        return []
    todo: list[tuple[Path, pa.Schema]] = []
    problems: list[str] = []
    for t, want in SCHEMAS.items():
        for part in _parts(wh, t):
            disk = pq.read_schema(str(part), **arrow_args(part)).remove_metadata()
            if disk.equals(want):
                continue
            why = _incompatibility(disk, want)
            if why:
                problems.append(f"{part.relative_to(wh)}: {why}")
            else:
                todo.append((part, want))
    if problems:
        raise SchemaError(f"{wh} has an older table layout that cannot be migrated automatically; nothing was "
                          f"changed. Re-ingest into a new --warehouse directory, or migrate by hand:\n  "
                          + "\n  ".join(problems[:20]))
    if todo and not migrate:
        raise SchemaError(f"{wh} needs a migration of {len(todo)} files (run `copydesk run` to migrate)")
    for part, want in todo:
        t = pq.read_table(str(part), **arrow_args(part))
        cols = [t.column(n) if n in t.column_names else pa.nulls(len(t), want.field(n).type) for n in want.names]
        atomic_write_table(pa.Table.from_arrays(cols, schema=want), part)
    if wh.exists() and any(wh.iterdir()):
        write_meta(wh)
    return [str(p) for p, _ in todo]


def ensure_tables(warehouse: str | Path) -> None:
    """Check (and migrate) the layout, then give every table a directory with a schema-only part, so
    `pandas.read_parquet("warehouse/<t>")` and DuckDB work on a table that has no rows yet (no rejects is a
    normal state)."""
    wh = warehouse_path(warehouse)
    wh.mkdir(parents=True, exist_ok=True)
    check_schema(wh)
    for t in TABLES + ["_ledger"] + DERIVED:
        if t in PARTITIONED:
            (wh / t).mkdir(parents=True, exist_ok=True)
            continue
        if t in DERIVED:
            p = wh / t / f"part-{CURRENT_PART}.parquet"
        else:
            p = wh / t / f"part-{INIT_PART}.parquet"
        if not p.exists():
            atomic_write_table(SCHEMAS[t].empty_table(), p)
    write_meta(wh)


def committed_batches(warehouse: str | Path) -> set[str]:
    """Batches with ledger rows (the `batch` column, so a compacted ledger keeps them)."""
    wh = warehouse_path(warehouse)
    done = {INIT_PART}
    for p in _parts(wh, "_ledger"):
        done.update(x for x in pq.read_table(str(p), columns=["batch"], **arrow_args(p)).column(0).unique()
                    .to_pylist() if x)
    return done


def read_ledger(warehouse: str | Path, columns: Optional[list[str]] = None) -> pa.Table:
    parts = list(_parts(warehouse_path(warehouse), "_ledger"))
    schema = SCHEMAS["_ledger"] if columns is None else pa.schema([SCHEMAS["_ledger"].field(c) for c in columns])
    if not parts:
        return schema.empty_table()
    return pa.concat_tables([pq.read_table(str(p), columns=columns, schema=SCHEMAS["_ledger"], **arrow_args(p))
                             for p in parts])


LIVE_STATUSES = ("article", "duplicate")


def live_ledger(warehouse: str | Path, columns: Optional[list[str]] = None) -> pa.Table:
    """The latest ledger row of every input path (by ingested_at, then batch key): its current state
    (`columns` only, plus the ordering ones, when given)."""
    if columns is not None:
        columns = list(dict.fromkeys(["source_path", "ingested_at", "batch", *columns]))
    return latest_per_path(read_ledger(warehouse, columns))


def latest_per_path(led: pa.Table) -> pa.Table:
    """The latest row of every source_path of ledger rows `led` (by ingested_at, then batch key). Only the
    paths with more than one row are sorted (most inputs have one; sorting 200,000 paths took ~0.6 s):
    the single-row paths first, in their order, then the latest row of each other path, by path."""
    import pyarrow.compute as pc
    if len(led) == 0:
        return led
    paths = led.column("source_path")
    n = led.group_by("source_path").aggregate([("source_path", "count")])
    multi = n.filter(pc.greater(n.column("source_path_count"), 1)).column("source_path")
    if len(multi) == 0:
        return led
    mask = pc.is_in(paths, value_set=multi.combine_chunks())
    many = led.filter(mask).sort_by([("source_path", "ascending"), ("ingested_at", "ascending"),
                                     ("batch", "ascending")])
    mp = many.column("source_path").combine_chunks()
    nxt = pa.concat_arrays([mp[1:], pa.array([None], pa.string())])
    last = pc.fill_null(pc.not_equal(mp, nxt), True)
    return pa.concat_tables([led.filter(pc.invert(mask)), many.filter(last)])


def live_article_ids(live: pa.Table) -> set[str]:
    return {a for a, st in zip(live.column("article_id").to_pylist(), live.column("status").to_pylist())
            if a and st in LIVE_STATUSES}


def _ids_of(part: Path) -> pa.Array:
    return pq.read_table(str(part), columns=["article_id"], **arrow_args(part)).column(0).combine_chunks()


def _rewrite_without(part: Path, drop_mask, table: str) -> int:
    """Rewrite `part` without the masked rows (atomically); delete it when nothing is left. Returns rows dropped."""
    import pyarrow.compute as pc
    t = pq.read_table(str(part), schema=SCHEMAS[table], **arrow_args(part))
    keep = t.filter(pc.invert(drop_mask))
    if part.stem.startswith(f"part-{COMPACTED_PREFIX}"):  # keeps the list of batches it holds (a superset now)
        keep = keep.replace_schema_metadata(pq.read_schema(str(part), **arrow_args(part)).metadata)
    dropped = len(t) - len(keep)
    if not dropped:
        return 0
    if len(keep) == 0 and part.stem != f"part-{INIT_PART}":
        part.unlink()
        fsync_dir(part.parent)
    else:
        atomic_write_table(keep, part)
    return dropped


# Runs whose ledger rows a finishing step has not reconciled yet: `_runs/<run_id>.json`, written by a run
# before its first batch (`mark_run`) and deleted once its finish is published (`clear_runs`). A run killed
# before that leaves its marker, so the next run's finish reconciles its rows too (`reconcile(runs=...)`).
RUNS_DIR = "_runs"
# `_meta.json` key set by a whole-warehouse finish: from then on every run leaves a marker until finished,
# so a finish may reconcile only the marked runs' rows. A warehouse without it (older copydesk, or a fresh
# one) gets one whole reconcile first.
META_MARKED = "runs_marked"


def mark_run(warehouse: str | Path, run_id: str) -> None:
    d = warehouse_path(warehouse) / RUNS_DIR
    body = json.dumps(dict(run_id=run_id, started=now_utc().isoformat(timespec="seconds")))
    if isinstance(d, StorePath):
        (d / f"{run_id}.json").write_text(body)
        return
    d.mkdir(parents=True, exist_ok=True)
    tmp = d / f".{run_id}.{uuid.uuid4().hex[:8]}.tmp"
    tmp.write_text(body, encoding="utf-8")
    fsync_path(tmp)
    os.replace(tmp, d / f"{run_id}.json")
    fsync_dir(d)


def pending_runs(warehouse: str | Path) -> list[str]:
    """The runs with a marker: this run's and those of runs that died before their finish was published."""
    d = warehouse_path(warehouse) / RUNS_DIR
    return sorted(p.stem for p in d.glob("*.json")) if d.exists() else []


def clear_runs(warehouse: str | Path, runs: list[str]) -> None:
    d = warehouse_path(warehouse) / RUNS_DIR
    for r in runs:
        (d / f"{r}.json").unlink(missing_ok=True)
    fsync_dir(d)


def _outside(st, lo, hi) -> bool:
    """Whether row-group statistics `st` rule out every value in [lo, hi]."""
    try:
        return st is not None and st.has_min_max and (st.max < lo or st.min > hi)
    except TypeError:  # statistics of another type (bytes for an untyped string column): read the group
        return False


def scan(wh: Path, table: str, key: str, values, columns: list[str], parts: Optional[list[Path]] = None) -> pa.Table:
    """The rows of `table` whose `key` column is one of `values` (an Arrow array), `columns` only: each
    part's key column is read one row group at a time and tested against the values, and only row groups
    with a match are read further; a row group whose statistics (min/max of `key`) hold none of the values
    is not read at all. Memory: one row group's key column plus the matches (a pyarrow dataset scan with
    the same filter took +50 MiB of peak RSS and 4x the time on a 200,000-row ledger; a DuckDB join over
    the story tables read every column it returned)."""
    import pyarrow.compute as pc
    out = []
    if len(values):
        values = values.cast(SCHEMAS[table].field(key).type)
        lo, hi = pc.min_max(values).values()
        for part in (_parts(wh, table) if parts is None else parts):
            pf = pq.ParquetFile(str(part), **arrow_args(part))
            at = pf.schema_arrow.get_field_index(key)
            if at < 0:  # an older part without the column (migrations add columns): nothing matches
                continue
            for g in range(pf.num_row_groups):
                if _outside(pf.metadata.row_group(g).column(at).statistics, lo.as_py(), hi.as_py()):
                    continue
                mask = pc.is_in(pf.read_row_group(g, columns=[key]).column(0), value_set=values)
                if pc.any(mask).as_py():
                    out.append(pf.read_row_group(g, columns=columns).filter(mask))
    schema = pa.schema([SCHEMAS[table].field(c) for c in columns])
    return pa.concat_tables([t.cast(schema) for t in out]) if out else schema.empty_table()


def _touched(wh: Path, runs: list[str]) -> tuple[pa.Table, pa.Array, pa.Array, pa.Array, set]:
    """What the ledger rows of `runs` can have changed, read with filters pushed down to the ledger scan
    (never the whole ledger in memory): (the latest rows of the inputs these runs wrote rows for, the
    article ids that may have stopped being live — any id those inputs ever had, the live ones among
    them, the articles these runs' batches wrote, the batches that wrote any of those ids: their rows are
    in those batches' parts, `batch_parts`). An article stops being live only when an input that pointed at
    it gets a newer row, and only new rows can write an article twice."""
    import pyarrow.compute as pc
    cols = ["source_path", "ingested_at", "batch", "status", "article_id", "sha256"]
    empty = pa.array([], _str)
    if not runs or not any(_parts(wh, "_ledger")):
        return SCHEMAS["_ledger"].empty_table().select(cols), empty, empty, empty, set()
    mine = scan(wh, "_ledger", "run_id", pa.array(sorted(runs), _str), ["source_path", "article_id", "status"])
    paths = pc.unique(mine.column("source_path").combine_chunks())
    written = pc.unique(pc.drop_null(mine.filter(pc.equal(mine.column("status"), "article"))
                                     .column("article_id").combine_chunks()))
    rows = scan(wh, "_ledger", "source_path", paths, cols)
    latest = latest_per_path(rows)
    ids = pc.unique(pc.drop_null(rows.column("article_id").combine_chunks()))
    # the inputs pointing at one of these ids (any path: a duplicate row elsewhere keeps an article live)
    pointing = scan(wh, "_ledger", "article_id", ids, ["source_path", "status", "batch"])
    others = pc.unique(pointing.column(0).combine_chunks())
    writers = set(pointing.filter(pc.equal(pointing.column("status"), "article")).column("batch").to_pylist())
    now = latest_per_path(scan(wh, "_ledger", "source_path", others, cols))
    now = now.filter(pc.is_in(now.column("status"), value_set=pa.array(LIVE_STATUSES)))
    live = pc.unique(pc.drop_null(now.column("article_id").combine_chunks()))
    return latest, ids, live, written, writers


# A compacted part names the batches whose rows it holds in its footer (key-value metadata: a JSON list),
# so a step looking for some articles' rows opens only the parts of the batches that wrote them
# (`batch_parts`) instead of reading an id column of every part (issue 15: reconcile and the finish read
# what a run touched, not the warehouse).
META_BATCHES = b"copydesk.batches"


def part_batches(part) -> Optional[set]:
    """The batches whose rows `part` holds: its own (part-<batch>), those a compacted part's footer lists;
    None when unknown (a story part written by a finish, or a part compacted before the list was kept)."""
    key = part.stem[len("part-"):]
    if key == INIT_PART:
        return set()
    if key.startswith(COMPACTED_PREFIX):
        raw = (pq.read_schema(str(part), **arrow_args(part)).metadata or {}).get(META_BATCHES)
        return set(json.loads(raw)) if raw is not None else None
    if key.startswith(STORY_PREFIX):
        return None
    return {key}


def batch_parts(wh: Path, table: str, batches: set) -> list:
    """The parts of `table` (in `_parts` order) that can hold rows written by `batches`."""
    out = []
    for p in _parts(wh, table):
        held = part_batches(p)
        if held is None or held & batches:
            out.append(p)
    return out


def reconcile(warehouse: str | Path, runs: Optional[list[str]] = None) -> dict:
    """Make every table agree with the live ledger: rows of articles no longer live (their input changed)
    are removed from every table, an article written twice (the same new content in two batches) keeps
    one copy, and `rejects` keeps one row per live rejected input. Children first, `articles` last, so an
    interrupted reconcile is detected (stale ids still in `articles`) and finished by the next call.

    `runs`: only what the ledger rows of these runs changed (`_touched`; every earlier run's rows were
    reconciled by its own finish or are among `runs`, see RUNS_DIR). The ledger is then read through
    filters, and of every table only the parts of the batches that wrote one of the touched ids
    (`batch_parts`: a part per batch, or a compacted part whose footer names one of them), one id column
    each; only parts that hold a row to drop are rewritten. Besides the counts, returns `gone` (article ids
    no longer live: for the story index), `written` (the live articles these runs wrote) and
    `article_parts` (the articles parts that can hold them), all None for a whole reconcile."""
    import numpy as np
    import pyarrow.compute as pc
    wh = warehouse_path(warehouse)
    out = {"stale_articles": 0, "duplicate_articles": 0, "rows_removed": 0, "files_rewritten": 0,
           "gone": None, "written": None, "article_parts": None}
    if not (wh / "_ledger").exists():
        return out
    parts = list(_parts(wh, "articles")) if runs is None else []
    stale: set[str] = set()
    dups: set[str] = set()
    writers = None
    if runs is not None:
        live, ids, live_ids, written, writers = _touched(wh, runs)
        # only the parts of the batches that wrote one of these ids can hold their rows
        parts = batch_parts(wh, "articles", writers)
        out["article_parts"] = [str(p) for p in parts]
        maybe = pc.unique(pa.concat_arrays([ids, written]))  # ids = every id the touched inputs had
        gone = pc.filter(maybe, pc.invert(pc.is_in(maybe, value_set=live_ids)))
        seen = []
        for p in parts:
            part_ids = _ids_of(p)
            seen.append(part_ids.filter(pc.is_in(part_ids, value_set=maybe)))
        seen = pa.chunked_array(seen, _str) if seen else pa.chunked_array([], _str)
        stale = set(pc.unique(seen.filter(pc.is_in(seen, value_set=gone))).to_pylist())
        counts = pc.value_counts(seen) if len(seen) else None
        if counts is not None:
            dups = set(counts.field("values").filter(pc.greater(counts.field("counts"), 1)).to_pylist()) - stale
        out["gone"] = set(gone.to_pylist())
        out["written"] = set(pc.filter(written, pc.is_in(written, value_set=live_ids)).to_pylist())
    else:
        live = live_ledger(wh, ["status", "article_id", "sha256"])
    if parts and runs is None:
        live_mask = pc.is_in(live.column("status"), value_set=pa.array(LIVE_STATUSES))
        live_arr = pc.unique(pc.drop_null(live.filter(live_mask).column("article_id").combine_chunks()))
        # vectorised over every article id: O(articles) in Arrow, no Python loop per row
        ids_per_part = [_ids_of(p) for p in parts]
        all_ids = pa.chunked_array(ids_per_part, pa.string())
        stale = set(pc.unique(all_ids.filter(pc.invert(pc.is_in(all_ids, value_set=live_arr)))).to_pylist())
        # an id in two parts: a part never holds an article twice, so counting ids is counting parts (a
        # count of distinct parts per id, a group-by over every id, took ~2x the time and memory)
        counts = pc.value_counts(all_ids)
        dups = set(counts.field("values").filter(pc.greater(counts.field("counts"), 1)).to_pylist()) - stale
    out["stale_articles"], out["duplicate_articles"] = len(stale), len(dups)
    if stale or dups:
        stale_arr, dups_arr = pa.array(sorted(stale), pa.string()), pa.array(sorted(dups), pa.string())
        order = [t for t in TABLES if t not in ("articles", "rejects")] + ["articles"]
        for t in order:
            owner: dict[str, Path] = {}
            for part in (_parts(wh, t) if writers is None else batch_parts(wh, t, writers)):
                ids = _ids_of(part)
                drop = pc.is_in(ids, value_set=stale_arr)
                if dups:
                    is_dup = pc.is_in(ids, value_set=dups_arr)
                    if pc.any(is_dup).as_py():
                        mine = []
                        for aid, d in zip(ids.to_pylist(), is_dup.to_pylist()):
                            mine.append(bool(d) and owner.setdefault(aid, part) != part)
                        drop = pc.or_(drop, pa.array(mine))
                if pc.any(drop).as_py():
                    out["rows_removed"] += _rewrite_without(part, drop, t)
                    out["files_rewritten"] += 1
    # rejects: one row per input whose live state is `rejected` with that content (of the touched inputs
    # only, for `runs`: the others' rows are as their own finish left them)
    rej = live.filter(pc.equal(live.column("status"), "rejected"))
    want = set(zip(rej.column("source_path").to_pylist(), rej.column("sha256").to_pylist()))
    touched = None if runs is None else pc.unique(live.column("source_path").combine_chunks())
    kept: set = set()
    for part in _parts(wh, "rejects"):
        t = pq.read_table(str(part), columns=["source_path", "sha256"], **arrow_args(part))
        in_touched = None if touched is None else pc.is_in(t.column(0), value_set=touched).to_pylist()
        drop = []
        for i, key in enumerate(zip(t.column(0).to_pylist(), t.column(1).to_pylist())):
            if in_touched is not None and not in_touched[i]:
                drop.append(False)
                continue
            drop.append(key not in want or key in kept)
            kept.add(key)
        if any(drop):
            out["rows_removed"] += _rewrite_without(part, pa.array(drop), "rejects")
            out["files_rewritten"] += 1
    return out


def read_table(warehouse: str | Path, table: str) -> pa.Table:
    """A whole table (tests, small warehouses). Large ones: query through DuckDB or pyarrow.dataset."""
    import pyarrow.dataset as ds
    wh = warehouse_path(warehouse)
    d = wh / table
    if not d.exists() or not any(_parts(wh, table)):
        return SCHEMAS[table].empty_table()
    part = "hive" if table in PARTITIONED else None
    return ds.dataset(str(d), format="parquet", partitioning=part, **arrow_args(d)).to_table()


@contextmanager
def warehouse_lock(warehouse: str | Path, blocking: bool = True) -> Iterator[None]:
    """One writer at a time: an exclusive flock on warehouse/.lock, released even on a crash (the kernel
    drops it with the process), so a kill -9 never leaves the warehouse locked."""
    wh = Path(warehouse)
    wh.mkdir(parents=True, exist_ok=True)
    fh = open(wh / ".lock", "a+")
    try:
        fcntl.flock(fh.fileno(), fcntl.LOCK_EX | (0 if blocking else fcntl.LOCK_NB))
        yield
    finally:
        try:
            fcntl.flock(fh.fileno(), fcntl.LOCK_UN)
        finally:
            fh.close()


class LockHeld(RuntimeError):
    """Another live run holds the warehouse (its flock here, its lease on an object store: store.Lease)."""


@contextmanager
def run_lock(warehouse: str | Path) -> Iterator[None]:
    """The lock a run takes (`copydesk.run.driver.drive`): `warehouse_lock` without waiting. A second run
    on a warehouse another live run holds stops at once with LockHeld naming the holder (host, pid, start
    time, written into warehouse/.lock by the holder), as on an object store, instead of queueing behind
    it unseen (a scheduled run would pile up behind a long one). The kernel drops the flock with its
    process, so a holder killed with -9 leaves only a stale name, overwritten by the next holder."""
    import socket
    wh = Path(warehouse)
    lock = warehouse_lock(wh, blocking=False)
    try:
        lock.__enter__()
    except BlockingIOError:
        try:
            held = json.loads((wh / ".lock").read_text(encoding="utf-8"))
        except (OSError, ValueError):  # the holder has not written its name yet
            held = {}
        raise LockHeld(f"warehouse {wh} is locked by another run (host {held.get('host')}, pid "
                       f"{held.get('pid')}, started {held.get('started')}); wait for it to finish. The lock "
                       f"is a flock on {wh}/.lock: it goes with that process.") from None
    try:
        holder = dict(host=socket.gethostname(), pid=os.getpid(), started=now_utc().isoformat(timespec="seconds"))
        (wh / ".lock").write_text(json.dumps(holder), encoding="utf-8")
        yield
    finally:
        lock.__exit__(None, None, None)
