"""Formula cells an .xlsx holds without their values: a workbook written by a program (openpyxl,
a script's report) and never opened in Excel stores `=ROUND(B2*1.01,2)` and no result, which every
reader gives as an empty cell. A close column of such formulas read as no column at all, and the
column beside it ("Price", the formula's input) loaded as the close: wrong prices, without a word.
Excel saves each formula's last value beside it; only those files' formulas read as numbers.
xlsxwriter (pandas' to_excel engine, most scripts' reports) saves a 0 for each formula's value
instead, and has the workbook calculated when opened (fullCalcOnLoad): such a close read as 0 and
every row was rejected as a non-positive price, no word of formulas; a volume of them loaded as 0.
"""
from __future__ import annotations

import html
import io
import posixpath
import re
import zipfile
from collections import Counter
from collections.abc import Callable
from itertools import islice

from .canonical import header_says
from .schema import FileSchema

# A cell of a formula (its text, or a shared formula's reference) and no value, or an empty one. Elements
# may carry a namespace prefix (<x:c>, <x:f>: Microsoft's Open XML SDK writes them so, a program's report).
# Not a text formula's empty value (t="str", <v></v>): Excel's and LibreOffice's result of =IF(B9="","",...),
# a hand-kept book's close for a day not yet typed, calculated.
# Its value: none, empty, or a 0 (told apart below).
_UNCALCULATED = re.compile(rb'<(?:\w+:)?c r="([A-Z]{1,3})(\d{1,7})"([^>]*)>\s*<(?:\w+:)?f(?:\s[^>]*)?'
                           rb'(?:/>|>([^<]*)</(?:\w+:)?f>)\s*(<(?:\w+:)?v\s*/>|<(?:\w+:)?v>\s*(0?)\s*</(?:\w+:)?v>)?'
                           rb'\s*</(?:\w+:)?c>')
# A formula of a range ("SUM(B2:B11)", "AVERAGE(C:C)"): a totals row's, not a day's.
_RANGE = re.compile(rb"\$?[A-Z]{1,3}\$?\d*:\$?[A-Z]{1,3}|\$?\d+:\$?\d+")
# A cell a formula draws on, "!" before it where it is another sheet's ("Raw!B2", "'P&L'!$B$2"); not a
# function's name ("LOG10(") nor a name's part ("Rate2024").
_REFERENCE = re.compile(rb"(?:(!)|(?<![\w.]))\$?([A-Z]{1,3})\$?(\d+)(?![\w(])")
# The cells a sheet spans (its <dimension>, near the start of its part): "A1:C11" spans 11 rows.
_DIMENSION = re.compile(rb'<(?:\w+:)?dimension\s+ref="\$?[A-Z]{1,3}\$?\d+(?::\$?[A-Z]{1,3}\$?(\d+))?"')
# A workbook to be calculated when opened: what its writer saved as the formulas' values was no result.
_CALCULATED_ON_OPEN = re.compile(rb'<(?:\w+:)?calcPr\b[^>]*\bfullCalcOnLoad="(?:1|true)"')
_SHEET = re.compile(rb'<(?:\w+:)?sheet\b[^>]*?\bname="([^"]*)"[^>]*?\b\w+:id="([^"]+)"')
_RELATION = re.compile(rb'<Relationship\b[^>]*?\bTarget="([^"]+)"[^>]*?\bId="([^"]+)"'
                       rb'|<Relationship\b[^>]*?\bId="([^"]+)"[^>]*?\bTarget="([^"]+)"')
# Every problem this module names starts so (refusals.py: a judgement, which a user who maps the file
# otherwise may lift; normalisation rejects each row with it).
UNCALCULATED = "formulas never calculated"
_PRICE_FIELDS = frozenset({"open", "high", "low", "close", "adj_close", "volume"})
_SHOWN = 3


def _column(letters: bytes) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ch - 64
    return n - 1


def _sheet_part(book: zipfile.ZipFile, listing: bytes, sheet: str | None) -> str | None:
    """The archive's part holding sheet `sheet` of the workbook `listing` (xl/workbook.xml) names."""
    targets = {}
    for m in _RELATION.finditer(book.read("xl/_rels/workbook.xml.rels")):
        target, rid = (m.group(1), m.group(2)) if m.group(1) else (m.group(4), m.group(3))
        targets[rid] = target.decode()
    # A name is stored escaped: "P&L" as "P&amp;L".
    ids = {html.unescape(name.decode()): rid for name, rid in _SHEET.findall(listing)}
    if sheet not in ids or ids[sheet] not in targets:
        return None
    target = targets[ids[sheet]]
    return target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))


def sheet_extent(data: bytes, sheet: str | None) -> int:
    """The rows .xlsx `data`'s sheet `sheet` spans as its <dimension> says, 0 where it does not say.
    Read from its part's start alone: a row of formulas without values is read as no row at all, and
    past a sheet's last value it is not even read as an empty one."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as book:
            part = _sheet_part(book, book.read("xl/workbook.xml"), sheet)
            if part is None:
                return 0
            with book.open(part) as stream:
                m = _DIMENSION.search(stream.read(4096))
    except Exception:  # a damaged archive is the readers' to judge
        return 0
    return int(m.group(1)) if m and m.group(1) else 0


def uncalculated_cells(data: bytes, sheet: str | None, zeros_only: bool = False) -> list[tuple[int, int, bool, bool]]:
    """(row, column, whether it reads as 0, whether its formula is of a range), 0-based, of the formula
    cells of .xlsx `data`'s sheet `sheet` that hold no value; none where the workbook cannot be read so
    (its cells are read as before). `zeros_only`: where no price cell reads empty, only those read as 0
    are looked for, and the sheet is not read unless its workbook was never calculated (a day of no
    trades' 0 volume, the most)."""
    return [(r, c, zero, _RANGE.search(formula) is not None)
            for r, c, zero, formula in _formulas(data, sheet, zeros_only)]


def _formulas(data: bytes, sheet: str | None, zeros_only: bool = False) -> list[tuple[int, int, bool, bytes]]:
    """uncalculated_cells, each with its formula's text as stored (empty: a shared formula's other cells)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as book:
            listing = book.read("xl/workbook.xml")
            # A saved 0 is no result only where the workbook says it was never calculated: an Excel-saved
            # 0 is the formula's value (a price of 0 is rejected as any is).
            zero_unsaved = _CALCULATED_ON_OPEN.search(listing) is not None
            if zeros_only and not zero_unsaved:
                return []
            part = _sheet_part(book, listing, sheet)
            if part is None:
                return []
            xml = book.read(part)
    except Exception:  # a damaged archive is the readers' to judge
        return []
    if b"<f" not in xml and b":f" not in xml:  # no formula, prefixed or not
        return []
    return [(int(row) - 1, _column(col), bool(zero), formula)
            for col, row, kind, formula, value, zero in _UNCALCULATED.findall(xml)
            if (zero_unsaved if zero else not (value and b't="str"' in kind))]


def unread_rows(data: bytes, sheet: str | None, rows: list[list[str]], first: int, columns: set[int],
                keys: set[int]) -> list[tuple[int, dict[int, str], bool]]:
    """(row, its formulas by column, whether a price of it is lost), 0-based, of each row from `first`
    on of .xlsx `data`'s sheet `sheet` (`rows`: as read) made of formulas without values alone: every
    reader gives it as a blank row, or past the sheet's last value as none, and it had vanished without
    a word (a running series a script wrote, "=A6+1", "=B6*1.01"). A price is lost where one of its
    formulas is in a price column (`columns`) but the date's or the ticker's (`keys`), and of no range:
    a day's, or a summary's ("=B9/B2-1") that cannot be told from one, dated or not. None is lost on a
    totals row (a formula of a range among them, "=SUM(B2:B11)"), nor on a day to come, its date filled
    down ahead alone ("=A10+1"), nor where its price formulas draw on their row's empty cells alone
    (_draws_on_a_value)."""
    # Every row it spans read with a cell: a row of formulas without values reads with none (a row of
    # spaces passes, and is none of them). Joined in C: a sheet of 100k rows paid 20 ms for _filled.
    if all(map("".join, islice(rows, first, None))) and sheet_extent(data, sheet) <= len(rows):
        return []
    found: dict[int, dict[int, bytes]] = {}
    for r, c, zero, formula in _formulas(data, sheet):
        if r >= first and not zero and (r >= len(rows) or not _filled(rows[r])):
            found.setdefault(r, {})[c] = formula
    return [(r, {c: "=" + html.unescape(f.decode("utf-8", "replace")) if f else "=(shared formula)"
                 for c, f in sorted(cells.items())},
             not any(_RANGE.search(f) for f in cells.values())
             and any(_draws_on_a_value(f, r, cells) for c, f in cells.items() if c in columns - keys))
            for r, cells in sorted(found.items())]


def _draws_on_a_value(formula: bytes, row: int, formulas: dict[int, bytes]) -> bool:
    """Whether a formula of row `row` (0-based; `formulas`: its row's, by column) may give a value: one
    that draws on another row's cell or another sheet's ("=B6*1.01", "=Raw!B7"), on a formula of its
    row, or on none (a shared formula's other cells: not known). Not one that draws on its own row's
    empty cells alone: a template's filled down past the days ('=IF(B22="","",B22*1.01)') gives
    nothing, and had rejected hundreds of rows of a right load as lost days."""
    refs = _REFERENCE.findall(formula)
    return not refs or any(sheet or int(r) != row + 1 or _column(col) in formulas for sheet, col, r in refs)


def price_columns(schema: FileSchema, header: list[str]) -> set[int]:
    """The columns a price is read from: those mapped, and those whose header names a price (a column
    of formulas without values reads as none, and is not mapped)."""
    return ({j for j, c in enumerate(schema.columns) if c.canonical is not None}
            | {j for j, name in enumerate(header) if header_says(name) in _PRICE_FIELDS})


def blank_prices(schema: FileSchema, rows: list[list[str]], header: list[str], blank: tuple[str, ...] = ("",)) -> bool:
    """Whether any data row of `rows` (a sheet's, as read) has a price column's cell empty (or as
    `blank`: "0", a value xlsxwriter saves): where formulas without values would be, so that a sheet
    without any is not searched for them."""
    columns = price_columns(schema, header)
    return any(j >= len(row) or row[j].strip() in blank for row in rows[max(schema.data_start_line, 0):]
               if row for j in columns)


def _filled(cells: list[str]) -> bool:
    return any(map(str.strip, cells))  # a sheet's every row is looked at: no generator


def _priced(cells: list[str] | None, close: int | None, decimal: str) -> bool:
    """Whether a row's close reads as a positive number (it loads), or the row was not kept to tell."""
    if cells is None or close is None:
        return True
    try:
        return float(cells[close].strip().replace(decimal, ".")) > 0 if close < len(cells) else False
    except ValueError:
        return False


def uncalculated_problem(schema: FileSchema, cells: list[tuple[int, int, bool, bool]], header: list[str],
                         total_rows: int, row: Callable[[int], list[str] | None] = lambda r: None) -> str | None:
    """The problem of a table whose data rows hold formulas without values in a price column
    (price_columns). A formula column no price is read from ("Return") costs nothing; nor does a
    totals row below the table (its footer). Nor do a few such cells in a mapped column (a close typed
    as "=B9*1.01" on a day or two of a hand-kept book): read empty, their rows are rejected for it or
    load without that field, as any empty cell's, and the file's other days load; the file is refused
    where a column read empty is not mapped (a neighbour may have been read in its place) or is
    formulas in half its rows or more (its field lost for the most of the file). A few saved as 0
    (xlsxwriter's) are read as 0: a price's row is rejected for it, but a volume of 0 would load, so
    one such cell of a volume refuses the file, on a row whose close loads (`row`: a sheet's row as
    read, None past those kept): not a month's subtotal row, whose 0 close or text date rejects it.
    A row of such formulas alone, read blank, is no column's: normalisation rejects it whole (unread_rows)."""
    stop = total_rows - max(schema.footer_lines, 0)
    columns = price_columns(schema, header)
    hit = [(r, c, zero) for r, c, zero, _ in cells if schema.data_start_line <= r < stop and c in columns
           and ((read := row(r)) is None or _filled(read))]
    mapped = {j for j, c in enumerate(schema.columns) if c.canonical is not None}
    counts = Counter(c for _, c, _ in hit)
    close = schema.canonical_map().get("close")
    zero_volumes = any(zero and c in mapped and schema.columns[c].canonical == "volume"
                       and _priced(row(r), close, schema.decimal) for r, c, zero in hit)
    if not zero_volumes and all(c in mapped and 2 * n < stop - schema.data_start_line for c, n in counts.items()):
        return None
    columns = sorted({c for _, c, _ in hit})
    names = ", ".join(repr(header[c]) if c < len(header) and header[c].strip() else f"column {c + 1}"
                      for c in columns[:_SHOWN]) + (", ..." if len(columns) > _SHOWN else "")
    return (f"{UNCALCULATED}: {len(hit)} cells of {names} hold a formula and no value (a workbook"
            " written by a program and not saved by Excel since): open it in Excel and save it, then migrate it again")


def rejected_by_close(schema: FileSchema, cells: list[tuple[int, int, bool]], header: list[str]) -> bool:
    """Whether every formula cell without a value in a price column (uncalculated_cells) is on a row
    whose close is one too: each such row is rejected for its close, and none loads a 0 or empty field
    beside right prices. Where such a sheet is a view of another's values ("=Raw!B2"), that sheet's
    table can be read instead."""
    close = schema.canonical_map().get("close")
    columns = price_columns(schema, header)
    rows = {r for r, c, *_ in cells if c in columns and r >= schema.data_start_line}
    return close is not None and bool(rows) and rows <= {r for r, c, *_ in cells if c == close}

