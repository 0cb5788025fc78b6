"""Whether a column of daily bars stamped as Unix epochs may stand for the next day's sessions.

An epoch is an instant, and a bar's day is its exchange's. For sessions in the Americas and in
Europe the stamp's UTC day is the session's: UTC midnight, New York's midnight (04:00/05:00 UTC),
its open (13:30/14:30) or close, Frankfurt's morning. East of UTC it is not: Yahoo's chart API
stamps an ASX session at its open, 10:00 in Sydney, 23:00 UTC the day before (00:00 that day in
winter); TradingView's exports stamp a bar at its exchange's midnight, 18:30 UTC the day before for
NSE, 15:00 for Tokyo, 21:00 for Tadawul (Saturday evening for Sunday's session), 16:00 for a
crypto venue's Hong Kong day. Read by their UTC days, such bars all load a day early.

Which reading is right turns on the trading week (BACKINTIME_TRADING_WEEK): under Monday to Friday
an ASX bar stamped on a Sunday evening is Monday's; under Sunday to Thursday a Tadawul bar stamped on
a Saturday evening is Sunday's. Detection runs once per file and is stored, while the week is a
setting that may change, so detection records only what the stamps show whatever the week: daily
bars (one stamp a day) stamped in the evening (12:00 UTC or later) at one or two times of day (a
clock change), some on a Saturday or Sunday evening. No session of the Americas is stamped so (they
trade Monday to Friday, stamped on their own day), so such a column may be the next day's sessions.
It gets an "_east" format (epoch_s_east, ...: date_system.EPOCH_EAST_UNITS), which reads a stamp as
the day whose midnight is nearest it, and normalisation, which knows the week, keeps that reading or
the UTC days per ticker (normalisation/east_days.py). A file that shows no weekend evening (a few
midweek bars, or New York's open) keeps the plain format: read by its UTC days, as before.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from .date_system import SATURDAY, weekday

_DAY, _NOON = 86400, 43200
# A download's last bar may be stamped at its latest trade rather than at the session's clock time.
_OFF_CLOCK = 1


def may_be_stamped_east_of_utc(seconds: Iterable[int]) -> bool:
    """Whether epoch `seconds` (whole seconds) may be daily bars of an exchange east of UTC, stamped
    the evening before their session: which they are is the week's call (see the module's docstring)."""
    days: set[int] = set()
    evenings: Counter[int] = Counter()
    weekend = False
    for s in set(seconds):  # a long file's tickers share their stamps
        day = (s + _NOON) // _DAY  # the day whose midnight is nearest
        if day in days:
            return False  # two stamps a day: intraday bars, or two clocks
        days.add(day)
        if s % _DAY >= _NOON:
            evenings[s % _DAY] += 1
            weekend = weekend or weekday(s // _DAY) >= SATURDAY
    clocked = sum(n for _, n in evenings.most_common(2))
    return weekend and clocked >= sum(evenings.values()) - _OFF_CLOCK
