"""The unit a single series' name is written with, in brackets after it ("DGS10 (%)", "USD/TRY (TRY)",
"nav_zac (ZAR)") or in a units row under it ("DGS10" over "Percent", "DATE" over "yyyy-mm-dd"): the name
the rules that read a series by its name see (canonical._named_series, canonical._rate_in_a_currency), less
the unit that kept them from seeing it, and the unit itself to judge whether it fits the series."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from .currencies import PRICE_UNITS
from .month_names import month_number

# A rate's or an index's units as FRED and the statistics offices write them beside a series' name: a percent,
# basis points, an index's points. No scale: "bn", "'000", pence's "GBX" would have to be applied to the values.
_RATE_UNITS = frozenset({"%", "percent", "bp", "bps", "basis points", "points", "pts", "index"})
MONEY_UNITS = PRICE_UNITS - {"GBX"}
# A cent's or a penny's code beside its currency's: "nav_zac (ZAR)" is a NAV in the rand's cents, quoted so.
_SUBUNIT_OF = {"ZAC": "ZAR", "GBX": "GBP"}
_BRACKETED_LAST = re.compile(r"(?P<name>.*?\S)\s*[(\[](?P<unit>[^()\[\]]+)[)\]]")
# An index's points on its base period, as FRED writes an index's unit: "Index 2015=100", "Index 1982-1984=100",
# "Index Jan 1980=100", BLS's "Index 1982-84=100". Nothing after the base: no change of the index; and only a
# month before its year: "Index change from 2015=100" is no level.
_INDEX_ON_BASE = re.compile(r"index\s+(?:(?P<month>[^\W\d_]+\.?)\s+)?\d{4}(?:\s*[-/]\s*\d{2,4})?\s*=\s*100",
                            re.IGNORECASE)
# A date's format written under its name, as a units row does ("yyyy-mm-dd", "DD/MM/YYYY", "yyyymmdd").
_DATE_FORMAT = re.compile(r"(?=.*y)(?=.*m)(?=.*d)[ymd]{1,4}(?:[-/. ]?[ymd]{1,4}){2}", re.IGNORECASE)


# FRED's ids of a market price's level: its share indexes (S&P's, Dow Jones', Nasdaq's, the Nikkei's,
# Wilshire's) and its exchange rates ("DEXUSEU"). Such a level is no percent: "SP500 (%)" is the index's
# change (a writer's transformation), and its days all positive had loaded as the index's closes (silent).
# A yield's or a rate's id ("DGS10 (%)", "SOFR (%)") is a level in percent. So are its goods' and coins' prices
# and the dollar's index: oil, gas and fuels ("DCOILWTICO", "DHHNGSP", "DGASNYH", "DJFUELUSGULF"), the LBMA's
# gold ("GOLDAMGBD228NLBM"), the IMF's monthly commodities ("POILBREUSDM", "PCOPPUSDM"), Coinbase's coins
# ("CBBTCUSD") and "DTWEXBGS": "observation_date,DCOILWTICO (%)" of positive changes had loaded as oil's closes.
_PRICE_LEVEL_ID = re.compile(r"SP500|SP[46]00|DJIA|DJ[CTU]A|NASDAQ[A-Z0-9]*|NIKKEI[A-Z0-9]*|WILL[A-Z0-9]+|DEX[A-Z]{4}"
                             r"|DCOIL[A-Z]+|DHHNGSP|DGAS[A-Z]+|DHOIL[A-Z]+|D[DJ]FUEL[A-Z]+|DPROPANE[A-Z]+"
                             r"|GOLD[A-Z0-9]+|P[A-Z0-9]+USD[MQA]|CB[A-Z0-9]+USD|DTWEX[A-Z]+")
_PERCENTS = frozenset({"%", "percent", "bp", "bps", "basis points"})


def change_in_percent(name: str, units: Sequence[str]) -> bool:
    """Whether a FRED id `name` of a market price's level (_PRICE_LEVEL_ID) is written in a percent (`units`,
    series_name's): its change, no level."""
    return _PRICE_LEVEL_ID.fullmatch(name.strip()) is not None and any(u.strip().lower() in _PERCENTS for u in units)


def series_unit(text: str) -> bool:
    """Whether `text` is a unit a series' values are written in and no scale of them (_RATE_UNITS, a currency)."""
    text = text.strip()
    return text in MONEY_UNITS or text.lower() in _RATE_UNITS


def level_unit(text: str) -> bool:
    """Whether `text` says a series' values are its level: a unit (series_unit) or an index's points on a
    base period (_INDEX_ON_BASE), as a unit column beside the series writes them."""
    base = _INDEX_ON_BASE.fullmatch(text.strip())
    return series_unit(text) or base is not None and (base["month"] is None or month_number(base["month"]) is not None)


def rate_unit(text: str) -> bool:
    """Whether a series' unit (series_unit) is a percent's, basis points' or points', no currency's."""
    return text.strip().lower() in _RATE_UNITS


def trailing_unit(cell: str) -> tuple[str, str | None]:
    """A name less the unit (series_unit) a bracket ends it with, and that unit: ("DGS10", "%") of
    "DGS10 (%)", ("DGS10 (bn USD)", None) of a scale."""
    m = _BRACKETED_LAST.fullmatch(cell.strip())
    if m is not None and series_unit(m["unit"]):
        return m["name"], m["unit"].strip()
    return cell.strip(), None


def series_name(cells: Sequence[str]) -> tuple[str, list[str]]:
    """The name a column's header cells (top row first) give its series, and the units written after it
    or under it (series_unit): the top cell less its bracketed unit, with the cells under it that are no
    unit and no date's format. ("DGS10", ["%"]) of "DGS10" over "(%)"; ("SP500 '000", []) of a scale."""
    if not cells:
        return "", []
    name, unit = trailing_unit(cells[0])
    units, rest = [unit] if unit else [], [name]
    for cell in cells[1:]:
        cell = cell.strip().strip("()[]").strip()
        if series_unit(cell):
            units.append(cell)
        elif cell and not _DATE_FORMAT.fullmatch(cell):
            rest.append(cell)
    return " ".join(rest), units


def same_currency(unit: str, code: str) -> bool:
    """Whether a bracketed currency is the one a name's code says, or the one its cents are of."""
    return unit == code or _SUBUNIT_OF.get(code) == unit


def in_its_currency(cell: str, code_of: Callable[[str], str | None]) -> str | None:
    """The currency's code `code_of` reads in a name ("rate_idr": "IDR"), or in the name before a bracketed
    unit that is the same currency (same_currency: "nav_zac (ZAR)": "ZAC"); None under another unit
    ("rate_idr (USD)", "nav_usd (%)"), where the name does not say which the figure is in."""
    code = code_of(cell)
    if code is not None:
        return code
    name, unit = trailing_unit(cell)
    code = code_of(name) if unit is not None else None
    return code if code is not None and same_currency(unit, code) else None
