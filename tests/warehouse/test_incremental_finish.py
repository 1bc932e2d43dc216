"""A run's finishing step reconciles and indexes only what the runs with a marker touched (issue 15, item 6:
cost that does not grow with the warehouse), and ends with the same warehouse as a whole-warehouse finish:
replaced articles out of every table, a doubled article collapsed, rejects one per input, the same
story_clusters. A run that died before its finish was published leaves its marker, and the next run's
finish covers its rows too."""
import json
import shutil

import pytest

from copydesk.run import driver
from copydesk.warehouse import stories, writer
from warehouse_helpers import assert_consistent, no_fsync, run, variant, write_variants

N = 6


def _second_round(raw):
    """Two inputs changed (their articles are replaced), a copy of another's content (a duplicate row), a
    reject, and two new inputs, one a near-copy of an existing story."""
    for k, f in enumerate(sorted(raw.glob("copy-*.txt"))[:2]):
        f.write_text(variant(500 + k), encoding="utf-8")
    (raw / "dup-0000.txt").write_text(variant(3), encoding="utf-8")
    (raw / "broken-0000.html").write_bytes(b"\x00" * 10)
    write_variants(raw, 2, start=N, prefix="more")


def _full(wh):
    """The warehouse as a whole-warehouse finish leaves it: every table's rows, without run-specific stamps."""
    tables = assert_consistent(wh)
    clusters = writer.read_table(wh, "story_clusters").to_pylist()
    return (sorted(tables["articles"].article_id), len(tables["lines"]), len(tables["paragraphs"]),
            sorted(tables["rejects"].source_path), clusters)


def _no_whole_ledger(monkeypatch):
    """A finish that reads the whole ledger (writer.live_ledger) or every live id fails."""
    def refuse(*a, **kw):
        raise AssertionError("the finishing step read the whole ledger")
    monkeypatch.setattr(writer, "live_ledger", refuse)
    real = stories.update

    def update(wh, live, threshold=None, gone=None):
        assert gone is not None, "the story index was given every live id"
        return real(wh, live, threshold, gone=gone)
    monkeypatch.setattr(stories, "update", update)


def test_finish_covers_only_the_runs_rows_and_matches_a_whole_finish(tmp_path, monkeypatch):
    no_fsync(monkeypatch)
    raw, wh = tmp_path / "raw", tmp_path / "wh"
    write_variants(raw, N)
    run(raw, wh, batch_size=2)
    assert writer.read_meta(wh)[writer.META_MARKED] and writer.pending_runs(wh) == []
    _second_round(raw)
    ref = tmp_path / "ref"
    shutil.copytree(wh, ref)
    meta = writer.read_meta(ref)
    del meta[writer.META_MARKED]  # the reference: a warehouse without markers gets a whole finish
    (ref / writer.META_FILE).write_text(json.dumps(meta), encoding="utf-8")
    want = run(raw, ref, batch_size=2)
    with monkeypatch.context() as m:
        _no_whole_ledger(m)
        s = run(raw, wh, batch_size=2)
    assert s["finish"]["replaced_articles"] == want["finish"]["replaced_articles"] == 2
    assert s["finish"]["story_clusters"] == want["finish"]["story_clusters"]
    assert _full(wh) == _full(ref)
    assert writer.pending_runs(wh) == []
    # nothing new: the next run touches nothing and changes nothing
    with monkeypatch.context() as m:
        _no_whole_ledger(m)
        again = run(raw, wh, batch_size=2)
    assert again["files"] == 0 and _full(wh) == _full(ref)


@pytest.mark.parametrize("dies_in", ["reconcile", "stories"])
def test_run_that_died_before_its_finish_is_finished_by_the_next(tmp_path, monkeypatch, dies_in):
    no_fsync(monkeypatch)
    raw, wh = tmp_path / "raw", tmp_path / "wh"
    write_variants(raw, N)
    run(raw, wh, batch_size=2)
    _second_round(raw)
    ref = tmp_path / "ref"
    shutil.copytree(wh, ref)
    run(raw, ref, batch_size=2)

    # killed at the start of the finish, or after its reconcile (the replaced rows gone, the index not updated)
    target = (writer, "reconcile") if dies_in == "reconcile" else (stories, "update")

    def dies(*a, **kw):
        raise KeyboardInterrupt("killed")
    with monkeypatch.context() as m:
        m.setattr(*target, dies)
        with pytest.raises(KeyboardInterrupt):
            run(raw, wh, batch_size=2)
    assert len(writer.pending_runs(wh)) == 1  # the dead run's marker stays
    with monkeypatch.context() as m:
        _no_whole_ledger(m)
        s = run(raw, wh, batch_size=2)  # nothing left to process: only the dead run's rows to finish
    assert s["files"] == 0
    assert s["finish"]["indexed"] == 4 and s["finish"]["unindexed"] == 2
    assert writer.pending_runs(wh) == []
    assert _full(wh) == _full(ref)


def test_finish_reads_only_the_parts_of_the_batches_it_touched(tmp_path, monkeypatch):
    """Reconcile and the finish's id read open only the parts of the batches that wrote a touched article (a
    part per batch, or a compacted part whose footer lists one of them), and rewrite only the parts that hold
    a row to drop; the warehouse ends as a whole finish leaves it (issue 15, item 2)."""
    from copydesk.warehouse import compact
    no_fsync(monkeypatch)
    raw, wh = tmp_path / "raw", tmp_path / "wh"
    write_variants(raw, 4)
    run(raw, wh, batch_size=2)
    compact.compact(wh, min_files=2)  # round 1's parts merged: part-c-*, naming their batches in the footer
    assert all(writer.part_batches(p) for p in writer._parts(wh, "paragraphs") if "part-c-" in p.name)
    write_variants(raw, 4, start=4)
    run(raw, wh, batch_size=2)  # round 2: a part per batch beside the compacted ones
    round2 = {r["batch"] for r in writer.read_ledger(wh).to_pylist() if r["source_path"] == "copy-0004.txt"}

    def finish_reading(change: int):
        (raw / f"copy-{change:04d}.txt").write_text(variant(900 + change), encoding="utf-8")
        ref = tmp_path / f"ref-{change}"
        shutil.copytree(wh, ref)
        meta = writer.read_meta(ref)
        del meta[writer.META_MARKED]  # the reference gets a whole finish
        (ref / writer.META_FILE).write_text(json.dumps(meta), encoding="utf-8")
        run(raw, ref, batch_size=2)
        read, rewritten = [], []
        real_ids, real_rewrite = writer._ids_of, writer._rewrite_without
        with monkeypatch.context() as m:
            m.setattr(writer, "_ids_of", lambda p: read.append(p.name) or real_ids(p))
            m.setattr(writer, "_rewrite_without",
                      lambda p, mask, t: (lambda n: n and rewritten.append(p.name) or n)(real_rewrite(p, mask, t)))
            s = run(raw, wh, batch_size=2)
        assert s["finish"]["replaced_articles"] == 1
        assert _full(wh) == _full(ref)
        # story_members parts (`part-s-*`, one per finish) are the index's, looked up by id (stories.update)
        return s, {n for n in read if not n.startswith("part-s-")}, {n for n in rewritten if not n.startswith("part-s-")}

    # a round-2 input changed: only its batch's parts (and this run's own) are read, no compacted part and no
    # part of the other round-2 batch
    s, read, rewritten = finish_reading(4)
    keys = {n[len("part-"):-len(".parquet")] for n in read}
    assert keys and all(k in round2 or k.startswith(s["run_id"]) for k in keys), (keys, round2)
    assert rewritten and all(n[len("part-"):-len(".parquet")] in round2 for n in rewritten), (rewritten, round2)
    # a round-1 input changed: its rows are in the compacted parts, found through their footers
    s, read, rewritten = finish_reading(1)
    assert any(n.startswith("part-c-") for n in read)
    assert all(n.startswith("part-c-") for n in rewritten), rewritten
