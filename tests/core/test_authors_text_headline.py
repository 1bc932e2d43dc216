"""Issue 14, text dumps: the byline printed right under the headline as a bare name beside a meta line (a
date, a reading time), as a name and its date on one line, or as one field of a row of meta fields; and
first names joined by "and" after an explicit byline label."""
from copydesk.core.extract import singles_after_label, text_authors
from helpers import labelled_lines

_PROSE = ("The council met on Tuesday evening to discuss the new budget for the coming year, and the vote "
          "was closer than most members had expected before the session.")
_HEAD = ("Defer, Panic, and Recover", "navigation")  # a short headline: the header-window rule needs a long one
_BODY = [(_PROSE, "body"), (_PROSE, "body")]


def _authors(*rows):
    return text_authors(labelled_lines(_HEAD, *rows, *_BODY), head=0)[0]


def test_bare_name_over_a_date_under_a_short_headline():
    assert _authors(("Jane Doe", "navigation"), ("4 August 2010", "timestamp")) == ["Jane Doe"]


def test_bare_name_over_a_reading_time_or_a_date_label():
    assert _authors(("Jane Doe", "navigation"), ("8 min", "navigation")) == ["Jane Doe"]
    assert _authors(("Jane Doe", "navigation"), ("Last Updated:", "navigation")) == ["Jane Doe"]


def test_bare_name_under_a_date_past_a_label():
    assert _authors(("PUBLISHED", "widget_heading"), ("3 January, 2025", "timestamp"),
                    ("Jane Doe", "navigation")) == ["Jane Doe"]


def test_name_and_date_on_one_line():
    assert _authors(("Jane Doe December 18, 2025", "other_boilerplate")) == ["Jane Doe"]


def test_name_in_a_row_of_meta_fields():
    assert _authors(("December 15, 2025 · 30 min · 6279 words · Jane Doe", "other_boilerplate")) == ["Jane Doe"]
    assert _authors(("12/19/2025 • Philosophy • Jane Doe", "other_boilerplate")) == ["Jane Doe"]


def test_meta_row_whose_credit_is_no_person():
    # the row credits a firm; its other title-case field is the category
    assert _authors(("On Behalf of Acme Partners LLC | Apr 21, 2017 | Products Liability",
                     "other_boilerplate")) == []


def test_name_like_line_below_another_short_line_is_not_the_byline():
    # the credit is a team (no person); the title-case line under the date and reading time is a menu entry
    assert _authors(("Acme Connect Team", "navigation"), ("December 12, 2024", "timestamp"),
                    ("4 minute read time", "navigation"), ("Find Care", "navigation")) == []


def test_forum_category_over_a_post_header_is_not_a_name():
    # "user (user) date": a forum post's header, not a date line
    assert _authors(("Communications Center General Discussion", "navigation"),
                    ("Someuser (Someuser) July 30, 2024, 3:22pm 1", "timestamp")) == []


def test_label_with_a_colon_is_not_a_name():
    assert _authors(("Reading Time: 3 minutes", "related_link"), ("Blog", "navigation")) == []


def test_first_names_after_an_explicit_label():
    assert singles_after_label("Written By Linny and Peter") == ["Linny", "Peter"]
    assert singles_after_label("Written By Linny and the Team") == []
    assert singles_after_label("Linny and Peter") == []  # no label: no one-word names


_MENU = [(f"Menu entry number {i}", "navigation") for i in range(20)]


def test_headline_byline_outranks_a_card_inside_the_article():
    # the headline far above the body; the only "By" line of the header window is a related card's,
    # below the first paragraph
    lines = labelled_lines(("I automated my whole morning with one small script", "other_boilerplate"),
                           ("By Jane Doe", "byline"), ("Published 6 hours ago", "timestamp"), *_MENU,
                           (_PROSE, "body"), ("Related", "widget_heading"), ("By John Roe", "byline"),
                           (_PROSE, "body"), (_PROSE, "body"))
    assert text_authors(lines, head=0)[0] == ["Jane Doe"]


def test_card_byline_stays_when_the_headline_names_nobody():
    lines = labelled_lines(("I automated my whole morning with one small script", "other_boilerplate"),
                           *_MENU, (_PROSE, "body"), ("By John Roe", "byline"), (_PROSE, "body"))
    assert text_authors(lines, head=0)[0] == ["John Roe"]


def test_bare_name_over_a_reviewer_credit():
    assert _authors(("Jane Doe", "navigation"), ("reviewed by John Roe", "other_boilerplate")) == ["Jane Doe"]


def test_site_name_under_the_headline_is_no_author():
    lines = labelled_lines(_HEAD, ("Acme Mattress Makers", "related_link"), ("October 16, 2020", "timestamp"),
                           *_BODY)
    assert text_authors(lines, head=0, domain="acmemattressmakers.com")[0] == []


def test_byline_name_run_into_its_job_title_confirmed_by_the_author_box():
    lines = labelled_lines(("Written By: Jane Doe Executive Digital Editor and Master Gardener", "byline"),
                           ("December 17, 2025", "timestamp"), *_BODY, ("About The Author", "widget_heading"),
                           ("Jane Doe", "navigation"), ("Executive Digital Editor and Master Gardener", "related_link"))
    assert text_authors(lines)[0] == ["Jane Doe"]


def test_three_word_byline_name_stays_without_an_author_box():
    lines = labelled_lines(("By Mary Jane Watson", "byline"), ("December 17, 2025", "timestamp"), *_BODY,
                           ("Mary Jane", "navigation"), ("Contact", "navigation"))
    # "Mary Jane" alone, but in no author box (no heading, job title or biography around it)
    assert text_authors(lines)[0] == ["Mary Jane Watson"]


def test_long_posted_by_row_under_the_headline():
    assert _authors(("Posted by Jane DoeDecember 30, 2024December 30, 2024 Posted in Podcast , Archive , Writing "
                     "& Publishing Tagged books , fiction , science , stories , reading", "other_boilerplate")) \
        == ["Jane Doe"]
