"""Text columns that name a file's rows though none is read as the ticker: a market's price list
("date,market,area,item,origin,volume_t,high,mid,low"), each date a row per market and vegetable.

Two rows of one date with different prices are either a correction (one series, sent again) or two
instruments; rules.check_unnamed_series tells them apart by count: three such rows or more, or every
date clashing, and the file is rejected as several series. A file of a few days whose other rows had
been rejected (a blank high, a Saturday) kept one or two clashing rows: it loaded one vegetable's
price on one day and another's the next under the file's name, the rest "conflicting duplicates".
A column that writes those two rows apart, in values each written on two dates or more of the file
(a market, an item: names that recur), and writes several values on most of its dates as names of
series do, says which it is: two instruments. A note written once ("revised") names no series and
says nothing, nor does one a date ("Bloomberg" or "Reuters", "prelim" or "final") that writes two
only on the date sent twice: that is a correction."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from backintime_assets.detection.schema import FileSchema

from .rules import UNNAMED_SERIES_SHARE


def label_columns(schema: FileSchema, cmap: dict[str, int], time: int | None = None) -> list[int]:
    """The unmapped text columns of a file without a ticker column (none when it has one, the
    time-of-day column apart): the only ones that may name its rows."""
    if "ticker" in cmap or "date" not in cmap:
        return []
    mapped = set(cmap.values())
    return [j for j, c in enumerate(schema.columns) if c.type == "string" and j not in mapped and j != time]


def told_apart(columns: list[pa.Array], days: np.ndarray, rows: np.ndarray, key: np.ndarray,
               clash: np.ndarray, prices: list[np.ndarray] | None = None) -> np.ndarray:
    """The keys of `clash` (ticker_day_keys of dates holding rows of different prices) whose rows
    (`rows`, keyed by `key`) write two different values, each on two dates or more of the file, in
    one of `columns` that writes two values or more on most of the file's dates (`days`: every
    row's), not counting a row that repeats an earlier one's date and `prices` (every row's traded
    prices). Runs only for a file with such a date (most have none); vectorised."""
    at = np.isin(key, clash)
    rows, key = rows[at], key[at]
    if not rows.size:
        return np.zeros(0, np.int64)
    # Hashed, not sorted: a file of 45,000 days with one corrected row and two text columns had
    # spent twice its reading's time in np.unique here.
    day = days.astype(np.int64) - days.min()
    span = int(day.max()) + 1
    dates = pd.unique(day).size
    copy = None
    found: list[np.ndarray] = []
    for column in columns:
        if isinstance(column, pa.ChunkedArray):
            column = column.combine_chunks()
        trimmed = pc.utf8_trim_whitespace(column)
        codes = pc.dictionary_encode(trimmed, null_encoding="encode").indices
        codes = codes.to_numpy(zero_copy_only=False).astype(np.int64)
        # A blank cell names nothing: a note column blank but on one day is no name of a series.
        named = pc.fill_null(pc.not_equal(trimmed, ""), False).to_numpy(zero_copy_only=False)
        # A column that names series writes several names on most of the file's dates (on its rows
        # rejected or not: a market's items, each day); a one-series file's note ("Bloomberg" or
        # "Reuters", "prelim" or "final") writes one a date, two only on a date sent twice. Read as
        # names, such a note had refused every row of a file for its one corrected date.
        if not _names_most_dates(codes, day, span, named, dates):
            continue
        # A copy of a row names no other series: two exports appended, each row naming its export,
        # repeat most dates at the same prices ("duplicate"), one of them restated.
        if copy is None:
            copy = pd.DataFrame({"day": day, **dict(enumerate(prices))}).duplicated().to_numpy() if prices \
                else np.zeros(day.size, dtype=bool)
        if not _names_most_dates(codes, day, span, named & ~copy, dates):
            continue
        # One (value, date) pair per value and date it is written on.
        pairs = pd.unique(codes[named] * span + day[named])
        written_on = np.bincount(pairs // span, minlength=int(codes.max()) + 1)  # each value's count of dates
        recurring = named[rows] & (written_on[codes[rows]] >= 2)
        written = np.unique(np.stack([key[recurring], codes[rows][recurring]]), axis=1)
        keys, count = np.unique(written[0], return_counts=True)
        found.append(keys[count >= 2])
    return np.unique(np.concatenate(found)) if found else np.zeros(0, np.int64)


def _names_most_dates(codes: np.ndarray, day: np.ndarray, span: int, rows: np.ndarray, dates: int) -> bool:
    """Whether `rows` (a mask) write two values or more (`codes`) on most of the file's `dates`."""
    on = pd.unique(codes[rows] * span + day[rows]) % span  # the date of each (value, date) pair
    return pd.unique(on[pd.Series(on).duplicated().to_numpy()]).size >= UNNAMED_SERIES_SHARE * dates
