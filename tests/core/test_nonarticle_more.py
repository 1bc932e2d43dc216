"""More of the non-article body (core.mainframe, issue 13): a product's JSON-LD description found among the
set-aside lines, a shop grid or a listing held in caption-classed cards, a collection's grid of plain links."""
import json

from copydesk.core import html as H
from copydesk.core.mainframe import REASON_NON_ARTICLE_CONTENT, described_lines, link_lines_in_span, widen_non_article
from copydesk.core.records import LabelledLine

DESCRIPTION = ("A sturdy oak stool for the workshop. Seat height 60 cm. Oiled by hand, it takes a knock "
               "and keeps its shape.")


def _product_page(description):
    ld = {"@context": "https://schema.org", "@graph": [
        {"@type": "WebPage", "name": "Oak stool"},
        {"@type": "Product", "name": "Oak stool", "description": description}]}
    return (f'<html><head><title>Oak stool | Example Shop</title><script type="application/ld+json">'
            f'{json.dumps(ld)}</script></head><body><h1>Oak stool</h1><p>$80</p></body></html>')


def test_the_product_description_is_read_from_json_ld_as_plain_text():
    meta = H.parse_page(_product_page("<p>A sturdy oak stool &amp; a footrest.</p>")).meta
    assert meta["product_description"] == "A sturdy oak stool & a footrest."
    assert "product_description" not in H.parse_page(_product_page("")).meta
    assert "product_description" not in H.parse_page("<html><body><p>No data here.</p></body></html>").meta


LINES = [LabelledLine(1, "Shop | Cart", "navigation", "dom_class_navigation"),
         LabelledLine(2, "A sturdy oak stool for the workshop.", "related_link", "dom_class_related_link"),
         LabelledLine(3, "Oiled by hand, it takes a knock and keeps its shape.", "other_boilerplate",
                      "dom_class_other_boilerplate"),
         LabelledLine(4, "Seat height 60 cm.", "body", "in_main_container"),
         LabelledLine(5, "A sturdy oak stool for the workshop.", "other_boilerplate", "repeated_on_page"),
         LabelledLine(6, "Oak", "tags", "dom_class_tags")]


def test_set_aside_lines_of_the_description_become_body():
    got = described_lines(LINES, DESCRIPTION)
    assert [(ln.label, ln.reason) for ln in got] == [
        ("navigation", "dom_class_navigation"), ("body", REASON_NON_ARTICLE_CONTENT),
        ("body", REASON_NON_ARTICLE_CONTENT), ("body", "in_main_container"),
        ("other_boilerplate", "repeated_on_page"),  # a copy the classifier set aside stays out
        ("tags", "dom_class_tags")]  # under DESCRIBED_MIN_CHARS: a word any page may carry
    assert got[1].first == ("related_link", "dom_class_related_link")


def test_no_description_or_nothing_of_it_set_aside_changes_nothing():
    assert described_lines(LINES, None) is None
    assert described_lines(LINES, "Another product altogether, with other words.") is None
    # a line already in the body is not taken twice
    twice = LINES[:3] + [LabelledLine(7, "A sturdy oak stool for the workshop.", "body", "in_main_container")]
    assert [ln.number for ln in described_lines(twice, DESCRIPTION) if ln.label == "body"] == [3, 7]


def test_the_widening_takes_the_description_on_a_sure_non_article_only():
    got = widen_non_article(LINES, "product", 0.1, description=DESCRIPTION)
    assert [ln.number for ln in got if ln.label == "body"] == [2, 3, 4]
    assert widen_non_article(LINES, "article", 0.9, description=DESCRIPTION) is None
    assert widen_non_article(LINES, "product", 0.8, description=DESCRIPTION) is None


def _grid(reason, label, n=6):
    return [LabelledLine(i + 1, f"Walnut side table model {i} $120", label, reason) for i in range(n)]


def test_a_grid_of_caption_cards_outweighing_the_body_is_a_collection_s_items():
    lines = [LabelledLine(0, "12 results", "body", "in_main_container")] + _grid("dom_class_image_caption",
                                                                                 "image_caption")
    got = widen_non_article(lines, "collection", 0.1)
    assert all(ln.label == "body" for ln in got)
    assert widen_non_article(lines, "listing", 0.1)[3].label == "body"
    # on a product page the captions are photo captions
    assert widen_non_article(lines, "product", 0.1) is None


def test_caption_cards_lighter_than_the_body_stay_out():
    body = [LabelledLine(0, "An introduction to the range. " * 20, "body", "in_main_container")]
    lines = body + _grid("dom_class_image_caption", "image_caption")
    assert widen_non_article(lines, "collection", 0.1) is None


def test_a_collection_grid_of_links_outweighing_the_body_is_taken():
    lines = [LabelledLine(0, "Free delivery on orders over $50", "body", "in_main_container")] + \
        _grid("link_dense", "related_link")
    assert all(ln.label == "body" for ln in widen_non_article(lines, "collection", 0.1))
    # listings keep their link lines outside the content span (mainframe.LINK_LINE_TYPES says why)
    assert widen_non_article(lines, "listing", 0.1) is None
    heavy = [LabelledLine(0, "Our tables are made to order. " * 20, "body", "in_main_container")]
    assert widen_non_article(heavy + _grid("link_dense", "related_link"), "collection", 0.1) is None


def test_a_listing_takes_its_promo_and_related_classed_items_inside_its_content_span():
    lines = [LabelledLine(1, "Latest from the garden desk", "related_link", "dom_class_related_link"),  # above
             LabelledLine(2, "Garden news", "body", "in_main_container"),
             LabelledLine(3, "How to prune a pear tree in winter", "advertisement", "dom_class_advertisement"),
             LabelledLine(4, "Ten shrubs that like shade", "related_link", "dom_class_related_link"),
             LabelledLine(5, "Jane Doe", "byline", "dom_class_byline"),
             LabelledLine(6, "Why compost heaps get warm", "body", "in_main_container"),
             LabelledLine(7, "Sponsored: garden sheds", "advertisement", "dom_class_advertisement")]  # below
    got = link_lines_in_span(lines, "listing")
    assert [ln.number for ln in got if ln.label == "body"] == [2, 3, 4, 6]
    assert got[2].reason == REASON_NON_ARTICLE_CONTENT and got[2].first == ("advertisement", "dom_class_advertisement")
    assert link_lines_in_span(lines, "service") is None  # other types keep the cues
    assert link_lines_in_span(lines, "documentation") is None  # there only link-dense lines


def test_a_documentation_page_takes_its_callouts_inside_its_content_span():
    lines = [LabelledLine(1, "Install the tool", "body", "in_main_container"),
             LabelledLine(2, "Note: the tool needs Python 3.11 or newer.", "other_boilerplate",
                          "dom_class_other_boilerplate"),
             LabelledLine(3, "Run the tool", "body", "in_main_container"),
             LabelledLine(4, "Was this page helpful?", "other_boilerplate", "dom_class_other_boilerplate")]
    got = link_lines_in_span(lines, "documentation")
    assert [ln.number for ln in got if ln.label == "body"] == [1, 2, 3]
    assert link_lines_in_span(lines, "listing") is None  # a listing's span takes other classes


def test_a_service_page_takes_its_offer_cards_inside_its_content_span_only():
    lines = [LabelledLine(1, "Plans for every team", "related_link", "teaser_card"),  # above the span
             LabelledLine(2, "Managed IT support", "body", "in_main_container"),
             LabelledLine(3, "Round-the-clock help desk", "related_link", "teaser_card"),
             LabelledLine(4, "Backups you can restore", "other_boilerplate", "dom_class_other_boilerplate"),
             LabelledLine(5, "Talk to us about your office.", "body", "in_main_container")]
    got = link_lines_in_span(lines, "service")
    assert [ln.number for ln in got if ln.label == "body"] == [2, 3, 5]
