"""Forum threads the article walker used to miss: a thread shown only to readers without scripts behind a
loading splash (html.SPLASH_MAX_CHARS), and posts classed as a comment thread (html.REASON_COMMENT_CLASS),
which mainframe.widen_non_article takes back on a forum page when they outweigh the rest of its body."""
from copydesk.core import html as H
from copydesk.core.mainframe import REASON_NON_ARTICLE_CONTENT, widen_non_article
from copydesk.core.records import LabelledLine

POST = ("<div class='topic-body crawler-post'><span class='creator'>{who}</span><div class='post'><p>{text}</p>"
        "</div></div>")
SPLASH_PAGE = """<html><head><title>Which lens for birds? - Photo Forum</title></head><body>
<section id="splash"><div class="preloader-text">Loading</div></section>
<noscript><div id="main-outlet"><h1>Which lens for birds?</h1>{posts}</div></noscript>
<a href="/">Return to the forum</a></body></html>"""
POSTS = [("ana", "I am looking for a lens for bird photography on a small budget, any advice welcome."),
         ("ben", "A used 100-400 zoom is the usual answer, and it holds its value if you sell it later."),
         ("cleo", "Rent one for a weekend first: the weight surprises many people on a long walk.")]


def _text(page) -> str:
    return " ".join(b.text for b in page.blocks)


def test_a_thread_behind_a_loading_splash_is_read_from_noscript():
    page = H.parse_page(SPLASH_PAGE.format(posts="".join(POST.format(who=w, text=t) for w, t in POSTS)))
    for _, t in POSTS:
        assert t in _text(page)


def test_a_page_with_real_visible_text_does_not_read_noscript():
    visible = "<p>" + "A page with its own text, long enough to be more than a splash screen. " * 4 + "</p>"
    html = SPLASH_PAGE.replace('<section id="splash">', visible + '<section id="splash">').format(
        posts=POST.format(who="ana", text=POSTS[0][1]))
    page = H.parse_page(html)
    assert POSTS[0][1] not in _text(page)
    assert "A page with its own text" in _text(page)


def test_comment_thread_tokens_get_their_own_reason():
    assert H._class_info("ipscomment_content comment-724096_wrap")[:2] == ("other_boilerplate",
                                                                            H.REASON_COMMENT_CLASS)
    assert H._class_info("comments-area")[:2] == ("other_boilerplate", H.REASON_COMMENT_CLASS)
    # the token that gave the cue decides: a sidebar holding a comments box is a sidebar
    assert H._class_info("sidebar recent-comments")[:2] == ("other_boilerplate", "dom_class_other_boilerplate")
    assert H._class_info("site-footer")[:2] == ("other_boilerplate", "dom_class_other_boilerplate")


def _forum(post_chars: int, comment_chars: int) -> list[LabelledLine]:
    return [LabelledLine(1, "Forums > Photography", "navigation", "dom_class_navigation"),
            LabelledLine(2, "q" * post_chars, "body", "in_main_container"),
            LabelledLine(3, "c" * comment_chars, "other_boilerplate", H.REASON_COMMENT_CLASS),
            LabelledLine(4, "About us", "other_boilerplate", "in_footer")]


def test_forum_posts_classed_as_comments_become_body():
    got = widen_non_article(_forum(100, 900), "forum", 0.1)
    assert [(ln.label, ln.reason) for ln in got] == [
        ("navigation", "dom_class_navigation"), ("body", "in_main_container"),
        ("body", REASON_NON_ARTICLE_CONTENT), ("other_boilerplate", "in_footer")]
    assert got[2].first == ("other_boilerplate", H.REASON_COMMENT_CLASS)


def test_remarks_under_answers_and_comments_on_other_pages_stay_out():
    # a question-and-answer page: the posts are the body, the remarks under them weigh less
    assert widen_non_article(_forum(900, 300), "forum", 0.1) is None
    # readers' comments under a story, or on a listing, are not its content
    assert widen_non_article(_forum(100, 900), "article", 0.1) is None
    assert widen_non_article(_forum(100, 900), "listing", 0.1) is None

