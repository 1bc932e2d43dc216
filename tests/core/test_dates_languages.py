"""Issue 14, dates (third round): other languages' month names and date shapes, their publication and update
words, the rarer metadata keys, a signature's glued date under the article, the header's related-link date
line before a dated list in the body."""
import pytest

from copydesk.core import dates as D
from copydesk.core.extract import (apply_meta, authors_from_byline, basic_fields, dates_in_line, parse_date,
                                   text_dates)
from copydesk.core.records import Article
from helpers import labelled_lines as _lines

BODY = "A first paragraph of the story, long enough to be the body of the page. " * 3


@pytest.mark.parametrize("text, day", [
    ("3. Feber 2021", "2021-02-03"),             # Austrian
    ("12.März 2021, 14:30 Uhr", "2021-03-12"),   # a dot glued to the month word
    ("12. 3. 2021", "2021-03-12"),               # dotted, spaced
    ("Stand: 5. 11. 2021, 10:15 Uhr", "2021-11-05"),
    ("1er mars 2021", "2021-03-01"),             # French first of the month
    ("12 aout 2021", "2021-08-12"),              # French without accents
    ("12 de setiembre de 2021", "2021-09-12"),
    ("12 gen 2021", "2021-01-12"),               # Italian abbreviation
    ("12 maj 2021", "2021-05-12"),               # Swedish, Danish
    ("12. marts 2021", "2021-03-12"),
    ("15 września 2021", "2021-09-15"),          # Polish genitive
    ("5 października 2021 r.", "2021-10-05"),    # twelve letters
    ("15. října 2021", "2021-10-15"),            # Czech genitive
    ("12 Şubat 2021", "2021-02-12"),             # Turkish
    ("12 ARALIK 2021", "2021-12-12"),            # Turkish in capitals (dotless i lowered)
    ("12. tammikuuta 2021", "2021-01-12"),       # Finnish partitive
    ("3 березня 2021", "2021-03-03"),            # Ukrainian genitive
    ("2021년 3월 12일 10:30", "2021-03-12"),      # Korean, year first
])
def test_day_first_month_names(text, day):
    assert (parse_date(text) or "")[:10] == day


@pytest.mark.parametrize("text", ["25.Jun.2019", "Kapitel 1. 2. 3", "12 items 2021", "Maja 12 2021"])
def test_shapes_still_unread(text):
    # dotted through (tried before: a preprint's first date), a list's numbering, a word that is no month,
    # a day-first month name in the month-first shape
    assert parse_date(text) is None


def test_first_names_that_are_month_words_stay_names():
    # "Maja" is a Polish month's genitive, read only inside a day-first date, not cut from a byline
    assert authors_from_byline("Von Maja Schmidt") == ["Maja Schmidt"]


def test_publication_and_update_words():
    assert dates_in_line("Publiziert: 12.03.2021, 10:00 Uhr Aktualisiert: 13.03.2021, 11:00 Uhr") == [
        (False, "2021-03-12T10:00:00"), (True, "2021-03-13T11:00:00")]
    assert dates_in_line("Aktualizacja: 13 maja 2021") == [(True, "2021-05-13")]
    assert dates_in_line("Päivitetty 13. toukokuuta 2021") == [(True, "2021-05-13")]
    assert dates_in_line("Julkaistu 12. toukokuuta 2021, päivitetty myöhemmin") == [(False, "2021-05-12")]


def _html(meta):
    rows = (("A Headline About Garden Ponds", "headline"), (BODY, "body"))
    art = Article("a", "a.html", "0", "html", lines=_lines(*rows))
    for k, v in basic_fields(art.lines, [BODY]).items():
        setattr(art, k, v)
    apply_meta(art, meta)
    return art


@pytest.mark.parametrize("key", D.MORE_PUBLISHED_META)
def test_rarer_publication_keys(key):
    meta = {key: "2021-03-12T10:00:00+01:00"}
    assert D.has_meta_date(meta)
    art = _html(meta)
    assert art.published[:10] == "2021-03-12" and art.published_source == "meta"


def test_generic_date_key_comes_after_the_rarer_ones():
    art = _html({"date": "2024-01-01", "dcterms.date": "2021-03-12"})
    assert art.published == "2021-03-12"


def _text_date(rows):
    f = basic_fields(_lines(*rows), [r[0] for r in rows if r[1] == "body"])
    return f["published"], f["published_source"]


def test_signature_glued_under_the_article():
    # (under the header window: the body runs on past HEADER_AFTER lines)
    rows = [("Menu", "navigation"), ("A Headline About Garden Ponds", "other_boilerplate")] + [(BODY, "body")] * 6
    rows += [("Jane DoeAugust 5, 2024", "related_link"), ("Previous", "navigation")]
    assert _text_date(rows) == ("2024-08-05", "text_line")
    # a tag and a card's spaced name: another story's card, not read
    rows[-2] = ("GARDEN jane doe June 25, 2021 ponds, fish", "related_link")
    assert _text_date(rows) == (None, None)
    # too far under the article: a list or a comment thread
    rows[-2:-2] = [("Share", "share")] * 5
    rows[-2] = ("Jane DoeAugust 5, 2024", "related_link")
    assert _text_date(rows) == (None, None)


def test_header_related_link_date_before_a_dated_list_in_the_body():
    rows = [("Blog", "navigation"), ("December 17, 2025 • 8 minutes", "related_link"),
            ("Stop Nesting Things", "related_link")] + [("Menu item", "navigation")] * 20 + [
            (BODY, "body")] * 6 + [("Read more", "body"), ("November 25, 2025", "timestamp"),
            ("Another story", "body"), (BODY, "body")]
    assert text_dates(_lines(*rows))[0] == "2025-12-17"
    # labelled a menu entry, the header line is not read: the body's dated list is
    rows[1] = ("December 17, 2025 • 8 minutes", "navigation")
    assert text_dates(_lines(*rows))[0] == "2025-11-25"


def test_htmldate_answer_after_the_shown_update_is_refused():
    # a publication cannot come after the page's update: htmldate's day (here read off the URL) is
    # dropped when it is later than the modification the other sources read, kept when it is not
    pytest.importorskip("htmldate")
    from copydesk.core.dates import fallback_date
    html = "<html><head><title>A story</title></head><body><p>Some text of the story.</p></body></html>"
    url = "https://example.com/2024/05/06/a-story"
    assert fallback_date(html, url, None) == ("2024-05-06", "htmldate")
    assert fallback_date(html, url, None, "2024-06-01T10:00:00") == ("2024-05-06", "htmldate")
    assert fallback_date(html, url, None, "2024-05-01") == (None, None)
