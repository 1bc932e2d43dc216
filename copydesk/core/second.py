"""A second opinion on an article's body (issue 13 item 3): the story that stops short of the page's prose.

The classifier picks one article-shaped run (text: the max-sum run of prose lines; HTML: the lines of the
chosen container, then the same run). On pages nobody tuned on it sometimes stops early: a box heading
("About the book") or a short promo between two halves of a story ends the run, and the second half is set
aside as `prose_outside_main_run` (or, in HTML, `outside_main_container`). The lines still say so.

1. **Plausibility check** (cheap, every article page): the prose the page set aside only for lying outside
   the run (full sentences, SET_ASIDE_REASONS) against the body's. A story is most of its page's prose; when
   the set-aside prose is at least SHORT_BODY_RATIO times the body, the body is implausible.
2. **Independent candidate** (only when the check fires): a text-density run over the page's lines,
   blind to the classifier's run: a max-sum run where sentences count their characters, the body's lines
   theirs, and every other line costs its characters (boilerplate cues a full penalty, short set-aside
   lines GAP_PENALTY of theirs). A comment thread's heading is a hard stop: the run never crosses into
   the comments.
3. **Reconsider**: when that run holds most of the current body (it is the same story, continued) and its
   added sentences do not read as a teaser list (`_teaser_shaped`), its set-aside sentences become body
   (short lines inside it stay as they were: on the news dev set they were a "trending" headline box
   inside the story) with reason REASON_SECOND_RUN; the line keeps its first decision in
   `LabelledLine.first`. A teaser-shaped run still wins when its sentences weigh at least
   TEASER_OVERRULED_RATIO times the body (a guide cut to its last section). Otherwise the classifier's
   body stands.

Non-article pages are left to `mainframe.widen_non_article`.
"""
from __future__ import annotations

import math
from typing import Optional, Sequence

from copydesk.core.classify import best_segment
from copydesk.core.mainframe import SET_ASIDE_REASONS as WIDENED_REASONS
from copydesk.core.records import LabelledLine, relabelled, relabelled_at

# reasons meaning "outside the chosen run", not "boilerplate" (the classifier's and the DOM's)
SET_ASIDE_REASONS = frozenset({"prose_outside_main_run", "short_outside_main_run", "outside_main_container"})
# A set-aside line counts as the page's prose when it is a sentence of this many characters: about the
# classifier's "near" sentence (NEAR_MIN_WORDS, 5 words). It was 80; a guide or how-to whose steps are short
# sentences ("Before booking vendors, you need clarity.") was then never found implausible, nor continued,
# and kept only its intro. Measured at 30 (80, 50, 40, 20 tried): WCXB text dumps, articles tune 0.916 ->
# 0.918 (10 tune pages up, 3 down; 50: 0.918, 40: 0.918, 20: same as 30 with validation F1 lower),
# validation 0.924 unchanged, all types validation 0.7539 -> 0.7541; news dev text validation 0.9473 ->
# 0.9522, tune unchanged; HTML: WCXB 2 tune articles up, none down, news dev unchanged.
PROSE_MIN_CHARS = 30
SENTENCE_ENDS = (".", "!", "?", "…", '"', "”", "’", "'", "»", ")", "。", "！", "？")
# the check fires when the set-aside prose is at least this many times the body's characters
SHORT_BODY_RATIO = 1.0
# short set-aside lines inside the candidate run (subheadings, "Picked by ...") cost this share of their
# characters; boilerplate lines cost all of theirs
GAP_PENALTY = 0.3
# Lines the candidate run may cross at GAP_PENALTY: the set-aside ones, and two the classifier sets aside for
# where they lie, not for what they say: a headline-shaped line after its run (`headline_after_article`) and
# a short unterminated line outside it (`short_menu_item`). In a guide, the spec and pros/cons bullets under
# each item ("Servers: AMD EPYC processors with up to 128 cores") and its "Features", "Pros", "Cons" read so,
# and at a full penalty they walled off the rest of the story. Measured: WCXB text dumps, 3 tune articles
# gain (0.33 -> 0.60, 0.07 -> 0.16, 0.34 -> 0.62), no page loses, validation and HTML unchanged, news dev
# unchanged in both modes. (`after_widget_heading` as well, tried: 1 tune article up, 2 down, so no: a
# related box's headlines do sit under a widget heading.)
GAP_REASONS = SET_ASIDE_REASONS | {"headline_after_article", "short_menu_item"}
# the candidate replaces nothing: it must hold this share of the current body to extend it
KEEP_BODY_SHARE = 0.8
# a comment thread never continues the story
HARD_STOPS = frozenset({"comment_section"})
# the added sentences must come this many to a piece on average (see `_teaser_shaped`)
PARAGRAPHS_PER_PIECE = 1.5
# ... unless they weigh at least this many times the body: then the body is the tail of the page's prose,
# and a guide or listicle (one sentence under each subheading, shaped like a teaser list) is the story. The
# teaser blocks the shape test exists for weighed 1.1 and 1.2 times their story (news dev set); on WCXB
# tune text dumps, 11 guides cut to their last section came back at 2 (articles 0.898 -> 0.903, validation
# 0.906 -> 0.910; 1 cost the news set its teaser page, 4 gained less)
TEASER_OVERRULED_RATIO = 2.0
REASON_SECOND_RUN = "second_opinion_run"


def _prose(ln: LabelledLine) -> bool:
    t = ln.text.rstrip()
    return len(t) >= PROSE_MIN_CHARS and t.endswith(SENTENCE_ENDS)


def implausible(lines: Sequence[LabelledLine]) -> bool:
    """The plausibility check: the prose set aside outside the run outweighs the body."""
    body = aside = 0
    for ln in lines:
        if ln.label == "body":
            body += len(ln.text)
        elif ln.reason in SET_ASIDE_REASONS and _prose(ln):
            aside += len(ln.text)
    return body > 0 and aside >= SHORT_BODY_RATIO * body


def density_run(lines: Sequence[LabelledLine]) -> tuple[int, int]:
    """The independent candidate: (first, last) line of the max-sum run over line weights (classify's
    best_segment); a hard stop weighs -inf, so no run crosses it."""
    def weight(ln: LabelledLine) -> float:
        if ln.reason in HARD_STOPS:
            return -math.inf
        if ln.label == "body" or (ln.reason in SET_ASIDE_REASONS and _prose(ln)):
            return float(len(ln.text))
        if ln.reason in GAP_REASONS:
            return -GAP_PENALTY * len(ln.text)
        return -float(len(ln.text))
    _, first, last = best_segment([weight(ln) for ln in lines], 0, len(lines))
    return first, last


def _teaser_shaped(lines: Sequence[LabelledLine], a: int, b: int) -> bool:
    """Whether the sentences the run would add read as a teaser list: a story goes on in paragraphs,
    a teaser list gives one snippet at a time between its headline, byline and date lines. Runs of
    consecutive added sentences averaging under PARAGRAPHS_PER_PIECE lines are teasers (on the news dev
    set the run otherwise walked from a story into the other stories' teasers below it)."""
    runs, added, prev = 0, 0, False
    for ln in lines[a:b + 1]:
        cur = ln.label != "body" and ln.reason in SET_ASIDE_REASONS and _prose(ln)
        if cur:
            added += 1
            runs += not prev
        prev = cur
    return runs > 0 and added < PARAGRAPHS_PER_PIECE * runs


def reconsider(lines: Sequence[LabelledLine], page_type: str) -> Optional[list[LabelledLine]]:
    """The lines with the story's set-aside continuation relabelled body, or None (nothing to change: not
    an article, the body is plausible, or the candidate is another region than the body)."""
    if page_type != "article" or not implausible(lines):
        return None
    a, b = density_run(lines)
    body = sum(len(ln.text) for ln in lines if ln.label == "body")
    kept = sum(len(ln.text) for ln in lines[a:b + 1] if ln.label == "body")
    added = [i for i in range(a, b + 1) if lines[i].label != "body" and lines[i].reason in SET_ASIDE_REASONS
             and _prose(lines[i])]
    if kept < KEEP_BODY_SHARE * body or (_teaser_shaped(lines, a, b) and
                                         sum(len(lines[i].text) for i in added) < TEASER_OVERRULED_RATIO * body):
        return None
    out = list(lines)
    for i in added:
        out[i] = relabelled(lines[i], "body", REASON_SECOND_RUN)
    return out


# An article's own unpunctuated lines (a guide's "Best for ...: ..." items, a spec sheet, its subheadings)
# between two of its paragraphs: the classifier takes at most HEADING_RUN_MAX (2) short lines in a row there
# as subheadings when prose stands on both sides, and sets the rest aside line by line
# (`short_outside_main_run`, `short_menu_item`). Here, once the page is known to be an article, every gap
# between two body lines made only of such lines, with no cue line in it (a "Related" heading over other
# stories' headlines has its cue, so such a box stays out), is body (REASON_LIST). Done after the page type,
# not in the classifier: the same rule inside `classify` gave the same bodies but more body lines on
# non-article pages, and the text page-type model then filed 1 % more of WCXB's tune pages as articles.
# Measured (text dumps; HTML unchanged), first for gaps of 3 to 6 lines: WCXB articles tune 0.903 -> 0.908,
# validation 0.910 -> 0.915. Then for gaps of any length from 1 line (a guide's subheading under a
# paragraph that ends in a caption, a resource page's address blocks, pros/cons lists of 7+ lines): WCXB
# text articles tune 0.909 -> 0.916 (210 tune pages up, 46 down), validation 0.915 -> 0.924, all types tune
# 0.778 -> 0.782, validation 0.749 -> 0.754; news dev text tune 0.9570 -> 0.9581 (6 up, 5 down), validation
# 0.9455 -> 0.9473. Tried and dropped: refusing a gap that repeats a line (a shop carousel's "Buy now") or
# holds a line of over 20 words (code): tune 13 up / 17 down and 11 up / 23 down against the rule alone.
# A line the classifier set aside for occurring twice on the page (`repeated_on_page`: a guide's subheadings
# repeated by its table of contents, a pull quote) is the article's own too when it stands in such a gap
# between two of its paragraphs. Measured (text dumps): WCXB articles tune 0.9183 -> 0.9187 (41 tune pages
# up, 15 down: a teaser block or a comment thread's repeated quotes inside the story), all types tune
# 0.7836 -> 0.7839, validation 0.7541 -> 0.7548, articles 0.9236 -> 0.9240; news dev text validation
# 0.9522 -> 0.9524, tune unchanged; HTML unchanged.
# Two cue lines as well, in such a gap only: a caption-worded line (`caption_phrase`: "(left)", "from left
# to right", "illustration of") and an e-mail line (`contact_line`: a resource page's contact under its
# paragraph); both read as the article's own when its paragraphs stand on both sides. Measured (text
# dumps): WCXB articles tune 0.91868 -> 0.91880 (10 tune pages up, 1 down), all types tune 0.78385 ->
# 0.78392, validation 0.75485 -> 0.75486, articles 0.92401 -> 0.92403; news dev text unchanged.
# (Tried and dropped, in the same gaps: a headline-shaped line, `headline_after_article`, a listicle's
# bullets: articles tune +0.0014, 5 up, 1 down (code), 6 up, 0 down when a line with code punctuation keeps
# its gap out, but all types validation 0.7548 -> 0.7547; `caps_heading`: 10 up, 9 down;
# `truncated_teaser`/`caps_teaser`: cost 2 news dev tune pages a related box inside the story;
# `call_to_action`/`copyright_mark`: 12 up, 5 down, news dev tune down.)
LIST_SHORT_REASONS = frozenset({"short_outside_main_run", "short_menu_item", "repeated_on_page",
                                "caption_phrase", "contact_line"})
REASON_LIST = "list_between_body"


def article_lists(lines: Sequence[LabelledLine], page_type: str) -> Optional[list[LabelledLine]]:
    """The lines with an article's own short lines between two body lines relabelled body (see
    LIST_SHORT_REASONS), or None (not an article, or no such gap)."""
    if page_type != "article":
        return None
    bodies = [i for i, ln in enumerate(lines) if ln.label == "body"]
    gaps = [(i, j) for i, j in zip(bodies, bodies[1:])
            if j - i > 1 and all(lines[k].reason in LIST_SHORT_REASONS for k in range(i + 1, j))]
    return relabelled_at(lines, (k for i, j in gaps for k in range(i + 1, j)), "body", REASON_LIST)


# A non-article page's items. The classifier looks for one article-shaped run and sets aside, for where they
# lie rather than for what they say, the short lines around it: a listing's or collection's item headlines
# (`headline_after_article`, `after_widget_heading`: the first item's title reads like a widget heading over
# the rest), a service or documentation page's section heads and feature bullets (`short_outside_main_run`).
# On those pages they are the main content WCXB scores (a listing's items, a service page's sections), and
# `mainframe.widen_non_article` takes back only the set-aside sentences. So on a page filed as one of
# ITEM_REASONS' types, a line set aside for one of its reasons is body (REASON_ITEM) when it lies inside the
# page's content span: between the first and the last line that is body or that the widening takes
# (WIDENED_REASONS; this pass runs before it). Lines before the span (the masthead, the menu) and after it
# (the footer) stay out. On forums the posts are already the run and those lines are the posts' chrome
# (tune: each of the three reasons cost 0.6-0.9 page-F1 summed, 33-40 pages down); there only a post the
# classifier set aside as a copy of earlier lines (`repeated_on_page`, a quoted post: a forum's own later
# pass drops the exact repeats among body lines) comes back. Products were tried with the three reasons:
# tune +0.006 on products, but validation products 0.494 -> 0.450 (the span holds carousels of other
# products), so they stay out. Measured (reasons and types chosen on tune, validation checked once), WCXB
# text word-F1 all types tune 0.789 -> 0.803, validation 0.768 -> 0.790; articles 0.918 -> 0.919 / 0.926 ->
# 0.930 (articles filed otherwise get their lists); listings 0.482 -> 0.561 / 0.559 -> 0.673, services 0.750 ->
# 0.757 / 0.698 -> 0.740, forums 0.728 -> 0.748 / 0.664 -> 0.676; must-not snippets leaked 0.055 -> 0.076 /
# 0.049 -> 0.079. HTML (the container's lines; the outside ones are widened whole): all types tune 0.8433 ->
# 0.8429 (5 pages up, 5 down), validation 0.8021 -> 0.8023. News dev unchanged in both modes (articles).
ITEM_REASONS: dict[str, frozenset[str]] = {
    **dict.fromkeys(("listing", "collection", "service", "documentation"),
                    frozenset({"headline_after_article", "after_widget_heading", "short_outside_main_run"})),
    "forum": frozenset({"repeated_on_page"}),
}
REASON_ITEM = "non_article_item"


def non_article_items(lines: Sequence[LabelledLine], page_type: str) -> Optional[list[LabelledLine]]:
    """The lines with a non-article page's items inside its content span relabelled body (see
    ITEM_REASONS), or None (not such a page type, or no such line)."""
    reasons = ITEM_REASONS.get(page_type)
    if not reasons:
        return None
    span = [i for i, ln in enumerate(lines) if ln.label == "body" or ln.reason in WIDENED_REASONS]
    items = [i for i in range(span[0] + 1, span[-1]) if lines[i].label != "body" and lines[i].reason in reasons] \
        if len(span) > 1 else []
    return relabelled_at(lines, items, "body", REASON_ITEM)
