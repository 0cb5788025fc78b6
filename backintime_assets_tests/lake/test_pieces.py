import datetime as dt

import pyarrow as pa
import pyarrow.fs as pafs
import pyarrow.parquet as pq
import pytest

from backintime_assets.lake.pieces import (
    Piece, contiguous_spans, lake_pieces, parquet_pieces, pieces_dataframe, read_pieces,
)
from backintime_assets_tests.backtesting.lake_prices import put_prices
from backintime_assets_tests.support.opened_files import LoggedLake

D = dt.date


def piece(first: int, last: int, rows: int = 10) -> Piece:
    return Piece(f"p{first}-{last}", D(2024, 1, first), D(2024, 1, last), rows)


def test_row_groups_are_dated_by_their_statistics_and_read_back(tmp_path):
    days = [D(2024, 1, 2)] * 3 + [D(2024, 1, 3)] * 3 + [D(2024, 2, 1)] * 2
    table = pa.table({"date": pa.array(days, pa.date32()), "ticker": list("ABCABCAB"), "adj_close": range(8)})
    later, earlier = str(tmp_path / "b.parquet"), str(tmp_path / "a.parquet")
    pq.write_table(table.slice(6), earlier, row_group_size=3)  # file names out of date order
    pq.write_table(table.slice(0, 6), later, row_group_size=4)
    pieces = parquet_pieces(pafs.LocalFileSystem(), [later, earlier])
    assert [(p.path, p.row_group, p.first_date, p.last_date, p.rows) for p in pieces] == [
        (later, 0, D(2024, 1, 2), D(2024, 1, 3), 4),
        (later, 1, D(2024, 1, 3), D(2024, 1, 3), 2),
        (earlier, 0, D(2024, 2, 1), D(2024, 2, 1), 2),
    ]
    read = read_pieces(pafs.LocalFileSystem(), pieces[1:], ["ticker", "date"])
    assert read.to_pydict() == {"ticker": ["B", "C", "A", "B"], "date": [D(2024, 1, 3)] * 2 + [D(2024, 2, 1)] * 2}


def test_files_without_a_date_column_are_refused(tmp_path):
    path = str(tmp_path / "x.parquet")
    pq.write_table(pa.table({"ticker": ["A"]}), path)
    with pytest.raises(ValueError, match="no 'date' column"):
        parquet_pieces(pafs.LocalFileSystem(), [path])


def test_lake_files_take_their_date_from_the_directory(local_lake):
    put_prices(local_lake, "2025-01-03", [("A", 2.0)])
    put_prices(local_lake, "2025-01-02", [("A", 1.0), ("B", 5.0)])
    pieces = lake_pieces(local_lake, "prices")
    assert [(p.first_date, p.date_from_path) for p in pieces] == [(D(2025, 1, 2), True), (D(2025, 1, 3), True)]
    assert [p.first_date for p in lake_pieces(local_lake, "prices", ["2025-01-03"])] == [D(2025, 1, 3)]
    read = read_pieces(local_lake.filesystem(), pieces, ["date", "ticker", "adj_close"])
    assert read.to_pydict() == {"date": [D(2025, 1, 2), D(2025, 1, 2), D(2025, 1, 3)], "ticker": ["A", "B", "A"],
                                "adj_close": [1.0, 5.0, 2.0]}
    assert read.schema.field("date").type == pa.date32()


def test_spans_are_consecutive_and_balanced():
    pieces = [piece(d, d, rows) for d, rows in zip(range(1, 9), [10, 10, 10, 10, 10, 10, 10, 30])]
    spans = contiguous_spans(pieces, 3)
    assert [p for span in spans for p in span] == pieces
    assert [sum(p.rows for p in span) for span in spans] == [40, 30, 30]
    assert contiguous_spans(pieces[:2], 5) == [[pieces[0]], [pieces[1]]]
    assert contiguous_spans([], 4) == []


def test_pieces_may_share_a_boundary_date_but_not_overlap():
    assert contiguous_spans([piece(1, 3), piece(3, 3), piece(3, 5)], 3) is not None
    assert contiguous_spans([piece(1, 4), piece(3, 5)], 2) is None


def test_each_piece_is_one_open_of_its_file(local_lake, tmp_path):
    put_prices(local_lake, "2025-01-02", [("A", 1.0), ("B", 5.0)])
    put_prices(local_lake, "2025-01-03", [("A", 2.0)])
    lake = LoggedLake(url=local_lake.url, log=str(tmp_path / "opened.log"))
    files = lake_pieces(lake, "prices")
    groups = parquet_pieces(pafs.LocalFileSystem(), [_dated_file(tmp_path, row_group_size=2)])
    assert len(groups) == 2
    read_pieces(lake.filesystem(), files + groups, ["date", "ticker"])
    assert lake.opened() == {**{p.path: 1 for p in files}, groups[0].path: 2}  # a row group a piece


@pytest.mark.spark
def test_pieces_as_a_dataframe_are_read_by_the_tasks_through_the_lake(spark, s3_lake):
    fs = s3_lake.filesystem()
    table = pa.table({"date": pa.array([D(2024, 1, d) for d in (2, 3, 2, 3)], pa.date32()),
                      "ticker": list("AABB"), "adj_close": pa.array([1, 2, 3, 4], pa.int32())})
    paths = [s3_lake.path("ext", f"{i}.parquet") for i in range(2)]
    pq.write_table(table.slice(0, 2), paths[0], filesystem=fs)
    pq.write_table(table.slice(2), paths[1], filesystem=fs, row_group_size=1)
    schema = pa.schema([("date", pa.date32()), ("ticker", pa.string()), ("adj_close", pa.float64())])
    frame = pieces_dataframe(spark, s3_lake, parquet_pieces(fs, paths), schema)
    assert frame.schema.simpleString() == "struct<date:date,ticker:string,adj_close:double>"  # cast to `schema`
    rows = sorted(tuple(r) for r in frame.collect())
    assert rows == [(D(2024, 1, 2), "A", 1.0), (D(2024, 1, 2), "B", 3.0), (D(2024, 1, 3), "A", 2.0),
                    (D(2024, 1, 3), "B", 4.0)]
    assert pieces_dataframe(spark, s3_lake, [], schema).count() == 0


def _dated_file(tmp_path, row_group_size: int) -> str:
    path = str(tmp_path / "dated.parquet")
    table = pa.table({"date": pa.array([D(2024, 1, 2), D(2024, 1, 2), D(2024, 1, 3)], pa.date32()),
                      "ticker": list("ABA")})
    pq.write_table(table, path, row_group_size=row_group_size)
    return path
