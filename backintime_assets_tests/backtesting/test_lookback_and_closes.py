import datetime as dt

import pyarrow as pa
import pytest

from backintime_assets.backtesting.closes import closes_before, lake_last_closes, last_closes
from backintime_assets.backtesting.entries import monthly_ma_dip_run
from backintime_assets.backtesting.lookback import STEP, steps_back
from backintime_assets.lake.tables import read_arrow
from backintime_assets.strategies import MonthlyMaDipParams
from backintime_assets_tests.backtesting.lake_prices import business_days, put_prices, random_market, write_lake


def lookback_dates(location, first_day: str, end_day: str, window: int, min_price: float, max_price: float):
    """The earlier dates a run of the backtest reads for its first buys (a month is read here)."""
    def no_spark():
        raise AssertionError("a month is read on the driver")

    params = MonthlyMaDipParams(window=window, min_price=min_price, max_price=max_price)
    return monthly_ma_dip_run(no_spark, location, first_day, end_day, params).lookback_dates


def test_lookback_stops_once_every_ticker_has_its_window(local_lake):
    history = business_days(dt.date(2024, 11, 1), 40)  # Nov and Dec 2024
    for day in history:
        put_prices(local_lake, day, [("A", 10.0), ("B", 20.0)])
    put_prices(local_lake, "2025-01-02", [("A", 10.0), ("B", 20.0)])
    chosen = lookback_dates(local_lake, "2025-01-01", "2025-02-01", window=7, min_price=0.1, max_price=1000)
    assert chosen == sorted(d for d in history if d < "2025-01-01")[-16:]  # one step back is enough


def test_lookback_walks_back_past_gaps_and_out_of_bounds_rows(local_lake):
    history = business_days(dt.date(2024, 6, 3), 150)
    for i, day in enumerate(history):
        rows = [("A", 10.0)]
        if i < 3:
            rows.append(("GAPPY", 5.0))  # trades only at the start of the history
        elif i % 2:
            rows.append(("GAPPY", 5000.0))  # out of bounds: does not count
        put_prices(local_lake, day, rows)
    put_prices(local_lake, "2025-01-02", [("A", 10.0), ("GAPPY", 5.0)])
    chosen = lookback_dates(local_lake, "2025-01-01", "2025-02-01", window=7, min_price=0.1, max_price=1000)
    assert chosen == [d for d in history if d < "2025-01-01"]  # all the way back: GAPPY never has 7 rows


def test_no_lookback_before_the_first_month(local_lake):
    put_prices(local_lake, "2025-01-02", [("A", 10.0)])
    assert lookback_dates(local_lake, "2025-01-01", "2025-02-01", 7, 0.1, 1000) == []


def test_steps_back_stop_once_each_ticker_has_the_rows_it_asks_for():
    earlier = [f"d{i:02d}" for i in range(3 * STEP)]  # newest first
    # A trades every date; B on two dates only, in the second and third steps; C only out of bounds.
    prices = {day: [("A", 1.0), ("C", 5000.0)] + ([("B", 2.0)] if i in (STEP + 2, 2 * STEP + 2) else [])
              for i, day in enumerate(earlier)}

    def read(step):
        rows = [row for day in step for row in prices[day]]
        return pa.table({"ticker": [t for t, _ in rows], "adj_close": [p for _, p in rows]})

    def steps(demand):
        return [step for step, _ in steps_back(earlier, demand, 0.1, 1000, read)]

    assert steps({}) == [] and steps({"A": 0, "B": 0}) == []
    assert steps({"A": STEP}) == [earlier[:STEP]]
    assert steps({"A": STEP + 1}) == [earlier[:STEP], earlier[STEP:2 * STEP]]
    assert steps({"A": 1, "B": 1}) == [earlier[:STEP], earlier[STEP:2 * STEP]]
    assert steps({"A": 1, "B": 2}) == [earlier[:STEP], earlier[STEP:2 * STEP], earlier[2 * STEP:]]
    assert steps({"B": 3}) == steps({"C": 1}) == [earlier[:STEP], earlier[STEP:2 * STEP], earlier[2 * STEP:]]


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


def test_closes_before_walks_back_until_each_ticker_has_one(local_lake):
    history = business_days(dt.date(2024, 10, 1), 40)
    for i, day in enumerate(history):
        rows = [("A", 10.0 + i), ("B", 5000.0)]  # B is never in bounds
        if i == 0:
            rows.append(("OLD", 3.0))  # only at the very start
        put_prices(local_lake, day, rows)
    put_prices(local_lake, "2025-01-02", [("A", 99.0), ("OLD", 4.0)])
    closes = closes_before(local_lake, ["A", "B", "OLD"], "2025-01-02", 0.1, 1000)
    assert closes.to_pylist() == [
        {"ticker": "A", "date": dt.date.fromisoformat(history[-1]), "adj_close": 49.0},
        {"ticker": "OLD", "date": dt.date.fromisoformat(history[0]), "adj_close": 3.0},
    ]
    assert closes_before(local_lake, ["A"], history[0], 0.1, 1000).num_rows == 0


def test_closes_before_reads_a_step_back_at_a_time_and_stops_once_each_has_one(local_lake, monkeypatch):
    from backintime_assets.backtesting import closes as closes_module

    history = business_days(dt.date(2024, 6, 3), 5 * STEP)
    for i, day in enumerate(history):
        put_prices(local_lake, day, [("A", 10.0)] + ([("MID", 7.0)] if i == 2 * STEP else []))
    newest_first = history[::-1]
    read = []

    def recorded(location, table, schema, dates):
        read.append(list(dates))
        return read_arrow(location, table, schema, dates)

    monkeypatch.setattr(closes_module, "read_arrow", recorded)
    closes = closes_before(local_lake, ["MID", "A", "A"], "2025-01-01", 0.1, 1000)
    assert closes.to_pylist() == [
        {"ticker": "A", "date": dt.date.fromisoformat(history[-1]), "adj_close": 10.0},
        {"ticker": "MID", "date": dt.date.fromisoformat(history[2 * STEP]), "adj_close": 7.0},
    ]
    # MID's close sits in the third step back from the newest date: nothing older is read.
    assert read == [newest_first[:STEP], newest_first[STEP:2 * STEP], newest_first[2 * STEP:3 * STEP]]
    read.clear()
    assert closes_before(local_lake, [], "2025-01-01", 0.1, 1000).num_rows == 0 and read == []


@pytest.mark.spark
@pytest.mark.parametrize("days", [20, 130])  # read on the driver; read by Spark tasks, span by span
def test_lake_last_closes_match_a_plain_loop_over_the_history(spark, local_lake, days):
    market = random_market(seed=3, days=days)
    write_lake(local_lake, market)
    dates = sorted({d.isoformat() for d in market["date"]})
    asked = []

    def session():
        asked.append(True)
        return spark

    got = lake_last_closes(session, local_lake, dates, 0.1, 1000.0).to_pylist()
    expected = {}
    for row in market.sort_values("date").itertuples():
        if 0.1 <= row.adj_close <= 1000.0:
            expected[row.ticker] = (row.date, row.adj_close)
    assert [(r["ticker"], r["date"], r["adj_close"]) for r in got] == [(t, *expected[t]) for t in sorted(expected)]
    assert bool(asked) == (days > 64)
    assert lake_last_closes(session, local_lake, [], 0.1, 1000.0).num_rows == 0
