"""`copydesk run --dask [ADDRESS]`: the same `ingest` flow with prefect-dask's DaskTaskRunner.

When to use it: when there are more cores or machines than one box has. On a 2-core machine it is slower
than the default (measured in ../shared/prefect-notes.md §5: ~5 s to start and stop a LocalCluster, no
speed-up because the cores are shared with the Prefect server); the default run already uses every core of
one machine through per-batch worker processes (copydesk/run/workers.py).

Every port is bound to 127.0.0.1 for the local cluster and its dashboard is off (notes §5: `dask worker
--host` alone still bound the dashboard on 0.0.0.0). For an existing cluster, install copydesk into the
workers' environment (they import `copydesk` and `tasks`) and give raw/ and warehouse/ paths every worker
can reach.

Named dask_runner.py, not dask.py: Prefect's `load_flow_from_entrypoint("flows/ingest.py:ingest")` puts
flows/ on sys.path, where a dask.py would shadow the dask package in LocalCluster's spawned workers.
"""
from __future__ import annotations

from typing import Optional

# Local cluster: one worker process per core of a small box, one thread each (the core is CPU-bound and
# holds the GIL, so threads inside a worker would not add throughput).
# dashboard_address=None turns the dashboard off; the scheduler still serves its small HTTP endpoint
# (health, metrics) on a port of `host`, i.e. loopback (notes §5, checked with ss).
LOCAL_CLUSTER = {"n_workers": 2, "threads_per_worker": 1, "processes": True, "host": "127.0.0.1",
                 "dashboard_address": None}


def task_runner(address: Optional[str] = None):
    from prefect_dask import DaskTaskRunner
    if address:
        return DaskTaskRunner(address=address)
    return DaskTaskRunner(cluster_class="distributed.LocalCluster", cluster_kwargs=dict(LOCAL_CLUSTER))
