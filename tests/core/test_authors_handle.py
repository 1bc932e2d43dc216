"""Issue 14: a one-word metadata author (a username, a first name) counts when the page prints it as its
byline (authors.handle_name); not when the page never shows it, nor a desk word, the site or a wire."""
from copydesk.core import authors as A
from copydesk.core.extract import NOT_PERSON_WORDS
from copydesk.core.pipeline import process_bytes

_BODY = "<p>" + "Some words of the article body that go on for a while and say things. " * 8 + "</p>"


def test_handle_shown_as_byline():
    shown = ["Home", "By: jdoe42 December 16, 2025 Categories: Misc", "Share"]
    assert A.handle_name("jdoe42", shown, NOT_PERSON_WORDS) == "jdoe42"
    assert A.handle_name([{"@type": "Person", "name": "Susan"}], ["Susan December 9, 2024 0 Comments"],
                         NOT_PERSON_WORDS) == "Susan"


def test_handle_not_shown_or_not_a_person():
    assert A.handle_name("jdoe42", ["Home", "Share this"], NOT_PERSON_WORDS) is None  # never printed
    assert A.handle_name("jdoe", ["jdoe42 wrote"], NOT_PERSON_WORDS) is None  # only a longer word starts so
    assert A.handle_name("admin", ["By admin"], NOT_PERSON_WORDS) is None  # a role word
    assert A.handle_name("Acme", ["By Acme"], NOT_PERSON_WORDS, lambda w: w == "Acme") is None  # the site
    assert A.handle_name({"@type": "Organization", "name": "Acme"}, ["By Acme"], NOT_PERSON_WORDS) is None
    assert A.handle_name(["ann", "bob"], ["By ann"], NOT_PERSON_WORDS) is None  # not one value


def _page(meta_author: str, byline: str) -> bytes:
    return (f'<html><head><title>A headline here</title><meta name="author" content="{meta_author}"></head>'
            f'<body><h1>A headline here</h1><div class="meta">{byline}</div>{_BODY}</body></html>').encode()


def test_meta_handle_in_the_pipeline():
    a = process_bytes(_page("jdoe42", "By jdoe42 | May 2, 2025"), "t", "html", url="https://example.com/a-headline")
    assert a.authors == ["jdoe42"] and a.authors_source == "meta"
    # the wire agency printed as a byline stays an agency's credit
    a = process_bytes(_page("PTI", "By PTI | May 2, 2025"), "t", "html", url="https://example.com/a-headline")
    assert a.authors == []
    # the site's own name
    a = process_bytes(_page("Example", "By Example | May 2, 2025"), "t", "html", url="https://example.com/a-headline")
    assert a.authors == []
