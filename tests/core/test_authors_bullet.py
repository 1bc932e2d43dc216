"""A black-circle bullet "●" ends a byline's name like the other dots ("by Jane Doe ● May 2, 2025 ● 6 min read")."""
from copydesk.core.extract import authors_from_byline, person_name


def test_a_black_circle_ends_the_name():
    assert authors_from_byline("by Jane Doe ● December 23, 2025 ● 6 min read") == ["Jane Doe"]
    assert authors_from_byline("By Jane Doe ● Senior Editor") == ["Jane Doe"]
    assert person_name("Jane Doe ● Senior Editor") == "Jane Doe"


def test_the_other_dots_still_end_it():
    assert authors_from_byline("By Jane Doe • Editor") == ["Jane Doe"]
    assert authors_from_byline("By Jane Doe ⋅ Editor") == ["Jane Doe"]
