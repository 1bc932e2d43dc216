"""Issue 14, HTML titles: an <h1> opening with a word interface lines open with (synthetic pages)."""
from copydesk.core.extract import html_title


def test_h1_opening_like_an_interface_line_stays_when_the_stated_title_holds_its_words():
    # "Latest ..." opens many interface lines of a text dump; here the stated title shares the h1's words
    meta = {"title": "Linux Laptop Reviews and Benchmarks - Example Site",
            "h1": ["Latest Linux Laptop Reviews and Benchmarks"]}
    assert html_title(meta, [], "Example Site") == ("Latest Linux Laptop Reviews and Benchmarks", "headline")


def test_interface_h1_without_a_stated_title_is_still_refused():
    assert html_title({"h1": ["Share this article"]}, [], None) is None
