"""A date column's day/month order settled by the day the file states elsewhere in a form that reads
one way only: its title ("Closing prices 3 April 2024", "Trade date: 2024-04-03") or a timestamp column
of the same rows ("2024-04-03T17:30:00"). An office's daily drop repeats one date in every row
("03/04/2024"): no value above 12 settles its order, and by the slash's custom it loaded as 4 March
beside a title or a stamp saying 3 April, silently."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date, datetime

from .columns import ColumnType
from .date_system import DAY_MONTH
from .dates import GUESSED_ORDER_CERTAINTY
from .day_date import title_days
from .numbers import NULL_SPELLINGS

# As the file's name settles it (dates._NAME_CERTAINTY): better than a guess, short of a day above 12.
STATED_CERTAINTY = 0.8
# A row's stamp is written on its day, or after midnight when the office exports the night after.
_STAMP_DAYS = 1
# A stamp of another event than the row's trading: its settlement (a day or two after), an option's or a
# future's expiry, a coupon's or a dividend's day. A British office's "03/04/2024" beside a settlement
# stamped "2024-03-05" read month first (4 March, a day before it) at a certainty its siblings could not
# overturn.
_ANOTHER_EVENT = re.compile(r"settl|expir|matur|deliver|coupon|dividend|ex[- ]?date|record|payment|pay\s*date"
                            r"|next|previous|prior", re.I)


def stated_order(types: list[ColumnType], body: Sequence[Sequence[str]],
                 titles: Callable[[], list[tuple[int, str]]], names: Sequence[str] = ()) -> list[ColumnType]:
    """`types` with each date column whose day/month order is a guess (dates.GUESSED_ORDER_CERTAINTY)
    read in the one order that agrees with the day the file states: a day its title spells one way only
    (day_date.title_days: not one saying when the file was made, "Generated 2024-04-03") among the days
    that order reads and none among the other's; else the one order in which every row's date is its
    timestamp's day (or the day before), where no row's is in the other, but a stamp whose name (`names`)
    says it is another event's (_ANOTHER_EVENT: a settlement, an expiry). A title's day must be a
    reading exactly, not within the name's window (dates.NAME_DATE_WINDOW_DAYS): its "as of" may be a
    day after the rows', which the other reading may fall near by chance."""
    guessed = [j for j, t in enumerate(types) if t.type in ("date", "timestamp") and t.format
               and t.confidence <= GUESSED_ORDER_CERTAINTY and (m := DAY_MONTH.match(t.format))
               and m.group(1) != m.group(3)]
    if not guessed:
        return types
    stamps = [k for k, t in enumerate(types) if t.type == "timestamp" and t.format and k not in guessed
              and not DAY_MONTH.match(t.format) and "|" not in t.format
              and not (k < len(names) and _ANOTHER_EVENT.search(names[k] or ""))]
    days = title_days(titles())
    out = list(types)
    for j in guessed:
        own = types[j]
        first, sep, second, year = (m := DAY_MONTH.match(own.format)).groups()
        other = f"{second}{sep}{first}{sep}{year}{own.format[m.end():]}"
        fmt = _by_title(body, j, own.format, other, days) if days else None
        if fmt is None:
            fmt = next((f for k in stamps if (f := _by_stamps(body, j, own.format, other, k, types[k].format))), None)
        if fmt is not None:
            out[j] = replace(own, format=fmt, confidence=round(max(own.confidence, STATED_CERTAINTY), 3))
    return out


def _by_title(body: Sequence[Sequence[str]], j: int, fmt: str, other: str, days: set[date]) -> str | None:
    """The one of the two formats whose days of column `j` hold a day of the title (`days`), or None."""
    cells = {c for row in body if j < len(row) and (c := row[j].strip()) and c not in NULL_SPELLINGS}
    holds = [f for f in (fmt, other) if not days.isdisjoint({d for c in cells if (d := _day(c, f)) is not None})]
    return holds[0] if len(holds) == 1 else None


def _by_stamps(body: Sequence[Sequence[str]], j: int, fmt: str, other: str, k: int, stamp: str) -> str | None:
    """The one of the two formats in which column `j`'s date is on or just before column `k`'s stamp in
    every row holding both, the other in none; or None."""
    votes = {fmt: 0, other: 0}
    pairs = {(row[j].strip(), row[k].strip()) for row in body if max(j, k) < len(row)}
    for cell, at in pairs:
        if cell in NULL_SPELLINGS or at in NULL_SPELLINGS:
            continue
        when = _day(at, stamp)
        if when is None:
            continue
        near = [f for f in votes if (d := _day(cell, f)) is not None and 0 <= (when - d).days <= _STAMP_DAYS]
        if len(near) != 1:
            return None  # a row whose stamp is neither reading's day, or both's: no statement of the order
        votes[near[0]] += 1
    if votes[fmt] and votes[other]:
        return None
    return fmt if votes[fmt] else other if votes[other] else None


def _day(value: str, fmt: str) -> date | None:
    try:
        return datetime.strptime(value, fmt).date()
    except ValueError:
        return None
