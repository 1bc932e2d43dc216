"""Inputs on disk: find the pages under raw/ (`discover`) and read one into a RawDoc (`read_path`), plain,
gzip or one record of a WARC/WET file. All the file I/O of reading lives here; the core gets bytes.
Never raises past `read_path`: every failure is a `RejectError` with a reject kind.
"""
from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Iterator

from copydesk.core.read import Limits, RejectError, kind_of, raw_from_bytes
from copydesk.core.records import RawDoc
from copydesk.sources.warc import is_warc, read_record as read_warc_record, record_paths, split as warc_split


def discover(raw_dir: str | Path) -> Iterator[Path]:
    """Input files under raw_dir, recursively, sorted; symlinks are not followed out of raw_dir."""
    root = Path(raw_dir)
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        dirnames.sort()
        for fn in sorted(filenames):
            if fn.startswith("."):
                continue
            if is_warc(fn):  # one path per document record (copydesk/sources/warc.py)
                fp = Path(dirpath) / fn
                if fp.is_symlink() and not _is_under(fp.resolve(), root.resolve()):
                    yield fp  # read_path rejects it as symlink_outside; never scanned
                else:
                    yield from record_paths(fp)
                continue
            if kind_of(fn) is None:
                continue
            yield Path(dirpath) / fn


def read_path(path: str | Path, raw_root: str | Path | None = None, limits: Limits = Limits()) -> RawDoc:
    """Read one input file into a RawDoc. Raises RejectError with a reject kind."""
    p = Path(path)
    rel = str(p.relative_to(raw_root)) if raw_root is not None and _is_under(p, raw_root) else str(p)
    record = warc_split(str(p))
    if record is not None or is_warc(p.name):
        return _read_warc_record(p, record, rel, raw_root, limits)
    if p.is_symlink() and raw_root is not None:
        target = p.resolve()
        if not _is_under(target, Path(raw_root).resolve()):
            raise RejectError("symlink_outside", f"symlink points outside the raw folder: {target}")
    try:
        st = p.stat()
        if not stat.S_ISREG(st.st_mode):  # a FIFO or device would block or never end: never open one
            raise RejectError("unreadable", "not a regular file (FIFO, socket or device)")
        if st.st_size > limits.max_file_bytes:
            raise RejectError("too_large", f"file is {st.st_size} bytes, over the cap of {limits.max_file_bytes}")
        # O_NOFOLLOW: a file swapped for a symlink after the check above is refused, not followed
        fd = os.open(p, os.O_RDONLY | (0 if p.is_symlink() else getattr(os, "O_NOFOLLOW", 0)))
        with os.fdopen(fd, "rb") as fh:
            data = fh.read(limits.max_file_bytes + 1)
    except RejectError:
        raise
    except FileNotFoundError:
        raise RejectError("unreadable", "file disappeared before it could be read") from None
    except OSError as e:
        raise RejectError("unreadable", f"cannot read file: {e.strerror or e}") from None
    if len(data) > limits.max_file_bytes:
        raise RejectError("too_large", f"file grew past the cap of {limits.max_file_bytes} bytes")
    kind = kind_of(p.name) or "text"
    return raw_from_bytes(data, rel, kind, limits=limits, gz=p.name.lower().endswith(".gz"), mtime=st.st_mtime)


def _read_warc_record(p: Path, record, rel: str, raw_root, limits: Limits) -> RawDoc:
    container = Path(record[0]) if record else p
    if container.is_symlink() and raw_root is not None:
        target = container.resolve()
        if not _is_under(target, Path(raw_root).resolve()):
            raise RejectError("symlink_outside", f"symlink points outside the raw folder: {target}")
    if record is None:  # the scan in discover() failed on this file
        try:
            with open(container, "rb") as fh:
                fh.read(1)
        except OSError as e:
            raise RejectError("unreadable", f"cannot read file: {e.strerror or e}") from None
        raise RejectError("warc_corrupt", "not a readable WARC/WET file (no record could be parsed)")
    try:
        data, kind, url, fetched = read_warc_record(record[0], record[1], limits.max_file_bytes)
        mtime = os.stat(container).st_mtime
    except FileNotFoundError:
        raise RejectError("unreadable", "WARC file disappeared before it could be read") from None
    except OverflowError as e:
        raise RejectError("too_large", str(e)) from None
    except OSError as e:
        raise RejectError("unreadable", f"cannot read WARC file: {e.strerror or e}") from None
    except Exception as e:  # warcio parse errors on a damaged record
        raise RejectError("warc_corrupt", f"damaged WARC record: {type(e).__name__}: {e}") from None
    return raw_from_bytes(data, rel, kind, limits=limits, mtime=mtime, url=url, fetched_at=fetched)


def _is_under(p: Path, root: str | Path) -> bool:
    try:
        Path(os.path.abspath(p)).relative_to(os.path.abspath(root))
        return True
    except ValueError:
        return False
