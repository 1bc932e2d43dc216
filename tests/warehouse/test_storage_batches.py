"""Batch-level staging for object-store runs (copydesk/store.py `plan_remote`, `staged_batch`,
`RemoteRun`), without Prefect, against a moto S3 server on 127.0.0.1: the plan from a listing equals the
local plan, batches that fetch only their own objects write what a local run writes, and a batch that dies
uploading before its ledger part leaves nothing a later run keeps."""
import os
import shutil
import tempfile

import pytest

from copydesk.run import driver as core
from copydesk.warehouse import ledger, writer
from copydesk.warehouse import recovery
from copydesk.warehouse import store
from helpers import SAMPLE_RAW
from test_storage_s3 import moto_endpoint, s3  # noqa: F401  (moto server and a fresh bucket)
from test_warc import make_warc
from warehouse_helpers import assert_consistent, no_fsync, run, variant, write_variants


def make_raw(tmp_path):
    """Text files at two levels, a duplicate of another file's content, a WARC (records as documents) and
    a non-input object: the cases where a listing-based plan could differ from `read.discover`."""
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(SAMPLE_RAW, raw / SAMPLE_RAW.name)
    write_variants(raw / "sub dir", 3)
    write_variants(raw, 2, start=10)
    (raw / "sub dir" / "same-as-copy-0010.txt").write_text(variant(10), encoding="utf-8")
    make_warc(raw / "crawl.warc.gz")
    (raw / "notes.json").write_text("{}", encoding="utf-8")
    return raw


def rows(wh, table, cols):
    t = writer.read_table(wh, table).to_pandas()
    return sorted(map(tuple, t[cols].astype(str).values.tolist()))


def test_plan_from_a_listing_equals_the_local_plan(tmp_path, s3, monkeypatch):  # noqa: F811
    no_fsync(monkeypatch)
    monkeypatch.setenv("COPYDESK_CACHE_DIR", str(tmp_path / "cache"))
    raw = make_raw(tmp_path)
    s3.put(str(raw) + "/", f"{s3.bucket}/raw/", recursive=True)
    raw_url = f"s3://{s3.bucket}/raw"
    wh = tmp_path / "wh"
    writer.ensure_tables(wh)
    local = ledger.plan(raw, wh)
    remote = store.plan_remote(raw_url, wh)
    # Same documents in the same order (read.discover's walk order, WARC records in place), same sizes.
    assert [(os.path.relpath(p, raw), size) for p, size, _ in local.todo] == [(p, size) for p, size, _ in remote.todo]
    assert (remote.seen, remote.unchanged) == (local.seen, 0)
    assert any("#warc-record=" in p for p, _, _ in remote.todo)

    # Batches over those items, raw from the store and a local warehouse: what a local run writes.
    known = set(remote.known_sha)
    for i, items in enumerate(core.batches(remote.todo, 4), 1):
        with store.staged_batch(items, raw_url, str(wh)) as st:
            assert st.warehouse == str(wh) and set(os.listdir(st.raw)) <= set(os.listdir(raw))
            core.run_batch(st.items, st.raw, st.warehouse, core.batch_key("r", i, items), "r", known, workers=0)
            assert st.commit() == 0  # local warehouse: written in place, nothing to upload
    core.finish_run(wh)
    run(raw, tmp_path / "wh-local")
    for table, cols in [("articles", ["source_path", "sha256", "title", "url"]),
                        ("rejects", ["source_path", "error_kind"]), ("_ledger", ["source_path", "status", "size"])]:
        assert rows(wh, table, cols) == rows(tmp_path / "wh-local", table, cols), table

    # Re-planning: everything unchanged (WARC records by their container's size and LastModified).
    again = store.plan_remote(raw_url, wh)
    assert (again.todo, again.seen, again.unchanged) == ([], local.seen, local.seen)
    # A changed object is planned again, alone.
    s3.pipe(f"{s3.bucket}/raw/sub dir/copy-0001.txt", variant(77).encode("utf-8"))
    changed = store.plan_remote(raw_url, wh)
    assert [p for p, _, _ in changed.todo] == ["sub dir/copy-0001.txt"]


def test_batch_dying_before_its_ledger_upload_is_recovered(tmp_path, s3, monkeypatch):  # noqa: F811
    no_fsync(monkeypatch)
    monkeypatch.setenv("COPYDESK_CACHE_DIR", str(tmp_path / "cache"))
    (tmp_path / "tmp").mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "tmp"))
    raw = make_raw(tmp_path)
    s3.put(str(raw) + "/", f"{s3.bucket}/raw/", recursive=True)
    raw_url, wh_url = f"s3://{s3.bucket}/raw", f"s3://{s3.bucket}/wh"
    run(raw, tmp_path / "wh-local")
    orig_upload = store._upload

    def one_run(run_id: str, die_in_batch: int = 0) -> int:
        """The flow's steps (flows/ingest.py), batches in this process; returns the files recovered."""
        with store.RemoteRun(raw_url, wh_url) as r:
            writer.ensure_tables(r.where)
            recovered = recovery.recover(r.where)
            r.published_setup()
            plan = r.plan()
            known = set(plan.known_sha)
            for i, items in enumerate(core.batches(plan.todo, 3), 1):
                with store.staged_batch(items, r.batch_raw, r.batch_warehouse) as st:
                    assert st.raw.startswith(str(tmp_path / "tmp")) and "://" not in st.warehouse
                    core.run_batch(st.items, st.raw, st.warehouse, core.batch_key(run_id, i, items), run_id,
                                   known, workers=0)
                    if i == die_in_batch:
                        def dying(fs, local, remote):
                            if "/_ledger/" in remote:
                                raise ConnectionError("machine lost before the commit")
                            return orig_upload(fs, local, remote)
                        monkeypatch.setattr(store, "_upload", dying)
                    st.commit()
            r.collect()
            core.finish_run(r.where)
            r.publish()
            return recovered

    with pytest.raises(ConnectionError):
        one_run("dies", die_in_batch=2)
    monkeypatch.setattr(store, "_upload", orig_upload)
    assert os.listdir(tmp_path / "tmp") == []  # the dead batch's folder was removed
    assert not s3.exists(f"{s3.bucket}/wh/{store.LOCK_NAME}")  # released on the way out
    assert [k.rsplit("/", 1)[-1][:15] for k in s3.find(f"{s3.bucket}/wh/_ledger") if "dies" in k] == \
        ["part-dies-00001"]  # batch 1 committed, batch 2 not
    assert any("part-dies-00002" in k for k in s3.find(f"{s3.bucket}/wh/paragraphs"))  # its data parts are up

    assert one_run("next") > 0  # removes batch 2's parts (and pushes the removal) before its own batches
    assert not any("part-dies-00002" in k for k in s3.find(f"{s3.bucket}/wh", withdirs=False))
    fresh = store.WarehouseMirror(wh_url, cache=tmp_path / "check")
    fresh.pull()
    assert_consistent(fresh.dir)
    for table, cols in [("articles", ["source_path", "sha256", "title"]), ("rejects", ["source_path", "error_kind"])]:
        assert rows(fresh.dir, table, cols) == rows(tmp_path / "wh-local", table, cols), table
