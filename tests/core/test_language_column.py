"""articles.language: the body's language, re-detected on the body only when the page sample was unsure
(lang.SURE_LANGUAGE_PROB). Checked on every news dev page in both modes against its own definition."""
import pytest

from helpers import dev_files

from copydesk.core.lang import LANGUAGE_SAMPLE_CHARS, SURE_LANGUAGE_PROB, detect_language, detect_language_scored
from copydesk.core.pipeline import finish, prepare
from copydesk.core.read import raw_from_bytes


@pytest.mark.parametrize("mode", ["text", "html"])
def test_language_is_the_bodys_unless_the_sample_was_sure(mode):
    sure = unsure = 0
    for path in dev_files(mode):
        prep = prepare(raw_from_bytes(path.read_bytes(), path.name, mode))
        lang, prob = prep.lang, prep.lang_prob
        assert (lang, prob) == detect_language_scored(prep.sample)
        art = finish(prep)
        body = " ".join(art.paragraphs[:LANGUAGE_SAMPLE_CHARS])[:LANGUAGE_SAMPLE_CHARS]
        if prob >= SURE_LANGUAGE_PROB or not art.paragraphs:
            sure += 1
            assert art.language == lang, path.name
        else:
            unsure += 1
            assert art.language == (detect_language(body) or lang), path.name
    assert sure and unsure  # both branches are exercised on real pages


def test_scored_detection_agrees_and_abstains_on_short_text():
    text = "The harbour authority said on Monday that the ship would dock later than planned."
    code, prob = detect_language_scored(text)
    assert code == detect_language(text) == "en" and 0.5 < prob <= 1.0
    assert detect_language_scored("Home | News") == (None, 0.0)
