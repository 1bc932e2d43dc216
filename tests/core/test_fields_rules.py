"""Issue 14, second round: the date line under the located headline, glued dates, numeric dates read by the
page, htmldate's gate and its update check, and the byline fixes (month words in names, the label's
separator, Latin Extended-A letters, dotted separators, 'Written by' without a colon)."""
from copydesk.core import authors as A
from copydesk.core import dates as D
from copydesk.core.extract import (authors_from_byline, basic_fields, headline_index, page_month_first,
                                   parse_date, person_name, text_authors, text_dates)
from helpers import labelled_lines as _lines


def test_date_under_the_headline_wins_whatever_its_label():
    # the header is long (menus), the date line sits right under the headline, labelled a menu entry (a
    # related link's short date line above the body is read without the headline too: test_dates_more)
    rows = [("Menu item", "navigation")] * 3 + [("How We Tested Forty Kettles This Year", "headline"),
                                                ("Posted on July 1, 2024 by infuy", "navigation")]
    rows += [("Menu item", "navigation")] * 20 + [("A first paragraph of the story, long enough. " * 3, "body")]
    lines = _lines(*rows)
    fb = len(rows) - 1
    head = headline_index(lines, "How We Tested Forty Kettles This Year", fb)
    assert head == 3
    assert text_dates(lines, fb) == (None, None)  # the window above the body holds no date
    assert text_dates(lines, fb, head)[0] == "2024-07-01"


def test_headline_date_line_skips_captions_and_sentences():
    lines = _lines(("A Headline For The Test Page", "headline"),
                   ("Photo taken on May 3, 2021 by a photographer", "image_caption"),
                   ("Body text " * 5, "body"))
    assert text_dates(lines, 2, 0) == (None, None)


def test_year_glued_to_the_next_date():
    assert parse_date("Posted on June 29, 2020November 12, 2021") == "2020-06-29"
    assert parse_date("Nov 20 20194:29 AM EST").startswith("2019-11-20T04:29")


def test_numeric_dates_read_by_the_page():
    body = ["The plan is to go to the market and buy some of the things that we need for the week."]
    lines = _lines(("Updated 03/04/2025", "timestamp"), ("x", "body"))
    assert page_month_first(lines, body, "https://example.com/a-b-c")  # English on .com: month first
    assert not page_month_first(lines, body, "https://example.co.uk/a-b-c")  # day-first country
    assert not page_month_first(lines, ["Der Plan ist, auf den Markt zu gehen und einzukaufen."],
                                "https://example.com/a-b-c")  # not English: day first
    # the page's unambiguous numeric dates decide
    lines2 = _lines(("03/04/2025", "timestamp"), ("Comment posted 25/03/2025", "other_boilerplate"))
    assert not page_month_first(lines2, body, "https://example.com/a-b-c")
    lines3 = _lines(("03/04/2025", "timestamp"), ("Comment posted 03/25/2025", "other_boilerplate"))
    assert page_month_first(lines3, body, "https://example.co.uk/a-b-c")
    assert parse_date("03/04/2025", month_first=True) == "2025-03-04"
    assert parse_date("03/04/2025") == "2025-04-03"
    assert parse_date("03.04.2025", month_first=True) == "2025-04-03"  # dotted dates: day first always


def test_basic_fields_reads_a_us_numeric_date_month_first():
    lines = _lines(("Ten Things To Know About Smart Homes", "headline"), ("3/4/2025", "timestamp"),
                   ("The plan is to go to the market and buy some of the things that we need for the week.",
                    "body"))
    f = basic_fields(lines, [lines[2].text], url="https://example.com/ten-things-smart-homes")
    assert f["published"] == "2025-03-04"


def test_htmldate_gate():
    assert not D.worth_dating("<html></html>", "https://example.com/")
    assert not D.worth_dating('<meta property="og:type" content="product">', "https://example.com/p/shoe")
    assert D.worth_dating('<meta property="og:type" content="article">', "https://example.com/a/story")
    assert D.worth_dating("<html></html>", None)
    html = ('<html><head><meta property="article:modified_time" content="2024-03-19T14:01:40+00:00">'
            '</head><body><p>x</p></body></html>')
    assert "2024-03-19" in D.stated_update_days(html)
    # htmldate's only date is the page's stated update: not a publication date
    assert D.fallback_date(html, "https://example.com/a/story", None) == (None, None)


def test_month_words_in_names():
    assert person_name("Tom May") == "Tom May"
    assert person_name("Alyssa Maio") == "Alyssa Maio"
    assert authors_from_byline("Kathryn Giuffrida Mar 5, 2025") == ["Kathryn Giuffrida"]
    assert authors_from_byline("By Jane Doe November 19, 2019") == ["Jane Doe"]


def test_byline_label_needs_a_separator():
    assert person_name("Parisa Ostovari") == "Parisa Ostovari"
    assert person_name("Byron Smith") == "Byron Smith"
    assert authors_from_byline("ByJane Doe") == ["Jane Doe"]
    assert authors_from_byline("Par Jean Dupont") == ["Jean Dupont"]
    assert authors_from_byline("Text by Hunter Dukes") == ["Hunter Dukes"]


def test_names_with_extended_latin_letters():
    for n in ("Josef Průša", "Kamil Chodoła", "Łukasz Nowak", "Hans Strauß"):
        assert person_name(n) == n


def test_dotted_separators_and_honorifics():
    assert authors_from_byline("By Jane Doe ⋅ Review Editor ⋅ Updated November 18, 2025") == ["Jane Doe"]
    assert authors_from_byline("By Jane Doe • March 12, 2025") == ["Jane Doe"]
    assert person_name("Dr. Jane Doe") == "Dr. Jane Doe"


def test_written_by_without_its_own_label():
    lines = _lines(("A Headline For The Test Page", "headline"), ("Written by Meghan Neville", "other_boilerplate"),
                   ("Body text of the article, long enough to count as a paragraph here.", "body"))
    assert text_authors(lines)[0] == ["Meghan Neville"]


def test_cxense_author_meta():
    assert ("Jane Doe", "meta") in A.author_values({"cxenseparse:author": "Jane Doe"}, [])


def test_signature_under_the_article():
    body = "The body of the article, long enough to count as a paragraph in this test."
    lines = _lines(("A Headline For The Test Page", "headline"), (body, "body"), (body, "body"),
                   ("By: Ray Ansari", "other_boilerplate"), ("Share this", "share"))
    assert text_authors(lines)[0] == ["Ray Ansari"]
    # several "by ..." lines under the body are related stories' cards, not a signature
    cards = _lines(("A Headline For The Test Page", "headline"), (body, "body"), ("Related", "widget_heading"),
                   ("by Daniel Stock", "byline"), ("Another story", "other_boilerplate"), ("by Jane Roe", "byline"))
    assert text_authors(cards)[0] == []


def test_em_dash_glued_to_a_byline():
    assert authors_from_byline("by Jacob Trussell—10 min read") == ["Jacob Trussell"]


def test_save_stamp_gives_way_to_an_earlier_date_line():
    # published == modified: the CMS's last save; the page prints the original day, months before
    assert D.rank("2025-11-05", "json-ld", "2024-01-31", "2025-11-05") == ("2024-01-31", "text_line")
    # one day apart is a clock or a zone, not another edition: the metadata stays
    assert D.rank("2019-11-20T05:14:35+00:00", "json-ld", "2019-11-19T23:21:00-06:00",
                  "2019-11-20T05:14:35+00:00") == ("2019-11-20T05:14:35+00:00", "json-ld")
    # a later modification: the shown date may be the update; the metadata's publication stays
    assert D.rank("2024-02-01", "json-ld", "2023-01-01", "2025-04-19") == ("2024-02-01", "json-ld")
