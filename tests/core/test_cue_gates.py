"""The cue table's fast forms give exactly what its plain form gives (copydesk.core.classify.CUES).

Each cue is a rule (limits + test); its gate and `pre` exist for speed only, and `features` skips every
gated cue of a line at once when the line passes none of the gates open to it (GATES). The plain form
tries every cue in order on its limits and test alone. Checked on every line of the dev pages (text dumps
and HTML blocks) and on strings built for the edges."""
import gzip

import pytest

from copydesk.core import classify as C
from copydesk.core import html as H
from copydesk.core.html import parse_page
from copydesk.core.read import decode
from copydesk.core.records import Block
from copydesk.core.segment import text_blocks
from helpers import DEV, plain_cue

EDGES = [
    "Advertisement", "ADVERTISEMENT", "Share this article", "12 comments", "jdoe says:", "The mayor says: no",
    "Photo: AP", "A man walks in Nogales, Ariz. (AP)", "[File: Reuters]", "Image caption A crowd", "Read more...",
    "Power rankings (133)", "About the author", "Click here to get the app", "We use cookies to improve it.",
    "Tags: Politics, Budget", "© 2024 Example Media. All rights reserved.", "Sign up for our newsletter",
    "Terms of Use", "By Jane Doe", "From left to right, the winners", "Home", "Close.", "/ 04:53 PM April 27, 2022",
    "FEATURED STORIES", "SINGER SAYS SHOW HELPED HER LOSE 25 POUNDS IN A MONTH", "Follow us on Twitter",
    "jane@example.com", "Комментарии (3)", "This product is not intended to diagnose or treat any disease.",
    "A caption that ends with a credit. Credit: ESA", "The crowd cheers at the end of the match. more",
    "Related: Council approves budget", "1 2 3", "Ⅻ ⅩⅡ", "",
]




def _dev_pages() -> list[list[Block]]:
    pages = [text_blocks(decode(p.read_bytes())[0]) for p in sorted((DEV / "text").glob("*.txt"))]
    for p in sorted((DEV / "html").glob("*.html.gz")):
        blocks = parse_page(decode(gzip.decompress(p.read_bytes()))[0]).blocks
        for b in blocks:
            b.link_density = 0.0  # link density is the one cue not read off the text
        pages.append(blocks)
    assert sum(map(len, pages)) > 20000
    return pages


@pytest.fixture(scope="module")
def pages():
    return _dev_pages() + [[Block(i, t) for i, t in enumerate(EDGES, 1) if t]]


def test_features_cue_equals_the_plain_table(pages):
    hits = 0
    for blocks in pages:
        for b, f in zip(blocks, C.features(blocks, "en")):
            want = plain_cue(b.text, f.n_words, f.terminal)
            assert (f.cue, f.cue_reason) == want, b.text
            hits += want[0] is not None
    assert hits > 2000


def test_no_gate_hides_a_match(pages):
    """Whenever a cue's test holds on a line it admits, the line passes that cue's gate and `pre` (of one of
    its rows, for a rule gated in two rows), and the union gate of its GATES entry (so `features` does not
    skip it)."""
    rules: dict[str, tuple] = {}
    for c in C.CUES:
        rules[c.reason] = rules.get(c.reason, ()) + (c,)
    seen = set()
    for blocks in pages:
        for b, f in zip(blocks, C.features(blocks, "en")):
            t, low = b.text, b.text.lower()
            words = frozenset(f.words)
            held = {s for s in C._GATE_SUBS if s in low}
            g = C.GATES[f.terminal][min(f.n_words, C._GATE_CAP)]
            for reason, rows in rules.items():
                rows = tuple(c for c in rows if c.admits(f.n_words, f.terminal) and c.min_chars <= len(t) <= c.max_chars)
                if not any(c.test(t, low) for c in rows):
                    continue
                seen.add(reason)
                assert all(c in g.cues for c in rows), (reason, t)
                assert C._first_cue(rows, t, low, words, held) == (rows[0].label, reason), (reason, t)
                if all(not c.gated for c in rows):
                    assert all(c in g.shape for c in rows)
                elif len(t) <= C.cues.CUE_MAX_CHARS:
                    assert (not g.words.isdisjoint(words) or low.startswith(g.by_two.get(low[:2], ()))
                            or low.startswith(g.ones)
                            or low.endswith(g.suffixes) or low[:1].isdigit() or not g.subs.isdisjoint(held)), t
    assert len(seen) >= 20  # most cues fire somewhere on the dev pages


def test_table_is_the_only_place_of_each_cue():
    reasons = [(c.label, c.reason) for c in C.CUES]
    # a reason names one label; two rows share one only when they are one rule with two gates
    assert len({r for _, r in reasons}) == len(set(reasons))
    assert [r for _, r in reasons].count("comment_section") == 2


def test_fast_forms_inside_the_rules_equal_their_plain_forms(pages):
    """The speed tricks inside single rules: the tokens of `features` (a translate table for ASCII lines),
    is_timestamp's DATE_WORDS pre-check, _is_caps_teaser's count of ASCII lower-case letters, and the
    HTML credit pattern's pre-check."""
    for blocks in pages:
        for b, f in zip(blocks, C.features(blocks, "en")):
            t, low = b.text, b.text.lower()
            assert list(f.words) == C._TOKEN.findall(low), t
            rest, n = C.cues.DATE_TOKEN_LOW.subn(" ", low)
            plain_ts = len(t) <= 90 and bool(C._DIGIT.search(t)) and n > 0 and len(C._TOKEN.findall(rest)) <= 1
            assert C.is_timestamp(t) == plain_ts, t
            letters = sum(map(str.isalpha, t))
            plain_teaser = letters >= 20 and sum(map(str.isupper, t)) >= 0.9 * letters
            assert C._is_caps_teaser(t) == plain_teaser, t
            if H._CREDIT_END.search(t):
                assert H._may_be_credit(t), t
