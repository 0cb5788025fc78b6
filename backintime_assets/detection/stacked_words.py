"""Lines of words stacked over a header: preamble, not header rows."""

from __future__ import annotations

import re
from collections.abc import Sequence

from .canonical import names_its_column, names_the_ticker
from .columns import ColumnType
from .multipliers import declared_unit, units_cell
from .pandas_repeats import unsuffixed

# A word of running text: lowercase letters, an apostrophe ("isn't"); the line's first may be capitalised.
# Or a few such words, a phrase of a sentence cut at its commas ("which is really", "keep making
# notes", "up here." in readr's deaths-other.csv; "has been really fun, but" quoted), its last word
# maybe ending the clause.
_PROSE_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?(?:[,;]? [^\W\d_]+(?:'[^\W\d_]+)?)*[,.;!?]?")


def _prose_word(cell: str) -> bool:
    return cell.islower() and _PROSE_WORD.fullmatch(cell) is not None


def prose_lines(rows: Sequence[Sequence[str]], width: int) -> bool:
    """Whether `rows` (two or more) are lines of running text cut at their commas: in each, at most
    half the cells filled, each with lowercase words (the line's first may be capitalised), and a
    phrase of several words among them ("This,,,,," / ",\"has been really fun, but\",,,," /
    "we're signing,,,,," below readr's deaths-other.csv). Below the data they are a note, though
    no keyword ("Source:", "Note") starts it. A sparse row of one code each ("AAPL,,,,") is none,
    nor rows that fill one column alone (",,bank of america,," over ",,wells fargo,,"): a column's
    values, names in a name or ticker column, rows to reject, not to skip unseen. A sentence cut
    at its commas runs across columns."""
    if len(rows) < 2:
        return False
    phrase = False
    columns = set()
    for row in rows:
        filled = [c.strip() for c in row if c.strip()]
        columns.update(j for j, c in enumerate(row) if c.strip())
        if not filled or 2 * len(filled) > max(width, len(row)):
            return False
        if not _prose_word(filled[0][:1].lower() + filled[0][1:]) or not all(map(_prose_word, filled[1:])):
            return False
        phrase = phrase or any(" " in c for c in filled)
    return phrase and len(columns) > 1


def words_over_names(rows: Sequence[Sequence[str]], types: Sequence[ColumnType], width: int) -> int:
    """How many of a header block's top rows (`rows`, top first, the last right above the data) are
    lines of words over the header rather than header rows: 0 when the block is one.

    A header row below another qualifies or labels it: a ticker repeated over its fields ("AAPL,AAPL"),
    a sparse row of group labels, a key ("Ticker:"), a units row ("(USD)"), or is the name row under
    such labels. A full row of distinct names right above the data, over rows of distinct words that
    name no column ("these,lines,are,to,be" over "year,make,model,comment,blank", Spark's
    cars-with-lines-to-skip), is the header alone: the words above are prose cut at its commas (each
    cell one lowercase word, as running text is). Taken
    for the header's top row, they named the columns ("nothing", "to", "see") and the real names were
    lost. Rows that name a column by its values ("Date" over dates) stay: two-language headers."""
    if len(rows) < 2:
        return 0
    bottom = [c.strip() for c in unsuffixed(rows[-1][:width])]  # "Close.1": pandas' second "Close", no name of its own
    if len(bottom) != width or not all(bottom) or len(set(bottom)) != width:
        return 0
    if any(declared_unit(c) is not None or c[:1] in "([{" for c in bottom):
        return 0  # a units row under the names
    for row in rows[:-1]:
        cells = [c.strip() for c in row[:width]]
        filled = [c for c in cells if c]
        if len(filled) < 2 or len(set(filled)) != len(filled) or names_the_ticker(cells[0]) or cells[0].endswith(":"):
            return 0
        if not all(map(_prose_word, filled[1:])) or not _prose_word(filled[0].lower()):
            return 0  # codes, currencies, units, capitalised labels: a header's rows ("Series Description,EUR")
        if any(c and names_its_column([c], t) for c, t in zip(cells, types)):
            return 0
    return len(rows) - 1


def keys_over_a_dated_header(rows: Sequence[Sequence[str]], types: Sequence[ColumnType], width: int) -> int:
    """How many of a header block's top rows (top first, the last right above the data) are a key and
    its values over a header that names its date column: each as wide as the table and each cell its
    own, the cell over the dates naming nothing ("Back to Contents,Data 1: Cushing, OK WTI Spot Price
    FOB" and "Sourcekey,RWTC" over "Date,Cushing, OK WTI Spot Price FOB (Dollars per Barrel)", the
    data sheets of EIA's workbooks). Stacked onto the header, the top row named the columns: the
    dates "Back to Contents" and the prices by the sheet's title, their unit lost. 0 unless the
    row right above the data names each column once and its date column as a date. Rows that name
    the dates too ("Datum" over "Date"), or a ticker repeated over its fields ("AAPL,AAPL") or
    spread over several ("AAPL US Equity,,"), label the header, and stay; so does a row of units."""
    if len(rows) < 2:
        return 0
    bottom = [c.strip() for c in unsuffixed(rows[-1][:width])]
    if len(bottom) != width or not all(bottom) or len(set(bottom)) != width:
        return 0
    dated = [j for j, t in enumerate(types[:width])
             if t.type in ("date", "timestamp") and names_its_column([bottom[j]], t)]
    if not dated:
        return 0
    for row in rows[:-1]:
        cells = [c.strip() for c in row[:width]]
        if len(cells) != width or not all(cells) or len(set(cells)) != width:
            return 0
        if any(names_its_column([cells[j]], types[j]) or names_the_ticker(cells[j]) for j in dated):
            return 0
        if any(c and units_cell(c) for c in cells):
            return 0  # a units row over the names ("Unit,EUR,Thousands"): it scales them (detect.py)
    return len(rows) - 1
