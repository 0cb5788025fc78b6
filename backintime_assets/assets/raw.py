"""The raw zone: source files copied as they are into `<lake>/raw/`, with a manifest in Postgres."""

from dagster import AssetExecutionContext, BackfillPolicy, MaterializeResult, MetadataValue, asset

from backintime_assets.assets.source import simulated_price_files
from backintime_assets.db import manifest
from backintime_assets.db.schema import ensure_schema
from backintime_assets.ingestion.raw import migrate
from backintime_assets.partitions import run_dates, trade_date_partitions
from backintime_assets.resources import LakeResource, PostgresResource, SourceFolderResource


@asset(
    group_name="raw",
    partitions_def=trade_date_partitions,
    backfill_policy=BackfillPolicy.single_run(),
    deps=[simulated_price_files],
    kinds={"s3", "postgres"},
    description="Source files migrated into the lake's raw zone; name, size, sha256 and mtime recorded in `raw_files`.",
)
def raw_price_files(
    context: AssetExecutionContext, source_folder: SourceFolderResource, lake: LakeResource, results_db: PostgresResource
) -> MaterializeResult:
    dates = run_dates(context)
    with results_db.connect() as conn:
        ensure_schema(conn)
        report = migrate(conn, source_folder.root(), lake.location())
        conn.commit()
        held = manifest.files_for_dates(conn, min(dates), max(dates)) if dates else []
    for path, problem in report.problems.items():
        context.log.warning(f"{path}: {problem}")
    return MaterializeResult(metadata={
        "dagster/row_count": len(held),
        "files_for_run_dates": len(held),
        "copied": len(report.copied),
        "bytes_copied": report.bytes_copied,
        "unchanged": report.unchanged,
        "gone_from_source": report.gone,
        "problem_files": MetadataValue.json(report.problems),
    })
