from datetime import date

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from backintime_assets.simulation import MarketSpec, Normal
from backintime_assets.simulation.daily import round_prices, year_block
from backintime_assets.simulation.panel import simulate_panel
from backintime_assets.simulation.process import year_start

DT = 1 / 252


def _log_returns(spec: MarketSpec, start: date, end: date) -> np.ndarray:
    panel = simulate_panel(spec, np.arange(spec.n_tickers), start, end)
    return np.diff(np.log(panel.adj_close), axis=1)


def test_log_returns_have_the_gbm_mean_and_variance():
    sigma, mu = 0.3, 0.12
    spec = MarketSpec(n_tickers=256, seed=11, volatility=Normal(sigma, 0), drift=Normal(mu, 0),
                      jump_intensity=Normal(0, 0), start_price=Normal(50, 0))
    r = _log_returns(spec, date(2000, 1, 1), date(2015, 12, 31)).ravel()
    assert r.size > 1_000_000
    sd = sigma * np.sqrt(DT)
    assert r.mean() == pytest.approx((mu - sigma**2 / 2) * DT, abs=4 * sd / np.sqrt(r.size))
    assert r.var() == pytest.approx(sigma**2 * DT, rel=4 * np.sqrt(2 / r.size))
    # Daily returns are independent: no lag-one correlation, within the bridge or across years.
    assert abs(np.corrcoef(r[:-1], r[1:])[0, 1]) < 4 / np.sqrt(r.size)


def test_jumps_arrive_at_the_poisson_rate_with_their_sizes():
    intensity, jump_mean, jump_sd = 8.0, 0.5, 0.02
    spec = MarketSpec(n_tickers=256, seed=3, volatility=Normal(0.02, 0), drift=Normal(0.0, 0),
                      jump_intensity=Normal(intensity, 0), jump_mean=Normal(jump_mean, 0),
                      jump_volatility=Normal(jump_sd, 0), split_above=float("inf"), reverse_split_below=0.0)
    r = _log_returns(spec, date(2001, 1, 1), date(2010, 12, 31))
    jumped = r > 0.25  # diffusion moves are ~0.001: only jumps cross this
    p = 1 - np.exp(-intensity * DT)  # a day holds a Poisson(intensity * dt) number of jumps
    assert jumped.mean() == pytest.approx(p, abs=4 * np.sqrt(p * (1 - p) / r.size))
    single = r[jumped & (r < 0.75)]  # days with exactly one jump
    assert single.mean() == pytest.approx(jump_mean, abs=0.002)
    assert single.std() == pytest.approx(np.sqrt(jump_sd**2 + 0.02**2 * DT), rel=0.05)


def test_jump_counts_recorded_in_blocks_match_the_rate():
    spec = MarketSpec(n_tickers=64, seed=8, jump_intensity=Normal(5.0, 0))
    blocks = [year_block(spec, 0, year) for year in range(2000, 2030)]
    days = sum(len(b.days) for b in blocks) * 64
    jumps = sum(len(b.jump_day) for b in blocks)
    assert jumps == pytest.approx(5.0 * DT * days, abs=4 * np.sqrt(5.0 * DT * days))


def test_return_variance_includes_the_jumps():
    sigma, intensity, m, s = 0.2, 4.0, -0.03, 0.06
    spec = MarketSpec(n_tickers=256, seed=21, volatility=Normal(sigma, 0), drift=Normal(0.05, 0),
                      jump_intensity=Normal(intensity, 0), jump_mean=Normal(m, 0), jump_volatility=Normal(s, 0))
    r = _log_returns(spec, date(2000, 1, 1), date(2014, 12, 31)).ravel()
    expected_var = sigma**2 * DT + intensity * DT * (s**2 + m**2)
    assert r.var() == pytest.approx(expected_var, rel=0.05)
    expected_mean = (0.05 - sigma**2 / 2) * DT + intensity * DT * m
    assert r.mean() == pytest.approx(expected_mean, abs=4 * np.sqrt(expected_var / r.size))


def test_the_path_joins_the_drawn_year_totals():
    spec = MarketSpec(n_tickers=64, seed=2)
    for year in (2000, 2007):
        block = year_block(spec, 0, year)
        end_level = year_start(spec, 0, year + 1).log_level
        # The bridge ends exactly at the drawn total (up to the price rounding).
        np.testing.assert_allclose(np.log(block.adj_close[:, -1]), end_level, atol=2e-4)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.floats(1e-12, 1e9), min_size=2, max_size=50))
def test_price_rounding_is_short_positive_and_monotone(values):
    x = np.sort(np.array(values))
    rounded = x.copy()
    round_prices(rounded)
    assert (rounded > 0).all()
    assert (np.diff(rounded) >= 0).all()
    for original, r in zip(x, rounded):
        if original >= 1:
            assert r == round(original, 4)
        else:
            assert r == pytest.approx(original, rel=6e-6)
            digits = repr(float(r)).split("e")[0].replace(".", "").lstrip("0")
            assert len(digits) <= 6  # the printed text is the short decimal, not 17 digits
