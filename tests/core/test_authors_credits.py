"""Issue 14, whose name is the author's: a reviewer or a tester credited in the header is not; the article node's
JSON-LD author over a WebPage node's; a visible byline that names the metadata's author and more; a one-word
account the metadata and Yoast's "Written by" pair both state; interface words printed after a byline's name."""
from copydesk.core import authors as A
from copydesk.core.extract import NOT_PERSON_WORDS, authors_from_byline, text_authors
from copydesk.core.pipeline import process_bytes
from helpers import labelled_lines

_PROSE = ("The council met on Tuesday evening to discuss the new budget for the coming year, and the vote "
          "was closer than most members had expected before the session.")
_BODY = "<p>" + "Some words of the article body that go on for a while and say things. " * 8 + "</p>"


def test_reviewer_is_no_author():
    lines = labelled_lines(("Council passes the budget after a long night", "headline"),
                           ("Fact Checked By", "other_boilerplate"), ("John Roe", "byline"),
                           ("Editor, Acme", "byline"), ("John Roe", "other_boilerplate"),
                           ("Editor, Acme", "other_boilerplate"), (_PROSE, "body"), (_PROSE, "body"))
    assert text_authors(lines, head=0)[0] == []
    lines = labelled_lines(("Council passes the budget after a long night", "headline"), ("By Jane Doe", "byline"),
                           ("Tested by John Roe and Ann Poe", "byline"), (_PROSE, "body"), (_PROSE, "body"))
    assert text_authors(lines, head=0)[0] == ["Jane Doe"]
    # without the credit, the same name is the author
    lines = labelled_lines(("Council passes the budget after a long night", "headline"), ("John Roe", "byline"),
                           ("Editor, Acme", "byline"), (_PROSE, "body"), (_PROSE, "body"))
    assert text_authors(lines, head=0)[0] == ["John Roe"]


def test_interface_words_after_the_name():
    assert authors_from_byline("By Jane Doe View In Digital Edition") == ["Jane Doe"]
    assert authors_from_byline("By Jane Doe Follow") == ["Jane Doe"]
    assert authors_from_byline("By Acme Read More") == []  # one word left: no name


def _ld_page(*objects: str, byline: str = "") -> bytes:
    scripts = "".join(f'<script type="application/ld+json">{o}</script>' for o in objects)
    return (f"<html><head><title>A headline here</title>{scripts}</head><body><h1>A headline here</h1>"
            f'<div class="byline">{byline}</div><time datetime="2025-05-02">May 2, 2025</time>{_BODY}</body></html>'
            ).encode()


def test_article_node_author_over_a_webpage_node():
    page = _ld_page('{"@type": "WebPage", "author": {"@type": "Person", "name": "John Roe"}}',
                    '{"@type": "TechArticle", "author": {"@type": "Person", "name": "Jane Doe"}}')
    a = process_bytes(page, "t", "html", url="https://example.com/a-headline")
    assert a.authors == ["Jane Doe"] and a.authors_source == "json-ld"
    # a WebPage node alone still states its author
    page = _ld_page('{"@type": "WebPage", "author": {"@type": "Person", "name": "John Roe"}}')
    assert process_bytes(page, "t", "html", url="https://example.com/a-headline").authors == ["John Roe"]


def test_visible_byline_with_more_names_than_the_metadata():
    page = _ld_page('{"@type": "Article", "author": {"@type": "Person", "name": "Jane Doe"}}',
                    byline="Written by Dr Jane Doe, John Roe, Ann Poe")
    a = process_bytes(page, "t", "html", url="https://example.com/a-headline")
    assert a.authors == ["Dr Jane Doe", "John Roe", "Ann Poe"] and a.authors_source == "byline"
    # a byline naming someone else leaves the metadata's author
    page = _ld_page('{"@type": "Article", "author": {"@type": "Person", "name": "Jane Doe"}}',
                    byline="Written by John Roe, Ann Poe")
    assert process_bytes(page, "t", "html", url="https://example.com/a-headline").authors == ["Jane Doe"]


def test_handle_the_written_by_pair_states_too():
    pair = {"twitter:label1": "Written by", "twitter:data1": "jdoe42"}
    assert A.written_by_handle(dict(pair, author="jdoe42"), [], NOT_PERSON_WORDS) == "jdoe42"
    person = [{"@type": "Article", "author": {"@type": "Person", "name": "jdoe42"}}]
    assert A.written_by_handle(pair, person, NOT_PERSON_WORDS) == "jdoe42"
    assert A.written_by_handle(pair, [], NOT_PERSON_WORDS) is None  # the pair alone
    assert A.written_by_handle(dict(pair, author="jdoe"), [], NOT_PERSON_WORDS) is None  # another account
    other = {"author": "jdoe42", "twitter:label1": "Est. reading time", "twitter:data1": "jdoe42"}
    assert A.written_by_handle(other, [], NOT_PERSON_WORDS) is None
    staff = {"author": "admin", "twitter:label1": "Written by", "twitter:data1": "admin"}
    assert A.written_by_handle(staff, [], NOT_PERSON_WORDS) is None  # a role word


def _yoast_page(handle: str, byline: str = "") -> bytes:
    return (f'<html><head><title>A headline here</title><meta name="author" content="{handle}">'
            f'<meta name="twitter:label1" content="Written by"><meta name="twitter:data1" content="{handle}">'
            f'</head><body><h1>A headline here</h1><div class="meta">{byline}</div>{_BODY}</body></html>').encode()


def test_written_by_handle_in_the_pipeline():
    a = process_bytes(_yoast_page("jdoe42"), "t", "html", url="https://example.com/a-headline")
    assert a.authors == ["jdoe42"] and a.authors_source == "meta"
    # the full name the page prints wins over the account
    a = process_bytes(_yoast_page("jdoe42", "By Jane Doe | May 2, 2025"), "t", "html",
                      url="https://example.com/a-headline")
    assert a.authors == ["Jane Doe"]
    # the site's own name is no author
    assert process_bytes(_yoast_page("Example"), "t", "html", url="https://example.com/a-headline").authors == []


def _carded(*card):
    return labelled_lines(("Council passes the budget after a long night", "headline"), ("Share", "share"),
                          *[(_PROSE, "body")] * 4, ("Comments are closed.", "other_boilerplate"), *card)


def test_first_person_author_card_under_the_article():
    card = (("Jane Doe", "other_boilerplate"),
            ("Hello, and welcome! I'm the editor and founder of this site, and I have tested gear for ten years.",
             "other_boilerplate"))
    assert text_authors(_carded(*card), head=0)[0] == ["Jane Doe"]
    # a comment says no job: nobody
    card = (("Jane Doe", "other_boilerplate"),
            ("I'm so glad I found this page, it helped me plan the whole trip in one evening.", "other_boilerplate"))
    assert text_authors(_carded(*card), head=0)[0] == []
    # a card's heading in the first person is no name
    card = (("My Experience", "other_boilerplate"),
            ("I'm a reviewer and columnist focused on laptops, monitors and the games people play on them.",
             "other_boilerplate"))
    assert text_authors(_carded(*card), head=0)[0] == []


def test_academic_byline_with_the_university():
    lines = labelled_lines(("Council passes the budget after a long night", "headline"), ("By Acme News", "byline"),
                           ("May 2, 2025", "timestamp"), ("Jane Q. Doe, Acme State University", "other_boilerplate"),
                           (_PROSE, "body"), (_PROSE, "body"))
    assert text_authors(lines, head=0)[0] == ["Jane Q. Doe"]
