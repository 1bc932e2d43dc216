"""Issue 14, text-mode authors: a month glued to the name and a name printed twice in one byline."""
from copydesk.core.extract import authors_from_byline, person_name


def test_month_glued_to_the_name_is_cut():
    assert authors_from_byline("By Conor AllisonJanuary 5, 2026") == ["Conor Allison"]
    assert person_name("Maria LopezDecember 12, 2025") == "Maria Lopez"
    # a month word that is part of a name stays (no lower-case letter glued before it; May is not cut)
    assert authors_from_byline("By Tom March") == ["Tom March"]
    assert person_name("Ellen DeMay") == "Ellen DeMay"


def test_name_printed_twice_is_one_name():
    assert authors_from_byline("By Colin Gray Colin Gray") == ["Colin Gray"]
    assert authors_from_byline("By Jane Doe and John Roe") == ["Jane Doe", "John Roe"]
    assert person_name("Colin Gray Colin Roe") == "Colin Gray Colin Roe"  # no repeat: left whole, as before
