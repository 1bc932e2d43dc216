"""Nothing `copydesk run` starts outlives it (issue 15, item 7): killed with SIGKILL in the middle of a run,
it leaves neither its Prefect server nor the document workers' fork server (nor workers) behind."""
from __future__ import annotations

import re
import subprocess
import sys
import threading
import time
import urllib.request

import psutil
import pytest

from helpers import ROOT, fresh_prefect_env, harbour_stories

pytestmark = pytest.mark.slow


def test_kill_9_of_copydesk_run_leaves_no_process(tmp_path):
    raw = tmp_path / "raw"
    harbour_stories(raw, 60)
    env = fresh_prefect_env(tmp_path / "prefect-home")
    run = subprocess.Popen([sys.executable, "-m", "copydesk.cli", "run", "--raw", str(raw), "--warehouse",
                            str(tmp_path / "wh"), "--batch-size", "1", "--workers", "1"],
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, cwd=ROOT, env=env)
    lines: list[str] = []
    reader = threading.Thread(target=lambda: lines.extend(run.stderr), daemon=True)
    reader.start()
    descendants: list[psutil.Process] = []
    try:
        deadline = time.monotonic() + 240
        url = None
        while url is None and time.monotonic() < deadline and run.poll() is None:
            for ln in list(lines):
                m = re.search(r"API server for this run on (\S+)", ln)
                if m:
                    url = m.group(1)
            time.sleep(0.1)
        assert url, "".join(lines)[-3000:]
        while time.monotonic() < deadline:  # the server is up, then a few batches run
            try:
                with urllib.request.urlopen(f"{url}/health", timeout=2):
                    break
            except OSError:
                time.sleep(0.2)
        time.sleep(3)
        assert run.poll() is None, "".join(lines)[-3000:]
        descendants = psutil.Process(run.pid).children(recursive=True)
        assert len(descendants) >= 2  # the Prefect server and the fork server at least
    finally:
        run.kill()
        run.wait()
    deadline = time.monotonic() + 20
    alive = descendants
    while alive and time.monotonic() < deadline:
        alive = [p for p in alive if p.is_running() and p.status() != psutil.STATUS_ZOMBIE]
        time.sleep(0.1)
    assert not alive, [(p.pid, p.cmdline()[:4]) for p in alive]
