"""Whether a cell is the step before a column's run of whole numbers: a row's key that leads the
table's ordered keys ("45292" over "45293", "45294", ...: a sheet's dates kept as General serial
numbers, or epoch seconds), so a data row however empty its other cells, not a header row."""

from __future__ import annotations

from collections.abc import Callable
from itertools import pairwise

_MIN_RUN = 3  # numbers below that make a run: two in order are chance


def never(cell: str) -> bool:
    """leads_run's test of a column that holds no run."""
    return False


def leads_run(column: list[str]) -> Callable[[str], bool]:
    """A test of a cell: a whole number before the column's first value, in its order, by no more
    than the run's largest step (a weekend's, a holiday's). The column's filled cells must all be
    whole numbers in strict order: a units or year row ("1000", "2024") stands over prices or
    volumes, no run, or far from one."""
    cells = [c for c in map(str.strip, column) if c]
    if len(cells) < _MIN_RUN or not all(map(str.isdigit, cells)):
        return never
    values = list(map(int, cells))
    steps = [b - a for a, b in pairwise(values)]
    sign = 1 if steps[0] > 0 else -1
    if any(s * sign <= 0 for s in steps):
        return never
    first, widest = values[0], max(abs(s) for s in steps)
    return lambda cell: (c := cell.strip()).isdigit() and 0 < (first - int(c)) * sign <= widest
