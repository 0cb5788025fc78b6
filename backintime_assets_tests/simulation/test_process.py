from dataclasses import replace
from datetime import date

import numpy as np
import pytest

from backintime_assets.simulation import MarketSpec, Normal
from backintime_assets.simulation.panel import simulate_panel
from backintime_assets.simulation.process import ticker_params, year_start, year_totals
from backintime_assets.trading_week import TradingWeek

DT = 1 / 252


def test_yearly_returns_have_the_yearly_variance():
    sigma = 0.4
    spec = MarketSpec(n_tickers=512, seed=5, volatility=Normal(sigma, 0), drift=Normal(0.0, 0),
                      jump_intensity=Normal(0, 0), start_price=Normal(50, 0), market_start=date(1950, 1, 2))
    levels = np.array([[year_start(spec, g, y).log_level for g in range(8)] for y in range(1950, 1991)])
    yearly = np.diff(levels, axis=0).ravel()
    horizon = 261 * DT  # almost every year has 261 business days
    assert yearly.var() == pytest.approx(sigma**2 * horizon, rel=4 * np.sqrt(2 / yearly.size) + 0.01)


def test_a_year_moves_as_much_whatever_the_week():
    # An every-day market's year has 365 steps against a weekday market's 261: its steps are
    # shorter, so its yearly moves have the volatility and drift of the weekday market's (and of
    # the spec), not 1.2 and 1.45 times them.
    weekdays = MarketSpec(n_tickers=512, seed=5, volatility=Normal(0.2, 0), drift=Normal(0.3, 0),
                          jump_intensity=Normal(0, 0), start_price=Normal(50, 0), market_start=date(1950, 1, 2))
    every_day = replace(weekdays, week=TradingWeek.parse("mon-sun"))
    assert weekdays.dt == replace(weekdays, week=TradingWeek.parse("sun-thu")).dt == 1 / 252
    assert every_day.dt == 1 / 352.8
    assert replace(every_day, trading_days_per_year=365).dt == 1 / 365  # a figure set stays

    def yearly(spec):
        levels = np.array([[year_start(spec, g, y).log_level for g in range(8)] for y in range(1950, 1991)])
        return np.diff(levels, axis=0).ravel()

    assert yearly(every_day).var() == pytest.approx(yearly(weekdays).var(), rel=0.01)
    assert yearly(every_day).mean() == pytest.approx(yearly(weekdays).mean(), rel=0.01)
    assert yearly(every_day).mean() == pytest.approx((0.3 - 0.5 * 0.2**2) * 365.25 / 352.8, rel=0.05)


def test_splits_keep_raw_prices_in_range_and_adjusted_prices_continuous():
    spec = MarketSpec(n_tickers=128, seed=4, volatility=Normal(0.5, 0), jump_intensity=Normal(0, 0),
                      split_above=200.0, reverse_split_below=2.0, market_start=date(1990, 1, 1))
    panel = simulate_panel(spec, np.arange(128), date(1990, 1, 1), date(2019, 12, 31))
    factor = panel.adj_close / panel.close
    changes = np.abs(np.diff(np.log(factor), axis=1)) > 1e-3
    assert changes.sum() > 50  # splits did happen
    first_days = np.flatnonzero(np.diff(panel.days.astype("datetime64[D]").astype("datetime64[Y]").astype(int)))
    assert set(np.flatnonzero(changes.any(axis=0))) <= set(first_days)  # only at a new year
    ratios = np.exp(np.abs(np.diff(np.log(factor), axis=1))[changes])
    powers_of_two, powers_of_ten = np.log2(ratios), np.log10(ratios)
    near = np.minimum(np.abs(powers_of_two - np.round(powers_of_two)), np.abs(powers_of_ten - np.round(powers_of_ten)))
    assert near.max() < 1e-3  # powers of two (splits) or of ten (reverse splits)
    # Adjusted prices never see the split.
    assert np.abs(np.diff(np.log(panel.adj_close), axis=1)).max() < 0.5
    year_opens = panel.close[:, first_days + 1]
    assert year_opens.max() < 200.0 * 1.5 and year_opens.min() > 2.0 / 1.5


def test_parameters_follow_their_distributions():
    spec = MarketSpec(n_tickers=64)
    sigma = np.concatenate([ticker_params(spec, g).sigma for g in range(200)])
    assert sigma.min() == 0.05  # floored
    assert np.mean(sigma) == pytest.approx(0.3, abs=0.02)
    start = np.concatenate([ticker_params(spec, g).start_price for g in range(200)])
    assert 0.1 < start.min() and start.max() <= 100.0
    totals = year_totals(spec, 0, 2001)
    assert totals.jumps.dtype.kind == "i" and (totals.jumps >= 0).all()
