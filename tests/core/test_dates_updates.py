"""Issue 14, dates: the URL's day with the month as a word, a comment thread's first date under the body,
and a page that shows only its update ("text_update": kept in text mode, not taken for the publication in
HTML when no metadata states a date, and htmldate's answer refused when it is that shown update)."""
from copydesk.core import dates as D
from copydesk.core.extract import _far_date_line, apply_meta, basic_fields, date_in_url
from copydesk.core.records import FIELD_SOURCES, Article, LabelledLine

BODY = "A first paragraph of the story, long enough to be the body of the page. " * 3


def _lines(*rows):
    return [LabelledLine(i + 1, t, lab, "test") for i, (t, lab) in enumerate(rows)]


def test_url_day_with_month_word():
    assert date_in_url("https://example.org/books/2025/dec/05/best-novels") == "2025-12-05"
    assert date_in_url("https://example.org/blog/2023/october/03/wine-types/") == "2023-10-03"
    assert date_in_url("https://example.org/2019/11/18/slug") == "2019-11-18"
    assert date_in_url("https://example.org/2019/feb/30/slug") is None  # no such day
    assert date_in_url("https://example.org/2019/guides/18/slug") is None  # not a month


def test_url_month_word_outranks_a_numeric_line_read_the_other_way():
    # "03/10/2023" on an English page of a .com domain reads month first; the URL says 3 October
    lines = _lines(("How Many Wine Types And Styles Are There", "headline"), ("03/10/2023", "timestamp"),
                   (BODY, "body"))
    f = basic_fields(lines, [BODY], url="https://example.com/blog/2023/october/03/how-many-wine-types/")
    assert f["published"] == "2023-10-03"


def test_far_date_under_the_body_is_no_comment_threads_first_date():
    rows = [("Menu", "navigation"), (BODY, "body"), ("March 11, 2024", "timestamp")]
    assert _far_date_line(_lines(*rows)) == "2024-03-11"
    thread = rows + [("%s 2, 2024" % m, "timestamp") for m in ("April", "May", "June")]
    assert _far_date_line(_lines(*thread)) is None  # four days under the body: a thread
    assert _far_date_line(_lines(*thread[:-1])) == "2024-03-11"  # three: still the article's


def _shown_update_lines():
    return _lines(("Ten Houseplants That Like The Shade", "headline"), ("Updated January 16, 2026", "timestamp"),
                  (BODY, "body"))


def _html_article(meta):
    art = Article("a", "a.html", "0", "html", lines=_shown_update_lines())
    for k, v in basic_fields(art.lines, [BODY]).items():
        setattr(art, k, v)
    apply_meta(art, meta)
    return art
