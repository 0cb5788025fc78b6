"""A workbook sheet's cells restated in the formats of the file's schema, for a sheet in the schema's
layout whose own cells are written otherwise: dates typed as text ("01/02/2021") on one month's
sheet beside real Excel dates on the others, decimal commas on a sheet pasted from elsewhere.

Records of all sheets are parsed together with the one schema (normalise.py), so a sheet read in
its own formats hands over its cells as that schema reads them; cells its own formats do not read
either are left as written, to be rejected as on any sheet.
"""
from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from backintime_assets.detection.date_system import stamped_east
from backintime_assets.detection.schema import ColumnSchema, FileSchema
from backintime_assets.detection.xlsx import cell_text
from backintime_assets.trading_week import MON_FRI, TradingWeek

from .east_days import east_readings, session_days
from .parse import SERIAL_FORMATS, UTC_EVENING, Parsed, parse_dates, parse_numbers, parse_strings

_SAMPLE_ROWS = 200
_EPOCH = date(1970, 1, 1)  # day 0 of parse_dates' days
_NUMERIC = ("open", "high", "low", "close", "adj_close", "volume")


def column_cells(rows: list[list[str]], col: int) -> pa.Array:
    """Column `col` of sheet rows as text ("" where a row stops short: the reader drops trailing empty cells)."""
    return pa.array([r[col] if col < len(r) else "" for r in rows], pa.string())


def misread(rows: list[list[str]], start: int, schema: FileSchema) -> bool:
    """Whether most of the first date (or close) cells from row `start` do not read in the schema's
    formats: the cheap test that spares the sheets read as the first one a detection of their own."""
    cmap = schema.canonical_map()
    sample = rows[start:start + _SAMPLE_ROWS]
    for field in ("date", "close"):
        if field not in cmap:
            continue
        cells = column_cells(sample, cmap[field])
        if field == "date":
            fmt = schema.columns[cmap[field]].format
            if not stamped_east(fmt) and pc.any(pc.match_substring_regex(cells, UTC_EVENING)).as_py():
                # UTC text of evening stamps (the ASX's opens, "2021-02-28T23:00:00Z") reads as written
                # in the schema's dates too, where its sheet's own detection may judge it "_east"
                # (detection/epoch_days.py): read so, BHP's bars loaded a day early.
                return True
            parsed = parse_dates(cells, fmt, schema.decimal, schema.thousands,
                                 schema.columns[cmap[field]].swapped_cells is not None)
        else:
            parsed = parse_numbers(cells, schema.decimal, schema.thousands)
        if parsed.bad.sum() * 2 > (~parsed.missing).sum():
            return True
    return False


def restated(rows: list[list[str]], start: int, own: FileSchema, schema: FileSchema,
             week: TradingWeek = MON_FRI) -> list[list[str]] | None:
    """`rows` with the cells from row `start` of each column whose format differs between the sheet's
    own schema and the file's read in the former and written in the latter; None when the two map
    other columns (another layout: not this module's to read) or write them alike. `week`: the
    trading week, which decides the days of epochs that may be stamped east of UTC."""
    cmap = schema.canonical_map()
    if own.canonical_map() != cmap or len(own.columns) != len(schema.columns):
        return None
    numbers_differ = (own.decimal, own.thousands) != (schema.decimal, schema.thousands)
    body = rows[start:]
    changed: dict[int, list[str | None]] = {}
    for field, col in cmap.items():
        cells = column_cells(body, col)
        if field == "date" and _reading(own.columns[col]) != _reading(schema.columns[col]):
            parsed = _own_days(cells, body, own, week)
            changed[col] = [None if np.isnan(d) else _date_text(int(d), schema.columns[col])
                            for d in parsed.values]
        elif field in _NUMERIC and numbers_differ:
            parsed = parse_numbers(cells, own.decimal, own.thousands, suffixes=field == "volume")
            changed[col] = [None if np.isnan(v) else _number_text(float(v), schema.decimal)
                            for v in parsed.values]
    if not changed:
        return None
    out = rows[:start]
    for k, row in enumerate(body):
        row = list(row) + [""] * (len(schema.columns) - len(row))
        for col, texts in changed.items():
            if texts[k] is not None:
                row[col] = texts[k]
        out.append(row)
    return out


def _own_days(cells: pa.Array, body: list[list[str]], own: FileSchema, week: TradingWeek) -> Parsed:
    """The days of a sheet's date cells in its own format. Epochs that may be stamped east of UTC
    (an "_east" format) read per ticker under the week, as the sheet's rows read alone would
    (east_days.py): their "_east" reading alone put a coin's bars stamped at its close
    (23:59:59.999 UTC, Binance's) on the next days, every one a day late."""
    cmap = own.canonical_map()
    fmt = own.columns[cmap["date"]].format
    read = parse_dates(cells, fmt, own.decimal, own.thousands, own.columns[cmap["date"]].swapped_cells is not None)
    readings = east_readings(cells, fmt, read, own.decimal, own.thousands)
    if readings is None:
        return read
    keys = (parse_strings(column_cells(body, cmap["ticker"]), upper=True).codes if "ticker" in cmap
            else np.zeros(len(cells), np.int64))
    east, utc, seconds = readings
    return session_days(east, utc, keys, week, seconds)


def _date_text(day: int, column: ColumnSchema) -> str:
    # The schema reads ISO dates whatever its strptime format (parse.parse_dates); numbers it must have.
    fmt = column.format
    if fmt in SERIAL_FORMATS:
        scale, of_1970 = SERIAL_FORMATS[fmt][:2]  # the day's midnight: each format reads it as the day
        return str((day + of_1970) * scale)
    if column.swapped_cells is not None and fmt:
        # Its ISO dates read swapped: written so, the day went for the month. Its format is a plain
        # numeric one ("%d/%m/%Y": detection/swapped_cells.py).
        return (_EPOCH + timedelta(days=day)).strftime(fmt)
    return str(np.datetime64(day, "D"))


def _reading(column: ColumnSchema) -> tuple[str | None, bool]:
    """How a date column's cells read: its format, and whether its ISO dates read swapped."""
    return column.format, column.swapped_cells is not None


def _number_text(value: float, decimal: str) -> str:
    text = cell_text(value)  # as a sheet's cells are written out
    return text.replace(".", decimal) if decimal != "." else text
