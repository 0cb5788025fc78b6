"""A deliberately plain reader for the simulator's files, driven by the layout recorded in `_files.csv`.

Tests use it to prove the files hold what the simulator says: every line not in the ground truth
parses to exactly the simulated row, and every line in it is really of its kind.
"""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

from backintime_assets.simulation.layouts import EXCEL_DATE, Layout

NUMERIC = ("open", "high", "low", "close", "adj_close", "volume")


@dataclass
class Line:
    number: int  # 1-based physical line (or sheet row)
    raw: str
    cells: list


def read_lines(path: Path, layout: Layout) -> list[Line]:
    """Every physical line of a CSV file (or row of a workbook) with its cells, nothing skipped."""
    if layout.extension == ".xlsx":
        import openpyxl

        book = openpyxl.load_workbook(path, read_only=True)
        sheet = book.worksheets[0]
        out = []
        for number, row in enumerate(sheet.iter_rows(values_only=True), start=1):
            values = list(row)
            while values and values[-1] is None:
                values.pop()
            if 0 < len(values) < len(layout.sources):
                # A trailing empty cell (the "notes" column) is not stored; a short row stays short
                # enough to fail parsing, since its missing required cells come back as None.
                values += [None] * (len(layout.sources) - len(values))
            out.append(Line(number, repr(values), values))
        book.close()
        return out
    data = path.read_bytes()
    codec = {"utf-16": "utf-16", "utf-8-sig": "utf-8-sig"}.get(layout.encoding, layout.encoding)
    text = data.decode(codec)
    physical = text.split(layout.newline)
    if physical and physical[-1] == "":
        physical.pop()
    out = []
    for number, raw in enumerate(physical, start=1):
        cells = next(csv.reader(io.StringIO(raw), delimiter=layout.delimiter, quotechar='"'), [])
        out.append(Line(number, raw, cells))
    return out


def parse_number(text, layout: Layout):
    if isinstance(text, (int, float)):
        return text
    if layout.thousands:
        text = text.replace(layout.thousands, "")
    if layout.decimal != ".":
        text = text.replace(layout.decimal, ".")
    return float(text)


def parse_date(value, layout: Layout) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if layout.date_format == EXCEL_DATE:
        serial = int(value)
        return (date(1899, 12, 30) if serial >= 61 else date(1899, 12, 31)) + timedelta(days=serial)
    return datetime.strptime(value, layout.date_format).date()


def parse_row(line: Line, layout: Layout) -> dict:
    """A data line as canonical values; raises on anything that is not a clean row."""
    if len(line.cells) != len(layout.sources):
        raise ValueError(f"line {line.number}: {len(line.cells)} fields, expected {len(layout.sources)}")
    row = {}
    for source, cell in zip(layout.sources, line.cells):
        if source == "date":
            row["date"] = parse_date(cell, layout)
        elif source in NUMERIC:
            row[source] = parse_number(cell, layout)
        else:
            row[source] = cell
    return row
