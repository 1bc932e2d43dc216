"""HTML -> blocks with DOM evidence, plus page metadata (JSON-LD, OpenGraph, <meta>, <title>).

The page is parsed once with selectolax (lexbor), measured at ~1,000 pages/s on the dev pages against 17
for a whole-page BeautifulSoup tree; BeautifulSoup is only the fallback when lexbor fails.

How the article is found (readability / trafilatura style, decided on the DOM, explained per block):

0. Never-visible nodes are left out: those hidden by markup (`hidden`, aria-hidden, display:none, sr-only
   classes) are removed by lexbor's CSS engine before any Python runs over the tree; scripts, styles and
   form controls are skipped by the walk. A page that then shows no text at all (a script-rendered app) is
   walked again reading its <noscript> content, and if that is empty too, with class and style hiding
   ignored (what scripts lift on load; the `hidden` and aria-hidden attributes still hide).
1. `_walk()` turns <body> into blocks (one per run of inline content between block-level boundaries) with
   an iterative walk (deeply nested markup cannot overflow the stack). Each block remembers its
   innermost block-level element, its link characters and its tag.
2. `_choose_container()` scores every element by the prose it holds minus the link text, short lines and
   boilerplate it holds (a max-sum subtree: the article's container holds nearly all the prose of the
   page and little else), then prefers explicit article markers (itemprop=articleBody, <article>,
   class "article-body" and kin) that hold enough of that score.
3. `_label()` gives each block a (label, reason) hint: outside the container, its tag/class cue or
   `outside_main_container` (a heading repeating the title is the headline); inside it, in order: a
   boilerplate class/id cue between the container and the block, <h1>, <figcaption>, the header zone
   above the first paragraph (deck, byline, dates), link density, short-line text cues (ad label,
   widget heading, photo credit, copyright sign), else body; then calls to action at the body's end.
The container's blocks and hints go to `classify.classify(dom_hints=...)` (DOM evidence wins over text
cues); blocks outside it keep their DOM label in the `lines` audit. All passes are linear in the size of
the page. Reason codes are snake_case; every rule below says why it exists.
"""
from __future__ import annotations

import functools
import html as html_lib
import json
import re
import statistics
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from typing import Optional

from copydesk.core.authors import unnamed
from copydesk.core import cues
from copydesk.core.dates import MONTH_ABBR_ALT
from copydesk.core.mainframe import PLACE_FORM, PLACE_HEADER, PLACE_OFF_MAIN, REASON_CARD_HEADER, REASON_COMMENT_CLASS
from copydesk.core.records import Block, LabelledLine
from copydesk.core.segment import clean_line
from copydesk.core.vocab import DOM_CLASS_REASON

# Elements whose text is never visible article text.
DROP_TAGS = frozenset(("script", "style", "noscript", "template", "svg", "iframe", "object", "embed",
                       "canvas", "select", "option", "button", "input", "textarea", "head", "link", "meta",
                       "video", "audio", "picture", "map"))
# Block-level elements: each starts a new block (like a line of a text dump).
BLOCK_TAGS = frozenset("""p div li h1 h2 h3 h4 h5 h6 blockquote pre figcaption caption td th dt dd
    article section header footer nav aside main ul ol dl table tr figure address summary details
    title br hr form fieldset center""".split())
HEADING_TAGS = frozenset(("h1", "h2", "h3", "h4", "h5", "h6"))

# class/id tokens that mark a boilerplate subtree, mapped to the label of the text inside it. Matched as
# whole tokens of class/id split on space, "_" and "-" (so "article-header" matches "header", "canvas"
# does not match "nav"). Only tokens between the article container and a block count: a class on <body>
# or on a page wrapper ("has-sidebar") says nothing about the article inside it.
CLASS_CUES: dict[str, str] = {}
for _label, _words in {
    "advertisement": "ad ads adv advert advertisement advertising adslot adunit dfp gpt sponsor sponsored "
                     "sponsors promo promos promotion promoted commercial banner taboola outbrain",
    "cookie_notice": "cookie cookies consent gdpr",
    "newsletter": "newsletter newsletters subscribe subscription signup paywall",
    "related_link": "related recommended recommendations recirc more-stories readmore read-more trending "
                    "popular most-read mostread teaser teasers",
    "share": "share sharing social sharebar socialbar",
    "navigation": "nav navbar navigation menu breadcrumb breadcrumbs pagination pager skip toolbar",
    "other_boilerplate": "sidebar aside widget widgets comment comments disqus footer masthead "
                         "header modal popup overlay rail tools author-bio bio",
    "image_caption": "caption captions credit credits figcaption",
    "tags": "tags tag-list keywords topics",
    "byline": "byline author-name",
    "timestamp": "date dateline timestamp published",
}.items():
    for _w in _words.split():
        CLASS_CUES[_w] = _label
# A comment thread's class tokens. Under a story, readers' comments are page furniture (other_boilerplate),
# but several forum engines class every post of a thread "comment" (one element a post, none holding the
# share of the page's prose that lifts a cue, CUE_MAX_PROSE_SHARE). These keep the label and get their own
# reason, mainframe.REASON_COMMENT_CLASS, so that mainframe.widen_non_article can take them back on a forum
# page (html.py runs before the page type is known).
COMMENT_TOKENS = frozenset(("comment", "comments", "disqus"))
# A "header" class on an element whose class string the page repeats CARD_HEADER_MIN_REPEATS times or more
# is the header of one card in a row of them (a listing's item title, date and author), not the site's
# masthead, which a page has once. It keeps its label and gets mainframe.REASON_CARD_HEADER, which
# mainframe.widen_non_article takes back on a page called a listing.
CARD_HEADER_MIN_REPEATS = 3
# Quoted social posts (an embedded tweet) are part of the story as the reporter quotes them, even when
# their wrapper is classed "social-media-embed": these tokens cancel a boilerplate cue on the element.
EMBED_TOKENS = frozenset(("embed", "embedded", "tweet", "quote"))
# The embed codes' own class names (Twitter's blockquote "twitter-tweet", Instagram's "instagram-media"),
# matched in the class string as they are: split on "-", "instagram-media" would be two ordinary tokens
# (and "instagram" alone is also a share or follow button).
EMBED_CLASSES = ("twitter-tweet", "instagram-media")
# A date line ("Updated 1:39 am EST, Wednesday, November 20, 2019", "2019-11-19", "19.11.2019 08:57").
_DATE_LINE = re.compile(
    r"\b(?:\d{1,2}:\d{2}\s*(?:[ap]\.?m\.?)?|\d{4}-\d{2}-\d{2}|\d{1,2}[./]\d{1,2}[./]\d{2,4}|"
    rf"(?:{MONTH_ABBR_ALT})[a-z]*\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}|"
    rf"\d{{1,2}}\.?\s+(?:{MONTH_ABBR_ALT})[a-z]*\.?,?\s+\d{{4}})", re.I)
# A byline: "By Jane Doe", "by Jane Doe and John Roe".
_BY_LINE = re.compile(r"^(?:by|von|par|por|oleh|de)\s+\S", re.I)
# Link text is set off by spaces. A link boundary is a word boundary in nearly all Latin-script text, and
# in CJK text (no spaces between words) a linked term glued to its sentence would merge tokens. Other
# inline tags (<span>, <b>) are not spaced: drop caps and mid-word styling would split words.
SPACE_AROUND_LINKS = True
# An <h1> outside the container is the headline when this share of its words is in the page title.
HEADLINE_TITLE_OVERLAP = 0.6
TITLE_HEADING_TAGS = frozenset(("h1", "h2", "h3"))
# Link-dense blocks at least this long that end with sentence punctuation stay prose.
LINKED_SENTENCE_MIN_CHARS = 80
_SENTENCE_END = re.compile(r"[.!?。！？][\"”’»)]*\s*$")
# A short line with a copyright sign is a credit or a copyright notice, not story text.
COPYRIGHT_MAX_CHARS = 150
# Calls to action at the end of the body: short, and phrased as an invitation to the reader.
CTA_MAX_CHARS = 250
_CALL_TO_ACTION = re.compile(
    r"\b(?:subscribe|sign up|newsletters?|follow (?:us|[\w@.]+(?: \w+)?) on (?:twitter|instagram|facebook|"
    r"youtube|linkedin|tiktok)|join (?:us|now|today)|download (?:our|the) app|get (?:our|the) app|"
    r"listen (?:live|back)|enjoyed this article|support (?:our|us) journalism|become a (?:member|subscriber)|"
    r"have a tip|send us (?:a|your) tip|abonnieren|inscreva-se|assine)\b", re.I)
# Text cues apply to short blocks only: a long block is prose whatever words it contains.
TEXT_CUE_MAX_CHARS = 200
# Headings of link widgets inside the article column ("Read more", "Related articles", "Don't miss"), in
# English; the other languages' are cues.py's tables (cues.FOREIGN_WIDGET_HEADING). Narrower than text
# mode's cues.WIDGET_HEADING: inside the container "More on ..." / "More about ..." open prose and section
# headings ("More on that in a follow-up post.", a manual's "More about forms"): tried with that pattern,
# WCXB dev tune HTML, 4 pages lost such lines, 22 gained about as little.
_WIDGET_HEADING = re.compile(
    r"^\W*(?:read more|read also|also read|see also|more on this(?: story)?|related(?: articles| stories| news|"
    r" content| posts| coverage)?|you may also like|you might also like|don'?t miss|recommended(?: for you)?|"
    r"most (?:popular|read)|trending(?: now)?|more stories|more from [\w .]{1,30})\W*$", re.I)
# The marks around a label's words ("— Anzeige —", "» Lesen Sie auch:"), stripped before the cue tables
# (whose phrases are bare words) are read.
_EDGE_MARKS = " \t-–—•·|»«›‹<>*#:;.,!?()[]\"'“”‘’…/"
# An accessibility link to the page's own parts ("Skip to main content", "Jump to content", "Skip to
# footer"), which a reader of the page never sees as text; short, so only lines of at most
# SKIP_LINK_MAX_CHARS. Outside the container it carried `outside_main_container`, which the non-article
# widening takes back as content (WCXB dev tune: 45 such lines in bodies, none in the truth).
_SKIP_LINK = re.compile(
    r"^\W*(?:skip|jump) to (?:the )?(?:main |primary |page )?(?:content|main|navigation|menu|search|footer|"
    r"product list)\b", re.I)
SKIP_LINK_MAX_CHARS = 60
# A photo credit at the end of a caption: "(Image: GETTY)", "Photo: AP", "| Getty Images".
_CREDIT_END = re.compile(
    r"(?:\((?:image|photo|picture|foto|credit|photograph)s?\b[^)]{0,60}\)|"
    r"(?:\||/|\bvia)\s*getty(?: images)?|getty images|\bap photo\b[^.]{0,40})\s*$", re.I)
# Long, unambiguous cue words also count inside run-together class names ("imageembedcaption",
# "articlesocialbar", "relatedstories"); short ones ("ad", "nav") only as whole tokens.
SUBSTRING_CUES = (("caption", "image_caption"), ("promo", "advertisement"), ("newsletter", "newsletter"),
                  ("advert", "advertisement"), ("sponsor", "advertisement"), ("cookie", "cookie_notice"), ("breadcrumb", "navigation"),
                  ("sidebar", "other_boilerplate"), ("related", "related_link"), ("social", "share"),
                  ("sharing", "share"), ("outbrain", "advertisement"), ("taboola", "advertisement"),
                  ("subscribe", "newsletter"), ("byline", "byline"), ("recommend", "related_link"))
# Compound cues ("read-more", "most-read") are matched on the joined class string.
_COMPOUND_CUES = {k: v for k, v in CLASS_CUES.items() if "-" in k}

# Markers of the article body container (schema.org microdata, <article>, common CMS class names).
CONTENT_CLASS = re.compile(
    r"(?:^|[\s_\-])(?:article[\s_\-]?body|articlebody|article[\s_\-]?content|article[\s_\-]?text|"
    r"story[\s_\-]?body|storybody|story[\s_\-]?content|story[\s_\-]?text|entry[\s_\-]?content|"
    r"post[\s_\-]?content|post[\s_\-]?body|post[\s_\-]?entry|body[\s_\-]?text|article__body|"
    r"content[\s_\-]?body|main[\s_\-]?content|rich[\s_\-]?text)(?:$|[\s_\-])", re.I)
# A marked container (itemprop=articleBody, <article>, "article-body") is taken over the best-scoring
# element when its score reaches this share of the best score (the marker is strong evidence, but a
# marker on a teaser or on a one-paragraph box must not win over the real body).
MARKED_MIN_SHARE = 0.5
# ... and a marked element nested in the chosen one replaces it when it keeps this share of its score.
INNER_MARKED_SHARE = 0.7
# Hidden by markup: the `hidden` attribute, aria-hidden, inline display:none / visibility:hidden, or
# screen-reader-only / hiding utility classes (whole class tokens: Bootstrap's "hidden-xs" hides on small
# screens only and is kept).
HIDDEN_CLASSES = ("hidden", "hide", "sr-only", "visually-hidden", "screen-reader-text", "visuallyhidden",
                  "is-hidden", "d-none")
# Elements hidden by their attributes are removed by lexbor's CSS engine before the walk. Elements hidden
# by their tag (DROP_TAGS) are skipped by the walk itself (`_SKIP_TAGS`): the walk reads every node's tag
# anyway, and matching those 20 type selectors over the whole document (head included) then unlinking ~140
# nodes a page cost ~0.4 ms of the ~5 ms parse (dev pages); skipping a subtree gives the walk the same
# nodes as removing it. <head> is kept: when <body> itself is hidden the walk falls back to the root.
_REMOVE_SELECTOR = ",".join(
    ["[hidden]", '[aria-hidden="true"]', '[style*="display:none"]', '[style*="display: none"]',
     '[style*="visibility:hidden"]', '[style*="visibility: hidden"]'] + ["." + c for c in HIDDEN_CLASSES])
_SKIP_TAGS = DROP_TAGS - {"head"}
# Hidden by the markup's own attributes (`hidden`, aria-hidden): what the last fallback walk of a page that
# shows no text still leaves out (see _parse_lexbor); class and style hiding is what scripts lift on load.
_REMOVE_ATTR_SELECTOR = '[hidden],[aria-hidden="true"]'
# A page whose <body> shows no text at all to the walk is a script-rendered app; several forum engines
# put the whole thread (posts, authors, dates) for readers without scripts in a <noscript> element, which
# lexbor parses as ordinary markup. Such a page is walked again with <noscript> read like any element.
# Measured on WCXB dev tune: 23 pages were rejected as `no_content` (17 of the 91 tune forum pages, one
# engine's crawler view); see the test for what it changed.
_NOSCRIPT_SKIP_TAGS = _SKIP_TAGS - {"noscript"}
# ... and a <body> that shows only a loading splash ("Loading", a "Return to the site" link, a bare menu) is
# one too: a page whose visible text is at most this many characters is read again with <noscript>, and
# that reading is kept when it adds more than this many characters (a "please enable JavaScript" notice
# in <noscript> under a short page adds one line). (WCXB dev tune: 2 more forum pages, the same engine's, had 32 and 178
# characters of splash and menu over a <noscript> thread of 12 k and 10 k; no other tune page under 400
# visible characters has <noscript> text.)
SPLASH_MAX_CHARS = 200
# Page-chrome elements by tag: menus, side boxes, footers. (<header> is not one: inside the article it
# holds the headline and byline, which the header zone rule labels.)
TAG_CUES = {"nav": ("navigation", "in_nav"), "aside": ("other_boilerplate", "in_aside"),
            "footer": ("other_boilerplate", "in_footer")}
# ARIA landmark roles of page chrome (menus, site header/footer, complementary boxes).
LANDMARK_ROLES = frozenset(("navigation", "banner", "contentinfo", "complementary"))

# Prose scoring for the container choice: a block counts as prose when it has at least this many
# characters and little link text (readability's 25-character paragraph floor).
PROSE_MIN_CHARS = 25
PROSE_MAX_LINK_DENSITY = 0.35
# Link text and text under a boilerplate cue cost this much per character (they pull a candidate
# container toward the smallest subtree that still holds the prose).
LINK_PENALTY = 1.0
CUE_PENALTY = 0.6
SHORT_PENALTY = 0.3
# An element whose subtree holds more than this share of the page's prose keeps no boilerplate cue.
CUE_MAX_PROSE_SHARE = 0.4
# ... except page chrome that never holds a page's main content: the <footer> (tag or class token), a modal
# or popup, a cookie or consent notice. On a page whose own content is short lines (a product's
# features, a shop grid, a listing's items) the page's longest prose is often there: a legal footer's
# fine print, a privacy policy or consent dialog hidden until a click. It held more than the share above,
# lost its cue and was chosen as the container (the page's content then set aside around it). When such a
# cue was lifted, the container is chosen again with those cues kept, and that choice stands when its
# score (prose characters net of links, short lines and cues) reaches CHROME_ALT_MIN_SCORE: a page whose
# only prose is the footer's (a script-rendered shell, a bare grid) keeps the first choice, whose outside
# lines the non-article widening takes back. Measured on WCXB dev (HTML; text dumps have no DOM), word-F1
# tune all types 0.8486 -> 0.8530 (15 pages up, 2 down: collections 0.634 -> 0.652, listings 0.636 ->
# 0.656, products 0.598 -> 0.619, articles 0.9437 -> 0.9442), validation 0.8139 -> 0.8152 (2 up, none
# down). Footer tag alone: tune +7 / -0; footer class tokens add 6 up, 1 down; modal and consent tokens 2
# up, 1 down (validation 2 up); newsletter tokens as well cost a tune article 0.66 (its body sat in a
# "subscribe" wrapper), so they are not chrome here. The floor: at 100 a collection lost 0.67 to a grid's
# caption, at 1000 8 pages fell back.
CHROME_TOKENS = frozenset(("footer", "modal", "popup", "overlay", "cookie", "cookies", "consent", "gdpr"))
CHROME_ALT_MIN_SCORE = 250.0
# A dateline/byline above the body is short; a longer block with a date in it is already prose.
LEAD_MAX_CHARS = 120
# A teaser list: this many sibling cards (and this share of the siblings) start with a linked headline.
TEASER_MIN_CARDS = 3
TEASER_MIN_SHARE = 0.6
# ... and a card's text after its headline is a dek: short. A row of linked headings each followed by
# paragraphs is a listicle's items or a year-in-review's sections, which are the article (the cards' median
# text after the headline over this many characters: not a teaser list). Measured on WCXB dev articles,
# HTML word-F1 tune 0.923 -> 0.932, validation 0.945 -> 0.950, news dev set unchanged; 200 cost the news
# set 0.0004 on its tune part, 400 nothing.
TEASER_MAX_DEK_CHARS = 400
# Block.href is kept when the block is (nearly) all one link: a headline teaser, a menu item.
WHOLE_LINK_DENSITY = 0.8
# Inside the container, a block whose characters are mostly link text is a link list, not prose.
BODY_MAX_LINK_DENSITY = 0.5
# _after_story_subtree: the share of the container's body prose one element must parent directly
STORY_PARENT_SHARE = 0.7


@dataclass(slots=True)
class _El:
    tag: str
    attrs: str  # class + id, lower-cased
    parent: int
    cue: Optional[str] = None  # boilerplate label from its own tag, role or class/id
    why: str = ""  # the reason code that goes with `cue`
    content: bool = False  # an article-body marker
    path: Optional[str] = None


@dataclass(slots=True)
class Page:
    """A parsed page: metadata, blocks in document order, one DOM hint per block, and which blocks lie
    inside the article container (`inside[i]`)."""
    meta: dict
    blocks: list[Block]
    hints: list[Optional[tuple[str, str]]] = field(default_factory=list)
    inside: list[bool] = field(default_factory=list)
    # {block number: where it lies} for the blocks outside the container that the non-article widening
    # may leave out (`_outside_places`; mainframe.PLACE_TYPES says on which page types)
    places: dict[int, frozenset[str]] = field(default_factory=dict)

    def _dom_found_body(self) -> bool:
        return any(h is not None and h[0] == "body" for h in self.hints)

    def main(self) -> tuple[list[Block], list[Optional[tuple[str, str]]]]:
        """The container's blocks and their hints: what goes to the classifier. Every block carries a
        hint, so DOM evidence decides; measured on the dev pages, leaving body blocks to the text
        classifier's max-sum run cut recall (0.98 -> 0.87). When the DOM route found no body at all
        (no container, or one made only of boilerplate), every block goes to the classifier without
        hints: text mode's rules are the fallback."""
        if not self._dom_found_body():
            return list(self.blocks), [None] * len(self.blocks)
        idx = [i for i, ok in enumerate(self.inside) if ok]
        return [self.blocks[i] for i in idx], [self.hints[i] for i in idx]

    def outside_lines(self) -> list[LabelledLine]:
        """Blocks outside the container, labelled by their DOM evidence (for the `lines` audit)."""
        if not self._dom_found_body():
            return []
        # positional: LabelledLine(number, text, label, reason)
        return [LabelledLine(b.number, b.text, h[0], h[1])
                for b, h, ok in zip(self.blocks, self.hints, self.inside) if not ok and h]


def merge_lines(inner: list[LabelledLine], outer: list[LabelledLine]) -> list[LabelledLine]:
    """Classifier lines for the container and DOM-labelled lines outside it, back in document order."""
    return sorted(inner + outer, key=lambda ln: ln.number) if outer else inner


@functools.lru_cache(maxsize=1 << 16)
def _class_info(attrs: str) -> tuple[Optional[str], str, bool]:
    """(boilerplate label, its reason code, article-body marker) of a class/id string. `_walk` keeps the answers for the
    page it walks (a page repeats its class strings on every card and paragraph). The bounded LRU cache
    beside it is not state in conventions §9's sense: the answer is a pure function of the string, so no
    result depends on what ran before; it keeps the answers for class strings that many sites share
    ("container", "row", "entry-content"): about 7 % of HTML CPU time on the news dev set, each page run
    once (copydesk eval's timed pass), 43-47 -> 48-52 pages/CPU-s."""
    cue = _class_cue_uncached(attrs)
    return cue, _class_reason(attrs, cue), _content_marker(attrs)


def _class_reason(attrs: str, cue: Optional[str]) -> str:
    """The reason code of a class/id cue: "dom_class_" + its label, or REASON_COMMENT_CLASS when the token
    that gave it (the first with a cue, as in _class_cue_uncached) is a comment thread's."""
    if cue is None:
        return ""
    if cue == "other_boilerplate" and _first_cue_token(attrs) in COMMENT_TOKENS:
        return REASON_COMMENT_CLASS
    return DOM_CLASS_REASON[cue]


def _first_cue_token(attrs: str) -> Optional[str]:
    """The first whole token of a class/id string with a CLASS_CUES entry (the one _class_cue_uncached uses)."""
    return next((t for t in _class_tokens(attrs) if t in CLASS_CUES), None)


def _class_tokens(attrs: str) -> list[str]:
    """The tokens of a class/id string: "_" and "-" made spaces, split on whitespace runs (str methods, not a
    regex split: ~2.5 us less per new class string)."""
    return attrs.replace("_", " ").replace("-", " ").split()


# Every CONTENT_CLASS alternative holds one of the words "article", "story", "entry", "post", "body",
# "content", "main", "rich". A class string is new on most pages of a new site (~130 per dev page, each
# looked at once), and most hold none of them: the regex, which tries every position of the string
# (~5 us), then is not needed (~19 % of dev class strings hold one).


def _content_marker(attrs: str) -> bool:
    low = attrs.lower()
    # only ASCII is decided by the words: IGNORECASE also matches "ı" to "i" and "ſ" to "s"
    if low.isascii() and not ("article" in low or "story" in low or "entry" in low or "post" in low
                              or "body" in low or "content" in low or "main" in low or "rich" in low):
        return False
    return bool(CONTENT_CLASS.search(attrs))


def _class_cue_uncached(attrs: str) -> Optional[str]:
    if "-" in attrs and any(c in attrs.lower() for c in EMBED_CLASSES):
        return None
    toks = _class_tokens(attrs)
    # one pass: an embed token anywhere cancels every cue, else the first token with a cue wins
    lab = None
    for tok in toks:
        if tok in EMBED_TOKENS:
            return None
        if lab is None:
            lab = CLASS_CUES.get(tok)
    if lab:
        return lab
    if "-" in attrs:  # every compound cue has a "-"
        for k, v in _COMPOUND_CUES.items():
            if k in attrs:
                return v
    for k, v in SUBSTRING_CUES:
        if k in attrs:
            return v
    return None


# How many <h1> a page's metadata keeps (some templates repeat the site logo as h1 on every card).
H1_MAX = 8

# Author evidence in the markup (issue 14 item 3), for pages whose metadata names nobody: rel=author links,
# itemprop=author elements (microdata; the name in a nested itemprop=name when there is one) and elements
# whose class names an author or byline ("author-name", "byline__author"). One selector over the tree the
# page is parsed into anyway; extract.markup_authors reads names out of the texts. Comment threads' author
# classes ("comment-author") are skipped; an element's text longer than AUTHOR_TEXT_MAX is a container
# (an author box with its biography, a whole article whose class mentions its author), not a byline;
# AUTHOR_NODES_MAX elements are looked at (in document order: the article's byline comes before the
# related stories' cards).
AUTHOR_NODES = 'a[rel~="author"], [itemprop~="author"], [class*="author" i], [class*="byline" i]'
AUTHOR_TEXT_MAX = 120
AUTHOR_NODES_MAX = 16


# The tags scholarly pages write once per author, in the paper's order (Highwire/Google Scholar's
# citation_author, some write citation_authors, and the Dublin Core twin): parse_meta keeps all of them as
# "citation_author_lists" (the first stays under its own key, as every meta tag). WCXB dev: 3 papers.
CITATION_AUTHOR_META = frozenset({"citation_author", "citation_authors", "dc.creator"})


def _ld_author(news: list, people: dict) -> bool:
    """Whether the first JSON-LD author value names someone in two words or more (a string, a named object or
    an "@id" reference to a named Person): then extract believes it before the markup, and the author
    selector (~0.3 ms a page, 2 % of HTML time) is not run. (Gating on any metadata author instead lost 7
    WCXB tune pages whose meta author was a one-word name or a role; this gate changed none.)"""
    for o in news:
        a = o.get("author")
        if a:
            items = a if isinstance(a, list) else [a]
            for it in items:
                if isinstance(it, str) and len(it.split()) >= 2 and not unnamed(it):
                    return True
                if isinstance(it, dict):
                    if isinstance(it.get("name"), str) and len(it["name"].split()) >= 2 and not unnamed(it["name"]):
                        return True
                    ref = people.get(it.get("@id")) if isinstance(it.get("@id"), str) else None
                    if ref and len(str(ref.get("name")).split()) >= 2:
                        return True
            return False
    return False


# Links to an author's page whose text is the name the link's address spells ("/author/jane-doe" reading
# "Jane Doe", "/staff/2648209001/jane-doe/", "/contributor/a._j._neal" reading "A. J. Neal"): the page states
# who that person is and that this is their page, where neither the metadata nor an author class says so
# (a byline printed as a plain link, the page's JSON-LD written only inside a script's string). The address's
# words must be the text's words (digits-only words of the address dropped: "/staff/jane-doe-309429"):
# a "Learn More" or picture link to the same page, a "/writers-guidelines" link, say nothing. Collected by
# the author elements' selector (one walk of the tree; each further selector of the group costs ~0.15 ms a
# page, so only the address words seen on WCXB dev tune pages are asked for: "/author(s)/" 6 pages,
# "/contributor/", "/staff/", "/u/" 1 each; "/writer", "/people/", "/profile", "/user" none); the first such
# link in document order is what extract.markup_authors reads when the author elements give no name.
AUTHOR_LINKS = 'a[href*="/author" i], a[href*="/contributor" i], a[href*="/staff/" i], a[href*="/u/"]'
_AUTHOR_PAGE = re.compile(r"/(?:authors?|contributors?|staff|u)/(?:[^/?#]+/)*([^/?#]+?)/?(?:\.html?)?(?:[?#].*)?$",
                          re.I)
_ADDRESS_WORD = re.compile(r"[^\W_]+")
AUTHOR_LINKS_MAX = 40
_AUTHOR_SELECTOR = AUTHOR_NODES + ", " + AUTHOR_LINKS


def _spelled_link(n) -> Optional[str]:
    """The text of a link to an author page that its address spells (see AUTHOR_LINKS), or None."""
    m = _AUTHOR_PAGE.search(n.attributes.get("href") or "")
    if not m:
        return None
    text = clean_line(n.text(separator=" ") or "")
    words = _ADDRESS_WORD.findall(text.casefold())
    if words and words == [w for w in _ADDRESS_WORD.findall(m.group(1).casefold()) if not w.isdigit()]:
        return text
    return None


def _author_element(n) -> bool:
    """Whether a node the selector found is an author element (AUTHOR_NODES), not only a link (AUTHOR_LINKS)."""
    a = n.attributes
    if n.tag == "a" and "author" in (a.get("rel") or "").split():
        return True
    cls = (a.get("class") or "").lower()
    return "author" in (a.get("itemprop") or "").split() or "author" in cls or "byline" in cls


def _markup_authors(tree) -> tuple[list[tuple[str, str]], Optional[str]]:
    """(the page's author elements as (kind, text), kind "rel", "itemprop" or "class"; the text of its first
    spelled author link or None)."""
    out: list[tuple[str, str]] = []
    link = None
    elements = links = 0
    last = None
    for n in tree.css(_AUTHOR_SELECTOR):
        if n.mem_id == last:  # (the group gives a node once per selector it matches)
            continue
        last = n.mem_id
        if link is None and links < AUTHOR_LINKS_MAX and n.tag == "a":
            links += 1
            link = _spelled_link(n)
        if elements >= AUTHOR_NODES_MAX:  # (enough elements: only the link is still looked for)
            if link is not None or links >= AUTHOR_LINKS_MAX:
                break
            continue
        if not _author_element(n):
            continue
        elements += 1
        a = n.attributes
        if "comment" in (a.get("class") or "").lower():
            continue
        if "author" in (a.get("rel") or "").lower().split():
            kind = "rel"
        elif "author" in (a.get("itemprop") or "").lower().split():
            kind = "itemprop"
            name = n.css_first('[itemprop~="name"]')
            if name is not None:
                n = name
                a = n.attributes
        else:
            kind = "class"
        text = a.get("content") or n.text(separator=" ")
        if text and len(text) <= AUTHOR_TEXT_MAX * 4:
            text = clean_line(text)
            if 0 < len(text) <= AUTHOR_TEXT_MAX:
                out.append((kind, text))
    return out, link


def _heading_text(h) -> str:
    """The text of a heading element, a <br> inside it read as a space: node.text() joins the lines a <br>
    breaks ("WEEKEND<br>CODING" gave "WEEKENDCODING", which repeats no stated title; WCXB dev tune: 1 page
    right, none lost). Headings without a <br> keep node.text()."""
    if h.css_first("br") is None:
        return h.text() or ""
    return "".join(" " if n.tag == "br" else (n.text_content or "") if n.tag == "-text" else ""
                   for n in h.traverse(include_text=True))


# The elements parse_meta reads, found in one query: lexbor walks the whole tree once per query, and four
# separate queries walked it four times (callgrind, news dev: 51 M -> 39 M instructions for the 91 pages;
# parse_meta 0.31 -> 0.29 ms a page). A group query gives the elements in document order, each once here
# (the four selectors match disjoint tags), so each tag's list is what its own query gave (checked on all
# 1,588 dev and WCXB dev pages).
_META_SELECTOR = 'meta, link[rel], script[type="application/ld+json"], h1'


def parse_meta(html: str, tree=None) -> dict:
    """Metadata from <head>: title, og:*, meta name/property, canonical, JSON-LD NewsArticle fields."""
    from selectolax.lexbor import LexborHTMLParser
    if tree is None:
        tree = LexborHTMLParser(html)
    meta: dict = {}
    head = tree.head or tree.root
    t = head.css_first("title") if head is not None else None
    if t is not None:
        meta["title"] = clean_line(t.text() or "")
    found: dict[str, list] = {"meta": [], "link": [], "script": [], "h1": []}
    for n in tree.css(_META_SELECTOR):
        found.setdefault(n.tag, []).append(n)
    for m in found["meta"]:
        a = m.attributes
        key = (a.get("property") or a.get("name") or a.get("itemprop") or "").strip().lower()
        val = a.get("content")
        if key and val and key not in meta:
            meta[key] = clean_line(val)
        if key in CITATION_AUTHOR_META and val:  # every author of a paper, not only the first (extract)
            meta.setdefault("citation_author_lists", []).append(clean_line(val))
    for ln in found["link"]:
        a = ln.attributes
        if (a.get("rel") or "").lower() == "canonical" and a.get("href"):
            meta["canonical"] = a["href"]
    ld = []
    for s in found["script"]:
        try:
            ld.append(json.loads(s.text() or ""))
        except (ValueError, TypeError, RecursionError):
            continue
    meta["jsonld"] = _news_objects(ld)
    # the page's <h1> texts: the visible headline is one of them (extract.html_title picks which)
    meta["h1"] = [t for t in (clean_line(_heading_text(h)) for h in found["h1"][:H1_MAX]) if t]
    people = _ld_people(ld)
    if people:
        meta["jsonld_people"] = people
    marked, link = ([], None) if _ld_author(meta["jsonld"], people) else _markup_authors(tree)
    if marked:
        meta["markup_authors"] = marked
    if link:
        meta["author_link"] = link
    # every schema.org @type the page declares (Product, DiscussionForumPosting, FAQPage, ItemList ...):
    # page-type evidence for copydesk.core.pagetype, which the news objects above leave out
    meta["jsonld_types"] = _all_types(ld)
    if "Product" in meta["jsonld_types"]:  # the product's own words, for mainframe.described_lines
        desc = _product_description(ld)
        if desc:
            meta["product_description"] = desc
    root = tree.css_first("html")
    if root is not None and root.attributes.get("lang"):
        meta["html_lang"] = root.attributes["lang"]
    return meta


def _ld_dicts(items: list, cap: int = 400, first_in_first_out: bool = False):
    """Every JSON-LD object (dict) of `items`, nested ones too, at most `cap` nodes (objects and lists) seen:
    depth-first from the last item, or breadth-first from the first (`first_in_first_out`)."""
    stack = list(items)
    seen = 0
    while stack and seen < cap:
        x = stack.pop(0 if first_in_first_out else -1)
        seen += 1
        if isinstance(x, list):
            stack.extend(x)
        elif isinstance(x, dict):
            yield x
            stack.extend(v for v in x.values() if isinstance(v, (dict, list)))


def _all_types(items: list, cap: int = 400) -> list[str]:
    """The @type strings of every JSON-LD object (nested ones too), at most `cap` objects seen."""
    out: list[str] = []
    for x in _ld_dicts(items, cap):
        typ = x.get("@type")
        out.extend(t for t in (typ if isinstance(typ, list) else [typ]) if isinstance(t, str))
    return out


# markup inside a JSON-LD description ("<p>Made of oak.</p>"): the DOM's lines carry none
_TAG = re.compile(r"<[^>]*>")


def _product_description(items: list, cap: int = 400) -> Optional[str]:
    """The `description` of the first JSON-LD Product object (nested ones too, breadth-first, at most `cap`
    objects seen), as plain text on one line (entities decoded, tags dropped); None when there is none."""
    for x in _ld_dicts(items, cap, first_in_first_out=True):
        typ = x.get("@type")
        desc = x.get("description")
        if "Product" in (typ if isinstance(typ, list) else [typ]) and isinstance(desc, str) and desc.strip():
            return " ".join(_TAG.sub(" ", html_lib.unescape(desc)).split())
    return None


def _news_objects(items: list) -> list[dict]:
    out = []
    stack = list(items)
    while stack:
        x = stack.pop(0)
        if isinstance(x, list):
            stack.extend(x)
        elif isinstance(x, dict):
            if "@graph" in x:
                stack.extend(x["@graph"] if isinstance(x["@graph"], list) else [x["@graph"]])
            typ = x.get("@type")
            types = typ if isinstance(typ, list) else [typ]
            if any(isinstance(t, str) and ("Article" in t or "Posting" in t or t == "WebPage") for t in types):
                out.append(x)
    return out


def _ld_people(items: list) -> dict[str, dict]:
    """JSON-LD Person nodes by their "@id" (issue 14): an Article's author is often only a reference
    ({"@id": ".../#/schema/person/..."}) to a Person elsewhere in the "@graph"."""
    out: dict[str, dict] = {}
    stack = list(items)
    while stack:
        x = stack.pop()
        if isinstance(x, list):
            stack.extend(x)
        elif isinstance(x, dict):
            if "@graph" in x:
                stack.append(x["@graph"])
            typ = x.get("@type")
            types = typ if isinstance(typ, list) else [typ]
            if "Person" in types and isinstance(x.get("@id"), str) and x.get("name"):
                out[x["@id"]] = x
    return out


def parse_page(html: str, with_paths: bool = False, utf8: Optional[bytes] = None) -> Page:
    """Parse once: metadata, blocks and DOM hints. lexbor first; if it fails on some markup, a
    BeautifulSoup fallback gives plain visible-text blocks without DOM hints (the text classifier then
    decides, as in text mode). `utf8`: the page's bytes when `html` is exactly their strict UTF-8 decoding
    (no BOM): lexbor parses those bytes as they are instead of the text encoded to UTF-8 again (the same
    input; ~2M instructions a page saved)."""
    try:
        return _parse_lexbor(html, with_paths, utf8)
    except (RecursionError, MemoryError):
        raise
    except Exception:  # lexbor refused the markup: a slower, forgiving parser instead
        return _parse_fallback(html)


def _parse_lexbor(html: str, with_paths: bool = False, utf8: Optional[bytes] = None) -> Page:
    from selectolax.lexbor import LexborHTMLParser
    tree = LexborHTMLParser(html if utf8 is None else utf8)
    meta = parse_meta(html, tree)
    _remove_invisible(tree)
    body = tree.body or tree.root
    if body is None:
        return Page(meta, [], [], [])
    times: list = []
    els, blocks, owners = _walk(body, with_paths, times=times)
    shown = sum(len(b.text) for b in blocks)
    if shown <= SPLASH_MAX_CHARS:
        # nothing visible, or only a loading splash: the text for readers without scripts, if any
        # (_NOSCRIPT_SKIP_TAGS; after a splash, only when it adds more than a splash could hold)
        alt_times: list = []
        alt = _walk(body, with_paths, _NOSCRIPT_SKIP_TAGS, alt_times)
        if not blocks or sum(len(b.text) for b in alt[1]) - shown > SPLASH_MAX_CHARS:
            els, blocks, owners = alt
            times = alt_times
    if not blocks:
        # still nothing: a script-rendered page that hides its whole body until a script shows it (a
        # wrapper classed "hide" or styled visibility:hidden around everything). Read it again with only
        # the elements its attributes hide left out (_REMOVE_ATTR_SELECTOR). (WCXB dev tune: 2 pages, an
        # article and a documentation page, had all their text under such a wrapper.)
        tree = LexborHTMLParser(html if utf8 is None else utf8)
        _remove_invisible(tree, _REMOVE_ATTR_SELECTOR)
        body = tree.body or tree.root
        times = []
        els, blocks, owners = _walk(body, with_paths, times=times) if body is not None else ([], [], [])
    if not blocks:
        return Page(meta, [], [], [])
    hints, inside = _label(els, blocks, owners, meta.get("og:title") or meta.get("title") or "")
    if times:
        meta["time_published"], meta["time_modified"] = _time_dates(times, els, blocks, hints)
    return Page(meta, blocks, hints, inside, _outside_places(els, blocks, owners, hints, inside))


# `<time datetime>` elements as dated candidates (issue 14), collected by the walk (no second parse; about
# 0.2 % of parse_page CPU on news dev + a fifth of WCXB dev). extract.apply_meta ranks them under the
# metadata, the date lines and the URL, above htmldate, which they spare: on WCXB dev 20 of its 502 calls,
# and every labelled page so dated (tune 8, validation 3) got the day htmldate gave, now with its time and
# offset. A <time> in a block labelled as a comment thread, a teaser card or a related-link list dates
# another text (WCXB dev tune articles: readers' comment stamps are all the <time>s of one page and follow
# the story's own on another). The first one left names the update when its own class / itemprop or its
# block's class says "updated" / "modified" / "changed" without a publication word ("entry-date published
# updated" is WordPress's stamp of a post never updated: the publication), or its line opens with "Updated":
# kept apart as the modification, never the publication (WCXB dev tune articles: 3 undated pages show only
# an "Updated <time>"; it was the labelled day on 1, another day on 2, as extract.apply_meta measured for
# the shown update line).
TIME_SKIP_REASONS = frozenset((REASON_COMMENT_CLASS, "teaser_card"))
TIME_SKIP_LABELS = frozenset(("related_link",))
_TIME_UPDATE_CLASS = re.compile(r"updated|modified|changed")
_TIME_PUBLISH_CLASS = re.compile(r"publish|pubdate|created|posted")
_TIME_UPDATE_LINE = re.compile(r"^\W*(?:last\s+)?(?:updated|modified)\b", re.I)


def _time_dates(times: list, els: list[_El], blocks: list[Block],
                hints: list[Optional[tuple[str, str]]]) -> tuple[Optional[str], Optional[str]]:
    """(published, modified) raw `datetime` values of the page's first dated <time> elements (see above)."""
    published = modified = None
    last = len(blocks) - 1
    for attrs, i, cur in times:
        value = (attrs.get("datetime") or "").strip()
        j = min(i, last)
        hint = hints[j]
        if not value or hint is not None and (hint[1] in TIME_SKIP_REASONS or hint[0] in TIME_SKIP_LABELS):
            continue
        names = " ".join((attrs.get("class") or "", attrs.get("itemprop") or "", els[cur].attrs)).lower()
        updated = bool(_TIME_UPDATE_CLASS.search(names)) and not _TIME_PUBLISH_CLASS.search(names) \
            or bool(_TIME_UPDATE_LINE.match(blocks[j].text))
        if updated:
            modified = modified or value
        else:
            published = value
            break
    return published, modified


# the bit of each place an element's ancestors give it (the tag's name is the place's), and of "in a <main>
# around the container"
_PLACE_BITS = {PLACE_FORM: 1, PLACE_HEADER: 2}
_IN_MAIN = 4


def _outside_places(els: list[_El], blocks: list[Block], owners: list[int], hints: list,
                    inside: list[bool]) -> dict[int, frozenset[str]]:
    """{block number: places} of the blocks outside the container with no cue of their own
    (`outside_main_container`) that lie in a <form> (PLACE_FORM) or a <header> (PLACE_HEADER), or, when
    the container lies in a <main>, outside the <main>s around it (PLACE_OFF_MAIN). What the non-article
    widening reads to leave those out (mainframe.PLACE_TYPES). One pass over the elements."""
    first = next((o for o, ok in zip(owners, inside) if ok), None)
    if first is None:
        return {}
    mains = set()
    i = first
    while i >= 0:
        if els[i].tag == "main":
            mains.add(i)
        i = els[i].parent
    bits = [0] * len(els)
    for i, e in enumerate(els):
        bits[i] = (bits[e.parent] if i else 0) | _PLACE_BITS.get(e.tag, 0) | (_IN_MAIN if i in mains else 0)
    out: dict[int, frozenset[str]] = {}
    for b, o, h, ok in zip(blocks, owners, hints, inside):
        if ok or h is None or h[1] != "outside_main_container":
            continue
        f = bits[o]
        names = frozenset([p for p, bit in _PLACE_BITS.items() if f & bit]
                          + ([PLACE_OFF_MAIN] if mains and not f & _IN_MAIN else []))
        if names:
            out[b.number] = names
    return out


def _parse_fallback(html: str) -> Page:
    from bs4 import BeautifulSoup
    soup = BeautifulSoup(html, "html.parser")
    meta: dict = {"jsonld": []}
    if soup.title and soup.title.string:
        meta["title"] = clean_line(soup.title.string)
    for t in soup(list(DROP_TAGS - {"head"}) + ["head"]):
        t.decompose()
    blocks = [Block(number=i, text=t, tag="", path="") for i, t in
              enumerate((clean_line(x) for x in soup.get_text("\n").splitlines()), 1) if t]
    for i, b in enumerate(blocks, 1):
        b.number = i
    return Page(meta, blocks, [None] * len(blocks), [False] * len(blocks))


def html_blocks(html: str) -> list[Block]:
    """Visible block texts of <body> in document order, with tag path and link density (for debugging
    and exploring a page: the pipeline itself calls parse_page without paths)."""
    return parse_page(html, with_paths=True).blocks


def _remove_invisible(tree, selector: str = _REMOVE_SELECTOR) -> None:
    """Drop elements hidden by markup (hidden, aria-hidden, inline display:none, hiding classes) in C
    before the Python walk (lexbor CSS engine); scripts, styles and form controls are skipped by the walk
    (`_SKIP_TAGS`). Removed in reverse document order, so a descendant goes before its ancestor and no
    node is freed twice. A streamed server-rendered segment is kept (`_streamed_segment`). `selector`: what
    counts as hidden (_REMOVE_SELECTOR; the last fallback walk passes _REMOVE_ATTR_SELECTOR)."""
    for n in reversed(tree.css(selector)):
        if not _streamed_segment(n):
            n.decompose()


def _streamed_segment(n) -> bool:
    """React's streaming server rendering sends a suspended part of the page (often the whole article)
    late, as `<div hidden id="S:n">`, and a script moves it into its `<template id="B:n">` placeholder
    on load: a reader sees it, so it is not hidden content. (Measured: 33 of the 1,497 WCXB dev pages
    carry one; on some the article's text is nowhere else.)"""
    if n.tag != "div":
        return False
    i = n.attributes.get("id") or ""
    return i.startswith("S:") and i[2:].isdigit()


def _walk(body, with_paths: bool = False, skip_tags: frozenset = _SKIP_TAGS,
          times: Optional[list] = None) -> tuple[list[_El], list[Block], list[int]]:
    """Iterative walk (no recursion, so deep nesting cannot overflow): blocks in document order and, per
    block, the index of its innermost block-level element. `with_paths` fills Block.path (a debugging
    aid that no decision reads: building it cost ~10 % of HTML-mode time, so runs leave it empty).
    `skip_tags`: the never-visible subtrees left out (_SKIP_TAGS; _NOSCRIPT_SKIP_TAGS reads <noscript>).
    `times`: when given, each `<time>` element's (attributes, index of the block its text opens or joins,
    innermost block-level element) is appended (dated candidates: _time_dates)."""
    els: list[_El] = [_El("body", "", -1)]
    blocks: list[Block] = []
    owners: list[int] = []
    buf: list[str] = []
    link_chars = 0
    link_depth = 0
    href = None
    cur = 0  # innermost block-level element

    def flush():
        nonlocal buf, link_chars, href
        text = "".join(buf)
        if not text.isascii():
            text = unicodedata.normalize("NFC", text).replace("\u200b", "").replace("\ufeff", "")
        text = " ".join(text.split())  # HTML collapses all whitespace runs, newlines included
        if text:
            e = els[cur]
            if with_paths and e.path is None:
                e.path = _path(els, cur)
            density = min(1.0, link_chars / len(text))
            # positional: Block(number, text, tag, path, link_density, href)
            blocks.append(Block(len(blocks) + 1, text, e.tag, e.path or "", density,
                                href if density >= WHOLE_LINK_DENSITY else None))
            owners.append(cur)
        buf, link_chars, href = [], 0, None

    # Depth-first by first_child / next: a text node costs one step, with no stack entry of its own (the
    # previous walk pushed and popped every node: ~7 % more instructions, same blocks). `opened` holds the
    # elements descended into, as (kind, element index to restore, element): 0 inline, 1 block, 2 link;
    # at the end of a child list the innermost one is left and the walk goes on at its next sibling.
    opened = []
    push = opened.append
    block_tags = BLOCK_TAGS
    class_info: dict[str, tuple[Optional[str], str, bool]] = {}  # this page's class strings, each worked out once
    node = body.first_child
    while True:
        if node is None:
            if not opened:
                break
            kind, saved, el = opened.pop()
            if kind == 2:
                link_depth -= 1
                if SPACE_AROUND_LINKS and buf:
                    buf.append(" ")
            elif kind == 1:
                if buf:
                    flush()
                cur = saved
            node = el.next
            continue
        tag = node.tag
        if tag == "-text":
            # whitespace between blocks starts no block; lexbor answers "only ASCII whitespace" in C, so
            # the ~400 such nodes of a page are not decoded into Python strings (speed, same blocks)
            if buf or not node.is_empty_text_node:
                t = node.text_content
                if t and (buf or not t.isspace()):
                    buf.append(t)
                    if link_depth:
                        link_chars += len(t.strip())
            node = node.next
            continue
        if tag in block_tags:
            if buf:
                flush()
            if tag == "br" or tag == "hr":
                node = node.next
                continue
            # the element's cue and body marker are worked out first and the _El built once (speed)
            cue, why, content = None, "", tag == "article"
            a = node.attributes
            if a:
                attrs = ((a.get("class") or "") + " " + (a.get("id") or "")).strip().lower()
                if attrs:
                    info = class_info.get(attrs)
                    if info is None:
                        info = class_info[attrs] = _class_info(attrs)
                    cue, why, marked = info
                    content = content or marked
                if a.get("itemprop") == "articleBody":
                    content = True
            else:
                attrs = ""
            if cue is None:
                if tag in TAG_CUES:
                    cue, why = TAG_CUES[tag]
                elif a and a.get("role") in LANDMARK_ROLES:
                    cue, why = "navigation", "dom_role_landmark"
            els.append(_El(tag, attrs, cur, cue, why, content))
            push((1, cur, node))
            cur = len(els) - 1
        elif tag == "a":
            link_depth += 1
            if href is None:
                href = node.attributes.get("href")
            if SPACE_AROUND_LINKS and buf:
                buf.append(" ")
            push((2, cur, node))
        elif tag in skip_tags or tag is None or tag[0] in "-!":
            node = node.next  # never-visible subtree (script, style, form control, ...) or a comment
            continue
        else:
            if tag == "time" and times is not None:
                times.append((node.attributes, len(blocks), cur))
            push((0, cur, node))
        node = node.first_child
    if buf:
        flush()
    return els, blocks, owners


def _path(els: list[_El], i: int, depth: int = 6) -> str:
    """The last few tag.class steps down to element i (Block.path, for debugging and the audit)."""
    parts = []
    while i > 0 and len(parts) < depth:
        e = els[i]
        parts.append(e.tag + ("." + "_".join(e.attrs.split())[:60] if e.attrs else ""))
        i = e.parent
    return "/".join(reversed(parts))


def _block_weight(b: Block, cue: Optional[str]) -> float:
    n = len(b.text)
    if cue is not None:
        return -CUE_PENALTY * n
    if n < PROSE_MIN_CHARS:
        return -SHORT_PENALTY * n
    # linked characters cost, unlinked ones count: a paragraph with a few links stays positive
    return n * (1.0 - (1.0 + LINK_PENALTY) * b.link_density)


def _is_prose(b: Block) -> bool:
    return len(b.text) >= PROSE_MIN_CHARS and b.link_density <= PROSE_MAX_LINK_DENSITY


# Every pass below is linear in elements + blocks: elements are numbered in document order, so a parent
# always precedes its children (top-down passes go forward, bottom-up sums go backward). Per-block
# ancestor chains would be quadratic on pathologically deep pages.

def _subtree_sums(els: list[_El], per_el: list[float]) -> list[float]:
    tot = list(per_el)
    for i in range(len(els) - 1, 0, -1):
        v = tot[i]
        if v:  # most elements own no block: nothing to carry up (speed; adding 0.0 changes no sum)
            tot[els[i].parent] += v
    return tot


def _settle_cues(els: list[_El], blocks: list[Block], owners: list[int]) -> list[tuple[int, str, str]]:
    """Drop the cue of an element that holds a large share of the page's prose: boilerplate widgets are
    small, so a wrapper classed "content-with-sidebar" or "article-header-and-body" is not boilerplate.
    Returns the (element, cue, reason) of the lifted cues that mark page chrome (`_chrome_cue`)."""
    own = [0.0] * len(els)
    for b, o in zip(blocks, owners):
        if _is_prose(b):
            own[o] += len(b.text)
    prose = _subtree_sums(els, own)
    limit = CUE_MAX_PROSE_SHARE * prose[0]
    chrome: list[tuple[int, str, str]] = []
    for i, e in enumerate(els):
        if e.cue is not None and prose[i] > limit:
            if _chrome_cue(e):
                chrome.append((i, e.cue, e.why))
            e.cue, e.why = None, ""
    return chrome


def _chrome_cue(e: _El) -> bool:
    """Whether an element's cue marks page chrome that never holds a page's main content (CHROME_TOKENS,
    the <footer> tag)."""
    return e.why == "in_footer" or _chrome_classed(e)


def _rechosen(els: list[_El], blocks: list[Block], owners: list[int], cues: list[tuple[int, str, str]],
              chosen: set[int], keep=lambda alt: True) -> set[int]:
    """The container chosen again with `cues` (element, cue, reason) set, when that choice scores
    CHROME_ALT_MIN_SCORE and `keep(alt)`; else `chosen`, with the elements' cues as they were."""
    before = [(j, els[j].cue, els[j].why) for j, _, _ in cues]
    for j, cue, why in cues:
        els[j].cue, els[j].why = cue, why
    alt, alt_score = _choose_container(els, blocks, owners)
    if alt_score >= CHROME_ALT_MIN_SCORE and keep(alt):
        return alt
    for j, cue, why in before:
        els[j].cue, els[j].why = cue, why
    return chosen


def _chrome_yields(els: list[_El], blocks: list[Block], owners: list[int], chrome: list[tuple[int, str, str]],
                   chosen: set[int]) -> set[int]:
    """`chosen`, or, on a page where _settle_cues lifted a chrome cue, the container chosen again with those
    cues put back when that one holds CHROME_ALT_MIN_SCORE (see CHROME_TOKENS)."""
    return _rechosen(els, blocks, owners, chrome, chosen) if chrome else chosen


# Dialog and notice wrappers whose class names carry no cue of their own (a token glued to a prefix:
# "v8modal", "ensmodalwrapper") but hold a page's longest prose (a quote form, a privacy notice) were chosen
# as the container of service and product pages. When the chosen container or one of its ancestors is
# classed so (a CHROME_TOKENS token, or CHROME_SUBSTRINGS inside a token), the container is chosen again
# with that element cued as boilerplate, and that choice stands at CHROME_ALT_MIN_SCORE (as above).
# Measured on WCXB dev (HTML; text dumps have no DOM), word-F1 all types tune 0.8537 -> 0.8539 (1 page up,
# none down: a product page whose container was a glued modal class, 0.19 -> 0.38), validation
# 0.8162 -> 0.8187 (2 up, none down: services 0.683 -> 0.707, listings 0.651 -> 0.653); articles
# unchanged (0.9452 / 0.9554); news dev unchanged (0.988 / 0.981, per page identical). Cost: one walk up
# the chosen container's ancestors per page; one more container pass only where a holder is found.
CHROME_SUBSTRINGS = ("modal", "popup", "cookie", "consent", "gdpr")


def _chrome_classed(e: _El, glued: bool = False) -> bool:
    """Whether an element's class/id holds a CHROME_TOKENS token (`glued`: or a CHROME_SUBSTRINGS word inside
    a token, "v8modal")."""
    if not e.attrs:
        return False
    toks = _class_tokens(e.attrs)
    return not CHROME_TOKENS.isdisjoint(toks) or glued and any(w in t for t in toks for w in CHROME_SUBSTRINGS)


def _chrome_holder_yields(els: list[_El], blocks: list[Block], owners: list[int], chosen: set[int]) -> set[int]:
    """`chosen`, or the container chosen again with its chrome-classed holder cued (see CHROME_SUBSTRINGS)."""
    i = min(chosen)
    while i > 0 and not _chrome_classed(els[i], glued=True):
        i = els[i].parent
    if i <= 0 or els[i].cue is not None:
        return chosen
    return _rechosen(els, blocks, owners, [(i, "other_boilerplate", "dom_class_other_boilerplate")], chosen,
                     keep=lambda alt: i not in alt)


def _nearest_cue(els: list[_El]) -> list[int]:
    """Per element, the nearest element (itself or an ancestor) with a cue, or -1."""
    near = [-1] * len(els)
    for i, e in enumerate(els):
        near[i] = i if e.cue is not None else (near[e.parent] if i else -1)
    return near


def _choose_container(els: list[_El], blocks: list[Block], owners: list[int]) -> tuple[set[int], float]:
    """The article's container element(s): the best-scoring marked container when it holds enough of the
    page's prose, else the best-scoring element; plus its siblings that carry the same class (bodies
    split by ad slots into several "article-body" divs). With the chosen element's score."""
    near = _nearest_cue(els)
    own = [0.0] * len(els)
    for b, o in zip(blocks, owners):
        own[o] += _block_weight(b, els[near[o]].cue if near[o] >= 0 else None)
    score = _subtree_sums(els, own)
    best_i = max(range(len(els)), key=score.__getitem__)
    marked = [i for i, e in enumerate(els) if e.content and score[i] > 0]
    if marked:
        m = max(marked, key=score.__getitem__)
        if score[m] >= MARKED_MIN_SHARE * score[best_i]:
            best_i = m
            # a marked element inside it ("article-body" inside <article>) that holds most of its score
            # leaves out the header and the teasers the outer one also wraps
            under = _descendants_of(els, m)
            inner = [i for i in marked if i != m and under[i] and score[i] >= INNER_MARKED_SHARE * score[m]]
            if inner:
                best_i = max(inner, key=lambda i: (score[i], i))
    chosen = {best_i}
    e = els[best_i]
    if e.attrs and best_i > 0:
        for i, o in enumerate(els):
            if i != best_i and o.parent == e.parent and o.attrs == e.attrs and o.tag == e.tag and score[i] > 0:
                chosen.add(i)
    return chosen, score[best_i]


def _descendants_of(els: list[_El], m: int) -> list[bool]:
    under = [False] * len(els)
    for i in range(m + 1, len(els)):
        p = els[i].parent
        under[i] = p == m or under[p]
    return under


# flags carried down the tree inside the container (`tags` of the old per-chain code)
_IN_H1, _IN_FIGCAPTION, _IN_HEADER, _IN_CARD = 1, 2, 4, 8
_TAG_FLAG = {"h1": _IN_H1, "figcaption": _IN_FIGCAPTION, "header": _IN_HEADER}


def _teaser_cards(els: list[_El], blocks: list[Block], owners: list[int]) -> set[int]:
    """Elements that are cards of a teaser list: at least TEASER_MIN_CARDS siblings with the same tag and
    class, each holding a linked headline (link-dense, not a sentence) followed by more text (a dek, a
    date). Story text is not laid out as a row of identical boxes that each start with a link."""
    n = len(els)
    count = [0] * n
    chars = [0] * n
    first = [len(blocks)] * n
    for bi, o in enumerate(owners):
        count[o] += 1
        chars[o] += len(blocks[bi].text)
        if bi < first[o]:
            first[o] = bi
    for i in range(n - 1, 0, -1):
        p = els[i].parent
        count[p] += count[i]
        chars[p] += chars[i]
        if first[i] < first[p]:
            first[p] = first[i]
    # the cards that could count (a headline link followed by more text), grouped by (parent, tag, class);
    # the size of each whole sibling group is counted only when some group has enough such cards (most
    # pages have none: one pass over the elements instead of a tuple and a list entry per element)
    good: dict[tuple, list[int]] = {}
    for i in range(1, n):
        if count[i] >= 2 and _headline_link(blocks[first[i]]):
            e = els[i]
            good.setdefault((e.parent, e.tag, e.attrs), []).append(i)
    out: set[int] = set()
    wanted = {k for k, g in good.items() if len(g) >= TEASER_MIN_CARDS}
    if not wanted:
        return out
    parents = {k[0] for k in wanted}
    members = dict.fromkeys(wanted, 0)
    for e in els:
        if e.parent in parents:  # only siblings of candidate cards are counted (a key per element otherwise)
            k = (e.parent, e.tag, e.attrs)
            if k in members:
                members[k] += 1
    for key in wanted:
        g = good[key]
        if len(g) >= TEASER_MIN_SHARE * members[key] and \
                statistics.median_high([chars[i] - len(blocks[first[i]].text) for i in g]) <= TEASER_MAX_DEK_CHARS:
            out.update(g)
    return out


def _headline_link(b: Block) -> bool:
    return b.link_density > BODY_MAX_LINK_DENSITY and not _linked_sentence(b)


def _card_headers(els: list[_El]) -> None:
    """Give REASON_CARD_HEADER to the "header"-classed elements whose class string repeats on the page."""
    heads = [e for e in els if e.why == "dom_class_other_boilerplate" and _first_cue_token(e.attrs) == "header"]
    if not heads:
        return
    seen = Counter(e.attrs for e in heads)
    for e in heads:
        if seen[e.attrs] >= CARD_HEADER_MIN_REPEATS:
            e.why = REASON_CARD_HEADER


def _label(els: list[_El], blocks: list[Block], owners: list[int],
           title: str = "") -> tuple[list[Optional[tuple[str, str]]], list[bool]]:
    chrome = _settle_cues(els, blocks, owners)
    _card_headers(els)
    chosen = _chrome_yields(els, blocks, owners, chrome, _choose_container(els, blocks, owners)[0])
    chosen = _chrome_holder_yields(els, blocks, owners, chosen)
    n = len(els)
    inside = [False] * n     # element is a container or below one
    icue = [-1] * n          # nearest cue strictly below the container
    flags = [0] * n          # h1 / figcaption / header / teaser card between the container and the element
    ocue = _nearest_cue(els)  # nearest cue anywhere (for blocks outside the container)
    title_words = _title_words(title)
    cards = _teaser_cards(els, blocks, owners)
    for i, e in enumerate(els):
        if i in chosen:
            inside[i] = True
            continue
        p = e.parent if i else -1
        if p >= 0 and inside[p]:
            inside[i] = True
            icue[i] = i if e.cue is not None else icue[p]
            flags[i] = flags[p] | _TAG_FLAG.get(e.tag, 0) | (_IN_CARD if i in cards else 0)
    hints: list[Optional[tuple[str, str]]] = []
    in_block: list[bool] = []
    lead = True  # still in the container's header zone (before its first prose paragraph)
    for b, o in zip(blocks, owners):
        in_block.append(inside[o])
        if not inside[o]:
            c = ocue[o]
            if b.tag in TITLE_HEADING_TAGS and _same_words(b.text, title_words):
                # the headline sits above the body container on many templates; it is the heading that
                # repeats the page's <title> / og:title (a logo in an <h1> does not)
                hints.append(("headline", "heading_matches_title"))
            else:
                hints.append((els[c].cue, els[c].why) if c >= 0 else _skip_link(b) or
                             ("other_boilerplate", "outside_main_container"))
            continue
        c = icue[o]
        f = flags[o]
        if lead and c < 0 and b.tag not in HEADING_TAGS and not f & _IN_HEADER \
                and (_is_prose(b) or _linked_sentence(b)) \
                and not (len(b.text) < LEAD_MAX_CHARS and _DATE_LINE.search(b.text)):
            lead = False
        if c >= 0:
            hints.append((els[c].cue, els[c].why))
        elif f & _IN_CARD:
            hints.append(("related_link", "teaser_card"))
        elif f & _IN_H1:
            # the page's headline; the benchmark's body (like a reader's) starts below it
            hints.append(("headline", "h1_heading"))
        elif f & _IN_FIGCAPTION:
            hints.append(("image_caption", "figcaption"))
        elif lead:
            # above the first paragraph: deck, byline, dates, kicker -- the article's header, not its text
            hints.append(_lead_label(b))
        elif b.link_density > BODY_MAX_LINK_DENSITY and not _linked_sentence(b):
            hints.append(("related_link", "link_dense"))
        else:
            hints.append(_text_label(b) or ("body", "in_main_container"))
    _after_story_subtree(els, blocks, owners, hints, in_block)
    _trailing_calls_to_action(blocks, hints)
    return hints, in_block


def _after_story_subtree(els: list[_El], blocks: list[Block], owners: list[int], hints: list,
                         in_block: list[bool]) -> None:
    """Inside the container, the story's paragraphs are siblings under one element (its "story
    parent"); the author bio, "About the author", "Related Topics", FAQ and promo boxes that follow
    sit in other subtrees of the container. When one element is the direct parent of at least
    STORY_PARENT_SHARE of the container's body prose, body blocks after its subtree ends are relabelled,
    unless the first container block after that subtree, whatever its label, is a prose paragraph (the
    story going on in a sibling div, not a widget led by a heading or a short line).
    (WCXB dev tune articles, HTML: of the body words kept after the page's last true body block, most
    sat outside the subtree of the element parenting the story's paragraphs. Measured with share 0.7:
    tune 42 pages up, 4 down -- a product's spec table, a forum's replies, two articles; share 0.6 cut
    ~3x more junk words but ~10x more story words. Testing the first block of any label rather than the
    first body block, so a box whose heading a text cue already took is still cut: tune 7 up, 1 down.)"""
    direct = [0.0] * len(els)
    total = 0.0
    for b, o, h, ok in zip(blocks, owners, hints, in_block):
        if ok and o and h is not None and h[0] == "body" and _is_prose(b):  # <body>'s own text has no parent
            direct[els[o].parent] += len(b.text)
            total += len(b.text)
    if not total:
        return
    s = max(range(len(els)), key=direct.__getitem__)
    if direct[s] < STORY_PARENT_SHARE * total:
        return
    under = _descendants_of(els, s)
    under[s] = True
    last = max(i for i, o in enumerate(owners) if under[o])
    tail = [i for i in range(last + 1, len(blocks))
            if in_block[i] and hints[i] is not None and hints[i][0] == "body"]
    lead = next(i for i in range(last + 1, len(blocks)) if in_block[i]) if tail else None
    if lead is None or (_is_prose(blocks[lead]) and blocks[lead].tag not in HEADING_TAGS):
        return
    for i in tail:
        hints[i] = ("other_boilerplate", "after_story_subtree")


def _trailing_calls_to_action(blocks: list[Block], hints: list) -> None:
    """The last body blocks of many articles ask the reader to subscribe, follow the site, or get the
    app. Only the tail is relabelled: the same words mid-article (a deals page's "sign up for ...")
    can be the story itself."""
    for i in range(len(blocks) - 1, -1, -1):
        h = hints[i]
        if h is None or h[0] != "body":
            continue  # furniture between the calls to action and the end does not stop the scan
        t = blocks[i].text
        if len(t) <= CTA_MAX_CHARS and _CALL_TO_ACTION.search(t):
            hints[i] = ("newsletter", "call_to_action_after_body")
        else:
            break


_WORD = re.compile(r"\w+")
_TITLE_SEP = re.compile(r"\s+(?:\||-|–|—|::|·|•|»)\s+")


def _title_words(title: str) -> Optional[set[str]]:
    """The lower-cased words of the page title's headline part, once per page (None without a title)."""
    if not title:
        return None
    # "Headline | Site": compare with the longest part, so a logo with the site's name does not match
    title = max(_TITLE_SEP.split(title), key=len)
    return {x.lower() for x in _WORD.findall(title)}


def _same_words(text: str, title_words: Optional[set[str]]) -> bool:
    """Most of `text`'s words are in the title (a title adds a site name; a headline may drop a word)."""
    w = {x.lower() for x in _WORD.findall(text)}
    if len(w) < 2 or title_words is None:
        return False
    return len(w & title_words) >= HEADLINE_TITLE_OVERLAP * len(w)


def _linked_sentence(b: Block) -> bool:
    """A long block that ends like a sentence is prose even when most of its words are links (a list of
    news items each linked to its source); link lists are headlines, which carry no full stop."""
    return len(b.text) >= LINKED_SENTENCE_MIN_CHARS and bool(_SENTENCE_END.search(b.text))


def _may_be_credit(t: str) -> bool:
    """Every alternative of _CREDIT_END needs a "(" or the words "getty" / "ap photo" (re.IGNORECASE maps no
    other character to these letters): lines without them skip the regex, which tries every position of
    the line (~12 % of the labelling time; same labels)."""
    if "(" in t:
        return True
    low = t.lower()
    return "getty" in low or "ap photo" in low


def _text_label(b: Block) -> Optional[tuple[str, str]]:
    """Text cues that mark a short block inside the container as page furniture: a skip link, an ad slot's
    label, a widget heading ("Read more", "Related"), a photo credit line, a browser's JavaScript notice."""
    t = b.text
    if len(t) > TEXT_CUE_MAX_CHARS:
        return None
    skip = _skip_link(b)
    if skip:
        return skip
    low = t.lower()
    bare = low.strip(_EDGE_MARKS)  # (the cue tables' gates first: most blocks open with none of their words)
    if bare.startswith(cues.GATE_ADVERTISEMENT) and cues.ADVERTISEMENT_LOW.match(bare):  # as in text mode
        return "advertisement", "ad_label"
    if _WIDGET_HEADING.match(t) or (
            bare.startswith(cues.GATE_FOREIGN_WIDGET) and cues.FOREIGN_WIDGET_HEADING_LOW.match(bare)):
        return "widget_heading", "widget_heading_phrase"
    if _may_be_credit(t) and _CREDIT_END.search(t):
        return "image_caption", "photo_credit"
    if "©" in t and len(t) <= COPYRIGHT_MAX_CHARS:
        return "copyright", "copyright_sign"
    if "javascript" in low and cues.JAVASCRIPT_NOTICE_LOW.search(low):  # the browser notice, as in text mode (cues.py)
        return "other_boilerplate", "javascript_notice"
    return None


def _skip_link(b: Block) -> Optional[tuple[str, str]]:
    """("navigation", "skip_link") for an accessibility link to the page's own parts (_SKIP_LINK), else None."""
    if len(b.text) <= SKIP_LINK_MAX_CHARS and _SKIP_LINK.match(b.text):
        return "navigation", "skip_link"
    return None


def _lead_label(b: Block) -> tuple[str, str]:
    if _DATE_LINE.search(b.text) and len(b.text) < LEAD_MAX_CHARS:
        return "timestamp", "date_above_body"
    if _BY_LINE.match(b.text):
        return "byline", "by_above_body"
    if b.tag in HEADING_TAGS:
        return "other_boilerplate", "heading_above_body"
    return "other_boilerplate", "above_first_paragraph"
