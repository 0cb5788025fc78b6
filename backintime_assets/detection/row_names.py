"""A header one name short of its rows because the rows lead with their row names.

R's `write.table` (row names on by default) writes its header without a name over the row names,
and so do exports that number their lines: "Date,Open,High,Low,Close,Volume" over
"1,2024-01-02,10.1,...". Read left to right, every name sits one column to the left of its values
("Date" over the row numbers, "Close" over the lows), and every row is rejected (high < low).
The names belong over the last columns when they fit those columns better than the first ones:
a header short by one because the rows end with a stray delimiter ("a,b,c," under "A,B,C") fits
its columns as written, and stays so.

The unnamed column is not always the first: a tool that writes each bar's time in a column of its
own may name the date and not the time ("Date,Open,High,..." over "2006-01-02,09:01:00,3602.00,...",
backtrader's sample data). Read left to right, "Open" sat over the times and every price one column
off: the names go where they fit their columns best, the unnamed column between them.
"""
from __future__ import annotations

from collections.abc import Sequence

from .canonical import names_its_column, no_values_seen
from .columns import ColumnType


def names_after_row_names(header: Sequence[str], types: Sequence[ColumnType]) -> list[str] | None:
    """The header's names over columns of `types` with one column unnamed (the first: row names; or
    one between two names: a time after the date) when the header is one name short and its names
    fit the columns better so; else None. Of placements that fit equally, the first unnamed column
    is the one taken."""
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
    return None if at is None else [*names[:at], "", *names[at:], *[""] * stray]


def _fits(name: str, t: ColumnType) -> bool:
    # Any name fits a column of no values (names_its_column lets the name decide there): the empty
    # column a stray trailing delimiter makes would draw the last name over it.
    return not no_values_seen(t) and names_its_column([name], t)
