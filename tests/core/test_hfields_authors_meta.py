"""HTML authors from the metadata: values that name nobody."""
from copydesk.core.extract import authors_from_meta
from copydesk.core.html import parse_meta


def test_an_affiliation_with_the_name_left_out_names_nobody():
    assert authors_from_meta({"@type": "Person", "name": ", Acme Daily"}) == []
    assert authors_from_meta(", ACME DAILY") == []
    assert authors_from_meta({"@type": "Person", "name": "Jane Doe, Acme News"}) == ["Jane Doe"]


def test_the_markup_is_read_where_json_ld_leaves_the_name_out():
    html = ('<html><head><script type="application/ld+json">{"@type": "NewsArticle", "author": '
            '{"@type": "Person", "name": ", Acme Daily"}}</script></head><body>'
            '<a href="/staff/123/jane-doe/">Jane Doe</a></body></html>')
    assert parse_meta(html)["author_link"] == "Jane Doe"


def test_a_middle_initial_without_its_stop_is_an_initial_in_metadata():
    assert authors_from_meta("Martin J Okafor") == ["Martin J Okafor"]  # as the page writes it
    assert authors_from_meta({"@type": "Person", "name": "Jane C Doe and John R Roe"}) == ["Jane C Doe", "John R Roe"]
    assert authors_from_meta("Jane Q. Doe") == ["Jane Q. Doe"]
    assert authors_from_meta("Acme A Team") == []  # still no organisation


def test_a_lone_capital_in_a_visible_byline_is_no_initial():
    from copydesk.core.extract import authors_from_byline
    assert authors_from_byline("By Martin J Okafor") == []  # (the byline rules are unchanged)
