"""Warehouse contract (issue 5), through the core (no Prefect): ledger semantics, replacement of a changed
file's rows in every table, schema migrate-or-stop, compaction, DuckDB queries, story clusters."""
import json
import os
import shutil

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from copydesk import cli
from copydesk.warehouse import compact
from copydesk.run import driver
from copydesk.warehouse import writer
from copydesk.warehouse import ledger, recovery
from helpers import SAMPLE_RAW
from warehouse_helpers import assert_consistent, body_paragraphs, counts, no_fsync, run, variant, write_variants


@pytest.fixture(autouse=True)
def _fast_writes(monkeypatch):
    no_fsync(monkeypatch)


def _touch_later(path, text=None):
    """Rewrite (or just touch) a file with an mtime clearly after the ledger's."""
    if text is not None:
        path.write_text(text, encoding="utf-8")
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 5_000_000_000))


def test_rerun_adds_nothing_and_ledger_has_one_row_per_file(raw, tmp_path):
    wh = tmp_path / "wh"
    write_variants(raw, 3)
    s = run(raw, wh)
    assert (s["files"], s["articles"]) == (4, 4)
    before = counts(wh)
    s2 = run(raw, wh)
    assert (s2["files"], s2["unchanged"], s2["articles"]) == (0, 4, 0)
    assert counts(wh) == before
    led = writer.read_table(wh, "_ledger").to_pandas()
    assert sorted(led.source_path) == sorted(p.name for p in raw.iterdir())
    assert set(led.columns) >= {"source_path", "size", "mtime_ns", "sha256", "article_id", "run_id"}
    assert_consistent(wh)


def test_changed_file_replaces_its_rows_in_every_table(raw, tmp_path):
    wh = tmp_path / "wh"
    run(raw, wh)
    old_id = writer.read_table(wh, "articles").column("article_id")[0].as_py()
    f = raw / SAMPLE_RAW.name
    _touch_later(f, variant(99))
    s = run(raw, wh)
    assert s["files"] == 1 and s["articles"] == 1 and s["finish"]["replaced_articles"] == 1
    tables = assert_consistent(wh)
    arts = tables["articles"]
    assert len(arts) == 1 and arts.article_id[0] != old_id
    assert "talks number 99" in arts.body[0]
    for t in ("paragraphs", "lines", "related_links", "images"):
        assert old_id not in set(tables[t].article_id), t
    assert len(tables["paragraphs"]) == 14 and len(tables["lines"]) == 34
    # the ledger keeps the history; its live view has one row for the path, pointing at the new article
    assert len(writer.read_table(wh, "_ledger")) == 2
    live = writer.live_ledger(wh).to_pandas()
    assert list(live.article_id) == [arts.article_id[0]]
    before = counts(wh)
    run(raw, wh)
    assert counts(wh) == before


def test_content_under_two_names_is_one_article_until_both_change(raw, tmp_path):
    wh = tmp_path / "wh"
    a, b = raw / SAMPLE_RAW.name, raw / "mirror.txt"
    shutil.copy(a, b)
    s = run(raw, wh)
    assert (s["articles"], s["duplicates"]) == (1, 1)
    old_id = writer.read_table(wh, "articles").column("article_id")[0].as_py()
    _touch_later(a, variant(1))
    run(raw, wh)
    ids = set(assert_consistent(wh)["articles"].article_id)
    assert old_id in ids and len(ids) == 2  # mirror.txt still has the old content
    _touch_later(b, variant(2))
    run(raw, wh)
    ids = set(assert_consistent(wh)["articles"].article_id)
    assert old_id not in ids and len(ids) == 2


def test_replaced_content_arriving_again_is_an_article_again(raw, tmp_path):
    wh = tmp_path / "wh"
    run(raw, wh)
    f = raw / SAMPLE_RAW.name
    original = f.read_text(encoding="utf-8")
    _touch_later(f, variant(5))
    run(raw, wh)
    (raw / "late.txt").write_text(original, encoding="utf-8")
    s = run(raw, wh)
    assert (s["articles"], s["duplicates"]) == (1, 0)
    assert len(assert_consistent(wh)["articles"]) == 2


def test_same_new_content_in_two_separate_batches_is_collapsed(raw, tmp_path):
    """Batches that cannot see each other (separate processes) both write the same new content;
    finishing the run keeps one copy in every table."""
    wh = tmp_path / "wh"
    shutil.copy(raw / SAMPLE_RAW.name, raw / "again.txt")
    writer.ensure_tables(wh)
    p = ledger.plan(raw, wh)
    for i, items in enumerate(driver.batches(p.todo, 1), 1):
        driver.run_batch(items, str(raw), str(wh), driver.batch_key("sep", i, items), "sep", set())
    assert len(writer.read_table(wh, "articles")) == 2 and len(writer.read_table(wh, "lines")) == 68
    fin = driver.finish_run(wh)
    assert fin["collapsed_duplicates"] == 1
    tables = assert_consistent(wh)
    assert len(tables["articles"]) == 1 and len(tables["lines"]) == 34


def test_rejects_follow_the_live_state_of_their_file(raw, tmp_path):
    wh = tmp_path / "wh"
    bad = raw / "bad.txt"
    bad.write_bytes(b"")
    run(raw, wh)
    assert list(writer.read_table(wh, "rejects").column("error_kind").to_pylist()) == ["empty"]
    _touch_later(bad)  # same (empty) content, new mtime: processed again, still one reject row
    s = run(raw, wh)
    assert s["files"] == 1 and s["rejects"] == 1
    assert len(writer.read_table(wh, "rejects")) == 1
    _touch_later(bad, variant(3))  # fixed: the reject goes, the article comes
    run(raw, wh)
    tables = assert_consistent(wh)
    assert len(tables["rejects"]) == 0 and len(tables["articles"]) == 2


def test_parquet_layout_zstd_dictionary_and_meta(raw, tmp_path):
    wh = tmp_path / "wh"
    run(raw, wh)
    f = next((wh / "lines").glob("part-2*.parquet"))
    md = pq.ParquetFile(f).metadata
    cols = {md.row_group(0).column(i).path_in_schema: md.row_group(0).column(i) for i in range(md.num_columns)}
    assert all(c.compression == "ZSTD" for c in cols.values())
    assert "RLE_DICTIONARY" in cols["label"].encodings or "PLAIN_DICTIONARY" in cols["label"].encodings
    assert not any("DICTIONARY" in e for e in cols["text"].encodings)
    assert list((wh / "articles").glob("year=2022/month=04/part-*.parquet"))
    meta = json.loads((wh / "_meta.json").read_text())
    assert meta["schema_version"] == writer.SCHEMA_VERSION
    assert meta["tables"]["lines"] == [f"{f.name}: {f.type}" for f in writer.SCHEMAS["lines"]]


def test_additive_schema_change_is_migrated(raw, tmp_path, monkeypatch):
    wh = tmp_path / "wh"
    run(raw, wh)
    before = writer.read_table(wh, "lines").to_pandas()
    wider = writer.SCHEMAS["lines"].append(pa.field("confidence", pa.float32()))
    monkeypatch.setitem(writer.SCHEMAS, "lines", wider)
    migrated = writer.check_schema(wh)
    assert len(migrated) == 2  # the init part and the batch's part
    for f in (wh / "lines").glob("part-*.parquet"):
        assert pq.read_schema(f).remove_metadata().equals(wider)
    after = writer.read_table(wh, "lines").to_pandas()
    pd.testing.assert_frame_equal(after.drop(columns="confidence"), before)
    assert after.confidence.isna().all()
    assert writer.check_schema(wh) == []  # recorded in _meta.json: nothing left to do


def test_incompatible_or_newer_schema_stops_and_changes_nothing(raw, tmp_path, monkeypatch):
    wh = tmp_path / "wh"
    run(raw, wh)
    snapshot = {p: p.stat().st_mtime_ns for p in wh.rglob("*.parquet")}
    retyped = pa.schema([f if f.name != "line_number" else pa.field("line_number", pa.string())
                         for f in writer.SCHEMAS["lines"]])
    monkeypatch.setitem(writer.SCHEMAS, "lines", retyped)
    with pytest.raises(writer.SchemaError, match="line_number"):
        writer.ensure_tables(wh)
    assert {p: p.stat().st_mtime_ns for p in wh.rglob("*.parquet")} == snapshot
    monkeypatch.undo()
    meta = json.loads((wh / "_meta.json").read_text())
    meta["schema_version"] = writer.SCHEMA_VERSION + 1
    (wh / "_meta.json").write_text(json.dumps(meta))
    with pytest.raises(writer.SchemaError, match="newer copydesk"):
        run(raw, wh)
    assert cli.main(["query", "select 1", "--warehouse", str(wh)]) == 2


def test_compact_merges_small_files_and_keeps_every_row(raw, tmp_path, capsys):
    wh = tmp_path / "wh"
    write_variants(raw, 3)
    run(raw, wh, batch_size=1)
    before = {t: writer.read_table(wh, t).to_pandas() for t in ("lines", "articles", "_ledger", "paragraphs")}
    n_before = len(list((wh / "lines").glob("part-*.parquet")))
    assert n_before == 5  # init + 4 batches
    assert cli.main(["compact", "--warehouse", str(wh)]) == 0
    assert "files" in capsys.readouterr().out
    assert len(list((wh / "lines").glob("part-*.parquet"))) == 2  # init + one compacted file
    assert len(list((wh / "_ledger").glob("part-*.parquet"))) == 2
    for t, df in before.items():
        after = writer.read_table(wh, t).to_pandas()
        pd.testing.assert_frame_equal(after.sort_values(list(df.columns[:3])).reset_index(drop=True)[df.columns],
                                      df.sort_values(list(df.columns[:3])).reset_index(drop=True), check_categorical=False)
    f = next((wh / "lines").glob("part-c-*.parquet"))
    assert pq.ParquetFile(f).metadata.row_group(0).column(0).compression == "ZSTD"
    # the ledger survives compaction: re-run adds nothing, a change replaces rows inside the compacted file
    c0 = counts(wh)
    run(raw, wh)
    assert counts(wh) == c0
    _touch_later(raw / "copy-0002.txt", variant(42))
    run(raw, wh)
    tables = assert_consistent(wh)
    assert len(tables["articles"]) == 4 and len(tables["lines"]) == 4 * 34


def test_compaction_buffers_at_most_its_byte_cap(raw, tmp_path, monkeypatch):
    """Merging streams rows: a row group is written once ROW_GROUP_MAX_BYTES are buffered, so compacting
    `articles` (whole bodies per row) never holds a group of files in memory. With the cap lowered below
    two article rows, each row group holds at most two rows, and no row is lost or changed."""
    wh = tmp_path / "wh"
    write_variants(raw, 5)
    run(raw, wh, batch_size=1)
    before = writer.read_table(wh, "articles").to_pandas().sort_values("article_id").reset_index(drop=True)
    one_row = writer.read_table(wh, "articles").slice(0, 1).nbytes
    monkeypatch.setattr(compact, "ROW_GROUP_MAX_BYTES", one_row + 1)
    monkeypatch.setattr(compact, "READ_BATCH_ROWS", 1)
    assert compact.compact(wh)["outputs"] >= 1
    arts = list((wh / "articles").rglob("part-c-*.parquet"))
    assert len(arts) == 1
    meta = pq.ParquetFile(arts[0]).metadata
    assert meta.num_rows == len(before) == 6
    # the cap is reached by the second buffered row at the latest (unbounded, the 6 rows are one group)
    assert meta.num_row_groups >= 3 and all(meta.row_group(i).num_rows <= 2 for i in range(meta.num_row_groups))
    after = writer.read_table(wh, "articles").to_pandas().sort_values("article_id").reset_index(drop=True)
    pd.testing.assert_frame_equal(after[before.columns], before, check_categorical=False)


def test_compaction_interrupted_before_or_after_its_commit_recovers(raw, tmp_path, monkeypatch):
    wh = tmp_path / "wh"
    write_variants(raw, 3)
    run(raw, wh, batch_size=1)
    c0 = counts(wh)

    def die(*a, **k):
        raise KeyboardInterrupt("killed")
    # after the manifest (committed): recover finishes the swap
    monkeypatch.setattr(compact, "_finish", die)
    with pytest.raises(KeyboardInterrupt):
        compact.compact(wh)
    assert list((wh / compact.MANIFEST_DIR).glob("*.json"))
    monkeypatch.undo()
    recovery.recover(wh)
    assert counts(wh) == c0 and not list((wh / compact.MANIFEST_DIR).glob("*.json"))
    assert list((wh / "paragraphs").glob("part-c-*.parquet"))  # the first table compacted
    # before the manifest: the pending temp file is discarded
    write_variants(raw, 2, start=10)
    run(raw, wh, batch_size=1)
    c1 = counts(wh)
    monkeypatch.setattr(compact.os, "replace", die)
    with pytest.raises(KeyboardInterrupt):
        compact.compact(wh)
    monkeypatch.undo()
    assert list((wh / "lines").glob(".*.tmp")) or list(wh.rglob(".*pending.tmp"))
    recovery.recover(wh)
    assert counts(wh) == c1 and not list(wh.rglob("*.tmp"))
    assert_consistent(wh)


def test_query_views_and_formats(raw, tmp_path, capsys, expected):
    wh = tmp_path / "wh"
    write_variants(raw, 2)
    (raw / "bad.txt").write_bytes(b"")
    run(raw, wh)
    w = ["--warehouse", str(wh)]
    assert cli.main(["query", "select count(*) as n from articles", *w]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].strip() == "n" and out[2].strip() == "3" and out[-1] == "(1 row)"
    assert cli.main(["query", "select table_name from information_schema.tables order by 1", *w,
                     "--format", "json"]) == 0
    names = {r["table_name"] for r in json.loads(capsys.readouterr().out)}
    assert names == set(writer.SCHEMAS)
    assert cli.main(["query", "select article_id, title, ingested_at, authors from articles order by article_id",
                     *w, "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert len(rows) == 3 and all(r["title"] == expected["fields"]["title"] for r in rows)
    assert isinstance(rows[0]["ingested_at"], str) and isinstance(rows[0]["authors"], list)
    assert cli.main(["query", "select label, count(*) n from lines group by 1 order by 1", *w, "--format", "csv"]) == 0
    csv_lines = capsys.readouterr().out.splitlines()
    assert csv_lines[0] == "label,n" and "body,42" in csv_lines
    outp = tmp_path / "r.parquet"
    assert cli.main(["query", "select * from paragraphs", *w, "--format", "parquet", "--output", str(outp)]) == 0
    assert pq.read_table(outp).num_rows == 3 * 14
    assert cli.main(["query", "select error_kind from rejects", *w, "--format", "csv"]) == 0
    assert capsys.readouterr().out.splitlines() == ["error_kind", "empty"]
    assert cli.main(["query", "select * from no_such_table", *w]) == 1
    assert cli.main(["query", "select 1", "--warehouse", str(tmp_path / "none")]) == 2


def test_readme_example_queries_run(raw, tmp_path, capsys):
    """The README's example queries, on a real warehouse."""
    from copydesk.warehouse.query import run_query
    wh = tmp_path / "wh"
    run(raw, wh)
    readme = (SAMPLE_RAW.parent.parent / "README.md").read_text(encoding="utf-8")
    block = readme.split("<!-- example-queries -->")[1]
    sqls = [l.split('copydesk query "', 1)[1].rsplit('"', 1)[0] for l in block.splitlines()
            if l.startswith('copydesk query "')]
    assert len(sqls) >= 3
    results = [run_query(s, wh).to_pylist() for s in sqls]
    per_month = results[0]
    assert per_month == [{"site_name": "Inquirer News", "month": "2022-04", "articles": 1}]
    # the others agree with the tables read directly
    quotes = writer.read_table(wh, "quotes").to_pandas()
    by_speaker = quotes[quotes.speaker.fillna("").str.lower().str.contains("defense ministry")]
    assert sorted(r["text"] for r in results[1]) == sorted(by_speaker.text)
    arts = writer.read_table(wh, "articles").to_pandas()
    wire = arts[arts.wire_agencies.apply(lambda a: "Yonhap" in list(a))]
    assert [r["title"] for r in results[2]] == list(wire.title)
    assert results[3] == []  # one article: no cluster


def test_story_clusters_group_variants_and_flag_exact_duplicates(raw, tmp_path):
    wh = tmp_path / "wh"
    paras = body_paragraphs()
    text = (raw / SAMPLE_RAW.name).read_text(encoding="utf-8")
    # same body, different outlet boilerplate around it: an exact duplicate of the body
    (raw / "reprint.txt").write_text("Reprinted from the wire\n\nHome | World | Asia\n\n" + text
                                     + "\n\nShare this story\n\nAll rights reserved by the reprinting outlet.\n",
                                     encoding="utf-8")
    run(raw, wh)
    write_variants(raw, 1)  # an edited version arrives in a later run: clustered against the persisted index
    # an unrelated story must stay out
    (raw / "other.txt").write_text("Rain expected over the weekend | Weather Desk\n\n" + "\n\n".join(
        f"Forecasters said showers would move in from the west on day {i}, bringing cooler air to the valley "
        f"towns and farms, and advised drivers to take care on the mountain roads after dark." for i in range(8)),
        encoding="utf-8")
    run(raw, wh)
    tables = assert_consistent(wh)
    arts = tables["articles"].set_index("source_path")
    cl = tables["story_clusters"].set_index("article_id")
    members = [arts.loc[n, "article_id"] for n in (SAMPLE_RAW.name, "reprint.txt", "copy-0000.txt")]
    assert set(cl.index) == set(members)
    assert cl.loc[members, "cluster_id"].nunique() == 1
    assert cl.loc[members[0], "cluster_id"] in members[:2]  # the first-run article names the cluster
    assert bool(cl.loc[members[1], "exact_duplicate"]) and not bool(cl.loc[members[2], "exact_duplicate"])
    assert 0.5 <= cl.loc[members[2], "similarity"] < 1.0
    assert not (wh / "_lsh" / "index.pkl").exists()  # the index is tables now (stories.update)
    assert len(writer.read_table(wh, "story_members")) == 4 and len(writer.read_table(wh, "story_sketches")) == 4
    # the edited version changes again: its old id leaves the clusters, the new one joins
    _touch_later(raw / "copy-0000.txt", variant(77))
    run(raw, wh)
    cl2 = assert_consistent(wh)["story_clusters"]
    assert members[2] not in set(cl2.article_id) and len(cl2) == 3


def test_a_run_compacts_a_directory_once_it_has_many_small_files(raw, tmp_path, monkeypatch):
    wh = tmp_path / "wh"
    monkeypatch.setattr(compact, "AUTO_COMPACT_MIN_FILES", 4)
    write_variants(raw, 2)
    s = run(raw, wh, batch_size=1)  # 3 batches: 3 small parts per table, under the threshold
    assert s["finish"]["compacted_files"] == 0
    assert len(list((wh / "lines").glob("part-*.parquet"))) == 4
    write_variants(raw, 2, start=10)
    s = run(raw, wh, batch_size=1)  # 5 small parts now: merged at the end of the run
    assert s["finish"]["compacted_files"] > 0
    assert sorted(p.stem.split("-")[1] for p in (wh / "lines").glob("part-*.parquet")) == ["c", "init"]
    tables = assert_consistent(wh)
    assert len(tables["articles"]) == 5 and len(tables["lines"]) == 5 * 34
