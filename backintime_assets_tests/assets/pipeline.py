"""Helpers that run the real asset graph against test services."""
from __future__ import annotations

from datetime import date
from pathlib import Path

from dagster import AssetCheckKey, AssetKey, DagsterInstance, materialize
from dagster._core.definitions.data_version import CachingStaleStatusResolver, StaleStatus
from dagster._core.event_api import PartitionKeyFilter
from dagster._core.loader import LoadingContextForTest

from backintime_assets.assets.backtests import MARKED_TRADES
from backintime_assets.definitions import ASSETS, build_resources, defs
from backintime_assets.instance import prepare_dagster_home
from backintime_assets.lake import LakeLocation
from backintime_assets.lake.schemas import PRICES, REJECTED_ROWS
from backintime_assets.lake.tables import read_arrow
from backintime_assets.runner import range_tags
from backintime_assets.settings import Settings

INGEST = ["raw_price_files", "file_schemas", "prices", "rejected_rows", "latest_close"]


def settings_for(home: Path, postgres_url: str, lake: LakeLocation | None = None) -> Settings:
    env = {
        "BACKINTIME_HOME": str(home),
        "BACKINTIME_POSTGRES_URL": postgres_url,
        "BACKINTIME_LAKE_URL": lake.url if lake else str(home / "lake"),
        "BACKINTIME_SPARK_MASTER": "local[2]",
    }
    if lake is not None and lake.is_s3:
        env.update({
            "BACKINTIME_S3_ENDPOINT_URL": lake.s3_endpoint_url,
            "BACKINTIME_S3_ACCESS_KEY_ID": lake.s3_access_key_id,
            "BACKINTIME_S3_SECRET_ACCESS_KEY": lake.s3_secret_access_key,
        })
    return Settings.from_env(env)


def run_range(settings: Settings, first: date, last: date, selection: list[str], n_tickers: int = 6):
    run_config = {"ops": {"simulated_price_files": {"config": {"n_tickers": n_tickers, "seed": 11}}}}
    if "simulated_price_files" not in selection:
        run_config = None
    return materialize(ASSETS, resources=build_resources(settings), selection=selection, tags=range_tags(first, last),
                       run_config=run_config)


def cli_home(tmp_path: Path, postgres_url: str, monkeypatch) -> Settings:
    """Settings of a fresh home, with the environment the CLI and DagsterInstance.get() read pointing at it."""
    settings = settings_for(tmp_path, postgres_url)
    for key, value in {"BACKINTIME_HOME": str(tmp_path), "BACKINTIME_POSTGRES_URL": postgres_url}.items():
        monkeypatch.setenv(key, value)
    for key, value in prepare_dagster_home(settings).items():
        monkeypatch.setenv(key, value)
    settings.source_dir.mkdir(parents=True)
    return settings


def ingest_range(settings: Settings, first: date, last: date) -> None:
    """The ingest assets for the dates, as one run in the home's Dagster instance (cli_home)."""
    with DagsterInstance.get() as instance:
        assert materialize(ASSETS, resources=build_resources(settings), selection=INGEST,
                           tags=range_tags(first, last), instance=instance).success


def prices_status(day: date) -> StaleStatus:
    """What the Dagster UI computes for the `prices` partition's "unsynced" badge."""
    with DagsterInstance.get() as instance:
        resolver = CachingStaleStatusResolver(instance, defs.resolve_asset_graph(), LoadingContextForTest(instance))
        return resolver.get_status(AssetKey("prices"), day.isoformat())


def run_backtest(settings: Settings, first_month: date, last_month: date):
    """Entries for the months (one single-run backfill), then trades marked to the latest closes."""
    resources = build_resources(settings)
    entries = materialize(ASSETS, resources=resources, selection=["backtest_entries"],
                          tags=range_tags(first_month, last_month))
    assert entries.success
    return materialize(ASSETS, resources=resources, selection=MARKED_TRADES)


def lake_prices(settings: Settings):
    return read_arrow(_location(settings), "prices", PRICES).to_pandas()


def lake_rejections(settings: Settings):
    return read_arrow(_location(settings), "rejected_rows", REJECTED_ROWS).to_pandas()


def _location(settings: Settings) -> LakeLocation:
    return build_resources(settings)["lake"].location()


def latest_check(instance: DagsterInstance, name: str, partition: str | None):
    """The newest evaluation record of the check `name` of prices stored under `partition` (None: the
    run-level ones), or None."""
    key = AssetCheckKey(AssetKey("prices"), name)
    return instance.event_log_storage.get_latest_asset_check_execution_by_key(
        [key], partition_filter=PartitionKeyFilter(key=partition)).get(key)
