"""Which trading day a daily bar stamped as a Unix epoch stands for.

An epoch is an instant, and a bar's day is its exchange's. For sessions in the Americas and in
Europe the stamp's UTC day is the session's: UTC midnight, New York's midnight (04:00/05:00 UTC),
its open (13:30/14:30) or close, Frankfurt's morning. East of UTC it is not: Yahoo's chart API
stamps an ASX session at its open, 10:00 in Sydney, 23:00 UTC the day before (00:00 that day in
winter); TradingView's exports stamp a bar at its exchange's midnight, 18:30 UTC the day before for
NSE, 15:00 for Tokyo. Read by their UTC days, such bars all load a day early, and Monday's is
rejected as dated on a Sunday.

The stamps tell which they are. Daily bars (one stamp a day) stamped in the evening (12:00 UTC or
later) at one or two times of day (a clock change), on Sunday to Thursday evenings and on some
Sunday's, are the next day's sessions; a session of the Americas is stamped Monday to Friday. Such
a column gets an "_east" format (epoch_s_east, ...: date_system.EPOCH_EAST_UNITS), read as the day
whose midnight is nearest the stamp: an evening stamp is the next day's, a morning one (Sydney's
winter open) its own. A file that shows no Sunday evening (a few midweek bars) cannot tell, and is
read by its UTC days as before.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from .date_system import SATURDAY, SUNDAY, weekday

_DAY, _NOON = 86400, 43200
# A download's last bar may be stamped at its latest trade rather than at the session's clock time.
_OFF_CLOCK = 1


def stamped_east_of_utc(seconds: Iterable[int]) -> bool:
    """Whether epoch `seconds` (whole seconds) are daily bars of an exchange east of UTC, stamped the
    evening before their session (see the module's docstring)."""
    days: set[int] = set()
    evenings: Counter[int] = Counter()
    sunday = False
    for s in set(seconds):  # a long file's tickers share their stamps
        day = (s + _NOON) // _DAY  # the day whose midnight is nearest
        if day in days or weekday(day) >= SATURDAY:
            return False  # two stamps a day (intraday bars, or two clocks), or a weekend session
        days.add(day)
        if s % _DAY >= _NOON:
            evenings[s % _DAY] += 1
            sunday = sunday or weekday(day - 1) == SUNDAY
    clocked = sum(n for _, n in evenings.most_common(2))
    return sunday and clocked >= sum(evenings.values()) - _OFF_CLOCK
