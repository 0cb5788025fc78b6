import datetime

import pytest

from backintime_assets.strategies import EXIT_COLUMNS, TRADE_COLUMNS, conform_trades, with_exit_columns

pytestmark = pytest.mark.spark

ROW = ("x", "A", "Tech", datetime.date(2024, 1, 2), 2.0, 50.0, 3.0, 50.0)


def test_with_exit_columns_adds_typed_nulls(spark):
    types = ["string"] * 3 + ["date"] + ["double"] * 4
    trades = spark.createDataFrame([ROW], ", ".join(f"{c} {t}" for c, t in zip(TRADE_COLUMNS, types)))
    full = with_exit_columns(trades)
    assert full.columns == TRADE_COLUMNS + EXIT_COLUMNS
    assert dict(full.dtypes)["exit_date"] == "date" and dict(full.dtypes)["exit_price"] == "double"
    assert full.collect()[0].exit_price is None


def test_with_exit_columns_keeps_real_exits(spark):
    schema = "strategy string, ticker string, sector string, purchase_date date, purchase_price double, " \
             "purchase_vol double, last_close double, pnl double, exit_date date, exit_price double"
    trades = spark.createDataFrame([ROW + (datetime.date(2024, 2, 1), 4.0)], schema)
    assert with_exit_columns(trades).collect()[0].exit_price == 4.0


def test_conform_trades_orders_columns_and_names_the_strategy(spark):
    schema = "pnl double, ticker string, sector string, purchase_date date, purchase_price double, " \
             "purchase_vol double, last_close double"
    trades = spark.createDataFrame([(50.0, "A", "Tech", datetime.date(2024, 1, 2), 2.0, 50.0, 3.0)], schema)
    conformed = conform_trades(trades, "mine")
    assert conformed.columns == TRADE_COLUMNS
    assert conformed.collect()[0].strategy == "mine"
