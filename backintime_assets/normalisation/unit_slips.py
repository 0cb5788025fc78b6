"""Rows a power of ten off their own series within one file: a unit slip, rejected with a reason.

Sources slip units on a few rows: Yahoo's London histories carry odd days in pounds among days in
pence (a hundredfold drop for a day or a few, then back), a Chinese source opens a file with three
rows on another basis (~1172 before ~10.48). Loaded, a backtest reads a -99% day and a +9900% day.

Judged per ticker within one file, on the rows no other rule rejected, in date order: a run of at
most three rows whose close stands at about 10^k (k = 1..3: within x0.7-x1.4 of ten, x0.5-x2 of a
hundred or a thousand) of the rows on BOTH sides, where the two sides agree, is rejected. A step that
stays (a split, a redenomination, a unit switch of more than three rows) has no second side and loads. Never called a
slip: a run beside a side too short to be a series, runs side by side (which is the unit?), a run
over a gap (a month's 10x and back is a market), a series that elsewhere moves a good part of the
factor in a day (a penny share, a coin: its 10x is no slip), a tenfold run whose open, high or low
stays with the sides (a day's spike).

At a file's edge there is one side: three rows before 27 that agree may be a slip or a redenomination
or split on the fourth day; the file cannot tell. A hundred- or thousandfold run beside a long side
is rejected, loud, its reason naming both readings: loaded, a slip is a silent misread; rejected, a
real step's first days are lost loudly, and load once the file holds more of them. Not a tenfold one
(a biotech's -90% day on a trial is real and stays), nor one whose volume moves the other way by the
factor (a split's shares). A large file read in pieces (ingestion/parsed.py) has an edge at each cut.

A folder of daily files, one day each, gives no ticker a neighbour within a file: this rule sees
nothing there, and no pass across files is made here (a day's file is read alone, on purpose).
"""
from __future__ import annotations

import datetime as dt

import numpy as np

PRICES = ("open", "high", "low", "close", "adj_close")
MOST_ROWS = 3  # the longest run called a slip: longer, it is a step that stays a while
# Of the factor: 1172 over 10.48 is 112, a hundredfold. Wider from a hundredfold on: a run of cents
# among dollars beside a real +50% day (0.80, 120.00, 101.00, 0.975) is 150 times its side, and no
# market moves fifty times and back within days; a tenfold run must be nearer ten (a coin can).
_BAND = {1: (np.log10(0.7), np.log10(1.4)), 2: (np.log10(0.5), np.log10(2.0)), 3: (np.log10(0.5), np.log10(2.0))}
AGREE = np.log10(1.4)  # the two sides of a run, one series
LEVEL = np.log10(2.0)  # a price moving less than this in a row's step is the same level
_FAR = 7.0  # no step this large in a file: nothing to look at (most files)
# Calendar days between a run and its sides: daily rows over a long weekend, weekly bars (Yahoo's
# weekly London bars slip most) for a hundredfold; a tenfold is judged among daily rows only.
GAP_DAYS = {1: 6, 2: 10, 3: 10}
_EDGE_SIDE = 5  # at a file's edge, the rows the other side must hold (and three times the run's)
WORDS = {1: "tenfold", 2: "a hundredfold", 3: "a thousandfold"}
# An edge is a file's, or a cut where a large file is read in pieces (ingestion/parsed.py): a piece is
# judged alone, and "the file holds no day after" was false there, sending a reader to a day the file holds.
_UNREAD = "(the file holds none, or a large file read in pieces holds it in the piece {})"
EPOCH = dt.date(1970, 1, 1)


def unit_slips(keys: np.ndarray, days: np.ndarray, values: dict[str, np.ndarray], volume: np.ndarray,
               ok: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(rows, reasons) of the slips among the `ok` rows: `keys` a ticker within a file per row,
    `days` its day number, `values` its prices (every one of PRICES, filled where the file has none),
    `volume` NaN where not written."""
    none = (np.zeros(0, np.int64), np.zeros(0, dtype=object))
    if ok.sum() < 3:
        return none
    idx = None if ok.all() else np.flatnonzero(ok)  # most files: every row, taken as they lie
    close, day, key = (values["close"], days, keys) if idx is None else (values["close"][idx], days[idx], keys[idx])
    # Most files end here, unsorted: one day's list (no row has a neighbour), or closes all within 7x.
    if day.min() == day.max() or close.max() < close.min() * _FAR:
        return none
    order = _in_date_order(key, day)
    if order is not None:
        close, key = close[order], key[order]
    same = key[1:] == key[:-1]
    ratio = close[1:] / close[:-1]
    big = np.flatnonzero(same & ((ratio >= _FAR) | (ratio * _FAR <= 1)))
    if big.size == 0:
        return none
    rows = np.arange(ok.size) if idx is None else idx
    if order is not None:
        rows = rows[order]
    starts = np.flatnonzero(np.r_[True, ~same])
    ends = np.r_[starts[1:], rows.size]
    found_rows, found_reasons = [], []
    for t in np.unique(np.searchsorted(starts, big, side="right") - 1):  # the tickers with such a step
        for r, why in _series_slips(rows[starts[t]:ends[t]], days, values, volume):
            found_rows.append(r)
            found_reasons.append(why)
    if not found_rows:
        return none
    return np.array(found_rows, np.int64), np.array(found_reasons, dtype=object)


def _in_date_order(keys: np.ndarray, days: np.ndarray) -> np.ndarray | None:
    """The order that puts rows by ticker, then date (None: as they lie). Files come ticker by ticker
    or day by day, each already in order: a large file's sort cost more than the rest of this pass."""
    by_key = keys[1:] >= keys[:-1]
    by_day = days[1:] >= days[:-1]
    if by_key.all() and ((keys[1:] != keys[:-1]) | by_day).all():
        return None
    if by_day.all():
        return np.argsort(keys, kind="stable")
    return np.lexsort((days, keys))


def _series_slips(rows: np.ndarray, days: np.ndarray, values: dict[str, np.ndarray],
                  volume: np.ndarray) -> list[tuple[int, str]]:
    """One ticker's rows in date order: (row, reason) of each slipped row."""
    logv = {c: np.log10(values[c][rows]) for c in PRICES}
    logc, day = logv["close"], days[rows]
    step = np.diff(logc)
    n = rows.size
    # Levels: runs of rows whose steps stay under 2x.
    cut = np.flatnonzero(np.abs(step) >= LEVEL) + 1
    first = np.r_[0, cut]
    last = np.r_[cut, n] - 1
    found: dict[int, tuple[int, str, int]] = {}  # level -> (signed power, where, rows of the side read)
    for g, (a, b) in enumerate(zip(first, last)):
        m = b - a + 1
        if m > MOST_ROWS:
            continue
        before = g > 0 and power(step[a - 1])
        after = g < len(first) - 1 and power(step[b])
        if before and after:
            k = before
            if after != -k or not _interior(a, b, first, last, g, logv, day, k):
                continue
            found[g] = (k, "between", 0)
        elif before and g == len(first) - 1 and abs(before) >= 2:
            k, side = before, last[g - 1] - first[g - 1] + 1
            if _at_edge(a, b, side, a - 1, logv, day, k, volume[rows], back=True):
                found[g] = (k, "end", side)
        elif after and g == 0 and abs(after) >= 2:
            k, side = -after, last[1] - first[1] + 1
            if _at_edge(a, b, side, b + 1, logv, day, k, volume[rows], back=False):
                found[g] = (k, "start", side)
    # Runs side by side: each is the other's side, and which holds the unit is anyone's guess.
    found = {g: v for g, v in found.items() if g - 1 not in found and g + 1 not in found}
    # A series that elsewhere moves a good part of the factor in a day (a penny share, a coin):
    # a move of the factor is its own. Dropping a run gives its steps back to "elsewhere".
    while found:
        mine = set()
        for g in found:
            mine.update(i for i in (first[g] - 1, last[g]) if 0 <= i < n - 1)
        others = np.abs(np.delete(step, sorted(mine)))
        wildest = others.max() if others.size else 0.0
        keep = {g: v for g, v in found.items() if wildest < 0.3 * abs(v[0])}
        if len(keep) == len(found):
            break
        found = keep
    out = []
    for g, (k, where, side) in found.items():
        a, b = first[g], last[g]
        for i in range(a, b + 1):
            out.append((int(rows[i]), _reason(values["close"][rows], day, i, a, b, side, k, where)))
    return out


def power(step: float) -> int:
    """The signed power of ten a step of log10 `step` is within the band of, or 0."""
    k = int(np.rint(step))
    if not 1 <= abs(k) <= 3:
        return 0
    return k if _BAND[abs(k)][0] <= step - k <= _BAND[abs(k)][1] else 0


def in_band(x: np.ndarray, k: int) -> np.ndarray:
    lo, hi = _BAND[abs(k)]
    return (x - k >= lo) & (x - k <= hi)


def _columns_slipped(logv: dict[str, np.ndarray], run: slice, side: int, k: int, whole: bool) -> bool:
    """Every run row's close at the factor of the side row's; each other price at it too or, unless
    `whole`, at the side's level (a bar whose open and low stayed in pence beside a close in pounds is
    no market's bar either). Whole for a tenfold run (a day's spike has its open with its neighbours)
    and at an edge (a split's adjusted close stays with the other side)."""
    if not in_band(logv["close"][run] - logv["close"][side], k).all():
        return False
    for c in PRICES:
        off = logv[c][run] - logv[c][side]
        fits = in_band(off, k) if whole else in_band(off, k) | (np.abs(off) <= LEVEL)
        if not fits.all():
            return False
    return True


def within_gaps(day: np.ndarray, a: int, b: int, k: int) -> bool:
    """Rows a..b (days since EPOCH) follow one another within the gap a slip of 10**k may span."""
    return bool((np.diff(day[a:b + 1]) <= GAP_DAYS[abs(k)]).all())


def _interior(a: int, b: int, first: np.ndarray, last: np.ndarray, g: int, logv: dict[str, np.ndarray],
              day: np.ndarray, k: int) -> bool:
    left, right = a - 1, b + 1
    m = b - a + 1
    sides = (last[g - 1] - first[g - 1] + 1) + (last[g + 1] - first[g + 1] + 1)
    return (sides >= max(3, 2 * m)
            and abs(logv["close"][right] - logv["close"][left]) <= AGREE
            and within_gaps(day, left, right, k)
            and _columns_slipped(logv, slice(a, b + 1), left, k, abs(k) == 1)
            and _columns_slipped(logv, slice(a, b + 1), right, k, abs(k) == 1))


def _at_edge(a: int, b: int, side_rows: int, side: int, logv: dict[str, np.ndarray], day: np.ndarray, k: int,
             volume: np.ndarray, back: bool) -> bool:
    m = b - a + 1
    if side_rows < max(_EDGE_SIDE, 3 * m):
        return False
    lo, hi = (side, b) if back else (a, side)
    if not (within_gaps(day, lo, hi, k) and _columns_slipped(logv, slice(a, b + 1), side, k, True)):
        return False
    # A split's shares move the other way by its factor: the turnover stays, a slip's does not.
    others = volume[side - _EDGE_SIDE + 1:side + 1] if back else volume[side:side + _EDGE_SIDE]
    run = volume[a:b + 1]
    if np.isfinite(run).all() and np.isfinite(others).all() and (run > 0).all() and (others > 0).all():
        moved = np.log10(np.median(run) / np.median(others))
        if abs(moved + k) <= 0.5:
            return False
    return True


def _reason(close: np.ndarray, day: np.ndarray, i: int, a: int, b: int, side: int, k: int, where: str) -> str:
    how = f"close {figure(close[i])} is about {WORDS[abs(k)]} {'above' if k > 0 else 'below'}"
    if where == "between":
        return (f"unit slip: {how} this ticker's closes on the days around it ({figure(close[a - 1])} on "
                f"{iso_day(day[a - 1])}, {figure(close[b + 1])} on {iso_day(day[b + 1])}), which agree: a price in "
                "another unit (pounds for pence, dollars for cents), not a move")
    if where == "start":
        return (f"unit slip at the file's start: {how} this ticker's {side} closes after it (from "
                f"{figure(close[b + 1])} on {iso_day(day[b + 1])}), which agree; a split or a redenomination on "
                f"{iso_day(day[b + 1])} would look the same, and no day before is read with these rows to tell "
                f"{_UNREAD.format('before')}")
    return (f"unit slip at the file's end: {how} this ticker's {side} closes before it (to {figure(close[a - 1])} "
            f"on {iso_day(day[a - 1])}), which agree; a split or a redenomination on {iso_day(day[a])} would look "
            f"the same, and no day after is read with these rows to tell {_UNREAD.format('after')}")


def figure(x: float) -> str:
    return f"{x:.10g}"


def iso_day(day: int) -> str:
    return (EPOCH + dt.timedelta(days=int(day))).isoformat()
