"""Names above a headerless table. With no header found, the prices are told apart by their values
(high the row's maximum, low its minimum) and by position (open left of close). A header the search
did not reach (more damaged lines between it and the data than it looks past; another delimiter,
"Date;Close;High;Low;Open" over comma rows, with lines between: right above the rows it is read,
detect._other_delimiter_header) sits among the skipped lines above, naming them in
another order: yfinance's Close,High,Low,Open loaded each row's close as its open and its open as
its close. A file whose lines above name the prices against their positions is refused, not read
by a guess the file contradicts."""

from __future__ import annotations

import re
from collections.abc import Sequence

from .canonical import CANONICAL_TARGETS, named_as

_GUESSED = ("open", "close")  # the prices placed by position only
_CELLS = re.compile(r"\s*[,;\t|]\s*")
_MIN_CELLS = 3  # a line of names, not a title ("Open and close prices")
# A judgement (refusals.py): the rows are read and refused whole; a user may load them with a mapping.
NAMES_ABOVE = "no header read, and a line above the data names the prices in another order than their positions"


def _roles(line: str) -> list[str] | None:
    """The open and close a line names, in its order, when it reads as a row of column names: cut at
    a delimiter (or, a workbook's cells joined, at spaces), half its cells at least names."""
    cells = [c.strip().strip("\"'") for c in _CELLS.split(line.strip())]
    if len(cells) < _MIN_CELLS:
        cells = line.split()
    cells = [c for c in cells if c]
    if len(cells) < _MIN_CELLS:
        return None
    named = [next((t for t in CANONICAL_TARGETS if named_as(t, c)), None) for c in cells]
    if sum(n is not None for n in named) * 2 < len(cells):
        return None
    return [n for n in named if n in _GUESSED]


def names_above_problem(canonical: Sequence[str | None], titles: Sequence[tuple[int, str]]) -> str | None:
    """The problem of a headerless table (`canonical`, its columns' roles by value and position)
    when a line above it (`titles`: line number, text) names its open and close the other way round.
    Only those two: the values place high and low (the row's maximum and minimum), position alone
    the open and the close."""
    placed = [c for c in canonical if c in _GUESSED]
    if len(placed) < 2:
        return None
    for i, line in titles:
        roles = _roles(line)
        named = list(dict.fromkeys(roles or []))
        if len(named) == 2 and named != placed:
            return (f"{NAMES_ABOVE}: line {i + 1} names the {' left of the '.join(named)}, the positions place the "
                    f"{' left of the '.join(placed)}; put the header right above the data")
    return None
