import re

import pytest

from backintime_assets.detection.series_units import (change_in_percent, in_its_currency, level_unit, same_currency,
                                                      series_name, trailing_unit)


@pytest.mark.parametrize(("cells", "name", "units"), [
    (["DGS10 (%)"], "DGS10", ["%"]),
    (["USD/TRY [TRY]"], "USD/TRY", ["TRY"]),
    (["NIKKEI225 (points)"], "NIKKEI225", ["points"]),
    (["DGS10", "Percent"], "DGS10", ["Percent"]),
    (["DATE", "yyyy-mm-dd"], "DATE", []),
    (["Date", "DD/MM/YYYY"], "Date", []),
    # a scale or pence is no unit to leave out: applied to no value, it stays in the name
    (["SP500 (bn USD)"], "SP500 (bn USD)", []),
    (["SP500 (GBX)"], "SP500 (GBX)", []),
    (["SP500", "'000"], "SP500 '000", []),
    (["DGS10", "Daily"], "DGS10 Daily", []),
    ([], "", []),
])
def test_series_name_leaves_out_its_unit(cells, name, units):
    assert series_name(cells) == (name, units)


def test_trailing_unit_and_same_currency():
    assert trailing_unit("nav_zac (ZAR)") == ("nav_zac", "ZAR")
    assert trailing_unit("Close (previous)") == ("Close (previous)", None)
    assert same_currency("ZAR", "ZAC") and same_currency("USD", "USD") and not same_currency("USD", "IDR")


def test_in_its_currency_reads_the_name_before_the_same_currency_only():
    def code_of(name):
        return name[-3:].upper() if re.fullmatch(r"rate_[a-z]{3}", name) else None
    assert in_its_currency("rate_idr", code_of) == "IDR"
    assert in_its_currency("rate_idr (IDR)", code_of) == "IDR"
    assert in_its_currency("rate_idr (USD)", code_of) is None
    assert in_its_currency("rate_idr (%)", code_of) is None


@pytest.mark.parametrize(("text", "level"), [
    ("Percent", True), ("%", True), ("USD", True), ("Index", True),
    ("Index 2015=100", True), ("Index 1982-1984=100", True), ("Index Jan 1980=100", True),
    # a change of the index, a scale, a ratio: no level
    ("Index 2015=100, Percent Change", False), ("Percent Change from Year Ago", False),
    ("Billions of Dollars", False), ("Ratio", False), ("Index of change", False),
    ("Index 1982-84=100", True), ("Index Mar. 1973=100", True), ("Index change from 2015=100", False),
    ("Index growth 2015=100", False), ("Index 3 2015=100", False),
])
def test_level_unit(text, level):
    assert level_unit(text) is level


@pytest.mark.parametrize(("name", "units", "change"), [
    # a share index's or an exchange rate's level in a percent is its change
    ("SP500", ["%"], True), ("NASDAQCOM", ["Percent"], True), ("DJIA", ["bps"], True), ("DEXUSEU", ["%"], True),
    ("WILL5000IND", ["%"], True), ("NIKKEI225", ["percent"], True),
    # so is a good's, a coin's or the dollar index's price
    ("DCOILWTICO", ["%"], True), ("DCOILBRENTEU", ["Percent"], True), ("DHHNGSP", ["%"], True),
    ("GOLDAMGBD228NLBM", ["%"], True), ("POILBREUSDM", ["%"], True), ("PCOPPUSDM", ["bps"], True),
    ("CBBTCUSD", ["%"], True), ("DTWEXBGS", ["%"], True), ("DCOILWTICO", ["USD"], False),
    # a yield's, a rate's or a spread's level is in a percent; an index's level in its points
    ("DGS10", ["%"], False), ("SOFR", ["Percent"], False), ("T10Y2Y", ["%"], False), ("SP500", ["points"], False),
    ("SP500", [], False), ("SP500X", ["%"], False),
])
def test_change_in_percent(name, units, change):
    assert change_in_percent(name, units) is change
