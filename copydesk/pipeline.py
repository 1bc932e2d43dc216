"""One document through the core: RawDoc -> decode -> segment -> classify -> extract -> Article.
`process_batch` fences every document: any failure becomes a Reject, the batch goes on (conventions §8).
"""
from __future__ import annotations

import os
import time
import traceback
from dataclasses import dataclass, field
from typing import Mapping, Optional

from . import classify as cls
from .entities import entities
from .extract import apply_meta, basic_fields, with_zone
from .lang import LANGUAGE_SAMPLE_CHARS, detect_language
from .read import Limits, RejectError, decode, raw_from_bytes, read_path
from .records import Article, RawDoc, Reject
from .segment import text_blocks

# Per-document time budget (seconds); a page over it is rejected as `timeout` (checked between stages).
TIME_BUDGET_S = 10.0
# Text longer than this after decoding is cut from consideration as a page (huge dumps are not articles).
MAX_TEXT_CHARS = 5_000_000


@dataclass(frozen=True, slots=True)
class Options:
    limits: Limits = Limits()
    time_budget_s: float = TIME_BUDGET_S
    max_text_chars: int = MAX_TEXT_CHARS
    # per-site time zones ({publisher domain or site name: IANA zone or '+08:00'}), from config
    site_zones: Mapping[str, str] = field(default_factory=dict)


def article_id_of(sha256: str) -> str:
    """Stable id from the content hash: the same bytes give the same id on every run and machine."""
    return sha256[:20]


def process_raw(raw: RawDoc, opts: Options = Options()) -> Article:
    """Raises RejectError on bad input."""
    t0 = time.perf_counter()
    text, _enc = decode(raw.data)
    if len(text) > opts.max_text_chars:
        raise RejectError("too_large", f"{len(text)} characters of text, over the cap of {opts.max_text_chars}")
    meta: dict = {}
    dom_hints, outside = None, []
    if raw.kind == "html":
        from .html import merge_lines, parse_page
        try:
            # one parse: metadata, blocks, a DOM (label, reason) hint per block, the article container;
            # the classifier decides inside the container, blocks outside it keep their DOM label
            page = parse_page(text)
            meta = page.meta
            blocks, dom_hints = page.main()
            outside = page.outside_lines()
        except RejectError:
            raise
        except Exception as e:  # parser failure on malformed markup
            raise RejectError("parse_error", f"HTML could not be parsed: {type(e).__name__}: {e}") from None
    else:
        blocks = text_blocks(text)
    _budget(t0, opts)
    if not blocks:
        raise RejectError("no_content", "no visible text")
    sample = " ".join(b.text for b in blocks if len(b.text) > 60)[:1000] or " ".join(b.text for b in blocks)[:1000]
    lang = detect_language(sample)
    title_hint = meta.get("og:title") or meta.get("title") if meta else None
    lines = cls.classify(blocks, lang=lang, title_hint=title_hint, dom_hints=dom_hints)
    if outside:
        lines = merge_lines(lines, outside)
    _budget(t0, opts)
    paragraphs = [ln.text for ln in lines if ln.label == "body"]
    f = basic_fields(lines, paragraphs, url=raw.url)
    art = Article(article_id=article_id_of(raw.sha256), source_path=raw.source_path, sha256=raw.sha256,
                  mode=raw.kind, paragraphs=paragraphs, lines=lines, url=raw.url, fetched_at=raw.fetched_at)
    for k, v in f.items():
        setattr(art, k, v)
    # The column is the body's language. The body's sample often starts like the classifier's sample
    # (long lines are mostly paragraphs); the same characters give the same code, so py3langid runs
    # again only when they differ (speed, same column).
    body_lang = None
    if paragraphs:
        body = " ".join(paragraphs[:LANGUAGE_SAMPLE_CHARS])[:LANGUAGE_SAMPLE_CHARS]
        body_lang = lang if body == sample[:LANGUAGE_SAMPLE_CHARS] else detect_language(body)
    art.language = body_lang or lang
    if meta:
        apply_meta(art, meta)
    tz = opts.site_zones.get(art.publisher_domain or "") or opts.site_zones.get(art.site_name or "")
    if tz:  # a configured per-site zone gives an offset to wall-clock times the page left without one
        art.published, art.modified = with_zone(art.published, tz), with_zone(art.modified, tz)
    ents = entities(paragraphs, art.dateline)
    art.quotes, art.people, art.organizations = ents["quotes"], ents["people"], ents["organizations"]
    art.places, art.acronyms = ents["places"], ents["acronyms"]
    return art


def _budget(t0: float, opts: Options) -> None:
    el = time.perf_counter() - t0
    if el > opts.time_budget_s:
        raise RejectError("timeout", f"processing took {el:.1f}s, over the budget of {opts.time_budget_s}s")


def process_bytes(data: bytes, source_path: str, kind: str, opts: Options = Options(), **kw) -> Article:
    return process_raw(raw_from_bytes(data, source_path, kind, limits=opts.limits, **kw), opts)


def process_path(path: str, raw_root: Optional[str] = None, opts: Options = Options()) -> Article:
    return process_raw(read_path(path, raw_root, opts.limits), opts)


def safe_process(path: str, raw_root: Optional[str], opts: Options = Options()) -> Article | Reject:
    """Never raises: bad input and unexpected bugs alike become a Reject with a kind and a message."""
    try:
        return process_raw(read_path(path, raw_root, opts.limits), opts)
    except RejectError as e:
        kind, message = e.kind, e.message
    except RecursionError:
        kind, message = "parse_error", "markup nested too deeply"
    except MemoryError:
        kind, message = "too_large", "out of memory on this page"
    except Exception as e:  # a bug must not stop a batch; the message says where
        tb = traceback.extract_tb(e.__traceback__)[-1]
        kind, message = "internal_error", f"{type(e).__name__}: {e} at {tb.filename.rsplit('/', 1)[-1]}:{tb.lineno}"
    return Reject(source_path=rel_source_path(path, raw_root), error_kind=kind, message=message)


def rel_source_path(path: str, raw_root: Optional[str]) -> str:
    """`path` relative to the raw folder when it lies inside it (as in the tables), else as given."""
    if raw_root:
        try:
            r = os.path.relpath(path, raw_root)
            if not r.startswith(".."):
                return r
        except ValueError:
            pass
    return str(path)
