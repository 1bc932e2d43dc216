"""Crash safety and concurrency with real processes: a core ingest killed with SIGKILL in the middle of a
write (self-inflicted at a chosen write, or from outside at an arbitrary moment), then re-run, leaves every
table complete and duplicate-free; a second run on a warehouse a live run holds stops at once, naming it."""
import os
import signal
import subprocess
import sys
import textwrap
import time

import pytest

from copydesk.warehouse import writer
from helpers import ROOT
from warehouse_helpers import assert_consistent, run, variant, write_variants

N_FILES = 12
BATCH = 3

CHILD = textwrap.dedent('''
    """Core ingest (no Prefect). KILL_AT="write:N" SIGKILLs this process in the middle of the N-th Parquet
    write (half the bytes in the temp file, no rename); "rewrite:N" does so before the N-th part rewrite of
    a reconcile (removing replaced articles' rows)."""
    import os, signal, sys
    from copydesk.run import driver
    from copydesk.warehouse import writer
    raw, wh, batch = sys.argv[1], sys.argv[2], int(sys.argv[3])
    mode, _, n = os.environ.get("KILL_AT", "").partition(":")
    state = {"writes": 0, "armed": mode == "write"}
    real_write = writer.atomic_write_table
    def write(table, path):
        if state["armed"]:
            state["writes"] += 1
            if state["writes"] == int(n):
                import io, pyarrow.parquet as pq
                buf = io.BytesIO(); pq.write_table(table, buf)
                tmp = path.parent / f".{path.name}.dying.tmp"
                path.parent.mkdir(parents=True, exist_ok=True)
                tmp.write_bytes(buf.getvalue()[: len(buf.getvalue()) // 2])
                os.kill(os.getpid(), signal.SIGKILL)
        return real_write(table, path)
    writer.atomic_write_table = write
    real_rewrite = writer._rewrite_without
    calls = {"n": 0}
    def rewrite(part, mask, table):
        calls["n"] += 1
        if mode == "rewrite" and calls["n"] == int(n):
            os.kill(os.getpid(), signal.SIGKILL)
        return real_rewrite(part, mask, table)
    writer._rewrite_without = rewrite
    if os.environ.get("HOLD_S"):  # each batch takes this much longer: the run holds the warehouse a while
        import time
        real_batch = driver.stage_and_run_batch
        def slow_batch(*a, **kw):
            time.sleep(float(os.environ["HOLD_S"]))
            return real_batch(*a, **kw)
        driver.stage_and_run_batch = slow_batch
    s = driver.run(raw, wh, batch_size=batch)
    print("done", s["files"], s["articles"], s["unchanged"], flush=True)
''')


@pytest.fixture
def child(tmp_path):
    script = tmp_path / "child.py"
    script.write_text(CHILD, encoding="utf-8")

    def start(raw, wh, kill_at="", hold_s=""):
        env = dict(os.environ, KILL_AT=kill_at, HOLD_S=str(hold_s), PYTHONPATH=str(ROOT))
        return subprocess.Popen([sys.executable, str(script), str(raw), str(wh), str(BATCH)], env=env,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    return start


def _check_complete(wh, n):
    tables = assert_consistent(wh)
    assert len(tables["articles"]) == n
    assert len(tables["lines"]) == n * 34 and len(tables["paragraphs"]) == n * 14
    assert len(writer.live_ledger(wh)) == n
    assert not list(wh.rglob("*.tmp"))
    return tables


def test_sigkill_in_the_middle_of_a_write_then_rerun(tmp_path, child):
    raw, wh = tmp_path / "raw", tmp_path / "wh"
    write_variants(raw, N_FILES)
    p = child(raw, wh, "write:14")  # inside the second batch
    _, err = p.communicate(timeout=120)
    assert p.returncode == -signal.SIGKILL, err
    assert list(wh.rglob(".*dying.tmp"))  # it really died mid-write
    s = run(raw, wh, batch_size=BATCH)
    assert s["recovered_files"] >= 1
    assert s["files"] + s["unchanged"] == N_FILES
    _check_complete(wh, N_FILES)


def test_sigkill_while_replacing_changed_files_then_rerun(tmp_path, child):
    raw, wh = tmp_path / "raw", tmp_path / "wh"
    files = write_variants(raw, 12)
    run(raw, wh, batch_size=BATCH)
    old = set(writer.read_table(wh, "articles").column("article_id").to_pylist())
    for k, f in enumerate(files[:5]):  # batch 1 wholly replaced, batch 2 in part
        f.write_text(variant(500 + k), encoding="utf-8")
        st = f.stat()
        os.utime(f, ns=(st.st_atime_ns, st.st_mtime_ns + 5_000_000_000))
    p = child(raw, wh, "rewrite:4")  # dies at the 4th part rewrite of the replacement
    _, err = p.communicate(timeout=120)
    assert p.returncode == -signal.SIGKILL, err
    stale = old & set(writer.read_table(wh, "articles").column("article_id").to_pylist())
    assert len(stale) == 12  # the old versions are still in `articles`: the kill landed before it
    run(raw, wh, batch_size=BATCH)
    tables = _check_complete(wh, 12)
    assert len(old & set(tables["articles"].article_id)) == 7


def test_sigkill_from_outside_at_an_arbitrary_moment_then_rerun(tmp_path, child):
    raw, wh = tmp_path / "raw", tmp_path / "wh"
    write_variants(raw, N_FILES)
    p = child(raw, wh)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and len(list((wh / "_ledger").glob("part-*.parquet"))) < 3:
        time.sleep(0.005)
    p.send_signal(signal.SIGKILL)
    p.wait(timeout=30)
    assert p.returncode == -signal.SIGKILL
    committed = len(writer.read_ledger(wh))
    assert 0 < committed < N_FILES
    s = run(raw, wh, batch_size=BATCH)
    assert s["unchanged"] == committed and s["files"] == N_FILES - committed
    _check_complete(wh, N_FILES)


def test_second_run_stops_at_once_naming_the_holder(tmp_path, child):
    """Two runs on one warehouse: the second stops at once (it does not queue behind the first) with an
    error naming the holder's pid; the first ends as if alone."""
    raw, wh = tmp_path / "raw", tmp_path / "wh"
    write_variants(raw, N_FILES)
    first = child(raw, wh, hold_s=1)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and f'"pid": {first.pid}' not in _read(wh / ".lock"):
        time.sleep(0.02)
    second = child(raw, wh)
    _, err = second.communicate(timeout=60)
    assert first.poll() is None  # the second ended while the first still held the warehouse
    assert second.returncode != 0
    assert "LockHeld" in err and f"is locked by another run (host " in err and f"pid {first.pid}," in err, err
    out, err = first.communicate(timeout=120)
    assert first.returncode == 0, err
    assert out.split()[1:] == [str(N_FILES), str(N_FILES), "0"]
    _check_complete(wh, N_FILES)
    assert len(writer.read_ledger(wh)) == N_FILES


def _read(path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        return ""
