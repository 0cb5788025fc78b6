"""The demo's source: the market simulator writing each day's files into the source folder."""

from dagster import AssetExecutionContext, BackfillPolicy, Config, MaterializeResult, asset

from backintime_assets.partitions import TRADING_WEEK, run_dates, trade_date_partitions
from backintime_assets.resources import SourceFolderResource
from backintime_assets.simulation import FileOptions, MarketSpec, write_files


class SimulationConfig(Config):
    n_tickers: int = 50
    seed: int = 7
    drift: str = "none"  # none | eras | random: how file layouts change over time
    pollution_rate: float = 0.0  # share of damaged rows and files, recorded in _ground_truth.csv
    xlsx_share: float = 0.0  # share of files written as .xlsx workbooks


@asset(
    group_name="source",
    partitions_def=trade_date_partitions,
    backfill_policy=BackfillPolicy.single_run(),
    kinds={"python", "csv"},
    description="Daily price files as offices write them, simulated (GBM with Merton jumps); "
                "rewritten byte-identically on rerun.",
)
def simulated_price_files(
    context: AssetExecutionContext, config: SimulationConfig, source_folder: SourceFolderResource
) -> MaterializeResult:
    # The market trades on the partitions' days: a Sunday to Thursday deployment gets Sunday files.
    spec = MarketSpec(n_tickers=config.n_tickers, seed=config.seed, week=TRADING_WEEK)
    options = FileOptions(drift=config.drift, pollution_rate=config.pollution_rate, xlsx_share=config.xlsx_share)
    dates = run_dates(context)
    report = write_files(spec, dates[0], dates[-1], source_folder.root(), options) if dates else None
    return MaterializeResult(metadata={
        "dagster/row_count": report.rows if report else 0,
        "files": len(report.files) if report else 0,
        "clean_rows": report.clean_rows if report else 0,
        "bytes": report.bytes if report else 0,
        "source_folder": str(source_folder.root()),
    })
