"""A compiled CSV printer for canonical price rows: exactly the bytes Polars prints, for less CPU.

Prices here are short decimals (see `daily.round_prices`), so their shortest text takes a few
float operations and some integer arithmetic; text columns are copied from Polars' own string
views, dates from a table of the block's days (see print_kernel.py for the loop itself).
`printed_rows` gives `formatting.rendered_rows`'s bytes, or None for anything it does not handle
(floats with 16+ significant digits, from 1e15 up, or in scientific notation below the exact
powers of ten; NaN, nulls, text that would need quotes escaped, a delimiter of more than one
byte), for the caller to take the Polars path. Prices below 1e-5 (an adjusted close far below its
close: a fifth of the drifted archive rows sat in blocks holding one) it prints as Polars does, `2.55158e-6`.
numba is imported on the first call only.
"""
from __future__ import annotations

import math
from functools import cache, lru_cache

import numpy as np
import polars as pl

from backintime_assets.simulation import formatting as fmt
from backintime_assets.simulation.layouts import EXCEL_DATE, PRICE_COLUMNS, Layout

_FLOAT_WIDTH = 48  # sign, 15 digits, 4 separators, the leading zeros of 1e-5, quotes: with margin
_INT_WIDTH = 32
# The marks the kernel is tested to print as Polars does (the ones layouts.random_layout draws);
# anything else goes to Polars.
_DELIMITERS, _DECIMALS, _THOUSANDS = (",", ";", "\t", "|"), (".", ","), ("", ".", " ", ",", "'")


class Printed:
    """A block's rows as text: `data` (a uint8 array, the bytes `formatting.rendered_rows` gives)
    and, if asked for, `ends` (the offset just past each row's line)."""

    __slots__ = ("data", "ends")

    def __init__(self, data: np.ndarray, ends: np.ndarray | None):
        self.data, self.ends = data, ends


@cache  # a failed import is not tried again for each block: numba would fail the same way, at a cost each time
def _kernel():
    """The compiled kernel (numba: imported on first use), or None where it cannot load: numba
    refuses `cache=True` when neither the package's __pycache__ nor a user cache directory is
    writable (a read-only install in a container), and Polars then prints instead."""
    try:
        from backintime_assets.simulation import print_kernel
    except (ImportError, RuntimeError, OSError):
        return None
    return print_kernel


def printed_rows(rows: pl.DataFrame, layout: Layout, with_ends: bool = False) -> Printed | None:
    """Canonical rows as the layout's CSV text; None where the kernel cannot promise the bytes
    `formatting.rendered_rows` gives (the caller then prints with Polars)."""
    kernel = _kernel()
    if kernel is None:
        return None
    if (layout.delimiter not in _DELIMITERS or layout.decimal not in _DECIMALS or layout.thousands not in _THOUSANDS
            or layout.newline not in ("\n", "\r\n") or layout.thousands == layout.decimal):
        return None
    delimiter, newline = layout.delimiter.encode(), layout.newline.encode()
    n = rows.height
    kinds, slots, quoting = [], [], []
    floats, ints, texts = [], [], []
    entries: list[bytes] = []  # the constant cells; the block's days go after them
    day_index, table_first, widths = None, 0, 0
    for source in layout.sources:
        if source == "date":
            days = rows["date"].to_physical()
            if days.null_count():
                return None
            if layout.date_format == EXCEL_DATE:
                kind, slot, quote = kernel.INT, len(ints), kernel.UNGROUPED  # thousands: prices and volume only
                ints.append(rows.select(fmt._date_expr(layout)).to_series().cast(pl.Int64).to_numpy())
                widths += _INT_WIDTH
            else:
                kind, slot, quote = kernel.TABLE, -1, kernel.NEVER
                if n:
                    table_first, last = int(days.min()), int(days.max())
                    if last - table_first > 4 * n + 4096:  # a table of days would cost more than the rows
                        return None
                    table_of_days = _day_table(layout.date_format, delimiter, table_first, last)
                    if table_of_days is None:
                        return None
                    day_texts, day_starts, longest = table_of_days
                    day_index = days.to_numpy()
                    widths += longest
        elif source in fmt._CONSTANT_EXTRAS:  # an empty "notes" is null: Polars prints nothing
            kind, slot, quote = kernel.TABLE, len(entries), kernel.NEVER
            entries.append(fmt.quote_field(fmt._CONSTANT_EXTRAS[source], layout.delimiter).encode())
            widths += len(entries[-1])
        elif source in PRICE_COLUMNS or source == "volume":
            column = rows[source]
            if column.null_count():
                return None
            if column.dtype == pl.Float64:
                kind, slot, values = kernel.FLOAT, len(floats), floats
                widths += _FLOAT_WIDTH
            elif column.dtype == pl.Int64:
                kind, slot, values = kernel.INT, len(ints), ints
                widths += _INT_WIDTH
            else:
                return None
            quote = _number_quoting(kind == kernel.FLOAT, layout)
            values.append(column.to_numpy())
        elif source in ("ticker", "sector", "exchange"):
            view = _string_views(rows[source])
            if view is None:
                return None
            kind, slot, quote = kernel.TEXT, len(texts), kernel.NEVER  # quoted where it holds the delimiter
            texts.append(view)
            widths += (int(view[0][:, 0].max()) if n else 0) + 2
        else:
            return None
        kinds.append(kind)
        slots.append(slot)
        quoting.append(quote)
    constants = b"".join(entries)
    table_starts = np.cumsum([0, *map(len, entries)], dtype=np.int64)
    if day_index is not None:  # day d is entry len(entries) + d - first
        table = constants + day_texts
        table_starts = np.concatenate((table_starts[:-1], day_starts + len(constants)))
        table_first -= len(entries)
    else:
        table, day_index = constants, np.zeros(0, dtype=np.int32)
    row_bound = widths + len(kinds) - 1 + len(newline)
    out = np.empty(n * row_bound + 64, dtype=np.uint8)
    ends = np.empty(n if with_ends else 0, dtype=np.int64)
    float_view, float_rows = _one_view(floats, np.float64, n)
    int_view, int_rows = _one_view(ints, np.int64, n)
    view_bytes, view_rows = _one_view([v.view(np.uint8).reshape(-1) for v, _ in texts], np.uint8, 16 * n)
    rows_of = {kernel.FLOAT: float_rows, kernel.INT: int_rows}
    slots = [rows_of[k][s] if k in rows_of else s for k, s in zip(kinds, slots)]
    text_data, text_starts = _text_buffers(texts)
    inputs = [np.array(kinds, dtype=np.int64), np.array(slots, dtype=np.int64), np.array(quoting, dtype=np.int64),
              float_view, int_view, view_bytes, np.array(view_rows, dtype=np.int64), text_data, text_starts,
              day_index.astype(np.int32, copy=False), np.frombuffer(table + bytes(8), dtype=np.uint8), table_starts]
    used = kernel.print_rows(out, n, *map(_read_only, inputs), table_first, delimiter[0],
                             _read_only(np.frombuffer(newline, dtype=np.uint8)), layout.decimal.encode()[0],
                             _read_only(np.frombuffer(layout.thousands.encode() or b"\0", dtype=np.uint8)),
                             len(layout.thousands), row_bound, ends)
    if used < 0:
        return None
    return Printed(out[:used], ends if with_ends else None)


def _read_only(array: np.ndarray) -> np.ndarray:
    """A read-only view, as the kernel's signature takes its inputs (Polars' zero-copy arrays are)."""
    array = array.view()
    array.flags.writeable = False
    return array


def _one_view(columns: list[np.ndarray], dtype, n: int) -> tuple[np.ndarray, list[int]]:
    """The columns as rows of one strided 2-D view, without copying them, and the row of each.

    numba takes no list of arrays without a cost per access, and copying them into one block
    cost more than a tenth of the printing: instead, the view starts at the lowest column and
    steps by the largest common divisor of the distances between them (columns of one block
    drawn together are evenly spaced in one allocation). Rows that are not columns are never read.
    """
    given, columns = columns, [np.ascontiguousarray(c, dtype=dtype) for c in columns]
    if not columns:
        return np.zeros((1, max(n, 1)), dtype=dtype), []
    if not all(np.may_share_memory(c, g) for c, g in zip(columns, given)):
        # A converted copy lives only in this call: a view over it would outlive it.
        return np.stack(columns), list(range(len(columns)))
    addresses = [c.__array_interface__["data"][0] for c in columns]
    first = min(addresses)
    step = 0
    for address in addresses:
        step = math.gcd(step, address - first)
    step = step or columns[0].itemsize
    if step % columns[0].itemsize:  # not reachable for numpy's aligned allocations: copy instead
        return np.stack(columns), list(range(len(columns)))
    rows = [(a - first) // step for a in addresses]
    base = columns[addresses.index(first)]
    view = np.lib.stride_tricks.as_strided(base, shape=(max(rows) + 1, n), strides=(step, base.itemsize),
                                           writeable=False)
    return view, rows


def _string_views(column: pl.Series) -> tuple[np.ndarray, list[np.ndarray]] | None:
    """The column's Arrow string views (n x 4 uint32: length, then inline bytes or prefix, buffer,
    offset) and its data buffers, without copying; None for nulls or another representation."""
    if column.dtype != pl.String or column.null_count():
        return None
    array = column.to_arrow(compat_level=pl.CompatLevel.newest())
    if hasattr(array, "combine_chunks"):
        array = array.combine_chunks()
    if str(array.type) != "string_view":
        return None
    buffers = array.buffers()
    views = np.frombuffer(buffers[1], dtype=np.uint32).reshape(-1, 4)[array.offset : array.offset + len(array)]
    return views, [np.frombuffer(b, dtype=np.uint8) for b in buffers[2:]]


def _text_buffers(texts: list) -> tuple[np.ndarray, np.ndarray]:
    """The text columns' data buffers (their strings of more than 12 bytes) in one array with 8
    bytes of slack for whole-word reads, and where each buffer of each column starts in it."""
    buffers = [b for _, column in texts for b in column]
    starts = np.zeros((max(len(texts), 1), max([1, *(len(c) for _, c in texts)])), dtype=np.int64)
    at = 0
    for i, (_, column) in enumerate(texts):
        for j, buffer in enumerate(column):
            starts[i, j] = at
            at += len(buffer)
    return np.concatenate([*buffers, np.zeros(8, dtype=np.uint8)]), starts


def _number_quoting(is_float: bool, layout: Layout) -> int:
    """How Polars quotes a price or volume column: a Float column is quoted whole when a decimal
    comma meets comma delimiters; with thousands the column is text (see grouping.py), quoted
    where a cell holds the delimiter: every cell if that is the decimal mark, else the grouped ones."""
    from backintime_assets.simulation.print_kernel import ALWAYS, IF_GROUPED, NEVER

    delimiter = layout.delimiter
    if not layout.thousands:
        return ALWAYS if is_float and layout.decimal == "," and delimiter == "," else NEVER
    if is_float and layout.decimal == delimiter:
        return ALWAYS
    return IF_GROUPED if layout.thousands == delimiter else NEVER


@lru_cache(maxsize=64)
def _day_table(date_format: str, delimiter: bytes, first: int, last: int) -> tuple[bytes, np.ndarray, int] | None:
    """Every calendar day from `first` to `last` as Polars prints it in `date_format`: the texts one
    after another, where each starts (and where the last ends), the longest; None if one would
    need quotes. Taken from Polars' own buffers, with no Python object per day: an archive's
    blocks share their span, but the many small files of a profile each have their own."""
    array = fmt._day_texts(date_format, first, last).to_arrow()
    if array.null_count or str(array.type) != "large_string":
        return None
    offsets = np.frombuffer(array.buffers()[1], dtype=np.int64)[array.offset : array.offset + len(array) + 1]
    data = np.frombuffer(array.buffers()[2], dtype=np.uint8)[offsets[0] : offsets[-1]]
    if np.isin(data, np.frombuffer(delimiter + b'"\r\n', dtype=np.uint8)).any():
        return None
    return data.tobytes(), offsets - offsets[0], int(np.diff(offsets).max())
