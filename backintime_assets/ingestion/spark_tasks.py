"""Sharing work out as Spark tasks that run our own Python on whole files."""
from __future__ import annotations

import heapq
from collections.abc import Callable, Sequence
from typing import TypeVar

import pyarrow as pa

Item = TypeVar("Item")


def balanced_slices(items: Sequence[Item], count: int, size: Callable[[Item], int]) -> list[list[Item]]:
    """`items` shared into at most `count` slices of near-equal size (largest first to the lightest slice)."""
    heap = [(0, i, []) for i in range(min(count, len(items)))]
    for item in sorted(items, key=lambda t: -size(t)):
        total, i, members = heapq.heappop(heap)
        members.append(item)
        heapq.heappush(heap, (total + max(size(item), 1), i, members))
    return [members for _, _, members in sorted(heap, key=lambda s: s[1]) if members]


def one_row_per_task(spark, rows: list[tuple], schema: str):
    """A DataFrame with exactly one row in each partition, so each row is one Spark task."""
    return spark.createDataFrame(spark.sparkContext.parallelize(rows, len(rows)), schema)


def result_row(schema: pa.Schema, **values) -> pa.RecordBatch:
    """One row of what a task hands back to the driver."""
    return pa.RecordBatch.from_pylist([values], schema=schema)


def spark_schema(schema: pa.Schema):
    from pyspark.sql.pandas.types import from_arrow_schema

    return from_arrow_schema(schema)
