"""The prices a backtest run reads, as a Spark DataFrame: a month and its look-back (a few dozen
dates) are read on the driver into one small Arrow table, a longer history by the Spark tasks.

A daily run's entries need about 40 dates. Through the tasks they cost a round of Python workers
and a shuffle before the strategy even starts, about 2 s of its 5 s here (bench_incremental).
"""
from __future__ import annotations

import pyarrow as pa
from pyspark.sql import DataFrame
from pyspark.sql.pandas.types import from_arrow_schema

from backintime_assets.lake import LakeLocation
from backintime_assets.lake.schemas import PRICES
from backintime_assets.lake.tables import read_arrow, read_dates

DRIVER_READ_MAX_DATES = 64
# What the strategies use (see strategies/usable_prices.py), and nothing else.
STRATEGY_COLUMNS = pa.schema([PRICES.field("ticker"), PRICES.field("sector"), PRICES.field("adj_close")])


def read_prices(spark, location: LakeLocation, dates: list[str]) -> DataFrame:
    """The `prices` rows of `dates` with a `date` column; the columns beyond date, ticker, sector
    and adj_close only when the tasks read them."""
    if len(dates) > DRIVER_READ_MAX_DATES:
        return read_dates(spark, location, "prices", PRICES, dates)
    table = read_arrow(location, "prices", STRATEGY_COLUMNS, dates)
    schema = from_arrow_schema(table.schema)
    if table.num_rows == 0:
        return spark.createDataFrame([], schema)
    return spark.createDataFrame(table, schema)
