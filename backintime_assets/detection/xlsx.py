"""Read .xlsx worksheets as rows of cell strings, so workbooks go through the same logic as CSV."""

from __future__ import annotations

import io
from collections import deque
from dataclasses import dataclass, field
from datetime import date, datetime, time

XLSX_MAGIC = b"PK\x03\x04"


@dataclass
class Sheet:
    name: str | None
    rows: list[list[str]] = field(default_factory=list)  # rows[i] is spreadsheet row i + 1
    tail: list[list[str]] | None = None  # last rows when `rows` holds only the first ones
    total_rows: int = 0


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


def _bounded(name: str | None, rows, head: int | None, tail: int) -> Sheet:
    out = Sheet(name)
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
        yield _bounded(name, wb.get_sheet_by_name(name).to_python(skip_empty_area=False), head, tail)


def _sheets_openpyxl(data: bytes, sheet: str | None, head: int | None, tail: int):
    import openpyxl

    wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        chosen = [wb[sheet]] if sheet is not None and sheet in wb.sheetnames else wb.worksheets
        for ws in chosen:
            yield _bounded(ws.title, ws.iter_rows(values_only=True), head, tail)
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
