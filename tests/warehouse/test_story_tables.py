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
