import pytest

from backintime_assets.ingestion.spark_tasks import balanced_slices, one_row_per_task


def test_slices_share_sizes_evenly_and_keep_every_item():
    sizes = {"a": 90, "b": 50, "c": 40, "d": 30, "e": 30, "f": 10}
    slices = balanced_slices(list(sizes), 3, sizes.get)
    assert sorted(x for s in slices for x in s) == sorted(sizes)
    assert sorted(sum(sizes[x] for x in s) for s in slices) == [80, 80, 90]
    assert balanced_slices(["a", "b"], 8, sizes.get) == [["a"], ["b"]]
    assert balanced_slices([], 4, sizes.get) == []


@pytest.mark.spark
def test_one_row_per_task(spark):
    df = one_row_per_task(spark, [(i,) for i in range(5)], "n long")
    assert df.rdd.getNumPartitions() == 5
    assert df.rdd.glom().map(len).collect() == [1, 1, 1, 1, 1]
