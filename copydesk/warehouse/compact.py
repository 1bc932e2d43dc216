"""`copydesk compact`: merge a table's small part files into few large ones (zstd, dictionary-encoded
low-cardinality columns, row groups of `writer.ROW_GROUP_ROWS`).

Every run adds one part per batch and table, so a warehouse fed every 15 minutes grows thousands of small
files; scans then pay per-file overhead. Compaction rewrites them without ever exposing a state with rows
missing or doubled after a crash:

  1. write the merged rows to a temp file `.part-c-<id>.parquet.pending.tmp` in the same directory, fsync;
  2. write the manifest `_compact/<id>.json` (directory, temp name, final name, the files it replaces) —
     this is the commit point;
  3. rename the temp file to `part-c-<id>.parquet`, delete the replaced files, delete the manifest.

`recover_compactions()` (called first by `recovery.recover()`) redoes step 3 for every manifest it finds; a
temp file without a manifest never committed and is deleted like any other temp file. Runs and
compaction take the same warehouse lock.
"""
from __future__ import annotations

import json
import os
import uuid
from datetime import datetime, timezone
from pathlib import Path

import pyarrow as pa
import pyarrow.dataset as ds
import pyarrow.parquet as pq

from copydesk.warehouse import writer
from copydesk.warehouse.storepath import StorePath, arrow_args, local_temp, remove_local, warehouse_path

# Parts smaller than this are merged: below a few MB per file, scans are dominated by per-file overhead.
SMALL_FILE_BYTES = 16 * 1024 * 1024
# Inputs per output file stop after this many bytes, so one output stays a sensible unit for readers.
TARGET_FILE_BYTES = 256 * 1024 * 1024
MANIFEST_DIR = "_compact"
# A run compacts a directory itself once it holds this many small parts (see ingest.finish_run): the
# file count stays bounded without a separate job, and a run's cost stays proportional to its own data.
AUTO_COMPACT_MIN_FILES = 32
# A merged file's row group is written once this many bytes of rows (Arrow, uncompressed) are buffered,
# even below writer.ROW_GROUP_ROWS: `articles` rows carry whole bodies (~10-40 KB each in Arrow), so 122,880
# of them would hold several GB in memory; a group of inputs is up to TARGET_FILE_BYTES of zstd Parquet,
# which is ~3-4x that in Arrow. 64 MB row groups are still large for scans (DuckDB/pyarrow read them in
# parallel), and compaction's memory stays bounded whatever the table.
ROW_GROUP_MAX_BYTES = 64 * 1024 * 1024
# Rows read from an input part at a time.
READ_BATCH_ROWS = 8192


def _leaf_dirs(wh: Path, table: str) -> list[Path]:
    d = wh / table
    if not d.exists():
        return []
    dirs = {p.parent for p in d.rglob("part-*.parquet")}
    return sorted(dirs)


def _groups(files: list[Path]) -> list[list[Path]]:
    out, cur, size = [], [], 0
    for f in files:
        cur.append(f)
        size += f.stat().st_size
        if size >= TARGET_FILE_BYTES:
            out.append(cur)
            cur, size = [], 0
    if cur:
        out.append(cur)
    return [g for g in out if len(g) >= 2]


def _write_merged(files: list[Path], schema: pa.Schema, dest: Path) -> int:
    """Stream `files` into one Parquet file: rows are read a record batch at a time and written as a row
    group whenever ROW_GROUP_ROWS rows or ROW_GROUP_MAX_BYTES bytes are buffered (memory stays bounded by
    the byte cap plus one input batch, not by the size of the group of files)."""
    rows = 0
    buf: list[pa.RecordBatch] = []
    buffered = nbytes = 0
    # the batches whose rows the merged part holds, in its footer (writer.batch_parts reads it); unknown if
    # an input's are
    held = [writer.part_batches(f) for f in files]
    if all(h is not None for h in held):
        schema = schema.with_metadata({writer.META_BATCHES: json.dumps(sorted(set().union(*held)))})

    def flush() -> None:
        nonlocal buf, buffered, nbytes
        w.write_table(pa.Table.from_batches(buf, schema=schema), row_group_size=writer.ROW_GROUP_ROWS)
        buf, buffered, nbytes = [], 0, 0

    with pq.ParquetWriter(dest, schema, **writer.write_options(schema)) as w:
        for f in files:
            # read with the table's schema, as pq.read_table(f, schema=...) did: older parts without a
            # column added since (schema migrations are additive) give nulls
            for b in ds.dataset(str(f), schema=schema, format="parquet", **arrow_args(f)).to_batches(batch_size=READ_BATCH_ROWS,
                                                                               use_threads=False):
                rows += b.num_rows
                buf.append(b)
                buffered += b.num_rows
                nbytes += b.nbytes
                if buffered >= writer.ROW_GROUP_ROWS or nbytes >= ROW_GROUP_MAX_BYTES:
                    flush()
        if buf:
            flush()
        elif rows == 0:
            w.write_table(schema.empty_table())
    writer.fsync_path(dest)
    return rows


def _finish(wh: Path, manifest: Path) -> None:
    m = json.loads(manifest.read_text(encoding="utf-8"))
    d = wh / m["dir"]
    tmp, new = d / m["tmp"], d / m["new"]
    if tmp.exists():
        os.replace(tmp, new)
    for name in m["old"]:
        (d / name).unlink(missing_ok=True)
    writer.fsync_dir(d)
    manifest.unlink()
    writer.fsync_dir(manifest.parent)


def recover_compactions(warehouse: str | Path) -> int:
    """Finish every committed compaction (manifest present). Returns the number finished."""
    wh = warehouse_path(warehouse)
    if isinstance(wh, StorePath):  # compactions on a store are journaled (store.finish_publish), not manifested
        return 0
    md = wh / MANIFEST_DIR
    if not md.exists():
        return 0
    n = 0
    for p in sorted(md.glob("*.json")):
        _finish(wh, p)
        n += 1
    for p in md.glob(".*.tmp"):
        p.unlink()
    return n


def compact(warehouse: str | Path, small_file_bytes: int = SMALL_FILE_BYTES, min_files: int = 2) -> dict:
    """Merge small parts of every table (per hive partition) where a directory has at least `min_files`
    of them. Call under `writer.warehouse_lock`."""
    wh = warehouse_path(warehouse)
    recover_compactions(wh)
    stats = {"files_before": 0, "files_after": 0, "rewritten": 0, "outputs": 0, "rows": 0}
    for t in writer.TABLES + ["_ledger", writer.STORY_MEMBERS]:
        for d in _leaf_dirs(wh, t):
            parts = sorted(d.glob("part-*.parquet"))
            stats["files_before"] += len(parts)
            # The schema-only init part stays: it keeps an empty table readable after a full rewrite.
            small = [p for p in parts if p.stem != f"part-{writer.INIT_PART}" and p.stat().st_size < small_file_bytes]
            if len(small) < min_files:
                stats["files_after"] += len(parts)
                continue
            for g in _groups(small):
                _compact_group(wh, t, d, g, stats)
            stats["files_after"] += len(list(d.glob("part-*.parquet")))
    return stats


def _compact_group(wh: Path, table: str, d: Path, files: list[Path], stats: dict) -> None:
    cid = f"{writer.COMPACTED_PREFIX}{datetime.now(timezone.utc):%Y%m%dT%H%M%S}-{uuid.uuid4().hex[:8]}"
    new = d / f"part-{cid}.parquet"
    if isinstance(wh, StorePath):
        return _compact_group_on_store(wh, table, new, files, stats)
    tmp = d / f".part-{cid}.parquet.pending.tmp"
    try:
        stats["rows"] += _write_merged(files, writer.SCHEMAS[table], tmp)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    md = wh / MANIFEST_DIR
    md.mkdir(exist_ok=True)
    manifest = md / f"{cid}.json"
    mtmp = md / f".{cid}.json.tmp"
    mtmp.write_text(json.dumps({"dir": str(d.relative_to(wh)), "tmp": tmp.name, "new": new.name,
                                "old": [f.name for f in files]}), encoding="utf-8")
    writer.fsync_path(mtmp)
    os.replace(mtmp, manifest)  # commit point
    writer.fsync_dir(md)
    _finish(wh, manifest)
    stats["rewritten"] += len(files)
    stats["outputs"] += 1




def _compact_group_on_store(wh: StorePath, table: str, new: StorePath, files: list[StorePath], stats: dict) -> None:
    """The same merge on an object store, which cannot rename: the merged part is written locally, then the
    publish journal (`store.JOURNAL_NAME`: the merged part and the parts it replaces) is put before the
    merged part is uploaded and deleted after the last replaced part is; a run cut in between leaves the
    journal, and the next run's `store.finish_publish` deletes the replaced parts (the merged one is up) or
    the merged one (it is not). The inputs are read straight off the store, one record batch at a time."""
    from copydesk.warehouse import store
    tmp = local_temp(new.name)
    try:
        stats["rows"] += _write_merged(files, writer.SCHEMAS[table], tmp)
        rel = lambda p: str(p.relative_to(wh))  # noqa: E731
        journal = wh / store.JOURNAL_NAME
        journal.write_bytes(store.journal_record([rel(new)], [rel(f) for f in files]))
        new.upload(tmp)
    finally:
        remove_local(tmp)
    store._parallel(lambda f: f.unlink(missing_ok=True), files)
    journal.unlink(missing_ok=True)
    stats["rewritten"] += len(files)
    stats["outputs"] += 1
