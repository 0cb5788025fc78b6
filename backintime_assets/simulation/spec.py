"""What a simulated market looks like: the seed, its size and the distributions of per-ticker parameters."""
from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import date

import numpy as np

from backintime_assets.trading_week import MON_FRI, TradingWeek

EARLIEST_DATE = date(1900, 1, 1)


@dataclass(frozen=True)
class Normal:
    """Normal(mean, sd), clipped to [floor, cap] so e.g. volatilities stay positive."""

    mean: float
    sd: float
    floor: float | None = None
    cap: float | None = None

    def sample(self, rng: np.random.Generator, n: int) -> np.ndarray:
        values = self.mean + self.sd * rng.standard_normal(n)
        if self.floor is not None or self.cap is not None:
            values = np.clip(values, self.floor, self.cap)
        return values


@dataclass(frozen=True)
class Uniform:
    """Uniform on the half-open interval (low, high]: a start price can be 100 but never exactly 0.1."""

    low: float
    high: float

    def sample(self, rng: np.random.Generator, n: int) -> np.ndarray:
        return self.high - rng.random(n) * (self.high - self.low)


@dataclass(frozen=True)
class LogUniform:
    """Log-uniform on (low, high]: for quantities spanning orders of magnitude, like traded volume."""

    low: float
    high: float

    def sample(self, rng: np.random.Generator, n: int) -> np.ndarray:
        lo, hi = np.log(self.low), np.log(self.high)
        return np.exp(hi - rng.random(n) * (hi - lo))


Distribution = Normal | Uniform | LogUniform


@dataclass(frozen=True)
class MarketSpec:
    """A market: every price it ever shows is a pure function of these fields (and the date)."""

    n_tickers: int = 50
    seed: int = 7
    market_start: date = date(2000, 1, 3)
    n_exchanges: int = 5
    # Annualised parameters; each trading day is a step of dt = 1 / steps_per_year years.
    volatility: Distribution = field(default=Normal(0.3, 0.2, floor=0.05))
    drift: Distribution = field(default=Normal(0.08, 0.1))
    start_price: Distribution = field(default=Uniform(0.1, 100.0))
    jump_intensity: Distribution = field(default=Normal(3.0, 2.0, floor=0.0))  # jumps per year
    jump_mean: Distribution = field(default=Normal(-0.02, 0.03))  # mean log jump size
    jump_volatility: Distribution = field(default=Normal(0.05, 0.02, floor=0.0))  # sd of log jump size
    base_volume: Distribution = field(default=LogUniform(1e3, 1e7))  # typical shares traded per day
    trading_days_per_year: float | None = None  # None: follows the week (steps_per_year)
    # Offices split shares that got too dear and reverse-split penny stocks; checked at each new year.
    split_above: float = 1000.0
    reverse_split_below: float = 1.0
    # The days of the week that trade (the deployment's BACKINTIME_TRADING_WEEK): each of them, and
    # no other, holds prices and files, each a step of `dt`.
    week: TradingWeek = MON_FRI

    def __post_init__(self) -> None:
        from backintime_assets.simulation.universe import EXCHANGES, MAX_TICKERS

        if self.seed < 0:
            raise ValueError(f"seed must be >= 0, got {self.seed}")
        if not 1 <= self.n_tickers <= MAX_TICKERS:
            raise ValueError(f"n_tickers must be in 1..{MAX_TICKERS}, got {self.n_tickers}")
        if not 1 <= self.n_exchanges <= len(EXCHANGES):
            raise ValueError(f"n_exchanges must be in 1..{len(EXCHANGES)}, got {self.n_exchanges}")
        if self.market_start < EARLIEST_DATE:
            raise ValueError(f"market_start must be on or after {EARLIEST_DATE}, got {self.market_start}")
        if self.trading_days_per_year is not None and not self.trading_days_per_year > 0:
            raise ValueError("trading_days_per_year must be positive")
        if not 0 <= self.reverse_split_below < self.split_above:
            raise ValueError("need 0 <= reverse_split_below < split_above (0 and inf turn splits off)")

    @property
    def steps_per_year(self) -> float:
        """trading_days_per_year if set, else 252 for each five days the week trades: 252 Monday to
        Friday (or Sunday to Thursday), 352.8 every day. The calendar has no holidays, so a weekday
        year takes about 261 steps of 1/252, 3.6% more time than the annualised figures say; an
        every-day year's 365 steps of 1/352.8 take the same share, where steps of 1/252 made its
        yearly volatility 1.2 times the figures and its drift 1.45 times."""
        if self.trading_days_per_year is not None:
            return self.trading_days_per_year
        return 252 * len(self.week.days) / 5

    @property
    def dt(self) -> float:
        return 1.0 / self.steps_per_year

    # The spec keys every cache of the simulator; hashing a dozen nested fields on each lookup
    # showed up in profiles, so the hash is computed once (and never pickled: str hashes are
    # salted per process).
    def __hash__(self) -> int:
        cached = self.__dict__.get("_hash")
        if cached is None:
            cached = hash(tuple(getattr(self, f.name) for f in fields(self)))
            object.__setattr__(self, "_hash", cached)
        return cached

    def __getstate__(self) -> dict:
        return {k: v for k, v in self.__dict__.items() if k != "_hash"}
