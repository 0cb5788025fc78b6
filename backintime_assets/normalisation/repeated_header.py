"""Name the rejected lines that repeat the file's header.

Files joined into one (`copy a.csv+b.csv`, `cat *.csv`, an export appended to by hand) repeat
their header wherever a part begins, often behind a byte-order mark of its own. Such a line is
rejected like any row that does not read ("unparseable value: date, close"), which leaves the
reader of rejected_rows to guess; its reason says what it is instead. It stays rejected: its
place in the data is the evidence that files were joined, and the accounting stays as it was.
"""
from __future__ import annotations

import csv

from backintime_assets.detection.dialect import reader_kwargs
from backintime_assets.detection.layout import unique_names
from backintime_assets.detection.schema import FileSchema

from .records import Line

REPEATED_HEADER = "a repeat of the header line (files joined into one?)"
_BOM = "\ufeff"


def name_repeated_headers(rejected: list[Line], schema: FileSchema) -> list[Line]:
    """`rejected` with the reason of each line that repeats the header's names replaced."""
    names = [c.name.strip().lower() for c in schema.columns]
    # A quick refusal for the usual rejected row: it lacks the header's first real name (an R-style
    # header leaves the first column unnamed, "column_1", which no line holds).
    named = next((n for n in names if not n.startswith("column_")), None)
    if not rejected or schema.header_row < 0 or named is None:
        return rejected
    return [(line, raw, REPEATED_HEADER) if named in raw.lower() and _repeats(raw, names, schema)
            else (line, raw, reason) for line, raw, reason in rejected]


def repeats_header(raw: str, schema: FileSchema) -> bool:
    """Whether one line repeats the header's names, whether or not the text read holds the header
    (a piece of a large file read past it: ingestion/parsed.py)."""
    names = [c.name.strip().lower() for c in schema.columns]
    named = next((n for n in names if not n.startswith("column_")), None)
    return named is not None and named in raw.lower() and _repeats(raw, names, schema)


def _repeats(raw: str, names: list[str], schema: FileSchema) -> bool:
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
    return len(cells) == len(names) and [c.lower() for c in unique_names(cells)] == names
