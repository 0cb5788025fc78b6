"""The simulated market's calendar: every Monday to Friday trades (no holidays), in yearly blocks."""
from __future__ import annotations

from datetime import date

import numpy as np

# Day numbers are days since 1970-01-01, the representation of datetime64[D] and Arrow/Polars Date.
_EPOCH = np.datetime64("1970-01-01", "D")


_EPOCH_ORDINAL = date(1970, 1, 1).toordinal()


def day_number(day: date) -> int:
    return day.toordinal() - _EPOCH_ORDINAL


def from_day_number(number: int) -> date:
    return (_EPOCH + np.timedelta64(int(number), "D")).astype(object)


def business_day_numbers(start: date, end: date) -> np.ndarray:
    """Day numbers (int64) of the Mondays to Fridays from start to end inclusive."""
    if end < start:
        return np.empty(0, dtype=np.int64)
    days = np.arange(np.datetime64(start, "D"), np.datetime64(end, "D") + 1)
    days = days[np.is_busday(days)]
    return (days - _EPOCH).astype(np.int64)


def business_day_count(start: date, end: date) -> int:
    """len(business_day_numbers(start, end)), without building the days."""
    if end < start:
        return 0
    weeks, rest = divmod((end - start).days + 1, 7)
    first = start.weekday()
    return 5 * weeks + sum((first + k) % 7 < 5 for k in range(rest))


def business_days(start: date, end: date) -> list[date]:
    """The Mondays to Fridays from start to end inclusive."""
    return [d.astype(object) for d in (business_day_numbers(start, end) + _EPOCH)]


def is_business_day(day: date) -> bool:
    return bool(np.is_busday(np.datetime64(day, "D")))


def year_block_days(year: int, market_start: date) -> np.ndarray:
    """The business days of one simulation block: the calendar year, cut at the market's first day."""
    first = max(date(year, 1, 1), market_start)
    return business_day_numbers(first, date(year, 12, 31))
