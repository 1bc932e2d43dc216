"""Small typed records that flow one way through the stages (datatrove's slots `Document` habit).

read -> RawDoc -> segment -> [Block] -> classify -> [LabelledLine] -> extract -> Article -> load.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Iterable, Literal, Optional, Sequence

from copydesk.core.vocab import LABELS, Label, Reason, RejectKind  # noqa: F401 (LABELS: re-exported)

# The vocabularies (line labels, line reasons, reject kinds) are declared in copydesk/core/vocab.py.
Mode = Literal["text", "html"]


@dataclass(slots=True)
class RawDoc:
    """One input document: bytes as read, before decoding. `source_path` is relative to raw/ when possible."""
    source_path: str
    data: bytes
    kind: Mode  # text dump or HTML, by extension or sniffing
    sha256: str
    url: Optional[str] = None
    fetched_at: Optional[str] = None
    size: int = 0
    mtime: Optional[float] = None


@dataclass(slots=True)
class Block:
    """One visible block: a non-blank line of a text dump, or a block-level element of HTML.

    `number` is the 1-based line number in the decoded text dump (HTML: the block's order).
    DOM evidence is empty in text mode.
    """
    number: int
    text: str
    tag: str = ""             # HTML: tag name of the block (p, h1, li, figcaption, ...)
    path: str = ""            # HTML: ancestor tag/class path, lower-cased
    link_density: float = 0.0  # HTML: share of characters inside <a>
    href: Optional[str] = None  # HTML: the link when the whole block is one link


@dataclass(slots=True)
class LabelledLine:
    number: int
    text: str
    label: Label
    reason: Reason
    score: float = 0.0
    # (label, reason) of the first decision when a later pass changed it (the pass names itself in `reason`);
    # None when the first decision stands. Not a column of the `lines` table.
    first: Optional[tuple[Label, Reason]] = None


def relabelled(ln: LabelledLine, label: Label, reason: Reason) -> LabelledLine:
    """A copy of the line relabelled by a later pass (`reason` names the pass), keeping the first decision
    in `first` (classify._relabel does the same in place, on lines the classifier still owns)."""
    return replace(ln, label=label, reason=reason, first=ln.first or (ln.label, ln.reason))


def relabelled_at(lines: Sequence[LabelledLine], indices: Iterable[int], label: Label,
                  reason: Reason) -> Optional[list[LabelledLine]]:
    """The lines with those at `indices` relabelled by a later pass (see `relabelled`); None when there is
    none, the passes' "nothing to change"."""
    at = set(indices)
    return [relabelled(ln, label, reason) if i in at else ln for i, ln in enumerate(lines)] if at else None


@dataclass(slots=True)
class Reject:
    source_path: str
    error_kind: RejectKind
    message: str
    sha256: Optional[str] = None


@dataclass(slots=True)
class Article:
    """Everything copydesk reads off one page. Child lists become child tables keyed by article_id."""
    article_id: str
    source_path: str
    sha256: str
    mode: str
    title: Optional[str] = None
    site_name: Optional[str] = None
    publisher_domain: Optional[str] = None  # host of the canonical URL without www. (or printed on the page)
    url: Optional[str] = None
    canonical_url: Optional[str] = None
    authors: list[str] = field(default_factory=list)
    published: Optional[str] = None
    published_source: Optional[str] = None
    modified: Optional[str] = None
    dateline: Optional[str] = None
    wire_agencies: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    section: Optional[str] = None
    language: Optional[str] = None
    copyright: Optional[str] = None
    paragraphs: list[str] = field(default_factory=list)
    lines: list[LabelledLine] = field(default_factory=list)
    images: list[dict] = field(default_factory=list)
    related_links: list[dict] = field(default_factory=list)
    quotes: list[dict] = field(default_factory=list)
    people: list[dict] = field(default_factory=list)
    organizations: list[dict] = field(default_factory=list)
    places: list[dict] = field(default_factory=list)
    acronyms: dict = field(default_factory=dict)
    fetched_at: Optional[str] = None  # when a crawler fetched the page (WARC-Date), ISO 8601 as recorded
    # which evidence gave the title / the authors (like published_source; values in FIELD_SOURCES)
    title_source: Optional[str] = None
    authors_source: Optional[str] = None
    # what kind of page this is (core.pagetype.PAGE_TYPES) and the reason code of its strongest evidence
    page_type: Optional[str] = None
    page_type_reason: Optional[str] = None

    @property
    def body(self) -> str:
        return "\n\n".join(self.paragraphs)

    @property
    def paragraph_count(self) -> int:
        return len(self.paragraphs)

    @property
    def word_count(self) -> int:
        return sum(len(p.split()) for p in self.paragraphs)


# The `articles` table's row, declared once, in column order: (column, value type). The warehouse derives
# its Parquet schema from this (copydesk/warehouse/writer.py). Every column is the Article attribute or
# property of the same name, except ARTICLE_STAMPS, which the writer stamps on each row. Value types:
# "str", "strs" (list of str), "int32", "timestamp" (UTC; an Article holds it as an ISO 8601 string).
# The Article's list fields that are not columns become child tables (the writer's TABLES).
ARTICLE_COLUMNS: tuple[tuple[str, str], ...] = (
    ("article_id", "str"), ("source_path", "str"), ("sha256", "str"), ("mode", "str"),
    ("title", "str"), ("site_name", "str"), ("publisher_domain", "str"), ("url", "str"), ("canonical_url", "str"),
    ("authors", "strs"), ("published", "str"), ("published_source", "str"), ("modified", "str"),
    ("dateline", "str"), ("wire_agencies", "strs"), ("tags", "strs"), ("section", "str"),
    ("language", "str"), ("copyright", "str"), ("body", "str"),
    ("paragraph_count", "int32"), ("word_count", "int32"),
    ("ingested_at", "timestamp"), ("copydesk_version", "str"),
    # schema v3: when the page was fetched (WARC/WET WARC-Date); null for files dropped into raw/
    ("fetched_at", "timestamp"),
    # schema v4: which evidence gave the title and the authors (issue 14; values: FIELD_SOURCES)
    ("title_source", "str"), ("authors_source", "str"),
    # schema v4: the page's type (article, listing, forum, product, collection, documentation, service,
    # other) and the evidence that decided it (core.pagetype)
    ("page_type", "str"), ("page_type_reason", "str"),
)
# Provenance values of title_source / authors_source / published_source (README "Field provenance").
FIELD_SOURCES = {
    "title_source": ("headline", "url_slug", "meta", "json-ld", "page_title"),
    "authors_source": ("json-ld", "meta", "byline", "markup"),
    "published_source": ("json-ld", "meta", "text_line", "text_update", "url", "time", "htmldate"),
}
ARTICLE_STAMPS = ("ingested_at", "copydesk_version")
