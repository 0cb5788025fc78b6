"""What a strategy is to the rest of the platform, the check that holds any result to the common
trades shape, and the shape the built-in strategies' buys take."""
from __future__ import annotations

from typing import Any, Protocol, runtime_checkable

from pyspark.errors import AnalysisException
from pyspark.sql import DataFrame
from pyspark.sql import functions as F

from backintime_assets.strategies.trades import EXIT_COLUMNS, EXIT_SPARK_TYPES, TRADE_COLUMNS, TRADE_SPARK_TYPES


class StrategyError(ValueError):
    """A strategy cannot run as defined."""


class TradesShapeError(StrategyError):
    """A strategy returned columns other than the trades columns, or ones of unusable types."""


@runtime_checkable
class Strategy(Protocol):
    name: str
    params: Any  # a frozen dataclass of the strategy's settings, or None

    def run_spark(self, prices: DataFrame) -> DataFrame:
        """Trades of `prices` (canonical price columns): TRADE_COLUMNS, then EXIT_COLUMNS if it sells."""
        ...


def conform_trades(trades: DataFrame, strategy: str) -> DataFrame:
    """`trades` as TRADE_COLUMNS (+ any EXIT_COLUMNS it has) with their proper types, `strategy`
    set to this strategy's name; raises TradesShapeError naming what is missing or unusable."""
    columns = trades.columns
    missing = [c for c in TRADE_COLUMNS if c not in columns and c != "strategy"]
    unexpected = [c for c in columns if c not in TRADE_COLUMNS and c not in EXIT_COLUMNS]
    if missing or unexpected:
        problems = [f"missing {missing}"] if missing else []
        problems += [f"unexpected {unexpected}"] if unexpected else []
        raise TradesShapeError(
            f"strategy {strategy!r} returned columns {columns}: {'; '.join(problems)}. "
            f"Expected {TRADE_COLUMNS} (strategy may be left out) and optionally {EXIT_COLUMNS}."
        )
    types = {**TRADE_SPARK_TYPES, **EXIT_SPARK_TYPES}
    wanted = [c for c in TRADE_COLUMNS + EXIT_COLUMNS if c in columns or c == "strategy"]
    selected = []
    for column in wanted:
        expression = F.lit(strategy) if column == "strategy" else F.col(column).cast(types[column])
        try:
            # Casts are analysed on the spot, so an uncastable type fails here, by name.
            trades.select(expression)
        except AnalysisException as error:
            actual = dict(trades.dtypes).get(column)
            raise TradesShapeError(
                f"strategy {strategy!r}: column {column!r} is {actual}, which does not convert to {types[column]}"
            ) from error
        selected.append(expression.alias(column))
    return trades.select(*selected)


def with_exit_columns(trades: DataFrame) -> DataFrame:
    """Trades of any strategy in the full shape (TRADE_COLUMNS + EXIT_COLUMNS), exits null where
    the strategy never sells, so results of all strategies fit one table."""
    extra = [F.col(c) if c in trades.columns else F.lit(None).cast(EXIT_SPARK_TYPES[c]).alias(c) for c in EXIT_COLUMNS]
    return trades.select(*TRADE_COLUMNS, *extra)


def buy_trades(
    buys: DataFrame, strategy: str, amount: float, exit_price=None, extra: tuple[str, ...] = (),
) -> DataFrame:
    """TRADE_COLUMNS (then `extra`) of `buys` (ticker, sector, date, adj_close, last_close): each
    buys `amount` at that day's adj_close, and its pnl runs to `exit_price` (a column), or to
    last_close while that is null or not given."""
    vol = F.lit(float(amount)) / F.col("adj_close")
    sold_at = F.col("last_close") if exit_price is None else F.coalesce(exit_price, F.col("last_close"))
    return buys.select(
        F.lit(strategy).alias("strategy"),
        "ticker",
        "sector",
        F.col("date").alias("purchase_date"),
        F.col("adj_close").alias("purchase_price"),
        vol.alias("purchase_vol"),
        "last_close",
        ((sold_at - F.col("adj_close")) * vol).alias("pnl"),
        *extra,
    )
