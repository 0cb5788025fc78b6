"""A ticker's rows of one date that a text column names as different series of it: an exchange's
boards or segments ("SYMBOL,SERIES,...": NSE's bhavcopy writes RELIANCE's EQ row and its block deals'
BL row), listings in two currencies, a share on two venues. The first row of the date was kept and
the others rejected as its conflicting duplicates: where the block deal came first, its price loaded
as RELIANCE's close; with three such rows or more, every row of the ticker was rejected as several
series, EQ's with them.

The series a market's file is mostly written in (EQ, on most of a bhavcopy's rows, for most of its
shares) is each ticker's: where a date holds a row of it beside rows of others, the others are
rejected, naming their series. A column says so only where one non-blank value covers more than half
the file's rows, on rows of several tickers: a note written on a corrected row ("revised") or a name
per row (the company's, its ISIN) names no series, and one share's history on two boards each day
(MOEX's SBER on TQBR and on the odd-lot SMAL) says nothing of which is its price: its rows are
rejected as several series, as before."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

# Of the file's rows, the share the commonest value of a column must name (more than it) to be the
# file's series, and the tickers it must be written for.
_MAIN_SHARE, _MAIN_TICKERS = 0.5, 3


def other_series_rows(columns: Sequence[tuple[str, pa.Array]], tickers: np.ndarray, rows: np.ndarray,
                      key: np.ndarray, file_of: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray] | None:
    """(rows, reasons) of the rows of `rows` (accepted rows whose ticker and date, `key`, another row
    shares) that one of `columns` ((name, every row's cells)) names as another series than their file's
    commonest, on a date that holds a row of that one too; None when no column does. `tickers`: every
    row's ticker code. `file_of`: each row's file, of several read as one (group.py), each with its own
    commonest."""
    files = np.zeros(len(columns[0][1]) if columns else 0, np.int64) if file_of is None else file_of
    count = int(files.max()) + 1 if files.size else 1
    for name, cells in columns:
        if isinstance(cells, pa.ChunkedArray):
            cells = cells.combine_chunks()
        trimmed = pc.utf8_trim_whitespace(pc.cast(cells, pa.string()))
        encoded = pc.dictionary_encode(pc.if_else(pc.equal(trimmed, ""), None, trimmed))
        codes = encoded.indices.to_numpy(zero_copy_only=False)
        codes = np.where(pc.is_null(encoded.indices).to_numpy(zero_copy_only=False), -1, codes).astype(np.int64)
        labels = encoded.dictionary.to_pylist()
        if len(labels) < 2:
            continue
        # Each file's commonest value and whether it covers _MAIN_SHARE of the file's rows.
        written = codes >= 0
        counts = np.bincount(files[written] * len(labels) + codes[written], minlength=count * len(labels))
        counts = counts.reshape(count, len(labels))
        main = counts.argmax(axis=1)
        series = counts[np.arange(count), main] > _MAIN_SHARE * np.bincount(files, minlength=count)
        on_main = written & (codes == main[files])
        pairs = np.unique(files[on_main] * (int(tickers.max()) + 1) + tickers[on_main])
        series &= np.bincount(pairs // (int(tickers.max()) + 1), minlength=count) >= _MAIN_TICKERS
        mine, their_main = codes[rows], main[files[rows]]
        # Dates holding a row of the main series and one of another: the others are that series'.
        with_main = np.unique(key[series[files[rows]] & (mine == their_main)])
        other = (mine >= 0) & (mine != their_main) & np.isin(key, with_main)
        if not other.any():
            continue
        reasons = np.array([f"another series of the ticker: {name} '{labels[c]}' where the file's rows are "
                            f"mostly '{labels[m]}', whose row of this date is kept"
                            for c, m in zip(mine[other], their_main[other])], dtype=object)
        return rows[other], reasons
    return None
