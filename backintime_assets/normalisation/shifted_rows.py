"""Short rows read padded whose last value belongs to a column after the one it lands in.

A file whose writer leaves trailing empty fields out (FileSchema.ragged_from) has its short rows
read as their first columns, the rest empty. A row that lost a field in the middle reads the same
way, every value after the gap a column to the left: "2024-01-05,1620320" under "Date,Close,Volume"
loaded the day's volume as its close, and "...,135.2,132.5" under "...,Close,Volume,Adj Close" its
adjusted close as its volume. Nothing in one row tells the two apart; the file's own full rows do:
a short row's last value near what a column it does not reach holds, and far from its own column's,
is read a column off, and rejected for its field count. Values of one size in both columns (open,
high, low, close) tell nothing, and such a row is read as written.

Wide rows read with their blank surplus fields cut (spreadsheets pad some rows) have the mirror
fault: a stray delimiter inside a row whose last column is empty (a comment column no row fills)
leaves an empty field in its middle and a blank surplus, every value after it a column to the right.
"2021-03-16,96.09,97.05,94.82,95.78,,12345,note," under "Date,...,Close,Volume,Remark,Comments"
loaded the day without its volume. A padded row keeps its values where they belong: one whose mapped
column is empty where the file's other rows fill it is read a column off, and rejected.
"""
from __future__ import annotations

import math

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from .parse import Parsed

# How much nearer (as a factor) a value must be to another column's typical size than to its own.
_NEARER = math.log(10.0)


def short_fields(lines: np.ndarray, short: dict[int, int]) -> np.ndarray:
    """How many fields each record (by its first line, `lines`) had where it was read padded
    (Records.short) or cut (Records.wide), 0 for the others."""
    fields = np.zeros(lines.size, dtype=np.int64)
    at = np.fromiter(short, dtype=np.int64, count=len(short))
    order = np.argsort(lines, kind="stable")
    k = np.minimum(np.searchsorted(lines, at, sorter=order), max(lines.size - 1, 0))
    if lines.size:
        found = lines[order[k]] == at
        fields[order[k[found]]] = np.fromiter(short.values(), dtype=np.int64, count=len(short))[found]
    return fields


def shifted_rows(fields: np.ndarray, num: dict[str, Parsed], cmap: dict[str, int], open_rows: np.ndarray,
                 width: int) -> tuple[np.ndarray, np.ndarray]:
    """(rows, reasons) of the short rows (`fields` > 0: how many fields each row had, 0 for a full
    row) whose last value reads as a later numeric column's, not its own. `open_rows`: rows no rule
    has rejected yet (the only ones judged and the only ones whose values set a column's size)."""
    at = {cmap[c]: c for c in num}
    short = np.flatnonzero((fields > 0) & open_rows)
    full = (fields == 0) & open_rows
    typical: dict[str, float] = {}
    for c, p in num.items():
        v = p.values[full]
        v = v[np.isfinite(v) & (v > 0)]
        if v.size:
            typical[c] = float(np.median(np.log(v)))
    rows, reasons = [np.zeros(0, dtype=np.int64)], [np.zeros(0, dtype=object)]
    for n in np.unique(fields[short]).tolist():  # rows of one length at a time: few lengths, many rows
        own = at.get(n - 1)
        later = [at[j] for j in range(n, width) if at.get(j) in typical]
        if own not in typical or not later:
            continue
        k = short[fields[short] == n]
        value = num[own].values[k]
        sized = np.isfinite(value) & (value > 0)
        k, logs = k[sized], np.log(value[sized])
        distance = np.stack([np.abs(logs - typical[c]) for c in later])
        nearest = distance.argmin(axis=0)
        off = np.abs(logs - typical[own]) > distance.min(axis=0) + _NEARER
        if off.any():
            rows.append(k[off])
            labels = np.array([f"wrong field count: expected {width}, got {n} (its last value, read as its {own}, "
                               f"is sized as the file's {c} values are: a field lost before it?)" for c in later],
                              dtype=object)
            reasons.append(labels[nearest[off]])
    return np.concatenate(rows), np.concatenate(reasons)


# Of a mapped column's values on the file's other rows, the share filled that makes an empty one in a
# widened row a stray field's, not the day's missing value.
_FILLED = 0.9


def widened_rows(fields: np.ndarray, num: dict[str, Parsed], open_rows: np.ndarray, width: int
                 ) -> tuple[np.ndarray, np.ndarray]:
    """(rows, reasons) of the rows read with their blank surplus cut (`fields` > 0: how many fields
    each row had, 0 for the others) with a mapped column empty that the file's other rows fill
    (_FILLED of them). `open_rows`: rows no rule has rejected yet."""
    wide = np.flatnonzero((fields > 0) & open_rows)
    others = (fields == 0) & open_rows
    if not wide.size or not others.any():
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=object)
    emptied = [c for c, p in num.items() if p.missing[others].mean() <= 1 - _FILLED and p.missing[wide].any()]
    hit = np.zeros(wide.size, dtype=bool)
    named = np.full(wide.size, "", dtype=object)
    for c in emptied:
        here = num[c].missing[wide] & ~hit
        named[here] = c
        hit |= here
    rows = wide[hit]
    reasons = np.array([f"wrong field count: expected {width}, got {n} (its {c} empty where the file's other rows "
                        f"fill it, a blank field past its last column: a stray delimiter moved its values a column on?)"
                        for n, c in zip(fields[rows].tolist(), named[hit].tolist())], dtype=object)
    return rows, reasons


# A number's cut-off tail in the field past the header's names: digits, a decimal after a thousands group's
# three ("1,234.56"). Not "0.25", "12.5" on a day or two: no comma cuts those off a number (a dividend's).
_TAIL = r"^\s*(?:\d+|\d{3}\.\d+)\s*$"
# Of the rows read, the share at most that fill that field where it is a stray delimiter's (empty elsewhere).
_SPILLED = 0.5
_GROUP = 1000  # a thousands group's size: a cell before the tail under it, the tail of three digits


def spilled_rows(before: Parsed, after: pa.Array, name: str, open_rows: np.ndarray, width: int,
                 file_of_row: np.ndarray | None = None, close: np.ndarray | None = None
                 ) -> tuple[np.ndarray, np.ndarray]:
    """(rows, reasons) of the rows whose number column `name` (its values `before`, the last column
    mapped) was cut in two by an unquoted comma, its tail read into the field past the header's names
    (`after`): a "Date,Close,Volume," file's trailing delimiter, or a header a field short of its rows,
    had loaded "1,500" as a volume of 1 without a word. The tail is a number in a field most rows leave
    empty (_SPILLED), or three digits after a whole number under a thousand on any row (a thousands
    group). `open_rows`: rows no rule has rejected yet; `file_of_row`: of files read together
    (normalise_group), each row's file, whose own rows are the most that fill the field; `close`: each
    row's close, where the file has one."""
    text = pc.utf8_trim_whitespace(pc.cast(after, pa.string()))
    filled = pc.fill_null(pc.not_equal(text, ""), False).to_numpy(zero_copy_only=False) & open_rows
    if not filled.any():
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=object)
    tail = pc.fill_null(pc.match_substring_regex(text, _TAIL), False).to_numpy(zero_copy_only=False) & filled
    value = before.values
    whole = np.isfinite(value) & (value >= 0) & (value < _GROUP) & (value == np.floor(value))
    three = pc.fill_null(pc.match_substring_regex(text, r"^\d{3}$"), False).to_numpy(zero_copy_only=False)
    decimals = pc.fill_null(pc.match_substring_regex(text, r"^\d{3}\.\d+$"), False).to_numpy(zero_copy_only=False)
    files = np.zeros(len(open_rows), dtype=np.int64) if file_of_row is None else file_of_row
    share = np.bincount(files, weights=filled) / np.maximum(np.bincount(files, weights=open_rows), 1)
    # A group's three digits with their decimals ("1,250.5") on a day or two among whole groups cut off the
    # file's other numbers are a group too. Where most are so, they are a column's ("510.25", "514.5" and one
    # day's "513": an adjusted close the header left unnamed, whose rows were all rejected since 55e0970).
    # Nor is a field of such tails a column where they leap from day to day as no price does: a crypto
    # volume's "2,101.0796", "3,872.7805" on every row had loaded as volumes of 2 and 3 (silent).
    wholes = np.bincount(files, weights=filled & three, minlength=len(share))
    cut = decimals & ((wholes > np.bincount(files, weights=filled & decimals, minlength=len(share)))
                      | _leaping(text, filled & decimals, files, len(share), close))[files]
    # A comma cuts a thousands group's three digits off every number it cuts: where a file's field holds
    # other figures too ("17", "2345": a column the header left unnamed, a count of trades), it is no tail.
    others = np.bincount(files, weights=filled & ~three & ~cut, minlength=len(share))
    # A steady value is a column's (a lot's size), but for a group a zero leads ("000": round thousands, "1,000"
    # on every day), which no column writes as its number.
    zeroed = pc.fill_null(pc.starts_with(text, "0"), False).to_numpy(zero_copy_only=False)
    steady = _steady(text, filled, files, len(share))[files] & ~zeroed
    group = tail & (three | cut) & whole & (others[files] == 0) & ~steady
    sparse = tail & (share[files] <= _SPILLED)
    rows = np.flatnonzero(group | sparse)
    cells = text.take(pa.array(rows)).to_pylist()
    reasons = np.array([f"wrong field count: expected {width - 1}, got {width} (its {name} and the field past the"
                        f" header's names, {cell!r}, read as one number written with an unquoted comma?)"
                        for cell in cells], dtype=object)
    return rows, reasons


# The median move from one row's tail to the next beyond which the tails are no column of prices (log), as
# a share of the row's close where the file has one (a file of several tickers by turns): an unnamed
# adjusted close keeps its ratio to the close; a thousands group's three digits cut off a volume are any
# of 000-999 on each day.
_LEAP = math.log(1.25)


def _leaping(text: pa.Array, tails: np.ndarray, files: np.ndarray, count: int,
             close: np.ndarray | None = None) -> np.ndarray:
    """Of each file (`files`: each row's, `count` of them), whether its `tails` (rows) move from one to the
    next by more than _LEAP on the median step (of their ratios to the `close`, where given and above
    zero on every such row), three of them at least."""
    out = np.zeros(count, dtype=bool)
    rows = np.flatnonzero(tails)
    if rows.size < 3:
        return out
    values = np.log(np.maximum(pc.cast(text.take(pa.array(rows)), pa.float64()).to_numpy(zero_copy_only=False),
                               1e-9))
    if close is not None and np.all(np.isfinite(close[rows]) & (close[rows] > 0)):
        values = values - np.log(close[rows])
    for f in np.unique(files[rows]):
        moves = np.abs(np.diff(values[files[rows] == f]))
        out[f] = moves.size >= 2 and float(np.median(moves)) > _LEAP
    return out


def _steady(text: pa.Array, filled: np.ndarray, files: np.ndarray, count: int) -> np.ndarray:
    """Of each file (`files`: each row's, `count` of them), whether it writes one value on every row that
    fills the field, two rows at least: a column, a lot's size ("...,500,100" on each day), where the tails a
    comma cuts off its numbers differ ("1,500", "2,250")."""
    codes = pc.dictionary_encode(pc.fill_null(text, "")).indices.to_numpy(zero_copy_only=False).astype(np.int64)
    span = int(codes.max()) + 1 if codes.size else 1
    kinds = np.bincount(np.unique(files[filled] * span + codes[filled]) // span, minlength=count)
    return (kinds == 1) & (np.bincount(files, weights=filled, minlength=count) >= 2)
