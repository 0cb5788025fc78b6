import pytest

from backintime_assets.detection.price_unit import without_price_unit


@pytest.mark.parametrize(("cell", "rest"), [
    ("Close USDT", "Close"), ("Close (USDT)", "Close"), ("close_usdt", "close"),  # a coin pairs quote in
    ("Close in USD", "Close"), ("Close, EUR", "Close"), ("Close (USD)", "Close"), ("Close usd", "Close"),
    ("BP.L Close (GBp)", "BP.L Close"), ("Close (GBX)", "Close"),  # London's pence
    ("Close AAPL (USD)", "Close AAPL"), ("Adj Close [USD]", "Adj Close"),
    # Thousands, the one scale read on prices (multipliers.price_scale), however written.
    ("Close (K)", "Close"), ("Close (thousands)", "Close"), ("Close in thousands", "Close"), ("Close (000s)", "Close"),
])
def test_a_currency_a_coin_or_thousands_after_the_name_is_cut_off(cell, rest):
    assert without_price_unit(cell) == rest


@pytest.mark.parametrize("cell", [
    # Scales no price is read in (millions, a hundredfold, thousands of dollars): cut, each ticker's
    # closes would load as written, unscaled.
    "Close (mn)", "Close (USD mn)", "Close (bn)", "Close (x100)", "Close (USD 000)",
    # A letter may be a share class or a side ("Close (B)"), a note no unit, "all" a word, not the lek.
    "Close (M)", "Close (B)", "Close (LSE)", "Close (cents)", "Close all", "Price, Close",
    "Close", "(USD)", "USD",
])
def test_no_unit_or_one_no_price_is_read_in_is_not_cut(cell):
    assert without_price_unit(cell) is None
