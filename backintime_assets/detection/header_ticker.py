"""The one ticker a file's header names for all its rows, when no column names them: yfinance's
download of one ticker ("Ticker,7203.T,7203.T,..." between "Price,Close,..." and "Date,,,"), a
Bloomberg sheet of one security ("AAPL US Equity" over "Date,PX_LAST,PX_VOLUME"). Without it the
rows load under the file's name (data.csv: DATA), though the file says whose they are.

Only a row that names itself the ticker row, or a security label Bloomberg's way: a title or a note
over the fields ("Daily prices", a sheet's name) names no ticker, and the file's name stays.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from .canonical import PRICE_COLUMNS, names_a_field, names_the_ticker
from .currencies import CURRENCY_CODES
from .nameless import SECURITY, sheet_names_a_period
from .numbers import NULL_TOKENS
from .series import ticker_like
from .venues import BLOCK_WORDS as _BLOCK_WORDS
from .venues import VENUES as _VENUES

_FIELDS = frozenset((*PRICE_COLUMNS, "volume"))
_SECURITY = SECURITY  # a Bloomberg security (nameless.SECURITY)
# A ticker as written in capitals ("AAPL", "7203.T", "^GSPC", "BRK-B", "EURUSD=X"): what a row of
# no name must hold (pandas leaves the level's name out when it has none: ",AAPL,AAPL,...").
_CAPITALS = re.compile(r"[A-Z0-9^][A-Z0-9.=^:/-]{0,19}")
# What a sheet saved while its formulas still fetched holds between a security's label and the header
# its BDH call wrote: a row of Bloomberg's placeholders ("#N/A Requesting Data...", "#N/A N/A") or of
# Excel's errors and its own ("#NAME?" where the add-in was missing, "#GETTING_DATA"). Taken for the
# line above the header, it hid the label, and the prices loaded under the file's name. Not a blank
# line: it sets a title off from the table (but for a double-spaced file's, spacing.py).
_PLACEHOLDER = re.compile(r"#N/A(?:\s.*)?|#(?:NAME\?|VALUE!|REF!|DIV/0!|NUM!|NULL!|GETTING_DATA|SPILL!|CALC!)",
                          re.IGNORECASE)
# A line that names the file's ticker by the ticker's own field name ("Symbol: AAPL", "Ticker,MSFT", "Security
# = 7203.T"), above the header: the name is asked of canonical.names_the_ticker, as a header row's is.
# Or repeated over each price, as a ticker row of the header is ("Ticker,AAPL,AAPL" set off from "Date,Open,
# Close" by a blank line or a note): its second AAPL had made the line no label, and the rows loaded under the
# file's name.
_LABELLED = re.compile(r"(?P<name>[^\W\d][^:=]{0,30}?)\s*[:=]?\s+(?P<t>[A-Z0-9^][A-Z0-9.=^/-]{0,19})(?:\s+(?P=t))*")
# Or by a Bloomberg security, spaces and all ("Security,AAPL US Equity" over "Date,PX_OPEN,...,PX_LAST"):
# its words past the first had made the line no label, and the rows loaded under the file's name.
_LABELLED_SECURITY = re.compile(r"(?P<name>[^\W\d][^:=]{0,30}?)\s*[:=]?\s+(?P<t>" + _SECURITY.pattern + ")")
# What an instrument's field may name besides its ticker: its kind ("Instrument: EQUITY", "Security: STOCK"
# in a preamble's key-value block), no listed ticker. Taken for one past the block's other lines, the
# rows loaded as security EQUITY.
INSTRUMENT_KINDS = frozenset({"EQUITY", "EQUITIES", "STOCK", "STOCKS", "SHARES", "ETFS", "INDEX", "INDICES",
                              "FUTURES", "OPTIONS", "FOREX", "CFD", "CFDS", "CRYPTO", "COMMODITY", "COMMODITIES",
                              "BONDS", "WARRANTS"})
BETWEEN = 3  # such rows at most between the label and the header (one, and a double-spaced file's blanks)
# Lines above the header a label naming the ticker may stand: a Bloomberg sheet's preamble puts "Security"
# over "Start Date", "End Date" and "Period" and a blank line, five lines up; the rows loaded under the
# file's name. Only a line so labelled counts from this far (labelled_ticker), not a title's words.
LABEL_REACH = 6


def filler(cells: Sequence[str], blank: bool = False) -> bool:
    """Whether a row between a security's label and its header holds nothing of its own: a placeholder
    of a value being fetched or an error in each filled cell (_PLACEHOLDER); a blank row only where
    `blank` (a double-spaced file's spacing)."""
    filled = [c.strip() for c in cells if c.strip()]
    return all(_PLACEHOLDER.fullmatch(c) for c in filled) if filled else blank


def header_ticker(rows: Sequence[Sequence[str]], canonical: Sequence[str | None],
                  line_above: Callable[[], str | None],
                  label_above: Callable[[], str | None] | None = None) -> str | None:
    """The ticker the header names, as written, or None: a row of the header block (`rows`, of the
    table's width) whose first cell names the ticker ("Ticker", "Symbol") or is empty, and whose
    price and volume columns (by `canonical`) all hold one ticker, its other cells empty; or a
    Bloomberg security label alone on a row of the block or on the line above the header, past rows of
    placeholders between (`line_above`: its filled cells joined by a space, asked for only when
    the block names none); or a line above the header, past blank lines (`label_above`), that names the
    ticker by its field's name (_LABELLED: "Symbol: AAPL")."""
    fields = price_fields(canonical)
    if not fields:
        return None
    found = set()
    # A row of no name is pandas' level without a name only in pandas' block, whose last row holds
    # the index's name alone ("Date,,,"): under a header that names the date itself, a capitals row
    # over the prices is an exchange's or a source's ("NASDAQ", "YAHOO", "UNADJUSTED").
    levels = any(r and r[0].strip() and not any(c.strip() for c in r[1:]) for r in rows)
    if len(rows) > 1:  # a lone header row is the fields' names
        for row in rows:
            ticker = row_ticker(row, fields, unnamed=levels) or _label_row(row, fields)
            if ticker is not None:
                found.add(ticker)
    if not found:
        above = line_above()
        if above is not None and _SECURITY.fullmatch(above.strip()):
            found.add(above.strip())
    if not found and label_above is not None and (labelled := labelled_ticker(label_above())) is not None:
        found.add(labelled)
    return found.pop() if len(found) == 1 else None  # two rows naming two tickers: whose?


def venues_only(labels: Sequence[str]) -> bool:
    """Whether labels that set prices apart (series.wide_columns) are each a venue's or a source's (_VENUES), in
    any case: ",NYSE,NASDAQ" or ",Yahoo,Google" over "Date,Close,Close" loaded as tickers NYSE and NASDAQ."""
    return bool(labels) and all(" ".join(label.split()).upper() in _VENUES for label in labels)


def label_over_fields(label: tuple[int, int, str] | None, canonical: Sequence[str | None]) -> str | None:
    """The ticker a workbook's label merged across the columns of every price and volume names, the
    date's column outside it ("AAPL" merged over Open..Volume, Date left of it), or None: a keeper's
    one-ticker block, as each of two tickers' blocks side by side is labelled (their labels are read
    as tickers: flat_header.py). `label`: (first column, last column, text) of the merged cells alone
    on the row right above the header (xlsx.Sheet.labels). Not a title merged over the whole table,
    date included ("Daily prices"), nor a label that is no ticker written as one: a word, a currency,
    a field's name, a venue or a source ("NASDAQ", "YAHOO") are written over prices too."""
    fields = price_fields(canonical)
    if label is None or len(fields) < 2:
        return None
    first, last, text = label
    dates = [j for j, c in enumerate(canonical) if c == "date"]
    if not (first <= fields[0] and fields[-1] <= last) or any(first <= j <= last for j in dates) or not dates:
        return None
    if not (_CAPITALS.fullmatch(text) or _SECURITY.fullmatch(text)) or not any(c.isalpha() for c in text):
        return None
    if text in CURRENCY_CODES or text in _VENUES or text in INSTRUMENT_KINDS or text in _BLOCK_WORDS \
            or names_a_field(text) or names_the_ticker(text):
        return None
    # Nor a missing value ("N/A", "TBD"), nor a word a keeper names a block, a sheet or a period by, in
    # capitals as a ticker is ("PRICES", "DAILY", "HISTORICAL", "DATA", "RAW", "Q1", "FY2023"): merged
    # over the prices, such a word loaded every row under it, where the file's name had named them.
    if text.lower() in NULL_TOKENS or text in {"TBD", "TBA", "NONE", "NIL"} or sheet_names_a_period(text):
        return None
    return text


def merged_label(labels: dict[int, tuple[int, int, str]] | None, header_row: int,
                 data_start: int) -> tuple[int, int, str] | None:
    """A workbook's label merged across columns (xlsx.Sheet.labels) on the row above its header or in
    its header block (beside a "Date" merged down): where "AAPL" merged over the prices names them."""
    return next((labels[r] for r in range(header_row - 1, data_start) if r in labels), None) if labels else None


def block_ticker(labels: dict[int, tuple[int, int, str]] | None, header_row: int, data_start: int,
                 canonical: Sequence[str | None]) -> str | None:
    """The ticker a label merged over the prices names (label_over_fields of merged_label), where no
    label further down the sheet names another: blocks stacked on one sheet, each under its own ticker
    ("AAPL" over a header and its days, "MSFT" over another below), are not all the first's. The later
    blocks' rows had loaded under the file's name beside AAPL's, where they had been rejected as
    several series in one."""
    ticker = label_over_fields(merged_label(labels, header_row, data_start), canonical)
    if ticker is None or any(label_over_fields(label, canonical) not in (None, ticker)
                             for r, label in labels.items() if r >= data_start):
        return None
    return ticker


def labelled_ticker(line: str | None) -> str | None:
    """The ticker a line names by the ticker's field name (_LABELLED: "Symbol: AAPL", "Ticker,MSFT" read
    as "Ticker MSFT"), or None. Not a missing value ("Ticker: N/A", "Symbol: NONE": the rows had loaded
    as security "N/A"), a currency's code, nor a field's or an identifier's name: "Ticker,ISIN" over a
    table of codes is that table's header, not security ISIN. Also what marks a table stacked below the
    first under its own label (normalisation/stacked_tables.py). Nor an instrument's kind (INSTRUMENT_KINDS)."""
    m = (_LABELLED.fullmatch(line.strip()) or _LABELLED_SECURITY.fullmatch(line.strip())) if line else None
    if m is None or not names_the_ticker(m.group("name")):
        return None
    ticker = m.group("t")
    if ticker.lower() in NULL_TOKENS or ticker.upper() in CURRENCY_CODES or ticker in INSTRUMENT_KINDS \
            or names_a_field(ticker) or names_the_ticker(ticker):
        return None
    return ticker


def _label_row(row: Sequence[str], fields: Sequence[int]) -> str | None:
    """The ticker a row of the header block names as a label does, its first cell the ticker's field name and
    one ticker past it over none of the prices (`fields`): "Ticker,,AAPL,," over "Date,Close,,,", a sheet's
    label row padded as wide as its table, which its padding took into the block. Over no price, it had named
    nothing, and the rows loaded under the file's name. Not two tickers ("Ticker,AAPL,MSFT"): whose? Nor one
    over some prices and not others (row_ticker's to judge)."""
    filled = [c.strip() for c in row if c.strip()]
    if len(filled) < 2 or row[0].strip() != filled[0] \
            or any(row[j].strip() for j in fields if j < len(row)):
        return None
    return labelled_ticker(" ".join(filled))


def price_fields(canonical: Sequence[str | None]) -> list[int]:
    """The columns a ticker row repeats its ticker over: the prices and the volume."""
    return [j for j, c in enumerate(canonical) if c in _FIELDS]


def row_ticker(row: Sequence[str], fields: Sequence[int], unnamed: bool = True) -> str | None:
    """The ticker one row names as a header's ticker row or security label does, or None (a row whose
    first cell is empty only when `unnamed`). Also what marks another table's header among a file's
    rejected lines (normalisation/stacked_tables.py)."""
    cells = [c.strip() for c in row]
    cells += [""] * (max(fields) + 1 - len(cells))
    ticker = _of_row(cells, fields) if cells[0] or unnamed else None
    if ticker is None:
        filled = [c for c in cells if c]
        ticker = filled[0] if len(filled) == 1 and _SECURITY.fullmatch(filled[0]) else None
    return ticker


def _of_row(cells: list[str], fields: Sequence[int]) -> str | None:
    if fields[0] == 0:
        return None  # the first cell names the row: over a price, it is a price's name
    ticker = cells[fields[0]]
    if not ticker or any(cells[j] != ticker for j in fields) or {c for c in cells[1:] if c} != {ticker}:
        return None  # not one value over every price, or another beside it
    if ticker.upper() in CURRENCY_CODES or names_a_field(ticker):
        return None  # "USD" over every price: their currency; "Close" over each: a field's name
    if cells[0]:
        return ticker if names_the_ticker(cells[0]) and ticker_like(ticker) else None
    # No name: a units or source row could repeat a word over the prices as well (or a year), so only
    # a ticker written as one, with a letter, over more than one field.
    if len(fields) < 2 or not any(c.isalpha() for c in ticker):
        return None
    return ticker if _CAPITALS.fullmatch(ticker) or _SECURITY.fullmatch(ticker) else None
