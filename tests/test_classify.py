"""The sample's hand-labelled truth: every one of its 34 non-blank lines and its 14 body paragraphs."""
import re

from copydesk.classify import classify, is_timestamp
from copydesk.records import LABELS, Block
from copydesk.segment import text_blocks


def test_sample_every_line_label(sample_article, expected):
    got = {str(ln.number): ln.label for ln in sample_article.lines}
    assert len(expected["line_labels"]) == 34
    assert got == expected["line_labels"]


def test_sample_body_paragraphs_exact(sample_article, expected):
    assert sample_article.paragraphs == expected["body_paragraphs"]
    assert len(sample_article.paragraphs) == 14


def test_every_line_has_vocabulary_label_and_snake_case_reason(sample_article):
    for ln in sample_article.lines:
        assert ln.label in LABELS
        assert re.fullmatch(r"[a-z][a-z0-9_]*", ln.reason), ln.reason


def test_blank_lines_are_not_labelled_and_numbers_are_file_lines():
    blocks = text_blocks("a\n\n  \nb c\n")
    assert [(b.number, b.text) for b in blocks] == [(1, "a"), (4, "b c")]


def _labels(lines):
    return [ln.label for ln in classify([Block(i, t) for i, t in enumerate(lines, 1)], lang="en")]


PROSE = ("The council voted on Tuesday to approve the new budget after a long debate about the cost of "
         "repairing the city's roads and bridges.")
PROSE2 = ("Residents who spoke at the meeting said the potholes on the main road had damaged their cars and "
          "that repairs were long overdue.")
PROSE3 = ("The mayor said the first repairs would begin in the spring and that the work should be finished "
          "before the end of next year.")


def test_cue_rules_have_their_reasons():
    lines = ["Advertisement", PROSE, "Share this article", PROSE2, "Sign up for our newsletter", PROSE3,
             "Tags: Politics, Budget", "© 2024 Example Media. All rights reserved.",
             "We use cookies to improve your experience on our site."]
    labs = classify([Block(i, t) for i, t in enumerate(lines, 1)], lang="en")
    assert [(l.label, l.reason) for l in labs] == [
        ("advertisement", "ad_marker"), ("body", "sentence_in_main_run"), ("share", "share_words"),
        ("body", "sentence_in_main_run"), ("newsletter", "newsletter_phrase"), ("body", "sentence_in_main_run"),
        ("tags", "tags_prefix"), ("copyright", "copyright_mark"), ("cookie_notice", "cookie_phrase")]


def test_prose_that_mentions_a_cue_word_stays_body():
    para = ("Streaming services have raised subscription prices three times this year, and analysts expect "
            "viewers to cancel more of them as household budgets tighten over the winter months ahead.")
    assert _labels([PROSE, para, PROSE2]) == ["body", "body", "body"]


def test_timestamp_shapes():
    assert is_timestamp("/ 04:53 PM April 27, 2022")
    assert is_timestamp("Updated: 2019-11-19T12:48:14Z")
    assert not is_timestamp("The meeting on April 27, 2022 decided to raise the budget by 20 percent.")
