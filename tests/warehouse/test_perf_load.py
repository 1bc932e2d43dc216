"""The column-wise batch writer (writer.tables_for / write_batch) against the Articles it was given: every
table read back from Parquet holds exactly the Articles' values, in their order, on the real dev pages."""
import copy
from datetime import datetime, timezone

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from copydesk.warehouse import writer
from copydesk.run.documents import safe_process
from copydesk.core.records import Article, Reject
from helpers import DEV, dev_files
STAMP = datetime(2026, 11, 26, 12, 0, 0, 123456, tzinfo=timezone.utc)


@pytest.fixture(scope="module")
def dev_articles() -> list[Article]:
    out = []
    for mode in ("text", "html"):
        paths = dev_files(mode)[:30]
        out += [a for a in (safe_process(str(p), str(DEV / mode)) for p in paths) if isinstance(a, Article)]
    assert len(out) >= 50
    return out


def test_batch_tables_read_back_as_the_articles_hold_them(dev_articles, tmp_path, monkeypatch):
    monkeypatch.setenv("COPYDESK_FSYNC", "0")
    arts = copy.deepcopy(dev_articles)
    # fetch times as WARC records give them, one naive, one unreadable (-> null), most absent
    arts[0].fetched_at, arts[1].fetched_at, arts[2].fetched_at = "2024-03-01T12:00:00Z", "2024-03-01T12:00:00", "junk"
    rejects = [Reject("bad/a.txt", "empty", "empty file"), Reject("bad/b.bin", "binary", "NUL bytes", "ab" * 32)]
    ledger = [dict(source_path=a.source_path, size=1, mtime_ns=1, sha256=a.sha256, article_id=a.article_id,
                   status="article", run_id="r") for a in arts]
    ledger += [dict(source_path=r.source_path, size=1, mtime_ns=1, sha256=r.sha256, article_id=None,
                    status="rejected", run_id="r") for r in rejects]
    writer.ensure_tables(tmp_path)
    counts = writer.write_batch(tmp_path, "b1", arts, rejects, ledger, ingested_at=STAMP)
    tab = {t: writer.read_table(tmp_path, t) for t in writer.TABLES + ["_ledger"]}
    assert counts == {t: tab[t].num_rows for t in tab}
    for t in tab:
        if t != "articles":  # (read with its hive columns)
            assert tab[t].schema.remove_metadata().equals(writer.SCHEMAS[t])

    by_id = {a.article_id: a for a in arts}
    rows = tab["articles"].to_pylist()
    assert sorted(r["article_id"] for r in rows) == sorted(by_id)
    for r in rows:
        a = by_id[r["article_id"]]
        assert (r["title"], r["body"], r["authors"], r["published"], r["tags"]) == \
            (a.title, a.body, a.authors, a.published, a.tags)
        assert (r["paragraph_count"], r["word_count"]) == (len(a.paragraphs), a.word_count)
        assert r["ingested_at"] == STAMP
    # each article is in the part of its publication month, once
    seen = []
    for part in (tmp_path / "articles").rglob("part-*.parquet"):
        y, m = part.parent.parent.name.split("=")[1], part.parent.name.split("=")[1]
        for aid in pq.read_table(part, columns=["article_id"]).column(0).to_pylist():
            assert writer._partition(by_id[aid].published) == (y, m)
            seen.append(aid)
    assert sorted(seen) == sorted(by_id) and len({writer._partition(a.published) for a in arts}) > 3
    fetched = {r["article_id"]: r["fetched_at"] for r in rows}
    assert fetched[arts[0].article_id] == datetime(2024, 3, 1, 12, tzinfo=timezone.utc)
    assert fetched[arts[1].article_id] == datetime(2024, 3, 1, 12, tzinfo=timezone.utc)
    assert fetched[arts[2].article_id] is None and fetched[arts[3].article_id] is None

    # children: each article's rows in its own order, written in batch order (the article_id runs follow arts)
    lines = tab["lines"].to_pylist()
    assert [(r["article_id"], r["line_number"], r["text"], r["label"], r["reason"]) for r in lines] == \
        [(a.article_id, ln.number, ln.text, ln.label, ln.reason) for a in arts for ln in a.lines]
    assert [(r["article_id"], r["position"], r["text"]) for r in tab["paragraphs"].to_pylist()] == \
        [(a.article_id, i, p) for a in arts for i, p in enumerate(a.paragraphs, 1)]
    assert [(r["article_id"], r["position"], r["text"], r["speaker"], r["kind"]) for r in tab["quotes"].to_pylist()] == \
        [(a.article_id, i, q["text"], q.get("speaker"), q.get("kind")) for a in arts for i, q in enumerate(a.quotes, 1)]
    assert [(r["article_id"], r["name"], r["mentions"]) for r in tab["places"].to_pylist()] == \
        [(a.article_id, p["name"], p["mentions"]) for a in arts for p in a.places]
    assert sum(len(a.related_links) for a in arts) == tab["related_links"].num_rows > 0
    assert sum(len(a.people) for a in arts) == tab["people"].num_rows > 0

    assert tab["rejects"].column("error_kind").to_pylist() == ["empty", "binary"]
    led = tab["_ledger"]
    assert led.num_rows == len(arts) + 2 and set(led.column("batch").to_pylist()) == {"b1"}


def test_a_column_the_schema_does_not_have_is_refused():
    # the tables are built per column name: a schema change that is not mirrored fails loudly, never shifts
    with pytest.raises(ValueError):
        writer._table("places", {"article_id": ["a"], "name": ["Seoul"]})
    with pytest.raises(ValueError):
        writer._table("places", {"article_id": ["a"], "name": ["Seoul"], "mentions": [1], "extra": [0]})
    t = writer._table("places", {"mentions": [2], "name": ["Seoul"], "article_id": pa.array(["a"])})
    assert t.schema.equals(writer.SCHEMAS["places"]) and t.to_pylist() == [{"article_id": "a", "name": "Seoul", "mentions": 2}]
