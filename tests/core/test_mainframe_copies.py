"""Whole blocks of container text a page carries twice or more (core.mainframe.drop_copied_blocks, run by
strip_post_chrome on every page type): later copies leave the body; a short stretch shared by similar
sections inside running text, and lines html did not place in the container, are left alone."""
from copydesk.core.mainframe import COPY_REASON, REASON_COPIED_BLOCK, drop_copied_blocks, strip_post_chrome
from copydesk.core.records import LabelledLine

STORY = [f"Paragraph {i} of the story says something long enough to count as running prose about topic {i}, "
         f"with a few more words to weigh it." for i in range(8)]


def _lines(texts, reason=COPY_REASON):
    return [LabelledLine(i, t, "body", reason) for i, t in enumerate(texts)]


def test_a_second_copy_of_the_article_leaves_the_body():
    texts = ["Headline"] + STORY + ["Photo: agency"] + STORY
    lines = _lines(texts)
    lines[len(STORY) + 1] = LabelledLine(len(STORY) + 1, "Photo: agency", "image_caption", "photo_credit")
    got = drop_copied_blocks(lines)
    assert [ln.label for ln in got[:len(STORY) + 2]] == ["body"] * (len(STORY) + 1) + ["image_caption"]
    assert {ln.reason for ln in got[len(STORY) + 2:]} == {REASON_COPIED_BLOCK}
    assert got[-1].first == ("body", COPY_REASON)
    # the pipeline's pass runs it on any page type, articles included
    assert strip_post_chrome(lines, "article")[-1].reason == REASON_COPIED_BLOCK


def test_three_copies_back_to_back_keep_the_first():
    # the copies run into each other; the menu after the last one marks the block's end
    lines = _lines(["Intro line of the page."] + STORY * 3) + [LabelledLine(99, "Contact us", "navigation", "in_nav")]
    got = drop_copied_blocks(lines)
    assert sum(ln.label == "body" for ln in got) == len(STORY) + 1
    assert [ln.reason for ln in got[len(STORY) + 1:-1]] == [REASON_COPIED_BLOCK] * (2 * len(STORY))


def test_shared_stretch_inside_running_text_is_kept():
    # two packages list the same five deliverables between their own lines: legitimately repeated
    shared = STORY[:5]
    texts = ["Package A is for younger students."] + shared + ["A closes with its own remark."] + \
        ["Package B is for older students."] + shared + ["B closes with another remark."]
    assert drop_copied_blocks(_lines(texts)) is None


def test_short_runs_and_lines_outside_the_container_are_left_alone():
    short = ["Size S", "Size M", "Size L", "Size XL", "Size XXL"]
    assert drop_copied_blocks(_lines(short + ["Menu"] + short)) is None  # under COPY_MIN_WORDS
    # text dumps carry no container hint: the same copy there is not touched
    assert drop_copied_blocks(_lines(STORY + ["Menu"] + STORY, "sentence_in_main_run")) is None
