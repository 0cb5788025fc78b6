"""Jobs: ingestion of the source folder, the whole demo, and backtests."""
from dagster import AssetSelection, define_asset_job

from backintime_assets.partitions import trade_date_partitions

INGEST_ASSETS = AssetSelection.assets("raw_price_files", "file_schemas", "prices", "rejected_rows")

ingest_job = define_asset_job("ingest_job", selection=INGEST_ASSETS, partitions_def=trade_date_partitions)
demo_job = define_asset_job(
    "demo_job", selection=INGEST_ASSETS | AssetSelection.assets("simulated_price_files"), partitions_def=trade_date_partitions
)
backtest_job = define_asset_job("backtest_job", selection=AssetSelection.assets("backtest_trades"))
