"""Which of a page's dates is its publication date (issue 14 item 2): candidates from every source, ranked.

Sources: JSON-LD (datePublished / dateCreated / dateModified, `@graph` and nested objects: html.parse_meta
collects them), meta tags, `<time datetime>` elements, the URL, the visible date lines (near the headline,
or elsewhere on the page). A date after the page's fetch time is never a publication date.

The ranking (measured on the WCXB dev tune part, see the commit messages):
1. the metadata's publication date when the page also shows that day: two sources agree;
2. else the metadata's publication date (tried and dropped: the modified date when the page shows only
   that day under the headline; the labels follow the shown update as often as the stated original, so
   it moved as many pages right as wrong: original and updated stay apart, `modified` holds the update);
3. else the date line nearest the headline (extract.text_dates), the URL's date;
4. else the first `<time datetime>` of the article, outside comment threads and related-story cards
   (html._time_dates, source "time"; one classed or labelled as the update is the modification): on WCXB
   dev it agreed with htmldate on every labelled page where both answered, and tried above the metadata
   or the date line it was wrong more often than they were (tune articles: over JSON-LD / meta 4 pages
   right, 15 made wrong; over the date line 1 right, 2 made wrong);
5. else htmldate (fallback_date), the last resort (~28 ms a page).
"""
from __future__ import annotations

import re
from datetime import date as _date
from typing import Optional
from urllib.parse import urlsplit

def not_after(iso: Optional[str], fetched_at: Optional[str]) -> Optional[str]:
    """`iso`, or None when its day is after the fetch day (a page cannot be published after it was read)."""
    if iso and fetched_at and iso[:10] > fetched_at[:10]:
        return None
    return iso


SAVE_STAMP_MIN_DAYS = 2


def _days_before(a: str, b: str) -> int:
    """How many calendar days day `a` is before day `b` (ISO strings; 0 when either is no valid day)."""
    try:
        return (_date.fromisoformat(b[:10]) - _date.fromisoformat(a[:10])).days
    except ValueError:
        return 0


def rank(pub: Optional[str], pub_src: Optional[str], text_pub: Optional[str],
         mod: Optional[str] = None, text_src: str = "text_line",
         og_pub: Optional[str] = None, shown_iso: bool = False,
         thread: bool = False) -> tuple[Optional[str], Optional[str]]:
    """(published, source) from the metadata's publication date, its modification date (`mod`) and the date
    line near the headline (`text_pub`, source `text_src`: "text_line", or "text_update" when the page shows
    only its update). The metadata's date wins, except where it is a save stamp: when the stated
    modification is not after the stated publication (the CMS wrote its last save into both), or none is
    stated at all, a date line printed at least SAVE_STAMP_MIN_DAYS before that day is the original
    publication (one day apart is the page's clock or zone against the metadata's UTC, not another edition).
    (WCXB dev articles: tune 8 pages right, 1 wrong; validation 2 right; with no modification stated, tune
    1 more right, none lost. Where the modification is later, the shown date was the update as often as the
    original: not used.)"""
    if pub and text_pub and (not mod or mod[:10] <= pub[:10]) and _days_before(text_pub, pub) >= SAVE_STAMP_MIN_DAYS:
        return text_pub, text_src
    if pub and text_pub and mod and text_pub[:10] == mod[:10] and _days_before(pub, mod) >= SAVE_STAMP_MIN_DAYS \
            and (not og_pub or og_pub[:10] == mod[:10]) and not shown_iso and not thread:
        return text_pub, text_src  # the shown update over a publication only JSON-LD states (SHOWN_UPDATE)
    if pub:
        return pub, pub_src
    return text_pub, text_src if text_pub else None


# The URL's day over a UTC publication time one day later (URL_LOCAL_DAY): a CMS that writes the story's
# day into its URL writes it in the newsroom's own zone, while its metadata states the time in UTC; an
# evening story west of Greenwich is then stamped the next day ("/2019/11/18/..." published
# "2019-11-19T02:34:30Z"), and the label is the local day the URL and the page show. Only a time stated in
# UTC, and only the day just before it: any other gap is another date. (WCXB dev HTML tune articles: 1 page
# right, none lost, the only such page; news dev: 2 pages, each printing the URL's day under its headline.
# The same test against the date line under the headline instead of the URL: 2 right, 3 wrong: not used.)
def url_local_day(pub: Optional[str], url_day: Optional[str]) -> Optional[str]:
    """`url_day` when `pub` is a UTC time on the day after it (see above), else None."""
    if pub and url_day and pub.endswith("+00:00") and _days_before(url_day, pub) == 1:
        return url_day
    return None


# The shown update over the stated publication (issue 14): the page's date line near the headline is the
# metadata's modification day, not its publication day, and no Open Graph publication tag
# (OG_PUBLISHED_META: article:published_time and its spellings) states another day; the publication is
# then stated only by JSON-LD or microdata, and the label is the shown update. (WCXB dev HTML tune articles
# whose metadata publication and modification are different days and whose date line shows the
# modification: with no Open Graph publication, or one on the shown day, the label was the shown update on
# 15 pages and the publication on 1; with an Open Graph publication of another day, the label was that
# publication on 15 pages and the update on 3: left to the metadata. "Updated date as published" for every
# page, tried before, moved as many right as wrong.) The update must come SAVE_STAMP_MIN_DAYS or more after
# the publication: a day apart is the zone, or a news story's next-day rework, which keeps its first day
# (news dev: JSON-LD's day stays on every page; the WCXB pages above are all 9 days apart or more). Nor
# when the page prints that day in ISO form ("By Jane Doe - 2019-04-10", `shown_iso`): the template writes
# out its machine save stamp, not a date an editor set (news dev: the one page left where the rule moved
# JSON-LD's day, a story about an event of the publication's year; the WCXB pages above all print the day
# in words). Nor on a forum thread (`thread`): the date under its title is the last reply's, which the
# thread's modification states too, and the label is the first post's (WCXB dev HTML tune forums: 4 pages
# lost, none right, when the rule was read there).
OG_PUBLISHED_META = ("article:published_time", "og:article:published_time", "og:published_time")


# Rarer publication keys (the spellings htmldate's own list reads, Barbaresi 2020, less its generation stamps
# "gentime"/"timestamp" and its "created"/"release_date": a render day and a product's): on WCXB dev and news
# dev 7 pages name one; German and other European news templates use them ("dcterms.date", "og:pubdate",
# "pdate"). Believed before the generic "date"; a page naming one no longer calls htmldate (speed).
MORE_PUBLISHED_META = ("article:published", "og:pubdate", "pdate", "publication_date", "date_published",
                       "dc.date.created", "dcterms.date", "article_date_original", "originalpublicationdate")


# Meta tags that state a publication date, in the order they are believed (extract.apply_meta): the Open
# Graph article keys and their spellings, schema.org microdata, the CMS and analytics keys (Parse.ly,
# Sailthru, Cxense, Shareaholic), the scholarly citation keys (Google Scholar's citation_*), Dublin Core,
# then the generic "date" (which some templates fill with the page's render day: believed after all of those;
# two rarer keys follow it). Keys
# named for the update (modified, updated) are never here; a video's "uploadDate" is not the article's.
PUBLISHED_META = OG_PUBLISHED_META + (
                   "article:first_published_time", "article-published_time", "datepublished", "pubdate",
                   "publishdate", "publish-date", "publish_date", "og:publish_date", "published-date",
                   "published_date", "publisheddate", "date-pub", "w-published-date", "awa-publisheddate",
                   "parsely-pub-date", "sailthru.date", "cxenseparse:publishtime", "shareaholic:article_published_time",
                   "citation_publication_date", "citation_online_date", "citation_date", "dc.date.issued",
                   "dcterms.issued", "dcterms.created", "dc.date", "datecreated", "published", "ms.date",
                   "gsa_date") + MORE_PUBLISHED_META + ("date", "article.published", "cxenseparse:recs:publishtime")


# Compact forms a meta value may hold that the text's date reader (extract.parse_date) does not take, as
# it must not on a line of prose: "20200320" (eight digits), "2025 09 09" (spaced), "2023 Jan 7"
# (PubMed's citation_publication_date: year, month word, day). Read only in meta values (apply_meta).
_YMD_COMPACT = re.compile(r"^\s*((?:19|20)\d{2})(?:(\d{2})(\d{2})|\s+(\d{1,2})\s+(\d{1,2})|\s+([A-Za-z]{3,9})\.?\s+(\d{1,2}))"
                          r"(?!\d)")
# English month names in order, once for the core: a URL's month word and a month glued to a byline's name
# (extract), a compact meta value's month (year_month_day), a DOM date line (html._DATE_LINE) and a forum
# post's dated chrome (mainframe._chrome_shape) are read in English only. MONTH_ABBR_ALT is the regex
# alternation of their three-letter openings.
ENGLISH_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
                  "october", "november", "december")
_MONTH_ABBR = tuple(m[:3] for m in ENGLISH_MONTHS)
MONTH_ABBR_ALT = "|".join(_MONTH_ABBR)


def year_month_day(value: str) -> Optional[str]:
    """"YYYY-MM-DD" from a compact year-first meta value (see above), or None."""
    m = _YMD_COMPACT.match(value or "")
    if not m:
        return None
    y = int(m.group(1))
    if m.group(6):
        word = m.group(6).lower()[:3]
        if word not in _MONTH_ABBR:
            return None
        mo, d = _MONTH_ABBR.index(word) + 1, int(m.group(7))
    else:
        mo, d = int(m.group(2) or m.group(4)), int(m.group(3) or m.group(5))
    try:
        return _date(y, mo, d).isoformat()
    except ValueError:
        return None


_YEAR = re.compile(r"(?:19|20)\d{2}")


def has_meta_date(meta: dict) -> bool:
    """Whether the metadata states a publication date (then htmldate never runs: cheaper evidence)."""
    if any(_YEAR.search(meta.get(k) or "") for k in PUBLISHED_META):  # (a value with a year: "published"
        return True                                                     # may hold "true", "publish_time" "17:00")
    return any(isinstance(o, dict) and (o.get("datePublished") or o.get("dateCreated")) for o in meta.get("jsonld") or ())


# htmldate (the field's reference date finder, Barbaresi 2020) as the last resort: only on HTML pages where
# neither the metadata, nor a date line, nor the URL gave a date. Fast mode (extensive_search off: its
# extensive search guesses from any date-like string, which measured at ~60% right on the WCXB dev pages
# we left undated) and original_date (the first publication, not the last update, as our other sources).
HTMLDATE_OPTIONS = dict(extensive_search=False, original_date=True)


# Where htmldate is not run at all (speed: ~26 ms a call, 30% of the CPU on WCXB dev before this gate, and
# no date worth keeping there): a site's home page (the URL has no path: its newest story's date or today's),
# and pages whose og:type says they are a product or a shop item, not a dated document.
_OG_TYPE = re.compile(r"""og:type["']\s+content=["']([^"']*)|content=["']([^"']*)["']\s+property=["']og:type""")
_UNDATED_OG_TYPES = ("product", ":item", "profile", "music.song", "book")
# The page's own update stamps (JSON-LD dateModified, article:modified_time, og:updated_time, ...): the
# day htmldate returns, when it is one of these, is the last update, not the publication (on WCXB dev
# articles 5 such answers wrong, 1 right). The visible word "Updated" next to a date counts too: a page
# whose only shown date is its update ("Updated <time datetime=...>") is not dated by that day when no
# metadata states a date (extract.apply_meta), and htmldate would return it (WCXB dev tune: 2 wrong
# answers and 1 right refused).
_MODIFIED_KEY = re.compile(r"datemodified|modified_time|updated_time|dcterms\.modified|\bupdated\b", re.I)
_DAY = re.compile(r"(?:19|20)\d{2}-\d{2}-\d{2}")
MODIFIED_NEAR_CHARS = 80


def worth_dating(html: str, url: Optional[str]) -> bool:
    """Whether htmldate may find a publication date worth keeping on this page (see above)."""
    if url:
        try:
            path = urlsplit(url).path.strip("/")
        except ValueError:
            path = ""
        if not path:
            return False
    m = _OG_TYPE.search(html)
    og = (m.group(1) or m.group(2) or "").lower() if m else ""
    return not any(t in og for t in _UNDATED_OG_TYPES)


# The update-day refusal (_MODIFIED_KEY above) spares a day the page also states as its publication (a
# publication key next to it: JSON-LD datePublished, a `<time class="published">`, "published_time"): a
# story updated on the day it was published, as news stories are, is dated by htmldate's answer then.
# (News dev tune pages stripped of their metadata: 3 of the 4 left undated had been refused so, each on its
# JSON-LD's day; WCXB dev HTML tune articles: 2 pages right, 2 wrong, both labelled another day than the one
# the page states as published; validation unchanged. Read only where htmldate answered: no cost elsewhere.)
_PUBLISHED_KEY = re.compile(r"publish(?!er)|pubdate|datecreated", re.I)


def _days_near(key: re.Pattern, html: str) -> set[str]:
    """The days (YYYY-MM-DD) printed within MODIFIED_NEAR_CHARS of a match of `key`."""
    out = set()
    for m in key.finditer(html):
        near = html[max(0, m.start() - MODIFIED_NEAR_CHARS):m.end() + MODIFIED_NEAR_CHARS]
        out.update(_DAY.findall(near))
    return out


def stated_update_days(html: str) -> set[str]:
    """The days (YYYY-MM-DD) printed next to the page's update keys and not next to a publication key."""
    upd = _days_near(_MODIFIED_KEY, html)
    return upd - _days_near(_PUBLISHED_KEY, html) if upd else upd


def fallback_date(html: str, url: Optional[str], fetched_at: Optional[str],
                  modified: Optional[str] = None) -> tuple[Optional[str], Optional[str]]:
    """(published, "htmldate") or (None, None). `modified`: the page's update as the other sources read it
    (a shown "Updated ..." line or the metadata's modification): a publication cannot come after it, so a
    later day from htmldate is some other date of the page (WCXB dev tune articles: 2 such answers, both
    wrong; none right lost; validation unchanged)."""
    if not worth_dating(html, url):
        return None, None
    try:
        from htmldate import find_date
        d = find_date(html, url=url, outputformat="%Y-%m-%d", **HTMLDATE_OPTIONS)
    except Exception:  # missing library or a page it cannot parse: no date rather than a failed page
        return None, None
    d = not_after(d, fetched_at)
    if d and (d[:10] in stated_update_days(html) or modified and d[:10] > modified[:10]):
        return None, None
    return (d, "htmldate") if d else (None, None)
