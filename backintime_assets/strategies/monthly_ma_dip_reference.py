"""Single-machine numpy implementation of `monthly_ma_dip`: the oracle for the Spark version and the
speed baseline it is measured against.

Moving averages add the window's prices one by one, oldest first, as Spark's sliding-window sum
does, so `ma < previous_close` decides identically even on ties (eight equal prices need not
average to exactly that price in floating point).
"""
from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa

from backintime_assets.strategies.params import MonthlyMaDipParams
from backintime_assets.strategies.trades import TRADE_COLUMNS

STRATEGY_NAME = "monthly_ma_dip"


def monthly_ma_dip_reference(prices: pd.DataFrame, params: MonthlyMaDipParams = MonthlyMaDipParams()) -> pd.DataFrame:
    """Trades of `prices` (columns date, ticker, sector, adj_close; one row per ticker and date).

    Rows without a ticker, a date or a price within the bounds are ignored.

    Returns TRADE_COLUMNS sorted by ticker, purchase_date; purchase_date holds datetime.date.
    """
    usable = prices["ticker"].notna() & prices["date"].notna()
    if not usable.all():
        prices = prices[usable]
    adj_all = pd.to_numeric(prices["adj_close"], errors="coerce").to_numpy(dtype=np.float64, na_value=np.nan)
    # NaN fails both comparisons, so missing prices drop out with the out-of-bounds ones.
    keep = np.flatnonzero((adj_all >= params.min_price) & (adj_all <= params.max_price))
    days_all = _epoch_days(prices["date"])
    codes_all, tickers = pd.factorize(prices["ticker"])

    order = keep[_ticker_date_order(codes_all[keep], days_all[keep])]
    x, days, codes = adj_all[order], days_all[order], codes_all[order]
    n = len(x)
    if n == 0:
        return _empty()
    if np.any((codes[1:] == codes[:-1]) & (days[1:] == days[:-1])):
        raise ValueError("prices has more than one row for some (ticker, date)")

    starts = np.flatnonzero(np.concatenate(([True], codes[1:] != codes[:-1])))
    ends = np.append(starts[1:], n) - 1

    # Only rows on a month's first trading day can buy, so the averages are needed there alone.
    candidates = np.flatnonzero(_is_first_day_of_month_present(days))
    group = np.searchsorted(starts, candidates, side="right") - 1
    pos = candidates - starts[group]
    ma = _trailing_sum(x, candidates, pos, params.window) / (np.minimum(pos, params.window) + 1)
    previous_close = np.where(pos >= 1, x[np.maximum(candidates - 1, 0)], 0.0)

    buys = ma < previous_close
    chosen = candidates[buys]
    last = x[ends[group[buys]]]
    price = x[chosen]
    vol = params.amount / price
    trades = pd.DataFrame(
        {
            "strategy": STRATEGY_NAME,
            "ticker": np.asarray(tickers, dtype=object)[codes[chosen]],
            "sector": prices["sector"].take(order[chosen]).to_numpy(dtype=object),
            "purchase_date": days[chosen].astype("datetime64[D]").astype(object),
            "purchase_price": price,
            "purchase_vol": vol,
            "last_close": last,
            "pnl": (last - price) * vol,
        },
        columns=TRADE_COLUMNS,
    )
    return trades.sort_values(["ticker", "purchase_date"], kind="stable", ignore_index=True)


def _empty() -> pd.DataFrame:
    frame = pd.DataFrame({c: pd.Series(dtype=object) for c in TRADE_COLUMNS})
    return frame.astype({c: np.float64 for c in ["purchase_price", "purchase_vol", "last_close", "pnl"]})


def _epoch_days(dates: pd.Series) -> np.ndarray:
    """int64 days since 1970-01-01 for datetime.date objects or any datetime64 column."""
    if pd.api.types.is_datetime64_any_dtype(dates.dtype):
        values = dates.to_numpy()
    else:
        # Arrow converts datetime.date objects about 50x faster than numpy or pandas do.
        values = pa.array(dates.to_numpy(dtype=object), type=pa.date32()).to_numpy(zero_copy_only=False)
    return values.astype("datetime64[D]").astype(np.int64)


def _ticker_date_order(codes: np.ndarray, days: np.ndarray) -> np.ndarray:
    if len(codes) == 0:
        return np.empty(0, dtype=np.int64)
    span = np.int64(days.max() - days.min() + 1)
    # One int64 key sorts much faster than a two-key lexsort.
    return np.argsort(codes.astype(np.int64) * span + (days - days.min()), kind="stable")


def _trailing_sum(x: np.ndarray, rows: np.ndarray, pos: np.ndarray, window: int) -> np.ndarray:
    """Sum of x at each of `rows` and up to `window` rows before it (`pos` = its index within its
    ticker), added oldest first.

    Absent rows contribute 0.0 before the first real term, and 0.0 + a == a exactly, so the
    rounding matches a left-to-right sum over just the rows present.
    """
    total = np.zeros(len(rows))
    for k in range(window, -1, -1):
        total += np.where(pos >= k, x[np.maximum(rows - k, 0)], 0.0)
    return total


def _is_first_day_of_month_present(days: np.ndarray) -> np.ndarray:
    """For each row: is its date the earliest date, across all tickers, in its calendar month?"""
    first = days.min()
    present = np.zeros(days.max() - first + 1, dtype=bool)
    present[days - first] = True
    present_days = np.flatnonzero(present) + first
    months = present_days.astype("datetime64[D]").astype("datetime64[M]").astype(np.int64)
    is_first = np.ones(len(present_days), dtype=bool)
    is_first[1:] = months[1:] != months[:-1]
    flag = np.zeros_like(present)
    flag[present_days[is_first] - first] = True
    return flag[days - first]
