"""Near-duplicate (syndication) clustering on constructed variants of the dev benchmark's article bodies:
the same story with different outlet boilerplate, light copy-editing, a dropped or trimmed paragraph.
Measures pairwise precision and recall against the construction's truth; distinct stories are the
distractors. The bodies are read at run time; nothing of the benchmark is in the code."""
import itertools
import json
import random

import pytest

from copydesk.warehouse.stories import MIN_BODY_WORDS, StoryIndex, words
from helpers import DEV

STORIES_WITH_VARIANTS = 30
PRECISION_FLOOR = 0.95
RECALL_FLOOR = 0.90

INTROS = ["By {a} staff", "{A} — This story was first published by {a}.", "Filed via {a} news service",
          "Originally published by our partner {a}."]
OUTROS = ["Copyright {a}. All rights reserved. Redistribution prohibited.", "Read more stories from {a} on our site.",
          "Subscribe to the {a} morning briefing for more news like this.", "Reporting by {a}; editing by the desk."]
AGENCIES = ["the wire desk", "a partner network", "the regional service", "an affiliate"]


def _bodies() -> dict[str, str]:
    gt = json.loads((DEV / "ground-truth.json").read_text(encoding="utf-8"))
    return {k: v["articleBody"] for k, v in sorted(gt.items()) if len(words(v["articleBody"] or "")) >= 150}


def _boilerplate(rng, body: str) -> str:
    a = rng.choice(AGENCIES)
    return "\n\n".join([rng.choice(INTROS).format(a=a, A=a.upper()), body, rng.choice(OUTROS).format(a=a)])


def _edit(rng, body: str, vocab: list[str], rate: float) -> str:
    paras = [p for p in body.split("\n\n") if p.strip()]
    out = []
    for p in paras:
        ws = p.split()
        for i in range(len(ws)):
            if rng.random() < rate:
                ws[i] = rng.choice(vocab)
        out.append(" ".join(ws))
    return "\n\n".join(out)


def _drop_paragraph(rng, body: str) -> str:
    paras = [p for p in body.split("\n\n") if p.strip()]
    if len(paras) >= 5:
        del paras[rng.randrange(1, len(paras))]
    return "\n\n".join(paras)


def _trim(body: str, keep: float) -> str:
    paras = [p for p in body.split("\n\n") if p.strip()]
    return "\n\n".join(paras[:max(3, int(len(paras) * keep))])


def build_corpus(seed: int = 7):
    rng = random.Random(seed)
    bodies = _bodies()
    ids = list(bodies)
    rng.shuffle(ids)
    vocab = sorted({w for b in bodies.values() for w in b.split() if w.isalpha()})
    items, truth = [], {}
    for n, sid in enumerate(ids):
        b = bodies[sid]
        items.append((f"{sid}:orig", b))
        truth[f"{sid}:orig"] = sid
        if n >= STORIES_WITH_VARIANTS:
            continue
        variants = {
            "boiler": _boilerplate(rng, b),
            "edited": _boilerplate(rng, _edit(rng, b, vocab, 0.03)),
            "cut": _drop_paragraph(rng, _edit(rng, b, vocab, 0.01)),
            "trimmed": _boilerplate(rng, _trim(b, 0.5)),
            "exact": b.replace("\n\n", "\n\n\n"),  # same words, different whitespace
        }
        for name, text in variants.items():
            items.append((f"{sid}:{name}", text))
            truth[f"{sid}:{name}"] = sid
    return items, truth


def pairwise(pred: dict[str, str], truth: dict[str, str]) -> tuple[float, float]:
    tp = fp = fn = 0
    for a, b in itertools.combinations(sorted(truth), 2):
        same_pred = a in pred and b in pred and pred[a] == pred[b]
        same_true = truth[a] == truth[b]
        tp += same_pred and same_true
        fp += same_pred and not same_true
        fn += same_true and not same_pred
    return tp / max(1, tp + fp), tp / max(1, tp + fn)


@pytest.fixture(scope="module")
def corpus():
    if not (DEV / "ground-truth.json").exists():
        pytest.skip("dev benchmark not available")
    return build_corpus()


def test_near_duplicate_precision_and_recall(corpus):
    items, truth = corpus
    assert len([k for k in truth if not k.endswith(":orig")]) == 5 * STORIES_WITH_VARIANTS
    idx = StoryIndex()
    # in two halves: the second half's copies link to the first half's stories (across runs, through the
    # warehouse tables: test_story_tables)
    half = len(items) // 2
    idx.add(items[:half])
    idx.add(items[half:])
    rows = idx.clusters()
    pred = {r["article_id"]: r["cluster_id"] for r in rows}
    precision, recall = pairwise(pred, truth)
    print(f"\nstory clusters on {len(items)} bodies ({STORIES_WITH_VARIANTS} stories x 6 versions + "
          f"{len(items) - 6 * STORIES_WITH_VARIANTS} distinct): pairwise precision {precision:.3f}, recall {recall:.3f}")
    assert precision >= PRECISION_FLOOR and recall >= RECALL_FLOOR
    exact = {r["article_id"] for r in rows if r["exact_duplicate"]}
    for k in truth:
        if k.endswith(":exact"):
            assert k in exact and k.replace(":exact", ":orig") in exact
        if k.endswith(":edited"):
            assert k not in exact
    for r in rows:
        assert 0.0 < r["similarity"] <= 1.0


def test_removed_articles_leave_their_clusters(corpus):
    items, truth = corpus
    sid = next(v for k, v in truth.items() if k.endswith(":boiler"))
    idx = StoryIndex()
    idx.add([(k, t) for k, t in items if truth[k] == sid])
    assert len(idx.clusters()) == 6
    idx.remove([f"{sid}:orig", f"{sid}:exact"])
    rows = idx.clusters()
    assert {r["article_id"] for r in rows} == {f"{sid}:{n}" for n in ("boiler", "edited", "cut", "trimmed")}
    assert not any(r["exact_duplicate"] for r in rows)


def test_short_bodies_are_not_clustered():
    idx = StoryIndex()
    stub = "Photo gallery of the day."
    assert len(words(stub)) < MIN_BODY_WORDS
    idx.add([("a", stub), ("b", stub), ("c", "")])
    assert idx.clusters() == [] and "a" in idx
