import datetime as dt

import pyarrow as pa
import pyarrow.parquet as pq

from backintime_assets.backtesting.closes import last_closes
from backintime_assets.backtesting.lookback import lookback_dates
from backintime_assets.lake.schemas import PRICES
from backintime_assets.lake.tables import date_dir


def _put(location, day: str, rows: list[tuple[str, float]]):
    table = pa.table({
        "ticker": [t for t, _ in rows], "sector": ["X"] * len(rows),
        **{c: [p for _, p in rows] for c in ("open", "high", "low", "close", "adj_close")},
        "volume": [1] * len(rows), "source_file": ["f"] * len(rows), "source_line": list(range(len(rows))),
    }, schema=PRICES)
    directory = date_dir(location, "prices", day)
    location.filesystem().create_dir(directory, recursive=True)
    pq.write_table(table, f"{directory}/part-t.parquet")


def _days(start: dt.date, n: int) -> list[str]:
    days, day = [], start
    while len(days) < n:
        if day.weekday() < 5:
            days.append(day.isoformat())
        day += dt.timedelta(days=1)
    return days


def test_lookback_stops_once_every_ticker_has_its_window(local_lake):
    history = _days(dt.date(2024, 11, 1), 40)  # Nov and Dec 2024
    for day in history:
        _put(local_lake, day, [("A", 10.0), ("B", 20.0)])
    _put(local_lake, "2025-01-02", [("A", 10.0), ("B", 20.0)])
    chosen = lookback_dates(local_lake, "2025-01-01", "2025-02-01", window=7, min_price=0.1, max_price=1000)
    assert chosen == sorted(d for d in history if d < "2025-01-01")[-16:]  # one step back is enough


def test_lookback_walks_back_past_gaps_and_out_of_bounds_rows(local_lake):
    history = _days(dt.date(2024, 6, 3), 150)
    for i, day in enumerate(history):
        rows = [("A", 10.0)]
        if i < 3:
            rows.append(("GAPPY", 5.0))  # trades only at the start of the history
        elif i % 2:
            rows.append(("GAPPY", 5000.0))  # out of bounds: does not count
        _put(local_lake, day, rows)
    _put(local_lake, "2025-01-02", [("A", 10.0), ("GAPPY", 5.0)])
    chosen = lookback_dates(local_lake, "2025-01-01", "2025-02-01", window=7, min_price=0.1, max_price=1000)
    assert chosen == [d for d in history if d < "2025-01-01"]  # all the way back: GAPPY never has 7 rows


def test_no_lookback_before_the_first_month(local_lake):
    _put(local_lake, "2025-01-02", [("A", 10.0)])
    assert lookback_dates(local_lake, "2025-01-01", "2025-02-01", 7, 0.1, 1000) == []


def test_last_closes_take_the_latest_in_bounds_row():
    prices = pa.table({
        "ticker": ["A", "A", "A", "B"],
        "date": pa.array([dt.date(2025, 1, d) for d in (2, 3, 6, 2)], pa.date32()),
        "adj_close": [1.0, 2.0, 5000.0, 3.0],
    })
    assert last_closes(prices, 0.1, 1000).to_pylist() == [
        {"ticker": "A", "date": dt.date(2025, 1, 3), "adj_close": 2.0},
        {"ticker": "B", "date": dt.date(2025, 1, 2), "adj_close": 3.0},
    ]
