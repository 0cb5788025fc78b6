"""A strategy written by a user as Spark SQL over a temporary view named `prices`."""
from __future__ import annotations

from dataclasses import dataclass

from pyspark.errors import PySparkException
from pyspark.sql import DataFrame

from backintime_assets.strategies.base import StrategyError, conform_trades

PRICES_VIEW = "prices"


@dataclass(frozen=True)
class SqlStrategy:
    """`sql` must return the trades columns (see conform_trades); its `strategy` column, if any,
    is replaced by `name`.

    The view `prices` is registered in the session for the duration of the call, so two SQL
    strategies must not run at the same time in one SparkSession.
    """

    name: str
    sql: str
    params: None = None

    def run_spark(self, prices: DataFrame) -> DataFrame:
        spark = prices.sparkSession
        prices.createOrReplaceTempView(PRICES_VIEW)
        try:
            # Analysis is eager, so the result keeps its plan after the view is dropped.
            result = spark.sql(self.sql)
        except PySparkException as error:
            raise StrategyError(f"strategy {self.name!r}: its SQL does not run: {error}") from error
        finally:
            spark.catalog.dropTempView(PRICES_VIEW)
        return conform_trades(result, self.name)
