"""`monthly_ma_dip` on Spark without a shuffle: one task per span of consecutive dates.

Each task reads its own pieces of Parquet (lake/pieces.py) and summarises them
(monthly_ma_dip_spans.py); the driver stitches the summaries into trades. Nothing is sorted
or moved across the cluster by ticker, which is what cost the window version
(monthly_ma_dip_spark.py) most of its time.

Chosen by measurement (bench/bench_backtest.py, 9.8M rows, local[2]); see that bench's
docstring for the figures. The window version stays for DataFrames that are not files in date
order (the Strategy interface), and serves here when pieces overlap in time.
"""
from __future__ import annotations

import pyarrow as pa

from backintime_assets.ingestion.spark_tasks import run_arrow_tasks
from backintime_assets.lake.location import LakeLocation
from backintime_assets.lake.pieces import Piece, contiguous_spans, read_pieces
from backintime_assets.strategies.monthly_ma_dip_spans import (
    PRICE_COLUMNS,
    summarise_span,
    summary_schema,
    trades_from_summaries,
)
from backintime_assets.strategies.params import MonthlyMaDipParams

SPANS_PER_CORE = 2  # a second wave evens out spans of unequal cost


def monthly_ma_dip_pieces(spark, location: LakeLocation, pieces: list[Piece],
                          params: MonthlyMaDipParams = MonthlyMaDipParams()) -> pa.Table:
    """Trades (TRADE_COLUMNS, sorted by ticker and date) of the prices in `pieces`, read by the
    tasks through `location`'s filesystem."""
    spans = contiguous_spans(pieces, spark.sparkContext.defaultParallelism * SPANS_PER_CORE)
    if spans is None:
        return _by_windows(spark, pieces, params)
    numbered = list(enumerate(spans))

    def summarise(payload: tuple[int, list[Piece]]):
        span, span_pieces = payload
        prices = read_pieces(location.filesystem(), span_pieces, PRICE_COLUMNS)
        yield from summarise_span(prices, span, params).to_batches()

    summaries = run_arrow_tasks(spark, numbered, summarise, summary_schema(params))
    return trades_from_summaries(summaries, params)


def monthly_ma_dip_on_driver(location: LakeLocation, pieces: list[Piece],
                             params: MonthlyMaDipParams = MonthlyMaDipParams()) -> pa.Table:
    """The same trades, read and computed here: for a few dates, where tasks would cost more."""
    prices = read_pieces(location.filesystem(), pieces, PRICE_COLUMNS) if pieces else _no_prices()
    return trades_from_summaries(summarise_span(prices, 0, params), params)


def _by_windows(spark, pieces: list[Piece], params: MonthlyMaDipParams) -> pa.Table:
    """Pieces whose dates interleave cannot be cut into spans: Spark's window version reads them."""
    from backintime_assets.strategies.monthly_ma_dip_spark import monthly_ma_dip_spark

    paths = sorted({p.path for p in pieces})
    trades = monthly_ma_dip_spark(spark.read.parquet(*paths), params)
    return trades.orderBy("ticker", "purchase_date").toArrow()


def _no_prices() -> pa.Table:
    return pa.schema([("date", pa.date32()), ("ticker", pa.string()), ("sector", pa.string()),
                      ("adj_close", pa.float64())]).empty_table()
