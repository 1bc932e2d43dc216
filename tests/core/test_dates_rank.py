"""Issue 14, dates in HTML: with no modification stated, a shown date days before the metadata's
publication is the original (the metadata's is a save stamp)."""
from copydesk.core import dates as D


def test_shown_date_before_a_publication_stated_alone_is_the_original():
    assert D.rank("2024-08-07T12:01:51+00:00", "meta", "2013-12-30") == ("2013-12-30", "text_line")
    # one day apart: the clock or the zone, the metadata stays
    assert D.rank("2025-12-19T02:41:41+00:00", "meta", "2025-12-18") == ("2025-12-19T02:41:41+00:00", "meta")
    # a shown date after the stated publication (an update) does not replace it
    assert D.rank("2024-01-02", "json-ld", "2024-03-05") == ("2024-01-02", "json-ld")
