"""Price dates written straight into a test lake, for the backtesting tests."""
from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from backintime_assets.lake.schemas import PRICES
from backintime_assets.lake.tables import date_dir


def put_prices(location, day: str, rows: list[tuple[str, float]]) -> None:
    """The date's whole file, (re)written: a correction replaces the day. rows: (ticker, adj_close)."""
    _write_date(location, day, [t for t, _ in rows], ["X"] * len(rows), [p for _, p in rows])


def _write_date(location, day: str, tickers, sectors, closes) -> None:
    n = len(tickers)
    table = pa.table({
        "ticker": list(tickers), "sector": list(sectors),
        **{c: list(closes) for c in ("open", "high", "low", "close", "adj_close")},
        "volume": [1] * n, "source_file": ["f"] * n, "source_line": list(range(n)),
    }, schema=PRICES)
    directory = date_dir(location, "prices", day)
    location.filesystem().create_dir(directory, recursive=True)
    pq.write_table(table, f"{directory}/part-t.parquet")


def business_days(start: dt.date, n: int) -> list[str]:
    days, day = [], start
    while len(days) < n:
        if day.weekday() < 5:
            days.append(day.isoformat())
        day += dt.timedelta(days=1)
    return days


def random_market(seed: int = 7, tickers: int = 30, days: int = 130) -> pd.DataFrame:
    """Business days of half a year; some tickers skip weeks, some prices leave the bounds."""
    rng = np.random.default_rng(seed)
    dates = pd.bdate_range("2024-01-01", periods=days).date
    rows = []
    for t in range(tickers):
        present = rng.random(days) > (0.6 if t % 5 == 0 else 0.02)
        prices = np.exp(np.log(rng.uniform(0.05, 1200)) + np.cumsum(rng.normal(0, 0.05, days)))
        rows += [(d, f"T{t:02d}", f"S{t % 3}", float(p)) for d, p, keep in zip(dates, prices, present) if keep]
    return pd.DataFrame(rows, columns=["date", "ticker", "sector", "adj_close"])


def write_lake(location, market: pd.DataFrame) -> None:
    """Each date of `market` (date, ticker, sector, adj_close) as that date's lake file."""
    for day, rows in market.groupby("date"):
        _write_date(location, day.isoformat(), rows["ticker"], rows["sector"], rows["adj_close"])
