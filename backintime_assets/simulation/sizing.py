"""Expected bytes per row of a layout, so a size profile can say how many rows a file needs.

Measured once per column on a sample of rows, then added up per layout: thousands of drifted
layouts cost microseconds each instead of a formatting run each.
"""
from __future__ import annotations

from datetime import date

import polars as pl

from backintime_assets.simulation.formatting import EXCEL_DATE, encode_text, header_line, preamble_lines
from backintime_assets.simulation.layouts import PRICE_COLUMNS, Layout

# Zipped sheet XML per row: measured with simulated rows (6 to 11 columns, deflate level 1).
_XLSX_ROW_BYTES = 15.0
_XLSX_CELL_BYTES = 5.5
_XLSX_EMPTY_BYTES = 2130.0
_CONSTANT_LENGTHS = {"currency": 3, "notes": 0}


class RowSizer:
    def __init__(self, sample: pl.DataFrame):
        self.lengths: dict[str, float] = {}
        self.groups: dict[str, float] = {}  # mean thousands separators per value
        self.grouped: dict[str, float] = {}  # share of values with at least one separator
        self.pointed: dict[str, float] = {}  # share of values with a decimal point
        for column in (*PRICE_COLUMNS, "volume"):
            text = sample[column].cast(pl.String)
            integer = text.str.extract(r"^-?(\d+)", 1).str.len_chars()
            separators = ((integer - 1) // 3).clip(lower_bound=0)
            self.lengths[column] = float(text.str.len_chars().mean())
            self.groups[column] = float(separators.mean())
            self.grouped[column] = float((separators > 0).mean())
            self.pointed[column] = float(text.str.contains(".", literal=True).mean())
        for column in ("ticker", "sector", "exchange"):
            self.lengths[column] = float(sample[column].str.len_chars().mean())

    def _field(self, source: str, layout: Layout) -> float:
        if source == "date":
            if layout.date_format == EXCEL_DATE:
                return 5.0
            return float(len(date(2000, 1, 3).strftime(layout.date_format)))
        if source in _CONSTANT_LENGTHS:
            return float(_CONSTANT_LENGTHS[source])
        length = self.lengths[source]
        if source in self.groups:
            if layout.thousands:
                length += self.groups[source]
                if layout.thousands == layout.delimiter:
                    length += 2 * self.grouped[source]  # quoted
            if layout.decimal == layout.delimiter:
                length += 2 * self.pointed[source]  # "12,5" quoted when comma separates too
        return length

    def __call__(self, layout: Layout) -> tuple[float, float]:
        """(bytes per data row, bytes of BOM, preamble and header)."""
        sources = layout.sources
        if layout.extension == ".xlsx":
            return _XLSX_ROW_BYTES + _XLSX_CELL_BYTES * len(sources), _XLSX_EMPTY_BYTES
        chars = sum(self._field(s, layout) for s in sources) + len(sources) - 1 + len(layout.newline)
        width = 2 if layout.encoding == "utf-16" else 1
        overhead = sum(len(encode_text(line, layout)) for line in preamble_lines(layout, "NYSE", date(2000, 1, 3)))
        overhead += len(encode_text(header_line(layout), layout))
        overhead += {"utf-8-sig": 3, "utf-16": 2}.get(layout.encoding, 0)  # byte order mark
        return chars * width, float(overhead)
