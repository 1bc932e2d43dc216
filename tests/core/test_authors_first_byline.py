"""Issue 14: when the header window names nobody, the page's first byline line above the body does (a
header printed far above the first paragraph), on a page whose headline was located; a byline below the
body (related stories' cards) does not."""
from copydesk.core.extract import text_authors
from helpers import labelled_lines

_PROSE = ("The council met on Tuesday evening to discuss the new budget for the coming year, and the vote "
          "was closer than most members had expected before the session.")
_HEAD = ("Council passes the budget after a long night", "headline")
_GAP = [(f"Section {i}", "navigation") for i in range(6)]  # (past the lines right under the headline)
_MENU = [(f"Menu entry number {i}", "navigation") for i in range(60)]


def test_byline_far_above_the_body():
    lines = labelled_lines(_HEAD, *_GAP, ("By Jane Doe", "byline"), *_MENU, (_PROSE, "body"), (_PROSE, "body"))
    assert text_authors(lines, head=0)[0] == ["Jane Doe"]
    assert text_authors(lines)[0] == []  # no headline located: a far "By" line may be a card's


def test_first_byline_decides_and_none_below_the_body():
    # the first byline credits a desk: nobody, not the next one down
    lines = labelled_lines(_HEAD, *_GAP, ("By Acme Staff", "byline"), *_MENU, ("By John Roe", "byline"), *_MENU,
                           (_PROSE, "body"), (_PROSE, "body"))
    assert text_authors(lines, head=0)[0] == []
    # a "by ..." card under the article is a related story's
    lines = labelled_lines(_HEAD, *_MENU, (_PROSE, "body"), (_PROSE, "body"), ("Another story", "related_link"),
                           ("by John Roe", "byline"), ("Yet another story", "related_link"),
                           ("by Ann Poe", "byline"))
    assert text_authors(lines, head=0)[0] == []
