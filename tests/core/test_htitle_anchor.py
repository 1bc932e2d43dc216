"""Issue 14, HTML titles: the permalink anchor a documentation generator puts in a heading (synthetic page)."""
from copydesk.core.extract import html_title
from copydesk.core.html import parse_meta

PAGE = """<html><head><title>Reading Config Files &#8212; Example Tool 2.1 documentation</title></head>
<body><div class="section"><h1>Reading Config Files<a class="headerlink" href="#reading" title="Link">¶</a></h1>
<p>How the tool finds and reads its configuration.</p></div></body></html>"""


def test_heading_permalink_anchor_is_no_part_of_the_headline():
    meta = parse_meta(PAGE)
    assert meta["h1"] == ["Reading Config Files¶"]  # the heading's text as the page has it
    assert html_title(meta, [], None) == ("Reading Config Files", "headline")


def test_pilcrow_inside_a_headline_stays():
    # only a trailing anchor is cut: a pilcrow the headline itself prints is text
    meta = {"title": "The ¶ Sign in Typesetting | Example Site", "h1": ["The ¶ Sign in Typesetting"]}
    assert html_title(meta, [], "Example Site") == ("The ¶ Sign in Typesetting", "headline")


def test_soft_hyphen_in_a_heading_is_no_character_of_the_headline():
    meta = parse_meta("<html><head><title>Example Town: Boat Permit Applications</title></head><body>"
                      "<h1>Boat Permit Appli&shy;cations</h1><p>Apply before May.</p></body></html>")
    assert html_title(meta, [], None) == ("Boat Permit Applications", "headline")
