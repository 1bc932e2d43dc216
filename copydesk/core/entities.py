"""Quotes with speakers, people with roles, organisations, places and acronyms, by rules.

Why rules and not an NER model: spaCy's small English pipeline (the only kind that installs from PyPI,
through unofficial model mirrors) ran at 2-3 pages/s over the dev bodies and adds ~280 MB to the venv,
against a core target of >= 3,000 text pages/s. These rules run on the body paragraphs only, in a few
milliseconds per page, with no model and no network. What they get right and wrong is in the README.

Everything here is a pure function of the paragraphs: no module state beyond constant tables and
bounded memos of pure per-string results (which never change an answer, only skip repeated work).
"""
from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache
from typing import Optional

from copydesk.core import gazetteer

# Small patterns used inside loops, compiled once (speed: no re-module cache lookup per call).
_CLAUSE_SEP = re.compile(r"[,;:]\s*")
_INTRO_END = re.compile(r"(?:[:,]|\bthat)\s*$")
_COMMA_START = re.compile(r"^\s*,")
_MIDDLE_TOKEN = re.compile(r"^(?:[A-Z]\.|de|van|von|bin|al)$")
_INITIAL_TOKEN = re.compile(r"^[A-Z]\.$")
_CAP_WORD_BEFORE = re.compile(r"[A-Z][\w.’'-]* $")
_LEADING_ARTICLE = re.compile(r"^(?:the|a|an)\s+", re.I)

# --- quotes -------------------------------------------------------------------------------------------

# A quotation: curly double quotes, or straight double quotes paired in order. Single curly quotes are
# left alone: they double as apostrophes (’s) and nest inside double quotes.
CURLY_QUOTE = re.compile(r"“([^“”]+?)(?:”|$)")
STRAIGHT_QUOTE = re.compile(r'"([^"]+)"')
# Quotes kept per article: real articles have tens; a page of thousands of quote marks is not prose, and
# each quote costs a speaker search.
MAX_QUOTES = 300
# Fewer words than this is a scare quote or a title ("We", "Meth"), not something someone said.
MIN_QUOTE_WORDS = 2
# Verbs of saying: a noun phrase next to one of these, next to the quote, is the speaker.
SPEECH_VERBS = (
    "said|says|say|told|tells|added|adds|stated|states|noted|notes|wrote|writes|explained|explains|asked|"
    "asks|replied|recalled|warned|warns|argued|argues|insisted|claimed|claims|announced|declared|"
    "commented|tweeted|posted|acknowledged|admitted|continued|concluded|cautioned|remarked|observed|"
    "stressed|emphasized|emphasised|predicted|suggested|conceded|confirmed|reported")
# Verbs of stance that introduce a quoted position ("both sides agreed on “...”"): their subject is the
# speaker when the quote follows in the same sentence.
STANCE_VERBS = (
    SPEECH_VERBS + "|agreed|agree|agrees|shared|committed|commit|commits|vowed|vows|pledged|pledges|"
    "promised|promises|urged|urges|called|calls|described|describes|expressed|hailed|proposed|demanded|"
    "criticized|criticised|praised|welcomed|denied|denies|maintained|maintains|believes|believed")


def word_alternation(words: str) -> str:
    """'said|says|say|...' as a prefix tree ('sa(?:id|y(?:s)?)|...'): the regex engine then reads each
    letter once instead of trying every verb in turn (speed: verb patterns ~2x faster). Only for where a
    verb must end at a word boundary or before whitespace, as in every use below: there at most one verb
    can match at a given position, so the order of the alternatives cannot change a match."""
    trie: dict = {}
    for w in words.split("|"):
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        alts = [re.escape(ch) + build(node[ch]) for ch in sorted(k for k in node if k)]
        if not alts:
            return ""
        inner = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return "(?:" + inner + ")?" if "" in node else inner
    return build(trie)


_SPEECH_VERB_ALT = word_alternation(SPEECH_VERBS)
_SPEECH_AFTER = re.compile(
    rf"^[\s,.]*(?:(?P<who>[^,.;:“”\"]{{2,90}}?)\s+(?:{_SPEECH_VERB_ALT})\b|(?:{_SPEECH_VERB_ALT})\s+(?P<who2>[^,.;:“”\"]{{2,90}}))")
_ACCORDING = re.compile(r"\baccording to\s+(?P<who>[^,.;:“”\"]{2,90})", re.I)
_VERB_BEFORE = re.compile(rf"\b(?:{word_alternation(STANCE_VERBS)})\b")
# Words that are not a speaker even in speaker position.
PRONOUNS = {"he", "she", "they", "it", "we", "i", "you", "who", "which", "that", "this"}
# Adverbs and auxiliaries that sit between a subject and its verb ("X also said", "X has said").
SUBJECT_TAIL = {"also", "has", "have", "had", "then", "later", "previously", "further", "jointly", "both",
                "again", "earlier", "once", "would", "will", "could", "may", "might", "did", "does", "do",
                "recently", "publicly", "repeatedly", "all", "had", "was", "were", "is", "are"}
_SUBORDINATE = re.compile(r"\b(?:when|while|after|before|because|if|which|who|that|as|where|since)\b", re.I)
_FUNCTION_WORDS = {"and", "or", "but", "the", "a", "an", "of", "to", "in", "on", "it", "as", "so", "then", "also"}
_SENT_END = re.compile(r"(?<=[.!?])\s+(?=[“\"A-Z])")
_SENT_SPLIT = re.compile(r"(?<=[.!?])[”\"’]?\s+(?=[“\"A-Z])")


def quotes_of(paragraphs: list[str]) -> list[dict]:
    """Every quotation of two or more words: text as written between the marks, speaker when the same
    sentence names one, 1-based paragraph number, kind `direct` (a whole statement) or `partial`."""
    out: list[dict] = []
    for pno, para in enumerate(paragraphs, 1):
        # (the patterns only where their quote mark is in the paragraph at all: most paragraphs have none)
        spans = [(m.start(), m.end(), m.group(1)) for m in CURLY_QUOTE.finditer(para)] if "“" in para else []
        if not spans and '"' in para:
            spans = [(m.start(), m.end(), m.group(1)) for m in STRAIGHT_QUOTE.finditer(para)]
        if not spans:
            continue
        # _ACCORDING (case-insensitive) can only match where the lower-cased paragraph holds "ccord": only
        # C and c match "c" under re.I, likewise for o, r, d (checked over all of Unicode), so the test is
        # exact; the speaker search then skips two scans per quote in most paragraphs (speed)
        according = "ccord" in para.lower()
        for start, end, text in spans:
            text = text.strip()
            if len(text.split()) < MIN_QUOTE_WORDS:
                continue
            if len(out) >= MAX_QUOTES:
                return out
            before = _sentence_before(para, start)
            after = _sentence_after(para, end)
            speaker = _speaker(before, after, according)
            out.append({"text": text, "speaker": speaker, "paragraph": pno, "kind": _kind(text, before, after)})
    return out


# The sentence around a quote is looked for this far on each side: attributions sit next to the quote, and
# a bound keeps a page of thousands of quote marks linear.
SENTENCE_MAX_CHARS = 600
# Entities are read from the first this-many characters of the body (news articles are far shorter; a
# multi-megabyte "body" is a dump, and must not blow the per-page time budget).
ENTITY_MAX_CHARS = 100_000


# _SENT_SPLIT and _SENT_END with the sentence mark consumed instead of looked behind at: a pattern that
# opens with the characters it needs is searched for quickly, one led by a look-behind is tried at every
# position (speed). A match of these at p is a match of the originals at p + 1 with the same end.
_SENT_SPLIT_AT = re.compile(r"[.!?][”\"’]?\s+(?=[“\"A-Z])")
_SENT_END_AT = re.compile(r"[.!?]\s+(?=[“\"A-Z])")


def _sentence_before(para: str, start: int) -> str:
    """The last piece of _SENT_SPLIT.split(head): the text after the last sentence break of the head. The
    breaks cannot overlap (one holds no sentence mark after its first character), so the last one starts
    at the last mark where _SENT_SPLIT_AT matches: marks are tried from the end (str.rfind)."""
    head = para[max(0, start - SENTENCE_MAX_CHARS):start]
    # the last ".", "!" and "?" before the current one; only the mark just tried is looked for again
    dot, excl, ques = head.rfind("."), head.rfind("!"), head.rfind("?")
    while True:
        p = max(dot, excl, ques)
        if p < 0:
            return head
        m = _SENT_SPLIT_AT.match(head, p)
        if m:
            return head[m.end():]
        if p == dot:
            dot = head.rfind(".", 0, p)
        elif p == excl:
            excl = head.rfind("!", 0, p)
        else:
            ques = head.rfind("?", 0, p)


def _sentence_after(para: str, end: int) -> str:
    tail = para[end:end + SENTENCE_MAX_CHARS]
    m = _SENT_END_AT.search(tail)  # = _SENT_END.search(tail), one character earlier
    return tail[: m.start() + 1] if m else tail


def _speaker(before: str, after: str, according: bool = True) -> Optional[str]:
    """`according`: False when neither side can hold "according to" (see quotes_of)."""
    # 1. attribution right after the quote: ”, X said / ” said X / ” according to X
    m = _SPEECH_AFTER.match(after)
    if m:
        who = _clean_speaker(m.group("who") or m.group("who2"), after_quote=True)
        if who:
            return who
    m = (_ACCORDING.search(after) or _ACCORDING.search(before)) if according else None
    if m:
        who = _clean_speaker(m.group("who"))
        if who:
            return who
    b = before.rstrip()
    if not b:
        return None
    # 2. a verb of saying or stance before the quote: its subject speaks ("both sides agreed on “...”")
    verb = _VERB_BEFORE.search(b)  # the first verb
    if verb:
        subj = b[: verb.start()]
        subj = _CLAUSE_SEP.split(subj)[-1] if "," in subj and not _is_name_phrase(subj) else subj
        return _clean_speaker(subj)
    # 3. the quote is the predicate of a bare name phrase ("The Ministry and the Department “commit to...”")
    if _is_name_phrase(b):
        return _clean_speaker(b)
    return None


_NAME_WORD = re.compile(r"^(?:[A-Z][\w’'.\-]*|the|of|for|and|de|del|la|von|van|&)$")


def _is_name_phrase(s: str) -> bool:
    """Capitalised words joined by the/of/and only: a subject with no verb in it."""
    words = s.strip(" ,").split()
    return 1 <= len(words) <= 12 and all(_NAME_WORD.match(w) for w in words) and any(w[:1].isupper() for w in words)


def _clean_speaker(s: Optional[str], after_quote: bool = False) -> Optional[str]:
    if not s:
        return None
    s = s.strip(" ,.;:—–-\"“”‘’'")
    if _SUBORDINATE.search(s):
        return None  # "Audience members laughed when he": a clause, not a name
    words = s.split()
    while words and words[-1].lower() in SUBJECT_TAIL:
        words.pop()
    if after_quote:  # ”, X said in a statement: X is a short phrase; a clause means no attribution here
        if len(words) > 10:
            return None
    if not words or len(words) > 12:
        return None
    s = " ".join(words)
    if s.lower() in PRONOUNS or all(w.lower() in _FUNCTION_WORDS for w in words):
        return None
    if not any(w[:1].isupper() for w in words) and len(words) > 4:
        return None  # a long lower-case clause is not a named speaker
    return s


def _kind(text: str, before: str, after: str) -> str:
    """`direct`: a statement quoted whole (opens the sentence, or follows 'said:'/'that' with a capital);
    `partial`: a fragment woven into the reporter's sentence."""
    if not before.strip() and text[:1].isupper():
        return "direct"
    # (the capital first, and the pattern only on a text ending like it: on the stripped text "\s*$" is the
    # very end, so it must end in ":", "," or "that"; speed, same answer)
    if text[:1].isupper():
        b = before.rstrip()
        if b.endswith((":", ",", "that")) and _INTRO_END.search(b):
            return "direct"
    if text[:1].isupper() and _COMMA_START.match(after) is None and text.rstrip()[-1:] in ".!?,":
        return "direct" if len(text.split()) >= 6 else "partial"
    return "partial"


# --- capitalised runs: the raw material of names ---------------------------------------------------------

CONNECTORS = {"of", "for", "and", "the", "de", "del", "la", "von", "van", "&", "on", "in"}
_CHUNK_SPLIT = re.compile(r"[,;:()“”\"!?\[\]]|(?<![A-Z])(?<!\b[A-Z][a-z])\.(?=\s|$)|\s[—–-]\s")
_POSSESSIVE = re.compile(r"^(.*?)(?:’s|'s|’|')$")
_POSSESSIVE_LAST = {"s", "’", "'"}
# Sentence-initial capitals that are ordinary words, not names.
_COMMON_START = {
    "the", "a", "an", "in", "on", "at", "but", "and", "or", "for", "as", "if", "when", "while", "after",
    "before", "since", "this", "that", "these", "those", "his", "her", "their", "its", "our", "my", "it",
    "he", "she", "they", "we", "i", "you", "there", "here", "what", "why", "how", "who", "some", "many",
    "most", "more", "all", "both", "each", "every", "one", "two", "three", "last", "next", "new", "so",
    "yet", "still", "also", "however", "meanwhile", "then", "now", "today", "yesterday", "monday", "tuesday",
    "wednesday", "thursday", "friday", "saturday", "sunday", "by", "from", "with", "to", "of", "under",
    "over", "about", "according", "despite", "during", "instead", "although", "though", "because", "not",
    "no", "mr", "mr.", "ms", "ms.", "mrs", "mrs.", "dr", "dr.", "former", "senior", "acting", "deputy"}
_DAYS_MONTHS = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february",
    "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"}


_ABBREV = re.compile(r"^[A-Z]\.$|^[A-Z][a-z]{0,3}\.$")  # "C." "Gov." "Sen.": the dot belongs to the word


_RUN = re.compile(r"[A-Z][\w’'.&-]*(?: (?:(?:of|for|and|the|de|del|la|von|van|&|on|in) )*[A-Z][\w’'.&-]*)*")


# The runs of one _RUN match are a pure function of its text, and the same matches recur within and across
# pages ("The", "He", a name mentioned ten times): memoised per match text (speed; the memo is bounded and
# cleared when full, so it never changes a result).
RUN_MEMO_MAX = 50_000
_RUN_MEMO: dict[str, tuple] = {}


def capital_runs(paragraphs: list[str], text: Optional[str] = None) -> list[list[str]]:
    """Runs of capitalised tokens (with of/for/and/the inside), split at sentence ends and possessives;
    a sentence-initial ordinary word ("The", "But") and day/month names are not part of a name.
    `text`: the paragraphs joined by newlines, when the caller has it. (_RUN is read over the joined text in
    one call: its matches hold no newline, so they are the paragraphs' matches, in order.)"""
    out: list[list[str]] = []
    memo = _RUN_MEMO
    for s in _RUN.findall("\n".join(paragraphs) if text is None else text):
        runs = memo.get(s)
        if runs is None:
            runs = _runs_of_match(s)
            if len(memo) >= RUN_MEMO_MAX:
                memo.clear()
            memo[s] = runs
        if runs:
            out.extend(map(list, runs))
    return out


def _runs_of_match(s: str) -> tuple:
    """The runs in one _RUN match (tuples; trailing connectors dropped)."""
    if " " not in s:  # one token (most matches): the loop below, unrolled (speed)
        tok = s
        last = tok[-1:]
        if last == "." and not _ABBREV.match(tok):
            tok = tok.rstrip(".")
            last = tok[-1:]
        if last in _POSSESSIVE_LAST:
            poss = _POSSESSIVE.match(tok)
            if poss:
                tok = poss.group(1)
        low = tok.lower()
        # (it opens with a capital, so it is no connector; alone, it is also the start of its run)
        if not tok or low in _DAYS_MONTHS or low in _COMMON_START:
            return ()
        return ((tok,),)
    out: list[list[str]] = []
    cur: list[str] = []
    for tok in s.split(" "):
        if tok in CONNECTORS:
            if cur:
                cur.append(tok)
            continue
        end = False
        last = tok[-1:]
        if last == "." and not _ABBREV.match(tok):
            tok, end = tok.rstrip("."), True  # "Tuesday." ends the sentence
            last = tok[-1:]
        if last in _POSSESSIVE_LAST:  # (the regex only when the token can end like one: speed)
            poss = _POSSESSIVE.match(tok)
            if poss:
                tok, end = poss.group(1), True
        low = tok.lower()
        if not tok or low in _DAYS_MONTHS or (not cur and low in _COMMON_START):
            if cur:
                out.append(cur)
            cur = []
            continue
        cur.append(tok)
        if end:
            out.append(cur)
            cur = []
    if cur:
        out.append(cur)
    res = []
    for r in out:
        while r and r[-1] in CONNECTORS:
            r = r[:-1]
        if r:
            res.append(tuple(r))
    return tuple(res)


# --- places ----------------------------------------------------------------------------------------------

# Common short forms folded into their gazetteer names, so mentions add up under one name.
PLACE_ALIASES = {"US": "United States", "U.S.": "United States", "USA": "United States",
                 "U.S.A.": "United States", "America": "United States", "UK": "United Kingdom",
                 "U.K.": "United Kingdom", "Britain": "United Kingdom", "Great Britain": "United Kingdom",
                 "Korea": "South Korea", "D.C.": "Washington", "Republic of Korea": "South Korea"}
# Aliases that count as a place only alone, never folded when they qualify a name ("US Defense
# Department" is an organisation, not a mention of the United States as a place... but the country is
# mentioned all the same, so they still count; this set only keeps them out of organisation stripping).
# Gazetteer names that are also first names or common words: counted only after a preposition of place.
AMBIGUOUS_PLACES = {"Chad", "Jordan", "Georgia", "Victoria", "Male", "Reading", "Van", "Charlotte", "Lincoln",
                    "Madison", "Hamilton", "Irvine", "Aurora", "Kingston", "Wellington", "Columbus", "Mesa",
                    "Buda", "Pest", "Jos", "Aba", "Ibb", "Oyo", "Loni", "Teni", "Guli", "Kota", "Cali",
                    "Santiago", "Austin", "Nice", "Mobile", "Split", "Florence", "Phoenix", "Independence",
                    "Orange", "Laredo", "Plano", "Reno", "Virginia", "Jackson", "Paris", "Sydney", "Houston",
                    "Dallas", "Washington", "Victoria", "Alexandria", "Salem", "Quincy", "Arlington",
                    "Kennedy", "Lincoln", "Franklin", "Clinton", "Marion", "Warren", "Mercedes", "Bolivar"}
_LOCATIVE = re.compile(r"\b(?:in|at|from|to|near|outside|across|around|of|visit(?:ed|ing)?|across)\s+$", re.I)


@lru_cache(maxsize=1)
def _gazetteer() -> tuple[frozenset, int]:
    names = set()
    for block in (gazetteer.COUNTRIES, gazetteer.US_STATES, gazetteer.CITIES):
        names.update(n.strip() for n in block.splitlines() if n.strip())
    names.update(PLACE_ALIASES)
    return frozenset(names), max(len(n.split()) for n in names)


@lru_cache(maxsize=1)
def _place_scan() -> tuple[re.Pattern, frozenset]:
    """The capitalised-window pattern of places_of, compiled once, and the first words of multi-word
    gazetteer names: a window starting with any other token can only match one token long (speed)."""
    names, longest = _gazetteer()
    # a capital not preceded by a word character, dot or hyphen, then up to `longest` words; written with
    # the capital first and the look-behind after it, so the regex engine skips to capitals (speed, same matches)
    pat = re.compile(r"([A-Z](?<![\w.-][A-Z])[\w.’'-]*(?:\s+(?:of\s+)?[A-Z][\w.’'-]*){0,%d})" % (longest - 1))
    return pat, frozenset(n.split(" ")[0] for n in names if " " in n)


def places_of(paragraphs: list[str], dateline: Optional[str] = None) -> list[dict]:
    """Gazetteer names found in capitalised runs (inside organisation names too: 'North Korea Policy
    Bureau' mentions North Korea), folded through PLACE_ALIASES, with mention counts."""
    names, longest = _gazetteer()
    counts: dict[str, int] = {}
    amb: dict[str, list] = {}
    pat, firsts = _place_scan()
    memo = _PLACE_MEMO
    for para in paragraphs:
        starts = None  # where each window starts: only needed for an ambiguous name (rare), found then
        for k, w in enumerate(pat.findall(para)):
            hits = memo.get(w)
            if hits is None:
                hits = _place_hits(w, names, longest, firsts)
                if len(memo) >= RUN_MEMO_MAX:
                    memo.clear()
                memo[w] = hits
            for i, n, name, canon in hits:
                if canon is not None:
                    counts[canon] = counts.get(canon, 0) + 1
                    continue
                # an ambiguous name: counted when some mention sits after a preposition of place; a
                # mention followed by another capitalised word ("Washington Post") never counts
                toks = w.split()
                nxt = toks[i + n] if i + n < len(toks) else ""
                if not nxt[:1].isupper():
                    a = amb.setdefault(name, [0, False])
                    a[0] += 1
                    if not a[1]:  # (once located, later mentions cannot change it: no search)
                        if starts is None:
                            starts = [m.start() for m in pat.finditer(para)]
                        pre = para[: starts[k]] + " ".join(toks[:i]) + (" " if i else "")
                        a[1] = _located(pre)
    for name, (n, located) in amb.items():
        if located:
            canon = PLACE_ALIASES.get(name, name)
            counts[canon] = counts.get(canon, 0) + n
    if dateline:
        city = dateline.split(",")[0].strip().title()
        if city in names:
            canon = PLACE_ALIASES.get(city, city)
            counts[canon] = counts.get(canon, 0) + (0 if canon in counts else 1)
    return [{"name": k, "mentions": v} for k, v in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]


# Which gazetteer names a capitalised window holds is a pure function of the window's text, and windows
# recur ("The", "Seoul", "North Korea"): memoised per window text, bounded like _RUN_MEMO (speed).
_PLACE_MEMO: dict[str, tuple] = {}


def _place_hits(w: str, names: frozenset, longest: int, firsts: frozenset) -> tuple:
    """(token index, token count, name, canonical name or None when ambiguous) for each gazetteer name in
    one window, longest name first at each token, left to right without overlaps."""
    toks = w.split()
    out = []
    i = 0
    while i < len(toks):
        hit = None
        tok = toks[i]
        if tok not in firsts:  # one token only: the loop below for n = 1, without the join (speed)
            cand = tok.rstrip(".,’'")
            if cand.endswith(("’s", "'s")):
                cand = cand[:-2]
            if cand in names:
                hit = (cand, 1)
            elif cand.rstrip(".") in names:
                hit = (cand.rstrip("."), 1)
            if hit is None:
                i += 1
                continue
        # only a first word of a multi-word name can start a longer match
        top = min(longest, len(toks) - i) if hit is None else 0
        for n in range(top, 0, -1):
            cand = " ".join(toks[i:i + n]).rstrip(".,’'")
            if cand.endswith(("’s", "'s")):
                cand = cand[:-2]
            if cand in names or cand.rstrip(".") in names:
                hit = (cand if cand in names else cand.rstrip("."), n)
                break
        if hit:
            name, n = hit
            out.append((i, n, name, None if name in AMBIGUOUS_PLACES else PLACE_ALIASES.get(name, name)))
            i += n
        else:
            i += 1
    return tuple(out)


# The longest word _LOCATIVE ends in ("visiting"), plus room for the character before it.
_LOCATIVE_TAIL = 12


def _located(pre: str) -> bool:
    """_LOCATIVE.search(pre), reading only the end of `pre`: the pattern is anchored at the end behind a
    whitespace run, so only the word before that run (and the character before the word, for the word
    boundary) can take part; a long paragraph is not scanned again for every mention (speed, same answer)."""
    return _LOCATIVE.search(pre[max(0, len(pre.rstrip()) - _LOCATIVE_TAIL):]) is not None


# --- organisations and acronyms ---------------------------------------------------------------------------

# Head nouns that make a capitalised run an organisation (the last word, or one before "of").
ORG_HEADS = {
    "Ministry", "Department", "Group", "Bureau", "Agency", "Council", "Committee", "Commission", "Association",
    "Institute", "University", "Party", "Company", "Co.", "Corp", "Corp.", "Corporation", "Inc", "Inc.", "Ltd",
    "Ltd.", "LLC", "Bank", "Court", "Office", "Army", "Navy", "Forces", "Force", "Police", "Union",
    "Organization", "Organisation", "Foundation", "Fund", "Federation", "League", "Club", "Network", "Board",
    "Authority", "Service", "Services", "Administration", "Parliament", "Congress", "Senate", "Assembly",
    "Cabinet", "Government", "Center", "Centre", "Hospital", "School", "College", "Meeting", "Conference",
    "Summit", "Forum", "Society", "Institution", "Laboratory", "Lab", "Labs", "Airlines", "Airways", "Motors",
    "Media", "Press", "Times", "Post", "Journal", "News", "Reserve", "Guard", "Corps", "Coalition", "Alliance",
    "Secretariat", "Directorate", "Command", "Council", "Trust", "Partners", "Holdings", "Group", "Systems",
    "Technologies", "Pharmaceuticals", "Academy", "Observatory", "Studios", "Records", "Church", "Chamber"}
# A capitalised run followed by one of these in lower case is still a named body ("the 44th US-South Korea
# Security Consultative meeting"): the head word is written lower case by some style guides.
LOWER_HEADS = {"meeting", "summit", "conference", "forum", "talks", "committee", "council"}
# (written "X(?:X){0,5}" rather than "(?:X){1,6}": the same matches, but the pattern opens with the capital
# it needs, so the regex engine skips to capitals instead of trying every position: speed)
_LOWER_HEAD_RUN = re.compile(r"([A-Z][\w.’'-]*\s+(?:[A-Z][\w.’'-]*\s+){0,5})(%s)\b" % "|".join(sorted(LOWER_HEADS)))
# pre-check: the run pattern is only tried on texts that hold a lower-case head word at all (speed)
_LOWER_HEAD_WORDS = re.compile(r"\s(?:%s)\b" % "|".join(sorted(LOWER_HEADS)))
_RUN_WORD_CHARS = frozenset(".’'-_")


def _has_lower_head(text: str) -> bool:
    """False when _LOWER_HEAD_RUN cannot match (speed: the run pattern scans every capital; common words
    such as "talks" and "meeting" are on most pages, but rarely right after a capitalised word). A match
    ends in a head word after whitespace and before a word boundary, with a capitalised word just before
    the whitespace: for each head word found (str.find), that is checked by reading back from it."""
    n = len(text)
    for h in LOWER_HEADS:
        i = text.find(h)
        while i >= 0:
            e = i + len(h)
            if i > 0 and text[i - 1].isspace() and (e >= n or not (text[e].isalnum() or text[e] == "_")):
                j = i - 1
                while j >= 0 and text[j].isspace():
                    j -= 1
                # the word before the whitespace: [\w.’'-] characters, one of them a capital (where it starts)
                while j >= 0 and (text[j].isalnum() or text[j] in _RUN_WORD_CHARS):
                    if "A" <= text[j] <= "Z":
                        return True
                    j -= 1
            i = text.find(h, i + 1)
    return False


# Demonym adjectives are not part of an organisation's name ("the South Korean Defense Ministry").
_DEMONYM_EXTRA = {"American", "British", "Chinese", "Japanese", "French", "German", "Israeli", "Iraqi",
                  "Pakistani", "Saudi", "Spanish", "Turkish", "Dutch", "Swiss", "Greek", "Thai", "Filipino",
                  "Vietnamese", "Mexican", "Canadian", "Brazilian", "Iranian", "Russian", "Indian", "Italian",
                  "Korean", "Ukrainian", "Polish", "Swedish", "Danish", "Norwegian", "Finnish", "Irish",
                  "Scottish", "Welsh", "English", "European", "African", "Australian", "Egyptian", "Syrian"}


# Generic state bodies that a demonym only qualifies (its country's ministry, army, police ...).
GOVERNMENT_HEADS = {"Ministry", "Department", "Army", "Navy", "Police", "Government", "Embassy", "Cabinet",
                    "Forces", "Force", "Military", "Guard", "Parliament", "Office"}


def _is_demonym(words: list[str]) -> int:
    """How many leading words form a demonym ('South Korean' -> 2, 'Chinese' -> 1, else 0)."""
    names, _ = _gazetteer()
    for n in (2, 1):
        if len(words) > n:
            w = " ".join(words[:n])
            if w in _DEMONYM_EXTRA or (w.endswith("n") and w[:-1] in names) or (w.endswith("an") and w[:-2] in names):
                return n
    return 0


def _strip_org(words: list[str]) -> list[str]:
    names, _ = _gazetteer()
    # a bilateral compound naming the participants ("US-South Korea ...") is not part of the name
    if words and "-" in words[0] and words[0].split("-")[0] in names:
        rest = words[1:]
        j = 0
        while j < len(rest) - 1 and not (" ".join(words[0].split("-")[1:] + rest[:j]) in names):
            j += 1
        if " ".join(words[0].split("-")[1:] + rest[:j]) in names:
            words = rest[j:]
    d = _is_demonym(words)
    # "the South Korean Defense Ministry" is the Defense Ministry; "European Space Agency" is a name
    if d and len(words) - d >= 2 and words[-1] in GOVERNMENT_HEADS:
        words = words[d:]
    return words


# (Patterns here open with the capital they need, look-behinds after it: the regex engine then skips
# straight to capitals instead of trying every position. Same matches as "\b[A-Z]..." / "(?:X){1,10}".)
ACRONYM = re.compile(r"([A-Z](?<!\w[A-Z])[A-Z&]{1,6}[A-Z0-9])(?:s)?\b")
_EXPLICIT = re.compile(r"([A-Z][\w’'&.-]*\s+(?:(?:of|for|and|the|on|in|de)\s+)*"
                       r"(?:[A-Z][\w’'&.-]*\s+(?:(?:of|for|and|the|on|in|de)\s+)*){0,9})\(([A-Z][A-Z&]{1,6}[A-Z0-9]?)\)")
_INITIAL_SKIP = {"of", "for", "and", "the", "on", "in", "de", "&", "to", "at"}
# _EXPLICIT needs "(" then a capital; texts without one skip its slow scan (speed)
_PAREN_CAP = re.compile(r"\([A-Z]")
# The "(ACR)" an _EXPLICIT match ends with, and the characters that may stand before it in a match (the
# long form: words, spaces, connectors, ’'&.-), read backwards from the "(" (see _explicit_matches).
_PAREN_ACR = re.compile(r"\([A-Z][A-Z&]{1,6}[A-Z0-9]?\)")
_LONG_FORM_CHARS_REV = re.compile(r"[\w’'&.\s-]*")


def _explicit_matches(text: str):
    """Exactly _EXPLICIT.finditer(text), without trying the pattern at every capital of the text (speed).
    Every match ends at an "(ACR)" and everything before its "(" is long-form characters (no "(" among
    them), so a match ending at a given "(ACR)" starts inside the run of such characters just before it.
    For each "(ACR)" in order, the pattern is searched only from the start of that run (or the end of the
    previous match, if later) to the ")": the leftmost match there is the one finditer finds next."""
    pos = prev = 0
    for p in _PAREN_ACR.finditer(text):
        q = p.start()
        lo = max(pos, prev)
        prev = q + 1  # a long-form run ending at a later "(" cannot reach back past this one
        if q <= lo:
            continue
        # length of the long-form run ending at q: the same pattern matched on the reversed text
        lo = max(lo, q - _LONG_FORM_CHARS_REV.match(text[lo:q][::-1]).end())
        m = _EXPLICIT.search(text, lo, p.end())
        if m:
            pos = m.end()
            yield m


# Initials of one word (see acronyms_of), memoised like _RUN_MEMO (speed).
_INITIALS_MEMO: dict[str, str] = {}


def _word_initials(w: str) -> str:
    """'' for of/for/and/the...; else one letter per capitalised hyphen part ("Asia-Pacific" -> AP)."""
    v = _INITIALS_MEMO.get(w)
    if v is None:
        v = "" if w.lower() in _INITIAL_SKIP else "".join(p[:1] for p in w.split("-") if p[:1].isupper())
        if len(_INITIALS_MEMO) >= RUN_MEMO_MAX:
            _INITIALS_MEMO.clear()
        _INITIALS_MEMO[w] = v
    return v


def acronyms_of(paragraphs: list[str], runs: Optional[list[list[str]]] = None,
                text: Optional[str] = None) -> dict[str, str]:
    """ACR -> long form: 'Long Form (ACR)' when written, else a capitalised phrase in the same text whose
    initials (of/for/and/the skipped) spell the acronym. `text`: the paragraphs joined by newlines, when the
    caller has it (here and below: one join per article)."""
    text = "\n".join(paragraphs) if text is None else text
    found: dict[str, str] = {}
    for m in (_explicit_matches(text) if _PAREN_CAP.search(text) else ()):
        long_words, acr = m.group(1).split(), m.group(2)
        for k in range(len(long_words)):
            if long_words[k].lower() in _INITIAL_SKIP:
                continue  # "The International ... Agency (IAEA)": the article is not part of the name
            cand = long_words[k:]
            if _initials(cand) == acr:
                found[acr] = " ".join(cand)
                break
    names, _ = _gazetteer()
    acrs = set(ACRONYM.findall(text)) - set(found) - set(PLACE_ALIASES) - names  # (findall: group 1)
    if acrs:
        runs = runs if runs is not None else capital_runs(paragraphs)
        # every prefix of an acronym: initials that are no such prefix cannot grow into one, so the scan
        # along a run stops there (speed; the same finds, in the same order)
        prefixes = {a[:k] for a in acrs for k in range(1, len(a) + 1)}
        memo = _INITIALS_MEMO
        for r in runs:
            if len(r) < 2:
                continue
            inis = [memo[w] if w in memo else _word_initials(w) for w in r]
            for i in range(len(r)):
                if not inis[i]:
                    continue
                acc = ""
                for j in range(i, len(r)):
                    acc += inis[j]
                    if acc not in prefixes:
                        break
                    if inis[j] and acc in acrs and j > i:
                        found.setdefault(acc, " ".join(r[i:j + 1]))
    return found


def _initials(words: list[str]) -> str:
    out = ""
    for w in words:
        if w.lower() in _INITIAL_SKIP:
            continue
        if not w[:1].isupper():
            return ""
        # hyphenated words give one letter per part ("Asia-Pacific" -> AP)
        out += "".join(p[:1] for p in w.split("-") if p[:1].isupper())
    return out


def organizations_of(paragraphs: list[str], runs: list[list[str]], acronyms: dict[str, str],
                     text: Optional[str] = None) -> list[dict]:
    """Capitalised runs headed by an organisation word, plus acronyms whose long form is one.
    One row per organisation: `name` is the acronym when the text defines one, `long_form` its expansion."""
    text = "\n".join(paragraphs) if text is None else text
    found: dict[str, int] = {}
    split_runs = []
    for r in runs:  # "the Defense Ministry and the US Defense Department": two organisations
        if ORG_HEADS.isdisjoint(r):
            continue  # no head word: none of its parts can name an organisation (speed: most runs)
        cur = []
        for k, w in enumerate(r):
            if w == "and" and cur and cur[-1] in ORG_HEADS:
                split_runs.append(cur)
                cur = []
                continue
            if not cur and w in CONNECTORS:
                continue
            cur.append(w)
        if cur:
            split_runs.append(cur)
    for r in split_runs:
        idx = [i for i, w in enumerate(r) if w in ORG_HEADS]
        if not idx:
            continue
        # the run ends at the last head word unless what follows is "of ..." ("Ministry of Defence")
        end = idx[-1] + 1
        if end < len(r) and r[end] in ("of", "for") and end + 1 < len(r):
            end = len(r)
        words = _strip_org(r[:end])
        if len(words) < 2 and words and words[0] in ORG_HEADS:
            continue  # a bare "Ministry" or "Group" names nothing
        name = " ".join(words)
        found[name] = 0
    # a name followed by a lower-case head ("Security Consultative meeting")
    for m in (_LOWER_HEAD_RUN.finditer(text) if _has_lower_head(text) else ()):
        words = _strip_org(m.group(1).split())
        if words and not any(w in ORG_HEADS for w in words) and not _is_demonym(words + ["x"]) == len(words):
            names, _ = _gazetteer()
            if " ".join(words) in names or len(words) < 2:
                continue
            found[" ".join(words + [m.group(2).capitalize()])] = 0
    rows: dict[str, dict] = {}
    longs = {v: k for k, v in acronyms.items()}
    for name in found:
        n = _count(text, name) if name.split()[-1].lower() not in LOWER_HEADS else _count(text.lower(), name.lower())
        acr = longs.get(name)
        if acr:
            rows[acr] = {"name": acr, "long_form": name, "mentions": n + _count(text, acr)}
        else:
            rows[name] = {"name": name, "long_form": None, "mentions": max(n, 1)}
    for acr, long in acronyms.items():
        if acr not in rows and any(h in long.split() for h in ORG_HEADS):
            rows[acr] = {"name": acr, "long_form": long,
                         "mentions": _count(text, acr) + _count(text, long)}
    # a name that is only a longer spelling of another ("South Korean Defense Ministry") merges into it
    return sorted(rows.values(), key=lambda r: (-r["mentions"], r["name"]))


# --- people ----------------------------------------------------------------------------------------------

# Title words that put a role before a name ("Deputy Assistant Secretary of Defense ... John Hill").
TITLE_WORDS = {
    "President", "Secretary", "Minister", "Director", "Governor", "Gov.", "Sen.", "Senator", "Rep.",
    "Representative", "Chairman", "Chairwoman", "Chair", "CEO", "Chief", "Judge", "Justice", "General", "Gen.",
    "Col.", "Lt.", "Commissioner", "Ambassador", "Mayor", "Professor", "Prof.", "Dr.", "Coach", "Spokesman",
    "Spokeswoman", "Spokesperson", "Officer", "Manager", "Founder", "Editor", "Premier", "Chancellor", "King",
    "Queen", "Prince", "Princess", "Pope", "Attorney", "Speaker", "Leader", "Commander", "Adm.", "Admiral",
    "Sgt.", "Capt.", "Captain", "Lawmaker", "Councilman", "Councilwoman", "Vice", "Deputy", "Assistant",
    "Superintendent", "Sheriff", "Inspector", "Detective", "Pastor", "Rev.", "Bishop", "Cardinal", "Analyst",
    "Economist", "Executive", "Mr.", "Mrs.", "Ms."}
# Role nouns that mark an appositive after a name ("Cho Yong-geun, the South Korean director general of...").
ROLE_NOUNS = re.compile(
    r"\b(?:director|president|minister|secretary|spokes(?:man|woman|person)|head|chief|founder|co-founder|"
    r"professor|manager|officer|analyst|executive|chairman|chairwoman|chair|ceo|cfo|coach|governor|senator|"
    r"ambassador|commissioner|mayor|editor|researcher|scientist|economist|lawyer|attorney|author|"
    r"representative|leader|member|partner|adviser|advisor|general|commander|correspondent|reporter|"
    r"strategist|consultant|owner|principal|teacher|student|physician|doctor|surgeon|nurse|player|"
    r"captain|spokesperson|investor|engineer|designer|artist|singer|actor|actress|writer|chancellor)\b", re.I)
_NAME_TOKEN = re.compile(r"^(?:[A-Z][a-zà-ÿ’'\-]+(?:-[A-Za-z][a-z]+)?|[A-Z]\.|(?:Mc|Mac|O’|O'|De|Di|La|Le)[A-Z][a-z]+)$")


def _person_tokens(words: list[str]) -> bool:
    names, _ = _gazetteer()
    if not 2 <= len(words) <= 4 or not all(_NAME_TOKEN.match(w) for w in words):
        return False
    if any(w in ORG_HEADS or w in TITLE_WORDS or w in names or w in PLACE_ALIASES for w in words):
        return False
    if " ".join(words) in names or _is_demonym(words + ["x"]):
        return False
    return not words[-1].endswith(".")


# "Name, the role of ...," and "Name said" / "said Name".
# (the name opens at a line start, after a space or "("; the capital comes first and the look-behind after
# it so the regex engine skips to capitals: same matches as "(?:^|(?<=[ (]))(?:[A-Z]...){1,3}", faster)
_APPOSITIVE = re.compile(r"([A-Z](?<![^ (\n][A-Z])[\w’'\-.]+ (?:[A-Z][\w’'\-.]+ ){0,2}[A-Z][\w’'\-]+), ((?:the|a|an) )?"
                         r"([^,.;()“”\n]{3,140}?)(?=,|\.\s|;|\s—|$)", re.M)
# ("said Name" is looked for with the common verbs only: an alternation tried at every position is slow)
_NAME_SAID = re.compile(rf"\b((?:[A-Z][\w’'\-]+ ){{1,2}}[A-Z][\w’'\-]+) (?:{SPEECH_VERBS})\b|"
                        r"\bs(?:aid|ays) ((?:[A-Z][\w’'\-]+ ){1,2}[A-Z][\w’'\-]+)")
# _NAME_SAID's two branches as two patterns that each open with what they need (a capital, an "s"), so the
# regex engine skips to those instead of trying the \b-led alternation at every position; _name_said
# merges their matches into exactly _NAME_SAID.finditer's (speed: ~2x less scanning).
_NAME_THEN_VERB = re.compile(rf"([A-Z](?<!\w[A-Z])[\w’'\-]+ (?:[A-Z][\w’'\-]+ )?[A-Z][\w’'\-]+) (?:{_SPEECH_VERB_ALT})\b")
_SAID_THEN_NAME = re.compile(r"sa(?<!\wsa)(?:id|ys) ((?:[A-Z][\w’'\-]+ ){1,2}[A-Z][\w’'\-]+)")


# Where a name of two or more capitalised words can start: a capital after a non-word character (or at the
# start), the rest of its word, a space, another capital. Every _APPOSITIVE and _NAME_THEN_VERB match starts
# at one of these (their names are such words; the look-ahead allows backtracking like the patterns do).
# One scan finds them all (~30 a page, overlapping: each match takes one character); both patterns are then
# only tried there (speed: two scans of every capital of the text become one).
_NAME_STARTS = re.compile(r"[A-Z](?<!\w[A-Z])(?=[\w’'\-.]+ [A-Z])")


def _name_starts(text: str) -> list[int]:
    return [m.start() for m in _NAME_STARTS.finditer(text)]


def _appositives(text: str, starts: list[int]):
    """Exactly _APPOSITIVE.finditer(text): the leftmost match at or after the end of the last, tried at
    the possible starts in order."""
    match = _APPOSITIVE.match
    pos = 0
    for s in starts:
        if s >= pos:
            m = match(text, s)
            if m:
                yield m
                pos = m.end()


def _name_verb_search(text: str, pos: int, starts: list[int]) -> Optional[re.Match]:
    """_NAME_THEN_VERB.search(text, pos), tried at the possible starts from `pos` on."""
    match = _NAME_THEN_VERB.match
    for i in range(bisect_left(starts, pos), len(starts)):
        m = match(text, starts[i])
        if m:
            return m
    return None


def _name_said(text: str, starts: Optional[list[int]] = None):
    """(name before the verb or None, name after 'said' or None, match start of the first) for each match
    of _NAME_SAID, in order. Leftmost match first, the next one searched from the end of the last, as
    finditer does; the branches cannot match at the same position (a capital or an "s" opens them).
    `starts`: _name_starts(text) when the caller has it."""
    starts = _name_starts(text) if starts is None else starts
    a, b = _name_verb_search(text, 0, starts), _SAID_THEN_NAME.search(text)
    pos = 0
    while a is not None or b is not None:
        if a is not None and a.start() < pos:
            a = _name_verb_search(text, pos, starts)
        if b is not None and b.start() < pos:
            b = _SAID_THEN_NAME.search(text, pos)
        if a is not None and (b is None or a.start() < b.start()):
            yield a.group(1), None, a.start()
            pos = a.end()
            a = _name_verb_search(text, pos, starts)
        elif b is not None:
            yield None, b.group(1), b.start()
            pos = b.end()
            b = _SAID_THEN_NAME.search(text, pos)


def people_of(paragraphs: list[str], runs: list[list[str]], text: Optional[str] = None) -> list[dict]:
    """People named with a role: a title run before the name, or an appositive after it; and people who
    speak ("X said", "said X"). Role is kept as written, without a leading article."""
    found: dict[str, Optional[str]] = {}
    text = "\n".join(paragraphs) if text is None else text
    # (a) role before the name: a capitalised run holding a title word and ending in a 2-3 token name
    for r in runs:
        if TITLE_WORDS.isdisjoint(r):
            continue
        last_title = max(i for i, w in enumerate(r) if w in TITLE_WORDS or w in CONNECTORS)
        # two tokens by default; three only with a middle initial or particle ("Andrew C. McCarthy")
        n = 3 if len(r) >= 4 and _MIDDLE_TOKEN.match(r[-2]) else 2
        if len(r) - n > last_title and _person_tokens([w for w in r[-n:] if not _INITIAL_TOKEN.match(w)]):
            role_words = r[:-n]
            # "European Union Gordon Sondland and Energy Secretary Rick Perry": the role starts after
            # the last "and" that follows another person's name
            for k in range(len(role_words) - 1, 1, -1):
                if role_words[k] == "and" and _person_tokens(role_words[k - 2:k]):
                    role_words = role_words[k + 1:]
                    break
            if role_words:
                found.setdefault(" ".join(r[-n:]), _clean_role(" ".join(role_words)))
    # (b) appositive: "Name, the role of ..., " (the role has a role noun)
    starts = _name_starts(text)
    for m in _appositives(text, starts):
        words = m.group(1).split()
        while words and words[0].lower() in _COMMON_START:
            words = words[1:]
        role = m.group(3).strip()
        if not _person_tokens(words) or not ROLE_NOUNS.search(role):
            continue
        if not (m.group(2) or role[:1].islower() or role.split()[0] in TITLE_WORDS or _is_demonym(role.split())):
            continue
        found[" ".join(words)] = _clean_role(role)
    # (c) speakers: "Name said" / "said Name"
    for who1, who2, start1 in _name_said(text, starts):
        if who1 and _CAP_WORD_BEFORE.search(text[max(0, start1 - 30):start1]):
            continue  # the tail of a longer capitalised name ("[Santa] Fe Animal Shelter said")
        words = (who1 or who2).split()
        while words and words[0].lower() in _COMMON_START:
            words = words[1:]
        if _person_tokens(words):
            found.setdefault(" ".join(words), None)
    rows = []
    for name, role in found.items():
        surname = name.split()[-1]
        full = _count(text, name)
        alone = _count(text, surname) - full
        rows.append({"name": name, "role": role, "mentions": max(full, 1) + max(alone, 0)})
    # a name that is the tail of another found name ("Yong-geun" in "Cho Yong-geun") is the same person
    names = [r["name"] for r in rows]
    rows = [r for r in rows if not any(o != r["name"] and o.endswith(" " + r["name"]) for o in names)]
    return sorted(rows, key=lambda r: (-r["mentions"], r["name"]))


def _count(text: str, name: str) -> int:
    """Occurrences of `name` as whole words (str.find, no regex compile per name)."""
    n, i, L = 0, text.find(name), len(name)
    while i >= 0:
        if (i == 0 or not text[i - 1].isalnum()) and (i + L >= len(text) or not text[i + L].isalnum()):
            n += 1
        i = text.find(name, i + L)
    return n


def _clean_role(role: str) -> Optional[str]:
    role = _LEADING_ARTICLE.sub("", role.strip(" ,"))
    return role or None


def entities(paragraphs: list[str], dateline: Optional[str] = None) -> dict:
    """All of the above for one article's body paragraphs."""
    kept, size = [], 0
    for p in paragraphs:
        if size + len(p) > ENTITY_MAX_CHARS:
            break
        kept.append(p)
        size += len(p) + 1
    paragraphs = kept
    text = "\n".join(paragraphs)
    runs = capital_runs(paragraphs, text)
    acr = acronyms_of(paragraphs, runs, text)
    people = people_of(paragraphs, runs, text)
    quotes = quotes_of(paragraphs)
    # "..., Nadal said": a speaker named by surname is the person the text named in full (when only one
    # person found has that surname)
    by_surname: dict[str, list[str]] = {}
    for p in people:
        by_surname.setdefault(p["name"].split()[-1], []).append(p["name"])
    # a speaker named by surname whom the text names in full elsewhere ("Rafael Nadal kept ...") is a person
    # in order of first quote, so the people list does not depend on set iteration (hash seed)
    for sp in dict.fromkeys(q["speaker"] for q in quotes if q["speaker"] and " " not in q["speaker"]):
        if sp in by_surname:
            continue
        fulls = {" ".join(r[-3:] if len(r) >= 3 and _person_tokens(r[-3:]) else r[-2:]) for r in runs
                 if len(r) >= 2 and r[-1] == sp and _person_tokens(r[-2:])}
        if len(fulls) == 1:
            name = fulls.pop()
            people.append({"name": name, "role": None,
                           "mentions": _count(text, name) + max(0, _count(text, sp) - _count(text, name))})
            by_surname[sp] = [name]
    for q in quotes:
        full = by_surname.get(q["speaker"] or "")
        if full and len(full) == 1:
            q["speaker"] = full[0]
    return {"quotes": quotes, "people": people,
            "organizations": organizations_of(paragraphs, runs, acr, text), "places": places_of(paragraphs, dateline),
            "acronyms": acr}
