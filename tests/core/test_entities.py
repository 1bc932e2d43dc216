"""Quotes, people, organisations, places and acronyms (copydesk.core.entities) on the sample and dev pages.

Expected values were read off the pages: the sample's hand-made expectation file, and sentences of the
dev text dumps (quoted in the comments)."""
import pytest

from copydesk.core.entities import acronyms_of, entities, quotes_of
from copydesk.run.documents import process_path
from helpers import DEV


def _dev(prefix: str):
    hits = sorted((DEV / "text").glob(prefix + "*.txt"))
    assert len(hits) == 1, prefix
    return process_path(str(hits[0]), None)


def _org_names(art) -> set:
    return {o["long_form"] or o["name"] for o in art.organizations} | {o["name"] for o in art.organizations}


# --- the sample ------------------------------------------------------------------------------------------

def test_sample_quotes(sample_article, expected):
    got = [(q["text"], q["speaker"], q["paragraph"]) for q in sample_article.quotes]
    want = [(q["text"], q["speaker"], q["paragraph"]) for q in expected["quotes"]]
    assert got == want
    assert {q["kind"] for q in sample_article.quotes} <= {"direct", "partial"}
    assert sample_article.quotes[0]["kind"] == "direct"    # a whole statement, attributed after it
    assert sample_article.quotes[1]["kind"] == "partial"   # “specific tasks” inside the reporter's sentence


def test_sample_people(sample_article, expected):
    got = {p["name"]: p["role"] for p in sample_article.people}
    assert got == {p["name"]: p["role"] for p in expected["people"]}
    assert all(p["mentions"] >= 1 for p in sample_article.people)


def test_sample_organizations_places_acronyms(sample_article, expected):
    assert set(expected["organizations"]) <= _org_names(sample_article)
    assert set(expected["places"]) <= {p["name"] for p in sample_article.places}
    assert sample_article.acronyms == expected["acronyms"]
    scwg = next(o for o in sample_article.organizations if o["name"] == "SCWG")
    assert scwg["long_form"] == "Space Cooperation Working Group"
    assert scwg["mentions"] == 4  # the long form once, the acronym three times
    # no invented names: every organisation and place is written in the body
    body = sample_article.body
    for o in sample_article.organizations:
        assert o["name"] in body or o["name"].lower() in body.lower()
    for p in sample_article.places:
        assert p["name"] in body or p["name"].upper() in body or p["name"] == "United States"


# --- dev pages --------------------------------------------------------------------------------------------

def test_speakers_on_a_sports_page():
    """“It was a difficult situation for us,” Lopez said. ... Nadal said / Opelka said / Bublik said; the
    text names each in full once ("Feliciano Lopez", "Rafael Nadal", ...): speakers and people get the full name."""
    a = _dev("0d461229")
    speakers = {q["speaker"] for q in a.quotes}
    full = {"Feliciano Lopez", "Rafael Nadal", "Reilly Opelka", "Nicolas Mahut", "Alexander Bublik"}
    assert full <= speakers
    assert full <= {p["name"] for p in a.people}
    assert {"Spain", "Russia", "Madrid"} <= {p["name"] for p in a.places}


def test_speaker_before_the_quote():
    """'A company spokesperson said in an email that “we have received an inquiry ...”'"""
    a = _dev("1ace8c85")
    q = next(q for q in a.quotes if q["text"].startswith("we have received an inquiry"))
    assert q["speaker"] == "A company spokesperson"
    assert q["kind"] == "partial"
    assert "Securities and Exchange Commission" in _org_names(a)
    assert "New York" in {p["name"] for p in a.places}


def test_roles_before_and_after_names():
    """'Foreign Secretary Dominic Raab defended ...'; 'Will Moy, chief executive of the London-based
    fact-checking website Full Fact, ...'"""
    a = _dev("e7994d55")
    roles = {p["name"]: p["role"] for p in a.people}
    assert roles["Dominic Raab"] == "Foreign Secretary"
    assert roles["Will Moy"] == "chief executive of the London-based fact-checking website Full Fact"
    assert {"Conservative Party", "Labour Party", "Electoral Commission"} <= _org_names(a)
    assert "United Kingdom" in {p["name"] for p in a.places}  # "UK", "Britain" fold into one place


def test_roles_split_at_a_second_person():
    """'... European Union Gordon Sondland and Energy Secretary Rick Perry ...': Perry's role is his own."""
    a = _dev("7a664e40")
    roles = {p["name"]: p["role"] for p in a.people}
    assert roles["Rick Perry"] == "Energy Secretary"
    assert roles["Volodymyr Zelensky"] == "Ukrainian President"
    assert a.acronyms["NSC"] == "National Security Council"


def test_title_role_and_acronym_by_initials():
    """'Emirates President Tim Clark'; 'Dubai World Central (DWC)' defines the acronym."""
    a = _dev("374ac9a5")
    roles = {p["name"]: p["role"] for p in a.people}
    assert roles["Tim Clark"] == "Emirates President"
    assert a.acronyms["DWC"] == "Dubai World Central"
    assert {"Dubai", "United Arab Emirates"} <= {p["name"] for p in a.places}


def test_demonym_kept_in_a_proper_name():
    """'The European Space Agency says ...' is one name (a demonym is dropped only before a generic
    state body such as 'Defense Ministry')."""
    a = _dev("b37be353")
    assert "European Space Agency" in _org_names(a)
    assert "Space Agency" not in _org_names(a)


def test_acronym_resolved_by_initials_without_parentheses():
    a = _dev("8b194530")
    assert a.acronyms.get("WHO") == "World Health Organization"
    assert {"Mongolia", "China", "Beijing"} <= {p["name"] for p in a.places}


def test_place_that_is_a_name_needs_a_locative():
    """Gazetteer names that are also surnames or first names ('Kennedy', 'Jordan') need 'in/at/from'."""
    ents = entities(["Attorney James Kennedy Jr. said the case was closed.",
                     "Michael Jordan visited the team."])
    assert {p["name"] for p in ents["places"]} == set()
    ents = entities(["The delegation flew to Jordan on Monday, then to Amman, and back from Washington."])
    assert {"Jordan", "Washington"} <= {p["name"] for p in ents["places"]}


@pytest.mark.parametrize("prefix", ["0d461229", "1ace8c85", "e7994d55", "7a664e40", "374ac9a5", "8b194530",
                                    "156770d6", "6ebac05f", "ef2b3f26", "b37be353"])
def test_quote_rows_are_well_formed(prefix):
    a = _dev(prefix)
    for q in a.quotes:
        assert len(q["text"].split()) >= 2
        assert 1 <= q["paragraph"] <= len(a.paragraphs)
        assert q["text"] in a.paragraphs[q["paragraph"] - 1]
        assert q["kind"] in ("direct", "partial")
        assert q["speaker"] is None or q["speaker"].lower() not in ("he", "she", "they", "and", "it")
    for p in a.people:
        assert 2 <= len(p["name"].split()) <= 4 and p["mentions"] >= 1


# --- units ------------------------------------------------------------------------------------------------

def test_explicit_long_form_pattern():
    paras = ["The International Atomic Energy Agency (IAEA) said inspectors arrived.",
             "The IAEA will report next week to the Board of Governors."]
    assert acronyms_of(paras) == {"IAEA": "International Atomic Energy Agency"}


def test_quote_attribution_shapes():
    q = quotes_of(["“We will not stop,” said Jane Smith, the union's president.",
                   "Officials called the plan “a first step” in a statement.",
                   "“It works,” he said."])
    assert [(x["speaker"], x["paragraph"]) for x in q] == [("Jane Smith", 1), ("Officials", 2), (None, 3)]


def test_pathological_bodies_are_bounded():
    """Thousands of quote marks or a megabyte 'body' must not blow the per-page budget: quotes stop at
    MAX_QUOTES, entities read the first ENTITY_MAX_CHARS characters."""
    from copydesk.core.entities import ENTITY_MAX_CHARS, MAX_QUOTES
    assert len(quotes_of(['"a b" ' * 5000])) == MAX_QUOTES
    para = "The delegation flew to Jordan on Monday. " * 100
    paras = [para] * (ENTITY_MAX_CHARS // len(para) + 50)
    ents = entities(paras)
    jordan = next(p for p in ents["places"] if p["name"] == "Jordan")
    assert jordan["mentions"] <= ENTITY_MAX_CHARS // len("The delegation flew to Jordan on Monday. ")


def test_people_order_does_not_depend_on_hash_seed():
    """Entities must be deterministic across processes (set iteration order varies with PYTHONHASHSEED)."""
    import json
    import os
    import subprocess
    import sys
    from helpers import DEV, ROOT
    code = ("import glob, json\n"
            "from copydesk.core.pipeline import process_bytes\n"
            f"fs = sorted(glob.glob({str(DEV / 'text' / '*.txt')!r}))\n"
            "print(json.dumps([process_bytes(open(f, 'rb').read(), f, 'text').people for f in fs]))\n")
    outs = []
    for seed in ("1", "2", "3"):
        env = dict(os.environ, PYTHONHASHSEED=seed)
        outs.append(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                                   cwd=ROOT, env=env).stdout)
    assert outs[0] == outs[1] == outs[2]
    assert sum(len(p) for p in json.loads(outs[0])) > 50
