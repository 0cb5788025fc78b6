"""A run's monthly_ma_dip trades read every price file once, and match a read of all its dates."""
from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from backintime_assets.backtesting.entries import DRIVER_RUN_MAX_DATES, monthly_ma_dip_run
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


def _april(trades: pd.DataFrame) -> pd.DataFrame:
    bought = trades["purchase_date"]
    return trades[(bought >= dt.date(2024, 4, 1)) & (bought < dt.date(2024, 5, 1))].reset_index(drop=True)


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
    lake, _ = _logged_lake(local_lake, tmp_path)
    run = monthly_ma_dip_run(lambda: spark, lake, "2024-03-01", "2024-06-01", PARAMS)
    assert len(run.run_dates) > DRIVER_RUN_MAX_DATES and run.lookback_dates
    _assert_read_once(lake, run)  # the workers' opens are in the log too
    _same_as_one_read_of_all_dates(local_lake, run)
