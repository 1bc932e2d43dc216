"""Page type on whole small pages (core.pagetype through the pipeline, the shipped HTML model): the shapes
the model must tell apart, a listing of teaser cards and a shop's product page without JSON-LD, and the
negative case, a dated and authored story, which stays an article."""
from copydesk.core.pipeline import process_bytes

PARA = ("The council voted on Tuesday to pass the new budget, which raises spending on roads and schools by a "
        "tenth, after a long debate that ran late into the night at the town hall.")


def _html(body: str, head: str = "") -> bytes:
    return f"<html><head><title>T</title>{head}</head><body>{body}</body></html>".encode()


STORY = _html("<nav><a href='/'>Home</a> <a href='/news'>News</a></nav><article><h1>Council passes the budget</h1>"
              "<p class='byline'>By <a rel='author' href='/people/ann-lee'>Ann Lee</a></p>"
              "<time datetime='2024-05-07T10:00:00Z' class='published'>May 7, 2024</time>" +
              "".join(f"<p>{PARA} Paragraph {i}.</p>" for i in range(8)) + "</article>",
              '<meta property="og:type" content="article">')


def test_dated_authored_story_is_an_article():
    art = process_bytes(STORY, "a.html", "html", url="https://example.org/2024/05/07/council-passes-the-budget")
    assert art.page_type == "article"


def test_listing_of_teaser_cards_is_not_an_article():
    cards = "".join(f"<div class='card'><h3><a href='/blog/post-{i}'>Headline number {i} about the town</a></h3>"
                    f"<p>A short teaser for story {i}, one sentence long.</p><a href='/blog/post-{i}'>Read more</a></div>"
                    for i in range(12))
    art = process_bytes(_html(f"<h1>Latest from the blog</h1><main>{cards}</main>"), "l.html", "html",
                        url="https://example.org/blog/")
    assert art.page_type == "listing"


def test_product_page_shape_is_a_product():
    # a shop page without JSON-LD: a price, a cart button, a short description, a /products/ URL
    body = ("<h1>Steel kettle 1.7 l</h1><p>$39.99</p><p>Was $49.99</p><button>Add to cart</button>"
            "<ul><li>1.7 litre</li><li>2200 W</li><li>Cool-touch handle</li></ul>"
            "<p>A steel kettle that boils a litre of water in two minutes.</p><p>Free shipping over $50</p>")
    art = process_bytes(_html(body, '<meta property="og:type" content="product">'), "p.html", "html",
                        url="https://shop.example.com/products/steel-kettle")
    assert art.page_type == "product"
