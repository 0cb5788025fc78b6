"""A column that declares the bars' period: Finam's and Stooq's exports carry one ("<PER>": D for
daily bars, W weekly, M monthly; minutes as numbers), as do other tools' ("Period", "Interval",
"Timeframe"). Weekly or monthly bars are dated on their period's first (or last) day: loaded as
that day's prices, a month's high and close would stand for one day's, and a backtest would trade
on prices the day had not seen. The file is refused with what it holds; intraday bars need no
word here (normalisation rejects each, its date at several times). Bars no column declares are
told by their dates' steps: a week, a month, a quarter or a year from row to row (Yahoo's weekly
and monthly downloads, yearly averages), unless they are closes alone, each on its period's last
day (a fund's weekly NAV, month-end closes): those are their days' prices."""

from __future__ import annotations

from calendar import monthrange
from collections.abc import Collection, Sequence
from datetime import date, datetime

from .date_system import EPOCH_EAST_UNITS, EPOCH_UNITS, EXCEL_SERIAL, EXCEL_SERIAL_1904
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
# Dates a first look reads: a daily file's head settles it (most files), with no strptime of the
# whole sample on every file. Several tickers' rows of a few days leave it too few steps: read on.
_FIRST_LOOK = 12
# A period's bar is its own whatever day it is dated on: a week's open, high, low or volume stand
# for none of its days. A close alone is the price of the day it is dated on when that day ends
# the period: a fund's Friday NAV, a month's last close (Yahoo's weekly bars are dated Mondays and
# its monthly ones the 1st, their closes a week's or a month's later; yearly averages 30 June).
_BAR_FIELDS = frozenset({"open", "high", "low", "volume"})
_MONTH_END = 5  # a month's last trading day is among its last five (a holiday beside a weekend)
_PERIOD_MONTHS = {"monthly": range(1, 13), "quarterly": (3, 6, 9, 12), "yearly": (12,)}


def spaced_bars_problem(name: str, fmt: str | None, cells: Sequence[str], mapped: Collection[str | None]
                        ) -> str | None:
    """The file's problem when the sampled dates (`cells` of the date column `name`, in strptime
    format `fmt`) step a week, a month, a quarter or a year apart on (nearly) every step, else None.
    None as well for closes each dated on their period's last day (no `mapped` column holds a bar's
    open, high, low or volume): every one is its day's price. A week's close dated on another day
    than its first (a log kept on Wednesdays) is its day's as well: weekly bars are dated on the
    week's first day or its last. Days repeated (several tickers' rows of a day) are one date.
    Serial and epoch dates are read too: Yahoo's chart API stamps its weekly bars as epochs."""
    if not fmt or ("%" not in fmt and fmt not in _NUMBER_DAYS):
        return None
    cells = cells[:_ROWS]
    if len(cells) > _FIRST_LOOK:
        first = _steps(_days(cells[:_FIRST_LOOK], fmt))
        if len(first) >= _LEAST_STEPS and _period(first) is None:
            return None
    days = _days(cells, fmt)
    found = _period(_steps(days))
    if found is None:
        return None
    period, span = found
    if not _BAR_FIELDS & set(mapped) and _at_period_ends(period, days):
        return None
    return (f"{period} bars{LONGER_BARS}{name.strip()} steps a {span} from row to row: each row holds a "
            f"{span}'s prices under one day's date; export daily bars")


def _days(cells: Sequence[str], fmt: str) -> list[int]:
    """The distinct days `cells` name in `fmt`, in order. Each date written once is read once: a
    file of several tickers writes a day's date on each of their rows."""
    return sorted({d for cell in {c.strip() for c in cells} if (d := _day(cell, fmt)) is not None})


def _steps(days: Sequence[int]) -> list[int]:
    return [b - a for a, b in zip(days, days[1:])]


def _period(steps: Sequence[int]) -> tuple[str, str] | None:
    """(period, its span) that (nearly) every one of `steps` (5 at least) is, else None."""
    if len(steps) < _LEAST_STEPS:
        return None
    for period, span, least, most in _STEPS:
        if sum(least <= s <= most for s in steps) >= _EVERY_ROW * len(steps):
            return period, span
    return None


def _at_period_ends(period: str, days: Sequence[int]) -> bool:
    """Whether (nearly) every one of `days` ends its period: for weekly steps, any day past the
    week's first (Sunday or Monday); else one of the last days of a month that ends one."""
    if period == "weekly":
        ends = sum((d - 1) % 7 not in (0, 6) for d in days)  # ordinal 1 (0001-01-01) was a Monday
    else:
        months = _PERIOD_MONTHS[period]
        ends = 0
        for d in days:
            day = date.fromordinal(d)
            ends += day.month in months and day.day > monthrange(day.year, day.month)[1] - _MONTH_END
    return ends >= _EVERY_ROW * len(days)


# A number date's day (days since 0001-01-01) by its format: (units a day, the ordinal of its 0,
# and the part of a day added first, which reads an "_east" epoch as the day whose midnight is
# nearest it: an ASX week's bar stamped on Sunday evening is Monday's, as normalisation reads it).
_EPOCH_0 = date(1970, 1, 1).toordinal()
_NUMBER_DAYS = {
    EXCEL_SERIAL: (1, date(1899, 12, 30).toordinal(), 0),
    EXCEL_SERIAL_1904: (1, date(1904, 1, 1).toordinal(), 0),
    **{fmt: (86400 * unit, _EPOCH_0, 0) for fmt, unit in EPOCH_UNITS.items()},
    **{fmt: (86400 * unit, _EPOCH_0, 43200 * unit) for fmt, unit in EPOCH_EAST_UNITS.items()},
}


def _day(cell: str, fmt: str) -> int | None:
    """The day `cell` names in `fmt` (days since 0001-01-01), None when it does not read."""
    if not cell:
        return None
    if fmt in _NUMBER_DAYS:
        per_day, zero, shift = _NUMBER_DAYS[fmt]
        try:
            return zero + (int(float(cell)) + shift) // per_day
        except (ValueError, OverflowError):
            return None
    if fmt == "%Y-%m-%d" and len(cell) == 10:  # the most common, read in C (~0.2 µs; strptime ~20 µs)
        try:
            return date.fromisoformat(cell).toordinal()
        except ValueError:
            pass  # strptime has the last word
    try:
        return datetime.strptime(*for_strptime(cell, fmt)).toordinal()
    except ValueError:
        return None
