"""Stage 3: label every block. Tag first, decide separately (dolma's taggers/mixer, conventions §4):

1. `features()` computes per-block evidence once (length, sentence end, stopword density, phrase cue;
   the cues are one table, `CUES`, each behind a cheap exact gate); lines repeated on the page and, with a
   `TemplateIndex`, lines of the site's template are marked too.
2. `find_title()` locates the page title / headline by repetition at the top of the page.
3. `body_regions()` picks the article's run of lines: a max-sum segment where prose lines score their
   length (a third when no prose neighbours them: teaser lists), inline cues cost a little, edge cues
   (related/newsletter/footer widgets) a lot; the run ends before a comment section or author box.
4. `classify()` turns evidence + position into one label and a snake_case reason per block, then
   subheadings between paragraphs, lists introduced by a colon and closing lists join the body.

Nothing here knows a site, a page id or a sentence from the benchmark: every rule says why it exists.
"""
from __future__ import annotations

import math
import re
from bisect import bisect_right
from dataclasses import dataclass, field
from itertools import accumulate
from typing import Callable, NamedTuple, Optional

from copydesk.core import cues
from copydesk.core.lang import is_cjk, stopwords_for
from copydesk.core.records import Block, LabelledLine
from copydesk.core.vocab import Label, Reason

# --- thresholds (published defaults where they exist) -------------------------------------------
# jusText: "short" blocks are < 70 chars; good blocks have stopword density >= 0.30 (we use a lower
# floor because our lists are short and news prose is dense with names and numbers).
GOOD_MIN_WORDS = 10
NEAR_MIN_WORDS = 5
GOOD_MIN_STOPWORD_RATIO = 0.12
# A line this long without a sentence end still reads as prose (wrapped sentence, quote with a source
# bracket after it) when its stopword density is prose-like.
LONG_UNPUNCT_MIN_WORDS = 20
# C4: keep lines ending in terminal punctuation; curly closing quotes count as sentence ends. Besides
# the Latin and CJK marks, the full stops of scripts that have their own: Devanagari's danda (Hindi,
# Marathi, Nepali; also Bengali's), the Arabic question mark and Urdu's full stop, Armenian's, Ethiopic's
# and Burmese's. Without them no sentence of those languages ended a line, so none could read as prose
# (no dev page holds any of them: the news and WCXB sets are unchanged). Issue 13: Khmer's khan and Tibetan's
# shad, the full-width full stop and closing parenthesis of CJK text, and the closing quotes of German, Czech
# and the other languages that open with a low quote („…“, ‚…‘): a German paragraph that ends in a quotation
# ended in none of the marks, so it could not read as prose.
END_PUNCT = re.compile(r"(?:[.!?。！？…।॥؟۔։።။។།．｡]|[.!?,…]?[\"”’“‘»」』)）]+|[.!?]\s*\([^)]{1,40}\))\s*$")
# The same test, as the set of characters END_PUNCT can end on (every such line matches it): blocks are
# stripped, so the last character decides.
END_CHARS = frozenset(".!?。！？…।॥؟۔։።။។།．｡\"”’“‘»」』)）")
# Max-sum region: a boilerplate line costs this many characters, a short non-sentence line this many.
CUE_PENALTY = 60
# Cues that mark the edge of the article (related/newsletter/share/comments/footer widgets) cost more:
# the run should not bridge from the article into the teaser lists that follow it. Inline cues
# (ads, captions, bylines, timestamps) keep the light penalty: they sit inside articles.
BOUNDARY_PENALTY = 300
LIGHT_CUE_LABELS = frozenset({"advertisement", "image_caption", "image_alt", "timestamp", "byline", "newsletter", "share"})
# An ALL-CAPS short line is as often a tabloid subheading inside the article as a widget title; a
# call to action ("click here to ...") is an inline promo that sits between paragraphs; a repeated
# caption sits next to its photo inside the article; a lone menu word ("Report", "Close") is a button
# between paragraphs; a site-template line can be a promo the site puts inside every article; a
# contact line can sit between the story and its last paragraph; "Related: <headline>" links sit inline.
LIGHT_CUE_REASONS = frozenset({"caps_heading", "call_to_action", "repeated_on_page", "menu_word",
                               "site_template", "contact_line", "related_prefix"})
SHORT_PENALTY = 25
# A "near" line (short sentence) counts this share of its length; an isolated sentence line this share.
NEAR_FACTOR = 0.3
ISOLATED_FACTOR = 0.3
# Related links: a headline-shaped line has this many words and no sentence end.
LINK_MIN_WORDS, LINK_MAX_WORDS = 3, 30
# Near-duplicate of the headline (word-set Jaccard) for image alt / repeated title lines.
TITLE_REPEAT_JACCARD = 0.5
# Captions can run to a paragraph; one that ends in a credit is a caption up to this many words.
CAPTION_MAX_WORDS = 150
# A line with an e-mail address is a contact/author line up to this many words.
CONTACT_MAX_WORDS = 80
# Legal small print is judged by its phrases up to this length (a long paragraph quoting terms is prose).
DISCLAIMER_MAX_WORDS = 120
# Navigation: menu items are very short.
NAV_MAX_WORDS = 4

# A word: a run of \w characters, and in the Indic scripts (Devanagari to Sinhala, U+0900-U+0DFF) their
# vowel signs and viramas too, which \w does not match: without them "है" split into fragments, a Hindi
# line counted two to three times its words and no word matched its stopword list. The danda and double
# danda (U+0964-U+0965), those scripts' full stops, stay out.
_TOKEN = re.compile(r"(?:\w|[\u0900-\u0963\u0966-\u0DFF])+")
_TITLE_SEP = re.compile(r"\s+(?:\||-|–|—|::|·|•|»)\s+")


@dataclass(slots=True)
class Feat:
    n_words: int
    n_chars: int
    terminal: bool
    sw_ratio: float
    cue: Optional[str]  # label suggested by a phrase cue
    cue_reason: str
    kind: str  # good | near | short | cue
    words: "list[str] | tuple[str, ...]" = ()  # the line's lower-cased \w+ tokens, in order (may repeat)
    repeated: bool = False  # the same line occurs elsewhere on the page


def _norm(s: str) -> str:
    # the tokens joined, then lower-cased in one call: the same string as lower-casing each token (the one
    # context rule, final sigma, looks no further than a space, which is not case-ignorable)
    return " ".join(_TOKEN.findall(s)).lower()


def _words(s: str) -> set[str]:
    return {t.lower() for t in _TOKEN.findall(s)}


def _jaccard(a: "set[str] | frozenset[str]", b: "set[str] | frozenset[str]") -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


# --- cues: the phrase and shape rules, one table --------------------------------------------------
# End-anchored cue patterns (credits, counters, truncation) only ever match within the last ~100
# characters; they are run on this tail of a long line.
TAIL_CHARS = 160
# Tabloid teasers in capitals between paragraphs ("SINGER SAYS SHOW HELPED HER LOSE 25 POUNDS"): a
# capitalised line of this many words is a headline of another story, not a subheading.
CAPS_TEASER_MIN_WORDS = 6
ANY_LENGTH = math.inf


@dataclass(frozen=True, slots=True)
class Cue:
    """One rule that reads a label off a line's phrases or shape (conventions §6: heuristics as data).

    `cue_of` tries `CUES` in order and returns the first cue that admits the line (limits), whose gate the
    line passes and whose `test` holds. Limits say which lines a rule judges at all (word count, length,
    sentence end). The gate exists for speed only: whole words, prefixes, suffixes or substrings of the
    lower-cased line, *any one* of which every match of `test` contains (`pre`, when set, is a further
    exact condition of the same kind); a cue without any gate element (the shape cues) is tested on every
    line it admits. `features` skips, per line, every gated cue at once when the line passes none of the
    gates open to it (`GATES`, the union of the table's gates). tests/core/test_cue_gates.py checks on
    every dev line that no gate ever hides a match."""
    label: str
    reason: str
    test: Callable[[str, str], object]  # (text, lower-cased text) -> truthy: the line is this cue
    max_words: Optional[int] = None
    min_words: int = 0
    terminal_max_words: Optional[int] = None  # a lower word cap for lines that end a sentence
    unterminated: bool = False  # only lines without a sentence end
    max_chars: float = cues.CUE_MAX_CHARS  # ANY_LENGTH: long lines too
    min_chars: int = 0
    words: frozenset = frozenset()
    prefixes: tuple = ()
    suffixes: tuple = ()
    subs: frozenset = frozenset()
    digit_first: bool = False
    pre: Optional[Callable[[str, "frozenset[str]"], bool]] = None  # (low, words): narrows the gate
    gated: bool = field(init=False, default=False)
    # `prefixes` by their first two characters, and the one-character ones (speed: see _prefix_index)
    by_two: dict = field(init=False, default_factory=dict)
    ones: tuple = field(init=False, default=())

    def __post_init__(self):
        object.__setattr__(self, "gated", bool(self.words or self.prefixes or self.suffixes or self.subs
                                               or self.digit_first))
        by_two, ones = _prefix_index(self.prefixes)
        object.__setattr__(self, "by_two", by_two)
        object.__setattr__(self, "ones", ones)

    def admits(self, n_words: int, terminal: bool) -> bool:
        """Whether the word and sentence-end limits let this cue judge such a line."""
        cap = self.terminal_max_words if terminal and self.terminal_max_words is not None else self.max_words
        return self.min_words <= n_words and (cap is None or n_words <= cap) and not (terminal and self.unterminated)


def _prefix_index(prefixes) -> tuple[dict, tuple]:
    """({first two characters: prefixes}, one-character prefixes). Speed only, same answers: `low` starts with
    one of `prefixes` iff low.startswith(by_two.get(low[:2], ())) or low.startswith(ones). A line is tested
    against the prefixes that open like it, one dict lookup instead of a scan of the whole tuple (the other
    languages' widget phrases, issue 13, tripled the prefixes of the common letters)."""
    by_two: dict[str, list] = {}
    for p in dict.fromkeys(prefixes):
        if len(p) >= 2:
            by_two.setdefault(p[:2], []).append(p)
    return {k: tuple(v) for k, v in by_two.items()}, tuple(dict.fromkeys(p for p in prefixes if len(p) == 1))


def _on_low(find):
    return lambda text, low: find(low)


def _on_text(find):
    return lambda text, low: find(text)


def _on_tail(find):
    return lambda text, low: find(text[-TAIL_CHARS:])


_DIGIT = re.compile(r"\d")
# The name's capital: Latin (with the accented capitals of Latin-1 and Latin Extended-A, where Ł, Š, Ž, Ő
# live: "Von Łukasz Nowak"), Greek and Cyrillic (Ё and the Ukrainian І Ї Є Ґ lie outside А-Я).
_BYLINE = re.compile(r"^(?:(?i:by|written by|reporting by|words by|von|par|por)[\s:]+|(?i:by)\s*$)"
                     r"[A-ZÀ-ÖØ-ÞĀ-žΑ-ΩА-ЯЁІЇЄҐ]")


def is_timestamp(text: str, low: Optional[str] = None) -> bool:
    """A line made of date/time tokens and little else ("/ 04:53 PM April 27, 2022")."""
    if len(text) > 90 or not _DIGIT.search(text):
        return False
    if low is None:
        low = text.lower()
    # cheap exact pre-check: DATE_TOKEN can only consume digits and the words in cues.DATE_WORDS, so a
    # line with two other words can never be a timestamp
    others = 0
    for w in _TOKEN.findall(low):
        if w not in cues.DATE_WORDS and not w[:1].isdigit():
            others += 1
            if others > 1:
                return False
    rest, n = cues.DATE_TOKEN_LOW.subn(" ", low)
    return n > 0 and len(_TOKEN.findall(rest)) <= 1


def _caption_end_possible(low: str, words: "set[str] | frozenset[str]") -> bool:
    """Exact gate for cues.CAPTION_END, branch by branch (its words alone would let every line with
    "more" through)."""
    if low.endswith(("less", "more")) and low[:-4].rstrip()[-1:] in ".!?”’\"":
        return True
    tail = low[-TAIL_CHARS:]
    if ":" in tail and not cues.GATE_CAPTION_END.isdisjoint(words):
        return True
    return not cues.AGENCIES.isdisjoint(words) and ("/" in tail or low.endswith(")"))


def _caption_credit(text: str, low: str) -> bool:
    # the credit alternatives are end-anchored (searched in the tail); the "Image caption" label opens the line
    return bool(cues.CAPTION.search(text[-TAIL_CHARS:] if text.endswith((")", "]")) else text))


def _is_caps_heading(text: str, low: str = "") -> bool:
    """ALL-CAPS line ("FEATURED STORIES"): RefinedWeb drops mostly-upper lines (short ones: see CUES)."""
    if not text.isupper():
        return False
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 4 and all(c.isupper() for c in letters)


_ASCII_LOWER = bytes(range(97, 123))


def _is_caps_teaser(text: str, low: str = "") -> bool:
    """At least 90 % of the letters upper case (word and sentence-end limits: see CUES)."""
    if text.isascii():
        # exact quick reject (speed): a-z are letters and not upper case, so more of them than a tenth of
        # the line's characters (>= its letters) already fails the 90 % test below; counted in C
        n_lower = len(text) - len(text.encode().translate(None, _ASCII_LOWER))
        if n_lower * 10 > len(text):
            return False
    n_letters = sum(map(str.isalpha, text))
    return n_letters >= 20 and sum(map(str.isupper, text)) >= 0.9 * n_letters


def _is_menu_word(text: str, low: str) -> bool:
    return low.rstrip(" \t!.:") in cues.NAV_SET


def _commenter_colon(low: str, words) -> bool:
    # "jdoe says:" -- the verbs are common words in news; every commenter line holds the colon
    return ":" in low


def _disclaimer_word(low: str, words) -> bool:
    # every DISCLAIMER phrase also holds one of these whole words
    return not cues.GATE_DISCLAIMER.isdisjoint(words)


# The phrase and shape cues, in the order they are tried (the first that applies wins). Patterns and their
# sources: copydesk/core/cues.py. Word caps: a cue phrase inside a long paragraph is usually the article
# talking about cookies or newsletters, not a widget; lines longer than cues.CUE_MAX_CHARS are judged by
# the three cues marked ANY_LENGTH only.
CUES: tuple[Cue, ...] = (
    # photo captions end in a credit or a gallery's less/more toggle, however long they run
    Cue("image_caption", "caption_credit_end", _on_tail(cues.CAPTION_END.search), max_words=CAPTION_MAX_WORDS,
        max_chars=ANY_LENGTH, words=cues.GATE_CAPTION_END | cues.AGENCIES, suffixes=("less", "more"),
        pre=_caption_end_possible),
    # a long cookie banner that opens with its cookie sentence
    Cue("cookie_notice", "cookie_banner", _on_low(cues.COOKIE_LEAD_LOW.match), min_chars=cues.CUE_MAX_CHARS + 1,
        max_chars=ANY_LENGTH, prefixes=cues.GATE_COOKIE_LEAD),
    # legal small print (trademarks, medical disclaimers, terms) shares no words with the news above it
    Cue("legal", "disclaimer_phrase", _on_low(cues.DISCLAIMER_LOW.search), max_words=DISCLAIMER_MAX_WORDS,
        max_chars=ANY_LENGTH, subs=frozenset(cues.GATE_DISCLAIMER_PHRASES), pre=_disclaimer_word),
    # an e-mail address: contact or author-box line
    Cue("other_boilerplate", "contact_line", _on_text(cues.EMAIL.search), max_words=CONTACT_MAX_WORDS,
        subs=frozenset({"@"})),
    # "JavaScript is disabled. Please enable JavaScript": the page's notice to browsers without scripts
    Cue("other_boilerplate", "javascript_notice", _on_low(cues.JAVASCRIPT_NOTICE_LOW.search), max_words=30,
        subs=frozenset({"javascript"})),
    # "Follow us on Twitter": the social bar (0 of 15 such dev lines are article text)
    Cue("share", "follow_us", _on_low(cues.FOLLOW_LOW.search), max_words=20, words=frozenset({"follow"})),
    # the label of an ad slot, alone on its line
    Cue("advertisement", "ad_marker", _on_low(cues.ADVERTISEMENT_LOW.match), max_words=6,
        prefixes=cues.GATE_ADVERTISEMENT),
    # comment sections follow the article ("12 responses to ...", "Leave a reply", "jdoe says:")
    Cue("other_boilerplate", "comment_section", _on_low(cues.COMMENT_LOW.match), max_words=40,
        words=cues.GATE_COMMENT, prefixes=cues.GATE_COMMENT_HEADS, subs=frozenset({"коммент"}), digit_first=True),
    Cue("other_boilerplate", "comment_section", _on_low(cues.COMMENT_LOW.match), max_words=40,
        words=cues.GATE_COMMENT_VERB, pre=_commenter_colon),
    # share-bar UI text with an action verb
    Cue("share", "share_action", _on_low(cues.SHARE_ACTION_LOW.search), max_words=20, words=cues.GATE_SHARE_ACTION),
    # a caption that ends in its credit ("(AP)", "[File: Reuters]") or opens with "Image caption"
    Cue("image_caption", "caption_credit", _caption_credit, max_words=60, suffixes=(")", "]"),
        prefixes=cues.GATE_CAPTION_PREFIX),
    # a teaser headline the widget cut off mid-word
    Cue("related_link", "truncated_teaser", _on_tail(cues.TRUNCATED.search), max_words=25, suffixes=("...", "…")),
    # a most-read list's popularity counter after a headline
    Cue("related_link", "counter_suffix", _on_tail(cues.COUNTER_SUFFIX.search), max_words=25, suffixes=(")",)),
    # "About the author" / "About <Company>": the box that closes an article
    Cue("widget_heading", "about_box_heading", _on_text(cues.ABOUT_HEADING.match), max_words=6, unterminated=True,
        prefixes=cues.GATE_ABOUT),
    # "Click here to get the app": an inline promo between paragraphs
    Cue("other_boilerplate", "call_to_action", _on_low(cues.CALL_TO_ACTION_LOW.search), max_words=25,
        words=cues.GATE_CALL_TO_ACTION),
    # C4: cookie/privacy lines
    Cue("cookie_notice", "cookie_phrase", _on_low(cues.COOKIE_LOW.search), subs=frozenset(cues.GATE_COOKIE_SUBS),
        words=cues.GATE_COOKIE),
    # "Tags: Politics, Budget": the topic list under an article
    Cue("tags", "tags_prefix", _on_low(cues.TAGS_LOW.match), prefixes=cues.GATE_TAGS),
    # "(Photo: ...)", "Credit: ...", an agency name at the end: a photo credit
    Cue("image_caption", "photo_credit", _on_text(cues.CREDIT.search), max_words=60, words=cues.GATE_CREDIT,
        subs=frozenset(cues.GATE_CREDIT_PAREN)),
    # a newsletter box: short, or without a sentence end however long (a sign-up form's run-on text)
    Cue("newsletter", "newsletter_phrase", _on_low(cues.NEWSLETTER_LOW.search), terminal_max_words=25,
        subs=frozenset(cues.GATE_NEWSLETTER)),
    # jusText: "©" is bad
    Cue("copyright", "copyright_mark", _on_low(cues.COPYRIGHT_LOW.search), max_words=30,
        subs=frozenset(cues.GATE_COPYRIGHT), words=cues.RIGHTS_WORDS),
    # a share bar flattened to a line of network names
    Cue("share", "share_words", _on_low(cues.SHARE_LOW.match), prefixes=cues.GATE_SHARE, digit_first=True),
    # "Related stories", "Most read", "Lesen Sie auch": the heading of a link widget
    Cue("widget_heading", "widget_phrase", _on_low(cues.WIDGET_HEADING_LOW.match), prefixes=cues.GATE_WIDGET),
    # "Related: <headline>" teaser inline in the body
    Cue("related_link", "related_prefix", _on_low(cues.RELATED_INLINE_LOW.match), unterminated=True,
        prefixes=cues.GATE_RELATED_INLINE),
    # footer links (terms, privacy, contact)
    Cue("legal", "legal_link", _on_low(cues.LEGAL_LOW.search), max_words=12, unterminated=True,
        subs=frozenset(cues.GATE_LEGAL), words=cues.LEGAL_WORDS),
    # "By Jane Doe": a byline (a capital after "by": "by the river" is prose)
    Cue("byline", "by_prefix", _on_text(_BYLINE.match), max_words=15, prefixes=cues.GATE_BYLINE),
    # who stands where in the photo, or an artist's illustration
    Cue("image_caption", "caption_phrase", _on_low(cues.CAPTION_PHRASE_LOW.search), max_words=60,
        words=cues.GATE_CAPTION_PHRASE),
    # --- shape cues (no keyword gate) ---
    # RefinedWeb: one-word menu lines ("Home", "Close")
    Cue("navigation", "menu_word", _is_menu_word, max_words=3, unterminated=True),
    # a line of date and time tokens and at most one other word
    Cue("timestamp", "date_line", is_timestamp),
    # RefinedWeb drops mostly-upper lines: a short one is a widget title ("FEATURED STORIES")
    Cue("widget_heading", "caps_heading", _is_caps_heading, max_words=5, max_chars=50),
    # a longer capitalised line without sentence end is a tabloid teaser of another story
    Cue("related_link", "caps_teaser", _is_caps_teaser, min_words=CAPS_TEASER_MIN_WORDS, max_words=30,
        unterminated=True),
)
# every substring gate of the table: `features` finds them in the page once each (`_page_subs`)
_GATE_SUBS = tuple(dict.fromkeys(s for c in CUES for s in sorted(c.subs)))


@dataclass(frozen=True, slots=True)
class _Gates:
    """The cues open to lines of one word count and sentence end (`CUES` filtered by `Cue.admits`), and
    the union of their gates for lines of CUE_MAX_CHARS or shorter: such a line that passes none of them
    can only be one of the ungated `shape` cues."""
    cues: tuple
    shape: tuple
    words: frozenset
    suffixes: tuple
    subs: frozenset
    digit_first: bool
    # the prefixes by their first two characters, and the one-character ones (speed: _prefix_index)
    by_two: dict = field(default_factory=dict, compare=False, hash=False)
    ones: tuple = ()


def _gates_for(n: int, terminal: bool) -> _Gates:
    open_ = tuple(c for c in CUES if c.admits(n, terminal))
    short = [c for c in open_ if c.gated and c.min_chars <= cues.CUE_MAX_CHARS]
    return _Gates(open_, tuple(c for c in open_ if not c.gated),
                  frozenset().union(*(c.words for c in short)),
                  tuple(dict.fromkeys(s for c in short for s in c.suffixes)),
                  frozenset().union(*(c.subs for c in short)),
                  any(c.digit_first for c in short),
                  *_prefix_index([p for c in short for p in c.prefixes]))


# Word counts above this all share one gate set (one more than the largest word limit in CUES).
_GATE_CAP = 1 + max(x for c in CUES for x in (c.max_words, c.min_words, c.terminal_max_words) if x is not None)
# GATES[terminal][min(n_words, _GATE_CAP)], built once at import (speed: one list index per line).
GATES = tuple(tuple(_gates_for(n, t) for n in range(_GATE_CAP + 1)) for t in (False, True))
_NO_CUE: tuple[Optional[str], str] = (None, "")
_NO_SUBS: frozenset = frozenset()


def _first_cue(cands: tuple, text: str, low: str, words, held) -> tuple[Optional[str], str]:
    """The first of `cands` (cues admitting the line's words and sentence end) that the line is."""
    n = len(text)
    two = low[:2]
    for c in cands:
        if n > c.max_chars or n < c.min_chars:
            continue
        # the gate: any one of its elements (an empty element is skipped by its truth test, cheaply)
        if c.gated and not ((c.words and not c.words.isdisjoint(words))
                            or (c.prefixes and (low.startswith(c.by_two.get(two, ())) or (c.ones and low.startswith(c.ones))))
                            or (c.suffixes and low.endswith(c.suffixes)) or (c.subs and held and not c.subs.isdisjoint(held))
                            or (c.digit_first and low[:1].isdigit())):
            continue
        if c.pre is not None and not c.pre(low, words):
            continue
        if c.test(text, low):
            return c.label, c.reason
    return _NO_CUE


def cue_of(text: str, n_words: int, terminal: bool, low: Optional[str] = None,
           words: "Optional[set[str] | frozenset[str]]" = None,
           held: "Optional[set[str] | frozenset[str]]" = None) -> tuple[Optional[str], str]:
    """The (label, reason) the first applicable cue of `CUES` gives a line; (None, '') when none.
    `words`: the set of the line's lower-cased \\w+ tokens; `held`: the gate substrings (`_GATE_SUBS`) the
    lower-cased line contains (`features` knows both already)."""
    if low is None:
        low = text.lower()
    if words is None:
        words = set(_TOKEN.findall(low))
    if held is None:
        held = {s for s in _GATE_SUBS if s in low}
    return _first_cue(GATES[terminal][min(n_words, _GATE_CAP)].cues, text, low, words, held)


# ASCII bytes that are not \w, mapped to a space (a bytes.translate table for features()).
# Line breaks and every non-ASCII byte stay (UTF-8 multi-byte sequences are left whole).
_ASCII_NONWORD_TO_SPACE_KEEP_NL = bytes(c if (c >= 128 or c == 10 or chr(c).isalnum() or c == 95) else 32
                                        for c in range(256))


def _page_subs(page_low: str, lows: list[str], aligned: bool) -> dict[int, set]:
    """For each line holding any gate substring, which (line index -> set): each substring is found in the
    page with str.find. When `lows` are the page's own lines (`aligned`), its occurrences are mapped to
    lines by their offsets; otherwise (a block holding a line break) each line is searched for the
    substrings the page holds. Most lines hold none, so `features` tests most lines' substrings with one
    dict lookup."""
    line_subs: dict[int, set] = {}
    if not aligned:
        present = [sub for sub in _GATE_SUBS if sub in page_low]
        for i, low in enumerate(lows):
            held = {sub for sub in present if sub in low}
            if held:
                line_subs[i] = held
        return line_subs
    starts = list(accumulate((len(x) + 1 for x in lows), initial=0))
    for sub in _GATE_SUBS:
        i = page_low.find(sub)
        while i >= 0:  # no substring holds a line break, so an occurrence lies within one line
            line_subs.setdefault(bisect_right(starts, i) - 1, set()).add(sub)
            i = page_low.find(sub, i + 1)
    return line_subs


def features(blocks: list[Block], lang: Optional[str]) -> list[Feat]:
    sw = stopwords_for(lang)
    out = []
    is_sw = sw.__contains__
    texts = [b.text for b in blocks]
    # Speed: the page is lower-cased and its ASCII punctuation blanked in one call each, then split back
    # into lines (a block never holds a line break in text mode; when one does, line by line). Lower-casing
    # is line-local (the one context rule, final sigma, stops at a line break).
    page_low = "\n".join(texts).lower()
    lows = page_low.split("\n")
    aligned = len(lows) == len(texts)
    if aligned:
        blanked = page_low.encode().translate(_ASCII_NONWORD_TO_SPACE_KEEP_NL).decode().split("\n")
    else:
        lows = [t.lower() for t in texts]
        blanked = [t.encode().translate(_ASCII_NONWORD_TO_SPACE_KEEP_NL).decode() if t.isascii() else ""
                   for t in lows]
    # menus and footers repeat within a page; everything but the link density depends on the text only
    memo: dict[str, tuple] = {}
    # Speed, same result: the gates' substrings are first looked for in the whole page (one C scan
    # each), and each line learns which ones it holds (`_page_subs`).
    line_subs = _page_subs(page_low, lows, aligned)
    for i, (b, t, low, bl) in enumerate(zip(blocks, texts, lows, blanked)):
        hit = memo.get(t)
        if hit is None:
            if t.isascii():
                cjk = False
                # same tokens as _TOKEN.findall for ASCII text (\w = [A-Za-z0-9_]), at a fifth of the cost
                toks = bl.split()
            else:
                cjk = is_cjk(t)
                toks = _TOKEN.findall(low)
            n_words = max(len(toks), len(t) // 3) if cjk else len(toks)
            terminal = t[-1] in END_CHARS if t else False
            if cjk:
                ratio = 0.3  # no stopword list for CJK: punctuation + length carry the decision
            else:
                ratio = (sum(map(is_sw, toks)) / len(toks)) if toks else 0.0
            # pre-filter (speed only, same result): a line that opens, ends or contains none of the
            # keywords of the cues open to its length skips straight to the shape cues
            g = GATES[terminal][n_words if n_words < _GATE_CAP else _GATE_CAP]
            held = line_subs.get(i, _NO_SUBS)
            first = low[:1]
            if (len(t) <= cues.CUE_MAX_CHARS and g.words.isdisjoint(toks)
                    and not low.startswith(g.by_two.get(low[:2], ())) and not (g.ones and low.startswith(g.ones))
                    and not low.endswith(g.suffixes) and not (g.digit_first and first.isdigit())
                    and g.subs.isdisjoint(held)):
                cue, why = _first_cue(g.shape, t, low, toks, held) if g.shape else _NO_CUE
            else:
                cue, why = _first_cue(g.cues, t, low, frozenset(toks), held)
            hit = memo[t] = (n_words, terminal, ratio, toks, cue, why)
        else:
            n_words, terminal, ratio, toks, cue, why = hit
        if b.link_density > 0.6 and cue is None and n_words < 40:
            cue, why = "related_link" if n_words >= LINK_MIN_WORDS else "navigation", "link_dense"
        if cue:
            kind = "cue"
        elif n_words >= GOOD_MIN_WORDS and terminal and ratio >= GOOD_MIN_STOPWORD_RATIO:
            kind = "good"
        elif n_words >= NEAR_MIN_WORDS and terminal:
            kind = "near"
        elif n_words >= LONG_UNPUNCT_MIN_WORDS and ratio >= GOOD_MIN_STOPWORD_RATIO:
            kind = "near"  # a dump can wrap a sentence mid-way; a long wordy line is prose, not a menu
        else:
            kind = "short"
        out.append(Feat(n_words, len(t), terminal, ratio, cue, why, kind, toks))
    return out


# A sentence-sized line that occurs twice on one page is a gallery caption, a teaser or a pull quote
# shown again; the article states each paragraph once. Short lines repeat legitimately ("Meal 1").
REPEAT_MIN_WORDS = 8


# A page can also carry its whole text twice (a dump that holds the story and again its print or
# mobile copy): a run of at least COPY_MIN_LINES consecutive lines repeated in the same order further down
# is a copy of the page's text, not a caption shown twice. The first copy is left as it is (it is the
# story), only the later copy is marked. Measured on WCXB dev (tune, text dumps): four articles whose
# whole text was set aside as repeated (word-F1 under 0.1) come back; captions and pull quotes repeat
# one or two at a time and stay marked.
COPY_MIN_LINES = 6


def _copied_firsts(pairs: list[tuple[int, int]]) -> set[int]:
    """The first-copy indexes of the (first, repeat) pairs that lie in a copied run: COPY_MIN_LINES or
    more consecutive repeats whose first occurrences are consecutive too."""
    runs: list[list[int]] = []
    for n, (j, i) in enumerate(pairs):
        if n and pairs[n - 1] == (j - 1, i - 1):
            runs[-1].append(j)
        else:
            runs.append([j])
    return {j for run in runs if len(run) >= COPY_MIN_LINES for j in run}


def _mark_repeats(blocks: list[Block], feats: list[Feat]) -> None:
    first: dict[str, int] = {}
    pairs: list[tuple[int, int]] = []  # (first occurrence, repeat), in page order
    for i, b in enumerate(blocks):
        j = first.setdefault(b.text, i)
        if j != i:
            pairs.append((j, i))
    copied = _copied_firsts(pairs) if len(pairs) >= COPY_MIN_LINES else set()
    for j, i in pairs:
        for k in ((i,) if j in copied else (j, i)):
            f = feats[k]
            f.repeated = True
            if f.n_words >= REPEAT_MIN_WORDS and f.kind in ("good", "near"):
                f.cue, f.cue_reason, f.kind = "other_boilerplate", "repeated_on_page", "cue"


def find_title(blocks: list[Block], title_hint: Optional[str] = None,
               feats: Optional[list[Feat]] = None) -> tuple[Optional[int], Optional[int], Optional[str]]:
    """(page_title index, headline index, title text). The page title is a "Headline | Site" line at the
    top whose headline part is repeated below it; HTML mode passes <title>/og:title as `title_hint`.
    `feats` (from `features`, same blocks) saves re-tokenising the top lines (speed only)."""
    top = min(len(blocks), 60)
    if feats is not None:
        # an ASCII line's tokens in `features` are exactly _norm's (lower-casing commutes with \w+ there)
        norms = [" ".join(f.words) if b.text.isascii() else _norm(b.text) for b, f in zip(blocks[:top], feats)]
    else:
        norms = [_norm(b.text) for b in blocks[:top]]
    # 1. first line "Headline | Site" (or equal repeat) whose headline part appears again below
    for i in range(min(3, top)):
        if len(blocks[i].text.split()) > 40 or blocks[i].text.rstrip().endswith("."):
            continue  # a title is a short line without a full stop, not a repeated sentence
        parts = [p for p in _TITLE_SEP.split(blocks[i].text) if p]
        cands = [_norm(blocks[i].text)] + [_norm(p) for p in parts if len(p.split()) >= 3]
        for j in range(i + 1, top):
            if norms[j] and norms[j] in cands:
                return i, j, blocks[j].text
    # 2. a hint (HTML <title> / og:title, minus its site suffix) matched against the blocks
    if title_hint:
        hint_parts = [_norm(p) for p in _TITLE_SEP.split(title_hint) if len(p.split()) >= 2] + [_norm(title_hint)]
        for j in range(top):
            if norms[j] and norms[j] in hint_parts:
                return None, j, blocks[j].text
    return None, None, None


def _is_light(f: Feat) -> bool:
    return f.kind == "cue" and (f.cue in LIGHT_CUE_LABELS or f.cue_reason in LIGHT_CUE_REASONS)


def line_weights(feats: list[Feat]) -> list[float]:
    """Per-line contribution to the max-sum run. A sentence line with no prose neighbour (skipping inline
    cues such as timestamps and captions) counts ISOLATED_FACTOR of its length: article paragraphs come
    in runs, while teaser lists alternate one summary sentence with headline/author/date lines
    (jusText's context step, applied to weights)."""
    n = len(feats)
    proseish = [f.kind in ("good", "near") for f in feats]
    ws = []
    for i, f in enumerate(feats):
        if f.kind == "good" or f.kind == "near":
            w = float(f.n_chars) if f.kind == "good" else f.n_chars * NEAR_FACTOR
            if not (_prose_neighbour(feats, proseish, i, -1) or _prose_neighbour(feats, proseish, i, 1)):
                w *= ISOLATED_FACTOR
        elif f.kind == "cue":
            w = -float(CUE_PENALTY if _is_light(f) else BOUNDARY_PENALTY)
        else:
            w = -float(SHORT_PENALTY)
        ws.append(w)
    return ws


def _prose_neighbour(feats: list[Feat], proseish: list[bool], i: int, step: int) -> bool:
    j = i + step
    while 0 <= j < len(feats) and _is_light(feats[j]):
        j += step
    return 0 <= j < len(feats) and proseish[j]


def best_segment(ws: list[float], lo: int, hi: int) -> tuple[float, int, int]:
    """Max-sum contiguous run of ws[lo:hi]: (score, start, end incl.); end < start when none is positive.
    Also second.density_run's (a weight of -inf is a line no run crosses)."""
    best, best_s, best_e = 0.0, lo, lo - 1
    cur, cur_s = 0.0, lo
    for i in range(lo, hi):
        w = ws[i]
        if cur <= 0:
            cur, cur_s = w, i
        else:
            cur += w
        if cur > best:
            best, best_s, best_e = cur, cur_s, i
    return best, best_s, best_e


def main_region(feats: list[Feat]) -> tuple[int, int]:
    """Max-sum contiguous run: body-like lines add their length, boilerplate subtracts. (start, end) incl."""
    _, s, e = best_segment(line_weights(feats), 0, len(feats))
    return s, e


def body_regions(feats: list[Feat]) -> list[tuple[int, int]]:
    """The article's run(s), (start, end) inclusive: the max-sum run, cut before a terminal cue (comments,
    about-the-author). One run today; secondary runs (an article split by an embedded widget) were tried
    with thresholds 0.1-0.5 of the main score and did not help on the dev set."""
    s, e = main_region(feats)
    if e < s:
        return []
    return [(s, _cut_at_terminal(feats, s, e))]


# --- site template ---------------------------------------------------------------------------------
# A line that recurs on many pages of one site in the same run is the site's template (menus, footers,
# promos), whatever it looks like. Both thresholds must hold, so two pages that quote the same sentence
# do not make it template. They count distinct *stories*, not files (see TemplateIndex): crawls hold the
# same story at several URLs and updated versions of it, and every line of such a story recurs on all of them.
TEMPLATE_MIN_PAGES = 3
TEMPLATE_MIN_SHARE = 0.5
# Two pages are versions of one story when they share at least this share of the prose sentences of the
# one with fewer (an update adds, cuts or rewrites some paragraphs and keeps most). A site's template can
# hold a prose-shaped line too (an "about us" blurb): pages whose own prose is no longer than that blurb
# then merge, which only makes the template smaller (the safe direction).
STORY_MIN_SHARED = 0.5
# Prose lines found on more stories than this are not used to link pages (speed: the pair count is
# quadratic in it). Exact copies are grouped before, in one pass, so mass duplicates still count once.
STORY_LINK_MAX_PAGES = 64
SITE_TITLE_MIN_WORDS = 3
_HOST = re.compile(r"^(?:[a-z][a-z0-9+.-]*:)?//(?:[^@/]*@)?(?:www\d?\.)?([^/:?#]+)", re.I)


def site_key(url: Optional[str] = None, blocks: Optional[list[Block]] = None) -> Optional[str]:
    """Which site a page belongs to: the URL's host (without www.), else the site part of a
    "Headline | Site" first line of a text dump; None when neither says."""
    if url:
        m = _HOST.match(url.strip())
        if m:
            return m.group(1).lower()
    if blocks:
        # "Headline | Site": a headline of SITE_TITLE_MIN_WORDS+ words and a short site name; a menu bar
        # joined with bars ("Home | World | Sport") has more, shorter parts and names no site
        parts = _TITLE_SEP.split(blocks[0].text)
        if (2 <= len(parts) <= 3 and len(parts[0].split()) >= SITE_TITLE_MIN_WORDS
                and 0 < len(parts[-1].split()) <= 5):
            return _norm(parts[-1]) or None
    return None


class PageKeys(NamedTuple):
    """What the site template needs of one page: its lines that may become template (every line but full
    prose sentences and edge cues, see `page_keys`) and its prose sentences (which story it is). Lines are
    kept as they are (blocks are already blank-normalised): a set of strings pickles to the batch's parent
    for less than hashing them would cost the workers. A NamedTuple: it pickles as a plain tuple (a slotted
    dataclass unpickles through a Python loop, in the parent)."""
    lines: frozenset  # of str
    prose: frozenset  # of hash(str)


def page_keys(blocks: list[Block], feats: list[Feat]) -> PageKeys:
    """`feats` as `features(blocks, lang)` returns them (before `classify` adds its marks). An edge cue
    (widget heading, copyright, ...) is left out: `classify` never lets a template mark replace it."""
    prose = {b.text for b, f in zip(blocks, feats) if f.kind == "good"}
    lines = {b.text for b, f in zip(blocks, feats) if f.kind != "good" and (f.cue is None or _is_light(f))}
    # prose only tells pages apart, so it travels as str hashes (a fifth of the bytes): equal within one
    # interpreter and its forked workers, where a batch's index lives; a collision (2^-64) could only
    # merge two stories, which makes the template smaller, never larger
    return PageKeys(frozenset(lines - prose), frozenset(map(hash, prose)))


class TemplateIndex:
    """Lines repeated across the pages of each site in one batch (jusText/boilerpipe-style site template).

    An explicit object, never module state (conventions §9): build it over a batch, pass it to
    `classify(..., template=index, site=key)`, drop it with the batch. What protects article prose:
    - a line counts once per page, and pages count once per *story*: pages are grouped when they share
      most of their prose sentences (`STORY_MIN_SHARED`; exact copies first), so four versions of one
      story are one story and its subheadings or short sentences never reach TEMPLATE_MIN_PAGES by
      themselves;
    - full prose sentences (`Feat.kind == "good"`) are never counted nor marked: a site's chrome is menus,
      headings and short promos, and the long promos it has are caught by the phrase cues; a background
      paragraph that a site repeats in several stories of the day stays body (missing one promo costs a
      little precision, dropping a paragraph loses article text);
    - `classify` lets a template mark replace only a light cue, never an edge cue (see there)."""

    __slots__ = ("min_pages", "min_share", "_raw", "_n", "_template")

    def __init__(self, min_pages: int = TEMPLATE_MIN_PAGES, min_share: float = TEMPLATE_MIN_SHARE):
        self.min_pages = min_pages
        self.min_share = min_share
        self._raw: dict[str, list[PageKeys]] = {}
        self._n: Optional[dict[str, int]] = None  # distinct stories per site, once built
        self._template: dict[str, frozenset] = {}

    @classmethod
    def build(cls, pages, lang: Optional[str] = None, **kw) -> "TemplateIndex":
        """`pages`: iterable of (site, blocks)."""
        idx = cls(**kw)
        for site, blocks in pages:
            idx.add(site, blocks, lang)
        return idx

    def add(self, site: Optional[str], blocks: list[Block], lang: Optional[str] = None) -> None:
        self.add_keys(site, page_keys(blocks, features(blocks, lang)))

    def add_keys(self, site: Optional[str], keys: PageKeys) -> None:
        if site:
            self._raw.setdefault(site, []).append(keys)
            self._n = None

    def _ensure(self) -> dict[str, int]:
        if self._n is None:
            self._n, self._template = {}, {}
            for site, pages in self._raw.items():
                n, tpl = _site_template(pages, self.min_pages, self.min_share)
                self._n[site] = n
                if tpl:
                    self._template[site] = tpl
        return self._n

    def pages(self, site: Optional[str]) -> int:
        """Distinct stories of `site` seen in the batch."""
        return self._ensure().get(site or "", 0)

    def has_template(self, site: Optional[str]) -> bool:
        self._ensure()
        return bool(site) and site in self._template

    def sites(self) -> list[str]:
        """The sites that have template lines, sorted."""
        self._ensure()
        return sorted(self._template)

    def is_template(self, site: Optional[str], text: str) -> bool:
        self._ensure()
        tpl = self._template.get(site or "")
        return tpl is not None and text in tpl

    def compact(self) -> "TemplateIndex":
        """The same answers without the per-page keys: what a batch sends to its workers (only the sites
        that have template lines, and only those lines)."""
        n = self._ensure()
        out = TemplateIndex(self.min_pages, self.min_share)
        out._n = {s: n[s] for s in self._template}
        out._template = dict(self._template)
        return out

    def __getstate__(self):
        return (self.min_pages, self.min_share, self._raw, self._n, self._template)

    def __setstate__(self, state):
        self.min_pages, self.min_share, self._raw, self._n, self._template = state


def _site_template(pages: list[PageKeys], min_pages: int, min_share: float) -> tuple[int, frozenset]:
    """(distinct stories, template line keys) of one site's pages; deterministic in the pages' order."""
    # 1. exact copies (same prose; pages without prose: same lines) are one story, in one pass
    first: dict[frozenset, int] = {}
    groups: list[list[PageKeys]] = []
    for p in pages:
        sig = p.prose or p.lines
        g = first.get(sig)
        if g is None:
            first[sig] = len(groups)
            groups.append([p])
        else:
            groups[g].append(p)
    # 2. versions of one story: union groups whose prose overlaps by STORY_MIN_SHARED of the smaller
    parent = list(range(len(groups)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    prose = [g[0].prose for g in groups]
    by_line: dict[int, list[int]] = {}
    for gi, ks in enumerate(prose):
        for k in ks:
            by_line.setdefault(k, []).append(gi)
    shared: dict[tuple[int, int], int] = {}
    for gs in by_line.values():
        if 1 < len(gs) <= STORY_LINK_MAX_PAGES:
            for a in range(len(gs)):
                for b in range(a + 1, len(gs)):
                    pair = (gs[a], gs[b])
                    shared[pair] = shared.get(pair, 0) + 1
    for (a, b), n in shared.items():
        if n >= STORY_MIN_SHARED * min(len(prose[a]), len(prose[b])):
            ra, rb = root(a), root(b)
            if ra != rb:
                parent[max(ra, rb)] = min(ra, rb)
    stories: dict[int, set] = {}
    for gi, g in enumerate(groups):
        s = stories.setdefault(root(gi), set())
        for p in g:
            s |= p.lines
    n = len(stories)
    if n < min_pages:
        return n, frozenset()
    # 3. a line counts once per story; template when on min_pages stories and min_share of them
    counts: dict[str, int] = {}
    for s in stories.values():
        for k in s:
            counts[k] = counts.get(k, 0) + 1
    need = max(min_pages, min_share * n)
    return n, frozenset(k for k, c in counts.items() if c >= need)


def classify(blocks: list[Block], *, lang: Optional[str] = None, title_hint: Optional[str] = None,
             dom_hints: Optional[list[Optional[tuple[str, str]]]] = None,
             template: Optional[TemplateIndex] = None, site: Optional[str] = None,
             feats: Optional[list[Feat]] = None) -> list[LabelledLine]:
    """One label and reason per block (same order). `dom_hints` (HTML mode) gives, per block, a
    (label, reason) read off the DOM (e.g. an element inside <nav> or class="newsletter") that wins over
    text cues; None where the DOM says nothing. `template` + `site`: lines of this site's template
    (see TemplateIndex) are boilerplate with reason `site_template`. `feats`: `features(blocks, lang)`
    when the caller has them already (a batch computes them for the template keys; they are consumed)."""
    if not blocks:
        return []
    if feats is None:
        feats = features(blocks, lang)
    if template is not None and template.has_template(site):
        # Before the repeat marks, so "full prose sentence" means the same as in `page_keys`. A template
        # line is a light cue; it replaces no cue or a light one only: an edge cue (related/widget heading,
        # copyright, comments) keeps its label and its penalty, so the run still stops there.
        for b, f in zip(blocks, feats):
            if f.kind != "good" and (f.cue is None or _is_light(f)) and template.is_template(site, b.text):
                f.cue, f.cue_reason, f.kind = "other_boilerplate", "site_template", "cue"
    _mark_repeats(blocks, feats)
    if dom_hints:
        for f, h in zip(feats, dom_hints):
            if h is not None:
                f.cue, f.cue_reason, f.kind = h[0], h[1], "cue"
    pt, hl, title = find_title(blocks, title_hint, feats)
    regions = body_regions(feats)
    n = len(blocks)
    in_region: list[Optional[tuple[int, int]]] = [None] * n
    for r in regions:
        for k in range(r[0], r[1] + 1):
            in_region[k] = r
    # the article's span: from the first run's start to the last run's end (teasers come after it)
    start, end = (regions[0][0], regions[-1][1]) if regions else (n, n - 1)
    title_words = _words(title) if title else set()
    related_zone = False
    labels: list[tuple[str, str]] = []
    for i, (b, f) in enumerate(zip(blocks, feats)):
        reg = in_region[i]
        inside = reg is not None
        lab: tuple[str, str]
        if i == pt:
            lab = ("page_title", "title_with_site_suffix")
        elif i == hl:
            lab = ("headline", "repeats_page_title" if pt is not None else "matches_title_hint")
        elif (title_words and i != hl and f.kind != "good" and f.cue is None
              and _jaccard(frozenset(f.words), title_words) >= TITLE_REPEAT_JACCARD):
            lab = ("image_alt", "repeats_headline") if i < start else ("other_boilerplate", "repeats_headline")
        elif f.cue_reason == "caps_heading" and inside and _between_body(i, feats, *reg):
            lab = ("body", "subheading_between_body")
        elif f.cue:
            lab = (f.cue, f.cue_reason)
        elif inside and f.kind in ("good", "near"):
            lab = ("body", "sentence_in_main_run" if f.kind == "good" else "short_sentence_in_main_run")
        elif inside:
            lab = ("body", "between_body") if _between_body(i, feats, *reg) else _outside(f, i, start, end, related_zone)
        else:
            lab = _outside(f, i, start, end, related_zone)
        if lab[0] == "widget_heading":
            related_zone = True
        elif related_zone and lab[0] == "body":
            related_zone = False
        labels.append(lab)
    # headings inside the run that precede related teasers keep the zone; inside-run zone ends at body
    # positional arguments (number, text, label, reason, score): a keyword call costs ~30 % more per line
    out = [LabelledLine(b.number, b.text, lab, why, round(f.sw_ratio, 3))
           for b, f, (lab, why) in zip(blocks, feats, labels)]
    _relabel_related(out, feats, start, end)
    _colon_lists(out, feats, end)
    _closing_list(out, feats, end)
    return out


def _relabel(ln: LabelledLine, label: Label, reason: Reason) -> None:
    """A later pass changes a line's label: `reason` names the pass, and the line keeps the first decision
    (`LabelledLine.first`) instead of losing it."""
    if ln.first is None:
        ln.first = (ln.label, ln.reason)
    ln.label, ln.reason = label, reason


# A list that closes the article (tour dates, fixtures, results) follows its last paragraph directly, with
# no widget in between, and its items share a leading shape: a number, a month name or a bullet. At
# least LIST_MIN_ITEMS such lines in a row, optionally under one short heading line, are body.
LIST_MIN_ITEMS = 4
LIST_HEADING_MAX_WORDS = 8
_ITEM_SHAPE = re.compile(rf"^(?:(?P<num>\d)|(?P<month>(?i:{cues.MONTHS})\.?\s+\d)|(?P<bullet>[•*·▪►–—-]\s))", re.U)


def _shape(text: str) -> Optional[str]:
    m = _ITEM_SHAPE.match(text)
    return m.lastgroup if m else None


def _closing_list(lines: list[LabelledLine], feats: list[Feat], end: int) -> None:
    n = len(lines)
    i = end + 1
    if i >= n or lines[end].label != "body":
        return
    head = None
    if feats[i].kind != "cue" and _shape(lines[i].text) is None and feats[i].n_words <= LIST_HEADING_MAX_WORDS:
        head, i = i, i + 1
    shape = _shape(lines[i].text) if i < n else None
    if shape is None:
        return
    j = i
    while j < n and j - i < LIST_MAX_ITEMS and feats[j].kind != "cue" and _shape(lines[j].text) == shape:
        j += 1
    if j - i < LIST_MIN_ITEMS:
        return
    for k in ([head] if head is not None else []) + list(range(i, j)):
        _relabel(lines[k], "body", "list_after_body")


# A list introduced by a colon ("The 2020 tour dates:", "Ingredients:") belongs to the article even
# though its items are short and unpunctuated; it runs until the next cue line. Capped so a colon
# never swallows a page footer.
LIST_MAX_ITEMS = 60
LIST_INTRO_MIN_WORDS = 3
# ...but not a widget's own heading ("Related coverage from Money:", "Previous: ...").
_LIST_INTRO_NOT = re.compile(r"\b(?:related|more|read|coverage|previous|prev|next|see also|follow|share|"
                             r"about this|statement|recommended|popular)\b", re.I)


def _colon_lists(lines: list[LabelledLine], feats: list[Feat], end: int) -> None:
    n = len(lines)
    after_end = next((k for k in range(end + 1, n) if feats[k].kind != "cue"), None)
    i = 0
    while i < n:
        ln = lines[i]
        if (ln.text.endswith((":", "：")) and feats[i].n_words >= LIST_INTRO_MIN_WORDS
                and (ln.label == "body" or i == after_end) and feats[i].kind != "cue"
                and not _LIST_INTRO_NOT.search(ln.text)):
            if ln.label != "body":
                _relabel(ln, "body", "list_intro_after_body")
            j, seen = i + 1, set()
            # a repeated item means we ran into a menu, not a list the author wrote
            while j < n and j - i <= LIST_MAX_ITEMS and lines[j].label != "body" and lines[j].text not in seen:
                if feats[j].kind == "cue":
                    gap = _template_gap(feats, j)
                    if not gap:
                        break
                    j += gap  # the site's promo inside the list: stays template, the list goes on
                    continue
                seen.add(lines[j].text)
                _relabel(lines[j], "body", "list_after_colon")
                j += 1
            i = j
        else:
            i += 1


# A site puts its promo block (a few template lines) anywhere in the article, a list included; it does not
# end the list when it is at most this many lines and a non-cue line follows it. A longer template run is
# a header or footer: the list ends there.
LIST_TEMPLATE_GAP = 5


def _template_gap(feats: list[Feat], j: int) -> int:
    """Length of the run of site-template lines at j when the list may go on after it, else 0."""
    k = j
    while k < len(feats) and feats[k].cue_reason == "site_template":
        k += 1
    if k == j or k - j > LIST_TEMPLATE_GAP or k >= len(feats) or feats[k].kind == "cue":
        return 0
    return k - j


# Cues after which the article never resumes: a comment section or an "About the author/company" box.
# The run ends before them even when long comments or a bio would let the max-sum bridge them.
TERMINAL_REASONS = frozenset({"comment_section", "about_box_heading"})


def _cut_at_terminal(feats: list[Feat], start: int, end: int) -> int:
    seen_good = False
    for i in range(start, end + 1):
        f = feats[i]
        if f.kind == "good":
            seen_good = True
        elif seen_good and f.cue_reason in TERMINAL_REASONS:
            return i - 1
    return end


# Subheadings: fewer than this many short lines in a row ("Status Quo" / "Analoge Prozesse") between prose
# lines of the main run are the article's own headings (jusText: short blocks take their neighbours'
# class); a line of this many words at most.
HEADING_RUN_MAX = 2
HEADING_MAX_WORDS = 12


def _between_body(i: int, feats: list[Feat], start: int, end: int) -> bool:
    """A short line inside the run is a subheading when, skipping cue lines and at most HEADING_RUN_MAX
    short lines, both its previous and its next line are prose."""
    f = feats[i]
    if f.n_words < 1 or f.n_words > HEADING_MAX_WORDS:
        return False
    # a heading occurs once and has words: a repeated line is a teaser, a bare number is a counter
    if f.repeated or all(w.isdigit() for w in f.words):
        return False
    return _prose_within(feats, i, -1, start, end) and _prose_within(feats, i, 1, start, end)


def _prose_within(feats: list[Feat], i: int, step: int, start: int, end: int) -> bool:
    shorts = 0
    k = i + step
    while start <= k <= end:
        g = feats[k]
        if g.kind == "good" or (g.kind == "near" and step < 0):
            return True
        if g.kind == "near":
            return g.n_words >= NEAR_MIN_WORDS
        if g.kind == "short":
            shorts += 1
            if shorts >= HEADING_RUN_MAX:
                return False
        k += step
    return False


def _outside(f: Feat, i: int, start: int, end: int, related_zone: bool) -> tuple[str, str]:
    headline_shaped = LINK_MIN_WORDS <= f.n_words <= LINK_MAX_WORDS and not f.terminal
    if related_zone and headline_shaped:
        return "related_link", "after_widget_heading"
    if i > end and headline_shaped and f.n_words >= 4:
        return "related_link", "headline_after_article"
    if f.n_words <= NAV_MAX_WORDS and not f.terminal:
        return "navigation", "short_menu_item"
    if f.kind in ("good", "near"):
        return "other_boilerplate", "prose_outside_main_run"
    return "other_boilerplate", "short_outside_main_run"


def _relabel_related(lines: list[LabelledLine], feats: list[Feat], start: int, end: int) -> None:
    """After the article, a related-stories widget can be interrupted (newsletter box) and resume: once a
    widget heading has been seen after the body, headline-shaped lines up to the footer are related links."""
    seen_widget = False
    for i in range(end + 1, len(lines)):
        ln, f = lines[i], feats[i]
        if ln.label == "widget_heading":
            seen_widget = True
        elif seen_widget and ln.label in ("other_boilerplate", "navigation") and ln.reason != "site_template" and \
                LINK_MIN_WORDS <= f.n_words <= LINK_MAX_WORDS and not f.terminal:
            # (a line of the site's template is the site's own furniture, not a teaser of another story)
            _relabel(ln, "related_link", "related_widget_resumes")
