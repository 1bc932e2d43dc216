"""The non-article widening (core.mainframe): set-aside content becomes body only on confident
non-article pages, with its own reason; boilerplate cues keep their labels."""
from copydesk.core.mainframe import REASON_NON_ARTICLE_CONTENT, widen_non_article
from copydesk.core.records import LabelledLine

LINES = [LabelledLine(1, "Item one and its dek", "related_link", "teaser_card"),
         LabelledLine(2, "Home | About", "navigation", "dom_class_navigation"),
         LabelledLine(3, "A sentence outside the run.", "other_boilerplate", "prose_outside_main_run"),
         LabelledLine(4, "The body.", "body", "in_main_container")]


def test_listing_gets_its_items_back():
    got = widen_non_article(LINES, "listing", 0.1)
    assert [(ln.label, ln.reason) for ln in got] == [
        ("body", REASON_NON_ARTICLE_CONTENT), ("navigation", "dom_class_navigation"),
        ("body", REASON_NON_ARTICLE_CONTENT), ("body", "in_main_container")]


def test_articles_and_unsure_pages_unchanged():
    assert widen_non_article(LINES, "article", 0.9) is None
    assert widen_non_article(LINES, "forum", 0.6) is None
    assert widen_non_article(LINES, "forum", 0.1)[2].label == "body"
    assert widen_non_article(LINES, "listing", 0.1, has_url=False) is None  # no URL: the model never saw such pages


def test_a_stray_line_outside_the_run_is_not_a_listing():
    long_body = [LabelledLine(9, "x" * 400, "body", "in_main_container")]
    assert widen_non_article(LINES[:1] + long_body, "service", 0.1) is None
