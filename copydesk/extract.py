"""Stage 4: fields from labelled lines (and HTML metadata when there is some).

Each field says where it came from when that matters (`published_source`). This module holds the
foundation's fields; richer ones (people, quotes, organisations) live in `copydesk.entities`.
"""
from __future__ import annotations

import re
from datetime import datetime
from typing import Optional

from . import cues
from .records import LabelledLine

_TITLE_SEP = re.compile(r"\s+(?:\||-|–|—|::|·|•|»)\s+")
_MONTH_NUM = {}
for _i, _names in enumerate([
    "jan january janeiro enero janvier januar января", "feb february fevereiro febrero février februar февраля",
    "mar march março marzo mars märz марта", "apr april abril avril апреля", "may maio mayo mai мая",
    "jun june junho junio juin juni июня", "jul july julho julio juillet juli июля",
    "aug august agosto août августа", "sep sept september setembro septiembre septembre сентября",
    "oct october outubro octubre octobre oktober октября", "nov november novembro noviembre novembre ноября",
    "dec december dezembro diciembre décembre dezember декабря"], 1):
    for _n in _names.split():
        _MONTH_NUM[_n] = _i

_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?(Z|[+-]\d{2}:?\d{2})?)?")
_MDY = re.compile(r"\b([A-Za-zÀ-ÿа-я]{3,10})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b")
_DMY = re.compile(r"\b(\d{1,2})\.?\s+(?:de\s+)?([A-Za-zÀ-ÿа-я]{3,10})\.?,?\s+(?:de\s+)?(\d{4})\b")
_NUM_DMY = re.compile(r"\b(\d{1,2})[./](\d{1,2})[./](\d{4})\b")
_TIME = re.compile(r"\b(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([ap])?\.?m?\.?", re.I)


def parse_date(text: str) -> Optional[str]:
    """ISO 8601 local wall-clock time from a date line; keeps an offset only when the text gives one."""
    m = _ISO.search(text)
    if m:
        y, mo, d, hh, mm, ss, tz = m.groups()
        try:
            datetime(int(y), int(mo), int(d))
        except ValueError:
            return None
        if hh is None:
            return f"{y}-{mo}-{d}"
        s = f"{y}-{mo}-{d}T{hh}:{mm}:{ss or '00'}"
        if tz:
            s += "+00:00" if tz == "Z" else (tz if ":" in tz else tz[:3] + ":" + tz[3:])
        return s
    date = None
    m = _MDY.search(text)
    if m and m.group(1).lower() in _MONTH_NUM:
        date = (int(m.group(3)), _MONTH_NUM[m.group(1).lower()], int(m.group(2)))
    else:
        m = _DMY.search(text)
        if m and m.group(2).lower() in _MONTH_NUM:
            date = (int(m.group(3)), _MONTH_NUM[m.group(2).lower()], int(m.group(1)))
        else:
            m = _NUM_DMY.search(text)
            if m:
                date = (int(m.group(3)), int(m.group(2)), int(m.group(1)))
    if not date:
        return None
    try:
        datetime(*date)
    except ValueError:
        return None
    y, mo, d = date
    t = _TIME.search(text)
    if not t:
        return f"{y:04d}-{mo:02d}-{d:02d}"
    hh, mm, ss = int(t.group(1)), int(t.group(2)), int(t.group(3) or 0)
    ap = (t.group(4) or "").lower()
    if ap == "p" and hh < 12:
        hh += 12
    elif ap == "a" and hh == 12:
        hh = 0
    if hh > 23 or mm > 59:
        return f"{y:04d}-{mo:02d}-{d:02d}"
    return f"{y:04d}-{mo:02d}-{d:02d}T{hh:02d}:{mm:02d}:{ss:02d}"


def site_from_page_title(page_title: str, headline: Optional[str]) -> Optional[str]:
    """'Headline | Site' -> 'Site' (the part that is not the headline)."""
    parts = [p.strip() for p in _TITLE_SEP.split(page_title) if p.strip()]
    if len(parts) < 2:
        return None
    hn = (headline or "").strip().lower()
    rest = [p for p in parts if p.lower() != hn]
    if len(rest) == len(parts):  # headline not found: the site is the last, shorter part
        rest = parts[-1:] if len(parts[-1]) < len(parts[0]) else parts[:1]
    return rest[-1] if rest else None


_TAG_SPLIT = re.compile(r"\s*[,;|•·]\s*")


def split_tags(line: str) -> list[str]:
    body = line.split(":", 1)[1] if ":" in line else line
    body = body.split("：", 1)[1] if "：" in body else body
    out = []
    for t in _TAG_SPLIT.split(body.strip()):
        t = t.strip()
        if t and len(t) <= 60:
            out.append(_tag_case(t))
    return out


def _tag_case(t: str) -> str:
    """'South korea' -> 'South Korea': tag widgets often lower-case all but the first word of names;
    title-case a multi-word tag only when it starts with a capital and the rest is lower-case."""
    words = t.split()
    if len(words) > 1 and words[0][:1].isupper() and all(w.islower() for w in words[1:]):
        return " ".join(w[:1].upper() + w[1:] for w in words)
    return t


_CAPTION_SPLIT = re.compile(r"\s*\|\s*")


def split_caption(line: str) -> tuple[str, Optional[str]]:
    """'Caption text | Credit)' -> (caption, credit). Credits follow a bar or sit in trailing parens."""
    if "|" in line:
        cap, credit = line.rsplit("|", 1)
        credit = credit.strip().strip("()").strip()
        return cap.strip(), credit or None
    m = re.search(r"\(([^()]*(?:photo|image|credit|foto|file)[^()]*)\)\s*$", line, re.I)
    if m:
        return line[:m.start()].strip(), m.group(1).strip()
    return line.strip(), None


# Dateline: an upper-case place (optionally with a wire in parens) then a dash at the start of the body.
DATELINE = re.compile(
    r"^(?P<city>[A-ZÀ-Ý][A-ZÀ-Ý.'’\- ]{1,40}?(?:,\s*[A-Z][A-Za-z.]+(?:\s[A-Z][A-Za-z.]+)?)?)\s*"
    r"(?:\((?P<agency>[^)]{2,40})\))?\s*(?:—|–|-|--|:)\s+")
# Agencies we recognise by name in credits and datelines: wire services and syndication networks.
WIRE_NAMES = re.compile(
    r"\b(Reuters|Associated Press|AP|AFP|Agence France-Presse|Bloomberg|Yonhap|Xinhua|Kyodo|dpa|ANSA|EFE|"
    r"Interfax|TASS|PTI|IANS|Bernama|Antara|Asia News Network|UPI|CNA|Jiji|KCNA|Anadolu|Lusa|Agência Brasil)\b")


def dateline_of(first_paragraph: str) -> tuple[Optional[str], Optional[str]]:
    m = DATELINE.match(first_paragraph)
    if not m:
        return None, None
    city = m.group("city").strip()
    letters = [c for c in city if c.isalpha()]
    if not letters or not all(c.isupper() for c in letters if c.isascii()):
        return None, None
    return city, (m.group("agency") or None)


def agencies_from_credit(credit: str) -> list[str]:
    """'Yonhap via The Korea Herald/Asia News Network' -> ['Yonhap', 'The Korea Herald', 'Asia News Network']:
    a 'via' chain names every outlet the story passed through."""
    if re.search(r"\bvia\b", credit, re.I):
        parts = re.split(r"\s+via\s+|\s*/\s*", credit, flags=re.I)
        return [p.strip(" ()") for p in parts if p.strip(" ()")]
    return [m.group(1) for m in WIRE_NAMES.finditer(credit)]


def basic_fields(lines: list[LabelledLine], paragraphs: list[str]) -> dict:
    """Fields readable from the labelled lines alone (text mode; HTML metadata overrides later)."""
    out: dict = {"title": None, "site_name": None, "published": None, "published_source": None,
                 "tags": [], "copyright": None, "images": [], "related_links": [], "authors": [],
                 "dateline": None, "wire_agencies": []}
    page_title = None
    block = None
    for ln in lines:
        lab = ln.label
        if lab == "page_title" and page_title is None:
            page_title = ln.text
        elif lab == "headline" and out["title"] is None:
            out["title"] = ln.text
        elif lab == "timestamp" and out["published"] is None:
            d = parse_date(ln.text)
            if d:
                out["published"], out["published_source"] = d, "text_line"
        elif lab == "tags" and not out["tags"]:
            out["tags"] = split_tags(ln.text)
        elif lab == "copyright" and out["copyright"] is None:
            out["copyright"] = ln.text
        elif lab == "image_caption":
            cap, credit = split_caption(ln.text)
            out["images"].append({"caption": cap, "credit": credit, "alt": None, "line_number": ln.number})
        elif lab == "image_alt":
            out["images"].append({"caption": None, "credit": None, "alt": ln.text, "line_number": ln.number})
        elif lab == "byline":
            out["authors"].extend(authors_from_byline(ln.text))
        if lab == "widget_heading":
            block = ln.text
        elif lab == "related_link":
            out["related_links"].append({"headline": ln.text, "url": None, "block": block, "line_number": ln.number})
    if page_title:
        out["site_name"] = site_from_page_title(page_title, out["title"])
        if out["title"] is None:
            out["title"] = _TITLE_SEP.split(page_title)[0].strip()
    agencies: list[str] = []
    if paragraphs:
        city, agency = dateline_of(paragraphs[0])
        if city:
            out["dateline"] = city
            if agency:
                agencies.extend(agencies_from_credit(agency) or [agency])
    for img in out["images"]:
        if img["credit"]:
            agencies.extend(agencies_from_credit(img["credit"]))
    out["wire_agencies"] = list(dict.fromkeys(agencies))
    return out


_BY = re.compile(r"^(?:by|written by|reporting by|words by|von|par|por)\s*[:]?\s*", re.I)
_NOT_NAME = re.compile(r"\b(?:hours?|minutes?|days?|ago|email|the author|staff|updated|published)\b", re.I)


def authors_from_byline(text: str) -> list[str]:
    s = _BY.sub("", text)
    s = re.split(r"\s+(?:[-–—|,]\s+)?(?:\d|updated|published|for\b)", s, maxsplit=1)[0]
    s = re.split(r"\s[-–—|]\s", s)[0]
    names = re.split(r"\s*(?:,|\band\b|&|\bund\b|\bet\b|\be\b|\by\b)\s*", s)
    out = []
    for n in names:
        n = n.strip(" .")
        if 2 <= len(n) <= 60 and not _NOT_NAME.search(n) and n[:1].isupper() and len(n.split()) <= 5:
            out.append(n)
    return out


def apply_meta(art, meta: dict) -> None:
    """HTML metadata wins over text guesses for the fields it states explicitly."""
    ld = meta.get("jsonld") or []
    first = ld[0] if ld else {}
    title = first.get("headline") or meta.get("og:title")
    if title and not art.title:
        art.title = title
    site = meta.get("og:site_name")
    pub = first.get("publisher") if isinstance(first.get("publisher"), dict) else None
    if site:
        art.site_name = site
    elif pub and pub.get("name") and not art.site_name:
        art.site_name = pub["name"]
    for key, src in (("datePublished", "json-ld"),):
        if first.get(key):
            d = parse_date(str(first[key]))
            if d:
                art.published, art.published_source = d, src
    if not art.published or art.published_source == "text_line":
        for key in ("article:published_time", "og:article:published_time", "pubdate", "date", "dc.date"):
            if meta.get(key):
                d = parse_date(meta[key])
                if d:
                    art.published, art.published_source = d, "meta"
                    break
    if first.get("dateModified"):
        art.modified = parse_date(str(first["dateModified"]))
    elif meta.get("article:modified_time"):
        art.modified = parse_date(meta["article:modified_time"])
    art.canonical_url = meta.get("canonical") or meta.get("og:url")
    if not art.url:
        art.url = meta.get("og:url") or art.canonical_url
