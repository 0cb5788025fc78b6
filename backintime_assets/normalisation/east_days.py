"""Which tickers of an "_east" epoch column are stamped on their own UTC day after all.

Detection reads a column's stamps as the next day's sessions (detection/epoch_days.py) from a
sample of the file, its head and tail. A file of several tickers may hold, where the sample did not
look, one of an exchange of the Americas stamped in the UTC evening of its own day (Yahoo stamps a
New York session at its open, 14:30 UTC): read as the next day's, each of its bars loaded a day
late and Friday's was rejected as dated on a Saturday. Its stamps tell it apart: a session east of
UTC is never stamped on a Friday evening (Friday's is stamped on Thursday evening), and a ticker
with Friday evening stamps and no Sunday evening one is read by its UTC days. A ticker showing both
is left as detected: its weekend rows are rejected on either reading, so nothing loads unseen.
"""
from __future__ import annotations

import numpy as np

from backintime_assets.detection.date_system import SATURDAY, weekday

from .parse import Parsed

_MONDAY = 0


def own_day_tickers(east: Parsed, utc: Parsed, keys: np.ndarray) -> Parsed:
    """The dates of `east` (the "_east" reading of an epoch column), but those of `utc` (its plain
    reading) for the rows of the `keys` (a ticker code per row) stamped on Friday evenings and
    never on a Sunday evening."""
    evening = np.isfinite(east.values) & np.isfinite(utc.values) & (east.values != utc.values)
    day = weekday(np.nan_to_num(east.values[evening]).astype(np.int64))
    friday = np.unique(keys[evening][day == SATURDAY])
    if not friday.size:
        return east
    own_day = np.setdiff1d(friday, keys[evening][day == _MONDAY])
    rows = np.isin(keys, own_day)
    if not rows.any():
        return east
    return Parsed(np.where(rows, utc.values, east.values), np.where(rows, utc.missing, east.missing),
                  np.where(rows, utc.bad, east.bad))
