"""The HTML checks before parsing (read.check_markup), gzip members, decode's control-character count, and
what the DOM walk leaves out.

These pin the behaviour the faster code paths must keep: the entity and nesting checks look at the
lower-cased page, gzip's one-member shortcut gives what the general loop gives, and scripts, styles and
form controls skipped by the walk (no longer removed by CSS) still never reach a block.
"""
import gzip

import pytest

from copydesk.core import html as H
from copydesk.core.read import Limits, RejectError, check_markup, gunzip_capped, raw_from_bytes

from helpers import dev_files
PROSE = ("The city council approved the new transit budget on Tuesday after a debate that lasted most of "
         "the afternoon, adding three bus routes to the northern suburbs. ")


def _kind(data: bytes, limits: Limits = Limits()):
    try:
        check_markup(data, limits)
    except RejectError as e:
        return e.kind
    return None


@pytest.mark.parametrize("decl", [b"<!ENTITY", b"<!entity", b"<!EnTiTy"])
def test_entity_declaration_in_any_case_is_refused(decl):
    page = b'<?xml version="1.0"?><!DOCTYPE x [' + decl + b' a "b">]><html><body><p>' + PROSE.encode()
    assert _kind(page) == "entity_expansion"


def test_the_word_entity_in_text_is_not_a_declaration():
    assert _kind(b"<html><body><p>An ENTITY and an <b>entity</b>: " + PROSE.encode() + b"</p>") is None


@pytest.mark.parametrize("unit", [b"<div>", b"<DIV>", b'<Div class="wrap">', b"<div\n>", b"<SPAN >",
                                  b"<section id=a>", b"<B>"])
def test_deep_nesting_in_any_case_or_with_attributes_is_too_deep(unit):
    page = b"<html><body>" + unit * 1000 + PROSE.encode()
    assert _kind(page) == "too_deep"


def test_nesting_cap_is_the_configured_one():
    page = b"<html><body>" + b"<div>" * 600 + PROSE.encode() + b"</div>" * 600
    assert _kind(page) == "too_deep"
    assert _kind(page, Limits(max_nesting_depth=1000)) is None


def test_many_closed_containers_are_not_deep():
    # thousands of containers, each closed: a long page, not a deep one
    page = b"<html><body>" + b"<div><span>x</span></div>" * 5000 + PROSE.encode()
    assert _kind(page) is None


def test_no_dev_page_is_refused_by_the_markup_checks():
    pages = dev_files("html")
    assert pages
    for p in pages:
        assert _kind(gzip.decompress(p.read_bytes())) is None, p.name


def test_gzip_members_and_padding():
    one = gzip.compress(PROSE.encode() * 50)
    assert gunzip_capped(one, 10_000_000) == PROSE.encode() * 50
    # NUL padding after the member (some tools pad to a block size) is not a second member
    assert gunzip_capped(one + b"\x00" * 64, 10_000_000) == PROSE.encode() * 50
    # concatenated members are one stream (gzip -c a b > c)
    two = one + gzip.compress(b"tail")
    assert gunzip_capped(two, 10_000_000) == PROSE.encode() * 50 + b"tail"
    # the cap covers all members together
    with pytest.raises(RejectError) as e:
        gunzip_capped(two, len(PROSE) * 50 + 3)
    assert e.value.kind == "gzip_bomb"
    # a truncated second member is corrupt, not silently dropped
    with pytest.raises(RejectError) as e:
        gunzip_capped(one + gzip.compress(b"tail" * 100)[:15], 10_000_000)
    assert e.value.kind == "gzip_corrupt"
    # junk after a member is corrupt
    with pytest.raises(RejectError) as e:
        raw_from_bytes(one + b"junk", "x.html.gz", "html", gz=True)
    assert e.value.kind == "gzip_corrupt"


def test_never_visible_elements_give_no_text():
    hidden = ("<script>var a = 'script text';</script><style>.x{}</style><noscript>noscript text</noscript>"
              "<select><option>option text</option></select><button>button text</button>"
              "<textarea>textarea text</textarea><svg><title>svg title</title><text>svg text</text></svg>"
              "<template><p>template text</p></template><iframe>iframe text</iframe>")
    page = f"<html><body><article><p>{PROSE}</p><p>Before {hidden}after.</p></article></body></html>"
    texts = [b.text for b in H.parse_page(page).blocks]
    assert texts == [PROSE.strip(), "Before after."]
    # the same with the invisible elements hidden by markup instead of by tag
    marked = ('<span hidden>a</span><span aria-hidden="true">b</span><span style="display: none">c</span>'
              '<span class="sr-only">d</span>')
    page = f"<html><body><article><p>{PROSE}</p><p>Before {marked}after.</p></article></body></html>"
    assert [b.text for b in H.parse_page(page).blocks] == [PROSE.strip(), "Before after."]


def test_head_is_walked_when_body_is_hidden():
    # a hidden <body> is removed, and the walk falls back to the document root: the <title> is a block,
    # while the head's scripts and styles stay out
    page = (f"<html><head><title>Council budget</title><script>var x = 1;</script><style>p{{}}</style></head>"
            f"<body hidden><p>{PROSE}</p></body></html>")
    texts = [b.text for b in H.parse_page(page).blocks]
    assert "Council budget" in texts
    assert not any("var x" in t or "p{}" in t for t in texts)


def test_control_character_count_matches_its_definition():
    """decode's junk test counts control characters by deleting every other byte of the UTF-8 sample; the
    regex _CTRL_CHARS is the definition. Same count on the dev pages and on crafted strings."""
    from copydesk.core import read as R
    texts = [gzip.decompress(p.read_bytes()).decode("utf-8", "replace")[:20000]
             for p in dev_files("html")]
    texts += ["a\x00b\x01\x08\t\n\x0b\x0c\r\x0e\x1f\x7f\x80\x85\ufffdé中\U0001f600", "\ufffd" * 50 + "x",
              "\x00" * 10, "\ud800 lone surrogate \x02", ""]
    for t in texts:
        assert R._control_count(t) == len(R._CTRL_CHARS.findall(t)), repr(t[:40])
    # a page of 6 % control characters is refused, one of 4 % is text
    assert R._check_text("a" * 96 + "\x01" * 4)
    with pytest.raises(RejectError) as e:
        R._check_text("a" * 94 + "\x01" * 6)
    assert e.value.kind == "binary"


def test_dev_pages_are_parsed_by_lexbor_not_the_fallback():
    """parse_page falls back to BeautifulSoup (no DOM hints) when the lexbor path raises, so a bug in the
    walk would quietly turn every page into hint-less text blocks. Every dev page keeps its DOM hints."""
    from copydesk.core.read import decode
    for p in dev_files("html"):
        pg = H.parse_page(decode(gzip.decompress(p.read_bytes()))[0])
        assert pg.blocks and all(h is not None for h in pg.hints), p.name
