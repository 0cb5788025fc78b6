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
from backintime_assets.lake.pieces import Piece, contiguous_spans, pieces_dataframe, read_pieces
from backintime_assets.strategies.monthly_ma_dip_spans import (
    PRICE_COLUMNS,
    PRICE_SCHEMA,
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
    summaries = summaries_on_spark(spark, location, pieces, params)
    if summaries is None:
        return _by_windows(spark, location, pieces, params)
    return trades_from_summaries(summaries, params)


def monthly_ma_dip_on_driver(location: LakeLocation, pieces: list[Piece],
                             params: MonthlyMaDipParams = MonthlyMaDipParams()) -> pa.Table:
    """The same trades, read and computed here: for a few dates, where tasks would cost more."""
    return trades_from_summaries(summarise_span(read_prices(location, pieces), 0, params), params)


def summaries_on_spark(spark, location: LakeLocation, pieces: list[Piece], params: MonthlyMaDipParams,
                       ) -> pa.Table | None:
    """The summaries of `pieces` cut into spans numbered from 0, one task each; None when their
    dates interleave, so that no cut into spans exists."""
    spans = contiguous_spans(pieces, spark.sparkContext.defaultParallelism * SPANS_PER_CORE)
    if spans is None:
        return None
    numbered = list(enumerate(spans))

    def summarise(payload: tuple[int, list[Piece]]):
        span, span_pieces = payload
        yield from summarise_span(read_prices(location, span_pieces), span, params).to_batches()

    return run_arrow_tasks(spark, numbered, summarise, summary_schema(params))


def read_prices(location: LakeLocation, pieces: list[Piece]) -> pa.Table:
    """PRICE_COLUMNS of `pieces`, in their order, read here (in a task, or on the driver)."""
    return read_pieces(location.filesystem(), pieces, PRICE_COLUMNS) if pieces else PRICE_SCHEMA.empty_table()


def _by_windows(spark, location: LakeLocation, pieces: list[Piece], params: MonthlyMaDipParams) -> pa.Table:
    """Pieces whose dates interleave cannot be cut into spans: Spark's window version takes them,
    read by the tasks as the spans are."""
    from backintime_assets.strategies.monthly_ma_dip_spark import monthly_ma_dip_spark

    prices = pieces_dataframe(spark, location, pieces, PRICE_SCHEMA)
    trades = monthly_ma_dip_spark(prices, params)
    return trades.orderBy("ticker", "purchase_date").toArrow()

