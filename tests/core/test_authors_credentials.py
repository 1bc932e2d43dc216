"""Issue 14: the author's credentials as the page prints them after the name ("Jane Doe, MS, RD")."""
from copydesk.core.authors import with_credentials
from copydesk.core.extract import basic_fields
from copydesk.core.pipeline import process_bytes
from helpers import labelled_lines

_PROSE = ("The clinic opened a new ward on Tuesday evening to treat more patients over the winter, and the staff "
          "said the wait had been shorter than most of them had expected before the season.")


def test_credentials_after_the_name_are_kept():
    assert with_credentials(["Jane Doe"], ["Menu", "By Jane Doe, MS, RD — Updated on March 7, 2025"]) == \
        ["Jane Doe, MS, RD"]
    assert with_credentials(["John Roe"], ["Written by John Roe, Ph.D."]) == ["John Roe, Ph.D."]
    assert with_credentials(["Jane Doe"], ["By Jane Doe, DVM"]) == ["Jane Doe, DVM"]


def test_an_outlet_or_a_job_after_the_comma_is_no_credential():
    assert with_credentials(["Jane Doe"], ["By Jane Doe, AP"]) == ["Jane Doe"]
    assert with_credentials(["Jane Doe"], ["By Jane Doe, CNN"]) == ["Jane Doe"]
    assert with_credentials(["Jane Doe"], ["By Jane Doe, Staff Writer"]) == ["Jane Doe"]
    assert with_credentials(["Jane Doe"], ["By Jane Doe, MSNBC"]) == ["Jane Doe"]  # (not "MS" + "NBC")


def test_only_a_single_author_and_a_short_line():
    assert with_credentials(["Jane Doe", "John Roe"], ["By Jane Doe, MD and John Roe, MD"]) == ["Jane Doe", "John Roe"]
    assert with_credentials(["Jane Doe"], [_PROSE + " Jane Doe, MD, said so."]) == ["Jane Doe"]


def test_text_byline_with_credentials():
    lines = labelled_lines(("Menu", "navigation"), ("The clinic opens a new ward for the winter", "headline"),
                           ("By Jane Doe, MD", "byline"), (_PROSE, "body"), (_PROSE, "body"))
    f = basic_fields(lines, [ln.text for ln in lines if ln.label == "body"])
    assert f["authors"] == ["Jane Doe, MD"]


def test_html_meta_author_with_credentials():
    html = ('<html><head><title>The clinic opens a new ward for the winter</title>'
            '<meta name="author" content="Jane Doe, MS, RD"></head><body><article>'
            '<h1>The clinic opens a new ward for the winter</h1>' + f"<p>{_PROSE}</p>" * 3 +
            '</article></body></html>').encode()
    art = process_bytes(html, "x", "html")
    assert art.authors == ["Jane Doe, MS, RD"]
