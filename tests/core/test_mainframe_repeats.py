"""Body lines a forum or a product page repeats (core.mainframe.drop_repeated_lines, run by
strip_post_chrome): the first copy stays, later ones leave the body; other page types keep every copy."""
from copydesk.core.mainframe import DEDUPE_TYPES, REASON_REPEATED_LINE, drop_repeated_lines, strip_post_chrome
from copydesk.core.records import LabelledLine

DESC = "Enduring comfort in a regular fit, crafted from mid-weight combed cotton with ribbed neck."
SPEC = "Fabric: 100% combed cotton; side seamed; double needle hems."


def product_page() -> list[LabelledLine]:
    texts = [DESC, SPEC, "Size guide", DESC, "  " + DESC + " ", SPEC]
    return [LabelledLine(i, t, "body", "in_main_container") for i, t in enumerate(texts)] + \
        [LabelledLine(9, "Size guide", "navigation", "in_nav")]


def test_later_copies_of_a_body_line_leave_the_body():
    got = drop_repeated_lines(product_page(), "product")
    assert [ln.label for ln in got] == ["body", "body", "body", "other_boilerplate", "other_boilerplate",
                                        "other_boilerplate", "navigation"]
    assert got[3].reason == REASON_REPEATED_LINE and got[3].first == ("body", "in_main_container")
    # a boilerplate copy elsewhere does not count: "Size guide" stays body once
    assert got[2].label == "body"


def test_only_the_repeating_page_types_and_pages_that_repeat():
    assert {"forum", "product", "listing", "service"} == DEDUPE_TYPES
    assert drop_repeated_lines(product_page(), "listing")[3].reason == REASON_REPEATED_LINE
    assert drop_repeated_lines(product_page(), "listing", sure=False) is None  # the type is not sure
    assert drop_repeated_lines(product_page(), "product", sure=False)[3].reason == REASON_REPEATED_LINE
    for ptype in ("article", "documentation", "collection"):
        assert drop_repeated_lines(product_page(), ptype) is None
    assert drop_repeated_lines(product_page()[:3], "product") is None


def test_the_pipeline_pass_runs_both_rules_on_a_forum():
    post = "I had the same crash after the upgrade and rolling back fixed it for now."
    lines = []
    for i in range(3):
        lines += [LabelledLine(3 * i, "Member", "body", "in_main_container"),
                  LabelledLine(3 * i + 1, f"Reply {i}: the agent restarts every few hours here too.", "body",
                               "in_main_container"),
                  LabelledLine(3 * i + 2, post, "body", "in_main_container")]
    got = strip_post_chrome(lines, "forum")
    assert [ln.reason for ln in got if ln.text == "Member"] == ["repeated_post_chrome"] * 3
    assert [ln.label for ln in got if ln.text == post] == ["body", "other_boilerplate", "other_boilerplate"]
