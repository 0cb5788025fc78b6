"""The raw zone: source files copied as they are into `<lake>/raw/`, with a manifest in Postgres.

Each new file is read once here, on Spark (ingestion/survey.py): the dates it holds go into the
manifest and the schema it was read with into file_schemas. The same migration runs on its own as
`migrate_job` when the source folder sensor sees files change, before anyone knows their dates."""

from dagster import (
    AssetExecutionContext, BackfillPolicy, MaterializeResult, MetadataValue, Nothing, OpExecutionContext, Out, Output,
    asset, op,
)

from backintime_assets.assets.source import simulated_price_files
from backintime_assets.db import manifest
from backintime_assets.db.schema import ensure_schema
from backintime_assets.ingestion.raw import MigrationReport, migrate
from backintime_assets.ingestion.survey import survey_files
from backintime_assets.partitions import TRADING_WEEK, run_dates, trade_date_partitions
from backintime_assets.resources import LakeResource, PostgresResource, SourceFolderResource, SparkResource


@asset(
    group_name="raw",
    partitions_def=trade_date_partitions,
    backfill_policy=BackfillPolicy.single_run(),
    deps=[simulated_price_files],
    kinds={"s3", "postgres", "spark"},
    description="Source files migrated into the lake's raw zone; name, size, sha256, mtime and the dates each holds "
                "recorded in `raw_files`, the schema each was read with in `file_schemas`.",
)
def raw_price_files(
    context: AssetExecutionContext, source_folder: SourceFolderResource, lake: LakeResource,
    results_db: PostgresResource, spark: SparkResource,
) -> MaterializeResult:
    dates = run_dates(context)
    report = _migrate_folder(context.log, source_folder, lake, results_db, spark)
    with results_db.connect() as conn:
        held = manifest.files_for_dates(conn, min(dates), max(dates)) if dates else []
    return MaterializeResult(metadata={
        "dagster/row_count": len(held), "files_for_run_dates": len(held), **_report_metadata(report)})


@op(out=Out(Nothing), description="Migrate new and changed source files into the raw zone and survey them; "
                                  "raw_changes_sensor then runs the dates whose files changed.")
def migrate_source_folder(
    context: OpExecutionContext, source_folder: SourceFolderResource, lake: LakeResource,
    results_db: PostgresResource, spark: SparkResource,
):
    return Output(None, metadata=_report_metadata(_migrate_folder(context.log, source_folder, lake, results_db, spark)))


def _migrate_folder(log, source_folder: SourceFolderResource, lake: LakeResource, results_db: PostgresResource,
                    spark: SparkResource) -> MigrationReport:
    location = lake.location()
    with results_db.connect() as conn:
        ensure_schema(conn)
        report = migrate(conn, source_folder.root(), location,
                         lambda tasks: survey_files(spark.get_session(), location, tasks, week=TRADING_WEEK),
                         week=TRADING_WEEK)
        conn.commit()
    for path, problem in report.problems.items():
        log.warning(f"{path}: {problem}")
    for line in report.files_not_migrated():
        log.warning(f"not migrated: {line}")
    for line in report.carried_lines():
        log.info(line)
    for line in report.not_carried_lines():
        log.warning(line)
    for line in report.caveat_lines():
        log.warning(line)
    for line in report.resettled_lines():
        log.info(line)
    return report


def _report_metadata(report: MigrationReport) -> dict:
    return {
        "copied": len(report.copied),
        "detected": report.detected,
        "bytes_copied": report.bytes_copied,
        "unchanged": report.unchanged,
        "missing_from_source": report.missing,  # their rows stay loaded
        "went_missing_now": report.gone,
        "moved": report.moved,
        "reread_for_trading_week": report.reread_for_week,
        "files_carrying_corrections": len(report.carried),  # to new versions of corrected files
        "corrections_not_carried": MetadataValue.json(report.not_carried_lines(limit=200)),
        "corrections_carried_with_caveats": MetadataValue.json(report.caveat_lines(limit=200)),
        "problem_files": MetadataValue.json(report.problems),
        "files_not_migrated": MetadataValue.json(report.files_not_migrated(limit=200)),
    }
