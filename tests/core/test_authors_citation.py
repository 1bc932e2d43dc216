"""Issue 14: a paper's pages write one citation_author tag per author; all of them are its authors, not
only the first (which the meta author and dc.creator tags repeat)."""
from copydesk.core.html import parse_meta
from copydesk.core.pipeline import process_bytes

_BODY = "<p>" + "Some words of the paper's abstract that go on for a while and say things. " * 8 + "</p>"


def _paper(tags: str) -> str:
    return (f'<html><head><title>A study of things</title><meta name="author" content="Jane Doe">{tags}</head>'
            f'<body><h1>A study of things</h1>{_BODY}</body></html>')


def test_every_citation_author_is_kept():
    meta = parse_meta(_paper('<meta name="citation_author" content="Jane Doe">'
                             '<meta name="citation_author" content="John Roe">'))
    assert meta["citation_author_lists"] == ["Jane Doe", "John Roe"] and meta["citation_author"] == "Jane Doe"


def test_paper_authors_in_the_pipeline():
    html = _paper('<meta name="citation_authors" content="Jane Doe"><meta name="citation_authors" content="John Roe">'
                  '<meta name="citation_authors" content="Ann Poe">')
    a = process_bytes(html.encode(), "t", "html", url="https://example.org/paper/1")
    assert a.authors == ["Jane Doe", "John Roe", "Ann Poe"]


def test_list_that_does_not_hold_the_stated_author_is_not_taken():
    # the citation tags name other people (a cited work's): the meta author stays
    html = _paper('<meta name="citation_author" content="Max Mustermann">'
                  '<meta name="citation_author" content="Erika Muster">')
    a = process_bytes(html.encode(), "t", "html", url="https://example.org/paper/1")
    assert a.authors == ["Jane Doe"]
