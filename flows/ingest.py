"""The `ingest` flow: raw/ -> batches -> warehouse/. Run by `copydesk run`, `copydesk serve` or by hand."""
from __future__ import annotations

import os
import time
import uuid
from datetime import datetime, timezone
from typing import Optional

from prefect import flow
from prefect.context import get_run_context
from prefect.futures import as_completed
from prefect.task_runners import ThreadPoolTaskRunner
from prefect.artifacts import create_markdown_artifact, create_progress_artifact, create_table_artifact, \
    update_progress_artifact
from prefect.logging import get_run_logger
from prefect.runtime import flow_run
from prefect.utilities.annotations import quote

from copydesk import config
from copydesk import ingest as core
from copydesk import load
from copydesk import storage
from tasks.ingest import ingest_batch


def _distributed() -> bool:
    """True when the flow runs with a task runner other than Prefect's default thread pool (Dask)."""
    ctx = get_run_context()
    return not isinstance(getattr(ctx, "task_runner", None), (ThreadPoolTaskRunner, type(None)))


def _run_name() -> str:
    raw = flow_run.parameters.get("raw") or config.load().raw
    return f"ingest {str(raw).rstrip('/')}/ {datetime.now(timezone.utc):%Y-%m-%d %H:%M}"


@flow(name="ingest", flow_run_name=_run_name, log_prints=False)
def ingest(raw: Optional[str] = None, warehouse: Optional[str] = None, batch_size: Optional[int] = None,
           workers: Optional[int] = None, caps: Optional[dict] = None,
           site_timezones: Optional[dict] = None) -> dict:
    """Ingest every new or changed page under `raw` into the Parquet tables under `warehouse`.

    Parameters left empty come from the configuration (`[tool.copydesk]` / copydesk.toml, then
    `COPYDESK_*` variables; see copydesk/config.py), read where the flow runs. `caps`: per-document limits
    (time_budget_s, max_file_bytes, max_decompressed_bytes, max_text_chars, max_nesting_depth,
    max_attribute_bytes). `raw` and `warehouse` may be fsspec URLs (`s3://bucket/prefix`): the run then holds
    a lease on the remote warehouse, each batch task fetches only its own objects and uploads its own parts,
    and this process keeps a mirror of the warehouse for recovery, planning and finish_run
    (copydesk/storage.py)."""
    cfg = config.load(overrides=dict(raw=raw, warehouse=warehouse))
    if not (storage.is_url(cfg.raw) or storage.is_url(cfg.warehouse)):
        return _ingest(raw, warehouse, batch_size, workers, caps, site_timezones)
    # Object store: a lease on the remote warehouse for the whole run (LockHeld if another live run has it),
    # a local mirror of the warehouse for this process's steps, per-batch staging in the tasks.
    with storage.RemoteRun(cfg.raw, cfg.warehouse) as remote:
        summary = _ingest(raw, warehouse, batch_size, workers, caps, site_timezones, remote=remote)
    sync = dict(remote.report)
    staged = [r.get("staged", {}) for r in summary.pop("batch_results", [])]
    # Objects the batches fetched / files they uploaded (the flow process itself downloads no raw object
    # but new WARC/WET files, which it scans for their records).
    sync["raw"] = dict(fetched=sum(x.get("fetched", 0) for x in staged))
    sync["batches_uploaded"] = sum(x.get("uploaded", 0) for x in staged)
    get_run_logger().info("object store sync: %s", sync)
    summary.update(sync=sync)
    return summary


def _ingest(raw: Optional[str], warehouse: Optional[str], batch_size: Optional[int], workers: Optional[int],
            caps: Optional[dict], site_timezones: Optional[dict],
            remote: Optional[storage.RemoteRun] = None) -> dict:
    """The run's steps. `remote` (URLs): this process works on `remote.local_warehouse` (a mirror), the
    batches get the URLs, and the mirror is published after recovery and after finish_run."""
    log = get_run_logger()
    t0 = time.perf_counter()
    cfg = config.load(overrides=dict(raw=raw, warehouse=warehouse, batch_size=batch_size, workers=workers,
                                     site_timezones=site_timezones, **(caps or {})))
    raw, warehouse, batch_size, opts = cfg.raw, cfg.warehouse, cfg.batch_size, cfg.options()
    # `local_wh`: where this process reads and rewrites the warehouse; `warehouse`: what batches write to.
    local_wh = remote.local_warehouse if remote else warehouse
    run_id = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S") + "-" + uuid.uuid4().hex[:6]
    os.makedirs(local_wh, exist_ok=True)
    t_plan = time.perf_counter()  # lock, recovery and planning: warehouse work, not orchestration
    with load.warehouse_lock(local_wh):
        load.ensure_tables(local_wh)
        removed = load.recover(local_wh)
        if removed:
            log.warning("removed %d files of an earlier run that did not finish", removed)
        if remote:
            remote.published_setup()
        plan = remote.plan() if remote else core.plan(raw, local_wh)
        t_plan = time.perf_counter() - t_plan
        groups = core.batches(plan.todo, batch_size)
        log.info("found %d files under %s: %d new or changed, %d unchanged -> %d batches of up to %d",
                 plan.seen, raw, len(plan.todo), plan.unchanged, len(groups), batch_size)
        progress = create_progress_artifact(progress=0.0, key="ingest-progress",
                                            description="share of batches done") if groups else None
        results = []
        known = set(plan.known_sha)
        lease_owner = remote.lease_owner if remote else None
        if _distributed():
            # Dask (or another distributing runner): batches are the unit of distribution. Batches running
            # at once cannot see each other's new content; finish_run collapses such duplicates.
            # No quote() here: Dask unpacks tuples (quote is a namedtuple) in task arguments.
            futures = [ingest_batch.submit(items, raw, warehouse, core.batch_key(run_id, i, items), run_id,
                                           known, index=i, size=len(items), opts=opts, workers=cfg.workers,
                                           lease_owner=lease_owner) for i, items in enumerate(groups, 1)]
            for done, fut in enumerate(as_completed(futures), 1):
                results.append(fut.result())
                if progress:
                    update_progress_artifact(progress, progress=100.0 * done / len(groups))
        else:
            # One batch at a time in this process; each batch spreads its documents over `workers`
            # processes (copydesk/guard.py), so a small box uses all its cores without extra task runs.
            for i, items in enumerate(groups, 1):
                key = core.batch_key(run_id, i, items)
                s = ingest_batch(quote(items), raw, warehouse, key, run_id, quote(known), index=i,
                                 size=len(items), opts=quote(opts), workers=cfg.workers, lease_owner=lease_owner)
                results.append(s)
                if progress:
                    update_progress_artifact(progress, progress=100.0 * i / len(groups))
        t_finish = time.perf_counter()
        if remote:
            remote.collect()  # the parts every batch uploaded, into the mirror
        finish = core.finish_run(local_wh)  # replaced articles out of every table; story_clusters
        if remote:
            remote.publish()
        t_finish = time.perf_counter() - t_finish
    summary = core.merge_summaries(results)
    summary["finish"] = finish
    if remote:
        summary["batch_results"] = results  # their staging counts, summed by ingest()
    summary.update(seen=plan.seen, unchanged=plan.unchanged, seconds=time.perf_counter() - t0,
                   warehouse=str(warehouse), raw=str(raw), batches=len(groups), run_id=run_id,
                   flow_run_id=str(flow_run.id) if flow_run.id else None)
    summary["files_per_s"] = summary["files"] / summary["seconds"] if summary["seconds"] else 0.0
    # Where the wall time went: the core's work (inside batches, plan, finish) vs. everything else, which is
    # Prefect's orchestration (task-run bookkeeping, artifacts, logging) — kept under 5 % by big batches.
    work = sum(r["seconds"] for r in results) + t_plan + t_finish
    summary.update(plan_s=t_plan, finish_s=t_finish, batch_s=sum(r["seconds"] for r in results),
                   orchestration_s=max(0.0, summary["seconds"] - work))
    summary["orchestration_share"] = summary["orchestration_s"] / summary["seconds"] if summary["seconds"] else 0.0
    _artifacts(summary)
    log.info("done: %d articles, %d rejects, %d unchanged in %.2fs", summary["articles"], summary["rejects"],
             summary["unchanged"], summary["seconds"])
    return summary


def _artifacts(s: dict) -> None:
    rows = [("files seen", s["seen"]), ("new or changed", s["files"]), ("unchanged (skipped)", s["unchanged"]),
            ("articles", s["articles"]), ("duplicates of known content", s["duplicates"]),
            ("body paragraphs", s["paragraphs"]), ("rejects", s["rejects"]), ("batches", s["batches"]),
            ("seconds", f"{s['seconds']:.2f}"), ("files/s", f"{s['files_per_s']:.1f}"),
            ("seconds in batches / plan / finish", f"{s['batch_s']:.2f} / {s['plan_s']:.2f} / {s['finish_s']:.2f}"),
            ("orchestration share", f"{100 * s['orchestration_share']:.1f} %")]
    md = ["# ingest summary", "", f"`{s['raw']}` → `{s['warehouse']}`", "", "| metric | value |", "|---|---|"]
    md += [f"| {k} | {v} |" for k, v in rows]
    md += ["", "## lines removed by label", "", "| label | lines |", "|---|---|"]
    md += [f"| {k} | {v} |" for k, v in s["removed"].items()] or ["| (none) | 0 |"]
    if s["reject_rows"]:
        md += ["", "## rejects by kind", "", "| kind | files |", "|---|---|"]
        kinds: dict[str, int] = {}
        for r in s["reject_rows"]:
            kinds[r["error_kind"]] = kinds.get(r["error_kind"], 0) + 1
        md += [f"| {k} | {v} |" for k, v in sorted(kinds.items())]
    create_markdown_artifact("\n".join(md), key="ingest-summary", description="what the ingest run did")
    create_table_artifact(s["reject_rows"][:500] or [{"source_path": "", "error_kind": "", "message": "no rejects"}],
                          key="ingest-rejects", description="files that could not be ingested, with the reason")
