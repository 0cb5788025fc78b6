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
- and a winner that is another file's row in another price unit (every price 100 times the other's:
  pence beside pounds, cents beside dollars; price_units.py) yields to it where that file holds more
  days (a winner that is a daily archive's day of several tickers excepted: its series is the archive)
  or as many and more of the ticker's rows settled together: as the most recent file a copy in pence of
  the last weeks had put them among the history's pounds, 100 times too high. The one in the series'
  unit says all;
- every other row is rejected: "duplicate of FILE:LINE" when all its values equal the winner's
  (two NULL volumes are equal; a NULL volume beside the winner's known one is too: it claims no
  other), "duplicate of FILE:LINE, its volume in thousands" (or millions) when its volume is the
  winner's so, "duplicate of FILE:LINE, its prices in hundredths (pence, cents) of that one's unit"
  (or "in the unit that one's are hundredths of") when its prices are, "conflict: superseded by
  FILE:LINE (WHY)" when any differs, WHY the rule that chose the winner: "a more recently modified
  file", "a file modified at the same time, its path sorting first", "the file's first row of the day"
  (a large file read in pieces), or an older file's row a newer copy yielded to (above).
Rows repeated inside one file are settled earlier, by the normaliser (rules.check_duplicates).
"""
from __future__ import annotations

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from .price_units import closes_apart, hundredths
from .price_units import decimals as _decimals

VALUE_COLUMNS = ["sector", "open", "high", "low", "close", "adj_close", "volume"]
SETTLE_ORDER = [("date", "ascending"), ("ticker", "ascending"), ("priority", "ascending"),
                ("source_file", "ascending"), ("source_line", "ascending")]
SETTLED_COLUMNS = ["date", "ticker", *VALUE_COLUMNS, "source_file", "source_line", "priority"]
LOSERS = pa.schema([
    ("date", pa.date32()), ("source_file", pa.string()), ("source_line", pa.int64()),
    ("raw", pa.string()), ("reason", pa.string()),
])


def settle(loaded: pa.Table, among: np.ndarray | None = None,
           file_days: dict[str, int] | None = None) -> tuple[pa.Table, pa.Table]:
    """(winners sorted by date and ticker, losers as rejected rows with their reasons).

    `loaded` needs date, ticker, priority, source_file, source_line and VALUE_COLUMNS; the
    winners hold those columns only (sorting moves every column it is given). `among`: which of
    the rows are the loaded rows to settle (all when None); the others are left out by the
    sort's take rather than by a filter before it, a copy of every row. `file_days`: how many days
    each file holds in the whole run (the rows settled here may be some of them), for a bar in two
    price units (_series_unit_first)."""
    loaded = loaded.select(SETTLED_COLUMNS)
    keyed = _keyed_order(loaded, among) if loaded.num_rows else None
    if keyed is not None and keyed[1]:  # no two rows of a (date, ticker): nothing collides
        return loaded.take(keyed[0]), LOSERS.empty_table()
    if keyed is not None:
        ordered = loaded.take(keyed[0])
    elif loaded.num_rows:
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
    ordered = _series_unit_first(ordered, winner_of, loser_rows, file_days or {})
    losers = ordered.take(loser_rows)
    winners_of_losers = ordered.take(winner_of[loser_rows])
    identical = _all_equal(losers, winners_of_losers, VALUE_COLUMNS)
    winner_ref = pc.binary_join_element_wise(
        winners_of_losers["source_file"], pc.cast(winners_of_losers["source_line"], pa.string()), ":")
    reason = pc.if_else(
        pa.array(identical),
        pc.binary_join_element_wise("duplicate of ", winner_ref, ""),
        pc.binary_join_element_wise("conflict: superseded by ", winner_ref, " (", _why(losers, winners_of_losers), ""),
    )
    scaled = np.where(identical, 0, _in_thousands(losers, winners_of_losers))
    if scaled.any():  # a copy in thousands: the same bar, its volume in another unit
        for power, unit in _UNITS.items():
            reason = pc.if_else(pa.array(scaled == power), pc.binary_join_element_wise(
                "duplicate of ", winner_ref, f", its volume in {unit}", ""), reason)
    unit = np.where(identical | (scaled > 0), 0, hundredths(losers, winners_of_losers))
    if unit.any():  # the same bar in pence beside pounds (cents beside dollars)
        for sign, words in ((1, "in hundredths (pence, cents) of that one's unit"),
                            (-1, "in the unit that one's are hundredths of")):
            reason = pc.if_else(pa.array(unit == sign), pc.binary_join_element_wise(
                "duplicate of ", winner_ref, f", its prices {words}", ""), reason)
    raw = pc.binary_join_element_wise(
        *[pc.cast(losers[c], pa.string()) for c in ("date", "ticker", *VALUE_COLUMNS)], ",",
        null_handling="replace", null_replacement="",
    )
    rejected = pa.Table.from_arrays(
        [losers["date"], losers["source_file"], losers["source_line"], raw, reason], schema=LOSERS)
    return ordered.filter(pa.array(~repeat)), rejected


# Why a conflict's winner won, the policy's words: two sources that disagree (a split-adjusted history
# beside the raw one, a copy in another currency, two funds under one browser name) are settled by the
# files' ages, and the row rejected says so, for whoever decides otherwise to know what to change.
_NEWER = "a more recently modified file)"
_SAME_AGE = "a file modified at the same time, its path sorting first)"
_SAME_FILE = "the file's first row of the day)"
_YIELDED = ("an older file's row, to which a newer copy of the bar yields: its volume known or in full, "
            "its prices in the series' unit)")
_WHYS = pa.array([_NEWER, _SAME_AGE, _SAME_FILE, _YIELDED], pa.string())


def _why(losers: pa.Table, winners: pa.Table) -> pa.Array:
    """Per loser: why its winner won (the words that close a conflict's reason)."""
    lp, wp = (np.asarray(t["priority"], dtype=np.int64) for t in (losers, winners))
    lf, wf = losers["source_file"], winners["source_file"]
    same_file = np.asarray(pc.equal(lf, wf), dtype=bool)
    # A winner the settle order put after the loser got there by a yield (swaps are between files):
    # of one age too, where its path sorts after the loser's, it did not win by its path.
    yielded = (wp > lp) | ((wp == lp) & np.asarray(pc.greater(wf, lf), dtype=bool))
    which = np.where(yielded, 3, np.where(wp < lp, 0, np.where(same_file, 2, 1)))
    return _WHYS.take(pa.array(which.astype(np.int8)))


def recency_priorities(modified_at: list) -> list[int]:
    """Each file's priority (lower wins a collision) from its modification time: 0 the most recent,
    files modified at the same time sharing one, for the settle order to take the path sorting first
    and a conflict's reason to say so (an upload's second-resolution times tie often); a rank apiece
    had said "a more recently modified file" of a file no newer."""
    rank = {m: i for i, m in enumerate(sorted(set(modified_at), reverse=True))}
    return [rank[m] for m in modified_at]


def _keyed_order(loaded: pa.Table, among: np.ndarray | None) -> tuple[np.ndarray, bool] | None:
    """(the settle order of the rows `among` (all when None), whether no two of them share a (date,
    ticker)) where none lacks either; None otherwise, for the sort of every key. One whole number a row
    (the day, then the ticker's rank among the tickers) orders the rows as SETTLE_ORDER's first two
    keys do: where no two share one it decides the order alone (a clean bucket, the usual case), else
    it stands for those two in a sort of the rest. Comparing the tickers' strings in a sort of every
    row, and again for repeats, cost several times this."""
    # Every row settled (a clean bucket): the rows' own arrays, not copies of them through `rows`.
    every = among is None or bool(among.all())
    rows = np.arange(loaded.num_rows) if every else np.flatnonzero(among)
    if rows.size == 0:
        return None
    encoded = pc.dictionary_encode(loaded["ticker"].combine_chunks())
    words = encoded.dictionary
    rank = np.empty(len(words) + 1, dtype=np.int64)
    rank[np.asarray(pc.sort_indices(words), dtype=np.int64)] = np.arange(len(words))
    rank[-1] = -1  # a missing ticker
    codes = np.asarray(pc.fill_null(encoded.indices, len(words)), dtype=np.int64)
    days = loaded["date"].cast(pa.int32())
    if days.null_count:
        if np.asarray(pc.is_null(days), dtype=bool)[rows].any():
            return None
        days = pc.fill_null(days, 0)  # on rows not settled
    ticker_rank = rank[codes if every else codes[rows]]
    if (ticker_rank < 0).any():
        return None
    day_numbers = np.asarray(days, dtype=np.int64)
    key = (day_numbers if every else day_numbers[rows]) * (len(words) + 1) + ticker_rank
    order = np.argsort(key, kind="stable")
    ordered_keys = key[order]
    if not (ordered_keys[1:] == ordered_keys[:-1]).any():
        return (order if every else rows[order]), True
    # Rows of one key: the rest of SETTLE_ORDER orders them (a stable sort, as of every row, then
    # the rows settled taken in the order they sort in: rows equal in every key keep theirs).
    rest = pa.table({"key": key, **{name: loaded[name].take(rows) for name, _ in SETTLE_ORDER[2:]}})
    order = np.asarray(pc.sort_indices(rest, sort_keys=[("key", "ascending"), *SETTLE_ORDER[2:]]))
    return rows[order], False


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
    # A winner's 0 as well, beside a volume: a small count in thousands rounds to 0 (_in_thousands).
    candidate = (volume[loser_rows] >= 500 * volume[winner_rows]) & (volume[loser_rows] > 0)
    if not candidate.any():
        return ordered
    winner_rows, loser_rows = winner_rows[candidate], loser_rows[candidate]
    fuller = _in_thousands(ordered.take(winner_rows), ordered.take(loser_rows)) > 0
    winner_rows, loser_rows = winner_rows[fuller], loser_rows[fuller]
    # The fullest first (a stable sort: of equal ones, the most recent file's): beside a copy in millions
    # and one in thousands, the first had won, its volume still 1,000 times too small.
    fullest = np.argsort(-volume[loser_rows], kind="stable")
    return _first_swapped(ordered, winner_rows[fullest], loser_rows[fullest])


def _series_unit_first(ordered: pa.Table, winner_of: np.ndarray, loser_rows: np.ndarray,
                       file_days: dict[str, int]) -> pa.Table:
    """`ordered` with each group's winner that is a loser's bar in another price unit (pence beside
    pounds: price_units.hundredths) swapped with that loser where the loser's file holds more days
    (`file_days`, the run's), or as many and more of the ticker's rows settled here: the unit the
    series is in (groups keep their places), unless the winner's is a day of a daily archive. A copy of
    the last weeks in pence had won as the newest."""
    winner_rows = winner_of[loser_rows]
    close = ordered["close"]
    candidate = closes_apart(close.take(pa.array(loser_rows)), close.take(pa.array(winner_rows)))
    if not candidate.any():  # most collisions: alike, or a correction
        return ordered
    winner_rows, loser_rows = winner_rows[candidate], loser_rows[candidate]
    copies = hundredths(ordered.take(pa.array(loser_rows)), ordered.take(pa.array(winner_rows))) != 0
    if not copies.any():
        return ordered
    winner_rows, loser_rows = winner_rows[copies], loser_rows[copies]
    keys = pc.binary_join_element_wise(ordered["ticker"], ordered["source_file"], "\x00")
    counted = pc.value_counts(keys)
    counts = counted.field("counts").to_numpy(zero_copy_only=False)

    def rows_of(at: np.ndarray) -> np.ndarray:
        return counts[np.asarray(pc.index_in(keys.take(pa.array(at)), value_set=counted.field("values")))]

    files = ordered["source_file"]
    days_l, days_w = ([file_days.get(f, 0) for f in files.take(pa.array(at)).to_pylist()]
                      for at in (loser_rows, winner_rows))  # unit copies only: few
    days_l, days_w = np.asarray(days_l), np.asarray(days_w)
    more = (days_l > days_w) | ((days_l == days_w) & (rows_of(loser_rows) > rows_of(winner_rows)))
    # A file of one day that lists several tickers is a day of a daily archive: its series is its
    # siblings', not its one day, and an older download of weeks in pence had won over it by its days.
    per_file = pc.value_counts(files)
    file_rows = per_file.field("counts").to_numpy(zero_copy_only=False)[np.asarray(
        pc.index_in(files.take(pa.array(winner_rows)), value_set=per_file.field("values")))]
    more &= ~((days_w == 1) & (file_rows > 1))
    return _first_swapped(ordered, winner_rows[more], loser_rows[more])


def _in_thousands(a: pa.Table, b: pa.Table) -> np.ndarray:
    """Per row: the power of 1,000 (1, 2) that `a`'s volume is `b`'s in, where every price is alike
    and a's volume is b's divided by it, to a's rounding (a whole number, or the decimals it writes); 0
    elsewhere. Rows of one file are left out (0): a file's unit is one. A volume of 0 beside a count
    under half the unit is one in that unit too (120 shares in thousands are written 0) where another
    row of the same two files shows it: alone, a 0 may be a desk's word for no count."""
    x = pc.fill_null(a["volume"], 0.0).to_numpy(zero_copy_only=False)
    y = pc.fill_null(b["volume"], 0.0).to_numpy(zero_copy_only=False)
    power = np.zeros(len(x), dtype=np.int64)
    # A figure in thousands rounds half a thousand up: 635 shares are written 1 (y from 500).
    rows = np.flatnonzero((x > 0) & (y >= 500 * x) & (y >= 500))
    if len(rows) == 0:  # most collisions: volumes alike, or another count
        return power
    power[rows] = _power_of(a.take(pa.array(rows)), b.take(pa.array(rows)), x[rows], y[rows])
    zeros = np.flatnonzero((x == 0) & (y > 0) & np.asarray(pc.is_valid(a["volume"]), dtype=bool))
    if len(zeros) and power.any():  # a copy in thousands shown, and some of its counts rounded to 0
        shown = np.flatnonzero(power)
        shown_pairs = _file_pair_keys(a.take(pa.array(shown)), b.take(pa.array(shown)))
        at = pa.array(zeros)
        za, zb = a.take(at), b.take(at)
        pairs, alike = _file_pair_keys(za, zb), _all_equal(za, zb, _PRICE_COLUMNS)
        for k in _UNITS:
            proven = pc.unique(shown_pairs.filter(pa.array(power[shown] == k)))
            found = alike & np.asarray(pc.is_in(pairs, value_set=proven), dtype=bool) & (y[zeros] < 1000.0 ** k / 2)
            power[zeros] = np.where(found, k, power[zeros])
    return power


def _file_pair_keys(a: pa.Table, b: pa.Table) -> pa.Array:
    return pc.binary_join_element_wise(a["source_file"], b["source_file"], "\x00")


def _power_of(a: pa.Table, b: pa.Table, x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """_in_thousands of rows whose loser's volume is at least 500 times the winner's."""
    power = np.zeros(len(x), dtype=np.int64)
    alike = _all_equal(a, b, _PRICE_COLUMNS) & np.asarray(pc.not_equal(a["source_file"], b["source_file"]), dtype=bool)
    step = 10.0 ** -_decimals(x)  # a's figure rounded to the unit: within half its last written digit
    for k in _UNITS:
        scale = 1000.0 ** k
        found = alike & (y >= scale / 2) & (np.abs(x - y / scale) <= step / 2 + 1e-9 * y / scale)
        power = np.where((power == 0) & found, k, power)
    return power


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
