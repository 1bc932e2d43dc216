"""Run the ingest flow and make sure its history is complete before the process exits.

Prefect 3.9's embedded (ephemeral) server records task runs from client events asynchronously and is
killed when the process exits: a 300-task flow kept 19 of 300 task runs (../shared/prefect-notes.md §2).
So after the flow returns we poll the API, still inside the process that owns the server, until every
task run and artifact of this flow run is recorded (or a timeout passes), then exit.

This module imports Prefect lazily and only from the CLI: the core never needs it.
"""
from __future__ import annotations

import importlib
import time
from typing import Optional

DRAIN_TIMEOUT_S = 120.0


def run_flow_and_drain(raw: str, warehouse: str, batch_size: int, task_runner=None) -> tuple[dict, Optional[int]]:
    prefect_settings = importlib.import_module("prefect.settings")
    flows = importlib.import_module("flows.ingest")
    flow_obj = flows.ingest
    if task_runner is not None:
        flow_obj = flow_obj.with_options(task_runner=task_runner)
    # Heartbeats cost ~1.1 s per flow run on exit and tell a local run nothing (notes §2).
    with prefect_settings.temporary_settings({prefect_settings.PREFECT_FLOWS_HEARTBEAT_FREQUENCY: None}):
        summary = flow_obj(raw=raw, warehouse=warehouse, batch_size=batch_size)
        drained = wait_recorded(summary.get("flow_run_id"), expected_tasks=summary.get("batches", 0))
    return summary, drained


def wait_recorded(flow_run_id: Optional[str], expected_tasks: int, timeout: float = DRAIN_TIMEOUT_S) -> Optional[int]:
    """Poll until the server has every task run of `flow_run_id` in a final state. Returns the count."""
    if not flow_run_id:
        return None
    client_mod = importlib.import_module("prefect.client.orchestration")
    filters = importlib.import_module("prefect.client.schemas.filters")
    flt = filters.FlowRunFilter(id=filters.FlowRunFilterId(any_=[flow_run_id]))
    deadline = time.monotonic() + timeout
    n = 0
    with client_mod.get_client(sync_client=True) as client:
        while time.monotonic() < deadline:
            runs = client.read_task_runs(flow_run_filter=flt, limit=max(200, expected_tasks + 50))
            final = [r for r in runs if r.state is not None and r.state.is_final()]
            n = len(final)
            fr = client.read_flow_run(flow_run_id)
            if n >= expected_tasks and fr.state is not None and fr.state.is_final():
                return n
            time.sleep(0.25)
    return n
