"""One document through the core: RawDoc -> decode -> segment -> classify -> extract -> Article.
`safe_process` (and, for a batch with a site template, `safe_prepare` and `safe_finish`) fences every
document: any failure becomes a Reject, the batch goes on (conventions §8).
"""
from __future__ import annotations

import codecs
import os
import time
import traceback
from dataclasses import dataclass, field, replace
from typing import Mapping, Optional

from copydesk.core import classify as cls
from copydesk.core import dates
from copydesk.core.entities import entities
from copydesk.core.extract import apply_meta, basic_fields, with_zone
from copydesk.core.mainframe import strip_post_chrome, type_is_sure, widen_non_article
from copydesk.core.second import article_lists, non_article_items, reconsider
from copydesk.core.pagetype import page_type, page_url
from copydesk.core.lang import LANGUAGE_SAMPLE_CHARS, SURE_LANGUAGE_PROB, detect_language, detect_language_scored
from copydesk.core.read import Limits, RejectError, decode, raw_from_bytes
from copydesk.core.records import Article, RawDoc, Reject
from copydesk.core.segment import text_blocks

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
    # a batch builds its pages' site template (lines recurring on many pages of one site) and classifies
    # with it (`guard.process_many`); off: every page is classified alone, as one file is
    site_template: bool = True


def article_id_of(sha256: str) -> str:
    """Stable id from the content hash: the same bytes give the same id on every run and machine."""
    return sha256[:20]


@dataclass(slots=True)
class Prepared:
    """A page read, decoded, segmented and measured (`features`): the first half of `process_raw`. A batch
    prepares all its pages, builds the site template from their keys, then `finish`es each one."""
    raw: RawDoc  # without its bytes (dropped once decoded: a batch holds many of these)
    blocks: list
    dom_hints: Optional[list]
    outside: list
    meta: dict
    lang: Optional[str]
    sample: str
    feats: list
    # the whole page's blocks and DOM hints (HTML: container and outside; text: the blocks): page-type evidence
    page_blocks: Optional[list] = None
    page_hints: Optional[list] = None
    site: Optional[str] = None  # the page's site for the template (see `page_site`)
    keys: Optional[cls.PageKeys] = None
    elapsed: float = 0.0
    lang_prob: float = 0.0  # how sure the sample's language is (finish re-detects the body's when unsure)
    # HTML whose metadata states no publication date: kept for the last-resort date finder (dates.py)
    undated_html: Optional[str] = None
    # HTML: {block number: places} of outside blocks the non-article widening may leave out (html.Page.places)
    places: Optional[dict] = None


def page_site(raw: RawDoc, meta: Mapping, blocks: list) -> Optional[str]:
    """Which site's template a page is counted in. The host of its URL when one is known (a WARC record's
    target URI; in HTML og:url or the canonical link, read before classification): the most reliable key.
    Else the site a "Headline | Site" first line of a text dump names (`classify.site_key`). Else the
    page's folder under raw/ ("dir:<folder>"): users often drop one folder per site; a folder that mixes
    sites (a dated crawl folder) is harmless, because a line must be on half of the folder's distinct
    stories, which then only happens to lines shared across sites (cookie banners, "Advertisement").
    Files directly in raw/ get None (no template): the top folder is where unrelated pages land."""
    url = raw.url or (meta.get("og:url") or meta.get("canonical") if meta else None)
    key = cls.site_key(url, blocks)
    if key:
        return key
    folder = os.path.dirname(raw.source_path.split("#", 1)[0])
    return "dir:" + folder.replace(os.sep, "/") if folder else None


def prepare(raw: RawDoc, opts: Options = Options(), template_keys: bool = False) -> Prepared:
    """Decode, segment (HTML: parse), detect the language and compute the line features; with
    `template_keys`, also the page's site and its template keys. Raises RejectError on bad input."""
    t0 = time.perf_counter()
    text, enc = decode(raw.data)
    if len(text) > opts.max_text_chars:
        raise RejectError("too_large", f"{len(text)} characters of text, over the cap of {opts.max_text_chars}")
    meta: dict = {}
    dom_hints, outside = None, []
    page_blocks, page_hints, places = None, None, None
    if raw.kind == "html":
        from copydesk.core.html import parse_page
        try:
            # one parse: metadata, blocks, a DOM (label, reason) hint per block, the article container;
            # the classifier decides inside the container, blocks outside it keep their DOM label
            # strict UTF-8 without a BOM: the bytes are the text's UTF-8 exactly, lexbor takes them as they are
            utf8 = raw.data if enc == "utf-8" and not raw.data.startswith(codecs.BOM_UTF8) else None
            page = parse_page(text, utf8=utf8)
            meta = page.meta
            blocks, dom_hints = page.main()
            outside = page.outside_lines()
            page_blocks, page_hints, places = page.blocks, page.hints, page.places
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
    lang, lang_prob = detect_language_scored(sample)
    feats = cls.features(blocks, lang)
    prep = Prepared(raw=replace(raw, data=b""), blocks=blocks, dom_hints=dom_hints, outside=outside, meta=meta,
                    lang=lang, sample=sample, feats=feats, page_blocks=page_blocks or blocks, page_hints=page_hints,
                    lang_prob=lang_prob, places=places)
    if raw.kind == "html" and not dates.has_meta_date(meta):
        prep.undated_html = text
    if template_keys:
        prep.site = page_site(raw, meta, blocks)
        prep.keys = cls.page_keys(blocks, feats) if prep.site else None
    prep.elapsed = time.perf_counter() - t0
    return prep


def process_raw(raw: RawDoc, opts: Options = Options()) -> Article:
    """Raises RejectError on bad input. One page alone: no site template."""
    return finish(prepare(raw, opts), opts)


def finish(prep: Prepared, opts: Options = Options(), template: Optional[cls.TemplateIndex] = None) -> Article:
    """Classify, extract and find entities of a prepared page (consumes it: its features are marked).
    `template`: the batch's site template (`prep.site` says which site). Raises RejectError."""
    t0 = time.perf_counter() - prep.elapsed  # the budget covers both halves
    raw, meta, lang, sample = prep.raw, prep.meta, prep.lang, prep.sample
    classified, lines, (ptype, preason) = _labelled(prep, template)
    prep.feats = []
    _budget(t0, opts)
    paragraphs = [ln.text for ln in lines if ln.label == "body"]
    # fields are read off the classifier's lines, before the non-article widening: a title, byline or
    # date is where the classifier found it, whatever the body becomes
    f = basic_fields(classified, [ln.text for ln in classified if ln.label == "body"] if classified is not lines
                     else paragraphs, url=raw.url)
    art = Article(article_id=article_id_of(raw.sha256), source_path=raw.source_path, sha256=raw.sha256,
                  mode=raw.kind, paragraphs=paragraphs, lines=lines, url=raw.url, fetched_at=raw.fetched_at)
    for k, v in f.items():
        setattr(art, k, v)
    art.page_type, art.page_type_reason = ptype, preason
    # The column is the body's language. py3langid runs on the body again only when the classifier's
    # sample was not sure of its language (lang.SURE_LANGUAGE_PROB says what that measured) and the body's
    # sample differs from it (the same characters give the same code).
    body_lang = None
    if paragraphs and prep.lang_prob < SURE_LANGUAGE_PROB:
        body = " ".join(paragraphs[:LANGUAGE_SAMPLE_CHARS])[:LANGUAGE_SAMPLE_CHARS]
        body_lang = lang if body == sample[:LANGUAGE_SAMPLE_CHARS] else detect_language(body)
    art.language = body_lang or lang
    if meta:
        apply_meta(art, meta)
    if not art.published and prep.undated_html is not None:  # no cheaper evidence: htmldate (dates.py)
        art.published, art.published_source = dates.fallback_date(prep.undated_html, raw.url, raw.fetched_at,
                                                                      art.modified)
    tz = opts.site_zones.get(art.publisher_domain or "") or opts.site_zones.get(art.site_name or "")
    if tz:  # a configured per-site zone gives an offset to wall-clock times the page left without one
        art.published, art.modified = with_zone(art.published, tz), with_zone(art.modified, tz)
    ents = entities(paragraphs, art.dateline)
    art.quotes, art.people, art.organizations = ents["quotes"], ents["people"], ents["organizations"]
    art.places, art.acronyms = ents["places"], ents["acronyms"]
    return art


def _labelled(prep: Prepared, template: Optional[cls.TemplateIndex] = None) -> tuple[list, list, tuple[str, str]]:
    """Every labelled line of the page (the container's from the classifier, in HTML the outside ones by
    their DOM hint), then the page type from them, then the second opinions: an article's body continued
    (second.reconsider) and its own lists taken in (second.article_lists), a non-article's items taken in
    (second.non_article_items) and its body widened (mainframe.widen_non_article), a forum's per-post chrome and a forum's or product's
    repeated lines set aside (mainframe.strip_post_chrome). Returns (classified lines, final lines,
    (page_type, page_type_reason)); the two lists are the same object when no pass changed anything."""
    lines = _classify(prep, template)
    if prep.outside:
        from copydesk.core.html import merge_lines
        lines = merge_lines(lines, prep.outside)
    ptype, reason, article_share = page_type(prep.page_blocks or prep.blocks, prep.page_hints, prep.meta,
                                             prep.raw.url, lines, prep.raw.kind)
    final = reconsider(lines, ptype) or lines  # an article's body that stops short of its prose (second.py)
    final = article_lists(final, ptype) or final  # an article's own list between its paragraphs (second.py)
    final = non_article_items(final, ptype) or final  # a listing's items, a service's sections (second.py)
    has_url = bool(page_url(prep.raw.url, prep.meta))
    wide = widen_non_article(final, ptype, article_share, has_url, prep.places,
                             prep.meta.get("product_description") if prep.meta else None)
    final = final if wide is None else wide
    # a forum's post chrome, repeated lines (mainframe.py)
    final = strip_post_chrome(final, ptype, type_is_sure(article_share, has_url)) or final
    return lines, final, (ptype, reason)


def _classify(prep: Prepared, template: Optional[cls.TemplateIndex] = None) -> list:
    """The prepared page's labelled lines (inside the HTML container; `finish` adds the outside ones)."""
    meta = prep.meta
    title_hint = meta.get("og:title") or meta.get("title") if meta else None
    return cls.classify(prep.blocks, lang=prep.lang, title_hint=title_hint, dom_hints=prep.dom_hints,
                        template=template, site=prep.site, feats=prep.feats)


def body_lines(raw: RawDoc, opts: Options = Options()) -> list:
    """Boilerplate removal alone, one page, no site template: read, segment, classify; the labelled lines
    `finish` starts from, without fields or entities. What `copydesk eval` times as `body_pages_per_s`, the
    figure comparable to body extractors (trafilatura, jusText) that fill no other fields. The body is
    `[ln.text for ln in lines if ln.label == "body"]`, the same paragraphs as `process_raw`'s (page type and
    the non-article widening included)."""
    return _labelled(prepare(raw, opts))[1]


def _budget(t0: float, opts: Options) -> None:
    el = time.perf_counter() - t0
    if el > opts.time_budget_s:
        raise RejectError("timeout", f"processing took {el:.1f}s, over the budget of {opts.time_budget_s}s")


def process_bytes(data: bytes, source_path: str, kind: str, opts: Options = Options(), **kw) -> Article:
    return process_raw(raw_from_bytes(data, source_path, kind, limits=opts.limits, **kw), opts)


def safe_finish(prep: Prepared, path: str, raw_root: Optional[str], opts: Options = Options(),
                template: Optional[cls.TemplateIndex] = None) -> Article | Reject:
    """`finish`, fenced like `safe_process`."""
    return fenced(lambda: finish(prep, opts, template), path, raw_root)


def fenced(work, path: str, raw_root: Optional[str]):
    """`work()`, or a Reject with a kind and a message when it fails in any way (never raises)."""
    try:
        return work()
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


def build_template(pages) -> Optional[cls.TemplateIndex]:
    """The batch's site template from its pages' (site, keys), in input order (None when no site has one):
    the only serial step between a batch's two halves, a few set operations per page on 64-bit line keys.
    Pages without keys (no site) are skipped."""
    idx = cls.TemplateIndex()
    for site, keys in pages:
        if keys is not None:
            idx.add_keys(site, keys)
    idx = idx.compact()
    return idx if idx.sites() else None


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
