"""The classifier's repeat marks (issue 13): a page that gives its text twice keeps the first copy; a single
sentence shown twice is still set aside."""
from copydesk.core.classify import COPY_MIN_LINES, classify
from copydesk.core.segment import text_blocks

P = ("The council voted on Tuesday to approve the new budget for the coming year after a long debate. ",
     "Members of the public spoke for and against the plan, which raises spending on roads and schools. ",
     "The mayor said the vote was a good result for the town and thanked the staff for their work. ",
     "Critics said the increase in taxes would hurt families who already struggle with the cost of living. ",
     "The budget takes effect in January, and the first projects are due to start in the spring.")


def labels(text: str) -> list[tuple[str, str, str]]:
    return [(ln.text, ln.label, ln.reason) for ln in classify(text_blocks(text), lang="en")]


def test_a_page_that_gives_its_text_twice_keeps_the_first_copy():
    story = [p.strip() for p in P] + ["Roads and schools", "What comes next"]
    assert len(story) >= COPY_MIN_LINES
    got = labels("\n".join(["Home", "News"] + story + ["Print this page"] + story + ["Contact us"]))
    first = got[2:2 + len(story)]
    assert all(lab == "body" for text, lab, _ in first if text in P[0] + P[1] + P[4])
    second = got[3 + len(story):3 + 2 * len(story)]
    assert all(lab != "body" for text, lab, _ in second if len(text) > 60)


def test_a_single_repeated_sentence_is_still_a_caption_shown_twice():
    got = labels("\n".join([P[0].strip(), P[1].strip(), P[2].strip(), P[1].strip(), P[3].strip()]))
    assert [r for t, _, r in got if t == P[1].strip()] == ["repeated_on_page", "repeated_on_page"]
