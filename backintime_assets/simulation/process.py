"""Geometric Brownian motion with Merton jumps, a calendar year at a time: the yearly totals.

Each year's total log-price change is drawn first from its exact distribution (diffusion normal,
Poisson jump count, normal jump sum given the count) in a stream of its own, so the level at the
start of any year costs one small draw per earlier year. `daily.py` then fills in the days of a
year conditionally on those totals, so a year can be drawn alone and still joins its neighbours.
"""
from __future__ import annotations

import threading
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from backintime_assets.simulation.calendar import year_block_days
from backintime_assets.simulation.rng import TICKERS_PER_STREAM as GROUP
from backintime_assets.simulation.rng import Stream, stream
from backintime_assets.simulation.spec import MarketSpec
from backintime_assets.trading_week import MON_FRI, TradingWeek


@dataclass(frozen=True)
class TickerParams:
    """Per-ticker parameters of one stream group (always the full group, whatever n_tickers is)."""

    sigma: np.ndarray
    mu: np.ndarray
    start_price: np.ndarray
    jump_intensity: np.ndarray
    jump_mean: np.ndarray
    jump_sd: np.ndarray
    base_volume: np.ndarray


@lru_cache(maxsize=4096)
def ticker_params(spec: MarketSpec, group: int) -> TickerParams:
    rng = stream(spec.seed, Stream.TICKER_PARAMS, group)
    return TickerParams(
        sigma=np.maximum(spec.volatility.sample(rng, GROUP), 0.0),
        mu=spec.drift.sample(rng, GROUP),
        start_price=np.maximum(spec.start_price.sample(rng, GROUP), 1e-4),
        jump_intensity=np.maximum(spec.jump_intensity.sample(rng, GROUP), 0.0),
        jump_mean=spec.jump_mean.sample(rng, GROUP),
        jump_sd=np.maximum(spec.jump_volatility.sample(rng, GROUP), 0.0),
        base_volume=np.maximum(spec.base_volume.sample(rng, GROUP), 1.0),
    )


@lru_cache(maxsize=4096)
def block_days(year: int, market_start, week: TradingWeek = MON_FRI) -> np.ndarray:
    days = year_block_days(year, market_start, week)
    days.flags.writeable = False
    return days


@dataclass(frozen=True)
class YearTotals:
    jumps: np.ndarray  # jump count in the year
    diffusion_z: np.ndarray  # standard normal: the year's Brownian increment / its sd
    jump_sum: np.ndarray  # sum of the year's log jump sizes


@lru_cache(maxsize=16384)
def year_totals(spec: MarketSpec, group: int, year: int) -> YearTotals:
    p = ticker_params(spec, group)
    n = len(block_days(year, spec.market_start, spec.week))
    rng = stream(spec.seed, Stream.YEAR_TOTALS, group, year)
    jumps = rng.poisson(p.jump_intensity * n * spec.dt)
    diffusion_z = rng.standard_normal(GROUP)
    # Given k normal jumps, their sum is normal with k times the mean and variance.
    jump_sum = jumps * p.jump_mean + np.sqrt(jumps) * p.jump_sd * rng.standard_normal(GROUP)
    return YearTotals(jumps, diffusion_z, jump_sum)


@dataclass(frozen=True)
class YearStart:
    log_level: np.ndarray  # log of the split-adjusted price just before the year's first day
    split_factor: np.ndarray  # shares per original share during the year: close = adj_close / factor


# Year-start states per (spec, group), years in order from the market's first year: extending the
# list is one small draw per year, so a cold start in 2025 for a market from 1900 stays cheap.
_starts: dict[tuple[MarketSpec, int], list[YearStart]] = {}
_starts_lock = threading.Lock()
_MAX_GROUPS_REMEMBERED = 512


def year_start(spec: MarketSpec, group: int, year: int) -> YearStart:
    first_year = spec.market_start.year
    if year < first_year:
        raise ValueError(f"year {year} is before the market starts ({spec.market_start})")
    with _starts_lock:
        states = _starts.get((spec, group))
        if states is None:
            if len(_starts) >= _MAX_GROUPS_REMEMBERED:
                _starts.clear()
            p = ticker_params(spec, group)
            states = _starts[(spec, group)] = [YearStart(np.log(p.start_price), np.ones(GROUP))]
        while first_year + len(states) <= year:
            states.append(_next_year_start(spec, group, first_year + len(states) - 1, states[-1]))
        return states[year - first_year]


def _next_year_start(spec: MarketSpec, group: int, year: int, state: YearStart) -> YearStart:
    p = ticker_params(spec, group)
    t = year_totals(spec, group, year)
    horizon = len(block_days(year, spec.market_start, spec.week)) * spec.dt
    level = (state.log_level + (p.mu - 0.5 * p.sigma**2) * horizon
             + p.sigma * np.sqrt(horizon) * t.diffusion_z + t.jump_sum)
    raw_price = np.exp(level) / state.split_factor
    factor = state.split_factor.copy()
    # k-for-1 split (k a power of two) down to a quarter of the threshold or below; 1-for-10^k
    # reverse split back above the floor.
    dear = raw_price > spec.split_above
    factor[dear] *= 2.0 ** np.ceil(np.log2(4.0 * raw_price[dear] / spec.split_above))
    cheap = raw_price < spec.reverse_split_below
    factor[cheap] /= 10.0 ** np.ceil(np.log10(spec.reverse_split_below / raw_price[cheap]))
    return YearStart(level, factor)
