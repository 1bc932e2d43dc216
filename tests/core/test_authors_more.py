"""Issue 14, more byline shapes: a name alone on the line under the headline (text dumps), the serial comma
in a list of names."""
from copydesk.core.extract import authors_from_byline, text_authors
from helpers import labelled_lines

_PROSE = ("The council met on Tuesday evening to discuss the new budget for the coming year, and the vote "
          "was closer than most members had expected before the session.")


def _page(*header):
    return labelled_lines(("Site menu", "navigation"), ("Council passes the budget after a long night", "headline"),
                          *header, (_PROSE, "body"), (_PROSE, "body"))


def test_bare_name_under_the_headline_with_the_header_going_on():
    lines = _page(("Jane Doebright", "navigation"), ("Dec 19, 2025 | Last updated on Dec 19, 2025 | 4 min read",
                                                      "other_boilerplate"))
    assert text_authors(lines, head=1)[0] == ["Jane Doebright"]


def test_heading_under_the_headline_is_no_author():
    # the first paragraph right after it: a heading of the body, not a byline
    assert text_authors(_page(("Jane Doebright", "navigation")), head=1)[0] == []
    # its words are the prose's words: a widget's label
    assert text_authors(_page(("Budget Council", "navigation"), ("Share", "share")), head=1)[0] == []
    # the "headline" is a sentence of prose that holds the title
    lines = labelled_lines(("Council passes the budget after a long night.", "other_boilerplate"),
                           ("Book Today", "navigation"), ("Map", "navigation"), (_PROSE, "body"))
    assert text_authors(lines, head=0)[0] == []


def test_serial_comma_before_the_last_name():
    assert authors_from_byline("Written by Jane Doe, John Roe, and Ann Poe") == ["Jane Doe", "John Roe", "Ann Poe"]
    assert authors_from_byline("By Jane Doe, John Roe & Ann Poe") == ["Jane Doe", "John Roe", "Ann Poe"]


def _body_page(*rows):
    return labelled_lines(("Council passes the budget after a long night", "headline"), (_PROSE, "body"), *rows,
                          (_PROSE, "body"))


def test_byline_kept_among_the_body_lines():
    assert text_authors(_body_page(("ByJane Doe", "body")))[0] == ["Jane Doe"]
    assert text_authors(_body_page(("Text by Jane Doe", "body")))[0] == ["Jane Doe"]


def test_body_by_lines_that_are_cards_or_sentences_are_no_byline():
    # two such lines: a list of cards
    assert text_authors(_body_page(("By Jane Doe", "body"), ("By John Roe", "body")))[0] == []
    # more than the name after the label
    assert text_authors(_body_page(("By Jane Doe of the council budget office", "body")))[0] == []


def test_author_element_holding_the_name_and_its_job_title():
    from copydesk.core.extract import markup_authors
    from copydesk.core.html import parse_meta
    body = "<p>" + "Some words of the article body that go on for a while. " * 8 + "</p>"
    meta = parse_meta('<html><body><h1>A headline</h1><div class="post-author"><span>Jane Doe</span>'
                      f'<span>Founder at Acme</span></div>{body}</body></html>')
    assert markup_authors(meta) == ["Jane Doe"]
    meta = parse_meta('<html><body><h1>A headline</h1><div class="post-author">Senior Editor at Acme</div>'
                      f'{body}</body></html>')
    assert markup_authors(meta) == []


def test_bare_name_under_the_deck():
    deck = ("How the council found the money for the new park", "other_boilerplate")
    assert text_authors(_page(deck, ("Jane Doebright", "navigation"), ("City Hall", "navigation")), head=1)[0] \
        == ["Jane Doebright"]
    assert text_authors(_page(deck, ("Print Article", "navigation"), ("City Hall", "navigation")), head=1)[0] == []


def test_author_card_kept_among_the_body_lines():
    bio = ("Jane Doebright", "body"), ("Jane Doebright is the head of marketing at Acme and writes about it; she "
                                       "has worked there for ten years.", "body")
    assert text_authors(_body_page(*bio))[0] == ["Jane Doebright"]
    tool = ("Acme Spark", "body"), ("Acme Spark is an engine for large data jobs that runs on many machines at "
                                    "once.", "body")
    assert text_authors(_body_page(*tool))[0] == []
    other = ("John Roebright", "body"), ("John Roebright is a reporter at Acme who covers the council, and he "
                                         "writes on Sundays.", "body")
    assert text_authors(_body_page(*bio, *other))[0] == []  # a list of people: the article's matter


def _signed_page(*tail):
    return labelled_lines(("Council passes the budget after a long night", "headline"), (_PROSE, "body"),
                          (_PROSE, "body"), *tail)


def test_written_signature_under_the_body():
    assert text_authors(_signed_page(("Written by Jane Doe", "related_link")))[0] == ["Jane Doe"]
    assert text_authors(_signed_page(("Authors: Jane Doe and John Roe, city educators", "related_link")))[0] \
        == ["Jane Doe", "John Roe"]
    assert text_authors(_signed_page(("This post was written by Jane Doe, Head of Marketing at Acme",
                                      "other_boilerplate")))[0] == ["Jane Doe"]


def test_related_card_by_line_is_no_signature():
    from copydesk.core.extract import _signature_text
    assert _signature_text(labelled_lines(("By Jane Doe", "related_link"))[0]) is None
    assert _signature_text(labelled_lines(("Written by Jane Doe", "related_link"))[0]) == "Written by Jane Doe"
    assert _signature_text(labelled_lines(("Written by Jane Doe", "image_caption"))[0]) is None


def test_list_of_names_over_a_meta_line_kept_as_body():
    lines = labelled_lines(("A study of the council's budget", "headline"), ("Jane Doe, John Roe, Ann Poe", "body"),
                           ("24 Apr 2000 • 3 min read", "body"), (_PROSE, "body"), (_PROSE, "body"))
    assert text_authors(lines, head=0)[0] == ["Jane Doe", "John Roe", "Ann Poe"]
    lines = labelled_lines(("A study of the council's budget", "headline"), ("Apples, Pears, Plums", "body"),
                           ("24 Apr 2000 • 3 min read", "body"), (_PROSE, "body"), (_PROSE, "body"))
    assert text_authors(lines, head=0)[0] == []


def test_author_cards_under_the_article():
    prose = [(_PROSE, "body")] * 4
    lines = _signed_page(*prose, ("Jane Doebright", "other_boilerplate"), ("Staff Software Engineer, Acme", "other_boilerplate"),
                         ("John Roebright", "other_boilerplate"), ("Senior Editor", "other_boilerplate"))
    assert text_authors(lines)[0] == ["Jane Doebright", "John Roebright"]
    lines = _signed_page(*prose, ("Acme Newsletter", "other_boilerplate"), ("Written by our editors", "other_boilerplate"))
    assert text_authors(lines)[0] == []


def test_names_under_an_authors_label_below_the_article():
    prose = [(_PROSE, "body")] * 4
    lines = _signed_page(*prose, ("Author(s)", "other_boilerplate"), ("Jane A. Doe", "other_boilerplate"),
                         ("John B. Roe", "other_boilerplate"), ("Download pdf", "other_boilerplate"))
    assert text_authors(lines)[0] == ["Jane A. Doe", "John B. Roe"]
