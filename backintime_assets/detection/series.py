"""A table of several tickers side by side (a wide table): which ticker each column belongs to, and
the canonical columns of each ticker's own, so that every line loads one row per ticker.

Two shapes (canonical.tickers_side_by_side finds them): labels over price columns named alike
(yfinance's download of several tickers, "Close" over "AAPL" and over "MSFT", grouped by field
or by ticker; a Bloomberg sheet's "AAPL US Equity" over PX_LAST, PX_VOLUME), the date column
shared; and series that each bring their own date column ("Date,PX_LAST,Date,PX_LAST" under
"AAPL US Equity,,MSFT US Equity,"). Each ticker's columns, with the shared ones, are mapped as a
file of their own would be (map_canonical), its label's cells left out.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Sequence

from .canonical import label_cells_over_date, labels_over_fields, map_canonical, series_with_their_dates
from .columns import ColumnType
from .currencies import CURRENCY_CODES

# A label that names a ticker: a few words ("AAPL", "AAPL US Equity", "BRK/B US Equity"), with a
# letter or digit; a longer text is a title or a note, and its columns are not read as one ticker's.
_MAX_LABEL_WORDS = 5
_MAX_LABEL_CHARS = 40
# What one ticker's columns hold, never shared by tickers side by side as their date is.
_PRICED = frozenset({"open", "high", "low", "close", "adj_close", "volume"})


def wide_columns(header_cells: Sequence[Sequence[str]], types: Sequence[ColumnType], body: Sequence[Sequence[str]],
                 merged: bool = True, tickers: Collection[str] = ()
                 ) -> tuple[list[str | None], list[str | None]] | None:
    """(per column: the label of the ticker it belongs to, None when all share it; its canonical
    column within its ticker's) of a table of several tickers side by side, or None when it cannot
    be read so: a series no label names, a label that is no ticker's, two labels
    of one ticker, a ticker without a date or a close. `merged`: a label may stand over the first of
    its ticker's columns only (a merged cell); not so in a one-row header split in two by flat_header,
    whose cells are each whole ("AAPL Volume USD" unsplit is no column of the label left of it).
    `tickers`: labels known for tickers (canonical.labels_over_fields)."""
    width = len(types)
    labelled = labels_over_fields(header_cells, types, tickers)
    if labelled:
        series, dropped = _under_labels(header_cells, labelled, width, merged)
    else:
        dated = series_with_their_dates(header_cells, types)
        if not dated or any(label is None for _, label in dated):
            return None  # nothing names a series: whose prices are whose?
        series, dropped = _from_their_dates(header_cells, dated, width)
    labels = list(dict.fromkeys(s for s in series if s is not None))
    if len(labels) < 2 or not all(map(ticker_like, labels)):
        return None
    if lettered(labels, header_cells):
        return None  # "Close A, Close B, Close C": a labelling of series, not tickers A, B and C
    if all(label.strip().upper() in CURRENCY_CODES for label in labels):
        return None  # "USD" and "EUR" over two closes: one instrument priced in two currencies
    if len({" ".join(label.split()).upper() for label in labels}) < len(labels):
        return None  # "aapl" and "AAPL": one ticker's rows twice, loaded as one
    shared = [j for j in range(width) if series[j] is None]
    canonical: list[str | None] = [None] * width
    for k, label in enumerate(labels):
        cols = shared + [j for j in range(width) if series[j] == label]
        cols.sort()
        header = [[c for c in (header_cells[j] if j < len(header_cells) else []) if c.strip() not in dropped[j]]
                  for j in cols]
        rows = [[r[j] if j < len(r) else "" for j in cols] for r in body]
        mapping = map_canonical(header, [types[j] for j in cols], rows)
        if not {"date", "close"} <= set(filter(None, mapping)) or "ticker" in mapping:
            return None  # a series it cannot read (or one whose rows name their tickers: not wide)
        for j, m in zip(cols, mapping):
            # A price or volume under no ticker's label is no ticker's ("GOOG Open" beside AAPL's and
            # MSFT's closes and volumes: a ticker without a close): read as shared, as the date is,
            # GOOG's opens loaded as AAPL's and MSFT's.
            if series[j] is not None or (k == 0 and m not in _PRICED):
                canonical[j] = m
    return series, canonical


def _under_labels(header_cells: Sequence[Sequence[str]], labels: list[tuple[str, ...]], width: int,
                  merged: bool = True) -> tuple[list[str | None], list[set[str]]]:
    """Series by labels over the columns: a column under a label is that ticker's; an unlabelled
    column right of a labelled one with more header cells is too (a Bloomberg sheet writes the
    security once, over the first of its fields: a merged cell); the columns left of every label
    (the date) are shared."""
    known = sorted(set(labels), key=lambda label: (-len(label), label))  # ties by the label: not the hash seed's order
    series: list[str | None] = [None] * width
    dropped: list[set[str]] = [set() for _ in range(width)]
    last: tuple[int, str] | None = None  # (header cells, label) of the nearest labelled column
    for j in range(width):
        cells = list(header_cells[j]) if j < len(header_cells) else []
        label = next((lab for lab in known if not Counter(lab) - Counter(cells)), None)
        if label is not None:
            series[j] = " ".join(label)
            dropped[j] = {c.strip() for c in label}
            last = (len(cells), series[j])
        elif merged and last is not None and cells and len(cells) < last[0]:
            series[j] = last[1]
    return series, dropped


def _from_their_dates(header_cells: Sequence[Sequence[str]], dated: list[tuple[int, str]], width: int
                      ) -> tuple[list[str | None], list[set[str]]]:
    """Series from their date columns: each runs from its date to the next one's; the columns left
    of the first are shared. The label's cells sit over the date column."""
    series: list[str | None] = [None] * width
    dropped: list[set[str]] = [set() for _ in range(width)]
    for k, (j, label) in enumerate(dated):
        stop = dated[k + 1][0] if k + 1 < len(dated) else width
        for c in range(j, stop):
            series[c] = label
        if j < len(header_cells):
            dropped[j] = set(label_cells_over_date(header_cells[j]))
    return series, dropped


def lettered(labels: Sequence[str], header_cells: Sequence[Sequence[str]] = ()) -> bool:
    """Whether the labels, in order, are a run of letters or digits counting on from the first of
    them ("A, B, C", "1, 2, 3", "X, Y, Z"): a labelling of series, not tickers. A, B, C, F and T are
    real tickers too, and a series loaded under its letter was filed as that company's (series A as
    Agilent's); "F, T" (Ford, AT&T) make no run and load. Three or more in a run are a labelling
    wherever they start, two only from A or 1 (or a or 0): "C, D" (Citigroup, Dominion) may be tickers.
    Under a header row headed "Ticker" (`header_cells`: _tickers_named) they are tickers, however they run."""
    marks = [label.strip() for label in labels]
    if len(marks) < 2 or not all(len(m) == 1 and m.isascii() and m.isalnum() for m in marks):
        return False
    run = all(ord(b) == ord(a) + 1 for a, b in zip(marks, marks[1:]))
    return run and (len(marks) >= 3 or marks[0] in "Aa01") and not _tickers_named(header_cells)


# A header row saying its labels are tickers (yfinance's "Price,Close,Close / Ticker,A,B"): A and B then
# are Agilent and Barnes, however they run.
_TICKER_ROW = frozenset({"ticker", "tickers", "symbol", "symbols"})


def _tickers_named(header_cells: Sequence[Sequence[str]]) -> bool:
    """Whether a header row is headed "Ticker" or "Symbol" (in the first column): its labels are tickers."""
    return bool(header_cells) and any(c.strip().lower() in _TICKER_ROW for c in header_cells[0])


def ticker_like(label: str) -> bool:
    words = label.split()
    return 0 < len(words) <= _MAX_LABEL_WORDS and len(label) <= _MAX_LABEL_CHARS and any(c.isalnum() for c in label)
