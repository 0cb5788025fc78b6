"""A column named as money paid for a measure of a good: a currency, then "per" (or "/") and a unit of
weight, volume or energy ("brent_usd_per_barrel", "Gold INR per gram", "EUR/MWh", "Dollars per Gallon").
Such a name says the column holds a price as plainly as the word "price" does: a statistics office's or a
hand-kept diary's one series saved under it had "no close column", every day rejected (real files round 53:
24pnuit/vietnam-fuel-price-dataset cleaned_brent_crude_price.csv, "date,brent_usd_per_barrel").

Only a good's unit: not "per share" (earnings, a dividend), "per capita", "per hour" (a wage) nor "per day",
whose money is a figure of a company, a country or a worker, no price of the day. Nor a unit alone without
money before it ("km per litre", "kwh per day"), nor money per unit that is no price of the good (_NOT_ITS_PRICE:
"fuel_tax_eur_per_litre", "refining_margin_usd_per_barrel"), each of which had loaded as the good's closes."""

from __future__ import annotations

import re
import unicodedata

from .currencies import CURRENCY_CODES

# Money as a name writes it before "per": a code in small letters or in capitals, or a word for it. Not
# "pound", a weight too ("pounds_per_bushel", grain's test weight), nor "real", a price less inflation.
_MONEY_WORDS = frozenset("""dollar dollars usd cent cents euro euros eur pence sterling yen yuan rmb
                            rupee rupees rs rupiah ringgit baht peso pesos reais rand naira shilling shillings
                            franc francs krona kronor krone kroner lira dirham dinar riyal won dong zloty""".split())
# A good's measure: weight, volume, energy, as commodity prices are quoted.
_UNITS = frozenset("""barrel barrels bbl gallon gallons gal litre litres liter liters l ton tons tonne tonnes
                      t mt kg kilo kilogram kilograms g gram grams gm oz ounce ounces troyounce lb lbs pound bushel
                      bushels bu mmbtu btu therm therms mwh kwh gj cwt quintal tola""".split())
# Money per a good's unit that is no price of the good, where no word "price" is there to be judged
# (canonical._OTHER_PRICE): what is levied or paid on it, a business's books per unit, a spread over its
# price or one good's over another's ("premium_over_brent"), its price less inflation, the cost of moving,
# storing or producing it ("lcoe", "opex"), a bound set on it ("cap", "floor"). Not "premium", a grade of
# petrol too ("premium_usd_per_gallon"), nor "tariff": a utility's is its price.
_NOT_ITS_PRICE = frozenset("""tax taxes duty duties levy levies excise vat subsidy subsidies royalty royalties fee
                              fees commission margin margins crack netback differential discount discounts
                              breakeven budget profit profits loss losses revenue revenues income spend spending
                              expenditure saving savings payment payments rebate penalty wage wages real deflated
                              constant basis charge charges surcharge markup rent transport storage
                              insurance capex opex lcoe cap ceiling floor limit threshold deficit contango
                              backwardation elasticity error residual over vs""".split())
_CODES = frozenset(c.lower() for c in CURRENCY_CODES)
_PER = re.compile(r"(?<![a-z])([a-z]+)(?:[\s_]+per[\s_]+|[\s_]*/[\s_]*)([a-z]+)(?![a-z])")


def names_unit_price(name: str) -> bool:
    """Whether `name` writes money per a good's unit (module doc): "usd_per_barrel", "EUR/MWh"."""
    text = unicodedata.normalize("NFKD", name).lower()
    # The good's unit ends the name (or what it weighs: "usd_per_ton_co2"): a word after it makes a figure of the
    # price, no price ("brent_usd_per_barrel_yoy", "..._log", "..._sd", "..._hi", "..._p90",
    # "usd_per_barrel_per_day"), where no list of such words could be whole.
    last = list(_PER.finditer(text))[-1:]
    if not last or re.search(r"[a-z]", re.sub(r"co2e?", "", text[last[0].end():])):
        return False
    money, unit = last[0].groups()
    return (money in _MONEY_WORDS or money in _CODES) and unit in _UNITS \
        and not _NOT_ITS_PRICE.intersection(re.findall(r"[a-z]+", text))
