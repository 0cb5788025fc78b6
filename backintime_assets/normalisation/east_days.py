"""Which day each ticker of an "_east" epoch column's bars stands for, under the trading week.

Detection marks an epoch column "_east" when its stamps may be daily bars stamped the evening before
their session, east of UTC (detection/epoch_days.py): it saw a sample of the file and does not know
the week (BACKINTIME_TRADING_WEEK), which may change after it is stored. Here, with every row and
the week, a ticker's evening stamps read either as their UTC days or as the next days (the "_east"
reading), the first of these that tells:
1. a week of Monday to Friday sessions, as most exchanges trade, whatever the deployment's week: a
   ticker stamped on Sunday evenings and never on a Friday or Saturday evening is an exchange's
   east of UTC (an ASX session at its open, 23:00 UTC the day before): the next days. One stamped
   on Friday evenings and never on a Sunday evening is stamped on its own day (New York's open,
   14:30 UTC): its UTC days. So is a week of Sunday to Thursday sessions east of UTC: stamped on
   Saturday evenings, never on a Thursday or Friday evening (Tadawul at Riyadh's midnight, 21:00
   UTC): the next days. (A Sunday-to-Thursday market stamped in the UTC evening of its own day
   shows the ASX's weekdays; no exchange stamps so, and it reads as the ASX does.)
2. the week: the reading that puts none of them on a day the week closes, where the other puts
   some there, or clearly fewer (a third fewer, and more than a stray day's), where both do: an ASX
   ticker's make-up Saturday session does not turn its weeks a day early.
3. under a week both readings fit (every day: crypto), a ticker stamped on every day of the week at
   a time zone's midnight (an evening time on a quarter hour) reads as the next days: a 24-hour
   market's daily bar is stamped at its open, and an evening open is a midnight east of UTC (OKX's
   Hong Kong days, 16:00 UTC). A close stamp (Binance's 23:59:59.999) is no midnight: its UTC days.
4. else (a few midweek bars; every day of the week under Monday to Friday) the file's: the next days
   when another of its tickers reads so; when none reads either way and all fit the week at a
   midnight's clock, the detection's (a file of a few midweek bars borrows the schema of its layout,
   whose sample showed the weekend evenings); else the UTC days, as a plain epoch column's.
Rows a reading puts on a closed day are rejected with that day named (rules.check_trade_days).
"""
from __future__ import annotations

import numpy as np

from backintime_assets.detection.date_system import weekday
from backintime_assets.trading_week import TradingWeek

from .parse import Parsed

_DAY = 86400
_THURSDAY, _FRIDAY, _SATURDAY, _SUNDAY = 3, 4, 5, 6
_QUARTER_HOUR = 900  # time zones are whole quarter hours from UTC, so are their midnights
_OFF_CLOCK = 1  # a download's last bar may be stamped at its latest trade (detection/epoch_days.py)
_STRAY = 2  # a run of every day holds as many Fridays as Sundays, give or take one


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
    # 1. A Monday-to-Friday market's, or a Sunday-to-Thursday one's east of UTC.
    reads_east = sunday & ~friday & ~saturday | saturday & ~thursday & ~friday
    reads_utc = friday & ~sunday
    # 2. The week's: rows each reading puts on days it closes.
    closed = np.array([d not in week.days for d in range(7)])
    on_closed_utc = counts[:, closed].sum(axis=1)
    on_closed_east = counts[:, np.roll(closed, -1)].sum(axis=1)  # a stamp on day d reads as d + 1
    told = reads_east | reads_utc
    reads_east |= ~told & _clearly_fewer(on_closed_east, on_closed_utc)
    reads_utc |= ~told & _clearly_fewer(on_closed_utc, on_closed_east)
    # 3. A 24-hour market's daily bars stamped at their open.
    both_fit = (on_closed_east == 0) & (on_closed_utc == 0)
    midnight = _at_midnight(ticker, n, seconds[evening])
    reads_east |= ~(reads_east | reads_utc) & both_fit & stamped_on.all(axis=1) & midnight
    # 4. The file's: per file when several are read as one text, as each read alone.
    file_of = np.zeros(n, np.int64) if files is None else files[evening][np.unique(ticker, return_index=True)[1]]
    east_tickers = np.where(reads_east | reads_utc, reads_east, _file_reads_east(file_of, reads_east, reads_utc,
                                                                              both_fit & midnight))
    if east_tickers.all():
        return east
    rows = np.isin(keys, codes[~east_tickers])
    return Parsed(np.where(rows, utc.values, east.values), np.where(rows, utc.missing, east.missing),
                  np.where(rows, utc.bad, east.bad))


def _file_reads_east(file_of: np.ndarray, east: np.ndarray, utc: np.ndarray, no_evidence: np.ndarray) -> np.ndarray:
    """Per ticker, whether its file reads as the next days: when one of its tickers does; when none
    reads either way and none shows anything against the detection's reading (`no_evidence`: both
    readings fit the week, the stamps at a midnight), as detected (its sample, perhaps another
    file's of the layout, showed a weekend evening). Else its UTC days."""
    count = int(file_of.max()) + 1
    of_file = [np.bincount(file_of, flags.astype(np.int64), count) for flags in (east, utc, ~no_evidence)]
    file_east = (of_file[0] > 0) | (of_file[1] == 0) & (of_file[2] == 0)
    return file_east[file_of]


def _clearly_fewer(these: np.ndarray, those: np.ndarray) -> np.ndarray:
    """None against some, or a third fewer and by more than a stray day's."""
    return ((these == 0) & (those > 0)) | ((3 * these < 2 * those) & (those - these >= _STRAY))


def _at_midnight(ticker: np.ndarray, n: int, seconds: np.ndarray) -> np.ndarray:
    """Per ticker: whether its evening stamps (but the one a download's last bar may be) are at a
    time zone's midnight (a quarter hour)."""
    clock = np.nan_to_num(seconds, nan=1.0) % _DAY
    return np.bincount(ticker, clock % _QUARTER_HOUR != 0, n) <= _OFF_CLOCK
