"""Rows of a workbook's table made of formulas never calculated alone (detection/uncalculated.py):
every reader gives such a row as a blank one, or past the sheet's last value as none, so a day a
script wrote as "=B6*1.01" and nothing calculated vanished without a word, or refused every other
day of the file. Each is accounted for by its formulas: a rejected row where a price of it is lost,
else a non-data line (a totals row of a range, a date filled down ahead of its prices).
"""
from __future__ import annotations

from backintime_assets.detection.uncalculated import UNCALCULATED, price_columns, unread_rows

from .records import Line, csv_line
from .sheets import SheetPlan

NO_VALUE = (f"{UNCALCULATED}: no value saved, the row read blank (a workbook written by a program and not"
            " saved by Excel since): open it in Excel and save it, then migrate it again")
NO_PRICE = f"{UNCALCULATED}: no price among them"  # the kind of such a row's non-data line


def unread_formula_lines(data: bytes, plans: list[SheetPlan]) -> tuple[list[Line], list[Line]]:
    """(rejected lines, non-data lines) of the rows of formulas alone of the data sheets of .xlsx
    `data` (unread_rows), each at its line (base + row), its raw text its formulas."""
    rejected: list[Line] = []
    kept: list[Line] = []
    for plan in plans:
        schema = plan.schema
        if schema is None:
            continue
        rows = plan.sheet.rows
        header = rows[schema.header_row] if 0 <= schema.header_row < len(rows) else []
        cmap = schema.canonical_map()
        keys = {cmap.get("date"), cmap.get("ticker")}
        first = max(schema.data_start_line, 0)
        for r, formulas, lost in unread_rows(data, plan.sheet.name, rows, first, price_columns(schema, header), keys):
            raw = plan.label(r + 1) + csv_line([formulas.get(j, "") for j in range(max(formulas) + 1)])
            (rejected if lost else kept).append((plan.base + r + 1, raw, NO_VALUE if lost else NO_PRICE))
    return rejected, kept
