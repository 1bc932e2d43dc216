"""A list of dated story cards above the first body paragraph (related links "Jane Doe | June 9, 2025"):
their dates are the other stories'; the article's own date line further up is read instead. One dated
related link alone in the header is still the article's."""
from copydesk.core.extract import text_dates
from helpers import labelled_lines as _lines

BODY = "A first paragraph of the post, long enough to be the body of the page, and a little more. " * 3


def test_card_list_dates_are_not_the_articles():
    rows = [("Menu", "navigation"), ("January 16, 2025", "timestamp")] + [("Filler %d" % i, "navigation")
                                                                        for i in range(12)]
    for day in (15, 9, 5, 2):
        rows += [("Another Story Title Number %d" % day, "related_link"), ("Jane Doe | June %d, 2025" % day,
                                                                           "related_link")]
    rows += [("The Story's Own Headline Goes Here", "headline"), (BODY, "body")]
    assert text_dates(_lines(*rows))[0] == "2025-01-16"


def test_one_dated_related_link_in_the_header_counts():
    rows = [("Menu", "navigation"), ("Jane Doe | May 22, 2025", "related_link"),
            ("The Story's Own Headline Goes Here", "headline"), (BODY, "body")]
    assert text_dates(_lines(*rows))[0] == "2025-05-22"
