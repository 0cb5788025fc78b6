"""How a series of positive numbers moves from row to row: what tells prices and rates (a percent or
two a day) from volumes, counts and money traded (tens of percent). Shared by the close matrices
(marked_tickers.py) and a dated file's lone named series (canonical._named_series)."""
from __future__ import annotations

import math
from collections.abc import Sequence
from statistics import median

# A ticker's close moves a percent or two a day, a coin's a few (ETH's January 2021: 7% on the median
# day); shares traded and money traded jump tens of percent, a return changes sign.
JUMPY = 0.1


def median_step(series: Sequence[Sequence[float]]) -> float | None:
    """The median move, |log(b / a)|, between neighbouring values of each of `series` (positive numbers),
    pooled; None where none has two."""
    steps = [abs(math.log(b / a)) for own in series for a, b in zip(own, own[1:])]
    return median(steps) if steps else None
