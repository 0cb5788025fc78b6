"""monthly_ma_dip as Spark tasks over spans of dates, read from the lake and from plain Parquet."""
from __future__ import annotations

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from backintime_assets.lake.location import make_dirs
from backintime_assets.lake.pieces import contiguous_spans, lake_pieces, parquet_pieces
from backintime_assets.strategies import MonthlyMaDipParams, monthly_ma_dip_reference
from backintime_assets.strategies.monthly_ma_dip_tasks import monthly_ma_dip_on_driver, monthly_ma_dip_pieces
from backintime_assets_tests.backtesting.lake_prices import random_market, write_lake
from backintime_assets_tests.strategies.markets import assert_same_trades

pytestmark = pytest.mark.spark
PARAMS = MonthlyMaDipParams(window=3)


def test_lake_spans_on_spark_and_on_the_driver_match_the_reference(spark, local_lake):
    market = random_market()
    write_lake(local_lake, market)
    expected = monthly_ma_dip_reference(market, PARAMS)
    assert len(expected) > 20
    pieces = lake_pieces(local_lake, "prices")
    on_spark = monthly_ma_dip_pieces(spark, local_lake, pieces, PARAMS).to_pandas()
    assert_same_trades(on_spark, expected)
    assert on_spark[["ticker", "purchase_date"]].equals(expected[["ticker", "purchase_date"]])  # sorted
    assert_same_trades(monthly_ma_dip_on_driver(local_lake, pieces, PARAMS).to_pandas(), expected)


def test_plain_parquet_row_groups_cut_inside_dates(spark, local_lake, tmp_path):
    market = random_market(seed=11).sort_values(["date", "ticker"], ignore_index=True)
    table = pa.Table.from_pandas(market, preserve_index=False)
    paths = [str(tmp_path / "late.parquet"), str(tmp_path / "early.parquet")]
    half = table.num_rows // 2
    pq.write_table(table.slice(half), paths[0], row_group_size=97)  # 97 rows: groups end mid-date
    pq.write_table(table.slice(0, half), paths[1], row_group_size=97)
    pieces = parquet_pieces(local_lake.filesystem(), paths)
    assert len(pieces) > 8
    trades = monthly_ma_dip_pieces(spark, local_lake, pieces, PARAMS).to_pandas()
    assert_same_trades(trades, monthly_ma_dip_reference(market, PARAMS))


def test_interleaved_dates_fall_back_to_the_window_version(spark, local_lake, tmp_path):
    market = random_market(seed=3, days=60)
    table = pa.Table.from_pandas(market, preserve_index=False)
    path = str(tmp_path / "shuffled.parquet")
    pq.write_table(table.take(np.random.default_rng(0).permutation(table.num_rows)), path, row_group_size=200)
    pieces = parquet_pieces(local_lake.filesystem(), [path])
    assert contiguous_spans(pieces, 4) is None
    trades = monthly_ma_dip_pieces(spark, local_lake, pieces, PARAMS).to_pandas()
    assert_same_trades(trades, monthly_ma_dip_reference(market, PARAMS))


def _write_interleaved(location, market, name: str) -> list[str]:
    """`market` shuffled into two files of the lake's filesystem, so every row group spans the
    whole period and the pieces interleave."""
    fs = location.filesystem()
    table = pa.Table.from_pandas(market, preserve_index=False)
    shuffled = table.take(np.random.default_rng(1).permutation(table.num_rows))
    half = shuffled.num_rows // 2
    paths = [location.path(name, f"part-{i}.parquet") for i in range(2)]
    make_dirs(fs, location.path(name))
    pq.write_table(shuffled.slice(0, half), paths[0], filesystem=fs, row_group_size=150)
    pq.write_table(shuffled.slice(half), paths[1], filesystem=fs, row_group_size=150)
    return paths


def test_interleaved_pieces_on_s3_are_read_through_the_lake_filesystem(spark, s3_lake, local_lake):
    market = random_market(seed=5, days=70)
    by_lake = {}
    for location in (s3_lake, local_lake):
        pieces = parquet_pieces(location.filesystem(), _write_interleaved(location, market, "external"))
        assert len(pieces) > 4 and contiguous_spans(pieces, 4) is None  # the fallback, not the spans
        by_lake[location.url] = monthly_ma_dip_pieces(spark, location, pieces, PARAMS).to_pandas()
    on_s3, on_local = by_lake[s3_lake.url], by_lake[local_lake.url]
    write_lake(local_lake, market)  # the same prices in date order: the span path
    by_spans = monthly_ma_dip_pieces(spark, local_lake, lake_pieces(local_lake, "prices"), PARAMS).to_pandas()
    assert len(by_spans) > 10
    assert on_s3.equals(on_local)
    assert_same_trades(on_s3, by_spans)
    assert on_s3[["ticker", "purchase_date"]].equals(by_spans[["ticker", "purchase_date"]])  # sorted alike
    assert_same_trades(on_s3, monthly_ma_dip_reference(market, PARAMS))
