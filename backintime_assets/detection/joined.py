"""Count the cells of a column that a regex matches whole, in one scan of the joined cells.

Type votes test every sampled cell; a Python call per cell costs more than the regex itself. The
cells are joined by NUL (part of no clean CSV value; a damaged file's cell that holds one, see
encoding.binary_problem, makes joined() say None: counted cell by cell) and one regex scan counts
the cells matched from end to end."""

from __future__ import annotations

import re
from collections.abc import Sequence

SEP = "\x00"


def joined_regex(core: str, flags: int = 0) -> re.Pattern:
    """A regex matching, in joined(cells), exactly the cells `^(?:core)$` matches whole. `core`
    must match no empty cell and no NUL (no `.`, `\\S` or negated class without NUL in it).
    Each match starts at the NUL before its cell: a literal the scan jumps between quickly."""
    return re.compile(rf"{SEP}(?:{core})(?={SEP})", flags)


def joined(cells: Sequence[str]) -> str | None:
    """The cells with a NUL before, between and after them; None when a cell holds a NUL (then
    count cell by cell)."""
    text = SEP.join(cells)
    return None if text.count(SEP) != max(0, len(cells) - 1) else SEP + text + SEP
