from __future__ import annotations

import datetime

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from backintime_assets.strategies import (
    TRADE_COLUMNS,
    MonthlyMaDipParams,
    monthly_ma_dip_reference,
    monthly_ma_dip_spark,
)
from backintime_assets_tests.strategies.markets import (
    HAND_PARAMS,
    HAND_TRADES,
    PRICE_COLUMNS,
    assert_same_trades,
    hand_market,
    identical_prices_market,
    markets,
    side_by_side,
    to_spark,
    window_market,
)

pytestmark = pytest.mark.spark


def dense_market(tickers: int = 6, seed: int = 1) -> pd.DataFrame:
    """Every ticker on every business day for four months: no gaps anywhere."""
    rng = np.random.default_rng(seed)
    days = pd.bdate_range("2023-11-27", "2024-03-08").date
    rows = [
        (day, f"R{t}", "Tech" if t % 2 else "Energy", float(price))
        for t in range(tickers)
        for day, price in zip(days, np.round(rng.uniform(5, 15, len(days)), 2))
    ]
    return pd.DataFrame(rows, columns=PRICE_COLUMNS)


def test_hand_computed_market(spark):
    trades = monthly_ma_dip_spark(to_spark(spark, hand_market()), HAND_PARAMS)
    assert trades.columns == TRADE_COLUMNS
    assert dict(trades.dtypes)["purchase_date"] == "date"
    assert all(dict(trades.dtypes)[c] == "double" for c in ["purchase_price", "purchase_vol", "last_close", "pnl"])
    assert_same_trades(trades.toPandas(), HAND_TRADES)


@pytest.mark.parametrize("window, buys", [(1, 1), (2, 0)])
def test_window_counts_rows_before_the_current_one(spark, window, buys):
    assert monthly_ma_dip_spark(to_spark(spark, window_market()), MonthlyMaDipParams(window=window)).count() == buys


def test_regular_market(spark):
    market = dense_market()
    trades = monthly_ma_dip_spark(to_spark(spark, market)).toPandas()
    assert len(trades) > 0
    assert_same_trades(trades, monthly_ma_dip_reference(market))


def test_gappy_tickers_mixed_with_regular_ones(spark):
    market = dense_market()
    late = market[(market["ticker"] == "R0") & (market["date"] >= datetime.date(2024, 1, 25))].assign(ticker="LATE")
    holes = market[(market["ticker"] == "R1") & (market["date"] != datetime.date(2024, 2, 27))].assign(ticker="HOLES")
    spike = market[market["ticker"] == "R2"].assign(ticker="SPIKE")
    spike.loc[spike["date"] == datetime.date(2024, 1, 30), "adj_close"] = 5000.0
    combined = pd.concat([market, late, holes, spike], ignore_index=True)
    trades = monthly_ma_dip_spark(to_spark(spark, combined)).toPandas()
    assert {"LATE", "HOLES", "SPIKE"} & set(trades["ticker"])
    assert_same_trades(trades, monthly_ma_dip_reference(combined))


def test_eight_identical_prices_buy_on_spark_too(spark):
    trades = monthly_ma_dip_spark(to_spark(spark, identical_prices_market())).toPandas()
    assert trades["purchase_date"].tolist() == [datetime.date(2024, 2, 1)]


def test_no_usable_rows_gives_no_trades(spark):
    out_of_bounds = pd.DataFrame([(datetime.date(2024, 1, 2), "A", "S", 5000.0)], columns=PRICE_COLUMNS)
    for prices in (out_of_bounds, out_of_bounds.iloc[:0]):
        trades = monthly_ma_dip_spark(to_spark(spark, prices))
        assert trades.columns == TRADE_COLUMNS
        assert trades.count() == 0


def test_rows_without_ticker_or_date_are_ignored(spark):
    junk = pd.DataFrame(
        [(None, "A", "Tech", 1.0), (datetime.date(2024, 1, 1), None, "Tech", 1.0)], columns=PRICE_COLUMNS
    )
    prices = to_spark(spark, pd.concat([hand_market(), junk], ignore_index=True))
    assert_same_trades(monthly_ma_dip_spark(prices, HAND_PARAMS).toPandas(), HAND_TRADES)


# Spark costs seconds per call, so each example is a batch of markets run as one job.
@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(batch=st.lists(markets(), min_size=3, max_size=12), window=st.integers(0, 8))
def test_spark_matches_reference_on_random_markets(spark, batch, window):
    prices = side_by_side(batch)
    params = MonthlyMaDipParams(window=window)
    expected = monthly_ma_dip_reference(prices, params)
    assert_same_trades(monthly_ma_dip_spark(to_spark(spark, prices), params).toPandas(), expected)
