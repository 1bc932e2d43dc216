"""Syndication: the same wire story re-published by several outlets, found with MinHash LSH over word
shingles of the body (signatures computed in numpy, banded as datasketch's MinHashLSH would) — no
all-pairs comparison: each new article is hashed once and looked up in the LSH band tables, and only the
few candidates it collides with are verified.

`StoryIndex` is an explicit object (no module-level state): the caller loads it from the warehouse
(`warehouse/_lsh/index.pkl`), adds the run's new articles, removes articles that are gone, saves it back
atomically and writes `story_clusters` from it. Clusters are the connected components of verified
near-duplicate edges; the cluster id is the article first added to the index of its component (a
stable id as long as that article lives), `similarity` is each member's estimated Jaccard similarity
to it, and `exact_duplicate` marks members whose body text is identical to another member's.
"""
from __future__ import annotations

import functools
import hashlib
import itertools
import re
import uuid
from pathlib import Path
from typing import Iterable, Optional

import numpy as np

from copydesk.warehouse import writer
from copydesk.warehouse.storepath import arrow_args, warehouse_path

# Permutations per signature: Jaccard estimates within about +-0.045 (1/sqrt(128) * 0.5), 512 bytes each.
NUM_PERM = 128
# Word 5-grams: long enough that two different stories on one topic share few of them, short enough
# that a one-word edit only disturbs five shingles.
SHINGLE_WORDS = 5
# Estimated Jaccard over body shingles at or above which two articles are the same story. Syndicated
# copies with a different intro/outro paragraph and light copy-editing stay well above it; distinct
# stories on the same topic share almost no 5-grams.
SIMILARITY_THRESHOLD = 0.5
# Bodies shorter than this (in words) are not clustered: a stub or an empty body would match every
# other stub, which says nothing about syndication.
MIN_BODY_WORDS = 40
# A shorter copy is also the same story when most of its shingles are in the longer one: wire copies are
# often cut to their first paragraphs, which lowers Jaccard (|A∩B|/|A∪B|) but not containment
# (|A∩B|/|smaller|), estimated from the Jaccard estimate and both shingle counts.
CONTAINMENT_THRESHOLD = 0.8
# Containment is only trusted with some overlap in the Jaccard sense too, so a short generic text is not
# "contained" in a long story by a handful of shared phrases.
MIN_JACCARD_FOR_CONTAINMENT = 0.2
# The LSH is tuned slightly below the lowest Jaccard that can be accepted so borderline pairs still
# become candidates.
LSH_THRESHOLD_SLACK = 0.05
SEED = 1
# Signatures are computed with numpy over a whole chunk of bodies at once, not one Python object per shingle
# (measured: Python shingle sets, crc32 per shingle and datasketch's MinHash took ~2 ms per bench article,
# ~200 s of one core for 100,000 articles at the end of a run):
# - the body is split into words by a per-code-point table built from the same regex as `words`, and each
#   word is hashed once (a polynomial over its code points, then splitmix64: 64 bits, no Python string);
# - a shingle's hash combines its SHINGLE_WORDS word hashes (polynomial, then splitmix64) and keeps 32 bits;
# - the NUM_PERM permutations are multiply-add-shift hashes h_i(x) = (a_i*x + b_i mod 2**64) >> 32 (a
#   strongly universal family, as datasketch's (a*x + b) mod (2**61 - 1) was, without the modulo),
#   computed as one (NUM_PERM x shingles) numpy product per block; the minimum per body is its signature.
# Jaccard estimates on the dedup test corpus are as close to the exact values as datasketch's were (RMSE
# 0.014 both). The values differ from before, so the tag in _fingerprint names the scheme: an index built
# with the old hashing is rebuilt instead of mixed with new signatures.
HASH_SCHEME = "numpy-poly-mulshift-v1"
# Bodies are tokenised and hashed in groups of about this many characters (~60 bench bodies): the
# per-character arrays of a group (~40 bytes a character) stay ~10 MiB whatever the chunk the caller passes
# (measured on 2,000 bench bodies: traced peak 21 MiB above the index with groups of 2**20 characters,
# 10 MiB with 2**18, CPU time the same within noise); a single longer body is hashed on its own.
SKETCH_CHARS = 1 << 18
# Shingles per block of the (NUM_PERM x shingles) uint64 product: 8,192 x 128 x 8 bytes = 8 MiB at a time,
# large enough that numpy's per-call overhead does not count (4,096 to 16,384 measured within ~15 %).
PERM_BLOCK_ROWS = 8192
# Positions whose word-hash weights are kept between calls: 2 x 4 MiB, enough for a group of bodies
# (SKETCH_CHARS plus one body); a longer group computes its own and drops them.
POWERS_CACHED = 1 << 19
# A lookup takes at most this many articles from one LSH bucket (band key): its oldest live members. A
# bucket with more is a story with that many near-copies: a new copy finds BUCKET_CAP of them in each band
# it shares, verifies one per story, and joins it; taking every member made each new copy of a story with
# n copies cost O(n) (hits to sort, candidates to walk): on the bench corpus (91 pages varied, so ~n/91
# copies of each) the index step grew from ~0.5 to ~2.5 ms per article between 2,000 and 24,000 articles,
# O(n^2) in all. Every member stays stored (12 bytes a band), so when the oldest go the next are seen.
# Below the cap the candidates are exactly MinHashLSH's (tests/test_perf_dedup.py).
BUCKET_CAP = 16
INDEX_FILE = Path("_lsh") / "index.pkl"

_WORD = re.compile(r"\w+", re.UNICODE)
# (signatures of bodies shorter than a shingle would need a special case; those bodies are never clustered)
assert MIN_BODY_WORDS >= SHINGLE_WORDS


def words(text: str) -> list[str]:
    """The body's words as the index sees them (the reference for the numpy tokeniser in _word_hashes)."""
    return _WORD.findall(text.lower())


_U64 = np.uint64
_M1, _M2 = _U64(0xBF58476D1CE4E5B9), _U64(0x94D049BB133111EB)
_SHINGLE_MUL = _U64(0x9E3779B97F4A7C15)
_word_chars: Optional[np.ndarray] = None
_lower_chars: Optional[np.ndarray] = None
_NOT_SIMPLE = 0xFFFFFFFF
# the word hash's polynomial base: odd, so invertible mod 2**64
_WORD_BASE = _U64(0x100000001B3 * 2 + 1)
_WORD_BASE_INV = _U64(pow(int(_WORD_BASE), -1, 2**64))
_pow_cache: tuple[np.ndarray, np.ndarray] = (np.empty(0, np.uint64), np.empty(0, np.uint64))
_perm_cache: dict[int, tuple[np.ndarray, np.ndarray]] = {}


def _mix64(z: np.ndarray) -> np.ndarray:
    """splitmix64's finaliser, in place on a uint64 array (a bijection that spreads every input bit)."""
    z ^= z >> _U64(30)
    z *= _M1
    z ^= z >> _U64(27)
    z *= _M2
    z ^= z >> _U64(31)
    return z


def _is_word_char() -> np.ndarray:
    """A bool per Unicode code point: does `_WORD` (\\w) match it. Built once per process from the regex
    itself (~0.1 s), so the numpy tokeniser splits exactly where `words` does."""
    global _word_chars
    if _word_chars is None:
        every = np.arange(0x110000, dtype=np.uint32).tobytes().decode("utf-32-le", "surrogatepass")
        table = np.zeros(0x110000, dtype=bool)
        for m in _WORD.finditer(every):
            table[m.start():m.end()] = True
        _word_chars = table
    return _word_chars


def _lower_table() -> np.ndarray:
    """A uint32 per code point: what str.lower() turns it into when that is one code point whatever its
    neighbours, else _NOT_SIMPLE (U+0130 lower-cases to two code points; Σ to σ or ς by context). Built
    once per process by lower-casing every code point in blocks (~0.05 s)."""
    global _lower_chars
    if _lower_chars is None:
        every = np.arange(0x110000, dtype=np.uint32).tobytes().decode("utf-32-le", "surrogatepass")
        parts = []
        for start in range(0, 0x110000, 4096):
            block = every[start:start + 4096]
            low = block.lower()
            if len(low) == len(block):
                parts.append(np.frombuffer(low.encode("utf-32-le", "surrogatepass"), dtype=np.uint32))
            else:
                parts.append(np.array([ord(c.lower()) if len(c.lower()) == 1 else _NOT_SIMPLE for c in block],
                                      dtype=np.uint32))
        table = np.concatenate(parts)
        table[0x3A3] = _NOT_SIMPLE  # final sigma: the only context-dependent lower-casing in str.lower
        _lower_chars = table
    return _lower_chars


def _permutations(num_perm: int) -> tuple[np.ndarray, np.ndarray]:
    if num_perm not in _perm_cache:
        rng = np.random.default_rng(SEED)
        a = rng.integers(0, 2**64, size=num_perm, dtype=np.uint64, endpoint=False) | _U64(1)
        b = rng.integers(0, 2**64, size=num_perm, dtype=np.uint64, endpoint=False)
        _perm_cache[num_perm] = (a, b)
    return _perm_cache[num_perm]


def _powers(n: int) -> tuple[np.ndarray, np.ndarray]:
    """(B**i, B**-i) mod 2**64 for i < n: the word hash's position weights and the factors that remove a
    word's position from them. Kept for up to POWERS_CACHED positions (~2 x 8 bytes each)."""
    global _pow_cache
    if len(_pow_cache[0]) >= n:
        return _pow_cache[0][:n], _pow_cache[1][:n]
    m = max(n, min(2 * len(_pow_cache[0]), POWERS_CACHED))
    fwd = np.full(m, _WORD_BASE, dtype=np.uint64)
    inv = np.full(m, _WORD_BASE_INV, dtype=np.uint64)
    fwd[0] = inv[0] = 1
    np.cumprod(fwd, out=fwd)  # wraps mod 2**64
    np.cumprod(inv, out=inv)
    if m <= POWERS_CACHED:
        _pow_cache = (fwd, inv)
    return fwd[:n], inv[:n]


def _word_hashes(bodies: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """(word hashes of all bodies in order, uint64; bounds: body i's words are [bounds[i], bounds[i+1])).
    The words are those of `words(body)`: runs of \\w characters in the lower-cased body. A word's hash is
    splitmix64 of the polynomial sum(c_j * B**j) mod 2**64 over its code points c_j, computed for every
    word at once from one prefix sum over the text (a few numpy passes per character; hashing each
    character and summing per word took ~3x as long)."""
    # "\n" between bodies: not a word character, so no word spans two bodies (and lower() sees each alone)
    cp = _lower_table()[np.frombuffer("\n".join(bodies).encode("utf-32-le", "surrogatepass"), dtype=np.uint32)]
    if (cp == _NOT_SIMPLE).any():  # İ or Σ in the group: str.lower() itself, as `words` does
        lowered = [b.lower() for b in bodies]
        cp = np.frombuffer("\n".join(lowered).encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    else:  # lower-cased code point by code point (str.lower took ~20 % of the signature work)
        lowered = bodies
    body_start = np.zeros(len(bodies) + 1, dtype=np.int64)
    np.cumsum([len(t) + 1 for t in lowered], out=body_start[1:])
    n = len(cp)
    edge = np.zeros(n + 1, dtype=np.int8)
    edge[:n] = _is_word_char()[cp]
    edge[1:] -= edge[:n].copy()                          # +1 where a word starts, -1 just after it ends
    starts = np.flatnonzero(edge == 1)
    ends = np.flatnonzero(edge == -1)
    del edge
    fwd, inv = _powers(n + 1)
    prefix = np.zeros(n + 1, dtype=np.uint64)            # prefix[i] = sum of c_j * B**j for j < i
    np.multiply(cp, fwd[:n], out=prefix[1:])
    np.cumsum(prefix, out=prefix)                        # wraps mod 2**64
    wh = prefix[ends] - prefix[starts]
    del prefix
    wh *= inv[starts]                                    # the same value wherever the word stands
    _mix64(wh)
    bounds = np.searchsorted(starts, body_start)
    return wh, bounds


def _sketch_group(bodies: list[str], num_perm: int, k: int):
    wh, bounds = _word_hashes(bodies)
    n_bodies = len(bodies)
    n_words = np.diff(bounds)
    hashes = [hashlib.sha256(wh[bounds[i]:bounds[i + 1]].astype("<u8").tobytes()).hexdigest()
              for i in range(n_bodies)]
    sizes = np.zeros(n_bodies, dtype=np.int64)
    sigs = np.full((n_bodies, num_perm), np.iinfo(np.uint64).max, dtype=np.uint64)
    n = len(wh)
    if n >= k:
        m = n - k + 1
        acc = wh[:m].copy()
        for j in range(1, k):
            acc *= _SHINGLE_MUL
            acc += wh[j:m + j]
        body_of_word = np.repeat(np.arange(n_bodies), n_words)[:m]
        keep = np.arange(m) + k <= bounds[body_of_word + 1]     # shingles that end inside their own body
        x = _mix64(acc[keep]) >> _U64(32)
        # one row per distinct (body, shingle hash): sorted by body, the set each body's signature is over
        # (sort and drop repeats: np.unique's hash path took ~10x as long on these ~150,000-value arrays)
        u = (body_of_word[keep].astype(np.uint64) << _U64(32)) | x
        u.sort()
        u = u[np.r_[True, u[1:] != u[:-1]]]
        body = (u >> _U64(32)).astype(np.int64)
        x = u & _U64(0xFFFFFFFF)
        sizes = np.bincount(body, minlength=n_bodies)
        a, b = _permutations(num_perm)
        # (num_perm, shingles): the long axis innermost, so the product, the sum and each body's minimum
        # run over contiguous memory (measured ~4x faster than (shingles, num_perm) with reduceat on axis 0)
        buf = np.empty((num_perm, min(PERM_BLOCK_ROWS, len(x))), dtype=np.uint64)
        for r0 in range(0, len(x), PERM_BLOCK_ROWS):
            xb, db = x[r0:r0 + PERM_BLOCK_ROWS], body[r0:r0 + PERM_BLOCK_ROWS]
            t = np.multiply(a[:, None], xb[None, :], out=buf[:, :len(xb)])
            t += b[:, None]
            seg = np.flatnonzero(np.r_[True, db[1:] != db[:-1]])
            red = np.minimum.reduceat(t, seg, axis=1).T
            who = db[seg]                                        # distinct: rows are sorted by body
            sigs[who] = np.minimum(sigs[who], red)
    # the minimum of (a*x + b) mod 2**64 is also the minimum of its top 32 bits, the hash value kept
    return n_words, hashes, sizes, (sigs >> _U64(32)).astype(np.uint32)


def sketch(bodies: list[str], num_perm: int = NUM_PERM, k: int = SHINGLE_WORDS
           ) -> tuple[np.ndarray, list[str], np.ndarray, np.ndarray]:
    """For each body: its number of words, its exact-duplicate key (`body_hash`), its number of distinct
    shingles and its MinHash signature (num_perm uint32 values) over its word k-shingles, computed a group
    of bodies (~SKETCH_CHARS characters) at a time. Bodies with fewer than k words get no shingles (an
    all-0xFFFFFFFF signature); the index never adds those."""
    out_n, out_h, out_s, out_sig = [], [], [], []
    group: list[str] = []
    chars = 0
    for i, body in enumerate(bodies):
        group.append(body)
        chars += len(body)
        if chars >= SKETCH_CHARS or i == len(bodies) - 1:
            n, h, s, sig = _sketch_group(group, num_perm, k)
            out_n.append(n), out_h.extend(h), out_s.append(s), out_sig.append(sig)
            group, chars = [], 0
    if not out_sig:
        return np.empty(0, np.int64), [], np.empty(0, np.int64), np.empty((0, num_perm), np.uint32)
    return np.concatenate(out_n), out_h, np.concatenate(out_s), np.concatenate(out_sig)


def body_hash(text: str) -> str:
    """Exact-duplicate key: the body's words, case-folded (whitespace and punctuation do not count), as
    the sha256 of their 64-bit word hashes in order."""
    return sketch([text])[1][0]


def containment(j: float, na: int, nb: int) -> float:
    """|A∩B| / min(|A|, |B|) from a Jaccard estimate j and the set sizes (|A∩B| = j(|A|+|B|)/(1+j))."""
    if not na or not nb:
        return 0.0
    return min(1.0, j * (na + nb) / (1 + j) / min(na, nb))


def jaccard(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.count_nonzero(a == b)) / len(a)


def _sorted_distinct(a: np.ndarray) -> list[int]:
    """np.unique(a).tolist(), sorting in place: np.unique's hash-based path took ~3x as long (numpy 2.4:
    ~0.3 ms for the ~2,000 hits of an article whose story has ~40 copies)."""
    a.sort()
    return a[np.r_[True, a[1:] != a[:-1]]].tolist()


class BandTable:
    """The LSH band buckets, kept as numpy arrays instead of datasketch's MinHashLSH storage: per band one
    sorted uint64 array of band keys and the article slot of each. datasketch holds every (band, article)
    as a bytes key in a dict of sets (~19 KB per article at 51 bands; measured: the story index grew the
    end-of-run process by ~30 KB per article, 59 MiB per 2,000 bench articles); here it is 12 bytes per
    band and article (~0.6 KB). Candidates are those of MinHashLSH.query: the articles with an identical
    band (r hash values) in any band, except that at most `cap` (BUCKET_CAP) come from one bucket, the
    first in arrival order.

    Keys of articles added in the current `add` call sit in `pending` dicts until `flush` merges them in
    (a later article of the same call must see the earlier ones, as with one MinHashLSH.insert each)."""

    def __init__(self, b: int, r: int, cap: int = 0):
        self.b, self.r = b, r
        self.cap = cap or BUCKET_CAP
        self.keys: list[np.ndarray] = [np.empty(0, np.uint64) for _ in range(b)]
        self.slots: list[np.ndarray] = [np.empty(0, np.int64) for _ in range(b)]
        self.pending: list[dict[int, list[int]]] = [{} for _ in range(b)]
        self._pending_slots: list[int] = []
        self._pending_keys: list[np.ndarray] = []

    def __len__(self) -> int:
        """(band, article) entries held."""
        return sum(len(k) for k in self.keys)

    def band_keys(self, sigs: np.ndarray) -> np.ndarray:
        """(k, num_perm) uint32 signatures -> (k, b) uint64 band keys. With r <= 2 the key is the r 32-bit
        hash values themselves (exact); with more rows they are mixed into 64 bits (a collision only
        adds a candidate, and every candidate is verified on the signatures)."""
        s = sigs[:, :self.b * self.r].astype(np.uint64).reshape(len(sigs), self.b, self.r)
        key = s[..., 0].copy()
        for i in range(1, self.r):
            if self.r == 2:
                key = (key << np.uint64(32)) | s[..., i]
            else:
                key = (key * np.uint64(0x9E3779B97F4A7C15)) ^ s[..., i]  # wraps mod 2**64
        return key

    def existing(self, qkeys: np.ndarray) -> list[list[int]]:
        """For each row of (k, b) keys, the slots already merged in that share a band with it, each once, at
        most `cap` per bucket. (Once: a copy of a story matches its other copies in most of the 51 bands.)"""
        hits: list[list[np.ndarray]] = [[] for _ in range(len(qkeys))]
        for j in range(self.b):
            row, q = self.keys[j], qkeys[:, j]
            if not len(row):
                continue
            lo, hi = np.searchsorted(row, q, "left"), np.searchsorted(row, q, "right")
            hi = np.minimum(hi, lo + self.cap)                   # a bucket's first `cap` members
            for i in np.nonzero(hi > lo)[0].tolist():
                hits[i].append(self.slots[j][lo[i]:hi[i]])  # a view, no copy
        return [_sorted_distinct(np.concatenate(h)) if h else [] for h in hits]

    def query_pending(self, keys: list[int]) -> list[int]:
        out: set[int] = set()
        for j, k in enumerate(keys):
            hit = self.pending[j].get(k)
            if hit:
                out.update(hit)
        return sorted(out)

    def add_pending(self, slot: int, keys: np.ndarray) -> None:
        cap = self.cap
        for j, k in enumerate(keys.tolist()):
            bucket = self.pending[j].setdefault(k, [])
            if len(bucket) < cap:
                bucket.append(slot)
        self._pending_slots.append(slot)
        self._pending_keys.append(keys)

    def flush(self) -> None:
        """Merge the pending keys into the sorted arrays (one np.insert per band and call, O(articles)),
        each bucket in arrival order."""
        if not self._pending_slots:
            return
        nk = np.stack(self._pending_keys)                       # (k, b)
        ns = np.asarray(self._pending_slots, np.int64)
        order = np.argsort(nk, axis=0, kind="stable")           # arrival order within equal keys
        nk = np.take_along_axis(nk, order, 0).T                  # (b, k), each band sorted
        ns = ns[order].T
        for j in range(self.b):
            pos = np.searchsorted(self.keys[j], nk[j], "right")  # after the bucket's earlier members
            self.keys[j] = np.insert(self.keys[j], pos, nk[j])
            self.slots[j] = np.insert(self.slots[j], pos, ns[j])
        self.pending = [{} for _ in range(self.b)]
        self._pending_slots, self._pending_keys = [], []

    def remove(self, slots: Iterable[int]) -> None:
        dead = np.fromiter(slots, np.int64)
        if not len(dead):
            return
        for j in range(self.b):
            keep = ~np.isin(self.slots[j], dead)
            self.keys[j], self.slots[j] = self.keys[j][keep], self.slots[j][keep]


class StoryIndex:
    """MinHash LSH over article bodies plus the verified near-duplicate edges between them."""

    def __init__(self, threshold: float = SIMILARITY_THRESHOLD, num_perm: int = NUM_PERM):
        self.threshold = threshold
        self.num_perm = num_perm
        # the banding (b bands of r rows) datasketch's MinHashLSH picks for the threshold; our BandTable buckets
        self.bands = BandTable(*banding(_lsh_threshold(threshold), num_perm))
        self.by_slot: dict[int, str] = {}        # insertion sequence (self.order) -> article_id
        self.sizes: dict[str, int] = {}          # article_id -> number of distinct shingles
        self.sigs: dict[str, np.ndarray] = {}
        self.order: dict[str, int] = {}          # article_id -> insertion sequence (cluster id = earliest)
        self.by_body: dict[str, dict[str, None]] = {}  # body hash -> article ids with that body, in order
        self.body_of: dict[str, str] = {}
        self.edges: dict[str, dict[str, float]] = {}  # adjacency: a -> {b: similarity}
        self.skipped: set[str] = set()           # ids seen but too short to cluster
        self.uf: dict[str, str] = {}             # union-find parent links over the edges (story roots)
        self._seq = 0
        # signatures are only comparable under the same hashing: a new hashing scheme or settings rebuild
        self.fingerprint = _fingerprint(threshold, num_perm)

    def __contains__(self, article_id: str) -> bool:
        return article_id in self.sigs or article_id in self.skipped

    def __len__(self) -> int:
        return len(self.sigs)

    def keys(self) -> set[str]:
        return set(self.sigs) | self.skipped

    def add(self, items: Iterable[tuple[str, str]]) -> int:
        """Add (article_id, body) pairs; returns the number of new near-duplicate edges."""
        items = [(a, b or "") for a, b in items if a not in self]
        if not items:
            return 0
        # words, body hash, shingle count and signature of every body, in numpy, one call (see sketch)
        return self.add_sketched([a for a, _ in items], *sketch([b for _, b in items], num_perm=self.num_perm))

    def add_sketched(self, ids: list[str], n_words: np.ndarray, hashes: list[str], sizes: np.ndarray,
                     sigs: np.ndarray) -> int:
        """`add` for articles already sketched (`sketch`'s four outputs, one row per id, in order)."""
        items = [(a, None) for a in ids]
        ok = np.asarray(n_words) >= MIN_BODY_WORDS
        self.skipped.update(a for (a, _), good in zip(items, ok.tolist()) if not good)
        if not ok.all():
            items = [it for it, good in zip(items, ok.tolist()) if good]
            hashes = [h for h, good in zip(hashes, ok.tolist()) if good]
            sizes, sigs = sizes[ok], sigs[ok]
        if not items:
            return 0
        sizes = sizes.tolist()
        keys = self.bands.band_keys(sigs)
        before = self.bands.existing(keys)  # candidates among articles of earlier calls, for all at once
        new_edges = 0
        by_slot = self.by_slot
        for i, (aid, _) in enumerate(items):
            h = hashes[i]
            self.sigs[aid] = sigs[i].copy()
            self.sizes[aid] = sizes[i]
            slot = self._seq
            self.order[aid] = slot
            self.by_slot[slot] = aid
            self._seq += 1
            cand_slots = before[i] + self.bands.query_pending(keys[i].tolist())
            new_edges += self._link(aid, h, [by_slot[c] for c in cand_slots])
            self.bands.add_pending(slot, keys[i])
            self.by_body.setdefault(h, {})[aid] = None
            self.body_of[aid] = h
        self.bands.flush()
        return new_edges

    def preload(self, rows: list[tuple], cluster_of: dict[str, str], broken: set[str]) -> None:
        """Fill the index with already-indexed articles: `rows` (article_id, join order, (body hash, words,
        shingles, signature)) in join order, their stories (`cluster_of`: member -> the story's first
        member) as stars of edges, except the `broken` stories (one of theirs is gone), whose members are
        re-linked among themselves as `remove` does."""
        for aid, seq, (h, nw, sh, sig) in rows:
            if nw < MIN_BODY_WORDS:
                self.skipped.add(aid)
                continue
            self.sigs[aid], self.sizes[aid], self.order[aid], self.by_slot[seq] = sig, sh, seq, aid
            self.by_body.setdefault(h, {})[aid] = None
            self.body_of[aid] = h
            self.bands.add_pending(seq, self.bands.band_keys(sig[None, :])[0])
        self.bands.flush()
        again: dict[str, list[str]] = {}
        for a, c in cluster_of.items():
            if c in broken:
                again.setdefault(c, []).append(a)
            elif a != c and a in self.sigs and c in self.sigs:
                self.edges.setdefault(a, {})[c] = self.edges.setdefault(c, {})[a] = 1.0
                self.uf[a] = c
        for story in again.values():
            members = sorted((m for m in story if m in self.sigs), key=self.order.__getitem__)
            relinked: set[str] = set()
            for m in members:
                self._link(m, self.body_of[m], members, allowed=relinked)
                relinked.add(m)

    def _verify(self, aid: str, h: str, c: str) -> Optional[float]:
        sim = 1.0 if self.body_of.get(c) == h else jaccard(self.sigs[aid], self.sigs[c])
        if sim >= self.threshold or (sim >= MIN_JACCARD_FOR_CONTAINMENT and
                                     containment(sim, self.sizes[aid], self.sizes[c]) >= CONTAINMENT_THRESHOLD):
            return sim
        return None

    def _link(self, aid: str, h: str, lsh_cands: Iterable[str], allowed: Optional[set[str]] = None) -> int:
        """Join `aid` to every existing story its candidates belong to, verifying candidates only until one
        per story passes. A syndicated story with k copies then costs O(k) checks, not O(k^2) (measured:
        4,000 articles in ~92 copies each took 56 s with all-pairs verification), and the stored edges
        form a spanning forest, so memory grows with articles, not with pairs."""
        # exact copies are all in one story already (sim 1.0 always links), so the first few stand for all
        cands = list(itertools.islice(self.by_body.get(h, ()), self.bands.cap)) + [c for c in lsh_cands if c != aid]
        if allowed is not None:
            cands = [c for c in cands if c in allowed]
        seen_roots: set[str] = set()
        n = 0
        for c in dict.fromkeys(cands):
            if c not in self.sigs or c == aid:
                continue
            r = self._find(c)
            if r in seen_roots:
                continue
            sim = self._verify(aid, h, c)
            if sim is None:
                continue
            seen_roots.add(r)
            self.edges.setdefault(aid, {})[c] = sim
            self.edges.setdefault(c, {})[aid] = sim
            self._union(aid, c)
            n += 1
        return n

    def _find(self, x: str) -> str:
        uf = self.uf
        while uf.get(x, x) != x:
            uf[x] = uf.get(uf[x], uf[x])
            x = uf[x]
        return x

    def _union(self, a: str, b: str) -> None:
        ra, rb = self._find(a), self._find(b)
        if ra != rb:
            first, last = sorted((ra, rb), key=self.order.__getitem__)
            self.uf[last] = first

    def remove(self, ids: Iterable[str]) -> int:
        """Drop articles; the stories they belonged to are re-linked among their remaining members (the
        stored edges are a spanning forest, so a removed article may have been the only link)."""
        n = 0
        touched: set[str] = set()
        dead: list[int] = []
        for aid in ids:
            if aid in self.skipped:
                self.skipped.discard(aid)
                n += 1
            if aid not in self.sigs:
                continue
            touched.update(self._component(aid))
            del self.sigs[aid]
            self.sizes.pop(aid, None)
            slot = self.order.pop(aid)
            del self.by_slot[slot]
            dead.append(slot)
            h = self.body_of.pop(aid)
            self.by_body[h].pop(aid, None)
            if not self.by_body[h]:
                del self.by_body[h]
            n += 1
        self.bands.remove(dead)
        members = sorted((m for m in touched if m in self.sigs), key=self.order.__getitem__)
        for m in touched:
            self.edges.pop(m, None)
            self.uf.pop(m, None)
        relinked: set[str] = set()
        for m in members:  # the story's other members are its only possible links
            self._link(m, self.body_of[m], members, allowed=relinked)
            relinked.add(m)
        return n

    def _component(self, aid: str) -> set[str]:
        seen, stack = {aid}, [aid]
        while stack:
            for b in self.edges.get(stack.pop(), {}):
                if b not in seen:
                    seen.add(b)
                    stack.append(b)
        return seen

    def cluster_columns(self) -> dict[str, list]:
        """story_clusters as one list per column: every member of every component of two or more articles,
        components in order of first appearance in the edges, members in insertion order."""
        parent: dict[str, str] = {}

        def find(x: str) -> str:
            while parent.get(x, x) != x:
                parent[x] = parent.get(parent[x], parent[x])
                x = parent[x]
            return x

        for a, nbrs in self.edges.items():
            for b in nbrs:
                ra, rb = find(a), find(b)
                if ra != rb:
                    parent[max(ra, rb, key=self.order.__getitem__)] = min(ra, rb, key=self.order.__getitem__)
        comps: dict[str, list[str]] = {}
        for a in self.edges:
            comps.setdefault(find(a), []).append(a)
        cols: dict[str, list] = {"cluster_id": [], "article_id": [], "similarity": [], "exact_duplicate": []}
        for members in comps.values():
            if len(members) < 2:
                continue
            rep = min(members, key=self.order.__getitem__)
            bodies: dict[str, int] = {}
            for m in members:
                bodies[self.body_of[m]] = bodies.get(self.body_of[m], 0) + 1
            for m in sorted(members, key=self.order.__getitem__):
                sim = 1.0 if self.body_of[m] == self.body_of[rep] else jaccard(self.sigs[m], self.sigs[rep])
                cols["cluster_id"].append(rep)
                cols["article_id"].append(m)
                cols["similarity"].append(round(sim, 4))
                cols["exact_duplicate"].append(bodies[self.body_of[m]] > 1)
        return cols

    def clusters(self) -> list[dict]:
        """Rows of story_clusters (cluster_columns as one dict per row)."""
        cols = self.cluster_columns()
        return [dict(zip(cols, row)) for row in zip(*cols.values())]


def _lsh_threshold(threshold: float) -> float:
    return max(0.05, min(threshold, MIN_JACCARD_FOR_CONTAINMENT) - LSH_THRESHOLD_SLACK)


@functools.lru_cache(maxsize=None)
def banding(threshold: float, num_perm: int) -> tuple[int, int]:
    """(b, r): the bands and rows per band that datasketch's MinHashLSH chooses for a Jaccard threshold,
    minimising false positive + false negative probability, (1/2)∫[0,t] 1-(1-s^r)^b + (1/2)∫[t,1] (1-s^r)^b
    ds. Computed here so the index does not import datasketch, whose MinHashLSH pulls in scipy and pandas
    (measured: ~1-1.4 s of every end-of-run process, more than hashing 2,000 bodies now takes). The
    integrands are polynomials of degree r*b <= num_perm, which Gauss-Legendre quadrature with
    num_perm/2 + 2 nodes integrates exactly (datasketch uses scipy's adaptive quad: the same b, r)."""
    x, w = np.polynomial.legendre.leggauss(num_perm // 2 + 2)

    def integral(f, lo: float, hi: float) -> float:
        return (hi - lo) / 2 * float(np.dot(w, f((hi - lo) / 2 * x + (hi + lo) / 2)))

    best, opt = float("inf"), (0, 0)
    for b in range(1, num_perm + 1):
        for r in range(1, num_perm // b + 1):
            fp = integral(lambda s: 1 - (1 - s ** r) ** b, 0.0, threshold)
            fn = integral(lambda s: (1 - s ** r) ** b, threshold, 1.0)
            if 0.5 * fp + 0.5 * fn < best:  # strictly lower: the first (b, r) of equal ones, as datasketch
                best, opt = 0.5 * fp + 0.5 * fn, (b, r)
    return opt


def _fingerprint(threshold: float, num_perm: int) -> tuple:
    return ("spanning-forest-v6-slot-map", BUCKET_CAP, HASH_SCHEME, banding(_lsh_threshold(threshold), num_perm), threshold, num_perm, SHINGLE_WORDS, SEED, MIN_BODY_WORDS, CONTAINMENT_THRESHOLD,
            MIN_JACCARD_FOR_CONTAINMENT)


# --- The index as warehouse tables (issue 15, item 2) ----------------------------------------------------
# A batch writes its new articles' sketches (`story_sketches`: body hash, words, shingles, signature) and band
# keys (`story_bands`: one row per article and band), computed on the machine that runs it (`sketch_tables`).
# A run's finishing step (`update`) then reads only what the new articles touch: the `story_bands` rows
# sharing a band key with them and the `story_sketches` rows sharing their body hash (two joins, DuckDB over
# the Parquet parts), the stories (story_clusters rows) those candidates and the gone articles belong to, and
# their sketches. It loads those into a StoryIndex, runs the same remove/add as the whole index did, and
# writes back: a `story_members` part (the new articles and their join order) and story_clusters with the
# touched stories' rows replaced. story_clusters carries the commit: its metadata names the last
# story_members part written with it, so a members part of a finishing step that died before its
# story_clusters is dropped and redone.
#
# Why the result equals the whole index's: a new article's candidates are the first BUCKET_CAP live members
# (in join order) of each bucket it falls in, and the first BUCKET_CAP with its body hash; the loaded set
# holds those and possibly more members of the same buckets, whose first BUCKET_CAP are the same articles.
# Stories are loaded whole (every member, a star of edges to the story's first member, the union-find root),
# so linking, re-linking after a removal and the rows written are those of the whole index.

CLUSTER_META_MEMBERS = b"copydesk.story_members"      # story_clusters metadata: the committed members part
CLUSTER_META_FINGERPRINT = b"copydesk.story_index"    # ... and the index settings it was built with
# New articles are added in chunks of this many (in the articles table's order), as the end-of-run step
# always did (driver.STORY_INDEX_CHUNK): a chunk's articles see each other through the pending buckets.
UPDATE_CHUNK = 500


def _default_bands() -> "BandTable":
    return BandTable(*banding(_lsh_threshold(SIMILARITY_THRESHOLD), NUM_PERM))


def sketch_tables(ids, bodies: list) -> dict:
    """story_sketches and story_bands rows of a batch's new articles (`ids`: their article ids, an Arrow
    string array or list). Articles too short to cluster get a sketch row (so they count as seen) but no
    band rows. Band keys are those of the default threshold; `update` uses them only when its own banding
    is the same."""
    import pyarrow as pa
    ids = pa.array(ids, pa.string()) if not isinstance(ids, pa.Array) else ids
    n_words, hashes, sizes, sigs = sketch([b or "" for b in bodies])
    sk = writer._table("story_sketches", {
        "article_id": ids, "body_hash": hashes, "words": pa.array(n_words, pa.int32()),
        "shingles": pa.array(sizes, pa.int32()),
        "signature": pa.array([r.tobytes() for r in sigs.astype("<u4")], pa.binary())})
    ok = np.flatnonzero(n_words >= MIN_BODY_WORDS)
    bt = _default_bands()
    keys = bt.band_keys(sigs[ok]) if len(ok) else np.empty((0, bt.b), np.uint64)
    bands = writer._table("story_bands", {
        "article_id": ids.take(pa.array(np.repeat(ok, bt.b), pa.int64())),
        "band": pa.array(np.tile(np.arange(bt.b, dtype=np.int16), len(ok)), pa.int16()),
        "band_hash": pa.array(keys.reshape(-1).view(np.int64), pa.int64())})
    return {"story_sketches": sk, "story_bands": bands}


def _sketch_rows(wh: Path, key: str, values) -> dict[str, tuple]:
    """article_id -> (body_hash, words, shingles, signature) of the story_sketches rows whose `key` is one
    of `values` (one per article: two batches that wrote the same new content each wrote a row)."""
    import pyarrow as pa
    t = writer.scan(wh, "story_sketches", key, pa.array(sorted(values), pa.string()),
                    ["article_id", "body_hash", "words", "shingles", "signature"])
    out: dict[str, tuple] = {}
    for aid, h, nw, sh, sig in zip(*(t.column(c).to_pylist() for c in t.column_names)):
        out.setdefault(aid, (h, nw, sh, np.frombuffer(sig, dtype="<u4").astype(np.uint32)))
    return out


def _committed_members(wh: Path) -> tuple[Optional[str], Optional[bytes]]:
    """(the members part story_clusters names, the index fingerprint it was built with)."""
    import pyarrow.parquet as pq
    clusters_file = wh / "story_clusters" / f"part-{writer.CURRENT_PART}.parquet"
    try:
        meta = pq.read_schema(str(clusters_file), **arrow_args(clusters_file)).metadata or {}
    except FileNotFoundError:
        meta = {}
    return meta.get(CLUSTER_META_MEMBERS, b"").decode() or None, meta.get(CLUSTER_META_FINGERPRINT)


def drop_uncommitted(warehouse: str | Path) -> int:
    """Recovery: delete story_members parts of a finishing step that died before its story_clusters (newer
    than the part story_clusters names), so compaction never merges them into committed data."""
    wh = warehouse_path(warehouse)
    committed, fingerprint = _committed_members(wh)
    if fingerprint is None:  # an index from before the tables (or none yet): the next update rebuilds
        return 0
    _, stale = _read_members(wh, committed, ids=False)
    for part in stale:
        part.unlink()
    return len(stale)


def _read_members(wh: Path, committed: Optional[str], ids: bool = True) -> tuple["_Members", list[Path]]:
    """(the committed members, parts never committed): members parts newer than the committed one
    belong to a finishing step that died before writing story_clusters."""
    parts, stale = [], []
    for part in writer._parts(wh, writer.STORY_MEMBERS):
        if committed is None or part.stem > f"part-{committed}":
            stale.append(part)
        else:
            parts.append(part)
    return _Members(wh, parts if ids else []), stale


class _Members:
    """The articles the index holds and their join order, in the committed story_members parts: read for
    the ids a run looks up only (`writer.scan`: the parts' id column a row group at a time), never all
    200,000 ids at once (+24 MiB, and a 200,000-id hash set for each membership test) unless a whole
    update asks (`all_ids`)."""

    def __init__(self, wh: Path, parts: list):
        self.wh, self.parts = wh, parts

    def __len__(self) -> int:
        import pyarrow.parquet as pq
        return sum(pq.ParquetFile(str(p), **arrow_args(p)).metadata.num_rows for p in self.parts)

    def all_ids(self):
        import pyarrow as pa
        import pyarrow.parquet as pq
        return pa.chunked_array([pq.read_table(str(p), columns=["article_id"], **arrow_args(p)).column(0)
                                 for p in self.parts],
                                pa.string()).combine_chunks()

    def max_seq(self) -> int:
        import pyarrow.compute as pc
        import pyarrow.parquet as pq
        best = -1
        for p in self.parts:
            seq = pq.read_table(str(p), columns=["seq"], **arrow_args(p)).column(0)
            if len(seq):
                best = max(best, pc.max(seq).as_py())
        return best

    def lookup(self, ids) -> dict[str, int]:
        """article_id -> join order, for those of `ids` that are members."""
        import pyarrow as pa
        q = ids if isinstance(ids, pa.Array) else pa.array(sorted(ids), pa.string())
        t = writer.scan(self.wh, writer.STORY_MEMBERS, "article_id", q, ["article_id", "seq"], parts=self.parts)
        return dict(zip(t.column(0).to_pylist(), t.column(1).to_pylist()))


def rebuilds(warehouse: str | Path, threshold: Optional[float] = None) -> bool:
    """Whether the next `update` rebuilds the index (none yet, an older warehouse, or other settings): it
    then needs every live article id, not only a run's."""
    threshold = threshold if threshold is not None else SIMILARITY_THRESHOLD
    return _committed_members(warehouse_path(warehouse))[1] != repr(_fingerprint(threshold, NUM_PERM)).encode("utf-8")


def update(warehouse: str | Path, live_batches: list, threshold: Optional[float] = None,
           gone: Optional[set] = None) -> dict:
    """Bring the story tables and story_clusters up to date with the live articles (`live_batches`: every
    live article id, in the articles table's order, as the record batches it was read in: Arrow string
    arrays or lists): drop the gone ones, add the new ones. Safe to repeat after a crash at any point.
    `gone` given: the articles no longer live (`writer.reconcile(runs=...)`), and `live_batches` need only
    hold the live ids that may be new to the index (the same batches filtered to them; the chunks formed
    are the same), so a run reads what it touched, not every id. Returns counts (indexed, unindexed,
    new_similar_pairs, story_clusters)."""
    import pyarrow as pa
    import pyarrow.compute as pc
    wh = warehouse_path(warehouse)
    threshold = threshold if threshold is not None else SIMILARITY_THRESHOLD
    fingerprint = repr(_fingerprint(threshold, NUM_PERM)).encode("utf-8")
    clusters_file = wh / "story_clusters" / f"part-{writer.CURRENT_PART}.parquet"
    committed, built_with = _committed_members(wh)
    rebuild = built_with != fingerprint  # other settings, or an older warehouse
    if rebuild:
        members, stale = _Members(wh, []), list(writer._parts(wh, writer.STORY_MEMBERS))
    else:
        members, stale = _read_members(wh, committed)
    live_batches = [b if isinstance(b, pa.Array) else pa.array(b, pa.string()) for b in live_batches]
    live = pa.chunked_array(live_batches, pa.string()).combine_chunks()
    if not len(members):
        gone = set()
    elif gone is None:
        ids = members.all_ids()
        gone = set(ids.filter(pc.invert(pc.is_in(ids, value_set=live))).to_pylist())
        del ids
    else:
        gone = set(members.lookup(gone))
    chunks = _new_chunks(live_batches, live, members)
    new = [a for c in chunks for a in c]
    if not new and not gone and not stale and not rebuild:
        return dict(indexed=0, unindexed=0, new_similar_pairs=0, story_clusters=_count_clusters(clusters_file))
    old = writer.SCHEMAS["story_clusters"].empty_table() if rebuild else writer.read_table(wh, "story_clusters")
    cluster_of = dict(zip(old.column("article_id").to_pylist(), old.column("cluster_id").to_pylist()))
    stories: dict[str, list[str]] = {}
    for a, c in cluster_of.items():
        stories.setdefault(c, []).append(a)
    sk_new = _sketch_rows(wh, "article_id", new)
    if len(sk_new) < len(new):  # an older warehouse's articles, without sketch rows: from their bodies
        sk_new.update(_sketch_from_bodies(wh, [a for a in new if a not in sk_new]))
    idx = StoryIndex(threshold=threshold)
    default = _default_bands()
    # the old articles the new ones can meet: the first BUCKET_CAP live members of each band bucket and of
    # each body hash they fall in (two joins), or every live member when the stored bands were cut for
    # other settings; then the whole stories of those and of the gone articles
    clusterable = [a for a in new if sk_new[a][1] >= MIN_BODY_WORDS]
    meet: set[str] = set()
    if clusterable and len(members) > len(gone):
        if (idx.bands.b, idx.bands.r) == (default.b, default.r):
            keys = idx.bands.band_keys(np.stack([sk_new[a][3] for a in clusterable]))
            pairs = set(zip(np.tile(np.arange(idx.bands.b), len(clusterable)).tolist(),
                            keys.reshape(-1).view(np.int64).tolist()))
            found = writer.scan(wh, "story_bands", "band_hash", pa.array(sorted({k for _, k in pairs}), pa.int64()),
                                ["article_id", "band", "band_hash"])
            hits = [(a, b, k) for a, b, k in zip(*(found.column(c).to_pylist() for c in found.column_names))
                    if (b, k) in pairs]  # the same key in another band is no candidate
            same = _sketch_rows(wh, "body_hash", {sk_new[a][0] for a in clusterable})
            # old live members only (the new ones meet each other inside the index; gone ones are out)
            old_live = members.lookup({a for a, _, _ in hits} | set(same))
            for a in gone:
                old_live.pop(a, None)
            meet |= _first_per_key((((band, key), a) for a, band, key in hits if a in old_live), old_live)
            meet |= _first_per_key(((h, a) for a, (h, nw, _, _) in same.items()
                                    if a in old_live and nw >= MIN_BODY_WORDS), old_live)
        else:
            meet |= set(members.all_ids().to_pylist()) - gone
    broken = {cluster_of[a] for a in gone if a in cluster_of}  # stories that lose a member
    load = set(meet)
    for c in {cluster_of.get(a, a) for a in meet} | broken:
        load.update(stories.get(c, ()))
    load -= gone
    sk_old = _sketch_rows(wh, "article_id", load) if load else {}
    if len(sk_old) < len(load):
        sk_old.update(_sketch_from_bodies(wh, [a for a in load if a not in sk_old]))
    # the part of the index these articles need, in join order; stories as stars around their first member,
    # the stories that lost a member re-linked among the rest (what StoryIndex.remove does)
    seq_of = members.lookup(load | set(cluster_of))
    idx.preload([(a, seq_of[a], sk_old[a]) for a in sorted(load, key=seq_of.__getitem__)],
                {a: c for a, c in cluster_of.items() if a in load}, broken)
    idx._seq = members.max_seq() + 1
    edges = 0
    for chunk in chunks:
        edges += idx.add_sketched(chunk, np.array([sk_new[a][1] for a in chunk]), [sk_new[a][0] for a in chunk],
                                  np.array([sk_new[a][2] for a in chunk]), np.stack([sk_new[a][3] for a in chunk]))
    order = {**seq_of, **idx.order}
    # story_clusters: the untouched stories' rows as they were, the loaded and new stories' rows recomputed
    cols = idx.cluster_columns()
    keep = [i for i, c in enumerate(old.column("cluster_id").to_pylist()) if c not in load and c not in gone]
    kept = old.take(pa.array(keep, pa.int64()))
    rows = list(zip(*(kept.column(c).to_pylist() for c in cols))) + list(zip(*cols.values()))
    rows.sort(key=lambda r: (order[r[0]], order[r[1]]))
    # members first (a part story_clusters does not name is dropped by the next run), then story_clusters
    # (the commit), then the members rows of gone articles and uncommitted parts go
    token = committed
    if new or rebuild:
        token = f"{writer.STORY_PREFIX}{writer.now_utc():%Y%m%dT%H%M%S%f}-{uuid.uuid4().hex[:6]}"
        writer.atomic_write_table(writer._table(writer.STORY_MEMBERS, {
            "article_id": new, "seq": [idx.order.get(a, -1) for a in new]}),  # -1: too short to cluster
            wh / writer.STORY_MEMBERS / f"part-{token}.parquet")
    table = writer._table("story_clusters", {c: [r[i] for r in rows] for i, c in enumerate(cols)})
    writer.atomic_write_table(table.replace_schema_metadata(
        {CLUSTER_META_MEMBERS: token.encode(), CLUSTER_META_FINGERPRINT: fingerprint}), clusters_file)
    for part in stale:
        part.unlink(missing_ok=True)
    (wh / INDEX_FILE).unlink(missing_ok=True)  # the pickle of warehouses before the tables
    if gone:
        dead = pa.array(sorted(gone), pa.string())
        for part in writer._parts(wh, writer.STORY_MEMBERS):
            drop = pc.is_in(writer._ids_of(part), value_set=dead)
            if pc.any(drop).as_py():  # only the parts holding a gone article are read whole and rewritten
                writer._rewrite_without(part, drop, writer.STORY_MEMBERS)
    return dict(indexed=len(new), unindexed=len(gone), new_similar_pairs=edges,
                story_clusters=len({r[0] for r in rows}))


def _new_chunks(live_batches: list, live, members: "_Members") -> list[list[str]]:
    """The ids not in the index, in chunks as the end-of-run step always formed them: record batch by record
    batch, a chunk closed once it holds UPDATE_CHUNK or more. (One membership test over all live ids, then
    cut at the batches' bounds: a test per batch built the 200,000-id hash set each time, 30 s in all.)"""
    import pyarrow as pa
    import pyarrow.compute as pc
    known = members.lookup(live) if len(members) and len(live) else {}
    fresh = pc.invert(pc.is_in(live, value_set=pa.array(sorted(known), pa.string()))) if known else None
    out, buf, at = [], [], 0
    for b in live_batches:
        part = live.slice(at, len(b))
        buf.extend((part if fresh is None else part.filter(fresh.slice(at, len(b)))).to_pylist())
        at += len(b)
        if len(buf) >= UPDATE_CHUNK:
            out.append(buf)
            buf = []
    if buf:
        out.append(buf)
    return out


def _first_per_key(pairs, order: dict) -> set[str]:
    """Of (key, article) pairs: per key, its first BUCKET_CAP articles in join order (what a lookup takes)."""
    by: dict = {}
    for k, a in pairs:
        by.setdefault(k, set()).add(a)
    out: set[str] = set()
    for v in by.values():
        out.update(sorted(v, key=order.__getitem__)[:BUCKET_CAP])
    return out


def _count_clusters(path: Path) -> int:
    import pyarrow.parquet as pq
    try:
        return len(set(pq.read_table(str(path), columns=["cluster_id"], **arrow_args(path)).column(0).to_pylist()))
    except FileNotFoundError:
        return 0


def _sketch_from_bodies(wh: Path, ids: list[str]) -> dict[str, tuple]:
    """Sketches of articles that have no story_sketches row (a warehouse from before the table): computed
    from their bodies in the articles table, and written as a story_sketches/story_bands part so the next
    run reads them instead."""
    import pyarrow as pa
    import pyarrow.dataset as ds
    want = set(ids)
    got_ids, bodies = [], []
    dset = ds.dataset(str(wh / "articles"), format="parquet", partitioning="hive", **arrow_args(wh))
    for rb in dset.to_batches(columns=["article_id", "body"], batch_size=UPDATE_CHUNK, use_threads=False):
        for a, b in zip(rb.column(0).to_pylist(), rb.column(1).to_pylist()):
            if a in want:
                want.discard(a)
                got_ids.append(a)
                bodies.append(b)
    if not got_ids:
        return {}
    tabs = sketch_tables(pa.array(got_ids, pa.string()), bodies)
    token = f"{writer.STORY_PREFIX}{writer.now_utc():%Y%m%dT%H%M%S%f}-{uuid.uuid4().hex[:6]}"
    for t, tab in tabs.items():
        writer.atomic_write_table(tab, wh / t / f"part-{token}.parquet")
    sk = tabs["story_sketches"]
    return {a: (h, nw, sh, np.frombuffer(sig, dtype="<u4").astype(np.uint32))
            for a, h, nw, sh, sig in zip(*(sk.column(c).to_pylist() for c in sk.column_names))}
