import datetime as dt
import gc

import pyarrow as pa
import pytest

from backintime_assets.ingestion.spark_tasks import balanced_slices, batched, run_arrow_tasks, run_tasks


def test_slices_share_sizes_evenly_and_keep_every_item():
    sizes = {"a": 90, "b": 50, "c": 40, "d": 30, "e": 30, "f": 10}
    slices = balanced_slices(list(sizes), 3, sizes.get)
    assert sorted(x for s in slices for x in s) == sorted(sizes)
    assert sorted(sum(sizes[x] for x in s) for s in slices) == [80, 80, 90]
    assert balanced_slices(["a", "b"], 8, sizes.get) == [["a"], ["b"]]
    assert balanced_slices([], 4, sizes.get) == []


def test_batched_yields_few_batches_with_every_row():
    schema = pa.schema([("n", pa.int64()), ("s", pa.string())])
    batches = list(batched(schema, ({"n": i} for i in range(10)), size=4))
    assert [b.num_rows for b in batches] == [4, 4, 2]
    assert pa.Table.from_batches(batches)["n"].to_pylist() == list(range(10))
    assert pa.Table.from_batches(batches)["s"].null_count == 10


@pytest.mark.spark
def test_each_payload_runs_as_its_own_task(spark):
    from pyspark import TaskContext

    schema = pa.schema([("payload", pa.string()), ("partition", pa.int64()), ("item", pa.int64())])

    def work(payload):
        for item in payload["items"]:
            yield {"payload": payload["name"], "partition": TaskContext.get().partitionId(), "item": item}

    rows = run_tasks(spark, [{"name": "a", "items": [1, 2]}, {"name": "b", "items": [3]}, {"name": "c", "items": []}],
                     work, schema)
    assert sorted((r["payload"], r["item"]) for r in rows) == [("a", 1), ("a", 2), ("b", 3)]
    assert len({r["partition"] for r in rows}) == 2 and {r["partition"] for r in rows if r["payload"] == "a"} == {0}
    assert run_tasks(spark, [], work, schema) == []


@pytest.mark.spark
def test_tasks_keep_what_the_worker_holds_out_of_garbage_collections(spark):
    # PySpark's daemon runs a full gc.collect() after each task: over the objects of our imports
    # that was 40-150 ms a task, ~30% of a daily run's task CPU.
    schema = pa.schema([("frozen", pa.int64())])
    rows = run_tasks(spark, [1, 2, 3], lambda _: iter([{"frozen": gc.get_freeze_count()}]), schema)
    assert len(rows) == 3 and all(r["frozen"] > 1000 for r in rows)


class _InThisProcess:
    """Spark's part of run_arrow_tasks, every task run here in turn."""

    def __init__(self):
        self.sparkContext = self

    def parallelize(self, payloads, _count):
        self.payloads = list(payloads)
        return self

    def mapPartitions(self, run):  # noqa: N802  Spark's name
        self.run = run
        return self

    def collect(self):
        return [out for payload in self.payloads for out in self.run(iter([payload]))]


def test_tasks_run_outside_spark_leave_the_collector_alone():
    # The driver lives on (a Dagster process): what it holds now may be garbage later.
    frozen = gc.get_freeze_count()
    rows = run_tasks(_InThisProcess(), [1, 2], lambda n: iter([{"n": n}]), pa.schema([("n", pa.int64())]))
    assert [r["n"] for r in rows] == [1, 2] and gc.get_freeze_count() == frozen


class _CountedPayload:
    """A payload that leaves a line in `log` each time it is unpickled, wherever that happens."""

    def __init__(self, name: str, log: str):
        self.name, self.log = name, log

    def __setstate__(self, state):
        self.__dict__.update(state)
        with open(self.log, "a") as f:
            f.write(self.name + "\n")


@pytest.mark.spark
def test_each_task_unpickles_its_own_payload_only(spark, tmp_path):
    # Payloads in the task closure reached every task: n tasks unpickled n * n payloads, and a
    # conversion's file list with a schema per file is megabytes.
    schema = pa.schema([("name", pa.string())])
    log = str(tmp_path / "unpickled.txt")
    payloads = [_CountedPayload(name, log) for name in ("a", "b", "c", "d")]
    rows = run_tasks(spark, payloads, lambda p: iter([{"name": p.name}]), schema)
    assert sorted(r["name"] for r in rows) == ["a", "b", "c", "d"]
    assert sorted(open(log).read().split()) == ["a", "b", "c", "d"]


@pytest.mark.spark
def test_arrow_tasks_hand_back_their_batches_in_the_given_types(spark):
    schema = pa.schema([("day", pa.date32()), ("name", pa.string()), ("value", pa.float64())])

    def work(n: int):
        yield pa.record_batch([pa.array([n] * n, pa.int32()).cast(pa.date32()), pa.array([f"n{n}"] * n),
                               pa.array([n / 2] * n)], schema=schema)

    table = run_arrow_tasks(spark, [1, 3], work, schema)
    assert table.schema == schema
    assert sorted(table.to_pylist(), key=lambda r: r["name"])[:2] == [
        {"day": dt.date(1970, 1, 2), "name": "n1", "value": 0.5},
        {"day": dt.date(1970, 1, 4), "name": "n3", "value": 1.5},
    ]
    assert table.num_rows == 4
    assert run_arrow_tasks(spark, [], work, schema).schema == schema


def test_contiguous_slices_keep_neighbours_together_and_share_the_size():
    from backintime_assets.ingestion.spark_tasks import contiguous_slices

    sizes = [5, 5, 5, 5, 30, 5, 5, 5, 5, 5, 5, 5]
    slices = contiguous_slices(list(range(len(sizes))), 4, lambda i: sizes[i])
    assert [i for s in slices for i in s] == list(range(len(sizes)))  # in order, each once
    assert len(slices) <= 4 and max(sum(sizes[i] for i in s) for s in slices) <= 30 + 5
    assert contiguous_slices([], 4, len) == [] and contiguous_slices(["a"], 4, len) == [["a"]]


def test_batches_are_handed_back_in_the_result_schema_whatever_their_order_and_types():
    from backintime_assets.ingestion.spark_tasks import _in_schema

    schema = pa.schema([("name", pa.string()), ("count", pa.int64())])
    batch = pa.record_batch([pa.array([3, 4], pa.int32()), pa.array(["a", "b"])], names=["count", "name"])
    assert _in_schema(batch, schema).to_pylist() == [{"name": "a", "count": 3}, {"name": "b", "count": 4}]
    assert _in_schema(batch, schema).schema == schema
    exact = pa.record_batch([pa.array(["c"]), pa.array([5], pa.int64())], schema=schema)
    assert _in_schema(exact, schema) is exact
