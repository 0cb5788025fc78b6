"""Ragged rows: rows short of the header by trailing fields their writer left out (GTFS feeds' optional
last fields, a volume written on some days only, a log's optional message), and rows longer than the
header by empty trailing fields alone ("a,b,c" over "1,2,3," and "1,2,3,,"). Decided on the sample's
rows together, never one row at a time: which rows the reader reads padded, and how wide the table is."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from itertools import compress

_LEAST_SHORT = 2  # short rows that show a writer leaving trailing fields out: one alone may be damaged


def ragged_from(rows: Sequence[list[str]], width: int, data_like: Callable[[list[str]], bool]) -> int | None:
    """The fewest fields a row of the table's `width` columns may have and read as its first columns,
    the rest empty, where the sample's data `rows` show the file's writer leaves trailing fields out;
    else None (a short row is rejected for its field count). The evidence, across the rows:
    - two rows at least are short, each a data row as far as it goes (its cells typed as the
      table's first columns), and a row at least is full: where none is, nothing in the rows shows
      the columns past them exist (a note beside the header, a line of words over a headerless
      table: wider_header.py), and the table stays as wide as its rows;
    - each short row ends in a value: a writer that leaves trailing empty fields out writes no empty
      last field. Save at the fewest fields, where short rows are of several lengths and most end in
      a value: a writer that always writes the first columns, then the later ones up to the last
      that holds one (datasets/currency-codes' rows of five fields, ",,," where a territory has no
      currency, six or seven on the withdrawn currencies' rows): rows of those first columns are
      half the rows at least. Short rows of one length, one of them ending empty, show no such
      writer, nor do a few short rows among full ones ("...,12.5," beside "...,12.5,1" where the
      volume is "1234"): lines cut at several places, to be rejected, not read padded;
    - a full row ending in an empty field ("...,1.5," for no volume) shows a writer that writes every
      field: its short rows, if they are rare, are damaged (a field lost, which one nothing tells).
      Half the rows short at least, leaving fields out is the file's way, and its full rows' empty
      last fields a hand's edit (GTFS' sample feed);
    - a full row follows a short one: short rows below every full one are a block of their own, a
      table of dividends ("2024-05-10,0.24") under a price table's rows, or a file's last rows cut
      short, and read padded, a dividend loaded as a close (the head sample sees none of a large
      file's last rows: a large file's cut rows are rejected alike)."""
    rows = [f for f in rows if len(f) > 1]
    short = [f for f in rows if len(f) < width]
    full = [f for f in rows if len(f) >= width]
    if len(short) < _LEAST_SHORT or not full:
        return None
    least = min(map(len, short))
    ending = [bool(f[-1].strip()) for f in short]
    if not all(ending) and (not all(e or len(f) == least for e, f in zip(ending, short))
                            or 2 * sum(ending) <= len(short) or max(map(len, short)) == least
                            or 2 * sum(len(f) == least for f in short) < len(rows)):
        return None
    if 2 * len(short) < len(rows) and any(not f[width - 1].strip() for f in full):
        return None
    if all(len(f) < width for f in rows[next(k for k, f in enumerate(rows) if len(f) < width):]):
        return None  # short rows after the last full one only: another table's rows, or rows cut short
    # The dearest test last. Not of a row of the fewest fields ending empty: its typed cells may all be
    # empty (",,,"), and read at the width most rows have, it was a row all the same.
    if not all(map(data_like, compress(short, ending))):
        return None
    return least


def named_width(header: list[str], rows: Sequence[list[str]], width: int) -> int:
    """The header's width, its trailing empty cells left out, where the rows are wider than it by
    empty trailing fields alone (a writer that ends each row with a delimiter, or two): the fields
    past its names head nothing and hold nothing in the sample, and the reader drops them. Else
    `width`: a last column the header leaves unnamed and the rows fill (Euronext's VWAP) stays."""
    n = len(header)
    while n and not header[n - 1].strip():
        n -= 1
    if not 1 < n < width:
        return width
    wider = [f for f in rows if len(f) > n]
    if not wider or any(c.strip() for f in wider for c in f[n:]):
        return width
    return n
