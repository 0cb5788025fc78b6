"""Rows that add up the others: an index or totals line in a day's list of securities.

NSE's market-watch download (MW-NIFTY-200-01-Mar-2022.csv) opens with the index itself
("NIFTY 200,8512.45,...,1448839322,...") above its 200 constituents, and its volume is theirs
added up. Named like any symbol and priced like one, it loaded as a security. What gives it away
is its volume: the sum of the other rows' of its day, which no one security's is.

Not by itself: volumes written in round lots (100, 500, 1,000) make a day's busiest of a handful
of securities the others' sum now and then (a six-ticker history of round lots had it on one day
in thirty). A total stands where a table puts totals, above or below the rows it adds up, and an
index's volume is its constituents' on every day it is listed; a security's matches by chance,
anywhere among them and on a day here and there."""

from __future__ import annotations

import re

import numpy as np

from .rules import Reasons

# Fewer rows leave the sum to chance: two securities may trade the same volume, and in round lots
# the busiest of six or eight is the others' sum on a day in a hundred (an index has its 30, 50 or
# 200 constituents; a totals line of a shorter table is left to load).
_MIN_OTHERS = 10
# Exactly the sum, to the share (volumes are whole numbers, read as floats): within a few tenths
# of a percent, a day's busiest security among 18 or 19 others matched the rest by chance.
_TOLERANCE = 0.5
# Fractional volumes (a coin's 0.0213, loaded as written since session 22) are exactly the sum too,
# to the float's error: half a unit would take a day of a dozen coins each under a tenth for a
# total. A whole-share sum differs by a share or more, or by nothing, so this changes none of them.
_RELATIVE = 1e-9
REASON = "aggregate line: its volume is the sum of the other {n} rows' of its day (an index or a total, not a security)"


def check_aggregate_rows(r: Reasons, days: np.ndarray, volume: np.ndarray,
                         tickers: np.ndarray | None = None) -> None:
    """Reject, per day (`days`: a key per row, rows in the file's order), the row whose volume
    equals the sum of the volumes of the day's other rows still open (at least _MIN_OTHERS of
    them trading), if it is the first or last open row of its day and its ticker (`tickers`: a
    code per row) is such a row on every day it has that many others.

    Rows without a volume (NaN: not given) are left out of the day, as those of 0 are: neither is
    judged, and the others' sum is of the volumes known. A total of a day with unknown volumes then
    matches none (left loaded, as any row that is no sum); a sum only chance matches needs the same
    _MIN_OTHERS known rows as a day of all its volumes."""
    rows = np.flatnonzero(r.ok & (volume > 0))  # NaN compares False: unknown volumes are left out
    if rows.size <= _MIN_OTHERS:
        return
    listed = days[rows]
    first_day = listed.min()
    if first_day == listed.max():
        # A day's list, the usual file: only its busiest row can be the others' sum.
        listed_volume = volume[rows]
        if not _sums_the_others(listed_volume.max(), listed_volume.sum()):
            return
    elif _none_by_runs(listed, volume[rows]):
        return
    key = listed - first_day
    if key.max() > 4 * rows.size:  # keys too spread to count by: number the days instead
        key = np.unique(key, return_inverse=True)[1].ravel()
    v = volume[rows].astype(np.float64)
    count = np.bincount(key)
    total = np.bincount(key, weights=v)
    # A row that is half its day's total is the sum of the others: one pass, no sorting.
    counted = count[key] > _MIN_OTHERS
    hit = counted & _sums_the_others(v, total[key])
    if not hit.any():
        return
    hit &= _at_an_end(r, days, rows)
    if tickers is not None and hit.any():
        hit &= ~_missed(tickers[rows], counted, hit, _at_the_edges(r, days, rows))
    for i in np.flatnonzero(hit):
        mask = np.zeros(r.ok.size, dtype=bool)
        mask[rows[i]] = True
        r.set(mask, REASON.format(n=int(count[key[i]]) - 1))


def _sums_the_others(volume, total):
    """Whether `volume` (one row's, or an array of them) is the sum of the others of its `total`."""
    return np.abs(2 * volume - total) <= np.minimum(_TOLERANCE, _RELATIVE * total)


def _none_by_runs(listed: np.ndarray, listed_volume: np.ndarray) -> bool:
    """True when no day can hold an aggregate, told from runs of rows of one day: day lists read as
    a group (keyed per file) and histories sorted by date hold each day in one run, where only the
    run's busiest row can be the others' sum. False when runs are short (a history sorted by
    ticker) or a day is in several: then the days are counted whole."""
    starts = np.concatenate(([0], np.flatnonzero(listed[1:] != listed[:-1]) + 1))
    if starts.size * (_MIN_OTHERS + 1) > listed.size or np.unique(listed[starts]).size != starts.size:
        return False
    sizes = np.diff(np.append(starts, listed.size))
    busiest = np.maximum.reduceat(listed_volume, starts)
    totals = np.add.reduceat(listed_volume, starts)
    return not ((sizes > _MIN_OTHERS) & _sums_the_others(busiest, totals)).any()


def _at_an_end(r: Reasons, days: np.ndarray, rows: np.ndarray) -> np.ndarray:
    """Per row of `rows`: whether it is the first or the last open row of its day (rare: run on hits)."""
    open_rows = np.flatnonzero(r.ok)
    order, inverse = np.unique(days[open_rows], return_inverse=True)
    inverse = inverse.ravel()
    first = np.full(order.size, open_rows.size, dtype=np.int64)
    last = np.full(order.size, -1, dtype=np.int64)
    np.minimum.at(first, inverse, open_rows)
    np.maximum.at(last, inverse, open_rows)
    day = np.searchsorted(order, days[rows])
    return (rows == first[day]) | (rows == last[day])


def _missed(tickers: np.ndarray, counted: np.ndarray, hit: np.ndarray, edge: np.ndarray) -> np.ndarray:
    """Per row: whether its ticker fails to sum the others on a day it has that many others, so is
    a security. A large file read in pieces (ingestion/parsed.py) is cut at any line: the first and
    last day of a piece may hold only some of a day's rows, and an index missing there would load
    on every day of its piece, read whole rejected on all. Those days count against a ticker only
    if no other day shows it summing the others (a history of two or three days is all edges)."""
    inner = counted & ~edge
    missed = np.isin(tickers, np.unique(tickers[inner & ~hit]))
    proven = np.isin(tickers, np.unique(tickers[inner & hit]))
    return missed | (np.isin(tickers, np.unique(tickers[counted & edge & ~hit])) & ~proven)


def _at_the_edges(r: Reasons, days: np.ndarray, rows: np.ndarray) -> np.ndarray:
    """Per row of `rows`: whether its day is that of the first or the last open row read."""
    open_rows = np.flatnonzero(r.ok)
    return (days[rows] == days[open_rows[0]]) | (days[rows] == days[open_rows[-1]])


# A totals label leading a row's name ("Subtotal Energy", "Sub-total: Tech", "Total", "Grand Total
# Equities", "Zwischensumme Energie"): a holdings list's or a day's list's sum of the rows above it,
# named by its group. The label is no proof: "Total SE", "TOTAL" are shares, "Subtotal Inc" could be
# one. Such a row is a total only where a figure of it adds up the rows above (_labelled_sum); then it
# had loaded as a share named SUBTOTAL ENERGY. Not "TotalEnergies", "Totalbank": a word of its own.
_TOTALS_LEAD = re.compile(r"^\s*(?:(?:grand|sub|sous)[-\s]?)?totale?s?(?![^\W\d_])|^\s*(?:zwischen)?summe(?![^\W\d_])"
                          r"|^\s*gesamt(?![^\W\d_])|^\s*subtotaal(?![^\W\d_])", re.I)
TOTALS_ROW = "a totals row, not a share: its {figure} adds up the {n} rows above it"
# Each value is written rounded (prices to the cent at most, most often): its share of a sum's slack.
_ROUNDING = 0.005


def check_labelled_sums(r: Reasons, words: np.ndarray, codes: np.ndarray, days: np.ndarray,
                        figures: dict[str, np.ndarray]) -> None:
    """Reject a row whose ticker leads with a totals label (_TOTALS_LEAD) where one of its `figures`
    (per row: the close, the volume) is the sum of the rows of its day (`days`, rows in the file's
    order) above it: of those since the last such row of the day (a subtotal), or of all of them that
    are not one (a grand total). Asked only of files whose tickers hold such a label, judged once per
    distinct ticker; the rows are then looked at per labelled row."""
    try:
        joined = "\n".join(words)
    except TypeError:
        joined = "\n".join(w for w in words if isinstance(w, str))
    upper = joined.upper()
    if "TOTA" not in upper and "SUMME" not in upper and "GESAMT" not in upper:
        return
    led = np.fromiter((isinstance(w, str) and bool(_TOTALS_LEAD.match(w)) for w in words), dtype=bool,
                      count=len(words))
    if not led.any():
        return
    labelled = led[codes]
    order = np.argsort(days, kind="stable")  # each day's rows together, in the file's order
    day = days[order]
    starts = np.searchsorted(day, day, side="left")
    totals = np.zeros(r.ok.size, dtype=bool)  # the labelled rows found totals so far ("Total SE" is none)
    found: dict[int, tuple[str, int]] = {}
    tried: dict[int, int] = {}  # per labelled ticker: its rows asked, and (below) those that added up
    added: dict[int, int] = {}
    for k in np.flatnonzero(labelled[order]):
        i = int(order[k])
        code = int(codes[i])
        if not r.ok[i] or _a_share(tried.get(code, 0), added.get(code, 0)):
            continue
        group = order[starts[k]:k]  # the rows of its day above it
        if group.size < 2:
            continue
        tried[code] = tried.get(code, 0) + 1
        marks = totals[group]
        since = group[np.flatnonzero(marks)[-1] + 1:] if marks.any() else group
        if (sum_of := _labelled_sum(i, (since, group[~marks]), figures)) is not None:
            totals[i], found[i] = True, sum_of
            added[code] = added.get(code, 0) + 1
    for i, (figure, n) in found.items():
        # A ticker is one thing: a share named "TOTAL" whose close matched the day's other two by
        # chance on a few of its thousands of days had lost those days as totals rows.
        if added[int(codes[i])] >= _TOTALS_DAYS * tried[int(codes[i])]:
            mask = np.zeros(r.ok.size, dtype=bool)
            mask[i] = True
            r.set(mask, TOTALS_ROW.format(figure=figure, n=n))


_TOTALS_DAYS = 0.5  # of a labelled ticker's rows asked, the share that must add up the rows above them
_TOTALS_TRIED = 32  # asked this many rows of a labelled ticker, most adding up nothing: a share, asked no more


def _a_share(tried: int, added: int) -> bool:
    return tried >= _TOTALS_TRIED and added < _TOTALS_DAYS * tried


def _labelled_sum(i: int, spans: tuple[np.ndarray, ...], figures: dict[str, np.ndarray]) -> tuple[str, int] | None:
    """(the figure, how many rows it adds up) where row i's figure is the sum of one of `spans`' rows'."""
    for name, v in figures.items():
        total = v[i]
        if not np.isfinite(total) or total == 0:
            continue
        for rows in spans:
            values = v[rows]
            values = values[np.isfinite(values)]
            if values.size >= 2 and abs(values.sum() - total) <= _ROUNDING * (values.size + 1) + 1e-9 * abs(total):
                return name, int(values.size)
    return None
