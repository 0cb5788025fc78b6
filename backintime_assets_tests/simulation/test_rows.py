from datetime import date

import numpy as np
import polars as pl

from backintime_assets.simulation import MarketSpec, simulate_prices
from backintime_assets.simulation.layouts import CLEAN
from backintime_assets.simulation.plans import FilePlan, Segment
from backintime_assets.simulation.rows import RowSource

SPEC = MarketSpec(n_tickers=30, seed=4)


def _plan(segment: Segment) -> FilePlan:
    return FilePlan("x", (0,), segment.first, "", (segment,), CLEAN)


def test_ticker_major_rows_are_each_tickers_history_in_turn():
    segment = Segment(np.array([5, 2, 17]), date(2001, 12, 20), date(2002, 1, 10), True)
    frame = pl.concat(RowSource(SPEC, 1000, share_years=True).blocks(_plan(segment)))
    assert frame.height == 3 * 16
    expected = pl.from_pandas(simulate_prices(SPEC, date(2001, 12, 20), date(2002, 1, 10)))
    names = [frame["ticker"][0], frame["ticker"][16], frame["ticker"][32]]
    for i, name in enumerate(names):
        part = frame.slice(16 * i, 16)
        assert part["ticker"].unique().to_list() == [name]
        assert part["date"].is_sorted()
        want = expected.filter(pl.col("ticker") == name).with_columns(pl.col("date").cast(pl.Date))
        assert part.equals(want.select(part.columns))


def test_block_size_never_changes_the_rows():
    segment = Segment(np.arange(30), date(1999, 1, 1), date(2004, 12, 31), True)
    small = pl.concat(RowSource(SPEC, 500, share_years=True).blocks(_plan(segment)))
    large = pl.concat(RowSource(SPEC, 1 << 20, share_years=True).blocks(_plan(segment)))
    assert small.equals(large) and small.height == 30 * 1305  # the market opens on 2000-01-03
    assert max(b.height for b in RowSource(SPEC, 5000, share_years=True).blocks(_plan(segment))) <= 5000


def test_one_day_rows_from_the_shared_year_equal_direct_ones():
    segment = Segment(np.array([3, 1, 4]), date(2010, 5, 5), date(2010, 5, 5), False)
    shared = next(RowSource(SPEC, 1000, share_years=True).blocks(_plan(segment)))
    direct = next(RowSource(SPEC, 1000, share_years=False).blocks(_plan(segment)))
    assert shared.select(direct.columns).equals(direct) and shared.height == 3
