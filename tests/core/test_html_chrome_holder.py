"""A dialog wrapper whose class carries no cue of its own ("v8modal", "ensmodalwrapper": the chrome word
glued to a prefix) but holds the page's longest prose is not the main container when the page has real
content elsewhere (html.CHROME_SUBSTRINGS, _chrome_holder_yields); an ordinary wrapper, and a page whose
only prose is in the dialog, keep the first choice."""
from copydesk.core import html as H
from helpers import container_body as _body

FINE_PRINT = ("Tell us what you need and a licensed technician will call you back within one business day. "
              "Describe the job, the address and the times that suit you, and attach a photo if you can. "
              "Your details are used only to arrange the visit and are never shared with third parties. ")
FEATURES = ("<h2>Panel upgrades</h2><p>We replace worn and undersized panels with modern breakers, so new "
            "appliances and chargers run without tripping the supply.</p>"
            "<h2>Lighting</h2><p>Indoor and outdoor fittings, dimmers and sensors, planned with you room by room "
            "and installed in a single visit.</p>"
            "<h2>Safety checks</h2><p>A full inspection of wiring, sockets and earthing, with a written report "
            "you can give to an insurer or a buyer.</p>")
PAGE = ("<html><head><title>Electricians</title></head><body><nav><a href='/'>Home</a></nav>"
        "<div class='entry-content'>{main}</div>"
        "<div class='{cls}'><div class='post-content'>{form}</div></div></body></html>")


def test_a_glued_modal_class_yields_to_the_page_text():
    for cls in ("v8modal", "ensmodalwrapper", "popupbox open"):
        body = _body(H.parse_page(PAGE.format(main=FEATURES, form=("<p>" + FINE_PRINT + "</p>") * 6, cls=cls)))
        assert "undersized panels" in body, cls
        assert "licensed technician" not in body, cls


def test_an_ordinary_wrapper_and_a_dialog_only_page_keep_the_first_choice():
    body = _body(H.parse_page(PAGE.format(main=FEATURES, form=("<p>" + FINE_PRINT + "</p>") * 6, cls="quote")))
    assert "licensed technician" in body
    # nothing else on the page reaches CHROME_ALT_MIN_SCORE: the dialog's text stays the container
    body = _body(H.parse_page(PAGE.format(main="<a href='/a'>All services</a>", form="<p>" + FINE_PRINT + "</p>",
                                          cls="v8modal")))
    assert "licensed technician" in body
