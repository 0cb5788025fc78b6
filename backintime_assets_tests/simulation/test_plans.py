from datetime import date

import numpy as np
import pytest

from backintime_assets.simulation import FileOptions, MarketSpec
from backintime_assets.simulation.calendar import business_day_numbers
from backintime_assets.simulation.layouts import CLEAN
from backintime_assets.simulation.plans import _cells, archive_plans, daily_plans, profile_plans
from backintime_assets.simulation.universe import listing
from backintime_assets.trading_week import MON_FRI

SPEC = MarketSpec(n_tickers=40, seed=9)


def test_daily_plans_hold_each_exchange_once_per_business_day():
    plans = daily_plans(SPEC, date(2021, 1, 1), date(2021, 1, 5), FileOptions())
    assert [p.name for p in plans][:2] == ["NYSE_2021-01-01.csv", "NASDAQ_2021-01-01.csv"]
    assert {p.key_date for p in plans} == {date(2021, 1, 1), date(2021, 1, 4), date(2021, 1, 5)}
    found = listing(SPEC)
    for plan in plans:
        (segment,) = plan.segments
        names = found.names[segment.tickers]
        assert list(names) == sorted(names)
        assert set(found.exchange_names()[segment.tickers]) == {plan.exchange}
    assert sum(p.rows for p in plans) == 3 * 40


def test_archive_windows_are_aligned_to_1900_and_cut_to_the_range():
    plans = archive_plans(SPEC, date(2003, 6, 1), date(2011, 2, 1), FileOptions(shape="archive", archive_tickers=15))
    assert sorted({p.name.split("_", 2)[2] for p in plans}) == ["2000-2004.csv", "2005-2009.csv", "2010-2014.csv"]
    assert len(plans) == 3 * 3
    first = [p for p in plans if "2000-2004" in p.name][0].segments[0]
    assert (first.first, first.last, first.ticker_major) == (date(2003, 6, 1), date(2004, 12, 31), True)
    assert sum(p.rows for p in plans) == 40 * len(business_day_numbers(date(2003, 6, 1), date(2011, 2, 1)))


def test_cells_tile_the_grid_ticker_by_ticker():
    days = business_day_numbers(date(2020, 1, 1), date(2020, 1, 31))  # 23 days
    segments = _cells(days, 20, 100, MON_FRI)
    assert [(list(s.tickers), s.days) for s in segments] == [([0], 3), ([1, 2, 3], 23), ([4], 8)]
    assert sum(s.rows for s in segments) == 80


def test_profile_plans_tile_the_cells_with_the_size_mix():
    sizes = {}

    def bytes_per_row(layout):
        sizes[layout] = True
        return 50.0, 100.0

    options = FileOptions(profile="original", scale=1e-4)
    market, plans = profile_plans(SPEC, date(2000, 1, 1), date(2009, 12, 31), options, bytes_per_row)
    assert len(plans) == 2151 and set(sizes) == {CLEAN}
    rows = np.array([p.rows for p in plans])
    targets = {7000: 1251, 14000: 500, 35000: 200, 70000: 100, 140000: 100}
    assert {int(round(r * 50 + 100, -2)) for r in rows} == set(targets)
    days = len(business_day_numbers(date(2000, 1, 3), date(2009, 12, 31)))
    assert market.n_tickers == -(-rows.sum() // days) > SPEC.n_tickers
    # Contiguous, non-overlapping runs of (ticker, day) cells.
    cells = []
    for plan in plans:
        for s in plan.segments:
            start = int(np.searchsorted(business_day_numbers(date(2000, 1, 3), date(2009, 12, 31)),
                                        business_day_numbers(s.first, s.first)[0]))
            for t in s.tickers:
                cells.append((int(t) * days + start, s.days))
    position = 0
    for first, length in cells:
        assert first == position
        position += length
    assert position == rows.sum()


def test_profile_refuses_impossible_ranges():
    with pytest.raises(ValueError):
        profile_plans(SPEC, date(2000, 1, 1), date(1999, 1, 1), FileOptions(profile="original"), lambda _: (50.0, 0.0))
