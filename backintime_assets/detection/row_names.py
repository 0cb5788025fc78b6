"""A header one name short of its rows because the rows lead with their row names.

R's `write.table` (row names on by default) writes its header without a name over the row names,
and so do exports that number their lines: "Date,Open,High,Low,Close,Volume" over
"1,2024-01-02,10.1,...". Read left to right, every name sits one column to the left of its values
("Date" over the row numbers, "Close" over the lows), and every row is rejected (high < low).
The names belong over the last columns when they fit those columns better than the first ones:
a header short by one because the rows end with a stray delimiter ("a,b,c," under "A,B,C") fits
its columns as written, and stays so.
"""
from __future__ import annotations

from collections.abc import Sequence

from .canonical import names_its_column, no_values_seen
from .columns import ColumnType


def names_after_row_names(header: Sequence[str], types: Sequence[ColumnType]) -> list[str] | None:
    """The header's names right-aligned over columns of `types` (the first one unnamed) when the
    header is one name short and its names fit the last columns better; else None."""
    names = [cell.strip() for cell in header]
    while names and not names[-1]:
        names.pop()
    if len(names) != len(types) - 1 or not all(names):
        return None
    as_written = sum(map(_fits, names, types))
    shifted = sum(map(_fits, names, types[1:]))
    return ["", *names] if shifted > as_written else None


def _fits(name: str, t: ColumnType) -> bool:
    # Any name fits a column of no values (names_its_column lets the name decide there): the empty
    # column a stray trailing delimiter makes would draw the last name over it.
    return not no_values_seen(t) and names_its_column([name], t)
