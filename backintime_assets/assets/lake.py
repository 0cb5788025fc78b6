"""The canonical `prices` table and its quarantine, `rejected_rows`, written by Spark into the lake.

The checks run inside the same step, after both outputs are stored, so they read what was really
written; `every_row_accounted_for` is blocking, so nothing downstream runs on a lossy load. They share
the asset's partitions: a run of one date stores each evaluation under that date. A run over a range
(a backfill, `backintime ingest`) is one step, whose check results Dagster stores with no partition:
each check's metadata there shows its proof per date, failing dates first, and each date's evaluation
is logged as well, under its date (check_evaluations.py).
A file whose borrowed schema did not hold on its rows was read with its own detection instead; that
schema replaces the borrowed one in `file_schemas`, so what users see is what the rows were read with.
"""
import json

from dagster import (
    AssetCheckResult, AssetCheckSeverity, AssetCheckSpec, AssetExecutionContext, AssetOut, BackfillPolicy,
    MetadataValue, Output, multi_asset,
)

from backintime_assets.assets import slip_check
from backintime_assets.assets.check_evaluations import days_metadata, evaluations_per_date
from backintime_assets.assets.schemas import file_schemas_asset
from backintime_assets.db import file_schemas, manifest
from backintime_assets.db.schema import ensure_schema
from backintime_assets.detection.read_as_named import read_as_named
from backintime_assets.detection.renamed_day import by_name
from backintime_assets.ingestion import collisions
from backintime_assets.ingestion.accounting import (
    StoredRows, prove_one_row_per_ticker_and_date, prove_prices_are_sane, prove_rows_accounted_for,
)
from backintime_assets.ingestion.convert import convert_files
from backintime_assets.ingestion.parsed import FileTask, kept_rows_path
from backintime_assets.lake.schemas import PRICES, REJECTED_ROWS
from backintime_assets.lake.tables import read_arrow
from backintime_assets.partitions import TRADING_WEEK, rejections_date, run_dates, trade_date_partitions
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
    check_specs=[
        AssetCheckSpec(
            "every_row_accounted_for", asset="prices", blocking=True, partitions_def=trade_date_partitions,
            description="Per file: rows read = rows loaded + rows rejected, and the lake holds exactly those.",
        ),
        AssetCheckSpec("prices_have_one_row_per_ticker_and_date", asset="prices", blocking=True,
                       partitions_def=trade_date_partitions),
        AssetCheckSpec("prices_are_sane", asset="prices", blocking=True, partitions_def=trade_date_partitions,
                       description="Positive prices; high and low bound the day's prices; volume not negative."),
        slip_check.SPEC,
    ],
    deps=[file_schemas_asset],
    partitions_def=trade_date_partitions,
    backfill_policy=BackfillPolicy.single_run(),
)
def prices_and_rejections(
    context: AssetExecutionContext, spark: SparkResource, lake: LakeResource, results_db: PostgresResource,
):
    dates = run_dates(context)
    location = lake.location()
    with results_db.connect() as conn:
        ensure_schema(conn)
        seen_change = manifest.last_change_seq(conn)  # before the files: they hold every change up to it
        change_log = manifest.change_log_id(conn)
        files = manifest.files_for_dates(conn, min(dates), max(dates)) if dates else []
        # The most recently modified file wins collisions: it gets priority 0 (files of one time share one).
        priorities = collisions.recency_priorities([f.modified_at for f in files])
        schemas = file_schemas.final_schemas(conn, [f.sha256 for f in files])
        # A day's list its name dates takes the day its own name gives, and the names of its copies (renamed_day.py).
        twins = manifest.current_names(conn, [sha for sha, schema in schemas.items() if by_name(schema)])
        tasks = []
        for priority, raw in sorted(zip(priorities, files), key=lambda pair: pair[0]):
            schema = schemas.get(raw.sha256)
            if schema is None:
                raise RuntimeError(
                    f"{raw.source_path}: no detected schema yet; materialize file_schemas for these dates first")
            # A copy's own name: whether it names an instrument, the day it gives (read_as_named.py).
            schema_json = json.dumps(read_as_named(schema, raw.source_path, twins.get(raw.sha256, ())))
            kept = kept_rows_path(location, raw.sha256, schema_json, raw.size_bytes, TRADING_WEEK)
            tasks.append(FileTask(raw.lake_path, raw.source_path, schema_json, rejections_date(raw.dates), priority,
                                  raw.size_bytes, kept, tuple(raw.dates), week=TRADING_WEEK))
    context.log.info(f"converting {len(tasks)} files for {len(dates)} dates")
    keys = [d.isoformat() for d in dates]
    # The conversion writes both tables itself (two passes of Spark tasks); the IO manager records them.
    with results_db.connect() as lease, manifest.parsed_zone_lease(lease):
        conversion = convert_files(spark.get_session(), location, tasks, keys, context.run.run_id.split("-")[0])
    accounting = conversion.accounting
    if conversion.own_schemas:
        sha_of = {f.source_path: f.sha256 for f in files}
        with results_db.connect() as conn:
            for source_path, schema_json in conversion.own_schemas.items():
                file_schemas.save_detection(conn, sha_of[source_path], source_path, json.loads(schema_json))
            conn.commit()
        context.log.info(f"{len(conversion.own_schemas)} files did not fit the schema they borrowed: "
                         "read with their own detection, recorded in file_schemas")
    # raw_changes_sensor and `backintime ingest` skip dates whose last run had seen their changes.
    yield Output(conversion.prices, output_name="prices", metadata={
        manifest.SEEN_CHANGE: seen_change, manifest.CHANGE_LOG: change_log})
    yield Output(conversion.rejected_rows, output_name="rejected_rows")

    # Each date's files read once, and their rows counted per date once, for all four checks.
    stored = StoredRows(read_arrow(location, "prices", PRICES, keys),
                        read_arrow(location, "rejected_rows", REJECTED_ROWS, keys))
    # The manifest's dates of each file place one that left no row in the lake (never parsed, every row lost).
    file_dates = {t.source_file: [*(t.dates or ()), t.home_date] for t in tasks}
    # Each check once: the run's finding and its days come from the same pass over the rows.
    proofs = {
        "every_row_accounted_for": prove_rows_accounted_for(
            accounting, stored, [t.source_file for t in tasks], file_dates, dates),
        "prices_have_one_row_per_ticker_and_date": prove_one_row_per_ticker_and_date(stored, dates),
        "prices_are_sane": prove_prices_are_sane(stored, dates),
    }
    file_problems = {a["source_file"]: a["file_problem"] for a in accounting if a["file_problem"]}
    slips = slip_check.unit_slip_proof(context, location, dates, stored)
    if keys and not context.has_partition_key:
        days = {name: proof.days for name, proof in proofs.items()}
        if slips is not None:
            days[slip_check.NAME] = slips[0]
        yield from evaluations_per_date(context, days, keys, warn_only=frozenset({slip_check.NAME}))
    for name, proof in proofs.items():
        finding = proof.finding
        metadata = {"problems": MetadataValue.json(finding.problems[:50])}
        if name == "every_row_accounted_for":
            metadata.update({
                "files": len(accounting),
                "rows_read": sum(a["rows_read"] or 0 for a in accounting),
                "rows_loaded": sum(a["loaded"] for a in accounting),
                "rows_rejected": sum(a["rejected"] for a in accounting),
                "file_problems": MetadataValue.json(file_problems),
            })
        metadata.update(days_metadata(proof.days))
        yield AssetCheckResult(
            check_name=name, asset_key="prices", passed=finding.passed, severity=AssetCheckSeverity.ERROR,
            metadata=metadata,
        )
    if slips is not None:
        yield slips[1]
