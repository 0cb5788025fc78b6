"""Text columns that name a file's rows though none is read as the ticker: a market's price list
("date,market,area,item,origin,volume_t,high,mid,low"), each date a row per market and vegetable.

Two rows of one date with different prices are either a correction (one series, sent again) or two
instruments; rules.check_unnamed_series tells them apart by count: three such rows or more, or every
date clashing, and the file is rejected as several series. A file of a few days whose other rows had
been rejected (a blank high, a Saturday) kept one or two clashing rows: it loaded one vegetable's
price on one day and another's the next under the file's name, the rest "conflicting duplicates".
A column that writes those two rows apart, in values each written on two dates or more of the file
(a market, an item: names that recur), says which it is: two instruments. A note written once
("revised") names no series and says nothing."""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from backintime_assets.detection.schema import FileSchema


def label_columns(schema: FileSchema, cmap: dict[str, int], time: int | None = None) -> list[int]:
    """The unmapped text columns of a file without a ticker column (none when it has one, the
    time-of-day column apart): the only ones that may name its rows."""
    if "ticker" in cmap or "date" not in cmap:
        return []
    mapped = set(cmap.values())
    return [j for j, c in enumerate(schema.columns) if c.type == "string" and j not in mapped and j != time]


def told_apart(columns: list[pa.Array], days: np.ndarray, rows: np.ndarray, key: np.ndarray,
               clash: np.ndarray) -> np.ndarray:
    """The keys of `clash` (ticker_day_keys of dates holding rows of different prices) whose rows
    (`rows`, keyed by `key`) write two different values, each on two dates or more of the file, in
    one of `columns`. Runs only for a file with such a date (most have none); vectorised."""
    at = np.isin(key, clash)
    rows, key = rows[at], key[at]
    found: list[np.ndarray] = []
    for column in columns:
        if isinstance(column, pa.ChunkedArray):
            column = column.combine_chunks()
        trimmed = pc.utf8_trim_whitespace(column)
        codes = pc.dictionary_encode(trimmed, null_encoding="encode").indices
        codes = codes.to_numpy(zero_copy_only=False).astype(np.int64)
        # A blank cell names nothing: a note column blank but on one day is no name of a series.
        named = pc.fill_null(pc.not_equal(trimmed, ""), False).to_numpy(zero_copy_only=False)
        # Each value's count of dates: one (code, day) pair per value and date it is written on.
        pairs = np.unique((codes << 32) | (days.astype(np.int64) + (1 << 31)))
        values, dates = np.unique(pairs >> 32, return_counts=True)
        recurring = np.isin(codes[rows], values[dates >= 2]) & named[rows]
        written = np.unique(np.stack([key[recurring], codes[rows][recurring]]), axis=1)
        keys, count = np.unique(written[0], return_counts=True)
        found.append(keys[count >= 2])
    return np.unique(np.concatenate(found)) if found else np.zeros(0, np.int64)
