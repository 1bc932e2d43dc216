"""A row of cards each with a "header"-classed element (a listing's item title, date, author) is not the
site's masthead (html.REASON_CARD_HEADER); mainframe.widen_non_article takes those lines back on listings."""
from copydesk.core import html as H
from copydesk.core.mainframe import REASON_NON_ARTICLE_CONTENT, widen_non_article
from copydesk.core.records import LabelledLine


CARD = ("<article class='post'><header class='entry-header'><h2><a href='/p/{i}'>Notes from the kiln, week {i}"
        "</a></h2><span>March {i}, 2024</span></header><p>{text}</p></article>")
LISTING = ("<html><head><title>Blog - Clay Shop</title></head><body><header class='site-header'><a href='/'>Clay"
           " Shop</a></header><main>{cards}</main></body></html>")


def test_repeated_header_classes_are_card_headers_and_a_single_one_is_the_masthead():
    text = "This week we fired two kilns of stoneware and tried a new celadon glaze on the small bowls."
    page = H.parse_page(LISTING.format(cards="".join(CARD.format(i=i, text=text) for i in range(1, 5))))
    hint = {b.text: h for b, h in zip(page.blocks, page.hints)}
    assert hint["Clay Shop"] == ("other_boilerplate", "dom_class_other_boilerplate")
    assert hint["March 2, 2024"] == ("other_boilerplate", H.REASON_CARD_HEADER)
    # two cards are not a row of them
    page = H.parse_page(LISTING.format(cards="".join(CARD.format(i=i, text=text) for i in range(1, 3))))
    assert {b.text: h for b, h in zip(page.blocks, page.hints)}["March 2, 2024"][1] != H.REASON_CARD_HEADER


def test_card_headers_are_taken_back_on_listings_only():
    lines = [LabelledLine(1, "Notes from the kiln, week 1 March 1, 2024", "other_boilerplate", H.REASON_CARD_HEADER),
             LabelledLine(2, "This week we fired two kilns.", "body", "in_main_container")]
    got = widen_non_article(lines, "listing", 0.1)
    assert (got[0].label, got[0].reason) == ("body", REASON_NON_ARTICLE_CONTENT)
    assert widen_non_article(lines, "service", 0.1) is None
