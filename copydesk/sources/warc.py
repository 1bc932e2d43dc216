"""WARC and WET input (warcio): each `response` record with an HTML or text payload, and each WET
`conversion` record, is one document with its URL (WARC-Target-URI) and fetch date (WARC-Date).

A record is addressed as `<container path>#warc-record=<byte offset>`: `discover` yields one such path per
record, and `read_record` seeks straight to it (each record of a .warc.gz is its own gzip member), so the
batches, worker processes and time budget treat a record exactly like a file, and the ledger has one row per
record. Such paths report the container's size and mtime, so an unchanged WARC is skipped on the next run.
"""
from __future__ import annotations

import os
import re
from pathlib import Path, PosixPath
from typing import Iterator, Optional

WARC_SUFFIXES = (".warc", ".warc.gz", ".wet", ".wet.gz", ".warc.wet", ".warc.wet.gz")
_RECORD = re.compile(r"^(?P<container>.+)#warc-record=(?P<offset>\d+)$")
# HTTP payload types that are pages; images, scripts, PDFs and robots.txt in a crawl are not documents.
PAGE_TYPES = ("text/html", "application/xhtml+xml", "text/plain")


def is_warc(name: str) -> bool:
    return name.lower().endswith(WARC_SUFFIXES)


class RecordPath(PosixPath):
    """A path naming one record; stat()/lstat() answer for the container file."""

    def _container(self) -> str:
        return _RECORD.match(str(self)).group("container")

    def stat(self, *, follow_symlinks: bool = True):  # noqa: D102
        return os.stat(self._container(), follow_symlinks=follow_symlinks)

    def lstat(self):  # noqa: D102
        return os.lstat(self._container())

    def is_symlink(self) -> bool:  # noqa: D102
        return os.path.islink(self._container())


def split(path: str) -> Optional[tuple[str, int]]:
    """(container, offset) when `path` names a record, else None."""
    m = _RECORD.match(str(path))
    if m and is_warc(m.group("container")):
        return m.group("container"), int(m.group("offset"))
    return None


def _doc_kind(record) -> Optional[str]:
    """'html' or 'text' for a record that is a document, None for anything else."""
    if record.rec_type == "conversion":
        return "text"
    if record.rec_type != "response":
        return None
    ctype = ""
    if record.http_headers is not None:
        ctype = (record.http_headers.get_header("Content-Type") or "").lower()
        status = record.http_headers.get_statuscode()
        if status and not str(status).startswith("2"):
            return None  # redirects and errors carry no article
    else:
        ctype = (record.rec_headers.get_header("Content-Type") or "").lower()
    if ctype and not any(t in ctype for t in PAGE_TYPES):
        return None
    return "text" if "text/plain" in ctype else "html"


def record_paths(path: Path) -> Iterator[Path]:
    """One RecordPath per document record of a WARC/WET file. A file that cannot be scanned is yielded
    as itself, so reading it later turns into a `warc_corrupt` reject instead of stopping the plan."""
    from warcio.archiveiterator import ArchiveIterator
    out = []
    try:
        with open(path, "rb") as fh:
            it = ArchiveIterator(fh)
            for rec in it:
                if not str(rec.format).startswith("warc"):  # warcio reads any text line as an ARC header
                    raise ValueError("not a WARC record")
                if _doc_kind(rec) is not None:
                    out.append(RecordPath(f"{path}#warc-record={it.get_record_offset()}"))
    except Exception:
        yield Path(path)
        return
    yield from out


def read_record(container: str, offset: int, cap: int) -> tuple[bytes, str, Optional[str], Optional[str]]:
    """(payload bytes, kind, URL, fetch date) of the record at `offset`. Raises ValueError on a bad record
    and OverflowError when the payload is over `cap` bytes."""
    from warcio.archiveiterator import ArchiveIterator
    with open(container, "rb") as fh:
        fh.seek(offset)
        rec = next(iter(ArchiveIterator(fh)), None)
        if rec is None or not str(rec.format).startswith("warc"):
            raise ValueError(f"no WARC record at byte {offset}")
        kind = _doc_kind(rec)
        if kind is None:
            raise ValueError(f"record at byte {offset} is a {rec.rec_type} record, not a page")
        data = rec.content_stream().read(cap + 1)
        if len(data) > cap:
            raise OverflowError(f"record payload over the cap of {cap} bytes")
        return (data, kind, rec.rec_headers.get_header("WARC-Target-URI"),
                rec.rec_headers.get_header("WARC-Date"))
