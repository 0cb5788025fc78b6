"""What a rule finds in a sample's rows where it must find it in most of them (nine rows in ten, three at
least, as the rules of spans ask: time_spans.py, day_spans.py). The search stops at the row that leaves
too few rows to find it in: most files hold none of it, and searched to their last row, those rules had
cost a fifth of detecting a daily file that holds no span at all."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

Row = TypeVar("Row")
Found = TypeVar("Found")


def found_in_most(rows: Sequence[Row], find: Callable[[Row], Found | None], least: int,
                  share: float) -> list[Found] | None:
    """What `find` finds in each of `rows`, in their order, where it finds something in `share` of them
    and in `least` at least; None otherwise."""
    need = max(least, share * len(rows))
    misses_allowed = len(rows) - need
    found: list[Found] = []
    misses = 0
    for row in rows:
        got = find(row)
        if got is not None:
            found.append(got)
            continue
        misses += 1
        if misses > misses_allowed:
            return None
    return found if len(found) >= need else None
