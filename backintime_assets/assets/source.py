"""The demo's source: the market simulator writing each day's files into the source folder."""

from dagster import AssetExecutionContext, BackfillPolicy, Config, MaterializeResult, asset

from backintime_assets.partitions import run_dates, trade_date_partitions
from backintime_assets.resources import SourceFolderResource
from backintime_assets.simulation import MarketSpec, write_day


class SimulationConfig(Config):
    n_tickers: int = 50
    seed: int = 7


@asset(
    group_name="source",
    partitions_def=trade_date_partitions,
    backfill_policy=BackfillPolicy.single_run(),
    kinds={"python", "csv"},
    description="Daily price files as offices write them, simulated (GBM with Merton jumps); rewritten byte-identically on rerun.",
)
def simulated_price_files(
    context: AssetExecutionContext, config: SimulationConfig, source_folder: SourceFolderResource
) -> MaterializeResult:
    spec = MarketSpec(n_tickers=config.n_tickers, seed=config.seed)
    root = source_folder.root()
    written = [path for day in run_dates(context) for path in write_day(spec, day, root)]
    return MaterializeResult(metadata={
        "files": len(written),
        "bytes": sum(p.stat().st_size for p in written),
        "source_folder": str(root),
    })
