from backintime_assets.detection.currencies import CURRENCY_CODES, currency_share, names_a_currency


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
