import pytest

import pyarrow as pa

from backintime_assets.ingestion.spark_tasks import balanced_slices, batched, run_tasks


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
