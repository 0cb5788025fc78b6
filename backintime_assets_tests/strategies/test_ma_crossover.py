from __future__ import annotations

import datetime

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from backintime_assets.strategies import EXIT_COLUMNS, TRADE_COLUMNS, MaCrossoverParams, ma_crossover_spark
from backintime_assets_tests.strategies.markets import PRICE_COLUMNS, markets, side_by_side, to_spark
from backintime_assets_tests.strategies.oracle import naive_ma_crossover

pytestmark = pytest.mark.spark
COLUMNS = TRADE_COLUMNS + EXIT_COLUMNS


def assert_same_round_trips(actual: pd.DataFrame, expected: pd.DataFrame) -> None:
    assert list(actual.columns) == COLUMNS
    key = ["ticker", "purchase_date"]
    actual, expected = (f.sort_values(key, ignore_index=True) for f in (actual, expected))
    exact = ["strategy", "ticker", "sector", "purchase_date", "purchase_price", "last_close", "exit_date"]

    def normalise(frame):  # NaN, NaT and None all mean "no exit"
        values = frame[exact + ["exit_price"]].astype(object)
        return values.where(values.notna(), None)

    assert normalise(actual).to_dict("records") == normalise(expected).to_dict("records")
    for column in ["purchase_vol", "pnl"]:
        np.testing.assert_allclose(actual[column].to_numpy(float), expected[column].to_numpy(float), rtol=0, atol=1e-9)


def day(n: int) -> datetime.date:
    return datetime.date(2024, 1, 1) + datetime.timedelta(days=n)


def hand_market() -> pd.DataFrame:
    """fast=2, slow=3. A: day 3 fast 11.5 > slow 11 (cross up, buy 13); day 5 fast 11.5 < slow 12
    (cross down, sell 9); day 7 fast 10 > slow 9.67 (buy 12, still open, last close 11).
    B never has 3 rows. C is A's first four days with an out-of-bounds row in between: it buys
    on its last row."""
    a = [10.0, 10.0, 10.0, 13.0, 14.0, 9.0, 8.0, 12.0, 11.0]
    rows = [(day(i), "A", "Tech", p) for i, p in enumerate(a)]
    rows += [(day(0), "B", "Energy", 5.0), (day(1), "B", "Energy", 50.0)]
    rows += [(day(i), "C", "Energy", p) for i, p in enumerate([10.0, 10.0, 5000.0, 10.0, 13.0])]
    return pd.DataFrame(rows, columns=PRICE_COLUMNS)


HAND_PARAMS = MaCrossoverParams(fast=2, slow=3)


def test_hand_computed_round_trips(spark):
    trades = ma_crossover_spark(to_spark(spark, hand_market()), HAND_PARAMS)
    assert trades.columns == COLUMNS
    assert dict(trades.dtypes)["exit_date"] == "date" and dict(trades.dtypes)["exit_price"] == "double"
    expected = pd.DataFrame(
        [
            ["ma_crossover", "A", "Tech", day(3), 13.0, 100 / 13, 11.0, (9.0 - 13.0) * 100 / 13, day(5), 9.0],
            ["ma_crossover", "A", "Tech", day(7), 12.0, 100 / 12, 11.0, (11.0 - 12.0) * 100 / 12, None, None],
            ["ma_crossover", "C", "Energy", day(4), 13.0, 100 / 13, 13.0, 0.0, None, None],
        ],
        columns=COLUMNS,
    )
    assert_same_round_trips(trades.toPandas(), expected)


def test_naive_oracle_agrees_on_hand_market(spark):
    expected = ma_crossover_spark(to_spark(spark, hand_market()), HAND_PARAMS).toPandas()
    assert_same_round_trips(naive_ma_crossover(hand_market(), HAND_PARAMS), expected)


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(batch=st.lists(markets(max_rows=40), min_size=3, max_size=12), fast=st.integers(1, 3), extra=st.integers(1, 4))
def test_spark_matches_naive_loop_on_random_markets(spark, batch, fast, extra):
    params = MaCrossoverParams(fast=fast, slow=fast + extra)
    prices = side_by_side(batch)
    trades = ma_crossover_spark(to_spark(spark, prices), params).toPandas()
    assert_same_round_trips(trades, naive_ma_crossover(prices, params))
