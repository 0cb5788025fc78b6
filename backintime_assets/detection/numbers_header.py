"""Tell a header row of numbers (years over a statistics table, maturities over a yield curve) from
the first data row of a headerless file, which reads as data to every type test."""

from __future__ import annotations

import re
from collections.abc import Sequence

from .dates import shape
from .numbers import NULL_SPELLINGS, number_patterns, to_float

_PLAIN_INTEGER = re.compile(r"[0-9]{1,4}")  # as headers write them: no sign, no grouping, no decimals
_YEARS = (1800, 2100)
# A row of years needs two of them in order; a row of other integers three (1, 2, 3 heading
# maturities or ages), as small integers in order are less rare in a data row than years are.
_MIN_YEARS = 2
_MIN_OTHERS = 3
_LIKE_SHARE = 0.5  # a column below holding this share of values of the heading's kind is its kind


def numbers_header(fields: Sequence[str], below: Sequence[Sequence[str]], decimal: str,
                   thousands: str | None) -> bool:
    """Whether `fields`, a row of plain integers and words, heads the columns of the rows `below`.

    The integers must be in strict order along the row (years and maturities are written so; data
    values rarely are) and every other filled cell a word, not a number or date: a data row holds
    its values in every numeric column. Most of all, each integer must differ in kind from the
    values of its column below: a year above decimals, text, or numbers of another magnitude; a
    small integer above decimals or text. A column of years (`2011,5.2` then `2012,5.4`) or of
    integers keeps its first row as data, as does a price near 2000 above prices near 2000."""
    number_rx = number_patterns(decimal, thousands)[1]
    heads: list[tuple[int, int]] = []
    for j, cell in enumerate(fields):
        v = cell.strip()
        if v in NULL_SPELLINGS:
            continue
        if _PLAIN_INTEGER.fullmatch(v):
            heads.append((j, int(v)))
        elif number_rx.match(v) or shape(v) is not None or v.startswith("#"):
            return False  # a value where a header has a name: a data row (or a comment)
    values = [v for _, v in heads]
    years = all(_YEARS[0] <= v <= _YEARS[1] for v in values)
    if len(values) < (_MIN_YEARS if years else _MIN_OTHERS) or not _in_order(values):
        return False
    integer_rx = number_patterns(decimal, thousands)[0]
    seen = 0
    for j, _ in heads:
        column = [v for v in (r[j].strip() for r in below if j < len(r)) if v not in NULL_SPELLINGS]
        if not column:
            continue  # an empty column says nothing either way
        if years:
            like = sum(_YEARS[0] <= f <= _YEARS[1] for f in (to_float(v, decimal, thousands) for v in column)
                       if f is not None)
        else:
            like = sum(1 for v in column if integer_rx.match(v))
        if like >= _LIKE_SHARE * len(column):
            return False
        seen += 1
    return seen >= 2


def _in_order(values: list[int]) -> bool:
    pairs = list(zip(values, values[1:]))
    return all(a < b for a, b in pairs) or all(a > b for a, b in pairs)
