"""Render canonical price rows as the text of a layout: Polars writes the rows, we add the quirks.

Data rows are pure ASCII in every layout (non-ASCII text only appears in headers and preambles),
so for UTF-8 and cp1252 the bytes Polars writes go to disk as they are; only UTF-16 re-encodes.
`file_frame` is the layout's table; the writer (`write_rows`, `rendered_rows`) prints the same
bytes but takes the dates of big blocks from a table of their days (see `_date_text`).
"""
from __future__ import annotations

import io
from datetime import date
from functools import lru_cache

import numpy as np
import polars as pl

from backintime_assets.simulation.calendar import day_number
from backintime_assets.simulation.grouping import grouped_numbers
from backintime_assets.simulation.layouts import EXCEL_DATE, PRICE_COLUMNS, Layout

# Excel's 1900 date system counts 1900-02-29, which never existed: serials from 1900-03-01 on are
# days since 1899-12-30, earlier ones days since 1899-12-31.
_EXCEL_SHIFT = 25569
_EXCEL_LEAP_BUG_FROM = day_number(date(1900, 3, 1))
_CONSTANT_EXTRAS = {"currency": "USD", "notes": ""}
_DATE_TABLE_FROM = 4096  # rows from which printing dates through a table of days pays


def _has_time(layout: Layout) -> bool:
    return "%H" in layout.date_format


def _date_expr(layout: Layout) -> pl.Expr:
    column = pl.col("date")
    if layout.date_format == EXCEL_DATE:
        days = column.cast(pl.Int32)
        shift = pl.when(days >= _EXCEL_LEAP_BUG_FROM).then(_EXCEL_SHIFT).otherwise(_EXCEL_SHIFT - 1)
        return (days + shift).cast(pl.Int32)
    return column.cast(pl.Datetime("ms")) if _has_time(layout) else column


def _date_text(rows: pl.DataFrame, layout: Layout) -> pl.Expr | None:
    """The dates as the layout prints them, looked up in a table of the block's calendar days.

    A block repeats each day for every ticker: formatting a few thousand days once and copying the
    short strings costs Polars less than formatting every cell (a good share of a whole file's
    time for day-first formats and times). None where a table would not pay: Excel serials (plain
    integers), small blocks, or blocks spanning more than a quarter as many days as they hold rows.
    """
    if layout.date_format == EXCEL_DATE or rows.height < _DATE_TABLE_FROM:
        return None
    numbers = rows["date"].cast(pl.Int32)
    first, last = numbers.min(), numbers.max()
    if first is None or (last - first + 1) * 4 > rows.height:
        return None
    return pl.lit(_day_texts(layout.date_format, first, last)).gather(pl.col("date").cast(pl.Int32) - first)


@lru_cache(maxsize=64)
def _day_texts(date_format: str, first: int, last: int) -> pl.Series:
    """Every calendar day from day number `first` to `last` as `date_format` prints it (the blocks of
    a file share their span, so the table is made once per file)."""
    table = pl.Series(np.arange(first, last + 1, dtype=np.int32)).cast(pl.Date)
    if "%H" in date_format:
        table = table.cast(pl.Datetime("ms"))
    return table.dt.strftime(date_format)


def _columns(rows: pl.DataFrame, layout: Layout, dates_as_text: bool) -> list[pl.Expr]:
    columns = []
    for i, source in enumerate(layout.sources):
        if source == "date":
            column = _date_text(rows, layout) if dates_as_text else None
            column = _date_expr(layout) if column is None else column
        elif source in _CONSTANT_EXTRAS:  # an empty "notes" is null: Polars writes "" for an empty string
            column = pl.lit(_CONSTANT_EXTRAS[source] or None, dtype=pl.String)
        elif layout.thousands and (source in PRICE_COLUMNS or source == "volume"):
            column = pl.lit(grouped_numbers(rows[source], layout.thousands, layout.decimal))
        else:
            column = pl.col(source)
        columns.append(column.alias(f"c{i}"))
    return columns


def file_frame(rows: pl.DataFrame, layout: Layout) -> pl.DataFrame:
    """The layout's columns, in its order, computed from canonical rows (headers are written apart)."""
    return rows.select(_columns(rows, layout, dates_as_text=False))


def write_rows(rows: pl.DataFrame, layout: Layout, handle) -> None:
    """Canonical rows as the layout's CSV text straight into an open binary file, in one Polars run."""
    rows.lazy().select(_columns(rows, layout, dates_as_text=True)).sink_csv(handle, **write_options(layout))


def rendered_rows(rows: pl.DataFrame, layout: Layout) -> bytes:
    """Canonical rows as the layout's CSV text, ASCII, without header: the bytes `write_rows` writes."""
    return render_rows(rows.select(_columns(rows, layout, dates_as_text=True)), layout)


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
