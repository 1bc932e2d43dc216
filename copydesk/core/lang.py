"""Language: detection (py3langid, a fork of langid.py that ships its model inside the wheel, so it works
offline) and per-language stopword sets used as a body signal (jusText's stopword density).

Stopword lists are the most frequent function words of each language: twelve curated here (after the
jusText / Snowball lists, trimmed to words that are never content words), the other languages py3langid
names from jusText's lists (stopwords_more.py). A page of unknown language falls back to the union of the
curated lists; CJK scripts, which do not separate words with spaces, get a character-based rule.
"""
from __future__ import annotations

import re
from functools import lru_cache

from copydesk.core.stopwords_more import MORE

_SW = {
    "en": """a about above after again against all also am an and any are as at be because been before being
        below between both but by can could did do does doing down during each few for from further had has
        have having he her here hers herself him himself his how i if in into is it its itself just me more
        most my myself no nor not now of off on once only or other our ours out over own same she should so
        some such than that the their theirs them themselves then there these they this those through to too
        under until up very was we were what when where which while who whom why will with would you your
        yours said says""",
    "de": """aber alle als also am an auch auf aus bei bin bis bist da damit dann das dass dein dem den der des
        dich die dies diese dieser dir doch dort du durch ein eine einem einen einer eines er es euch für hat
        hatte hier ich ihm ihn ihr im in ist ja jetzt kann kein keine mich mir mit muss nach nicht nichts noch
        nun nur ob oder ohne sehr sein seine sich sie sind so soll über um und uns unter vom von vor war waren
        was weil wenn wer wie wieder wir wird wurde zu zum zur""",
    "fr": """au aux avec ce ces cette dans de des du elle en est et eux il ils je la le les leur lui ma mais me
        même mes moi mon ne nos notre nous on ou par pas pour qu que qui sa se ses son sont sur ta te tes toi
        ton tu un une vos votre vous été être avait avoir fait comme plus aussi tout très""",
    "es": """a al algo como con contra cual cuando de del desde donde durante e el ella ellas ellos en entre era
        es esa ese eso esta este esto estos fue ha han hasta hay la las le les lo los más me mi muy no nos o
        para pero por porque que quien se ser si sin sobre su sus también te tiene todo un una uno unos y ya""",
    "pt": """a ao aos as até com como da das de dela dele do dos e ela ele eles em entre era essa esse esta este
        foi for há isso já la mais mas me mesmo muito na nas no nos não o os ou para pela pelo por qual que
        se sem ser seu seus sua suas também tem um uma uns é são está foram""",
    "it": """a ad al alla alle anche che chi con da dal dalla dei del della delle di e è ed era gli ha hanno i il
        in la le lo ma mi ne nei nel nella non o per più se si sono su sua suo sul sulla tra tu un una uno""",
    "nl": """aan al als bij dan dat de die dit door een en er had heeft het hij hoe ik in is je maar me met na
        naar niet nog of om onder ons ook op over te tot uit van veel voor was wat we wel werd wie wij zal
        ze zei zich zij zijn zo""",
    "ru": """а без более бы был была были было быть в вам вас весь во вот все всего всех вы где да даже для до его
        ее если есть еще же за здесь и из или им их к как ко когда который кто ли либо мне может мы на над
        надо наш не него нее нет ни них но ну о об однако он она они оно от очень по под при с со так также
        такой там те тем то того тоже той только том ты у уже хотя чего чей чем что чтобы эта эти это я""",
    "pl": """a aby ale bardzo bez bo być był była było były dla do gdy go i ich im jak jako jest jego jej już
        ku lub ma mi mnie na nad nie nich o od oraz po pod przez przy się są ta tak także tam te tego tej
        ten to tu tym w we z za że""",
    "sv": """att av de den det du efter en ett för har hon i inte jag man med men mot nu när och om på sig sin
        som så till under var vi vid är över""",
    "tr": """ama bir bu da de daha diye en gibi hem her için ile ise kadar ki mi ne o olan olarak sonra şu ve
        veya ya""",
    "id": """ada adalah akan dalam dan dari dengan di ini itu juga ke karena kami kita oleh pada para saat
        sebagai sudah tersebut untuk yang tidak telah""",
}
# The union stands in for a page whose language is unknown: the curated lists only, as before the lists below.
ALL_STOPWORDS: frozenset[str] = frozenset().union(*(frozenset(v.split()) for v in _SW.values()))
# Every other language py3langid names gets jusText's list (stopwords_more.py, vendored by
# scripts/vendor_stopwords.py). Why: the stopword ratio is the text-mode classifier's prose signal, and a
# language without a list fell back to the union above, in which its words are mostly absent. Measured on the
# news dev set's text dumps by taking English's own list away: F1 0.952 -> 0.934 (the union of the other
# lists) and 0.907 (no list at all, as for Greek or Hindi); with jusText's English list instead of the
# curated one, 0.952. HTML mode, where the DOM container decides most lines, did not move (0.985 each way).
# Such a list is added to the union that stood in before, not put in its place: a page whose first long
# lines are in one language and whose article is in another (a Bulgarian menu over an English text: three
# WCXB dev pages) would otherwise lose its article's stopwords (their text word-F1 .51 -> .30 with the
# jusText list alone). A line's ratio can only rise against the fallback.
STOPWORDS: dict[str, frozenset[str]] = {
    **{k: frozenset(v.split()) | ALL_STOPWORDS for k, v in MORE.items()},
    **{k: frozenset(v.split()) for k, v in _SW.items()},
}

# Scripts whose lines count words by characters and carry no stopword list: CJK (kana, ideographs, Hangul),
# and the scripts of South-East Asia that write no space between words (Thai, Lao, Myanmar, Khmer). Issue 13:
# a Thai paragraph split into a few space-separated phrases and none of its words in any list read as a
# stopword-free fragment (ratio 0, so never prose); as CJK it gets the character-based rule (no dev page
# holds Thai, Lao, Myanmar or Khmer text: the dev sets are unchanged).
_CJK = re.compile(r"[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")
CJK_LANGS = {"zh", "ja", "ko"}


def stopwords_for(lang: str | None) -> frozenset[str]:
    return STOPWORDS.get(lang or "", ALL_STOPWORDS)


def is_cjk(text: str) -> bool:
    """True when CJK characters make up a large share of the text (word counts need char units)."""
    if not text:
        return False
    n = len(_CJK.findall(text[:400]))
    return n >= 0.3 * min(len(text), 400)


@lru_cache(maxsize=1)
def _identifier():
    # The model is read-only data loaded once per process; results never depend on call order.
    from py3langid.langid import LanguageIdentifier, MODEL_FILE
    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


# Below this many characters language ID is a guess; we return None rather than a wrong code.
MIN_CHARS_FOR_LANGUAGE = 40


# py3langid's cost grows with the sample (0.75 ms at 1000 chars, 0.34 ms at 400 on the dev pages); 400
# characters of prose gave the same code as 1000 on 90 of the 91 dev pages (the other is a page no
# sample identifies correctly).
LANGUAGE_SAMPLE_CHARS = 400


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of `text` (its first LANGUAGE_SAMPLE_CHARS), or None when there is too little text."""
    return detect_language_scored(text)[0]


def detect_language_scored(text: str) -> tuple[str | None, float]:
    """(code, probability) of `text` (its first LANGUAGE_SAMPLE_CHARS); (None, 0.0) when there is too
    little text. The probability is py3langid's normalised one (0..1)."""
    sample = text[:LANGUAGE_SAMPLE_CHARS]
    if len(sample.strip()) < MIN_CHARS_FOR_LANGUAGE:
        return None, 0.0
    lang, prob = _identifier().classify(sample)
    return lang, prob


# A page sample identified with at least this probability names the body's language too: the body is
# not identified a second time (~0.5 ms a page). Measured on all 3,130 dev and WCXB pages of both modes:
# 2,814 samples reach 0.99; on 6 of them the body's own detection named another code, 2 better (a cookie
# banner or a menu led the sample) and 3 worse (the body a list of names, read as a creole), 1 none.
SURE_LANGUAGE_PROB = 0.99
