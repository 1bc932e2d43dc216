"""Plan and run an ingest without Prefect: discover inputs, skip what the ledger already has, process
batches, write each batch's parts, then finish the run (reconcile replaced articles, update the story
clusters). `tasks/` and `flows/` wrap these same functions; `run()` is the same sequence in one process.

Ledger semantics: an input is skipped when the ledger has the same (path, size, mtime). Otherwise it is
read and hashed: content already live in the warehouse (any path) becomes a `duplicate` ledger row that
points at the existing article; new content becomes an article. A file whose content changed gets a new
article id, and `finish_run` (via `writer.reconcile`) removes the old article's rows from every table
unless another live input still has that content. Files that disappear from raw/ keep their articles:
raw/ may be rotated while the warehouse keeps history.
"""
from __future__ import annotations

import hashlib
import logging
import os
import time
import uuid
from datetime import datetime, timezone
from collections import Counter
from pathlib import Path
from typing import Callable, Optional

from copydesk.warehouse import ledger as ledger_mod
from copydesk.warehouse import writer
from copydesk.run.workers import process_many
from copydesk.core.pipeline import Options
from copydesk.warehouse import recovery, stories
from copydesk.core.records import Article, Reject

_log = logging.getLogger("copydesk.run.driver")
DEFAULT_BATCH_SIZE = 500  # ../shared/prefect-notes.md §2: >=125-250 docs per task keeps overhead < 5 %
# Live article ids are read from the articles table in record batches of this many at the end of a run; the
# story index adds the new ones in chunks closed at a batch boundary once they reach
# stories.UPDATE_CHUNK (the same size: the chunks the index was always fed).
STORY_INDEX_CHUNK = 500


def batches(todo: list, size: int) -> list[list]:
    return [todo[i:i + size] for i in range(0, len(todo), size)]


def batch_key(run_id: str, index: int, items: list) -> str:
    h = hashlib.sha256("\n".join(p for p, *_ in items).encode()).hexdigest()[:10]
    return f"{run_id}-{index:05d}-{h}"


def run_batch(items: list[tuple[str, int, int]], raw_dir: str, warehouse: str, key: str, run_id: str,
              known_sha: Optional[set[str]] = None, opts: Options = Options(), workers: Optional[int] = None,
              live_content: Optional[Callable[[set], set]] = None) -> dict:
    """Process one batch and commit it. Returns a small summary dict (counts only: cheap to pass around).

    Content already live in the warehouse becomes a `duplicate`. Which of the batch's content is live is
    asked of the ledger once the documents are processed, for their hashes only (`live_content`, default
    `ledger.live_content(warehouse, ...)`; the batch is not sent the whole live set): so sequential batches
    see the batches committed before them, and batches running at once cannot see each other — the same
    new content written by two batches is collapsed to one copy by `finish_run`. `known_sha` (a set,
    updated in place with the content this batch adds) replaces the lookup: tests use it to pretend
    batches cannot see each other."""
    t0 = time.perf_counter()
    arts: list[Article] = []
    rejects: list[Reject] = []
    ledger: list[dict] = []
    removed: Counter = Counter()
    dup = 0
    # each document under a real time budget, on `workers` processes (copydesk/run/workers.py)
    results = process_many([p for p, _, _ in items], raw_dir, opts, workers=workers)
    if known_sha is not None:
        known = known_sha if isinstance(known_sha, set) else set(known_sha)
    else:
        shas = {r.sha256 for r in results if isinstance(r, Article)}
        known = (live_content or (lambda s: ledger_mod.live_content(warehouse, s)))(shas)
    for (path, size, mtime_ns), r in zip(items, results):
        rel = os.path.relpath(path, raw_dir)
        if isinstance(r, Reject):
            rejects.append(r)
            ledger.append(dict(source_path=rel, size=size, mtime_ns=mtime_ns, sha256=r.sha256, article_id=None,
                               status="rejected", run_id=run_id))
            continue
        status = "article"
        if r.sha256 in known:
            status, dup = "duplicate", dup + 1
        else:
            known.add(r.sha256)
            arts.append(r)
            removed.update(ln.label for ln in r.lines if ln.label != "body")
        ledger.append(dict(source_path=rel, size=size, mtime_ns=mtime_ns, sha256=r.sha256, article_id=r.article_id,
                           status=status, run_id=run_id))
    # the story index's sketch and band rows of the new articles, computed here, where the batch runs
    sketches = stories.sketch_tables([a.article_id for a in arts], [a.body for a in arts])
    counts = writer.write_batch(warehouse, key, arts, rejects, ledger, extra=sketches) if ledger else {}
    return {
        "batch": key, "files": len(items), "articles": len(arts), "duplicates": dup, "rejects": len(rejects),
        "paragraphs": sum(len(a.paragraphs) for a in arts), "removed": dict(removed),
        "reject_rows": [{"source_path": r.source_path, "error_kind": r.error_kind, "message": r.message}
                        for r in rejects],
        "rows": counts, "seconds": time.perf_counter() - t0,
    }


def finish_run(warehouse: str | Path, threshold: Optional[float] = None, runs: Optional[list[str]] = None) -> dict:
    """The end of a run (under the warehouse lock, after every batch committed): remove the rows of
    replaced articles everywhere (`writer.reconcile`), then bring the story index up to date
    (`stories.update`: drop articles that are gone, add live articles it has not seen — this run's, or an
    earlier run's that was killed before this step — reading only the index rows they touch) and with it
    `story_clusters`; then compact directories with many small parts. Safe to repeat after a crash.

    `runs` (what `drive` passes: the runs with a marker, `writer.pending_runs`): reconcile and index only
    what those runs' ledger rows touched, so the step costs what the run added, not what the warehouse
    holds (scripts/bench_scale.py). The whole warehouse is still gone through when it was never finished
    with markers (`writer.META_MARKED`) or the story index is rebuilt; `runs=None` always does."""
    import pyarrow.dataset as ds
    import pyarrow.compute as pc
    from copydesk.warehouse.storepath import arrow_args, warehouse_path
    wh = warehouse_path(warehouse)
    import pyarrow as pa
    meta = writer.read_meta(wh) or {}
    if runs is not None and (not meta.get(writer.META_MARKED) or stories.rebuilds(wh, threshold)):
        runs = None
    rec = writer.reconcile(wh, runs=runs)
    # Arrow's allocator keeps freed memory for reuse; each step below reads columns of the whole warehouse
    # once, so give it back between steps instead of stacking their peaks (scripts/bench_scale.py, 200,000
    # articles: the host's peak went from 521 to 484 MiB, measured while stories.update still used DuckDB)
    pa.default_memory_pool().release_unused()
    arts_dir = wh / "articles"
    live: list = []
    fresh = None if runs is None else pa.array(sorted(rec["written"]), pa.string())
    if any(arts_dir.rglob("part-*.parquet")) and (fresh is None or len(fresh)):
        # the live ids in the table's order, as record batches (the story index adds new ones in chunks
        # formed the same way whatever the run: see stories.update); with `runs`, each batch filtered to the
        # articles those runs wrote (the others are in the index already)
        dset = ds.dataset(str(arts_dir), format="parquet", partitioning="hive", **arrow_args(arts_dir))
        # with `runs`, only the parts of the batches that wrote the touched articles (the others hold none
        # of `fresh`: skipping them changes no chunk)
        wanted = None if fresh is None else set(rec["article_parts"])
        for frag in dset.get_fragments():
            if wanted is not None and frag.path not in wanted:
                continue
            for rb in frag.to_batches(columns=["article_id"], batch_size=STORY_INDEX_CHUNK, use_threads=False):
                ids = rb.column(0)
                live.append(ids if fresh is None else ids.filter(pc.is_in(ids, value_set=fresh)))
    st = stories.update(wh, live, threshold, gone=rec["gone"] if runs is not None else None)
    del live
    pa.default_memory_pool().release_unused()
    from copydesk.warehouse.compact import AUTO_COMPACT_MIN_FILES, compact
    comp = compact(wh, min_files=AUTO_COMPACT_MIN_FILES)
    if runs is None and not meta.get(writer.META_MARKED):
        writer.write_meta(wh, **{writer.META_MARKED: True})  # every earlier run's rows are reconciled now
    return {"compacted_files": comp["rewritten"], "replaced_articles": rec["stale_articles"],
            "collapsed_duplicates": rec["duplicate_articles"], "rows_removed": rec["rows_removed"],
            "indexed": st["indexed"], "unindexed": st["unindexed"], "new_similar_pairs": st["new_similar_pairs"],
            "story_clusters": st["story_clusters"]}


def new_run_id() -> str:
    return datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S%f") + "-" + uuid.uuid4().hex[:6]


def stage_and_run_batch(items: list, raw: str, warehouse: str, key: str, run_id: str,
                        opts: Options = Options(), workers: Optional[int] = None,
                        lease_owner: Optional[str] = None) -> dict:
    """`run_batch` on the machine that runs it, wherever raw/ and the warehouse live (what a batch task does).

    raw / warehouse may be object-store URLs: the batch then fetches only its own objects and writes its
    parts into a temporary folder on this machine, and uploads them (ledger part last) before the folder
    goes (`store.staged_batch`). Fetching happens here; the per-document workers come from the fork server.
    `lease_owner`: the run's lease on a remote warehouse; the upload is refused if another run took it.
    A task carries its items and settings only: which of its content is live already is asked of the
    warehouse's ledger (on the store for a URL) for the batch's own hashes (`ledger.live_content`). Only
    committed ledger parts answer, so a retry after a failed write or upload does not take this batch's own
    uncommitted articles for known content."""
    from copydesk.warehouse import store
    with store.staged_batch(items, raw, warehouse, lease_owner=lease_owner) as st:
        s = run_batch(st.items, st.raw, st.warehouse, key, run_id, None, opts, workers=workers,
                      live_content=lambda shas: ledger_mod.live_content(warehouse, shas))
        st.commit()
    if st.fetched or st.uploaded:
        s["staged"] = dict(fetched=st.fetched, uploaded=st.uploaded)
    return s


# How a driver runs the batches of a run: (batches, run_id, lease owner) -> batch summaries, in any order.
# `run` calls stage_and_run_batch in a loop; the Prefect flow submits one task per batch.
BatchRunner = Callable[[list[list], str, Optional[str]], list[dict]]


def drive(raw: str | Path, warehouse: str | Path, batch_size: int, run_batches: BatchRunner,
          run_id: Optional[str] = None, log: Optional[logging.Logger] = None) -> dict:
    """The steps of one ingest, shared by `run` (this process) and the `ingest` flow (Prefect tasks), so the
    two cannot drift: lease + mirror when the warehouse is a URL (`store.RemoteRun`, a pass-through for
    local paths), flock, ensure_tables, recover, plan, the batches (`run_batches`), collect the batches'
    uploads, finish_run, publish. Returns the run summary with where the time went (plan_s, batch_s,
    finish_s: our code; the rest of `seconds` is the caller's orchestration)."""
    from copydesk.warehouse import store
    log = log or _log
    t0 = time.perf_counter()
    run_id = run_id or new_run_id()
    from contextlib import nullcontext
    with store.RemoteRun(raw, warehouse) as remote:
        # where this process reads and rewrites the warehouse: the local folder, or the store itself (no copy)
        local_wh = remote.where
        if not remote.remote:
            os.makedirs(local_wh, exist_ok=True)
        t_plan = time.perf_counter()  # lock, recovery and planning: warehouse work, not orchestration
        # a second run stops at once, naming this one (writer.LockHeld; on a store the lease did already)
        # On a store, the steps before the batches and the finish each list the warehouse once
        # (`StorePath.snapshot`): only this process writes there meanwhile (the lease; batches run between).
        listed = local_wh.snapshot if remote.remote else nullcontext
        with nullcontext() if remote.remote else writer.run_lock(local_wh):
            with listed():
                writer.ensure_tables(local_wh)
                recovered = recovery.recover(local_wh, reconciled=False)  # finish_run reconciles
                # this run's marker, before any batch commits (on the store, like everything), so a run killed
                # before its finish is done is reconciled by the next one
                writer.mark_run(local_wh, run_id)
            if recovered:
                log.warning("removed %d files of an earlier run that did not finish", recovered)
            remote.published_setup()
            p = remote.plan()
            t_plan = time.perf_counter() - t_plan
            groups = batches(p.todo, batch_size)
            log.info("found %d files under %s: %d new or changed, %d unchanged -> %d batches of up to %d",
                     p.seen, raw, len(p.todo), p.unchanged, len(groups), batch_size)
            results = run_batches(groups, run_id, remote.lease_owner)
            t_finish = time.perf_counter()
            remote.collect()  # the lease is still ours, with time left for the finish
            with listed():
                pending = writer.pending_runs(local_wh)  # this run's and those of runs that died before it
                fin = finish_run(local_wh, runs=pending)  # replaced articles out of every table; story_clusters
            remote.publish()
            # only once everything finish_run rewrote is published (a publish cut half-way leaves the markers:
            # the next run redoes their reconcile)
            writer.clear_runs(local_wh, pending)
            t_finish = time.perf_counter() - t_finish
    s = merge_summaries(results)
    seconds = time.perf_counter() - t0
    s.update(seen=p.seen, unchanged=p.unchanged, seconds=seconds, warehouse=str(warehouse), raw=str(raw),
             batches=len(groups), run_id=run_id, recovered_files=recovered, finish=fin, plan_s=t_plan,
             finish_s=t_finish, batch_s=sum(r["seconds"] for r in results),
             files_per_s=s["files"] / seconds if seconds else 0.0)
    if remote.report or remote.remote or any("staged" in r for r in results):
        # objects the batches fetched / files they uploaded (this process downloads no raw object but new
        # WARC/WET files, which it scans for their records)
        staged = [r.get("staged", {}) for r in results]
        s["sync"] = dict(remote.report, raw=dict(fetched=sum(x.get("fetched", 0) for x in staged)),
                         batches_uploaded=sum(x.get("uploaded", 0) for x in staged))
    return s


def run(raw_dir: str | Path, warehouse: str | Path, batch_size: int = DEFAULT_BATCH_SIZE,
        run_id: Optional[str] = None, opts: Options = Options(), workers: Optional[int] = None) -> dict:
    """A whole ingest in this process, no Prefect: the same steps as the `ingest` flow (`drive`), batches
    one after another, each on `workers` processes. raw_dir / warehouse may be object-store URLs."""
    def sequential(groups: list[list], rid: str, lease_owner: Optional[str]) -> list[dict]:
        return [stage_and_run_batch(items, str(raw_dir), str(warehouse), batch_key(rid, i, items), rid,
                                    opts, workers=workers, lease_owner=lease_owner)
                for i, items in enumerate(groups, 1)]
    return drive(raw_dir, warehouse, batch_size, sequential, run_id=run_id)


def merge_summaries(parts: list[dict]) -> dict:
    removed: Counter = Counter()
    out = {"files": 0, "articles": 0, "duplicates": 0, "rejects": 0, "paragraphs": 0, "reject_rows": []}
    for s in parts:
        for k in ("files", "articles", "duplicates", "rejects", "paragraphs"):
            out[k] += s[k]
        removed.update(s["removed"])
        out["reject_rows"].extend(s["reject_rows"])
    out["removed"] = dict(removed.most_common())
    return out


def format_summary(s: dict) -> str:
    lines = [
        f"files seen: {s['seen']}  new/changed: {s['files']}  unchanged (skipped): {s['unchanged']}",
        f"articles: {s['articles']}  duplicates of known content: {s['duplicates']}  body paragraphs: {s['paragraphs']}",
        "removed lines: " + (", ".join(f"{k}={v}" for k, v in s["removed"].items()) or "none"),
        f"rejects: {s['rejects']}" + "".join(f"\n  {r['source_path']}: {r['error_kind']}: {r['message']}"
                                             for r in s["reject_rows"][:20]),
        f"seconds: {s['seconds']:.2f}",
    ]
    fin = s.get("finish")
    if fin:
        lines.append(f"replaced articles (changed files): {fin['replaced_articles']}  "
                     f"story clusters: {fin['story_clusters']} ({fin['indexed']} articles indexed this run)")
    lines += [
        f"tables: {s['warehouse']}/<table> (articles, paragraphs, lines, images, related_links, quotes, "
        f"people, organizations, places, rejects, story_clusters); query: copydesk query \"SQL\"",
    ]
    return "\n".join(lines)
