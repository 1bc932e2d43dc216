"""A batch is not sent the warehouse's live content (issue 15, item 3): it asks the ledger about its own
documents' hashes once they are processed (`ledger.live_content`), so what a task carries does not grow
with the warehouse, and content already live still becomes a `duplicate`."""
from __future__ import annotations

import os
import pickle
import shutil

from copydesk.run import driver
from copydesk.warehouse import ledger, writer
from warehouse_helpers import run, variant, write_variants


def test_live_content_answers_for_the_asked_hashes_only(tmp_path):
    raw, wh = tmp_path / "raw", tmp_path / "wh"
    write_variants(raw, 3)
    run(raw, wh)
    led = writer.live_ledger(wh)
    shas = dict(zip(led.column("source_path").to_pylist(), led.column("sha256").to_pylist()))
    assert ledger.live_content(wh, {shas["copy-0000.txt"], "f" * 64}) == {shas["copy-0000.txt"]}
    # copy-0001 changes: its old content is no longer live, its new content is
    (raw / "copy-0001.txt").write_text(variant(99), encoding="utf-8")
    run(raw, wh)
    new = dict(zip(*(writer.live_ledger(wh).column(c).to_pylist() for c in ("source_path", "sha256"))))
    assert ledger.live_content(wh, set(shas.values()) | {new["copy-0001.txt"]}) == \
        {shas["copy-0000.txt"], shas["copy-0002.txt"], new["copy-0001.txt"]}
    assert ledger.live_content(tmp_path / "empty", {shas["copy-0000.txt"]}) == set()


def test_batch_arguments_do_not_grow_with_the_warehouse(tmp_path, monkeypatch):
    raw, wh = tmp_path / "raw", tmp_path / "wh"
    write_variants(raw, 40)
    run(raw, wh)
    sent: list[bytes] = []
    real = driver.stage_and_run_batch

    def recording(*args, **kw):
        sent.append(pickle.dumps((args, kw)))
        return real(*args, **kw)

    monkeypatch.setattr(driver, "stage_and_run_batch", recording)
    shutil.copyfile(raw / "copy-0007.txt", raw / "again.txt")  # live content under a new path
    write_variants(raw, 1, start=500, prefix="new")
    s = run(raw, wh)
    assert s["files"] == 2 and s["duplicates"] == 1 and s["articles"] == 1
    # the batch's two items and its settings; 40 live hashes alone would be ~2.8 KB
    assert len(sent) == 1 and len(sent[0]) < 1500, len(sent[0])
    live = writer.live_ledger(wh)
    status = dict(zip(live.column("source_path").to_pylist(), live.column("status").to_pylist()))
    assert status["again.txt"] == "duplicate" and status["new-0500.txt"] == "article"


def test_plan_reads_the_ledger_off_the_store_not_a_mirror(tmp_path):
    """Planning against a remote warehouse reads the ledger's key columns straight off the store
    (issue 15, item 1): the plan is right although the flow host's mirror was never pulled."""
    import fsspec
    from copydesk.warehouse import store
    raw, wh = tmp_path / "raw", tmp_path / "wh"
    write_variants(raw, 5)
    run(raw, wh)
    url = f"memory://plan-{tmp_path.name}/wh"
    fs, root = fsspec.core.url_to_fs(url)
    fs.put(str(wh) + "/", root, recursive=True)
    assert ledger.ledger_keys(url) == ledger.ledger_keys(wh) and len(ledger.ledger_keys(wh)) == 5
    write_variants(raw, 1, start=50, prefix="new")
    remote = store.RemoteRun(raw, url, cache=tmp_path / "cache")
    p = remote.plan()
    assert (p.seen, p.unchanged, [os.path.basename(t[0]) for t in p.todo]) == (6, 5, ["new-0050.txt"])
    assert not (tmp_path / "cache").exists() or not any((tmp_path / "cache").rglob("*.parquet"))
    assert len(p.known_sha) == 5  # on demand, off the store too
