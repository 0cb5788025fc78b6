"""`monthly_ma_dip` on Spark, in two versions that must give the same trades as the numpy reference.

`monthly_ma_dip_spark_windows` is the direct translation: window functions over every ticker's full
history. It shuffles and sorts every row.

`monthly_ma_dip_spark` avoids that. Only the first trading day of a month can buy, and a ticker
that traded on each of the market's last 8 trading days up to a buy date has exactly those days
as its moving-average window. So it gathers just those prices, as one row per ticker and buy date
built by a map-side partial aggregation, and sends only the tickers that lack some of those days
(late listings, missing days, prices out of bounds) through the window version.
bench/bench_backtest.py measures both.

Both sum a window's prices oldest first and divide by the row count, as Spark's sliding `avg`
does, so ties (`ma == previous_close`) fall the same way as in the reference.
"""
from __future__ import annotations

import datetime
from dataclasses import dataclass
from functools import reduce

from pyspark.sql import Column, DataFrame, Window
from pyspark.sql import functions as F

from backintime_assets.strategies.params import MonthlyMaDipParams
from backintime_assets.strategies.trades import TRADE_COLUMNS

STRATEGY_NAME = "monthly_ma_dip"
LOOKBACK_SCHEMA = "date date, buy_date date, buy_rank int, slot int"


def monthly_ma_dip_spark(prices: DataFrame, params: MonthlyMaDipParams = MonthlyMaDipParams()) -> DataFrame:
    """Trades (TRADE_COLUMNS) of `prices` (date, ticker, sector, adj_close; one row per ticker and date).

    Runs two Spark jobs before returning: the market's dates and sectors, and the buy-date
    windows (kept as a local checkpoint). The trades themselves are lazy: one more pass for the
    last closes and, if some ticker has gaps, one over those tickers' full histories.
    """
    spark = prices.sparkSession
    kept = _within_bounds(prices, params)
    market = _MarketSummary.of(kept)
    # One slot for the previous close even when the average covers the current row alone.
    slots = max(params.window, 1) + 1
    lookback = spark.createDataFrame(_lookback_rows(market.dates, slots), LOOKBACK_SCHEMA)
    sectors = spark.createDataFrame(list(enumerate(market.sectors)), "sector_id int, sector string")

    windows = _buy_date_windows(kept, lookback, sectors, slots).localCheckpoint(eager=True)
    # Complete: the ticker traded on every market day of the lookback, so those days are its window.
    complete = F.col("n") == F.least(F.col("buy_rank"), F.lit(slots))
    counted = F.least(F.col("buy_rank"), F.lit(params.window + 1)).cast("double")
    features = (
        windows.where(complete)
        .join(F.broadcast(sectors), "sector_id", "left")
        .select(
            "ticker",
            "sector",
            F.col("buy_date").alias("date"),
            F.col("p0").alias("adj_close"),
            (_oldest_first_sum(params.window) / counted).alias("ma"),
            F.coalesce(F.col("p1"), F.lit(0.0)).alias("previous_close"),
        )
    )
    incomplete = windows.where(~complete).select("ticker", F.col("buy_date").alias("date"))
    gappy_tickers = [row.ticker for row in incomplete.select("ticker").distinct().collect()]
    if gappy_tickers:
        # Their windows may reach back past the market's last days: full history, these tickers only.
        history = _window_features(kept.where(F.col("ticker").isin(gappy_tickers)), params)
        features = features.unionByName(history.join(incomplete, ["ticker", "date"], "left_semi"))
    buys = features.where(F.col("ma") < F.col("previous_close"))
    return _trades(buys, _last_closes(kept), params)


def monthly_ma_dip_spark_windows(prices: DataFrame, params: MonthlyMaDipParams = MonthlyMaDipParams()) -> DataFrame:
    """The same trades from plain window functions over all rows: simple, lazy, and slow."""
    kept = _within_bounds(prices, params)
    first_days = kept.groupBy(F.trunc("date", "month")).agg(F.min("date").alias("date"))
    features = _window_features(kept, params).join(F.broadcast(first_days.select("date")), "date", "left_semi")
    buys = features.where(F.col("ma") < F.col("previous_close"))
    return _trades(buys, _last_closes(kept), params)


def _within_bounds(prices: DataFrame, params: MonthlyMaDipParams) -> DataFrame:
    price = F.col("adj_close").cast("double")
    usable = price.between(params.min_price, params.max_price) & F.col("ticker").isNotNull() & F.col("date").isNotNull()
    return prices.where(usable).select(
        F.col("ticker").cast("string"), F.col("sector").cast("string"), F.col("date").cast("date"), price.alias("adj_close")
    )


@dataclass(frozen=True)
class _MarketSummary:
    dates: list[datetime.date]  # every date with a usable price, ascending
    sectors: list[str | None]

    @classmethod
    def of(cls, kept: DataFrame) -> _MarketSummary:
        # One pass for both; there are only dates x sectors pairs (thousands x tens).
        pairs = kept.select("date", "sector").distinct().collect()
        return cls(dates=sorted({r.date for r in pairs}), sectors=sorted({r.sector for r in pairs}, key=str))


def _lookback_rows(dates: list[datetime.date], slots: int) -> list[tuple]:
    """(date, buy_date, buy_rank, slot) for each buy date (slot 0) and the market days before
    it (slot k: k days back), `slots` rows at most; buy_rank is the buy date's 1-based rank."""
    rows = []
    for rank, day in enumerate(dates, start=1):
        if rank > 1 and (day.year, day.month) == (dates[rank - 2].year, dates[rank - 2].month):
            continue
        # A month shorter than the lookback puts a day in two buy dates' rows.
        rows += [(dates[rank - 1 - k], day, rank, k) for k in range(min(slots, rank))]
    return rows


def _buy_date_windows(kept: DataFrame, lookback: DataFrame, sectors: DataFrame, slots: int) -> DataFrame:
    """Per ticker trading on a buy date: its prices on that day and the market days before it as
    p0, p1, ... (null where it has none), how many it has (`n`) and its sector's id that day."""
    rows = kept.join(F.broadcast(lookback), "date").join(F.broadcast(sectors), "sector", "left")

    def on_slot(k: int, column: str) -> Column:
        # A ticker has one row per date, so max() just picks the slot's only value.
        return F.max(F.when(F.col("slot") == k, F.col(column)))

    # Numeric buffers (hence sector ids, not names) keep this a hash aggregation, partial on the
    # map side: one row per ticker and buy date leaves each task rather than one per price.
    windows = rows.groupBy("ticker", "buy_date", "buy_rank").agg(
        F.count("*").alias("n"),
        on_slot(0, "sector_id").alias("sector_id"),
        *[on_slot(k, "adj_close").alias(f"p{k}") for k in range(slots)],
    )
    return windows.where(F.col("p0").isNotNull())


def _oldest_first_sum(window: int) -> Column:
    """((0.0 + p_window) + ...) + p1) + p0; absent slots add 0.0, which is exact."""
    terms = [F.coalesce(F.col(f"p{k}"), F.lit(0.0)) for k in range(window, 0, -1)] + [F.col("p0")]
    return reduce(lambda total, term: total + term, terms, F.lit(0.0))


def _window_features(kept: DataFrame, params: MonthlyMaDipParams) -> DataFrame:
    by_date = Window.partitionBy("ticker").orderBy("date")
    return kept.select(
        "ticker",
        "sector",
        "date",
        "adj_close",
        F.avg("adj_close").over(by_date.rowsBetween(-params.window, Window.currentRow)).alias("ma"),
        F.lag("adj_close", 1, 0.0).over(by_date).alias("previous_close"),
    )


def _last_closes(kept: DataFrame) -> DataFrame:
    return kept.groupBy("ticker").agg(F.max_by("adj_close", "date").alias("last_close"))


def _trades(buys: DataFrame, last_closes: DataFrame, params: MonthlyMaDipParams) -> DataFrame:
    vol = F.lit(float(params.amount)) / F.col("adj_close")
    return buys.join(last_closes, "ticker").select(
        F.lit(STRATEGY_NAME).alias("strategy"),
        "ticker",
        "sector",
        F.col("date").alias("purchase_date"),
        F.col("adj_close").alias("purchase_price"),
        vol.alias("purchase_vol"),
        "last_close",
        ((F.col("last_close") - F.col("adj_close")) * vol).alias("pnl"),
    ).select(*TRADE_COLUMNS)
