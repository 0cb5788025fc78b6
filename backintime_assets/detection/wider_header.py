"""Whether a line of words naming more columns than any row of the table fills is its header, or
preamble above a headerless table ("Account,Type,Owner,Region,Currency,Broker" over dated prices)."""

from __future__ import annotations

from collections.abc import Sequence

from .canonical import PRICE_COLUMNS, map_canonical, names_its_column
from .columns import ColumnType


def names_past_rows(fields: Sequence[str], rows: Sequence[Sequence[str]], width: int) -> bool:
    """The line names more columns than the table's `width`, and no row fills a cell past that
    width. A row that does (a ragged export's full row under rows that omit trailing empty fields)
    shows the extra names head columns of the table; without one, nothing in the rows does."""
    return sum(1 for c in fields if c.strip()) > width and not any(
        any(c.strip() for c in f[width:]) for f in rows)


def _prices(mapping: Sequence[str | None]) -> int:
    return sum(m in PRICE_COLUMNS for m in mapping)


def words_over_headerless(header_cells: Sequence[Sequence[str]], named: Sequence[ColumnType],
                          unnamed: Sequence[ColumnType], body: Sequence[Sequence[str]]) -> bool:
    """Such a line is preamble when its names map fewer canonical price columns than the rows read
    without a header do (`named`, `unnamed`: the column types each reading infers). Named, the
    columns take prices only from their names (a named "Turnover" is not a close), so a line of
    words that names none leaves a price table loading nothing; a header that names a price
    column ("Date,Close,Volume,OpenInterest" over two fields) keeps it, as one over a table of no
    prices ("a,b,c,d" over integers) does: the headerless reading gains nothing there.
    Nor is it preamble when any name fits the column below it ("Date" over the dates): it is the
    header of a table that is no price table ("Date,Temperature,Station,Remarks" over rows that
    omit the empty remarks), to be reported as such as it is at the table's width, not loaded as
    prices (the temperatures read as closes).
    A price table dates its rows before its prices: a headerless reading whose "close" lies left of
    its date ("version" of a release list, "1.1,Buzz,buzz,1993-08-16,...") found no price table."""
    width = len(unnamed)
    if any(names_its_column(cells, t) for cells, t in zip(header_cells, named)):
        return False
    headerless = map_canonical([[]] * width, unnamed, body)
    if "date" not in headerless or any(m in PRICE_COLUMNS for m in headerless[:headerless.index("date")]):
        return False
    return _prices(map_canonical(header_cells, named, body)) < _prices(headerless)
