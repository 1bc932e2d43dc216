"""Issue 14 field rules: dates (month spellings, ranking, the fetch-time cap, htmldate's place), authors
from metadata shapes, the URL-slug headline, the <h1> title and the provenance values."""
from copydesk.core import authors as A
from copydesk.core import dates as D
from copydesk.core.extract import (authors_from_byline, html_title, parse_date, slug_title, text_authors,
                                   url_slug_words)
from copydesk.core.records import ARTICLE_COLUMNS, FIELD_SOURCES, LabelledLine


def _lines(*rows):
    return [LabelledLine(i + 1, t, lab, "test") for i, (t, lab) in enumerate(rows)]


def test_german_italian_french_month_forms():
    assert parse_date("3. Okt. 2023") == "2023-10-03"
    assert parse_date("12. Dez 2022, 14:30 Uhr") == "2022-12-12T14:30:00"
    assert parse_date("1. Jänner 2020") == "2020-01-01"
    assert parse_date("12 dicembre 2019") == "2019-12-12"
    assert parse_date("3 déc. 2021") == "2021-12-03"


def test_no_date_after_the_fetch_day():
    assert D.not_after("2026-03-01T10:00:00", "2026-02-27T00:00:00Z") is None
    assert D.not_after("2026-02-27", "2026-02-27T08:00:00Z") == "2026-02-27"
    assert D.not_after("2026-02-27", None) == "2026-02-27"


def test_metadata_date_outranks_the_text_line():
    assert D.rank("2024-01-02", "json-ld", "2024-01-05") == ("2024-01-02", "json-ld")
    assert D.rank(None, None, "2024-01-05") == ("2024-01-05", "text_line")
    assert D.rank(None, None, None) == (None, None)


def test_htmldate_runs_only_without_a_stated_date():
    assert D.has_meta_date({"article:published_time": "2024-01-02"})
    assert D.has_meta_date({"jsonld": [{"datePublished": "2024-01-02"}]})
    assert not D.has_meta_date({"jsonld": [{"dateModified": "2024-01-02"}]})
    html = '<html><head><meta name="date" content="2021-05-04"></head><body><p>x</p></body></html>'
    assert D.fallback_date(html, None, None) == ("2021-05-04", "htmldate")
    assert D.fallback_date(html, None, "2021-05-01T00:00:00Z") == (None, None)  # after the fetch


def test_jsonld_author_reference_is_resolved():
    meta = {"jsonld_people": {"#p1": {"@type": "Person", "@id": "#p1", "name": "Jane Doe"}}}
    vals = A.author_values(meta, [{"author": {"@id": "#p1"}}])
    assert vals[0][1] == "json-ld" and vals[0][0] == [{"@type": "Person", "@id": "#p1", "name": "Jane Doe"}]


def test_written_by_meta_pair_and_lower_case_names():
    meta = {"twitter:label1": "Written by", "twitter:data1": "Jane Doe"}
    assert A.author_values(meta, []) == [("Jane Doe", "meta")]
    assert A.plain_name("jane doe", {"team"}) == "jane doe"
    assert A.plain_name("editorial team", {"team", "editorial"}) is None
    assert A.plain_name({"@type": "Organization", "name": "acme corp"}, set()) is None


def test_labelled_bylines():
    assert authors_from_byline("Written by: Jane Doe") == ["Jane Doe"]
    assert authors_from_byline("Text: Anna Muster") == ["Anna Muster"]
    assert authors_from_byline("di Mario Rossi") == ["Mario Rossi"]


def test_byline_label_alone_and_author_box():
    lines = _lines(("A headline about something new", "headline"), ("Written by", "navigation"),
                   ("Jane Doe", "navigation"), ("The first paragraph of the story is here.", "body"),
                   ("Jane Doe is a reporter who covers science and the people who do it.", "other_boilerplate"))
    assert text_authors(lines)[0] == ["Jane Doe"]
    box = _lines(("Jane Doe", "navigation"), ("The first paragraph of the story is here.", "body"),
                 ("Jane Doe is a reporter who covers science and the people who do it.", "other_boilerplate"))
    assert text_authors(box)[0] == ["Jane Doe"]
    # the site describing itself is no author
    site = _lines(("Acme Widgets", "navigation"), ("The first paragraph of the story is here.", "body"),
                  ("Acme Widgets is a company that makes the finest widgets in the land.", "other_boilerplate"))
    assert text_authors(site, domain="acmewidgets.com")[0] == []


def test_slug_locates_the_headline():
    url = "https://example.org/2025/09/04/top-nutrition-trends-for-fall-2025/"
    assert url_slug_words(url) == {"top", "nutrition", "trends", "for", "fall", "2025"}
    lines = _lines(("Home » Top Nutrition Trends for Fall 2025", "navigation"),
                   ("Top Nutrition Trends for Fall 2025", "other_boilerplate"),
                   ("Andrew Example", "navigation"), ("The first paragraph of the story is here.", "body"))
    assert slug_title(lines, url, 3) == "Top Nutrition Trends for Fall 2025"
    assert slug_title(lines, "https://example.org/about/", 3) is None


def test_h1_title_when_the_stated_titles_agree():
    meta = {"title": "Ten Ways to Cook Rice | Food Site", "og:title": "Ten Ways to Cook Rice Well",
            "h1": ["Food Site", "Ten Ways to Cook Rice at Home"]}
    assert html_title(meta, [], "Food Site") == ("Ten Ways to Cook Rice at Home", "headline")
    meta = {"title": "Ten Ways to Cook Rice | Food Site", "h1": ["Subscribe to our newsletter today"]}
    assert html_title(meta, [], "Food Site") == ("Ten Ways to Cook Rice", "meta")


def test_provenance_columns_at_the_end():
    # schema v4's provenance columns come after every v3 column (with v4's page-type pair): additive
    cols = [c for c, _ in ARTICLE_COLUMNS]
    v4 = cols[cols.index("fetched_at") + 1:]
    assert v4[:2] == ["title_source", "authors_source"] and set(v4) == {"title_source", "authors_source",
                                                                        "page_type", "page_type_reason"}
    assert set(FIELD_SOURCES) == {"title_source", "authors_source", "published_source"}
