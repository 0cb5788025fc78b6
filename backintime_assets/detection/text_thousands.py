"""A whole number a workbook's keeper pasted as text with a dot grouping its thousands ("1.233", from a
German or Swiss site or statement), in a column of typed numbers.

A typed cell's dot is the program's decimal mark (xlsx.cell_text writes 1232.25 so); a text cell's is
its writer's, and "1.233" reads either way. One number format serves the whole sheet, so the text read
as the typed cells' decimal: a close of 1.233 between closes of 1232.25 and 1234.25, a volume of 5.001
among volumes of 5000, loaded without a word. The column's typed numbers tell which reading is meant:
the one of their size. Where neither is clearly nearer, or the column holds too few typed numbers to
say, the text is left as written, and the sheet's number format is judged as before.
"""
from __future__ import annotations

import math
import statistics

_FEW = 3  # numbers of the column besides the texts that say its size
_NEARER = 1.0  # in powers of ten: the grouped reading must be this much nearer the column's size
# And the decimal reading must be this many times below every number of the column: a column holding
# numbers of that size too (a penny stock's 1.2's among other tickers' closes in one long column, a
# price divided by a 1000:1 split) may hold the text at its decimal size, as it was read.
_BELOW = 10.0


def _number(cell: str) -> float | None:
    try:
        value = abs(float(cell))
    except ValueError:
        return None
    return value if value > 0 and math.isfinite(value) else None


def regroup(dotted: list[tuple[list[str], int]], rows: list[list[str]]) -> list[bool]:
    """Of each text cell `dotted` holds ((its row's cells, its column), each reading as a whole number
    grouped by dots and as a decimal), whether it was rewritten, in place, as the whole number: where
    its column's other numbers in `rows` (the sheet's rows as kept) are of that number's size."""
    rewritten = [False] * len(dotted)
    columns: dict[int, list[int]] = {}
    for k, (_, j) in enumerate(dotted):
        columns.setdefault(j, []).append(k)
    for j, ks in columns.items():
        texts = {id(dotted[k][0]) for k in ks}
        others = [v for row in rows if j < len(row) and id(row) not in texts for v in [_number(row[j])] if v]
        if len(others) < _FEW:
            continue
        size, least = math.log10(statistics.median(others)), min(others)
        for k in ks:
            cells = dotted[k][0]
            text = cells[j].strip()
            grouped, decimal = _number(text.replace(".", "")), _number(text)
            if grouped and decimal and decimal * _BELOW < least \
                    and abs(math.log10(grouped) - size) + _NEARER < abs(math.log10(decimal) - size):
                cells[j] = text.replace(".", "")
                rewritten[k] = True
    return rewritten
