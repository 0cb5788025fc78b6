"""Normalise many files that share one schema as one text.

A day's drop from one office is a handful of small files in one template. Read one by one, each
file pays the fixed cost of the CSV reader and of every column rule, which for a 1,000-row file is
most of the work. Here the data regions of all of them are read as one text, then every row is
given back to its own file and line, with the same rules applied per file (a repeat is a repeat
within its own file only).
"""
from __future__ import annotations

import re

import numpy as np

from backintime_assets.detection.eastern_digits import may_hold_eastern_digits
from backintime_assets.detection.gaps import GAP
from backintime_assets.detection.schema import FileSchema
from backintime_assets.trading_week import MON_FRI, TradingWeek

from .lines import FileLines, LineIndex, count_byte, to_utf8
from .cut_end import cut_last_rows
from .normalise import _canonical, _region, _typed_columns, normalise_bytes, read_columns
from .outside import strays
from .records import Line, Records, reread_columns, split_fast, split_slow
from .repeated_header import PART_STARTS, name_repeated_headers
from .result import NormalisedFile, lines_frame

_GROUP_COLUMNS = {"date", "close", "ticker"}  # without a ticker column each file names its own
# A file of nothing but blanks and NULs, found at its first other byte: a strip() to ask the same
# copied every file of a daily drop whole (its last line break stripped).
_all_blank = re.compile(rb"[ \t\r\n\x00]*").fullmatch


def normalise_group(datas: list[bytes], schema: FileSchema, source_files: list[str],
                    week: TradingWeek = MON_FRI) -> list[NormalisedFile] | None:
    """Each file's NormalisedFile, as normalise_bytes gives it except that lines outside the data
    region (preamble, header, footer) are not listed in non_data; None when these files must be
    read one by one (an empty file, a file with no data rows, a line outside the data region that
    reads as a price row, an unusual schema, ...)."""
    cmap = schema.canonical_map()
    if (schema.file_format != "csv" or schema.problem or schema.encoding == "binary" or schema.delimiter == GAP
            or schema.wrapped or schema.forced or schema.split_date or schema.day_spans
            or not _GROUP_COLUMNS <= set(cmap)):
        return None
    if schema.ragged_from and not all(data.endswith((b"\n", b"\r")) for data in datas):
        # Short rows read padded, but not in an unterminated last line (records._sorter), which a
        # file joined to the next would hide: such a file's group is read one by one.
        return None
    needed = read_columns(schema, cmap)
    pieces, first_line, file_first_line, totals = [], [], [], []
    outside = _Outside(schema, week)
    next_line = 1
    ends: list[tuple[int, int]] = []  # (file, joined line) of each file ending inside its data region's last line
    for data in datas:
        if _all_blank(data):
            return None
        if not data.isascii() and may_hold_eastern_digits(data, schema.encoding):
            return None  # its rejected rows show its own digits (normalise._digits_as_written)
        buf = to_utf8(data, schema.encoding)
        if b"\x00" in buf:
            return None  # a file with NUL bytes is read alone: its damaged lines are set aside (nul.py)
        found = _lines_without_index(buf, schema)
        if found is None:
            own = LineIndex(buf)
            first, stop = _region(schema, own.count)
            found = own.count, first, stop, own.offset(first), own.offset(stop)
        total, first, stop, lo, hi = found
        if stop <= first or not (outside.clear(buf[:lo]) and outside.clear(buf[hi:])):
            return None
        # A view, not a copy: the join below copies each file's data region once.
        pieces.append(memoryview(buf)[lo:hi])
        if hi <= lo or buf[hi - 1:hi] not in (b"\n", b"\r"):
            pieces.append(b"\n")
        first_line.append(next_line)
        file_first_line.append(first + 1)
        totals.append(total)
        if stop == total and not buf.endswith((b"\n", b"\r")):
            ends.append((len(first_line) - 1, next_line + stop - first - 1))  # its last line may be cut
        next_line += stop - first
    index = LineIndex(b"".join(pieces))
    if index.count != next_line - 1:
        return None  # the joined text splits into lines differently (a lone CR at a seam): do not guess
    rec = split_fast(index, 0, index.count, schema, needed, _typed_columns(schema, cmap))
    if rec is None:
        rec = split_slow(index, 0, index.count, schema, needed)
    files = FileLines(source_files, first_line, file_first_line)
    records_per_file = np.bincount(files.file_of(rec.line), minlength=files.count)
    split_rejects_per_file = np.bincount(
        files.file_of(np.array([r[0] for r in rec.rejected], dtype=np.int64)), minlength=files.count)
    rows_read = records_per_file + split_rejects_per_file
    if (rows_read == 0).any():
        return None  # that file's problem ("no data rows") is for normalise_bytes to name

    def reread(js: list[int], lines: np.ndarray | None = None, since: int | None = None) -> Records:
        """Columns `js` of the joined lines, or of those starting records on `lines` alone (a rare rule's:
        normalise._check_other_series), or of those from the line `since` on (a record's first line)."""
        return reread_columns(index, 0, index.count, schema, js, lines, since)

    def raw_of(k: int) -> str:
        return rec.raw_text(k, index)

    cut = cut_last_rows(rec, schema, cmap, _rows_of_files(files.file_of(rec.line), ends), raw_of, reread) \
        if ends else []
    prices, reasons = _canonical(rec, schema, cmap, "", None, files, week=week, reread=reread, refused=cut)
    bad = np.flatnonzero(~reasons.open())

    named = name_repeated_headers(rec.rejected + [(int(rec.line[k]), raw_of(int(k)), reasons.reason[k]) for k in bad],
                                  schema)
    if any(reason in PART_STARTS for _, _, reason in named):
        # A part under the header's names in another order: read alone, its rows are rejected
        # (repeated_header.under_reordered_header), not loaded in the file's order.
        return None
    rejected = _per_file(files, named)
    non_data = _per_file(files, rec.non_data)
    bounds = np.searchsorted(files.file_of(rec.line[reasons.ok]), np.arange(files.count + 1))
    return [
        NormalisedFile(prices.slice(int(bounds[k]), int(bounds[k + 1] - bounds[k])),
                       lines_frame(name, rejected[k]), int(rows_read[k]), None, lines_frame(name, non_data[k]),
                       totals[k], rec.reader)
        for k, name in enumerate(source_files)
    ]


def _lines_without_index(buf: bytes, schema: FileSchema) -> tuple[int, int, int, int, int] | None:
    """(lines in `buf`, first and stop line of the data region, their byte offsets) as LineIndex
    and _region give them, found with a few byte searches: a LineIndex of each of a thousand small
    files costs more than reading them. None when a CR may end a line (LineIndex knows how)."""
    if b"\r" in buf:
        return None
    n = len(buf)
    total = count_byte(buf, 10) + (1 if n and buf[-1:] != b"\n" else 0)
    first, stop = _region(schema, total)
    start = 0 if first < total else n
    for _ in range(first if first < total else 0):
        start = buf.index(b"\n", start) + 1
    end = n if stop >= total else None
    if end is None:  # the start of line `stop`, counted back from the end
        end = n - 1 if buf[-1:] == b"\n" else n
        for _ in range(total - stop):
            end = buf.rfind(b"\n", 0, end)
        end += 1
    return total, first, stop, start, end


def _per_file(files: FileLines, lines: list[Line]) -> list[list[Line]]:
    """Lines numbered in the joined text, shared out to their files with each file's own numbers."""
    out: list[list[Line]] = [[] for _ in range(files.count)]
    if lines:
        numbers = np.array([n for n, _, _ in lines], dtype=np.int64)
        owners, own_numbers = files.file_of(numbers), files.line_in_file(numbers)
        for (_, raw, reason), k, n in zip(lines, owners, own_numbers):
            out[int(k)].append((int(n), raw, reason))
    return out


class _Outside:
    """Whether the lines outside a file's data region hold none that reads as a price row, asked
    once per distinct text: a day's files of one template share their header."""

    def __init__(self, schema: FileSchema, week: TradingWeek):
        self.schema, self.week = schema, week
        self._known: dict[bytes, bool] = {b"": True}

    def clear(self, text: bytes) -> bool:
        known = self._known.get(text)
        if known is None:
            # utf-8 already (to_utf8); the lines as LineIndex splits them
            index = LineIndex(text)
            lines = [(k + 1, index.text(k), "outside") for k in range(index.count)]
            known = self._known[text] = not strays(
                lines, self.schema, lambda t, s: normalise_bytes(t, s, "", week=self.week))
        return known


def _rows_of_files(file_of: np.ndarray, ends: list[tuple[int, int]]) -> list[tuple[int, np.ndarray]]:
    """(joined line, its file's records' indices in order) of each (file, joined line) of `ends`: one
    sort of the group's records, not a pass over them per file (a group of thousands of files)."""
    order = np.argsort(file_of, kind="stable")
    by_file = file_of[order]
    wanted = np.array([f for f, _ in ends])
    starts, stops = np.searchsorted(by_file, wanted, "left"), np.searchsorted(by_file, wanted, "right")
    return [(end, order[a:b]) for (_, end), a, b in zip(ends, starts, stops)]
