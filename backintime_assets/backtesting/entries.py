"""A run's `monthly_ma_dip` trades from the lake, each price file read once.

The run's own dates are summarised first (monthly_ma_dip_spans.py), by Spark tasks or, for a few
dates, here. They tell which tickers lack rows before their buys on the months' first trading days
(the run's first month's, or a later month's for a ticker new to the run), and how many; each step back
(lookback.py) is summarised as its own earlier span as soon as it is read, and stitched before
the run's spans. So the look-back is read once and only its small summaries are kept, however far
back a ticker with gaps makes it walk.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pyarrow as pa

from backintime_assets.backtesting.lookback import STEP, steps_back
from backintime_assets.lake import LakeLocation
from backintime_assets.lake.pieces import DRIVER_READ_MAX_DATES, lake_pieces
from backintime_assets.lake.tables import list_dates
from backintime_assets.strategies.monthly_ma_dip_spans import lookback_demand, summarise_span, trades_from_summaries
from backintime_assets.strategies.monthly_ma_dip_tasks import read_prices, summaries_on_spark
from backintime_assets.strategies.params import MonthlyMaDipParams

# The run's dates go to Spark tasks beyond this: the look-back (a step, usually) is read here in
# any case, and a month with its look-back is what the driver reads best.
DRIVER_RUN_MAX_DATES = DRIVER_READ_MAX_DATES - STEP


@dataclass(frozen=True)
class RunTrades:
    trades: pa.Table  # TRADE_COLUMNS of the run and its look-back, sorted by ticker and date
    run_dates: list[str]
    lookback_dates: list[str]  # oldest first


def monthly_ma_dip_run(spark_session: Callable, location: LakeLocation, first_day: str, end_day: str,
                       params: MonthlyMaDipParams) -> RunTrades:
    """The trades of the lake's prices from `first_day` (included) to `end_day` (excluded) and of
    the earlier dates their first buys need. `spark_session`: called for a session only when the
    run has too many dates to read here."""
    available = list_dates(location, "prices")
    run_dates = [d for d in available if first_day <= d < end_day]
    pieces = lake_pieces(location, "prices", run_dates)
    if len(run_dates) <= DRIVER_RUN_MAX_DATES:
        run = summarise_span(read_prices(location, pieces), 0, params)
    else:
        run = summaries_on_spark(spark_session(), location, pieces, params)
        assert run is not None, "lake pieces hold a date a file, so they never interleave"

    def read(step: list[str]) -> pa.Table:
        return read_prices(location, lake_pieces(location, "prices", step))

    earlier = [d for d in available if d < first_day][::-1]
    history, chosen = [], []
    demand = lookback_demand(run, params)
    for number, (step, rows) in enumerate(steps_back(earlier, demand, params.min_price, params.max_price, read)):
        history.append(summarise_span(rows, -1 - number, params))  # negative: before the run's spans
        chosen += step
    trades = trades_from_summaries(pa.concat_tables([*history, run]), params)
    return RunTrades(trades, run_dates, sorted(chosen))
