"""Pages whose <body> shows no text to the walk (script-rendered apps): the text kept for readers without
scripts in <noscript>, else the page with class and style hiding ignored (html._NOSCRIPT_SKIP_TAGS and the
fallback in _parse_lexbor). Synthetic pages built here; WCXB tune forum pages of one engine have this shape."""
from copydesk.core import html as H

POSTS = [
    "I upgraded the agent last week and since then it crashes every few hours on two of our nodes.",
    "Same here after the upgrade; rolling back to the previous release fixed it for us until a patch lands.",
]


def thread(posts) -> str:
    return "".join(f"<div class='crawler-post'><span class='creator'>user{i}</span><p>{p}</p></div>"
                   for i, p in enumerate(posts))


def texts(html: str) -> list[str]:
    return [b.text for b in H.parse_page(html).blocks]


def test_a_page_with_nothing_visible_is_read_from_its_noscript():
    html = (f"<html><head><title>Agent crashes</title></head><body><section id='splash'><div class='dots'>"
            f"</div></section><noscript data-path='/t/1'><h1>Agent crashes</h1>{thread(POSTS)}</noscript>"
            f"</body></html>")
    got = texts(html)
    assert POSTS[0] in got and POSTS[1] in got


def test_noscript_is_still_skipped_when_the_page_shows_text():
    html = (f"<html><body><p>{POSTS[0]}</p><noscript><p>Please enable JavaScript to use this site.</p>"
            f"</noscript></body></html>")
    assert texts(html) == [POSTS[0]]


def test_a_body_hidden_whole_until_a_script_shows_it_is_read_as_it_stands():
    html = f"<html><body><div class='root hide'><p>{POSTS[0]}</p><p>{POSTS[1]}</p></div></body></html>"
    assert texts(html) == POSTS
    # the same page with only part of it hidden keeps hiding that part
    part = f"<html><body><p>{POSTS[0]}</p><div class='hide'><p>{POSTS[1]}</p></div></body></html>"
    assert texts(part) == [POSTS[0]]


def test_text_hidden_by_the_hidden_attribute_stays_hidden_in_the_fallback():
    html = f"<html><body><div class='root hide'><div hidden><p>{POSTS[0]}</p></div></div></body></html>"
    assert texts(html) == []
