"""The days of one year of one ticker group, filled in conditionally on the year's drawn totals.

A Brownian bridge for the diffusion, uniform days and conditioned sizes for the jumps; then the
open, high, low and volume around each close, and prices rounded the way files print them.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from backintime_assets.simulation.process import block_days, ticker_params, year_start, year_totals
from backintime_assets.simulation.rng import TICKERS_PER_STREAM as GROUP
from backintime_assets.simulation.rng import Stream, stream
from backintime_assets.simulation.spec import MarketSpec

# Intraday shape, as fractions of the daily diffusion sd: the open gaps from the previous close by a
# uniform draw with this sd, and the high/low reach beyond the open-close body by up to this much.
_GAP_SHARE = 0.25
_WICK_SHARE = 1.0
# Volume rises with the size of the day's move, as on real tapes.
_VOLUME_PER_ABS_RETURN = 20.0


@dataclass(frozen=True)
class YearBlock:
    """One year of one stream group: arrays of shape (GROUP, days), prices already rounded.

    Ticker-major, because archives (the bulk of any big write) list each ticker's days in a run.
    """

    days: np.ndarray  # day numbers (days since 1970-01-01)
    open: np.ndarray
    high: np.ndarray
    low: np.ndarray
    close: np.ndarray
    adj_close: np.ndarray
    volume: np.ndarray  # int64
    jump_ticker: np.ndarray  # one entry per jump: row (ticker within the group)
    jump_day: np.ndarray  # one entry per jump: column index into `days`


@lru_cache(maxsize=192)
def year_block(spec: MarketSpec, group: int, year: int) -> YearBlock:
    days = block_days(year, spec.market_start, spec.week)
    n = len(days)
    p = ticker_params(spec, group)
    start = year_start(spec, group, year)
    totals = year_totals(spec, group, year)
    rng = stream(spec.seed, Stream.DAILY_PATH, group, year)
    if n == 0:
        empty, none = np.empty((GROUP, 0)), np.empty(0, dtype=np.int64)
        return _frozen(YearBlock(days, empty, empty, empty, empty, empty, empty.astype(np.int64), none, none))
    column = np.newaxis  # per-ticker values broadcast along the days

    # Diffusion: n iid normals conditioned on their sum being sqrt(n) * diffusion_z.
    returns = rng.standard_normal((GROUP, n))
    daily_sd = p.sigma * np.sqrt(spec.dt)
    shift = (totals.diffusion_z / np.sqrt(n) - returns.mean(axis=1)) * daily_sd + (p.mu - 0.5 * p.sigma**2) * spec.dt
    returns *= daily_sd[:, column]
    returns += shift[:, column]

    # Jumps: the year's count lands on uniform days; sizes are iid normals conditioned on their sum.
    counts = totals.jumps
    jump_ticker = np.repeat(np.arange(GROUP), counts)
    jump_day = rng.integers(0, n, len(jump_ticker))
    noise = rng.standard_normal(len(jump_ticker))
    per_ticker = np.maximum(counts, 1)
    noise_mean = np.bincount(jump_ticker, noise, GROUP) / per_ticker
    sizes = (totals.jump_sum / per_ticker)[jump_ticker] + p.jump_sd[jump_ticker] * (noise - noise_mean[jump_ticker])
    np.add.at(returns, (jump_ticker, jump_day), sizes)

    # Prices on the year's share basis: close = exp(log level) / split factor.
    close = np.cumsum(returns, axis=1)
    close += (start.log_level - np.log(start.split_factor))[:, column]
    np.exp(close, out=close)
    previous_close = np.empty_like(close)
    previous_close[:, 0] = np.exp(start.log_level) / start.split_factor
    previous_close[:, 1:] = close[:, :-1]

    # Four uniforms per cell from one 64-bit draw: 16 bits of resolution is plenty for intraday
    # noise, and a quarter of the generator calls is a good share of the whole block's cost.
    draws = rng.bit_generator.random_raw(GROUP * n).view(np.uint16).reshape(4, GROUP, n).astype(np.float64)
    draws += 0.5
    draws *= 1.0 / 65536.0
    open_ = draws[0]  # gap factor 1 + a uniform with sd _GAP_SHARE * daily sd, kept within +-0.5
    open_ -= 0.5
    open_ *= np.minimum(np.sqrt(12.0) * _GAP_SHARE * daily_sd, 1.0)[:, column]
    open_ += 1.0
    open_ *= previous_close
    wick = (_WICK_SHARE * daily_sd)[:, column]
    high, low = draws[1], draws[2]
    high *= wick
    high += 1.0
    high *= np.maximum(open_, close)
    low *= wick
    low += 1.0
    np.divide(np.minimum(open_, close), low, out=low)
    volume = draws[3]
    volume += 0.5
    volume *= p.base_volume[:, column]
    np.abs(returns, out=returns)
    returns *= _VOLUME_PER_ABS_RETURN
    returns += 1.0
    volume *= returns
    np.rint(volume, out=volume)
    volume = np.maximum(volume, 1.0).astype(np.int64)

    split = np.flatnonzero(start.split_factor != 1.0)
    # Only split tickers' adjusted close differs from their close: most groups hold a few, so
    # these rows alone are scaled and rounded.
    split_adj = close[split] * start.split_factor[split][:, column]
    round_prices(draws[:3])  # open, high and low in one go: each call has a fixed cost a year block feels
    round_prices(close)
    adj_close = close.copy()
    if len(split):
        round_prices(split_adj)
        adj_close[split] = split_adj
    return _frozen(YearBlock(days, open_, high, low, close, adj_close, volume, jump_ticker, jump_day))


def _frozen(block: YearBlock) -> YearBlock:
    # Blocks are cached and shared: a caller writing into one would corrupt every later read.
    for value in vars(block).values():
        value.flags.writeable = False
    return block


_POWERS = 10.0 ** np.arange(0, 309)


def round_prices(x: np.ndarray) -> None:
    """Round in place to 4 decimals, keeping 6 significant digits below 1 so small prices stay precise.

    Both rules round to a decimal grid that contains every power of ten at the switch, so the
    rounding is monotone: high >= max(open, close) and low <= min(open, close) survive it.
    Dividing an integer by an exact power of ten gives the double nearest to the decimal, so the
    shortest float repr a CSV writer prints is the short decimal.
    """
    small = x < 1.0
    tiny = x[small] if small.any() else None
    x *= 1e4
    np.rint(x, out=x)
    x /= 1e4
    if tiny is not None:
        decimals = np.minimum(5 - np.floor(np.log10(tiny)).astype(np.int64), 308)
        x[small] = np.rint(tiny * _POWERS[decimals]) / _POWERS[decimals]
