"""The faster forms of header-line patterns (copydesk.core.extract) give exactly what the plain patterns give.

person_name, the title finder and dates_in_line run a few patterns on every short line of a page header;
some were rewritten for speed (a pattern in parts with pre-checks, a cut at the first match instead of a
split, a prefix tree of month names, substitutions skipped where they cannot match). Each is checked here
against the plain pattern it replaces, on every line of the dev pages and on strings built for the edges
(case-insensitive letters, look-behinds, the end of the line)."""
import re

import pytest

from copydesk.core import extract as X
from helpers import dev_files

EDGES = [
    "Home > News > World", "News / Politics / Asia", "Follow us", "FOLLOW US", "About", "12 of 40", "Photos (12)",
    "Share via email", "SHARE VIA", "FILE PHOTO: a man", "Next »", "External link", "External Links", "opens in a New Window",
    "said, “", 'said,"', "50% off", "“Yes,” he said", "Getty Images", "iStock", "Shutterstock photo", "JupiterImages",
    "12 - 3 - 4 - 5", "1.2 3,4 5:6 ", "A man walks (AP Photo/Jane Doe)", "(Reuters) ", "A (file) photo (EPA)",
    "Michael HiltzikBusiness Columnist", "Tom KrisherAP Auto Writer", "Jane DoeFOXNews", "Ann LeeCNN", "John Smith - Staff",
    "Jane Doe | The Times", "Jane Doe for The Post", "J. Smith. Reporter", "Jane Doe publiziert am 3. Mai", "Jane Doe 12 min",
    "jane@example.com Jane Doe", "https://x.co/a Jane", "(555) 123-4567 Jane", "Jane Doe @jdoe", "Dr. Jane Doe",
    "Posted: Feb 16, 2018 | Updated: Feb 17, 2018", "Nov 19, 2019 ESTUpdated Nov 20", "Published 3 hours ago; Updated",
    "First published on March 3, 2020", "Last updated 2019-11-19", "By Jane Doe • 5 min read", "Mai 2019", "MÄRZ 3, 2020",
]


def _dev_lines() -> list[str]:
    out = []
    for p in dev_files("text"):
        out.extend(p.read_text(encoding="utf-8", errors="replace").splitlines())
    assert len(out) > 5000
    return out


@pytest.fixture(scope="module")
def lines():
    ls = _dev_lines() + EDGES
    return ls + [ln.strip() for ln in ls]


def test_not_title_in_parts_equals_the_whole_pattern(lines):
    hits = 0
    for t in lines:
        want = X.NOT_TITLE.search(t) is not None
        assert X._not_title(t) == want, t
        hits += want
    assert hits > 500  # dev headers hold plenty of interface lines


def test_name_cuts_equal_the_splits(lines):
    cut = 0
    for t in lines:
        assert X._cut_at(X._GLUED_ROLE_AT, t) == X._GLUED_ROLE.split(t, maxsplit=1)[0], t
        want = X._NAME_END.split(t, maxsplit=1)[0]
        assert X._cut_at(X._NAME_END_AT, t) == want, t
        cut += want != t
        assert X._cut_at(X._BYLINE_END_AT, t) == X._BYLINE_END.split(t, maxsplit=1)[0], t
        if X._EMAIL_HANDLE.search(t):
            assert "@" in t
    assert cut > 500


def test_prechecks_never_skip_a_match(lines):
    for t in lines:
        if X._CONTACT.search(t):
            assert X._CONTACT_CHARS.search(t), t
        if X._DATE_SEGMENTS.search(t):
            assert X._may_segment(t), t
        if X._GLUED_DATE_WORD.search(t):
            assert "Updated" in t or "Posted" in t or "Published" in t, t


def test_month_tree_finds_the_same_places(lines):
    plain = re.compile(r"\b(?:%s)\b" % "|".join(sorted(X._MONTH_NUM, key=len, reverse=True)), re.I)
    found = 0
    for t in lines:
        m, w = X._MONTH_WORD.search(t), plain.search(t)
        assert (m and m.start()) == (w and w.start()), t
        found += w is not None
    assert found > 200


def test_person_name_and_dates_on_header_lines(lines):
    """The memoised entry points give what the plain functions give."""
    short = [t for t in lines if len(t) < 120][:4000]
    for t in short:
        assert X.person_name(t) == X._person_name(t)
        assert X.person_name(t, allow_single=True) == X._person_name(t, True)
        assert X.dates_in_line(t) == X._dates_in_line(t)
    assert X.person_name("By Michael HiltzikBusiness Columnist") == "Michael Hiltzik"
    assert X.person_name("Jane Doe | The Times") == "Jane Doe"
    assert X.dates_in_line("Posted: Feb 16, 2018 | Updated: Feb 17, 2018") == [(False, "2018-02-16"), (True, "2018-02-17")]
