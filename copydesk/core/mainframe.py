"""Second opinion on the body once the page type is known (issue 13 item 3): a page that is not an article
has no story to cut out of its teasers; its main content, as WCXB defines it, is the listing's items, the
forum's posts, the product's description and the service page's sections. The classifier looked for one
article-shaped run and labelled the rest boilerplate; here, on pages the page-type model calls
non-article with an article share under NON_ARTICLE_MAX_SHARE, the lines it set aside only for lying
outside that run are taken back as body:

- `outside_main_container` (HTML): outside the chosen article container, with no boilerplate cue of its own
  (nav, footer, aside and class cues keep their labels);
- `prose_outside_main_run` (both modes): sentences outside the main run;
- `teaser_card` (HTML): one of a row of identical linked cards: on a listing those cards are the content
  (on a product page they are other products, and stay out: REASON_TEASER_CARD).

Measured on the tune part (and confirmed on validation), WCXB word-F1 all types: HTML 0.792 -> 0.830,
text 0.725 -> 0.767 (text-mode listings are widened too since the linear text page-type model: see under
WIDEN_MIN_SHARE); articles unchanged (+0.000..0.003); the news dev set (all articles) unchanged in HTML.
Keeping teaser cards on articles as well lifted WCXB articles by 0.01 but cost the news dev set 0.002 on its
tune part, so it is not done (a rule must help on both corpora).
"""
from __future__ import annotations

import re
from collections import Counter
from typing import Mapping, Optional, Sequence

from copydesk.core.dates import MONTH_ABBR_ALT
from copydesk.core.records import LabelledLine, relabelled, relabelled_at

# the page-type model's article share under which a non-article decision is trusted enough to widen the body
# (0.3 and 0.2 were tried: the same pages on the news set, less gained on WCXB)
NON_ARTICLE_MAX_SHARE = 0.5
# the reasons that mean "not in the article's run" rather than "boilerplate" (see the module doc)
SET_ASIDE_REASONS = frozenset({"outside_main_container", "prose_outside_main_run", "teaser_card"})
# A product page's row of identical linked cards is other products ("You may also like", "Frequently bought
# together"), not its description: there teaser cards are not taken back. Measured on WCXB dev tune (HTML),
# product page word-F1 summed +0.24 (3 pages up, none down).
REASON_TEASER_CARD = "teaser_card"
# the set-aside lines must add at least this share of the body's characters: a stray line or two outside
# the run is not a listing's items (measured: 0.25 kept every WCXB gain, 0.5 and 1.0 lost some)
WIDEN_MIN_SHARE = 0.25
# Text dumps widen every non-article type too. Listings were kept out while the text page-type model was a
# forest that had memorised its tune pages (0.19 of WCXB's validation listings called so, and a news dev page
# filed as a listing). With the linear text model (pagetype.py) widening them pays on both corpora: WCXB text
# all types tune 0.779 -> 0.788, validation 0.759 -> 0.767 (listings 0.377 -> 0.481 / 0.512 -> 0.559),
# articles unchanged; the news dev set unchanged (0.958 / 0.952).

# reason code of a line taken back as the main content of a non-article page
REASON_NON_ARTICLE_CONTENT = "non_article_main_content"
# Where an outside line lies (html._outside_places), for the widening to leave it out. It takes back every
# outside line without a cue of its own, from the whole page; three places hold mostly other text than
# WCXB's main content: a <form> (a shop's filter and sort panel, an add-to-cart box, a search form), a
# <header> (the site's masthead: account and cart links, a promo strip), and, when the container lies in a
# <main>, whatever lies outside that <main> (the site's header and footer on a page that marks its main
# content). Measured on WCXB dev (HTML; text dumps have no DOM), the three together, word-F1 tune all
# types 0.8545 -> 0.8554 (48 pages up, 6 down: collections 0.654 -> 0.656, products 0.626 -> 0.634),
# validation 0.8194 -> 0.8247 (27 up, 5 down: collections 0.640 -> 0.663); each alone helped tune. A
# forum's posts often sit in a <form> (the moderation checkboxes): form on forums tune +0.001 but
# validation 0.688 -> 0.683, so not there; a service page's hero often sits in a <header>: header on
# services cost tune (0.8115 -> 0.8108), so not there.
PLACE_FORM, PLACE_HEADER, PLACE_OFF_MAIN = "form", "header", "off_main"
PLACE_TYPES: dict[str, frozenset[str]] = {
    PLACE_FORM: frozenset({"collection", "listing", "product", "service", "documentation"}),
    PLACE_HEADER: frozenset({"collection", "listing", "product", "forum", "documentation"}),
    PLACE_OFF_MAIN: frozenset({"collection", "listing", "product", "service", "forum", "documentation"}),
}
# A listing's item titles and a documentation page's lists of links to its own sections and commands are
# link-dense lines inside the article container, which html labels `link_dense` (a related-links box
# inside a story); the classifier does the same in the DOM-less fallback. On a page called a listing or a
# documentation page, such a line between its first and last body line (after the widening: the
# page's content span, so the menu above and the footer's link lists below stay out) is the page's content.
# Measured on WCXB dev (HTML; text dumps carry no link density), page word-F1 summed by true type, tune:
# listings +0.79 (11 pages up, 1 down), documentation +0.52 (25 up, 8 down), collections called listings
# +0.35, articles -0.01; all types 0.847 -> 0.848; validation all types 0.812 -> 0.814 (listings 3 up, 1
# down, 0.647 -> 0.649; documentation 13 up, 1 down, 0.936 -> 0.942; collections 0.629 -> 0.640, pages called listings);
# news dev unchanged (0.988 / 0.981). Collections were tried too: tune 14 up, 10 down (their truth keeps a
# grid's prices and names but not its filter and sort links). The same lines on the whole page, not only
# inside the span, were tried last session: tune up, validation down (the menus).
LINK_LINE_TYPES = frozenset({"listing", "documentation"})
LINK_LINE_REASONS = frozenset({"link_dense"})
REASON_LINK_LINE = "link_line_in_content_span"
# A listing's items often sit in elements a news page classes as its promotions or its related links
# ("promo-card", "related-story": html's dom_class_advertisement, dom_class_related_link): inside a page
# called a listing, between its first and last body line (after the widening: the content span, as for
# LINK_LINE_TYPES), those lines are items. Measured on WCXB dev tune (HTML; text dumps have no DOM
# reasons), page word-F1 summed: listings +0.92 (6 pages up by 0.01-0.60, 4 down by at most 0.05), an
# article filed as a listing +0.19; with the byline, timestamp, tags and comment classes too, listings
# +0.68 (9 up, 4 down, one 0.30). On the whole page, not only the span: ads +0.25 (4 up, 8 down). All types
# tune 0.8599 -> 0.8608, validation 0.8253 -> 0.8256 (listings 0.6519 -> 0.6527, services filed as listings
# 0.7155 -> 0.7179; must-not snippets found 0.060 -> 0.061). Inside a documentation page's text, a
# reference table of linked names repeats like a row of cards (teaser_card) and sections or notes carry
# generic widget classes (dom_class_other_boilerplate; comment-classed blocks likewise): in its content span
# those are its text. Measured: documentation tune 0.9189 -> 0.9224 (11 pages up, 2 down by 0.001; 387
# lines), validation 0.9427 -> 0.9434. A service page's feature boxes and offer cards repeat like teaser
# cards; when the widening did not take them (the WIDEN_MIN_SHARE gate), those in its content span are its
# sections: services tune 0.8179 -> 0.8189 (11 pages up, 6 down, none by more than 0.08), validation
# 0.7179 -> 0.7224; all types tune 0.8610 -> 0.8611, validation 0.8257 -> 0.8261. (Image captions there
# too: tune 3 up, 3 down.)
SPAN_CUE_REASONS: dict[str, frozenset[str]] = {
    "listing": frozenset({"dom_class_advertisement", "dom_class_related_link"}),
    "documentation": frozenset({"dom_class_other_boilerplate", "teaser_card", "dom_class_comment_thread"}),
    "service": frozenset({"teaser_card"}),
}
# A service page's hero sections and section heads carry class names a news page gives its ads ("banner",
# "promo") and sit above its first paragraph: there they are the page's text, so on a page called a service
# those lines are set aside content too. Measured on WCXB dev tune (HTML; text dumps have no DOM reasons and
# are unchanged), pages called a service, page word-F1 summed: both reasons +1.19 (17 pages up, 5 down),
# the ad-class cue alone +0.80 (8 up, 5 down), the header zone alone +0.18 (9 up, 1 down). On product pages
# the same ad-class lines are mostly real promotions (lines in WCXB's truth: 0.5 k characters, not in it
# 11 k), so it is for services only.
SERVICE_SET_ASIDE_REASONS = SET_ASIDE_REASONS | {"dom_class_advertisement", "heading_above_body"}
# The page's own <h1> inside the container is set aside as the headline (html's `h1_heading`: a story's
# body, like WCXB's truth for articles, starts below it). A service page's or a listing's main content as
# WCXB defines it opens with that heading ("Managed IT support", "Latest news"), so on those page types it
# is body whether or not the widening took anything else (`page_heading`). Measured on WCXB dev (HTML;
# text dumps carry no DOM reasons), page word-F1 summed by true type, tune: services +0.24 (25 pages up, 3
# down), listings +0.01 (2 up); word-F1 tune all types 0.848 -> 0.849, services 0.809 -> 0.810, validation
# services 0.681 -> 0.682 (6 up, 2 down), listings 0.649 -> 0.651, must-have snippets found 0.725 -> 0.726;
# news dev unchanged. On products 8 up, 14 down (the heading is the product's name, which the truth often
# leaves out), collections 5 up, 4 down, documentation 2 up, 1 down: left out.
REASON_H1 = "h1_heading"
# A section head right above a paragraph, outside the container (html's `heading_above_body`: "Why choose
# us", "Our plans") is set aside as a story's widget heading. SERVICE_SET_ASIDE_REASONS takes it back on a
# service page only when the widening fires (the WIDEN_MIN_SHARE gate), so a service page whose body is
# mostly the container's text kept its heads out; they are taken back whether or not the widening fired,
# as the <h1> is. Measured on WCXB dev (HTML; text dumps carry no DOM reasons), word-F1 tune: services
# 0.8189 -> 0.8200 (pages called a service: 26 up, 2 down), validation 0.7224 -> 0.7282; with the forum
# rule below, all types tune 0.8619 -> 0.8622, validation 0.8261 -> 0.8269; articles and news dev
# unchanged. Collections as well: tune 0.7023 -> 0.7027 (14 up, 4 down), validation 0.6657 -> 0.6661, but
# listings filed as collections lost validation 0.002: too little to give up the rule that a collection
# keeps such lines out (tests/core).
HEADING_REASONS: dict[str, frozenset[str]] = {
    "service": frozenset({REASON_H1, "heading_above_body"}),
    "listing": frozenset({REASON_H1}),
}
# Several forum engines class every post of a thread "comment" (one element a post, id "comment-123"), which
# on a news page marks the readers' comments under the story (html gives those lines REASON_COMMENT_CLASS): on a page called a
# forum whose comment-classed lines outweigh the rest of its body (the posts are nowhere else), those lines
# are its posts. On a question-and-answer page the question and answers are the body and the short remarks
# under each one are classed "comment" too; WCXB leaves those out, and they weigh less than the posts.
# Measured on WCXB dev (HTML; text dumps have no DOM reasons), forum word-F1 tune 0.756 -> 0.802, validation
# 0.546 -> 0.665, with html.SPLASH_MAX_CHARS (that rule alone: tune 0.777); taken back on every forum page
# instead, tune 0.797 (6 question-and-answer pages lost 0.07-0.23 each). Tune: 8 pages up, 2 down (one a
# thread whose truth holds the opening post only).
REASON_COMMENT_CLASS = "dom_class_comment_thread"
# A listing's items each have a header classed "header" ("entry-header": the item's title, date, author),
# which the walker sets aside as page chrome unless the class repeats (then html gives REASON_CARD_HEADER): on a page
# called a listing those are its items. Measured on WCXB dev (HTML; text dumps have no DOM reasons), listing
# word-F1 tune 0.628 -> 0.632 (4 pages up, 3 down, one page +0.30), validation 0.639 -> 0.647 (must-have
# snippets found 0.471 -> 0.506); all types 0.847 / 0.811 -> 0.847 / 0.812. On services, products and
# collections the same header lines are mostly chrome (in WCXB's truth 3.1 k words, not in it 8.1 k).
REASON_CARD_HEADER = "dom_class_card_header"
# A shop grid's or a listing's cards name their item in an element classed "caption" ("product-caption",
# "card__caption": the name, the price, the teaser), which the walker labels an image caption
# (REASON_CAPTION_CLASS), as a story's photo caption. On a page called a collection or a listing those lines
# are its items, when they outweigh the rest of its body (the grid is then what the container missed; on a
# page whose body already holds the items they are a second copy, a carousel). Measured on WCXB dev tune
# (HTML; text dumps have no DOM reasons), page word-F1 summed: collections +1.39 (2 pages up from near 0,
# 2 down), listings +0.53 (1 up), a product and a service filed as collections +0.21; all types 0.8577 ->
# 0.8594; without the weight test 5 up, 7 down (pages already right losing 0.05-0.12). Validation
# unchanged (no page there has such a grid). Services and products: their captions are photo captions.
CAPTION_TYPES = frozenset({"collection", "listing"})
REASON_CAPTION_CLASS = "dom_class_image_caption"
# The same holds for a shop grid built of plain links (every card's name and price a link: html labels
# them `link_dense`, as a menu): on a page called a collection whose link-dense lines outweigh its body, the
# container found little (a promo strip, a count of results) and the page's content is its links: the
# grid, and on the pages measured its category menus too, which WCXB's truth for such a page holds (the
# lines taken average 2-5 words; one page in ten has a digit). Measured on WCXB
# dev tune (HTML), page word-F1 summed: collections +1.40 (4 pages up, from 0.00-0.04 to 0.37-0.82, 1
# down), all types 0.8594 -> 0.8599; the two pages lost (1.0 -> 0.0) are pages whose truth is empty,
# scored 1.0 only for our empty body. Validation collections 0.6654 -> 0.6657 (all types unchanged). Listings
# were tried before (near-empty listings taking link lines: not kept).
GRID_LINK_TYPES = frozenset({"collection"})
REASON_LINK_DENSE = "link_dense"
# A forum's posts each carry the same chrome: the poster's rank ("Member", "New Member"), "Joined",
# "Posts", "Reaction score", "Original poster". A body line of at most POST_CHROME_MAX_WORDS words found
# POST_CHROME_MIN_REPEATS times or more on a forum page is that chrome, not a post (WCXB lists these as
# must-not snippets). Measured on WCXB dev (HTML; text dumps unchanged): forum word-F1 tune 0.594 -> 0.600,
# validation 0.395 -> 0.399; must-not snippets leaked, all types, 0.063 -> 0.059 / 0.070 -> 0.067. On the
# other non-article types the same rule cost validation 0.003, so it is for forums only.
POST_CHROME_TYPES = frozenset({"forum"})
POST_CHROME_MAX_WORDS = 4
POST_CHROME_MIN_REPEATS = 3
REASON_POST_CHROME = "repeated_post_chrome"
# The widening takes back a forum's lines outside the container, and with the posts it takes the thread's
# own chrome, which sits there as short lines: the thread's stats ("Replies 154", "Views 26.2k", "Top
# posters"), a poster's name and badge counts, a comment's author ("- Jane Doe"), "Share", "Quote". Those
# come once a post or once a page, so the repeat test above misses most. On a forum a set-aside line of at
# most POST_CHROME_MAX_WORDS words and SHORT_CHROME_MAX_CHARS characters is not taken back (the posts it
# widens for are sentences; a name with its post count, the longest such chrome seen, has 27). Text dumps
# widen only sentences (`prose_outside_main_run`), short replies ("Thanks, that worked!") among them: those
# are still taken (SHORT_KEPT_REASONS; without it WCXB text forums tune 0.7480 -> 0.7477). Measured on WCXB
# dev HTML, word-F1: forums tune 0.8088 -> 0.8111 (15 pages up, 3 down by at most 0.006), validation
# 0.6852 -> 0.6868; all types tune 0.8619 -> 0.8621, validation 0.8261 -> 0.8263 (the rule alone, words
# only); must-not snippets leaked 0.061 -> 0.058; articles, text dumps and news dev unchanged.
SHORT_CHROME_TYPES = frozenset({"forum"})
SHORT_KEPT_REASONS = frozenset({"prose_outside_main_run"})
SHORT_CHROME_MAX_CHARS = 40
# The same chrome carries each poster's own numbers and dates ("Posts: 701", "Join Date: Jun 2024",
# "14,796", "answered Jul 7, 2012 at 3:07"): no two lines are equal, but they share one shape. Lines are
# counted by their shape (every digit run read as 0, every English month name as M), so such lines repeat
# as the rank lines do. Measured on WCXB dev tune (HTML), forum page word-F1 summed: +0.32 (42 pages up, 7
# down: a post that is only a short dated line).
_DIGITS = re.compile(r"\d+")
_MONTH = re.compile(rf"\b(?:{MONTH_ABBR_ALT})[a-z]*\b", re.I)
# Forums and product pages repeat their content: a post quoted whole in a reply, a product's description
# in a desktop tab and again in a mobile accordion. WCXB's truth holds each such text once, and a
# bag-of-words score counts every copy as noise. On those page types a body line equal to an earlier body
# line leaves the body (label other_boilerplate, the classifier's `repeated_on_page` reason). Measured on
# WCXB dev tune, pages by their predicted type, page word-F1 summed: HTML forum +2.29 (41 pages up, 17
# down), product +1.62 (58 up, 11 down); text forum +0.06 (17 up, 7 down), product +0.13 (21 up, 2 down).
# Collections were tried and left out: their truth lists every item's attributes, which items share
# ("Screen size: up to 28 in."); HTML +1.16 (32 up, 18 down) but text -0.34 (8 up, 6 down). On
# documentation (code and commands legitimately repeated: HTML 11 up, 29 down) and articles it cost or did
# nothing. Listings and services did nothing when first measured; measured again once the widening took
# more of their pages (their teaser rows and feature boxes repeat a "Read more", a card's tag, a whole
# teaser shown in two carousels), WCXB dev word-F1, both types added: HTML all types tune 0.8554 ->
# 0.8562 (70 pages up, 35 down), validation 0.8247 -> 0.8256 (listings 0.653 -> 0.659 / 0.655 -> 0.652,
# services 0.811 -> 0.812 / 0.707 -> 0.715); text tune 0.8027 -> 0.8036 (68 up, 19 down), validation
# 0.7901 -> 0.7914 (listings 0.561 -> 0.566 / 0.673 -> 0.683, services 0.757 -> 0.761 / 0.740 -> 0.744).
# Those two only where the page type is sure, as for the widening (a URL, an article share under
# NON_ARTICLE_MAX_SHARE): a story without a URL can be filed a service (page_size), and its legitimately
# repeated lines would go (tests/core: a listicle whose sections repeat a paragraph).
DEDUPE_TYPES = frozenset({"forum", "product", "listing", "service"})
DEDUPE_SURE_TYPES = frozenset({"listing", "service"})
REASON_REPEATED_LINE = "repeated_on_page"
# A page can carry its whole content two or three times (a desktop and a mobile copy of the article, the
# same text in a tab pane and in an accordion): WCXB's truth holds it once, and every later copy is noise to
# a bag-of-words score. Line-level dedupe on every page type (above, forums and products only) was mixed,
# because short lines legitimately repeat; a whole copied block does not: a run of at least COPY_MIN_LINES
# consecutive body lines equal, in order, to an earlier run of body lines, with COPY_MIN_WORDS words or more,
# is a copy and leaves the body (REASON_COPIED_BLOCK), on every page type.
COPY_MIN_LINES = 5
COPY_MIN_WORDS = 100
# how many earlier places of a line's text are tried as the start of the copied run
COPY_SOURCES = 4
REASON_COPIED_BLOCK = "copied_block"
# A whole copy is a block of its own: the line before it or the line after it is not container text (a
# heading, a photo credit, the menu below). A run that sits inside running container text on both sides is
# a shared stretch of similar sections (the same meal in several meal plans, the same deliverables in two
# packages: legitimately repeated, and in the truth): left alone. Measured: without that test a news dev page
# of meal plans lost 0.21 (news dev HTML, all pages, 0.9855 -> 0.9836) and two WCXB service pages lost 0.03-0.05.
# A run of COPY_LONG_WORDS words or more is a copy wherever it sits (an article repeated back to back, its
# copies then run into each other): the shared stretches above were at most a few hundred words.
COPY_LONG_WORDS = 500
# Only lines html placed in the chosen container (its hint, kept as the line's first decision) count: the
# copies this was built for are whole DOM blocks there. In text dumps (no DOM) the same runs are mostly
# widened pieces (after_widget_heading, prose_outside_main_run) and the rule was mixed: WCXB text tune
# 0.8027 -> 0.8031 (10 pages up) but validation 0.7901 -> 0.7898 (1 up, 2 down), so text is left alone.
# Measured on WCXB dev HTML, word-F1: all types tune 0.8530 -> 0.8537 (4 pages up, 0 down: two articles
# carrying two and three copies, a service, a collection), validation 0.8152 -> 0.8162 (1 up, 0 down);
# articles tune 0.9442 -> 0.9452, validation 0.9533 -> 0.9554; news dev unchanged (0.988 / 0.981).
COPY_REASON = "in_main_container"
# A product page's buy box and review widget print prices, counts, sizes and ratings on lines of their own
# ("$22", "€17", "4.1", "(132)", "5 (260)", "1–9 20"); WCXB's truth for a product is its description, which
# holds words. On a product page a body line without a letter leaves the body. Measured on WCXB dev tune
# (HTML), page word-F1 summed: products +0.16 (35 pages up, 8 down), a collection filed as a product +0.06.
# On collections and listings (their truth keeps the grid's prices) the same rule cost 0.39 and 0.49.
NUMBER_LINE_TYPES = frozenset({"product"})
_LETTER = re.compile(r"[^\W\d_]")
# The same widget's price lines carry a word or two as well ("From $24.99", "$659.99 was $761.98", "You save
# $15", "Price 19,90 €"): on a product page a body line of at most PRICE_LINE_MAX_WORDS words that states a
# price (a currency sign or code next to a number) leaves the body too; the description's own sentences
# are longer. Measured on WCXB dev tune, page word-F1 summed on pages called products: HTML products +0.20
# (11 pages up, 1 down), collections filed as products -0.06 (2 up, 1 down); text +0.001 (1 up); at 4
# words +0.18, at 8 words +0.10 (14 up, 3 down: longer lines hold the description's own prices). Review
# counts and star ratings ("4.6 out of 5 stars", "1,113 ratings") as well: HTML +0.07 more but text -0.01.
PRICE_LINE_MAX_WORDS = 6
PRICE = re.compile(r"[$€£¥₹]\s?\d|\d(?:[.,]\d\d)?\s?(?:[$€£]|kr|zł|USD|EUR|GBP)(?!\w)")
REASON_NUMBER_LINE = "number_line_on_product"


# A product page states its description in its JSON-LD Product object (html: meta "product_description"),
# and WCXB's truth for a product is that description; the page's own copy of it often sits in a block the
# walker set aside (a class cue such as "related", a tab pane marked as chrome), so the body misses it. On a
# non-article page (of any type: a product is often filed a collection or a service), a line set aside
# whose text, of DESCRIBED_MIN_CHARS or more, lies in that description is body, unless
# the body already holds the same text or the classifier set it aside as a copy (repeated_on_page). Measured
# on WCXB dev tune (HTML; text dumps carry no JSON-LD), 35 product pages state a description; page word-F1
# summed: products +1.17 (8 pages up, 3 down; product F1 0.635 -> 0.648, all types 0.8567 -> 0.8577),
# other types unchanged; validation products 0.6044 -> 0.6042 (all types unchanged). 10 characters took
# more short shared lines (9 up, 7 down), 30 fewer description lines (+1.01).
# (The reason is the widening's, REASON_NON_ARTICLE_CONTENT: set-aside content of a non-article page.)
DESCRIBED_MIN_CHARS = 20


def type_is_sure(article_share: float, has_url: bool) -> bool:
    """Whether the page-type model's non-article decision is trusted enough to act on (the widening, the
    dedupe of DEDUPE_SURE_TYPES): the page has a URL (see widen_non_article) and the model's article share
    is under NON_ARTICLE_MAX_SHARE."""
    return has_url and article_share < NON_ARTICLE_MAX_SHARE


def widen_non_article(lines: Sequence[LabelledLine], page_type: str, article_share: float,
                      has_url: bool = True, places: Optional[Mapping[int, frozenset[str]]] = None,
                      description: Optional[str] = None) -> Optional[list[LabelledLine]]:
    """The lines, with set-aside content of a non-article page relabelled body (reason
    REASON_NON_ARTICLE_CONTENT); None (nothing to change) for articles, pages the model is unsure about
    and pages with little set aside. Pages without a URL are not widened: every page the model was
    trained on had one, and without it a short story reads like a site's home page (its type is still
    given). `places`: {line number: places} of outside lines (html._outside_places); a line in a place
    PLACE_TYPES names for this page type is not taken back. `description`: the page's JSON-LD Product
    description (described_lines)."""
    if page_type == "article" or not type_is_sure(article_share, has_url):
        return None
    reasons = SERVICE_SET_ASIDE_REASONS if page_type == "service" else SET_ASIDE_REASONS
    if page_type == "product":
        reasons = reasons - {REASON_TEASER_CARD}
    if page_type == "listing":
        reasons = reasons | {REASON_CARD_HEADER}
    if page_type in CAPTION_TYPES and _outweighs_body(lines, REASON_CAPTION_CLASS):
        reasons = reasons | {REASON_CAPTION_CLASS}
    if page_type in GRID_LINK_TYPES and _outweighs_body(lines, REASON_LINK_DENSE):
        reasons = reasons | {REASON_LINK_DENSE}
    if page_type == "forum" and _outweighs_body(lines, REASON_COMMENT_CLASS):
        reasons = reasons | {REASON_COMMENT_CLASS}
    out = {n for n, ps in (places or {}).items() if any(page_type in PLACE_TYPES[p] for p in ps)}
    taken = [i for i, ln in enumerate(lines) if ln.label != "body" and ln.reason in reasons and ln.number not in out]
    if page_type in SHORT_CHROME_TYPES:
        taken = [i for i in taken if lines[i].reason in SHORT_KEPT_REASONS or not _short_line(lines[i].text)]
    body = sum(len(ln.text) for ln in lines if ln.label == "body")
    aside = sum(len(lines[i].text) for i in taken)
    # a later pass: the line keeps the classifier's decision in `first` (as classify._relabel does)
    wide = None if aside < WIDEN_MIN_SHARE * body else \
        relabelled_at(lines, taken, "body", REASON_NON_ARTICLE_CONTENT)
    wide = page_heading(wide or lines, page_type) or wide
    wide = link_lines_in_span(wide or lines, page_type) or wide
    return described_lines(wide or lines, description) or wide


def described_lines(lines: Sequence[LabelledLine], description: Optional[str]) -> Optional[list[LabelledLine]]:
    """The lines with the set-aside lines that repeat the page's product description (see
    DESCRIBED_MIN_CHARS) relabelled body (REASON_NON_ARTICLE_CONTENT); None when there is none. Cost:
    one substring test per set-aside line, on pages that state a description only."""
    if not description:
        return None
    body = {" ".join(ln.text.split()) for ln in lines if ln.label == "body"}
    taken = []
    for i, ln in enumerate(lines):
        if ln.label != "body" and ln.reason != REASON_REPEATED_LINE and len(ln.text) >= DESCRIBED_MIN_CHARS:
            t = " ".join(ln.text.split())
            if t in description and t not in body:
                taken.append(i)
    return relabelled_at(lines, taken, "body", REASON_NON_ARTICLE_CONTENT)


def page_heading(lines: Sequence[LabelledLine], page_type: str) -> Optional[list[LabelledLine]]:
    """The lines with the page's heading lines (HEADING_REASONS: the container's <h1> on services and
    listings, the section heads above a paragraph on services) relabelled body
    (REASON_NON_ARTICLE_CONTENT), whether or not the widening took anything else; None when there is none."""
    reasons = HEADING_REASONS.get(page_type)
    if not reasons:
        return None
    return relabelled_at(lines, [i for i, ln in enumerate(lines) if ln.reason in reasons and ln.label != "body"],
                         "body", REASON_NON_ARTICLE_CONTENT)


def link_lines_in_span(lines: Sequence[LabelledLine], page_type: str) -> Optional[list[LabelledLine]]:
    """The lines with the link-dense lines between the first and the last body line of a listing or a
    documentation page relabelled body (REASON_LINK_LINE, see LINK_LINE_TYPES), and on the page types of
    SPAN_CUE_REASONS their class-cued lines there (REASON_NON_ARTICLE_CONTENT); None when the page is not
    one of those types or has no such line."""
    cue_reasons = SPAN_CUE_REASONS.get(page_type, frozenset())
    if page_type not in LINK_LINE_TYPES and not cue_reasons:
        return None
    span = _content_span(lines)
    links = [i for i in span if lines[i].reason in LINK_LINE_REASONS] if page_type in LINK_LINE_TYPES else []
    cues = [i for i in span if lines[i].reason in cue_reasons]
    out = relabelled_at(lines, links, "body", REASON_LINK_LINE)
    return relabelled_at(out or lines, cues, "body", REASON_NON_ARTICLE_CONTENT) or out


def _short_line(text: str) -> bool:
    """Whether a line is as short as a forum's chrome (SHORT_CHROME_MAX_CHARS, POST_CHROME_MAX_WORDS)."""
    return len(text) <= SHORT_CHROME_MAX_CHARS and len(text.split()) <= POST_CHROME_MAX_WORDS


def _content_span(lines: Sequence[LabelledLine]) -> list[int]:
    """The indices of the lines after the first and before the last body line that are not body (an
    empty list when the page has fewer than two body lines)."""
    body = [i for i, ln in enumerate(lines) if ln.label == "body"]
    return [i for i in range(body[0] + 1, body[-1]) if lines[i].label != "body"] if len(body) > 1 else []


def _outweighs_body(lines: Sequence[LabelledLine], reason: str) -> bool:
    """Whether the page's lines of that reason (REASON_COMMENT_CLASS, REASON_CAPTION_CLASS,
    REASON_LINK_DENSE) outweigh its body lines, in characters."""
    body = sum(len(ln.text) for ln in lines if ln.label == "body")
    return sum(len(ln.text) for ln in lines if ln.reason == reason) > body


def strip_post_chrome(lines: Sequence[LabelledLine], page_type: str, sure: bool = True
                      ) -> Optional[list[LabelledLine]]:
    """The lines with what a page repeats set aside: a forum's post chrome (`forum_post_chrome`), later
    copies of a whole block of container text on any page type (`drop_copied_blocks`), then on forums and
    products body lines repeating an earlier one (`drop_repeated_lines`), then a product's lines without a
    letter (`product_number_lines`); None when nothing changed. (The pipeline's one call for the passes
    over repeated lines and a page's chrome.) `sure`: whether the page type is sure (DEDUPE_SURE_TYPES)."""
    chrome = forum_post_chrome(lines, page_type)
    chrome = drop_copied_blocks(chrome or lines) or chrome
    chrome = drop_repeated_lines(chrome or lines, page_type, sure) or chrome
    return product_number_lines(chrome or lines, page_type) or chrome


def drop_copied_blocks(lines: Sequence[LabelledLine]) -> Optional[list[LabelledLine]]:
    """The lines with every run of container body lines that repeats, line for line and in order, an
    earlier run (see COPY_MIN_LINES, COPY_LONG_WORDS, COPY_REASON) set aside as `other_boilerplate` /
    REASON_COPIED_BLOCK; None when there is none. Cost: one pass over the body lines with a dict of where
    each text was seen; a line seen before is compared forward with at most COPY_SOURCES earlier places,
    and a run found is skipped whole."""
    idx = [i for i, ln in enumerate(lines) if ln.label == "body"]
    # a body line html did not place in the container (None) matches nothing and so ends a run
    texts = [" ".join(lines[i].text.split()) if _container_line(lines, i) else None for i in idx]
    seen: dict[str, list[int]] = {}
    runs: list[list[int]] = []  # [start, end) in the body lines of each copied run
    p = 0
    while p < len(texts):
        if texts[p] is None:
            p += 1
            continue
        best = 0
        for s in seen.get(texts[p], ())[:COPY_SOURCES]:
            n = 0
            while p + n < len(texts) and s + n < p and texts[p + n] is not None and texts[s + n] == texts[p + n]:
                n += 1
            best = max(best, n)
        if best >= COPY_MIN_LINES and sum(len(t.split()) for t in texts[p:p + best]) >= COPY_MIN_WORDS:
            if runs and runs[-1][1] == p and idx[p] == idx[p - 1] + 1:  # a third copy right after the second
                runs[-1][1] = p + best
            else:
                runs.append([p, p + best])
            p += best
            continue
        seen.setdefault(texts[p], []).append(p)
        p += 1
    gone = {i for a, b in runs for i in idx[a:b]
            if not _container_line(lines, idx[a] - 1) or not _container_line(lines, idx[b - 1] + 1)
            or sum(len(t.split()) for t in texts[a:b]) >= COPY_LONG_WORDS}
    return relabelled_at(lines, gone, "other_boilerplate", REASON_COPIED_BLOCK)


def _container_line(lines: Sequence[LabelledLine], i: int) -> bool:
    """Whether line i exists and is a body line html placed in the container (COPY_REASON)."""
    return 0 <= i < len(lines) and lines[i].label == "body" and \
        (lines[i].first or (None, lines[i].reason))[1] == COPY_REASON


def forum_post_chrome(lines: Sequence[LabelledLine], page_type: str) -> Optional[list[LabelledLine]]:
    """The lines with a forum's repeated post chrome (see POST_CHROME_MIN_REPEATS) set aside as
    `other_boilerplate` / REASON_POST_CHROME; None when the page is not a forum or has none."""
    if page_type not in POST_CHROME_TYPES:
        return None
    shapes = [_chrome_shape(ln.text) for ln in lines]
    seen = Counter(shapes)
    chrome = [i for i, ln in enumerate(lines) if ln.label == "body" and len(ln.text.split()) <= POST_CHROME_MAX_WORDS
              and seen[shapes[i]] >= POST_CHROME_MIN_REPEATS]
    return relabelled_at(lines, chrome, "other_boilerplate", REASON_POST_CHROME)


def _chrome_shape(text: str) -> str:
    """A short line's shape: its words with every digit run read as 0 and every month name as M."""
    return _MONTH.sub("M", _DIGITS.sub("0", " ".join(text.split())))


def product_number_lines(lines: Sequence[LabelledLine], page_type: str) -> Optional[list[LabelledLine]]:
    """The lines with a product page's body lines that hold no letter (see NUMBER_LINE_TYPES) or are a short
    price line (PRICE_LINE_MAX_WORDS) set aside as `other_boilerplate` / REASON_NUMBER_LINE; None when there
    is none."""
    if page_type not in NUMBER_LINE_TYPES:
        return None
    gone = [i for i, ln in enumerate(lines) if ln.label == "body" and (
        not _LETTER.search(ln.text) or len(ln.text.split()) <= PRICE_LINE_MAX_WORDS and PRICE.search(ln.text))]
    return relabelled_at(lines, gone, "other_boilerplate", REASON_NUMBER_LINE)


def drop_repeated_lines(lines: Sequence[LabelledLine], page_type: str, sure: bool = True
                        ) -> Optional[list[LabelledLine]]:
    """The lines with every body line that repeats an earlier body line's text set aside as
    `other_boilerplate` / REASON_REPEATED_LINE (see DEDUPE_TYPES); None when the page type is not one of
    DEDUPE_TYPES (of DEDUPE_SURE_TYPES, when the type is not `sure`) or nothing repeats."""
    if page_type not in DEDUPE_TYPES or not sure and page_type in DEDUPE_SURE_TYPES:
        return None
    seen: set[str] = set()
    repeats: set[int] = set()
    for i, ln in enumerate(lines):
        if ln.label == "body":
            t = " ".join(ln.text.split())
            if t in seen:
                repeats.add(i)
            seen.add(t)
    return relabelled_at(lines, repeats, "other_boilerplate", REASON_REPEATED_LINE)
