import datetime as dt

import pytest

from backintime_assets.backtesting import prices as backtest_prices
from backintime_assets.backtesting.prices import read_prices
from backintime_assets_tests.backtesting.lake_prices import business_days, put_prices

pytestmark = pytest.mark.spark
COLUMNS = ["date", "ticker", "sector", "adj_close"]


def test_driver_and_task_reads_give_the_same_rows(spark, local_lake, monkeypatch):
    days = business_days(dt.date(2025, 1, 2), 5)
    for i, day in enumerate(days):
        put_prices(local_lake, day, [("A", 1.0 + i), ("B", 2.5)])
    on_driver = read_prices(spark, local_lake, days)
    monkeypatch.setattr(backtest_prices, "DRIVER_READ_MAX_DATES", 0)
    by_tasks = read_prices(spark, local_lake, days)
    assert sorted(on_driver.select(COLUMNS).collect()) == sorted(by_tasks.select(COLUMNS).collect())
    assert len(on_driver.collect()) == 10
    assert dict(on_driver.dtypes) == {c: t for c, t in by_tasks.dtypes if c in COLUMNS}
    assert read_prices(spark, local_lake, []).count() == 0
