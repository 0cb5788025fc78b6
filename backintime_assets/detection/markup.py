"""Tables of web and Excel 2003 exports saved under a workbook's name ("prices.xls"): an HTML page
holding <table>s, or an XML Spreadsheet (SpreadsheetML). Read as a workbook's sheets (xlsx.py):
rows of cells, with the standard library only.

HTML: each table is a sheet, named "table k" in the order tables end, so a table nested in another
(a data table inside a page's layout table) comes before it: the reader's first sheet with rows is
then the data, and the layout table's own text (a title, an account number) is another sheet's,
accounted for as such (normalisation/sheets.py), not lost. A nested table's cells are its own, not
its outer cell's. A cell is its text with tags stripped, entities decoded and whitespace collapsed;
a <caption> is the table's first row (a title). colspan pads empty cells after the cell (a merged
header over two columns names neither twice); rowspan repeats the cell in the rows below, as a
browser shows it: a date or ticker spanning its group's rows belongs to each of them.
SpreadsheetML: each <Worksheet> is a sheet, <Row>/<Cell> placed by ss:Index (gaps are empty),
<Data> typed by ss:Type (Number, DateTime, Boolean as calamine gives them; String as written).
"""
from __future__ import annotations

import codecs
import re
from datetime import datetime
from html.parser import HTMLParser
from xml.parsers import expat

_SNIFF_CHARS = 4096
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
# A text file whose first cell is a tag ("<html>,Date,Close"; "<TABLE>;<DATE>") is no page: a
# page's first tag is followed by markup or text, not by a field delimiter.
_DELIMITED_TAG = re.compile(r"<\w+>[ ]*[,;\t|]")
# A page starts with markup (a declaration, comments, then an HTML element); a text file whose first
# cell is "<DATE>" (MetaStock and Finam exports) is no page.
_HTML_START = re.compile(r"\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*"
                         r"(?P<tag><(?:!doctype\s+html|html|head|body|table|meta|title|style)\b)", re.I | re.S)
_XMLSS_NAMESPACE = "urn:schemas-microsoft-com:office:spreadsheet"
_XMLSS_START = re.compile(r"\s*<(?:[?!]|(?:\w+:)?Workbook\b)")
_META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([\w.:-]+)", re.I)
_MAX_SPAN = 1000  # HTML's own limit on colspan; also bounds ss:Index and ss:MergeAcross gaps
_MAX_COLUMNS = 16384  # Excel's
_MAX_ROWS = 2**20  # Excel's
# Cells (and rows) a file's spans and ss:Index gaps may add beyond this plus one per byte of the
# file are refused: a few bytes of ss:Index="1048576" or colspan="1000" would otherwise fill
# gigabytes with empty cells (an expansion attack needing no entities).
_PADDING_BUDGET = 2**20


class MarkupProblem(ValueError):
    """A page or XML file that holds no table to read, said as the file problem itself."""


class _Budget:
    def __init__(self, data: bytes) -> None:
        self.left = _PADDING_BUDGET + len(data)

    def spend(self, cells: int) -> None:
        self.left -= max(cells, 0)
        if self.left < 0:
            raise MarkupProblem("a page or XML spreadsheet whose spans or gaps would make far more cells"
                                " than it holds (not read)")


def markup_format(head: bytes) -> str | None:
    """"html" for an HTML page, "xmlss" for an Excel XML Spreadsheet, None for anything else."""
    text = _sniff_text(head)
    if _XMLSS_START.match(text) and _XMLSS_NAMESPACE in text and re.search(r"<(?:\w+:)?Workbook\b", text):
        return "xmlss"
    page = _HTML_START.match(text)
    if page and not _DELIMITED_TAG.match(text, page.start("tag")):
        return "html"
    return None


def _sniff_text(head: bytes) -> str:
    for bom, encoding in _BOMS:
        if head.startswith(bom):
            return head[:_SNIFF_CHARS * 2].decode(encoding, "replace")
    return head[:_SNIFF_CHARS].decode("latin-1")  # tags are ASCII in every 8-bit charset


def markup_tables(data: bytes, kind: str) -> list[tuple[str, list[list]]]:
    """(name, rows) of each table of an "html" or "xmlss" file (markup_format)."""
    return _html_tables(data) if kind == "html" else _xmlss_sheets(data)


def html_text(data: bytes) -> str:
    """An HTML page's text: its BOM, else its <meta charset>, else UTF-8, else Windows-1252 (what
    browsers take ISO-8859-1 and an unmarked 8-bit page for)."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding, "replace")
    declared = _META_CHARSET.search(data[:_SNIFF_CHARS * 4])
    if declared:
        try:
            name = codecs.lookup(declared.group(1).decode("ascii")).name
        except (LookupError, UnicodeDecodeError):
            name = None
        if name in ("latin-1", "iso8859-1", "ascii"):
            name = "cp1252"
        if name is not None and not name.startswith("utf-16"):  # a page read as bytes is no UTF-16
            return data.decode(name, "replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", "replace")


def _span(value: str | None) -> int:
    try:
        return min(max(int((value or "1").strip()), 1), _MAX_SPAN)
    except ValueError:
        return 1


class _Table:
    def __init__(self, budget: _Budget) -> None:
        self.budget = budget
        self.rows: list[list[str]] = []
        self.cell: list[str] | None = None  # the text pieces of the open cell
        self.colspan = 1
        self.rowspan = 1
        self.below: dict[int, tuple[str, int]] = {}  # column -> (text, rows left) of a rowspan
        self.in_row = False

    def start_row(self) -> None:
        self.end_row()
        self.rows.append([])
        self.in_row = True
        self._fill_spanned()

    def start_cell(self, attrs: dict) -> None:
        self.end_cell()
        if not self.in_row:  # a cell without its <tr>, which browsers forgive
            self.start_row()
        self.cell, self.colspan, self.rowspan = [], _span(attrs.get("colspan")), _span(attrs.get("rowspan"))

    def end_cell(self) -> None:
        if self.cell is None:
            return
        row = self.rows[-1]
        text = " ".join("".join(self.cell).split())
        if self.rowspan > 1:
            self.below[len(row)] = (text, self.rowspan - 1)
        row.append(text)
        pad = min(self.colspan - 1, _MAX_COLUMNS - len(row))
        self.budget.spend(1 + max(pad, 0))
        row.extend([""] * pad)
        self.cell = None
        self._fill_spanned()

    def end_row(self) -> None:
        self.end_cell()
        if self.in_row:  # spans reaching past this row's own cells (a short row)
            row = self.rows[-1]
            while any(col >= len(row) for col in self.below):
                if len(row) in self.below:
                    self._fill_spanned()
                else:
                    self.budget.spend(1)
                    row.append("")
        self.in_row = False

    def _fill_spanned(self) -> None:
        """Repeat the rowspan cells that reach this row, at their columns, before its next cell."""
        row = self.rows[-1]
        while len(row) in self.below:
            text, left = self.below.pop(len(row))
            self.budget.spend(1)
            if left > 1:
                self.below[len(row)] = (text, left - 1)
            row.append(text)

    def end(self) -> list[list[str]]:
        self.end_row()
        return self.rows


class _HtmlTables(HTMLParser):
    def __init__(self, budget: _Budget) -> None:
        super().__init__(convert_charrefs=True)
        self.budget = budget
        self.open: list[_Table] = []
        self.done: list[list[list[str]]] = []  # rows of each table, in the order tables end
        self.caption: list[str] | None = None

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag == "table":
            self.open.append(_Table(self.budget))
        elif not self.open:
            return
        elif tag == "tr":
            self.open[-1].start_row()
        elif tag in ("td", "th"):
            self.open[-1].start_cell(dict(attrs))
        elif tag == "caption":
            self.caption = []
        elif tag == "br" and self.open[-1].cell is not None:
            self.open[-1].cell.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if not self.open:
            return
        table = self.open[-1]
        if tag == "table":
            self.done.append(self.open.pop().end())
        elif tag == "tr":
            table.end_row()
        elif tag in ("td", "th"):
            table.end_cell()
        elif tag == "caption" and self.caption is not None:
            title = " ".join("".join(self.caption).split())
            table.rows.insert(0, [title] if title else [])
            self.caption = None

    def handle_data(self, data: str) -> None:
        if self.caption is not None:
            self.caption.append(data)
        elif self.open and self.open[-1].cell is not None:
            self.open[-1].cell.append(data)

    def close(self) -> None:
        super().close()
        while self.open:  # tables a truncated page leaves open
            self.done.append(self.open.pop().end())


def _html_tables(data: bytes) -> list[tuple[str, list[list]]]:
    parser = _HtmlTables(_Budget(data))
    parser.feed(html_text(data))
    parser.close()
    tables = [rows for rows in parser.done if any(rows)]
    if not tables:
        raise MarkupProblem("an HTML page with no table (not a price export?)")
    return [(f"table {k + 1}", rows) for k, rows in enumerate(tables)]


def _count(value: str | None) -> int:
    """An ss:Span or ss:MergeAcross: how many more rows or cells."""
    try:
        return min(max(int((value or "0").strip()), 0), _MAX_SPAN)
    except ValueError:
        return 0


def _local(name: str) -> str:
    return name.rsplit(" ", 1)[-1]  # expat's "namespace local" names


def _index(attrs: dict, at: int, limit: int) -> int:
    """The 0-based position an ss:Index (1-based) gives, never before `at` nor beyond `limit`."""
    raw = next((v for k, v in attrs.items() if _local(k) == "Index"), None)
    try:
        wanted = int(raw) - 1 if raw is not None else at
    except ValueError:
        wanted = at
    return min(max(wanted, at), limit)


def _attr(attrs: dict, name: str) -> str | None:
    return next((v for k, v in attrs.items() if _local(k) == name), None)


def _typed(text: str, kind: str | None) -> object:
    """A <Data> cell's value as calamine gives a workbook's: floats, datetimes and booleans typed."""
    try:
        if kind == "Number":
            return float(text)
        if kind == "DateTime":
            return datetime.fromisoformat(text.strip()[:19])
        if kind == "Boolean":
            return text.strip() in ("1", "true", "TRUE")
    except ValueError:
        pass
    return text


def _xmlss_sheets(data: bytes) -> list[tuple[str, list[list]]]:
    sheets: list[tuple[str, list[list]]] = []
    state: dict = {"data": None}
    budget = _Budget(data)

    def start(name: str, attrs: dict) -> None:
        tag = _local(name)
        if tag == "Worksheet":
            sheets.append((_attr(attrs, "Name") or f"Sheet{len(sheets) + 1}", []))
        elif not sheets:
            return
        elif tag == "Row":
            rows = sheets[-1][1]
            at = _index(attrs, len(rows), _MAX_ROWS - 1)
            budget.spend(max(at - len(rows) + 1, 0))  # a row past Excel's last is on it
            rows.extend([] for _ in range(at - len(rows) + 1))
            state["span"] = _count(_attr(attrs, "Span"))
            budget.spend(state["span"])
        elif tag == "Cell" and sheets[-1][1]:
            row = sheets[-1][1][-1]
            at = _index(attrs, len(row), _MAX_COLUMNS)
            merged = _count(_attr(attrs, "MergeAcross"))
            budget.spend(max(at - len(row) + 1, 0) + merged)
            row.extend([None] * (at - len(row) + 1))
            state["cell"] = (row, at, merged)
        elif tag == "Data" and state.get("cell"):
            state["data"], state["type"] = [], _attr(attrs, "Type")

    def end(name: str) -> None:
        tag = _local(name)
        if tag == "Data" and state["data"] is not None:
            row, at, _ = state["cell"]
            row[at] = _typed("".join(state["data"]), state["type"])
            state["data"] = None
        elif tag == "Cell" and state.get("cell"):
            row, at, merged = state.pop("cell")
            row.extend([None] * merged)  # a merge across is one value, then empty cells
        elif tag == "Row" and sheets and state.get("span"):
            sheets[-1][1].extend([] for _ in range(state.pop("span")))  # ss:Span: more empty rows

    def text(chunk: str) -> None:
        if state["data"] is not None:
            state["data"].append(chunk)

    def no_entities(*_args) -> None:
        # Entities declared in a DTD are what entity-expansion attacks use; a spreadsheet has none.
        raise MarkupProblem("an XML file declaring entities, which is not read")

    parser = expat.ParserCreate(namespace_separator=" ")
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    parser.StartElementHandler, parser.EndElementHandler, parser.CharacterDataHandler = start, end, text
    parser.EntityDeclHandler = no_entities
    parser.UnparsedEntityDeclHandler = no_entities
    parser.ExternalEntityRefHandler = no_entities
    try:
        parser.Parse(data, True)
    except expat.ExpatError as exc:
        raise MarkupProblem(f"an Excel XML spreadsheet that is not well-formed XML (line {exc.lineno})") from None
    return sheets
