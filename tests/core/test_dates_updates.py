"""Issue 14, dates: the URL's day with the month as a word, a comment thread's first date under the body,
and a page that shows only its update ("text_update": kept in text mode, not taken for the publication in
HTML when no metadata states a date, and htmldate's answer refused when it is that shown update)."""
from copydesk.core import dates as D
from copydesk.core.extract import _far_date_line, apply_meta, basic_fields, date_in_url
from copydesk.core.records import FIELD_SOURCES, Article
from helpers import labelled_lines as _lines

BODY = "A first paragraph of the story, long enough to be the body of the page. " * 3


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


def test_only_an_update_shown_is_said_as_such():
    assert "text_update" in FIELD_SOURCES["published_source"]
    f = basic_fields(_shown_update_lines(), [BODY])
    assert (f["published"], f["published_source"], f["modified"]) == ("2026-01-16", "text_update", None)
    lines = _lines(("Ten Houseplants That Like The Shade", "headline"),
                   ("Published May 2, 2024 | Updated January 16, 2026", "timestamp"), (BODY, "body"))
    f = basic_fields(lines, [BODY])
    assert (f["published"], f["published_source"], f["modified"]) == ("2024-05-02", "text_line", "2026-01-16")


def _html_article(meta):
    art = Article("a", "a.html", "0", "html", lines=_shown_update_lines())
    for k, v in basic_fields(art.lines, [BODY]).items():
        setattr(art, k, v)
    apply_meta(art, meta)
    return art


def test_shown_update_without_metadata_dates_is_no_publication_in_html():
    art = _html_article({"og:title": "Ten Houseplants That Like The Shade"})
    assert art.published is None and art.published_source is None
    # the metadata states the same modification: the page is dated that way, the day stays
    art = _html_article({"article:modified_time": "2026-01-16T09:00:00+00:00"})
    assert (art.published, art.published_source) == ("2026-01-16", "text_update")
    # a stated publication outranks the shown update
    art = _html_article({"article:published_time": "2024-05-02T08:00:00+00:00"})
    assert (art.published[:10], art.published_source) == ("2024-05-02", "meta")


def test_htmldate_answer_that_is_the_shown_update_is_refused():
    html = ('<html><head><title>x</title></head><body><h1>Ten Houseplants</h1><div>Updated '
            '<time datetime="2026-01-16T00:00:35-05:00">January 16, 2026</time></div><p>%s</p></body></html>' % BODY)
    assert "2026-01-16" in D.stated_update_days(html)
    assert D.fallback_date(html, "https://example.org/plants/shade", None) == (None, None)
    dated = html.replace("Updated ", "")
    assert D.fallback_date(dated, "https://example.org/plants/shade", None) == ("2026-01-16", "htmldate")


def test_capitals_and_last_modified_split_a_date_line():
    from copydesk.core.extract import dates_in_line
    assert dates_in_line("PUBLISHED: 10:48, Tue, Nov 19, 2019 | UPDATED: 11:05, Tue, Nov 19, 2019") == [
        (False, "2019-11-19T10:48:00"), (True, "2019-11-19T11:05:00")]
    assert dates_in_line("Mon 18 Nov 2019 18.54 GMT Last modified on Mon 18 Nov 2019 18.56 GMT") == [
        (False, "2019-11-18T18:54:00+00:00"), (True, "2019-11-18T18:56:00+00:00")]
    assert dates_in_line("UPDATED: Tue., Nov. 19, 2019") == [(True, "2019-11-19")]


def test_stacked_bare_dates_give_the_earlier_as_publication():
    lines = _lines(("2025 Renovation Trends And Why They Matter", "headline"), ("By the Editorial Team", "byline"),
                   ("Design Style", "navigation"), ("Share", "navigation"), ("8/1/2025", "timestamp"),
                   ("8/27/2025", "timestamp"), (BODY, "body"))
    f = basic_fields(lines, [BODY], url="https://example.com/blog/renovation-trends")
    assert (f["published"], f["modified"]) == ("2025-08-01", "2025-08-27")
    # a date line that says more than the date (a teaser, a list entry) is not stacked with it
    lines = _lines(("2025 Renovation Trends And Why They Matter", "headline"), ("By the Editorial Team", "byline"),
                   ("Design Style", "navigation"), ("Share", "navigation"),
                   ("Read next: kitchen colours we loved in 2025, from 7/30/2025", "timestamp"),
                   ("8/27/2025", "timestamp"), (BODY, "body"))
    f = basic_fields(lines, [BODY], url="https://example.com/blog/renovation-trends")
    assert f["published"] == "2025-08-27"
