"""Widget wording of other languages (issue 13): made-up lines in each language are labelled as the cue says,
a prose sentence holding the same words stays prose, and the cue gates stay exact for every phrase of the
per-language tables in copydesk/core/cues.py."""
import re

import pytest

from copydesk.core import classify as C
from copydesk.core import cues
from copydesk.core.records import Block
from helpers import plain_cue


def _feat(text: str, lang: str = "en"):
    return C.features([Block(1, text)], lang)[0]




def _example(phrase: str) -> str:
    """One concrete line a phrase of the tables matches: the first branch of each group, optional parts kept."""
    group = re.compile(r"\(\?:([^()]*)\)\??")
    while group.search(phrase):
        phrase = group.sub(lambda m: cues._top_level(m.group(1))[0], phrase, count=1)
    phrase = phrase.replace(r"\w*", "").replace(r"\.", ".")
    phrase = re.sub(r"\[(.)[^\]]*\]", r"\1", phrase)
    return re.sub(r"(.)\?", r"\1", phrase)


TABLES = {
    "widget_phrase": cues.WIDGET_PHRASES, "ad_marker": cues.AD_LABELS, "comment_section": cues.COMMENT_LINES,
    "share_words": cues.SHARE_BUTTONS,
}


@pytest.mark.parametrize("reason", sorted(TABLES))
def test_every_phrase_of_a_whole_line_table_is_its_cue(reason):
    for lang, alts in TABLES[reason].items():
        for ph in cues._top_level(alts):
            line = _example(ph).capitalize()
            f = _feat(line)
            assert f.cue_reason == reason, (lang, line, f.cue_reason)
            assert (f.cue, f.cue_reason) == plain_cue(line, f.n_words, f.terminal), line


def test_read_also_phrases_head_a_widget_and_prefix_a_teaser():
    for lang, alts in cues.READ_ALSO.items():
        for ph in cues._top_level(alts):
            head = _example(ph)
            assert _feat(head.capitalize()).cue_reason == "widget_phrase", (lang, head)
            teaser = f"{head.capitalize()}: Example Town opens its new library"
            f = _feat(teaser)
            assert f.cue_reason == "related_prefix", (lang, teaser)
            assert (f.cue, f.cue_reason) == plain_cue(teaser, f.n_words, f.terminal), teaser


def test_the_html_container_reads_every_widget_and_ad_phrase_of_the_tables():
    # html._text_label gates the tables by their prefixes: every phrase must pass its gate
    from copydesk.core.html import _text_label
    tables = {"widget_heading": (cues.READ_ALSO, cues.WIDGET_PHRASES), "advertisement": (cues.AD_LABELS,)}
    for label, group in tables.items():
        for table in group:
            for lang, alts in table.items():
                for ph in cues._top_level(alts):
                    line = f"» {_example(ph).capitalize()}:"
                    assert (_text_label(Block(1, line)) or ("",))[0] == label, (lang, line)


def test_tag_labels_open_a_topic_list():
    for lang, alts in cues.TAG_LABELS.items():
        for ph in cues._top_level(alts):
            line = f"{_example(ph).capitalize()}: Example, Budget"
            f = _feat(line)
            assert f.cue_reason == "tags_prefix", (lang, line)
            assert (f.cue, f.cue_reason) == plain_cue(line, f.n_words, f.terminal), line


@pytest.mark.parametrize("line, reason", [
    # footer links (legal_link): privacy, terms, about
    ("Datenschutzerklärung | Impressum | AGB", "legal_link"),
    ("Politique de confidentialité", "legal_link"),
    ("Aviso legal · Política de cookies", "legal_link"),
    ("Termos e condições", "legal_link"),
    ("Informativa sulla privacy - Chi siamo", "legal_link"),
    ("Privacybeleid | Algemene voorwaarden", "legal_link"),
    ("Polityka prywatności", "legal_link"),
    ("Integritetspolicy", "legal_link"),
    ("Политика конфиденциальности", "legal_link"),
    ("Gizlilik Politikası", "legal_link"),
    # all rights reserved
    ("2024 Example Media. Tutti i diritti riservati", "copyright_mark"),
    ("Alle rechten voorbehouden", "copyright_mark"),
    ("Wszelkie prawa zastrzeżone.", "copyright_mark"),
    ("Tüm hakları saklıdır.", "copyright_mark"),
    # newsletter sign-up in other languages
    ("Inscrivez-vous à notre lettre d'information", "newsletter_phrase"),
    ("Schrijf je in voor de nieuwsbrief", "newsletter_phrase"),
    ("Zapisz się na newsletter", "newsletter_phrase"),
    ("Подпишитесь на нашу рассылку", "newsletter_phrase"),
    ("Suscríbete a nuestro boletín", "newsletter_phrase"),
    ("Exclusivo para assinantes", "newsletter_phrase"),
    # cookie notices
    ("Diese Website verwendet Cookies. Mit der Nutzung stimmen Sie zu.", "cookie_phrase"),
    ("Questo sito utilizza cookie tecnici e di profilazione.", "cookie_phrase"),
    ("Мы используем куки для работы сайта.", "cookie_phrase"),
    ("Bu sitede çerezler kullanılmaktadır.", "cookie_phrase"),
    # author boxes, lone menu words
    ("O autorze", "about_box_heading"),
    ("Yazar hakkında", "about_box_heading"),
    ("Startseite", "menu_word"), ("Suche", "menu_word"), ("Iniciar sesión", "menu_word"),
    ("Zaloguj się", "menu_word"), ("Поиск", "menu_word"), ("검색", "menu_word"),
])
def test_made_up_widget_lines_get_their_cue(line, reason):
    f = _feat(line)
    assert f.cue_reason == reason, (line, f.cue_reason)
    assert (f.cue, f.cue_reason) == plain_cue(line, f.n_words, f.terminal), line


@pytest.mark.parametrize("line, lang", [
    # the cue words inside prose: a sentence is not a widget
    ("Die Stadt will ihre Daten teilen, sagte die Bürgermeisterin am Montag vor dem Rat.", "de"),
    ("Lesen Sie auch die Stellungnahme, forderte der Verband in einem Brief an die Regierung.", "de"),
    ("El alcalde dijo que los vecinos deben compartir la información con la policía local.", "es"),
    ("O presidente vai assinar o decreto amanhã, segundo o porta-voz do governo.", "pt"),
    ("Os dois países assinaram o acordo comercial na capital, informou o ministério.", "pt"),
    ("El gobierno suscribió un convenio con la universidad para financiar el proyecto.", "es"),
    ("Президент подписал закон о бюджете на следующий год, сообщила пресс-служба.", "ru"),
    ("Министр отказался подписать соглашение, заявил его представитель журналистам.", "ru"),
    ("Il sindaco ha detto che i più letti dei libri della biblioteca saranno restaurati.", "it"),
    ("De gemeente wil de resultaten delen met de bewoners van de wijk, zei de wethouder.", "nl"),
    ("Polecamy mieszkańcom ostrożność, bo na drogach jest bardzo ślisko od samego rana.", "pl"),
])
def test_prose_with_cue_words_stays_prose(line, lang):
    f = _feat(line, lang)
    assert f.cue is None, (line, f.cue_reason)
    assert f.kind in ("good", "near"), line  # a sentence: the region rules read it as prose


def test_quote_closed_with_a_low_opening_languages_mark_ends_a_sentence():
    # German, Czech, Polish and others open with „ and close with “ (or ‚ … ‘): the paragraph ends a sentence
    line = "Die Bürgermeisterin sagte am Montag vor dem Rat: „Wir werden die Brücke noch in diesem Jahr sanieren.“"
    assert C.features([Block(1, line)], "de")[0].kind == "good"
    assert C.END_PUNCT.search(line)
    assert C.END_PUNCT.search("Sie sagte: ‚Nein.‘")
    # the full-width full stop and closing parenthesis of CJK text, Khmer's khan
    assert C.features([Block(1, "これは日本語の長い文章で、記事の段落として読まれるべきものです（写真）")], "ja")[0].terminal
    assert C.END_PUNCT.search("ខ្ញុំទៅផ្សារ។")


def test_byline_names_outside_ascii_capitals():
    for line in ("Von Łukasz Nowak", "By Šárka Nováková", "Par Ёлка Иванова", "By Γιώργος Παπαδόπουλος"):
        assert _feat(line).cue_reason == "by_prefix", line
    assert _feat("by ten votes to two").cue_reason != "by_prefix"


def test_thai_paragraph_reads_as_prose():
    # Thai writes no space between words and no full stop: as CJK, a long line is prose by its characters
    line = "เทศบาลเมืองตัวอย่างประกาศว่าจะเปิดห้องสมุดแห่งใหม่ในเดือนหน้า โดยมีหนังสือมากกว่าหนึ่งหมื่นเล่มให้ประชาชนยืมได้ฟรี"
    assert C.features([Block(1, line)], "th")[0].kind == "near"


@pytest.mark.parametrize("line", ["15 marzo 2024", "3 września 2024, 10:15", "12 Ekim 2023", "2 mei 2024",
                                  "2024年3月15日 10:30", "3月15日", "2024년 3월 15일", "2024/03/15"])
def test_dates_of_other_languages_are_timestamps(line):
    assert C.is_timestamp(line), line
    assert _feat(line).cue_reason == "date_line", line


@pytest.mark.parametrize("line", ["Фото: Иван Петров", "Zdjęcie: Jan Kowalski",
                                  "Участники акции на площади перед мэрией. Фото: Иван Петров",
                                  "Los vecinos en la plaza mayor. Fotografía: Example Press"])
def test_photo_credits_of_other_languages(line):
    f = _feat(line)
    assert f.cue == "image_caption", (line, f.cue_reason)
    assert (f.cue, f.cue_reason) == plain_cue(line, f.n_words, f.terminal), line


def test_photographer_in_prose_is_no_credit():
    assert _feat("Фотограф снимал площадь весь день, рассказал он журналистам.", "ru").cue is None


def test_agency_abbreviation_is_matched_as_printed():
    # "EPA" the photo agency is printed in capitals; German's "ePA" (electronic patient record) is a word
    assert _feat("Seit Jahren wird über ein Thema diskutiert, und zwar über die elektronische Patientenakte (ePA)",
                 "de").cue is None
    assert _feat("Crowds gather in the square on Sunday. Jane Doe/EPA").cue == "image_caption"
    assert _feat("Crowds gather in the square on Sunday (EPA)").cue == "image_caption"


@pytest.mark.parametrize("line, notice", [
    ("JavaScript is disabled. For a better experience, please enable JavaScript in your browser.", True),
    ("This slideshow requires JavaScript.", True),
    ("You need to enable JavaScript to run this app.", True),
    ("This site is best viewed in a modern browser with JavaScript enabled.", True),
    ("Please download a browser that supports JavaScript.", True),
    # prose that names the language is no notice
    ("The team rewrote its booking app in JavaScript last year, the company said.", False),
    ("Basic workflows need no coding, but knowing JavaScript helps with advanced logic.", False),
])
def test_javascript_notice(line, notice):
    f = _feat(line)
    assert (f.cue_reason == "javascript_notice") is notice, line
    assert (f.cue, f.cue_reason) == plain_cue(line, f.n_words, f.terminal), line


def test_a_javascript_notice_is_never_the_title():
    # a dump that holds only the browser notice has no title (it used to become the notice)
    from copydesk.core.pipeline import process_bytes
    art = process_bytes(b"You need to enable JavaScript to run this app.\n", "js-only", "text")
    assert [ln.reason for ln in art.lines] == ["javascript_notice"]
    assert art.title is None


def test_a_javascript_notice_inside_the_html_container_is_not_body():
    # in HTML the container's short blocks are judged by html._text_label: the notice leaves the body there too
    from copydesk.core.pipeline import process_bytes
    para = ("The council approved the new budget on Tuesday after a long debate about the cost of repairs "
            "to the old bridge, which engineers say has reached the end of its working life.")
    page = (f"<html><head><title>Council approves budget</title></head><body><article><h1>Council approves "
            f"budget</h1><p>{para}</p><p>This slideshow requires JavaScript.</p><p>{para.replace('Tuesday', 'Monday')}"
            f"</p><p>{para.replace('Tuesday', 'Friday')}</p></article></body></html>").encode()
    art = process_bytes(page, "js-html", "html")
    notice = [ln for ln in art.lines if ln.text == "This slideshow requires JavaScript."]
    assert [(ln.label, ln.reason) for ln in notice] == [("other_boilerplate", "javascript_notice")]
    assert len(art.paragraphs) == 3


@pytest.mark.parametrize("line, reason", [
    # word forms past the phrase's literal head: the gate lets them through to the pattern, which reads them
    ("Anmäl dig till nyhetsbrevet", "newsletter_phrase"),
    ("Çerezlerimizi kabul ediyor musunuz?", "cookie_phrase"),
    ("Сайт использует кукисы для работы", "cookie_phrase"),
])
def test_the_gate_passes_every_word_form_the_pattern_reads(line, reason):
    f = _feat(line)
    assert f.cue_reason == reason, line
    assert (f.cue, f.cue_reason) == plain_cue(line, f.n_words, f.terminal), line
