"""Numbers a workbook's keeper left as text with a decimal comma ("31,77M", "-1,01%", "290,352"), on a
sheet whose other numbers are typed.

A typed cell's dot is the program's decimal mark (xlsx.cell_text writes 290.727 so); a text cell's comma is
its writer's: an investing.com download opened in a European locale keeps its prices typed and leaves
the volumes ("31,77M") and changes it cannot read as text. One number format serves the whole sheet, so
the commas made it decimal-comma: a typed 290.727 read as 290727 (silent), or the dot numbers failed to
read and every row was rejected. Rewritten with the program's dot, the text reads as the typed cells do.
A column is rewritten only where one of its texts can be nothing but a decimal comma (a dot grouping
before it, or not three digits after it): "1,234" alone may group thousands, as an English writer's does.
"""
from __future__ import annotations

import re

# A number with a comma before its fraction, maybe grouped by dots, maybe a percentage or an abbreviation.
COMMA_NUMBER = re.compile(r"\s*[+-]?(?P<whole>\d{1,3}(?:\.\d{3})+|\d+),(?P<frac>\d+)\s?(?:%|[KkMmBb])?\s*")


def _decimal_only(text: str) -> bool:
    m = COMMA_NUMBER.fullmatch(text)
    return "." in m.group("whole") or len(m.group("frac")) != 3


def dot_decimals(commas: list[tuple[list[str], int]], dotted: list[tuple[list[str], int]]) -> list[bool]:
    """Rewrite, in place, the text cells `commas` holds ((its row's cells, its column), each a
    COMMA_NUMBER) with a dot for their decimal comma and no grouping, column by column where one of the
    column's cells is decimal-comma beyond doubt. Of each text cell `dotted` holds (a dot before three
    digits: "1.234"), whether it was rewritten as the whole number it groups: in such a column the
    writer's dot is their grouping, and "1.234" beside "1,5" and "1.234,5" read as 1.234 (silent)."""
    columns: dict[int, list[list[str]]] = {}
    for cells, j in commas:
        columns.setdefault(j, []).append(cells)
    rewritten = set()
    for j, rows in columns.items():
        if any(_decimal_only(cells[j]) for cells in rows):
            rewritten.add(j)
            for cells in rows:
                cells[j] = cells[j].replace(".", "").replace(",", ".")
    for cells, j in dotted:
        if j in rewritten:
            cells[j] = cells[j].replace(".", "")
    return [j in rewritten for _, j in dotted]
