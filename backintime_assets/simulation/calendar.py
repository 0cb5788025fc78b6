"""The simulated market's calendar: every day of its trading week trades (no holidays), in yearly blocks.

The week is the deployment's (BACKINTIME_TRADING_WEEK, Monday to Friday by default): a market
simulated under Sunday to Thursday writes Sunday files and no Friday ones, so its rows load.
"""
from __future__ import annotations

from datetime import date

import numpy as np

from backintime_assets.trading_week import MON_FRI, TradingWeek

# Day numbers are days since 1970-01-01, the representation of datetime64[D] and Arrow/Polars Date.
_EPOCH = np.datetime64("1970-01-01", "D")


_EPOCH_ORDINAL = date(1970, 1, 1).toordinal()


def day_number(day: date) -> int:
    return day.toordinal() - _EPOCH_ORDINAL


def from_day_number(number: int) -> date:
    return (_EPOCH + np.timedelta64(int(number), "D")).astype(object)


def _weekmask(week: TradingWeek) -> list[int]:
    """numpy's busday weekmask: seven flags, Monday first, as date.weekday() numbers the days."""
    return [int(d in week.days) for d in range(7)]


def business_day_numbers(start: date, end: date, week: TradingWeek = MON_FRI) -> np.ndarray:
    """Day numbers (int64) of the trading days of `week` from start to end inclusive."""
    if end < start:
        return np.empty(0, dtype=np.int64)
    days = np.arange(np.datetime64(start, "D"), np.datetime64(end, "D") + 1)
    days = days[np.is_busday(days, weekmask=_weekmask(week))]
    return (days - _EPOCH).astype(np.int64)


def business_day_count(start: date, end: date, week: TradingWeek = MON_FRI) -> int:
    """len(business_day_numbers(start, end, week)), without building the days."""
    if end < start:
        return 0
    weeks, rest = divmod((end - start).days + 1, 7)
    first = start.weekday()
    return len(week.days) * weeks + sum((first + k) % 7 in week.days for k in range(rest))


def business_days(start: date, end: date, week: TradingWeek = MON_FRI) -> list[date]:
    """The trading days of `week` from start to end inclusive."""
    return [d.astype(object) for d in (business_day_numbers(start, end, week) + _EPOCH)]


def is_business_day(day: date, week: TradingWeek = MON_FRI) -> bool:
    return week.is_trading_day(day)


def year_block_days(year: int, market_start: date, week: TradingWeek = MON_FRI) -> np.ndarray:
    """The trading days of one simulation block: the calendar year, cut at the market's first day."""
    first = max(date(year, 1, 1), market_start)
    return business_day_numbers(first, date(year, 12, 31), week)
