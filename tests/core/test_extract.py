"""Fields (copydesk.core.extract) on the sample article and on dev benchmark pages, in text and HTML mode.

Expected values were read off the pages by hand: the visible lines of the text dumps
(../shared/eval/dev/text/<id>.txt) and the JSON-LD / meta tags of the HTML (html/<id>.html.gz).
"""
import gzip
import json
import re

import pytest

from copydesk.core.extract import (authors_from_byline, dateline_of, parse_date, person_name, split_caption,
                              with_zone)
from copydesk.core.pipeline import Options
from copydesk.run.documents import process_path
from helpers import DEV, SAMPLE_RAW, dev_files

ORG_WORDS = re.compile(r"\b(?:press|news|staff|media|network|agency|reports?|editorial|inc|ltd|llc|insider|"
                       r"business|times|post|associated|reuters|admin|team|desk)\b|\.(?:com|net|org)\b", re.I)


def _dev(i: str, mode: str):
    path = DEV / ("text" if mode == "text" else "html") / (f"{i}.txt" if mode == "text" else f"{i}.html.gz")
    return process_path(str(path), None)


def _full_id(prefix: str) -> str:
    hits = sorted(p.name.split(".")[0] for p in (DEV / "text").glob(prefix + "*.txt"))
    assert len(hits) == 1, prefix
    return hits[0]


# --- the sample article ---------------------------------------------------------------------------------

def test_sample_fields(sample_article, expected):
    a, f = sample_article, expected["fields"]
    assert a.title == f["title"]
    assert a.site_name == f["site_name"]
    assert a.publisher_domain == f["publisher_domain"]
    assert a.published == f["published_local"]  # wall clock, no offset: the page gives no zone
    assert a.published_source == "text_line"
    assert a.dateline == f["dateline"]
    captioned = [im for im in a.images if im["caption"]]
    assert captioned[0]["caption"] == f["image_caption"]
    assert captioned[0]["credit"] == f["image_credit"]
    assert a.wire_agencies == f["wire_agencies"]
    assert a.tags == f["tags"]
    assert [r["headline"] for r in a.related_links] == f["related_headlines"]
    assert a.copyright == f["copyright"]
    assert a.language == f["language"]
    assert len(a.paragraphs) == f["body_paragraph_count"]
    assert a.authors == []  # the page has no byline


def test_sample_configured_zone_adds_offset():
    """The page gives no zone; a per-site zone from config (INQUIRER.net is UTC+08:00) adds the offset
    and keeps the wall clock."""
    a = process_path(str(SAMPLE_RAW), None, Options(site_zones={"inquirer.net": "Asia/Manila"}))
    assert a.published == "2022-04-27T16:53:00+08:00"
    b = process_path(str(SAMPLE_RAW), None, Options(site_zones={"Inquirer News": "+08:00"}))
    assert b.published == "2022-04-27T16:53:00+08:00"


def test_extract_json_has_every_table(tmp_path, capsys):
    from copydesk.cli import main
    assert main(["extract", str(SAMPLE_RAW), "--json"]) == 0
    rec = json.loads(capsys.readouterr().out)
    for key in ("title", "site_name", "publisher_domain", "authors", "published", "published_source",
                "dateline", "wire_agencies", "tags", "language", "copyright", "word_count"):
        assert key in rec
    for table in ("images", "related_links", "quotes", "people", "organizations", "places", "lines"):
        assert isinstance(rec[table], list) and rec[table], table
    assert rec["publisher_domain"] == "inquirer.net"
    assert rec["acronyms"] == {"SCWG": "Space Cooperation Working Group"}


# --- text mode on dev pages: values read off the visible lines --------------------------------------------

TEXT_CASES = {
    # "By Tess Bonn - 11/19/19 06:56 AM EST" under the headline
    "156770d6": dict(title="South Dakota governor doubles down on 'meth, we're on it' anti-drug campaign",
                     authors=["Tess Bonn"], published="2019-11-19T06:56:00-05:00"),
    # "Chris Davies - Nov 19, 2019, 10:31 pm CST" (no "By")
    "06ee193d": dict(title="The VW ID. SPACE VIZZION is a weird EV sports wagon with a secret message",
                     authors=["Chris Davies"], published="2019-11-19T22:31:00-06:00"),
    # "Associated Press November 19, 2019, 9:02 AM" then "MADRID — ..."
    "0d461229": dict(title="Nadal keeps Spain alive against Russia in Davis Cup Finals", authors=[],
                     published="2019-11-19T09:02:00", dateline="MADRID", wire_agencies=["AP"]),
    "ef2b3f26": dict(title="Cat found in New Mexico after going missing in Oregon", dateline="SANTA FE, N.M.",
                     wire_agencies=["AP"]),
    # "By Troy L. Smith, Cleveland.com": the affiliation is not a person
    "35b15891": dict(authors=["Troy L. Smith"], dateline="CLEVELAND, Ohio", publisher_domain="cleveland.com"),
    # "By Matthew Digby , Minh Do on Monday, November 18th, 2019 at 11:08 a.m."
    "9e8c9f08": dict(authors=["Matthew Digby", "Minh Do"], published="2019-11-18T11:08:00"),
    # "By Eric Song, IGN Staff" / "Updated: 18 Nov 2019 9:38 pm" / "Posted: 18 Nov 2019 8:11 pm"
    "287e4d9f": dict(authors=["Eric Song"], published="2019-11-18T20:11:00", modified="2019-11-18T21:38:00"),
    # "Posted: Fri 6:45 PM, Feb 16, 2018 |" / "Updated: Sat 8:31 PM, Feb 17, 2018"
    "3ce1c8fd": dict(published="2018-02-16T18:45:00", modified="2018-02-17T20:31:00"),
    # "Nov. 20, 2019 6:02 AM EST" / "By DANICA KIRKA and JILL LAWLESS" / "LONDON (AP) — ..."
    "e7994d55": dict(title="UK Tories under fire for Twitter name switch during debate",
                     authors=["Danica Kirka", "Jill Lawless"], published="2019-11-20T06:02:00-05:00",
                     dateline="LONDON", wire_agencies=["AP"]),
    # "Mon 18 Nov 2019 18.54 GMT Last modified on Mon 18 Nov 2019 18.56 GMT"
    "5fa3154e": dict(title="The Guardian view on Hong Kong: a city on the brink",
                     published="2019-11-18T18:54:00+00:00", modified="2019-11-18T18:56:00+00:00"),
    # "21:17 18.11.2019 Get short URL" / "by Finian Cunningham" (the site clock at the top is not it)
    "1f765c48": dict(authors=["Finian Cunningham"], published="2019-11-18T21:17:00"),
    # "Published 11:11 PM EST Nov 19, 2019"; "Al Goldis, Associated Press" is a photo credit
    "65ce3a45": dict(title="Tuesday's college football: Eastern Michigan routs Northern Illinois to become bowl eligible",
                     authors=[], published="2019-11-19T23:11:00-05:00"),
    "b37be353": dict(title="Snooze cruise: Study sees future for hibernating astronauts", dateline="BERLIN"),
    # "By" alone on a line, the name on the next; "Nov. 19, 2019 8:03 am ET" (US Eastern, standard time)
    "042bb7b5": dict(title="Google Stadia, Microsoft xCloud, Apple Arcade: So Many Ways to Play…and Pay",
                     authors=["Sarah E. Needleman"], published="2019-11-19T08:03:00-05:00"),
    # "Tom Krisher, Ap Auto Writer" above a photo gallery; "Updated 1:39 am EST, Wednesday, November 20, 2019"
    "05844573": dict(authors=["Tom Krisher"], published="2019-11-20T01:39:00-05:00", wire_agencies=["AP"]),
    "aec5deea": dict(dateline="WASHINGTON", wire_agencies=["AP"]),
}
# Pages whose only shown date is their update ("Updated 1:39 am EST, ..."): the date is given, said as such.
TEXT_UPDATE_ONLY = {"05844573"}


def _assert_fields(prefix: str, mode: str, want: dict):
    """The dev page `prefix` read in `mode` has every field value in `want`; returns the Article."""
    a = _dev(_full_id(prefix), mode)
    for field, value in want.items():
        got = getattr(a, field)
        assert got == value, (prefix, field, got)
    return a


@pytest.mark.parametrize("prefix", sorted(TEXT_CASES))
def test_text_mode_fields(prefix):
    a = _assert_fields(prefix, "text", TEXT_CASES[prefix])
    if "published" in TEXT_CASES[prefix]:
        assert a.published_source == ("text_update" if prefix in TEXT_UPDATE_ONLY else "text_line")


# --- HTML mode: JSON-LD and meta win --------------------------------------------------------------------

HTML_CASES = {
    "156770d6": dict(published="2019-11-19T06:56:43-05:00", published_source="json-ld", authors=["Tess Bonn"],
                     site_name="TheHill", publisher_domain="thehill.com", modified="2019-11-19T10:20:59-05:00"),
    "c90731f0": dict(published="2019-11-20T10:18:01+05:30", published_source="json-ld",
                     site_name="Deccan Herald", section="International"),
    # JSON-LD author "By STEVE PEOPLES, AP National Political Writer"
    "aec5deea": dict(authors=["Steve Peoples"], wire_agencies=["AP"], dateline="WASHINGTON"),
    # JSON-LD author {"@type": "Person", "name": "The Associated Press"}: an organisation, so a wire credit
    "b37be353": dict(authors=[], wire_agencies=["AP"], section="Sci-Tech",
                     published="2019-11-18T08:22:00-05:00", published_source="json-ld"),
    # article:published_time meta; the news_keywords list gives the tags
    # og:title "The Guardian view on Hong Kong: a city on the brink | Editorial": the h1 stops before "| Editorial"
    "5fa3154e": dict(published="2019-11-18T18:54:53+00:00", published_source="meta", section="Opinion",
                     site_name="the Guardian", title="The Guardian view on Hong Kong: a city on the brink"),
    # og:title "... – TechCrunch": the site suffix is not part of the title
    "1ace8c85": dict(title="New York State Attorney General reportedly investigating WeWork", site_name="TechCrunch",
                     authors=["Catherine Shu"], publisher_domain="techcrunch.com"),
    "35b15891": dict(authors=["Troy L. Smith"], section="Entertainment"),
    # JSON-LD author "Science X staff", meta author "Staff Reports": no person
    "e1c7023e": dict(authors=[]),
    "961bd85c": dict(authors=[]),
    "8634d121": dict(authors=["Michael Hiltzik"], section="Business"),
    "ef2b3f26": dict(published="2019-11-20T05:14:35+00:00", published_source="meta", dateline="SANTA FE, N.M."),
}


@pytest.mark.parametrize("prefix", sorted(HTML_CASES))
def test_html_mode_fields(prefix):
    _assert_fields(prefix, "html", HTML_CASES[prefix])


def test_html_tags_from_page_keywords():
    a = _dev(_full_id("5fa3154e"), "html")
    assert a.tags[:3] == ["Hong Kong", "Protest", "Asia Pacific"]
    b = _dev(_full_id("aec5deea"), "html")
    assert "Pete Buttigieg" in b.tags and "PERSON" not in b.tags  # entity-type labels are CMS internals


def test_placeholder_jsonld_date_is_not_a_date():
    """JSON-LD datePublished '0001-01-01T00:00:00+00:00' is a placeholder: the visible date line wins."""
    a = _dev(_full_id("65ce3a45"), "html")
    assert a.published == "2019-11-19T23:11:00-05:00" and a.published_source == "text_line"


def _ld_published(raw: str):
    for m in re.finditer(r'"datePublished"\s*:\s*"([^"]+)"', raw):
        v = m.group(1)
        if re.match(r"(199\d|20\d\d)-\d\d-\d\d", v):
            return v
    return None


def _instant(iso: str):
    from datetime import datetime
    d = datetime.fromisoformat(iso.replace("Z", "+00:00"))
    return int(d.timestamp()) if d.tzinfo else d.strftime("%Y-%m-%dT%H:%M")


def test_every_jsonld_date_comes_out_in_html_mode():
    """Every dev page whose JSON-LD states an ISO datePublished gets that day (and its wall clock)."""
    checked = 0
    for p in dev_files("html"):
        want = _ld_published(gzip.open(p).read().decode("utf-8", "replace"))
        if not want:
            continue
        a = process_path(str(p), None)
        assert a.published and a.published[:10] == want[:10], (p.name, a.published, want)
        if len(want) >= 16 and len(a.published) >= 16 and a.published_source == "json-ld":
            got_t, want_t = _instant(a.published), _instant(want)
            assert got_t == want_t, (p.name, a.published, want)  # same instant (pages repeat it in two zones)
        checked += 1
    assert checked >= 50


@pytest.mark.parametrize("mode", ["text", "html"])
def test_authors_are_people(mode):
    """Across all dev pages: never 'By', 'Hours Ago', 'Email the author', a date or an organisation."""
    for p in dev_files("text"):
        a = _dev(p.name.split(".")[0], mode)
        for name in a.authors:
            assert not re.match(r"(?i)by\b", name), (p.name, name)
            assert not re.search(r"(?i)\bago\b|email|author|\d", name), (p.name, name)
            assert not ORG_WORDS.search(name), (p.name, name)
            assert 1 <= len(name.split()) <= 4, (p.name, name)
            if len(name.split()) == 1:  # only where the page itself says this one word is the author
                assert a.authors_source in ("byline", "json-ld", "markup"), (p.name, name, a.authors_source)
                assert _states_author(_raw_page(p.name.split(".")[0], mode), name), (p.name, name)


def _raw_page(i: str, mode: str) -> str:
    path = DEV / mode / (f"{i}.txt" if mode == "text" else f"{i}.html.gz")
    return path.read_text(encoding="utf-8", errors="replace") if mode == "text" else \
        gzip.open(path).read().decode("utf-8", "replace")


def _states_author(raw: str, name: str) -> bool:
    """The page states `name` as its author: a byline label right before it ("Posted by Regan", "By: X"), a
    JSON-LD Person's name, or an element marked as the author (rel/itemprop=author, an author/byline class)
    shortly before it."""
    n = re.escape(name)
    return bool(re.search(rf"(?i)\b(?:posted |written )?by\W{{0,3}}{n}\b", raw)
                or re.search(rf'"@type"\s*:\s*\[?\s*"Person"[^{{}}]{{0,200}}"name"\s*:\s*"{n}"|"name"\s*:\s*"{n}"[^{{}}]{{0,200}}"@type"\s*:\s*\[?\s*"Person"', raw)
                or re.search(rf'(?is)(?:rel|itemprop)="author"|class="[^"]*(?:author|byline)[^"]*"', raw) and
                re.search(rf'(?is)(?:(?:rel|itemprop)="author"|class="[^"]*(?:author|byline)[^"]*")[^<]*>(?:\s*<[^>]+>){{0,6}}\s*(?:by\W{{0,3}})?{n}\b', raw))


# --- unit behaviour of the helpers ----------------------------------------------------------------------

def test_parse_date_shapes():
    assert parse_date("/ 04:53 PM April 27, 2022") == "2022-04-27T16:53:00"
    assert parse_date("Nov. 19, 2019 8:03 am ET") == "2019-11-19T08:03:00-05:00"  # EST in November
    assert parse_date("June 3, 2019 8:03 am ET") == "2019-06-03T08:03:00-04:00"   # EDT in June
    assert parse_date("14:53 GMT +3 20 November 2019") == "2019-11-20T14:53:00+03:00"
    assert parse_date("By Tess Bonn - 11/19/19 06:56 AM EST") == "2019-11-19T06:56:00-05:00"
    assert parse_date("21:17 18.11.2019") == "2019-11-18T21:17:00"
    assert parse_date("Posted on Maret 30, 2015 by Admin") == "2015-03-30"
    assert parse_date("Published Wed, Nov 20 20194:29 AM EST") == "2019-11-20T04:29:00-05:00"
    assert parse_date("0001-01-01T00:00:00+00:00") is None
    assert parse_date("13 hours ago") is None


def test_date_in_url_is_the_last_resort():
    from copydesk.core.extract import date_in_url
    assert date_in_url("https://techcrunch.com/2019/11/18/new-york-state-attorney-general/") == "2019-11-18"
    assert date_in_url("https://example.com/2019/13/40/x") is None
    assert date_in_url("https://www.inquirer.net/") is None


def test_with_zone_only_fills_missing_offsets():
    assert with_zone("2022-04-27T16:53:00", "Asia/Manila") == "2022-04-27T16:53:00+08:00"
    assert with_zone("2022-04-27T16:53:00-05:00", "Asia/Manila") == "2022-04-27T16:53:00-05:00"
    assert with_zone("2022-04-27", "Asia/Manila") == "2022-04-27"
    assert with_zone("2022-04-27T16:53:00", "Not/AZone") == "2022-04-27T16:53:00"


def test_bylines():
    assert authors_from_byline("By DANICA KIRKA and JILL LAWLESS") == ["Danica Kirka", "Jill Lawless"]
    assert authors_from_byline("By Jane Doe, MS, RD on November 14, 2019") == ["Jane Doe"]
    assert authors_from_byline("By Jill Disis, CNN Business") == ["Jill Disis"]
    assert authors_from_byline("Moritz Bachmann publiziert am 25. September 2018") == ["Moritz Bachmann"]
    assert authors_from_byline("By Megan Rowe meganr@spokesman.com(509) 459-5000") == ["Megan Rowe"]
    assert authors_from_byline("3 Hours Ago") == []
    assert authors_from_byline("Email the author") == []
    assert authors_from_byline("By The Associated Press") == []
    assert person_name("Natasha Turak@NatashaTurak") == "Natasha Turak"


def test_datelines_and_credits():
    assert dateline_of("SEOUL — South Korea and the United States agreed") == ("SEOUL", None)
    assert dateline_of("WASHINGTON (Reuters) - The Federal Reserve said") == ("WASHINGTON", "Reuters")
    assert dateline_of("(AP) — A cat who has been missing") == (None, "AP")
    assert dateline_of("NASA SAYS THE MISSION WILL LAUNCH IN MAY - officials") == (None, None)
    assert split_caption("Flags | Yonhap via The Korea Herald/Asia News Network)") == (
        "Flags", "Yonhap via The Korea Herald/Asia News Network")
