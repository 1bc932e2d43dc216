"""Issue 14, dates: more of the places a page states its publication date (meta keys of the CMS, analytics
and citation kinds, compact year-first values), and more shapes of visible date lines."""
from copydesk.core import dates as D
from copydesk.core.extract import apply_meta, basic_fields
from copydesk.core.records import Article
from helpers import labelled_lines as _lines

BODY = "A first paragraph of the story, long enough to be the body of the page. " * 3


def _html(meta, rows=(("A Headline About Garden Ponds", "headline"), (BODY, "body"))):
    art = Article("a", "a.html", "0", "html", lines=_lines(*rows))
    for k, v in basic_fields(art.lines, [BODY]).items():
        setattr(art, k, v)
    apply_meta(art, meta)
    return art


def test_more_published_meta_keys():
    for key, value in (("og:published_time", "2024-10-08T00:00:00-04:00"), ("citation_publication_date", "2019/1/22"),
                       ("published-date", "2021-02-16"), ("w-published-date", "2025-05-27T06:03:43.274Z"),
                       ("published", "July 17, 2025"), ("ms.date", "2025-03-06T00:00:00Z")):
        art = _html({key: value})
        assert art.published_source == "meta" and art.published[:4] in value, key
        assert D.has_meta_date({key: value})
    # a specific publication key is believed before the generic "date" a template may fill with another day
    art = _html({"date": "01/07/16", "og:published_time": "2024-10-08T00:00:00-04:00"})
    assert art.published[:10] == "2024-10-08"
    # update keys are no publication
    assert _html({"modified-date": "2024-07-30"}).published is None


def test_compact_year_first_meta_values():
    assert D.year_month_day("20200320") == "2020-03-20"
    assert D.year_month_day("2025 09 09") == "2025-09-09"
    assert D.year_month_day("2023 Jan 7") == "2023-01-07"
    assert D.year_month_day("20201340") is None  # no 13th month
    assert D.year_month_day("202003201") is None  # nine digits: an id, not a day
    assert D.year_month_day("2025 Foo 3") is None
    assert _html({"awa-publisheddate": "20200320"}).published == "2020-03-20"
    assert _html({"citation_publication_date": "2024 Jun 30"}).published == "2024-06-30"


def test_a_meta_value_without_a_year_states_no_date():
    # (then htmldate may still look)
    assert not D.has_meta_date({"publish_time": "17:00"})
    assert not D.has_meta_date({"published": "true"})


def test_date_as_one_field_of_a_meta_row():
    from copydesk.core.extract import _far_date_line, meta_line_date
    assert meta_line_date("by Jane Doe | Mar 11, 2023 | All About Brakes and Brake Repair, Learn More | 0 comments") \
        == "2023-03-11"
    assert meta_line_date("Monday, August 11th, 2025 at 11:00 am | Categories: Pumps, Valves, Fittings |")[:10] \
        == "2025-08-11"
    assert meta_line_date("Jane Doe • 12 March 2024 • 4 min read and a few more words here") == "2024-03-12"
    # the field names an update: not the publication
    assert meta_line_date("Posted by Jane Doe | Updated March 3, 2024 | 4 min read") is None
    # a date inside a long field is a sentence, not a field of its own
    assert meta_line_date("Home | The council met on March 3, 2024 and voted to close the old bridge | News") is None
    rows = [("Menu", "navigation"), ("by Jane Doe | Mar 11, 2023 | All About Brakes and Brake Repair | 0 comments",
                                     "other_boilerplate"), (BODY, "body")]
    assert _far_date_line(_lines(*rows)) == "2023-03-11"


def test_date_opening_a_longer_line():
    from copydesk.core.extract import _far_date_line, meta_line_date
    assert meta_line_date("February 4 2026 - Average reading time: 12 min and more") == "2026-02-04"
    assert meta_line_date("March 3, 2024 — The city council voted to close the old bridge") == "2024-03-03"
    # prose about an event: the date is inside the sentence
    assert meta_line_date("On March 3, 2024 - the council voted to close the old bridge for good") is None
    assert meta_line_date("The council met on March 3, 2024 and voted to close the old bridge for good") is None
    rows = [("Menu", "navigation"), ("February 4 2026 - Average reading time: 12 min", "other_boilerplate"),
            (BODY, "body")]
    assert _far_date_line(_lines(*rows)) == "2026-02-04"
    # under the body, a long line is a teaser or a comment: not read
    rows = [("Menu", "navigation"), (BODY, "body"), ("February 4 2026 - Average reading time: 12 min", "timestamp")]
    assert _far_date_line(_lines(*rows)) is None


def test_far_date_in_the_header_under_a_widget_heading():
    from copydesk.core.extract import _far_date_line
    rows = [("Menu", "navigation"), ("MARKETING, WEBSITES", "widget_heading"), ("Jane Doe | May 22, 2025", "related_link"),
            (BODY, "body")]
    assert _far_date_line(_lines(*rows)) == "2025-05-22"
    # below the first body line a related link's date is another story's
    rows = [("Menu", "navigation"), (BODY, "body"), ("Jane Doe | May 22, 2025", "related_link"), (BODY, "body")]
    assert _far_date_line(_lines(*rows)) is None
