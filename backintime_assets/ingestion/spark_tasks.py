"""Sharing work out as Spark tasks that run our own Python on whole files."""
from __future__ import annotations

import gc
import heapq
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TypeVar

import pyarrow as pa
import pyarrow.ipc as ipc

Item = TypeVar("Item")
Payload = TypeVar("Payload")


def balanced_slices(items: Sequence[Item], count: int, size: Callable[[Item], int]) -> list[list[Item]]:
    """`items` shared into at most `count` slices of near-equal size (largest first to the lightest slice)."""
    heap = [(0, i, []) for i in range(min(count, len(items)))]
    for item in sorted(items, key=lambda t: -size(t)):
        total, i, members = heapq.heappop(heap)
        members.append(item)
        heapq.heappush(heap, (total + max(size(item), 1), i, members))
    return [members for _, _, members in sorted(heap, key=lambda s: s[1]) if members]


def contiguous_slices(items: Sequence[Item], count: int, size: Callable[[Item], int]) -> list[list[Item]]:
    """`items`, in their order, cut into at most `count` runs of near-equal size: neighbours stay
    together (files of consecutive dates, of one template)."""
    total = sum(max(size(item), 1) for item in items)
    slices: list[list[Item]] = [[]]
    done = 0
    for item in items:
        weight = max(size(item), 1)
        # A new run starts where an item's middle passes the current run's share.
        if slices[-1] and len(slices) < count and done + weight / 2 >= total * len(slices) / count:
            slices.append([])
        slices[-1].append(item)
        done += weight
    return [s for s in slices if s]


def run_tasks(spark, payloads: list[Payload], work: Callable[[Payload], Iterable[dict]],
              result: pa.Schema) -> list[dict]:
    """`work(payload)` for each payload as its own Spark task; the dicts they yield, collected."""
    return run_arrow_tasks(spark, payloads, lambda payload: batched(result, work(payload)), result).to_pylist()


def run_arrow_tasks(spark, payloads: list[Payload], work: Callable[[Payload], Iterable[pa.RecordBatch]],
                    result: pa.Schema) -> pa.Table:
    """`work(payload)` for each payload as its own Spark task; the batches they yield, as one table.

    Each task gets its own payload as its partition's one element; the closure carries only
    `work`. Payloads in the closure, each task picking its own by index, shipped every payload to
    every task: a conversion's file list with each file's schema is ~4 MB on 3,000 daily files,
    unpickled again by each task, and past 1 MB Spark broadcasts the closure. An RDD job, each
    batch handed back as Arrow IPC bytes: a DataFrame job (mapInArrow, then toArrow) cost ~0.2 s
    more per job in planning and Arrow round trips through the JVM, for results that are a few
    rows per file."""
    if not payloads:
        return result.empty_table()

    def run(own_payloads):
        _spare_from_collections()
        for payload in own_payloads:
            for batch in work(payload):
                yield _in_schema(batch, result).serialize().to_pybytes()

    # One payload per partition: parallelize cuts a list of n into n partitions of one element.
    partitions = spark.sparkContext.parallelize(payloads, len(payloads))
    batches = [ipc.read_record_batch(pa.py_buffer(b), result) for b in partitions.mapPartitions(run).collect()]
    return pa.Table.from_batches(batches, schema=result)


def _spare_from_collections() -> None:
    """In a Spark task, what the worker holds now (our imports, pyarrow's, caches) taken out of the
    garbage collector's sight. PySpark's daemon runs a full gc.collect() after each task of a reused
    worker: it walked the ~70,000 objects of our imports every time, 40-150 ms a task, and a
    750-file daily survey and conversion (six tasks) spent 0.5-0.7 of its ~2.1 task CPU-s in those
    collections (2026-12-06). The daemon's collection after the previous task has freed that
    task's garbage, so what is frozen here is alive; the task's own objects are still collected.
    What is frozen is never collected: an object in a reference cycle that a later task drops (a cache
    holding exceptions, frames or objects that point back at it) would stay for the worker's life.
    Today's caches hold strings, numbers and tuples, no cycles (rev50d: a reused worker's RSS flat over
    ~27 tasks, base and frozen alike)."""
    from pyspark import TaskContext

    if TaskContext.get() is not None:  # never the driver's objects (a process that lives on)
        gc.freeze()


def _in_schema(batch: pa.RecordBatch, schema: pa.Schema) -> pa.RecordBatch:
    """The batch's columns named in `schema`, in its order and types."""
    if batch.schema.equals(schema):
        return batch
    return batch.select(schema.names).cast(schema)


def batched(schema: pa.Schema, rows: Iterable[dict], size: int = 4096) -> Iterator[pa.RecordBatch]:
    """What a task hands back to the driver, as few Arrow batches: each batch costs a round trip
    through Spark's Python runner, so one per small row would cost more than the rows."""
    chunk: list[dict] = []
    for row in rows:
        chunk.append(row)
        if len(chunk) >= size:
            yield pa.RecordBatch.from_pylist(chunk, schema=schema)
            chunk = []
    if chunk:
        yield pa.RecordBatch.from_pylist(chunk, schema=schema)
