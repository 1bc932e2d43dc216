"""The faster forms of entity patterns (copydesk.core.entities) find exactly what the plain patterns find.

Several scans were rewritten for speed: a pattern split in two and merged, a search only near the
"(ACR)" it must end at, sentence breaks read from the end, a pre-check that skips a scan. Each is
checked here against the plain pattern it replaces, on every dev page (text and lines, where the
matches are real) and on strings built to sit on the edges (look-behinds, word boundaries, the cut
at the end of the text)."""
import itertools
import re

import pytest

from copydesk.core import entities as E
from helpers import dev_files


def _dev_texts() -> list[str]:
    out = []
    for p in dev_files("text"):
        out.append(p.read_text(encoding="utf-8", errors="replace"))
    assert len(out) > 50
    return out


@pytest.fixture(scope="module")
def texts():
    return _dev_texts()


def _said(text):
    return [(m.group(1), m.group(2), m.start(1) if m.group(1) else None) for m in E._NAME_SAID.finditer(text)]


def _said_fast(text):
    return [(a, b, st if a else None) for a, b, st in E._name_said(text)]


EDGES = [
    "John Smith said", "said John Smith", "xJohn Smith said", "Ann Lee said John Smith told Mary Jones",
    "Officials said John Smith told reporters", "The Kim Jong Un says", "says Kim Jong Un said Ann Lee",
    "Ann Lee saying", "Ann Lee say", "Ann Lee says.", "Tom said Ann Lee says Bob Ray", "“Ann Lee said",
    "The International Atomic Energy Agency (IAEA)", "xAgency (XA)", "Asia-Pacific Economic (APE) and (Reuters)",
    "Space Cooperation Working Group (SCWG) of the Ministry of Science (MS)", "Agency(AG)", "( Agency (AG)",
    "A\nB of the Cee (ABC)", "Big Deal (BD) (BD)", "the (AB)", "World Bank (WB", "Ann (AB) Lee (AL)",
]


def test_name_said_split_equals_the_single_pattern(texts):
    n = 0
    for t in texts + EDGES:
        want = _said(t)
        assert _said_fast(t) == want, t[:80]
        n += len(want)
    assert n > 50  # the dev pages hold real "X said" / "said X" matches


def test_explicit_acronym_search_equals_finditer(texts):
    n = 0
    for t in texts + EDGES:
        want = [(m.span(), m.groups()) for m in E._EXPLICIT.finditer(t)]
        assert [(m.span(), m.groups()) for m in E._explicit_matches(t)] == want, t[:80]
        n += len(want)
    assert n >= 5


def test_explicit_acronym_search_on_built_strings():
    parts = ["Agency ", "of ", "the ", "(AB)", "(ABC)", "(Reuters)", "x", ", ", "\n", "Big-Deal ", "(", ")"]
    n = 0
    for k in range(1, 5):
        for combo in itertools.product(parts, repeat=k):
            t = "".join(combo)
            want = [(m.span(), m.groups()) for m in E._EXPLICIT.finditer(t)]
            assert [(m.span(), m.groups()) for m in E._explicit_matches(t)] == want, t
            n += len(want)
    assert n > 100


def _before_plain(para, start):
    head = para[max(0, start - E.SENTENCE_MAX_CHARS):start]
    return E._SENT_SPLIT.split(head)[-1]


def _after_plain(para, end):
    tail = para[end:end + E.SENTENCE_MAX_CHARS]
    m = E._SENT_END.search(tail)
    return tail[: m.start()] if m else tail


def test_sentence_around_a_quote_equals_the_split(texts):
    n = 0
    for t in texts:
        for para in t.split("\n"):
            for m in itertools.chain(E.CURLY_QUOTE.finditer(para), E.STRAIGHT_QUOTE.finditer(para)):
                assert E._sentence_before(para, m.start()) == _before_plain(para, m.start())
                assert E._sentence_after(para, m.end()) == _after_plain(para, m.end())
                n += 1
    assert n > 100
    for s in ["A. B", "a.. B", "x!” “Y", "Mr. Lee. “Go", 'Yes." Then', "a. \xa0B", "end.", ".A", "? “", "a.”  \n“B"]:
        for i in range(len(s) + 1):
            assert E._sentence_before(s, i) == _before_plain(s, i), (s, i)
            assert E._sentence_after(s, i) == _after_plain(s, i), (s, i)


def test_lower_head_precheck_never_skips_a_match(texts):
    seen = 0
    for t in texts + ["the Security Consultative meeting", "Seoul  \n talks", "US.talks", "Xmeeting", "A- summit."]:
        if E._LOWER_HEAD_RUN.search(t):
            seen += 1
            assert E._has_lower_head(t), t[:80]
    assert seen >= 3
    assert not E._has_lower_head("the annual meeting and more talks")  # no capitalised word before


def test_word_alternation_matches_like_the_plain_alternation(texts):
    plain = re.compile(rf"\b(?:{E.STANCE_VERBS})\b")
    n = 0
    for t in texts:
        want = [m.span() for m in plain.finditer(t)]
        assert [m.span() for m in E._VERB_BEFORE.finditer(t)] == want
        n += len(want)
    assert n > 100


def test_located_reads_only_the_end(texts):
    for t in texts[:4]:
        for i in range(0, len(t), 11):
            pre = t[:i]
            assert E._located(pre) == (E._LOCATIVE.search(pre) is not None)
    for s in ["in ", "In  ", "Bto ", "X-to ", "visiting\n", "outside\xa0 ", "tin ", "ıN "]:
        assert E._located(s) == (E._LOCATIVE.search(s) is not None), s


def test_appositives_at_name_starts_equal_finditer(texts):
    edges = ["Cho Yong-geun, the South Korean director general of policy, said", "(Ann Lee, a lawyer, said",
             "xAnn Lee, a lawyer; and", "Ann B. Lee, Jr., the chair.", "Kim Jong Un Lee Ann, head of state —",
             "Ann Lee, a writer\nBob Ray, an actor", "Ann Lee, " + "a" * 150 + ", x"]
    n = 0
    for t in texts + edges + EDGES:
        want = [(m.span(), m.groups()) for m in E._APPOSITIVE.finditer(t)]
        assert [(m.span(), m.groups()) for m in E._appositives(t, E._name_starts(t))] == want, t[:80]
        n += len(want)
    assert n > 100


def test_runs_and_places_do_not_depend_on_the_memos(texts):
    """The per-string memos only skip repeated work: cold and warm give the same runs and places."""
    paras = [t.split("\n") for t in texts[:30]]
    E._RUN_MEMO.clear()
    E._PLACE_MEMO.clear()
    cold = [(E.capital_runs(p), E.places_of(p)) for p in paras]
    warm = [(E.capital_runs(p), E.places_of(p)) for p in paras]
    assert cold == warm
    assert sum(len(r) for r, _ in cold) > 1000 and sum(len(pl) for _, pl in cold) > 30

