"""A forum's per-post chrome (core.mainframe.strip_post_chrome): short lines repeated on every post leave
the body; the posts, and pages of other types, are untouched."""
from copydesk.core.mainframe import POST_CHROME_MIN_REPEATS, REASON_POST_CHROME, forum_post_chrome, strip_post_chrome
from copydesk.core.records import LabelledLine


def thread(n_posts: int) -> list[LabelledLine]:
    lines = []
    for i in range(n_posts):
        lines += [LabelledLine(3 * i, "Member", "body", "in_main_container"),
                  LabelledLine(3 * i + 1, f"Post number {i} says something about the question asked.", "body",
                               "in_main_container"),
                  LabelledLine(3 * i + 2, "Thanks!", "body", "in_main_container")]
    return lines


def test_repeated_rank_lines_leave_a_forum_body():
    got = strip_post_chrome(thread(POST_CHROME_MIN_REPEATS), "forum")
    assert [ln.reason for ln in got if ln.text == "Member"] == [REASON_POST_CHROME] * POST_CHROME_MIN_REPEATS
    assert got[0].label == "other_boilerplate" and got[0].first == ("body", "in_main_container")
    assert all(ln.label == "body" for ln in got if ln.text.startswith("Post number"))


def test_fewer_repeats_and_other_page_types_are_left_alone():
    assert forum_post_chrome(thread(POST_CHROME_MIN_REPEATS - 1), "forum") is None
    assert forum_post_chrome(thread(POST_CHROME_MIN_REPEATS), "article") is None
    assert strip_post_chrome(thread(POST_CHROME_MIN_REPEATS), "article") is None
