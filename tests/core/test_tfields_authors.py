"""Issue 14, text dumps (helper tfields): bylines around the located headline that the header-window rules
miss: a name over the headline with its date between, a name row with a plural job title, a name printed
twice under the headline."""
from copydesk.core.extract import text_authors
from helpers import labelled_lines

_PROSE = ("The council met on Tuesday evening to discuss the new budget for the coming year, and the vote "
          "was closer than most members had expected before the session.")
_BODY = [(_PROSE, "body"), (_PROSE, "body")]
_HEAD = ("Defer, Panic, and Recover", "navigation")


def _over(*rows):
    """text_authors over rows printed above a headline that is the first body line."""
    lines = labelled_lines(("Order Now", "navigation"), *rows, ("Defer, Panic, and Recover", "body"), *_BODY)
    return text_authors(lines, head=len(rows) + 1)[0]


def _under(*rows):
    return text_authors(labelled_lines(_HEAD, *rows, *_BODY), head=0)[0]


def test_name_over_the_headline_with_its_date_between():
    assert _over(("Jane Doe", "navigation"), ("September 4, 2025", "timestamp"), ("5:50 am", "timestamp")) \
        == ["Jane Doe"]
    # a counter between (no letter) and a meta row with the date
    assert _over(("Jane Doe", "navigation"), ("210412", "navigation"),
                 ("Dec 18, 2025 · 10 min read", "other_boilerplate")) == ["Jane Doe"]


def test_name_over_the_headline_without_a_date_is_a_menu_entry():
    assert _over(("Jane Doe", "navigation"), ("8 min", "navigation")) == []
    assert _over(("Jane Doe", "navigation")) == []


def test_name_row_with_a_plural_job_title():
    assert _under(("Jane Doe and John Roe | Guest Columnists", "other_boilerplate")) == ["Jane Doe", "John Roe"]
    # a field that is more than names (a section with the names) is no byline row
    assert _under(("Letters from Jane Doe | Guest Columnists", "other_boilerplate")) == []


def test_name_printed_twice_under_the_headline():
    assert _under(("Jane Doe", "navigation"), ("Jane Doe", "navigation"),
                  ("Reviewed By: John Roe, PhD", "other_boilerplate")) == ["Jane Doe"]


def test_dated_meta_row_naming_the_author_under_the_headline():
    row = ("On January 12, 2025January 22, 2025 By Jane Doe In Budget Travel , Budget Travel Guides , "
           "Travel Resources , Travel Tips")
    assert _under(("Search for: Search", "related_link"), (row, "related_link")) == ["Jane Doe"]


def _closing(*rows):
    """text_authors over a page whose header names nobody and whose last lines are `rows`."""
    lines = labelled_lines(("Defer, Panic, and Recover", "navigation"), *_BODY, *rows)
    return text_authors(lines)[0]


_BIO_TAIL = "a growth analyst specialising in search advertising and data analytics for small firms."


def test_author_card_kept_as_the_last_paragraphs():
    assert _closing(("Jane Doe", "body"), ("Jane Doe is " + _BIO_TAIL, "body")) == ["Jane Doe"]


def test_author_card_biography_by_first_name():
    assert _closing(("Jane Doe", "navigation"), ("Jane is " + _BIO_TAIL + " Her work ...", "other_boilerplate")) \
        == ["Jane Doe"]
    # a product's card: no person spoken of
    assert _closing(("Acme Field Software", "navigation"),
                    ("Acme is " + _BIO_TAIL + " Their work ...", "other_boilerplate")) == []
