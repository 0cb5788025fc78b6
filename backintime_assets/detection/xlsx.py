"""Read workbooks (.xlsx/.xlsm, .xls, .xlsb, .ods) as rows of cell strings, so they go through the
same logic as CSV. calamine reads them all; openpyxl, the fallback, reads .xlsx only. HTML pages
and Excel 2003 XML spreadsheets (a web or bank export's "prices.xls") are read as workbooks too,
each table a sheet (markup.py).

Detection reads one sheet (`read_sheet`); normalisation reads them all (`read_sheets`), since a
workbook often holds a sheet per month or per ticker in one layout (normalisation/sheets.py).
Rows of several sheets share one line numbering: row r (1-based) of the workbook's k-th sheet in
tab order (k from 0, chart sheets counted) is line k * SHEET_LINES + r, so the first sheet's lines
are its rows and any line decodes back (`sheet_row`). SHEET_LINES is 2**20, Excel's row limit; a
workbook beyond it (not written by Excel) gets the next power of two, so that lines never collide.
"""

from __future__ import annotations

import io
import re
from array import array
from collections import deque
from dataclasses import dataclass, field
from datetime import date, datetime, time
from itertools import chain, pairwise
from pathlib import PurePath
from typing import TYPE_CHECKING

from .comma_text import COMMA_NUMBER, dot_decimals
from .date_system import counts_from_1904
from .isolated import ReaderCrashed, run_isolated
from .markup import MarkupProblem, markup_format, markup_tables
from .text_thousands import regroup

if TYPE_CHECKING:  # numpy is imported where a book has date cells: `backintime detect` of CSVs starts without it
    import numpy as np

ZIP_MAGIC = b"PK\x03\x04"  # .xlsx, .xlsm, .xlsb and .ods are zip archives
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls (Excel 97-2003) is an OLE2 compound file
_ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"  # the first member, stored: raw bytes
_XLSB_PART = re.compile(rb"xl/(?:workbook|worksheets/[^/]{1,64})\.bin")  # not xl/vbaProject.bin (.xlsm)
_SNIFF_BYTES = 65536
# BIFF: FILEPASS (0x2F), the record of an encrypted .xls, comes right after the workbook's first BOF
# (0x809, 16 bytes long in BIFF8, 8 in BIFF5).
_BIFF_FILEPASS = re.compile(rb"\x09\x08(?:\x10\x00.{16}|\x08\x00.{8})\x2f\x00", re.DOTALL)
WORKBOOK_SUFFIXES = {".xlsx": "xlsx", ".xlsm": "xlsx", ".xls": "xls", ".xlsb": "xlsb", ".ods": "ods"}
MARKUP_FORMATS = frozenset({"html", "xmlss"})  # read by markup.py, whatever the name
WORKBOOK_FORMATS = frozenset(WORKBOOK_SUFFIXES.values()) | MARKUP_FORMATS  # FileSchema.file_format of a workbook
SHEET_LINES = 2**20  # rows an Excel worksheet holds at most
_LINE_BREAKS = re.compile(r"[ \t]*[\r\n]+[ \t]*")


class UnreadableWorkbook(Exception):
    """A workbook the installed readers cannot take (a .xls without python-calamine)."""


def unreadable(exc: Exception, data: bytes = b"") -> str:
    """The file problem of workbook `data` that could not be read."""
    # An OLE2 file is read as .xls whatever its name; it may hold something else: an encrypted
    # .xlsx is an EncryptedPackage, an .xls a Workbook (Excel 95: Book), a Word file a WordDocument.
    if data.startswith(OLE2_MAGIC) and _ole2_entry(data, "EncryptedPackage"):
        return "unreadable workbook: password-protected"
    if data.startswith(OLE2_MAGIC) and not any(_ole2_entry(data, n) for n in ("Workbook", "Book")):
        return "unreadable workbook: a legacy Office file holding no workbook (a Word document?)"
    if data.startswith(OLE2_MAGIC) and _BIFF_FILEPASS.search(data):
        # Excel also encrypts an .xls whose structure is protected (with a built-in password):
        # such a file opens in Excel without one, and saved as .xlsx it is no longer encrypted.
        return "unreadable workbook: encrypted .xls (a password or a protected workbook): save it as .xlsx"
    if isinstance(exc, MarkupProblem):
        return str(exc)
    if isinstance(exc, (UnreadableWorkbook, ReaderCrashed)):
        return f"unreadable workbook: {exc}"
    return f"unreadable workbook: {type(exc).__name__}"  # corrupt archives raise anything


def _ole2_entry(data: bytes, name: str) -> bool:
    """Whether OLE2 file `data` has a stream or storage called `name`. Its directory's 128-byte
    entries start with the name in UTF-16, NUL-ended, and hold that length in bytes at +64; and
    sectors (512 or 4096 bytes) keep them 128-aligned in the file. Only there does a name count:
    a Word document's text saying "Order Book" is no Book stream."""
    wanted = name.encode("utf-16-le") + b"\0\0"
    length = len(wanted).to_bytes(2, "little")
    at = data.find(wanted)
    while at >= 0:
        if at % 128 == 0 and data[at + 64:at + 66] == length:
            return True
        at = data.find(wanted, at + 1)
    return False


@dataclass
class Sheet:
    name: str | None
    rows: list[list[str]] = field(default_factory=list)  # rows[i] is spreadsheet row i + 1
    tail: list[list[str]] | None = None  # last rows when `rows` holds only the first ones
    total_rows: int = 0
    index: int = 0  # position among the workbook's sheets, in tab order (chart sheets count)
    visible: bool = True  # False: hidden (or "very hidden") by whoever kept the workbook
    # Its workbook counts serial dates from 1904-01-01 (date_system.py): a plain number that is a
    # date reads in that system.
    dates_from_1904: bool = False
    # How many worksheets its workbook holds (chart sheets not counted; 0: not told, a page's tables):
    # a lone sheet's name names no ticker of its own (normalisation/sheets.py names a sheet each).
    worksheets: int = 0
    # Of each row holding one label merged across columns, that label: (first column, last column, text),
    # 0-based, by row. "AAPL" merged over the prices (alone on its row, or beside a "Date" merged down)
    # names whose they are (detection/header_ticker.label_over_fields).
    labels: dict[int, tuple[int, int, str]] = field(default_factory=dict)
    # A cell stored as text reads as a number whose one dot leads three digits ("4.537"): not typed, so
    # not the program's decimal dot (numbers.detect_number_format's `typed`), it may group thousands.
    text_numbers: bool = False
    # Date cells at midnight (typed, reading as their date alone: cell_text), by column, as their 0-based
    # rows in ascending int32: a date cell is a moment, where a text cell reading the same "2024-05-01"
    # writes none, as a CSV's does not (normalisation/day_snapshot.py: a hand-kept log's dates are no
    # midnight stamps). Told here, where the cell's type is still known; an array, not a set of cells,
    # so that a million rows of dates cost 4 MB, not hundreds.
    midnight_days: dict[int, np.ndarray] = field(default_factory=dict)


def workbook_format(data: bytes, name: str = "") -> str | None:
    """"xlsx", "xls", "xlsb" or "ods" for a workbook, "html" or "xmlss" for a page or XML
    spreadsheet of tables, None for anything else. The content decides, whatever the name: a binary
    .xls saved as prices.csv is a workbook, and a "prices.xls" or "prices.xlsx" exported by a web
    application is often text (CSV, tab-separated) or an HTML table. The name tells only a zip's
    kind when its part names are beyond the first bytes; anything else that is no zip, OLE2 file or
    markup is for the text reader, which loads text and calls other bytes binary."""
    head = data[:_SNIFF_BYTES]
    if head.startswith(OLE2_MAGIC):
        return "xls"
    if head.startswith(ZIP_MAGIC):
        if _ODS_MIMETYPE in head[:256]:
            return "ods"
        if _XLSB_PART.search(head):
            return "xlsb"
        if b"xl/" in head:
            return "xlsx"
        # Asked of every file: the name is looked at only here (a path split costs half the sniff).
        return WORKBOOK_SUFFIXES.get(PurePath(name.lower()).suffix)
    return markup_format(head)


def is_workbook(data: bytes, name: str) -> bool:
    return workbook_format(data, name) is not None


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
    text = str(v)
    if "\n" in text or "\r" in text:
        # A line break typed in a cell (Alt+Enter: "Closing\nPrice") wraps its text: a space, as the
        # cell reads. Kept, it split the row's raw text over two lines, and a header of wrapped
        # names failed the whole file ("new-line character seen in unquoted field").
        return _LINE_BREAKS.sub(" ", text).strip()
    return text


def _trim(row: tuple) -> list[str]:
    cells = [cell_text(v) for v in row]
    while cells and not cells[-1].strip():
        cells.pop()
    return cells


def _merged_spans(merges) -> dict[int, list[tuple[int, int]]]:
    """Of merged cells ((top, first column), (bottom, last column)), 0-based: the column spans of
    those across columns, by their top row."""
    spans: dict[int, list[tuple[int, int]]] = {}
    for (top, first), (_, last) in merges or ():
        if last > first:
            spans.setdefault(top, []).append((first, last))
    return spans


def _merged_down(merges) -> dict[int, list[tuple[int, int]]]:
    """Of merged cells ((top, first column), (bottom, last column)), 0-based: those down rows, as
    (first column, bottom row) by their top row."""
    down: dict[int, list[tuple[int, int]]] = {}
    for (top, first), (bottom, _) in merges or ():
        if bottom > top:
            down.setdefault(top, []).append((first, bottom))
    return down


def _dates_down(rows, down: dict[int, list[tuple[int, int]]]):
    """`rows` with a date merged down over rows (_merged_down) written in each row it spans, as Excel
    shows it: an office's day written once over its tickers' rows ("2024-01-02" merged over AAPL, MSFT
    and GOOG) is stored in the top cell alone, and every row below it was rejected for its missing date.
    A date alone: a name merged down ("Date" over a header's two rows) is read once, as _spread reads it.
    And only in a row that names its own thing (a ticker's "MSFT"): a blank spacer row is no data, and a
    row of bare numbers under a day's prices (its change, 0.0125) is no second price of that day; dated,
    the one was rejected and the other refused the day's right price with it as an unnamed series. A
    ticker's code of digits (Tokyo's 7203, Seoul's "005930") names it too (_coded)."""
    if not down:
        yield from rows
        return
    pending: dict[int, list[tuple[int, date, list]]] = {}
    for i, row in enumerate(rows):
        for first, bottom in down.get(i, ()):
            value = row[first] if first < len(row) else None
            if isinstance(value, date):
                for below in range(i + 1, bottom + 1):
                    pending.setdefault(below, []).append((first, value, row))
        if i in pending:
            row = list(row)
            for first, value, top in pending.pop(i):
                if not any(_names(v) for k, v in enumerate(row) if k != first) and not _coded(row, top, first):
                    continue
                row.extend([None] * (first + 1 - len(row)))
                row[first] = value if row[first] in (None, "") else row[first]
        yield row


def _spread(row, spans: list[tuple[int, int]], below) -> list:
    """`row` with each label of merged cells across columns written in every column it spans, as
    Excel shows it: a field's name over its tickers' columns ("Close" over AAPL and MSFT, pandas'
    to_excel of yf.download; "AAPL US Equity" over Date and PX_LAST) is stored in the first cell
    alone, and the others read empty: the tickers side by side were refused as named by no field.
    Not a title merged across the table, alone on its row: written in each cell, it would read as a
    row of names. Nor a label the row `below` names no column under: "Close" merged over the close
    and an unnamed change column beside it, a data row's "Market closed" merged over its prices,
    written in each cell, read as several closes and refused the file. Merged rows below the top
    one stay empty (a name merged down is read once)."""
    row = list(row)
    for first, last in spans:
        label = row[first] if first < len(row) else None
        if label in (None, "") or not any(v not in (None, "") for j, v in enumerate(row) if not first <= j <= last):
            continue
        if not any(_names(v) for v in (below or ())[first + 1:last + 1]):
            continue
        row.extend([None] * (last + 1 - len(row)))
        row[first + 1:last + 1] = [label if v in (None, "") else v for v in row[first + 1:last + 1]]
    return row


def _merged_labels(rows: list[list[str]], spans: dict[int, list[tuple[int, int]]]) -> dict[int, tuple[int, int, str]]:
    """Of a sheet's first `rows` (as kept), the label of merged cells across columns (`spans`,
    _merged_spans) of each row that holds one such label alone (two: two tickers' blocks)."""
    labels = {}
    for top, row_spans in spans.items():
        named = [(first, last, rows[top][first].strip()) for first, last in row_spans
                 if top < len(rows) and first < len(rows[top]) and rows[top][first].strip()]
        if len(named) == 1:
            labels[top] = named[0]
    return labels


def _coded(row, top, first: int) -> bool:
    """Whether `row`, under the date its merged column `first` holds in row `top`, is another thing's row
    of the day named by a code of digits: filled in the columns `top` is, two or more, the first of them
    a code unlike top's (a whole number above zero). Not a row of a day's changes under its prices: a
    change is no code, and under a lone close no column is left for one. Nor a row of whole changes
    under a whole price (2 and 300 under 100 and its 5000 shares), each a small fraction of the top row's
    (_A_MOVE): dated, it had refused the day's right price with it as an unnamed series (6fe6d09). A
    code's row holds its own price, no such fraction of another's."""
    filled = [k for k, v in enumerate(row) if k != first and v not in (None, "")]
    if len(filled) < 2 or filled != [k for k, v in enumerate(top) if k != first and v not in (None, "")]:
        return False
    code, above = row[filled[0]], top[filled[0]]
    return _code(code) and _code(above) and code != above \
        and not all(_a_move(row[k], top[k]) for k in filled)


# A day's change is at most this fraction of its price (a limit move: 30%).
_A_MOVE = 0.3


def _a_move(value, above) -> bool:
    """Whether a number is small enough beside the one above it to be its change (_A_MOVE)."""
    numbers = all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in (value, above))
    return numbers and abs(value) < _A_MOVE * abs(above)


def _code(value) -> bool:
    """Whether a cell reads as a code of digits: a whole number above zero, or a text of digits."""
    if isinstance(value, str):
        return value.strip().isdigit()
    return isinstance(value, (int, float)) and not isinstance(value, bool) and value > 0 and float(value).is_integer()


def _names(value) -> bool:
    """Whether a cell reads as a column's name: text with a letter, not a number or a date."""
    return isinstance(value, str) and any(ch.isalpha() for ch in value)


def _spread_rows(rows, spans: dict[int, list[tuple[int, int]]]):
    """`rows` with the labels of `spans` (_merged_spans) spread (_spread), each seen beside the row below."""
    if not spans:
        yield from rows
        return
    for i, (row, below) in enumerate(pairwise(chain(rows, [None]))):
        yield _spread(row, spans[i], below) if i in spans else row


_MERGE_REF = re.compile(rb'<(?:\w+:)?mergeCell\s+ref="([A-Z]+\d+:[A-Z]+\d+)"')


def _openpyxl_merges(wb, ws) -> list:
    """The merged cells of a read-only openpyxl worksheet, which does not load them: from its part's
    XML, as calamine gives them. None found where the archive cannot be read so (the rows still are)."""
    from openpyxl.utils import range_boundaries

    try:
        xml = wb._archive.read(ws._worksheet_path)
    except Exception:  # private attributes of openpyxl's reader: without them, no merge is spread
        return []
    merges = []
    for ref in _MERGE_REF.findall(xml):
        first, top, last, bottom = range_boundaries(ref.decode())
        merges.append(((top - 1, first - 1), (bottom - 1, last - 1)))
    return merges


def _calamine_available() -> bool:
    try:
        import python_calamine  # noqa: F401
    except ImportError:
        return False
    return True


ENGINE = "calamine" if _calamine_available() else "openpyxl"  # calamine (Rust) is ~10x faster


# A number written with a dot before three digits, and maybe groups of three before ("4.537", "1.234.567"):
# a decimal to a program's typed cell, a grouped thousand to a German or Swiss writer's text.
_DOTTED_THREE = re.compile(r"\s*[+-]?\d{1,3}(?:\.\d{3})+\s*$")


def _bounded(name: str | None, rows, head: int | None, tail: int, index: int = 0, visible: bool = True,
             dates_from_1904: bool = False, worksheets: int = 0) -> Sheet:
    out = Sheet(name, index=index, visible=visible, dates_from_1904=dates_from_1904, worksheets=worksheets)
    last: deque[list[str]] = deque(maxlen=tail if head is not None else 0)
    dotted: list[tuple[list[str], int]] = []  # text cells of a dot before three digits: (row's cells, column)
    in_head: list[bool] = []
    commas: list[tuple[list[str], int]] = []  # text cells of a decimal comma, likewise
    fractions = False  # whether a typed number has a fraction: its dot the sheet's decimal mark
    midnight: dict[int, array] = {}  # Sheet.midnight_days, growing
    for i, row in enumerate(rows):
        cells = _trim(row)
        for j, v in enumerate(row):
            if isinstance(v, str):
                if "." in v and _DOTTED_THREE.match(v):
                    dotted.append((cells, j))
                    in_head.append(head is None or i < head)
                elif "," in v and COMMA_NUMBER.fullmatch(v):
                    commas.append((cells, j))
            elif isinstance(v, date):  # a datetime too; at midnight it reads as "YYYY-MM-DD" alone
                if len(cells[j]) == 10:
                    midnight.setdefault(j, array("i")).append(i)
            elif not fractions and isinstance(v, float) and not v.is_integer():
                fractions = True
        if head is None or i < head:
            out.rows.append(cells)
        else:
            last.append(cells)
        out.total_rows = i + 1
    if head is not None and out.total_rows > len(out.rows):
        out.tail = list(last)
    if midnight:
        import numpy as np

        out.midnight_days = {j: np.frombuffer(at, dtype=np.int32) for j, at in midnight.items()}
    if commas and fractions and dot_decimals(commas, dotted):
        dotted = []  # grouped wholes of a decimal-comma writer, no longer in doubt
    if dotted:
        # Those read as their column's typed numbers are (text_thousands.py) no longer in doubt.
        kept = out.rows + (out.tail or [])
        out.text_numbers = any(h and not done for h, done in zip(in_head, regroup(dotted, kept)))
    return out


def _nonblank_rows(sheet: Sheet) -> int:
    return sum(1 for r in sheet.rows if r) + sum(1 for r in sheet.tail or [] if r)


def _visible_first(names: list, visible) -> list:
    """A hidden sheet is most often a stale copy or a lookup table kept out of sight: the visible
    sheets are what the workbook's keeper reads, so they are looked at first."""
    return sorted(names, key=lambda n: not visible(n))


def _sheets_calamine(data: bytes, sheet: str | None, head: int | None, tail: int, visible_first: bool = False):
    from python_calamine import CalamineWorkbook, SheetTypeEnum, SheetVisibleEnum

    wb = CalamineWorkbook.from_filelike(io.BytesIO(data))
    shown = {m.name: m.visible == SheetVisibleEnum.Visible for m in getattr(wb, "sheets_metadata", [])}
    worksheets = sum(m.typ == SheetTypeEnum.WorkSheet for m in getattr(wb, "sheets_metadata", []))
    from_1904 = counts_from_1904(data, workbook_format(data))  # calamine's Python API does not tell
    names = [sheet] if sheet is not None and sheet in wb.sheet_names else wb.sheet_names
    if visible_first:
        names = _visible_first(names, lambda n: shown.get(n, True))
    for name in names:
        # skip_empty_area=False keeps leading empty rows, so row i stays spreadsheet row i + 1.
        found = wb.get_sheet_by_name(name)
        rows = found.to_python(skip_empty_area=False)
        merged = _merged_spans(getattr(found, "merged_cell_ranges", None))
        for top, spans in merged.items():
            if top < len(rows):
                rows[top] = _spread(rows[top], spans, rows[top + 1] if top + 1 < len(rows) else None)
        rows = _dates_down(rows, _merged_down(getattr(found, "merged_cell_ranges", None)))
        out = _bounded(name, rows, head, tail, wb.sheet_names.index(name), shown.get(name, True), from_1904,
                       worksheets)
        out.labels = _merged_labels(out.rows, merged)
        yield out


def _sheets_openpyxl(data: bytes, sheet: str | None, head: int | None, tail: int, visible_first: bool = False):
    import openpyxl
    from openpyxl.utils.datetime import CALENDAR_MAC_1904

    kind = workbook_format(data)
    if kind not in (None, "xlsx"):  # openpyxl reads Office Open XML only
        raise UnreadableWorkbook(f".{kind} needs python-calamine")

    wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        chosen = [wb[sheet]] if sheet is not None and sheet in wb.sheetnames else wb.worksheets
        if visible_first:
            chosen = _visible_first(chosen, lambda ws: ws.sheet_state == "visible")
        for ws in chosen:  # worksheets leaves chart sheets out; sheetnames, as calamine, has them
            merges = _openpyxl_merges(wb, ws)
            merged = _merged_spans(merges)
            rows = _dates_down(_spread_rows(ws.iter_rows(values_only=True), merged), _merged_down(merges))
            out = _bounded(ws.title, rows, head, tail, wb.sheetnames.index(ws.title),
                           ws.sheet_state == "visible", wb.epoch == CALENDAR_MAC_1904, len(wb.worksheets))
            out.labels = _merged_labels(out.rows, merged)
            yield out
    finally:
        wb.close()


def read_sheet(data: bytes, sheet: str | None = None, head: int | None = None, tail: int = 0,
               engine: str | None = None) -> Sheet:
    """Rows of `sheet` (default: the first worksheet holding at least two non-empty rows, a visible
    one before any hidden one). With `head`, keep only the first `head` rows plus the last `tail`
    rows (bounded detection)."""
    return _guarded(_reader(engine, data), data,
                    lambda reader: _first_sheet(reader(data, sheet, head, tail, visible_first=True)))


def _first_sheet(candidates) -> Sheet:
    first = None
    for candidate in candidates:
        if first is None:
            first = candidate
        if _nonblank_rows(candidate) >= 2:
            return candidate
    return first or Sheet(None)


def read_sheets(data: bytes, engine: str | None = None, head: int | None = None, tail: int = 0,
                visible_first: bool = False) -> list[Sheet]:
    """Every worksheet, whole (or bounded as read_sheet bounds), in tab order (a chart sheet has no
    rows: calamine gives it empty, openpyxl leaves it out; `index` keeps the tab position either
    way), or the visible ones first, in the order read_sheet looks at them."""
    return _guarded(_reader(engine, data), data,
                    lambda reader: list(reader(data, None, head, tail, visible_first=visible_first)))


def _guarded(reader, data: bytes, read):
    """read(reader), in a child process when calamine reads: it aborts the process on some damaged
    files (isolated.py). openpyxl and the markup reader are Python, whose errors are Exceptions."""
    if reader is not _sheets_calamine:
        return read(reader)
    try:
        return run_isolated(lambda: read(reader), len(data))
    except Exception as exc:
        if not _newer_error_value(exc, data):
            raise
        return read(_sheets_openpyxl)


def _newer_error_value(exc: Exception, data: bytes) -> bool:
    """Whether calamine failed an .xlsx on an error value it does not know. It knows Excel 2003's
    seven (#N/A, #DIV/0!, ...) and refuses the whole workbook for a cell holding one of Excel 365's:
    #SPILL! (a dynamic array blocked), #GETTING_DATA (Bloomberg, Refinitiv and FactSet formulas
    still loading when the file was saved), #CONNECT!/#BUSY! (STOCKHISTORY offline), #FIELD!,
    #CALC!, #BLOCKED!, #UNKNOWN!, #PYTHON!. One such cell cost the file's every row. openpyxl reads
    any error cell as its text, and each cell is then judged as the other engine's errors are."""
    return "Unsupported cell error value" in str(exc) and workbook_format(data) == "xlsx"


def _sheets_markup(kind: str):
    def read(data: bytes, sheet: str | None, head: int | None, tail: int, visible_first: bool = False):
        tables = markup_tables(data, kind)
        order = list(enumerate(tables))
        if visible_first:
            # A page's tables are all shown; a bank's or broker's export often opens with a small
            # summary (account, balances) before the transactions: detection looks at the longest first.
            order.sort(key=lambda it: -sum(1 for r in it[1][1] if any(c not in (None, "") for c in r)))
        for index, (name, rows) in order:
            if sheet is None or name == sheet or sheet not in (n for n, _ in tables):
                yield _bounded(name, rows, head, tail, index)
    return read


def _reader(engine: str | None, data: bytes = b""):
    kind = workbook_format(data[:_SNIFF_BYTES])
    if kind in MARKUP_FORMATS:
        return _sheets_markup(kind)
    return _sheets_calamine if (engine or ENGINE) == "calamine" else _sheets_openpyxl


def chosen_sheet(sheets: list[Sheet], name: str | None) -> Sheet | None:
    """The sheet `read_sheet(data, name)` reads, among `sheets` (read_sheets)."""
    if name is not None:
        named = next((s for s in sheets if s.name == name), None)
        if named is not None:
            return named
    ordered = sorted(sheets, key=lambda s: not s.visible)  # as read_sheet looks at them
    return next((s for s in ordered if _nonblank_rows(s) >= 2), ordered[0] if ordered else None)


def sheet_lines(sheets: list[Sheet]) -> int:
    """The line stride of these sheets: SHEET_LINES, or more for a sheet beyond Excel's limit."""
    longest = max((s.total_rows for s in sheets), default=0)
    return SHEET_LINES if longest <= SHEET_LINES else 1 << (longest - 1).bit_length()


def sheet_row(line: int, stride: int = SHEET_LINES) -> tuple[int, int]:
    """(sheet index in tab order, 1-based row) of a workbook line number."""
    return (line - 1) // stride, (line - 1) % stride + 1
