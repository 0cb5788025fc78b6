"""Tables stacked one below the other, each under its own header, in a file whose header names its
ticker (FileSchema.ticker).

Detection reads a sample (the head and the tail): a long sheet of several securities one below
the other, each under its own label ("MSFT US Equity") or yfinance block ("Ticker,MSFT,..."), shows
it only the first one's. Read whole, the other tables' header lines are among the rejected lines:
each table's rows are the security its own header names, not the first table's (MSFT's prices
loaded as AAPL's) nor all one made-up ticker's. A table under a plain repeat of the header names
none: its rows keep the file's name, as a file whose header names no ticker does (on a workbook of
a download per sheet, their sheet's header's). On a workbook's sheet alike (normalisation/sheets.py):
a table ends with its sheet, and the next sheet's rows are its own header's ticker.
"""
from __future__ import annotations

import csv
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

import numpy as np

from backintime_assets.detection.dialect import reader_kwargs
from backintime_assets.detection.flat_header import one_ticker
from backintime_assets.detection.forced_text import unforce
from backintime_assets.detection.header_ticker import labelled_ticker, price_fields, row_ticker
from backintime_assets.detection.numbers import NULL_TOKENS
from backintime_assets.detection.schema import FileSchema
from backintime_assets.detection.wrapped_lines import unwrap

from .records import Line
from .repeated_header import REPEATED_HEADER, repeats_header


@dataclass(frozen=True)
class Table:
    """A table below the first: the line its header starts on, the ticker it names (None: a plain
    repeat of the header, which names none), and whether no row follows its header (the text read
    ends inside or just below it: a piece of a large file cut there, ingestion/parsed.py)."""
    line: int
    ticker: str | None
    open: bool = False
    # A line no header's right above its header: a title ("BETA") read as no label (tickers_of_rows' `carried`).
    titled: bool = False


def header_ticker_holds(rejected: list[Line], schema: FileSchema) -> bool:
    """False when a rejected line repeats the header (its reason named by name_repeated_headers) or
    names another ticker as a header's ticker row or security label does."""
    return not any(_header_lines(rejected, schema, other_than=schema.ticker))


def stacked_tables(rejected: list[Line], schema: FileSchema, row_lines: np.ndarray) -> list[Table]:
    """The tables below the first, by their header lines among the rejected lines. Header lines with
    no other row between them are one table's header (a label over a repeated header, yfinance's
    "Price" line over its "Ticker" line); two tickers named in one header name neither."""
    heads = sorted(_header_lines(rejected, schema))
    if not heads:
        return []
    lines = np.array([line for line, _ in heads], np.int64)
    others = {line for line, _, _ in rejected} - set(lines.tolist())
    rows = np.setdiff1d(np.asarray(row_lines, np.int64), lines)  # sorted, the header lines left out
    # Rows strictly between each header line and the next: none, and the next is the same table's.
    between = np.searchsorted(rows, lines[1:], "left") - np.searchsorted(rows, lines[:-1], "right")
    tables: list[Table] = []
    named: set[str] = set()
    for k, (line, ticker) in enumerate(heads):
        if k == 0 or between[k - 1] > 0:
            if tables:
                tables[-1] = replace(tables[-1], ticker=named.pop() if len(named) == 1 else None)
            tables.append(Table(line, None, titled=line - 1 in others))
            named = set()
        if ticker is not None:
            named.add(ticker)
    tables[-1] = replace(tables[-1], ticker=named.pop() if len(named) == 1 else None,
                         open=not (rows.size and rows[-1] > lines[-1]))
    return tables


def tickers_of_rows(tables: Sequence[Table], row_lines: np.ndarray, first: str | np.ndarray,
                    unnamed: str | np.ndarray, clean: Callable[[str], str], sheets: np.ndarray | None = None,
                    carried: bool = False) -> np.ndarray:
    """Each row's ticker (an object array by `row_lines`): its table's, by the nearest header line
    above it; `first` above every one (the first table's; or each row's own, by `row_lines`: a
    workbook's sheets' headers name theirs), `unnamed` under a header naming none (the file's name;
    or, by `row_lines`, each row's sheet's own header's). `sheets`: the line each of a workbook's
    data sheets starts after (sorted), where a table ends: the next sheet's rows are its own
    header's, not the table's stacked last on the sheet before. `carried` (`first` a string): a
    plain repeat of the header names the ticker of the table above it instead, unless a title it
    was not read as a label stands over it: a file whose name names nothing (detection/nameless.py),
    where the labels are its rows' only names (a month's export pasted below the last)."""
    lines = np.asarray(row_lines, np.int64)
    names = np.array([None] + [clean(t.ticker) if t.ticker is not None else None for t in tables], dtype=object)
    if carried:
        names[1:] = _carried(tables, first, unnamed, clean)
    starts = np.array([t.line for t in tables], np.int64)
    table = np.searchsorted(starts, lines, "right")  # 0: above every table
    if sheets is not None and sheets.size and starts.size:
        sheet_start = sheets[np.maximum(np.searchsorted(sheets, lines, "right") - 1, 0)]
        table[(table > 0) & (starts[np.maximum(table - 1, 0)] <= sheet_start)] = 0
    out = names[table]
    for fill, where in ((first, table == 0), (unnamed, (table > 0) & (out == None))):  # noqa: E711
        out[where] = fill[where] if isinstance(fill, np.ndarray) else fill
    return out


def _carried(tables: Sequence[Table], first: str, unnamed: str, clean: Callable[[str], str]) -> list[str]:
    """Each table's ticker where a plain repeat keeps the one above it (tickers_of_rows' `carried`)."""
    out, above = [], first
    for t in tables:
        above = clean(t.ticker) if t.ticker is not None else unnamed if t.titled else above
        out.append(above)
    return out


def ticker_after(tables: Sequence[Table], first: str, unnamed: str, clean: Callable[[str], str],
                 carried: bool = False) -> str:
    """The ticker in effect past the last of `tables` (`first` if none): what a piece of the file
    that starts there begins with (ingestion/parsed.py reads a large file in pieces). `carried`: as
    tickers_of_rows', a plain repeat keeps the ticker above it."""
    if carried:
        return _carried(tables, first, unnamed, clean)[-1] if tables else first
    if not tables:
        return first
    return clean(tables[-1].ticker) if tables[-1].ticker is not None else unnamed


def _header_lines(rejected: list[Line], schema: FileSchema, other_than: str | None = None):
    """(line, ticker or None) of each rejected line that repeats the header or names a ticker as a
    header's ticker row or security label does (other than `other_than`, when given)."""
    fields = price_fields([c.canonical for c in schema.columns])
    kwargs = reader_kwargs(schema.delimiter or ",", schema.quotechar, schema.escapechar, schema.skipinitialspace)
    for line, raw, reason in rejected:
        if schema.wrapped and raw:
            # Lines as the file writes them (a table pasted into one column: detection/wrapped_lines.py),
            # as a piece's rejected lines are read again here (ingestion/parsed.py): each one quoted
            # whole, its cells one to the reader, "Ticker,MSFT,MSFT" no ticker row.
            raw = unwrap(raw, schema.wrapped)
        if schema.forced and raw:
            raw = unforce(raw, schema.forced)  # `="MSFT"` is MSFT, as the rows were read (forced_text.py)
        try:
            cells = next(csv.reader([raw], **kwargs))
        except (csv.Error, StopIteration, TypeError):
            cells = None
        # Named so only where the text read holds the header: a piece of a large file read past it
        # holds its repeats unnamed.
        if reason == REPEATED_HEADER or repeats_header(raw, schema):
            # A repeat of a one-row header naming one ticker in its cells ("Index,SPY.Open,...":
            # detection/flat_header.py) names it again: its rows loaded under the file's name.
            named = one_ticker(cells) if cells else None
            if other_than is None or named is None or named != other_than:
                yield line, named
            continue
        if cells is None:
            continue
        named = row_ticker(cells, fields) if fields else None
        if named is None and fields:
            # A label naming the ticker by its field's name ("Symbol: MSFT" over a repeat of the header), as
            # above the first table (detection/header_ticker.py): its rows had loaded under the file's name.
            named = labelled_ticker(" ".join(c.strip() for c in cells if c.strip()))
        if named is not None and named.lower() in NULL_TOKENS:
            # A data row without its date and every value missing (",NULL,NULL,..." or R's ",NA,NA,...")
            # reads as a ticker row of no name: the rows below it are not security "NULL"'s.
            continue
        if named is not None and (other_than is None or named != other_than):
            yield line, named
