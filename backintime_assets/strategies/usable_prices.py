"""The rows a strategy may use, in the types the Spark strategies compute with."""
from __future__ import annotations

from pyspark.sql import DataFrame
from pyspark.sql import functions as F


def within_bounds(prices: DataFrame, min_price: float, max_price: float) -> DataFrame:
    """ticker, sector, date, adj_close (double) of rows with a ticker, a date and
    min_price <= adj_close <= max_price (inclusive; NaN and null prices drop out)."""
    price = F.col("adj_close").cast("double")
    usable = price.between(min_price, max_price) & F.col("ticker").isNotNull() & F.col("date").isNotNull()
    return prices.where(usable).select(
        F.col("ticker").cast("string"),
        F.col("sector").cast("string"),
        F.col("date").cast("date"),
        price.alias("adj_close"),
    )
