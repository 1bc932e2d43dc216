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
