"""The story index as warehouse tables (issue 15, item 2): batches write `story_sketches` and `story_bands`
parts, and `stories.update` reads only the rows the new and gone articles touch. Over several runs that add
articles, remove some (a story's first member among them) and grow one story past BUCKET_CAP copies, the
`story_clusters` it writes equal those of one whole in-memory StoryIndex fed the same removals and
additions; and the articles it loads stay a small part of the index."""
import random

import pyarrow as pa
import pytest

from copydesk.warehouse import stories, writer
from copydesk.warehouse.stories import StoryIndex
from test_warehouse_dedup import build_corpus
from helpers import DEV


@pytest.fixture(scope="module")
def corpus():
    if not (DEV / "ground-truth.json").exists():
        pytest.skip("dev benchmark not available")
    items, _ = build_corpus()
    # one story with 4 x BUCKET_CAP near-copies, so lookups hit the per-bucket cap
    rng = random.Random(5)
    sid, story = items[0]
    vocab = sorted({w for _, b in items for w in b.split()})
    for n in range(4 * stories.BUCKET_CAP):
        w = story.split()
        for i in rng.sample(range(len(w)), max(1, len(w) // 50)):
            w[i] = rng.choice(vocab)
        items.append((f"{sid}-copy{n}", " ".join(w)))
    random.Random(9).shuffle(items)
    return items


def _rows(table: pa.Table) -> list[tuple]:
    return sorted((r["article_id"], r["cluster_id"], round(r["similarity"], 3), r["exact_duplicate"])
                  for r in table.to_pylist())


def test_story_tables_give_the_whole_index_clusters(corpus, tmp_path, monkeypatch):
    wh = tmp_path / "wh"
    writer.ensure_tables(wh)
    loaded = []
    real_preload = StoryIndex.preload
    monkeypatch.setattr(StoryIndex, "preload", lambda self, rows, *a: (loaded.append(len(rows)),
                                                                       real_preload(self, rows, *a))[1])
    ref = StoryIndex()
    live: list[str] = []
    n = len(corpus)
    # the last run only removes: the stories that lose a member are re-linked without any new article
    for r, items in enumerate([corpus[:n // 3], corpus[n // 3:2 * n // 3], corpus[2 * n // 3:], []]):
        # some of the live articles go (their input changed): a few stories' first members included
        gone = live[3:9] + [a for a in live if a.endswith(f"-copy{r}")] if r else []
        live = [a for a in live if a not in gone]
        for t, tab in stories.sketch_tables([a for a, _ in items], [b for _, b in items]).items():
            writer.atomic_write_table(tab, wh / t / f"part-r{r}.parquet")
        live += [a for a, _ in items]
        out = stories.update(wh, [live])
        ref.remove(gone)
        ref.add(items)
        assert out["indexed"] == len(items) and out["unindexed"] == len(gone)
        assert _rows(writer.read_table(wh, "story_clusters")) == _rows(pa.Table.from_pylist(ref.clusters())), r
    assert len(writer.read_table(wh, "story_clusters")) > 100
    print(f"\nloaded per run: {loaded}, live {len(live)}, cluster rows {len(writer.read_table(wh, 'story_clusters'))}")
    assert loaded[0] == 0 and max(loaded[1:]) < len(live) and loaded[-1] < len(live) / 2  # only the touched part of the index is loaded
    # a re-run with nothing new or gone changes nothing
    before = writer.read_table(wh, "story_clusters")
    assert stories.update(wh, [live])["indexed"] == 0
    assert writer.read_table(wh, "story_clusters").equals(before)


def _clusters(wh) -> list[tuple]:
    arts = writer.read_table(wh, "articles").to_pandas().set_index("article_id")["source_path"]
    return sorted((arts[r["article_id"]], arts[r["cluster_id"]], round(r["similarity"], 3), r["exact_duplicate"])
                  for r in writer.read_table(wh, "story_clusters").to_pylist())


@pytest.fixture
def harbour(tmp_path):
    from warehouse_helpers import write_variants
    raw = tmp_path / "raw"
    write_variants(raw, 6)  # the sample article, varied: one story
    return raw


def test_an_older_warehouse_is_rebuilt_from_its_bodies(harbour, tmp_path):
    """A warehouse from before the story tables (no sketch rows, a pickle index, story_clusters without the
    index's fingerprint) gets its index rebuilt by the next run: the same clusters, the pickle gone."""
    import shutil
    from warehouse_helpers import run
    wh = tmp_path / "wh"
    run(harbour, wh, batch_size=3)
    want = _clusters(wh)
    assert len(want) >= 2
    for t in (*writer.STORY_TABLES, writer.STORY_MEMBERS):
        shutil.rmtree(wh / t)
    plain = writer.read_table(wh, "story_clusters").replace_schema_metadata({})
    writer.atomic_write_table(plain, wh / "story_clusters" / "part-current.parquet")
    (wh / stories.INDEX_FILE).parent.mkdir(exist_ok=True)
    (wh / stories.INDEX_FILE).write_bytes(b"an old pickle")
    s = run(harbour, wh, batch_size=3)
    assert s["files"] == 0 and s["finish"]["indexed"] == len(writer.read_table(wh, "articles"))
    assert _clusters(wh) == want and not (wh / stories.INDEX_FILE).exists()
    assert len(writer.read_table(wh, "story_sketches")) == len(writer.read_table(wh, "articles"))


def test_a_finish_that_dies_before_story_clusters_is_redone(harbour, tmp_path, monkeypatch):
    """Killed between the story_members part and story_clusters (the commit): the next run's recovery drops
    the members part, and the run indexes those articles again; nothing is lost or doubled."""
    from warehouse_helpers import run, write_variants
    wh, ref = tmp_path / "wh", tmp_path / "ref"
    run(harbour, wh, batch_size=3)
    write_variants(harbour, 3, start=6)
    run(harbour, ref, batch_size=3)
    real = writer.atomic_write_table

    def dies_at_clusters(table, path):
        if path.parent.name == "story_clusters" and table.num_rows:
            raise OSError("killed")
        return real(table, path)
    monkeypatch.setattr(writer, "atomic_write_table", dies_at_clusters)
    with pytest.raises(OSError):
        run(harbour, wh, batch_size=3)
    assert list((wh / writer.STORY_MEMBERS).glob("part-s-*.parquet"))  # written, not committed
    monkeypatch.setattr(writer, "atomic_write_table", real)
    s = run(harbour, wh, batch_size=3)
    assert s["recovered_files"] >= 1 and s["finish"]["indexed"] == 3  # the 3 new ones, again
    assert _clusters(wh) == _clusters(ref)
    assert len(writer.read_table(wh, writer.STORY_MEMBERS)) == len(writer.read_table(wh, "articles"))


def test_other_settings_or_another_hash_scheme_rebuild_the_index(harbour, tmp_path, monkeypatch):
    """The story tables remember the settings and hashing scheme they were built with (story_clusters'
    fingerprint): another similarity threshold or HASH_SCHEME makes the next update rebuild the index rather
    than mix incompatible signatures."""
    from warehouse_helpers import run
    wh = tmp_path / "wh"
    run(harbour, wh, batch_size=3)
    assert not stories.rebuilds(wh)
    assert stories.rebuilds(wh, threshold=0.7)
    monkeypatch.setattr(stories, "HASH_SCHEME", "another-scheme")
    assert stories.rebuilds(wh)
    s = run(harbour, wh, batch_size=3)  # nothing new to read, yet every article is indexed again
    assert s["files"] == 0 and s["finish"]["indexed"] == len(writer.read_table(wh, "articles"))
    assert not stories.rebuilds(wh)
