"""Which day each ticker of an "_east" epoch column's bars stands for, under the trading week.

Detection marks an epoch column "_east" when its stamps may be daily bars stamped the evening before
their session, east of UTC (detection/epoch_days.py), and so a column of timestamp text that says
UTC ("2024-01-01T23:00:00Z", whose instants east_readings reads as an epoch's): it saw a sample of
the file and does not know the week (BACKINTIME_TRADING_WEEK), which may change after it is stored.
Here, with every row and the week, a ticker's evening stamps read either as their UTC days or as the
next days (the "_east" reading), the first of these that tells:
0. a ticker stamped off a quarter hour (but its last bar) is stamped at a close, not at a midnight
   or an open east of UTC (time zones are quarter hours from UTC): its UTC days (Binance's close
   time, 23:59:59.999, of a coin listed on a Sunday, five bars that look like an ASX week). So is one
   whose only evening stamp is that last bar (a coin's live bar at its latest trade on a Sunday).
1. a week of Monday to Friday sessions, as most exchanges trade, whatever the deployment's week: a
   ticker stamped on Sunday evenings and never on a Friday or Saturday evening is an exchange's
   east of UTC (an ASX session at its open, 23:00 UTC the day before): the next days. One stamped
   on Friday evenings and never on a Sunday evening is stamped on its own day (New York's open,
   14:30 UTC): its UTC days. So is a week of Sunday to Thursday sessions east of UTC: stamped on
   Saturday evenings, never on a Thursday or Friday evening (Tadawul at Riyadh's midnight, 21:00
   UTC): the next days. (A Sunday-to-Thursday market stamped in the UTC evening of its own day
   shows the ASX's weekdays; no exchange's close is so late, and it reads as the ASX does.) Not
   at midday UTC (11:00 to 12:45): there the stamps of New Zealand's sessions at their midnight
   (the next days) and of a Sunday-to-Thursday market's at its close (Tadawul's, 12:00 UTC: their
   UTC days) are alike on the whole hour, Sunday to Thursday, and the week tells: under a week that
   opens on Sunday and closes on Friday (sun-thu) their UTC days; under any other (Monday to Friday,
   every day) the next days, NZX's: Tadawul's Sunday session then loads on Monday. Off the whole
   hour (Egypt's close, 11:30 or 12:30 UTC) they are no midnight of NZX's: their UTC days.
2. the week: the reading that puts none of them on a day the week closes, where the other puts
   some there, or clearly fewer (a third fewer), where both do: an NSE ticker's special Saturday
   session does not turn its weeks a day early, even in a file of two weeks.
3. under a week both readings fit (every day: crypto), a ticker stamped on every day of the week at
   a time zone's midnight (an evening time on a quarter hour) reads as the next days: a 24-hour
   market's daily bar is stamped at its open, and an evening open is a midnight east of UTC (OKX's
   Hong Kong days, 16:00 UTC). Noon UTC (or 11:00) is no 24-hour market's midnight, and a month's
   bars on its first day (every weekday, far apart) no daily bars: their UTC days, under any week,
   so no other ticker's reading (4) moves them. Under such a week a ticker not stamped every day but on Friday
   evenings (more than one) as often as on Sunday ones reads its UTC days: the next days would put each Friday's
   on a Saturday (New York's opens beside a vendor's Sunday-evening futures open, 23:00 UTC).
4. else (a few midweek bars; every day of the week at a midnight under Monday to Friday) the
   file's: the next days when another of its tickers reads so (a few bars only when all stamped within
   an hour of its clock, its exchange's: New York's opens, 14:30 UTC, beside an ASX ticker's, 23:00,
   are their own days); when none reads either way and all
   fit the week, the detection's (a file of a few midweek bars borrows the schema of its layout,
   whose sample showed the weekend evenings); else the UTC days, as a plain epoch column's.
Rows a reading puts on a closed day are rejected with that day named (rules.check_trade_days).
Each reading is decided over all of a file's rows, also where a large file is read in pieces
(WholeFile): the rules look at a few sums per ticker (Evidence), which add up over the pieces.
"""
from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

import pyarrow as pa

from backintime_assets.detection.date_system import (
    EAST, EAST_AFTER_MIDDAY, EAST_EVENING, EPOCH_EAST_UNITS, stamped_east, weekday,
)
from backintime_assets.trading_week import TradingWeek

from .parse import Parsed, parse_dates, parse_numbers, utc_seconds

_DAY, _NOON = 86400, 43200
# Stamps before EAST_AFTER_MIDDAY (UTC+11's midnight) and at or after the UTC evening (EAST_EVENING,
# 11:00) are a midday's: UTC+12's and UTC+13's midnights or the Gulf's closes (1).
_AFTER_MIDDAY = EAST_AFTER_MIDDAY
_THURSDAY, _FRIDAY, _SATURDAY, _SUNDAY = 3, 4, 5, 6
_QUARTER_HOUR, _HOUR = 900, 3600  # time zones are whole quarter hours from UTC, so are their midnights
_OFF_CLOCK = 1  # a download's last bar may be stamped at its latest trade (detection/epoch_days.py)


@dataclass(frozen=True)
class Evidence:
    """Per ticker, all that its reading is decided by (the module's rules): counts and bounds of its
    evening stamps, which add up over the pieces of a file read in pieces (ingestion/parsed.py),
    so that each ticker is read as the whole file reads it however the file is cut."""
    keys: np.ndarray  # the ticker's key: a code within one read, its name across pieces
    files: np.ndarray  # int64: its file, when several are read as one text (0 else)
    counts: np.ndarray  # (n, 7) int64: its evening stamps on each UTC weekday
    off_quarter: np.ndarray  # int64: those off a quarter hour (a close, not a time zone's midnight)
    off_noon: np.ndarray  # int64: those after noon UTC (at 11:00 to noon: UTC+13's and UTC+12's midnights)
    first: np.ndarray  # float: the first and last day of its evening stamps (the "_east" reading)
    last: np.ndarray
    clock_lo: np.ndarray  # float: the earliest and latest time of day (seconds) of its evening stamps
    clock_hi: np.ndarray
    off_hour: np.ndarray  # int64: those at midday (11:00 to 12:45) off a whole hour (a close, no NZX midnight)

    def merged(self, other: Evidence) -> Evidence:
        """The evidence of both, a ticker in both summed as one (by key: a name across pieces)."""
        keys, at = np.unique(np.concatenate([self.keys, other.keys]), return_inverse=True)
        n = len(keys)

        def summed(a: np.ndarray, b: np.ndarray) -> np.ndarray:
            out = np.zeros((n, *a.shape[1:]), np.int64)
            np.add.at(out, at, np.concatenate([a, b]))
            return out
        def bound(a: np.ndarray, b: np.ndarray, at_most: bool) -> np.ndarray:
            out = np.full(n, np.inf if at_most else -np.inf)
            (np.minimum if at_most else np.maximum).at(out, at, np.concatenate([a, b]))
            return out
        files = np.zeros(n, np.int64)
        files[at] = np.concatenate([self.files, other.files])
        return Evidence(keys, files, summed(self.counts, other.counts), summed(self.off_quarter, other.off_quarter),
                        summed(self.off_noon, other.off_noon), bound(self.first, other.first, True),
                        bound(self.last, other.last, False), bound(self.clock_lo, other.clock_lo, True),
                        bound(self.clock_hi, other.clock_hi, False), summed(self.off_hour, other.off_hour))


class WholeFile:
    """The readings of one file's tickers decided over all its pieces (ingestion/parsed.py reads a
    large file in pieces): a first read of the pieces gathers each one's evidence by ticker name
    (`gathering`), then every piece is read as the whole file decides. Read alone, a piece decided
    by its own rows: a ticker straddling a cut could load a day apart on either side of it, a few
    rows of a US ticker in a piece of ASX rows a day late."""

    def __init__(self, week: TradingWeek, evidence_alone: bool = False):
        self.week = week
        # Whether the gathering read may skip all but the evidence: no piece's rows are looked at
        # (they are, under tables stacked each under its own ticker, whose header lines name the
        # rows' tickers: normalisation reads them from its rejected rows).
        self.evidence_alone = evidence_alone
        self._evidence: Evidence | None = None  # of the pieces read
        self._piece: list[Evidence] = []  # of the piece being read
        self._readings: dict[str, bool] | None = None

    @property
    def gathering(self) -> bool:
        return self._readings is None

    def gather(self, evidence: Evidence) -> None:
        """Evidence of the piece being read: of each ticker of a table of several side by side in turn,
        as normalisation reads each apart (normalise.py), the same order in every piece."""
        self._piece.append(evidence)

    def judged_again(self) -> None:
        """The piece's rows are judged again (a header in another order, tables stacked under their
        own tickers: normalise.py): only the last judgment's evidence counts, once."""
        self._piece.clear()

    def piece_read(self) -> None:
        for k, evidence in enumerate(self._piece):
            # Side by side, each ticker's reading is decided apart, with no other's to follow (4), as
            # read whole: each is a file of its own here.
            evidence = replace(evidence, files=np.full(len(evidence.keys), k, np.int64))
            self._evidence = evidence if self._evidence is None else self._evidence.merged(evidence)
        self._piece.clear()

    def decide(self) -> None:
        """Ends the gathering: each ticker's reading over the evidence of every piece."""
        self.piece_read()
        ev = self._evidence
        self._readings = {} if ev is None else dict(zip(ev.keys.tolist(), reads_east(ev, self.week).tolist()))

    def east_for(self, names: np.ndarray) -> np.ndarray:
        """Per ticker name, whether the whole file reads it as the next days (a name with no evening
        stamp in the whole file has none in a piece either)."""
        return np.array([self._readings.get(name, False) for name in names.tolist()], dtype=bool)


def east_readings(cells: pa.Array, fmt: str | None, read: Parsed, decimal: str = ".",
                  thousands: str | None = None) -> tuple[Parsed, Parsed, np.ndarray] | None:
    """Of a date column of `cells` in format `fmt`, read so (`read`: parse_dates'), its two readings
    and its stamps in whole seconds, as session_days weighs them: the "_east" reading (each stamp the
    next day from the UTC evening on, date_system.EAST_EVENING), the UTC days, and the seconds (NaN
    where none). None for a column of any other format, read as `read` is. Of timestamp text, the
    "_east" reading moves only the cells that say UTC ("2024-01-01T23:00:00Z"): another offset names
    its local day as written."""
    if not stamped_east(fmt):
        return None
    if fmt in EPOCH_EAST_UNITS:
        utc = parse_dates(cells, fmt.removesuffix(EAST), decimal, thousands)
        return read, utc, parse_numbers(cells, decimal, thousands).values // EPOCH_EAST_UNITS[fmt]
    seconds = utc_seconds(cells, fmt)  # `read` is the text as written: its UTC days where it says UTC
    said = np.isfinite(seconds) & np.isfinite(read.values)
    east = np.where(said, np.floor((np.where(said, seconds, 0.0) + _DAY - EAST_EVENING) / _DAY), read.values)
    return Parsed(east, read.missing, read.bad), read, np.where(said, seconds, np.nan)


def session_days(east: Parsed, utc: Parsed, keys: np.ndarray, week: TradingWeek, seconds: np.ndarray,
                 files: np.ndarray | None = None, whole: WholeFile | None = None,
                 names: np.ndarray | None = None) -> Parsed:
    """The dates of `east` (the "_east" reading of an epoch column) or of `utc` (its plain reading),
    chosen per ticker (`keys`: a ticker code per row, one file's apart from another's) under `week`
    as the module's docstring says. `seconds`: the stamps in whole seconds (NaN where none), for the
    clock of a 24-hour market's. `files`: the file of each row when several are read as one text
    (normalisation/group.py), whose tickers take their own file's reading, as read alone. `whole`:
    of a piece of a file, the file's readings (or their gathering), by `names` (each key's ticker)."""
    evening = np.isfinite(east.values) & np.isfinite(utc.values) & (east.values != utc.values)
    if not evening.any():
        return east  # no stamp whose readings differ
    evidence = _evidence(east, utc, keys, seconds, files, evening)
    if whole is None or whole.gathering:
        east_tickers = reads_east(evidence, week)
        if whole is not None:  # this read of the piece is not kept: its evidence is
            whole.gather(replace(evidence, keys=names[evidence.keys].astype(str)))
    else:
        east_tickers = whole.east_for(names[evidence.keys].astype(str))
    if east_tickers.all():
        return east
    rows = np.isin(keys, evidence.keys[~east_tickers])
    return Parsed(np.where(rows, utc.values, east.values), np.where(rows, utc.missing, east.missing),
                  np.where(rows, utc.bad, east.bad))


def _evidence(east: Parsed, utc: Parsed, keys: np.ndarray, seconds: np.ndarray, files: np.ndarray | None,
              evening: np.ndarray) -> Evidence:
    codes, ticker = np.unique(keys[evening], return_inverse=True)
    n = len(codes)
    days = east.values[evening]
    utc_weekday = weekday(days.astype(np.int64) - 1)  # of each evening stamp
    clock = np.nan_to_num(seconds[evening], nan=1.0) % _DAY
    first, last = np.full(n, np.inf), np.full(n, -np.inf)
    np.minimum.at(first, ticker, days)
    np.maximum.at(last, ticker, days)
    clock_lo, clock_hi = np.full(n, np.inf), np.full(n, -np.inf)
    np.minimum.at(clock_lo, ticker, clock)
    np.maximum.at(clock_hi, ticker, clock)
    file_of = np.zeros(n, np.int64) if files is None else files[evening][np.unique(ticker, return_index=True)[1]]
    return Evidence(codes, file_of, np.bincount(ticker * 7 + utc_weekday, minlength=n * 7).reshape(n, 7),
                    np.bincount(ticker, clock % _QUARTER_HOUR != 0, n).astype(np.int64),
                    np.bincount(ticker, clock > _NOON, n).astype(np.int64), first, last, clock_lo, clock_hi,
                    np.bincount(ticker, (clock < _AFTER_MIDDAY) & (clock % _HOUR != 0), n).astype(np.int64))


def reads_east(ev: Evidence, week: TradingWeek) -> np.ndarray:
    """Per ticker of `ev`, whether it reads as the next days under `week` (the module's rules)."""
    counts = ev.counts
    stamped_on = counts > 0
    thursday, friday, saturday, sunday = (stamped_on[:, d] for d in (_THURSDAY, _FRIDAY, _SATURDAY, _SUNDAY))
    # All evening stamps at the clock asked for, but the one a download's last bar may be stamped
    # at its latest trade: one at least on the clock, that last bar alone saying nothing of one (a
    # coin's daily bars at 00:00 UTC and its live bar at the latest trade, a Sunday's 14:37:12, read
    # as Monday's, silently).
    midnight = (ev.off_quarter <= _OFF_CLOCK) & (ev.off_quarter < counts.sum(axis=1))
    # 0. Off a quarter hour an evening stamp is no midnight or open east of UTC but a close
    # (Binance's 23:59:59.999), on its own UTC day, however few its weekdays (a coin listed on a
    # Sunday, a piece's last rows) or its file's other tickers.
    reads_utc = ~midnight
    # 1. A Monday-to-Friday market's, or a Sunday-to-Thursday one's east of UTC. Stamped at midday
    # UTC (11:00 to 12:45) on Sundays to Thursdays, a ticker may be either of two markets: New
    # Zealand's sessions at their midnight (11:00 UTC in summer, 12:00 in winter: the next days) or
    # a Sunday-to-Thursday market's at its close (Tadawul, 12:00 UTC; Egypt, 12:30: their UTC days).
    # On the whole hour the stamps are alike; the week tells: a week that opens on Sunday and closes
    # on Friday is a Gulf market's, whose UTC days they are; under any other NZX's (taken for NZX's,
    # Tadawul's loaded a day late under Sunday to Thursday, its Thursdays rejected as Fridays).
    # Only whole hours are NZX's midnights (UTC+13, UTC+12): midday stamps off them (Egypt's close,
    # 11:30 UTC in summer, 12:30 in winter), but a last bar's, are a close on its own day under any
    # week. Taken for NZX's, under Monday to Friday each Sunday's session loaded on Monday, silently,
    # where its UTC days reject Sunday's as a closed day's.
    midday_close = midnight & (ev.off_hour > _OFF_CLOCK)
    ambiguous = midnight & ~midday_close & sunday & ~friday & ~saturday & (ev.clock_hi < _AFTER_MIDDAY)
    gulf_week = _SUNDAY in week.days and _FRIDAY not in week.days
    reads_east = midnight & ~midday_close & (sunday & ~friday & ~saturday | saturday & ~thursday & ~friday)
    if gulf_week:
        reads_east &= ~ambiguous
    reads_utc |= friday & ~sunday | midday_close | (ambiguous if gulf_week else False)
    # 2. The week's: rows each reading puts on days it closes.
    closed = np.array([d not in week.days for d in range(7)])
    on_closed_utc = counts[:, closed].sum(axis=1)
    on_closed_east = counts[:, np.roll(closed, -1)].sum(axis=1)  # a stamp on day d reads as d + 1
    told = reads_east | reads_utc
    reads_east |= ~told & _clearly_fewer(on_closed_east, on_closed_utc)
    reads_utc |= ~told & _clearly_fewer(on_closed_utc, on_closed_east)
    # 3. A 24-hour market's daily bars stamped at their open; at noon UTC, their UTC days whatever
    # the week, so that no other ticker's reading spills onto them (4).
    both_fit = (on_closed_east == 0) & (on_closed_utc == 0)
    # Noon UTC is UTC+12's midnight (11:00 UTC+13's), no 24-hour venue's: the middle of a UTC day,
    # where a date is put to keep it clear of every time zone's.
    open_stamp = midnight & ~(ev.off_noon <= _OFF_CLOCK)
    every_day = ~(reads_east | reads_utc) & stamped_on.all(axis=1)
    if every_day.any():
        # Stamped on every weekday but far apart: a month's bars on its first day (Yahoo's at New
        # York's open, 13:30 UTC), no 24-hour market's days. Read as before the week decided: their UTC days.
        # Daily bars fill at least half the days they span, a month's or a week's far from it.
        sparse = every_day & ~(2 * counts.sum(axis=1) >= ev.last - ev.first + 1)
        reads_utc |= sparse
        every_day &= ~sparse
    reads_east |= every_day & both_fit & open_stamp
    reads_utc |= every_day & ~open_stamp
    # Under a week that opens both days the readings put bars on (every day), a ticker of weekdays
    # stamped on Friday evenings as often as on Sunday ones has sessions on its own UTC days (New
    # York's opens beside a vendor's Sunday-evening futures open, 23:00 UTC; the New York close
    # beside a Sunday open bar): the next days would put each Friday's on a Saturday, which no
    # exchange but a 24-hour one's (3) trades. It took the detection's reading (4) and loaded a day
    # late. A Friday or so is an exchange's east of UTC stray session (NSE's budget Saturday, 18:30
    # UTC, in a file of one week: one Friday, one Sunday); over weeks it shows clearly fewer Fridays.
    fridays = counts[:, _FRIDAY]
    reads_utc |= ~(reads_east | reads_utc) & both_fit & (fridays > _OFF_CLOCK) & ~_clearly_fewer(fridays,
                                                                                                counts[:, _SUNDAY])
    # 4. The file's: per file when several are read as one text, as each read alone.
    told = reads_east | reads_utc
    file_east = _file_reads_east(ev.files, reads_east, reads_utc, both_fit)
    # A few bars follow another ticker's next days only at its clock time (its exchange's, an hour
    # either way for a clock change): New York's midweek opens (14:30 UTC) beside an ASX ticker's
    # (23:00) are their own days, where the "_east" reading loaded each a day late. Bars of every
    # day at a midnight (24-hour markets', 3) are east of UTC by their own stamps: they follow still.
    few = ~told & ~stamped_on.all(axis=1)
    if (few & file_east & reads_east.any()).any():
        file_east &= ~few | _at_clock_of(ev, reads_east)
    return np.where(told, reads_east, file_east)


def _file_reads_east(file_of: np.ndarray, east: np.ndarray, utc: np.ndarray, no_evidence: np.ndarray) -> np.ndarray:
    """Per ticker, whether its file reads as the next days: when one of its tickers does; when none
    reads either way and none shows anything against the detection's reading (`no_evidence`: both
    readings fit the week; stamps off a midnight read by their UTC days, 0), as detected (its
    sample, perhaps another file's of the layout, showed a weekend evening). Else its UTC days."""
    count = int(file_of.max()) + 1
    of_file = [np.bincount(file_of, flags.astype(np.int64), count) for flags in (east, utc, ~no_evidence)]
    file_east = (of_file[0] > 0) | (of_file[1] == 0) & (of_file[2] == 0)
    return file_east[file_of]


def _at_clock_of(ev: Evidence, leaders: np.ndarray) -> np.ndarray:
    """Per ticker, whether its evening stamps fall within an hour of those of a `leaders` ticker of
    its file, in quarter hours of the evening (time zones are quarter hours apart)."""
    slots = (_DAY - EAST_EVENING) // _QUARTER_HOUR  # 52
    lo = np.clip((np.nan_to_num(ev.clock_lo, posinf=EAST_EVENING) - EAST_EVENING) // _QUARTER_HOUR, 0,
                 slots - 1).astype(np.int64)
    hi = np.clip((np.nan_to_num(ev.clock_hi, neginf=EAST_EVENING) - EAST_EVENING) // _QUARTER_HOUR, 0,
                 slots - 1).astype(np.int64)
    hour = _HOUR // _QUARTER_HOUR
    covered = np.zeros((int(ev.files.max()) + 1, slots + 1), np.int64)  # per file: a difference array of slots
    np.add.at(covered, (ev.files[leaders], np.maximum(lo[leaders] - hour, 0)), 1)
    np.add.at(covered, (ev.files[leaders], np.minimum(hi[leaders] + hour, slots - 1) + 1), -1)
    within = np.cumsum(np.cumsum(covered, axis=1)[:, :slots] > 0, axis=1)  # covered slots up to each
    before_lo = np.where(lo > 0, within[ev.files, np.maximum(lo - 1, 0)], 0)
    # Every slot from its earliest to its latest covered, not one: a few New York opens (14:30 UTC)
    # and a last bar at the download's latest trade (22:37, after hours) are no ASX ticker's clock.
    return within[ev.files, hi] - before_lo == hi - lo + 1


def _clearly_fewer(these: np.ndarray, those: np.ndarray) -> np.ndarray:
    """None against some, or a third fewer: one stray session against two weeks' Sundays too (a run
    of every day, 24-hour markets', holds as many Fridays as Sundays, give or take one, and as many
    Saturdays on both sides: never a third fewer once it spans a week)."""
    return ((these == 0) & (those > 0)) | (3 * these < 2 * those)
