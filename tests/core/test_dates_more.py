"""Issue 14, dates (more rules): the shown update over a publication only JSON-LD states."""
from copydesk.core import dates as D
from copydesk.core.extract import apply_meta, basic_fields
from copydesk.core.records import Article
from helpers import labelled_lines as _lines

BODY = "A first paragraph of the story, long enough to be the body of the page. " * 3


def _html(meta, date_line="Updated March 3, 2025"):
    rows = (("A Headline About Garden Ponds", "headline"), (date_line, "timestamp"), (BODY, "body"))
    art = Article("a", "a.html", "0", "html", lines=_lines(*rows))
    for k, v in basic_fields(art.lines, [BODY]).items():
        setattr(art, k, v)
    apply_meta(art, meta)
    return art


LD = {"jsonld": [{"@type": "Article", "datePublished": "2021-05-10T08:00:00+00:00",
                  "dateModified": "2025-03-03T09:30:00+00:00"}]}


def test_shown_update_beats_a_publication_only_jsonld_states():
    art = _html(LD)
    assert art.published[:10] == "2025-03-03" and art.published_source == "text_update"
    # the same with the date line printed without its word
    assert _html(LD, "March 3, 2025").published[:10] == "2025-03-03"
    # an Open Graph publication tag of the shown day agrees with it
    assert _html(dict(LD, **{"article:published_time": "2025-03-03T09:30:00+00:00"})).published[:10] == "2025-03-03"


def test_open_graph_publication_keeps_the_stated_day():
    art = _html(dict(LD, **{"article:published_time": "2021-05-10T08:00:00+00:00"}))
    assert art.published[:10] == "2021-05-10" and art.published_source == "json-ld"
    # a shown day that is not the stated modification: the metadata stays
    assert _html(LD, "Updated March 9, 2025").published[:10] == "2021-05-10"


def test_rank_shown_update():
    assert D.rank("2021-05-10", "json-ld", "2025-03-03", "2025-03-03T09:30:00") == ("2025-03-03", "text_line")
    assert D.rank("2021-05-10", "json-ld", "2025-03-03", "2025-03-03", og_pub="2021-05-10") == ("2021-05-10", "json-ld")
    # a day apart: the zone or a next-day rework, the publication stays
    assert D.rank("2025-03-02", "json-ld", "2025-03-03", "2025-03-03") == ("2025-03-02", "json-ld")


def test_shown_update_in_iso_form_is_a_save_stamp():
    art = _html(LD, "By Jane Doe - 2025-03-03")
    assert art.published[:10] == "2021-05-10"
    assert D.rank("2021-05-10", "json-ld", "2025-03-03", "2025-03-03", shown_iso=True) == ("2021-05-10", "json-ld")


def test_date_line_six_lines_under_the_headline():
    from copydesk.core.extract import text_dates
    rows = [("The Story's Own Headline Goes Here", "headline"), ("Jane Doe", "navigation"),
            ("Senior Garden Editor", "other_boilerplate"), ("Edited by", "other_boilerplate"),
            ("John Roe", "navigation"), ("Updated on Dec. 09, 2025", "timestamp")]
    rows += [("Sidebar entry %d" % i, "navigation") for i in range(20)]
    rows += [(BODY, "body")]
    # (the first body line is 26 lines down: outside the header window)
    assert text_dates(_lines(*rows), head=0) == (None, "2025-12-09")


def test_a_longer_teaser_line_far_under_the_headline_is_not_read():
    from copydesk.core.extract import text_dates
    rows = [("The Story's Own Headline Goes Here", "headline"), ("Jane Doe", "navigation"),
            ("Senior Garden Editor", "other_boilerplate"), ("Edited by", "other_boilerplate"),
            ("Read next: the pond plants we loved most in 2025, from 7/30/2025", "related_link")]
    rows += [("Sidebar entry %d" % i, "navigation") for i in range(20)] + [(BODY, "body")]
    assert text_dates(_lines(*rows), head=0) == (None, None)


def test_a_dot_after_the_day():
    from copydesk.core.extract import parse_date
    assert parse_date("📅Jul. 11. 2025") == "2025-07-11"
    assert parse_date("December 19. 2025") == "2025-12-19"
    assert parse_date("Version 3. 2024") is None  # (not a month)


def test_a_forum_thread_keeps_its_stated_publication():
    # (the date under a thread's title is the last reply's)
    assert D.rank("2021-05-10", "json-ld", "2025-03-03", "2025-03-03", thread=True) == ("2021-05-10", "json-ld")
