"""Which trading week a file's own dates keep, where they keep another than the setting's: a Sunday-to-
Thursday market's history (Tadawul, Boursa Kuwait, the Egyptian Exchange, Tel Aviv until 2026) under the
default Monday-to-Friday week. Its Sunday rows are rejected, as the one Sunday row of a Monday-to-Friday
office must be: the week is one for the lake (partitions, the row rules, trading_week.py), so no file is
loaded by a week of its own. Rejected as "dated on a Sunday" alone, the user was not told the file is a
Sunday-to-Thursday market's, nor which setting loads it whole."""

from __future__ import annotations

import numpy as np

from backintime_assets.detection.date_system import weekday
from backintime_assets.trading_week import TradingWeek

SUN_THU = TradingWeek.parse("sun-thu")
_FRIDAY, _SATURDAY, _SUNDAY = 4, 5, 6
# Days enough to tell a market's week from chance: a Monday-to-Friday office's file of a fortnight has
# its Fridays, and its Sunday rows are slips, one or two, not one a week.
_DAYS = 10
_SUNDAYS = 2
# Most of the week's five days among them: weekly bars dated each Sunday keep no market's week.
_WEEKDAYS = 4


def sun_thu_files(days: np.ndarray, file_of_row: np.ndarray | None) -> np.ndarray:
    """Per row, whether its file's dates (`days`: days since 1970-01-01, 0 where none) keep Sunday to
    Thursday: _DAYS distinct days or more, _SUNDAYS Sundays or more, on _WEEKDAYS days of the week or more,
    none on a Friday or a Saturday. Counted for every file at once: a batch holds thousands of files, and
    a pass over its rows per file had cost 50 s for 10,000 files of 100 rows each."""
    files = np.zeros(len(days), np.int64) if file_of_row is None else np.asarray(file_of_row, np.int64)
    out = np.zeros(len(days), bool)
    dated = days > 0
    # Only the files with a Sunday row are asked about: most batches have none, and cost nothing.
    with_sunday = np.unique(files[dated & (weekday(days) == _SUNDAY)])
    mine = np.isin(files, with_sunday) & dated
    if not mine.any():
        return out
    _, file_k = np.unique(files[mine], return_inverse=True)
    count = int(file_k.max()) + 1
    # Each file's distinct days: (file, day) pairs once each, as one number each (a sort of one array).
    span = int(days[mine].max()) + 1
    pairs = np.unique(file_k.astype(np.int64) * span + days[mine].astype(np.int64))
    k, wd = pairs // span, weekday(pairs % span)
    on_weekday = np.zeros((count, 7), bool)
    on_weekday[k, wd] = True
    distinct = np.bincount(k, minlength=count)
    keeps = (distinct >= _DAYS) & (np.bincount(k[wd == _SUNDAY], minlength=count) >= _SUNDAYS) \
        & ~on_weekday[:, _FRIDAY] & ~on_weekday[:, _SATURDAY] & (on_weekday.sum(axis=1) >= _WEEKDAYS)
    # A file's undated rows (0) go with its dated ones: the reason is asked of Sunday rows only.
    out[np.isin(files, with_sunday[keeps])] = True
    return out


SUN_THU_NOTE = (" (this file's dates fall Sunday to Thursday, none on a Friday or Saturday: "
                f"a Sunday-to-Thursday market's? set BACKINTIME_TRADING_WEEK={SUN_THU.spec} to load them)")
