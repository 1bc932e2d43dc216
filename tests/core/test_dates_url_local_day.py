"""Issue 14: the URL's day over a UTC publication time on the next day (dates.url_local_day, read in
extract.apply_meta): the newsroom writes its own day into the URL, its metadata the UTC time. And
htmldate's answer on an update day the page also states as its publication (dates.stated_update_days)."""
from copydesk.core import dates
from copydesk.core.pipeline import process_bytes

PROSE = ("The town council voted on Tuesday to rebuild the old footbridge over the river, ending two years "
         "of argument about whether the crossing should be repaired or replaced with a wider one. ")


def _art(published: str, url: str):
    paragraphs = "".join(f"<p>{PROSE * 2}Paragraph {i} adds its own details about the plans.</p>" for i in range(6))
    html = ("<html><head><title>Council votes to rebuild footbridge</title>"
            f"<meta property='article:published_time' content='{published}'></head><body>"
            "<article><h1>Council votes to rebuild footbridge</h1><p class='byline'>By Jane Doe</p>"
            f"<div class='article-body'>{paragraphs}</div></article></body></html>")
    return process_bytes(html.encode(), "t", "html", url=url)


def test_url_day_before_a_utc_time_is_the_publication():
    assert dates.url_local_day("2019-11-19T02:34:30+00:00", "2019-11-18") == "2019-11-18"
    art = _art("2019-11-19T02:34:30Z", "https://example.com/2019/11/18/council-footbridge/")
    assert (art.published[:10], art.published_source) == ("2019-11-18", "url")


def test_other_zones_and_other_gaps_keep_the_metadata():
    assert dates.url_local_day("2019-11-19T02:34:30-05:00", "2019-11-18") is None  # a local time: its own day
    assert dates.url_local_day("2019-11-19T02:34:30", "2019-11-18") is None        # no zone stated
    assert dates.url_local_day("2019-11-20T02:34:30+00:00", "2019-11-18") is None  # two days: another date
    assert dates.url_local_day("2019-11-18T02:34:30+00:00", "2019-11-19") is None  # the URL after the time
    assert dates.url_local_day("2019-11-19T02:34:30+00:00", None) is None
    art = _art("2019-11-19T02:34:30+01:00", "https://example.com/2019/11/18/council-footbridge/")
    assert (art.published, art.published_source) == ("2019-11-19T02:34:30+01:00", "meta")
    art = _art("2019-11-19T02:34:30Z", "https://example.com/news/council-footbridge/")
    assert (art.published[:10], art.published_source) == ("2019-11-19", "meta")


# htmldate's answer on the day of the page's update stamp is refused, unless the page states that day as its
# publication too (dates.stated_update_days): a story updated on the day it was published.
def _dateline(published_class: str) -> str:
    return ("<html><head><title>Council votes</title></head><body><article><h1>Council votes</h1>"
            f"<p class='dateline'><time {published_class}datetime='2024-03-05T08:00:00Z'>Posted 8:00</time> "
            "<time class='updated' datetime='2024-03-05T15:00:00Z'>Updated 15:00</time></p>"
            "<p>The council voted on Tuesday.</p></article></body></html>")


def test_update_day_also_stated_as_publication_is_kept():
    from copydesk.core import dates
    html = _dateline("class='published' ")
    assert dates.stated_update_days(html) == set()
    assert dates.fallback_date(html, "https://example.com/news/council-vote", None) == ("2024-03-05", "htmldate")


def test_update_day_alone_is_still_refused():
    from copydesk.core import dates
    html = _dateline("")
    assert dates.stated_update_days(html) == {"2024-03-05"}
    assert dates.fallback_date(html, "https://example.com/news/council-vote", None) == (None, None)
