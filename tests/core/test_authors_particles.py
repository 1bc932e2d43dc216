"""Issue 14: lower-case particles and a title in a name ("Dr Marna van der Merwe") do not make it too long."""
from copydesk.core.extract import authors_from_byline, person_name


def test_particles_and_title_do_not_count_toward_the_name_length():
    assert person_name("Dr Marna van der Merwe") == "Dr Marna van der Merwe"
    assert authors_from_byline("By Dr Marna van der Merwe, Dr Dieter Veldsman") == ["Dr Marna van der Merwe",
                                                                                  "Dr Dieter Veldsman"]
    assert person_name("Best Practices For Small Business Owners") is None  # five capitalised words: no name
