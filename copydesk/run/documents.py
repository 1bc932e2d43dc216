"""One document from its path: read it (`copydesk.sources.files`) and run it through the core, fenced
(`copydesk.core.pipeline.fenced`): bad input and bugs alike become a Reject, never an exception."""
from __future__ import annotations

from typing import Optional

from copydesk.core.pipeline import Options, fenced, prepare, process_raw, Prepared
from copydesk.core.records import Article, Reject
from copydesk.sources.files import read_path


def process_path(path: str, raw_root: Optional[str] = None, opts: Options = Options()) -> Article:
    return process_raw(read_path(path, raw_root, opts.limits), opts)


def safe_process(path: str, raw_root: Optional[str], opts: Options = Options()) -> Article | Reject:
    """Never raises: bad input and unexpected bugs alike become a Reject with a kind and a message."""
    return fenced(lambda: process_path(path, raw_root, opts), path, raw_root)


def safe_prepare(path: str, raw_root: Optional[str], opts: Options = Options()) -> Prepared | Reject:
    """`prepare` with the template keys, fenced like `safe_process`."""
    return fenced(lambda: prepare(read_path(path, raw_root, opts.limits), opts, template_keys=True), path, raw_root)
