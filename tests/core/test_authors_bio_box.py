"""Issue 14: an author card under the article names the author when nothing above it does: the name alone
under "About the author", or over a biography that opens with it; a bare name line alone is not enough."""
from copydesk.core.extract import text_authors
from helpers import labelled_lines

_PROSE = ("The council met on Tuesday evening to discuss the new budget for the coming year, and the vote "
          "was closer than most members had expected before the session.")


def _page(*tail):
    return labelled_lines(("Council passes the budget after a long night", "headline"), (_PROSE, "body"),
                          (_PROSE, "body"), *tail)


def test_name_under_about_the_author():
    lines = _page(("About the author", "other_boilerplate"), ("Jane Doe", "other_boilerplate"),
                  ("Related articles", "widget_heading"))
    assert text_authors(lines)[0] == ["Jane Doe"]


def test_name_over_its_biography():
    lines = _page(("Jane Doe", "other_boilerplate"),
                  ("Jane Doe is a reporter who covers the city council and its budget for the paper.", "other_boilerplate"))
    assert text_authors(lines)[0] == ["Jane Doe"]


def test_bare_name_or_related_card_is_not_the_author():
    lines = _page(("Related articles", "widget_heading"), ("Jane Doe", "other_boilerplate"),
                  ("Another story about the budget", "related_link"))
    assert text_authors(lines)[0] == []
    lines = _page(("About the author", "other_boilerplate"), ("Jane Doe", "related_link"))
    assert text_authors(lines)[0] == []
