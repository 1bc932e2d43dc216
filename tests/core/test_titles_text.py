"""Issue 14, text titles: what a dump prints beside the headline on its line (a " | " section, the post's
date) is not the headline; the line is still found for the byline and date search (synthetic lines)."""
from copydesk.core.extract import headline_index, slug_title, text_headline
from helpers import labelled_lines as _lines

BODY = "The first paragraph of the story is long enough to be the body of the page, and it goes on. " * 2


def test_section_after_a_bar_is_cut():
    assert text_headline("How cities plan for floods | Opinion") == "How cities plan for floods"
    # too little before the bar: the line stays whole
    assert text_headline("News | How cities plan for floods") == "News | How cities plan for floods"


def test_date_beside_the_headline_is_cut():
    assert text_headline("Dec 18 2025 Preparing a release of the toolkit") == "Preparing a release of the toolkit"
    assert text_headline("Backup Strategy January 22nd, 2019") == "Backup Strategy"
    # a headline that reads into its date, a numeric date and a date in brackets are the headline's
    assert text_headline("The storm that hit on December 7, 1941") == "The storm that hit on December 7, 1941"
    assert text_headline("Weekly Wrap-Up 12/19/2025") == "Weekly Wrap-Up 12/19/2025"
    assert text_headline("Weekly News: Tools for Analysis (2025-09-21)") == "Weekly News: Tools for Analysis (2025-09-21)"


def test_slug_headline_cut_and_its_line_still_found():
    url = "https://example.com/notes/backup-strategy-for-home"
    lines = _lines(("Menu", "navigation"), ("Backup Strategy for Home January 22nd, 2019", "other"),
                   ("By Jane Example", "byline"), (BODY, "body"))
    title = slug_title(lines, url, 3)
    assert title == "Backup Strategy for Home"
    assert headline_index(lines, title, 3) == 1
    # a line that is exactly the title is preferred, as before
    assert headline_index(lines, "Menu", 3) == 0


def test_one_long_sentence_spelling_the_slug_is_a_standfirst():
    # the standfirst spells more of the slug than the headline does; one long sentence ending in a full
    # stop is prose, the headline is the line among the rest
    url = "https://example.com/northside-catering-wedding-tips-city/"
    lines = _lines(("Six Wedding Catering Tips Every Couple Should Know", "other"),
                   ("Creating wedding menus for every couple, Northside Catering brings flavour to celebrations "
                    "across the city.", "other"), ("By Jane Example", "byline"), (BODY, "body"))
    assert slug_title(lines, url, 3) == "Six Wedding Catering Tips Every Couple Should Know"
    # a short headline ending in a full stop is still one
    url = "https://example.com/blog/what-fasting-does-for-body-and-brain"
    lines = _lines(("Menu", "navigation"), ("What fasting does for body and brain.", "other"), (BODY, "body"))
    assert slug_title(lines, url, 2) == "What fasting does for body and brain."
