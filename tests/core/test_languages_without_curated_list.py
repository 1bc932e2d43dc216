"""Prose in languages without a curated stopword list (lang.py's jusText lists, issue 13's multilingual
gap) and in scripts with their own full stop (classify.END_CHARS) reads as prose. On the old code a Greek
paragraph had a stopword ratio of 0 (no Greek word in any list) and a Hindi sentence ending in a danda was
never terminal, so neither could be a "good" line."""
from copydesk.core import classify as cls
from copydesk.core.lang import ALL_STOPWORDS, STOPWORDS, detect_language
from copydesk.core.segment import text_blocks

GREEK = ("Η κυβέρνηση ανακοίνωσε την Τρίτη ότι θα μειώσει τον φόρο στα καύσιμα από τον επόμενο μήνα, μια απόφαση "
         "που είχε ζητηθεί από τους επαγγελματίες των μεταφορών εδώ και καιρό.")
CZECH = ("Vláda v úterý oznámila, že od příštího měsíce sníží daň z pohonných hmot, o což ji dopravci žádali "
         "už delší dobu, a že opatření bude platit půl roku.")
HINDI = ("सरकार ने मंगलवार को कहा कि वह अगले महीने से ईंधन पर कर कम करेगी और इसका लाभ देश के सभी नागरिकों "
         "को मिलेगा।")


def test_every_language_gets_its_own_list_and_the_union_stays_curated():
    for code in ("el", "cs", "hi", "uk", "fi", "ar", "ro", "da"):
        assert code in STOPWORDS and len(STOPWORDS[code]) >= 50, code
    assert "και" in STOPWORDS["el"] and "και" not in ALL_STOPWORDS  # unknown pages: the curated union
    assert STOPWORDS["el"] >= ALL_STOPWORDS  # a list without curation adds to the fallback, never replaces it
    assert STOPWORDS["en"] >= {"the", "and", "said"} and "και" not in STOPWORDS["en"]


def test_prose_without_a_curated_list_is_good():
    for text in (GREEK, CZECH):
        lang = detect_language(text)
        assert lang in ("el", "cs")
        f = cls.features(text_blocks(text + "\n"), lang)[0]
        assert f.terminal and f.sw_ratio >= cls.GOOD_MIN_STOPWORD_RATIO and f.kind == "good", (lang, f)


def test_a_danda_ends_a_sentence():
    f = cls.features(text_blocks(HINDI + "\n"), detect_language(HINDI))[0]
    assert f.terminal and f.kind in ("good", "near"), f
    assert cls.END_PUNCT.search(HINDI)
