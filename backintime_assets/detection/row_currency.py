"""A column of currency codes that switches under one series: its prices are in two units, day by day.

"Date,Ticker,Close,Currency" of a London share written in pence ("GBX", "GBp") on some days and in pounds
("GBP") on others had loaded every row as one series: a hundredfold fall a backtest reads as a price move
(silent). No day holds both, so nothing tells the rules on repeated dates (other_series.py, duplicates)
that two series are there; nothing says which unit the series is in either, so the file is refused,
naming the column and its codes. A series in one currency (each ticker's own, GBX for one and GBP for
another) loads; so do days holding a row in each (a share's euro row beside its dollar row), which those
rules judge. Two currencies only: a column of many keys its rows (a day's rates of every currency,
"monnaie,rates,date", each currency its own series).
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from statistics import median

from .currencies import CURRENCY_CODES, currency_share
from .numbers import to_float

CURRENCY_SWITCH = "prices in several currencies under one series"
_CODES = 0.9  # of a column's filled sampled cells, the share that must be currency codes
_UNITS = 2  # a series' currencies that make a switch, not a key of rows
# London's pence as written: "GBp" is no pound, whatever its letters' case says.
_PENCE = frozenset({"GBp", "GBX", "GBx", "gbx"})
# Pence and pounds whose closes stay within this factor of each other are one unit written sloppily: a
# switch between them is a hundredfold step.
_SAME_LEVEL = 10.0


def _unit(cell: str) -> str:
    return "GBX" if cell in _PENCE else cell.upper()


def currency_switch_problem(names: Sequence[str], canonical: Sequence[str | None],
                            body: Sequence[Sequence[str]], decimal: str = ".",
                            thousands: str | None = None) -> str | None:
    """Why a dated table whose unmapped column of currency codes switches between two under one ticker
    (or, with no ticker column, under the file's one series), each alone on some of its days, cannot
    be loaded, or None."""
    if not {"date", "close"} <= set(canonical):
        return None
    d, c = canonical.index("date"), canonical.index("close")
    t = canonical.index("ticker") if "ticker" in canonical else None
    for j, name in enumerate(names):
        if canonical[j] is not None:  # before the cells are gathered: this runs on every file's detection
            continue
        cells = [r[j].strip() for r in body if j < len(r)]
        # A switch needs two units among the column's distinct cells: a sector's words, or one currency
        # throughout (most currency columns), are passed over without a look at each row.
        if len({_unit(cell) for cell in set(cells) if cell.upper() in CURRENCY_CODES}) < _UNITS \
                or currency_share(cells) < _CODES:
            continue
        written: dict[str, dict[str, str]] = defaultdict(dict)  # per series, each unit as first written
        days: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))  # per series, day: units
        rows: dict[str, list[tuple[str, Sequence[str]]]] = defaultdict(list)  # per series, each row's unit
        for r, cell in zip(body, cells):
            if cell.upper() in CURRENCY_CODES and d < len(r):
                series, unit = (r[t].strip() if t is not None and t < len(r) else ""), _unit(cell)
                written[series].setdefault(unit, cell)
                days[series][r[d].strip()].add(unit)
                rows[series].append((unit, r))
        for series, units in written.items():
            alone = {next(iter(held)) for held in days[series].values() if len(held) == 1}
            # Closes read only for a switch between pence and pounds: a currency column is common, a
            # switch rare, and reading every row's close had cost ~9% of detecting a drifted file.
            if len(units) == _UNITS and len(alone) == _UNITS \
                    and not _pence_as_pounds(_closes(rows[series], c, decimal, thousands)):
                whose = f"{series}'s" if series else "the series'"
                return (f"{CURRENCY_SWITCH} ({name}: {whose} rows in {', '.join(units.values())}, "
                        "one on some days, the other on others): read as one, its prices would jump between "
                        "units; keep one currency's rows, or name each currency's series apart")
    return None


def _closes(rows: list[tuple[str, Sequence[str]]], c: int, decimal: str,
            thousands: str | None) -> dict[str, list[float]]:
    """Each unit's closes (column `c`, as sizes) among a series' `rows`, where both units are pence and pounds."""
    closes: dict[str, list[float]] = defaultdict(list)
    if {unit for unit, _ in rows} == {"GBX", "GBP"}:
        for unit, r in rows:
            if c < len(r) and (close := to_float(r[c].strip(), decimal, thousands)):
                closes[unit].append(abs(close))
    return closes


def _pence_as_pounds(closes: dict[str, list[float]]) -> bool:
    """Whether a series' closes marked in pence and in pounds are at one level: "GBp" and "GBP" written
    sloppily over the same prices, as nothing steps a hundredfold (refused since 9b59542)."""
    pence, pounds = closes.get("GBX"), closes.get("GBP")
    if set(closes) != {"GBX", "GBP"} or not pence or not pounds:
        return False
    ratio = median(pence) / median(pounds)
    return 1 / _SAME_LEVEL < ratio < _SAME_LEVEL
