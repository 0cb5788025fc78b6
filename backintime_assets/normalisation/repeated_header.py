"""Name the rejected lines that repeat the file's header.

Files joined into one (`copy a.csv+b.csv`, `cat *.csv`, an export appended to by hand) repeat
their header wherever a part begins, often behind a byte-order mark of its own. Such a line is
rejected like any row that does not read ("unparseable value: date, close"), which leaves the
reader of rejected_rows to guess; its reason says what it is instead. It stays rejected: its
place in the data is the evidence that files were joined, and the accounting stays as it was.

A part whose header names the same columns in another order ("Date,Volume,Close" below
"Date,Close,Volume": another export's settings, another yfinance version) is not the file's
layout: read in the file's order, its volumes loaded as closes. Its rows are rejected, naming the
line of their header (under_reordered_header), up to the next line that repeats the file's header.
"""
from __future__ import annotations

import csv

import numpy as np

from backintime_assets.detection.dialect import reader_kwargs
from backintime_assets.detection.layout import unique_names
from backintime_assets.detection.schema import FileSchema

from .records import Line

REPEATED_HEADER = "a repeat of the header line (files joined into one?)"
REORDERED_HEADER = "the header's names in another order (files joined into one?)"
_BOM = "\ufeff"


def name_repeated_headers(rejected: list[Line], schema: FileSchema) -> list[Line]:
    """`rejected` with the reason of each line that repeats the header's names replaced."""
    names = [c.name.strip().lower() for c in schema.columns]
    # A quick refusal for the usual rejected row: it lacks the header's first real name (an R-style
    # header leaves the first column unnamed, "column_1", which no line holds).
    named = next((n for n in names if not n.startswith("column_")), None)
    if not rejected or schema.header_row < 0 or named is None:
        return rejected
    out = []
    for line, raw, reason in rejected:
        if named in raw.lower() and (kind := _header_kind(raw, names, schema)) is not None:
            reason = kind
        out.append((line, raw, reason))
    return out


def header_like(rejected: list[Line], schema: FileSchema) -> list[Line]:
    """The rejected lines that hold the header's first real name: those that may repeat it."""
    named = next((n for c in schema.columns if not (n := c.name.strip().lower()).startswith("column_")), None)
    return [] if named is None or schema.header_row < 0 else [x for x in rejected if named in x[1].lower()]


def under_reordered_header(rejected: list[Line], row_lines: np.ndarray, sheets: np.ndarray | None = None
                           ) -> list[tuple[np.ndarray, str]]:
    """(mask by `row_lines`, reason) of the rows below each line that names the header's columns in
    another order (named by name_repeated_headers), up to the next line repeating the header in
    either order, or the end of its workbook sheet (`sheets`: the line each data sheet starts after,
    sorted): none in most files, whose rejected lines are looked at no further."""
    if not any(reason == REORDERED_HEADER for _, _, reason in rejected):
        return []
    heads = sorted((line, reason == REORDERED_HEADER) for line, _, reason in rejected
                   if reason in (REPEATED_HEADER, REORDERED_HEADER))
    starts = np.array([line for line, _ in heads], np.int64)
    lines = np.asarray(row_lines, np.int64)
    under = np.searchsorted(starts, lines, "right") - 1  # -1: above every one
    if sheets is not None and sheets.size:
        sheet_start = sheets[np.maximum(np.searchsorted(sheets, lines, "right") - 1, 0)]
        under[(under >= 0) & (starts[np.maximum(under, 0)] <= sheet_start)] = -1  # a header on a sheet before
    out = []
    for k, (line, reordered) in enumerate(heads):
        if reordered:
            out.append(((under == k) & (lines != line),
                        f"below line {line}, whose header names the columns in another order than the file's "
                        "header: not read in the file's order; save that part as a file of its own"))
    return out


def repeats_header(raw: str, schema: FileSchema) -> bool:
    """Whether one line repeats the header's names, whether or not the text read holds the header
    (a piece of a large file read past it: ingestion/parsed.py)."""
    names = [c.name.strip().lower() for c in schema.columns]
    named = next((n for n in names if not n.startswith("column_")), None)
    return named is not None and named in raw.lower() and _repeats(raw, names, schema)


def _repeats(raw: str, names: list[str], schema: FileSchema) -> bool:
    return _header_kind(raw, names, schema) == REPEATED_HEADER


def _header_kind(raw: str, names: list[str], schema: FileSchema) -> str | None:
    """REPEATED_HEADER, REORDERED_HEADER (the header's names, each once, in another order) or None."""
    # Read as the file's records are (a space-aligned table merges its runs of spaces), and named
    # as detection named the header's cells (an empty one "column_3", a second "Close" "Close_2").
    kwargs = reader_kwargs(schema.delimiter or ",", schema.quotechar, schema.escapechar,
                           schema.skipinitialspace)
    try:
        cells = next(csv.reader([raw.lstrip(_BOM)], **kwargs))
    except (csv.Error, StopIteration, TypeError):
        return False
    cells = [c.strip().lstrip(_BOM) for c in cells]
    while len(cells) > len(names) and not cells[-1]:
        cells.pop()
    if len(cells) != len(names):
        return None
    found = [c.lower() for c in unique_names(cells)]
    if found == names:
        return REPEATED_HEADER
    # Each name once, and every one written: an unnamed column's place ("column_3") says no order.
    if sorted(found) == sorted(names) and len(set(names)) == len(names) \
            and not any(n.startswith("column_") for n in names):
        return REORDERED_HEADER
    return None
