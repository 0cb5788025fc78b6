"""Labels written like abbreviated amounts: a rate's tenor ("12m" on every row of a Euribor
export, "1m", "3m" and "6m" down a table of tenors) reads as 12, 1, 3 and 6 million."""

from __future__ import annotations

import re
from collections.abc import Sequence

# A whole number of up to three digits and the letter alone: "12m", "3M", "1b". An amount so
# abbreviated is most often written to a decimal ("1.23M", "850.5K") and varies from row to row.
_WHOLE_AND_LETTER = re.compile(r"[+-]?\d{1,3}[KkMmBb]")
# The names layout.py gives a headerless file's columns.
_POSITIONAL = re.compile(r"column_\d+")
_FEWEST = 6  # cells: fewer tell no repetition from chance ("1M" twice in a thin file's volumes)
_REPEATS = 3  # each label seen this many times on average, at least


def labels_not_amounts(values: Sequence[str]) -> bool:
    """Whether a column's abbreviated-looking cells are a few labels repeated row after row (a
    tenor, a maturity), not amounts: every one a whole number and a letter, and each written, on
    average, three times or more. Read as millions, "12m" on every row of a Euribor export was
    twelve million of something; mapped to the volume, a constant column would load as one."""
    cells = [v.strip() for v in values if v.strip()]
    if len(cells) < _FEWEST or not all(_WHOLE_AND_LETTER.fullmatch(c) for c in cells):
        return False
    return len(set(cells)) * _REPEATS <= len(cells)


def named_by_a_header(name: str | None) -> bool:
    """Whether a column's name is a header's, not the position a headerless file's column is named by."""
    return bool(name) and not _POSITIONAL.fullmatch(name)
