"""Issue 14, HTML titles: a stated title that is the <h1> with the separator the h1 lost (synthetic pages)."""
from copydesk.core.extract import html_title


def test_stated_title_keeps_the_separator_the_h1_lost():
    # the template prints the thread's prefix and its title as two elements: the h1 reads "Help Printer ..."
    meta = {"title": "Help - Printer Drops Every Second Page | Example Forum",
            "og:title": "Help - Printer Drops Every Second Page", "h1": ["Help Printer Drops Every Second Page"]}
    assert html_title(meta, [], "Example Forum") == ("Help - Printer Drops Every Second Page", "headline")


def test_h1_with_other_punctuation_than_the_stated_title_stays():
    # a colon where the stated title has a dash is how the page prints its headline: the h1 stays
    meta = {"title": "Mobile Forms - A Practical Guide | Example Site",
            "og:title": "Mobile Forms - A Practical Guide", "h1": ["Mobile Forms: A Practical Guide"]}
    assert html_title(meta, [], "Example Site") == ("Mobile Forms: A Practical Guide", "headline")
