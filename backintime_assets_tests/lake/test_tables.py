import datetime as dt

import pyarrow as pa
import pytest

from backintime_assets.lake.tables import list_dates, read_arrow, read_dates, table_files, write_dates

SCHEMA = pa.schema([("ticker", pa.string()), ("close", pa.float64())])


def _frame(spark, rows):
    return spark.createDataFrame(rows, "date date, ticker string, close double")


def _rows(day, tickers):
    return [(day, t, float(i)) for i, t in enumerate(tickers)]


@pytest.mark.spark
@pytest.mark.parametrize("lake", ["local_lake", "s3_lake"])
def test_write_replaces_only_the_written_dates(spark, request, lake):
    location = request.getfixturevalue(lake)
    d1, d2 = dt.date(2025, 1, 2), dt.date(2025, 1, 3)
    write_dates(_frame(spark, _rows(d1, "CBA") + _rows(d2, "XY")), location, "t", ["2025-01-02", "2025-01-03"], "run1", ["ticker"])
    # Rewriting day 1 with other rows replaces it and leaves day 2 alone.
    written = write_dates(_frame(spark, _rows(d1, "ZQ")), location, "t", ["2025-01-02"], "run2", ["ticker"])
    assert [(w.date, w.rows) for w in written] == [("2025-01-02", 2)]
    table = read_arrow(location, "t", SCHEMA).sort_by([("date", "ascending"), ("ticker", "ascending")])
    assert table.column("ticker").to_pylist() == ["Q", "Z", "X", "Y"]
    assert list_dates(location, "t") == ["2025-01-02", "2025-01-03"]
    assert len(table_files(location, "t")) == 2

    df = read_dates(spark, location, "t", SCHEMA, ["2025-01-03"])
    assert sorted((r.date, r.ticker) for r in df.collect()) == [(d2, "X"), (d2, "Y")]


@pytest.mark.spark
def test_rows_sorted_within_a_date_file(spark, local_lake):
    d1 = dt.date(2025, 1, 2)
    write_dates(_frame(spark, _rows(d1, "DCBA")), local_lake, "t", ["2025-01-02"], "r", ["ticker"])
    assert read_arrow(local_lake, "t", SCHEMA).column("ticker").to_pylist() == ["A", "B", "C", "D"]


@pytest.mark.spark
def test_a_window_date_without_rows_is_emptied(spark, local_lake):
    d1, d2 = dt.date(2025, 1, 2), dt.date(2025, 1, 3)
    write_dates(_frame(spark, _rows(d1, "A") + _rows(d2, "B")), local_lake, "t", ["2025-01-02", "2025-01-03"], "r1", ["ticker"])
    write_dates(_frame(spark, _rows(d1, "A")), local_lake, "t", ["2025-01-02", "2025-01-03"], "r2", ["ticker"])
    assert read_arrow(local_lake, "t", SCHEMA).column("ticker").to_pylist() == ["A"]


@pytest.mark.spark
def test_rows_outside_the_window_are_refused(spark, local_lake):
    with pytest.raises(ValueError, match="outside"):
        write_dates(_frame(spark, _rows(dt.date(2025, 1, 6), "A")), local_lake, "t", ["2025-01-02"], "r", ["ticker"])
    assert table_files(local_lake, "t") == []


@pytest.mark.parametrize("lake", ["local_lake", "s3_lake"])
def test_drop_stale_files_lists_few_or_many_dates_alike(request, lake):
    import pyarrow.parquet as pq

    from backintime_assets.lake import tables

    location = request.getfixturevalue(lake)
    fs = location.filesystem()
    days = [f"2025-01-{d:02d}" for d in range(1, 31)]
    for day in days:
        for tag in ("old", "new"):
            path = tables.date_file(location, "t", day, tag)
            fs.create_dir(path.rsplit("/", 1)[0], recursive=True)
            pq.write_table(pa.table({"ticker": ["A"], "close": [1.0]}), path, filesystem=fs)
    keep = {tables.date_file(location, "t", day, "new") for day in days}
    tables.drop_stale_files(location, "t", days[:3], keep)  # a few dates: one listing each
    tables.drop_stale_files(location, "t", days[3:25], keep)  # many: one listing of the table
    left = sorted(p.rsplit("/", 1)[1] + "@" + d for d, p in table_files(location, "t"))
    assert left.count("part-old.parquet@2025-01-26") == 1  # a date not named is left alone
    assert sum(name.startswith("part-old") for name in left) == 5
    assert sum(name.startswith("part-new") for name in left) == 30
