"""Issue 14, text-mode authors: a month glued to the name and a name printed twice in one byline."""
from copydesk.core.extract import authors_from_byline, person_name


def test_month_glued_to_the_name_is_cut():
    assert authors_from_byline("By Conor AllisonJanuary 5, 2026") == ["Conor Allison"]
    assert person_name("Maria LopezDecember 12, 2025") == "Maria Lopez"
    # a month word that is part of a name stays (no lower-case letter glued before it; May is not cut)
    assert authors_from_byline("By Tom March") == ["Tom March"]
    assert person_name("Ellen DeMay") == "Ellen DeMay"


def test_name_printed_twice_is_one_name():
    assert authors_from_byline("By John Roe John Roe") == ["John Roe"]
    assert authors_from_byline("By Jane Doe and John Roe") == ["Jane Doe", "John Roe"]
    assert person_name("John Roe John Poe") == "John Roe John Poe"  # no repeat: left whole, as before


from copydesk.core.records import LabelledLine  # noqa: E402
from copydesk.core.extract import _author_lines, text_authors  # noqa: E402

_PROSE = ("The council met on Tuesday evening to discuss the new budget for the coming year, and the vote "
          "was closer than most members had expected before the session.")


def _page(rows):
    return [LabelledLine(i + 1, t, lab, "test") for i, (t, lab) in enumerate(rows)]


def test_category_after_the_name_is_cut():
    # "Posted by X in Category": the blog's category follows "in"
    assert authors_from_byline("Posted by Jane Doe in Travel, Guides") == ["Jane Doe"]
    assert authors_from_byline("By Jane Doe In Budget Travel") == ["Jane Doe"]


def test_form_text_starting_with_by_is_not_a_byline():
    # "By submitting ..." under a form is no byline: the byline candidates are the signature alone
    lines = _page([("Council passes the budget after a long night", "headline"),
                   ("By submitting, you agree to our Privacy Policy", "other_boilerplate"),
                   (_PROSE, "body"), (_PROSE, "body"),
                   ("Written by Jane Doe", "other_boilerplate")])
    assert [ln.text for ln in _author_lines(lines)] == ["Written by Jane Doe"]
    assert text_authors(lines)[0] == ["Jane Doe"]


def test_article_by_label_alone_then_the_name():
    lines = _page([("Council passes the budget after a long night", "headline"),
                   (_PROSE, "body"), (_PROSE, "body"),
                   ("Article written by:", "navigation"), ("Jane Doe", "other_boilerplate")])
    assert text_authors(lines)[0] == ["Jane Doe"]
    assert authors_from_byline("Recipe by Jane Doe") == ["Jane Doe"]


def test_title_case_topic_above_the_date_is_no_name():
    # a bare title-case line above the date whose every word the article writes in lower case is a
    # section or topic heading, not the author
    prose = ("What a mobile app costs depends on the platform, and app development teams price the "
             "work by the hour before they start.")
    header = [("A long headline about what building a phone application costs this year", "headline")]
    topic = _page(header + [("Mobile App Development", "navigation"), ("October 11, 2024", "timestamp"),
                            (prose, "body"), (prose, "body")])
    assert text_authors(topic)[0] == []
    person = _page(header + [("Amit Sharma", "navigation"), ("October 11, 2024", "timestamp"),
                             (prose, "body"), (prose, "body")])
    assert text_authors(person)[0] == ["Amit Sharma"]


def test_dot_separates_the_name_from_the_date():
    assert person_name("Jane Roe • Oct 20, 2025") == "Jane Roe"
    assert person_name("Jane Roe · Updated on Jul 4, 2024") == "Jane Roe"


def test_name_with_its_job_title_in_the_header():
    prose = ("The council met on Tuesday evening to discuss the new budget for the coming year, and the vote "
             "was closer than most members had expected.")
    head = [("Council passes the budget after a long night of talks", "headline")]
    below = _page(head + [("Jane Roe", "navigation"), ("Co-Founder & Marketing Director", "navigation"),
                          (prose, "body"), (prose, "body")])
    assert text_authors(below)[0] == ["Jane Roe"]
    after = _page(head + [("Jane Roe Contributing Writer | Politics", "other_boilerplate"),
                          (prose, "body"), (prose, "body")])
    assert text_authors(after)[0] == ["Jane Roe"]
    # a label before the job title is no name; an organisation's credit is none either
    labelled = _page(head + [("Reviewed By: Travel Editor, Acme Club", "other_boilerplate"),
                             (prose, "body"), (prose, "body")])
    assert text_authors(labelled)[0] == []
    blog = _page(head + [("Acme Blog Contributor", "navigation"), (prose, "body"), (prose, "body")])
    assert text_authors(blog)[0] == []


def test_date_then_the_name_on_one_header_line():
    prose = ("The council met on Tuesday evening to discuss the new budget for the coming year, and the vote "
             "was closer than most members had expected.")
    head = [("Council passes the budget after a long night of talks", "headline")]
    glued = _page(head + [("Dec 17, 2025Jane K. Roe", "timestamp"), (prose, "body"), (prose, "body")])
    assert text_authors(glued)[0] == ["Jane K. Roe"]
    column = _page(head + [("Dec 19, 2025 • Friday Philosophy", "timestamp"), (prose, "body"), (prose, "body")])
    assert text_authors(column)[0] == []


def test_name_under_the_date_right_above_the_article():
    prose = ("The council met on Tuesday evening to discuss the new budget for the coming year, and the vote "
             "was closer than most members had expected.")
    lines = _page([("Budget passed", "headline"), ("2025-12-17 ·", "timestamp"), ("Jane Roe", "navigation"),
                   (prose, "body"), (prose, "body")])
    assert text_authors(lines)[0] == ["Jane Roe"]
    # a name with its job below, the job line all capitals words
    role = _page([("Council passes the budget after a long night of talks", "headline"),
                  ("Jane Roe", "navigation"), ("Former Management Consultant", "navigation"),
                  (prose, "body"), (prose, "body")])
    assert text_authors(role)[0] == ["Jane Roe"]


def test_byline_under_a_headline_far_above_the_article():
    prose = ("The council met on Tuesday evening to discuss the new budget for the coming year, and the vote "
             "was closer than most members had expected.")
    links = [(f"Related story number {i} about the city", "related_link") for i in range(45)]
    rows = [("Council passes the budget after a long night", "headline"), ("Written by Jane Roe", "byline"),
            ("Posted on November 6th, 2025", "timestamp")] + links + [(prose, "body"), (prose, "body")]
    lines = _page(rows)
    assert text_authors(lines)[0] == []  # the header window of the first paragraph does not reach it
    assert text_authors(lines, head=0)[0] == ["Jane Roe"]
