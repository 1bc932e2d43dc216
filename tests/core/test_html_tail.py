"""HTML mode: the container's tail after the story's own subtree (html._after_story_subtree)."""
from copydesk.core import html as H
from test_html import PROSE, body_of, hints_by_text, page, paras

BIO = ("Jane Doe covers transport and city politics for the paper and has written about "
       "the northern districts since 2015.")


def test_widget_after_the_story_subtree_is_not_body():
    # the story's paragraphs share one parent; the bio box after it, led by a short heading, is another
    # subtree of the same container
    html = page(f"<article><div class='story'>{paras()}</div>"
                f"<div class='box'><h3>About the author</h3><p>{BIO}</p></div></article>")
    h = hints_by_text(html)
    assert h[BIO] == ("other_boilerplate", "after_story_subtree")
    assert body_of(html) == PROSE


def test_story_going_on_in_a_sibling_div_stays_body():
    # the tail starts with a prose paragraph: the story continued in the next div (an ad split it)
    html = page(f"<article><div class='story'>{paras()}</div><div class='more'><p>{BIO}</p></div></article>")
    h = hints_by_text(html)
    assert h[BIO] == ("body", "in_main_container")
    assert body_of(html) == PROSE + [BIO]


def test_no_story_parent_no_trim():
    # the prose is spread over two parents evenly: no element holds STORY_PARENT_SHARE of it, nothing is cut
    html = page(f"<article><div>{paras(PROSE[:2])}</div><div>{paras(PROSE[2:])}</div>"
                f"<div><h3>About the author</h3><p>{BIO}</p></div></article>")
    assert H.STORY_PARENT_SHARE > 0.5
    assert hints_by_text(html)[BIO] == ("body", "in_main_container")


def test_tail_led_by_a_furniture_heading_is_not_body():
    # the box's heading is already furniture (a widget-heading phrase): the prose under it is still not
    # the story, since the first block after the story's subtree is not a paragraph
    html = page(f"<article><div class='story'>{paras()}</div>"
                f"<div class='box'><h3>Related</h3><p>{BIO}</p></div></article>")
    h = hints_by_text(html)
    assert h["Related"] == ("widget_heading", "widget_heading_phrase")
    assert h[BIO] == ("other_boilerplate", "after_story_subtree")
    assert body_of(html) == PROSE
