"""Issue 14, HTML titles: a stated title that is only the site's name, below the home page (synthetic pages)."""
from copydesk.core.extract import html_title

THREAD = "https://www.examplehub.com/r/gardening/comments/abc123/tomato_leaves_curling/"


def test_site_wide_title_gives_way_to_the_thread_heading():
    # every thread of the site carries the same <title>: the site's name and its motto
    meta = {"title": "Examplehub - Where gardeners talk", "h1": ["Why are my tomato leaves curling?"]}
    assert html_title(meta, [], None, THREAD) == ("Why are my tomato leaves curling?", "headline")
    # the og:site_name is the site's name too
    meta = {"title": "Acme", "og:title": "Acme", "og:site_name": "Acme", "h1": ["Winter Hiking Boots"]}
    assert html_title(meta, [], "Acme", "https://acme-outdoor.example/products/winter-boots") == (
        "Winter Hiking Boots", "headline")


def test_site_name_title_stays_on_the_home_page_and_without_an_address():
    meta = {"title": "Examplehub - Where gardeners talk", "h1": ["Why are my tomato leaves curling?"]}
    assert html_title(meta, [], None, "https://www.examplehub.com/") == ("Examplehub", "meta")
    assert html_title(meta, [], None) == ("Examplehub", "meta")
