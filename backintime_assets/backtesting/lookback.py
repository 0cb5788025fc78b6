"""The least price history a month's `monthly_ma_dip` entries need to be exact.

A buy on a month's first trading day averages the ticker's current and `window` previous in-bounds
rows, and compares with the previous one. Those rows may lie weeks back for a ticker with gaps, so
we walk back through earlier dates until every ticker of the month has enough of them, or the
history ends.
"""
from __future__ import annotations

from collections import Counter

import pyarrow as pa
import pyarrow.compute as pc

from backintime_assets.lake import LakeLocation
from backintime_assets.lake.schemas import PRICES
from backintime_assets.lake.tables import list_dates, read_arrow

STEP = 16  # dates read per step back: most tickers are satisfied by the first step
CLOSE_COLUMNS = pa.schema([PRICES.field("ticker"), PRICES.field("adj_close")])


def lookback_dates(location: LakeLocation, first_day: str, last_day: str, window: int,
                   min_price: float, max_price: float, available: list[str] | None = None) -> list[str]:
    """Dates before `first_day` whose rows the months [first_day, last_day] need, oldest first.
    `available`: the lake's price dates, when the caller has listed them already."""
    available = list_dates(location, "prices") if available is None else available
    month_dates = [d for d in available if first_day <= d <= last_day]
    earlier = [d for d in available if d < first_day][::-1]
    if not month_dates or not earlier:
        return []
    wanted: set[str] = set()
    for day in month_dates:  # the buy date: the first date with a row in bounds
        wanted = set(_tickers_in_bounds(read_arrow(location, "prices", CLOSE_COLUMNS, [day]), min_price, max_price))
        if wanted:
            break
    needed = max(window, 1)  # the window's earlier rows; the previous close is the last of them
    seen: Counter = Counter()
    chosen: list[str] = []
    for start in range(0, len(earlier), STEP):
        if not wanted:
            break
        step = earlier[start:start + STEP]
        chosen += step
        seen.update(_tickers_in_bounds(read_arrow(location, "prices", CLOSE_COLUMNS, step), min_price, max_price))
        wanted = {t for t in wanted if seen[t] < needed}
    return sorted(chosen)


def in_bounds(prices: pa.Table, min_price: float, max_price: float) -> pa.Table:
    """The rows with min_price <= adj_close <= max_price (null and NaN prices drop out)."""
    close = prices.column("adj_close")
    return prices.filter(pc.and_(pc.greater_equal(close, min_price), pc.less_equal(close, max_price)))


def _tickers_in_bounds(prices: pa.Table, min_price: float, max_price: float) -> list[str]:
    return in_bounds(prices, min_price, max_price).column("ticker").to_pylist()
