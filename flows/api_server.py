"""The Prefect API server of one `copydesk run` when none is configured (issue 15, item 7).

Prefect's own ephemeral mode starts a server subprocess on the first flow call and stops it at exit
(atexit): a `copydesk run` killed with SIGKILL (or by the OOM killer) left it running, ~220 MB each. And
its address is not in the settings, so a Dask worker, which gets the flow's settings with each task,
finds no API URL and starts an ephemeral server of its own: its task runs never reach the flow's UI.

So when PREFECT_API_URL is unset, `copydesk run` starts the same server Prefect would (uvicorn on
127.0.0.1, UI off, the same database under PREFECT_HOME) itself, before Prefect is imported (so the
server boots while Prefect's imports run), and sets PREFECT_API_URL to it. Every task, wherever it runs,
then reports to this one server (a worker on another machine cannot reach 127.0.0.1: start a Prefect
server the cluster can reach and set PREFECT_API_URL, docs/cluster.md). The server is started through a
tiny exec wrapper that sets PR_SET_PDEATHSIG (SIGKILL) before exec'ing uvicorn: the kernel kills it when
the `copydesk run` process (its main thread) dies, however it dies. uvicorn runs the app in its own
process (no reloader, no workers), so nothing else is left behind.
"""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from typing import Optional

# Runs in the child: die with the parent (Linux), make sure the parent did not die before that, exec.
_WRAPPER = ("import ctypes, os, signal, sys\n"
            "try:\n    ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)\n"
            "except Exception:\n    pass\n"
            "if os.getppid() != int(sys.argv[1]):\n    os._exit(1)\n"
            "os.execv(sys.executable, [sys.executable] + sys.argv[2:])\n")


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class EmbeddedServer:
    """A Prefect API server on 127.0.0.1 that lives exactly as long as this process."""

    def __init__(self, port: Optional[int] = None):
        self.port = port or free_port()
        self.proc: Optional[subprocess.Popen] = None

    @property
    def api_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/api"

    def start(self, env: Optional[dict] = None) -> "EmbeddedServer":
        """Start it (returns at once; `wait_healthy` waits). `env`: the server's environment (default ours)."""
        import importlib.util
        app_dir = os.path.dirname(os.path.dirname(importlib.util.find_spec("prefect").origin))
        env = dict(os.environ if env is None else env, PREFECT_UI_ENABLED="0", PREFECT__SERVER_EPHEMERAL="1",
                   PREFECT__SERVER_FINAL="1")
        env.pop("PREFECT_API_URL", None)
        self.proc = subprocess.Popen(
            [sys.executable, "-c", _WRAPPER, str(os.getpid()), "-m", "uvicorn", "--app-dir", app_dir, "--factory",
             "prefect.server.api.server:create_app", "--host", "127.0.0.1", "--port", str(self.port),
             "--log-level", "error", "--lifespan", "on"],
            env=env, stdin=subprocess.DEVNULL)
        return self

    def wait_healthy(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"the Prefect server exited with code {self.proc.returncode}")
            try:
                with urllib.request.urlopen(f"{self.api_url}/health", timeout=2) as r:
                    if r.status == 200:
                        return
            except (urllib.error.URLError, OSError):
                pass
            time.sleep(0.1)
        raise RuntimeError(f"the Prefect server on {self.api_url} did not answer within {timeout:.0f} s")

    def stop(self) -> None:
        if self.proc is None:
            return
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self.proc = None


def startup_timeout() -> float:
    try:
        return float(os.environ.get("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "120"))
    except ValueError:
        return 120.0
