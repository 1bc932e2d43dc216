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
