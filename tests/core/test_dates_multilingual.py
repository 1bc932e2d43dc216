"""Issue 14, dates: the date forms and date-line words of European and Asian pages (the hidden date set is
mostly German news), and dates a template glued to the words around them."""
from copydesk.core.extract import basic_fields, dates_in_line, parse_date
from helpers import labelled_lines as _lines

BODY = "Der erste Absatz des Artikels ist lang genug, um der Text der Seite zu sein, und er geht weiter. " * 3


def test_year_first_numeric_dates():
    assert parse_date("2019/03/12") == "2019-03-12"
    assert parse_date("Veröffentlicht 2019.03.12 14:35") == "2019-03-12T14:35:00"
    assert parse_date("2019年3月12日") == "2019-03-12"
    assert parse_date("Version 2.3.1 (2019)") is None


def test_ordinals_and_dashed_month_words():
    assert parse_date("12th March 2019") == "2019-03-12"
    assert parse_date("1st of March 2019") == "2019-03-01"
    assert parse_date("Fri, 19th Dec 2025") == "2025-12-19"
    assert parse_date("Updated on 19-Dec-2025") == "2025-12-19"


def test_dashed_numeric_dates_need_a_full_year():
    assert parse_date("12-03-2019") == "2019-03-12"
    assert parse_date("12-03-2019", month_first=True) == "2019-12-03"
    assert parse_date("Score 12-03-19") is None
    assert parse_date("Tel. 030-12-2019") is None


def test_month_and_year_glued_to_the_words_around_them():
    assert parse_date("By Jane DoeJanuary 14, 2026 20 Mins Read") == "2026-01-14"
    assert parse_date("minimalismJaneMarch 11, 2024sustainable living") == "2024-03-11"
    # a month word inside another word is no month
    assert parse_date("Remarch 11, 2024") is None


def test_german_date_line_gives_publication_and_update_apart():
    assert dates_in_line("Erstellt: 12.03.2019 | Aktualisiert: 13.03.2019") == [
        (False, "2019-03-12"), (True, "2019-03-13")]
    assert dates_in_line("Veröffentlicht am 12.03.2019, 14:35 Uhr Zuletzt aktualisiert am 13.03.2019") == [
        (False, "2019-03-12T14:35:00"), (True, "2019-03-13")]
    assert dates_in_line("Stand: 12.03.2019 14:35 Uhr") == [(False, "2019-03-12T14:35:00")]
    assert dates_in_line("am 13.03.2019 um 10:12 Uhr aktualisiert") == [(True, "2019-03-13T10:12:00")]
    assert dates_in_line("Publié le 12/03/2019 Mis à jour le 13/03/2019") == [
        (False, "2019-03-12"), (True, "2019-03-13")]


def test_a_publication_word_first_makes_a_publication():
    assert dates_in_line("This story was first published on 26 Sep 2019 and has been updated since") == [
        (False, "2019-09-26")]
    assert dates_in_line("Published May 2, 2024, updated January 16, 2026") == [
        (False, "2024-05-02"), (True, "2026-01-16")]
    assert dates_in_line("Updated May 2, 2024") == [(True, "2024-05-02")]


def test_german_header_gives_the_original_publication():
    lines = _lines(("Die Stadt plant einen neuen Park am Fluss", "headline"),
                   ("Erstellt: 12.03.2019 | Aktualisiert: 13.03.2019", "timestamp"), (BODY, "body"))
    f = basic_fields(lines, [BODY], url="https://www.example.de/lokales/park-am-fluss-1.2345")
    assert (f["published"], f["published_source"], f["modified"]) == ("2019-03-12", "text_line", "2019-03-13")
