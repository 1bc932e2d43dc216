"""Cost vs warehouse size (issue 15, item 6): add the same 1,000 new documents to an empty warehouse and to a
synthetic one of 200,000 articles, and compare the run's wall time and the host process's peak RSS.

The large warehouse is written directly, table by table (never through the core): 200,000 `articles` rows
(short bodies, 20 monthly partitions), one `paragraphs` and one `lines` row each, their `_ledger` rows, and a
story index of the same size — a sketch (random signature) per article, its 51 band rows, its members row, and
one story of four near-copies per 40 articles in `story_clusters` — committed as a finished run leaves it,
so the measured run plans, reconciles, indexes and compacts against all of it. The 1,000 documents come from
`copydesk bench`'s generator (dev pages with varied boilerplate, every one distinct).

Each measured run is `copydesk.run.driver.run` (the flow's steps without Prefect) in a fresh process, on a
hard-linked copy of the warehouse (runs replace files by rename, so the original is never touched); wall
time and `ru_maxrss` of that process (its document workers are separate processes started by the fork
server). The two warehouses alternate, `--repeat` times each; the best of each is reported.

    .venv/bin/python scripts/bench_scale.py [--articles 200000] [--add 1000] [--repeat 2] [--work DIR]
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pyarrow as pa

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from copydesk.tools import bench  # noqa: E402
from copydesk.warehouse import stories, writer  # noqa: E402

# Articles per written part file (a compacted warehouse's parts hold about this many).
ROWS_PER_PART = 10_000
# One story of STORY_SIZE near-copies per STORY_EVERY articles: a realistic share of syndicated copies.
STORY_EVERY, STORY_SIZE = 40, 4
MONTHS = 20
CHILD = """
import json, resource, sys, time
from copydesk.run import driver
t0 = time.perf_counter()
s = driver.run(sys.argv[1], sys.argv[2], batch_size=500)
print(json.dumps(dict(wall_s=time.perf_counter() - t0, peak_rss_mib=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                      plan_s=s["plan_s"], batch_s=s["batch_s"], finish_s=s["finish_s"], files=s["files"],
                      articles=s["articles"], story_clusters=s["finish"]["story_clusters"])))
"""


def _hex(prefix: str, i: int, n: int) -> str:
    return hashlib.sha256(f"{prefix}{i}".encode()).hexdigest()[:n]


def build_synthetic(wh: Path, n: int, seed: int = 0) -> dict:
    """A committed warehouse of n articles with a story index, written table by table."""
    t0 = time.perf_counter()
    writer.ensure_tables(wh)
    rng = np.random.default_rng(seed)
    bands = stories._default_bands()
    token = f"{writer.STORY_PREFIX}00000000T000000000000-synth"
    clusters = {"cluster_id": [], "article_id": [], "similarity": [], "exact_duplicate": []}
    art_schema = writer.SCHEMAS["articles"]
    for p0 in range(0, n, ROWS_PER_PART):
        idx = range(p0, min(n, p0 + ROWS_PER_PART))
        k = len(idx)
        key = f"{writer.COMPACTED_PREFIX}synth-{p0 // ROWS_PER_PART:05d}"
        ids = [_hex("a", i, 20) for i in idx]
        shas = [_hex("s", i, 64) for i in idx]
        paths = [f"synthetic/{i // 1000:04d}/{i:07d}.txt" for i in idx]
        month = (p0 // ROWS_PER_PART) % MONTHS
        y, m = 2020 + month // 12, month % 12 + 1
        vals = dict(article_id=ids, source_path=paths, sha256=shas, mode=["text"] * k,
                    title=[f"Synthetic story {i}" for i in idx], body=[f"Synthetic body {i}." for i in idx],
                    published=[f"{y}-{m:02d}-01"] * k, paragraph_count=[1] * k, word_count=[3] * k,
                    copydesk_version=["synthetic"] * k)
        cols = [pa.array(vals[f.name], f.type) if f.name in vals else pa.nulls(k, f.type) for f in art_schema]
        writer.atomic_write_table(pa.Table.from_arrays(cols, schema=art_schema),
                                  wh / "articles" / f"year={y}" / f"month={m:02d}" / f"part-{key}.parquet")
        for t, extra in (("paragraphs", dict(position=[1] * k, text=vals["body"])),
                         ("lines", dict(line_number=[1] * k, text=vals["body"], label=["body"] * k,
                                        reason=["body_default"] * k))):
            writer.atomic_write_table(writer._table(t, dict(article_id=ids, **extra)), wh / t / f"part-{key}.parquet")
        writer.atomic_write_table(writer._table("_ledger", dict(
            source_path=paths, size=[1000] * k, mtime_ns=[1_600_000_000_000_000_000] * k, sha256=shas,
            article_id=ids, status=["article"] * k, run_id=["synthetic"] * k, batch=[key] * k,
            ingested_at=[writer.now_utc()] * k)), wh / "_ledger" / f"part-{key}.parquet")
        # the story index: random signatures; every STORY_EVERY-th article starts a story whose next
        # STORY_SIZE - 1 articles are near-copies (a fifth of the values changed: Jaccard ~0.8)
        sigs = rng.integers(0, 2**32, size=(k, stories.NUM_PERM), dtype=np.uint32)
        for s0 in range(0, k, STORY_EVERY):
            story = [(ids[s0], 1.0)]
            for j in range(1, STORY_SIZE):
                change = rng.random(stories.NUM_PERM) < 0.2
                sigs[s0 + j] = np.where(change, sigs[s0 + j], sigs[s0])
                story.append((ids[s0 + j], round(stories.jaccard(sigs[s0 + j], sigs[s0]), 4)))
            for a, sim in story:
                for c, v in zip(clusters, (ids[s0], a, sim, False)):
                    clusters[c].append(v)
        writer.atomic_write_table(writer._table("story_sketches", dict(
            article_id=ids, body_hash=[_hex("b", i, 64) for i in idx], words=[300] * k, shingles=[296] * k,
            signature=[r.tobytes() for r in sigs.astype("<u4")])), wh / "story_sketches" / f"part-{key}.parquet")
        keys = bands.band_keys(sigs)
        arr = pa.array(ids, pa.string())
        writer.atomic_write_table(writer._table("story_bands", dict(
            article_id=arr.take(pa.array(np.repeat(np.arange(k), bands.b))),
            band=pa.array(np.tile(np.arange(bands.b, dtype=np.int16), k)),
            band_hash=pa.array(keys.reshape(-1).view(np.int64)))), wh / "story_bands" / f"part-{key}.parquet")
        last = f"{token}-{p0:07d}"  # the committed members part is the last in name order
        writer.atomic_write_table(writer._table(writer.STORY_MEMBERS, dict(article_id=ids, seq=list(idx))),
                                  wh / writer.STORY_MEMBERS / f"part-{last}.parquet")
    fingerprint = repr(stories._fingerprint(stories.SIMILARITY_THRESHOLD, stories.NUM_PERM)).encode()
    table = writer._table("story_clusters", clusters).replace_schema_metadata(
        {stories.CLUSTER_META_MEMBERS: last.encode(), stories.CLUSTER_META_FINGERPRINT: fingerprint})
    writer.atomic_write_table(table, wh / "story_clusters" / f"part-{writer.CURRENT_PART}.parquet")
    writer.write_meta(wh, **{writer.META_MARKED: True})  # as a finished run leaves it: no unreconciled run
    size = sum(f.stat().st_size for f in wh.rglob("*") if f.is_file())
    return dict(articles=n, story_rows=len(clusters["article_id"]), mib=round(size / 2**20, 1),
                build_s=round(time.perf_counter() - t0, 1))


def measure(raw: Path, wh: Path, work: Path, label: str) -> dict:
    """One run of the driver on a hard-linked copy of wh, in a fresh process."""
    copy = work / f"run-{label}"
    shutil.rmtree(copy, ignore_errors=True)
    if wh.exists():
        subprocess.run(["cp", "-al", str(wh), str(copy)], check=True)
    env = dict(os.environ, PYTHONPATH=str(ROOT), COPYDESK_CACHE_DIR=str(work / "cache"))
    out = subprocess.run([sys.executable, "-c", CHILD, str(raw), str(copy)], env=env, capture_output=True,
                         text=True, check=True).stdout
    shutil.rmtree(copy, ignore_errors=True)
    return json.loads(out.strip().splitlines()[-1])


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--articles", type=int, default=200_000)
    ap.add_argument("--add", type=int, default=1_000)
    ap.add_argument("--repeat", type=int, default=2)
    ap.add_argument("--work", help="working directory (default: a temporary one, removed afterwards)")
    args = ap.parse_args(argv)
    work = Path(args.work or tempfile.mkdtemp(prefix="copydesk-bench-scale-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        raw = work / "raw"
        if not raw.exists():
            bench.write_corpus(raw, bench.load_templates(), "text", args.add, seed=7)
        big = work / f"wh-{args.articles}"
        built = build_synthetic(big, args.articles) if not (big / "_ledger").exists() else {"articles": args.articles}
        print(f"synthetic warehouse: {built}", flush=True)
        runs: dict[str, list[dict]] = {"empty": [], "large": []}
        for r in range(args.repeat):
            for label, wh in (("empty", work / "none"), ("large", big)):
                m = measure(raw, wh, work, f"{label}-{r}")
                runs[label].append(m)
                print(f"{label:5s} run {r + 1}: " + ", ".join(f"{k} {v:.2f}" if isinstance(v, float) else f"{k} {v}"
                                                           for k, v in m.items()), flush=True)
        best = {k: dict(wall_s=min(x["wall_s"] for x in v), peak_rss_mib=min(x["peak_rss_mib"] for x in v),
                        finish_s=min(x["finish_s"] for x in v), plan_s=min(x["plan_s"] for x in v))
                for k, v in runs.items()}
        ratio = {m: round(best["large"][m] / best["empty"][m], 3) for m in ("wall_s", "peak_rss_mib")}
        print(json.dumps(dict(machine=bench.machine(), added=args.add, warehouse=built, best=best,
                              large_over_empty=ratio), indent=1))
        return 0
    finally:
        if not args.work:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
