"""Runs whose raw/ or warehouse/ is an fsspec URL (`s3://bucket/prefix`).

The commit protocol (copydesk/warehouse/writer.py) needs atomic renames and flock, which object stores do not have, so
nothing is ever written in place on the store except whole objects. A flow run against URLs
(`RemoteRun`, used by `copydesk.run.driver.drive`: the flow and `ingest.run`) works like this:

- Lease: the flow takes `<warehouse>/_lock` for the whole run (`Lease`): an object holding an owner id and
  an expiry, created with a conditional PUT (`If-None-Match: *`) and refreshed/taken over with
  `If-Match: <etag>`, so two machines cannot both hold it; a lease whose expiry passed (its run died) is
  taken over. A second live run fails at once with `LockHeld`, naming the holder and the expiry.
- Warehouse: the flow process keeps no copy. Recovery, reconcile, the story index and compaction run on the
  store itself (`storepath.StorePath`: pyarrow reads footers and the column chunks asked for; every write is
  one PUT of a whole object). A compaction replaces several parts by one, which a store cannot do at once:
  it writes the journal `_publish.json` (the merged part, the parts it replaces) before the merged part's
  upload and deletes it after the last deletion, so a cut in between is finished or undone by the next
  run (`finish_publish`, before anything reads the warehouse). Batch tasks write their parts into a
  temporary folder on the machine that runs them and upload them, their `_ledger` part last (the commit
  marker: `load.recover` deletes parts of batches without one). So a Dask worker on another machine
  commits batches straight to the store.
- Raw: the flow lists the objects (key, size, ETag, LastModified) and plans from the listing
  (`plan_remote`); each batch task fetches only its own objects into its temporary folder
  (`staged_batch`), in its own process and before the per-document workers fork (copydesk/run/workers.py; an
  fsspec/s3fs client is not fork-safe), and removes the folder afterwards. `source_path` is the key under
  the raw prefix, as for a local raw/. The ledger's mtime is the object's LastModified, so re-runs from any
  machine skip unchanged objects. A WARC/WET object is read once per machine and version (ETag) by the
  planner to find its records (one document per record; the offsets are kept in the cache), and fetched
  again by each batch that holds some of its records.

`WarehouseMirror` and `staged()` (whole-prefix mirrors around a local run, the first design) stay for
scripts and tests that want a local copy (`copydesk.run.driver.run` on staged paths); no lease. `<cache>` is `$COPYDESK_CACHE_DIR`,
else `.copydesk-cache` in the working directory. Batch folders are under the system temp dir.
"""
from __future__ import annotations

import errno
import fcntl
import hashlib
import json
import os
import uuid
from contextlib import ExitStack, contextmanager
from datetime import datetime
from pathlib import Path
from typing import Iterator, Optional

from copydesk.core.read import kind_of
from copydesk.warehouse.ledger import Plan, ledger_keys, plan
from copydesk.warehouse.writer import COMPACTED_PREFIX, LockHeld  # noqa: F401  (LockHeld: raised by Lease too)
from copydesk.sources.warc import is_warc

CACHE_ENV = "COPYDESK_CACHE_DIR"
DEFAULT_CACHE = ".copydesk-cache"
# The commit file of a batch (copydesk/warehouse/writer.py writes it last); uploaded after the batch's data parts.
LEDGER_DIR = "_ledger"
# The lease object under the warehouse prefix (see Lease); not a table, never mirrored.
LOCK_NAME = "_lock"
# The publish journal under the warehouse prefix (see WarehouseMirror.push): which merged parts a publish
# uploads and which parts they replace, written before the first of them and deleted after the last
# deletion, so a publish cut in between is finished or undone by the next run. Never mirrored.
JOURNAL_NAME = "_publish.json"
# Threads fetching or uploading objects at once: object-store requests are latency-bound, so a few run
# together; threads (not processes) because batch staging happens in the task's own process before any fork.
IO_THREADS = 8


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


def _listing(fs, root: str, skip: tuple[str, ...] = ()) -> dict[str, dict]:
    """Remote files under root by path relative to root (directories, hidden names and `skip` left out)."""
    fs.invalidate_cache()  # s3fs caches listings; another writer (or our own push) may have changed them
    out = {}
    for path, info in fs.find(root, detail=True).items():
        if info.get("type") == "directory":
            continue
        rel = path[len(root):].lstrip("/")
        if not rel or rel in skip or any(part.startswith(".") for part in rel.split("/")):
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


def _parallel(fn, items: list, threads: Optional[int] = None) -> list:
    """fn over items on a few threads (object-store requests are latency-bound); the first error raises."""
    from concurrent.futures import ThreadPoolExecutor
    n = min(threads or IO_THREADS, len(items))
    if n <= 1:
        return [fn(x) for x in items]
    with ThreadPoolExecutor(n) as ex:
        return list(ex.map(fn, items))


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
        # The lease object is not warehouse data: it changes on every refresh and must never be pushed back.
        remote = _listing(self.fs, self.root, skip=(LOCK_NAME, JOURNAL_NAME))
        local = _local_files(self.dir)
        todo = []
        for rel, info in sorted(remote.items()):
            old, st = manifest.get(rel), local.get(rel)
            if old and st and old["etag"] == _etag(info) and old["size"] == int(info.get("size") or 0) \
                    and (st.st_size, st.st_mtime_ns) == (old["local_size"], old["local_mtime_ns"]):
                continue
            todo.append(rel)
        _parallel(lambda rel: _fetch(self.fs, f"{self.root}/{rel}", self.dir / rel), todo)
        for rel in todo:
            manifest[rel] = self._entry(rel, remote[rel])
        fetched = len(todo)
        removed = 0
        for rel in sorted(set(local) - set(remote)):
            (self.dir / rel).unlink()
            manifest.pop(rel, None)
            removed += 1
        manifest = {k: v for k, v in manifest.items() if k in remote}
        _write_manifest(self.manifest_path, manifest)
        return dict(fetched=fetched, removed=removed, files=len(remote))

    def push(self) -> dict:
        """Upload what the run changed, in commit order: new data parts, then new ledger parts (the commit),
        then files the run rewrote (reconcile, _meta.json, story index), then deletions. A crash mid-upload
        leaves batches without ledger parts, which the next run's `load.recover` removes, and half-applied
        rewrites, which the next run's `finish_run` redoes (idempotent)."""
        manifest = _read_manifest(self.manifest_path)
        local = _local_files(self.dir)
        new = [r for r in local if r not in manifest]
        changed = [r for r in local if r in manifest and
                   (local[r].st_size, local[r].st_mtime_ns) != (manifest[r]["local_size"], manifest[r]["local_mtime_ns"])]
        gone = [r for r in manifest if r not in local]
        is_ledger = lambda r: r.split("/", 1)[0] == LEDGER_DIR  # noqa: E731

        def up(rel: str) -> None:
            remote = f"{self.root}/{rel}"
            _upload(self.fs, self.dir / rel, remote)
            manifest[rel] = self._entry(rel, self.fs.info(remote))

        def rm(rel: str) -> None:
            try:
                self.fs.rm_file(f"{self.root}/{rel}")
            except FileNotFoundError:
                pass
            manifest.pop(rel, None)

        # Each phase in parallel, the phases in order; the ledger parts (commits) one by one after every data
        # part is up. The manifest is saved after each phase: a crash mid-phase only means re-uploads.
        phases = [([r for r in sorted(new) if not is_ledger(r)], up, IO_THREADS),
                  ([r for r in sorted(new) if is_ledger(r)], up, 1),
                  (sorted(changed), up, IO_THREADS), (sorted(gone), rm, IO_THREADS)]
        # Deleted parts are the inputs of a compaction whose merged parts (part-c-*) are among the new files:
        # between the upload of those and the last deletion the store holds both, every row twice. The
        # journal names both sides first; the next run finishes the deletions (all merged parts are up) or
        # removes the merged parts (some are missing) before it reads anything (`finish_publish`).
        merged = [r for r in sorted(new) if r.rsplit("/", 1)[-1].startswith("part-" + COMPACTED_PREFIX)]
        journal = f"{self.root}/{JOURNAL_NAME}"
        if gone or merged:
            self.fs.pipe_file(journal, journal_record(merged, gone))
        for rels, fn, threads in phases:
            _parallel(fn, rels, threads)
            _write_manifest(self.manifest_path, manifest)
        if gone or merged:
            self.fs.rm_file(journal)
        return dict(uploaded=len(new), rewritten=len(changed), deleted=len(gone))

    def finish_publish(self) -> Optional[str]:
        """See `finish_publish`: called under the lease, before the pull."""
        return finish_publish(self.fs, self.root)


def journal_record(merged: list[str], gone) -> bytes:
    """The publish journal's content, as `finish_publish` reads it: the merged parts and the parts they
    replace, relative to the warehouse root."""
    return json.dumps(dict(merged=list(merged), gone=sorted(gone))).encode("utf-8")


def finish_publish(fs, root: str) -> Optional[str]:
    """Complete or undo a publish that was cut between its merged uploads and its deletions (a mirror's push,
    or a compaction on the store: `compact._compact_group_on_store`); called under the lease before anything
    reads the warehouse. Returns what was done ("finished" / "undone"), or None."""
    journal = f"{root}/{JOURNAL_NAME}"
    fs.invalidate_cache()
    try:
        j = json.loads(fs.cat_file(journal))
    except FileNotFoundError:
        return None
    present = [r for r in j["merged"] if fs.exists(f"{root}/{r}")]
    if len(present) == len(j["merged"]):  # every merged part is up: the replaced parts can go
        doomed, done = j["gone"], "finished"
    else:  # some merged part never arrived: the replaced parts still hold the rows, the merged go
        doomed, done = present, "undone"

    def rm(rel: str) -> None:
        try:
            fs.rm_file(f"{root}/{rel}")
        except FileNotFoundError:
            pass
    _parallel(rm, doomed)
    fs.rm_file(journal)
    return done


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
            mirror.finish_publish()
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


# --- Planning from a listing and per-batch staging (flow runs; see the module docstring) -----------------

WARC_RECORD = "#warc-record="  # copydesk/sources/warc.py addresses a record as <container>#warc-record=<offset>


def _walk_key(rel: str) -> tuple:
    """Sort key giving `read.discover`'s order (os.walk top-down, sorted: a folder's files before its
    subfolders), so batches and first-seen-wins duplicates are the same as for a local raw/."""
    parts = rel.split("/")
    return tuple((1, d) for d in parts[:-1]) + ((0, parts[-1]),)


def _container(rel: str) -> str:
    return rel.split(WARC_RECORD, 1)[0]


def _raw_listing(raw_url: str, cache: Optional[str | Path] = None) -> tuple[str, dict[str, dict]]:
    """Input objects under raw_url with (size, etag, mtime_ns) as the ledger will see them.

    mtime_ns is the object's LastModified. A changed object whose new LastModified (1 s resolution) and size
    equal the old ones would look unchanged to the ledger, so its mtime moves by 1 ns; the last values seen
    are kept in `<cache>/raw-<hash>.json` (the same file and rule as `sync_raw`, so either path gives the
    same ledger keys)."""
    import fsspec
    fs, root = fsspec.core.url_to_fs(raw_url)
    root = root.rstrip("/")
    base = cache_root(cache)
    mpath = base / f"raw-{_slug(raw_url)}.json"
    with _flock(base / f"raw-{_slug(raw_url)}.lock"):
        manifest = _read_manifest(mpath)
        out = {}
        for rel, info in _listing(fs, root).items():
            if not _is_input(rel):
                continue
            size, etag, mtime = int(info.get("size") or 0), _etag(info), _mtime_ns(info)
            old = manifest.get(rel)
            if old and old["etag"] == etag:
                out[rel] = old  # same object: same mtime, and the same WARC records if it is one
                continue
            if old and old["mtime_ns"] == mtime:
                mtime += 1
            out[rel] = dict(size=size, etag=etag, mtime_ns=mtime)
        _write_manifest(mpath, out)
    return root, out


def _save_records(raw_url: str, cache: Optional[str | Path], records: dict[str, tuple[str, list]]) -> None:
    """Remember the record suffixes of scanned WARC objects (by ETag) in the listing manifest."""
    base = cache_root(cache)
    mpath = base / f"raw-{_slug(raw_url)}.json"
    with _flock(base / f"raw-{_slug(raw_url)}.lock"):
        manifest = _read_manifest(mpath)
        for rel, (etag, suffixes) in records.items():
            if rel in manifest and manifest[rel]["etag"] == etag:
                manifest[rel]["records"] = suffixes
        _write_manifest(mpath, manifest)


def _warc_records(fs, remote: str, rel: str) -> list[str]:
    """The suffix (`#warc-record=<offset>`, or "" for a file that cannot be scanned and is rejected whole)
    of each document record of one WARC/WET object: read into a temporary file and scanned by
    copydesk/sources/warc.py, so the records are the same as for a local file."""
    import tempfile
    from copydesk.sources.warc import record_paths
    with tempfile.TemporaryDirectory(prefix="copydesk-scan-") as tmp:
        local = Path(tmp) / rel
        _fetch(fs, remote, local)
        return [str(p)[len(str(local)):] for p in record_paths(local)]


def plan_remote(raw_url: str, warehouse: str | Path, cache: Optional[str | Path] = None):
    """`copydesk.run.driver.plan` for an object-store raw prefix, from its listing: nothing is downloaded but
    WARC/WET objects this machine has not scanned yet (to find their records). Items are (key under the
    prefix, size, mtime_ns); `staged_batch` turns them into local paths where the batch runs."""
    import fsspec
    fs, _ = fsspec.core.url_to_fs(raw_url)
    root, objects = _raw_listing(raw_url, cache)
    # the same ledger read as ledger.plan: what is already ingested under this (path, size, mtime), for the
    # listed objects only (WARC records are `<container>#warc-record=...`: read every row of a container)
    seen_keys = ledger_keys(warehouse, None if any(is_warc(r.rsplit("/", 1)[-1]) for r in objects)
                            else sorted(objects))
    todo, seen, unchanged = [], 0, 0
    scanned: dict[str, tuple[str, list]] = {}
    for rel in sorted(objects, key=_walk_key):
        o = objects[rel]
        # A WARC/WET object is one item per record, each checked against the ledger like a file (a run can
        # die after committing only some of a container's batches). Its records come from the manifest when
        # this machine scanned the same object (ETag) before; otherwise the object is read once to find them.
        if is_warc(rel.rsplit("/", 1)[-1]):
            if "records" not in o:
                try:
                    o["records"] = _warc_records(fs, f"{root}/{rel}", rel)
                except FileNotFoundError:  # deleted since the listing: gone from raw/, like a removed file
                    continue
                scanned[rel] = (o["etag"], o["records"])
            names = [rel + suffix for suffix in o["records"]]
        else:
            names = [rel]
        for name in names:
            seen += 1
            key = (name, o["size"], o["mtime_ns"])
            if key in seen_keys:
                unchanged += 1
            else:
                todo.append(key)
    if scanned:
        _save_records(raw_url, cache, scanned)
    return Plan(todo=todo, seen=seen, unchanged=unchanged, warehouse=str(warehouse))


class BatchStage:
    """What one batch task works on: local items/raw/warehouse paths, and `commit()` to upload its parts."""

    def __init__(self, items: list, raw: str, warehouse: str, remote_wh: Optional[str], fetched: int,
                 lease_owner: Optional[str] = None):
        self.items, self.raw, self.warehouse = items, raw, warehouse
        self.remote_wh = remote_wh
        self.fetched = fetched
        self.lease_owner = lease_owner
        self.uploaded = 0

    def commit(self) -> int:
        """Upload the batch's parts to the remote warehouse: data parts first (in parallel), then the
        `_ledger` part, the commit marker, alone and last — a crash before it leaves parts that the next
        run's `load.recover` deletes. No-op for a local warehouse (the batch wrote it directly)."""
        if self.remote_wh is None:
            return 0
        import fsspec
        fs, root = fsspec.core.url_to_fs(self.remote_wh)
        root = root.rstrip("/")
        if self.lease_owner:
            # A batch of a run whose lease was taken over (it was presumed dead) must not commit next to the
            # new holder's batches: one read of the lease before any upload.
            held, _ = Lease(self.remote_wh, owner=self.lease_owner)._read()
            if not held or held.get("owner") != self.lease_owner:
                raise LeaseLost(f"lease on {self.remote_wh} is held by {(held or {}).get('owner')}, not by "
                                f"this batch's run {self.lease_owner}: batch not committed")
        files = sorted(_local_files(Path(self.warehouse)))
        data = [r for r in files if r.split("/", 1)[0] != LEDGER_DIR]
        ledger = [r for r in files if r.split("/", 1)[0] == LEDGER_DIR]
        _parallel(lambda r: _upload(fs, Path(self.warehouse) / r, f"{root}/{r}"), data)
        for r in ledger:
            _upload(fs, Path(self.warehouse) / r, f"{root}/{r}")
        self.uploaded = len(files)
        return self.uploaded


@contextmanager
def staged_batch(items: list, raw: str | Path, warehouse: str | Path,
                 lease_owner: Optional[str] = None) -> Iterator[BatchStage]:
    """Local paths for one batch task, on the machine that runs it.

    raw URL: `items` are (key under the prefix, size, mtime_ns) from `plan_remote`; only their objects are
    fetched (WARC records share their container's one copy), in this process with a few threads, into a
    temporary folder that is removed on exit. Each copy gets the item's mtime, as a local file has its own.
    An object gone since the listing is not fetched, so the batch rejects it as `unreadable` like a local
    file that vanished. warehouse URL: the batch writes into an empty temporary warehouse folder and
    `commit()` uploads it, after checking that `lease_owner` (the run's lease) still holds the warehouse.
    Local paths pass through unchanged."""
    import tempfile
    with ExitStack() as stack:
        tmp = None
        if is_url(raw) or is_url(warehouse):
            tmp = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="copydesk-batch-")))
        local_items, local_raw, fetched = list(items), str(raw), 0
        if is_url(raw):
            import fsspec
            fs, root = fsspec.core.url_to_fs(str(raw))
            root = root.rstrip("/")
            local_raw = str(tmp / "raw")
            wanted = {}
            for rel, size, mtime in items:
                wanted.setdefault(_container(rel), mtime)

            def get(rel: str) -> int:
                local = Path(local_raw) / rel
                try:
                    _fetch(fs, f"{root}/{rel}", local)
                except FileNotFoundError:
                    return 0
                os.utime(local, ns=(wanted[rel], wanted[rel]))
                return 1

            fetched = sum(_parallel(get, sorted(wanted)))
            local_items = [(os.path.join(local_raw, rel), size, mtime) for rel, size, mtime in items]
        local_wh, remote_wh = str(warehouse), None
        if is_url(warehouse):
            local_wh, remote_wh = str(tmp / "warehouse"), str(warehouse)
            os.makedirs(local_wh)
        yield BatchStage(local_items, local_raw, local_wh, remote_wh, fetched, lease_owner)


# --- The lease lock on a remote warehouse ----------------------------------------------------------------

# A run holds the lease for LEASE_TTL_S past its last refresh; it refreshes every third of that, so a live run
# never lets it lapse, and a run that died (kill -9, machine gone) blocks others for at most this long.
LEASE_TTL_S = 300.0


class LeaseLost(RuntimeError):
    """This run's lease expired or was taken over while it ran: it must not publish its results."""


def _owner_id() -> str:
    import socket
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


class Lease:
    """`<warehouse>/_lock`: one writer per remote warehouse across machines.

    The object holds {owner, host, pid, acquired, expires} (Unix seconds). Acquire: a conditional create
    (`If-None-Match: *`, S3 conditional writes; moto supports them) succeeds for exactly one of several
    machines. If the object exists and has not expired, LockHeld names the holder. If it expired, it is
    replaced with `If-Match: <its etag>`, so of two machines taking over the same stale lease one wins.
    Refresh uses `If-Match` on our own etag, so a refresh after a takeover fails (LeaseLost) instead of
    stealing it back. Every write is read back and its owner checked, which also covers stores that accept
    the condition headers without enforcing them (on those, two racing creates can both pass the PUT, but
    only the last writer reads itself back). Stores other than S3: plain write then read-back (weaker: two
    machines creating within the same instant may both win). Expiry compares clocks of different machines:
    they must agree to well within the TTL (NTP)."""

    def __init__(self, url: str, ttl_s: float = LEASE_TTL_S, owner: Optional[str] = None, clock=None):
        import fsspec
        import time
        self.clock = clock or time.time  # Unix seconds; tests pass a clock that runs ahead to expire leases
        self.acquired: Optional[float] = None
        self.url = str(url).rstrip("/")
        self.fs, root = fsspec.core.url_to_fs(self.url)
        self.path = f"{root.rstrip('/')}/{LOCK_NAME}"
        self.ttl_s = float(ttl_s)
        self.owner = owner or _owner_id()
        self.etag: Optional[str] = None
        self.expires = 0.0
        self.lost: Optional[str] = None
        self._stop = None
        self._thread = None
        protocol = self.fs.protocol if isinstance(self.fs.protocol, (tuple, list)) else (self.fs.protocol,)
        self.conditional = any(p in ("s3", "s3a") for p in protocol)

    def _body(self) -> tuple[bytes, float]:
        import socket
        now = self.clock()
        expires = now + self.ttl_s
        return json.dumps(dict(owner=self.owner, host=socket.gethostname(), pid=os.getpid(),
                               acquired=self.acquired or now, refreshed=now,
                               expires=expires)).encode("utf-8"), expires

    def _read(self) -> tuple[Optional[dict], Optional[str]]:
        """(lease contents, etag), or (None, None) when there is no lease object."""
        self.fs.invalidate_cache(self.path)
        try:
            info = self.fs.info(self.path)
            data = self.fs.cat_file(self.path)
        except FileNotFoundError:
            return None, None
        try:
            return json.loads(data), _etag(info)
        except ValueError:  # half-written by a store without atomic PUT, or not ours: treat as expired
            return {"owner": "?", "expires": 0}, _etag(info)

    def _write(self, **cond) -> None:
        """One PUT of a fresh body; raises FileExistsError/OSError when the store refuses the condition."""
        body, expires = self._body()
        if self.conditional:
            self.fs.pipe_file(self.path, body, **cond)
        else:
            if cond.get("mode") == "create" and self.fs.exists(self.path):
                raise FileExistsError(self.path)
            self.fs.pipe_file(self.path, body)
        held, etag = self._read()
        if not held or held.get("owner") != self.owner:
            raise FileExistsError(f"{self.path}: written by {self.owner} but read back as "
                                  f"{(held or {}).get('owner')}")
        self.etag, self.expires = etag, expires  # only a write that landed moves our expiry
        self.acquired = self.acquired or held.get("acquired")

    def _held_message(self, held: dict) -> str:
        left = float(held.get("expires") or 0) - self.clock()
        when = datetime.fromtimestamp(float(held.get("expires") or 0)).astimezone().isoformat(timespec="seconds")
        return (f"warehouse {self.url} is locked by another run ({held.get('owner')}, host "
                f"{held.get('host')}, pid {held.get('pid')}); its lease expires at {when} (in {left:.0f} s) "
                f"unless that run refreshes it. Wait for it to finish; if it died, the next run after the "
                f"expiry takes the lease over ({self.url}/{LOCK_NAME}).")

    def acquire(self) -> "Lease":
        try:
            self._write(mode="create")
            return self
        except FileExistsError:
            pass
        held, etag = self._read()
        if held is None:  # released between our create and our read: try once more
            self._write(mode="create")
            return self
        if float(held.get("expires") or 0) > self.clock():
            raise LockHeld(self._held_message(held))
        try:
            if self.conditional:
                self._write(IfMatch=etag)
            else:
                self._write()
        except FileNotFoundError:  # its owner released it meanwhile: create it as usual
            self._write(mode="create")
        except (FileExistsError, OSError) as e:  # another machine took the stale lease first
            held, _ = self._read()
            raise LockHeld(self._held_message(held or {})) from e
        return self

    def refresh(self) -> None:
        """Push the expiry forward; LeaseLost if the lease is no longer ours. With conditional writes the PUT
        is `If-Match` on the etag of our last write, so it fails if anyone wrote the lease since."""
        if not self.conditional:
            held, _ = self._read()
            if not held or held.get("owner") != self.owner:
                self.lost = f"lease on {self.url} was taken over by {(held or {}).get('owner')}"
                raise LeaseLost(self.lost)
        try:
            if self.conditional:
                self._write(IfMatch=self.etag)
            else:
                self._write()
        except FileNotFoundError as e:
            self.lost = f"lease on {self.url} was deleted by another run: {e}"
            raise LeaseLost(self.lost) from e
        except FileExistsError as e:
            self.lost = f"lease on {self.url} was taken over: {e}"
            raise LeaseLost(self.lost) from e
        except OSError as e:
            if getattr(e, "errno", None) == errno.EINVAL:  # EINVAL: s3fs's translation of 412 PreconditionFailed
                self.lost = f"lease on {self.url} was taken over by another run"
                raise LeaseLost(self.lost) from e
            raise  # a transient store error: the lease is still valid until `expires`

    def check(self) -> None:
        """Before publishing anything the whole run computed: the lease must still be ours and unexpired."""
        if self.lost is None and self.clock() >= self.expires:
            self.lost = f"lease on {self.url} expired at {self.expires:.0f} without a refresh"
        if self.lost is None:
            held, _ = self._read()
            if not held or held.get("owner") != self.owner:
                self.lost = f"lease on {self.url} is now held by {(held or {}).get('owner')}"
        if self.lost:
            raise LeaseLost(self.lost + "; this run's results were not published (committed batches stay "
                                        "and are reused by the next run)")

    def release(self) -> None:
        """Delete the lease if it is still ours (never someone else's that took over)."""
        self.stop_refreshing()
        held, _ = self._read()
        if held and held.get("owner") == self.owner:
            try:
                self.fs.rm_file(self.path)
            except FileNotFoundError:
                pass

    def start_refreshing(self, every_s: Optional[float] = None) -> None:
        """A daemon thread refreshing every third of the TTL; a failed refresh (store down) is retried at
        the next tick, and a lost lease stops it (`check()` then fails the run before it publishes)."""
        import threading
        every = every_s or self.ttl_s / 3
        self._stop = threading.Event()

        def loop():
            while not self._stop.wait(every):
                try:
                    self.refresh()
                except LeaseLost:
                    return
                except Exception:  # transient store error: the lease is still valid until `expires`
                    continue

        self._thread = threading.Thread(target=loop, name="copydesk-lease", daemon=True)
        self._thread.start()

    def stop_refreshing(self) -> None:
        if self._stop is not None:
            self._stop.set()
            self._thread.join(timeout=30)
            self._stop = None

    def __enter__(self) -> "Lease":
        self.acquire()
        self.start_refreshing()
        return self

    def __exit__(self, *exc) -> None:
        self.release()


class RemoteRun:
    """The flow process's side of a run where raw and/or the warehouse is a URL (see the module docstring).

    Steps, called by `copydesk.run.driver.drive` (the flow and `ingest.run` alike) in this order: enter
    (lease; finish or undo a publish an earlier run left half-done), ensure_tables/recover on `where`,
    `published_setup()`, `plan()`, batches (given `batch_raw`/`batch_warehouse`, which are the URLs),
    `collect()` before finish_run (on `where` too), `publish()` after it, exit (release).

    `where` is the warehouse as the warehouse code takes it: for a URL a `storepath.StorePath`, so recovery,
    reconcile, the story index and compaction read footers and the column chunks they need straight off
    the store and write whole objects there; this machine keeps no copy of the warehouse (issue 15, item 1).
    Since the finishing step writes to the store as it goes (each write one whole object, in an order that
    a cut anywhere leaves a state the next run finishes), the lease is checked before it starts and must then
    have at least `FINISH_LEASE_MARGIN` of its TTL left."""

    def __init__(self, raw: str | Path, warehouse: str | Path, cache: Optional[str | Path] = None,
                 lease_ttl_s: float = LEASE_TTL_S):
        self.raw, self.warehouse, self.cache = str(raw), str(warehouse), cache
        self.remote = is_url(warehouse)
        self.lease = Lease(self.warehouse, lease_ttl_s) if self.remote else None
        self.report: dict = {}
        self._stack: Optional[ExitStack] = None
        self._where = None

    @property
    def where(self):
        """Where this process reads and writes the warehouse: the local folder, or the store itself."""
        if self._where is None:
            from copydesk.warehouse.storepath import warehouse_path
            self._where = warehouse_path(self.warehouse) if self.remote else self.warehouse
        return self._where

    @property
    def batch_raw(self) -> str:
        return self.raw

    @property
    def batch_warehouse(self) -> str:
        return self.warehouse

    @property
    def lease_owner(self) -> Optional[str]:
        """Given to batch tasks, which check it before committing (`BatchStage.commit`)."""
        return self.lease.owner if self.lease else None

    def __enter__(self) -> "RemoteRun":
        with ExitStack() as stack:
            if self.remote:
                stack.enter_context(self.lease)
                published = finish_publish(self.where.fs, self.where.path)  # an earlier publish cut halfway
                if published:
                    self.report["earlier_publish"] = published
            self._stack = stack.pop_all()
        return self

    def __exit__(self, *exc) -> None:
        self._stack.close()

    def published_setup(self) -> None:
        """After ensure_tables and recover (which ran on the store itself): the lease must still be ours
        before batches upload."""
        if self.remote:
            self.lease.check()

    def plan(self):
        """From the raw listing (or folder) and the ledger read straight off the store (its key columns
        only, `ledger.ledger_keys`)."""
        if is_url(self.raw):
            return plan_remote(self.raw, self.warehouse, self.cache)
        return plan(self.raw, self.warehouse)

    def collect(self) -> None:
        """Before finish_run: the lease must still be ours, with time left for the finish (it writes to the
        store as it goes). Nothing is pulled: the finish reads the batches' parts where they are."""
        if self.remote:
            self.lease.check()
            left = self.lease.expires - self.lease.clock()
            if left < FINISH_LEASE_MARGIN * self.lease.ttl_s:
                self.lease.refresh()

    def publish(self) -> None:
        """After finish_run: the lease was ours throughout (else the next run redoes the finish from the
        markers, which stay)."""
        if self.remote:
            self.lease.check()


# Before a finishing step on a store, the lease must have at least this share of its TTL left (refreshed
# first if not): the step writes to the store for seconds, and the refresh thread keeps it alive meanwhile.
FINISH_LEASE_MARGIN = 0.5
