import datetime

import pytest

from backintime_assets.strategies import TRADE_COLUMNS, SqlStrategy, Strategy, StrategyError, TradesShapeError
from backintime_assets_tests.strategies.markets import hand_market, to_spark

pytestmark = pytest.mark.spark

# Buys 100 of every ticker on its first usable day.
FIRST_DAY_SQL = """
select ticker, sector, date as purchase_date, adj_close as purchase_price, 100 / adj_close as purchase_vol,
       last_close, (last_close - adj_close) * (100 / adj_close) as pnl
from (
    select *, row_number() over (partition by ticker order by date) as n,
           last(adj_close) over (partition by ticker order by date
                                 rows between unbounded preceding and unbounded following) as last_close
    from prices where adj_close between 0.1 and 1000
)
where n = 1
"""


def test_runs_sql_over_the_prices_view(spark):
    strategy = SqlStrategy("buy_first_day", FIRST_DAY_SQL)
    assert isinstance(strategy, Strategy)
    trades = strategy.run_spark(to_spark(spark, hand_market()))
    assert trades.columns == TRADE_COLUMNS
    rows = {r.ticker: r for r in trades.collect()}
    assert set(rows) == {"A", "B", "C", "D"}
    assert rows["A"].strategy == "buy_first_day"
    assert rows["A"].purchase_date == datetime.date(2024, 1, 2)
    assert (rows["B"].purchase_price, rows["B"].last_close, rows["B"].pnl) == (50.0, 70.0, 40.0)
    # D's first row (1500) is out of bounds; its only usable row is Mar 5.
    assert rows["D"].purchase_date == datetime.date(2024, 3, 5)


def test_view_is_dropped_and_result_stays_usable(spark):
    trades = SqlStrategy("s", FIRST_DAY_SQL).run_spark(to_spark(spark, hand_market()))
    assert not spark.catalog.tableExists("prices")
    assert trades.count() == 4


def test_types_are_converted_and_exit_columns_kept(spark):
    sql = """select 'ignored' as strategy, ticker, sector, cast(date as string) as purchase_date,
                    cast(adj_close as int) as purchase_price, 1 as purchase_vol, adj_close as last_close, 0 as pnl,
                    date as exit_date, adj_close as exit_price
             from prices where ticker = 'B'"""
    trades = SqlStrategy("typed", sql).run_spark(to_spark(spark, hand_market()))
    assert dict(trades.dtypes) == {
        "strategy": "string", "ticker": "string", "sector": "string", "purchase_date": "date",
        "purchase_price": "double", "purchase_vol": "double", "last_close": "double", "pnl": "double",
        "exit_date": "date", "exit_price": "double",
    }  # fmt: skip
    assert {r.strategy for r in trades.collect()} == {"typed"}


def test_missing_and_unexpected_columns_are_named(spark):
    sql = "select ticker, date as purchase_day from prices"
    with pytest.raises(TradesShapeError) as error:
        SqlStrategy("broken", sql).run_spark(to_spark(spark, hand_market()))
    message = str(error.value)
    assert "'broken'" in message
    assert "missing ['sector', 'purchase_date', 'purchase_price', 'purchase_vol', 'last_close', 'pnl']" in message
    assert "unexpected ['purchase_day']" in message


def test_unconvertible_column_is_named(spark):
    sql = """select ticker, sector, date as purchase_date, array(adj_close) as purchase_price,
                    1.0 as purchase_vol, 1.0 as last_close, 0.0 as pnl from prices"""
    with pytest.raises(TradesShapeError, match="'purchase_price' is array<double>"):
        SqlStrategy("arrays", sql).run_spark(to_spark(spark, hand_market()))


def test_bad_sql_says_which_strategy(spark):
    with pytest.raises(StrategyError, match="'typo'.*does not run"):
        SqlStrategy("typo", "selec * from prices").run_spark(to_spark(spark, hand_market()))
    assert not spark.catalog.tableExists("prices")
