import datetime as dt
from pathlib import Path

import pyarrow as pa
import pytest

from backintime_assets.lake.tables import FEW_DATES, list_dates, read_arrow, read_dates, table_files, write_date_file

SCHEMA = pa.schema([("ticker", pa.string()), ("close", pa.float64())])


@pytest.mark.spark
@pytest.mark.parametrize("lake", ["local_lake", "s3_lake"])
def test_date_files_read_back_by_spark_and_on_the_driver(spark, request, lake):
    location = request.getfixturevalue(lake)
    fs = location.filesystem()
    d1, d2 = dt.date(2025, 1, 2), dt.date(2025, 1, 3)
    written = [
        write_date_file(fs, location, "t", "2025-01-02", pa.table({"ticker": ["A", "B"], "close": [1.0, 2.0]}), "r"),
        write_date_file(fs, location, "t", "2025-01-03", pa.table({"ticker": ["C"], "close": [3.0]}), "r"),
    ]
    assert [(w.date, w.rows) for w in written] == [("2025-01-02", 2), ("2025-01-03", 1)]
    assert list_dates(location, "t") == ["2025-01-02", "2025-01-03"]
    assert [d for d, _ in table_files(location, "t")] == ["2025-01-02", "2025-01-03"]
    table = read_arrow(location, "t", SCHEMA).sort_by([("date", "ascending"), ("ticker", "ascending")])
    assert list(zip(table["date"].to_pylist(), table["ticker"].to_pylist())) == [(d1, "A"), (d1, "B"), (d2, "C")]
    df = read_dates(spark, location, "t", SCHEMA, ["2025-01-03"])
    assert [(r.date, r.ticker, r.close) for r in df.collect()] == [(d2, "C", 3.0)]
    assert read_arrow(location, "t", SCHEMA, []).num_rows == 0


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
    tables.drop_stale_files(location, "t", days[3:25], keep)  # many: one listing of their span
    left = sorted(p.rsplit("/", 1)[1] + "@" + d for d, p in table_files(location, "t"))
    assert left.count("part-old.parquet@2025-01-26") == 1  # a date not named is left alone
    assert sum(name.startswith("part-old") for name in left) == 5
    assert sum(name.startswith("part-new") for name in left) == 30


def test_date_files_on_s3_leave_no_folder_markers(s3_lake, seaweed):
    """Every date file used to cost a PUT per level of its path besides its own (pyarrow's
    create_dir makes empty `folder/` objects); on an object store only the files are written."""
    import boto3

    from backintime_assets_tests.support.seaweed import ACCESS_KEY, SECRET_KEY

    fs = s3_lake.filesystem()
    for day in ("2025-01-02", "2025-01-03"):
        write_date_file(fs, s3_lake, "t", day, pa.table({"ticker": ["A"], "close": [1.0]}), "r")
    client = boto3.client("s3", endpoint_url=seaweed.endpoint_url, aws_access_key_id=ACCESS_KEY,
                          aws_secret_access_key=SECRET_KEY, region_name="us-east-1")
    bucket, prefix = s3_lake.root.split("/", 1)
    listed = client.list_objects_v2(Bucket=bucket, Prefix=prefix + "/")["Contents"]
    keys = sorted(o["Key"][len(prefix) + 1:] for o in listed)
    assert keys == ["t/date=2025-01-02/part-r.parquet", "t/date=2025-01-03/part-r.parquet"]
    assert list_dates(s3_lake, "t") == ["2025-01-02", "2025-01-03"]


def test_make_dirs_creates_folders_on_a_local_lake(local_lake):
    from backintime_assets.lake.location import make_dirs

    folder = local_lake.path("t", "date=2025-01-02")
    make_dirs(local_lake.filesystem(), folder)
    make_dirs(local_lake.filesystem(), folder)  # already there: no error
    assert Path(folder).is_dir()


def test_date_files_bound_their_tickers_for_readers_that_skip_files(local_lake):
    """A date file is sorted by ticker: its tickers' bounds let a scan for a ticker skip it. The
    other columns carry none (bounds of prices skip nothing a query asks for, and cost to write)."""
    import pyarrow.parquet as pq

    rows = pa.table({"ticker": ["AAA", "MMM", "ZZZ"], "close": [3.0, 1.0, 2.0], "volume": [5, 6, 7]})
    written = write_date_file(local_lake.filesystem(), local_lake, "t", "2025-01-02", rows, "r")
    group = pq.read_metadata(written.path).row_group(0)
    columns = {group.column(i).path_in_schema: group.column(i) for i in range(group.num_columns)}
    assert (columns["ticker"].statistics.min, columns["ticker"].statistics.max) == ("AAA", "ZZZ")
    assert columns["close"].statistics is None and columns["volume"].statistics is None
    assert pq.read_table(written.path).equals(rows)


def _old_and_new_price_files(location):
    """A prices date file as the writer wrote it until session 22 (volume int64, delta encoded, one
    of them past 2**53) beside one written now (float64, fractions)."""
    import pyarrow.parquet as pq

    from backintime_assets.lake import tables
    from backintime_assets.lake.schemas import PRICES

    fs = location.filesystem()
    old_schema = pa.schema([f.with_type(pa.int64()) if f.name == "volume" else f for f in PRICES])
    old = pa.table({"ticker": ["AAA", "BBB"], "sector": ["TECH", "TECH"], **{c: [10.0, 20.0] for c in
                   ("open", "high", "low", "close", "adj_close")}, "volume": [1200, 2**53 + 1],
                    "source_file": ["old.csv"] * 2, "source_line": [2, 3]}, schema=old_schema)
    path = tables.date_file(location, "prices", "2025-01-02", "old")
    fs.create_dir(path.rsplit("/", 1)[0], recursive=True)
    with fs.open_output_stream(path) as out:
        pq.write_table(old, out, compression="zstd", use_dictionary=["sector", "source_file"],
                       column_encoding={"source_line": "DELTA_BINARY_PACKED", "volume": "DELTA_BINARY_PACKED"})
    new = pa.table({"ticker": ["BTC"], "sector": ["CRYPTO"], **{c: [42000.5] for c in
                   ("open", "high", "low", "close", "adj_close")}, "volume": [0.0213],
                    "source_file": ["new.csv"], "source_line": [2]}, schema=PRICES)
    write_date_file(fs, location, "prices", "2025-01-03", new, "new")
    return [(dt.date(2025, 1, 2), "AAA", 1200.0), (dt.date(2025, 1, 2), "BBB", float(2**53)),
            (dt.date(2025, 1, 3), "BTC", 0.0213)]


def test_an_old_int64_volume_date_file_reads_beside_a_new_one_as_one_table(local_lake):
    # The volume was int64 until session 22 (rounded: 0.0213 BTC loaded as 0). A lake of both reads
    # whole as float64: pyarrow casts as it reads, but refuses an int64 past 2**53, which alone had
    # made the table unreadable.
    from backintime_assets.lake.schemas import PRICES

    expected = _old_and_new_price_files(local_lake)
    table = read_arrow(local_lake, "prices", PRICES)
    assert table.schema.field("volume").type == pa.float64()
    assert list(zip(*(table[c].to_pylist() for c in ("date", "ticker", "volume")))) == expected


@pytest.mark.spark
def test_spark_reads_an_old_int64_volume_date_file_beside_a_new_one(spark, local_lake):
    from backintime_assets.lake.schemas import PRICES

    expected = _old_and_new_price_files(local_lake)
    df = read_dates(spark, local_lake, "prices", PRICES)
    assert dict(df.dtypes)["volume"] == "double"
    assert sorted((r.date, r.ticker, r.volume) for r in df.collect()) == expected


def test_a_prices_date_file_writes_its_fractional_volume_plain(local_lake):
    # Delta encoding is for integers: a float64 volume under it could not be written at all.
    import pyarrow.parquet as pq

    from backintime_assets.lake.schemas import PRICES

    rows = pa.table({"ticker": ["BTC", "ETH"], "sector": ["CRYPTO"] * 2, **{c: [42000.5, 2300.25] for c in
                    ("open", "high", "low", "close", "adj_close")}, "volume": [0.0213, 12.5],
                     "source_file": ["f.csv"] * 2, "source_line": [2, 3]}, schema=PRICES)
    written = write_date_file(local_lake.filesystem(), local_lake, "prices", "2025-01-02", rows, "r")
    assert pq.read_table(written.path).equals(rows)
    columns = pq.read_metadata(written.path).row_group(0)
    encodings = {columns.column(i).path_in_schema: columns.column(i).encodings for i in range(columns.num_columns)}
    assert "DELTA_BINARY_PACKED" in encodings["source_line"] and "DELTA_BINARY_PACKED" not in encodings["volume"]


def test_a_volume_the_file_does_not_give_stays_null_through_the_lake(local_lake):
    # NULL (a close-only source) is not 0 (nothing traded): written and read back, beside an old
    # int64 date file that takes the cast path, it stays NULL and a written 0 stays 0.
    from backintime_assets.lake.schemas import PRICES

    expected = _old_and_new_price_files(local_lake)
    rows = pa.table({"ticker": ["NAV", "ZRO"], "sector": ["FUND"] * 2, **{c: [13.95, 7.5] for c in
                    ("open", "high", "low", "close", "adj_close")}, "volume": pa.array([None, 0.0], pa.float64()),
                     "source_file": ["f.csv"] * 2, "source_line": [2, 3]}, schema=PRICES)
    write_date_file(local_lake.filesystem(), local_lake, "prices", "2025-01-06", rows, "r")
    table = read_arrow(local_lake, "prices", PRICES)
    assert list(zip(*(table[c].to_pylist() for c in ("date", "ticker", "volume")))) == expected + [
        (dt.date(2025, 1, 6), "NAV", None), (dt.date(2025, 1, 6), "ZRO", 0.0)]


@pytest.mark.parametrize("lake", ["local_lake", "s3_lake"])
def test_files_between_lists_the_dates_of_its_span_alone(request, lake):
    import pyarrow.parquet as pq

    from backintime_assets.lake.tables import date_dir, files_between

    location = request.getfixturevalue(lake)
    fs = location.filesystem()
    for day in ("2025-01-02", "2025-01-03", "2025-01-06", "2025-01-07"):
        write_date_file(fs, location, "t", day, pa.table({"ticker": ["A"], "close": [1.0]}), "r")
    # A stray folder beside a date's: on S3 its keys sort before the date's own (`-` before `/`).
    stray = date_dir(location, "t", "2025-01-06") + "-copy"
    fs.create_dir(stray, recursive=True)
    pq.write_table(pa.table({"ticker": ["A"]}), stray + "/part-r.parquet", filesystem=fs)
    assert [d for d, _ in files_between(location, "t", "2025-01-03", "2025-01-06")] == ["2025-01-03", "2025-01-06"]
    assert [d for d, _ in files_between(location, "t", "2025-01-04", "2025-01-05")] == []
    assert [p.rsplit("/", 2)[1] for _, p in files_between(location, "t", "2025-01-01", "2025-01-31")] == [
        "date=2025-01-02", "date=2025-01-03", "date=2025-01-06", "date=2025-01-07"]


@pytest.mark.parametrize("lake", ["local_lake", "s3_lake"])
def test_many_dates_drop_their_stale_files_under_a_lake_prefix_of_odd_characters(request, lake):
    """The paths a span listing gives (boto3 keys on S3) are those the writers wrote: a current file
    is never taken for a stale one (deleted), nor a stale one missed (its rows kept twice)."""
    from backintime_assets.lake import LakeLocation, tables

    plain = request.getfixturevalue(lake)
    location = LakeLocation(plain.url + "/odd dir+x%41é~(1)", plain.s3_endpoint_url, plain.s3_access_key_id,
                            plain.s3_secret_access_key)
    fs = location.filesystem()
    days = [(dt.date(2025, 1, 1) + dt.timedelta(days=i)).isoformat() for i in range(FEW_DATES + 5)]
    one = pa.table({"ticker": ["A"], "close": [1.0]})
    for day in days:
        write_date_file(fs, location, "t", day, one, "old")
    keep = {write_date_file(fs, location, "t", day, one, "new").path for day in days}
    tables.drop_stale_files(location, "t", days, keep)
    assert {path for _, path in table_files(location, "t")} == keep


def test_a_span_listing_on_s3_pages_past_1000_keys_and_splits_no_date(s3_lake, seaweed):
    """A listing of more keys than a page holds, with several files a date, so pages end inside a date."""
    import boto3

    from backintime_assets.lake.tables import files_between
    from backintime_assets_tests.support.seaweed import ACCESS_KEY, SECRET_KEY

    client = boto3.client("s3", endpoint_url=seaweed.endpoint_url, aws_access_key_id=ACCESS_KEY,
                          aws_secret_access_key=SECRET_KEY, region_name="us-east-1")
    bucket, root = s3_lake.root.split("/", 1)
    days = [(dt.date(2022, 1, 1) + dt.timedelta(days=i)).isoformat() for i in range(340)]
    stored = []
    for day in days:
        for k in range(3):  # 1,020 keys
            key = f"{root}/t/date={day}/part-{k}.parquet"
            client.put_object(Bucket=bucket, Key=key, Body=b"")
            stored.append((day, f"{bucket}/{key}"))
    assert files_between(s3_lake, "t", days[0], days[-1]) == sorted(stored)
    assert files_between(s3_lake, "t", days[9], days[10]) == sorted(stored)[27:33]  # pages of 3 keys
