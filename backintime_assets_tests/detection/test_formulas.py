import pytest

from backintime_assets.detection.formulas import chemical_formula


@pytest.mark.parametrize("name, formula", [
    ("CO2", True), ("H2O", True), ("NO2", True), ("CH4", True), ("PM25", True), ("PM10", True), ("C6H6", True),
    # FRED's ids of a market's series: no element's symbol starts them, or a count runs to three digits.
    ("DGS10", False), ("GS10", False), ("DTB3", False), ("M2SL", False), ("SP500", False), ("NIKKEI225", False),
    ("T10Y2Y", False), ("CO", False), ("PM2_5", False)])
def test_a_chemical_formula_is_told_from_a_series_id(name, formula):
    assert chemical_formula(name) is formula
