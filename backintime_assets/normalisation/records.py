"""Split the data region of a file into records of string cells, with their physical line numbers.

The fast path hands one-record-per-line text to pyarrow's CSV reader; lines it rejects and records
with quoted line breaks go through the csv module, and so does all of a file pyarrow refuses."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np
import pyarrow as pa
import pyarrow.csv as pacsv

from backintime_assets.detection.dialect import reader_kwargs
from backintime_assets.detection.dump_escapes import keep_dump_escapes
from backintime_assets.detection.numbers import NULL_SPELLINGS, number_patterns
from backintime_assets.detection.schema import FileSchema

from .chunks import one_array
from .lines import LineIndex
from .record_ends import record_ends

Line = tuple[int, str, str]  # (1-based line, raw text, reason)


@dataclass
class Records:
    line: np.ndarray  # int64, 1-based physical line where each record starts
    columns: dict[int, pa.Array]  # file column index -> cells (text, or typed by pyarrow), aligned with `line`
    raw: list[str] | None = None  # raw text per record when not recoverable from a LineIndex
    rejected: list[Line] = field(default_factory=list)  # decided while splitting (field counts)
    non_data: list[Line] = field(default_factory=list)  # blank lines inside the data region
    reader: str = "csv"  # how they were split: "pyarrow", "pyarrow+csv" (see split_fast), "csv", "xlsx"
    # Without `raw`: the raw text of the records spanning several lines, by their first line.
    spanned: dict[int, str] = field(default_factory=dict)
    # Rows read padded (FileSchema.ragged_from): their first line -> the fields they had.
    short: dict[int, int] = field(default_factory=dict)
    # Rows read with their blank surplus fields cut: their first line -> the fields they had.
    wide: dict[int, int] = field(default_factory=dict)
    # A workbook's date cells at midnight, by column: their lines, ascending (xlsx.Sheet.midnight_days).
    # They read as their date alone, as a text cell "2024-05-01" does, but only they stamp a moment.
    # None: no workbook's (a text file's cells are all text).
    midnight_days: dict[int, np.ndarray] | None = None

    def raw_text(self, k: int, index: LineIndex | None) -> str:
        """Raw text of record k: its lines joined with "\\n", as the csv module read them."""
        if self.raw is not None:
            return self.raw[k]
        line = int(self.line[k])
        return self.spanned[line] if line in self.spanned else index.text(line - 1)


def csv_line(fields: Sequence[str]) -> str:
    """Spreadsheet cells as one CSV line: the raw text reported for xlsx rows."""
    out = io.StringIO()
    csv.writer(out, lineterminator="").writerow(fields)
    return out.getvalue()


class _RowSorter:
    """Collects python-parsed records and checks their width: surplus cells that are all blank are
    tolerated (spreadsheet exports pad some rows), and so are missing trailing cells in a file whose
    writer leaves them out (FileSchema.ragged_from: rows of that many fields or more), except in an
    unterminated last line (`open_end`), which may be a row cut short; and surplus cells filled in
    the fields past the header's names (FileSchema.unnamed_past), ignored as that unnamed column's.
    Any other mismatch rejects the record."""

    def __init__(self, width: int, ragged_from: int | None = None, open_end: int | None = None,
                 unnamed_past: int | None = None, comma_grouped: re.Pattern | None = None,
                 numeric: frozenset[int] = frozenset()):
        self.width = width
        self.numeric = numeric  # the number columns' indices: a split row's merged cells fill them with numbers
        # Where the delimiter is the comma that groups thousands, a number grouped by it (number_patterns'):
        # a row one field wider may then be one written unquoted ("1,015.00"), no note in the unnamed column.
        self.comma_grouped = comma_grouped
        self.ragged_from = ragged_from or width
        self.widest = width + (unnamed_past or 0)
        self.open_end = open_end
        self.lines: list[int] = []
        self.cells: list[list[str]] = []
        self.raw: list[str] = []
        self.rejected: list[Line] = []
        self.non_data: list[Line] = []
        self.short: dict[int, int] = {}
        self.wide: dict[int, int] = {}

    def add(self, line: int, fields: list[str], raw: str) -> None:
        if not raw.strip():
            self.non_data.append((line, raw, "blank"))
            return
        n = len(fields)
        if n > self.width and not any(f.strip() for f in fields[self.width:]):
            fields = fields[:self.width]
            # Only a row whose values go on past a blank field can be one a stray delimiter split: a
            # halted day's padded row ("...,95.78,,,") ends in blanks and keeps its missing volume.
            if any(not a.strip() and b.strip() for a, b in zip(fields, fields[1:])):
                self.wide[line] = n
        elif self.width < n <= self.widest and not (
                self.comma_grouped and _grouped_across(fields, self.comma_grouped, self.numeric)):
            fields = fields[:self.width]  # the unnamed column's cells: no price column's
        elif self.ragged_from <= n < self.width and line != self.open_end:
            fields = fields + [""] * (self.width - n)  # its writer left its trailing empty fields out
            self.short[line] = n
        elif n != self.width:
            cut = "" if line != self.open_end or n > self.width else " (the file's last line, unterminated: cut short?)"
            self.rejected.append((line, raw, f"wrong field count: expected {self.width}, got {n}{cut}"))
            return
        self.lines.append(line)
        self.cells.append(fields)
        self.raw.append(raw)

    def records(self, needed: Sequence[int], reader: str = "csv") -> Records:
        cols = {j: pa.array([c[j] for c in self.cells], type=pa.string()) for j in needed}
        return Records(np.asarray(self.lines, dtype=np.int64), cols, self.raw, self.rejected, self.non_data, reader,
                       short=self.short, wide=self.wide)


def _sorter(index: LineIndex, schema: FileSchema) -> _RowSorter:
    """A _RowSorter for the schema's rows, told of an unterminated last line where rows may be short."""
    unterminated = schema.ragged_from and index.count and not index.buf.endswith((b"\n", b"\r"))
    return _RowSorter(len(schema.columns), schema.ragged_from, index.count if unterminated else None,
                      schema.unnamed_past,
                      number_patterns(schema.decimal, ",")[1] if schema.delimiter == "," != schema.decimal else None,
                      frozenset(j for j, c in enumerate(schema.columns) if c.type in ("float", "integer")))


def _grouped_across(fields: list[str], grouped: re.Pattern, numeric: frozenset[int] = frozenset()) -> bool:
    """Whether some field and the next read as one comma-grouped number (`grouped`) split by the delimiter, the
    row so mended putting no word in a number column (`numeric`: their indices). Such a row one field wider than
    the names is no note in the unnamed column past them: read so, '2005-10-03,1,015.00,2500' of 'Date,Close,
    Volume,' had loaded a close of 1 and a volume of 15 (the note '2500'). It keeps its rejection for the field
    count, its values unread. A row of whole prices and a note ('2024-01-02,850,855,...,120000,checked') is no
    such row: mended at '850,855', its note would be the volume."""
    return any(a.strip() and b.strip() and grouped.match(f"{a},{b}")
               and not any(_word(cell, grouped) for j, cell in enumerate([*fields[:i], f"{a},{b}", *fields[i + 2:]])
                           if j in numeric)
               for i, (a, b) in enumerate(zip(fields, fields[1:])))


def _word(cell: str, number: re.Pattern) -> bool:
    """Whether a cell writes a word ('checked'), not a number nor a null ('n/a', '1.5e-05')."""
    return any(map(str.isalpha, cell)) and cell.strip() not in NULL_SPELLINGS and not number.match(cell)


def _reader_kwargs(schema: FileSchema) -> dict:
    return reader_kwargs(schema.delimiter, schema.quotechar, schema.escapechar, schema.skipinitialspace)


def _parse_line(text: str, schema: FileSchema) -> list[str]:
    kw = _reader_kwargs(schema)
    try:
        return next(csv.reader([keep_dump_escapes(text, schema.delimiter, schema.escapechar)], **kw), [])
    except csv.Error:
        if schema.delimiter == " " and schema.skipinitialspace:
            return [f for f in text.split(" ") if f]  # runs of spaces merged, as the reader merges them
        return text.split(schema.delimiter)


def split_slow(index: LineIndex, first: int, stop: int, schema: FileSchema, needed: Sequence[int]) -> Records:
    """csv-module split of lines [first, stop). A record spanning several lines is kept only if it
    has the right width; otherwise a stray quote swallowed the lines, and each is judged alone."""
    return _split_lines(index, np.arange(first, stop), schema, needed)


def split_lines(index: LineIndex, lines: np.ndarray, schema: FileSchema, needed: Sequence[int]) -> Records:
    """split_slow of the records that start on the 1-based `lines` (as Records.line gives them), each
    line read alone: a few rows' cells, asked of before a whole column is read (normalise.py's
    _check_other_series). A record over several lines is not read whole: the caller reads it so."""
    return _split_lines(index, np.unique(np.asarray(lines, dtype=np.int64)) - 1, schema, needed)


def _split_lines(index: LineIndex, lines: np.ndarray, schema: FileSchema, needed: Sequence[int]) -> Records:
    """split_slow of the 0-based `lines`, in order, read as one text: whole records, as the csv
    module ends them, so that each is read as it is in its file."""
    width = len(schema.columns)
    sorter = _sorter(index, schema)
    texts = index.texts(lines)
    numbers = (lines + 1).tolist()
    kw = _reader_kwargs(schema)
    joined = keep_dump_escapes("\n".join(texts) + ("\n" if texts else ""), schema.delimiter, schema.escapechar)
    reader = csv.reader(io.StringIO(joined, newline=""), **kw)
    start = 0
    while True:
        try:
            fields = next(reader)
        except StopIteration:
            break
        except csv.Error:  # e.g. field larger than field_size_limit: judge the rest line by line
            for k in range(start, len(texts)):
                sorter.add(numbers[k], _parse_line(texts[k], schema), texts[k])
            break
        end = reader.line_num
        if end - start > 1 and len(fields) != width:
            for k in range(start, end):
                sorter.add(numbers[k], _parse_line(texts[k], schema), texts[k])
        else:
            sorter.add(numbers[start], fields, "\n".join(texts[start:end]))
        start = end
    return sorter.records(needed)


def _has_multiline_quotes(index: LineIndex, first: int, stop: int, schema: FileSchema) -> bool:
    """A line with an odd number of quote characters may open or close a quoted line break."""
    if not schema.quotechar:
        return False
    lo, hi = index.offset(first), index.offset(stop)
    arr = np.frombuffer(index.buf, dtype=np.uint8, count=hi - lo, offset=lo)
    pos = np.flatnonzero(arr == ord(schema.quotechar))
    if schema.escapechar and pos.size:
        pos = pos[(pos == 0) | (arr[np.maximum(pos - 1, 0)] != ord(schema.escapechar))]
    if not pos.size:
        return False
    line_of = np.searchsorted(index.starts[first:stop] - lo, pos, side="right")
    return bool((np.bincount(line_of) % 2).any())


# Every case of every null token, as the careful path compares them lower-cased (parse.py): "NaN", as
# Java, JavaScript and pandas' float_format write it, is no title or capital case of "nan", and read
# by pyarrow as a float NaN its row was rejected ("unparseable value") where a "nan" loaded as missing.
_NULL_SPELLINGS = sorted(NULL_SPELLINGS)


def reread_columns(index: LineIndex, first: int, stop: int, schema: FileSchema, needed: Sequence[int],
                   lines: np.ndarray | None = None, since: int | None = None) -> Records:
    """Columns `needed` of the lines [first, stop) again (rules that read a column the first read left out),
    or of the records starting on `lines` alone, or of those from the 1-based line `since` (a record's
    first line) on."""
    if lines is not None:
        return split_lines(index, lines, schema, needed)
    if since is not None:
        first = max(first, since - 1)
    return split_fast(index, first, stop, schema, needed, {}) or split_slow(index, first, stop, schema, needed)


def split_fast(index: LineIndex, first: int, stop: int, schema: FileSchema, needed: Sequence[int],
               typed: dict[int, pa.DataType] | None = None) -> Records | None:
    """pyarrow split of lines [first, stop), or None when the file needs the careful path.

    `typed` columns (float64, or date32 for ISO dates) are converted by pyarrow while reading;
    if any cell does not convert, the region is read again with every column as text.
    Where a quote may leave a line break inside a cell, the records spanning several lines go to
    the csv module and all the others to pyarrow, as text (reader "pyarrow+csv"): see _mixed."""
    width = len(schema.columns)
    if width < 2 or len(schema.delimiter) != 1:
        return None
    if schema.skipinitialspace:
        return None  # pyarrow has no such option: a quote after a space is text to it (the files are rare)
    if schema.quotechar and index.buf.find(schema.quotechar.encode(), index.offset(first), index.offset(stop)) >= 0:
        # The index holds UTF-8, where a delimiter past ASCII is several bytes: record_ends reads one.
        ended = record_ends(index, first, schema.delimiter, schema.quotechar, schema.escapechar) \
            if schema.delimiter.isascii() else None
        if ended is None:
            # Only the csv module can tell where records end (an escape character, a non-ASCII
            # delimiter, a line past csv.field_size_limit()): without a line of odd quotes, none
            # spans lines, and pyarrow reads it all (the csv module would raise on that long line).
            if _has_multiline_quotes(index, first, stop, schema):
                return None
        elif not ended[:stop - first].all():
            return _mixed(index, first, stop, schema, needed, ended[:stop - first])
    lines = np.arange(first + 1, stop + 1, dtype=np.int64)
    lo, hi = index.offset(first), index.offset(stop)
    text = pa.py_buffer(index.buf)[lo:hi] if hi > lo else pa.py_buffer(b"")
    if typed:
        rec = _read_fast(index, lines, text, schema, needed, typed)
        if rec is not None:
            return rec
    return _read_fast(index, lines, text, schema, needed, {})


# When the csv module reads them all (split_fast says None) rather than cut the text in two: past
# this share of the lines in records spanning several lines, or with fewer one-line records left
# for pyarrow (its read and record_ends cost ~1 ms, as the csv module does ~250 lines). Measured
# on price files with notes: at 67% of the lines in two-line records the cut text took 0.6x the
# time of the csv module alone, at 82% 0.95x; with 300 rows 1.6-2.4x, with 1,000 0.65-1.1x.
_MOST_CAREFUL = 0.75
_FEWEST_FAST = 512


def _mixed(index: LineIndex, first: int, stop: int, schema: FileSchema, needed: Sequence[int],
           ended: np.ndarray) -> Records | None:
    """split_slow's records, with the one-line ones read by pyarrow in one go.

    split_slow reads each record alone (a record spanning several lines of the wrong width is
    judged line by line, and the reader goes on after it), so the records of any subset of whole
    records, read as one text, are theirs: record_ends says where its reader ends them. pyarrow,
    without line breaks in values, reads a record that ends outside quotes on its own line cell by
    cell as the csv module does (`12" pipe`, `"a"b` and `""` included). The region's end ends its
    last record even inside quotes (a quote that never closes): that one goes to the csv module.
    `ended`: record_ends of the region's lines."""
    n = stop - first
    ended[-1] = True
    starts = np.flatnonzero(np.concatenate([[True], ended[:-1]]))
    sizes = np.diff(np.append(starts, n))
    careful = np.repeat(sizes > 1, sizes)
    careful[starts[-1]:] = True
    if schema.delimiter.isspace():
        careful[_blank_looking(index, first, stop)] = True
    fast_lines = n - int(careful.sum())
    if fast_lines < _FEWEST_FAST or fast_lines < n * (1 - _MOST_CAREFUL):
        return None
    # The runs of one-line records, their bytes one after the other: a read per run would pay
    # pyarrow's fixed cost for every few rows where notes break often.
    edges = np.flatnonzero(careful[1:] != careful[:-1]) + 1
    run_starts, run_stops = edges[careful[edges - 1]], edges[~careful[edges - 1]]  # the last line is careful
    if not careful[0]:
        run_starts = np.append(0, run_starts)
    view = memoryview(index.buf)
    text = b"".join(view[index.offset(first + a):index.offset(first + b)]
                    for a, b in zip(run_starts.tolist(), run_stops.tolist()))
    fast = _read_fast(index, np.flatnonzero(~careful) + (first + 1), pa.py_buffer(text), schema, needed, {})
    del text
    if fast is None:
        return None
    slow = _split_lines(index, np.flatnonzero(careful) + first, schema, needed)
    spanned = {int(n): raw for n, raw in zip(slow.line, slow.raw) if "\n" in raw}
    rec = _merge(fast, slow)
    rec.rejected, rec.non_data = fast.rejected + slow.rejected, fast.non_data + slow.non_data
    rec.reader, rec.spanned = "pyarrow+csv", spanned
    return rec


def _blank_looking(index: LineIndex, first: int, stop: int) -> np.ndarray:
    """Lines of [first, stop) (0-based, from `first`) that are not empty and all whitespace: the csv
    module's path calls them blank, pyarrow reads them as a record when the delimiter is whitespace
    (a tab-delimited line of tabs). Such a line starts and ends with ASCII whitespace or a byte of
    a longer character (a no-break space): only those are decoded."""
    starts, ends = index.starts[first:stop], index.ends[first:stop]
    arr = np.frombuffer(index.buf, dtype=np.uint8)
    spaces = np.zeros(256, dtype=bool)
    spaces[[9, 10, 11, 12, 13, 28, 29, 30, 31, 32]] = True
    spaces[128:] = True
    full = np.flatnonzero(ends > starts)
    maybe = full[spaces[arr[starts[full]]] & spaces[arr[ends[full] - 1]]]
    return np.asarray([k for k in maybe.tolist() if not index.text(first + k).strip()], dtype=np.int64)


def _read_fast(index: LineIndex, lines: np.ndarray, text: pa.Buffer, schema: FileSchema, needed: Sequence[int],
               typed: dict[int, pa.DataType]) -> Records | None:
    """pyarrow split of `text`, the 1-based `lines` of the index one after the other."""
    width = len(schema.columns)
    names = [f"c{j}" for j in range(width)]
    bad: list[int] = []
    if schema.escapechar:
        text = pa.py_buffer(keep_dump_escapes(text.to_pybytes(), schema.delimiter, schema.escapechar))

    def on_invalid(row) -> str:
        bad.append(row.number)
        return "skip"

    try:
        table = pacsv.read_csv(
            text,
            read_options=pacsv.ReadOptions(column_names=names, use_threads=False,
                                           block_size=int(min(max(text.size + 1, 1 << 20), 1 << 30))),
            parse_options=pacsv.ParseOptions(
                delimiter=schema.delimiter, quote_char=schema.quotechar or False, double_quote=True,
                escape_char=schema.escapechar or False, newlines_in_values=False, ignore_empty_lines=False,
                invalid_row_handler=on_invalid),
            convert_options=pacsv.ConvertOptions(
                include_columns=[names[j] for j in needed],
                column_types={names[j]: typed.get(j, pa.string()) for j in needed},
                strings_can_be_null=False, quoted_strings_can_be_null=False,
                null_values=_NULL_SPELLINGS if typed else [], decimal_point=schema.decimal if typed else "."),
        )
    except (pa.ArrowException, ValueError):
        return None
    read = lines  # row k of the text is line read[k - 1]
    if bad:
        if any(b is None for b in bad):
            return None
        keep = np.ones(lines.size, dtype=bool)
        keep[np.asarray(bad, dtype=np.int64) - 1] = False
        lines = lines[keep]
    if table.num_rows != lines.size:
        return None  # pyarrow saw records differently from our line count: do not guess
    empty = index.ends[lines - 1] == index.starts[lines - 1]
    cols = {j: one_array(table.column(names[j])) for j in needed}
    non_data: list[Line] = [(int(n), "", "blank") for n in lines[empty]]
    if empty.any():
        lines = lines[~empty]
        cols = {j: a.filter(pa.array(~empty)) for j, a in cols.items()}
    sorter = _sorter(index, schema)
    for number in bad:
        n = int(read[number - 1])
        line_text = index.text(n - 1)
        sorter.add(n, _parse_line(line_text, schema), line_text)
    rec = Records(lines, cols, None, sorter.rejected, non_data + sorter.non_data, "pyarrow")
    if sorter.lines:
        if typed:
            return None  # recovered rows are text: let the all-text read merge them
        rec = _merge(rec, sorter.records(needed))
    return rec


def _merge(main: Records, extra: Records) -> Records:
    """Fold records recovered in Python back into line order."""
    lines = np.concatenate([main.line, extra.line])
    order = np.argsort(lines, kind="stable")
    cols = {j: pa.concat_arrays([main.columns[j], extra.columns[j]]).take(pa.array(order)) for j in main.columns}
    return Records(lines[order], cols, None, main.rejected, main.non_data, main.reader,
                   short={**main.short, **extra.short}, wide={**main.wide, **extra.wide})


Region = tuple[list[list[str]], int, int, int, Callable[[int], str] | None, list[list[str]] | None]


def split_sheets(regions: Sequence[Region], width: int, needed: Sequence[int],
                 rejected: Sequence[Line] = ()) -> Records:
    """Records from the rows [first, stop) of several sheets, given as (rows, first, stop, base,
    label, cells): row i is line base + i + 1, its raw text starts with label(i + 1) (the sheet it
    is on; None on the first sheet, whose rows are read as they are); its cells are cells[i] when
    `cells` is given (rows restated in the schema's formats: the raw text stays as written).
    `rejected`: rows already refused (another sheet's), counted with the rest."""
    sorter = _RowSorter(width)
    sorter.rejected.extend(rejected)
    for rows, first, stop, base, label, restated in regions:
        for i in range(first, min(stop, len(rows))):
            raw = csv_line(rows[i])
            cells = rows[i] if restated is None or not raw.strip() else restated[i]
            if label is not None and raw.strip():
                raw = label(i + 1) + raw
            if len(cells) < width:
                cells = cells + [""] * (width - len(cells))  # the reader drops trailing empty cells
            sorter.add(base + i + 1, cells, raw)
    return sorter.records(needed, "xlsx")
