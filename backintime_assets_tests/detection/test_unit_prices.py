import pytest

from backintime_assets.detection.unit_prices import names_unit_price


@pytest.mark.parametrize("name,priced", [
    ("brent_usd_per_barrel", True), ("Gold INR per gram", True), ("EUR/MWh", True), ("Dollars per Gallon", True),
    ("USD / t", True), ("price_gbp_per_tonne", True),
    # no good's unit after "per": a company's, a country's or a worker's money
    ("usd_per_share", False), ("usd_per_capita", False), ("usd_per_hour", False),
    # no money before it, or none of it a separate word
    ("km_per_litre", False), ("kwh_per_day", False), ("brentusdper_barrel", False), ("EUR/USD", False),
])
def test_names_unit_price(name, priced):
    assert names_unit_price(name) is priced
