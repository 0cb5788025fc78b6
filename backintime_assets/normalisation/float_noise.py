"""A bar's high or low a rounding error of binary floating point inside its open or close: the same price.

yfinance's auto-adjusted bars (`Date,Close,High,Low,Open,Volume`, every price multiplied by a factor
and written to 17 digits) write a day whose high was its close as "24.347318649291992" for the close
and "24.34731864929199" for the high: one unit of a double's last place apart, each column computed
on its own. Compared exactly, the high stood under the close, and the day was rejected as
"high < max(open, close)": three of the first twenty days of SPY's dump. Such a bound is the price
it rounds away from, and loads as that price, so that the lake's own sanity check (a high under the
close) holds too. Only as far as a double's arithmetic strays: a price written to fewer decimals than
another is rules._coarser_half_unit's, and a high a cent under the close is still a violation.
"""

from __future__ import annotations

import numpy as np

# Relative: a few thousand units in a double's last place (2.2e-16), a computation's rounding and no
# more; at a price of a million, a millionth of a unit. No market's tick is anywhere near so fine.
FLOAT_NOISE = 1e-12


def snapped_bounds(open_: np.ndarray, high: np.ndarray, low: np.ndarray,
                   close: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The high and low, each one that stands inside max(open, close) or min(open, close) by no more
    than FLOAT_NOISE of it replaced by that price; every other value as given (NaN too)."""
    top = np.fmax(open_, close)
    bottom = np.fmin(open_, close)
    with np.errstate(invalid="ignore"):
        high_noise = (high < top) & (top - high <= FLOAT_NOISE * np.abs(top))
        low_noise = (low > bottom) & (low - bottom <= FLOAT_NOISE * np.abs(bottom))
    return np.where(high_noise, top, high), np.where(low_noise, bottom, low)
