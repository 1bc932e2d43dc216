"""The ledger and the plan: which inputs under raw/ the warehouse has already seen with the same path,
size and mtime, and which content is live. See `copydesk.run.driver` for the ledger's semantics."""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from copydesk.sources.files import discover
from copydesk.warehouse import writer


@dataclass
class Plan:
    todo: list[tuple[str, int, int]]  # (path, size, mtime_ns)
    seen: int
    unchanged: int
    known_sha: set[str] = field(default_factory=set)


def ledger_keys(warehouse: str | Path) -> tuple[set[tuple[str, int, int]], set[str]]:
    """What a plan checks inputs against (local raw/ here, an object-store listing in
    `store.plan_remote`): the (path, size, mtime_ns) of every input the ledger has, and the content
    (sha256) that is live now."""
    ledger = writer.live_ledger(warehouse)
    seen_keys = set(zip(ledger.column("source_path").to_pylist(), ledger.column("size").to_pylist(),
                        ledger.column("mtime_ns").to_pylist()))
    # Only content that is live now: an article replaced by a newer version of its file is (or will be)
    # removed, so the same content arriving again must become an article again, not a dangling duplicate.
    known_sha = {s for s, st in zip(ledger.column("sha256").to_pylist(), ledger.column("status").to_pylist())
                 if s and st in writer.LIVE_STATUSES}
    return seen_keys, known_sha


def plan(raw_dir: str | Path, warehouse: str | Path) -> Plan:
    """Files under raw_dir that the ledger has not seen with the same path, size and mtime."""
    raw_dir = Path(raw_dir)
    seen_keys, known_sha = ledger_keys(warehouse)
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
