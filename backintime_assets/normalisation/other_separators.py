"""Dates of a day/month/year column written with another separator than the column's format.

A spreadsheet that opens an export of "16-12-2025" dates turns those it can read as dates into its
own style ("9/12/2025", 9 December: the digits stay where they were) and leaves the others text, so
one column holds both (investing.com's NIFTY 50 history re-saved). Read under the column's format
("%d/%m/%Y"), every "16-12-2025" was rejected as unparseable: half a plain history lost, loudly.

Such a cell is read here only when the column's order is the only one it allows (a day over 12 where
the column puts the day): "16-12-2025" under "%d/%m/%Y" is 16 December whoever wrote it. A cell both
orders read ("05-06-2024") stays unread, as does one whose only reading puts the day where the column
puts the month: either may come from another hand with another order, and a guess would load a wrong
day unseen.

And only where the column holds the spreadsheet's mark as a whole: it restyled exactly the cells it
could read, so every cell of the column's own separator falls on a day up to the 12th, and every cell
left with another separator is one only the column's order reads. A column of "16/12/2025" beside
"16-12-2025", or a block of "16-02-2025" beside "03-02-2025", is no restyled export but rows of another
hand (another file's history appended, another instrument's): read as the column's, each would load
another's price under the file's ticker unseen. Those stay rejected, all of them, loudly, as before.
So too where a month of the other separator's cells holds none of the column's own: the restyle left
the 1st to the 12th of every month the history spans in the column's separator, and only its first
month, begun after the 12th, may have none. Early January's "2/1/2025" to "10/1/2025" with another
export's "13-02-2025" to "19-02-2025" appended is no restyle of one history (February's first days
would be "3/2/2025"), though each of its cells alone looks like one.
"""

from __future__ import annotations

import re

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

# A format of numeric dates, day and month first in either order, a 4-digit year last, no time.
_NUMERIC_FORMAT = re.compile(r"^(%d|%m)([/.-])(%m|%d)\2%Y$")
# A cell of that layout with any of the separators: its two leading numbers and its separator.
_CELL = r"^(?P<a>\d{1,2})(?P<sep>[/.-])(?P<b>\d{1,2})(?P<sep2>[/.-])(?P<y>\d{4})$"
_MONTHS = 12


def other_separator_cells(text: pa.Array, fmt: str | None,
                          read_days: np.ndarray) -> tuple[np.ndarray, pa.Array] | None:
    """(rows, the cells rewritten with the format's separator) of the `text` cells (trimmed, unread
    by `fmt`) that read under `fmt` only with their separator made its own; None when `fmt` is no
    numeric day/month/year format, or the column is no restyled export (above). `read_days`: the
    days (since 1970-01-01) of the column's cells `fmt` read. The caller reads the rewritten cells
    with `fmt` (and its check of rolled-over days: "31-02-2024" is no date)."""
    match = _NUMERIC_FORMAT.match(fmt or "")
    if match is None or len(text) == 0:
        return None
    day_first, sep = match[1] == "%d", match[2]
    parts = pc.extract_regex(text, _CELL)
    valid = np.asarray(pc.is_valid(parts).to_numpy(zero_copy_only=False), dtype=bool)
    rows = np.flatnonzero(valid)
    if rows.size == 0 or _past_the_12th(read_days):
        return None
    parts = parts.take(pa.array(rows))
    seps = np.asarray(parts.field("sep").to_numpy(zero_copy_only=False))
    same = seps == np.asarray(parts.field("sep2").to_numpy(zero_copy_only=False))  # not "16-12/2025"
    a = np.asarray(pc.cast(parts.field("a"), pa.int64()).to_numpy(zero_copy_only=False))
    b = np.asarray(pc.cast(parts.field("b"), pa.int64()).to_numpy(zero_copy_only=False))
    day, month = (a, b) if day_first else (b, a)
    # The column's order the only one: its day could be no month. Its own separator aside (a cell
    # written like the column's and still unread is damage, as it was).
    other = same & (seps != sep)
    only_order = other & (day > _MONTHS) & (month <= _MONTHS)
    if (other & ((day <= _MONTHS) | (month <= _MONTHS)) & ~only_order).any():
        return None  # one some other order reads, or both: another hand's (above)
    if only_order.any() and _months_unrestyled(read_days, np.asarray(pc.cast(parts.field("y"), pa.int64())
                                                                     .to_numpy(zero_copy_only=False))[only_order],
                                              month[only_order]):
        return None  # another hand's month beside the column's (above)
    rows = rows[only_order]
    if rows.size == 0:
        return None
    cells = text.take(pa.array(rows))
    return rows, pc.replace_substring_regex(cells, r"[/.-]", sep)


def _past_the_12th(days: np.ndarray) -> bool:
    """Whether any of `days` (since 1970-01-01) falls after the 12th of its month: a cell the
    spreadsheet could not have restyled (above)."""
    if days.size == 0:
        return False
    dates = days.astype(np.int64).astype("datetime64[D]")
    return bool(((dates - dates.astype("datetime64[M]")).astype(np.int64) >= _MONTHS).any())


def _months_unrestyled(days: np.ndarray, years: np.ndarray, months: np.ndarray) -> bool:
    """Whether a month of another separator's cells (`years`, `months`) holds none of the column's
    own (`days`, since 1970-01-01) and is not the column's first month: a restyle leaves the days up
    to the 12th of every month it spans in the column's separator, only the first month of a history
    begun after the 12th has none (above)."""
    own = days.astype(np.int64).astype("datetime64[D]").astype("datetime64[M]").astype(np.int64) + 1970 * _MONTHS
    other = np.unique(years * _MONTHS + months - 1)
    first = min(other[0], own.min()) if own.size else other[0]
    return bool(np.setdiff1d(other[other != first], own).size)
