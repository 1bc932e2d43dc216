"""Syndication: the same wire story re-published by several outlets, found with MinHash LSH
(datasketch) over word shingles of the body — no all-pairs comparison: each new article is hashed once
and looked up in the LSH band tables, and only the few candidates it collides with are verified.

`StoryIndex` is an explicit object (no module-level state): the caller loads it from the warehouse
(`warehouse/_lsh/index.pkl`), adds the run's new articles, removes articles that are gone, saves it back
atomically and writes `story_clusters` from it. Clusters are the connected components of verified
near-duplicate edges; the cluster id is the article first added to the index of its component (a
stable id as long as that article lives), `similarity` is each member's estimated Jaccard similarity
to it, and `exact_duplicate` marks members whose body text is identical to another member's.
"""
from __future__ import annotations

import hashlib
import os
import pickle
import re
import uuid
import zlib
from pathlib import Path
from typing import Iterable, Optional

import datasketch
import numpy as np
from datasketch import MinHash, MinHashLSH

from . import load

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
# Shingles are hashed with zlib.crc32 (one C call each) instead of datasketch's default sha1_hash32 (a Python
# function per shingle: ~3 of the ~9 CPU s that finish_run spent on 2,000 new bench articles, 1.4 M calls).
# Both give 32-bit values that MinHash's random affine permutations then spread; the dedup tests' precision
# and recall are unchanged. Part of the index fingerprint: an index built with another hash is rebuilt.
HASHFUNC = zlib.crc32
INDEX_FILE = Path("_lsh") / "index.pkl"

_WORD = re.compile(r"\w+", re.UNICODE)


def words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def shingles(text: str, k: int = SHINGLE_WORDS) -> set[bytes]:
    w = words(text)
    if len(w) < k:
        return {" ".join(w).encode()} if w else set()
    return {" ".join(w[i:i + k]).encode() for i in range(len(w) - k + 1)}


def body_hash(text: str) -> str:
    """Exact-duplicate key: the body's words, case-folded (whitespace and punctuation do not count)."""
    return hashlib.sha256(" ".join(words(text)).encode()).hexdigest()


def minhashes(texts: list[str], num_perm: int = NUM_PERM) -> list[MinHash]:
    return MinHash.bulk([shingles(t) for t in texts], num_perm=num_perm, seed=SEED, hashfunc=HASHFUNC)


def containment(j: float, na: int, nb: int) -> float:
    """|A∩B| / min(|A|, |B|) from a Jaccard estimate j and the set sizes (|A∩B| = j(|A|+|B|)/(1+j))."""
    if not na or not nb:
        return 0.0
    return min(1.0, j * (na + nb) / (1 + j) / min(na, nb))


def jaccard(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.count_nonzero(a == b)) / len(a)


class BandTable:
    """The LSH band buckets, kept as numpy arrays instead of datasketch's MinHashLSH storage: per band one
    sorted uint64 array of band keys and the article slot of each. datasketch holds every (band, article)
    as a bytes key in a dict of sets (~19 KB per article at 51 bands; measured: the story index grew the
    end-of-run process by ~30 KB per article, 59 MiB per 2,000 bench articles); here it is 12 bytes per
    band and article (~0.6 KB). Candidates are the same: the articles with an identical band (r hash
    values) in any band, as MinHashLSH.query returns them.

    Keys of articles added in the current `add` call sit in `pending` dicts until `flush` merges them in
    (a later article of the same call must see the earlier ones, as with one MinHashLSH.insert each)."""

    def __init__(self, b: int, r: int):
        self.b, self.r = b, r
        self.keys = np.empty((b, 0), np.uint64)
        self.slots = np.empty((b, 0), np.int64)
        self.pending: list[dict[int, list[int]]] = [{} for _ in range(b)]
        self._pending_slots: list[int] = []
        self._pending_keys: list[np.ndarray] = []

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
        """For each row of (k, b) keys, the slots already merged in that share a band with it, each once.
        (Once: a copy of a story matches its other copies in most of the 51 bands, so the raw hits of a
        500-article call ran to a million ints when a story had ~40 copies.)"""
        hits: list[list[np.ndarray]] = [[] for _ in range(len(qkeys))]
        if not self.keys.shape[1]:
            return [[] for _ in hits]
        for j in range(self.b):
            row, q = self.keys[j], qkeys[:, j]
            lo, hi = np.searchsorted(row, q, "left"), np.searchsorted(row, q, "right")
            for i in np.nonzero(hi > lo)[0].tolist():
                hits[i].append(self.slots[j, lo[i]:hi[i]])  # a view, no copy
        return [np.unique(np.concatenate(h)).tolist() if h else [] for h in hits]

    def query_pending(self, keys: list[int]) -> list[int]:
        out: set[int] = set()
        for j, k in enumerate(keys):
            hit = self.pending[j].get(k)
            if hit:
                out.update(hit)
        return sorted(out)

    def add_pending(self, slot: int, keys: np.ndarray) -> None:
        for j, k in enumerate(keys.tolist()):
            self.pending[j].setdefault(k, []).append(slot)
        self._pending_slots.append(slot)
        self._pending_keys.append(keys)

    def flush(self) -> None:
        """Merge the pending keys into the sorted arrays (one np.insert per call, O(articles))."""
        if not self._pending_slots:
            return
        nk = np.stack(self._pending_keys)                       # (k, b)
        ns = np.asarray(self._pending_slots, np.int64)
        order = np.argsort(nk, axis=0, kind="stable")
        nk = np.take_along_axis(nk, order, 0).T                  # (b, k), each band sorted
        ns = ns[order].T
        m, k = self.keys.shape[1], nk.shape[1]
        pos = np.stack([np.searchsorted(self.keys[j], nk[j]) for j in range(self.b)]) + \
            (np.arange(self.b, dtype=np.int64) * m)[:, None]
        # np.insert orders equal positions stably, so a band's tail stays before the next band's head
        self.keys = np.insert(self.keys.ravel(), pos.ravel(), nk.ravel()).reshape(self.b, m + k)
        self.slots = np.insert(self.slots.ravel(), pos.ravel(), ns.ravel()).reshape(self.b, m + k)
        self.pending = [{} for _ in range(self.b)]
        self._pending_slots, self._pending_keys = [], []

    def remove(self, slots: Iterable[int]) -> None:
        dead = np.fromiter(slots, np.int64)
        if not len(dead) or not self.keys.shape[1]:
            return
        keep = ~np.isin(self.slots, dead)  # every article has one key per band: rows shrink alike
        self.keys = self.keys[keep].reshape(self.b, -1)
        self.slots = self.slots[keep].reshape(self.b, -1)


class StoryIndex:
    """MinHash LSH over article bodies plus the verified near-duplicate edges between them."""

    def __init__(self, threshold: float = SIMILARITY_THRESHOLD, num_perm: int = NUM_PERM):
        self.threshold = threshold
        self.num_perm = num_perm
        # datasketch picks the banding (b bands of r rows) for the threshold; the buckets are our BandTable
        lsh = MinHashLSH(threshold=max(0.05, min(threshold, MIN_JACCARD_FOR_CONTAINMENT) - LSH_THRESHOLD_SLACK),
                         num_perm=num_perm)
        self.bands = BandTable(lsh.b, lsh.r)
        self.by_slot: list[Optional[str]] = []   # insertion sequence (self.order) -> article_id
        self.sizes: dict[str, int] = {}          # article_id -> number of distinct shingles
        self.sigs: dict[str, np.ndarray] = {}
        self.order: dict[str, int] = {}          # article_id -> insertion sequence (cluster id = earliest)
        self.by_body: dict[str, set[str]] = {}   # body hash -> article ids with that exact body
        self.body_of: dict[str, str] = {}
        self.edges: dict[str, dict[str, float]] = {}  # adjacency: a -> {b: similarity}
        self.skipped: set[str] = set()           # ids seen but too short to cluster
        self.uf: dict[str, str] = {}             # union-find parent links over the edges (story roots)
        self._seq = 0
        # signatures are only comparable under the same hashing: a new datasketch or new settings rebuild
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
        short = [a for a, b in items if len(words(b)) < MIN_BODY_WORDS]
        self.skipped.update(short)
        items = [(a, b) for a, b in items if a not in self.skipped]
        if not items:
            return 0
        sizes: list[int] = []

        def shingle_sets():  # one body's shingle set alive at a time (~100 KB each), not the whole call's
            for _, b in items:
                sh = shingles(b)
                sizes.append(len(sh))
                yield sh
        sigs = np.stack([np.asarray(mh.hashvalues, dtype=np.uint32)
                         for mh in MinHash.generator(shingle_sets(), num_perm=self.num_perm, seed=SEED,
                                                             hashfunc=HASHFUNC)])
        keys = self.bands.band_keys(sigs)
        before = self.bands.existing(keys)  # candidates among articles of earlier calls, for all at once
        new_edges = 0
        by_slot = self.by_slot
        for i, (aid, body) in enumerate(items):
            h = body_hash(body)
            self.sigs[aid] = sigs[i].copy()
            self.sizes[aid] = sizes[i]
            slot = self._seq
            self.order[aid] = slot
            self.by_slot.append(aid)
            self._seq += 1
            cand_slots = before[i] + self.bands.query_pending(keys[i].tolist())
            new_edges += self._link(aid, h, [by_slot[c] for c in cand_slots])
            self.bands.add_pending(slot, keys[i])
            self.by_body.setdefault(h, set()).add(aid)
            self.body_of[aid] = h
        self.bands.flush()
        return new_edges

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
        cands = [c for c in self.by_body.get(h, ())] + [c for c in lsh_cands if c != aid]
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
            self.by_slot[slot] = None
            dead.append(slot)
            h = self.body_of.pop(aid)
            self.by_body[h].discard(aid)
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

    # persistence -----------------------------------------------------------------------------------
    def save(self, path: str | Path) -> None:
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.parent / f".{path.name}.{uuid.uuid4().hex[:8]}.tmp"
        try:
            with open(tmp, "wb") as fh:
                pickle.dump(self, fh, protocol=pickle.HIGHEST_PROTOCOL)
                fh.flush()
                if load.durable():
                    os.fsync(fh.fileno())
            os.replace(tmp, path)
        finally:
            tmp.unlink(missing_ok=True)

    @classmethod
    def load(cls, path: str | Path, threshold: Optional[float] = None) -> "StoryIndex":
        """The saved index, or a new empty one when there is none, it cannot be read, or it was built
        with other settings or another datasketch: the caller then re-adds every live article, so the
        index rebuilds itself instead of mixing incompatible signatures. (Pickle: load only your own
        warehouse's index.)"""
        path = Path(path)
        threshold = threshold if threshold is not None else SIMILARITY_THRESHOLD
        if path.exists():
            try:
                with open(path, "rb") as fh:
                    idx = pickle.load(fh)
            except Exception:  # unreadable (another library version, damaged disk): rebuild
                idx = None
            if isinstance(idx, cls) and getattr(idx, "fingerprint", None) == _fingerprint(threshold, idx.num_perm):
                return idx
        return cls(threshold=threshold)


def _fingerprint(threshold: float, num_perm: int) -> tuple:
    return ("spanning-forest-v3-bandtable-crc32", datasketch.__version__, threshold, num_perm, SHINGLE_WORDS, SEED, MIN_BODY_WORDS, CONTAINMENT_THRESHOLD,
            MIN_JACCARD_FOR_CONTAINMENT)
