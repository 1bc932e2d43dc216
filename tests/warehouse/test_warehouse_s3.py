"""`copydesk query --warehouse s3://...` against a moto S3 server on 127.0.0.1 (server mode, real HTTP)."""
import json
import shutil
import socket

import pytest

from copydesk import cli
from copydesk.warehouse import writer
from helpers import SAMPLE_RAW
from warehouse_helpers import no_fsync, run, write_variants


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def s3(monkeypatch):
    moto_server = pytest.importorskip("moto.server")
    s3fs = pytest.importorskip("s3fs")
    port = _free_port()
    server = moto_server.ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    endpoint = f"http://127.0.0.1:{port}"
    for k, v in {"AWS_ACCESS_KEY_ID": "test", "AWS_SECRET_ACCESS_KEY": "test", "AWS_DEFAULT_REGION": "us-east-1",
                 "FSSPEC_S3_ENDPOINT_URL": endpoint}.items():
        monkeypatch.setenv(k, v)
    import fsspec.config
    monkeypatch.setitem(fsspec.config.conf, "s3", {"endpoint_url": endpoint})
    fs = s3fs.S3FileSystem(endpoint_url=endpoint, key="test", secret="test", skip_instance_cache=True)
    fs.mkdir("wh-bucket")
    try:
        yield fs
    finally:
        server.stop()


def test_query_a_warehouse_in_s3(tmp_path, s3, capsys, monkeypatch, expected):
    no_fsync(monkeypatch)
    raw, wh = tmp_path / "raw", tmp_path / "wh"
    raw.mkdir()
    shutil.copy(SAMPLE_RAW, raw / SAMPLE_RAW.name)
    write_variants(raw, 2)
    run(raw, wh)
    s3.put(str(wh) + "/", "wh-bucket/copydesk/", recursive=True)
    url = "s3://wh-bucket/copydesk"
    assert cli.main(["query", "select count(*) as n from articles", "--warehouse", url, "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out) == [{"n": 3}]
    assert cli.main(["query", "select year, month, title, count(*) over () as n from articles limit 1",
                     "--warehouse", url, "--format", "json"]) == 0
    row = json.loads(capsys.readouterr().out)[0]
    assert (row["year"], row["month"], row["title"]) == ("2022", "04", expected["fields"]["title"])
    for t in ("lines", "paragraphs", "_ledger", "story_clusters", "rejects"):
        assert cli.main(["query", f"select count(*) as n from {t}", "--warehouse", url, "--format", "json"]) == 0
        assert json.loads(capsys.readouterr().out) == [{"n": len(writer.read_table(wh, t))}], t
    assert cli.main(["query", "select 1", "--warehouse", "s3://wh-bucket/nothing-here"]) == 2
