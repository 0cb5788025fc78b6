"""Parquet read in date order, a piece at a time: what lets a Spark task own a span of dates.

A piece is a whole file or one row group of it, with the dates it holds. Lake files hold one
date each (named by their directory); any other Parquet tells its dates through the row-group
statistics of its `date` column. Pieces that follow one another in time can be shared out as
contiguous spans, so work that looks back along each ticker's history (a moving average) can be
done span by span and stitched together, with no shuffle by ticker.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pyarrow as pa
import pyarrow.fs as pafs
import pyarrow.parquet as pq

from backintime_assets.lake.location import LakeLocation
from backintime_assets.lake.tables import READ_THREADS, table_files

# A month and its look-back (a few dozen date files) are read on the driver: Spark tasks would cost
# a round of Python workers for a table of a few MB.
DRIVER_READ_MAX_DATES = 64


@dataclass(frozen=True)
class Piece:
    path: str
    first_date: dt.date
    last_date: dt.date
    rows: int  # 1 where the footer was not read (lake files): only balances the spans
    row_group: int | None = None  # None: the whole file
    date_from_path: bool = False  # the file has no date column: every row is first_date


def lake_pieces(location: LakeLocation, table: str, dates: list[str] | None = None) -> list[Piece]:
    """One piece per file of the lake table's `dates` (all of them when None), in date order. Their
    row counts are not read (one footer per file): spans of them balance by file count."""
    pieces = []
    for day, path in table_files(location, table, dates):
        date = dt.date.fromisoformat(day)
        pieces.append(Piece(path, date, date, 1, date_from_path=True))
    return pieces


def parquet_pieces(fs: pafs.FileSystem, paths: list[str], date_column: str = "date") -> list[Piece]:
    """One piece per row group of `paths`, dated by the statistics of `date_column`, in date order.
    Raises ValueError when a row group has no usable statistics for it."""
    pieces = []
    for path in paths:
        metadata = pq.ParquetFile(fs.open_input_file(path)).metadata
        index = metadata.schema.to_arrow_schema().get_field_index(date_column)
        if index < 0:
            raise ValueError(f"{path} has no {date_column!r} column")
        for group in range(metadata.num_row_groups):
            row_group = metadata.row_group(group)
            if row_group.num_rows == 0:
                continue
            stats = row_group.column(index).statistics
            if stats is None or not stats.has_min_max:
                raise ValueError(f"{path} row group {group}: no min/max statistics for {date_column!r}")
            pieces.append(Piece(path, _as_date(stats.min), _as_date(stats.max), row_group.num_rows, row_group=group))
    return sorted(pieces, key=lambda p: (p.first_date, p.last_date))


def _as_date(value) -> dt.date:
    return value.date() if isinstance(value, dt.datetime) else value


def contiguous_spans(pieces: list[Piece], count: int) -> list[list[Piece]] | None:
    """`pieces` (in date order) cut into at most `count` runs of consecutive pieces with similar
    row counts, or None when two pieces share more than a boundary date, so that no cut
    can put all of a ticker's earlier rows before its later ones."""
    for before, after in zip(pieces, pieces[1:]):
        if after.first_date < before.last_date:
            return None
    if not pieces:
        return []
    total = sum(p.rows for p in pieces)
    spans: list[list[Piece]] = [[]]
    done = 0
    for piece in pieces:
        # Cut where the running total passes the next multiple of total / count.
        if spans[-1] and done >= total * len(spans) / count:
            spans.append([])
        spans[-1].append(piece)
        done += piece.rows
    return spans


def read_pieces(fs: pafs.FileSystem, pieces: list[Piece], columns: list[str]) -> pa.Table:
    """`columns` (one of them `date`) of `pieces`, in their order. Read by a few threads at once,
    as read_arrow reads (pyarrow releases the GIL): a span is often hundreds of small date files."""
    from concurrent.futures import ThreadPoolExecutor

    def read(piece: Piece) -> pa.Table:
        wanted = [c for c in columns if not (piece.date_from_path and c == "date")]
        # One open per piece: pq.read_table opens a file twice (to find its schema, then to scan
        # it), two footer reads and, on S3, two more round trips per file.
        with fs.open_input_file(piece.path) as source:
            parquet = pq.ParquetFile(source, pre_buffer=True)
            if piece.row_group is None:
                part = parquet.read(columns=wanted)
            else:
                part = parquet.read_row_group(piece.row_group, columns=wanted)
        if piece.date_from_path and "date" in columns:
            stamp = pa.repeat(pa.scalar(piece.first_date, pa.date32()), part.num_rows)
            part = part.add_column(columns.index("date"), "date", stamp)
        return part.select(columns)

    if not pieces:
        raise ValueError("no pieces to read")
    with ThreadPoolExecutor(max_workers=READ_THREADS) as pool:
        parts = list(pool.map(read, pieces))
    return pa.concat_tables(parts, promote_options="permissive")


def pieces_dataframe(spark, location: LakeLocation, pieces: list[Piece], schema: pa.Schema):
    """`schema`'s columns of `pieces` as a lazy Spark DataFrame, for work that needs Spark's own
    operators (a shuffle). The tasks read with read_pieces through `location`'s filesystem, as
    every lake read does: Spark's Parquet reader would need Hadoop S3A and the lake's credentials."""
    from pyspark.sql.pandas.types import from_arrow_schema

    spark_schema = from_arrow_schema(schema)
    if not pieces:
        return spark.createDataFrame([], spark_schema)
    count = max(1, min(len(pieces), spark.sparkContext.defaultParallelism * 2))
    # Dealt round-robin: pieces come in date order, so each task gets early and late ones alike.
    shares = [pieces[i::count] for i in range(count)]

    def read(batches):
        fs = location.filesystem()
        for batch in batches:
            for index in batch.column(0).to_pylist():
                yield from read_pieces(fs, shares[index], schema.names).cast(schema).to_batches()

    # Each task picks its share by index from a JVM-side range: the pieces travel in the closure.
    return spark.range(0, count, 1, count).mapInArrow(read, spark_schema)
