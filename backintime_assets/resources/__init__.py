"""Typed Dagster resources: Spark, the results database, the lake and the source folder."""
from backintime_assets.resources.lake import LakeResource, SourceFolderResource
from backintime_assets.resources.postgres import PostgresResource
from backintime_assets.resources.spark import SparkResource

__all__ = ["LakeResource", "PostgresResource", "SourceFolderResource", "SparkResource"]
