"""Normalise many raw files on Spark, each parsed with its own dialect, then settle rows that collide.

Spark's CSV reader applies one set of options per read and silently pads or truncates rows with
the wrong number of fields, so each task parses whole files with our own normaliser instead.

Collision policy, applied across files for the same (date, ticker):
- the row from the most recently modified file wins (a re-export corrects an older one); ties go
  to the file path, then the line, that sorts first;
- every other row is rejected: "duplicate of FILE:LINE" when its values equal the winner's,
  "conflict: superseded by FILE:LINE" when they differ.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pyarrow as pa

from backintime_assets.lake import LakeLocation
from backintime_assets.lake.schemas import PRICES, REJECTED_ROWS

LOADED, REJECTED, FILE_SUMMARY = "loaded", "rejected", "file"
VALUE_COLUMNS = ["sector", "open", "high", "low", "close", "adj_close", "volume"]

PARSED = pa.schema([
    ("status", pa.string()), ("date", pa.date32()),
    *[f for f in PRICES if f.name not in ("source_file", "source_line")],
    ("source_file", pa.string()), ("source_line", pa.int64()), ("raw", pa.string()), ("reason", pa.string()),
    ("rows_read", pa.int64()), ("priority", pa.int64()),
])


@dataclass(frozen=True)
class FileTask:
    lake_path: str
    source_file: str
    schema_json: str
    # Rejected rows have no trustworthy date; they are filed under the first date the file holds.
    home_date: dt.date
    # Lower wins when two files hold the same (date, ticker): 0 is the most recently modified file.
    priority: int


def parse_file(data: bytes, task: FileTask) -> pa.Table:
    """All rows of one file, tagged loaded or rejected, plus one summary row with its rows_read."""
    from backintime_assets.detection import FileSchema
    from backintime_assets.normalisation import normalise_bytes

    result = normalise_bytes(data, FileSchema.from_json(task.schema_json), task.source_file)
    prices, rejected = result.prices_arrow(), result.rejected_arrow()
    loaded = _conform(prices, LOADED, task, {})
    refused = _conform(rejected, REJECTED, task, {"date": pa.array([task.home_date] * rejected.num_rows, pa.date32())})
    summary = pa.table({
        "status": [FILE_SUMMARY], "date": pa.array([task.home_date], pa.date32()),
        "source_file": [task.source_file], "reason": [result.file_problem], "rows_read": [result.rows_read],
    })
    return pa.concat_tables([loaded, refused, _conform(summary, FILE_SUMMARY, task, {})])


def _conform(table: pa.Table, status: str, task: FileTask, overrides: dict) -> pa.Table:
    n = table.num_rows
    columns = []
    for field in PARSED:
        if field.name == "status":
            columns.append(pa.array([status] * n, pa.string()))
        elif field.name == "priority":
            columns.append(pa.array([task.priority] * n, pa.int64()))
        elif field.name in overrides:
            columns.append(overrides[field.name])
        elif field.name in table.column_names:
            columns.append(table.column(field.name).cast(field.type))
        else:
            columns.append(pa.nulls(n, field.type))
    return pa.Table.from_arrays(columns, schema=PARSED)


def normalise_files(spark, location: LakeLocation, tasks: list[FileTask]):
    """A DataFrame of every row of every file (PARSED), before collisions between files are settled."""
    from pyspark.sql.pandas.types import from_arrow_schema

    spark_schema = from_arrow_schema(PARSED)
    if not tasks:
        return spark.createDataFrame([], spark_schema)
    listing = spark.createDataFrame(
        [(t.lake_path, t.source_file, t.schema_json, t.home_date, t.priority) for t in tasks],
        "lake_path string, source_file string, schema_json string, home_date date, priority long",
    ).repartition(min(len(tasks), spark.sparkContext.defaultParallelism * 4))

    def parse_partition(batches):
        fs = location.filesystem()
        for batch in batches:
            for row in batch.to_pylist():
                task = FileTask(**row)
                with fs.open_input_file(task.lake_path) as handle:
                    data = handle.readall()
                yield from parse_file(data, task).to_batches()

    return listing.mapInArrow(parse_partition, spark_schema)


def settle_collisions(parsed):
    """Apply the collision policy: one loaded row per (date, ticker), the others rejected with a reason."""
    from pyspark.sql import Window
    from pyspark.sql import functions as F

    loaded = parsed.where(F.col("status") == LOADED)
    order = Window.partitionBy("date", "ticker").orderBy("priority", "source_file", "source_line")
    ranked = loaded.withColumn("_rank", F.row_number().over(order))
    for column in ("source_file", "source_line", *VALUE_COLUMNS):
        ranked = ranked.withColumn(f"_win_{column}", F.first(column).over(order))
    same = F.lit(True)
    for column in VALUE_COLUMNS:
        same = same & F.col(column).eqNullSafe(F.col(f"_win_{column}"))
    winner = F.concat(F.col("_win_source_file"), F.lit(":"), F.col("_win_source_line").cast("string"))
    losers = ranked.where(F.col("_rank") > 1).select(
        F.lit(REJECTED).alias("status"), "date", "source_file", "source_line",
        F.concat_ws(",", *[F.col(c).cast("string") for c in ("date", "ticker", *VALUE_COLUMNS)]).alias("raw"),
        F.when(same, F.concat(F.lit("duplicate of "), winner))
        .otherwise(F.concat(F.lit("conflict: superseded by "), winner)).alias("reason"),
    )
    kept = ranked.where(F.col("_rank") == 1).select(*[c for c in parsed.columns])
    others = parsed.where(F.col("status") != LOADED)
    return kept.unionByName(others).unionByName(losers, allowMissingColumns=True)


def loaded_rows(settled):
    return settled.where(f"status = '{LOADED}'").select("date", *PRICES.names)


def rejected_rows(settled):
    return settled.where(f"status = '{REJECTED}'").select("date", *REJECTED_ROWS.names)


def file_accounting(settled, dates: list[dt.date]) -> list[dict]:
    """Per file: rows read, loaded and rejected overall, and how many of those fall in this run's dates."""
    from pyspark.sql import functions as F

    in_run = F.col("date").isin(dates)
    rows = settled.groupBy("source_file").agg(
        F.sum(F.when(F.col("status") == FILE_SUMMARY, F.col("rows_read"))).alias("rows_read"),
        F.max(F.when(F.col("status") == FILE_SUMMARY, F.col("reason"))).alias("file_problem"),
        F.sum((F.col("status") == LOADED).cast("long")).alias("loaded"),
        F.sum((F.col("status") == REJECTED).cast("long")).alias("rejected"),
        F.sum(((F.col("status") == LOADED) & in_run).cast("long")).alias("loaded_in_run"),
        F.sum(((F.col("status") == REJECTED) & in_run).cast("long")).alias("rejected_in_run"),
    )
    return [r.asDict() for r in rows.collect()]
