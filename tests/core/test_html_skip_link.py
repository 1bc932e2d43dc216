"""Accessibility links to the page's own parts ("Skip to main content") are navigation, inside the article
container or outside it (html._SKIP_LINK), so the non-article widening does not take them back as content."""
from copydesk.core import html as H

PARA = "<p>The shop opens at nine on weekdays and sells hand-thrown mugs, bowls and plates from local potters.</p>"
PAGE = ("<html><head><title>Mugs - Clay Shop</title></head><body><a href='#main'>Skip to main content</a>"
        "<div id='main'>" + PARA * 3 + "<p><a href='#footer'>Jump to footer</a></p></div>"
        "<p>Visit us</p></body></html>")


def _hint(page, text):
    return next(h for b, h in zip(page.blocks, page.hints) if b.text == text)


def test_skip_links_are_navigation_wherever_they_sit():
    page = H.parse_page(PAGE)
    assert _hint(page, "Skip to main content") == ("navigation", "skip_link")
    assert _hint(page, "Jump to footer")[0] != "body"  # inside the container, a link list anyway
    # inside it, as plain text (a link styled by a script), the text cue says what it is
    assert H._text_label(H.Block(1, "Skip to Content", "div")) == ("navigation", "skip_link")
    # the text around them keeps its labels
    assert _hint(page, "Visit us") == ("other_boilerplate", "outside_main_container")
    assert any(h == ("body", "in_main_container") for h in page.hints)


def test_sentences_that_start_alike_are_not_skip_links():
    page = H.parse_page(PAGE.replace("Jump to footer", "Jump to the contents of our spring catalogue of "
                                                       "stoneware and porcelain, out now in every shop"))
    assert ("navigation", "skip_link") not in page.hints[1:]
    assert H._skip_link(H.Block(1, "Skip to the end: the glaze cracked", "p")) is None
