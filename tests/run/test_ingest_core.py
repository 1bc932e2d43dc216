"""The ingest core without Prefect: Parquet round trip with the exact schema, idempotent re-runs,
bad files as rejects while good files still land."""
import shutil

import pandas as pd
import pyarrow.dataset as ds
import pyarrow.parquet as pq

from copydesk.run import driver
from copydesk.warehouse import writer
from copydesk.warehouse import recovery
from helpers import SAMPLE_RAW


def run(raw, wh, batch_size=500):
    """The same steps as the flow, without Prefect."""
    return driver.run(raw, wh, batch_size=batch_size)


def counts(wh):
    return {t: len(writer.read_table(wh, t)) for t in writer.TABLES + ["_ledger"]}


def test_roundtrip_exact_schema_and_values(raw, tmp_path, expected):
    wh = tmp_path / "wh"
    run(raw, wh)
    for t in writer.TABLES:
        for f in (wh / t).rglob("part-*.parquet"):
            assert pq.read_schema(f).remove_metadata() == writer.SCHEMAS[t], f
    arts = pd.read_parquet(wh / "articles")
    assert len(arts) == 1
    a = arts.iloc[0]
    assert a["title"] == expected["fields"]["title"]
    assert a["body"] == "\n\n".join(expected["body_paragraphs"])
    assert a["paragraph_count"] == 14
    assert (int(a["year"]), int(a["month"])) == (2022, 4)
    lines = pd.read_parquet(wh / "lines")
    assert dict(zip(lines["line_number"].astype(str), lines["label"])) == expected["line_labels"]
    d = ds.dataset(str(wh / "articles"), format="parquet", partitioning="hive")
    assert d.count_rows() == 1


def test_rerun_adds_nothing(raw, tmp_path):
    wh = tmp_path / "wh"
    run(raw, wh)
    before = counts(wh)
    s = run(raw, wh)
    assert (s["seen"], s["unchanged"], s["files"], s["batches"], s["articles"]) == (1, 1, 0, 0, 0)
    assert counts(wh) == before


def test_same_content_under_two_names_is_one_article(raw, tmp_path):
    shutil.copy(raw / SAMPLE_RAW.name, raw / "copy.txt")
    wh = tmp_path / "wh"
    s = run(raw, wh)
    assert s["articles"] == 1 and s["duplicates"] == 1
    assert len(writer.read_table(wh, "articles")) == 1


def test_bad_files_are_rejects_and_good_files_land(raw, tmp_path):
    (raw / "empty.txt").write_bytes(b"")
    (raw / "junk.html").write_bytes(bytes(range(256)) * 50)
    (raw / "doc.pdf.html").write_bytes(b"%PDF-1.4 fake")
    (raw / "trunc.txt.gz").write_bytes(b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03" + b"\x01" * 5)
    wh = tmp_path / "wh"
    s = run(raw, wh, batch_size=2)
    kinds = {r["source_path"]: r["error_kind"] for r in s["reject_rows"]}
    assert kinds == {"empty.txt": "empty", "junk.html": "binary", "doc.pdf.html": "binary", "trunc.txt.gz": "gzip_corrupt"}
    assert len(writer.read_table(wh, "articles")) == 1
    rej = pd.read_parquet(wh / "rejects")
    assert sorted(rej["error_kind"]) == sorted(kinds.values())
    before = counts(wh)
    run(raw, wh)
    assert counts(wh) == before


def test_uncommitted_batch_is_recovered(raw, tmp_path):
    wh = tmp_path / "wh"
    writer.ensure_tables(wh)
    # a batch that wrote its children but died before its ledger part
    (wh / "lines").mkdir(exist_ok=True)
    pq.write_table(writer.SCHEMAS["lines"].empty_table(), wh / "lines" / "part-dead-00001-x.parquet")
    (wh / "lines" / ".part-x.parquet.1234.tmp").write_bytes(b"partial")
    assert recovery.recover(wh) == 2
    run(raw, wh)
    assert len(writer.read_table(wh, "lines")) == 34


def test_recover_removes_stray_temp_files_of_meta_and_story_index(raw, tmp_path):
    wh = tmp_path / "wh"
    run(raw, wh)
    (wh / "_lsh").mkdir(exist_ok=True)
    (wh / "_lsh" / ".index.pkl.1a2b3c4d.tmp").write_bytes(b"partial")
    (wh / "._meta.json.1a2b3c4d.tmp").write_text("{")
    assert recovery.recover(wh) == 2
    assert not list(wh.rglob("*.tmp"))
