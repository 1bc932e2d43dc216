"""Run the ingest flow and make sure its history is complete before the process exits.

Prefect 3.9's embedded (ephemeral) server records task runs from client events asynchronously and is
killed when the process exits: a 300-task flow kept 19 of 300 task runs (../shared/prefect-notes.md §2).
Logs go through a background batching thread that is also cut off at exit. So after the flow returns we,
still inside the process that owns the server:
  1. flush the client's log worker (POST /logs writes to the database before it answers) and its events
     worker (task-run states travel as events),
  2. poll the API until every task run of this flow run is recorded in a final state and the flow run is
     final (artifacts are created by synchronous API calls, so they are already there),
and only then let the process (and the embedded server) exit.

This module imports Prefect lazily and only from the CLI: the core never needs it.
"""
from __future__ import annotations

import importlib
import os
import sys
import time
from typing import Optional

from copydesk import config

DRAIN_TIMEOUT_S = 120.0
API_PAGE = 200  # the server's maximum `limit` per read
# Under Dask the workers are the parallelism; each batch keeps one forked child for the time budget.
DASK_WORKERS_PER_BATCH = 1


def run_flow_and_drain(params: dict, task_runner=None) -> tuple[dict, Optional[dict]]:
    """Call the `ingest` flow with `params` (flow parameters), then wait until its history is recorded.
    Returns (summary, record counts)."""
    prefect_settings = importlib.import_module("prefect.settings")
    flows = importlib.import_module("flows.ingest")
    flow_obj = flows.ingest
    if task_runner is not None:
        flow_obj = flow_obj.with_options(task_runner=task_runner)
    # Heartbeats cost ~1.1 s per flow run on exit and tell a local run nothing (notes §2).
    # No ephemeral server anywhere: the settings travel with every task to Dask workers, and a worker that
    # found no API URL would start a server of its own (its task runs never reaching this run's UI); with
    # this off it fails loudly instead.
    with prefect_settings.temporary_settings({prefect_settings.PREFECT_FLOWS_HEARTBEAT_FREQUENCY: None,
                                              prefect_settings.PREFECT_SERVER_ALLOW_EPHEMERAL_MODE: False}):
        summary = flow_obj(**params)
        flush_client()
        recorded = record_counts(summary.get("flow_run_id"), expected_tasks=summary.get("batches", 0))
    return summary, recorded


def flush_client(timeout: float = 30.0) -> None:
    """Send everything the client still holds in memory: queued log records and events."""
    handlers = importlib.import_module("prefect.logging.handlers")
    handlers.APILogWorker.drain_all(timeout=timeout, at_exit=False)
    worker = importlib.import_module("prefect.events.worker")
    worker.EventsWorker.drain_all(timeout=timeout, at_exit=False)


def wait_recorded(flow_run_id: Optional[str], expected_tasks: int, timeout: float = DRAIN_TIMEOUT_S) -> Optional[int]:
    """Poll until the server has every task run of `flow_run_id` in a final state. Returns the count."""
    got = record_counts(flow_run_id, expected_tasks, timeout)
    return None if got is None else got["task_runs"]


def record_counts(flow_run_id: Optional[str], expected_tasks: int, timeout: float = DRAIN_TIMEOUT_S) -> Optional[dict]:
    """Wait for the task runs (see module doc), then count what the server holds for the flow run."""
    if not flow_run_id:
        return None
    client_mod = importlib.import_module("prefect.client.orchestration")
    filters = importlib.import_module("prefect.client.schemas.filters")
    flt = filters.FlowRunFilter(id=filters.FlowRunFilterId(any_=[flow_run_id]))
    deadline = time.monotonic() + timeout
    n, complete = 0, False
    with client_mod.get_client(sync_client=True) as client:
        while time.monotonic() < deadline:
            runs = _all(lambda limit, offset: client.read_task_runs(flow_run_filter=flt, limit=limit, offset=offset))
            n = sum(1 for r in runs if r.state is not None and r.state.is_final())
            fr = client.read_flow_run(flow_run_id)
            if n >= expected_tasks and fr.state is not None and fr.state.is_final():
                complete = True
                break
            time.sleep(0.25)
        lflt = filters.LogFilter(flow_run_id=filters.LogFilterFlowRunId(any_=[flow_run_id]))
        logs = _all(lambda limit, offset: client.read_logs(log_filter=lflt, limit=limit, offset=offset))
        arts = client.read_artifacts(artifact_filter=filters.ArtifactFilter(
            flow_run_id=filters.ArtifactFilterFlowRunId(any_=[flow_run_id])))
    return {"task_runs": n, "logs": len(logs), "artifacts": len(arts), "complete": complete}


def _all(read, page: int = API_PAGE) -> list:
    """Every row of a paged API read (the server caps `limit` at 200)."""
    out: list = []
    while True:
        rows = read(page, len(out))
        out.extend(rows)
        if len(rows) < page:
            return out


# ---------------------------------------------------------------------------------------------
# `copydesk run`: flags derived from copydesk/config.py (one declaration per option).





def run_main(args) -> int:
    from flows.env import prefect_env
    from copydesk.config import FIELDS, load
    from copydesk.run.driver import format_summary
    from copydesk.run import workers
    prefect_env()
    # started now, so they boot while Prefect is imported: the document workers' fork server (before any
    # thread of ours exists) and, unless PREFECT_API_URL names one, this run's Prefect server, which dies
    # with this process even on kill -9 and whose address every task (Dask workers too) reports to
    workers.start_fork_server()
    server = None
    if not os.environ.get("PREFECT_API_URL") and args.dask and args.dask != "local":
        # Measured (tests/flows/test_cluster.py): Dask workers outlive a run, and their Prefect client keeps
        # the first run's server address, so from the second run on their task runs are not recorded.
        print("copydesk: warning: --dask with an existing cluster and no PREFECT_API_URL: this run's own "
              "Prefect server (127.0.0.1, gone after the run) is reachable only from this machine, and "
              "long-lived workers keep reporting to the first run's server; start one server for the "
              "cluster and set PREFECT_API_URL (docs/cluster.md)", file=sys.stderr, flush=True)
    if not os.environ.get("PREFECT_API_URL"):
        from flows.api_server import EmbeddedServer
        server = EmbeddedServer().start()
        os.environ["PREFECT_API_URL"] = server.api_url
        print(f"prefect: API server for this run on {server.api_url} (pid {server.proc.pid})", file=sys.stderr,
              flush=True)
    try:
        overrides = {k: getattr(args, k, None) for k in FIELDS}
        if args.dask and overrides.get("workers") is None:
            overrides["workers"] = DASK_WORKERS_PER_BATCH
        cfg = load(args.config, overrides=overrides)
        runner = None
        if args.dask:
            runner = importlib.import_module("flows.dask_runner").task_runner(None if args.dask == "local" else args.dask)
        if server is not None:
            from flows.api_server import startup_timeout
            server.wait_healthy(startup_timeout())
        summary, rec = run_flow_and_drain(config.flow_params(cfg), task_runner=runner)
    finally:
        workers.fork_server().stop()  # waited for here, so its workers' CPU counts as this run's (rusage)
        if server is not None:
            server.stop()
    print(format_summary(summary))
    if rec is not None:
        state = "complete" if rec["complete"] else "INCOMPLETE (timed out waiting for the server)"
        print(f"prefect: flow run {summary.get('flow_run_id')} recorded {state}: {rec['task_runs']} task runs, "
              f"{rec['logs']} log lines, {rec['artifacts']} artifacts")
    if "orchestration_share" in summary:
        print(f"time: {summary['batch_s']:.2f}s in batches, {summary['plan_s']:.2f}s plan, {summary['finish_s']:.2f}s "
              f"finish, {summary['orchestration_s']:.2f}s orchestration "
              f"({100 * summary['orchestration_share']:.1f} % of the flow's {summary['seconds']:.2f}s)")
    return 0
