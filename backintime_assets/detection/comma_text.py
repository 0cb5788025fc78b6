"""Numbers a workbook's keeper left as text with a decimal comma ("31,77M", "-1,01%", "290,352"), on a
sheet whose other numbers are typed.

A typed cell's dot is the program's decimal mark (xlsx.cell_text writes 290.727 so); a text cell's comma is
its writer's: an investing.com download opened in a European locale keeps its prices typed and leaves
the volumes ("31,77M") and changes it cannot read as text. One number format serves the whole sheet, so
the commas made it decimal-comma: a typed 290.727 read as 290727 (silent), or the dot numbers failed to
read and every row was rejected. Rewritten with the program's dot, the text reads as the typed cells do.
The texts are rewritten only where one of them can be nothing but a decimal comma (a dot grouping
before it, or not three digits after it): "1,234" alone may group thousands, as an English writer's does.
Then all of them are, and the same writer's "1.234" is a grouped whole: one writer's texts share one
locale, and a column of prices of three decimals ("12,345") beside changes of two ("1,01%") was read
12.345 by the sheet's vote until the changes alone were rewritten, then 12345 (silent).
"""
from __future__ import annotations

import re

# A number with a comma before its fraction, maybe grouped by dots, maybe a percentage or an abbreviation.
COMMA_NUMBER = re.compile(r"\s*[+-]?(?P<whole>\d{1,3}(?:\.\d{3})+|\d+),(?P<frac>\d+)\s?(?:%|[KkMmBb])?\s*")


def _decimal_only(text: str) -> bool:
    m = COMMA_NUMBER.fullmatch(text)
    return "." in m.group("whole") or len(m.group("frac")) != 3


def dot_decimals(commas: list[tuple[list[str], int]], dotted: list[tuple[list[str], int]]) -> bool:
    """Whether the text cells `commas` holds ((its row's cells, its column), each a COMMA_NUMBER) were
    rewritten, in place, with a dot for their decimal comma and no grouping, and those `dotted` holds
    (a dot before three digits: "1.234") as the whole number they group: where one of `commas` is
    decimal-comma beyond doubt."""
    if not any(_decimal_only(cells[j]) for cells, j in commas):
        return False
    for cells, j in commas:
        cells[j] = cells[j].replace(".", "").replace(",", ".")
    for cells, j in dotted:
        cells[j] = cells[j].replace(".", "")
    return True
