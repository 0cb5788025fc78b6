"""Backtests of the other strategies: a built-in one (`ma_crossover`) or a user's Spark SQL over
`prices`, chosen and parameterised in the launchpad, recomputed over the whole history.

Results land in the same tables as `monthly_ma_dip`'s, under the strategy's name, so the view,
the summaries and the dashboard serve them alike; positions a strategy has sold are fixed at their
exit price, open ones are marked to the ticker's latest close.
"""
import datetime as dt
import json

from dagster import AssetExecutionContext, Config, MaterializeResult, MetadataValue, asset
from pydantic import Field

from backintime_assets.backtesting.closes import lake_last_closes
from backintime_assets.db import results
from backintime_assets.db.schema import ensure_schema
from backintime_assets.lake.schemas import PRICES
from backintime_assets.lake.tables import list_dates, read_dates
from backintime_assets.metadata import markdown_table
from backintime_assets.resources import LakeResource, PostgresResource, SparkResource
from backintime_assets.strategies import conform_trades, with_exit_columns
from backintime_assets.strategies.choice import choose_strategy


class StrategyBacktestConfig(Config):
    """Which strategy, under what name its results are stored, and its parameters."""

    strategy: str = Field(default="ma_crossover", description="`ma_crossover`, or `sql` for the SQL below")
    name: str = Field(default="", description="Name the results are stored under; the strategy's own when empty")
    sql: str = Field(default="", description="For `sql`: Spark SQL over the view `prices` returning the trades "
                                             "columns (ticker, sector, purchase_date, purchase_price, purchase_vol, "
                                             "last_close, pnl; optionally exit_date, exit_price)")
    fast: int = Field(default=10, description="ma_crossover: rows in the fast moving average")
    slow: int = Field(default=50, description="ma_crossover: rows in the slow moving average")
    amount: float = 100.0
    min_price: float = Field(default=0.1, description="Rows outside [min_price, max_price] are ignored, and open "
                                                      "positions are marked to the last close within them")
    max_price: float = 1000.0


@asset(
    group_name="backtests",
    deps=["prices"],
    kinds={"spark", "postgres"},
    description="Trades of `ma_crossover` or a user's Spark SQL strategy over the whole history, stored "
                "under the strategy's name in `backtest_entries`, with closes and summaries.",
)
def strategy_backtest(context: AssetExecutionContext, config: StrategyBacktestConfig, spark: SparkResource,
                      lake: LakeResource, results_db: PostgresResource) -> MaterializeResult:
    choice = choose_strategy(**config.model_dump())
    strategy, name, stored = choice.strategy, choice.name, choice.stored_params
    location = lake.location()
    dates = list_dates(location, "prices")
    prices = read_dates(spark.get_session(), location, "prices", PRICES, dates).cache()
    try:
        # Stored under `name`, whatever the strategy calls itself.
        trades = with_exit_columns(conform_trades(strategy.run_spark(prices), name)).toArrow()
    finally:
        prices.unpersist()
    closes = lake_last_closes(spark.get_session, location, dates, config.min_price, config.max_price)
    with results_db.connect() as conn:
        ensure_schema(conn)
        loaded = results.replace_all_entries(conn, name, trades, stored)
        if dates:
            # The whole history: closes of tickers no longer in it are taken away.
            span = (dt.date.fromisoformat(dates[0]), dt.date.fromisoformat(dates[-1]))
            results.upsert_latest_close(conn, name, closes, span)
        counts = results.refresh_summaries(conn, name)
        total, pnl, unmarked, _ = results.trades_overview(conn, name)
    context.log.info(f"{name}: {loaded} trades over {len(dates)} dates")
    return MaterializeResult(metadata={
        "dagster/row_count": loaded,
        "strategy": name,
        "params": MetadataValue.json(json.loads(json.dumps(stored))),
        "total_pnl": float(pnl),
        "open_without_close": unmarked,
        **{f"{table}_rows": n for table, n in counts.items()},
        "preview": MetadataValue.md(markdown_table(trades.slice(0, 10).to_pandas())),
    })
