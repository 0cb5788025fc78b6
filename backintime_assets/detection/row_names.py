"""A header one name short of its rows because the rows lead with their row names.

R's `write.table` (row names on by default) writes its header without a name over the row names,
and so do exports that number their lines: "Date,Open,High,Low,Close,Volume" over
"1,2024-01-02,10.1,...". Read left to right, every name sits one column to the left of its values
("Date" over the row numbers, "Close" over the lows), and every row is rejected (high < low).
The names belong over the last columns when they fit those columns better than the first ones:
a header short by one because the rows end with a stray delimiter ("a,b,c," under "A,B,C") fits
its columns as written, and stays so.

Where no name fits its column either way (a table of no prices: "mpg cyl disp hp" over "Mazda RX4
21 6 160 110", R's mtcars written by write.table), the names cannot tell; R's row names can: a first
column of labels, each row's its own, or of the rows' numbers 1, 2, 3. Read as written, every name
sat one column to the left of its values ("mpg" over the cars, "cyl" over the miles per gallon) and
the last column went unnamed, not a word said.

The unnamed column is not always the first: a tool that writes each bar's time in a column of its
own may name the date and not the time ("Date,Open,High,..." over "2006-01-02,09:01:00,3602.00,...",
backtrader's sample data). Read left to right, "Open" sat over the times and every price one column
off: the names go where they fit their columns best, the unnamed column between them.
"""
from __future__ import annotations

from collections.abc import Sequence

from .canonical import names_its_column, no_values_seen
from .columns import ColumnType


def names_after_row_names(header: Sequence[str], types: Sequence[ColumnType],
                          rows: Sequence[Sequence[str]] = ()) -> list[str] | None:
    """The header's names over columns of `types` with one column unnamed (the first: row names; or
    one between two names: a time after the date) when the header is one name short and its names
    fit the columns better so, or fit none either way over `rows` (the table's data rows) that lead
    with row names (_row_labels); else None. Of placements that fit equally, the first unnamed
    column is the one taken."""
    names = [cell.strip() for cell in header]
    if len(names) == len(types) and not names[-1] and no_values_seen(types[-1]):
        # A delimiter ending every line, the header's too ("account,zip,balance," over
        # "00012,02139,5.10,"): as wide as its rows, it is short of nothing. Shifted for its empty
        # last cell, ids that no name fitted better as written had their names moved one column on.
        return None
    while names and not names[-1]:
        names.pop()
    # A delimiter ending every line under a header that is short of the row names ("Date;...;Volume;"
    # over "1;2024-01-02;...;1200;"): the empty last column no name is over; counted, the header was
    # two short and stayed as written, every row rejected.
    stray = 0
    while len(types) - stray > len(names) + 1 and no_values_seen(types[len(types) - stray - 1]):
        stray += 1
    types = types[:len(types) - stray]
    if len(names) != len(types) - 1 or not all(names):
        return None
    fits = [_fits(name, t) for name, t in zip(names, types)]  # as written: column j under names[j]
    shifted = [_fits(name, t) for name, t in zip(names, types[1:])]  # column j + 1 under names[j]
    # The column unnamed at k: names before k as written, from k on shifted one column right.
    best, at = sum(fits), None
    for k in range(len(names)):
        score = sum(fits[:k]) + sum(shifted[k:])
        if score > best:
            best, at = score, k
    if at is None and best == 0 and not any(shifted) and _row_labels(types, [f[0] for f in rows if f]):
        at = 0
    return None if at is None else [*names[:at], "", *names[at:], *[""] * stray]


def _row_labels(types: Sequence[ColumnType], values: Sequence[str]) -> bool:
    """The columns of `types` lead with R's row names (`values`, the first column's): labels, every
    row's its own ("Mazda RX4", "Datsun 710"), or the rows' numbers counting from 1, before columns
    of figures alone (a matrix of measurements, genes by samples). Not a first column of dates or
    other figures, nor text among the later columns ("name,age" over "Bob,23,Paris"): the column
    the header leaves unnamed may as well be the last one there, and nothing says which."""
    cells = [v.strip() for v in values]
    if len(cells) < 2 or not all(cells) or len(set(cells)) < len(cells):
        return False
    if any(t.type == "string" and not no_values_seen(t) for t in types[1:]):
        return False
    first = types[0]
    if first.type == "string":
        return not no_values_seen(first)
    return first.type == "integer" and cells == [str(k) for k in range(1, len(cells) + 1)]


def _fits(name: str, t: ColumnType) -> bool:
    # Any name fits a column of no values (names_its_column lets the name decide there): the empty
    # column a stray trailing delimiter makes would draw the last name over it.
    return not no_values_seen(t) and names_its_column([name], t)
