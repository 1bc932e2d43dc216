"""Issue 14, HTML titles: a short <h1> that is a section label, not the story's headline (synthetic pages)."""
from copydesk.core.extract import html_title


def test_short_h1_holding_little_of_every_stated_title_is_refused():
    # a two-word section label in the <h1>; the stated titles agree on a longer headline it barely touches
    meta = {"title": "Choosing the Right Garden Hose for a Small Yard | Example Site",
            "og:title": "Choosing the Right Garden Hose for a Small Yard", "h1": ["Garden Supplies"]}
    assert html_title(meta, [], "Example Site") == ("Choosing the Right Garden Hose for a Small Yard", "meta")


def test_short_h1_that_is_most_of_a_stated_title_stays():
    # "Rice Cookers" is most of "Rice Cookers: How to Choose": the visible headline, kept
    meta = {"title": "Rice Cookers: How to Choose | Example Site", "h1": ["Rice cookers"]}
    assert html_title(meta, [], "Example Site") == ("Rice cookers", "headline")
    # a long h1 that differs from the stated title is not a label: the overlap test decides as before
    meta = {"title": "Choosing a Garden Hose | Example Site",
            "h1": ["Our Complete Guide to Choosing a Garden Hose This Year"]}
    assert html_title(meta, [], "Example Site") == ("Our Complete Guide to Choosing a Garden Hose This Year",
                                                    "headline")
    # no stated title: nothing to compare with, the h1 is all there is
    assert html_title({"h1": ["Garden Supplies"]}, [], None) == ("Garden Supplies", "headline")


def test_h1_with_a_label_or_a_source_around_a_stated_title_gives_the_stated_title():
    meta = {"title": "Ten Quiet Places to Read in the City | Example Site",
            "h1": ["Blog: Ten Quiet Places to Read in the City"]}
    assert html_title(meta, [], "Example Site") == ("Ten Quiet Places to Read in the City", "headline")
    meta = {"title": "Students Find Degrees No Longer Guarantee Jobs - Example Site",
            "h1": ["Students Find Degrees No Longer Guarantee Jobs (example.com)"]}
    assert html_title(meta, [], "Example Site") == ("Students Find Degrees No Longer Guarantee Jobs", "headline")
    # a colon that is part of the headline, and a bracket that is no domain, stay
    meta = {"title": "Ten Quiet Places to Read | Example Site", "h1": ["Review: Ten Quiet Places to Read in the City"]}
    assert html_title(meta, [], "Example Site") == ("Review: Ten Quiet Places to Read in the City", "headline")
    meta = {"title": "The Fold Problem | Example Site", "h1": ["The Fold Problem (Jane Example)"]}
    assert html_title(meta, [], "Example Site") == ("The Fold Problem (Jane Example)", "headline")
