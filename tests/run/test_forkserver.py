"""Document workers come from a single-threaded fork server, not from the batch process (issue 15, item 4).

A lock held by another thread of the batch process when a worker is forked must not be held in the worker;
the fork server's process has one thread; and killing the batch process with SIGKILL leaves neither the
server nor its workers behind."""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import textwrap
import threading
import time

import pytest

from copydesk.core.pipeline import Options
from copydesk.core.records import Article, Reject
from copydesk.run import workers
from copydesk.run.documents import safe_process
from helpers import DEV, ROOT

HELD = threading.Lock()  # held by a thread of the batch process while workers are forked


def locked_stage(path, raw_root, opts):
    """A stage that needs a lock some other thread of the batch process holds right now."""
    with HELD:
        return safe_process(path, raw_root, opts)


def parent_stage(path, raw_root, opts):
    """Reports the worker's parent pid and how many threads that parent runs."""
    ppid = os.getppid()
    with open(f"/proc/{ppid}/status") as fh:
        threads = next(int(line.split()[1]) for line in fh if line.startswith("Threads:"))
    return Reject(source_path=path, error_kind="internal_error", message=f"{ppid} {threads}")


@pytest.fixture
def pages(tmp_path):
    for src in sorted((DEV / "text").glob("*.txt"))[:3]:
        shutil.copyfile(src, tmp_path / src.name)
    return sorted(str(p) for p in tmp_path.glob("*.txt"))


def test_a_lock_held_by_a_host_thread_is_not_held_in_a_worker(pages, monkeypatch):
    monkeypatch.setattr(workers, "safe_process", locked_stage)
    release = threading.Event()
    holder = threading.Thread(target=lambda: (HELD.acquire(), release.wait(60), HELD.release()), daemon=True)
    holder.start()
    try:
        while not HELD.locked():
            time.sleep(0.01)
        got = workers.process_many(pages, os.path.dirname(pages[0]),
                                   Options(site_template=False, time_budget_s=20.0), workers=2)
    finally:
        release.set()
        holder.join()
    assert all(isinstance(r, Article) for r in got), [getattr(r, "error_kind", None) for r in got]


def test_workers_are_children_of_a_single_threaded_server(pages, monkeypatch):
    monkeypatch.setattr(workers, "safe_process", parent_stage)
    busy = threading.Event()
    t = threading.Thread(target=busy.wait, args=(60,), daemon=True)  # the batch process runs other threads
    t.start()
    try:
        got = workers.process_many(pages, None, Options(site_template=False), workers=2)
    finally:
        busy.set()
        t.join()
    for r in got:
        ppid, threads = map(int, r.message.split())
        assert ppid != os.getpid() and ppid == workers.fork_server().pid
        assert threads == 1


KILLED_HOST = textwrap.dedent(r"""
    import os, sys, time
    from copydesk.run import workers
    from copydesk.core.pipeline import Options
    pages, out = sys.argv[1:-1], sys.argv[-1]

    def stuck(path, raw_root, opts):
        open(os.path.join(out, str(os.getpid())), "w").close()
        time.sleep(120)

    workers.safe_process = stuck
    workers.start_fork_server()
    print(workers.fork_server().pid, flush=True)
    workers.process_many(pages, None, Options(site_template=False, time_budget_s=100), workers=2)
""")


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as fh:
            return fh.read().split(")")[-1].split()[0] != "Z"
    except FileNotFoundError:
        return False


def test_kill_9_of_the_batch_process_leaves_no_server_or_worker(pages, tmp_path):
    out = tmp_path / "pids"
    out.mkdir()
    host = subprocess.Popen([sys.executable, "-c", KILLED_HOST, *pages[:2], str(out)], cwd=ROOT,
                            stdout=subprocess.PIPE, text=True)
    try:
        server = int(host.stdout.readline())
        deadline = time.monotonic() + 60
        while len(os.listdir(out)) < 2 and time.monotonic() < deadline:
            time.sleep(0.05)
        kids = [int(p) for p in os.listdir(out)]
        assert len(kids) == 2 and _alive(server) and all(map(_alive, kids))
    finally:
        host.send_signal(signal.SIGKILL)
        host.wait()
    deadline = time.monotonic() + 10
    while any(map(_alive, [server, *kids])) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(map(_alive, [server, *kids]))
