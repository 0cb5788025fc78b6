"""Jobs: ingestion of the source folder, the whole demo, and backtests."""
from dagster import AssetSelection, define_asset_job


INGEST_ASSETS = AssetSelection.assets("raw_price_files", "file_schemas", "prices", "rejected_rows")

ingest_job = define_asset_job("ingest_job", selection=INGEST_ASSETS)
demo_job = define_asset_job(
    "demo_job", selection=INGEST_ASSETS | AssetSelection.assets("simulated_price_files")
)
backtest_job = define_asset_job("backtest_job", selection=AssetSelection.assets("backtest_trades"))
