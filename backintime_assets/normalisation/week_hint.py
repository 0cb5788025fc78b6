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
    none on a Friday or a Saturday."""
    files = np.zeros(len(days), np.int64) if file_of_row is None else np.asarray(file_of_row)
    out = np.zeros(len(days), bool)
    for f in np.unique(files):
        mine = files == f
        distinct = np.unique(days[mine & (days > 0)])
        wd = weekday(distinct)
        out[mine] = len(distinct) >= _DAYS and int((wd == _SUNDAY).sum()) >= _SUNDAYS \
            and not np.isin(wd, (_FRIDAY, _SATURDAY)).any() and len(np.unique(wd)) >= _WEEKDAYS
    return out


SUN_THU_NOTE = (" (this file's dates fall Sunday to Thursday, none on a Friday: a Sunday-to-Thursday market's? "
                f"set BACKINTIME_TRADING_WEEK={SUN_THU.spec} to load them)")
