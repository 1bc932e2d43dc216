"""Stage 5: write Articles and Rejects as Parquet datasets under warehouse/<table>/.

Layout (hive style, readable by pandas.read_parquet, pyarrow.dataset and DuckDB):
  warehouse/articles/year=YYYY/month=MM/part-<batch>.parquet   (year=unknown/month=unknown without date)
  warehouse/<child table>/part-<batch>.parquet
  warehouse/_ledger/part-<batch>.parquet   (one row per input file; written LAST = the batch's commit)

Every file is written to a temp name in the same directory, fsynced, then renamed (atomic on POSIX):
a crash leaves no half-written file. A batch whose ledger part is missing did not commit; `recover()`
deletes its other parts before a run, so a killed run re-runs cleanly with no duplicates.
"""
from __future__ import annotations

import fcntl
import os
import uuid
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterable, Iterator, Optional

import pyarrow as pa
import pyarrow.parquet as pq

from . import __version__
from .records import Article, Reject

SCHEMA_VERSION = 1
_str = pa.string()
_ts = pa.timestamp("us", tz="UTC")
_strs = pa.list_(pa.string())

SCHEMAS: dict[str, pa.Schema] = {
    "articles": pa.schema([
        ("article_id", _str), ("source_path", _str), ("sha256", _str), ("mode", _str),
        ("title", _str), ("site_name", _str), ("url", _str), ("canonical_url", _str),
        ("authors", _strs), ("published", _str), ("published_source", _str), ("modified", _str),
        ("dateline", _str), ("wire_agencies", _strs), ("tags", _strs), ("section", _str),
        ("language", _str), ("copyright", _str), ("body", _str),
        ("paragraph_count", pa.int32()), ("word_count", pa.int32()),
        ("ingested_at", _ts), ("copydesk_version", _str),
    ]),
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
# Write order: children first, articles, rejects, ledger last (the commit marker).
TABLES = ["paragraphs", "lines", "images", "related_links", "quotes", "people", "organizations", "places",
          "articles", "rejects"]
PARTITIONED = {"articles"}


def now_utc() -> datetime:
    return datetime.now(timezone.utc)


def atomic_write_table(table: pa.Table, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.parent / f".{path.name}.{uuid.uuid4().hex[:8]}.tmp"
    try:
        pq.write_table(table, tmp, compression="zstd", use_dictionary=True)
        with open(tmp, "rb") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()


def _partition(published: Optional[str]) -> tuple[str, str]:
    if published and len(published) >= 7 and published[:4].isdigit() and published[5:7].isdigit():
        return published[:4], published[5:7]
    return "unknown", "unknown"


def rows_for(arts: list[Article], rejects: list[Reject], ingested_at: datetime) -> dict[str, list[dict]]:
    rows: dict[str, list[dict]] = {t: [] for t in TABLES}
    for a in arts:
        rows["articles"].append({
            "article_id": a.article_id, "source_path": a.source_path, "sha256": a.sha256, "mode": a.mode,
            "title": a.title, "site_name": a.site_name, "url": a.url, "canonical_url": a.canonical_url,
            "authors": a.authors, "published": a.published, "published_source": a.published_source,
            "modified": a.modified, "dateline": a.dateline, "wire_agencies": a.wire_agencies, "tags": a.tags,
            "section": a.section, "language": a.language, "copyright": a.copyright, "body": a.body,
            "paragraph_count": len(a.paragraphs), "word_count": a.word_count,
            "ingested_at": ingested_at, "copydesk_version": __version__,
        })
        aid = a.article_id
        rows["paragraphs"].extend({"article_id": aid, "position": i, "text": t} for i, t in enumerate(a.paragraphs, 1))
        rows["lines"].extend({"article_id": aid, "line_number": ln.number, "text": ln.text, "label": ln.label,
                              "reason": ln.reason} for ln in a.lines)
        rows["images"].extend({"article_id": aid, "position": i, "caption": im.get("caption"),
                               "credit": im.get("credit"), "alt": im.get("alt")} for i, im in enumerate(a.images, 1))
        rows["related_links"].extend({"article_id": aid, "position": i, "headline": r.get("headline"),
                                      "url": r.get("url"), "block": r.get("block")}
                                     for i, r in enumerate(a.related_links, 1))
        rows["quotes"].extend({"article_id": aid, "position": i, "text": q.get("text"), "speaker": q.get("speaker"),
                               "paragraph": q.get("paragraph"), "kind": q.get("kind")} for i, q in enumerate(a.quotes, 1))
        rows["people"].extend({"article_id": aid, "name": p.get("name"), "role": p.get("role"),
                               "mentions": p.get("mentions")} for p in a.people)
        rows["organizations"].extend({"article_id": aid, "name": o.get("name"), "long_form": o.get("long_form"),
                                      "mentions": o.get("mentions")} for o in a.organizations)
        rows["places"].extend({"article_id": aid, "name": p.get("name"), "mentions": p.get("mentions")} for p in a.places)
    for r in rejects:
        rows["rejects"].append({"source_path": r.source_path, "sha256": r.sha256, "error_kind": r.error_kind,
                                "message": r.message, "ingested_at": ingested_at})
    return rows


def write_batch(warehouse: str | Path, batch: str, arts: list[Article], rejects: list[Reject],
                ledger: list[dict], ingested_at: Optional[datetime] = None) -> dict[str, int]:
    """Write one batch's parts (children, articles, rejects, then ledger). Returns rows per table."""
    wh = Path(warehouse)
    ingested_at = ingested_at or now_utc()
    rows = rows_for(arts, rejects, ingested_at)
    counts = {}
    for t in TABLES:
        r = rows[t]
        counts[t] = len(r)
        if not r:
            continue
        if t in PARTITIONED:
            groups: dict[tuple[str, str], list[dict]] = {}
            for row in r:
                groups.setdefault(_partition(row["published"]), []).append(row)
            for (y, m), grp in groups.items():
                atomic_write_table(pa.Table.from_pylist(grp, schema=SCHEMAS[t]),
                                   wh / t / f"year={y}" / f"month={m}" / f"part-{batch}.parquet")
        else:
            atomic_write_table(pa.Table.from_pylist(r, schema=SCHEMAS[t]), wh / t / f"part-{batch}.parquet")
    for row in ledger:
        row.setdefault("ingested_at", ingested_at)
        row["batch"] = batch
    atomic_write_table(pa.Table.from_pylist(ledger, schema=SCHEMAS["_ledger"]), wh / "_ledger" / f"part-{batch}.parquet")
    counts["_ledger"] = len(ledger)
    return counts


def _parts(wh: Path, table: str) -> Iterator[Path]:
    d = wh / table
    if d.exists():
        yield from (p for p in d.rglob("part-*.parquet"))


INIT_PART = "init"  # the empty, schema-only part every non-partitioned table starts with


def ensure_tables(warehouse: str | Path) -> None:
    """Give every table a directory with a schema-only part, so `pandas.read_parquet("warehouse/<t>")`
    and DuckDB work on a table that has no rows yet (no rejects is a normal state)."""
    wh = Path(warehouse)
    for t in TABLES + ["_ledger"]:
        if t in PARTITIONED:
            (wh / t).mkdir(parents=True, exist_ok=True)
            continue
        p = wh / t / f"part-{INIT_PART}.parquet"
        if not p.exists():
            atomic_write_table(SCHEMAS[t].empty_table(), p)


def committed_batches(warehouse: str | Path) -> set[str]:
    return {p.stem[len("part-"):] for p in _parts(Path(warehouse), "_ledger")} | {INIT_PART}


def recover(warehouse: str | Path) -> int:
    """Delete parts of batches that never committed (no ledger part) and stray temp files. Returns count."""
    wh = Path(warehouse)
    done = committed_batches(wh)
    removed = 0
    for t in TABLES:
        d = wh / t
        if not d.exists():
            continue
        for p in list(d.rglob("*")):
            if p.is_file() and (p.name.endswith(".tmp") or (p.name.startswith("part-") and p.stem[5:] not in done)):
                p.unlink()
                removed += 1
    ld = wh / "_ledger"
    if ld.exists():
        for p in ld.glob(".*.tmp"):
            p.unlink()
            removed += 1
    return removed


def read_ledger(warehouse: str | Path) -> pa.Table:
    parts = sorted(_parts(Path(warehouse), "_ledger"))
    if not parts:
        return SCHEMAS["_ledger"].empty_table()
    return pa.concat_tables([pq.read_table(p, schema=SCHEMAS["_ledger"]) for p in parts])


def read_table(warehouse: str | Path, table: str) -> pa.Table:
    """A whole table (tests, small warehouses). Large ones: query through DuckDB or pyarrow.dataset."""
    import pyarrow.dataset as ds
    d = Path(warehouse) / table
    if not d.exists() or not any(_parts(Path(warehouse), table)):
        return SCHEMAS[table].empty_table()
    part = "hive" if table in PARTITIONED else None
    return ds.dataset(str(d), format="parquet", partitioning=part).to_table()


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
