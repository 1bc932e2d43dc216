"""Page type in HTML (core.pagetype): the head's evidence (HTML_FEATURES): the <title>'s word count and a
byline or timestamp line next to the first headline; the text model does not read them."""
from types import SimpleNamespace

from copydesk.core.pagetype import HTML_FEATURES, _head_features, page_features
from copydesk.core.pagetype_model import MODELS


def _lines(pairs):
    return [SimpleNamespace(text=t, label=lab, reason="") for lab, t in pairs]


def test_title_words_counts_the_title_og_title_first():
    assert _head_features({"title": "Pricing | Examplesite"}, [])["title_words"] == 3
    meta = {"og:title": "Town council passes the new budget after a long night", "title": "Budget"}
    assert _head_features(meta, [])["title_words"] == 10
    assert _head_features({}, [])["title_words"] == 0
    assert _head_features(None, [])["title_words"] == 0


def test_head_dated_is_a_credit_next_to_the_headline_not_a_card_date_below():
    menu = [("navigation", "Home"), ("navigation", "About")]
    story = menu + [("headline", "Council passes budget"), ("byline", "By Ann Lee"), ("body", "The council met.")]
    assert _head_features({}, _lines(story))["head_dated"] == 1.0
    cards = menu + [("headline", "Latest news")] + [("body", f"Card {i} snippet.") for i in range(20)] + \
        [("timestamp", "May 7, 2024")]
    assert _head_features({}, _lines(cards))["head_dated"] == 0.0
    # no headline: the first body line stands in for it
    assert _head_features({}, _lines([("timestamp", "May 7, 2024"), ("body", "Text.")]))["head_dated"] == 1.0


def test_html_pages_compute_them_text_pages_do_not_and_only_the_html_model_reads_them():
    lines = _lines([("headline", "Council passes budget"), ("byline", "By Ann Lee")])
    meta = {"title": "Council passes the budget after a long debate"}
    blocks = [SimpleNamespace(text="Council passes budget", tag="h1", link_density=0.0)]
    html = page_features(blocks, [None], meta, "https://example.org/a", lines)
    text = page_features(blocks, None, meta, "https://example.org/a", lines)
    assert html["title_words"] == 8 and html["head_dated"] == 1.0
    assert all(text[n] == 0.0 for n in HTML_FEATURES)
    assert set(HTML_FEATURES) <= set(MODELS["html"]["features"])
    assert not set(HTML_FEATURES) & set(MODELS["text"]["features"])
