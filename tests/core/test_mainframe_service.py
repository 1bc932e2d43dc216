"""A service page's hero and section heads (core.mainframe.SERVICE_SET_ASIDE_REASONS): lines an ad-class cue
or the header zone set aside come back as body on a page called a service, and only there."""
from copydesk.core.mainframe import REASON_NON_ARTICLE_CONTENT, widen_non_article
from copydesk.core.records import LabelledLine

LINES = [LabelledLine(1, "Managed cloud hosting for growing teams", "other_boilerplate", "heading_above_body"),
         LabelledLine(2, "We run your servers around the clock so your engineers can ship features instead.",
                      "advertisement", "dom_class_advertisement"),
         LabelledLine(3, "Pricing | Contact", "navigation", "dom_class_navigation"),
         LabelledLine(4, "Our team answers within the hour, every day of the year.", "body", "in_main_container")]


def test_a_service_page_takes_back_its_hero_and_section_heads():
    got = widen_non_article(LINES, "service", 0.1)
    assert [(ln.label, ln.reason) for ln in got] == [
        ("body", REASON_NON_ARTICLE_CONTENT), ("body", REASON_NON_ARTICLE_CONTENT),
        ("navigation", "dom_class_navigation"), ("body", "in_main_container")]
    assert got[1].first == ("advertisement", "dom_class_advertisement")


def test_other_page_types_keep_ad_cues_and_header_lines():
    for ptype in ("listing", "product", "collection", "forum", "documentation"):
        assert widen_non_article(LINES, ptype, 0.1) is None
    assert widen_non_article(LINES, "article", 0.9) is None


HEADED = [LabelledLine(1, "Managed cloud hosting", "headline", "h1_heading"),
          LabelledLine(2, "Our team answers within the hour, every day of the year, and knows your systems.",
                       "body", "in_main_container"),
          LabelledLine(3, "Pricing | Contact", "navigation", "dom_class_navigation")]


def test_a_service_page_and_a_listing_keep_their_own_heading_even_with_nothing_else_set_aside():
    for ptype in ("service", "listing"):
        got = widen_non_article(HEADED, ptype, 0.1)
        assert [(ln.label, ln.reason) for ln in got] == [
            ("body", REASON_NON_ARTICLE_CONTENT), ("body", "in_main_container"),
            ("navigation", "dom_class_navigation")]
        assert got[0].first == ("headline", "h1_heading")


def test_articles_products_and_unsure_pages_keep_the_heading_out_of_the_body():
    for ptype in ("article", "product", "collection", "forum", "documentation"):
        assert widen_non_article(HEADED, ptype, 0.1) is None
    assert widen_non_article(HEADED, "service", 0.7) is None
