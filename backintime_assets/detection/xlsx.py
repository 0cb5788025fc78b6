"""Read .xlsx worksheets as rows of cell strings, so workbooks go through the same logic as CSV.

Detection reads one sheet (`read_sheet`); normalisation reads them all (`read_sheets`), since a
workbook often holds a sheet per month or per ticker in one layout (normalisation/sheets.py).
Rows of several sheets share one line numbering: row r (1-based) of the workbook's k-th sheet in
tab order (k from 0, chart sheets counted) is line k * SHEET_LINES + r, so the first sheet's lines
are its rows and any line decodes back (`sheet_row`). SHEET_LINES is 2**20, Excel's row limit; a
workbook beyond it (not written by Excel) gets the next power of two, so that lines never collide.
"""

from __future__ import annotations

import io
from collections import deque
from dataclasses import dataclass, field
from datetime import date, datetime, time

XLSX_MAGIC = b"PK\x03\x04"
SHEET_LINES = 2**20  # rows an Excel worksheet holds at most


@dataclass
class Sheet:
    name: str | None
    rows: list[list[str]] = field(default_factory=list)  # rows[i] is spreadsheet row i + 1
    tail: list[list[str]] | None = None  # last rows when `rows` holds only the first ones
    total_rows: int = 0
    index: int = 0  # position among the workbook's sheets, in tab order (chart sheets count)


def is_xlsx(data: bytes, name: str) -> bool:
    lower = name.lower()
    if lower.endswith((".xlsx", ".xlsm")):
        return True
    return data.startswith(XLSX_MAGIC) and b"xl/" in data[:65536]


def cell_text(v: object) -> str:
    """A cell as the text a CSV export would hold: ISO dates, integral floats without '.0'."""
    if v is None:
        return ""
    if isinstance(v, bool):
        return "TRUE" if v else "FALSE"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        if v != v:
            return ""
        if v.is_integer() and abs(v) < 1e15:
            return str(int(v))
        return repr(v)
    if isinstance(v, datetime):
        if v.time() == time(0):
            return v.strftime("%Y-%m-%d")
        return v.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(v, date):
        return v.isoformat()
    if isinstance(v, time):
        return v.isoformat()
    return str(v)


def _trim(row: tuple) -> list[str]:
    cells = [cell_text(v) for v in row]
    while cells and not cells[-1].strip():
        cells.pop()
    return cells


def _calamine_available() -> bool:
    try:
        import python_calamine  # noqa: F401
    except ImportError:
        return False
    return True


ENGINE = "calamine" if _calamine_available() else "openpyxl"  # calamine (Rust) is ~10x faster


def _bounded(name: str | None, rows, head: int | None, tail: int, index: int = 0) -> Sheet:
    out = Sheet(name, index=index)
    last: deque[list[str]] = deque(maxlen=tail if head is not None else 0)
    for i, row in enumerate(rows):
        cells = _trim(row)
        if head is None or i < head:
            out.rows.append(cells)
        else:
            last.append(cells)
        out.total_rows = i + 1
    if head is not None and out.total_rows > len(out.rows):
        out.tail = list(last)
    return out


def _nonblank_rows(sheet: Sheet) -> int:
    return sum(1 for r in sheet.rows if r) + sum(1 for r in sheet.tail or [] if r)


def _sheets_calamine(data: bytes, sheet: str | None, head: int | None, tail: int):
    from python_calamine import CalamineWorkbook

    wb = CalamineWorkbook.from_filelike(io.BytesIO(data))
    names = [sheet] if sheet is not None and sheet in wb.sheet_names else wb.sheet_names
    for name in names:
        # skip_empty_area=False keeps leading empty rows, so row i stays spreadsheet row i + 1.
        rows = wb.get_sheet_by_name(name).to_python(skip_empty_area=False)
        yield _bounded(name, rows, head, tail, wb.sheet_names.index(name))


def _sheets_openpyxl(data: bytes, sheet: str | None, head: int | None, tail: int):
    import openpyxl

    wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        chosen = [wb[sheet]] if sheet is not None and sheet in wb.sheetnames else wb.worksheets
        for ws in chosen:  # worksheets leaves chart sheets out; sheetnames, as calamine, has them
            yield _bounded(ws.title, ws.iter_rows(values_only=True), head, tail, wb.sheetnames.index(ws.title))
    finally:
        wb.close()


def read_sheet(data: bytes, sheet: str | None = None, head: int | None = None, tail: int = 0,
               engine: str | None = None) -> Sheet:
    """Rows of `sheet` (default: the first worksheet holding at least two non-empty rows).
    With `head`, keep only the first `head` rows plus the last `tail` rows (bounded detection)."""
    reader = _sheets_calamine if (engine or ENGINE) == "calamine" else _sheets_openpyxl
    first = None
    for candidate in reader(data, sheet, head, tail):
        if first is None:
            first = candidate
        if _nonblank_rows(candidate) >= 2:
            return candidate
    return first or Sheet(None)


def read_sheets(data: bytes, engine: str | None = None) -> list[Sheet]:
    """Every worksheet, whole, in tab order (a chart sheet has no rows: calamine gives it empty,
    openpyxl leaves it out; `index` keeps the tab position either way)."""
    reader = _sheets_calamine if (engine or ENGINE) == "calamine" else _sheets_openpyxl
    return list(reader(data, None, None, 0))


def chosen_sheet(sheets: list[Sheet], name: str | None) -> Sheet | None:
    """The sheet `read_sheet(data, name)` reads, among `sheets` (read_sheets)."""
    if name is not None:
        named = next((s for s in sheets if s.name == name), None)
        if named is not None:
            return named
    return next((s for s in sheets if _nonblank_rows(s) >= 2), sheets[0] if sheets else None)


def sheet_lines(sheets: list[Sheet]) -> int:
    """The line stride of these sheets: SHEET_LINES, or more for a sheet beyond Excel's limit."""
    longest = max((s.total_rows for s in sheets), default=0)
    return SHEET_LINES if longest <= SHEET_LINES else 1 << (longest - 1).bit_length()


def sheet_row(line: int, stride: int = SHEET_LINES) -> tuple[int, int]:
    """(sheet index in tab order, 1-based row) of a workbook line number."""
    return (line - 1) // stride, (line - 1) % stride + 1
