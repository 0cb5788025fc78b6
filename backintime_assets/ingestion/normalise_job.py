"""Normalise many raw files on Spark: one task per file, each file parsed with its own dialect.

Spark's CSV reader applies one set of options per read and silently pads or truncates rows with
the wrong number of fields, so each task parses its file with our own normaliser instead.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pyarrow as pa

from backintime_assets.lake import LakeLocation
from backintime_assets.lake.schemas import PRICES, REJECTED_ROWS

LOADED, REJECTED = "loaded", "rejected"

PARSED = pa.schema([
    ("status", pa.string()), ("date", pa.date32()),
    *[f for f in PRICES if f.name not in ("source_file", "source_line")],
    ("source_file", pa.string()), ("source_line", pa.int64()), ("raw", pa.string()), ("reason", pa.string()),
])


@dataclass(frozen=True)
class FileTask:
    lake_path: str
    source_file: str
    schema_json: str
    # Rejected rows have no trustworthy date; they are filed under the first date the file holds.
    home_date: dt.date


def parse_file(data: bytes, task: FileTask) -> pa.Table:
    from backintime_assets.detection import FileSchema
    from backintime_assets.normalisation import normalise_bytes

    result = normalise_bytes(data, FileSchema.from_json(task.schema_json), task.source_file)
    prices, rejected = result.prices, result.rejected
    n_prices, n_rejected = len(prices), len(rejected)
    loaded = pa.table({
        "status": pa.array([LOADED] * n_prices, pa.string()),
        "date": pa.array([_to_date(d) for d in prices["date"]], pa.date32()),
        **{f.name: pa.array(prices[f.name].to_numpy(), f.type) for f in PRICES if f.name not in ("source_file", "source_line")},
        "source_file": pa.array([task.source_file] * n_prices, pa.string()),
        "source_line": pa.array(prices["source_line"].to_numpy(), pa.int64()),
        "raw": pa.nulls(n_prices, pa.string()),
        "reason": pa.nulls(n_prices, pa.string()),
    }, schema=PARSED)
    refused = pa.table({
        "status": pa.array([REJECTED] * n_rejected, pa.string()),
        "date": pa.array([task.home_date] * n_rejected, pa.date32()),
        **{f.name: pa.nulls(n_rejected, f.type) for f in PRICES if f.name not in ("source_file", "source_line")},
        "source_file": pa.array([task.source_file] * n_rejected, pa.string()),
        "source_line": pa.array(rejected["source_line"].to_numpy(), pa.int64()),
        "raw": pa.array(rejected["raw"].astype(str).tolist(), pa.string()),
        "reason": pa.array(rejected["reason"].astype(str).tolist(), pa.string()),
    }, schema=PARSED)
    return pa.concat_tables([loaded, refused])


def _to_date(value) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return value.date() if hasattr(value, "date") else dt.date.fromisoformat(str(value)[:10])


def normalise_files(spark, location: LakeLocation, tasks: list[FileTask]):
    """A DataFrame of every row of every file, each tagged loaded or rejected (with its reason)."""
    from pyspark.sql.pandas.types import from_arrow_schema

    spark_schema = from_arrow_schema(PARSED)
    if not tasks:
        return spark.createDataFrame([], spark_schema)
    listing = spark.createDataFrame(
        [(t.lake_path, t.source_file, t.schema_json, t.home_date) for t in tasks],
        "lake_path string, source_file string, schema_json string, home_date date",
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


def loaded_rows(parsed):
    return parsed.where(f"status = '{LOADED}'").select("date", *PRICES.names)


def rejected_rows(parsed):
    return parsed.where(f"status = '{REJECTED}'").select("date", *REJECTED_ROWS.names)
