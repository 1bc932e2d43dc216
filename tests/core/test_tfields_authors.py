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


_TITLE = ("The Ten Best Moving Companies in Our City", "other_boilerplate")


def _far(*rows):
    """text_authors over rows printed far above the body (past a long table of contents)."""
    toc = [("Section %d of the guide" % i, "navigation") for i in range(20)]
    return text_authors(labelled_lines(("Menu", "navigation"), *rows, *toc, *_BODY))[0]


def test_name_between_a_far_headline_and_its_date():
    assert _far(_TITLE, ("Jane Doe", "navigation"), ("Jul 18, 2025", "timestamp")) == ["Jane Doe"]


def test_cards_of_title_name_and_date_are_no_byline():
    card = [("Another Story About Moving House This Year", "related_link"), ("John Roe", "navigation"),
            ("Jul 11, 2025", "timestamp")]
    assert _far(_TITLE, ("Jane Doe", "navigation"), ("Jul 18, 2025", "timestamp"), *card) == []


def _window(*rows):
    """text_authors over header rows right above the body, the headline (row 1) located."""
    return text_authors(labelled_lines(("Menu", "navigation"), *rows, *_BODY), head=1)[0]


def test_located_headline_with_a_date_is_no_name_and_date():
    assert _window(("Acme Wrap-Up 12/19/2025", "other_boilerplate"), ("React2Shell Payload Improvements", "navigation")) == []


def test_headline_ending_in_its_byline_gives_no_first_words():
    assert _window(("Some Headline Here", "other_boilerplate"), ("July 22, 2017", "timestamp"),
                   ("Startup Week Call for Proposals is Open Until July 31 by Jane Doe", "other_boilerplate")) \
        == []


def test_job_title_after_the_name_is_no_second_author():
    assert _window(("Some Headline Here", "other_boilerplate"),
                   ("By Jane Doe, Chief Marketing Officer, Acme", "byline")) == ["Jane Doe"]


def test_list_of_names_over_a_meta_line_under_the_headline():
    assert _under(("Jane Doe, John Q. Roe, Ann Poe", "other_boilerplate"),
                  ("24 Apr 2000 • 3 min read", "other_boilerplate")) == ["Jane Doe", "John Q. Roe", "Ann Poe"]
    # without the meta line it is a deck or a list of people the story names
    assert _under(("Jane Doe, John Q. Roe, Ann Poe", "other_boilerplate"), ("Quick Insight", "navigation")) == []


def test_far_byline_label_alone_over_the_name():
    toc = [("Section %d of the guide" % i, "navigation") for i in range(45)]
    lines = labelled_lines(("Menu", "navigation"), _TITLE, ("By", "navigation"), ("Jane Doe", "navigation"),
                           ("Updated on October 21, 2025", "timestamp"), *toc, *_BODY)
    # (the headline located elsewhere: a contents entry further down)
    assert text_authors(lines, head=20)[0] == ["Jane Doe"]


def test_far_row_of_name_and_date_under_a_headline():
    assert _far(_TITLE, ("Jane Doe | May 22, 2025", "related_link")) == ["Jane Doe"]
