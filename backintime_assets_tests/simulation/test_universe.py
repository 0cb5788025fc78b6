import re

import numpy as np
import pytest

from backintime_assets.simulation import EXCHANGES, SECTORS, MarketSpec, listings
from backintime_assets.simulation.universe import MAX_TICKERS, listing, ticker_names


def test_ticker_names_are_six_uppercase_letters_and_unique_on_many():
    names = ticker_names(7, np.arange(200_000))
    assert len(np.unique(names)) == len(names)
    assert all(re.fullmatch(r"[A-Z]{6}", n) for n in names[:5000])
    # The tail of the index space maps into the name space too.
    tail = ticker_names(7, np.arange(MAX_TICKERS - 1000, MAX_TICKERS))
    assert len(set(tail) | set(names)) == len(names) + len(tail)


def test_names_depend_on_the_seed():
    assert list(ticker_names(1, np.arange(20))) != list(ticker_names(2, np.arange(20)))


def test_listings_columns_and_values():
    frame = listings(MarketSpec(n_tickers=300, n_exchanges=6))
    assert list(frame.columns) == ["ticker", "sector", "exchange"]
    assert frame["ticker"].is_unique and frame["ticker"].is_monotonic_increasing
    assert set(frame["sector"]) <= set(SECTORS)
    assert set(frame["exchange"]) == {e.name for e in EXCHANGES}


def test_more_tickers_keep_the_existing_ones():
    small, large = listing(MarketSpec(n_tickers=70)), listing(MarketSpec(n_tickers=500))
    assert list(large.names[:70]) == list(small.names)
    assert list(large.sector[:70]) == list(small.sector) and list(large.exchange[:70]) == list(small.exchange)


def test_exchanges_follow_their_sector_mixes():
    frame = listings(MarketSpec(n_tickers=20_000, n_exchanges=6))
    share = frame.groupby("exchange")["sector"].value_counts(normalize=True).unstack(fill_value=0.0)
    # Restricted exchanges list only their few sectors.
    assert set(frame.loc[frame.exchange == "TSX", "sector"]) == {"ENERGY", "BASIC INDUSTRIES", "FINANCE"}
    assert set(frame.loc[frame.exchange == "CHX", "sector"]) == {"TRANSPORTATION", "PUBLIC UTILITIES", "CAPITAL GOODS"}
    # Weighted ones favour theirs: NASDAQ lists technology at 5/18, AMEX at random (1/12).
    assert share.loc["NASDAQ", "TECHNOLOGY"] == pytest.approx(5 / 18, abs=0.03)
    assert share.loc["AMEX", "TECHNOLOGY"] == pytest.approx(1 / 12, abs=0.02)
    assert share.loc["NYSE", "FINANCE"] > 2 * share.loc["NYSE", "TECHNOLOGY"]
    # Listing counts follow the exchanges' shares.
    counts = frame["exchange"].value_counts(normalize=True)
    assert counts["NYSE"] == pytest.approx(0.30, abs=0.02) and counts["CHX"] == pytest.approx(0.05, abs=0.01)


def test_spec_validation():
    with pytest.raises(ValueError):
        MarketSpec(n_tickers=0)
    with pytest.raises(ValueError):
        MarketSpec(n_exchanges=7)
    with pytest.raises(ValueError):
        MarketSpec(seed=-1)
