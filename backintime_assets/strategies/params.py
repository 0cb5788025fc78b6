"""Parameters of the built-in strategies, validated once so the implementations need not."""
from __future__ import annotations

from dataclasses import dataclass


def _check_bounds(amount: float, min_price: float, max_price: float) -> None:
    if not amount > 0:
        raise ValueError(f"amount must be positive, got {amount}")
    # A positive floor also keeps `amount / adj_close` finite.
    if not 0 < min_price <= max_price:
        raise ValueError(f"need 0 < min_price <= max_price, got {min_price}, {max_price}")


@dataclass(frozen=True)
class MonthlyMaDipParams:
    """`window` counts the rows *before* the current one in the moving average (7 -> 8 rows)."""

    amount: float = 100.0
    window: int = 7
    min_price: float = 0.1
    max_price: float = 1000.0

    def __post_init__(self):
        _check_bounds(self.amount, self.min_price, self.max_price)
        if self.window < 0:
            raise ValueError(f"window must be >= 0, got {self.window}")


@dataclass(frozen=True)
class MaCrossoverParams:
    """`fast` and `slow` are moving-average lengths in rows, current row included."""

    fast: int = 10
    slow: int = 50
    amount: float = 100.0
    min_price: float = 0.1
    max_price: float = 1000.0

    def __post_init__(self):
        _check_bounds(self.amount, self.min_price, self.max_price)
        if not 1 <= self.fast < self.slow:
            raise ValueError(f"need 1 <= fast < slow, got fast={self.fast}, slow={self.slow}")
