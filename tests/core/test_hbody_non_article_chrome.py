"""Non-article chrome that the body of a forum or a product page should not keep (core.mainframe): a
forum's per-post numbers and dates (counted by shape), a product's price and count lines, a product's
carousel of other products."""
from copydesk.core.mainframe import (POST_CHROME_MIN_REPEATS, REASON_NON_ARTICLE_CONTENT, REASON_NUMBER_LINE,
                                     REASON_POST_CHROME, forum_post_chrome, product_number_lines,
                                     strip_post_chrome, widen_non_article)
from copydesk.core.records import LabelledLine


def _lines(*rows):
    return [LabelledLine(i + 1, t, lab, why) for i, (t, lab, why) in enumerate(rows)]


def test_forum_post_counts_and_join_dates_leave_by_their_shape():
    rows = []
    for i, (month, posts) in enumerate((("Mar", 14), ("Jun", 1571), ("Oct", 302))):
        rows += [(f"Joined: {month} 2019", "body", "in_main_container"),
                 (f"Posts: {posts}", "body", "in_main_container"),
                 (f"Reply number {i} answers the question with a whole sentence of its own.", "body",
                  "in_main_container")]
    got = forum_post_chrome(_lines(*rows), "forum")
    gone = [ln.text for ln in got if ln.reason == REASON_POST_CHROME]
    assert gone == ["Joined: Mar 2019", "Posts: 14", "Joined: Jun 2019", "Posts: 1571", "Joined: Oct 2019",
                    "Posts: 302"]
    assert all(ln.label == "body" for ln in got if ln.text.startswith("Reply number"))
    # fewer posts than POST_CHROME_MIN_REPEATS: no shape repeats often enough
    assert forum_post_chrome(_lines(*rows[:3 * (POST_CHROME_MIN_REPEATS - 1)]), "forum") is None


def test_a_product_pages_lines_without_words_leave():
    rows = [("Merino crew socks", "body", "in_main_container"), ("€17", "body", "in_main_container"),
            ("4.1", "body", "in_main_container"), ("5 (260)", "body", "in_main_container"),
            ("Soft merino wool keeps your feet warm and dry on long winter walks.", "body", "in_main_container")]
    got = product_number_lines(_lines(*rows), "product")
    assert [ln.text for ln in got if ln.reason == REASON_NUMBER_LINE] == ["€17", "4.1", "5 (260)"]
    assert got[1].label == "other_boilerplate" and got[1].first == ("body", "in_main_container")
    assert product_number_lines(_lines(*rows), "collection") is None
    assert strip_post_chrome(_lines(*rows), "product")[2].reason == REASON_NUMBER_LINE


def test_a_product_pages_teaser_cards_are_not_widened():
    rows = [("This jacket is cut from a heavy waxed cotton that sheds the rain for years.", "body",
             "in_main_container")]
    rows += [(f"Another product number {i} that the shop would also like to sell you today", "related_link",
              "teaser_card") for i in range(4)]
    lines = _lines(*rows)
    assert widen_non_article(lines, "product", 0.1) is None
    wide = widen_non_article(lines, "listing", 0.1)
    assert [ln.reason for ln in wide[1:]] == [REASON_NON_ARTICLE_CONTENT] * 4
