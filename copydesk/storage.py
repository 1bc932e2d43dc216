"""Runs whose raw/ or warehouse/ is an fsspec URL (`s3://bucket/prefix`): local mirrors around the
unchanged local pipeline.

The commit protocol (copydesk/load.py) needs atomic renames and flock, which object stores do not have, so
a run does not write the object store directly. Instead:

- raw URL: the input objects (same suffix rules as `read.discover`) are mirrored into
  `<cache>/raw-<hash>/`, fetching only objects that are new or changed (key, size, ETag). Each local copy
  gets the object's LastModified as its mtime, so the ledger key (path relative to the prefix, size,
  mtime) is stable and a re-run skips unchanged objects. Objects that disappeared are removed from the
  mirror (the warehouse keeps their articles, as for files deleted from raw/).
- warehouse URL: the remote warehouse is mirrored into `<cache>/wh-<hash>/` (every file: reconcile,
  compaction and the story index may touch any part), the run works on the mirror, and only if it finished
  the changes are uploaded in commit order: new data parts, then new ledger parts (the commit), then files
  the run rewrote (reconcile, _meta.json, story index), then deletions. A crash mid-upload leaves batches
  without ledger parts, which the next run's `load.recover` removes, and half-applied rewrites, which
  the next run's `finish_run` redoes (idempotent) — the same protocol as a local warehouse.

Limits: one machine writes a given remote warehouse at a time (the lock is a local flock on the cache;
object stores have no lock we can rely on); the whole warehouse and raw/ are copied to local disk; Dask
workers on other machines do not see the mirrors (use a LocalCluster, or shared local paths).
`<cache>` is `$COPYDESK_CACHE_DIR`, else `.copydesk-cache` in the working directory.
"""
from __future__ import annotations

import fcntl
import hashlib
import json
import os
import uuid
from contextlib import ExitStack, contextmanager
from datetime import datetime
from pathlib import Path
from typing import Iterator, Optional

from .read import kind_of
from .warc import is_warc

CACHE_ENV = "COPYDESK_CACHE_DIR"
DEFAULT_CACHE = ".copydesk-cache"
# The commit file of a batch (copydesk/load.py writes it last); uploaded after the batch's data parts.
LEDGER_DIR = "_ledger"


def is_url(location) -> bool:
    return "://" in str(location)


def cache_root(cache: Optional[str | Path] = None) -> Path:
    return Path(cache or os.environ.get(CACHE_ENV) or DEFAULT_CACHE)


def _slug(url: str) -> str:
    return hashlib.sha256(url.rstrip("/").encode("utf-8")).hexdigest()[:16]


def _etag(info: dict) -> str:
    return str(info.get("ETag") or info.get("etag") or info.get("md5") or "")


def _mtime_ns(info: dict) -> int:
    v = info.get("LastModified") or info.get("mtime") or info.get("created")
    if isinstance(v, datetime):
        return int(v.timestamp() * 1_000_000_000)
    if isinstance(v, (int, float)):
        return int(v * 1_000_000_000)
    return 0


def _listing(fs, root: str) -> dict[str, dict]:
    """Remote files under root by path relative to root (directories and hidden names left out)."""
    fs.invalidate_cache()  # s3fs caches listings; another writer (or our own push) may have changed them
    out = {}
    for path, info in fs.find(root, detail=True).items():
        if info.get("type") == "directory":
            continue
        rel = path[len(root):].lstrip("/")
        if not rel or any(part.startswith(".") for part in rel.split("/")):
            continue
        out[rel] = info
    return out


def _local_files(root: Path) -> dict[str, os.stat_result]:
    out = {}
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]
        for fn in filenames:
            if fn.startswith("."):  # .lock, temp files of an unfinished write
                continue
            p = Path(dirpath) / fn
            out[p.relative_to(root).as_posix()] = p.stat()
    return out


def _read_manifest(path: Path) -> dict:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def _write_manifest(path: Path, data: dict) -> None:
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.tmp")
    tmp.write_text(json.dumps(data, sort_keys=True), encoding="utf-8")
    os.replace(tmp, path)


@contextmanager
def _flock(path: Path) -> Iterator[None]:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a+") as fh:
        fcntl.flock(fh.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh.fileno(), fcntl.LOCK_UN)


def _fetch(fs, remote: str, local: Path) -> None:
    local.parent.mkdir(parents=True, exist_ok=True)
    tmp = local.with_name(f".{local.name}.{uuid.uuid4().hex[:8]}.tmp")
    try:
        fs.get_file(remote, str(tmp))
        os.replace(tmp, local)
    finally:
        if tmp.exists():
            tmp.unlink()


def _upload(fs, local: Path, remote: str) -> None:
    fs.put_file(str(local), remote)  # one PUT: the object appears whole or not at all


def _is_input(rel: str) -> bool:
    name = rel.rsplit("/", 1)[-1]
    return is_warc(name) or kind_of(name) is not None


def sync_raw(url: str, cache: Optional[str | Path] = None) -> dict:
    """Mirror the input objects under `url` into a local directory; returns counts and the directory."""
    import fsspec
    fs, root = fsspec.core.url_to_fs(url)
    root = root.rstrip("/")
    base = cache_root(cache)
    local = base / f"raw-{_slug(url)}"
    mpath = base / f"raw-{_slug(url)}.json"
    local.mkdir(parents=True, exist_ok=True)
    manifest = _read_manifest(mpath)
    remote = {rel: info for rel, info in _listing(fs, root).items() if _is_input(rel)}
    fetched = kept = 0
    for rel, info in sorted(remote.items()):
        p = local / rel
        size, etag, mtime = int(info.get("size") or 0), _etag(info), _mtime_ns(info)
        old = manifest.get(rel)
        if old and old["size"] == size and old["etag"] == etag and p.exists() \
                and p.stat().st_size == size and p.stat().st_mtime_ns == old["mtime_ns"]:
            kept += 1
            continue
        # Changed content keeps its key; if the store reports the same LastModified (1 s resolution) and size,
        # the ledger would take it for unchanged, so the local mtime moves by 1 ns to make it differ.
        if old and old["etag"] != etag and old["mtime_ns"] == mtime:
            mtime += 1
        _fetch(fs, f"{root}/{rel}", p)
        os.utime(p, ns=(mtime, mtime))
        manifest[rel] = dict(size=size, etag=etag, mtime_ns=mtime)
        fetched += 1
    removed = 0
    for rel in sorted(set(_local_files(local)) - set(remote)):
        (local / rel).unlink()
        manifest.pop(rel, None)
        removed += 1
    _write_manifest(mpath, manifest)
    return dict(dir=local, fetched=fetched, unchanged=kept, removed=removed)


class WarehouseMirror:
    """A local copy of a remote warehouse: pull() before the run, push() after it."""

    def __init__(self, url: str, cache: Optional[str | Path] = None):
        import fsspec
        self.url = url
        self.fs, root = fsspec.core.url_to_fs(url)
        self.root = root.rstrip("/")
        base = cache_root(cache)
        self.dir = base / f"wh-{_slug(url)}"
        self.manifest_path = base / f"wh-{_slug(url)}.json"
        self.lock_path = base / f"wh-{_slug(url)}.lock"

    def _entry(self, rel: str, info: dict) -> dict:
        st = (self.dir / rel).stat()
        return dict(etag=_etag(info), size=int(info.get("size") or 0), local_size=st.st_size,
                    local_mtime_ns=st.st_mtime_ns)

    def pull(self) -> dict:
        """Make the mirror equal to the remote warehouse (the remote is the truth: local-only files go)."""
        self.dir.mkdir(parents=True, exist_ok=True)
        manifest = _read_manifest(self.manifest_path)
        remote = _listing(self.fs, self.root)
        local = _local_files(self.dir)
        fetched = 0
        for rel, info in sorted(remote.items()):
            old, st = manifest.get(rel), local.get(rel)
            if old and st and old["etag"] == _etag(info) and old["size"] == int(info.get("size") or 0) \
                    and (st.st_size, st.st_mtime_ns) == (old["local_size"], old["local_mtime_ns"]):
                continue
            _fetch(self.fs, f"{self.root}/{rel}", self.dir / rel)
            manifest[rel] = self._entry(rel, info)
            fetched += 1
        removed = 0
        for rel in sorted(set(local) - set(remote)):
            (self.dir / rel).unlink()
            manifest.pop(rel, None)
            removed += 1
        manifest = {k: v for k, v in manifest.items() if k in remote}
        _write_manifest(self.manifest_path, manifest)
        return dict(fetched=fetched, removed=removed, files=len(remote))

    def push(self) -> dict:
        """Upload what the run changed, in commit order (see the module docstring)."""
        manifest = _read_manifest(self.manifest_path)
        local = _local_files(self.dir)
        new = [r for r in local if r not in manifest]
        changed = [r for r in local if r in manifest and
                   (local[r].st_size, local[r].st_mtime_ns) != (manifest[r]["local_size"], manifest[r]["local_mtime_ns"])]
        gone = [r for r in manifest if r not in local]
        is_ledger = lambda r: r.split("/", 1)[0] == LEDGER_DIR  # noqa: E731
        order = ([r for r in sorted(new) if not is_ledger(r)] + [r for r in sorted(new) if is_ledger(r)]
                 + sorted(changed))
        for rel in order:
            remote = f"{self.root}/{rel}"
            _upload(self.fs, self.dir / rel, remote)
            manifest[rel] = self._entry(rel, self.fs.info(remote))
            _write_manifest(self.manifest_path, manifest)
        for rel in sorted(gone):
            try:
                self.fs.rm_file(f"{self.root}/{rel}")
            except FileNotFoundError:
                pass
            manifest.pop(rel, None)
            _write_manifest(self.manifest_path, manifest)
        return dict(uploaded=len(new), rewritten=len(changed), deleted=len(gone))


@contextmanager
def staged(raw: str | Path, warehouse: str | Path, cache: Optional[str | Path] = None,
           report: Optional[dict] = None) -> Iterator[tuple[str, str]]:
    """Local (raw, warehouse) paths for a run; URLs are mirrored, and the warehouse is pushed back only when
    the body finished without an exception. `report` (a dict) receives the sync counts."""
    report = {} if report is None else report
    with ExitStack() as stack:
        local_raw, local_wh = str(raw), str(warehouse)
        mirror = None
        if is_url(warehouse):
            mirror = WarehouseMirror(str(warehouse), cache)
            stack.enter_context(_flock(mirror.lock_path))
            report["pull"] = mirror.pull()
            local_wh = str(mirror.dir)
        if is_url(raw):
            stack.enter_context(_flock(cache_root(cache) / f"raw-{_slug(str(raw))}.lock"))
            r = sync_raw(str(raw), cache)
            local_raw = str(r.pop("dir"))
            report["raw"] = r
        yield local_raw, local_wh
        if mirror is not None:
            report["push"] = mirror.push()
