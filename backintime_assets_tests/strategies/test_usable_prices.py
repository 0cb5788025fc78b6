import datetime

import pytest

from backintime_assets.strategies.usable_prices import within_bounds

pytestmark = pytest.mark.spark
D = datetime.date(2024, 1, 2)


def test_keeps_prices_within_inclusive_bounds_with_ticker_and_date(spark):
    rows = [
        ("lo", D, 0.1), ("hi", D, 1000.0), ("below", D, 0.09999999999999999), ("above", D, 1000.0000000000001),
        ("nan", D, float("nan")), ("null", D, None), (None, D, 5.0), ("no_date", None, 5.0),
    ]  # fmt: skip
    prices = spark.createDataFrame(rows, "ticker string, date date, adj_close double").selectExpr("*", "'S' as sector")
    kept = within_bounds(prices, 0.1, 1000.0)
    assert kept.columns == ["ticker", "sector", "date", "adj_close"]
    assert sorted(r.ticker for r in kept.collect()) == ["hi", "lo"]


def test_casts_to_the_types_strategies_compute_with(spark):
    schema = "ticker string, sector string, date string, adj_close string"
    prices = spark.createDataFrame([("A", "S", "2024-01-02", "7")], schema)
    kept = within_bounds(prices, 1.0, 10.0)
    assert dict(kept.dtypes) == {"ticker": "string", "sector": "string", "date": "date", "adj_close": "double"}
    assert kept.collect()[0].adj_close == 7.0
