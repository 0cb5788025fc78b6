"""The canonical `prices` table and its quarantine, `rejected_rows`, written by Spark into the lake."""

import json

from dagster import AssetExecutionContext, AssetOut, BackfillPolicy, Output, multi_asset

from backintime_assets.assets.schemas import file_schemas_asset
from backintime_assets.db import file_schemas, manifest
from backintime_assets.db.schema import ensure_schema
from backintime_assets.ingestion.normalise_job import FileTask, loaded_rows, normalise_files, rejected_rows
from backintime_assets.partitions import run_dates, trade_date_partitions
from backintime_assets.resources import LakeResource, PostgresResource, SparkResource


@multi_asset(
    outs={
        "prices": AssetOut(
            io_manager_key="lake_io_manager", kinds={"spark", "parquet"}, group_name="lake",
            description="Every loadable row of every raw file in canonical columns, with source_file and source_line.",
        ),
        "rejected_rows": AssetOut(
            io_manager_key="lake_io_manager", kinds={"spark", "parquet"}, group_name="lake",
            description="Rows that could not be loaded: source_file, source_line, the raw text and the reason.",
        ),
    },
    deps=[file_schemas_asset],
    partitions_def=trade_date_partitions,
    backfill_policy=BackfillPolicy.single_run(),
)
def prices_and_rejections(context: AssetExecutionContext, spark: SparkResource, lake: LakeResource, results_db: PostgresResource):
    dates = run_dates(context)
    tasks = []
    with results_db.connect() as conn:
        ensure_schema(conn)
        for raw in manifest.files_for_dates(conn, min(dates), max(dates)) if dates else []:
            schema = file_schemas.final_schema(conn, raw.sha256)
            if schema is None:
                raise RuntimeError(f"{raw.source_path}: no detected schema yet; materialize file_schemas for these dates first")
            tasks.append(FileTask(raw.lake_path, raw.source_path, json.dumps(schema), min(raw.dates)))
    context.log.info(f"normalising {len(tasks)} files for {len(dates)} dates")
    session = spark.get_session()
    parsed = normalise_files(session, lake.location(), tasks)
    # A file may hold dates outside this run (an archive); those rows belong to other partitions.
    in_run = parsed.where(parsed.date.isin(dates)).persist()
    yield Output(loaded_rows(in_run), output_name="prices")
    yield Output(rejected_rows(in_run), output_name="rejected_rows")
    in_run.unpersist()
