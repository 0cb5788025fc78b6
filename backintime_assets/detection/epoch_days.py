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
trade Monday to Friday, stamped on their own day), so such a column may be the next day's sessions,
also where other tickers' stamps at clock times of their own lie beside them (New York's open beside
an ASX ticker's): a column's sample does not tell its tickers apart, normalisation does.
It gets an "_east" format (epoch_s_east, ...: date_system.EPOCH_EAST_UNITS), which reads a stamp as
the day whose midnight is nearest it, and normalisation, which knows the week, keeps that reading or
the UTC days per ticker (normalisation/east_days.py). A file that shows no weekend evening (a few
midweek bars, or New York's open) keeps the plain format: read by its UTC days, as before.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from .date_system import SATURDAY, weekday

_DAY, _NOON, _HOUR = 86400, 43200, 3600
# A download's last bar may be stamped at its latest trade rather than at the session's clock time.
_OFF_CLOCK = 1


def may_be_stamped_east_of_utc(seconds: Iterable[int]) -> bool:
    """Whether epoch `seconds` (whole seconds) may be daily bars of an exchange east of UTC, stamped
    the evening before their session: which they are is the week's call (see the module's docstring).

    A column may hold several tickers' stamps, each at its own exchange's clock time, which the
    sample cannot tell apart (ASX bars at 23:00 UTC beside US ones at New York's open, 14:30, on the
    same nearest-midnight day): a weekend evening among them is enough, normalisation deciding each
    ticker's reading on its own stamps, provided they are daily bars: evening stamps at one or two
    clock times (one ticker's, a clock change), or at clock times that each recur (several
    tickers'), but a few last bars, and no two of one evening an hour or less apart."""
    stamps = sorted(s for s in set(seconds) if s % _DAY >= _NOON)  # a long file's tickers share their stamps
    evenings = Counter(s % _DAY for s in stamps)
    if not any(weekday(s // _DAY) >= SATURDAY for s in stamps):
        return False
    # Intraday bars: one ticker's hours, an hour or less apart on one evening, at times of day that
    # recur. Exchanges' daily bars are stamped hours apart, or alike; a download's last bar stamped
    # at its latest trade (a time of its own) may fall near another's.
    on_clock = [s for s in stamps if evenings[s % _DAY] > 1]
    if sum(1 for a, b in zip(on_clock, on_clock[1:]) if b - a <= _HOUR) > _OFF_CLOCK:
        return False
    clocked = sum(n for _, n in evenings.most_common(2))
    # Times of day that do not recur: not one clock time's bars but events at any time, beyond a
    # last bar or so (one per ticker of a download at its latest trade).
    strays = len(stamps) - len(on_clock)
    return clocked >= len(stamps) - _OFF_CLOCK or strays <= max(_OFF_CLOCK, len(stamps) // 10)
