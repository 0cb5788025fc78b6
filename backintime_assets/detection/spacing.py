"""Double-spaced files: a blank line after every row. A CRLF file passed through a tool that turned
its "\\n" into "\\r\\n" again ends its lines "\\r\\r\\n" (Excel and Notepad round trips), which reads as
a line and a blank one; some exports write "\\n\\n". There a blank line sets nothing off: taken for a
break, it cut a yfinance download's "Ticker,AAPL" row off its header, and the prices loaded under the
file's name, positionally (its Close column first: the open loaded as the close)."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import repeat
from operator import itemgetter

Row = tuple[int, list[str]]  # (line index, or lines-from-end for tail rows; fields)

_MIN_ROWS = 4  # a few rows, each followed by a blank line, may be a layout of paragraphs
_SHARE = 0.9  # of the rows (bar the sample's last, cut off) followed by one: a row or two may not be


def set_off_blanks(records: Sequence[Row], rows: int) -> Sequence[Row]:
    """`records` (in file order, blank ones included; `rows` of them not blank) without the blank
    line right after each row when the sample is double-spaced: the blank lines left are those that
    set rows off (a second blank line, a break between tables or above a footer). `records` itself
    otherwise."""
    # From the count the caller has: most samples have no blank line, or too few to space their
    # rows, and every file's detection would pay a second pass over its sample to learn so.
    if rows < _MIN_ROWS or len(records) - rows < _SHARE * (rows - 1):
        return records
    filled = list(map(any, map(map, repeat(str.strip), map(itemgetter(1), records))))
    # the record after each row, when blank, is the spacing (the next record, not the next line: a
    # quoted cell may span lines)
    spacing = {k + 1 for k in range(len(records) - 1) if filled[k] and not filled[k + 1]}
    if len(spacing) < _SHARE * (rows - 1):
        return records
    return [r for k, r in enumerate(records) if k not in spacing]
