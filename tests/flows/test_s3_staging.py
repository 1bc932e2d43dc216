"""The `ingest` flow with raw/ and the warehouse in S3 (moto server on 127.0.0.1), batch-level staging: each
batch task fetches only its own objects into a temporary folder and uploads its own parts (ledger last);
the flow process mirrors no raw object and holds the warehouse's lease for the run."""
import json
from pathlib import Path

import pytest

from copydesk.warehouse import writer
from copydesk.warehouse import store
from test_storage_batches import make_raw, rows
from test_storage_s3 import moto_endpoint, s3  # noqa: F401  (moto server and a fresh bucket)
from warehouse_helpers import assert_consistent, no_fsync, run, write_variants

pytestmark = pytest.mark.flows


def _fetch_spy(monkeypatch, raw_prefix):
    """Records (remote key under the raw prefix, local destination) of every raw object fetched."""
    calls = []
    orig = store._fetch

    def spy(fs, remote, local):
        if remote.startswith(raw_prefix + "/"):
            calls.append((remote[len(raw_prefix) + 1:], Path(local)))
        return orig(fs, remote, local)

    monkeypatch.setattr(store, "_fetch", spy)
    return calls


def test_flow_stages_raw_per_batch_and_commits_batches_to_s3(tmp_path, s3, monkeypatch):  # noqa: F811
    from flows.ingest import ingest
    no_fsync(monkeypatch)
    cache = tmp_path / "cache"
    monkeypatch.setenv("COPYDESK_CACHE_DIR", str(cache))
    raw = make_raw(tmp_path)
    s3.put(str(raw) + "/", f"{s3.bucket}/in/raw/", recursive=True)
    local = run(raw, tmp_path / "wh-local", batch_size=3)
    raw_url, wh_url = f"s3://{s3.bucket}/in/raw", f"s3://{s3.bucket}/out/wh"
    calls = _fetch_spy(monkeypatch, f"{s3.bucket}/in/raw")

    s = ingest(raw=raw_url, warehouse=wh_url, batch_size=3)
    assert (s["files"], s["articles"], s["duplicates"], s["rejects"], s["seen"]) == \
        (local["files"], local["articles"], local["duplicates"], local["rejects"], local["seen"])
    assert s["batches"] == -(-local["files"] // 3) and s["duplicates"] == 1 and s["rejects"] >= 1
    assert (s["raw"], s["warehouse"]) == (raw_url, wh_url)

    # The flow process mirrored nothing of raw/: no raw folder in the cache, and every raw object went to a
    # batch's own temporary folder (the WARC, new, is read once more by the planner to find its records).
    assert not [p for p in cache.iterdir() if p.name.startswith("raw-") and p.is_dir()]
    staged = [(k, p) for k, p in calls if "copydesk-batch-" in str(p)]
    planner = [k for k, p in calls if "copydesk-batch-" not in str(p)]
    assert planner == ["crawl.warc.gz"]
    folders: dict[Path, set] = {}
    for k, p in staged:
        folders.setdefault(next(q for q in p.parents if q.name.startswith("copydesk-batch-")), set()).add(k)
    assert len(folders) == s["batches"]
    assert sorted(k for ks in folders.values() for k in ks) == sorted(k for k, _ in staged)  # each once
    led = writer.read_table(tmp_path / "wh-local", "_ledger").to_pandas()
    for ks in folders.values():  # a batch fetched exactly the objects (containers) of its own items
        assert 1 <= len(ks) <= 3 and ks <= {p.split("#")[0] for p in led.source_path}
    assert not any(f.exists() for f in folders)  # removed after the batch
    assert s["sync"]["raw"]["fetched"] == len(staged)

    # The store holds what a local run of the same files wrote, keyed by path under the prefix; no lease left.
    fresh = store.WarehouseMirror(wh_url, cache=tmp_path / "check")
    fresh.pull()
    assert rows(fresh.dir, "articles", ["source_path", "title", "sha256", "url"]) == \
        rows(tmp_path / "wh-local", "articles", ["source_path", "title", "sha256", "url"])
    assert rows(fresh.dir, "rejects", ["source_path", "error_kind"]) == \
        rows(tmp_path / "wh-local", "rejects", ["source_path", "error_kind"])
    assert rows(fresh.dir, "_ledger", ["source_path", "status"]) == \
        rows(tmp_path / "wh-local", "_ledger", ["source_path", "status"])
    assert rows(fresh.dir, "story_clusters", ["cluster_id", "article_id"]) == \
        rows(tmp_path / "wh-local", "story_clusters", ["cluster_id", "article_id"])
    assert_consistent(fresh.dir)
    assert not s3.exists(f"{s3.bucket}/out/wh/{store.LOCK_NAME}")

    # A re-run fetches nothing (the WARC is unchanged too) and adds nothing.
    calls.clear()
    s2 = ingest(raw=raw_url, warehouse=wh_url, batch_size=3)
    assert (s2["files"], s2["unchanged"], s2["articles"]) == (0, local["seen"], 0)
    assert calls == [] and s2["sync"]["raw"]["fetched"] == 0


def test_flow_refuses_a_warehouse_another_live_run_holds(tmp_path, s3, monkeypatch):  # noqa: F811
    from flows.ingest import ingest
    no_fsync(monkeypatch)
    monkeypatch.setenv("COPYDESK_CACHE_DIR", str(tmp_path / "cache"))
    raw = tmp_path / "raw"
    write_variants(raw, 2)
    s3.put(str(raw) + "/", f"{s3.bucket}/raw/", recursive=True)
    wh_url = f"s3://{s3.bucket}/wh"
    other = store.Lease(wh_url, owner="other-machine:4242:run").acquire()
    state = ingest(raw=f"s3://{s3.bucket}/raw", warehouse=wh_url, return_state=True)
    assert state.is_failed()
    with pytest.raises(store.LockHeld, match="locked by another run .other-machine:4242:run"):
        state.result()
    assert not s3.find(f"{s3.bucket}/wh/_ledger")  # nothing written
    assert json.loads(s3.cat_file(f"{s3.bucket}/wh/{store.LOCK_NAME}"))["owner"] == other.owner  # untouched
    other.release()
