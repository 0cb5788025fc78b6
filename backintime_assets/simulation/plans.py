"""Which rows go into which file: daily drops, archive windows, or the original archive's size mix."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date

import numpy as np

from backintime_assets.simulation.calendar import business_day_count, business_day_numbers, from_day_number
from backintime_assets.simulation.choices import file_layout
from backintime_assets.simulation.layouts import Layout
from backintime_assets.simulation.options import FileOptions
from backintime_assets.simulation.profile import target_sizes
from backintime_assets.simulation.spec import MarketSpec
from backintime_assets.simulation.universe import EXCHANGES, MAX_TICKERS, listing
from backintime_assets.trading_week import MON_FRI, TradingWeek

XLSX_MAX_ROWS = 1_048_576


@dataclass(frozen=True)
class Segment:
    """Rows of `tickers` (global indices, in file order) on the trading days of `week` first..last."""

    tickers: np.ndarray = field(compare=False)
    first: date
    last: date
    ticker_major: bool  # rows ordered ticker then date (archives) rather than date then ticker
    week: TradingWeek = MON_FRI  # the market's (MarketSpec.week)

    @property
    def days(self) -> int:
        return business_day_count(self.first, self.last, self.week)

    @property
    def rows(self) -> int:
        return self.days * len(self.tickers)


@dataclass(frozen=True)
class FilePlan:
    stem: str  # file name without extension (the layout brings the extension)
    key: tuple[int, ...]  # the file's identity for its seeded layout and damage
    key_date: date  # picks the era of an era-drifted layout
    exchange: str  # named in some preambles; "" for files mixing exchanges
    segments: tuple[Segment, ...]
    layout: Layout

    @property
    def name(self) -> str:
        return self.stem + self.layout.extension

    @property
    def rows(self) -> int:
        return sum(s.rows for s in self.segments)


def _sorted_by_name(spec: MarketSpec, tickers: np.ndarray) -> np.ndarray:
    names = listing(spec).names[tickers]
    return tickers[np.argsort(names, kind="stable")]


def daily_plans(spec: MarketSpec, start: date, end: date, options: FileOptions) -> list[FilePlan]:
    found = listing(spec)
    seed = options.file_seed(spec)
    by_exchange = [(i, _sorted_by_name(spec, np.flatnonzero(found.exchange == i))) for i in range(spec.n_exchanges)]
    plans = []
    for number in business_day_numbers(max(start, spec.market_start), end, spec.week):
        day = from_day_number(number)
        for i, tickers in by_exchange:
            if len(tickers) == 0:
                continue
            key = (0, int(number), i)
            segment = Segment(tickers, day, day, False, spec.week)
            plans.append(FilePlan(f"{EXCHANGES[i].name}_{day.isoformat()}", key, day, EXCHANGES[i].name,
                                  (segment,), file_layout(options, seed, key, day)))
    return plans


def archive_plans(spec: MarketSpec, start: date, end: date, options: FileOptions) -> list[FilePlan]:
    first = max(start, spec.market_start)
    if first > end:
        return []
    seed = options.file_seed(spec)
    plans = []
    window_first_year = 1900 + (first.year - 1900) // options.archive_years * options.archive_years
    for year0 in range(window_first_year, end.year + 1, options.archive_years):
        year1 = year0 + options.archive_years - 1
        lo, hi = max(first, date(year0, 1, 1)), min(end, date(year1, 12, 31))
        if not len(business_day_numbers(lo, hi, spec.week)):
            continue
        for group, g0 in enumerate(range(0, spec.n_tickers, options.archive_tickers)):
            tickers = _sorted_by_name(spec, np.arange(g0, min(g0 + options.archive_tickers, spec.n_tickers)))
            key = (1, group, year0)
            plans.append(FilePlan(f"ARCHIVE_G{group:04d}_{year0}-{year1}", key, lo, "",
                                  (Segment(tickers, lo, hi, True, spec.week),), file_layout(options, seed, key, lo)))
    return plans


def profile_plans(spec: MarketSpec, start: date, end: date, options: FileOptions,
                  bytes_per_row: Callable[[Layout], tuple[float, float]]) -> tuple[MarketSpec, list[FilePlan]]:
    """Files with the original archive's size mix; rows fill (ticker, day) cells ticker by ticker.

    `bytes_per_row(layout)` gives (bytes per data row, bytes outside rows) for a layout. The market
    gets as many tickers as the sizes need; returns that market and the plans.
    """
    first = max(start, spec.market_start)
    days = business_day_numbers(first, end, spec.week)
    if not len(days):
        raise ValueError(f"no trading days between {first} and {end}")
    seed = options.file_seed(spec)
    sizes = target_sizes(seed, options.scale)
    span = int(days[-1] - days[0])
    specs = []
    for k, size in enumerate(sizes):
        key = (2, k)
        key_date = from_day_number(int(days[0]) + span * k // max(len(sizes) - 1, 1))
        layout = file_layout(options, seed, key, key_date)
        per_row, overhead = bytes_per_row(layout)
        rows = max(1, int(round((size - overhead) / per_row)))
        if layout.extension == ".xlsx" and rows > XLSX_MAX_ROWS - 16:
            layout = file_layout(replace(options, xlsx_share=0.0), seed, key, key_date)  # too big for a sheet
            per_row, overhead = bytes_per_row(layout)
            rows = max(1, int(round((size - overhead) / per_row)))
        specs.append((key, key_date, layout, rows))
    total = sum(rows for *_, rows in specs)
    needed = -(-total // len(days))
    if needed > MAX_TICKERS:
        raise ValueError(f"the profile needs {needed} tickers over {len(days)} days; widen the date range")
    market = replace(spec, n_tickers=max(spec.n_tickers, needed))
    plans, cell = [], 0
    for k, (key, key_date, layout, rows) in enumerate(specs):
        segments = _cells(days, cell, cell + rows, spec.week)
        cell += rows
        plans.append(FilePlan(f"HISTORY_{k:04d}", key, key_date, "", segments, layout))
    return market, plans


def _cells(days: np.ndarray, lo: int, hi: int, week: TradingWeek) -> tuple[Segment, ...]:
    """Segments covering cells lo..hi-1 of the grid numbered ticker * len(days) + day."""
    n = len(days)
    segments = []
    while lo < hi:
        ticker, day = divmod(lo, n)
        if day == 0 and hi - lo >= n:
            whole = (hi - lo) // n  # a run of complete tickers is one segment
            segments.append(Segment(np.arange(ticker, ticker + whole), from_day_number(days[0]),
                                    from_day_number(days[-1]), True, week))
            lo += whole * n
        else:
            last = min(n, day + hi - lo)
            segments.append(Segment(np.array([ticker]), from_day_number(days[day]),
                                    from_day_number(days[last - 1]), True, week))
            lo += last - day
    return tuple(segments)


def first_day_of(plan: FilePlan) -> date:
    return min(s.first for s in plan.segments)


def last_day_of(plan: FilePlan) -> date:
    return max(s.last for s in plan.segments)

