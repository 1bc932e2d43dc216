"""Issue 14, titles: an <h1> a stated title repeats wins whatever its shape, and a <br> inside an <h1> is a
space (synthetic pages built here)."""
from copydesk.core.extract import html_title
from copydesk.core.html import parse_meta
from helpers import labelled_lines as _lines


def test_h1_repeating_a_stated_title_wins_despite_the_line_filter():
    # "%" and a closing "(1926)" make _not_title refuse a dump line; an <h1> the og:title repeats is still
    # the headline
    meta = {"title": "Coats on sale - Shop", "og:title": "Save 40% on Winter Coats This Week",
            "h1": ["Save 40% on Winter Coats This Week"]}
    assert html_title(meta, [], "Shop") == ("Save 40% on Winter Coats This Week", "headline")
    meta = {"title": "A Treatise on Tea (1926) - Review", "og:title": "*A Treatise on Tea* (1926)",
            "h1": ["A Treatise on Tea (1926)"]}
    assert html_title(meta, [], "Review") == ("A Treatise on Tea (1926)", "headline")


def test_h1_of_interface_shape_not_repeated_is_still_refused():
    # the same "%" h1 that no stated title repeats keeps failing the filter: the stated title is given
    meta = {"title": "Winter coats guide - Shop", "og:title": "Winter coats guide",
            "h1": ["Winter coats 40% off"]}
    assert html_title(meta, [], "Shop") == ("Winter coats guide", "meta")


def test_br_inside_h1_is_a_space():
    meta = parse_meta("<html><head><title>Weekend Coding Agent</title></head><body>"
                      "<h1> WEEKEND<br>CODING<br> <span>AGENT</span> </h1><h1>Plain <b>bold</b>er words</h1>"
                      "</body></html>")
    assert meta["h1"] == ["WEEKEND CODING AGENT", "Plain bolder words"]
    assert html_title(meta, [], None) == ("WEEKEND CODING AGENT", "headline")


def test_slug_line_above_the_byline_beats_a_contents_entry():
    # a table of contents repeats the slug's words in a shorter line; the headline is the one with the
    # byline and date under it
    from copydesk.core.extract import slug_title
    rows = [("Menu", "navigation"), ("Table of Contents", "navigation"), ("What Is Digital Marketing?", "navigation"),
            ("How It Works", "navigation"), ("Channels", "navigation"), ("The Bottom Line", "navigation"),
            ("Understanding Digital Marketing: Key Types and Channels", "other"),
            ("By Jane Example", "byline"), ("Updated September 28, 2025", "timestamp"),
            ("Digital marketing is the use of online channels to promote a product. " * 3, "body")]
    url = "https://example.com/terms/d/digital-marketing.asp"
    assert slug_title(_lines(*rows), url, 9) == "Understanding Digital Marketing: Key Types and Channels"
    # without the byline under it, the shorter line (fewer other words) still wins, as before
    rows[7:9] = [("A note from the editors", "other"), ("Another teaser line here", "other")]
    assert slug_title(_lines(*rows), url, 9) == "What Is Digital Marketing?"


def test_slug_standfirst_above_the_byline_gets_no_bonus():
    # a description sentence under the headline, above the byline, is not the headline
    from copydesk.core.extract import slug_title
    rows = [("Plumbing Industry Trends for 2025", "headline"),
            ("Explore the future of plumbing industry trends in 2025, from smart tech to sustainability.", "other"),
            ("By Jane Example", "byline"),
            ("The plumbing trade keeps changing with new tools and rules every year. " * 3, "body")]
    url = "https://example.com/plumbing-industry-trends-2025/"
    assert slug_title(_lines(*rows), url, 3) == "Plumbing Industry Trends for 2025"


def test_slug_line_printed_twice_beats_a_shorter_one():
    from copydesk.core.extract import slug_title
    rows = [("Best Clothing Subscription Boxes", "navigation"),
            ("The 16 Best Clothing Subscription Boxes in 2025", "other"), ("Share this", "other"),
            ("The 16 Best Clothing Subscription Boxes in 2025", "headline"),
            ("Clothing subscription boxes send a parcel of picked clothes every month or so. " * 3, "body")]
    url = "https://example.com/best-clothing-subscription-boxes/"
    assert slug_title(_lines(*rows), url, 4) == "The 16 Best Clothing Subscription Boxes in 2025"
    rows[1] = ("Another line", "other")  # printed once: the line with the fewest other words wins
    assert slug_title(_lines(*rows), url, 4) == "Best Clothing Subscription Boxes"


BODY = "The first paragraph of the story is long enough to be the body of the page, and it goes on. " * 2


def test_the_slug_is_the_last_hyphenated_part_of_the_path():
    from copydesk.core.extract import url_slug_words
    assert url_slug_words("https://example.edu/online/student-help-desk/tips-for-online-success.php") == {
        "tips", "for", "online", "success"}
    assert url_slug_words("https://example.org/travel-tips/planning/do-i-need-travel-insurance") == {
        "do", "i", "need", "travel", "insurance"}
    assert url_slug_words("https://example.org/guides/coffee") == {"coffee"}


def test_slug_headline_is_no_breadcrumb_nor_standfirst():
    from copydesk.core.extract import slug_title
    url = "https://example.com/guides/packing-tips-guide/"
    lines = _lines(("Packing Tips Guide", "other_boilerplate"), ("Share", "navigation"), ("Print", "navigation"),
                   ("Save", "navigation"), ("Home | Resources | Blog | Packing Tips Guide", "related_link"),
                   ("By Jane Doe", "byline"), (BODY, "body"))
    assert slug_title(lines, url, 6) == "Packing Tips Guide"
    url = "https://example.com/learn/renting-a-car-in-english/"
    lines = _lines(("Renting a Car: Key English Vocabulary", "other_boilerplate"),
                   ("Hit the road with ease! Master renting a car in English with the phrases you need.",
                    "other_boilerplate"), ("By Jane Doe", "byline"), (BODY, "body"))
    assert slug_title(lines, url, 3) == "Renting a Car: Key English Vocabulary"
    # a headline of two questions is a headline
    url = "https://example.com/blog/what-is-catering-what-is-a-caterer/"
    lines = _lines(("Menu", "navigation"), ("What is Catering? What is a Caterer?", "other_boilerplate"),
                   (BODY, "body"))
    assert slug_title(lines, url, 2) == "What is Catering? What is a Caterer?"
