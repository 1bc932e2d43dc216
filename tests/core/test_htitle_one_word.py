"""Issue 14, HTML titles: a one-word <h1> is a headline like any other (synthetic pages)."""
from copydesk.core.extract import html_title


def test_one_word_h1_the_stated_title_holds_is_the_headline():
    # a section page: the <title> adds the site's wording around the one word the page prints as its heading
    meta = {"title": "Astronomy : Example Radio", "h1": ["Astronomy"]}
    assert html_title(meta, [], "Example Radio") == ("Astronomy", "headline")


def test_one_word_h1_that_is_the_site_name_is_not():
    meta = {"title": "Ten Ways to Store Winter Squash | Pantry", "og:site_name": "Pantry", "h1": ["Pantry"]}
    assert html_title(meta, [], "Pantry") == ("Ten Ways to Store Winter Squash", "meta")
