"""`copydesk serve` and `copydesk ui`: scheduled runs and the Prefect UI on one machine, no work pool.

`copydesk ui` starts `prefect server start --host 127.0.0.1` (UI + API + a persistent SQLite run history in
.prefect/) and prints the address. `copydesk serve` registers the `ingest` deployment with a cron schedule
on that server and runs each scheduled flow run in a subprocess (Prefect's `serve`); it needs a server,
because the embedded one does not schedule (../shared/prefect-notes.md §4).

Restarts are normal under systemd or in a container, so the deployment is NOT paused when the serve
process stops (`pause_on_shutdown=False`; Prefect's default pauses it on SIGTERM, notes §4).
For work pools and workers, see prefect.yaml at the repository root.
"""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Optional

from copydesk import config
from flows.env import prefect_env

DEFAULT_API = "http://127.0.0.1:{port}/api"
SERVER_START_TIMEOUT_S = 120  # a fresh database runs migrations first: 14-17 s measured, more on a busy box


def build_deployment(cfg: config.Config, cron: Optional[str] = None, name: str = "scheduled"):
    """The `ingest` deployment with a Cron schedule and the configuration's parameters (absolute paths:
    scheduled runs execute in a subprocess)."""
    from prefect.schedules import Cron
    from flows.ingest import ingest
    params = config.flow_params(cfg)
    for k in ("raw", "warehouse"):
        if "://" not in params[k]:
            params[k] = str(Path(params[k]).resolve())
    return ingest.to_deployment(
        name=name, schedule=Cron(cron or cfg.schedule, timezone=cfg.schedule_timezone), parameters=params,
        description=f"ingest {cfg.raw} -> {cfg.warehouse} on '{cron or cfg.schedule}' ({cfg.schedule_timezone})",
        tags=["copydesk"])


def healthy(api_url: str, timeout: float = 2.0) -> bool:
    try:
        with urllib.request.urlopen(api_url.rstrip("/") + "/health", timeout=timeout) as r:
            return r.status == 200
    except OSError:
        return False


def serve_main(args) -> int:
    prefect_env()
    cfg = config.load(args.config)
    api = os.environ.get("PREFECT_API_URL")
    if not api:
        api = DEFAULT_API.format(port=4200)
        if not healthy(api):
            print("copydesk serve needs a Prefect server: run `copydesk ui` in another shell, or set "
                  "PREFECT_API_URL", file=sys.stderr)
            return 2
        os.environ["PREFECT_API_URL"] = api
    dep = build_deployment(cfg, args.cron, args.name)
    from prefect import serve
    print(f"serving deployment ingest/{args.name} on '{args.cron or cfg.schedule}' ({cfg.schedule_timezone}) "
          f"against {api}; UI: {api[:-4] if api.endswith('/api') else api}")
    serve(dep, pause_on_shutdown=False)
    return 0


def ui_main(args) -> int:
    """Start the server in the foreground; Ctrl-C (or SIGTERM) stops it."""
    prefect_env()
    port = args.port
    api = DEFAULT_API.format(port=port)
    env = dict(os.environ)
    # keep the run history bounded: flow runs older than the retention period are vacuumed too
    env.setdefault("PREFECT_SERVER_SERVICES_DB_VACUUM_ENABLED", "events,flow_runs")
    # the browser UI asks this address for the API; Prefect's default is port 4200 whatever --port says
    env["PREFECT_UI_API_URL"] = api
    proc = subprocess.Popen([sys.executable, "-m", "prefect", "server", "start", "--host", "127.0.0.1",
                             "--port", str(port)], env=env)
    stop = lambda *_: proc.terminate()  # noqa: E731
    signal.signal(signal.SIGTERM, stop)
    deadline = time.monotonic() + SERVER_START_TIMEOUT_S
    while not healthy(api):
        if proc.poll() is not None or time.monotonic() > deadline:
            print(f"the Prefect server did not start (exit code {proc.poll()})", file=sys.stderr)
            proc.terminate()
            return 1
        time.sleep(0.5)
    print(f"Prefect UI: http://127.0.0.1:{port}\n"
          f"runs recorded here when PREFECT_API_URL is set; in another shell:\n"
          f"  export PREFECT_API_URL={api}\n  copydesk run        # or: copydesk serve", flush=True)
    try:
        return proc.wait()
    except KeyboardInterrupt:
        proc.terminate()
        return proc.wait()
