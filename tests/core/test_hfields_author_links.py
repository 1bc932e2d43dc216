"""HTML authors from a link to the author's page whose text the address spells (html.AUTHOR_LINKS)."""
from copydesk.core.extract import markup_authors
from copydesk.core.html import parse_meta

BODY = "<p>" + "Some words of the article body that go on for a while. " * 8 + "</p>"


def _link(anchor: str) -> object:
    return parse_meta(f"<html><body><h1>A headline</h1><p>{anchor}</p>{BODY}</body></html>").get("author_link")


def test_a_link_to_an_author_page_spelling_its_text_is_collected():
    assert _link('By <a href="https://example.com/author/jane-doe/">Jane Doe</a>') == "Jane Doe"
    assert _link('<a href="/staff/2648209001/jane-doe/">Jane Doe</a>') == "Jane Doe"  # an id folder between
    assert _link('<a href="/contributor/a._j._doe">A. J. Doe</a>') == "A. J. Doe"
    assert _link('<a href="/u/jane-doe-309429">Jane Doe</a>') == "Jane Doe"  # the address's number
    assert _link('<a href="/blog/author/jane-doe.html">Jane Doe</a>') == "Jane Doe"


def test_a_link_whose_text_is_not_the_address_says_nothing():
    assert _link('<a href="/author/jane-doe/">Learn more</a>') is None
    assert _link('<a href="/author/jane-doe/"><img src="x.png" alt="Jane Doe"></a>') is None
    assert _link('<a href="/writers-guidelines">Writers Guidelines</a>') is None  # no author page
    assert _link('<a href="/author/">Authors</a>') is None


def test_no_link_is_looked_for_where_json_ld_names_the_author():
    html = ('<html><head><script type="application/ld+json">{"@type": "NewsArticle", "author": '
            '{"@type": "Person", "name": "John Roe"}}</script></head><body>'
            '<a href="/author/jane-doe">Jane Doe</a></body></html>')
    assert "author_link" not in parse_meta(html)


def test_the_link_is_read_where_the_first_author_element_names_no_one():
    assert markup_authors({"author_link": "Jane Doe"}) == ["Jane Doe"]
    assert markup_authors({"markup_authors": [("class", "&\nJane Doe\nWriter")], "author_link": "Jane Doe"}) \
        == ["Jane Doe"]
    # an element that names someone decides before the link
    assert markup_authors({"markup_authors": [("class", "By John Roe")], "author_link": "Jane Doe"}) == ["John Roe"]
    # a desk's author page names nobody; a one-word name as under rel=author, not the site's own name
    assert markup_authors({"author_link": "Acme Staff"}) == []
    assert markup_authors({"author_link": "Kristin"}) == ["Kristin"]
    assert markup_authors({"author_link": "Acme"}, "acme.com") == []


def test_a_byline_printed_as_a_plain_link_gives_the_author():
    from copydesk.core.pipeline import process_bytes
    html = ('<html><head><title>A headline here</title></head><body><h1>A headline here</h1>'
            '<p class="meta">By <a href="/contributor/jane-doe">Jane Doe</a> View the print edition</p>'
            + BODY + "</body></html>")
    a = process_bytes(html.encode(), "t", "html", url="https://example.com/news/a-headline-here")
    assert a.authors == ["Jane Doe"] and a.authors_source == "markup"


def test_only_author_page_addresses_count():
    # a topic page about a person ("/people/<name>") or a profile of any kind is no author page
    assert _link('<a href="/people/jane-doe">Jane Doe</a>') is None
    assert _link('<a href="/user/jane-doe">Jane Doe</a>') is None


def test_an_author_element_that_is_also_an_author_link_is_collected_once():
    meta = parse_meta('<html><body><a rel="author" class="author" href="/author/jane-doe">Jane Doe</a>'
                      '<span class="byline">By John Roe</span></body></html>')
    assert meta["markup_authors"] == [("rel", "Jane Doe"), ("class", "By John Roe")]
    assert meta["author_link"] == "Jane Doe"


def test_a_one_word_link_naming_the_company_of_the_copyright_line_names_nobody():
    from copydesk.core.records import LabelledLine
    lines = [LabelledLine(1, "© 2019 Acme Entertainment", "copyright", "copyright_sign")]
    assert markup_authors({"author_link": "Acme"}, None, lines) == []
    assert markup_authors({"author_link": "Kristin"}, None, lines) == ["Kristin"]
