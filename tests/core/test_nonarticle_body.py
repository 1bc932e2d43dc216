"""The body of a non-article page in HTML: the widening takes back the lines outside the container, but not
those in a <form>, in a <header>, or outside the <main> that holds the container (html._outside_places,
mainframe.PLACE_TYPES); on a forum not its short chrome lines (SHORT_CHROME_TYPES); and the section heads
above a paragraph of a service page whether or not the widening fired (HEADING_REASONS)."""
from copydesk.core.html import parse_page
from copydesk.core.mainframe import (PLACE_FORM, PLACE_HEADER, PLACE_OFF_MAIN, REASON_NON_ARTICLE_CONTENT,
                                     page_heading, widen_non_article)
from copydesk.core.records import LabelledLine

_STORY = ("<p>The Larkspur garden bench is made of oiled acacia wood and seats three grown-ups in comfort on "
          "any patio.</p><p>Its slatted seat drains the rain, and the frame folds flat for the winter in a "
          "shed or a garage.</p><p>Every bench comes with a set of stainless fittings and a printed guide to "
          "putting it together.</p>")


def _link(text: str) -> str:
    return f"<div><a href='/x'>{text}</a></div>"


def _page(extra_before: str, extra_after: str, main: bool) -> str:
    inner = f"<div class='pdp'>{_STORY}</div>"
    inner = f"<main>{inner}</main>" if main else inner
    return f"<html><body>{extra_before}{inner}{extra_after}</body></html>"


def _places(html: str) -> dict[str, frozenset]:
    page = parse_page(html)
    by_number = {b.number: b.text for b in page.blocks}
    return {by_number[n]: p for n, p in page.places.items()}


def test_outside_blocks_in_a_form_or_header_or_off_main_are_placed():
    html = _page(f"<header>{_link('Free shipping on orders over forty crowns')}</header>",
                 f"<form>{_link('Sort by price, lowest first')}</form>{_link('Ten more benches you could buy')}",
                 main=True)
    got = _places(html)
    assert got["Free shipping on orders over forty crowns"] == {PLACE_HEADER, PLACE_OFF_MAIN}
    assert got["Sort by price, lowest first"] == {PLACE_FORM, PLACE_OFF_MAIN}
    assert got["Ten more benches you could buy"] == {PLACE_OFF_MAIN}
    # no <main>: only the form and the header are places
    got = _places(_page(f"<header>{_link('Free shipping on orders over forty crowns')}</header>",
                        _link("Ten more benches you could buy"), main=False))
    assert got == {"Free shipping on orders over forty crowns": {PLACE_HEADER}}


def _lines(*rows):
    return [LabelledLine(i + 1, t, lab, why) for i, (t, lab, why) in enumerate(rows)]


def test_the_widening_leaves_out_lines_in_such_places_by_page_type():
    lines = _lines(("A bench of oiled acacia wood that seats three.", "body", "in_main_container"),
                   ("Reply to the thread: quote, edit, report this post", "other_boilerplate",
                    "outside_main_container"),
                   ("Twelve cushions in the colours of the season, each sewn by hand", "other_boilerplate",
                    "outside_main_container"))
    places = {2: frozenset({PLACE_FORM})}
    wide = widen_non_article(lines, "collection", 0.1, places=places)
    assert [ln.label for ln in wide] == ["body", "other_boilerplate", "body"]
    assert wide[2].reason == REASON_NON_ARTICLE_CONTENT
    # a forum's posts sit in a form: there the form is no place to leave out
    assert [ln.label for ln in widen_non_article(lines, "forum", 0.1, places=places)] == ["body"] * 3
    # a service page's hero sits in a header
    header = {2: frozenset({PLACE_HEADER})}
    assert [ln.label for ln in widen_non_article(lines, "service", 0.1, places=header)] == ["body"] * 3
    assert widen_non_article(lines, "product", 0.1, places=header)[1].label == "other_boilerplate"


def test_a_forum_widening_leaves_out_its_short_chrome_but_not_short_replies_in_text():
    lines = _lines(("Has anyone got the garden bench to fold flat without the hinge sticking?", "body",
                    "in_main_container"),
                   ("Replies 12", "other_boilerplate", "outside_main_container"),
                   ("Jane Doe", "other_boilerplate", "dom_class_comment_thread"),
                   ("Oil the hinge pin first, then fold it slowly from the left side of the frame.",
                    "other_boilerplate", "outside_main_container"),
                   ("Thanks, that worked!", "other_boilerplate", "prose_outside_main_run"))
    # the comment-classed line weighs less than the body: only the outside lines are candidates
    wide = widen_non_article(lines, "forum", 0.1)
    assert [ln.label for ln in wide] == ["body", "other_boilerplate", "other_boilerplate", "body", "body"]
    # on a listing the same short outside line is taken back (an item's date, a count)
    assert widen_non_article(lines, "listing", 0.1)[1].label == "body"


def test_section_heads_above_a_paragraph_are_body_on_services():
    lines = _lines(("Why choose us", "other_boilerplate", "heading_above_body"),
                   ("We fit garden benches in a day and take the old one away for free.", "body",
                    "in_main_container"),
                   ("Example Benches Ltd", "headline", "h1_heading"))
    got = page_heading(lines, "service")
    assert [ln.label for ln in got] == ["body", "body", "body"]
    assert got[0].reason == REASON_NON_ARTICLE_CONTENT and got[0].first == ("other_boilerplate",
                                                                            "heading_above_body")
    assert [ln.label for ln in page_heading(lines, "listing")] == ["other_boilerplate", "body", "body"]
    for ptype in ("collection", "product", "article"):
        assert page_heading(lines, ptype) is None
