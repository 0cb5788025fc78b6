"""Dates of six digits in a column named as the date: Finam's exports ("Экспорт котировок") offer the
date as yymmdd ("230103", 3 January 2023) or ddmmyy ("030123") beside yyyymmdd, and scripts that write
their layout follow them. Six digits are no date by their shape alone (a code, a time "093000", a month
"202301"), so a column is read so only where its header names the date and one reading alone makes its
days a run of trading days (dates.trading_days); read the other ways, "230103, 230104, 230105" is the
23rd of January of 2003, 2004 and 2005. Unread, such a file was refused "no date column".

Investing.com's Turkish export, saved again, lost the dot between month and year ("13.042020",
"9.042020": 13 and 9 April 2020): read as numbers, its file was refused alike. Read so on the same
evidence: every cell so written, under a header naming the date, a run of trading days."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, datetime

from .canonical import named_as, names_time_of_day
from .columns import ColumnType
from .dates import trading_days
from .numbers import NULL_SPELLINGS

_SIX_DIGITS = re.compile(r"\d{6}")
# (shape, the typing it gets unread, its readings, whether its days read as dates). Six digits: year
# first (Finam's yymmdd), day first (its ddmmyy), month first (the US's mmddyy), the one reading whose
# days run through trading days. A day, a dot, a month and a year run together: a number of six
# decimals (a price has as many), read where every cell is so written and their days run in order one
# way. Not a run of weekdays: Investing.com's FX rows hold Sundays ("12.042020").
_SHAPES = ((_SIX_DIGITS, ("integer", "string"), ("%y%m%d", "%d%m%y", "%m%d%y"), lambda c, f: _trading_run(c, f)),
           (re.compile(r"(?:0?[1-9]|[12]\d|3[01])\.(?:0[1-9]|1[0-2])(?:19|20)\d\d"), ("float", "string"),
            ("%d.%m%Y",), lambda c, f: _in_order(c, f)))


def six_digit_dates(names: Sequence[str], types: list[ColumnType], body: Sequence[Sequence[str]]) -> list[ColumnType]:
    """`types` with a column named as the date whose every cell is six digits, unread ("integer", or
    "string" where a cell keeps its leading zero), or a day and a dot before a month and year run
    together ("float"), typed as dates in the one reading whose days run through trading days up to
    today; `types` itself elsewhere."""
    for j, name in enumerate(names):
        if j >= len(types):
            continue
        # The first cell's shape first: most such columns are codes, counts or names, read no further.
        first = next((c for row in body if j < len(row) and (c := row[j].strip()) and c not in NULL_SPELLINGS), "")
        shaped = next((s for s in _SHAPES if types[j].type in s[1] and s[0].fullmatch(first)), None)
        # "Time" names the date too (named_as), but six digits under it are Finam's time of day
        # ("<TIME>" 100105): a tick file's seconds that skip a weekend's numbers read as days.
        if shaped is None or not named_as("date", name) or names_time_of_day(name):
            continue
        shape, _, readings, dated = shaped
        cells = [c for row in body if j < len(row) and (c := row[j].strip()) and c not in NULL_SPELLINGS]
        if not all(shape.fullmatch(c) for c in cells):
            continue
        fitting = [fmt for fmt in readings if dated(cells, fmt)]
        if len(fitting) == 1:
            out = list(types)
            out[j] = ColumnType("date", fitting[0], 1.0)
            return out
    return types


def _trading_run(cells: Sequence[str], fmt: str) -> bool:
    """Whether `cells` read in `fmt` are each a day up to today, and together a run of trading days.
    Their distinct days in order: tickers stacked one after another (Finam's exports joined) start
    the days again at each ticker, no run in the file's order. Read the wrong way, neighbouring days
    of a month are a year apart, and no sorting brings them a weekend apart."""
    try:
        days = sorted({datetime.strptime(c, fmt).date() for c in set(cells)})
    except ValueError:
        return False
    return days[-1] <= date.today() and trading_days([d.toordinal() for d in days])


def _in_order(cells: Sequence[str], fmt: str, min_days: int = 5) -> bool:
    """Whether `cells` read in `fmt` are each a day up to today, `min_days` or more of them, and in the
    file's order run one way (a day may repeat, a ticker's row after another's). Numbers in a table's
    order (a rate, a price) leap back and forth across months and years when so read."""
    try:
        days = [datetime.strptime(c, fmt).date() for c in cells]
    except ValueError:
        return False
    run = [d for i, d in enumerate(days) if i == 0 or d != days[i - 1]]
    steps = [b > a for a, b in zip(run, run[1:])]
    return len(set(run)) >= min_days and max(days) <= date.today() and (all(steps) or not any(steps))
