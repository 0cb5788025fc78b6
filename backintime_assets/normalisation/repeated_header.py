"""Name the rejected lines that repeat the file's header.

Files joined into one (`copy a.csv+b.csv`, `cat *.csv`, an export appended to by hand) repeat
their header wherever a part begins, often behind a byte-order mark of its own. Such a line is
rejected like any row that does not read ("unparseable value: date, close"), which leaves the
reader of rejected_rows to guess; its reason says what it is instead. It stays rejected: its
place in the data is the evidence that files were joined, and the accounting stays as it was.

A part whose header names the same columns in another order ("Date,Volume,Close" below
"Date,Close,Volume": another export's settings, another yfinance version), or in other words for
them in another order ("Date,Vol.,Price", "Datum,Volumen,Schluss": another site's, another
language's), is not the file's layout: read in the file's order, its volumes loaded as closes.
Its rows are rejected, naming the line of their header (under_reordered_header), up to the next
line that repeats the file's header, in its words or in others in its order ("Datum,Schluss,
Volumen" below "Date,Close,Volume": a repeat, its rows read right).
"""
from __future__ import annotations

import csv
import re
from collections.abc import Callable
from functools import lru_cache

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from backintime_assets.detection.canonical import header_says, names_time_of_day
from backintime_assets.detection.dialect import reader_kwargs
from backintime_assets.detection.flat_header import split_cell
from backintime_assets.detection.layout import unique_names
from backintime_assets.detection.schema import FileSchema

from .records import Line

REPEATED_HEADER = "a repeat of the header line (files joined into one?)"
REORDERED_HEADER = "the header's names in another order (files joined into one?)"
_BOM = "\ufeff"
# A header in other words than the file's ("Datum,Volumen,Schluss" below "Date,Close,Volume") may
# lack its first name; a line without a digit is looked at too, as no row of prices is.
_DIGIT = re.compile(r"\d")


def name_repeated_headers(rejected: list[Line], schema: FileSchema) -> list[Line]:
    """`rejected` with the reason of each line that repeats the header's names replaced."""
    names = [c.name.strip().lower() for c in schema.columns]
    named = _first_name(schema)  # a quick refusal for the usual rejected row: it lacks this name
    if not rejected or schema.header_row < 0 or named is None:
        return rejected
    out = []
    for line, raw, reason in rejected:
        if _may_name(raw, named, schema) and (kind := _header_kind(raw, names, schema)) is not None:
            reason = kind
        out.append((line, raw, reason))
    return out


def header_like(rejected: list[Line], schema: FileSchema) -> list[Line]:
    """The rejected lines that hold the header's first real name, or name columns without a digit:
    those that may repeat it (_may_name)."""
    named = _first_name(schema)
    return [] if named is None or schema.header_row < 0 else [x for x in rejected if _may_name(x[1], named, schema)]


def _may_name(raw: str, named: str, schema: FileSchema) -> bool:
    """Whether a rejected line may be a header: it holds the header's first name, or no digit and two
    cells that name a column (split plainly: a quick refusal of a line of words, read no further)."""
    if named in raw.lower():
        return True
    return _DIGIT.search(raw) is None and _names_two(raw, schema.delimiter or ",")


@lru_cache(maxsize=1024)  # a note or a marker line repeated down a file is looked at once
def _names_two(raw: str, delimiter: str) -> bool:
    return sum(header_says(c.strip().strip('"').lstrip(_BOM)) is not None for c in raw.split(delimiter)) >= 2


def _first_name(schema: FileSchema) -> str | None:
    """The header's first real name (an R-style header leaves the first column unnamed, "column_1",
    which no line holds): a line without it repeats no header."""
    return next((n for c in schema.columns if not (n := c.name.strip().lower()).startswith("column_")), None)


def under_reordered_header(rejected: list[Line], row_lines: np.ndarray, sheets: np.ndarray | None = None,
                           place: Callable[[int], str] = "line {}".format) -> list[tuple[np.ndarray, str]]:
    """(mask by `row_lines`, reason) of the rows below each line that names the header's columns in
    another order (named by name_repeated_headers), up to the next line repeating the header in
    either order, or the end of its workbook sheet (`sheets`: the line each data sheet starts after,
    sorted): none in most files, whose rejected lines are looked at no further. `place(line)`: where
    the reason says that header is (a workbook's sheet and row: its lines run on past a million)."""
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
                        f"below {place(line)}, whose header names the columns in another order than the file's "
                        "header: not read in the file's order; save that part as a file of its own"))
    return out


def repeats_header(raw: str, schema: FileSchema) -> bool:
    """Whether one line repeats the header's names, whether or not the text read holds the header
    (a piece of a large file read past it: ingestion/parsed.py)."""
    named = _first_name(schema)
    names = [c.name.strip().lower() for c in schema.columns]
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
    except (csv.Error, StopIteration, TypeError):  # a line past the field size limit: no header
        return None
    cells = [c.strip().lstrip(_BOM) for c in cells]
    while len(cells) > len(names) and not cells[-1]:
        cells.pop()
    if len(cells) != len(names):
        return None
    found = [c.lower() for c in unique_names(cells)]
    if found == names:
        return REPEATED_HEADER
    # Each name once, and every one written: an unnamed column's place ("column_3") says no order.
    # Only a column read moved: two notes beside the prices swapped leave every row read right.
    if sorted(found) == sorted(names) and len(set(names)) == len(names) \
            and not any(n.startswith("column_") for n in names) \
            and any(found[j] != names[j] for j, c in enumerate(schema.columns)
                    if c.canonical or names_time_of_day(c.name)):
        return REORDERED_HEADER
    return _respelt(cells, schema)


def _respelt(cells: list[str], schema: FileSchema) -> str | None:
    """REORDERED_HEADER when a line's cells name the columns the header's names map to in other
    words and in another order ("Date,Vol.,Price" below "Date,Close,Volume"; "Date,Volume,Close,
    Volume,Close" below two tickers' "Date,Close,Volume,Close,Volume"): the read columns, each named
    by a whole-name synonym (canonical.header_says), one of them moved. REPEATED_HEADER when they
    name them in the same order ("Datum,Schluss,Volumen"): its rows read right, and it ends a part
    in another order above it, whose rows below it were rejected too. Else None.
    Of tickers named in a one-row header's cells ("Date,AAPL Vol.,AAPL Price" below "Date,AAPL Close,
    AAPL Volume": detection/flat_header.py), each cell's ticker as well: a part with the tickers
    swapped loaded one's prices as the other's, and a part of another ticker below one's
    ("Index,QQQ.Open,..." below "Index,SPY.Open,...") loaded as its."""
    read = [(c.series or _says(c.name)[0], "time_of_day" if names_time_of_day(c.name) else c.canonical)
            for c in schema.columns]
    # A cell that is a header's name says what that column was read as ("Index": quantmod's date).
    own = {c.name.strip().lower(): k for c, (_, k) in zip(schema.columns, read)}
    says = [(_says(c)[0], own[c.lower()]) if c.lower() in own else _says(c) for c in cells]
    if not any(label for label, _ in says):  # a line of fields alone (under a label row) names no ticker
        read = [(None, k) for _, k in read]
    found, wanted = [k for _, k in says if k], [k for _, k in read if k]
    if len(set(wanted)) < 2 or sorted(found) != sorted(wanted):
        return None
    return REORDERED_HEADER if any(says[j] != k for j, k in enumerate(read) if k[1]) else REPEATED_HEADER


def _says(cell: str) -> tuple[str | None, str | None]:
    """(the ticker a cell names with a field, "AAPL Close": flat_header.py; what its name says it holds)."""
    if not cell:
        return None, None
    named = header_says(cell)
    if named is not None or (parts := split_cell(cell)) is None:
        return None, named
    return parts[0], header_says(parts[1])


def reordered_in_piece(result, schema: FileSchema, source_file: str, above: int | None, text_of) -> int | None:
    """A piece of a large file read on its own (ingestion/parsed.py), its lines numbered in the file:
    its rows below a line naming the header's columns in another order, in it or `above` it (the
    line of the last header line of the pieces before, when that one is in another order), moved
    from its prices to its rejected rows, as the file read whole rejects them. A piece past the
    first is read without the header, which names none of its repeats: named here with `schema`,
    the file's. `text_of(line)`: a line's text. Returns what `above` is for the next piece."""
    rejected = result.rejected_arrow
    named = _first_name(schema)
    if named is None or schema.header_row < 0 or not (rejected.num_rows or above is not None):
        return above
    # The lines that may repeat the header found without a row of Python for each rejected line.
    maybe = rejected.filter(pc.or_(pc.match_substring(rejected["raw"], named, ignore_case=True),
                                   pc.invert(pc.match_substring_regex(rejected["raw"], r"\d"))))
    heads = [x for x in name_repeated_headers(
        list(zip(*(maybe[c].to_pylist() for c in ("source_line", "raw", "reason")))), schema)
        if x[2] in (REPEATED_HEADER, REORDERED_HEADER)]
    if heads:  # each named as the file read whole names it
        kinds = {line: reason for line, _, reason in heads}
        reasons = [kinds.get(line, reason) for line, reason in
                   zip(rejected["source_line"].to_pylist(), rejected["reason"].to_pylist())]
        at = rejected.schema.get_field_index("reason")
        rejected = rejected.set_column(at, "reason", pa.array(reasons, pa.string()))
    if above is not None:
        heads.insert(0, (above, "", REORDERED_HEADER))
    if not heads:
        return above
    heads.sort(key=lambda x: x[0])
    prices = result.prices_arrow
    lines = prices["source_line"].to_numpy(zero_copy_only=False)
    moved = np.zeros(len(lines), dtype=bool)
    rows: list[Line] = []
    for mask, reason in under_reordered_header(heads, lines):
        moved |= mask
        rows += [(int(n), text_of(int(n)), reason) for n in lines[mask]]
    if rows:
        extra = pa.Table.from_arrays([pa.array([source_file] * len(rows), pa.string()),
                                      pa.array([r[0] for r in rows], pa.int64()),
                                      pa.array([r[1] for r in rows], pa.string()),
                                      pa.array([r[2] for r in rows], pa.string())], schema=rejected.schema)
        rejected = pa.concat_tables([rejected, extra]).sort_by("source_line")
        result.prices_arrow = prices.filter(pa.array(~moved))
    result.rejected_arrow = rejected
    return heads[-1][0] if heads[-1][2] == REORDERED_HEADER else None
