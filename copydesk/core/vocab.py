"""The vocabularies of the tables, each declared once: line labels (`lines.label`), line reasons
(`lines.reason`: which rule gave the label, conventions §3) and reject kinds (`rejects.error_kind`).

`Literal` types plus the tuples read off them: the values stay plain `str` in records, pickles and tables,
and a type checker sees a misspelt value at the place that emits it. tests/core/test_vocab.py runs both
dev sets and the bad-input cases and fails on any value emitted but not declared here; `markdown()` renders
the lists for the README (its "Vocabularies" block must equal the rendering).
"""
from __future__ import annotations

from typing import Literal, get_args

# --- line labels: the contract from the foundation issue. Every non-blank line gets exactly one. ---------
Label = Literal[
    "body", "page_title", "headline", "timestamp", "byline", "image_alt", "image_caption",
    "advertisement", "widget_heading", "related_link", "newsletter", "tags", "copyright",
    "cookie_notice", "navigation", "share", "legal", "other_boilerplate",
]

# --- line reasons, by the rules that give them ------------------------------------------------------------
# classify.CUES: phrase and shape cues read off the line's text
CueReason = Literal[
    "caption_credit_end", "cookie_banner", "disclaimer_phrase", "contact_line", "javascript_notice", "follow_us", "ad_marker",
    "comment_section", "share_action", "caption_credit", "truncated_teaser", "counter_suffix",
    "about_box_heading", "call_to_action", "cookie_phrase", "tags_prefix", "photo_credit", "newsletter_phrase",
    "copyright_mark", "share_words", "widget_phrase", "related_prefix", "legal_link", "by_prefix",
    "caption_phrase", "menu_word", "date_line", "caps_heading", "caps_teaser",
]
# classify: page evidence (link density, repeats, the site template), the title and the article's run
LineReason = Literal[
    "link_dense", "site_template", "repeated_on_page",
    "title_with_site_suffix", "repeats_page_title", "matches_title_hint", "repeats_headline",
    "subheading_between_body", "sentence_in_main_run", "short_sentence_in_main_run", "between_body",
    "after_widget_heading", "headline_after_article", "short_menu_item", "prose_outside_main_run",
    "short_outside_main_run",
]
# classify: later passes that change a label the first pass gave (the line keeps that first decision in
# LabelledLine.first); each reason names its pass
PassReason = Literal[
    "related_widget_resumes",  # _relabel_related
    "list_intro_after_body", "list_after_colon",  # _colon_lists
    "list_after_body",  # _closing_list
    "non_article_main_content",  # mainframe.widen_non_article: set-aside content of a non-article page
    "second_opinion_run",  # second.reconsider: an article's set-aside continuation, back in its body
    "list_between_body",  # second.article_lists: an article's own list between two of its paragraphs
    "non_article_item",  # second.non_article_items: a non-article page's item line inside its content span
    "repeated_post_chrome",  # mainframe.strip_post_chrome: a forum's per-post rank/joined/posts lines
    "copied_block",  # mainframe.drop_copied_blocks: a later copy of a whole run of container body lines
    "link_line_in_content_span",  # mainframe.link_lines_in_span: a listing's or documentation page's link line
    "number_line_on_product",  # mainframe.product_number_lines: a product page's price, count or size line
]
# html: DOM evidence (tags, roles, the article container, its header zone, short text cues inside it)
DomReason = Literal[
    "in_nav", "in_aside", "in_footer", "dom_role_landmark", "heading_matches_title", "outside_main_container",
    "teaser_card", "h1_heading", "figcaption", "date_above_body", "by_above_body", "heading_above_body",
    "above_first_paragraph", "link_dense", "in_main_container", "ad_label", "widget_heading_phrase",
    "photo_credit", "copyright_sign", "call_to_action_after_body",
    "after_story_subtree",
    "dom_class_comment_thread",  # a comment thread's class ("comment"): furniture under a story, a forum's posts
    "dom_class_card_header",  # a "header" class repeated on a row of cards: a listing's item headers
    "skip_link",  # an accessibility link to the page's own parts ("Skip to main content")
]
# html: a boilerplate class/id token ("dom_class_" + the label the token suggests, html.CLASS_CUES)
DomClassReason = Literal[
    "dom_class_advertisement", "dom_class_cookie_notice", "dom_class_newsletter", "dom_class_related_link",
    "dom_class_share", "dom_class_navigation", "dom_class_other_boilerplate", "dom_class_image_caption",
    "dom_class_tags", "dom_class_byline", "dom_class_timestamp",
]
Reason = Literal[CueReason, LineReason, PassReason, DomReason, DomClassReason]

# --- reject kinds: why a file could not become an article (a row in `rejects`) ----------------------------
RejectKind = Literal[
    # reading bytes (core/read.py)
    "empty", "binary", "decode_error", "gzip_corrupt", "gzip_bomb", "entity_expansion", "huge_attribute",
    "too_deep",
    # reading files (sources/files.py)
    "unreadable", "symlink_outside", "too_large", "warc_corrupt",
    # one page through the core (core/pipeline.py)
    "parse_error", "no_content", "timeout", "internal_error",
    # the worker that ran the page died (run/workers.py)
    "crashed",
]

LABELS: tuple[str, ...] = get_args(Label)
REASON_GROUPS: dict[str, tuple[str, ...]] = {
    "text cues (`classify.CUES`)": get_args(CueReason),
    "page evidence, title and main run (`classify`)": get_args(LineReason),
    "later passes of `classify`, `mainframe` and `second` (the first decision stays in `LabelledLine.first`)": get_args(PassReason),
    "DOM evidence (`html`)": get_args(DomReason),
    "DOM class/id cues (`html.CLASS_CUES`)": get_args(DomClassReason),
}
REASONS: tuple[str, ...] = tuple(dict.fromkeys(r for g in REASON_GROUPS.values() for r in g))
REJECT_KINDS: tuple[str, ...] = get_args(RejectKind)
# html: the reason of a class/id cue by the label it suggests
DOM_CLASS_REASON: dict[str, str] = {r.removeprefix("dom_class_"): r for r in get_args(DomClassReason)}


def markdown() -> str:
    """The vocabularies as Markdown, for the README's block between `<!-- vocab:begin -->` and
    `<!-- vocab:end -->`."""
    def codes(values) -> str:
        return ", ".join(f"`{v}`" for v in values)

    out = [f"**Line labels** ({len(LABELS)}): {codes(LABELS)}", "",
           f"**Line reasons** ({len(REASONS)}), by the rules that give them:", ""]
    out += [f"- {name}: {codes(values)}" for name, values in REASON_GROUPS.items()]
    out += ["", f"**Reject kinds** ({len(REJECT_KINDS)}): {codes(REJECT_KINDS)}"]
    return "\n".join(out) + "\n"
