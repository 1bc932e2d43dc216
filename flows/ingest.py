"""The `ingest` flow: raw/ -> batches -> warehouse/. Run by `copydesk run`, `copydesk serve` or by hand."""
from __future__ import annotations

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
from copydesk.run import driver as core
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
    and this process runs recovery, planning and finish_run straight off the store, keeping no copy of the
    warehouse (copydesk/warehouse/store.py, storepath.py)."""
    log = get_run_logger()
    cfg = config.load(overrides=dict(raw=raw, warehouse=warehouse, batch_size=batch_size, workers=workers,
                                     site_timezones=site_timezones, **(caps or {})))
    opts = cfg.options()
    distributed = _distributed()

    def run_batches(groups: list, run_id: str, lease_owner: Optional[str]) -> list[dict]:
        progress = create_progress_artifact(progress=0.0, key="ingest-progress",
                                            description="share of batches done") if groups else None
        results = []
        if distributed:
            # Dask (or another distributing runner): batches are the unit of distribution. Batches running
            # at once cannot see each other's new content; finish_run collapses such duplicates.
            # No quote() here: Dask unpacks tuples (quote is a namedtuple) in task arguments.
            futures = [ingest_batch.submit(items, str(cfg.raw), str(cfg.warehouse), core.batch_key(run_id, i, items),
                                           run_id, index=i, size=len(items), opts=opts, workers=cfg.workers,
                                           lease_owner=lease_owner) for i, items in enumerate(groups, 1)]
            for done, fut in enumerate(as_completed(futures), 1):
                results.append(fut.result())
                update_progress_artifact(progress, progress=100.0 * done / len(groups))
        else:
            # One batch at a time in this process; each batch spreads its documents over `workers`
            # processes (copydesk/run/workers.py), so a small box uses all its cores without extra task runs.
            for i, items in enumerate(groups, 1):
                results.append(ingest_batch(quote(items), str(cfg.raw), str(cfg.warehouse),
                                            core.batch_key(run_id, i, items), run_id, index=i,
                                            size=len(items), opts=quote(opts), workers=cfg.workers,
                                            lease_owner=lease_owner))
                update_progress_artifact(progress, progress=100.0 * i / len(groups))
        return results

    # The run's steps (lease for URLs, lock, recover, plan, batches, finish_run, publish) are
    # copydesk.run.driver.drive, shared with `copydesk.run.driver.run`; this flow adds tasks, artifacts and logs.
    summary = core.drive(cfg.raw, cfg.warehouse, cfg.batch_size, run_batches, log=log)
    summary["flow_run_id"] = str(flow_run.id) if flow_run.id else None
    if "sync" in summary:
        log.info("object store sync: %s", summary["sync"])
    # Where the wall time went: the core's work (inside batches, plan, finish) vs. everything else, which is
    # Prefect's orchestration (task-run bookkeeping, artifacts, logging) — kept under 5 % by big batches.
    work = summary["batch_s"] + summary["plan_s"] + summary["finish_s"]
    summary["orchestration_s"] = max(0.0, summary["seconds"] - work)
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
