"""Lines outside the detected table that read as price rows.

Detection decides where a file's table starts (preamble, header) and ends (footer); the lines
outside are not read as data. When it errs, data rows land there and would vanish unseen: no
check counts lines that were never read. So each such line is read as a data row with the file's
own dialect and columns. One that gives a price row, or is refused with its date and close read
(for its values, an empty open, a volume "n.v."; not a wrong field count, an unparseable date, a
missing close, as a note or a totals line is), is rejected with a
reason that says where it was found: counted and visible, never loaded on a guess, since its place
outside the table is evidence too (a dated totals line below the table reads as a row). Lines that
do not read as the table's rows but, run together, as rows of a table of another layout (two
exports stacked) are rejected too (other_tables.py).
"""
from __future__ import annotations

import csv
import re
from collections.abc import Callable
from dataclasses import replace

from backintime_assets.detection.date_system import EAST
from backintime_assets.detection.dialect import reader_kwargs
from backintime_assets.detection.schema import FileSchema
from backintime_assets.detection.xlsx import WORKBOOK_FORMATS

from .other_tables import other_layout_rows
from .records import Line
from .result import NormalisedFile

# Rejections that say a line is not readable as a row of this table (rather than that its values are bad).
READING_PROBLEMS = ("unparseable", "missing value", "wrong field count", "empty row", "file problem")

# How the reasons of these rejections start.
OUTSIDE_THE_TABLE = "outside the table"
_LINE_REASONS = (*READING_PROBLEMS, OUTSIDE_THE_TABLE)
_DIGIT = re.compile(r"\d")


def _may_be_a_row(raw: str, schema: FileSchema, date: int, close: int) -> bool:
    """Cheap screen before the read, which costs milliseconds: a row has a field per column, with
    digits where its date and its close are. Most outside lines are a header of names or a totals
    line without a date, so most files never pay for the read."""
    if not _DIGIT.search(raw):
        return False
    width = len(schema.columns)
    delimiter = schema.delimiter or ","
    if raw.count(delimiter) < width - 1:
        return False
    if (schema.quotechar and schema.quotechar in raw) or schema.escapechar or schema.skipinitialspace:
        return True  # cells not found by a plain split: let the reader judge
    cells = raw.split(delimiter)
    return bool(_DIGIT.search(cells[date]) and _DIGIT.search(cells[close]))


def strays(lines: list[Line], schema: FileSchema, read: Callable[[bytes, FileSchema], NormalisedFile]) -> list[Line]:
    """The lines of `lines` ((line, raw, kind) outside the table, in line order) that read as price
    rows, or as rows of a table of another layout, as rejected (line, raw, reason); `read`
    normalises a text with a schema."""
    found = _price_rows(lines, schema, read)
    if not schema.columns:
        return found
    # The other lines may be rows of a table of another layout (other_tables.py), read as cells
    # with the file's dialect, as the table's rows are.
    workbook = schema.file_format in WORKBOOK_FORMATS
    dialect = (reader_kwargs(",", '"', None) if workbook else
               reader_kwargs(schema.delimiter or ",", schema.quotechar, schema.escapechar, schema.skipinitialspace))
    cmap = schema.canonical_map()
    # Read as written: text that may be stamped east of UTC is still its format ("_east": east_days.py).
    date_format = schema.columns[cmap["date"]].format.removesuffix(EAST) if "date" in cmap \
        and schema.columns[cmap["date"]].format else None
    taken = {line for line, _, _ in found}
    where = {"preamble": "above the table's header" if schema.header_row >= 0 else "above the table",
             "header": "in the table's header", "footer": "below the table"}
    others = other_layout_rows([line for line in lines if line[0] not in taken], dialect, date_format,
                               len(schema.columns), workbook, where)
    return sorted(found + others) if others else found


def _price_rows(lines: list[Line], schema: FileSchema, read: Callable[[bytes, FileSchema], NormalisedFile]
                ) -> list[Line]:
    """The lines of `lines` that read as price rows of the table, as rejected (line, raw, reason)."""
    cmap = schema.canonical_map()
    if not schema.columns or "date" not in cmap or "close" not in cmap:
        return []  # no line reads as a price row, outside the table or in it
    # The candidates will be read as a file of their own: utf-8, one line each, no header, no footer.
    as_rows = replace(schema, encoding="utf-8", line_terminator="\n", header_row=-1, data_start_line=0,
                      footer_lines=0, borrowed_from=None, file_format="csv")
    workbook = schema.file_format in WORKBOOK_FORMATS
    if workbook:  # the lines are cells written as CSV (records.csv_line)
        as_rows = replace(as_rows, delimiter=",", quotechar='"', escapechar=None, skipinitialspace=False)
    date, close = cmap["date"], cmap["close"]
    width = len(schema.columns)
    candidates, texts = [], []
    for line in lines:
        if line[2] == "blank":
            continue
        text = _padded(line[1], width) if workbook else line[1]
        if line[2] == "header" and not workbook:
            text = _run_into(text, as_rows, width) or text
        if _may_be_a_row(text, as_rows, date, close):
            candidates.append(line)
            texts.append(text)
    if not candidates:
        return []
    result = read("\n".join(texts).encode("utf-8"), as_rows)
    found = set(result.prices_arrow.column("source_line").to_pylist())
    rejected = result.rejected_arrow
    for k, reason in zip(rejected.column("source_line").to_pylist(), rejected.column("reason").to_pylist()):
        if _has_date_and_close(reason):
            found.add(k)
    out = []
    for k in sorted(found):
        line, raw, kind = candidates[k - 1]
        if texts[k - 1] != raw and not workbook:
            out.append((line, raw, f"{OUTSIDE_THE_TABLE}: a header line that runs into a price row"
                                   " (a line break missing after the header's last name)"))
            continue
        out.append((line, raw, f"{OUTSIDE_THE_TABLE}: a {kind} line that reads as a price row"
                               " (check the file's detected header and footer)"))
    return out


# A bracketed name (Metastock's "<Volume>") run into the text after it, where a line break is missing.
_NAME_RUN_INTO = re.compile(r"(<[^<>]+>)([^<>]+)")


def _run_into(raw: str, schema: FileSchema, width: int) -> str | None:
    """The row a header line runs into when the line break after it is missing, as cophieu68's
    Metastock exports write it ("<Ticker>,...,<Close>,<Volume>AAA,20261005,7.46,..."): a header of
    `width` names whose last runs into the first cell of a row of `width` more cells. Read as the
    header (its last name "<Volume>AAA"), the file's first row, its newest day, vanished without a
    word. None for any other line."""
    delimiter = schema.delimiter or ","
    if schema.quotechar and schema.quotechar in raw:
        return None
    cells = raw.split(delimiter)
    if len(cells) != 2 * width - 1 or (glued := _NAME_RUN_INTO.fullmatch(cells[width - 1])) is None:
        return None
    return delimiter.join([glued[2], *cells[width:]])


def _padded(raw: str, width: int) -> str:
    """A spreadsheet row as the table reads it: the sheet reader drops trailing empty cells, and
    the table pads them back (records.split_sheets); so must a row read here."""
    cells = next(csv.reader([raw]), [])
    return raw + "," * (width - len(cells)) if len(cells) < width else raw


def _has_date_and_close(reason: str) -> bool:
    """A rejection refused only for its values, or for a missing or unparseable cell other than the
    date and the close (an empty open, a volume "n.v."): in the table such a row is counted as
    rejected, so outside it must not vanish. Not a row: a wrong field count, an empty row, a line
    whose date or close does not read (a note, a totals line)."""
    reason = unlabelled(reason)
    if not reason.startswith(READING_PROBLEMS):
        return True
    prefix, _, columns = reason.partition(": ")
    if prefix not in ("missing value", "unparseable value"):
        return False
    return not {"date", "close"} & {c.strip() for c in columns.split(",")}


def unlabelled(reason: str) -> str:
    """A reading problem or an outside line's reason without the ticker that a row of several
    tickers side by side names before it (rules.series_reason: "AAPL: wrong field count ..."); any
    other reason as it is."""
    if reason.startswith(_LINE_REASONS):
        return reason
    rest = reason.partition(": ")[2]
    return rest if rest.startswith(_LINE_REASONS) else reason
