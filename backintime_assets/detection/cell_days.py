"""The day a date cell names, as an ordinal, by its column's format (strptime's or a serial or epoch
number's): what the steps between rows are measured in (bar_period.py, canonical._daily_rows)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from functools import lru_cache

from .dates import FULL_ISO
from .date_system import EAST_EVENING, EPOCH_EAST_UNITS, EPOCH_UNITS, EXCEL_SERIAL, EXCEL_SERIAL_1904
from .month_names import for_strptime


def days_of(cells: Sequence[str], fmt: str) -> list[int]:
    """The distinct days `cells` name in `fmt`, in order. Each date written once is read once: a
    file of several tickers writes a day's date on each of their rows."""
    return sorted({d for cell in {c.strip() for c in cells} if (d := _day(cell, fmt)) is not None})


def day_of(cell: str, fmt: str) -> int | None:
    """The day (an ordinal) `cell` names in `fmt`, None when it does not read."""
    return _day(cell.strip(), fmt)


# A number date's day (days since 0001-01-01) by its format: (units a day, the ordinal of its 0,
# and the units added first, which read an "_east" epoch from the UTC evening on (EAST_EVENING) as
# the next day: an ASX week's bar stamped on Sunday evening is Monday's, as normalisation reads it).
_EPOCH_0 = date(1970, 1, 1).toordinal()
_NUMBER_DAYS = {
    EXCEL_SERIAL: (1, date(1899, 12, 30).toordinal(), 0),
    EXCEL_SERIAL_1904: (1, date(1904, 1, 1).toordinal(), 0),
    **{fmt: (86400 * unit, _EPOCH_0, 0) for fmt, unit in EPOCH_UNITS.items()},
    **{fmt: (86400 * unit, _EPOCH_0, (86400 - EAST_EVENING) * unit) for fmt, unit in EPOCH_EAST_UNITS.items()},
}


def month_of(cell: str, fmt: str) -> tuple[int, int] | None:
    """The (year, month) `cell` names in `fmt`, None when it does not read."""
    day = _day(cell.strip(), fmt)
    if day is None:
        return None
    named = date.fromordinal(day)
    return named.year, named.month


@lru_cache(maxsize=8192)  # several tickers' rows write each day's date again
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
        pass
    # An ISO date the loader reads in any column (normalisation/parse.py parse_dates): a sheet's
    # date cells beside its dates typed as text take the typed ones' format (dates._beside_iso).
    # Unread here, the typed ones alone measured the bars: a few scattered among daily date cells
    # stepped weeks apart, and the file was refused as weekly bars.
    if len(cell) >= 10 and cell[4] == "-" and FULL_ISO.match(cell):
        try:
            return date.fromisoformat(cell[:10]).toordinal()
        except ValueError:
            return None
    return None


def reads_days(fmt: str | None) -> bool:
    """Whether a date column's format is one `days_of` reads: strptime's, or a serial or epoch number's."""
    return bool(fmt) and ("%" in fmt or fmt in _NUMBER_DAYS)
