"""A tiny table read only because its header is one name short (layout._width), whose dates' day
and month order nothing settles: refused rather than read by the separator's custom.

A one-day Euronext download ("Historical Data", its range, its ISIN; a header of nine names over a
row of ten) dated "02/01/2024" day first: its width found by the header's missing name, the lone date
was read month first (the custom for "/") and loaded as 1 February. Before its width was found, the
file had been refused: the width must not turn that refusal into a guess. Where its values settle
the order (a day above 12, a date in the file's name, a second date that steps), the table loads.
"""
from __future__ import annotations

from .dates import GUESSED_ORDER_CERTAINTY
from .schema import ColumnSchema

UNSETTLED_ORDER = "day/month order unknown"


def unsettled_order_problem(columns: list[ColumnSchema], body: list[list[str]]) -> str | None:
    """The refusal of such a table whose date column's order is a guess (its confidence no more than
    a guess's: dates.GUESSED_ORDER_CERTAINTY, as settled.py judges it), else None."""
    j = next((j for j, c in enumerate(columns) if c.canonical == "date"), None)
    if j is None or columns[j].type not in ("date", "timestamp") or columns[j].confidence > GUESSED_ORDER_CERTAINTY:
        return None
    shown = next((row[j].strip() for row in body if j < len(row) and row[j].strip()), "")
    return (f"{UNSETTLED_ORDER}: its dates ({shown}) read either way and nothing in the file settles which; "
            "put the date in the file's name (YYYY-MM-DD) or save the dates year first")
