"""Who trades where: six-letter tickers, the twelve sectors and exchanges with their own sector mixes."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

import numpy as np

from backintime_assets.simulation.rng import TICKERS_PER_STREAM, Stream, stream

if TYPE_CHECKING:
    import pandas as pd

    from backintime_assets.simulation.spec import MarketSpec

SECTORS = (
    "FINANCE", "CONSUMER SERVICES", "HEALTH CARE", "TECHNOLOGY", "CAPITAL GOODS", "ENERGY",
    "PUBLIC UTILITIES", "BASIC INDUSTRIES", "CONSUMER NON-DURABLES", "CONSUMER DURABLES",
    "MISCELLANEOUS", "TRANSPORTATION",
)
_LETTERS = 26
_NAME_LENGTH = 6
MAX_TICKERS = _LETTERS**_NAME_LENGTH


@dataclass(frozen=True)
class Exchange:
    name: str
    share: float  # relative number of listings
    sector_weights: tuple[float, ...]  # one per SECTORS entry; zero = never listed there


def _weights(default: float, **overrides: float) -> tuple[float, ...]:
    named = {k.replace("_", " ").replace("NON ", "NON-"): v for k, v in overrides.items()}
    unknown = set(named) - set(SECTORS)
    assert not unknown, unknown
    return tuple(named.get(s, default) for s in SECTORS)


# Listings follow different mixes on purpose: a backtest by sector or by exchange should see it.
EXCHANGES = (
    Exchange("NYSE", 0.30, _weights(1, FINANCE=3, CAPITAL_GOODS=2, ENERGY=2, PUBLIC_UTILITIES=2, BASIC_INDUSTRIES=2)),
    Exchange("NASDAQ", 0.30, _weights(1, TECHNOLOGY=5, HEALTH_CARE=3, CONSUMER_SERVICES=2)),
    Exchange("AMEX", 0.15, _weights(1)),  # no preference: sectors at random
    Exchange("TSX", 0.10, _weights(0, ENERGY=3, BASIC_INDUSTRIES=2, FINANCE=1)),  # resources only
    Exchange("LSE", 0.10, _weights(1, FINANCE=3, CONSUMER_NON_DURABLES=2, MISCELLANEOUS=2)),
    Exchange("CHX", 0.05, _weights(0, TRANSPORTATION=1, PUBLIC_UTILITIES=1, CAPITAL_GOODS=1)),
)


def ticker_names(seed: int, indices: np.ndarray) -> np.ndarray:
    """Distinct six-letter names for ticker indices: a seeded bijection of 0..26**6-1, so never a clash."""
    rng = stream(seed, Stream.TICKER_NAMES)
    # Affine maps x -> a*x+b mod 26**6 are bijections when a shares no factor (2, 13) with 26;
    # reversing the base-26 digits between two of them hides the regular step in the last letter.
    a1, a2 = (int(v) * 26 + 1 for v in rng.integers(1, MAX_TICKERS // 26, 2))
    b1, b2 = (int(v) for v in rng.integers(0, MAX_TICKERS, 2))
    x = (np.asarray(indices, dtype=np.int64) * a1 + b1) % MAX_TICKERS
    reversed_digits = np.zeros_like(x)
    for _ in range(_NAME_LENGTH):
        reversed_digits = reversed_digits * _LETTERS + x % _LETTERS
        x //= _LETTERS
    x = (reversed_digits * a2 + b2) % MAX_TICKERS
    letters = np.empty((len(x), _NAME_LENGTH), dtype=np.uint8)
    for position in range(_NAME_LENGTH - 1, -1, -1):
        letters[:, position] = ord("A") + x % _LETTERS
        x //= _LETTERS
    return letters.view(f"S{_NAME_LENGTH}").ravel().astype(f"U{_NAME_LENGTH}")


@lru_cache(maxsize=4096)
def _stream_listing(seed: int, n_exchanges: int, group: int) -> tuple[np.ndarray, np.ndarray]:
    """Exchange and sector codes of one stream group of tickers (always drawn for the full group)."""
    rng = stream(seed, Stream.LISTING, group)
    u_exchange, u_sector = rng.random(TICKERS_PER_STREAM), rng.random(TICKERS_PER_STREAM)
    shares = np.array([e.share for e in EXCHANGES[:n_exchanges]])
    exchange = np.searchsorted(np.cumsum(shares) / shares.sum(), u_exchange, side="right")
    exchange = np.minimum(exchange, n_exchanges - 1)
    cumulative = np.cumsum([e.sector_weights for e in EXCHANGES[:n_exchanges]], axis=1, dtype=np.float64)
    cumulative /= cumulative[:, -1:]
    sector = (u_sector[:, None] >= cumulative[exchange]).sum(axis=1)
    return exchange.astype(np.int8), sector.astype(np.int8)


@dataclass(frozen=True)
class Listing:
    """Per ticker index (0..n_tickers-1): its name and the codes of its exchange and sector."""

    names: np.ndarray  # <U6
    exchange: np.ndarray  # int8 index into EXCHANGES
    sector: np.ndarray  # int8 index into SECTORS

    def exchange_names(self) -> np.ndarray:
        return np.array([e.name for e in EXCHANGES])[self.exchange]

    def sector_names(self) -> np.ndarray:
        return np.array(SECTORS)[self.sector]


@lru_cache(maxsize=16)
def listing(spec: MarketSpec) -> Listing:
    indices = np.arange(spec.n_tickers)
    groups = range((spec.n_tickers + TICKERS_PER_STREAM - 1) // TICKERS_PER_STREAM)
    parts = [_stream_listing(spec.seed, spec.n_exchanges, g) for g in groups]
    n = spec.n_tickers
    exchange = np.concatenate([p[0] for p in parts])[:n]
    sector = np.concatenate([p[1] for p in parts])[:n]
    return Listing(ticker_names(spec.seed, indices), exchange, sector)


def listings(spec: MarketSpec) -> pd.DataFrame:
    """Every ticker with its sector and exchange, sorted by ticker."""
    import pandas as pd

    found = listing(spec)
    frame = pd.DataFrame({"ticker": found.names, "sector": found.sector_names(), "exchange": found.exchange_names()})
    return frame.astype({c: object for c in frame.columns}).sort_values("ticker", ignore_index=True)
