"""Plan and run an ingest without Prefect: discover inputs, skip what the ledger already has, process
batches, write each batch's parts. `tasks/` and `flows/` wrap these same functions.
"""
from __future__ import annotations

import hashlib
import os
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from . import load
from .pipeline import Options, safe_process
from .read import discover
from .records import Article, Reject

DEFAULT_BATCH_SIZE = 500  # ../shared/prefect-notes.md §2: >=125-250 docs per task keeps overhead < 5 %


@dataclass
class Plan:
    todo: list[tuple[str, int, int]]  # (path, size, mtime_ns)
    seen: int
    unchanged: int
    known_sha: set[str] = field(default_factory=set)


def plan(raw_dir: str | Path, warehouse: str | Path) -> Plan:
    """Files under raw_dir that the ledger has not seen with the same path, size and mtime."""
    raw_dir = Path(raw_dir)
    ledger = load.read_ledger(warehouse)
    seen_keys = set(zip(ledger.column("source_path").to_pylist(), ledger.column("size").to_pylist(),
                        ledger.column("mtime_ns").to_pylist()))
    known_sha = {s for s, st in zip(ledger.column("sha256").to_pylist(), ledger.column("status").to_pylist())
                 if s and st in ("article", "duplicate")}
    todo, seen, unchanged = [], 0, 0
    for p in discover(raw_dir):
        seen += 1
        rel = os.path.relpath(p, raw_dir)
        try:
            st = p.lstat()
        except OSError:
            todo.append((str(p), -1, -1))
            continue
        if (rel, st.st_size, st.st_mtime_ns) in seen_keys:
            unchanged += 1
            continue
        todo.append((str(p), st.st_size, st.st_mtime_ns))
    return Plan(todo=todo, seen=seen, unchanged=unchanged, known_sha=known_sha)


def batches(todo: list, size: int) -> list[list]:
    return [todo[i:i + size] for i in range(0, len(todo), size)]


def batch_key(run_id: str, index: int, items: list) -> str:
    h = hashlib.sha256("\n".join(p for p, *_ in items).encode()).hexdigest()[:10]
    return f"{run_id}-{index:05d}-{h}"


def run_batch(items: list[tuple[str, int, int]], raw_dir: str, warehouse: str, key: str, run_id: str,
              known_sha: Optional[set[str]] = None, opts: Options = Options()) -> dict:
    """Process one batch and commit it. Returns a small summary dict (counts only: cheap to pass around)."""
    t0 = time.perf_counter()
    known = set(known_sha or ())
    arts: list[Article] = []
    rejects: list[Reject] = []
    ledger: list[dict] = []
    removed: Counter = Counter()
    dup = 0
    for path, size, mtime_ns in items:
        r = safe_process(path, raw_dir, opts)
        rel = os.path.relpath(path, raw_dir)
        if isinstance(r, Reject):
            rejects.append(r)
            ledger.append(dict(source_path=rel, size=size, mtime_ns=mtime_ns, sha256=r.sha256, article_id=None,
                               status="rejected", run_id=run_id))
            continue
        status = "article"
        if r.sha256 in known:
            status, dup = "duplicate", dup + 1
        else:
            known.add(r.sha256)
            arts.append(r)
            removed.update(ln.label for ln in r.lines if ln.label != "body")
        ledger.append(dict(source_path=rel, size=size, mtime_ns=mtime_ns, sha256=r.sha256, article_id=r.article_id,
                           status=status, run_id=run_id))
    counts = load.write_batch(warehouse, key, arts, rejects, ledger) if ledger else {}
    return {
        "batch": key, "files": len(items), "articles": len(arts), "duplicates": dup, "rejects": len(rejects),
        "paragraphs": sum(len(a.paragraphs) for a in arts), "removed": dict(removed),
        "reject_rows": [{"source_path": r.source_path, "error_kind": r.error_kind, "message": r.message}
                        for r in rejects],
        "rows": counts, "seconds": time.perf_counter() - t0,
    }


def merge_summaries(parts: list[dict]) -> dict:
    removed: Counter = Counter()
    out = {"files": 0, "articles": 0, "duplicates": 0, "rejects": 0, "paragraphs": 0, "reject_rows": []}
    for s in parts:
        for k in ("files", "articles", "duplicates", "rejects", "paragraphs"):
            out[k] += s[k]
        removed.update(s["removed"])
        out["reject_rows"].extend(s["reject_rows"])
    out["removed"] = dict(removed.most_common())
    return out


def format_summary(s: dict) -> str:
    lines = [
        f"files seen: {s['seen']}  new/changed: {s['files']}  unchanged (skipped): {s['unchanged']}",
        f"articles: {s['articles']}  duplicates of known content: {s['duplicates']}  body paragraphs: {s['paragraphs']}",
        "removed lines: " + (", ".join(f"{k}={v}" for k, v in s["removed"].items()) or "none"),
        f"rejects: {s['rejects']}" + "".join(f"\n  {r['source_path']}: {r['error_kind']}: {r['message']}"
                                             for r in s["reject_rows"][:20]),
        f"seconds: {s['seconds']:.2f}",
        f"tables: {s['warehouse']}/<table> (articles, paragraphs, lines, images, related_links, quotes, "
        f"people, organizations, places, rejects)",
    ]
    return "\n".join(lines)
