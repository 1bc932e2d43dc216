"""Issue 14, HTML titles: the site's name cut from a stated title, compared without punctuation."""
from copydesk.core.extract import html_title, strip_site


def test_site_suffix_with_other_punctuation_than_the_site_name_is_cut():
    # the site calls itself "Example Mart." and its titles end "- Example Mart 12" (a counter after the name)
    assert strip_site("Folding Camp Chair, Blue - Example Mart 12", "Example Mart.") == "Folding Camp Chair, Blue"
    assert strip_site("Folding Camp Chair - Example®", "Example") == "Folding Camp Chair"
    meta = {"title": "", "og:title": "Folding Camp Chair, Blue - Example Mart 12", "h1": ["Example Mart"]}
    assert html_title(meta, [], "Example Mart.") == ("Folding Camp Chair, Blue", "meta")


def test_last_part_that_is_not_the_site_stays():
    assert strip_site("Folding Camp Chair - Blue", "Example Mart.") == "Folding Camp Chair - Blue"
    # a last part of punctuation only is no site name
    assert strip_site("Folding Camp Chair - ©", "Example Mart") == "Folding Camp Chair - ©"
