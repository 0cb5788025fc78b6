"""Price dates written straight into a test lake, for the backtesting tests."""
from __future__ import annotations

import datetime as dt

import pyarrow as pa
import pyarrow.parquet as pq

from backintime_assets.lake.schemas import PRICES
from backintime_assets.lake.tables import date_dir


def put_prices(location, day: str, rows: list[tuple[str, float]]) -> None:
    """The date's whole file, (re)written: a correction replaces the day. rows: (ticker, adj_close)."""
    table = pa.table({
        "ticker": [t for t, _ in rows], "sector": ["X"] * len(rows),
        **{c: [p for _, p in rows] for c in ("open", "high", "low", "close", "adj_close")},
        "volume": [1] * len(rows), "source_file": ["f"] * len(rows), "source_line": list(range(len(rows))),
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
