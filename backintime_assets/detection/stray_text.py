"""Words among a column's numbers: a column typed a number on its sampled cells ("12", "40", ...,
"see note") is text where any cell of the whole sample is neither a number nor a null marker."""

from __future__ import annotations

from collections.abc import Sequence

from .columns import NO_VALUE, ColumnType
from .joined import joined
from .numbers import joined_number_patterns


def words_among_numbers(types: list[ColumnType], names: Sequence[str], body: Sequence[Sequence[str]],
                        canonical: Sequence[str | None], decimal: str, thousands: str | None) -> list[ColumnType]:
    """`types` with each unmapped plain-number column (no canonical field, no marked format) read as
    text where a sampled cell is a word. Types are voted on a spread of the sample and tolerate a tenth
    of stray cells; a generic file's "see note" or "12 (est.)" typed integer is a value lost by any
    reader that trusts the type. Mapped columns keep theirs: a price file's row of text is rejected
    with its reason (normalisation). The column's name is no word of it: a header repeated below
    (files joined end to end) leaves the type alone."""
    picked = [j for j, t in enumerate(types) if t.type in ("integer", "float") and t.format is None
              and (j >= len(canonical) or canonical[j] is None)]
    if not picked or not body:
        return types
    _, number = joined_number_patterns(decimal, thousands)
    out = list(types)
    for j in picked:
        name = names[j].strip() if j < len(names) else ""
        # NO_VALUE holds the infinities numpy, pandas and R print ("inf" in a ratio's column) and the
        # spreadsheets' error cells: no words.
        cells = [c for c in (r[j].strip() for r in body if j < len(r)) if c not in NO_VALUE and c != name]
        text = joined(cells)
        if text is None or number.subn("", text)[1] < len(cells):
            out[j] = ColumnType("string", None, types[j].confidence, types[j])
    return out
