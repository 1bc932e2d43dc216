"""Page chrome that lost its cue for holding most of the page's prose (a footer's fine print, a privacy or
consent dialog) is not the main container when the page has real content elsewhere (html.CHROME_TOKENS,
CHROME_ALT_MIN_SCORE); a page whose only prose is in the footer keeps it."""
from copydesk.core import html as H
from helpers import container_body as _body

FINE_PRINT = ("Offer available to new customers who purchase an eligible device during the promotional period. "
              "Trade-in values vary with the condition, year and configuration of the eligible device. "
              "Monthly installments require a credit approval and a qualifying account in good standing. ")
FEATURES = ("<h2>Quiet by design</h2><p>Removes up to twice as much background noise as the previous model, "
            "so calls and music stay clear on a busy street.</p>"
            "<h2>All-day battery</h2><p>Up to eight hours of listening on one charge, and the case adds four more "
            "full charges when you are away from a plug.</p>"
            "<h2>Fits every ear</h2><p>Five sizes of soft tips come in the box, and a fit test tells you which one "
            "seals best for your ears.</p>")
PAGE = ("<html><head><title>Earbuds</title></head><body><nav><a href='/'>Home</a> <a href='/shop'>Shop</a></nav>"
        "<main><div class='product-hero'>{main}</div></main>"
        "<{tag} class='{cls}'><div class='legal'>{legal}</div></{tag}></body></html>")


def test_a_footer_of_fine_print_yields_to_the_product_text():
    for tag, cls in (("footer", "site"), ("div", "global-footer"), ("div", "modal privacy")):
        page = H.parse_page(PAGE.format(main=FEATURES, legal=("<p>" + FINE_PRINT + "</p>") * 6,
                                        tag=tag, cls=cls))
        body = _body(page)
        assert "twice as much background noise" in body, (tag, cls)
        assert "Trade-in values" not in body, (tag, cls)


def test_without_chrome_cues_the_longest_prose_is_still_the_container():
    # the same page with the fine print in an ordinary section: nothing marks it as chrome
    page = H.parse_page(PAGE.format(main=FEATURES, legal=("<p>" + FINE_PRINT + "</p>") * 6, tag="section",
                                    cls="terms"))
    assert "Trade-in values" in _body(page)


def test_a_page_whose_only_prose_is_the_footer_keeps_it():
    # a shell: two short links in <main>, nothing there reaches CHROME_ALT_MIN_SCORE
    page = H.parse_page(PAGE.format(main="<a href='/a'>Shop all</a>", legal="<p>" + FINE_PRINT + "</p>",
                                    tag="footer", cls="site"))
    assert "Trade-in values" in _body(page)
