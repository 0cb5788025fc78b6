"""Split the data region of a file into records of string cells, with their physical line numbers.

The fast path hands clean one-record-per-line text to pyarrow's CSV reader; lines it rejects, files
with quoted line breaks and anything pyarrow refuses go through the csv module line by line."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import pyarrow as pa
import pyarrow.csv as pacsv

from backintime_assets.detection.dialect import reader_kwargs
from backintime_assets.detection.numbers import NULL_TOKENS
from backintime_assets.detection.schema import FileSchema

from .lines import LineIndex

Line = tuple[int, str, str]  # (1-based line, raw text, reason)


@dataclass
class Records:
    line: np.ndarray  # int64, 1-based physical line where each record starts
    columns: dict[int, pa.Array]  # file column index -> cells (text, or typed by pyarrow), aligned with `line`
    raw: list[str] | None = None  # raw text per record when not recoverable from a LineIndex
    rejected: list[Line] = field(default_factory=list)  # decided while splitting (field counts)
    non_data: list[Line] = field(default_factory=list)  # blank lines inside the data region


def csv_line(fields: Sequence[str]) -> str:
    """Spreadsheet cells as one CSV line: the raw text reported for xlsx rows."""
    out = io.StringIO()
    csv.writer(out, lineterminator="").writerow(fields)
    return out.getvalue()


class _RowSorter:
    """Collects python-parsed records and checks their width: surplus cells that are all blank are
    tolerated (spreadsheet exports pad some rows), any other mismatch rejects the record."""

    def __init__(self, width: int):
        self.width = width
        self.lines: list[int] = []
        self.cells: list[list[str]] = []
        self.raw: list[str] = []
        self.rejected: list[Line] = []
        self.non_data: list[Line] = []

    def add(self, line: int, fields: list[str], raw: str) -> None:
        if not raw.strip():
            self.non_data.append((line, raw, "blank"))
            return
        n = len(fields)
        if n > self.width and not any(f.strip() for f in fields[self.width:]):
            fields = fields[:self.width]
        elif n != self.width:
            self.rejected.append((line, raw, f"wrong field count: expected {self.width}, got {n}"))
            return
        self.lines.append(line)
        self.cells.append(fields)
        self.raw.append(raw)

    def records(self, needed: Sequence[int]) -> Records:
        cols = {j: pa.array([c[j] for c in self.cells], type=pa.string()) for j in needed}
        return Records(np.asarray(self.lines, dtype=np.int64), cols, self.raw, self.rejected, self.non_data)


def _parse_line(text: str, schema: FileSchema) -> list[str]:
    kw = reader_kwargs(schema.delimiter, schema.quotechar, schema.escapechar)
    try:
        return next(csv.reader([text], **kw), [])
    except csv.Error:
        return text.split(schema.delimiter)


def split_slow(index: LineIndex, first: int, stop: int, schema: FileSchema, needed: Sequence[int]) -> Records:
    """csv-module split of lines [first, stop). A record spanning several lines is kept only if it
    has the right width; otherwise a stray quote swallowed the lines, and each is judged alone."""
    width = len(schema.columns)
    sorter = _RowSorter(width)
    texts = index.texts(np.arange(first, stop))
    kw = reader_kwargs(schema.delimiter, schema.quotechar, schema.escapechar)
    reader = csv.reader(io.StringIO("\n".join(texts) + ("\n" if texts else ""), newline=""), **kw)
    start = 0
    while True:
        try:
            fields = next(reader)
        except StopIteration:
            break
        except csv.Error:  # e.g. field larger than field_size_limit: judge the rest line by line
            for k in range(start, len(texts)):
                sorter.add(first + k + 1, _parse_line(texts[k], schema), texts[k])
            break
        end = reader.line_num
        if end - start > 1 and len(fields) != width:
            for k in range(start, end):
                sorter.add(first + k + 1, _parse_line(texts[k], schema), texts[k])
        else:
            sorter.add(first + start + 1, fields, "\n".join(texts[start:end]))
        start = end
    return sorter.records(needed)


def _has_multiline_quotes(index: LineIndex, first: int, stop: int, schema: FileSchema) -> bool:
    """A line with an odd number of quote characters opens or closes a quoted line break."""
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


def _null_spellings() -> list[str]:
    out = set()
    for t in NULL_TOKENS:
        out.update({t, t.upper(), t.title(), t.capitalize()})
    return sorted(out)


_NULL_SPELLINGS = _null_spellings()


def split_fast(index: LineIndex, first: int, stop: int, schema: FileSchema, needed: Sequence[int],
               typed: dict[int, pa.DataType] | None = None) -> Records | None:
    """pyarrow split of lines [first, stop), or None when the file needs the careful path.

    `typed` columns (float64, or date32 for ISO dates) are converted by pyarrow while reading;
    if any cell does not convert, the region is read again with every column as text."""
    width = len(schema.columns)
    if width < 2 or len(schema.delimiter) != 1 or _has_multiline_quotes(index, first, stop, schema):
        return None
    if typed:
        rec = _read_fast(index, first, stop, schema, needed, typed)
        if rec is not None:
            return rec
    return _read_fast(index, first, stop, schema, needed, {})


def _read_fast(index: LineIndex, first: int, stop: int, schema: FileSchema, needed: Sequence[int],
               typed: dict[int, pa.DataType]) -> Records | None:
    width = len(schema.columns)
    lo, hi = index.offset(first), index.offset(stop)
    names = [f"c{j}" for j in range(width)]
    bad: list[int] = []

    def on_invalid(row) -> str:
        bad.append(row.number)
        return "skip"

    try:
        table = pacsv.read_csv(
            pa.py_buffer(index.buf)[lo:hi] if hi > lo else pa.py_buffer(b""),
            read_options=pacsv.ReadOptions(column_names=names, use_threads=False,
                                           block_size=int(min(max(hi - lo + 1, 1 << 20), 1 << 30))),
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
    lines = np.arange(first + 1, stop + 1, dtype=np.int64)  # 1-based
    if bad:
        if any(b is None for b in bad):
            return None
        keep = np.ones(lines.size, dtype=bool)
        keep[np.asarray(bad, dtype=np.int64) - 1] = False
        lines = lines[keep]
    if table.num_rows != lines.size:
        return None  # pyarrow saw records differently from our line count: do not guess
    empty = index.ends[lines - 1] == index.starts[lines - 1]
    cols = {j: table.column(names[j]).combine_chunks() for j in needed}
    non_data: list[Line] = [(int(n), "", "blank") for n in lines[empty]]
    if empty.any():
        lines = lines[~empty]
        cols = {j: a.filter(pa.array(~empty)) for j, a in cols.items()}
    sorter = _RowSorter(width)
    for number in bad:
        n = first + number
        text = index.text(n - 1)
        sorter.add(n, _parse_line(text, schema), text)
    rec = Records(lines, cols, None, sorter.rejected, non_data + sorter.non_data)
    if sorter.lines:
        if typed:
            return None  # recovered rows are text: let the all-text read merge them
        rec = _merge(rec, index, sorter.records(needed))
    return rec


def _merge(main: Records, index: LineIndex, extra: Records) -> Records:
    """Fold records recovered in Python back into line order."""
    lines = np.concatenate([main.line, extra.line])
    order = np.argsort(lines, kind="stable")
    cols = {j: pa.concat_arrays([main.columns[j], extra.columns[j]]).take(pa.array(order)) for j in main.columns}
    return Records(lines[order], cols, None, main.rejected, main.non_data)


def split_rows(rows: list[list[str]], first: int, stop: int, width: int, needed: Sequence[int]) -> Records:
    """Records from spreadsheet rows [first, stop) (row i is spreadsheet row i + 1)."""
    sorter = _RowSorter(width)
    for i in range(first, min(stop, len(rows))):
        cells = rows[i]
        if len(cells) < width:
            cells = cells + [""] * (width - len(cells))  # the reader drops trailing empty cells
        sorter.add(i + 1, cells, csv_line(rows[i]))
    return sorter.records(needed)
