"""The story index's numpy signatures (stories.sketch) on real dev article bodies: the numpy tokeniser finds
exactly the words of `stories.words`, a body's signature does not depend on the bodies hashed with it,
the Jaccard estimates track the exact Jaccard of the word 5-gram sets as a MinHash should, and an index
built with another hashing scheme is rebuilt."""
import json
import random

import numpy as np
import pytest

from copydesk.warehouse import stories
from copydesk.warehouse.stories import SHINGLE_WORDS, StoryIndex, body_hash, sketch, words
from helpers import DEV


@pytest.fixture(scope="module")
def bodies() -> list[str]:
    gt = DEV / "ground-truth.json"
    if not gt.exists():
        pytest.skip("dev benchmark not available")
    return [v["articleBody"] or "" for _, v in sorted(json.loads(gt.read_text(encoding="utf-8")).items())]


# what the regex and str.lower() do differently from an ASCII split: final sigma, dotted capital I
# (lower-cases to i + a combining dot, which is not a word character), combining accents, ligatures,
# Arabic-Indic and superscript digits, underscore, CJK, emoji and zero-width space (not word characters)
TRICKY = ["ΟΔΟΣ ΣΑΣ", "İstanbul İİ", "cafe\u0301 naïve", "ﬁnance_desk", "١٢٣ x² Ⅻ", "新闻报道 中文",
          "a😀b c\u200bd", "it’s—the end…", "", "   \n\t "]


def test_numpy_words_are_the_regex_words(bodies):
    # bodies lower-cased code point by code point (the dev pages, each tricky text but İ and Σ alone), and
    # groups with İ or Σ, which str.lower() lower-cases (all the texts at once, each of those alone)
    groups = [bodies] + [[t] for t in TRICKY] + [bodies + TRICKY]
    assert sum((stories._lower_table()[[ord(c) for c in "".join(g)]] == stories._NOT_SIMPLE).any() for g in groups) == 3
    by_word: dict[str, int] = {}
    for texts in groups:
        wh, bounds = stories._word_hashes(texts)
        ref = [words(t) for t in texts]
        assert [int(bounds[i + 1] - bounds[i]) for i in range(len(texts))] == [len(w) for w in ref]
        # the same word always has the same hash, and different words different ones
        for w, h in zip((w for ws in ref for w in ws), wh.tolist()):
            assert by_word.setdefault(w, h) == h, w
    assert len(set(by_word.values())) == len(by_word) > 5_000


def test_signature_does_not_depend_on_the_bodies_hashed_with_it(bodies, monkeypatch):
    texts = [b for b in bodies if len(words(b)) >= stories.MIN_BODY_WORDS][:40]
    alone = [sketch([t]) for t in texts]
    # small groups, blocks and weight cache: bodies split across permutation blocks, weights recomputed
    monkeypatch.setattr(stories, "SKETCH_CHARS", 5_000)
    monkeypatch.setattr(stories, "PERM_BLOCK_ROWS", 100)
    monkeypatch.setattr(stories, "POWERS_CACHED", 1_000)
    monkeypatch.setattr(stories, "_pow_cache", (np.empty(0, np.uint64), np.empty(0, np.uint64)))
    n_words, hashes, sizes, sigs = sketch(texts)
    for i, (n, h, s, sig) in enumerate(alone):
        assert n_words[i] == n[0] and hashes[i] == h[0] and sizes[i] == s[0]
        assert np.array_equal(sigs[i], sig[0])


def _shingle_set(text: str) -> set[str]:
    w = words(text)
    return {" ".join(w[i:i + SHINGLE_WORDS]) for i in range(len(w) - SHINGLE_WORDS + 1)}


def test_jaccard_estimates_track_the_exact_jaccard(bodies):
    rng = random.Random(5)
    long_ = [b for b in bodies if len(words(b)) >= 150]
    pairs = []
    for b in long_[:40]:
        paras = [p for p in b.split("\n\n") if p.strip()]
        ws = b.split()
        for i in rng.sample(range(len(ws)), len(ws) // 20):
            ws[i] = rng.choice(ws)
        # a copy cut to its first half, one with a paragraph dropped, one with 5 % of the words replaced
        for copy in ("\n\n".join(paras[:max(1, len(paras) // 2)]), "\n\n".join(paras[:1] + paras[2:]), " ".join(ws)):
            pairs.append((b, copy))
    pairs += [tuple(rng.sample(long_, 2)) for _ in range(100)]  # distinct stories
    texts = [t for p in pairs for t in p]
    _, _, sizes, sigs = sketch(texts)
    exact = [_shingle_set(t) for t in texts]
    assert sizes.tolist() == [len(s) for s in exact]  # distinct shingles, counted from 32-bit hashes
    z, err = [], []
    for i in range(len(pairs)):
        a, b = exact[2 * i], exact[2 * i + 1]
        j = len(a & b) / len(a | b)
        est = stories.jaccard(sigs[2 * i], sigs[2 * i + 1])
        err.append(est - j)
        if 0.05 < j < 0.95:
            z.append((est - j) / np.sqrt(j * (1 - j) / stories.NUM_PERM))
    # an unbiased estimate with the binomial spread of 128 independent permutations (a broken permutation
    # family or shingle hash shows as a bias or a wider spread)
    assert len(z) > 80
    assert abs(np.mean(z)) < 0.35 and 0.6 < np.std(z) < 1.4, (np.mean(z), np.std(z))
    assert max(abs(e) for e in err) < 0.2


def test_body_hash_is_the_words(bodies):
    b = next(b for b in bodies if len(words(b)) >= 100)
    respaced = " \n ".join(b.split()).replace(".", " . ")
    assert words(respaced) == words(b) and body_hash(respaced) == body_hash(b)
    assert body_hash(b.replace(words(b)[50], "zzword", 1)) != body_hash(b)


def test_banding_is_datasketchs():
    from datasketch import MinHashLSH
    for num_perm in (64, 128, 256):
        for threshold in np.arange(0.05, 0.96, 0.05):
            lsh = MinHashLSH(threshold=float(threshold), num_perm=num_perm)
            assert stories.banding(float(threshold), num_perm) == (lsh.b, lsh.r), (threshold, num_perm)
