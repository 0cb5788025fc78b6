"""Backtest strategies: pure functions from a prices DataFrame to trades, no Dagster.

`monthly_ma_dip` has a numpy reference (the oracle and speed baseline) and a Spark version;
`ma_crossover` and user SQL (`SqlStrategy`) run on Spark. All return TRADE_COLUMNS first.
"""
from backintime_assets.strategies.base import (
    Strategy,
    StrategyError,
    TradesShapeError,
    conform_trades,
    with_exit_columns,
)
from backintime_assets.strategies.ma_crossover import ma_crossover_spark
from backintime_assets.strategies.monthly_ma_dip_reference import monthly_ma_dip_reference
from backintime_assets.strategies.monthly_ma_dip_spark import monthly_ma_dip_spark
from backintime_assets.strategies.params import MaCrossoverParams, MonthlyMaDipParams
from backintime_assets.strategies.registry import STRATEGIES, MaCrossover, MonthlyMaDip, get_strategy
from backintime_assets.strategies.sql_strategy import SqlStrategy
from backintime_assets.strategies.trades import EXIT_COLUMNS, TRADE_COLUMNS

__all__ = [
    "EXIT_COLUMNS",
    "STRATEGIES",
    "TRADE_COLUMNS",
    "MaCrossover",
    "MaCrossoverParams",
    "MonthlyMaDip",
    "MonthlyMaDipParams",
    "SqlStrategy",
    "Strategy",
    "StrategyError",
    "TradesShapeError",
    "conform_trades",
    "get_strategy",
    "ma_crossover_spark",
    "monthly_ma_dip_reference",
    "monthly_ma_dip_spark",
    "with_exit_columns",
]
