"""Issue 14 field rules: dates (month spellings, ranking, the fetch-time cap, htmldate's place), authors
from metadata shapes, the URL-slug headline, the <h1> title and the provenance values."""
from copydesk.core import authors as A
from copydesk.core import dates as D
from copydesk.core.extract import (authors_from_byline, html_title, parse_date, slug_title, text_authors,
                                   url_slug_words)
from copydesk.core.records import ARTICLE_COLUMNS, FIELD_SOURCES
from helpers import labelled_lines as _lines


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


def test_an_h1_whose_characters_the_encoding_lost_gives_the_stated_title():
    meta = {"title": "Rice Basics: Beginner's Guide | Food Site", "og:title": "Rice Basics: Beginner's Guide",
            "h1": ["Rice Basics? Beginner? Guide"]}
    assert html_title(meta, [], "Food Site") == ("Rice Basics: Beginner's Guide", "headline")
    # a question is no lost character: the stated title without it does not match
    meta = {"title": "Is Rice Safe | Food Site", "h1": ["Is Rice Safe?"]}
    assert html_title(meta, [], "Food Site") == ("Is Rice Safe?", "headline")


def test_provenance_columns_at_the_end():
    # schema v4's provenance columns come after every v3 column (with v4's page-type pair): additive
    cols = [c for c, _ in ARTICLE_COLUMNS]
    v4 = cols[cols.index("fetched_at") + 1:]
    assert v4[:2] == ["title_source", "authors_source"] and set(v4) == {"title_source", "authors_source",
                                                                        "page_type", "page_type_reason"}
    assert set(FIELD_SOURCES) == {"title_source", "authors_source", "published_source"}


# --- fields3: markup authors, one-word names, the US hint, the site-prefixed <title> ------------------------

def _markup_meta(html: str) -> dict:
    from copydesk.core.html import parse_meta
    return parse_meta(html)


def test_markup_author_elements_are_collected_in_document_order():
    meta = _markup_meta('<html><body><div class="post-byline">By Jane Doe · 5 min read</div>'
                        '<a rel="author" href="/a/jd">Jane Doe</a>'
                        '<div itemprop="author" itemscope><span itemprop="name">Jane Doe</span></div>'
                        '<div class="comment-author">Troll Person</div></body></html>')
    kinds = [k for k, _ in meta["markup_authors"]]
    assert kinds == ["class", "rel", "itemprop"]  # the comment thread's author class is skipped
    assert meta["markup_authors"][2] == ("itemprop", "Jane Doe")  # the nested itemprop=name


def test_markup_authors_first_element_decides():
    from copydesk.core.extract import markup_authors
    assert markup_authors({"markup_authors": [("class", "By"), ("class", "By Jane Doe\nSenior Writer")]}) \
        == ["Jane Doe"]
    # an organisation in the first element: nobody, not the related card's name further down
    assert markup_authors({"markup_authors": [("class", "By Acme Staff"), ("class", "By John Roe")]}) == []
    # a name inside a sentence is not the element's byline
    assert markup_authors({"markup_authors": [("class", "This post was written by Jane Doe, Head of X")]}) == []
    # one-word names: under rel/itemprop or a byline label, never the domain's own name
    assert markup_authors({"markup_authors": [("rel", "Kristin")]}) == ["Kristin"]
    assert markup_authors({"markup_authors": [("class", "Written by Kristin")]}) == ["Kristin"]
    assert markup_authors({"markup_authors": [("class", "Kristin")]}) == []
    assert markup_authors({"markup_authors": [("class", "By Acme")]}, "acme.com") == []


def test_markup_authors_fill_in_only_where_nothing_else_names_one():
    from copydesk.core.pipeline import process_bytes
    html = ('<html><head><title>A headline here</title></head><body><h1>A headline here</h1>'
            '<span class="author-name">Jane Doe</span>'
            + "<p>" + "Some words of the article body that go on for a while. " * 8 + "</p></body></html>")
    a = process_bytes(html.encode(), "t", "html", url="https://example.com/news/a-headline-here")
    assert a.authors == ["Jane Doe"] and a.authors_source == "markup"


def test_one_word_author_only_after_a_label():
    from copydesk.core.extract import single_after_label
    assert single_after_label("Written by Kristin") == "Kristin"
    assert single_after_label("Posted By: Kiersten") == "Kiersten"
    assert single_after_label("Kristin") is None
    assert single_after_label("By Acme", "acme.com") is None
    assert A.typed_single_name({"@type": "Person", "name": "Regan"}) == "Regan"
    assert A.typed_single_name("Regan") is None and A.typed_single_name({"name": "Regan"}) is None


def test_glued_date_word_ends_the_byline():
    assert authors_from_byline("By Jane DoePublished: Dec 20, 2023") == ["Jane Doe"]
    assert authors_from_byline("Written By: Jane Doe Last Updated: August 1, 2025") == ["Jane Doe"]


def test_german_am_and_french_et_are_no_us_clock():
    assert parse_date("veröffentlicht am 2.12.2026 um 14:30 Uhr") == "2026-12-02T14:30:00"
    assert parse_date("Aktualisiert am 02.12.26, 10:00 Uhr") == "2026-12-02T10:00:00"
    assert parse_date("11/19/19 06:56 AM EST") == "2019-11-19T06:56:00-05:00"
    assert parse_date("05/06/2020 9 AM") == "2020-05-06"


def test_site_name_before_og_title():
    meta = {"title": "Jane's Blog: Advent of Code week 2", "og:title": "Advent of Code week 2",
            "h1": ["Jane's Blog", "Day 7"]}
    assert html_title(meta, [], None) == ("Advent of Code week 2", "meta")


def test_slug_keys_do_not_depend_on_set_order():
    # two slug words of the same length: the gate's pick is by spelling, so every run locates the same line
    assert slug_title(_lines(("Menu", "navigation"), ("Organic Pest Control for the Garden", "headline"),
                             ("Body text here.", "body")),
                      "https://x.com/podcast/organic-pest-control-for-vegetable-gardens/", 2) \
        == "Organic Pest Control for the Garden"


def test_person_typed_as_a_list():
    from copydesk.core.extract import authors_from_meta
    assert authors_from_meta([{"@type": ["Person"], "name": "Tony Carter"}]) == ["Tony Carter"]
    assert authors_from_meta({"@type": ["Organization"], "name": "Acme Corp"}) == []
    assert A.plain_name({"@type": ["Person"], "name": "jane doe"}, set()) == "jane doe"
