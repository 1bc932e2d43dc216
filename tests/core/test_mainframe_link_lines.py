"""A listing's item titles and a documentation page's section links (core.mainframe.link_lines_in_span):
link-dense lines between the first and last body line come back as body on those page types, the menu
above and the footer links below the content stay out, and other page types keep them out."""
from copydesk.core.mainframe import REASON_LINK_LINE, link_lines_in_span, widen_non_article
from copydesk.core.records import LabelledLine

LINES = [LabelledLine(1, "Home", "navigation", "link_dense"),
         LabelledLine(2, "Latest reports from the county council", "body", "in_main_container"),
         LabelledLine(3, "Budget vote delayed until spring", "related_link", "link_dense"),
         LabelledLine(4, "Councillors asked for two more weeks to read the revised figures.", "body",
                      "in_main_container"),
         LabelledLine(5, "Bus routes to change in the new year", "related_link", "link_dense"),
         LabelledLine(6, "Three rural routes will run twice a day instead of four times.", "body",
                      "in_main_container"),
         LabelledLine(7, "Contact us", "related_link", "link_dense")]


def test_a_listing_takes_back_its_linked_item_titles_inside_its_content():
    got = link_lines_in_span(LINES, "listing")
    assert [(ln.label, ln.reason) for ln in got] == [
        ("navigation", "link_dense"), ("body", "in_main_container"), ("body", REASON_LINK_LINE),
        ("body", "in_main_container"), ("body", REASON_LINK_LINE), ("body", "in_main_container"),
        ("related_link", "link_dense")]
    assert got[2].first == ("related_link", "link_dense")


def test_the_widening_pass_applies_it_on_documentation_pages_too():
    got = widen_non_article(LINES, "documentation", 0.1)
    assert [ln.number for ln in got if ln.reason == REASON_LINK_LINE] == [3, 5]


def test_other_types_and_articles_keep_their_link_lines_out():
    for ptype in ("article", "collection", "product", "forum", "service"):
        assert link_lines_in_span(LINES, ptype) is None
    assert widen_non_article(LINES, "listing", 0.9) is None  # the model is not sure it is no article


def test_a_page_with_one_body_line_has_no_span():
    one = [ln for ln in LINES if ln.number != 4 and ln.number != 6]
    assert link_lines_in_span(one, "listing") is None
