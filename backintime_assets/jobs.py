"""Jobs, one per partitioning: daily ingestion (and the demo's simulation), monthly backtest entries,
the unpartitioned marking of trades to the latest closes, the other strategies' backtests, and the
migration of a changed source folder, which has no dates until it has read the files."""
from dagster import AssetSelection, define_asset_job, job

from backintime_assets.assets.raw import migrate_source_folder

INGEST_ASSETS = AssetSelection.assets("raw_price_files", "file_schemas", "prices", "rejected_rows", "latest_close")

ingest_job = define_asset_job("ingest_job", selection=INGEST_ASSETS)
demo_job = define_asset_job("demo_job", selection=INGEST_ASSETS | AssetSelection.assets("simulated_price_files"))
backtest_entries_job = define_asset_job("backtest_entries_job", selection=AssetSelection.assets("backtest_entries"))
mark_trades_job = define_asset_job(
    "mark_trades_job", selection=AssetSelection.assets("backtest_trades", "sector_monthly_pnl", "ticker_pnl"))
# Unpartitioned: the strategy and its settings are the run's config, chosen in the launchpad.
strategy_backtest_job = define_asset_job("strategy_backtest_job", selection=AssetSelection.assets("strategy_backtest"))


@job(description="Migrate and survey new or changed source files; the dates they hold are run by raw_changes_sensor.")
def migrate_job():
    migrate_source_folder()


JOBS = [ingest_job, demo_job, backtest_entries_job, mark_trades_job, strategy_backtest_job, migrate_job]
