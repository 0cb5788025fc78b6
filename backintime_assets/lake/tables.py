"""Date-partitioned Parquet tables in the lake (`<lake>/<table>/date=YYYY-MM-DD/*.parquet`).

Spark does the work but every file is read and written by pyarrow inside the tasks, so the same
code serves a local directory and S3 from a local session or a cluster (the writers are the
conversion's tasks, ingestion/convert.py).
Writes replace whole dates: a date's old files are deleted only after its new file is written,
so a failed run leaves the previous data in place.
"""
from __future__ import annotations

import datetime as dt
import posixpath
from dataclasses import dataclass

import pyarrow as pa
import pyarrow.fs as pafs
import pyarrow.parquet as pq

from backintime_assets.lake.location import LakeLocation, buffered_output, make_dirs

ROW_GROUP_ROWS = 1_000_000
# Dictionary encoding pays for columns whose values repeat within a date; on prices and on
# per-row values (tickers, raw lines) it costs time and makes files larger (measured: a 4,000-row
# date file 4.9 -> 3.5 ms to write and 127 -> 95 kB with only repeated strings encoded).
REPEATED_COLUMNS = ("sector", "source_file", "reason")
# Whole numbers that run in order (line numbers): delta encoding writes them smaller and faster than
# plain (a 5,000-row date file 5-10% less CPU to write, measured with zstd on both); every Parquet
# reader we use (Spark 4, pyarrow, DuckDB, polars) reads it. It encodes integers only: the volume,
# float64 since session 22, is written plain.
DELTA_COLUMNS = ("source_line",)
# Columns whose type in the lake changed, with the type files written before hold: a date file is
# read as the table's schema has it whichever it holds, so a lake is never half unreadable while its
# dates are rewritten (a date rerun writes the new type). volume: int64 until session 22.
LEGACY_TYPES = {"volume": pa.int64()}
# Min/max statistics serve scans that filter on a column; a date file is sorted by ticker, so its
# tickers' bounds let a reader skip it. Bounds of prices, volumes and lineage skip nothing a query
# asks for, and computing them cost ~15% of writing a date file (callgrind, 5,000-row files).
STATISTICS_COLUMNS = ("ticker",)
FEW_DATES = 20
READ_THREADS = 8
PARTITION_PREFIX = "date="


@dataclass(frozen=True)
class WrittenFile:
    date: str
    rows: int
    path: str


@dataclass(frozen=True)
class WrittenDates:
    """A table's dates already written by the asset itself, handed to the IO manager as the output."""
    table: str
    dates: list[str]  # every date the run replaced, written or left empty
    files: list[WrittenFile]

    @property
    def rows(self) -> int:
        return sum(f.rows for f in self.files)


def date_dir(location: LakeLocation, table: str, day: str) -> str:
    return location.path(table, f"{PARTITION_PREFIX}{day}")


def date_file(location: LakeLocation, table: str, day: str, file_tag: str) -> str:
    return posixpath.join(date_dir(location, table, day), f"part-{file_tag}.parquet")


def write_date_file(fs: pafs.FileSystem, location: LakeLocation, table: str, day: str, rows: pa.Table,
                    file_tag: str) -> WrittenFile:
    """One date's rows (already sorted, without the date column) as one zstd file."""
    path = date_file(location, table, day, file_tag)
    make_dirs(fs, posixpath.dirname(path))
    with buffered_output(fs, path) as out:
        pq.write_table(rows, out, compression="zstd", row_group_size=ROW_GROUP_ROWS,
                       use_dictionary=[c for c in rows.column_names if c in REPEATED_COLUMNS],
                       column_encoding={c: "DELTA_BINARY_PACKED" for c in rows.column_names if c in DELTA_COLUMNS},
                       write_statistics=[c for c in rows.column_names if c in STATISTICS_COLUMNS])
    return WrittenFile(day, rows.num_rows, path)


def drop_stale_files(location: LakeLocation, table: str, dates: list[str], keep: set[str]) -> None:
    """Delete every file of `dates` not in `keep`: run after the new files exist, so a failed run
    leaves the previous data in place."""
    fs = location.filesystem()
    for info in _files_of_dates(fs, location, table, dates):
        if info.path not in keep:
            fs.delete_file(info.path)


def _files_of_dates(fs: pafs.FileSystem, location: LakeLocation, table: str, dates: list[str]) -> list[pafs.FileInfo]:
    """The Parquet files of `dates`: one listing per date for a few dates, one listing of the span
    from the first to the last for many (on S3 a listing is a request, and a year of dates would be
    260 of them), never of the whole table: a run's cost does not grow with the years the lake keeps."""
    if len(dates) <= FEW_DATES:
        return [info for day in dates for info in _list_files(fs, date_dir(location, table, day))]
    wanted = set(dates)
    return [pafs.FileInfo(path, pafs.FileType.File)
            for day, path in files_between(location, table, min(dates), max(dates)) if day in wanted]


def files_between(location: LakeLocation, table: str, first: str, last: str) -> list[tuple[str, str]]:
    """(date, path) of every Parquet file of the table's dates from `first` to `last` (ISO dates,
    both included), sorted, listing those dates alone: on S3 one listing of the keys from `first` on,
    stopped past `last` (a page per 1,000 files of the span); on a local disk a listing of each
    calendar day's folder of the span (a missing one costs a failed lookup)."""
    if first > last:
        return []
    if location.is_s3:
        return _s3_files_between(location, table, first, last)
    fs = location.filesystem()
    day, end = dt.date.fromisoformat(first), dt.date.fromisoformat(last)
    found = []
    while day <= end:
        found += [(day.isoformat(), i.path) for i in _list_files(fs, date_dir(location, table, day.isoformat()))]
        day += dt.timedelta(days=1)
    return sorted(found)


def _s3_files_between(location: LakeLocation, table: str, first: str, last: str) -> list[tuple[str, str]]:
    # boto3, not pyarrow: pyarrow's listings start at a folder's first key; S3's StartAfter starts the
    # keys (they come in order) at a date, so the dates before it are never listed. After the day
    # before `first`, not `first`: SeaweedFS skips the whole folder StartAfter names (`date=<first>`
    # and all its files), where AWS starts inside it; the day before's files, if listed, are dropped.
    bucket, table_key = location.path(table).split("/", 1)
    prefix = f"{table_key}/{PARTITION_PREFIX}"
    start = dt.date.fromisoformat(first)
    before = (start - dt.timedelta(days=1)).isoformat()
    # A page as long as the span has days (a date holds a file, or a few while a rerun replaces it),
    # not S3's 1,000 keys: the dates past `last` a page brings are listed for nothing.
    page_keys = min(1000, (dt.date.fromisoformat(last) - start).days + 2)
    found = []
    pages = location.s3_client().get_paginator("list_objects_v2").paginate(
        Bucket=bucket, Prefix=prefix, StartAfter=prefix + before, PaginationConfig={"PageSize": page_keys})
    for page in pages:
        for item in page.get("Contents", []):
            day, _, name = item["Key"][len(prefix):].partition("/")
            # Keys come sorted, so their first ten characters never go down; a stray folder named
            # `date=<last>-copy` sorts before `date=<last>/` and must not end the listing.
            if day[:len(last)] > last:
                return sorted(found)
            # A file in a date's own folder, as _list_files lists (not a folder marker, not deeper).
            if first <= day <= last and len(day) == len(last) and name.endswith(".parquet") and "/" not in name:
                found.append((day, f"{bucket}/{item['Key']}"))
    return sorted(found)


def _all_date_files(fs: pafs.FileSystem, location: LakeLocation, table: str) -> list[pafs.FileInfo]:
    """Every Parquet file in a date folder of the table, in one recursive listing."""
    infos = fs.get_file_info(pafs.FileSelector(location.path(table), recursive=True, allow_not_found=True))
    return [i for i in infos if i.type == pafs.FileType.File and i.path.endswith(".parquet")
            and posixpath.basename(posixpath.dirname(i.path)).startswith(PARTITION_PREFIX)]


def _list_files(fs: pafs.FileSystem, directory: str) -> list[pafs.FileInfo]:
    infos = fs.get_file_info(pafs.FileSelector(directory, allow_not_found=True))
    return [i for i in infos if i.type == pafs.FileType.File and i.path.endswith(".parquet")]


def list_dates(location: LakeLocation, table: str) -> list[str]:
    fs = location.filesystem()
    infos = fs.get_file_info(pafs.FileSelector(location.path(table), allow_not_found=True))
    return sorted(
        posixpath.basename(i.path)[len(PARTITION_PREFIX):]
        for i in infos
        if i.type == pafs.FileType.Directory and posixpath.basename(i.path).startswith(PARTITION_PREFIX)
    )


def table_files(location: LakeLocation, table: str, dates: list[str] | None = None) -> list[tuple[str, str]]:
    """(date, path) of every Parquet file of the table, for the given dates or all of them."""
    fs = location.filesystem()
    if dates is None:  # the whole table: one listing, not the dates and then their files
        infos = _all_date_files(fs, location, table)
    else:
        infos = _files_of_dates(fs, location, table, sorted(set(dates)))
    prefix_length = len(date_dir(location, table, ""))
    return sorted((posixpath.dirname(i.path)[prefix_length:], i.path) for i in infos)


def read_date_file(fs: pafs.FileSystem, path: str, arrow_schema: pa.Schema) -> pa.Table:
    """One date file as `arrow_schema`, whichever LEGACY_TYPES it holds. pyarrow casts an int64
    volume to float64 as it reads, but refuses one past 2**53 (no float64 holds it exactly): such a
    file (and any a pyarrow that does not cast refuses) is read with its old types and cast to the
    nearest float64, which is all a float64 volume can hold."""
    try:
        return pq.read_table(path, filesystem=fs, schema=arrow_schema)
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError, pa.ArrowTypeError):
        legacy = pa.schema([f.with_type(LEGACY_TYPES[f.name]) if f.name in LEGACY_TYPES else f for f in arrow_schema])
        if legacy == arrow_schema:
            raise
        return pq.read_table(path, filesystem=fs, schema=legacy).cast(arrow_schema, safe=False)


def read_dates(spark, location: LakeLocation, table: str, arrow_schema: pa.Schema, dates: list[str] | None = None):
    """The table as a Spark DataFrame with a `date` column; files are read in parallel by the tasks."""
    from pyspark.sql.pandas.types import from_arrow_schema

    full_schema = pa.schema([pa.field("date", pa.date32()), *arrow_schema])
    spark_schema = from_arrow_schema(full_schema)
    files = table_files(location, table, dates)
    if not files:
        return spark.createDataFrame([], spark_schema)
    slices = max(1, min(len(files), spark.sparkContext.defaultParallelism * 2))
    listing = spark.createDataFrame(files, "date string, path string").repartition(slices)

    def read_partition(batches):
        import datetime as dt

        fs = location.filesystem()
        for batch in batches:
            for day, path in zip(batch.column(0).to_pylist(), batch.column(1).to_pylist()):
                table_ = read_date_file(fs, path, arrow_schema)
                stamp = pa.array([dt.date.fromisoformat(day)] * table_.num_rows, pa.date32())
                table_ = table_.add_column(0, "date", stamp)
                yield from table_.to_batches()

    return listing.mapInArrow(read_partition, spark_schema)


def read_arrow(location: LakeLocation, table: str, arrow_schema: pa.Schema, dates: list[str] | None = None) -> pa.Table:
    """The same table read on this machine alone, for checks, tests and small reads."""
    return read_files(location, table_files(location, table, dates), arrow_schema)


def read_files(location: LakeLocation, files: list[tuple[str, str]], arrow_schema: pa.Schema) -> pa.Table:
    """(date, path) files of a table (table_files, files_between) read with a `date` column. Files are
    read by a few threads at once (pyarrow releases the GIL), which matters most on S3, where each
    file is a round trip."""
    from concurrent.futures import ThreadPoolExecutor

    fs = location.filesystem()

    def read(item: tuple[str, str]) -> pa.Table:
        day, path = item
        t = read_date_file(fs, path, arrow_schema)
        return t.add_column(0, "date", pa.repeat(pa.scalar(dt.date.fromisoformat(day), pa.date32()), t.num_rows))

    with ThreadPoolExecutor(max_workers=READ_THREADS) as pool:
        parts = list(pool.map(read, files))
    if not parts:
        return pa.schema([pa.field("date", pa.date32()), *arrow_schema]).empty_table()
    return pa.concat_tables(parts)
