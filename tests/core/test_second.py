"""The article's second opinion (core.second): a body that stops short of the page's prose is continued
with its set-aside paragraphs; a teaser list below the story, a comment thread and non-articles are not."""
from copydesk.core.records import LabelledLine
from copydesk.core.second import (REASON_ITEM, REASON_LIST, REASON_SECOND_RUN, article_lists, density_run,
                                   implausible, non_article_items, reconsider)

S = "This sentence is long enough to count as a paragraph of the story that the page is all about here."


def body(n: int, text: str = S) -> LabelledLine:
    return LabelledLine(n, text, "body", "sentence_in_main_run")


def aside(n: int, text: str = S) -> LabelledLine:
    return LabelledLine(n, text, "other_boilerplate", "prose_outside_main_run")


def cue(n: int, text: str, label: str = "widget_heading", reason: str = "about_box_heading") -> LabelledLine:
    return LabelledLine(n, text, label, reason)


def test_a_story_cut_at_a_box_heading_is_continued():
    lines = [body(1), body(2), cue(3, "About the book"), aside(4), aside(5), aside(6),
             cue(7, "Home | Contact", "navigation", "in_footer")]
    assert implausible(lines)
    got = reconsider(lines, "article")
    assert [ln.label for ln in got] == ["body", "body", "widget_heading", "body", "body", "body", "navigation"]
    assert got[4].reason == REASON_SECOND_RUN and got[4].first == ("other_boilerplate", "prose_outside_main_run")


def test_a_plausible_body_is_left_alone():
    lines = [body(1), body(2), body(3), cue(4, "Related"), aside(5)]
    assert not implausible(lines)
    assert reconsider(lines, "article") is None


def test_teasers_below_the_story_are_not_its_continuation():
    lines = [body(1), body(2), body(3)]
    for i in range(4):  # headline, date, one snippet: another story each time
        lines += [cue(10 * i, "Another headline", "related_link", "headline_after_article"),
                  cue(10 * i + 1, "Nov 20", "timestamp", "date_line"), aside(10 * i + 2)]
    assert implausible(lines)
    assert reconsider(lines, "article") is None


def test_a_guide_cut_to_its_last_section_is_continued_though_teaser_shaped():
    # one sentence under each subheading, the body only the last section: the set-aside sentences weigh
    # TEASER_OVERRULED_RATIO times the body and more, so they are the story, not teasers under it
    lines = []
    for i in range(4):
        lines += [cue(10 * i, "Step heading", "navigation", "short_menu_item"), aside(10 * i + 1)]
    lines += [body(50)]
    got = reconsider(lines, "article")
    assert [ln.label for ln in got].count("body") == 5
    assert got[1].reason == REASON_SECOND_RUN and got[0].label == "navigation"


def test_the_run_never_crosses_into_comments():
    lines = [body(1), cue(2, "12 comments", "other_boilerplate", "comment_section"), aside(3), aside(4), aside(5)]
    assert density_run(lines) == (2, 4)  # the thread alone: another region than the story, so no change
    assert reconsider(lines, "article") is None


def test_short_lines_inside_the_run_keep_their_labels_and_non_articles_are_not_touched():
    short = LabelledLine(3, "Trending now", "other_boilerplate", "short_outside_main_run")
    lines = [body(1), aside(2), short, aside(4), aside(5)]
    got = reconsider(lines, "article")
    assert got[2].label == "other_boilerplate" and got[3].label == "body"
    assert reconsider(lines, "listing") is None


def item(n: int, text: str = "Best for teams: the weekend workshop", reason: str = "short_outside_main_run"):
    return LabelledLine(n, text, "other_boilerplate", reason)


def test_an_articles_own_list_between_paragraphs_is_body():
    lines = [body(1), item(2), item(3, reason="short_menu_item"), item(4), body(5)]
    got = article_lists(lines, "article")
    assert [ln.label for ln in got] == ["body"] * 5
    assert got[2].reason == REASON_LIST and got[2].first == ("other_boilerplate", "short_menu_item")


def test_one_subheading_and_a_long_list_between_paragraphs_are_body_too():
    # a subheading the classifier left out (its paragraph above ends in a caption) and a pros/cons list of
    # a dozen lines: any number of set-aside short lines between two body lines
    lines = [body(1), item(2, "How we tested them"), body(3)] + [item(4 + k) for k in range(12)] + [body(16)]
    got = article_lists(lines, "article")
    assert [ln.label for ln in got] == ["body"] * len(lines)
    assert {ln.reason for ln in got if ln.first} == {REASON_LIST}


def test_a_boxed_list_a_list_after_the_body_and_non_articles_are_not():
    boxed = [body(1), cue(2, "Related", "widget_heading", "widget_phrase"), item(3), item(4), item(5), body(6)]
    assert article_lists(boxed, "article") is None
    # only gaps between two body lines: short lines before the first or after the last stay set aside
    assert article_lists([item(1), body(2), body(3), item(4), item(5)], "article") is None
    # a non-article gets no article list: a listing's menu-shaped lines between two body lines stay out
    # (its items are `non_article_items`' business, for their own reasons)
    assert article_lists([body(1), item(2, reason="short_menu_item"), item(3, reason="short_menu_item"),
                          body(4)], "listing") is None


def test_bullets_set_aside_after_the_run_do_not_wall_off_the_rest_of_the_story():
    # a guide: two paragraphs, then per item a few headline-shaped bullets (set aside only for lying after
    # the run: `headline_after_article`) and its paragraphs; at a full penalty the bullets kept the candidate
    # run from reaching the items' paragraphs
    bullet = "Servers: processors with up to many cores and options"
    lines = [body(1), body(2)]
    for i in range(3):
        lines += [cue(10 * i + k, bullet, "related_link", "headline_after_article") for k in range(5)]
        lines += [aside(10 * i + 6), aside(10 * i + 7)]
    got = reconsider(lines, "article")
    assert got is not None
    assert [ln.label for ln in got].count("body") == 2 + 6
    assert all(ln.label == "related_link" for ln in got if ln.text == bullet)  # the bullets stay as they were


def test_short_lines_set_aside_outside_the_run_are_gaps_not_walls():
    # a guide's item headings and labels ("Features", "Pros") are short lines outside the run
    # (`short_menu_item`); twenty of them between the body and the rest of the story cost the candidate run
    # 600 characters at a full penalty, more than the story it would reach
    label = "Features of the second option"  # 29 characters
    lines = [body(1), body(2)] + [cue(10 + k, label, "navigation", "short_menu_item") for k in range(20)]
    lines += [aside(40 + k) for k in range(4)]
    got = reconsider(lines, "article")
    assert got is not None and [ln.label for ln in got].count("body") == 6
    assert all(ln.label == "navigation" for ln in got if ln.text == label)


def test_a_guide_of_short_step_sentences_is_continued():
    # a how-to whose steps are short sentences (30 to 80 characters) after a one-paragraph intro: they are
    # the page's prose, so the body is implausible and the run continues through them
    steps = ["Before booking vendors, you need some clarity.", "Draft a rough guest list for the venue.",
             "Book the photographer first: they go fast.", "Send the invitations two months ahead."]
    lines = [body(1)] + [aside(2 + k, t) for k, t in enumerate(steps)]
    assert implausible(lines)
    got = reconsider(lines, "article")
    assert [ln.label for ln in got] == ["body"] * len(lines)
    assert got[2].reason == REASON_SECOND_RUN
    # a line under 30 characters is no sentence of the page's prose ("Ask yourselves.")
    assert not implausible([body(1)] + [aside(2 + k, "Ask yourselves now.") for k in range(8)])


def test_a_line_repeated_on_the_page_between_paragraphs_is_body():
    # a guide's subheading that its table of contents repeats: the classifier sets it aside as repeated
    # on the page; between two of the article's paragraphs it is the article's own
    sub = cue(2, "How long does it take to install?", "other_boilerplate", "repeated_on_page")
    lines = [body(1), sub, item(3), body(4)]
    got = article_lists(lines, "article")
    assert [ln.label for ln in got] == ["body"] * 4
    assert got[1].reason == REASON_LIST and got[1].first == ("other_boilerplate", "repeated_on_page")
    # after the last paragraph (a teaser's repeated snippet below the story) it stays set aside
    assert article_lists([body(1), body(2), sub], "article") is None


def test_a_caption_or_e_mail_line_between_paragraphs_is_body():
    # "(left)" wording and an e-mail address are cues elsewhere; between two paragraphs they are the
    # article's own lines (a figure's description, a resource page's contact)
    cap = cue(2, "The new bridge (left) and the old one, seen from the river bank.", "image_caption",
              "caption_phrase")
    mail = cue(4, "Write to the office: help@example.org", "other_boilerplate", "contact_line")
    got = article_lists([body(1), cap, body(3), mail, body(5)], "article")
    assert [ln.label for ln in got] == ["body"] * 5
    assert got[3].reason == REASON_LIST and got[3].first == ("other_boilerplate", "contact_line")
    # a gap that also holds another cue (a newsletter sign-up) stays out
    signup = cue(3, "Sign up for our newsletter", "newsletter", "newsletter_phrase")
    assert article_lists([body(1), mail, signup, body(4)], "article") is None


def test_a_listings_item_headlines_inside_its_content_span_are_body():
    # a blog index: menu lines, then items (headline, snippet sentence), then the footer; the classifier ran
    # its article run over the first snippet and set the other items' headlines aside for where they lie
    lines = [item(1, "Home", "short_menu_item"), item(2, "Latest posts", "after_widget_heading"),
             body(3), item(4, "Planting garlic in autumn", "headline_after_article"), aside(5),
             item(6, "Pruning roses the easy way", "headline_after_article"), aside(7),
             item(8, "Privacy policy", "short_menu_item"), item(9, "More from us", "headline_after_article")]
    got = non_article_items(lines, "listing")
    assert [ln.label == "body" for ln in got] == [False, False, True, True, False, True, False, False, False]
    assert got[3].reason == REASON_ITEM and got[3].first == ("other_boilerplate", "headline_after_article")
    # the widening takes the snippets afterwards (mainframe); this pass leaves them to it
    assert got[5].reason == REASON_ITEM and got[4].reason == "prose_outside_main_run"


def test_a_forums_short_lines_stay_out_but_a_quoted_post_comes_back():
    lines = [body(1), item(2, "Joined: 2019", "short_outside_main_run"),
             item(3, "I had the same problem with the pump last winter, so I swapped it.", "repeated_on_page"),
             body(4)]
    got = non_article_items(lines, "forum")
    assert [ln.label for ln in got] == ["body", "other_boilerplate", "body", "body"]
    assert got[2].reason == REASON_ITEM


def test_products_and_articles_get_no_items_and_a_page_without_a_span_is_left_alone():
    lines = [body(1), item(2, "Customers also bought", "after_widget_heading"), body(3)]
    assert non_article_items(lines, "product") is None
    assert non_article_items(lines, "article") is None
    assert non_article_items([item(1, "Home", "headline_after_article"), body(2)], "listing") is None
    assert non_article_items([item(1, "Home", "headline_after_article")], "service") is None
