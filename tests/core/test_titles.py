"""Issue 14, titles: an <h1> a stated title repeats wins whatever its shape, and a <br> inside an <h1> is a
space (synthetic pages built here)."""
from copydesk.core.extract import html_title
from copydesk.core.html import parse_meta


def test_h1_repeating_a_stated_title_wins_despite_the_line_filter():
    # "%" and a closing "(1926)" make _not_title refuse a dump line; an <h1> the og:title repeats is still
    # the headline
    meta = {"title": "Coats on sale - Shop", "og:title": "Save 40% on Winter Coats This Week",
            "h1": ["Save 40% on Winter Coats This Week"]}
    assert html_title(meta, [], "Shop") == ("Save 40% on Winter Coats This Week", "headline")
    meta = {"title": "A Treatise on Tea (1926) - Review", "og:title": "*A Treatise on Tea* (1926)",
            "h1": ["A Treatise on Tea (1926)"]}
    assert html_title(meta, [], "Review") == ("A Treatise on Tea (1926)", "headline")


def test_h1_of_interface_shape_not_repeated_is_still_refused():
    # the same "%" h1 that no stated title repeats keeps failing the filter: the stated title is given
    meta = {"title": "Winter coats guide - Shop", "og:title": "Winter coats guide",
            "h1": ["Winter coats 40% off"]}
    assert html_title(meta, [], "Shop") == ("Winter coats guide", "meta")


def test_br_inside_h1_is_a_space():
    meta = parse_meta("<html><head><title>Weekend Coding Agent</title></head><body>"
                      "<h1> WEEKEND<br>CODING<br> <span>AGENT</span> </h1><h1>Plain <b>bold</b>er words</h1>"
                      "</body></html>")
    assert meta["h1"] == ["WEEKEND CODING AGENT", "Plain bolder words"]
    assert html_title(meta, [], None) == ("WEEKEND CODING AGENT", "headline")
