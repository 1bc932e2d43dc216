"""Issue 14: names in the other cased alphabets (Cyrillic, Greek, Romanian and Vietnamese letters), and a
metadata author that is the site itself while the byline names a person."""
from copydesk.core.extract import authors_from_byline, authors_from_meta
from copydesk.core.pipeline import process_bytes

_PROSE = ("The council met on Tuesday evening to discuss the new budget for the coming year, and the vote "
          "was closer than most members had expected before the session.")


def test_cyrillic_and_greek_names():
    assert authors_from_meta("Иван Петров") == ["Иван Петров"]
    assert authors_from_meta({"@type": "Person", "name": "Олександр Шевченко"}) == ["Олександр Шевченко"]
    assert authors_from_meta("Γιώργος Παπαδόπουλος") == ["Γιώργος Παπαδόπουλος"]
    assert authors_from_byline("Автор: Иван Петров") == ["Иван Петров"]
    assert authors_from_meta("ИВАН ПЕТРОВ") == ["Иван Петров"]


def test_romanian_and_vietnamese_letters():
    assert authors_from_meta("Ștefan Dima") == ["Ștefan Dima"]
    assert authors_from_meta("Nguyễn Thị Hương") == ["Nguyễn Thị Hương"]


def test_newsrooms_and_phrases_stay_out():
    assert authors_from_meta("Редакция Сайта") == []
    assert authors_from_meta("Новости дня") == []  # (a lower-case word: no name)
    assert authors_from_meta("РИА Новости") == []
    assert authors_from_meta("山田太郎") == []  # (no case: not read as a name)


def _page(meta_author, byline):
    return ('<html><head><title>Council passes the budget</title><meta property="og:site_name" content="Acme '
            f'Trees"><meta name="author" content="{meta_author}"></head><body><article>'
            f'<h1>Council passes the budget</h1><p class="byline">{byline}</p>' + f"<p>{_PROSE}</p>" * 3 +
            '</article></body></html>').encode()


def test_metadata_author_that_is_the_site_loses_to_the_byline():
    assert process_bytes(_page("Acme Trees", "By Jane Doe"), "x", "html").authors == ["Jane Doe"]
    # a metadata author that is not the site still wins
    assert process_bytes(_page("John Roe", "By Jane Doe"), "x", "html").authors == ["John Roe"]
    # and the site's name stays where no byline names anyone else (a blog bearing its owner's name)
    assert process_bytes(_page("Acme Trees", ""), "x", "html").authors == ["Acme Trees"]


def test_surname_in_capitals():
    assert authors_from_meta("Jean DUPONT") == ["Jean Dupont"]
    assert authors_from_byline("Par Marie-Claire DURAND") == ["Marie-Claire Durand"]
    assert authors_from_meta("JEAN-LUC O'NEIL") == ["Jean-Luc O'Neil"]  # (each part capitalised)
    # short capitals are initials of an organisation or an outlet, a wire after the name is a wire
    assert authors_from_meta("ACME Global") == []
    assert authors_from_byline("By Jane Doe CNN") == []
    assert authors_from_byline("By Jane Doe REUTERS") == []


def test_initials_and_elided_particles():
    assert authors_from_meta("J.R.R. Tolkien") == ["J.R.R. Tolkien"]
    assert authors_from_byline("Di Anna D'Amico") == ["Anna D'Amico"]
    assert authors_from_meta("Luca dell'Orto") == ["Luca dell'Orto"]
    assert authors_from_meta("Jean d’Ormesson") == ["Jean d’Ormesson"]


def test_byline_labels_in_more_languages():
    assert authors_from_byline("Yazar: Ayşe Yılmaz") == ["Ayşe Yılmaz"]
    assert authors_from_byline("Penulis: Budi Santoso") == ["Budi Santoso"]
    assert authors_from_byline("Tác giả: Nguyễn Văn An") == ["Nguyễn Văn An"]
    assert authors_from_byline("Kirjoittaja: Matti Virtanen") == ["Matti Virtanen"]


def test_a_story_title_in_the_author_element_is_no_second_author():
    from copydesk.core.extract import text_authors
    from helpers import labelled_lines
    lines = labelled_lines(("Council passes the budget after a long night", "headline"),
                           ("By Jane Doe", "byline"), ("Reporter", "byline"),
                           ("Watch John Roe, Ann Poe Play a Song on Example Live", "byline"), (_PROSE, "body"),
                           (_PROSE, "body"))
    assert text_authors(lines, head=0)[0] == ["Jane Doe"]
    # a second byline line naming a co-author still counts
    lines = labelled_lines(("Council passes the budget after a long night", "headline"),
                           ("By Jane Doe", "byline"), ("John Roe", "byline"), (_PROSE, "body"), (_PROSE, "body"))
    assert text_authors(lines, head=0)[0] == ["Jane Doe", "John Roe"]


def test_the_first_paragraph_opening_with_a_section_name_is_no_biography():
    from copydesk.core.extract import text_authors
    from helpers import labelled_lines
    story = ("Port Acme is burning again tonight, and the authorities continue to pour fuel on the fire as the "
             "protests enter their sixth month.")
    lines = labelled_lines(("Opinion", "other_boilerplate"), ("Port Acme", "other_boilerplate"),
                           ("The view on Port Acme: a city on the brink", "headline"), (story, "body"),
                           (_PROSE, "body"))
    assert text_authors(lines, head=2)[0] == []
    # a guest post's introduction naming the writer's job still counts
    intro = "Jane Doe is Archive Manager at the Acme Institute, where she leads the digital collection team."
    lines = labelled_lines(("Jane Doe", "other_boilerplate"), ("Last updated on 17 December 2025", "timestamp"),
                           (intro, "body"), (_PROSE, "body"))
    assert text_authors(lines)[0] == ["Jane Doe"]
