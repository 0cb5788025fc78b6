"""Backtest results: a strategy run on Spark over every price in the lake, loaded into Postgres."""

from dataclasses import asdict

from dagster import AssetExecutionContext, AssetIn, Config, MaterializeResult, MetadataValue, asset

from backintime_assets.db.schema import ensure_schema
from backintime_assets.db.trades import replace_trades
from backintime_assets.metadata import markdown_table
from backintime_assets.resources import PostgresResource
from backintime_assets.strategies.monthly_ma_dip_spark import monthly_ma_dip_spark
from backintime_assets.strategies.params import MonthlyMaDipParams


class MonthlyMaDipConfig(Config):
    strategy_name: str = "monthly_ma_dip"
    amount: float = 100.0
    window: int = 7
    min_price: float = 0.1
    max_price: float = 1000.0


@asset(
    group_name="backtests",
    ins={"prices": AssetIn()},
    kinds={"spark", "postgres"},
    description="Trades of the monthly moving-average dip strategy over the whole price history (`backtest_trades`).",
)
def backtest_trades(context: AssetExecutionContext, config: MonthlyMaDipConfig, prices, results_db: PostgresResource) -> MaterializeResult:
    params = MonthlyMaDipParams(amount=config.amount, window=config.window, min_price=config.min_price, max_price=config.max_price)
    trades = monthly_ma_dip_spark(prices, params).toPandas()
    trades["strategy"] = config.strategy_name
    with results_db.connect() as conn:
        ensure_schema(conn)
        loaded = replace_trades(conn, config.strategy_name, trades, asdict(params))
        conn.commit()
    return MaterializeResult(metadata={
        "dagster/row_count": loaded,
        "tickers": int(trades["ticker"].nunique()) if loaded else 0,
        "total_pnl": float(trades["pnl"].sum()) if loaded else 0.0,
        "preview": MetadataValue.md(markdown_table(trades)),
    })
