"""The least price history a month's `monthly_ma_dip` entries need to be exact.

A buy on a month's first trading day averages the ticker's current and `window` previous in-bounds
rows, and compares with the previous one. Those rows may lie weeks back for a ticker with gaps, so
we walk back through earlier dates until every ticker has the rows the run lacks for it, or the
history ends.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator

import pyarrow as pa
import pyarrow.compute as pc

from backintime_assets.lake.schemas import PRICES

STEP = 16  # dates read per step back: most tickers are satisfied by the first step
CLOSE_COLUMNS = pa.schema([PRICES.field("ticker"), PRICES.field("adj_close")])


def steps_back(earlier: list[str], demand: dict[str, int], min_price: float, max_price: float,
               read: Callable[[list[str]], pa.Table]) -> Iterator[tuple[list[str], pa.Table]]:
    """Steps of `earlier` dates (newest first), each with its rows as `read` returns them (a
    `ticker` and an `adj_close` column at least), until every ticker of `demand` has as many rows
    in bounds in them as it asks for, or the dates run out. The caller may keep the rows, so none
    is read twice."""
    seen: Counter = Counter()
    wanted = {t for t, needed in demand.items() if needed > 0}
    for start in range(0, len(earlier), STEP):
        if not wanted:
            break
        step = earlier[start:start + STEP]
        rows = read(step)
        yield step, rows
        seen.update(_tickers_in_bounds(rows, min_price, max_price))
        wanted = {t for t in wanted if seen[t] < demand[t]}


def in_bounds(prices: pa.Table, min_price: float, max_price: float) -> pa.Table:
    """The rows with min_price <= adj_close <= max_price (null and NaN prices drop out)."""
    close = prices.column("adj_close")
    return prices.filter(pc.and_(pc.greater_equal(close, min_price), pc.less_equal(close, max_price)))


def _tickers_in_bounds(prices: pa.Table, min_price: float, max_price: float) -> list[str]:
    return in_bounds(prices, min_price, max_price).column("ticker").to_pylist()
