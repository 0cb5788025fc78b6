"""A bar's high or low that stands inside its open or close only by how the file rounded it: that price.

Two roundings put a bound a hair inside the bar, neither a price the market made:
- A double's last place. yfinance's auto-adjusted bars (`Date,Close,High,Low,Open,Volume`, every
  price multiplied by a factor and written to 17 digits) write a day whose high was its close as
  "24.347318649291992" for the close and "24.34731864929199" for the high: one unit of a double's
  last place apart, each column computed on its own. Three of the first twenty days of SPY's dump
  had been rejected as "high < max(open, close)".
- A coarser decimal. Merval's daily rows write the open and close to five decimals, the high and
  low to two: "1336.06006,1336.06" (open, high), a close of "1347.29004" under a high of "1347.29".
  A fifth of such a file's days had been rejected; then, let through by the rule's own slack but
  loaded as written, they failed the lake's blocking check (prices_are_sane), which compares exactly.

Such a bound loads as the price it was rounded away from, so that what the normaliser accepts the
lake's check accepts too, and no reader of the lake finds a high under its own open. That price is
the written high's true value within the file's own rounding (a high is at least the open). Only
that far: a high a cent under a close written to cents, or one unit of the last of 8 decimals under
a bitcoin's "100000.12345678", is a violation and stays one.
"""

from __future__ import annotations

import numpy as np

from .rules import written_decimals

# In units of a double's last place (np.spacing) of the open or close. The noise seen is one unit;
# two distinct prices each written to at most 15 significant digits stand at least 5.6 units apart
# (a unit of the 15th digit, 1e-14 at 8 to 10, is 5.6 of a double's 1.8e-15 there), so none of them
# is taken for noise. A relative 1e-12 had snapped a bitcoin's high one satoshi under its close.
FLOAT_NOISE_UNITS = 4


def snapped_bounds(open_: np.ndarray, high: np.ndarray, low: np.ndarray,
                   close: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The high and low, each one that stands inside max(open, close) or min(open, close) by no more
    than a double's rounding or half a unit of its column's coarser decimal (_coarser_half_unit)
    replaced by that price; every other value as given (NaN too)."""
    top = np.fmax(open_, close)
    bottom = np.fmin(open_, close)
    high_slack = _coarser_half_unit(high, open_, close)
    low_slack = _coarser_half_unit(low, open_, close)
    with np.errstate(invalid="ignore"):
        high_inside = (high < top) & (top - high <= np.maximum(FLOAT_NOISE_UNITS * np.spacing(np.abs(top)), high_slack))
        low_inside = (low > bottom) & (low - bottom <= np.maximum(FLOAT_NOISE_UNITS * np.spacing(np.abs(bottom)),
                                                                  low_slack))
    return np.where(high_inside, top, high), np.where(low_inside, bottom, low)


def _coarser_half_unit(bound: np.ndarray, *others: np.ndarray) -> float:
    """Half a unit of the last decimal `bound` (the highs or the lows) is written to, where it is
    written to fewer decimals than each of `others` (the opens, the closes), else 0. Columns written
    alike keep no slack: a cent under is a violation."""
    def places(a: np.ndarray) -> int:
        a = a[np.isfinite(a)]
        return int(written_decimals(a).max()) if a.size else 10
    own = places(bound)
    if own >= 10 or any(places(other) <= own for other in others):
        return 0.0
    return 0.5 * 10.0 ** -own * (1 + 1e-9)
