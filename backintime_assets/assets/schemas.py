"""Detected dialect and column types of every raw file, kept in Postgres where users can correct them."""

from dagster import AssetExecutionContext, BackfillPolicy, DataVersion, MaterializeResult, MetadataValue, asset

from backintime_assets.assets.raw import raw_price_files
from backintime_assets.db import file_schemas, manifest
from backintime_assets.db.schema import ensure_schema
from backintime_assets.detection.nameless import names_nothing
from backintime_assets.partitions import TRADING_WEEK, run_dates, trade_date_partitions
from backintime_assets.ingestion.survey import SurveyTask, survey_files
from backintime_assets.resources import LakeResource, PostgresResource, SparkResource


@asset(
    name="file_schemas",
    group_name="schemas",
    partitions_def=trade_date_partitions,
    backfill_policy=BackfillPolicy.single_run(),
    deps=[raw_price_files],
    kinds={"postgres"},
    description="Per file column: detected type and mapping, and the final ones a user may override (`file_schemas`).",
)
def file_schemas_asset(context: AssetExecutionContext, spark: SparkResource, lake: LakeResource,
                       results_db: PostgresResource) -> MaterializeResult:
    dates = run_dates(context)
    with results_db.connect() as conn:
        ensure_schema(conn)
        files = manifest.files_for_dates(conn, min(dates), max(dates)) if dates else []
        # Same content, same detection: a file detected before keeps its schema and any user overrides.
        # Only files the raw step left without one (recorded before it surveyed files) are detected here.
        known = file_schemas.detected_files(conn, [f.sha256 for f in files])
        # Of a content's names, one that names the instrument over a site's for every download (raw.py).
        new = {f.sha256: f for f in sorted(files, key=lambda f: not names_nothing(f.name)) if f.sha256 not in known}
        # Named by their paths under the source's root, as the raw step names them: a path tells which
        # office's a file is, whose siblings alone may settle its day/month order (office_names.py).
        tasks = [SurveyTask(sha, f.lake_path, f.source_path, f.size_bytes) for sha, f in new.items()]
        context.log.info(f"detecting {len(tasks)} files ({len(files) - len(tasks)} known)")
        if tasks:
            # Siblings stored before may settle a new daily file's day/month order (sibling_order.py).
            surveys = survey_files(spark.get_session(), lake.location(), tasks, week=TRADING_WEEK,
                                   stored_siblings=lambda schemas: file_schemas.sibling_detections(conn, schemas))
            for sha, survey in surveys.items():
                file_schemas.save_detection(conn, sha, new[sha].source_path, survey.schema_dict())
        conn.commit()
        shown = file_schemas.final_schemas(conn, [f.sha256 for f in files[:20]])
        layouts = {f.source_path: {k: shown[f.sha256].get(k) for k in ("encoding", "delimiter", "header_row")}
                   for f in files[:20] if f.sha256 in shown}
        # Changes when a file changes or a user corrects a schema, so `prices` shows as needing a rerun.
        version = file_schemas.schema_version(conn, [f.sha256 for f in files])
        columns = file_schemas.column_count(conn, list({f.sha256 for f in files}))
    return MaterializeResult(data_version=DataVersion(version), metadata={
        "dagster/row_count": columns,
        "files": len(files),
        "detected_here": len(tasks),
        "dialects": MetadataValue.json(layouts),
    })
