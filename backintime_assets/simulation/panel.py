"""Prices of any set of tickers over any date range, assembled from the yearly blocks of their groups."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

import numpy as np

from backintime_assets.simulation.calendar import business_day_numbers
from backintime_assets.simulation.daily import year_block
from backintime_assets.simulation.rng import TICKERS_PER_STREAM as GROUP
from backintime_assets.simulation.spec import MarketSpec
from backintime_assets.simulation.universe import listing

if TYPE_CHECKING:
    import pandas as pd

PRICE_FIELDS = ("open", "high", "low", "close", "adj_close")
VALUE_FIELDS = (*PRICE_FIELDS, "volume")


@dataclass
class Panel:
    """Arrays of shape (len(tickers), len(days)); tickers are global indices in the caller's order."""

    days: np.ndarray
    tickers: np.ndarray
    open: np.ndarray
    high: np.ndarray
    low: np.ndarray
    close: np.ndarray
    adj_close: np.ndarray
    volume: np.ndarray


def simulate_panel(spec: MarketSpec, tickers: np.ndarray, start: date, end: date) -> Panel:
    """Prices of `tickers` on the trading days of [start, end] on which the market exists."""
    tickers = np.asarray(tickers, dtype=np.int64)
    if len(tickers) and (tickers.min() < 0 or tickers.max() >= spec.n_tickers):
        raise ValueError("ticker index out of range")
    days = business_day_numbers(max(start, spec.market_start), end, spec.week)
    shape = (len(tickers), len(days))
    # One allocation for all fields: a block's worth is big enough for numpy to back it with huge
    # pages, where six separate arrays each took thousands of page faults (a good share of the cost).
    memory = np.empty((len(VALUE_FIELDS), *shape))
    values = {f: memory[i] for i, f in enumerate(PRICE_FIELDS)} | {"volume": memory[-1].view(np.int64)}
    if days.size and tickers.size:
        groups = tickers // GROUP
        rows_by_group = {g: np.flatnonzero(groups == g) for g in np.unique(groups)}
        first_year = int(str(days[0].astype("datetime64[D]").astype("datetime64[Y]")))
        last_year = int(str(days[-1].astype("datetime64[D]").astype("datetime64[Y]")))
        for year in range(first_year, last_year + 1):
            for group, out_rows in rows_by_group.items():
                block = year_block(spec, int(group), year)
                lo, hi = np.searchsorted(block.days, [days[0], days[-1] + 1])
                if lo == hi:
                    continue
                first = int(np.searchsorted(days, block.days[lo]))
                out_days = slice(first, first + hi - lo)
                in_rows = tickers[out_rows] % GROUP
                # All tickers of one group (an archive of one group, say): a slice to write into
                # rather than a scatter through an index.
                target = slice(None) if len(out_rows) == len(tickers) else out_rows
                for field in VALUE_FIELDS:
                    values[field][target, out_days] = getattr(block, field)[in_rows, lo:hi]
    return Panel(days, tickers, **values)


def simulate_prices(spec: MarketSpec, start: date, end: date) -> pd.DataFrame:
    """All tickers' daily prices on [start, end], in canonical columns, sorted by date then ticker."""
    import pandas as pd

    found = listing(spec)
    order = np.argsort(found.names, kind="stable")
    panel = simulate_panel(spec, order, start, end)
    n_days, n_tickers = len(panel.days), len(order)
    dates = (panel.days.astype("datetime64[D]")).astype(object)
    frame = pd.DataFrame({
        "date": np.repeat(dates, n_tickers),
        "ticker": np.tile(found.names[order].astype(object), n_days),
        "sector": np.tile(found.sector_names()[order].astype(object), n_days),
        "exchange": np.tile(found.exchange_names()[order].astype(object), n_days),
        **{field: getattr(panel, field).T.ravel() for field in VALUE_FIELDS},
    })
    return frame
