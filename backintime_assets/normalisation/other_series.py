"""A ticker's rows of one date that a text column names as different series of it: an exchange's
boards or segments ("SYMBOL,SERIES,...": NSE's bhavcopy writes RELIANCE's EQ row and its block deals'
BL row), listings in two currencies, a share on two venues. The first row of the date was kept and
the others rejected as its conflicting duplicates: where the block deal came first, its price loaded
as RELIANCE's close; with three such rows or more, every row of the ticker was rejected as several
series, EQ's with them.

The series a market's file is mostly written in (EQ, on most of a bhavcopy's rows, for most of its
shares) is each ticker's, unless the ticker's own dates are mostly of another (a share quoted in euros
in a file of dollar prices): where a date holds one row of it beside rows of others, the others are
rejected, naming their series. Where it holds several (an option chain's strikes under OPTSTK), which
is the price nothing says, and the rules on repeats judge them as before. A column says so only where
one non-blank value covers more than half the file's rows, on rows of several tickers: a note written
on a corrected row ("revised") or a name per row (the company's, its ISIN) names no series, and one
share's history on two boards each day (MOEX's SBER on TQBR and on the odd-lot SMAL) says nothing of
which is its price: its rows are rejected as several series, as before."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

# Of the file's rows, the share the commonest value of a column must name (more than it) to be the
# file's series, and the tickers it must be written for.
_MAIN_SHARE, _MAIN_TICKERS = 0.5, 3


def other_series_rows(columns: Sequence[tuple[str, pa.Array]], tickers: np.ndarray, rows: np.ndarray,
                      key: np.ndarray, file_of: np.ndarray | None = None, accepted: np.ndarray | None = None,
                      prices: np.ndarray | None = None
                      ) -> tuple[np.ndarray, np.ndarray] | None:
    """(rows, reasons) of the rows of `rows` (accepted rows whose ticker and date, `key`, another row
    shares) that one of `columns` ((name, every row's cells)) names as another series than their
    ticker's, on a date that holds one row of that one; None when no column does. `tickers`: every
    row's ticker code. `file_of`: each row's file, of several read as one (group.py), each with its own
    commonest. `accepted`: whether each row is still accepted, which with their dates tell a ticker's
    own series (_own_series). `prices`: the prices of `rows` (a row each), which tell a row
    of the ticker's series written twice from two of its rows."""
    files = np.zeros(len(columns[0][1]) if columns else 0, np.int64) if file_of is None else file_of
    count = int(files.max()) + 1 if files.size else 1
    # The rows of `rows` as written, prices and text: a row written twice (a day's file appended to itself)
    # is one row, as check_duplicates finds; a call and a put of one strike at one price are two.
    written_as = pd.DataFrame(prices if prices is not None else rows[:, None]).assign(
        **{f"text{k}": _codes(cells.take(pa.array(rows)))[0] for k, (_, cells) in enumerate(columns)})
    for name, cells in columns:
        codes, labels = _codes(cells)
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
        mine = codes[rows]
        looked = series[files[rows]]
        if not (looked & (mine >= 0)).any():
            continue
        theirs = _own_series(codes, tickers, files, main, np.unique(tickers[rows[looked]]), rows, key, accepted)
        own = theirs.reindex(tickers[rows]).to_numpy(dtype=np.float64, na_value=-1).astype(np.int64)
        # Dates holding one row of the ticker's series beside rows of others: the others are rejected.
        # Not where its series holds several rows that date (an option chain's strikes under the
        # contract type most rows are): which of them is the price nothing says, and the first strike's
        # premium had loaded as the share's close where the futures' rows were set aside.
        kept = looked & (own >= 0) & (mine == own)
        seen = written_as[kept].assign(key=key[kept]).drop_duplicates()
        main_keys, held = np.unique(seen["key"].to_numpy(), return_counts=True)
        other = looked & (mine >= 0) & (own >= 0) & (mine != own) & np.isin(key, main_keys[held == 1])
        if not other.any():
            continue
        file_main = main[files[rows]]
        reasons = np.array([
            f"another series of the ticker: {name} '{labels[c]}' where the file's rows are mostly '{labels[m]}', "
            "whose row of this date is kept" if m == f else
            f"another series of the ticker: {name} '{labels[c]}' where the ticker's dates are mostly '{labels[m]}', "
            "whose row of this date is kept"
            for c, m, f in zip(mine[other], own[other], file_main[other])], dtype=object)
        return rows[other], reasons
    return None


def _codes(cells: pa.Array | pa.ChunkedArray) -> tuple[np.ndarray, list]:
    """Each cell's code among the column's values, trimmed (-1 for a blank), and the values."""
    if isinstance(cells, pa.ChunkedArray):
        cells = cells.combine_chunks()
    trimmed = pc.utf8_trim_whitespace(pc.cast(cells, pa.string()))
    encoded = pc.dictionary_encode(pc.if_else(pc.equal(trimmed, ""), None, trimmed))
    codes = encoded.indices.to_numpy(zero_copy_only=False)
    codes = np.where(pc.is_null(encoded.indices).to_numpy(zero_copy_only=False), -1, codes).astype(np.int64)
    return codes, encoded.dictionary.to_pylist()


def _own_series(codes: np.ndarray, tickers: np.ndarray, files: np.ndarray, main: np.ndarray, clashing: np.ndarray,
                rows: np.ndarray, key: np.ndarray, accepted: np.ndarray | None) -> pd.Series:
    """Each of the `clashing` tickers' own series (a code of `codes`, -1 for none): its file's commonest
    (`main`), unless another value is written on more of the ticker's dates, alone. A share listed in
    euros beside a file of dollar prices, a row in dollars on a few of its dates, kept its euro series:
    the file's dollars had loaded on those dates only, a different currency's price from one day to the
    next. Dates, not rows: a share's day of two block deals and its EQ row is a day of EQ. `rows`, `key`:
    the accepted rows whose date repeats, the only ones that may write a value twice on a date."""
    slot = np.full(int(tickers.max()) + 1, -1, np.int64)
    slot[clashing] = np.arange(clashing.size)
    which = slot[tickers]
    pick = (which >= 0) & (codes >= 0)
    if accepted is not None:
        pick &= accepted
    values = int(codes.max()) + 1
    pair = which[pick] * values + codes[pick]
    # Rows counted, not sorted (a sort of every row's value and date cost this rule a fifth of the file's
    # read), less the rows of a repeated date that write its value again.
    written = (which[rows] >= 0) & (codes[rows] >= 0)
    again = rows[written]
    repeat = np.sort(((which[again] * values + codes[again]) << 32) | (key[written] & 0xFFFFFFFF))
    twice = repeat[1:][repeat[1:] == repeat[:-1]] >> 32
    if clashing.size * values <= 4 * codes.size + (1 << 20):
        held_of = np.bincount(pair, minlength=clashing.size * values)
        held_of -= np.bincount(twice, minlength=clashing.size * values)
        pair = np.flatnonzero(held_of)
        held = held_of[pair]
    else:  # values by the thousand (a note column): sorted
        pair, held = np.unique(pair, return_counts=True)
        held -= np.bincount(np.searchsorted(pair, twice), minlength=pair.size)
    ticker, value = pair // values, pair % values
    most = np.zeros(clashing.size, np.int64)
    np.maximum.at(most, ticker, held)
    top = held == most[ticker]
    tops = np.bincount(ticker[top], minlength=clashing.size)
    own = np.full(clashing.size, -1, np.int64)
    alone = top & (tops[ticker] == 1)
    own[ticker[alone]] = value[alone]
    # The file's commonest where it is among the most: a tie is the file's (RELIANCE's EQ and BL of a day).
    file_main = np.full(clashing.size, -1, np.int64)
    file_main[which[pick]] = main[files[pick]]
    by_file = top & (value == file_main[ticker])
    own[ticker[by_file]] = value[by_file]
    return pd.Series(own, index=clashing)
