"""`copydesk run` on Prefect's embedded (ephemeral) server keeps the whole run history.

The embedded server is killed when the process exits; without draining, a 300-task flow kept 19 task runs
(../shared/prefect-notes.md §2). The run below makes 40 task runs in a fresh PREFECT_HOME, then the test reads
the server's SQLite database directly (no second server) and finds every task run, log line and artifact
that `copydesk run` reported."""
import re
import sqlite3
import subprocess
import sys

import pytest

from helpers import ROOT, fresh_prefect_env, harbour_stories

pytestmark = pytest.mark.slow
N_FILES = 40


def test_embedded_run_history_is_complete(tmp_path):
    raw = tmp_path / "raw"
    harbour_stories(raw, N_FILES)
    env = fresh_prefect_env(tmp_path / "prefect-home")
    out = subprocess.run([sys.executable, "-m", "copydesk.cli", "run", "--raw", str(raw), "--warehouse",
                          str(tmp_path / "wh"), "--batch-size", "1", "--workers", "1"],
                         capture_output=True, text=True, cwd=ROOT, env=env, timeout=600)
    assert out.returncode == 0, out.stderr[-3000:]
    m = re.search(r"flow run (\S+) recorded complete: (\d+) task runs, (\d+) log lines, (\d+) artifacts", out.stdout)
    assert m, out.stdout
    fr_id, tasks, logs, arts = m.group(1), *map(int, m.groups()[1:])
    assert tasks == N_FILES

    db = sqlite3.connect(tmp_path / "prefect-home" / "prefect.db")

    def count(sql):
        return db.execute(sql, (fr_id,)).fetchone()[0] if "?" in sql else None
    n_task = count("select count(*) from task_run where flow_run_id = ?")
    n_done = count("select count(*) from task_run where flow_run_id = ? and state_type = 'COMPLETED'")
    n_logs = count("select count(*) from log where flow_run_id = ?")
    n_arts = count("select count(distinct key) from artifact where flow_run_id = ?")
    state = db.execute("select state_type from flow_run where id = ?", (fr_id,)).fetchone()
    assert state == ("COMPLETED",)
    assert n_task == n_done == N_FILES
    assert n_logs == logs and logs >= N_FILES + 2  # one per batch, the plan, the end
    assert n_arts == 3  # summary, rejects, progress
