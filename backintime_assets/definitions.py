"""The one Definitions object: assets, jobs, sensors and resources built from the environment."""
from __future__ import annotations

import os

from dagster import Definitions, EnvVar

from backintime_assets.assets.backtests import backtest_entries, backtest_trades, latest_close
from backintime_assets.assets.lake import prices_and_rejections
from backintime_assets.assets.raw import raw_price_files
from backintime_assets.assets.schemas import file_schemas_asset
from backintime_assets.assets.source import simulated_price_files
from backintime_assets.assets.strategy_backtests import strategy_backtest
from backintime_assets.io_managers import LakeParquetIOManager
from backintime_assets.jobs import JOBS
from backintime_assets.resources import LakeResource, PostgresResource, SourceFolderResource, SparkResource
from backintime_assets.sensors import raw_changes_sensor, source_folder_sensor
from backintime_assets.settings import Settings


def _secret(name: str, value: str | None):
    """An EnvVar when the value came from the environment, so the UI never shows it."""
    if value and os.environ.get(name) == value:
        return EnvVar(name)
    return value or ""


def build_resources(settings: Settings) -> dict:
    spark = SparkResource(master=settings.spark_master, event_log_dir=str(settings.spark_event_log_dir))
    lake = LakeResource(
        url=settings.lake_url,
        s3_endpoint_url=settings.s3_endpoint_url or "",
        s3_access_key_id=_secret("BACKINTIME_S3_ACCESS_KEY_ID", settings.s3_access_key_id),
        s3_secret_access_key=_secret("BACKINTIME_S3_SECRET_ACCESS_KEY", settings.s3_secret_access_key),
        s3_region=settings.s3_region,
    )
    return {
        "spark": spark,
        "lake": lake,
        "results_db": PostgresResource(
            url=_secret("BACKINTIME_POSTGRES_URL", settings.postgres_url), embedded_dir=str(settings.postgres_dir)),
        "source_folder": SourceFolderResource(path=str(settings.source_dir)),
        "lake_io_manager": LakeParquetIOManager(lake=lake, spark=spark),
    }


ASSETS = [
    simulated_price_files, raw_price_files, file_schemas_asset, prices_and_rejections,
    latest_close, backtest_entries, backtest_trades, strategy_backtest,
]

defs = Definitions(
    assets=ASSETS,
    jobs=JOBS,
    sensors=[source_folder_sensor, raw_changes_sensor],
    resources=build_resources(Settings.from_env()),
)
