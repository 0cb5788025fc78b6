"""Render canonical price rows as the text of a layout: Polars writes the rows, we add the quirks.

Data rows are pure ASCII in every layout (non-ASCII text only appears in headers and preambles),
so for UTF-8 and cp1252 the bytes Polars writes go to disk as they are; only UTF-16 re-encodes.
"""
from __future__ import annotations

import io
from datetime import date

import numpy as np
import polars as pl

from backintime_assets.simulation.calendar import day_number
from backintime_assets.simulation.layouts import EXCEL_DATE, PRICE_COLUMNS, Layout

# Excel's 1900 date system counts 1900-02-29, which never existed: serials from 1900-03-01 on are
# days since 1899-12-30, earlier ones days since 1899-12-31.
_EXCEL_SHIFT = 25569
_EXCEL_LEAP_BUG_FROM = day_number(date(1900, 3, 1))
_CONSTANT_EXTRAS = {"currency": "USD", "notes": ""}


def _has_time(layout: Layout) -> bool:
    return "%H" in layout.date_format


def _date_expr(layout: Layout) -> pl.Expr:
    column = pl.col("date")
    if layout.date_format == EXCEL_DATE:
        days = column.cast(pl.Int32)
        shift = pl.when(days >= _EXCEL_LEAP_BUG_FROM).then(_EXCEL_SHIFT).otherwise(_EXCEL_SHIFT - 1)
        return (days + shift).cast(pl.Int32)
    return column.cast(pl.Datetime("ms")) if _has_time(layout) else column


def _grouped_number(column: pl.Expr, layout: Layout) -> pl.Expr:
    """A number as text with thousands separators (and the layout's decimal mark)."""
    parts = column.cast(pl.String).str.extract_groups(r"^(-?)(\d+)(.*)$")
    sep = layout.thousands
    grouped = (parts.struct.field("2").str.reverse().str.replace_all(r"(\d{3})", "${1}" + sep, literal=False)
               .str.strip_chars_end(sep).str.reverse())
    rest = parts.struct.field("3")
    if layout.decimal != ".":
        rest = rest.str.replace(".", layout.decimal, literal=True)
    return pl.concat_str([parts.struct.field("1"), grouped, rest])


def _column_expr(source: str, layout: Layout) -> pl.Expr:
    if source == "date":
        return _date_expr(layout)
    if source in _CONSTANT_EXTRAS:  # an empty "notes" is null: Polars writes "" for an empty string
        return pl.lit(_CONSTANT_EXTRAS[source] or None, dtype=pl.String)
    if layout.thousands and (source in PRICE_COLUMNS or source == "volume"):
        return _grouped_number(pl.col(source), layout)
    return pl.col(source)


def _exprs(layout: Layout) -> list[pl.Expr]:
    return [_column_expr(source, layout).alias(f"c{i}") for i, source in enumerate(layout.sources)]


def file_frame(rows: pl.DataFrame, layout: Layout) -> pl.DataFrame:
    """The layout's columns, in its order, computed from canonical rows (headers are written apart)."""
    return rows.select(_exprs(layout))


def write_rows(rows: pl.DataFrame, layout: Layout, handle) -> None:
    """Canonical rows as the layout's CSV text straight into an open binary file, in one Polars run."""
    rows.lazy().select(_exprs(layout)).sink_csv(handle, **write_options(layout))


def text_frame(rows: pl.DataFrame, layout: Layout) -> pl.DataFrame:
    """Like file_frame but every cell already the text the writer would print (to alter it by hand)."""
    frame = file_frame(rows, layout)
    exprs = []
    for name, source, dtype in zip(frame.columns, layout.sources, frame.dtypes):
        column = pl.col(name)
        if source == "date" and layout.date_format != EXCEL_DATE:
            column = column.dt.strftime(layout.date_format)
        elif dtype.is_float() and layout.decimal != ".":
            column = column.cast(pl.String).str.replace(".", layout.decimal, literal=True)
        exprs.append(column.cast(pl.String).fill_null(""))
    return frame.select(exprs)


def write_options(layout: Layout) -> dict:
    options = {"separator": layout.delimiter, "line_terminator": layout.newline, "include_header": False,
               "decimal_comma": layout.decimal == ","}
    if layout.date_format != EXCEL_DATE:
        options["datetime_format" if _has_time(layout) else "date_format"] = layout.date_format
    return options


def render_rows(frame: pl.DataFrame, layout: Layout) -> bytes:
    """CSV text of a file_frame / text_frame, ASCII, without header."""
    buffer = io.BytesIO()
    frame.write_csv(buffer, **write_options(layout))
    return buffer.getvalue()


def quote_field(value: str, delimiter: str) -> str:
    """Quote the way Polars does (only when needed), for text we assemble ourselves."""
    if delimiter in value or '"' in value or "\n" in value or "\r" in value:
        return '"' + value.replace('"', '""') + '"'
    return value


def join_fields(values, layout: Layout) -> str:
    return layout.delimiter.join(quote_field(str(v), layout.delimiter) for v in values)


def header_line(layout: Layout) -> str:
    return join_fields(layout.headers, layout) + layout.newline


def preamble_lines(layout: Layout, exchange: str, day: date) -> list[str]:
    if not layout.preamble:
        return []
    text = day.strftime("%d.%m.%Y")
    return [line.format(exchange=exchange, date=text, d=layout.delimiter) + layout.newline for line in layout.preamble]


def totals_line(layout: Layout, rows: int, volume: int) -> str:
    if "volume" in layout.sources:
        cells = [""] * len(layout.sources)
        cells[0] = "TOTAL"
        cells[layout.sources.index("volume")] = str(volume)
        if layout.sources.index("volume") == 0:
            cells[0] = f"TOTAL {volume}"
        return join_fields(cells, layout) + layout.newline
    return join_fields([f"Total rows: {rows}"], layout) + layout.newline


def encode_text(text: str, layout: Layout) -> bytes:
    """Text outside the data rows (preamble, header, totals) in the file's encoding, without BOM."""
    codec = {"utf-8-sig": "utf-8", "utf-16": "utf-16-le"}.get(layout.encoding, layout.encoding)
    return text.encode(codec)


def encode_rows(data: bytes, layout: Layout) -> bytes:
    """Row bytes from render_rows (ASCII) in the file's encoding."""
    if layout.encoding != "utf-16":
        return data
    return np.frombuffer(data, dtype=np.uint8).astype("<u2").tobytes()  # ASCII: each byte widened


def byte_order_mark(layout: Layout) -> bytes:
    return {"utf-8-sig": b"\xef\xbb\xbf", "utf-16": b"\xff\xfe"}.get(layout.encoding, b"")
