"""Thin Prefect tasks over batches of documents. The work is `copydesk.run.driver.run_batch`; the task adds a
readable name, retries for transient I/O, logging, no caching (inputs are paths, results are counts), and
per-batch staging when raw/ or the warehouse is an object-store URL (copydesk/warehouse/store.py)."""
from __future__ import annotations

from typing import Optional

from prefect import task
from prefect.cache_policies import NO_CACHE
from prefect.logging import get_run_logger

from copydesk.run import driver as core
from copydesk.core.pipeline import Options


def _transient(task, task_run, state) -> bool:
    """Retry only transient I/O errors (disk full, NFS hiccup, object store timeout); bad input never
    raises out of the core (it becomes a reject), so anything else is a bug and retrying will not help."""
    try:
        state.result()
    except (OSError, TimeoutError, ConnectionError):
        return True
    except Exception:
        return False
    return False


@task(name="ingest-batch", task_run_name="batch {index} ({size} files)", cache_policy=NO_CACHE,
      retries=3, retry_delay_seconds=[1, 4, 16], retry_condition_fn=_transient)
def ingest_batch(items: list, raw_dir: str, warehouse: str, key: str, run_id: str,
                 index: int, size: int, opts: Optional[Options] = None, workers: Optional[int] = None,
                 lease_owner: Optional[str] = None) -> dict:
    log = get_run_logger()
    s = core.stage_and_run_batch(items, raw_dir, warehouse, key, run_id, opts or Options(),
                                 workers=workers, lease_owner=lease_owner)
    if "staged" in s:
        log.info("batch %d: fetched %d objects, uploaded %d files", index, s["staged"]["fetched"],
                 s["staged"]["uploaded"])
    rate = s["files"] / s["seconds"] if s["seconds"] else 0.0
    log.info("batch %d: %d files -> %d articles, %d duplicates, %d rejects in %.2fs (%.0f files/s)",
             index, s["files"], s["articles"], s["duplicates"], s["rejects"], s["seconds"], rate)
    for r in s["reject_rows"]:
        log.warning("rejected %s: %s: %s", r["source_path"], r["error_kind"], r["message"])
    return s
