"""Which day each ticker of an "_east" epoch column's bars stands for, under the trading week.

Detection marks an epoch column "_east" when its stamps may be daily bars stamped the evening before
their session, east of UTC (detection/epoch_days.py): it saw a sample of the file and does not know
the week (BACKINTIME_TRADING_WEEK), which may change after it is stored. Here, with every row and
the week, a ticker's evening stamps read either as their UTC days or as the next days (the "_east"
reading), the first of these that tells:
0. a ticker stamped off a quarter hour (but its last bar) is stamped at a close, not at a midnight
   or an open east of UTC (time zones are quarter hours from UTC): its UTC days (Binance's close
   time, 23:59:59.999, of a coin listed on a Sunday, five bars that look like an ASX week).
1. a week of Monday to Friday sessions, as most exchanges trade, whatever the deployment's week: a
   ticker stamped on Sunday evenings and never on a Friday or Saturday evening is an exchange's
   east of UTC (an ASX session at its open, 23:00 UTC the day before): the next days. One stamped
   on Friday evenings and never on a Sunday evening is stamped on its own day (New York's open,
   14:30 UTC): its UTC days. So is a week of Sunday to Thursday sessions east of UTC: stamped on
   Saturday evenings, never on a Thursday or Friday evening (Tadawul at Riyadh's midnight, 21:00
   UTC): the next days. (A Sunday-to-Thursday market stamped in the UTC evening of its own day
   shows the ASX's weekdays; no exchange stamps so, and it reads as the ASX does.)
2. the week: the reading that puts none of them on a day the week closes, where the other puts
   some there, or clearly fewer (a third fewer), where both do: an NSE ticker's special Saturday
   session does not turn its weeks a day early, even in a file of two weeks.
3. under a week both readings fit (every day: crypto), a ticker stamped on every day of the week at
   a time zone's midnight (an evening time on a quarter hour) reads as the next days: a 24-hour
   market's daily bar is stamped at its open, and an evening open is a midnight east of UTC (OKX's
   Hong Kong days, 16:00 UTC). Noon UTC is no 24-hour market's midnight, and a month's bars on its
   first day (every weekday, far apart) no daily bars: their UTC days, under any week, so no other
   ticker's reading (4) moves them.
4. else (a few midweek bars; every day of the week at a midnight under Monday to Friday) the
   file's: the next days when another of its tickers reads so; when none reads either way and all
   fit the week, the detection's (a file of a few midweek bars borrows the schema of its layout,
   whose sample showed the weekend evenings); else the UTC days, as a plain epoch column's.
Rows a reading puts on a closed day are rejected with that day named (rules.check_trade_days).
"""
from __future__ import annotations

import numpy as np

from backintime_assets.detection.date_system import weekday
from backintime_assets.trading_week import TradingWeek

from .parse import Parsed

_DAY, _NOON = 86400, 43200
_THURSDAY, _FRIDAY, _SATURDAY, _SUNDAY = 3, 4, 5, 6
_QUARTER_HOUR = 900  # time zones are whole quarter hours from UTC, so are their midnights
_OFF_CLOCK = 1  # a download's last bar may be stamped at its latest trade (detection/epoch_days.py)


def session_days(east: Parsed, utc: Parsed, keys: np.ndarray, week: TradingWeek, seconds: np.ndarray,
                 files: np.ndarray | None = None) -> Parsed:
    """The dates of `east` (the "_east" reading of an epoch column) or of `utc` (its plain reading),
    chosen per ticker (`keys`: a ticker code per row, one file's apart from another's) under `week`
    as the module's docstring says. `seconds`: the stamps in whole seconds (NaN where none), for the
    clock of a 24-hour market's. `files`: the file of each row when several are read as one text
    (normalisation/group.py), whose tickers take their own file's reading, as read alone."""
    evening = np.isfinite(east.values) & np.isfinite(utc.values) & (east.values != utc.values)
    if not evening.any():
        return east  # no stamp whose readings differ
    codes, ticker = np.unique(keys[evening], return_inverse=True)
    n = len(codes)
    utc_weekday = weekday(east.values[evening].astype(np.int64) - 1)  # of each evening stamp
    # Per ticker, its evening stamps on each UTC weekday.
    counts = np.bincount(ticker * 7 + utc_weekday, minlength=n * 7).reshape(n, 7)
    stamped_on = counts > 0
    thursday, friday, saturday, sunday = (stamped_on[:, d] for d in (_THURSDAY, _FRIDAY, _SATURDAY, _SUNDAY))
    clock = np.nan_to_num(seconds[evening], nan=1.0) % _DAY
    midnight = _on_clock(ticker, n, clock % _QUARTER_HOUR == 0)
    # 0. Off a quarter hour an evening stamp is no midnight or open east of UTC but a close
    # (Binance's 23:59:59.999), on its own UTC day, however few its weekdays (a coin listed on a
    # Sunday, a piece's last rows) or its file's other tickers.
    reads_utc = ~midnight
    # 1. A Monday-to-Friday market's, or a Sunday-to-Thursday one's east of UTC.
    reads_east = midnight & (sunday & ~friday & ~saturday | saturday & ~thursday & ~friday)
    reads_utc |= friday & ~sunday
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
    # Noon UTC is UTC+12's midnight, no 24-hour venue's: the middle of a UTC day, where a date is
    # put to keep it clear of every time zone's.
    open_stamp = midnight & ~_on_clock(ticker, n, clock == _NOON)
    every_day = ~(reads_east | reads_utc) & stamped_on.all(axis=1)
    if every_day.any():
        # Stamped on every weekday but far apart: a month's bars on its first day (Yahoo's at New
        # York's open, 13:30 UTC), no 24-hour market's days. Read as before the week decided: their UTC days.
        sparse = every_day & ~_daily(ticker, n, east.values[evening])
        reads_utc |= sparse
        every_day &= ~sparse
    reads_east |= every_day & both_fit & open_stamp
    reads_utc |= every_day & ~open_stamp
    # 4. The file's: per file when several are read as one text, as each read alone.
    file_of = np.zeros(n, np.int64) if files is None else files[evening][np.unique(ticker, return_index=True)[1]]
    told = reads_east | reads_utc
    east_tickers = np.where(told, reads_east, _file_reads_east(file_of, reads_east, reads_utc, both_fit))
    if east_tickers.all():
        return east
    rows = np.isin(keys, codes[~east_tickers])
    return Parsed(np.where(rows, utc.values, east.values), np.where(rows, utc.missing, east.missing),
                  np.where(rows, utc.bad, east.bad))


def _file_reads_east(file_of: np.ndarray, east: np.ndarray, utc: np.ndarray, no_evidence: np.ndarray) -> np.ndarray:
    """Per ticker, whether its file reads as the next days: when one of its tickers does; when none
    reads either way and none shows anything against the detection's reading (`no_evidence`: both
    readings fit the week; stamps off a midnight read by their UTC days, 0), as detected (its
    sample, perhaps another file's of the layout, showed a weekend evening). Else its UTC days."""
    count = int(file_of.max()) + 1
    of_file = [np.bincount(file_of, flags.astype(np.int64), count) for flags in (east, utc, ~no_evidence)]
    file_east = (of_file[0] > 0) | (of_file[1] == 0) & (of_file[2] == 0)
    return file_east[file_of]


def _clearly_fewer(these: np.ndarray, those: np.ndarray) -> np.ndarray:
    """None against some, or a third fewer: one stray session against two weeks' Sundays too (a run
    of every day, 24-hour markets', holds as many Fridays as Sundays, give or take one, and as many
    Saturdays on both sides: never a third fewer once it spans a week)."""
    return ((these == 0) & (those > 0)) | (3 * these < 2 * those)


def _on_clock(ticker: np.ndarray, n: int, on: np.ndarray) -> np.ndarray:
    """Per ticker: whether its evening stamps (`on`: whether each is at the clock asked for) are all
    at it, but the one a download's last bar may be stamped at its latest trade."""
    return np.bincount(ticker, ~on, n) <= _OFF_CLOCK


def _daily(ticker: np.ndarray, n: int, days: np.ndarray) -> np.ndarray:
    """Per ticker: whether its stamps (`days`, one a row) fill at least half the days they span, as
    daily bars do, a month's or a week's far from it."""
    first, last = np.full(n, np.inf), np.full(n, -np.inf)
    np.minimum.at(first, ticker, days)
    np.maximum.at(last, ticker, days)
    return 2 * np.bincount(ticker, minlength=n) >= last - first + 1
