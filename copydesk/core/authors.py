"""Authors stated by a page's metadata (issue 14 item 3): JSON-LD Person in its shapes, meta tags.

Shapes of a JSON-LD author: a name string, a Person object, a list of either, a reference
{"@id": ...} to a Person node elsewhere in the "@graph" (html.parse_meta collects those as
"jsonld_people"). Meta tags, in the order believed: `author`, `article:author` (a name, not a profile URL),
the "Written by" pair WordPress/Yoast and Slack unfurls write (`twitter:label1` / `twitter:data1`), and the
names analytics and library tags carry (`parsely-author`, `sailthru.author`, `cXenseParse:author`, `dc.creator`,
`citation_author`).
Organisations stay out: a JSON-LD Organization is not a person (an agency among them is a wire credit,
extract.apply_meta).
"""
from __future__ import annotations

import re
from typing import Optional

# Meta tags naming the author (lower-cased keys as html.parse_meta stores them), after JSON-LD.
AUTHOR_META = ("author", "article:author", "parsely-author", "sailthru.author", "dc.creator", "dcterms.creator",
               "citation_author", "cxenseparse:author")
# `twitter:label1` values that announce `twitter:data1` as the author (Yoast's "Written by").
WRITTEN_BY_LABELS = frozenset({"written by", "geschrieben von", "escrito por", "écrit par", "scritto da",
                               "geschreven door", "door", "autor", "auteur", "author"})
# A name written all in lower case in the metadata ("jane doe"): letters only, two or three words.
_LOWER_NAME = re.compile(r"^[a-zà-ÿ]{2,}(?: [a-zà-ÿ]{2,}){1,2}$")


def _resolve(value, people: dict) -> list:
    """The author value with "@id" references replaced by the Person nodes they point to."""
    items = value if isinstance(value, list) else [value]
    out = []
    for it in items:
        if isinstance(it, list):
            out.extend(_resolve(it, people))
        elif isinstance(it, dict) and not it.get("name") and isinstance(it.get("@id"), str):
            ref = people.get(it["@id"])
            if ref is not None:
                out.append(ref)
        else:
            out.append(it)
    return out


def _single_author(value) -> Optional[str]:
    """The name string of a metadata author value that names one author (a string, or one JSON-LD object typed
    Person or untyped); None for lists of several, other @types and non-strings."""
    items = value if isinstance(value, list) else [value]
    if len(items) != 1:
        return None
    it = items[0]
    if isinstance(it, dict):
        if not is_person_type(it.get("@type") or "person"):
            return None
        it = it.get("name")
    if not isinstance(it, str):
        return None
    return it


def plain_name(value, not_person_words) -> Optional[str]:
    """A name written in lower case ("jane doe") from a single metadata author value (the caller has tried
    the byline rules first, which want capitals); None for organisations and role words. (One-word names
    ("Susan") were taken too at first: +15 WCXB tune pages, but a one-word author on a news page is a
    first name or an alias, and the dev news pages' field tests want full names: dropped.)"""
    it = _single_author(value)
    if it is None:
        return None
    s = it.strip()
    if _LOWER_NAME.match(s) and not any(w in not_person_words for w in s.split()):
        return s
    return None


def unnamed(name: str) -> bool:
    """Whether a metadata author name is an affiliation with the name left out: ", Acme Daily" (a CMS that
    writes "<name>, <outlet>" and had no name; taken as it stands, the outlet was read as a person). Such a
    value names nobody, and the page's markup is looked at as where no author is stated (WCXB dev: 1 page,
    whose author link then gives the byline's name)."""
    return name.lstrip().startswith(",")


def is_person_type(typ) -> bool:
    """Whether a JSON-LD `@type` value says Person, in any case: a type or a list of types (["Person"]:
    Yoast's graph writes its author nodes so)."""
    return any(str(t).lower() == "person" for t in (typ if isinstance(typ, list) else [typ]))


def typed_single_name(value) -> Optional[str]:
    """The one-word name of a single JSON-LD author typed "Person" ({"@type": "Person", "name": "Regan"}):
    the page states that this is a person (blogs sign with a first name or a handle). A bare string or an
    untyped object stays out (a one-word string is as often the site or a desk). (WCXB dev articles: tune
    3 pages right, validation 2, none wrong.)"""
    items = value if isinstance(value, list) else [value]
    if len(items) != 1 or not isinstance(items[0], dict):
        return None
    typ = items[0].get("@type")
    name = items[0].get("name")
    if "Person" not in (typ if isinstance(typ, list) else [typ]) or not isinstance(name, str):
        return None
    return name.strip() if len(name.split()) == 1 else None


def _is_article_type(typ) -> bool:
    """Whether a JSON-LD `@type` (a string or a list) is an article's: "Article", "NewsArticle", "TechArticle",
    "BlogPosting", "SocialMediaPosting" (html.parse_meta keeps these and "WebPage" as the page's news objects)."""
    return any(isinstance(t, str) and ("Article" in t or "Posting" in t) for t in (typ if isinstance(typ, list) else [typ]))


def author_values(meta: dict, ld: list) -> list[tuple[object, str]]:
    """Every metadata author value, in the order believed, with its source ("json-ld" or "meta").
    The JSON-LD author is the article node's where one states it: a WebPage node printed before it by another
    plugin names the author of something else on the page (a review box, the page template's default);
    else the first node's that states one. (WCXB dev articles, HTML: tune 1 page right, none wrong.)"""
    people = meta.get("jsonld_people") or {}
    out: list[tuple[object, str]] = []
    stated = [obj for obj in ld if obj.get("author")]
    obj = next((o for o in stated if _is_article_type(o.get("@type"))), stated[0] if stated else None)
    if obj is not None:
        out.append((_resolve(obj["author"], people), "json-ld"))
    for key in AUTHOR_META:
        v = meta.get(key)
        if v and not v.startswith("http"):
            out.append((v, "meta"))
    if (meta.get("twitter:label1") or "").strip().lower() in WRITTEN_BY_LABELS and meta.get("twitter:data1"):
        out.append((meta["twitter:data1"], "meta"))
    return out


# A handle as metadata writes it ("jsteinhardt", "ShawnHymel", "q_admin", "Susan"): one token of letters,
# digits, "_", "." or "-", starting with a letter.
_HANDLE = re.compile(r"^[^\W\d_][\w.\-]{1,29}$")
# How long a line showing the handle may be (a byline with its date: "Susan December 9, 2024 0 Comments").
HANDLE_LINE_MAX_WORDS = 14
# What may open the line before the handle: a byline label ("By", "By:", "Posted by", "Written by").
_HANDLE_LEAD = re.compile(r"^(?:(?:posted|written|article|words)\s+by|by|von|par|por|oleh)\s*:?\s*", re.I)


def handle_name(value, shown, not_person_words, site_word=None) -> Optional[str]:
    """The one-word author the metadata states (a meta author or a JSON-LD author name: a first name, a
    username) when the page prints it as its byline: a short non-body line in `shown` that opens with it,
    after a byline label or none ("By: ShawnHymel December 16, 2025", "Susan December 9, 2024"). The
    metadata alone is not enough (a one-word author is as often the site, a desk or a CMS account name that
    the page never shows, and the dev news pages want full names), nor is the line alone (a bare word above
    the body is a section or a menu entry): the two together say "this person wrote it".
    Not a role or desk word (`not_person_words`: "admin", "team", "staff"), not the site's own name
    (`site_word(name)` true: "Acme" on acme.com is the company; the caller adds the wire agencies, "PTI"
    printed as a byline is an agency's credit: news dev, 1 page). A Person typed object counts as its name;
    another @type (Organization) does not."""
    it = _single_author(value)
    if it is None:
        return None
    h = it.strip().lstrip("@")
    if not _HANDLE.match(h) or h.casefold() in not_person_words or (site_word and site_word(h)):
        return None
    low = h.casefold()
    for t in shown:
        t = _HANDLE_LEAD.sub("", t.strip(), count=1)
        if t[: len(low)].casefold() == low and (len(t) == len(low) or not (t[len(low)].isalnum() or t[len(low)] in "_.-")) \
                and len(t.split()) <= HANDLE_LINE_MAX_WORDS:
            return h
    return None


def _written_by(meta: dict) -> Optional[str]:
    """The name the "Written by" pair states (`twitter:label1` a WRITTEN_BY_LABELS label, `twitter:data1`), or None."""
    if (meta.get("twitter:label1") or "").strip().lower() in WRITTEN_BY_LABELS:
        return (meta.get("twitter:data1") or "").strip() or None
    return None


def written_by_handle(meta: dict, ld: list, not_person_words, site_word=None) -> Optional[str]:
    """The one-word author (a username: "jdoe", "j_doe", "Susan") that the "Written by" pair and another metadata
    source (the JSON-LD author, the meta author) both state: WordPress writes the pair from the post's author
    account, so the two together say "this account wrote it" even where the page prints no byline (handle_name
    needs one). Not a role or desk word, not the site's own name (`site_word`), as in handle_name; the pair alone
    is not enough (a theme may fill it with its default account). (WCXB dev articles, HTML: tune 8 pages right,
    none wrong.)"""
    stated = _written_by(meta)
    h = stated.lstrip("@") if stated else ""
    if not _HANDLE.match(h) or h.casefold() in not_person_words or (site_word and site_word(h)):
        return None
    others = [_single_author(v) for v, _ in author_values(meta, ld)[:-1]]  # (the pair itself is the last value)
    return h if any(o is not None and o.strip().lstrip("@") == h for o in others) else None


# Academic and professional letters a byline prints after the name ("Jane Doe, MS, RD", "John Roe, Ph.D."):
# degrees, licences and board fellowships of the health, finance and law writers who sign so. A list, not any
# capitals: after a comma capitals are as often the outlet or a wire ("Jane Doe, AP", "Jane Doe, CNN").
_CREDENTIAL = (r"(?:Ph\.?\s?D\.?|M\.?D\.?|D\.?O\.?|Pharm\.?D\.?|Psy\.?D\.?|Ed\.?D\.?|DVM|VMD|DDS|DMD|DPT|DNP|"
               r"R\.?N\.?|BSN|MSN|APRN|NP|PA-C|RDN?|LDN?|CDCES|CDE|CSSD|FAND|MPH|MBA|MSc|BSc|M\.?S\.?|M\.?A\.?|"
               r"B\.?S\.?|B\.?A\.?|MEd|J\.?D\.?|LL\.?M\.?|CFP®?|CFA|CPA|ChFC|CLU|EA|CPT|CSCS|NASM-CPT|ACE|"
               r"LCSW|LMFT|LPC|FACP|FACS|FAAP|FACC|FACOG|DACVB|DABOM|FOMA|MRCP|FRCP|MBBS|MW|CPP|PSP)")
_CREDENTIALS_AFTER = re.compile(rf"\s*((?:,\s*{_CREDENTIAL}(?![\w.]))+)")
# How long a line printing a name with its credentials may be (a byline row with its reviewer and its date,
# "Medically reviewed by John Roe, MD — Written by Jane Doe, MS, RD — Updated on March 7, 2025"; the prose's
# "Jane Doe, MD, a surgeon at ..." sits in a paragraph, longer).
CREDENTIALS_LINE_MAX_WORDS = 30


def with_credentials(names: list, texts) -> list:
    """The one author's name with the credentials the page prints after it in a short line ("By Jane Doe, MS,
    RD" -> "Jane Doe, MS, RD"): the name as the page states it (the byline rules and the metadata give it
    without them). Only for a single author (a list of names with letters after each is a paper's, read as
    it is). `texts`: the page's lines' texts, searched as one string (speed: one find per place the name and a
    comma occur, not a loop over the lines). WCXB dev articles label a writer with the credentials the page
    prints: tune, HTML 5 authors right, none lost; text 5 right, 1 lost (a label without the printed letters);
    validation unchanged."""
    if len(names) != 1 or "," in names[0]:
        return names
    name = names[0]
    page = "\n".join(texts)
    i = page.find(name + ",")
    while i >= 0:
        start, end = page.rfind("\n", 0, i) + 1, page.find("\n", i)
        line = page[start:end if end >= 0 else len(page)]
        m = _CREDENTIALS_AFTER.match(line, i - start + len(name))
        if m and len(line.split()) <= CREDENTIALS_LINE_MAX_WORDS:
            creds = [c.strip() for c in m.group(1).split(",") if c.strip()]
            return [", ".join([name] + creds)]
        i = page.find(name + ",", i + 1)
    return names
