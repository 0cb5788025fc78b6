"""A column that declares the bars' period: Finam's and Stooq's exports carry one ("<PER>": D for
daily bars, W weekly, M monthly; minutes as numbers), as do other tools' ("Period", "Interval",
"Timeframe"). Weekly or monthly bars are dated on their period's first (or last) day: loaded as
that day's prices, a month's high and close would stand for one day's, and a backtest would trade
on prices the day had not seen. The file is refused with what it holds; intraday bars need no
word here (normalisation rejects each, its date at several times). Bars no column declares are
told by their dates' steps: a week, a month, a quarter or a year from row to row (Yahoo's weekly
and monthly downloads, yearly averages)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from .month_names import for_strptime

# Names of a period column, brackets and case aside ("<PER>", "Period").
_NAMES = frozenset({"per", "period", "periodicity", "interval", "timeframe", "tf", "frequency", "freq"})
# Codes of periods longer than a day. Not "1M" (a minute or a month, by tool) nor MetaTrader's
# "M1" (one minute): only spellings no tool uses for minutes.
_PERIODS = {
    **dict.fromkeys(("w", "w1", "wk", "1w", "week", "weekly"), "weekly"),
    **dict.fromkeys(("m", "mn", "mn1", "mo", "1mo", "month", "monthly"), "monthly"),
    **dict.fromkeys(("q", "quarter", "quarterly"), "quarterly"),
    **dict.fromkeys(("y", "a", "year", "yearly", "annual"), "yearly"),
}
_ROWS = 200  # sampled rows looked at
_EVERY_ROW = 0.9  # share of them that must hold the code (a damaged row or two may lack it)
# Every problem this module names holds it: a judgement a user may overrule (refusals.py), each row
# rejected with it meanwhile.
LONGER_BARS = ", not daily prices: "


def bar_period_problem(names: Sequence[str], body: Sequence[Sequence[str]]) -> str | None:
    """The file's problem when a column named as a period holds one period longer than a day on
    every sampled row ("<PER>" M), else None."""
    rows = body[:_ROWS]
    for j, name in enumerate(names):
        if name.strip().strip("<>").strip().lower() not in _NAMES:
            continue
        cells = [r[j].strip() for r in rows if j < len(r) and r[j].strip()]
        values = {c.lower() for c in cells}
        # On (nearly) every row, as an export writes its bars' period: a column that marks a few
        # rows ("M" on a daily file's month ends) declares no period of the file's bars, and read as
        # one, it refused the whole file ("M on every row").
        if len(values) == 1 and len(cells) >= _EVERY_ROW * len(rows) and (period := _PERIODS.get(next(iter(values)))):
            code = next(r[j].strip() for r in rows if j < len(r) and r[j].strip())
            span = {"weekly": "week", "monthly": "month", "quarterly": "quarter", "yearly": "year"}[period]
            return (f"{period} bars{LONGER_BARS}{name.strip()} is {code} on every row: each row holds a {span}'s "
                    "open, high, low and close under one day's date; export daily bars")
    return None


# Steps in days between a file's dates that make its bars longer than a day: weekly bars are dated
# a week apart (a holiday Monday moves one by a day), monthly ones on the 1st or the first trading
# day (27 to 35 days), quarterly and yearly ones alike. A daily file steps 1 to 4 days; a thinly
# traded ticker's days are further apart, but not a week to the day, or a month, on nearly every step.
_STEPS = (("weekly", "week", 6, 8), ("monthly", "month", 27, 35), ("quarterly", "quarter", 85, 97),
          ("yearly", "year", 350, 380))
_LEAST_STEPS = 5  # fewer dates tell no period: a few hand-kept rows may be that sparse by chance


def spaced_bars_problem(name: str, fmt: str | None, cells: Sequence[str]) -> str | None:
    """The file's problem when the sampled dates (`cells` of the date column `name`, in strptime
    format `fmt`) step a week, a month, a quarter or a year apart on (nearly) every step, else None.
    Days repeated (several tickers' rows of a day) are one date; serial and epoch dates are not read
    here (None)."""
    if not fmt or "%" not in fmt:
        return None
    days = sorted({d for cell in cells[:_ROWS] if (d := _day(cell.strip(), fmt)) is not None})
    steps = [b - a for a, b in zip(days, days[1:])]
    if len(steps) < _LEAST_STEPS:
        return None
    for period, span, least, most in _STEPS:
        if sum(least <= s <= most for s in steps) >= _EVERY_ROW * len(steps):
            return (f"{period} bars{LONGER_BARS}{name.strip()} steps a {span} from row to row: each row holds a "
                    f"{span}'s prices under one day's date; export daily bars")
    return None


def _day(cell: str, fmt: str) -> int | None:
    """The day `cell` names in `fmt` (days since 0001-01-01), None when it does not read."""
    if not cell:
        return None
    try:
        return datetime.strptime(*for_strptime(cell, fmt)).toordinal()
    except ValueError:
        return None
