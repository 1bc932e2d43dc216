"""Runs that read raw/ from and write the warehouse to S3 (copydesk/store.py), against a moto S3 server on
127.0.0.1 (server mode, real HTTP): same articles as a local run, re-runs add nothing, crashes mid-upload
are recovered, and `copydesk query --warehouse s3://...` sees the rows."""
import json
import shutil
import uuid

import pytest

from copydesk import cli
from copydesk.run import driver
from copydesk.warehouse import writer
from copydesk.warehouse import store
from helpers import SAMPLE_RAW
from test_warehouse_s3 import _free_port
from warehouse_helpers import assert_consistent, no_fsync, run, variant, write_variants


@pytest.fixture(scope="module")
def moto_endpoint():
    """One moto server (same pattern as tests/test_warehouse_s3.py) for this module; moto keeps its buckets
    in process-wide state, so each test gets its own bucket (see `s3`)."""
    moto_server = pytest.importorskip("moto.server")
    pytest.importorskip("s3fs")
    port = _free_port()
    server = moto_server.ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.stop()


@pytest.fixture
def s3(moto_endpoint, monkeypatch):
    import fsspec.config
    import s3fs
    for k, v in {"AWS_ACCESS_KEY_ID": "test", "AWS_SECRET_ACCESS_KEY": "test", "AWS_DEFAULT_REGION": "us-east-1",
                 "FSSPEC_S3_ENDPOINT_URL": moto_endpoint}.items():
        monkeypatch.setenv(k, v)
    monkeypatch.setitem(fsspec.config.conf, "s3", {"endpoint_url": moto_endpoint})
    bucket = f"b-{uuid.uuid4().hex[:12]}"
    fs = s3fs.S3FileSystem(endpoint_url=moto_endpoint, key="test", secret="test", skip_instance_cache=True)
    fs.mkdir(bucket)
    fs.bucket = bucket
    return fs


def _raw(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(SAMPLE_RAW, raw / SAMPLE_RAW.name)
    write_variants(raw / "sub dir", 3)
    (raw / "notes.json").write_text("{}", encoding="utf-8")  # not an input: no suffix rule matches
    return raw


def _articles(wh):
    t = writer.read_table(wh, "articles").to_pandas()
    return sorted(zip(t["source_path"], t["title"], t["sha256"] if "sha256" in t else t["article_id"]))


def _s3_run(tmp_path, s3, cache="cache", report=None):
    with store.staged(f"s3://{s3.bucket}/in/raw", f"s3://{s3.bucket}/out/wh", cache=tmp_path / cache, report=report) as (r, w):
        assert "://" not in r and "://" not in w
        return driver.run(r, w)


def _pull(tmp_path, s3, name):
    m = store.WarehouseMirror(f"s3://{s3.bucket}/out/wh", cache=tmp_path / name)
    m.pull()
    return m.dir


def test_s3_raw_into_s3_warehouse_equals_local_run(tmp_path, s3, monkeypatch, capsys):  # noqa: F811
    no_fsync(monkeypatch)
    raw = _raw(tmp_path)
    s3.put(str(raw) + "/", f"{s3.bucket}/in/raw/", recursive=True)
    local = run(raw, tmp_path / "wh-local")

    report: dict = {}
    s = _s3_run(tmp_path, s3, report=report)
    assert (s["files"], s["articles"]) == (local["files"], local["articles"]) == (4, 4)
    assert report["raw"] == dict(fetched=4, unchanged=0, removed=0)  # notes.json is not fetched
    assert report["push"]["uploaded"] > 0 and report["push"]["deleted"] == 0
    assert not any(k.endswith(".lock") or "/." in k for k in s3.find(f"{s3.bucket}/out/wh"))

    # A fresh machine (empty cache) sees the same articles as the local run, keyed by path under the prefix.
    fresh = _pull(tmp_path, s3, "cache-check")
    assert _articles(fresh) == _articles(tmp_path / "wh-local")
    assert "sub dir/copy-0001.txt" in set(writer.read_table(fresh, "_ledger").column("source_path").to_pylist())
    assert_consistent(fresh)

    # Second run: nothing fetched, nothing new, nothing uploaded.
    report = {}
    s2 = _s3_run(tmp_path, s3, report=report)
    assert (s2["files"], s2["unchanged"]) == (0, 4)
    assert report["raw"] == dict(fetched=0, unchanged=4, removed=0)
    assert report["push"] == dict(uploaded=0, rewritten=report["push"]["rewritten"], deleted=0)
    assert len(writer.read_table(_pull(tmp_path, s3, "cache-check"), "articles")) == 4

    # The same second run from another machine's empty cache skips everything too (ledger keys are stable).
    s3b = _s3_run(tmp_path, s3, cache="cache-other")
    assert (s3b["files"], s3b["unchanged"]) == (0, 4)

    # A changed object is fetched and replaces its article; a removed one keeps its article (history).
    s3.pipe(f"{s3.bucket}/in/raw/sub dir/copy-0000.txt", variant(99).encode("utf-8"))
    s3.rm_file(f"{s3.bucket}/in/raw/sub dir/copy-0002.txt")
    report = {}
    s4 = _s3_run(tmp_path, s3, report=report)
    assert report["raw"] == dict(fetched=1, unchanged=2, removed=1)
    assert s4["files"] == 1 and s4["articles"] == 1
    after = _pull(tmp_path, s3, "cache-check")
    assert_consistent(after)
    assert len(writer.read_table(after, "articles")) == 4

    url = f"s3://{s3.bucket}/out/wh"
    assert cli.main(["query", "select count(*) as n from articles", "--warehouse", url, "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out) == [{"n": 4}]
    assert cli.main(["query", "select count(*) as n from _ledger", "--warehouse", url, "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out) == [{"n": len(writer.read_table(after, "_ledger"))}]


def test_crash_mid_upload_is_recovered_by_the_next_run(tmp_path, s3, monkeypatch):  # noqa: F811
    """The upload dies after the first batch's data parts but before its ledger part: the remote then holds
    an uncommitted batch, which the next run (another machine, empty cache) removes and redoes."""
    no_fsync(monkeypatch)
    raw = _raw(tmp_path)
    s3.put(str(raw) + "/", f"{s3.bucket}/in/raw/", recursive=True)
    local = run(raw, tmp_path / "wh-local")

    calls = {"n": 0}
    orig = store._upload

    def dying_upload(fs, local, remote):
        if "/_ledger/" in remote:
            raise ConnectionError("simulated crash before the ledger part")
        calls["n"] += 1
        return orig(fs, local, remote)

    monkeypatch.setattr(store, "_upload", dying_upload)
    with pytest.raises(ConnectionError):
        _s3_run(tmp_path, s3, cache="cache-a")
    monkeypatch.setattr(store, "_upload", orig)
    assert calls["n"] > 0
    assert not s3.find(f"{s3.bucket}/out/wh/_ledger")
    assert s3.find(f"{s3.bucket}/out/wh/articles")  # data parts without their commit

    s = _s3_run(tmp_path, s3, cache="cache-b")
    assert s["recovered_files"] > 0 and s["articles"] == 4
    fresh = _pull(tmp_path, s3, "cache-check")
    assert_consistent(fresh)
    assert _articles(fresh) == _articles(tmp_path / "wh-local")
    assert local["articles"] == 4
