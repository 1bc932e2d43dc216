"""A byline away from the headline that gives only an update ("By Jane Doe ⋅ Editor ⋅ Updated May 6, 2025"):
in text mode the best date there is (text_update); a bare "Updated ..." line there is not; in HTML the
metadata decides, as for any shown update it does not confirm as the publication."""
from copydesk.core.extract import apply_meta, basic_fields
from copydesk.core.records import Article
from helpers import labelled_lines as _lines

BODY = "A first paragraph of the guide, long enough to be the body of the page, and a little more. " * 3
FILLER = [("Menu item %d" % i, "navigation") for i in range(20)]


def _guide(stamp, label="byline"):
    # the stamp far above the first body paragraph: outside the header window the date lines are read in
    # and not right under the headline (HEAD_DATE_AFTER lines)
    return _lines(("The Best Folding Bikes For City Riders", "headline"), *FILLER[:8], (stamp, label), *FILLER,
                  ("Our Picks", "widget_heading"), (BODY, "body"))


def test_far_byline_update_is_the_shown_date():
    f = basic_fields(_guide("By Jane Doe ⋅ Senior Editor ⋅ Updated May 6, 2025"), [BODY])
    assert (f["published"], f["published_source"], f["modified"]) == ("2025-05-06", "text_update", "2025-05-06")
    # a long byline with a fact-checker's credit after the stamp
    f = basic_fields(_guide("By Jane Doe, CFP – Updated Mar 5, 2026 at 4:28 PM EST | Fact-checked by John Roe",
                            "related_link"), [BODY])
    assert f["published"][:10] == "2026-03-05" and f["published_source"] == "text_update"


def test_bare_far_update_line_and_a_far_publication_line():
    f = basic_fields(_guide("Updated May 6, 2025", "timestamp"), [BODY])
    assert f["published"] is None  # a bare update stamp away from the headline: no answer
    f = basic_fields(_guide("By Jane Doe | May 6, 2025"), [BODY])
    assert (f["published"], f["published_source"], f["modified"]) == ("2025-05-06", "text_line", None)


def test_far_byline_update_is_not_the_publication_in_html():
    for meta in ({"og:title": "x"}, {"article:modified_time": "2025-05-06T10:00:00Z"}):
        art = Article("a", "a.html", "0", "html", lines=_guide("By Jane Doe ⋅ Editor ⋅ Updated May 6, 2025"))
        for k, v in basic_fields(art.lines, [BODY]).items():
            setattr(art, k, v)
        apply_meta(art, meta)
        assert art.published is None
    art = Article("a", "a.html", "0", "html", lines=_guide("By Jane Doe ⋅ Editor ⋅ Updated May 6, 2025"))
    for k, v in basic_fields(art.lines, [BODY]).items():
        setattr(art, k, v)
    apply_meta(art, {"article:published_time": "2024-01-02"})
    assert art.published == "2024-01-02"
