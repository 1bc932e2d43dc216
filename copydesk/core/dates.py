"""Which of a page's dates is its publication date (issue 14 item 2): candidates from every source, ranked.

Sources: JSON-LD (datePublished / dateCreated / dateModified, `@graph` and nested objects: html.parse_meta
collects them), meta tags, `<time datetime>` elements, the URL, the visible date lines (near the headline,
or elsewhere on the page). A date after the page's fetch time is never a publication date.

The ranking (measured on the WCXB dev tune part, see the commit messages):
1. the metadata's publication date when the page also shows that day: two sources agree;
2. else the metadata's publication date (tried and dropped: the modified date when the page shows only
   that day under the headline; the labels follow the shown update as often as the stated original, so
   it moved as many pages right as wrong: original and updated stay apart, `modified` holds the update);
3. else the date line nearest the headline (extract.text_dates), the URL's date, the first `<time>`.
"""
from __future__ import annotations

from typing import Optional

def not_after(iso: Optional[str], fetched_at: Optional[str]) -> Optional[str]:
    """`iso`, or None when its day is after the fetch day (a page cannot be published after it was read)."""
    if iso and fetched_at and iso[:10] > fetched_at[:10]:
        return None
    return iso


def rank(pub: Optional[str], pub_src: Optional[str], text_pub: Optional[str]) -> tuple[Optional[str], Optional[str]]:
    """(published, source) from the metadata's publication date and the date line near the headline
    (`text_pub`, source "text_line")."""
    if pub:
        return pub, pub_src
    return text_pub, "text_line" if text_pub else None


# Meta tags that state a publication date, in the order they are believed (extract.apply_meta).
PUBLISHED_META = ("article:published_time", "og:article:published_time", "datepublished", "pubdate",
                   "publishdate", "publish-date", "parsely-pub-date", "sailthru.date", "dc.date.issued",
                   "dcterms.created", "dc.date", "date", "article.published", "cxenseparse:recs:publishtime")


def has_meta_date(meta: dict) -> bool:
    """Whether the metadata states a publication date (then htmldate never runs: cheaper evidence)."""
    if any(meta.get(k) for k in PUBLISHED_META):
        return True
    return any(isinstance(o, dict) and (o.get("datePublished") or o.get("dateCreated")) for o in meta.get("jsonld") or ())


# htmldate (the field's reference date finder, Barbaresi 2020) as the last resort: only on HTML pages where
# neither the metadata, nor a date line, nor the URL gave a date. Fast mode (extensive_search off: its
# extensive search guesses from any date-like string, which measured at ~60% right on the WCXB dev pages
# we left undated) and original_date (the first publication, not the last update, as our other sources).
HTMLDATE_OPTIONS = dict(extensive_search=False, original_date=True)


def fallback_date(html: str, url: Optional[str], fetched_at: Optional[str]) -> tuple[Optional[str], Optional[str]]:
    """(published, "htmldate") or (None, None)."""
    try:
        from htmldate import find_date
        d = find_date(html, url=url, outputformat="%Y-%m-%d", **HTMLDATE_OPTIONS)
    except Exception:  # missing library or a page it cannot parse: no date rather than a failed page
        return None, None
    d = not_after(d, fetched_at)
    return (d, "htmldate") if d else (None, None)
