"""Page type (core.pagetype): every page gets one of PAGE_TYPES and a snake_case reason naming its
evidence; the decision reads page evidence (JSON-LD @type, URL shape, link density, cards, the labels)."""
import re

from copydesk.core.pagetype import PAGE_TYPES, REASON_OF, decide, page_features
from copydesk.core.pagetype_model import MODELS
from copydesk.core.pipeline import process_bytes
from copydesk.core.records import ARTICLE_COLUMNS, Article


def _html(body: str, head: str = "") -> bytes:
    return f"<html><head><title>T</title>{head}</head><body>{body}</body></html>".encode()


STORY = "".join(f"<p>Paragraph {i} of the story tells readers what happened in the town council meeting on "
                f"Tuesday evening, and why the vote on the new budget matters to everyone living there.</p>"
                for i in range(8))


def test_columns_at_the_end_and_on_the_article():
    assert [c for c, _ in ARTICLE_COLUMNS[-2:]] == ["page_type", "page_type_reason"]
    assert "page_type" in Article.__slots__ and "page_type_reason" in Article.__slots__


def test_news_story_is_an_article():
    art = process_bytes(_html("<article><h1>Council passes budget</h1><p class='byline'>By Ann Lee</p>" + STORY +
                              "</article>", '<meta property="og:type" content="article">'),
                        "a.html", "html", url="https://example.org/2024/05/07/council-passes-the-new-budget")
    assert art.page_type == "article"
    assert re.fullmatch(r"[a-z_]+", art.page_type_reason)


def test_product_page_named_by_its_jsonld():
    ld = '<script type="application/ld+json">{"@type": "Product", "name": "Kettle", "offers": {"@type": "Offer"}}</script>'
    art = process_bytes(_html("<h1>Steel kettle</h1><p>$39.99</p><p>Add to cart</p><p>A steel kettle that boils a "
                              "litre of water in two minutes, with a cool-touch handle and an automatic switch.</p>",
                              ld + '<meta property="og:type" content="product">'),
                        "p.html", "html", url="https://shop.example.com/products/steel-kettle")
    assert art.page_type == "product"
    assert art.page_type_reason in set(REASON_OF.values()) | {"prior"}


def test_every_type_and_reason_is_declared_and_decisions_are_deterministic():
    f = page_features([], None, {}, None, [])
    for mode, model in MODELS.items():
        assert set(model["classes"]) <= set(PAGE_TYPES)
        t1, r1 = decide(f, model)
        assert (t1, r1) == decide(dict(f), model)
        assert t1 in PAGE_TYPES and re.fullmatch(r"[a-z_]+", r1)


def test_text_dumps_get_a_type(tmp_path):
    text = "Council passes budget\nBy Ann Lee\nMay 7, 2024\n\n" + "\n\n".join(
        "The council voted on Tuesday to pass the new budget, which raises spending on roads and schools by a "
        "tenth, after a long debate that ran late into the night." for _ in range(6))
    art = process_bytes(text.encode(), "a.txt", "text")
    assert art.page_type in PAGE_TYPES and art.page_type_reason
