"""Crash recovery over both writers: a batch's parts (`writer`) and compaction's manifests (`compact`).
Called under the warehouse lock before every run."""
from __future__ import annotations

from pathlib import Path

from copydesk.warehouse.compact import recover_compactions
from copydesk.warehouse.storepath import warehouse_path
from copydesk.warehouse.writer import COMPACTED_PREFIX, DERIVED, STORY_MEMBERS, STORY_PREFIX, TABLES, \
    committed_batches, reconcile


def _committed_name(stem: str, done: set[str]) -> bool:
    """Whether a part file belongs to a committed batch (or to a compaction, committed by its manifest, or to
    a finishing step's story sketches, each file whole on its own: stories.update)."""
    key = stem[len("part-"):]
    return key in done or key.startswith(COMPACTED_PREFIX) or key.startswith(STORY_PREFIX)


def recover(warehouse: str | Path, reconciled: bool = True) -> int:
    """Bring the warehouse to a consistent state after any crash. Returns the number of files removed
    or rewritten: finishes interrupted compactions, deletes parts of batches that never committed (no
    ledger rows) and stray temp files, then `reconcile()`s (finishes an interrupted replacement).
    `reconciled=False` leaves the reconcile to the caller: a run does it in finish_run anyway, and its
    batches and plan read only the ledger, which a reconcile does not change (it is O(warehouse): 1.7 s on
    200,000 articles)."""
    wh = warehouse_path(warehouse)
    removed = recover_compactions(wh)
    done = committed_batches(wh)
    for t in TABLES + ["_ledger"] + DERIVED + [STORY_MEMBERS]:
        d = wh / t
        if not d.exists():
            continue
        for p in list(d.rglob("*")):
            if not p.is_file():
                continue
            stray = p.name.endswith(".tmp")
            if not stray and t in TABLES and p.name.startswith("part-") and not _committed_name(p.stem, done):
                stray = True
            if stray:
                p.unlink()
                removed += 1
    for p in [*wh.glob(".*.tmp"), *wh.glob("_lsh/.*.tmp")]:  # _meta.json and the story index
        p.unlink()
        removed += 1
    from copydesk.warehouse.stories import drop_uncommitted
    removed += drop_uncommitted(wh)
    if reconciled:
        removed += reconcile(wh)["files_rewritten"]
    return removed
