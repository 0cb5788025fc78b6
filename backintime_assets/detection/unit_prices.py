"""A column named as money paid for a measure of a good: a currency, then "per" (or "/") and a unit of
weight, volume or energy ("brent_usd_per_barrel", "Gold INR per gram", "EUR/MWh", "Dollars per Gallon").
Such a name says the column holds a price as plainly as the word "price" does: a statistics office's or a
hand-kept diary's one series saved under it had "no close column", every day rejected (real files round 53:
24pnuit/vietnam-fuel-price-dataset cleaned_brent_crude_price.csv, "date,brent_usd_per_barrel").

Only a good's unit: not "per share" (earnings, a dividend), "per capita", "per hour" (a wage) nor "per day",
whose money is a figure of a company, a country or a worker, no price of the day. Nor a unit alone without
money before it ("km per litre", "kwh per day"), nor money per unit that is no price of the good:
only the good's and its market's words may stand before the money (_GOODS; "fuel_tax_eur_per_litre",
"refining_margin_usd_per_barrel" had loaded as the good's closes)."""

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
# What may stand before the money: the good, its grade, the market or hub quoting it, or a word for the price
# itself. Every other word refuses the name: a levy, a margin, a cost, a bound, a spread ("fuel_tax_eur_per_litre",
# "refining_margin_usd_per_barrel", "lcoe_usd_per_mwh", "price_cap_...") had each loaded as the good's closes,
# and two rounds of a list of such words each missed the next ones. A good missing here is refused, not misread.
_GOODS = frozenset("""brent wti crude oil dubai urals opec basket henry hub ttf nbp jkm natural gas lng lpg propane
                      butane ethanol methanol diesel gasoil gasoline petrol benzine benzin kerosene jet fuel heating
                      unleaded premium regular super plus octane ron e10 e5 electricity power baseload peak offpeak
                      coal uranium carbon co2 eua gold silver platinum palladium rhodium copper aluminium aluminum
                      zinc nickel lead tin cobalt lithium iron ore steel scrap corn maize wheat soy soybean soybeans
                      soymeal soyoil rice oats barley sugar coffee arabica robusta cocoa cotton wool rubber palm
                      canola rapeseed sunflower cattle hogs pork beef chicken poultry milk butter cheese eggs egg
                      onion onions potato potatoes tomato tomatoes lumber timber pulp freight shipping water
                      spot price prices close closing settle settlement average avg retail wholesale lbma lme
                      comex nymex ice cbot mcx""".split())
_CODES = frozenset(c.lower() for c in CURRENCY_CODES)
# Codes that spell in small letters a word that reads before a unit: Albania's lek and "all", Cuba's peso and a
# "cup", Tonga's pa'anga and "top", Georgia's lari and "gel", Kyrgyzstan's som and kilograms' "kgs". Written so
# alone before the unit in words ("cup per litre", "top/t", "all per ton": each had loaded as the money's
# price), the word is read, not the code; after the good's words ("diesel_cup_per_litre"), in capitals
# ("CUP/l") or joined as an identifier ("cup_per_litre") the code. Not the codes whose word reads as no
# measure of a good ("pen per gallon", "try per litre", "rub per barrel": Peru's, Turkey's, Russia's money).
_WORD_CODES = frozenset("all cup top gel kgs".split())
# What may follow the good's unit: what it weighs ("usd_per_ton_co2") and a year, marks between.
_AFTER_THE_UNIT = re.compile(r"[\W_]*(?:co2e?[\W_]*)?(?:(?:19|20)\d\d[\W_]*)?")
_PER = re.compile(r"(?<![a-z])([a-z]+)(?:[\s_]+per[\s_]+|[\s_]*/[\s_]*)([a-z]+)(?![a-z])")


# What may stand between a word for the price and its money per unit besides the good's and its market's
# words (_GOODS): where it is delivered (EIA's "Europe Brent Spot Price FOB (Dollars per Barrel)"), "in", "of"
# (FRED's "Global price of Brent Crude (Dollars per Barrel)", refused as no close column without it) and
# "nominal", the price as paid (a "real" one, less inflation, is no day's price and stays refused).
_TERMS = frozenset("fob fas cif cfr fca dap ddp exw ex delivered in of nominal".split())


def _unit_price(written: str, after_a_price: bool = False) -> tuple[list[str], bool] | None:
    """The words before the money of the last money per a good's unit `written` writes, and whether nothing
    but a year or what the good weighs follows the unit; None where it writes none. A code that is a word in
    small letters (_WORD_CODES) is money only after a word (the good's, or one for the price: `after_a_price`)."""
    text = written.lower()
    last = list(_PER.finditer(text))[-1:]
    if not last:
        return None
    money, unit = last[0].groups()
    if not ((money in _MONEY_WORDS or money in _CODES) and unit in _UNITS):
        return None
    before = re.findall(r"[a-z0-9]+", text[:last[0].start()])  # "brent_2020usd": in 2020 dollars, no price of the day
    as_written = written[last[0].start(1):last[0].end(1)] if len(written) == len(text) else money
    joined = "_" in last[0].group()  # "try_per_litre": a name written as an identifier, whose writer writes codes
    if money in _WORD_CODES and not as_written.isupper() and not (before or after_a_price or joined):
        return None
    return before, _AFTER_THE_UNIT.fullmatch(text[last[0].end():]) is not None


def other_figure_per_unit(after_price: str) -> bool:
    """Whether a name's text after its word for the price (`after_price`: "_cap_usd_per_barrel") writes money per
    a good's unit after a word that is none of the good's, its market's or its delivery's (_GOODS, _TERMS): a
    policy's cap on the price ("price_cap_usd_per_barrel") had loaded as the good's closes through the word
    "price" (silent), as the words before the money refuse a name that has no such word."""
    read = _unit_price(unicodedata.normalize("NFKD", after_price), after_a_price=True)
    return read is not None and not (_GOODS | _TERMS).issuperset(read[0])


def names_unit_price(name: str) -> bool:
    """Whether `name` writes money per a good's unit (module doc): "usd_per_barrel", "EUR/MWh"."""
    text = unicodedata.normalize("NFKD", name)
    # The good's unit ends the name (or what it weighs: "usd_per_ton_co2"): a word after it makes a figure of the
    # price, no price ("brent_usd_per_barrel_yoy", "..._log", "..._sd", "..._hi", "..._p90",
    # "usd_per_barrel_per_day"), where no list of such words could be whole.
    # Nor a number after it but a year ("wti_usd_per_barrel_2020"): "gold_usd_per_oz_30", "oil_usd_per_barrel_2"
    # are a window's or a version's, no day's price.
    read = _unit_price(text)
    return read is not None and read[1] and _GOODS.issuperset(read[0])
