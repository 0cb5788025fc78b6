"""Backtest results in Postgres, kept current cheaply as days arrive.

`backtest_entries` (one partition per month) holds the purchases, computed on Spark once a month
and its look-back are in; `latest_close` (one partition per day) holds what each ticker last
closed at; the `backtest_trades` view marks entries to those closes, and the summaries the
dashboard reads are rebuilt from it. A new day costs one day of closes, one month of entries and
the summaries, never the whole history.
"""
from dataclasses import asdict
from datetime import timedelta

import pandas as pd
import pyarrow.compute as pc

from dagster import (
    AssetDep, AssetExecutionContext, AssetSpec, BackfillPolicy, Config, MaterializeResult, MetadataValue,
    TimeWindowPartitionMapping, asset, multi_asset,
)

from backintime_assets.backtesting.closes import closes_before, lake_last_closes
from backintime_assets.backtesting.entries import monthly_ma_dip_run
from backintime_assets.db import results
from backintime_assets.db.schema import ensure_schema
from backintime_assets.lake.tables import list_dates
from backintime_assets.metadata import markdown_table
from backintime_assets.partitions import DATE_FORMAT, run_months, trade_date_partitions, trade_month_partitions
from backintime_assets.resources import LakeResource, PostgresResource, SparkResource
from backintime_assets.strategies import MonthlyMaDipParams


class MonthlyMaDipConfig(Config):
    """The strategy's parameters; they are stored with every result row."""

    strategy_name: str = "monthly_ma_dip"
    amount: float = 100.0
    window: int = 7
    min_price: float = 0.1
    max_price: float = 1000.0

    def params(self) -> MonthlyMaDipParams:
        return MonthlyMaDipParams(amount=self.amount, window=self.window, min_price=self.min_price,
                                  max_price=self.max_price)


@asset(
    group_name="backtests",
    partitions_def=trade_month_partitions,
    backfill_policy=BackfillPolicy.single_run(),
    deps=[AssetDep("prices", partition_mapping=TimeWindowPartitionMapping())],
    kinds={"spark", "postgres"},
    description="Purchases of the strategy per month (`backtest_entries`), computed from the month and its "
                "look-back: on Spark, one task per span of dates, or on the driver for a month or two.",
)
def backtest_entries(context: AssetExecutionContext, config: MonthlyMaDipConfig, spark: SparkResource,
                     lake: LakeResource, results_db: PostgresResource) -> MaterializeResult:
    months = run_months(context)
    window = context.partition_time_window
    first, last = window.start.strftime(DATE_FORMAT), window.end.strftime(DATE_FORMAT)
    run = monthly_ma_dip_run(spark.get_session, lake.location(), first, last, config.params())
    in_window = pc.and_(pc.greater_equal(run.trades["purchase_date"], window.start.date()),
                        pc.less(run.trades["purchase_date"], window.end.date()))
    entries = run.trades.filter(in_window)
    with results_db.connect() as conn:
        ensure_schema(conn)
        loaded = results.replace_entries(conn, config.strategy_name, months, entries, asdict(config.params()))
    return MaterializeResult(metadata={
        "dagster/row_count": loaded,
        "months": len(months),
        "price_dates_read": len(run.lookback_dates) + len(run.run_dates),
        "lookback_dates": len(run.lookback_dates),
        "preview": MetadataValue.md(markdown_table(entries.to_pandas())),
    })


@asset(
    group_name="backtests",
    partitions_def=trade_date_partitions,
    backfill_policy=BackfillPolicy.single_run(),
    deps=["prices"],
    kinds={"spark", "postgres"},
    description="Each ticker's latest in-bounds close (`latest_close`), advanced by each day of prices; "
                "a rerun of corrected days takes back closes those days no longer hold.",
)
def latest_close(context: AssetExecutionContext, config: MonthlyMaDipConfig, lake: LakeResource,
                 results_db: PostgresResource, spark: SparkResource) -> MaterializeResult:
    window = context.partition_time_window
    first, last = window.start.date(), window.end.date() - timedelta(days=1)
    location = lake.location()
    days = [d for d in list_dates(location, "prices") if first.isoformat() <= d <= last.isoformat()]
    closes = lake_last_closes(spark.get_session, location, days, config.min_price, config.max_price)

    def earlier(tickers: list[str]):
        # Tickers whose stored close a correction has taken away: their previous close.
        return closes_before(location, tickers, first.isoformat(), config.min_price, config.max_price)

    with results_db.connect() as conn:
        ensure_schema(conn)
        written = results.upsert_latest_close(conn, config.strategy_name, closes, (first, last), earlier)
    return MaterializeResult(metadata={"dagster/row_count": written, "tickers_seen": closes.num_rows})


# The view and the summaries it feeds: one step, since the summaries are rebuilt from the view.
MARKED_TRADES = ["backtest_trades", "sector_monthly_pnl", "ticker_pnl"]


@multi_asset(
    group_name="backtests",
    specs=[
        AssetSpec("backtest_trades", deps=[backtest_entries, latest_close], kinds={"postgres"},
                  description="Trades marked to the latest close: the `backtest_trades` view over "
                              "`backtest_entries` and `latest_close`."),
        AssetSpec("sector_monthly_pnl", deps=["backtest_trades"], kinds={"postgres"},
                  description="Trades, amount invested and pnl per strategy, sector and month, for the dashboard."),
        AssetSpec("ticker_pnl", deps=["backtest_trades"], kinds={"postgres"},
                  description="Trades, amount invested and pnl per strategy and ticker, for the dashboard."),
    ],
)
def backtest_trades(context: AssetExecutionContext, config: MonthlyMaDipConfig, results_db: PostgresResource):
    with results_db.connect() as conn:
        ensure_schema(conn)
        counts = results.refresh_summaries(conn, config.strategy_name)
        trades, pnl, unmarked, sample = results.trades_overview(conn, config.strategy_name)
    yield MaterializeResult(asset_key="backtest_trades", metadata={
        "dagster/row_count": trades,
        "total_pnl": float(pnl),
        "trades_without_close": unmarked,
        "preview": MetadataValue.md(markdown_table(pd.DataFrame(
            sample, columns=["ticker", "sector", "purchase_date", "purchase_price", "last_close", "pnl"]))),
    })
    for summary in MARKED_TRADES[1:]:
        yield MaterializeResult(asset_key=summary, metadata={"dagster/row_count": counts[summary],
                                                             "strategy": config.strategy_name})
