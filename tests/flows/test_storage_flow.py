"""The `ingest` flow with raw/ and the warehouse in S3 (moto server on 127.0.0.1): the URL parameters go
through copydesk/warehouse/store.py mirrors; the result equals a local run and a re-run adds nothing."""
import json
import shutil

import pytest

from copydesk import cli
from copydesk.warehouse import writer
from helpers import SAMPLE_RAW
from test_storage_s3 import moto_endpoint, s3  # noqa: F401  (moto server and a fresh bucket)
from warehouse_helpers import no_fsync, run, write_variants

pytestmark = pytest.mark.flows


def test_ingest_flow_with_s3_raw_and_warehouse(tmp_path, s3, monkeypatch, capsys):  # noqa: F811
    from flows.ingest import ingest
    no_fsync(monkeypatch)
    monkeypatch.setenv("COPYDESK_CACHE_DIR", str(tmp_path / "cache"))
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(SAMPLE_RAW, raw / SAMPLE_RAW.name)
    write_variants(raw, 2)
    s3.put(str(raw) + "/", f"{s3.bucket}/raw/", recursive=True)
    local = run(raw, tmp_path / "wh-local")
    raw_url, wh_url = f"s3://{s3.bucket}/raw", f"s3://{s3.bucket}/wh"

    state = ingest(raw=raw_url, warehouse=wh_url, batch_size=2, return_state=True)
    assert state.is_completed()
    s = state.result()
    assert (s["files"], s["articles"], s["batches"]) == (local["files"], local["articles"], 2) == (3, 3, 2)
    assert (s["raw"], s["warehouse"]) == (raw_url, wh_url)
    assert s["sync"]["raw"]["fetched"] == 3 and s["sync"]["batches_uploaded"] > 0
    # the flow process kept no copy of the warehouse (issue 15, item 1): its cache holds the raw listing only
    assert sorted(p.name.split("-")[0] for p in (tmp_path / "cache").iterdir()) == ["raw", "raw"]

    s2 = ingest(raw=raw_url, warehouse=wh_url, batch_size=2)
    assert (s2["files"], s2["unchanged"], s2["articles"]) == (0, 3, 0)

    assert cli.main(["query", "select source_path, title from articles order by source_path", "--warehouse",
                     wh_url, "--format", "json"]) == 0
    got = [(r["source_path"], r["title"]) for r in json.loads(capsys.readouterr().out)]
    want = writer.read_table(tmp_path / "wh-local", "articles").to_pandas().sort_values("source_path")
    assert got == list(zip(want["source_path"], want["title"]))
