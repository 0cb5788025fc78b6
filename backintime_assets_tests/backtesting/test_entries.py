"""A run's monthly_ma_dip trades read every price file once, and match a read of all its dates."""
from __future__ import annotations

import datetime as dt
import tempfile
from unittest import mock

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from backintime_assets.backtesting import entries
from backintime_assets.backtesting.entries import DRIVER_RUN_MAX_DATES, monthly_ma_dip_run
from backintime_assets.lake import LakeLocation
from backintime_assets.lake.pieces import lake_pieces
from backintime_assets.lake.tables import table_files
from backintime_assets.strategies import MonthlyMaDipParams, monthly_ma_dip_reference
from backintime_assets.strategies.monthly_ma_dip_tasks import monthly_ma_dip_on_driver
from backintime_assets_tests.backtesting.lake_prices import random_market, write_lake
from backintime_assets_tests.strategies.markets import assert_same_trades
from backintime_assets_tests.support.opened_files import LoggedLake

PARAMS = MonthlyMaDipParams(window=7)


def _logged_lake(local_lake, tmp_path) -> tuple[LoggedLake, pd.DataFrame]:
    market = random_market(seed=9, days=130)  # January to June 2024; every fifth ticker has gaps
    write_lake(local_lake, market)
    return LoggedLake(url=local_lake.url, log=str(tmp_path / "opened.log")), market


def _assert_read_once(lake: LoggedLake, run) -> None:
    files = {path for _, path in table_files(lake, "prices", run.lookback_dates + run.run_dates)}
    opened = lake.opened()
    assert set(opened) == files
    assert set(opened.values()) == {1}, {p: n for p, n in opened.items() if n > 1}


def _same_as_one_read_of_all_dates(lake, run) -> None:
    """The look-back summarised step by step gives what one read of it and the run together gives."""
    together = monthly_ma_dip_on_driver(lake, lake_pieces(lake, "prices", run.lookback_dates + run.run_dates), PARAMS)
    assert_same_trades(run.trades.to_pandas(), together.to_pandas())


def _bought_in(trades: pd.DataFrame, first_day: dt.date, end_day: dt.date) -> pd.DataFrame:
    bought = trades["purchase_date"]
    return trades[(bought >= first_day) & (bought < end_day)].reset_index(drop=True)


def _april(trades: pd.DataFrame) -> pd.DataFrame:
    return _bought_in(trades, dt.date(2024, 4, 1), dt.date(2024, 5, 1))


def _no_spark():
    raise AssertionError("the run is read on the driver")


def _run_and_reference(location, market: pd.DataFrame, first_day: dt.date, end_day: dt.date,
                       params: MonthlyMaDipParams) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The run's buys in its window, and the reference's over the whole history up to its end."""
    run = monthly_ma_dip_run(_no_spark, location, first_day.isoformat(), end_day.isoformat(), params)
    expected = monthly_ma_dip_reference(market[market["date"] < end_day], params)
    return _bought_in(run.trades.to_pandas(), first_day, end_day), _bought_in(expected, first_day, end_day)


def test_a_month_reads_each_file_once_on_the_driver(local_lake, tmp_path):
    lake, market = _logged_lake(local_lake, tmp_path)

    def no_spark():
        raise AssertionError("a month is read on the driver")

    run = monthly_ma_dip_run(no_spark, lake, "2024-04-01", "2024-05-01", PARAMS)
    assert len(run.run_dates) == 22 and len(run.lookback_dates) == 32  # the gappy tickers walk two steps
    _assert_read_once(lake, run)
    _same_as_one_read_of_all_dates(local_lake, run)

    # And the month's entries are exact: what the whole history up to the month's end gives.
    expected = _april(monthly_ma_dip_reference(market[market["date"] < dt.date(2024, 5, 1)], PARAMS))
    assert len(expected) > 5
    assert_same_trades(_april(run.trades.to_pandas()), expected)


@pytest.mark.spark
def test_months_read_by_spark_tasks_read_each_file_once(spark, local_lake, tmp_path):
    lake, market = _logged_lake(local_lake, tmp_path)
    run = monthly_ma_dip_run(lambda: spark, lake, "2024-03-01", "2024-06-01", PARAMS)
    assert len(run.run_dates) > DRIVER_RUN_MAX_DATES and run.lookback_dates
    _assert_read_once(lake, run)  # the workers' opens are in the log too
    _same_as_one_read_of_all_dates(local_lake, run)

    # And the months' entries are exact: what the whole history up to the run's end gives.
    first_day, end_day = dt.date(2024, 3, 1), dt.date(2024, 6, 1)
    expected = _bought_in(monthly_ma_dip_reference(market[market["date"] < end_day], PARAMS), first_day, end_day)
    assert len(expected) > 15
    assert_same_trades(_bought_in(run.trades.to_pandas(), first_day, end_day), expected)


def test_a_ticker_new_to_a_later_month_of_the_run_gets_its_lookback(local_lake):
    # S trades five days in January, twice in February and buys on March's first trading day: a
    # Feb-Mar run holds two of the seven rows before that buy, so it must look back for S as well,
    # though S is absent on the run's first day.
    d = dt.date
    rows = [(x, "A", "S0", 50.0 + i % 3) for i, x in enumerate(pd.bdate_range("2024-01-01", "2024-03-29").date)]
    rows += [(x, "S", "S1", p) for x, p in [(d(2024, 1, 2), 1.0), (d(2024, 1, 3), 1.0), (d(2024, 1, 4), 1.0),
                                            (d(2024, 1, 5), 1.0), (d(2024, 1, 8), 1.0), (d(2024, 2, 15), 10.0),
                                            (d(2024, 2, 20), 10.0), (d(2024, 3, 1), 12.0)]]
    market = pd.DataFrame(rows, columns=["date", "ticker", "sector", "adj_close"])
    write_lake(local_lake, market)
    params = MonthlyMaDipParams(window=7)

    feb_mar, expected = _run_and_reference(local_lake, market, d(2024, 2, 1), d(2024, 4, 1), params)
    assert ("S", d(2024, 3, 1)) in set(zip(expected["ticker"], expected["purchase_date"]))
    assert_same_trades(feb_mar, expected)
    march, _ = _run_and_reference(local_lake, market, d(2024, 3, 1), d(2024, 4, 1), params)
    assert_same_trades(_bought_in(feb_mar, d(2024, 3, 1), d(2024, 4, 1)), march)


DAYS = pd.bdate_range("2024-01-01", periods=150).date  # January to July 2024
FIRST_DAYS = [i for i in range(len(DAYS)) if i == 0 or DAYS[i].month != DAYS[i - 1].month]


@st.composite
def runs(draw) -> tuple[pd.DataFrame, dt.date, dt.date, MonthlyMaDipParams]:
    """A run of one to four months of a market over DAYS, and its params. The few tickers trade
    daily from some day on, or sparsely: a burst, a few days and some months' first days, rarely
    the run's first, so that a later month's buy after a gap, with history before the run, is common."""
    # Hypothesis favours the first choices: a start mid-history and long runs have most to get wrong.
    start, months = draw(st.sampled_from([4, 3, 5, 2, 6, 1, 7])), 5 - draw(st.integers(1, 4))
    first_day = dt.date(2024, start, 1)
    end_day = dt.date(2024 + (start + months - 1) // 12, (start + months - 1) % 12 + 1, 1)
    rows = []
    for t in range(draw(st.sampled_from([3, 2, 4, 1]))):  # not T0 alone first: it cannot go wrong
        if t == 0 or draw(st.integers(0, 3)) == 3:  # not 0: hypothesis favours it
            # T0 trades every day from the start: the run's first day is its first month's.
            days = set(range(0 if t == 0 else draw(st.integers(0, len(DAYS) - 1)), len(DAYS)))
        else:
            # A burst of rows before the run (or anywhere), and a few rows anywhere.
            burst = draw(st.integers(0, max(FIRST_DAYS[start - 1] - 1, 0) or len(DAYS) - 1))
            days = set(range(burst, min(burst + draw(st.integers(1, 10)), len(DAYS))))
            days |= set(draw(st.lists(st.integers(0, len(DAYS) - 1), max_size=3)))
            days -= {FIRST_DAYS[start - 1]}
            on_first_days = draw(st.lists(st.booleans(), min_size=len(FIRST_DAYS), max_size=len(FIRST_DAYS)))
            on_first_days[start - 1] = draw(st.integers(0, 7)) == 7
            days |= {day for day, on in zip(FIRST_DAYS, on_first_days) if on}
        rng = np.random.default_rng(draw(st.integers(0, 2**16)))
        prices = np.exp(np.log(rng.uniform(0.5, 500)) + np.cumsum(rng.normal(0, 0.1, len(DAYS))))
        prices = np.where(rng.random(len(DAYS)) < 0.05, 5000.0, prices)
        rows += [(DAYS[i], f"T{t}", f"S{t % 2}", float(prices[i])) for i in sorted(days)]
    market = pd.DataFrame(rows, columns=["date", "ticker", "sector", "adj_close"])
    window = 11 - draw(st.integers(1, 10))  # wide windows first: they need the most history
    return market, first_day, end_day, MonthlyMaDipParams(window=window)


# About one example in ten has a later month's buy that a look-back from the first day alone misses.
@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(case=runs())
def test_a_run_of_any_months_buys_what_the_whole_history_does(case):
    market, first_day, end_day, params = case
    with tempfile.TemporaryDirectory() as directory, \
            mock.patch.object(entries, "DRIVER_RUN_MAX_DATES", len(DAYS)):  # the run is read here, however long
        lake = LakeLocation(url=directory)
        write_lake(lake, market)
        run, expected = _run_and_reference(lake, market, first_day, end_day, params)
    assert_same_trades(run, expected)
