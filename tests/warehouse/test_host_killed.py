"""The flow host killed between the commit steps of a run on an object store (issue 15, item 5): a run
against a moto S3 server on 127.0.0.1 (`driver.run` over `s3://` URLs: the same `drive` / `RemoteRun` steps
as the flow, batches committed straight to the store) is SIGKILLed at a chosen step after its batches
committed, then a run from another machine (empty cache) leaves exactly one row per input object and no
orphan row, and the store holds no uncommitted part.

The killed run replaces two changed objects (reconcile rewrites parts) and compacts (the child lowers
`AUTO_COMPACT_MIN_FILES` to 2, so its end-of-run step merges parts), so each kill point leaves something
half-done: all batches committed but no end-of-run step; reconcile done (on the store: the flow host keeps no
copy) but not the story index; a compaction cut after its merged part is up but before the parts it
replaces are deleted (both on the store, named by the publish journal), or before the merged part is up."""
import os
import signal
import subprocess
import sys
import textwrap

import pytest

from copydesk.warehouse import store, writer
from helpers import ROOT
from test_storage_s3 import moto_endpoint, s3  # noqa: F401  (moto server and a fresh bucket)
from warehouse_helpers import assert_consistent, no_fsync, run, variant, write_variants

N_FILES = 6

CHILD = textwrap.dedent('''
    """`driver.run` on s3:// URLs; KILL_AT picks where this process SIGKILLs itself:
    "collect" (every batch committed, before the end-of-run step), "reconcile" (finish_run's reconcile done
    on the store), "compact:up" (a compaction's merged part uploaded, the parts it replaces not deleted yet),
    "compact:journal" (the journal written, the merged part not uploaded)."""
    import os, signal, sys
    from copydesk.run import driver
    from copydesk.warehouse import compact, store, writer
    from copydesk.warehouse.storepath import StorePath
    compact.AUTO_COMPACT_MIN_FILES = 2
    mode, _, n = os.environ.get("KILL_AT", "").partition(":")
    die = lambda: os.kill(os.getpid(), signal.SIGKILL)
    if mode == "collect":
        store.RemoteRun.collect = lambda self: die()
    real_reconcile = writer.reconcile
    def reconcile(wh, **kw):
        out = real_reconcile(wh, **kw)
        if mode == "reconcile" and sys._getframe(1).f_code.co_name == "finish_run":
            die()
        return out
    writer.reconcile = reconcile
    real_upload = StorePath.upload
    def upload(self, local):
        if mode == "compact" and n == "journal" and self.name.startswith("part-c-"):
            die()
        real_upload(self, local)
        if mode == "compact" and n == "up" and self.name.startswith("part-c-"):
            die()
    StorePath.upload = upload
    s = driver.run(sys.argv[1], sys.argv[2], batch_size=2)
    print("done", s["files"], s["articles"], flush=True)
''')


def _pull(tmp_path, url, name):
    m = store.WarehouseMirror(url, cache=tmp_path / name)
    m.pull()
    return m.dir


@pytest.mark.parametrize("kill_at", ["collect", "reconcile", "compact:up", "compact:journal"])
def test_flow_host_killed_between_commit_steps_then_rerun(tmp_path, s3, monkeypatch, kill_at):  # noqa: F811
    no_fsync(monkeypatch)
    raw = tmp_path / "raw"
    files = write_variants(raw, N_FILES)
    raw_url, wh_url = f"s3://{s3.bucket}/raw", f"s3://{s3.bucket}/wh"
    s3.put(str(raw) + "/", f"{s3.bucket}/raw/", recursive=True)
    monkeypatch.setenv(store.CACHE_ENV, str(tmp_path / "cache-a"))
    assert run(raw_url, wh_url, batch_size=2)["articles"] == N_FILES
    # two objects changed (their old articles must go), two new ones
    for k, f in enumerate(files[:2]):
        f.write_text(variant(500 + k), encoding="utf-8")
    # The two new objects are dated in other months, so their `articles` rows land in partitions of one file
    # each (not compacted) while their child rows are merged with everyone's (compacted).
    for k, month in ((N_FILES, "May"), (N_FILES + 1, "June")):
        (raw / f"copy-{k:04d}.txt").write_text(variant(k).replace("April 27, 2022", f"{month} 27, 2022"),
                                               encoding="utf-8")
    s3.put(str(raw) + "/", f"{s3.bucket}/raw/", recursive=True)

    script = tmp_path / "child.py"
    script.write_text(CHILD, encoding="utf-8")
    env = dict(os.environ, KILL_AT=kill_at, PYTHONPATH=str(ROOT))
    p = subprocess.run([sys.executable, str(script), raw_url, wh_url], env=env, capture_output=True, text=True,
                       timeout=300)
    assert p.returncode == -signal.SIGKILL, p.stderr[-3000:]
    assert s3.find(f"{s3.bucket}/wh/_ledger")
    s3.invalidate_cache()
    if kill_at.startswith("compact"):  # the killed run was compacting: its journal is on the store
        assert s3.exists(f"{s3.bucket}/wh/{store.JOURNAL_NAME}")
        merged = [k for k in s3.find(f"{s3.bucket}/wh") if "/part-c-" in k]
        assert bool(merged) == (kill_at == "compact:up")  # beside the parts it replaces, or not up yet
    # the flow host kept no copy of the warehouse: its cache holds the raw listing's manifest only
    assert not any(p.name.startswith("wh-") for p in (tmp_path / "cache-a").iterdir())

    # the next run, from a machine that never saw this warehouse (its lease expired: taken over)
    monkeypatch.setenv(store.CACHE_ENV, str(tmp_path / "cache-b"))
    s3.rm_file(f"{s3.bucket}/wh/{store.LOCK_NAME}")  # the dead run's lease, as if it had expired
    run(raw_url, wh_url, batch_size=2)
    wh = _pull(tmp_path, wh_url, "check")
    tables = assert_consistent(wh)
    n = N_FILES + 2
    assert len(tables["articles"]) == n
    assert len(tables["lines"]) == n * 34 and len(tables["paragraphs"]) == n * 14
    live = writer.live_ledger(wh).to_pandas()
    assert sorted(live.source_path) == sorted(f"copy-{k:04d}.txt" for k in range(n))
    assert not s3.exists(f"{s3.bucket}/wh/{store.JOURNAL_NAME}")  # the cut publish was finished or undone
    # the store holds committed parts only (a batch's, or a finished compaction's), no temp file
    done = writer.committed_batches(wh)
    for rel in (p.relative_to(wh).as_posix() for p in wh.rglob("*") if p.is_file()):
        name = rel.rsplit("/", 1)[-1]
        assert not name.endswith(".tmp"), rel
        if name.startswith("part-") and rel.split("/", 1)[0] in writer.TABLES:
            key = name[len("part-"):-len(".parquet")]
            assert key in done or key.startswith(writer.COMPACTED_PREFIX) or key == writer.INIT_PART, rel
