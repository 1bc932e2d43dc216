"""A warehouse on an object store, addressed like a local folder (issue 15, item 1).

`StorePath` is the small part of `pathlib.Path` that the warehouse code uses (`/`, name/stem/parent,
exists, glob/rglob, stat().st_size, unlink, read_text/write_text), over fsspec. So recovery, reconcile,
the story index and compaction run on `s3://...` as they do on a local folder, reading footers and the
column chunks they ask for straight off the store (pyarrow over fsspec, `arrow_fs`), and writing new parts
as whole objects — the flow host keeps no copy of the warehouse.

What an object store does not have, and what stands in for it:
- rename: every write is one PUT of a whole object (it appears whole or not at all), so `atomic_write`
  writes a local temporary file and uploads it under the final name; a part rewritten in place (reconcile)
  is replaced by its new version in one PUT.
- several files replaced at once (compaction): the `_publish.json` journal (copydesk/warehouse/store.py,
  `compact._compact_group`) names the merged part and the parts it replaces before the merged part is
  uploaded, and the next run finishes or undoes it (`store.finish_publish`).
- flock: the run's lease (`store.Lease`) is the lock.
- fsync: nothing to sync; an acknowledged PUT is durable.
"""
from __future__ import annotations

import fnmatch
import os
import tempfile
import uuid
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator, Optional


class _Stat:
    def __init__(self, size: int):
        self.st_size = size


class _Shared:
    """What every path derived from one root shares: pyarrow's view of the filesystem, and the listing
    snapshot while one is held (`StorePath.snapshot`)."""

    def __init__(self):
        self.arrow_fs = None
        self.listing: Optional[dict[str, dict]] = None  # path -> info of every object under `root`
        self.root: Optional[str] = None

    def covers(self, path: str) -> bool:
        return self.listing is not None and (path == self.root or path.startswith(self.root + "/"))


class StorePath:
    """A path under an fsspec filesystem (`fs`), e.g. StorePath.from_url("s3://bucket/wh") / "articles"."""

    def __init__(self, fs, path: str, shared: Optional[_Shared] = None):
        self.fs = fs
        self.path = path.rstrip("/")
        self._shared = shared or _Shared()

    @classmethod
    def from_url(cls, url: str) -> "StorePath":
        import fsspec
        fs, root = fsspec.core.url_to_fs(str(url))
        return cls(fs, root)

    @property
    def arrow_fs(self):
        """The same filesystem for pyarrow (ParquetFile, datasets): reads are ranged GETs of what is asked."""
        if self._shared.arrow_fs is None:
            from pyarrow.fs import FSSpecHandler, PyFileSystem
            self._shared.arrow_fs = PyFileSystem(FSSpecHandler(self.fs))
        return self._shared.arrow_fs

    @contextmanager
    def snapshot(self) -> Iterator[None]:
        """Within: listings under this path come from one listing taken on entry, kept up to date with the
        writes and deletes made through these paths. For a step during which nothing else writes here (a
        run's finish, under the lease, after every batch committed): one listing instead of one per look
        (measured on moto: the finish listed a table each time it looked for parts, ~250 listings a run)."""
        sh = self._shared
        sh.listing, sh.root = None, self.path
        sh.listing = self._files()
        try:
            yield
        finally:
            sh.listing = sh.root = None

    # pure path operations -----------------------------------------------------------------------------
    def __truediv__(self, other) -> "StorePath":
        return StorePath(self.fs, f"{self.path}/{str(other).strip('/')}", self._shared)

    def __str__(self) -> str:
        return self.path

    def __repr__(self) -> str:
        return f"StorePath({self.path!r})"

    def __eq__(self, other) -> bool:
        return isinstance(other, StorePath) and other.path == self.path

    def __hash__(self) -> int:
        return hash(self.path)

    def __lt__(self, other: "StorePath") -> bool:
        return self.path < other.path

    @property
    def name(self) -> str:
        return self.path.rsplit("/", 1)[-1]

    @property
    def stem(self) -> str:
        n = self.name
        return n.rsplit(".", 1)[0] if "." in n[1:] else n

    @property
    def parent(self) -> "StorePath":
        return StorePath(self.fs, self.path.rsplit("/", 1)[0], self._shared)

    def with_name(self, name: str) -> "StorePath":
        return self.parent / name

    def relative_to(self, other: "StorePath") -> "_Rel":
        if not (self.path == other.path or self.path.startswith(other.path + "/")):
            raise ValueError(f"{self} is not under {other}")
        return _Rel(self.path[len(other.path):].lstrip("/"))

    # the store ------------------------------------------------------------------------------------------
    def _files(self) -> dict[str, dict]:
        """Every object under this prefix (path -> info), listed fresh (s3fs caches listings, and another
        machine's batches add parts), or from the snapshot."""
        sh = self._shared
        if sh.covers(self.path):
            return {p: i for p, i in sh.listing.items() if p.startswith(self.path + "/")}
        # every cached listing, not only this prefix's: s3fs drops a path and its parents, and a stale
        # listing of a folder below (parts another machine's batches added since) would make pyarrow's
        # reads (fs.info through that listing) fail with FileNotFoundError for a part this listing found
        self.fs.invalidate_cache()
        try:
            found = self.fs.find(self.path, detail=True)
        except FileNotFoundError:
            return {}
        return {p: i for p, i in found.items() if i.get("type") != "directory" and p != self.path}

    def exists(self) -> bool:
        if self._shared.covers(self.path):
            return self.path in self._shared.listing or bool(self._files())
        self.fs.invalidate_cache(self.path)
        return self.fs.exists(self.path)

    def is_file(self) -> bool:
        if getattr(self, "_size", None) is not None:  # found by a listing: an object
            return True
        if self._shared.covers(self.path):
            return self.path in self._shared.listing
        self.fs.invalidate_cache(self.path)
        return self.fs.isfile(self.path)

    def rglob(self, pattern: str) -> Iterator["StorePath"]:
        """Objects under this prefix, at any depth, whose name matches (hidden folders included, as
        Path.rglob does; callers skip temp names themselves)."""
        for p, info in sorted(self._files().items()):
            if fnmatch.fnmatchcase(p.rsplit("/", 1)[-1], pattern):
                yield self._child(p, info)

    def glob(self, pattern: str) -> Iterator["StorePath"]:
        """Objects directly under this prefix whose name matches (pattern without '/', or 'dir/pattern')."""
        base, _, pat = pattern.rpartition("/")
        d = self / base if base else self
        if d._shared.covers(d.path):
            found = [dict(i, name=p) for p, i in d._files().items() if "/" not in p[len(d.path) + 1:]]
        else:
            d.fs.invalidate_cache(d.path)
            try:
                found = d.fs.ls(d.path, detail=True)  # one level (a delimited listing), not the whole prefix
            except FileNotFoundError:
                found = []
        for info in sorted(found, key=lambda i: i["name"]):
            p = info["name"].rstrip("/")
            if info.get("type") != "directory" and fnmatch.fnmatchcase(p.rsplit("/", 1)[-1], pat):
                yield d._child(p, info)

    def iterdir(self) -> Iterator["StorePath"]:
        seen = set()
        for p in sorted(self._files()):
            top = p[len(self.path):].lstrip("/").split("/", 1)[0]
            if top not in seen:
                seen.add(top)
                yield self / top

    def _child(self, p: str, info: dict) -> "StorePath":
        c = StorePath(self.fs, p, self._shared)
        c._size = int(info.get("size") or 0)
        return c

    def stat(self) -> _Stat:
        size = getattr(self, "_size", None)
        if size is None and self._shared.covers(self.path) and self.path in self._shared.listing:
            size = int(self._shared.listing[self.path].get("size") or 0)
        if size is None:
            size = int(self.fs.info(self.path).get("size") or 0)
        return _Stat(size)

    def mkdir(self, parents: bool = False, exist_ok: bool = False) -> None:
        """Nothing to do: an object store has no folders."""

    def unlink(self, missing_ok: bool = False) -> None:
        try:
            self.fs.rm_file(self.path)
        except FileNotFoundError:
            if not missing_ok:
                raise
        finally:
            if self._shared.covers(self.path):
                self._shared.listing.pop(self.path, None)

    def read_bytes(self) -> bytes:
        self.fs.invalidate_cache(self.path)
        return self.fs.cat_file(self.path)

    def read_text(self, encoding: str = "utf-8") -> str:
        return self.read_bytes().decode(encoding)

    def write_bytes(self, data: bytes) -> None:
        self.fs.pipe_file(self.path, data)  # one PUT
        self._listed(len(data))

    def write_text(self, text: str, encoding: str = "utf-8") -> None:
        self.write_bytes(text.encode(encoding))

    def upload(self, local: Path) -> None:
        self.fs.put_file(str(local), self.path)  # one PUT: the object appears whole or not at all
        self._listed(os.path.getsize(local))

    def _listed(self, size: int) -> None:
        if self._shared.covers(self.path):
            self._shared.listing[self.path] = {"name": self.path, "size": size, "type": "file"}


class _Rel(str):
    """What `relative_to` returns: a str with Path's as_posix()."""

    def as_posix(self) -> str:
        return str(self)


def warehouse_path(location) -> "Path | StorePath":
    """A warehouse location as the warehouse code takes it: a StorePath for a URL, else a Path."""
    if isinstance(location, StorePath):
        return location
    if "://" in str(location):
        return StorePath.from_url(str(location))
    return Path(location)


def arrow_args(p) -> dict:
    """Keyword arguments that make a pyarrow reader open `p` where it is (str(p) is the path to give)."""
    return {"filesystem": p.arrow_fs} if isinstance(p, StorePath) else {}


def local_temp(name: str) -> Path:
    """A fresh local file name for a part about to be uploaded (under the system temp dir)."""
    return Path(tempfile.gettempdir()) / f".copydesk-up-{uuid.uuid4().hex[:12]}-{name}"


def remove_local(p: Optional[Path]) -> None:
    if p is not None:
        try:
            os.unlink(p)
        except FileNotFoundError:
            pass
