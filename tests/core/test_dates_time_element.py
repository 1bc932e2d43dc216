"""Issue 14: `<time datetime>` elements as dated candidates (html._time_dates, extract.apply_meta): read in
the one parse and walk, ranked under the metadata and above htmldate, comment stamps and related-story
cards left out, the update kept apart from the publication."""
import pytest

from copydesk.core import html as H
from copydesk.core.pipeline import process_bytes
from copydesk.core.records import FIELD_SOURCES

PROSE = ("The town council voted on Tuesday to rebuild the old footbridge over the river, ending two years "
         "of argument about whether the crossing should be repaired or replaced with a wider one. ")


def _page(header: str, head: str = "", after: str = "") -> str:
    paragraphs = "".join(f"<p>{PROSE * 2}Paragraph {i} adds its own details about the plans.</p>" for i in range(6))
    return (f"<html><head><title>Council votes to rebuild footbridge</title>{head}</head><body>"
            "<nav><a href='/'>Home</a> <a href='/news'>News</a></nav>"
            f"<article><h1>Council votes to rebuild footbridge</h1>{header}"
            f"<div class='article-body'>{paragraphs}</div></article>{after}</body></html>")


COMMENTS = ("<section class='comments'><h2>Comments</h2><div class='comment'><p>Resident</p>"
            "<time datetime='2023-02-01T09:00:00Z'>1 Feb</time><p>About time they fixed it.</p></div></section>")
RELATED = ("<aside class='related'><h2>Related stories</h2><ul><li><a href='/a'>Bridge closed for repairs"
           "</a> <time datetime='2022-11-05'>5 Nov</time></li></ul></aside>")


@pytest.fixture
def no_htmldate(monkeypatch):
    import htmldate

    def refuse(*a, **k):
        raise AssertionError("htmldate ran although a <time> element dated the page")
    monkeypatch.setattr(htmldate, "find_date", refuse)


def _art(html: str):
    return process_bytes(html.encode(), "t", "html", url="https://example.org/news/footbridge-vote")


def test_first_time_element_dates_the_page_before_htmldate(no_htmldate):
    art = _art(_page("<p class='meta'>By Ann Lee <time datetime='2024-03-05T08:30:00+01:00'>5 March</time></p>"))
    assert (art.published, art.published_source) == ("2024-03-05T08:30:00+01:00", "time")
    assert "time" in FIELD_SOURCES["published_source"]


def test_metadata_date_outranks_the_time_element():
    head = "<meta property='article:published_time' content='2024-03-04T10:00:00Z'>"
    art = _art(_page("<p>By Ann Lee <time datetime='2024-03-09'>9 March</time></p>", head))
    assert (art.published[:10], art.published_source) == ("2024-03-04", "meta")


def test_comment_and_related_card_stamps_are_not_the_page_date():
    page = _page("<p>By Ann Lee</p>", after=COMMENTS + RELATED)
    assert H.parse_page(page).meta.get("time_published") is None
    dated = _page("<p>By Ann Lee</p><time datetime='2024-03-05'>5 March</time>", after=COMMENTS + RELATED)
    assert H.parse_page(dated).meta["time_published"] == "2024-03-05"


def test_update_is_kept_apart_from_the_publication(no_htmldate):
    header = ("<p>Updated <time datetime='2024-03-08T12:00:00Z'>8 March</time></p>"
              "<p class='byline'>By Ann Lee, <time class='published' datetime='2024-03-05'>5 March</time></p>")
    art = _art(_page(header))
    assert (art.published, art.published_source) == ("2024-03-05", "time")
    assert art.modified.startswith("2024-03-08T12:00")
    meta = H.parse_page(_page("<p>By Ann Lee <time class='updated' datetime='2024-03-08'>8 March</time></p>")).meta
    assert (meta["time_published"], meta["time_modified"]) == (None, "2024-03-08")


def test_a_stamp_classed_both_published_and_updated_is_the_publication():
    meta = H.parse_page(_page("<p><time class='entry-date published updated' datetime='2024-03-05'>"
                              "5 March</time></p>")).meta
    assert (meta["time_published"], meta["time_modified"]) == ("2024-03-05", None)


def test_no_time_after_the_fetch_day():
    html = _page("<p>By Ann Lee <time datetime='2030-01-01'>1 Jan</time></p>")
    art = process_bytes(html.encode(), "t", "html", url="https://example.org/news/footbridge-vote",
                        fetched_at="2026-01-01T00:00:00Z")
    assert art.published_source != "time"
