"""The collision policy between files, applied to parsed rows in Arrow.

Two files may hold the same (date, ticker): a re-export that corrects an older file, or two desks
exporting the same listing. One row is kept:
- the row from the most recently modified file wins (lowest `priority`); ties go to the file path,
  then the line, that sorts first;
- except that a winner without a volume (NULL: a close-only source, a blank cell) yields to the
  first row after it of another file with the same sector and prices and a volume (a written 0
  too; rows of one file keep their first, as its normaliser does): a copy of the same listing with
  its volume dropped or blank says nothing the full row does not, and keeping it had lost the volume
  for no other value's sake. A close-only feed is such a copy only on a day whose bar is flat: its
  open, high and low are filled from the close, and beside a full bar that differs it still wins;
- and a winner whose volume is another file's row's in thousands (or millions: every price alike,
  the volume that file writes divided by 1,000 to the rounding of the winner's) yields to that row: a
  desk's re-export "in thousands" that says so nowhere reads as shares, and as the most recent file
  it won with every volume 1,000 times too small. The one in full says all the other does;
- every other row is rejected: "duplicate of FILE:LINE" when all its values equal the winner's
  (two NULL volumes are equal; a NULL volume beside the winner's known one is too: it claims no
  other), "duplicate of FILE:LINE, its volume in thousands" (or millions) when its volume is the
  winner's so, "conflict: superseded by FILE:LINE" when any differs.
Rows repeated inside one file are settled earlier, by the normaliser (rules.check_duplicates).
"""
from __future__ import annotations

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

VALUE_COLUMNS = ["sector", "open", "high", "low", "close", "adj_close", "volume"]
SETTLE_ORDER = [("date", "ascending"), ("ticker", "ascending"), ("priority", "ascending"),
                ("source_file", "ascending"), ("source_line", "ascending")]
SETTLED_COLUMNS = ["date", "ticker", *VALUE_COLUMNS, "source_file", "source_line", "priority"]
LOSERS = pa.schema([
    ("date", pa.date32()), ("source_file", pa.string()), ("source_line", pa.int64()),
    ("raw", pa.string()), ("reason", pa.string()),
])


def settle(loaded: pa.Table, among: np.ndarray | None = None) -> tuple[pa.Table, pa.Table]:
    """(winners sorted by date and ticker, losers as rejected rows with their reasons).

    `loaded` needs date, ticker, priority, source_file, source_line and VALUE_COLUMNS; the
    winners hold those columns only (sorting moves every column it is given). `among`: which of
    the rows are the loaded rows to settle (all when None); the others are left out by the
    sort's take rather than by a filter before it, a copy of every row."""
    loaded = loaded.select(SETTLED_COLUMNS)
    if loaded.num_rows:
        order = np.asarray(pc.sort_indices(loaded, sort_keys=SETTLE_ORDER))
        if among is not None and not among.all():
            order = order[among[order]]  # a stable sort: the rows settled keep the order they sort in alone
        ordered = loaded.take(order)
    else:
        ordered = loaded
    repeat = _repeats_previous_key(ordered)
    if not repeat.any():
        return ordered, LOSERS.empty_table()
    rows = np.arange(ordered.num_rows)
    # Each row's group starts at the last non-repeat at or before it; that first row is the winner.
    winner_of = np.maximum.accumulate(np.where(repeat, 0, rows))
    loser_rows = np.flatnonzero(repeat)
    ordered = _volume_known_first(ordered, winner_of, loser_rows)
    ordered = _volume_in_full_first(ordered, winner_of, loser_rows)
    losers = ordered.take(loser_rows)
    winners_of_losers = ordered.take(winner_of[loser_rows])
    identical = _all_equal(losers, winners_of_losers, VALUE_COLUMNS)
    winner_ref = pc.binary_join_element_wise(
        winners_of_losers["source_file"], pc.cast(winners_of_losers["source_line"], pa.string()), ":")
    reason = pc.if_else(
        pa.array(identical),
        pc.binary_join_element_wise("duplicate of ", winner_ref, ""),
        pc.binary_join_element_wise("conflict: superseded by ", winner_ref, ""),
    )
    scaled = np.where(identical, 0, _in_thousands(losers, winners_of_losers))
    if scaled.any():  # a copy in thousands: the same bar, its volume in another unit
        for power, unit in _UNITS.items():
            reason = pc.if_else(pa.array(scaled == power), pc.binary_join_element_wise(
                "duplicate of ", winner_ref, f", its volume in {unit}", ""), reason)
    raw = pc.binary_join_element_wise(
        *[pc.cast(losers[c], pa.string()) for c in ("date", "ticker", *VALUE_COLUMNS)], ",",
        null_handling="replace", null_replacement="",
    )
    rejected = pa.Table.from_arrays(
        [losers["date"], losers["source_file"], losers["source_line"], raw, reason], schema=LOSERS)
    return ordered.filter(pa.array(~repeat)), rejected


def _repeats_previous_key(ordered: pa.Table) -> np.ndarray:
    """True where a row has the same (date, ticker) as the row before it."""
    n = ordered.num_rows
    repeat = np.zeros(n, dtype=bool)
    if n > 1:
        same = pc.and_(_equal_to_previous(ordered["date"]), _equal_to_previous(ordered["ticker"]))
        repeat[1:] = np.asarray(pc.fill_null(same, False), dtype=bool)
    return repeat


def _equal_to_previous(column: pa.ChunkedArray) -> pa.ChunkedArray:
    return pc.equal(column.slice(1), column.slice(0, len(column) - 1))


_PRICE_COLUMNS = [c for c in VALUE_COLUMNS if c != "volume"]


def _volume_known_first(ordered: pa.Table, winner_of: np.ndarray, loser_rows: np.ndarray) -> pa.Table:
    """`ordered` with each group's winner that has no volume swapped with the first of its losers
    from another file that agrees on every other value and has one (the groups keep their rows and
    places)."""
    winner_rows = winner_of[loser_rows]
    volume = ordered["volume"]
    unknown = np.asarray(pc.is_null(volume), dtype=bool)
    candidate = unknown[winner_rows] & ~unknown[loser_rows]
    if not candidate.any():  # most collisions: both rows have a volume, or neither
        return ordered
    winner_rows, loser_rows = winner_rows[candidate], loser_rows[candidate]
    losers, winners = ordered.take(loser_rows), ordered.take(winner_rows)
    agree = _all_equal(losers, winners, _PRICE_COLUMNS)
    # Another file's row only: a row repeated in two pieces of one large file (ingestion/parsed.py)
    # settles here too, and must keep the row the file read whole keeps (its first: a later one
    # with a volume is a "conflicting duplicate" there), whatever the size of the pieces.
    agree &= np.asarray(pc.not_equal(losers["source_file"], winners["source_file"]), dtype=bool)
    return _first_swapped(ordered, winner_rows[agree], loser_rows[agree])


def _first_swapped(ordered: pa.Table, winner_rows: np.ndarray, loser_rows: np.ndarray) -> pa.Table:
    """`ordered` with each of `winner_rows` swapped with the first of its `loser_rows`."""
    if len(winner_rows) == 0:
        return ordered
    # Losers are in the settle order: the first of each group is the most recent file's.
    first = np.unique(winner_rows, return_index=True)[1]
    order = np.arange(ordered.num_rows)
    order[winner_rows[first]], order[loser_rows[first]] = loser_rows[first], winner_rows[first]
    return ordered.take(order)


_UNITS = {1: "thousands", 2: "millions"}  # powers of 1,000 a volume is written in, unsaid


def _volume_in_full_first(ordered: pa.Table, winner_of: np.ndarray, loser_rows: np.ndarray) -> pa.Table:
    """`ordered` with each group's winner whose volume is in thousands (or millions) of another file's
    row of every price alike (_in_thousands) swapped with the one of those whose volume is largest (groups
    keep their places)."""
    winner_rows = winner_of[loser_rows]
    volume = pc.fill_null(ordered["volume"], 0.0).to_numpy(zero_copy_only=False)
    # The loser's volume at least 1,000 times the winner's: most collisions have none such, and go.
    candidate = (volume[loser_rows] >= 500 * volume[winner_rows]) & (volume[winner_rows] > 0)
    if not candidate.any():
        return ordered
    winner_rows, loser_rows = winner_rows[candidate], loser_rows[candidate]
    fuller = _in_thousands(ordered.take(winner_rows), ordered.take(loser_rows)) > 0
    winner_rows, loser_rows = winner_rows[fuller], loser_rows[fuller]
    # The fullest first (a stable sort: of equal ones, the most recent file's): beside a copy in millions
    # and one in thousands, the first had won, its volume still 1,000 times too small.
    fullest = np.argsort(-volume[loser_rows], kind="stable")
    return _first_swapped(ordered, winner_rows[fullest], loser_rows[fullest])


def _in_thousands(a: pa.Table, b: pa.Table) -> np.ndarray:
    """Per row: the power of 1,000 (1, 2) that `a`'s volume is `b`'s in, where every price is alike
    and a's volume is b's divided by it, to a's rounding (a whole number, or the decimals it writes); 0
    elsewhere. Rows of one file are left out (0): a file's unit is one."""
    x = pc.fill_null(a["volume"], 0.0).to_numpy(zero_copy_only=False)
    y = pc.fill_null(b["volume"], 0.0).to_numpy(zero_copy_only=False)
    power = np.zeros(len(x), dtype=np.int64)
    # A figure in thousands rounds half a thousand up: 635 shares are written 1 (y from 500).
    rows = np.flatnonzero((x > 0) & (y >= 500 * x) & (y >= 500))
    if len(rows) == 0:  # most collisions: volumes alike, or another count
        return power
    at = pa.array(rows)
    alike = _all_equal(a.take(at), b.take(at), _PRICE_COLUMNS) & np.asarray(
        pc.not_equal(a["source_file"].take(at), b["source_file"].take(at)), dtype=bool)
    x, y = x[rows], y[rows]
    step = 10.0 ** -_decimals(x)  # a's figure rounded to the unit: within half its last written digit
    for k in _UNITS:
        scale = 1000.0 ** k
        found = alike & (y >= scale / 2) & (np.abs(x - y / scale) <= step / 2 + 1e-9 * y / scale)
        power[rows] = np.where((power[rows] == 0) & found, k, power[rows])
    return power


def _decimals(x: np.ndarray) -> np.ndarray:
    """How many decimals each (non-negative) figure writes, up to 6."""
    out = np.full(len(x), 6, dtype=np.int64)
    for d in range(6, -1, -1):  # the fewest that write it whole
        scaled = x * 10.0 ** d
        out = np.where(np.abs(scaled - np.round(scaled)) <= 1e-9 * scaled + 1e-9, d, out)
    return out


def _all_equal(a: pa.Table, b: pa.Table, columns: list[str]) -> np.ndarray:
    """Row-wise equality over `columns`, where two nulls count as equal, and so does a NULL volume
    of `a` (the losers) beside a volume of `b`: a source that gives none claims none."""
    equal = np.ones(a.num_rows, dtype=bool)
    for c in columns:
        x, y = a[c], b[c]
        both_null = pc.is_null(x) if c == "volume" else pc.and_(pc.is_null(x), pc.is_null(y))
        same = pc.or_(pc.fill_null(pc.equal(x, y), False), both_null)
        equal &= np.asarray(same, dtype=bool)
    return equal
