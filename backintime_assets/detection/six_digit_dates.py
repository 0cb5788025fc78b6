"""Dates of six digits in a column named as the date: Finam's exports ("Экспорт котировок") offer the
date as yymmdd ("230103", 3 January 2023) or ddmmyy ("030123") beside yyyymmdd, and scripts that write
their layout follow them. Six digits are no date by their shape alone (a code, a time "093000", a month
"202301"), so a column is read so only where its header names the date and one reading alone makes its
days a run of trading days (dates.trading_days); read the other ways, "230103, 230104, 230105" is the
23rd of January of 2003, 2004 and 2005. Unread, such a file was refused "no date column"."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, datetime

from .canonical import named_as, names_time_of_day
from .columns import ColumnType
from .dates import trading_days
from .numbers import NULL_SPELLINGS

_SIX_DIGITS = re.compile(r"\d{6}")
# Year first (Finam's yymmdd), day first (its ddmmyy), month first (the US's mmddyy).
_READINGS = ("%y%m%d", "%d%m%y", "%m%d%y")


def six_digit_dates(names: Sequence[str], types: list[ColumnType], body: Sequence[Sequence[str]]) -> list[ColumnType]:
    """`types` with a column named as the date whose every cell is six digits, unread ("integer", or
    "string" where a cell keeps its leading zero), typed as dates in the one reading whose days run
    through trading days up to today; `types` itself elsewhere."""
    for j, name in enumerate(names):
        if j >= len(types) or types[j].type not in ("integer", "string"):
            continue
        # The first cell's shape first: most such columns are codes, counts or names, read no further.
        first = next((c for row in body if j < len(row) and (c := row[j].strip()) and c not in NULL_SPELLINGS), "")
        # "Time" names the date too (named_as), but six digits under it are Finam's time of day
        # ("<TIME>" 100105): a tick file's seconds that skip a weekend's numbers read as days.
        if not _SIX_DIGITS.fullmatch(first) or not named_as("date", name) or names_time_of_day(name):
            continue
        cells = [c for row in body if j < len(row) and (c := row[j].strip()) and c not in NULL_SPELLINGS]
        if not all(_SIX_DIGITS.fullmatch(c) for c in cells):
            continue
        fitting = [fmt for fmt in _READINGS if _trading_run(cells, fmt)]
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
