"""A template's published/updated pair glued together ("Posted on November 25, 2024December 3, 2024 in ...")
opening a long meta line far from the headline: the first date is the publication; the pair out of order,
or inside a sentence, gives nothing."""
from copydesk.core.extract import _far_date_line, _glued_pair_date
from helpers import labelled_lines as _lines

BODY = "A first paragraph of the post, long enough to be the body of the page, and a little more. " * 3


def test_glued_pair_opening_a_meta_line():
    line = "Posted on November 25, 2024December 3, 2024 in Health Sciences, General, Healthcare, News"
    assert _glued_pair_date(line) == "2024-11-25"
    assert _far_date_line(_lines(("Menu", "navigation"), (BODY, "body"), (line, "body"), (BODY, "body"))) \
        == "2024-11-25"
    assert _glued_pair_date("On January 12, 2025January 22, 2025 By Jane Doe In Budget Travel, Guides") \
        == "2025-01-12"


def test_no_pair_out_of_order_or_in_prose():
    assert _glued_pair_date("Posted on May 21, 2025April 24, 2025 by the Editors in News and Notes") is None
    prose = ("The council met many times over the years and after a long debate it voted on March 3, "
             "2024April 2, 2024 were the hearings")
    assert _glued_pair_date(prose) is None
    assert _glued_pair_date("Posted on November 25, 2024 in Health Sciences, General, Healthcare, News") is None
