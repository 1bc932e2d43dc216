"""A product page's body (core.mainframe, the product block): the buy box's short price lines leave the body
(product_number_lines, PRICE_LINE_MAX_WORDS), the description's own sentences that name a price stay."""
from copydesk.core.mainframe import REASON_NUMBER_LINE, product_number_lines
from copydesk.core.records import LabelledLine


def _line(n, text, label="body", reason="in_main_container"):
    return LabelledLine(n, text, label, reason)


PAGE = [_line(1, "A stainless kettle that boils a full litre in under four minutes, quietly."),
        _line(2, "From $24.99"),
        _line(3, "$659.99 was $761.98"),
        _line(4, "Price 19,90 €"),
        _line(5, "$22"),
        _line(6, "Every kettle ordered this month ships with a spare filter worth $5 at no cost."),
        _line(7, "Capacity 1.7 litres")]


def test_a_products_short_price_lines_leave_its_body():
    got = product_number_lines(PAGE, "product")
    assert [ln.label for ln in got] == ["body", "other_boilerplate", "other_boilerplate", "other_boilerplate",
                                        "other_boilerplate", "body", "body"]
    assert got[1].reason == REASON_NUMBER_LINE and got[1].first == ("body", "in_main_container")


def test_price_lines_stay_on_other_page_types():
    for ptype in ("article", "collection", "listing", "service"):
        assert product_number_lines(PAGE, ptype) is None
