"""Issue 14: the URL's day over a UTC publication time on the next day (dates.url_local_day, read in
extract.apply_meta): the newsroom writes its own day into the URL, its metadata the UTC time."""
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
