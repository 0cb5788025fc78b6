"""Detected dialect and column types of every raw file, kept in Postgres where users can correct them."""

from dagster import AssetExecutionContext, BackfillPolicy, DataVersion, MaterializeResult, MetadataValue, asset

from backintime_assets.assets.raw import raw_price_files
from backintime_assets.db import file_schemas, manifest
from backintime_assets.db.schema import ensure_schema
from backintime_assets.partitions import run_dates, trade_date_partitions
from backintime_assets.resources import LakeResource, PostgresResource


@asset(
    name="file_schemas",
    group_name="schemas",
    partitions_def=trade_date_partitions,
    backfill_policy=BackfillPolicy.single_run(),
    deps=[raw_price_files],
    kinds={"postgres"},
    description="Per file column: detected type and mapping, and the final ones a user may override (`file_schemas`).",
)
def file_schemas_asset(context: AssetExecutionContext, lake: LakeResource, results_db: PostgresResource) -> MaterializeResult:
    from backintime_assets.detection import detect_bytes

    dates = run_dates(context)
    fs = lake.location().filesystem()
    columns, layouts = 0, {}  # what this run detected; files seen before keep their schema
    with results_db.connect() as conn:
        ensure_schema(conn)
        files = manifest.files_for_dates(conn, min(dates), max(dates)) if dates else []
        for raw in files:
            if file_schemas.final_schema(conn, raw.sha256) is not None:
                continue  # same content, same detection: keep it and any user overrides
            with fs.open_input_file(raw.lake_path) as handle:
                schema = detect_bytes(handle.readall(), raw.name).to_dict()
            file_schemas.save_detection(conn, raw.sha256, raw.source_path, schema)
            columns += len(schema["columns"])
            layouts[raw.source_path] = {k: schema.get(k) for k in ("encoding", "delimiter", "header_row")}
        conn.commit()
        # Changes when a file changes or a user corrects a schema, so `prices` shows as needing a rerun.
        version = file_schemas.schema_version(conn, [f.sha256 for f in files])
    return MaterializeResult(data_version=DataVersion(version), metadata={
        "dagster/row_count": columns,
        "files": len(layouts),
        "dialects": MetadataValue.json(dict(list(layouts.items())[:20])),
    })
