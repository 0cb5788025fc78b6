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
bars (one stamp a day) stamped in the evening (11:00 UTC or later: date_system.EAST_EVENING, NZX's
summer midnight) at one or two times of day (a
clock change), some on a Saturday or Sunday evening. No session of the Americas is stamped so (they
trade Monday to Friday, stamped on their own day), so such a column may be the next day's sessions,
also where other tickers' stamps at clock times of their own lie beside them (New York's open beside
an ASX ticker's): a column's sample does not tell its tickers apart, normalisation does.
It gets an "_east" format (epoch_s_east, ...: date_system.EPOCH_EAST_UNITS), which reads a stamp
from 11:00 UTC on as the next day, and normalisation, which knows the week, keeps that reading or
the UTC days per ticker (normalisation/east_days.py). A file that shows no weekend evening (a few
midweek bars, or New York's open) keeps the plain format: read by its UTC days, as before. Its
column notes the weekdays and clock of its evening stamps (`evenings`), so that a file of a bar a day
(Tokyo's Wednesday bar, 15:00 UTC on Tuesday) takes the reading its source's other files prove, a
Monday's stamped on a Sunday evening (ingestion/sibling_east.py).

Timestamp text that says UTC ("2024-01-01T23:00:00Z", "...23:00:00.000Z", "... 23:00:00+00:00",
"... 23:00:00 UTC") is such an instant written out, and the same rule holds: its format gets "_east"
("%Y-%m-%dT%H:%M:%S%z_east"), decided when the columns' roles are known (east_format). Text with
another offset ("2024-01-02T00:00:00+11:00") names its local day, and text without a zone says
nothing of UTC: both read as written.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta, timezone
from typing import TYPE_CHECKING

from .date_system import (DAY_MONTH, EAST, EAST_AFTER_MIDDAY, EAST_EVENING, EPOCH_UNITS, SATURDAY, UTC_ZONE,
                          weekday, zoned)

if TYPE_CHECKING:  # imported where stamps are read: detection of most files, and `backintime detect`, need no numpy
    import numpy as np

_DAY, _HOUR = 86400, 3600
# A download's last bar may be stamped at its latest trade rather than at the session's clock time.
_OFF_CLOCK = 1


def may_be_stamped_east_of_utc(seconds: Iterable[int], tickers: Sequence[str] | None = None) -> bool:
    """Whether epoch `seconds` (whole seconds) may be daily bars of an exchange east of UTC, stamped
    the evening before their session: which they are is the week's call (see the module's docstring).

    A column may hold several tickers' stamps, each at its own exchange's clock time, which the
    sample cannot tell apart (ASX bars at 23:00 UTC beside US ones at New York's open, 14:30, on the
    same "_east" day): a weekend evening among them is enough, normalisation deciding each
    ticker's reading on its own stamps, provided they are daily bars: evening stamps at one or two
    clock times (one ticker's, a clock change), or at clock times that each recur (several
    tickers'), but a few last bars, and no two of one evening an hour or less apart: of one ticker's,
    where `tickers` names each stamp's (Paris's bars at its midnight, 23:00 UTC, beside Helsinki's,
    22:00, are each one bar a day at its own clock, not one ticker's hours)."""
    seconds = list(seconds)
    owners = [""] * len(seconds) if tickers is None else list(tickers)
    # A long file's tickers share their stamps: each ticker's stamp counted once.
    bars = sorted((t, s) for t, s in set(zip(owners, seconds)) if s % _DAY >= EAST_EVENING)
    stamps = sorted({s for _, s in bars})
    evenings = Counter(s % _DAY for s in stamps)
    if not any(weekday(s // _DAY) >= SATURDAY for s in stamps):
        return False
    # Intraday bars: one ticker's hours, an hour or less apart on one evening, at times of day that
    # recur. Exchanges' daily bars are stamped hours apart, or alike; a download's last bar stamped
    # at its latest trade (a time of its own) may fall near another's.
    on_clock = [(t, s) for t, s in bars if evenings[s % _DAY] > 1]
    if sum(1 for (t, a), (u, b) in zip(on_clock, on_clock[1:]) if t == u and b - a <= _HOUR) > _OFF_CLOCK:
        return False
    clocked = sum(n for _, n in evenings.most_common(2))
    # Times of day that do not recur: not one clock time's bars but events at any time, beyond a
    # last bar or so (one per ticker of a download at its latest trade).
    strays = len(stamps) - len({s for _, s in on_clock})
    return clocked >= len(stamps) - _OFF_CLOCK or strays <= max(_OFF_CLOCK, len(stamps) // 10)


_SAYS_UTC = re.compile(f"{UTC_ZONE}$")  # after the time of day
_ZONE = re.compile(r"\s?(?:Z|[+-]\d{2}(?::?\d{2})?|UTC|GMT)$")
_FRACTION = re.compile(r"(:\d{2})[.,]\d+")
_NO_OFFSET = timedelta(0)


def east_format(fmt: str | None, cells: Sequence[str], tickers: Sequence[str] | None = None,
                header: str | None = None) -> str | None:
    """The format of a date column of `cells` (a sample, each of the ticker in `tickers` when a column
    names them), made its "_east" reading when its stamps may be daily bars stamped the evening before
    their session east of UTC (the module's docstring): timestamp text that says UTC, or an epoch
    column whose stamps looked intraday until each ticker's were taken apart (column types are judged
    before any column is known to name tickers: columns._epoch_format). `header`: the column's, which may
    say its zoneless stamps are UTC's (header_says_utc). Else `fmt`."""
    return east_reading(fmt, cells, tickers, header)[0]


def east_reading(fmt: str | None, cells: Sequence[str], tickers: Sequence[str] | None = None,
                 header: str | None = None) -> tuple[str | None, str | None]:
    """(east_format of the column, the evenings of its stamps: `evenings`), its cells read once. Of a
    column of no UTC instants (most files'), (`fmt`, None), its cells not looked at."""
    if not utc_instants(fmt, header):
        return fmt, None
    import numpy as np

    stamps = _stamps(fmt, cells)
    found = np.isfinite(stamps)
    note = evenings(stamps[found].astype(np.int64))
    if not may_be_east(fmt, tickers is not None, header) or not found.any():
        return fmt, note
    at = np.flatnonzero(found).tolist()
    owners = None if tickers is None else [tickers[i] for i in at]
    if not may_be_stamped_east_of_utc(stamps[found].astype(np.int64).tolist(), owners):
        return fmt, note
    return f"{fmt}{EAST}", note


def other_order_evenings(fmt: str | None, cells: Sequence[str], header: str | None = None) -> str | None:
    """The `evenings` note of a column of timestamp text that says UTC, its cells read with the day and
    month the other way round ("%m/%d/%Y ..." for "%d/%m/%Y ..."), where its order is a guess that
    siblings may settle (ColumnSchema.evenings_other_order); None where the format has no such pair."""
    base = (fmt or "").removesuffix(EAST)
    found = DAY_MONTH.search(base)
    if not utc_instants(base, header) or base in EPOCH_UNITS or found is None or found.group(1) == found.group(3):
        return None
    import numpy as np

    first, sep, second, year = found.groups()
    swapped = f"{base[:found.start()]}{second}{sep}{first}{sep}{year}{base[found.end():]}"
    stamps = _stamps(swapped, cells)
    return evenings(stamps[np.isfinite(stamps)].astype(np.int64))


def utc_instants(fmt: str | None, header: str | None = None) -> bool:
    """Whether a date column of format `fmt` holds instants in UTC: epochs, or timestamp text with a
    zone (which may say UTC), or without one under a `header` that says UTC (header_says_utc), or read
    "_east" already (an "_east" timestamp format with no zone is one so headed)."""
    base = (fmt or "").removesuffix(EAST)
    return base in EPOCH_UNITS or ("%H" in base and (zoned(base) or base != fmt or header_says_utc(header)))


# A header that says its column's time is UTC's: "Gmt time" (Dukascopy's), "Date (UTC)", "time_utc",
# "UTC+0"; not where it names a non-zero offset anywhere ("Time (GMT+2)", "UTC-05:00", "UTC/GMT+3",
# "Local time (UTC offset +03:00)"), whose wall clock is that zone's: read as UTC, Riyadh's closes at
# 15:00 loaded each a day late, silently. Dukascopy's day bars at the EET midnight ("05.01.2020
# 22:00:00.000" under "Gmt time": Monday's) read as their UTC days: Monday's rejected as a Sunday, the
# others a day early, silently.
_HEADER_UTC = re.compile(r"(?<![a-z])(?:utc|gmt)(?![a-z])", re.IGNORECASE)
_HEADER_OFFSET = re.compile(r"[+-]\s*[\d:.]*[1-9]")


def header_says_utc(header: str | None) -> bool:
    """Whether a column's `header` says its times are UTC's (_HEADER_UTC)."""
    return bool(header) and _HEADER_UTC.search(header) is not None and _HEADER_OFFSET.search(header) is None


def _stamps(fmt: str, cells: Sequence[str]) -> np.ndarray:
    """Epoch seconds of each of `cells` in a date format of UTC instants (utc_instants), NaN where none."""
    import numpy as np

    base = fmt.removesuffix(EAST)
    if base in EPOCH_UNITS:
        try:  # numpy reads a column of numbers at once: a sample holds thousands
            with np.errstate(invalid="ignore"):  # "inf" (a float, no stamp) is NaN here
                seconds = np.asarray(cells, dtype=np.float64) // EPOCH_UNITS[base]
            return np.where(np.isfinite(seconds), seconds, np.nan)
        except (ValueError, OverflowError):  # an empty cell among them: cell by cell
            read = [_epoch(cell, EPOCH_UNITS[base]) for cell in cells]
    else:
        read = [_utc_text(cell.strip(), base, not zoned(base)) for cell in cells]
    return np.array([np.nan if s is None else s for s in read], dtype=np.float64)


_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_QUARTER_HOUR = 900  # time zones are whole quarter hours from UTC, and so are their midnights


def evenings(seconds: np.ndarray) -> str | None:
    """Of stamps in UTC (epoch seconds), the UTC weekdays and times of day of those after midday UTC
    (date_system.EAST_AFTER_MIDDAY), as "Sun Tue 15:00" (a time of day each, or two for a clock change:
    "Sun Tue 22:00 23:00"), where they may be one exchange's midnights or opens east of UTC, a bar a
    day: at most two times on the quarter hour an hour apart at most, one stamp a day. Else None: none
    so late, intraday bars, tickers of several clocks, a close at its minute (16:35).

    A file of a few midweek bars stamped so cannot show which day they are (a TradingView export of
    Tokyo's bar a day, 15:00 UTC the day before, read as its UTC day a day early); its siblings of one
    source can, by the weekdays of theirs (ingestion/sibling_east.py), which this records."""
    # With numpy: a sample holds thousands of stamps, and a loop over them doubled an epoch file's
    # detection.
    import numpy as np

    stamps = np.asarray(seconds, dtype=np.int64)
    late = _distinct(stamps[stamps % _DAY >= EAST_AFTER_MIDDAY])
    if not len(late):
        return None
    clock = late % _DAY
    if clock.max() - clock.min() > _HOUR:
        return None
    clocks = _distinct(clock).tolist()
    days = _distinct(late // _DAY)
    if len(clocks) > 2 or any(c % _QUARTER_HOUR for c in clocks) or len(days) < len(late):
        return None
    shown_days = (_WEEKDAYS[d] for d in _distinct(weekday(days)).tolist())
    return " ".join([*shown_days, *(f"{c // _HOUR:02d}:{c % _HOUR // 60:02d}" for c in clocks)])


def _distinct(values: np.ndarray) -> np.ndarray:
    """The distinct values, sorted: np.unique hashes integers (numpy 2.3 on), ten times a sort's time."""
    import numpy as np

    ordered = np.sort(values)
    return ordered[np.r_[True, ordered[1:] != ordered[:-1]]] if len(ordered) else ordered


def read_evenings(note: str) -> tuple[frozenset[int], tuple[int, ...]]:
    """(the UTC weekdays, Monday 0, and the times of day in seconds) an `evenings` note names."""
    words = note.split()
    return (frozenset(_WEEKDAYS.index(w) for w in words if w in _WEEKDAYS),
            tuple(int(w[:2]) * _HOUR + int(w[3:]) * 60 for w in words if ":" in w))


def may_be_east(fmt: str | None, with_tickers: bool, header: str | None = None) -> bool:
    """Whether east_format may mark a date column of format `fmt`: timestamp text with a zone, or an
    epoch column judged again with its tickers (alone, columns._epoch_format judged it already). Not a
    date, nor a time without a zone under a `header` that says nothing of UTC (header_says_utc). Asked
    first, so that other columns (most files') cost no look at their cells."""
    if not fmt or fmt.endswith(EAST):
        return False
    return (fmt in EPOCH_UNITS and with_tickers) or ("%H" in fmt and (zoned(fmt) or header_says_utc(header)))


def _epoch(cell: str, unit: int) -> int | None:
    try:
        return int(float(cell)) // unit
    except (ValueError, OverflowError):  # "inf" reads as a float but is no stamp
        return None


def utc_stamp(cell: str) -> int | None:
    """Epoch seconds of a date cell that is an instant in UTC: a Unix epoch in seconds or
    milliseconds (10 or 13 digits), or ISO timestamp text that says UTC; None for any other."""
    if cell.isdigit() and len(cell) in (10, 13):
        return int(cell) // (1000 if len(cell) == 13 else 1)
    return _utc_text(cell, "%Y-%m-%d") if len(cell) > 10 else None


def _utc_text(cell: str, fmt: str, headed: bool = False) -> int | None:
    """Epoch seconds of timestamp text that says UTC, in strptime format `fmt`; None for any other.
    `headed`: text with no zone, under a header that says UTC (header_says_utc), read as UTC's."""
    if fmt.startswith("%Y-%m-%d") and not headed:
        try:
            at = datetime.fromisoformat(cell)  # reads Z, +00:00, +0000, +00 and a fraction itself
        except ValueError:
            at = None  # " UTC", " GMT": read below
        if at is not None:
            # One parse a cell, no regex: most zoned text is ISO, and a sample holds up to thousands
            # (three regexes and a parse a cell made a file's detection several times slower).
            return int(at.replace(microsecond=0).timestamp()) if at.utcoffset() == _NO_OFFSET else None
    if not headed and not _SAYS_UTC.search(cell):
        return None
    wall = _FRACTION.sub(r"\1", cell) if headed else _ZONE.sub("", _FRACTION.sub(r"\1", cell))
    try:
        if fmt.startswith("%Y-%m-%d"):
            at = datetime.fromisoformat(wall)  # a tenth of strptime's time: a sample holds thousands
        else:
            at = datetime.strptime(wall, re.sub(r"\s?%[zZ]", "", re.sub(r"[.,]%f", "", fmt)))
    except ValueError:
        return None
    return int(at.replace(tzinfo=timezone.utc).timestamp())
