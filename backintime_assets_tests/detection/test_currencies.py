import re

from hypothesis import example, given
from hypothesis import strategies as st

from backintime_assets.detection.currencies import CODE_BY_A_DIGIT, CURRENCY_CODES, currency_share, names_a_currency
from backintime_assets.detection.joined import joined


def test_currency_codes_in_any_case_count_blanks_do_not():
    assert currency_share(["USD", "eur", " GBP ", "", "  "]) == 1.0
    assert currency_share(["USD", "AAPL", "MSFT", "EUR"]) == 0.5
    assert currency_share(["", " "]) == 0.0


def test_metals_are_instruments_not_currencies():
    assert {"USD", "EUR", "JPY", "CHF", "GBX", "DEM"} <= CURRENCY_CODES
    assert not {"XAU", "XAG", "XPT", "XPD"} & CURRENCY_CODES


def test_rupees_as_an_indian_header_writes_them_are_money():
    # "Vol (Rs Cr)", "Turnover (Rs. Cr)": crores of rupees traded, mapped as the volume, loaded as shares.
    assert names_a_currency("Rs Cr") and names_a_currency("Rs. Lakh") and not names_a_currency("hrs")


def test_the_signs_african_and_asian_exchanges_write_their_money_in_are_currencies():
    # "Closing Price - VWAP (GH¢)" (the Ghana Stock Exchange): unknown, "(GH¢)" read as a label of
    # its own, and the daily list was refused as tickers side by side.
    for unit in ("GH¢", "GH₵", "KSh", "Kshs", "TSh", "USh", "₦", "₹", "RM", "Rp", "₱", "฿", "₫", "R$", "S/"):
        assert names_a_currency(unit), unit
    assert not names_a_currency("Close") and not names_a_currency("(adj)")


_CODE_FIRST = re.compile(r"\s*[+-]?\s?[A-Z]{3}\s?[\d.]")  # "CHF 1'234.50", "-USD12"
_CODE_LAST = re.compile(r"\d\s?[A-Z]{3}\s?\Z")  # "12,50 EUR", "12EUR "


@given(st.lists(st.text(alphabet="USDEu10.,+- \t\u00a0\u0663", max_size=8), max_size=6))
@example(["CHF 1'234.50"])
@example(["12.5", "12,50 EUR", "AAPL"])
@example(["12.5", "USD", "AAPL"])
def test_a_code_by_a_digit_is_found_at_either_edge_of_a_cell_in_one_scan(cells):
    # One search of the NUL-joined cells, each NUL looked past after one character: the same cells
    # as cell by cell.
    expected = any(_CODE_FIRST.match(c) or _CODE_LAST.search(c) for c in cells)
    assert (CODE_BY_A_DIGIT.search(joined(cells)) is not None) == expected
