"""Closes a power of ten off their ticker's closes on the dates around them, across files: suspects.

The office's main shape is a file a day with a few tickers each. normalisation/unit_slips.py judges a
ticker's rows within one file, so a day a clerk pasted pence for pounds (5854 among days of 58.54)
has no neighbour there and loads. This pass looks across dates, in the lake: each ticker's closes
in date order, the run's dates and the nearest dates already stored before and after them.

It reuses unit_slips' tests: a run of days whose close stands at about 10^k (k = 1..3) of the days
on BOTH sides, where the two sides agree, is a suspect. A step that stays (a split, a
redenomination, a unit switch kept) has no second side and is never one. Up to MOST_DAYS days (a
clerk's week of pence comes back; a month of 10x and back is a market's, so a tenfold run is
shorter). Never a suspect, as in unit_slips: a run over a gap of more than a week or so (days
missing between are the other days' business), runs side by side, a ticker that elsewhere in the
window moves a good part of the factor in a day (a penny share, a coin), sides too short to be a series.

At the lake's edge (no date stored after the run's last, or before its first) one side is missing: a
hundred- or thousandfold step there may be a slip or a real step and nothing tells yet. It is listed
as `unconfirmed` and does not fail: the run of the next date that comes back names it as a suspect,
under that date (the date whose close revealed it). A slip that never comes back (pence from a date
on, for good) looks like a step and is never found here.

Pure logic, no Dagster: the check in assets/slip_check.py reads the lake and reports what this finds.
Nothing is rejected: a date's rows stay a function of its own files (a rerun of one date must not
depend on which other dates happen to be loaded); the check warns, a person looks.
"""
from __future__ import annotations

from collections import defaultdict
import datetime as dt
from dataclasses import dataclass

import numpy as np
import pyarrow as pa

from backintime_assets.ingestion.accounting import DAY_PROBLEMS, day_proof, failing_first
from backintime_assets.normalisation.unit_slips import (
    AGREE, EPOCH, LEVEL, WORDS, figure, in_band, iso_day, power, within_gaps,
)

# The longest run of days called a suspect, by power of ten: a clerk's week or two of pence comes
# back; a tenfold run is short (a stock can rise tenfold and fall back over weeks).
MOST_DAYS = {1: 5, 2: 10, 3: 10}
# Dates read from the lake on each side of the run: the longest run and a side of as many days again.
WINDOW_DATES = 2 * max(MOST_DAYS.values()) + 5
_EDGE_SIDE = 5  # at the lake's edge, the days the one side must hold to list an unconfirmed step
_BIG = np.log10(7.0)  # no step this large in a ticker's window: nothing to look at (most tickers)


@dataclass(frozen=True)
class Suspect:
    ticker: str
    date: str
    close: float
    before: tuple[str, float]  # the nearest day before the run and its close
    after: tuple[str, float]
    power: int  # signed: +2 is a hundredfold above its sides
    source_file: str
    source_line: int
    reported_on: str  # the run's date it is reported under: its own, or the one whose close revealed it
    confirmed: bool  # False: at the lake's edge, one side only

    @property
    def factor(self) -> str:
        return f"about {WORDS[abs(self.power)]} {'above' if self.power > 0 else 'below'}"

    def as_dict(self) -> dict:
        return {"ticker": self.ticker, "date": self.date, "close": self.close,
                "before": {"date": self.before[0], "close": self.before[1]} if self.before[0] else None,
                "after": {"date": self.after[0], "close": self.after[1]} if self.after[0] else None,
                "factor": self.factor,
                "source_file": self.source_file, "source_line": self.source_line}

    def problem(self) -> str:
        where = f"{self.source_file} line {self.source_line}"
        if not self.confirmed:
            side = self.before if self.before[0] else self.after
            return (f"{self.ticker} {self.date}: close {figure(self.close)} ({where}) is {self.factor} its closes "
                    f"{'before' if self.before[0] else 'after'} it (to {figure(side[1])} on {side[0]}); no date "
                    "on the other side is loaded yet: a unit slip or a real step (a split, a redenomination)")
        revealed = "" if self.reported_on == self.date else f" (loaded earlier; revealed by {self.reported_on})"
        return (f"{self.ticker} {self.date}: close {figure(self.close)} ({where}) is {self.factor} its closes on the "
                f"dates around it ({figure(self.before[1])} on {self.before[0]}, {figure(self.after[1])} on "
                f"{self.after[0]}), which agree: a price in another unit?{revealed}")


def find_slips(rows: pa.Table, run_dates: list[dt.date]) -> list[Suspect]:
    """Suspects among `rows` (columns date, ticker, close, source_file, source_line: the run's dates
    and the lake's dates around them) that concern a date of the run: slipped on it, or revealed by it
    (its close is a side of a run of earlier or later days). Confirmed ones first, then unconfirmed."""
    if rows.num_rows < 3 or not run_dates:
        return []
    close = rows.column("close").to_numpy(zero_copy_only=False).astype(float)
    good = np.isfinite(close) & (close > 0)
    # Days and tickers as numbers: a range run of years holds millions of rows, and Python dates and
    # strings cost seconds there (2,500 dates x 500 tickers: 7 s, now a fraction of it).
    days = rows.column("date").cast(pa.int32()).to_numpy(zero_copy_only=False).astype(np.int64)
    coded = rows.column("ticker").combine_chunks().dictionary_encode()
    tickers = coded.indices.fill_null(-1).to_numpy(zero_copy_only=False).astype(np.int64)
    names = coded.dictionary.to_pylist()
    good &= tickers >= 0
    idx = np.flatnonzero(good)
    if idx.size < 3:
        return []
    # Ticker, then date; of a (ticker, date) held twice (the one-row check fails it) the first is read.
    order = idx[np.lexsort((days[idx], tickers[idx]))]
    key, day, logc = tickers[order], days[order], np.log10(close[order])
    keep = np.r_[True, (key[1:] != key[:-1]) | (day[1:] != day[:-1])]
    order, key, day, logc = order[keep], key[keep], day[keep], logc[keep]
    same = key[1:] == key[:-1]
    big = np.flatnonzero(same & (np.abs(np.diff(logc)) >= _BIG))
    if big.size == 0:
        return []
    in_run = {(d - EPOCH).days for d in run_dates}
    starts = np.flatnonzero(np.r_[True, ~same])
    ends = np.r_[starts[1:], key.size]
    files, lines = rows.column("source_file"), rows.column("source_line")
    found: list[Suspect] = []
    for t in np.unique(np.searchsorted(starts, big, side="right") - 1):
        s = slice(starts[t], ends[t])
        for i, j, k, side_l, side_r, confirmed in _ticker_runs(logc[s], day[s]):
            run_days = [int(x) for x in day[s][i:j + 1]]
            sides = [x for x in (side_l, side_r) if x is not None]
            # Each row under its own date when the run holds it, else under the run's first date of the
            # slipped days, else under a side's date the run holds (a daily run of the day after, or of
            # the day before, loaded late), else under the date that revealed it: the first after it whose
            # close makes it a suspect, when the day after alone is too short a side (a listing's first
            # day, then a slip; a second slip two days after the first). No daily run named those.
            touched = [d for d in run_days if d in in_run] or [
                int(day[s][x]) for x in sides if int(day[s][x]) in in_run]
            if not touched and confirmed and (revealed := _revealed_by(logc[s], day[s], i, j)) in in_run:
                touched = [revealed]
            if not touched:
                continue  # another run's dates: theirs to report
            for x in range(i, j + 1):
                row = int(order[s][x])
                found.append(Suspect(
                    ticker=names[key[s][x]], date=iso_day(day[s][x]), close=float(close[row]),
                    before=_side(day[s], close[order[s]], side_l), after=_side(day[s], close[order[s]], side_r),
                    power=k, source_file=files[row].as_py(), source_line=lines[row].as_py(),
                    reported_on=iso_day(day[s][x] if int(day[s][x]) in in_run else touched[0]), confirmed=confirmed))
    return sorted(found, key=lambda f: (not f.confirmed, f.reported_on, f.ticker, f.date))


def _revealed_by(logc: np.ndarray, day: np.ndarray, i: int, j: int) -> int:
    """The day whose close made the run i..j (a confirmed suspect of the whole series) one: of the
    days after it, the first that, with every day before it, confirms it."""
    for p in range(j + 1, logc.size - 1):
        if any(r[:2] == (i, j) and r[5] for r in _ticker_runs(logc[:p + 1], day[:p + 1])):
            return int(day[p])
    return int(day[-1])


def _ticker_runs(logc: np.ndarray, day: np.ndarray):
    """(first, last, signed power, left side row, right side row, confirmed) of each suspect run of
    one ticker's closes in date order."""
    step = np.diff(logc)
    n = logc.size
    cut = np.flatnonzero(np.abs(step) >= LEVEL) + 1
    first = np.r_[0, cut]
    last = np.r_[cut, n] - 1
    size = last - first + 1
    found: dict[int, tuple] = {}
    for g, (a, b) in enumerate(zip(first, last)):
        m = b - a + 1
        before = power(step[a - 1]) if g > 0 else 0
        after = power(step[b]) if g < len(first) - 1 else 0
        if before and after:
            k = before
            if (after == -k and m <= MOST_DAYS[abs(k)] and size[g - 1] + size[g + 1] >= max(3, m)
                    and abs(logc[b + 1] - logc[a - 1]) <= AGREE
                    and in_band(logc[a:b + 1] - logc[a - 1], k).all()
                    and in_band(logc[a:b + 1] - logc[b + 1], k).all()
                    and within_gaps(day, a - 1, b + 1, k)):
                found[g] = (a, b, k, a - 1, b + 1, True)
        elif before and g == len(first) - 1 and abs(before) >= 2:
            if m <= MOST_DAYS[abs(before)] and size[g - 1] >= _EDGE_SIDE and within_gaps(day, a - 1, b, before) \
                    and in_band(logc[a:b + 1] - logc[a - 1], before).all():
                found[g] = (a, b, before, a - 1, None, False)
        elif after and g == 0 and abs(after) >= 2:
            if m <= MOST_DAYS[abs(after)] and size[1] >= _EDGE_SIDE and within_gaps(day, a, b + 1, after) \
                    and in_band(logc[a:b + 1] - logc[b + 1], -after).all():
                found[g] = (a, b, -after, None, b + 1, False)
    # Runs side by side: each is the other's side, and which holds the unit is anyone's guess. An edge's
    # step beside a run that came back is that run's return (a week of pence, then today's pounds).
    came_back = {g for g, v in found.items() if v[5]}
    found = {g: v for g, v in found.items()
             if not {g - 1, g + 1} & (came_back if g in came_back else set(found))}
    # A ticker that elsewhere moves a good part of the factor in a day (a penny share, a coin): a move
    # of the factor is its own. Dropping a run gives its steps back to "elsewhere". Elsewhere is the
    # WINDOW_DATES days each side of the run, what a daily run reads: a range run holds the ticker's
    # whole range, and one 2.5x day in March hid a tenfold slip in November there, found day by day.
    while found:
        mine = set()
        for g in found:
            mine.update(i for i in (first[g] - 1, last[g]) if 0 <= i < n - 1)
        wild = np.abs(step)
        wild[sorted(mine)] = 0.0
        keep = {g: v for g, v in found.items()
                if wild[max(0, first[g] - 1 - WINDOW_DATES):last[g] + 1 + WINDOW_DATES].max(initial=0.0)
                < 0.3 * abs(v[2])}
        if len(keep) == len(found):
            break
        found = keep
    return list(found.values())


def _side(day: np.ndarray, close: np.ndarray, i: int | None) -> tuple[str, float]:
    return ("", 0.0) if i is None else (iso_day(day[i]), float(close[i]))


def slips_by_day(suspects: list[Suspect], dates: list[dt.date], rows_per_day: dict[str, int]) -> list[dict]:
    """Per date of the run: passed unless a confirmed suspect is reported under it; its suspects
    (named up to DAY_PROBLEMS) and unconfirmed steps. Failing days first, like the other checks."""
    reported: dict[str, list[Suspect]] = defaultdict(list)
    for suspect in suspects:
        reported[suspect.reported_on].append(suspect)
    return failing_first([
        day_proof(day, [s.problem() for s in reported[day.isoformat()] if s.confirmed],
                  rows=rows_per_day.get(day.isoformat(), 0),
                  unconfirmed=[s.problem() for s in reported[day.isoformat()] if not s.confirmed][:DAY_PROBLEMS])
        for day in sorted(set(dates))])
