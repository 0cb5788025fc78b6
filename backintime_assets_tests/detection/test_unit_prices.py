import pytest

from backintime_assets.detection.unit_prices import names_unit_price, other_figure_per_unit


@pytest.mark.parametrize("name,priced", [
    ("brent_usd_per_barrel", True), ("Gold INR per gram", True), ("EUR/MWh", True), ("Dollars per Gallon", True),
    ("USD / t", True), ("price_gbp_per_tonne", True),
    # no good's unit after "per": a company's, a country's or a worker's money
    ("usd_per_share", False), ("usd_per_capita", False), ("usd_per_hour", False),
    # money per unit that is no price of the good: a levy, a business's books, a spread, a deflated price
    ("fuel_tax_eur_per_litre", False), ("refining_margin_usd_per_barrel", False), ("royalty_usd_per_barrel", False),
    ("breakeven_usd_per_barrel", False), ("discount_usd_per_barrel", False), ("brent_real_usd_per_barrel", False),
    ("premium_usd_per_gallon", True), ("corn_basis_usd_per_bushel", False), ("fuel_surcharge_usd_per_gallon", False),
    ("shipping_usd_per_ton", True), ("eur_per_tonne_co2", True), ("lcoe_usd_per_mwh", False),
    ("premium_over_brent_usd_per_barrel", False),
    # only the good's, its grade's and its market's words before the money: any other word says another figure
    ("cost_usd_per_barrel", False), ("high_usd_per_barrel", False), ("forecast_usd_per_barrel", False),
    ("brent_wti_spread_usd_per_barrel", False), ("brent_2020usd_per_barrel", False), ("msp_rs_per_quintal", False),
    ("retail_eur_per_litre", True), ("settlement_usd_per_barrel", True), ("gold_usd_per_oz", True),
    # a word after the unit makes a figure of the price: its change, log, spread, bound, or a rate per day
    ("brent_usd_per_barrel_yoy", False), ("brent_usd_per_barrel_log", False), ("brent_usd_per_barrel_sd", False),
    ("brent_usd_per_barrel_p90", False), ("usd_per_barrel_per_day", False), ("Brent (USD per barrel)", True),
    ("wti_usd_per_barrel_2020", True), ("gold_usd_per_oz_30", False), ("oil_usd_per_barrel_2", False),
    ("wti_usd_per_bbl_1", False), ("Brent (USD per barrel) [2024]", True),
    # pounds of a weight, no money: grain's test weight
    ("pounds_per_bushel", False), ("pounds_per_gallon", False),
    # no money before it, or none of it a separate word
    ("km_per_litre", False), ("kwh_per_day", False), ("brentusdper_barrel", False), ("EUR/USD", False),
    # a code that is a word in small letters, alone in words: the word (each had loaded as the money's price)
    ("cup per litre", False), ("top/t", False), ("all per ton", False), ("kgs per litre", False),
    ("gel per litre", False),
    # the code in capitals, after the good's words, or joined as an identifier is; so is a code whose word
    # reads as no measure, or that no word spells
    ("CUP per litre", True), ("ALL/t", True), ("diesel_cup_per_litre", True), ("brent top per barrel", True),
    ("cup_per_litre", True), ("pen per gallon", True), ("try/l", True), ("rub per barrel", True),
    ("usd per barrel", True), ("eur/t", True), ("php_per_liter", True),
])
def test_names_unit_price(name, priced):
    assert names_unit_price(name) is priced


@pytest.mark.parametrize("after_price,other", [
    # a bound or a levy on the price, between the word "price" and its money per unit
    ("_cap_usd_per_barrel", True), (" Cap (USD/bbl)", True), ("_subsidy_inr_per_litre", True), (" floor EUR/t", True),
    # the good's, its market's or its delivery's words; or no money per a good's unit at all
    (" FOB (Dollars per Barrel)", False), ("_brent_usd_per_barrel", False), (" in EUR/MWh", False),
    (", CIF, USD/t", False),
    (" (USD per barrel)", False), ("", False), (" (Dollars per Million Btu)", False), ("_cap", False),
    (" (cup per litre)", False), (" cap cup per litre", True),
    (" of Brent Crude (Dollars per Barrel)", False), (" nominal USD/bbl", False), (" of cap (USD/bbl)", True),
])
def test_other_figure_per_unit(after_price, other):
    assert other_figure_per_unit(after_price) is other
