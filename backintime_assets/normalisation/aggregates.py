"""Rows that add up the others: an index or totals line in a day's list of securities.

NSE's market-watch download (MW-NIFTY-200-01-Mar-2022.csv) opens with the index itself
("NIFTY 200,8512.45,...,1448839322,...") above its 200 constituents, and its volume is theirs
added up. Named like any symbol and priced like one, it loaded as a security. What gives it away
is its volume: the sum of the other rows' of its day, which no one security's is."""

from __future__ import annotations

import numpy as np

from .rules import Reasons

# Fewer rows leave the sum to chance: two securities may trade the same volume, and one may
# trade as much as three or four others together.
_MIN_OTHERS = 5
# Exactly the sum, to the share (volumes are whole numbers, read as floats): within a few tenths
# of a percent, a day's busiest security among 18 or 19 others matched the rest by chance.
_TOLERANCE = 0.5
REASON = "aggregate line: its volume is the sum of the other {n} rows' of its day (an index or a total, not a security)"


def check_aggregate_rows(r: Reasons, days: np.ndarray, volume: np.ndarray) -> None:
    """Reject, per day (`days`: a key per row), the row whose volume equals the sum of the volumes
    of the day's other rows still open (at least _MIN_OTHERS of them trading)."""
    rows = np.flatnonzero(r.ok & (volume > 0))
    if rows.size <= _MIN_OTHERS:
        return
    key = days[rows] - days[rows].min()
    if key.max() > 4 * rows.size:  # keys too spread to count by: number the days instead
        key = np.unique(key, return_inverse=True)[1].ravel()
    v = volume[rows].astype(np.float64)
    count = np.bincount(key)
    total = np.bincount(key, weights=v)
    # A row that is half its day's total is the sum of the others: one pass, no sorting.
    hit = (count[key] > _MIN_OTHERS) & (np.abs(2 * v - total[key]) <= _TOLERANCE)
    if not hit.any():
        return
    for i in np.flatnonzero(hit):
        mask = np.zeros(r.ok.size, dtype=bool)
        mask[rows[i]] = True
        r.set(mask, REASON.format(n=int(count[key[i]]) - 1))
