"""Whether a schema detected from a file's quick sample is final: what a larger sample of the same
file could still add to the evidence, column by column."""

from __future__ import annotations

from .canonical import stays_unmapped
from .dates import GUESSED_ORDER_CERTAINTY
from .layout import Layout
from .numbers import NULL_SPELLINGS
from .schema import ColumnSchema, FileSchema

MIN_ROWS = 50  # data rows the quick sample must hold
MIN_DIALECT_CONFIDENCE = 0.5
_FULL = 0.999
# infer_column_type discounts a column of fewer values: more rows would raise its confidence.
_MIN_REPEATS = 5


def settled(schema: FileSchema, layout: Layout | None) -> bool:
    """A schema from the quick sample that the larger one (a superset of its rows: more of the head
    and more of the tail) would not change: a header, a clear dialect, enough data rows, data rows
    in the tail, and every column typed with full confidence or beyond the reach of more rows (see
    _column_settled)."""
    if layout is None or schema.problem is not None or schema.header_row < 0:
        return False
    if schema.confidence < MIN_DIALECT_CONFIDENCE or len(layout.body) < MIN_ROWS:
        return False
    # A tail of footer only (notes longer than the quick tail) leaves the footer's start unseen: a
    # longer one is cut at its first lines, and the rest would read as bad rows.
    if layout.tail_data_rows == 0:
        return False
    mapping = [c.canonical for c in schema.columns]
    if schema.side_by_side:
        return False  # several tickers side by side: a canonical per ticker, beyond stays_unmapped's reach
    return all(c.confidence >= _FULL or _column_settled(j, c, layout, mapping) for j, c in enumerate(schema.columns))


def _column_settled(j: int, column: ColumnSchema, layout: Layout, mapping: list[str | None]) -> bool:
    """A column below full confidence whose sample more rows would most probably leave as it is:

    - one value repeated in every filled cell, head and tail alike (a daily file's date, ambiguous
      in day/month order or written as an Excel serial): typing is blind to how often a value
      repeats, so only a different value could change it. Rows in between repeat it in a file
      ordered by date whichever way, as its first and last rows agree. Where they need not (a file
      sorted by ticker, a snapshot whose odd stale quote carries another date), some hundred rows
      (at least MIN_ROWS) agreeing on one date make another one rare, and one would only matter where it
      decides a day/month order that nothing decided yet: a pure guess (no value above 12, no date
      in the file's name) keeps looking, as other values are the only evidence there can be;
    - no value at all (a notes column left blank): it takes no canonical column whatever it would
      hold (canonical.stays_unmapped), so the conversion reads the same; a larger sample may still
      find a note in it and type it otherwise in the detected schema, which nothing downstream uses.
    """
    values = set()
    filled = 0
    for row in layout.body:
        v = row[j].strip()
        if v not in NULL_SPELLINGS:
            values.add(v)
            filled += 1
            if len(values) > 1:
                return False
    if not values:
        return mapping[j] is None and stays_unmapped(j, layout.header_cells, mapping)
    if filled < _MIN_REPEATS:
        return False
    guessed = column.type in ("date", "timestamp") and column.confidence <= GUESSED_ORDER_CERTAINTY
    return not guessed
