"""Issue 14, bylines in more languages and shapes: "written by" in German, Spanish, Italian, French, Dutch and the
Scandinavian languages, names joined by their "and", the publication words that end the name; signatures under
the article; a byline glued to the deck; a menu's "By Region" over the real "By" / name."""
from copydesk.core.extract import authors_from_byline, person_name, text_authors
from helpers import labelled_lines

_PROSE = ("The council met on Tuesday evening to discuss the new budget for the coming year, and the vote "
          "was closer than most members had expected before the session.")


def test_written_by_in_other_languages():
    for label in ("Geschrieben von", "Ein Beitrag von", "Escrito por", "Publicado por", "Scritto da", "Écrit par",
                  "Geschreven door", "Skrevet av", "Door", "Av", "Af", "Di", "Autora:", "Texte :", "Tekst:"):
        assert authors_from_byline(f"{label} Jane Doe") == ["Jane Doe"], label


def test_capital_di_is_a_label_only_before_a_full_name():
    assert authors_from_byline("Di Jane Doe e John Roe") == ["Jane Doe", "John Roe"]
    assert person_name("Di Maio") == "Di Maio"  # a surname, not "by Maio"


def test_names_joined_in_dutch_and_scandinavian():
    assert authors_from_byline("Door Jane Doe en John Roe") == ["Jane Doe", "John Roe"]
    assert authors_from_byline("Av Jane Doe och John Roe") == ["Jane Doe", "John Roe"]
    assert authors_from_byline("Af Jane Doe og John Roe") == ["Jane Doe", "John Roe"]


def test_publication_words_end_the_name():
    assert authors_from_byline("Par Jane Doe Publié le 12 mars 2024 à 10h00") == ["Jane Doe"]
    assert authors_from_byline("Par Jane Doe Mis à jour le 12/03/2024") == ["Jane Doe"]
    assert authors_from_byline("Von Jane Doe Aktualisiert am 12.03.2024") == ["Jane Doe"]
    assert authors_from_byline("Por Jane Doe Actualizado 12 mar 2024") == ["Jane Doe"]
    assert authors_from_byline("Di Jane Doe Pubblicato il 12 marzo 2024") == ["Jane Doe"]
    # "le" is a particle of names elsewhere: only before a day does it end one
    assert authors_from_byline("By Jane Le") == ["Jane Le"]


def test_newsroom_job_after_the_name_is_no_name():
    assert authors_from_byline("Por Jane Doe Corresponsal en Madrid") == []
    assert authors_from_byline("Por Jane Doe, Corresponsal") == ["Jane Doe"]


def _article(*tail, head=(("Council passes the budget after a long night", "headline"),)):
    return labelled_lines(("Site menu", "navigation"), *head, *[(_PROSE, "body")] * 6, *tail)


def test_signature_is_its_first_sentence():
    lines = _article(("Comments are closed.", "other_boilerplate"), ("Leave a reply", "other_boilerplate"),
                     ("Posted by Jane Doe on 2025-12-18 in travel. Tags: trains, budget, council, city.",
                      "other_boilerplate"))
    assert text_authors(lines, head=1)[0] == ["Jane Doe"]


def test_dated_stamp_signed_under_the_article():
    lines = _article(("Last updated March 3, 2025 by Jane Doe.", "legal"))
    assert text_authors(lines, head=1)[0] == ["Jane Doe"]
    # no date: a line of prose or a credit, not the page's stamp
    assert text_authors(_article(("Illustrations by Jane Doe.", "legal")), head=1)[0] == []


def test_byline_glued_to_the_deck():
    head = (("Council passes the budget after a long night", "headline"),
            ("The vote on the city's budget was closer than most had expected. By Jane Doe on Dec. 19, 2025",
             "related_link"),
            ("Share", "share"))
    assert text_authors(_article(head=head), head=1)[0] == ["Jane Doe"]
    # no date after it: the deck's own sentence ("By March ...", "By Tuesday ...")
    head = (("Council passes the budget after a long night", "headline"),
            ("The vote on the city's budget was closer than most had expected. By Tuesday Jane Doe had left",
             "related_link"), ("Share", "share"))
    assert text_authors(_article(head=head), head=1)[0] == []


def test_menu_by_line_does_not_end_the_far_byline_search():
    menu = [("By Region", "byline")] + [(f"Region {i}", "navigation") for i in range(40)]
    head = (*menu, ("Council passes the budget after a long night", "headline"), ("By", "navigation"),
            ("Jane Doe", "navigation"), *[(f"Link {i}", "navigation") for i in range(45)])
    lines = _article(head=head)
    assert text_authors(lines, head=41)[0] == ["Jane Doe"]


def test_theme_byline_row_with_categories_above_the_headline():
    row = "by Jane Doe | Mar 11, 2023 | Budget News, Council Business, City Hall Matters | 0 comments"
    head = ((row, "other_boilerplate"), ("Table of Contents", "navigation"),
            ("Council passes the budget after a long night", "headline"),
            *[(f"Section {i}", "navigation") for i in range(20)])
    assert text_authors(_article(head=head), head=3)[0] == ["Jane Doe"]


def test_name_under_the_date_under_the_headline_printed_twice():
    title = "Council passes the budget after a long night"
    # the headline, its date, the name; the headline again over the body (the located one)
    head = ((title, "related_link"), ("Sep 01, 2023", "timestamp"), ("Jane Doe", "navigation"),
            (title, "headline"), ("Building a budget", "related_link"))
    assert text_authors(_article(head=head), head=4)[0] == ["Jane Doe"]
    # under a date that is under another line: a card's
    head = (("Other story of the week in the city", "related_link"), ("Sep 01, 2023", "timestamp"),
            ("Jane Doe", "navigation"), (title, "headline"), ("Building a budget", "related_link"))
    assert text_authors(_article(head=head), head=4)[0] == []


def test_capital_di_byline_line_in_a_text_dump():
    head = (("Council passes the budget after a long night", "headline"), ("Di Mario Rossi", "other_boilerplate"),
            ("12 marzo 2024", "timestamp"))
    assert text_authors(_article(head=head), head=1)[0] == ["Mario Rossi"]


def test_author_card_in_other_languages():
    card = (("Über die Autorin", "widget_heading"), ("Jane Doe", "other_boilerplate"),
            ("Sie schreibt seit zehn Jahren über Politik und Verkehr in der Stadt.", "other_boilerplate"))
    assert text_authors(_article(("Kommentare", "other_boilerplate"), *card), head=1)[0] == ["Jane Doe"]
    card = (("Jane Doe", "other_boilerplate"),
            ("Jane Doe é jornalista e escreve sobre política e transportes na cidade há dez anos.",
             "other_boilerplate"))
    assert text_authors(_article(("Comentários", "other_boilerplate"), *card), head=1)[0] == ["Jane Doe"]
