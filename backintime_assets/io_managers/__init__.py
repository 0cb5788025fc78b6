"""IO managers: Spark DataFrames to and from the date-partitioned Parquet lake."""
from backintime_assets.io_managers.lake_parquet import LakeParquetIOManager

__all__ = ["LakeParquetIOManager"]
