"""The sample's hand-labelled truth: every one of its 34 non-blank lines and its 14 body paragraphs."""
import re

from copydesk.core.classify import TemplateIndex, classify, is_timestamp, site_key
from copydesk.core.records import LABELS, Block
from copydesk.core.segment import text_blocks


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


# --- rules added for the dev benchmark: each asserts its reason code on a small constructed page ---------

ARTICLE = [
    "The city council voted on Tuesday to approve a new budget after a long debate about the cost of "
    "repairing the roads and bridges that residents say have been neglected for years.",
    "Residents who spoke at the meeting said the potholes on the main road had damaged their cars, and "
    "several of them asked the council to start the repairs before the winter.",
    "The mayor said the first repairs would begin in the spring and that the work should be finished "
    "before the end of next year, if the contractors can keep to their schedule.",
    "Opposition members said the plan was too expensive and that the money would have been better spent "
    "on the bus network, which has lost a third of its passengers since the pandemic.",
]


def _classify(lines, **kw):
    return classify([Block(i, t) for i, t in enumerate(lines, 1)], lang="en", **kw)


def _by_text(lines, **kw):
    return {ln.text: (ln.label, ln.reason) for ln in _classify(lines, **kw)}


def test_comment_section_is_not_body_and_ends_the_article():
    comment = ("I have lived on that road for twenty years and I can tell you that the council has promised "
               "the same repairs before every election since then.")
    got = _by_text(ARTICLE + ["12 responses to “Council approves road budget”", "jdoe says:", comment])
    assert got["12 responses to “Council approves road budget”"] == ("other_boilerplate", "comment_section")
    assert got["jdoe says:"] == ("other_boilerplate", "comment_section")
    assert got[comment][0] != "body"
    assert all(got[p] == ("body", "sentence_in_main_run") for p in ARTICLE)


def test_about_the_author_box_ends_the_article():
    bio = ("Jane Doe has covered city politics for the paper since 2010 and was previously a reporter at "
           "a regional radio station where she covered transport.")
    got = _by_text(ARTICLE + ["About the author", bio])
    assert got["About the author"] == ("widget_heading", "about_box_heading")
    assert got[bio][0] != "body"


def test_share_action_caption_and_teaser_cues():
    lines = ARTICLE[:2] + [
        "Click to share on Twitter (Opens in new window)",
        "Image caption The mayor at the opening of the new bridge",
        "The mayor at the opening of the bridge on Monday. Credit: City Hall",
        "The mayor, left, and the council chair open the bridge on Monday.",
    ] + ARTICLE[2:] + [
        "Council approves new budget for road repai...",
        "Week 12 power rankings (133)",
        "Click here to get the app",
        "SINGER SAYS SHOW HELPED HER LOSE 25 POUNDS",
        "All product names are registered trademarks of their respective owners.",
    ]
    got = _by_text(lines)
    assert got["Click to share on Twitter (Opens in new window)"] == ("share", "share_action")
    assert got["Image caption The mayor at the opening of the new bridge"] == ("image_caption", "caption_credit")
    assert got["The mayor at the opening of the bridge on Monday. Credit: City Hall"] == (
        "image_caption", "caption_credit_end")
    assert got["The mayor, left, and the council chair open the bridge on Monday."] == (
        "image_caption", "caption_phrase")
    assert got["Council approves new budget for road repai..."] == ("related_link", "truncated_teaser")
    assert got["Week 12 power rankings (133)"] == ("related_link", "counter_suffix")
    assert got["Click here to get the app"] == ("other_boilerplate", "call_to_action")
    assert got["SINGER SAYS SHOW HELPED HER LOSE 25 POUNDS"] == ("related_link", "caps_teaser")
    assert got["All product names are registered trademarks of their respective owners."] == (
        "legal", "disclaimer_phrase")
    # inline cues between paragraphs do not split the article
    assert all(got[p][0] == "body" for p in ARTICLE)


def test_long_cookie_banner_is_cookie_notice():
    banner = ("This website uses cookies to improve your experience while you navigate through the website. "
              "Out of these cookies, the cookies that are categorized as necessary are stored on your browser "
              "as they are essential for the working of basic functionalities of the website. We also use "
              "third-party cookies that help us analyze and understand how you use this website.")
    assert len(banner) > 320
    assert _by_text(ARTICLE + [banner])[banner] == ("cookie_notice", "cookie_banner")


def test_lone_menu_word_between_paragraphs():
    got = _by_text(ARTICLE[:2] + ["Report"] + ARTICLE[2:])
    assert got["Report"] == ("navigation", "menu_word")
    assert all(got[p][0] == "body" for p in ARTICLE)


def test_sentence_repeated_on_the_page_is_not_body():
    caption = "The new bridge over the river, seen from the east bank on Monday morning."
    got = _classify(ARTICLE[:2] + [caption, caption] + ARTICLE[2:])
    assert [(ln.label, ln.reason) for ln in got if ln.text == caption] == [
        ("other_boilerplate", "repeated_on_page")] * 2


def test_subheadings_between_paragraphs_are_body():
    got = _by_text(ARTICLE[:2] + ["What happens next", "The timetable"] + ARTICLE[2:3] + ["FUNDING"]
                   + ARTICLE[3:])
    assert got["What happens next"] == ("body", "between_body")
    assert got["The timetable"] == ("body", "between_body")
    assert got["FUNDING"] == ("body", "subheading_between_body")


def test_lists_that_belong_to_the_article():
    dates = ["June 9 – West Palm Beach, FL", "June 10 – Tampa, FL", "June 14 – Alpharetta, GA",
             "June 17 – Nashville, TN"]
    got = _by_text(ARTICLE + ["Tour dates"] + dates + ["Related stories", "Council row over bus lanes"])
    assert got["Tour dates"] == ("body", "list_after_body")
    assert all(got[d] == ("body", "list_after_body") for d in dates)
    assert got["Council row over bus lanes"][0] != "body"
    items = ["Main Street bridge", "Harbour Road", "The old railway crossing"]
    got = _by_text(ARTICLE[:3] + ["The council will repair these roads first:"] + items + ["Advertisement"])
    assert got["The council will repair these roads first:"] == ("body", "list_intro_after_body")
    assert all(got[i] == ("body", "list_after_colon") for i in items)


def test_teaser_list_after_a_widget_heading_is_not_body():
    teasers = ["Bus fares to rise in January", "The transport authority said fares would go up by five "
               "per cent to pay for new buses and more drivers on the busiest routes.",
               "New cycle lanes open in the centre", "The first of twelve new cycle lanes opened on Monday, "
               "connecting the station with the university and the hospital."]
    got = _by_text(ARTICLE + ["More from Local News"] + teasers)
    assert got["More from Local News"] == ("widget_heading", "widget_phrase")
    assert all(got[t][0] != "body" for t in teasers)
    assert all(got[p][0] == "body" for p in ARTICLE)


def _site_page(k):
    nav = ["Home", "Politics", "Sport", "Subscribe to our daily briefing and never miss a story from the city.",
           "© 2024 Example Media"]
    body = [f"Story {k}: " + p for p in ARTICLE]
    return [Block(i, t) for i, t in enumerate(nav[:4] + body + nav[4:], 1)]


def test_template_index_marks_lines_shared_by_the_sites_pages():
    pages = [_site_page(k) for k in range(4)]
    index = TemplateIndex.build(("example.com", p) for p in pages)
    promo = "Subscribe to our daily briefing and never miss a story from the city."
    assert index.is_template("example.com", promo)
    assert not index.is_template("example.com", pages[0][5].text)  # a paragraph of one page only
    assert not index.is_template("other.org", promo)  # another site's pages say nothing here
    got = classify(pages[0], lang="en", template=index, site="example.com")
    by = {ln.text: (ln.label, ln.reason) for ln in got}
    assert by["Politics"] == ("other_boilerplate", "site_template")
    assert by[promo] == ("other_boilerplate", "site_template")
    assert [ln.label for ln in got[4:8]] == ["body"] * 4


def test_template_index_needs_enough_pages():
    index = TemplateIndex.build(("example.com", _site_page(k)) for k in range(2))
    assert not index.is_template("example.com", "Politics")  # two pages are not a template yet


def test_site_key_from_url_or_title_line():
    assert site_key("https://www.example.com/news/1") == "example.com"
    assert site_key(None, [Block(1, "Council approves budget | Example News")]) == "example news"
    assert site_key(None, [Block(1, "Council approves budget")]) is None


def test_contact_follow_and_inline_related_lines():
    lines = (ARTICLE[:2] + ["SEE MORE: Council row over bus lanes deepens"] + ARTICLE[2:]
             + ["Have a tip? Jane Doe can be reached at jdoe@example.com.", "Follow us on Twitter"])
    got = _by_text(lines)
    assert got["SEE MORE: Council row over bus lanes deepens"] == ("related_link", "related_prefix")
    assert got["Have a tip? Jane Doe can be reached at jdoe@example.com."] == ("other_boilerplate", "contact_line")
    assert got["Follow us on Twitter"] == ("share", "follow_us")
    assert all(got[p][0] == "body" for p in ARTICLE)  # the inline link does not split the article


def test_quote_introductions_are_not_comment_headers():
    quote = ("“We have waited long enough for these repairs, and the residents of this city deserve roads "
             "that do not damage their cars every single winter,” she told the meeting.")
    got = _by_text(ARTICLE[:2] + ["The mayor said:", quote] + ARTICLE[2:])
    assert got["The mayor said:"][1] != "comment_section"
    assert got[quote] == ("body", "sentence_in_main_run")
    assert all(got[p][0] == "body" for p in ARTICLE)  # the article is not cut at the quote


def test_repeated_or_numeric_short_lines_are_not_subheadings():
    teaser = "Bus fares to rise in January"
    got = _classify(ARTICLE[:1] + [teaser] + ARTICLE[1:2] + [teaser, "6"] + ARTICLE[2:])
    assert [ln.reason for ln in got if ln.text in (teaser, "6")] != []
    assert all(ln.reason not in ("between_body", "subheading_between_body")
               for ln in got if ln.text in (teaser, "6"))
