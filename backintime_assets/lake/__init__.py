"""The Parquet lake: a local directory or an S3 bucket, reached the same way from driver and executors."""
from backintime_assets.lake.location import LakeLocation

__all__ = ["LakeLocation"]
