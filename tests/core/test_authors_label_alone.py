"""Issue 14: a byline label alone on its line ("Written by", "Author:") with the name on the next line,
also when it sits far above the first paragraph (the BYLINE_FAR path)."""
from copydesk.core.extract import text_authors
from helpers import labelled_lines

_PROSE = ("The council met on Tuesday evening to discuss the new budget for the coming year, and the vote "
          "was closer than most members had expected before the session.")
_MENU = [(f"Menu entry number {i}", "navigation") for i in range(20)]


def test_label_alone_far_above_the_body():
    lines = labelled_lines(("Council passes the budget after a long night", "headline"),
                           ("Written by", "other_boilerplate"), ("Jane Doe", "other_boilerplate"), *_MENU,
                           (_PROSE, "body"), (_PROSE, "body"))
    assert text_authors(lines)[0] == ["Jane Doe"]


def test_label_alone_over_a_non_name():
    lines = labelled_lines(("Council passes the budget after a long night", "headline"),
                           ("Author", "other_boilerplate"), ("Acme Newsroom Staff", "other_boilerplate"), *_MENU,
                           (_PROSE, "body"), (_PROSE, "body"))
    assert text_authors(lines)[0] == []
