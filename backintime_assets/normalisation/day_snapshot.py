"""A daily file's newest row stamped within its day: a price taken that day, not the day's.

Exports that stamp each day's value at midnight ("2017-12-03 0:00", "2017-12-03 00:00:00 UTC", an
epoch at 00:00 UTC) write the day being exported at the moment of the export instead: CoinDesk's
"Date,Close Price" ends "2017-12-04 14:52,11420.5", the price at 14:52 of a day not yet closed. Read
by its day, it had loaded as 4 December's close, silently. Only the newest row of a ticker is such
a snapshot (an export is taken once, at its end), and only where the ticker's other rows are at
midnight: a file stamped at the close ("16:00") writes a half-day session's close at 13:00, a real
close; a file of plain dates with one time written is a hand-kept log's, left as it is.
"""
from __future__ import annotations

from collections.abc import Callable

import numpy as np

from .rules import Reasons

# Rows before the newest that must all be stamped at midnight: a few rows tell no file's clock.
_LEAST_BEFORE = 5
# The rows before the newest read for their clock: a daily file's last weeks say how it stamps
# its days; reading every row's time would cost a whole column's parse on every timed file.
_READ_BEFORE = 20
_MINUTE_MS = 60_000
# A stamp in the day's last minute ("23:59:59", CoinMarketCap's timeClose) marks the day's end: its close.
_LAST_MINUTE_MS = (23 * 60 + 59) * _MINUTE_MS

SNAPSHOT = ("a price taken within its day, not the day's: stamped {at} where this ticker's other rows are stamped"
            " at midnight")


def check_day_snapshot(r: Reasons, ticker_codes: np.ndarray, days: np.ndarray,
                       clock: Callable[[np.ndarray], np.ndarray]) -> None:
    """Among rows still accepted: each ticker's newest row, alone on its date, stamped at a time of
    day other than midnight (`clock(rows)`: the millisecond of the day each row writes, -1 for
    none) where the ticker's rows before it (_READ_BEFORE of them, at least _LEAST_BEFORE) are all
    stamped at midnight, is rejected: the export's own moment, not the day's close."""
    ok = np.flatnonzero(r.ok)
    if ok.size <= _LEAST_BEFORE:
        return
    # The rows the clock is asked of, found first: where none is stamped within its day (plain dates,
    # midnights), no row can be rejected and the sort of every row below is not paid; where one is,
    # the rule runs as it always did.
    every = ok.size == days.size  # no row rejected yet: the columns as they are, not a copy
    newest = _newest_alone(ticker_codes if every else ticker_codes[ok], days if every else days[ok])
    if newest is not None:
        if not newest.size:
            return
        at = clock(newest if every else ok[newest])
        if not ((at > 0) & (at < _LAST_MINUTE_MS)).any():
            return
    rows = ok[np.lexsort((days[ok], ticker_codes[ok]))]
    codes, dates = ticker_codes[rows], days[rows]
    ends = np.flatnonzero(np.r_[codes[1:] != codes[:-1], True])
    starts = np.r_[0, ends[:-1] + 1]
    # The newest row of each ticker with enough rows before it, none of them of its date (a date
    # at several times is bars or a correction: rules.check_intraday's and check_duplicates').
    enough = ends - starts >= _LEAST_BEFORE
    alone = np.zeros(ends.size, dtype=bool)
    alone[enough] = dates[ends[enough]] != dates[ends[enough] - 1]
    asked = ends[alone]
    if not asked.size:
        return
    at = clock(rows[asked])
    timed = (at > 0) & (at < _LAST_MINUTE_MS)
    if not timed.any():
        return
    # The rows before each timed newest one, all read by one call (a file of many tickers).
    picks, at = asked[timed], at[timed]
    first = np.maximum(starts[np.searchsorted(ends, picks)], picks - _READ_BEFORE)
    counts = picks - first
    offsets = np.arange(counts.sum()) - np.repeat(np.cumsum(counts) - counts, counts)
    before = clock(rows[np.repeat(first, counts) + offsets])
    off_midnight = np.bincount(np.repeat(np.arange(picks.size), counts), weights=before != 0,
                               minlength=picks.size)
    for k, ms in zip(picks[off_midnight == 0], at[off_midnight == 0]):
        hour, minute = divmod(int(ms) // _MINUTE_MS, 60)
        r.set_rows(rows[[k]], np.array([SNAPSHOT.format(at=f"{hour:02d}:{minute:02d}")], dtype=object))


def _newest_alone(codes: np.ndarray, days: np.ndarray) -> np.ndarray | None:
    """Of each ticker (`codes`) with more than _LEAST_BEFORE rows, its newest row where it is alone on its
    date: the rows check_day_snapshot asks the clock of, found without sorting (a sort of every row
    cost ~25 ms a million rows of every text-dated file, most of them with no time to read). None
    where the codes are too sparse to count by (a group of many files' tickers)."""
    low, high = codes.min(), codes.max()
    if low == high:  # one ticker: a file's common case
        at = np.flatnonzero(days == days.max())
        return at if codes.size > _LEAST_BEFORE and at.size == 1 else at[:0]
    if low < 0 or high >= 2 * codes.size + 1024:
        return None
    size = int(high) + 1
    rows = np.bincount(codes, minlength=size)
    newest = np.full(size, np.iinfo(np.int64).min, dtype=np.int64)
    np.maximum.at(newest, codes, days)
    on_newest = days == newest[codes]
    alone = (rows > _LEAST_BEFORE) & (np.bincount(codes[on_newest], minlength=size) == 1)
    return np.flatnonzero(on_newest & alone[codes])
