"""Each ticker's last in-bounds close within some days of prices: what trades are marked to.

The monthly assets and the other strategies' backtests mark trades with the same function. Over a
long history it runs as Spark tasks, one per span of consecutive dates, each reduced to its own
last closes: the latest of those is the latest overall, so nothing is shuffled by ticker.
"""
from __future__ import annotations

from collections.abc import Iterable

import pyarrow as pa
import pyarrow.compute as pc

from backintime_assets.backtesting.lookback import CLOSE_COLUMNS, in_bounds, steps_back
from backintime_assets.ingestion.spark_tasks import run_arrow_tasks
from backintime_assets.lake import LakeLocation
from backintime_assets.lake.pieces import DRIVER_READ_MAX_DATES, contiguous_spans, lake_pieces, read_pieces
from backintime_assets.lake.tables import list_dates, read_arrow

CLOSES = pa.schema([("ticker", pa.string()), ("date", pa.date32()), ("adj_close", pa.float64())])
SPANS_PER_CORE = 2


def last_closes(prices: pa.Table, min_price: float, max_price: float) -> pa.Table:
    """ticker, date, adj_close of each ticker's latest row with min_price <= adj_close <= max_price."""
    kept = in_bounds(prices, min_price, max_price).select(["ticker", "date", "adj_close"])
    latest = kept.group_by("ticker").aggregate([("date", "max")]).rename_columns(["ticker", "date"])
    return latest.join(kept, keys=["ticker", "date"]).sort_by("ticker").select(["ticker", "date", "adj_close"])


def lake_last_closes(spark_session, location: LakeLocation, dates: list[str], min_price: float,
                     max_price: float) -> pa.Table:
    """last_closes over the lake's prices of `dates`. `spark_session`: called for a session only
    when the dates are too many to read here."""
    pieces = lake_pieces(location, "prices", dates)
    columns = ["date", "ticker", "adj_close"]
    if not pieces:
        return CLOSES.empty_table()
    if len(pieces) <= DRIVER_READ_MAX_DATES:
        return last_closes(read_pieces(location.filesystem(), pieces, columns), min_price, max_price).cast(CLOSES)
    spark = spark_session()
    spans = contiguous_spans(pieces, spark.sparkContext.defaultParallelism * SPANS_PER_CORE)
    assert spans is not None, "lake pieces hold a date a file, so they never interleave"

    def reduce(span):
        yield from last_closes(read_pieces(location.filesystem(), span, columns), min_price, max_price
                               ).cast(CLOSES).to_batches()

    return last_closes(run_arrow_tasks(spark, spans, reduce, CLOSES), min_price, max_price).cast(CLOSES)


def closes_before(location: LakeLocation, tickers: Iterable[str], day: str, min_price: float,
                  max_price: float) -> pa.Table:
    """last_closes of `tickers` over the lake's dates before `day`, walking back a few dates at a
    time (lookback.steps_back) until each has one or the history ends. Only corrections need it,
    so it is rarely called."""
    demand = dict.fromkeys(sorted(set(tickers)), 1)  # one close each
    wanted = pa.array(list(demand), pa.string())
    earlier = [d for d in list_dates(location, "prices") if d < day][::-1]

    def read(step: list[str]) -> pa.Table:
        rows = read_arrow(location, "prices", CLOSE_COLUMNS, step)
        return rows.filter(pc.is_in(rows["ticker"], value_set=wanted))

    # Reduced together: a ticker's latest close over all the steps is the newest step's that holds one.
    steps = [rows for _, rows in steps_back(earlier, demand, min_price, max_price, read)]
    if not steps:
        return CLOSES.empty_table()
    return last_closes(pa.concat_tables(steps), min_price, max_price).cast(CLOSES)
