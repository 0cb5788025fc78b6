from backintime_assets.detection.currencies import CURRENCY_CODES, currency_share


def test_currency_codes_in_any_case_count_blanks_do_not():
    assert currency_share(["USD", "eur", " GBP ", "", "  "]) == 1.0
    assert currency_share(["USD", "AAPL", "MSFT", "EUR"]) == 0.5
    assert currency_share(["", " "]) == 0.0


def test_metals_are_instruments_not_currencies():
    assert {"USD", "EUR", "JPY", "CHF", "GBX", "DEM"} <= CURRENCY_CODES
    assert not {"XAU", "XAG", "XPT", "XPD"} & CURRENCY_CODES
