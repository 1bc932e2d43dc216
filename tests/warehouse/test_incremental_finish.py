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
