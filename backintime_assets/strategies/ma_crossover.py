"""`ma_crossover` on Spark: buy when the fast moving average crosses above the slow one, sell when
it crosses back below.

Per ticker, ordered by date, after the same price bounds as `monthly_ma_dip`: `fast_ma` and
`slow_ma` are the means of adj_close over the last `fast` and `slow` rows (current row included).
Both count only from the ticker's `slow`-th row on, so a short history cannot fake a cross. A cross
above is a row where fast_ma > slow_ma while on the previous row it was not; a cross below is the
reverse. Each cross above buys `amount` at that day's adj_close; the position closes at the next
cross below (exit_date, exit_price) or stays open (both null) with pnl marked to last_close.
"""
from __future__ import annotations

from pyspark.sql import DataFrame, Window
from pyspark.sql import functions as F

from backintime_assets.strategies.base import buy_trades
from backintime_assets.strategies.params import MaCrossoverParams
from backintime_assets.strategies.trades import EXIT_COLUMNS
from backintime_assets.strategies.usable_prices import within_bounds

STRATEGY_NAME = "ma_crossover"


def ma_crossover_spark(prices: DataFrame, params: MaCrossoverParams = MaCrossoverParams()) -> DataFrame:
    """Trades of `prices` (date, ticker, sector, adj_close): TRADE_COLUMNS + exit_date, exit_price."""
    kept = within_bounds(prices, params.min_price, params.max_price)

    by_date = Window.partitionBy("ticker").orderBy("date")
    averaged = kept.select(
        "*",
        F.row_number().over(by_date).alias("row"),
        F.avg("adj_close").over(by_date.rowsBetween(1 - params.fast, Window.currentRow)).alias("fast_ma"),
        F.avg("adj_close").over(by_date.rowsBetween(1 - params.slow, Window.currentRow)).alias("slow_ma"),
        F.last("adj_close").over(by_date.rowsBetween(Window.unboundedPreceding, Window.unboundedFollowing)).alias(
            "last_close"
        ),
    )
    # Null until the slow average has a full window.
    above = F.when(F.col("row") >= params.slow, F.col("fast_ma") > F.col("slow_ma"))
    flagged = averaged.select("*", above.alias("above")).select("*", F.lag("above").over(by_date).alias("was_above"))
    # Crosses strictly alternate up and down, so a buy's exit is simply the next cross.
    crosses = flagged.where(F.col("above") != F.col("was_above"))
    paired = crosses.select(
        "*",
        F.lead("date").over(by_date).alias("exit_date"),
        F.lead("adj_close").over(by_date).alias("exit_price"),
    ).where("above")

    return buy_trades(paired, STRATEGY_NAME, params.amount, F.col("exit_price"), extra=tuple(EXIT_COLUMNS))
