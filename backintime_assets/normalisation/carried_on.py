"""Whether the rows on either side of a line continue the same instruments' series.

A line between rows naming no ticker of the file (",ADR,,ORD,", ",goog,goog,amzn,amzn") is either a
note (the rows below carry on the rows above) or the labels of another download pasted below (a new
instrument's series, loaded under the file's tickers). Its words cannot tell: "ADR" or "BUY" are
ticker shapes as much as notes. The prices can: asked only of such lines (most files have none).
"""
from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

# Of one row to the next, a normal day's move at most (a new instrument's series lies further off,
# or restarts its dates); dates running on: a long weekend with a holiday, a week's gap in a file.
_MOVE = np.log(1.25)
_DAYS = 10


def carries_on(prices: pa.Table, before: pa.Table | None = None) -> Callable[[int], bool | None]:
    """For a line of the file: True when, for every ticker, its last loaded row above the line and
    its first below it run on (the dates a few days apart in the file's direction, of the tickers
    whose rows are the file's rows beside the line; the closes within a normal day's move), False
    when one does not, None when no ticker has a row on either side (or one has no close to judge by):
    not known, the caller falls back on what the line's words say.
    `before`: the last rows above `prices` of pieces read before (last_rows)."""
    by_ticker: dict[str, tuple[np.ndarray, np.ndarray, np.ndarray]] | None = None

    def prepared() -> dict[str, tuple[np.ndarray, np.ndarray, np.ndarray]]:
        table = prices.select(["ticker", "source_line", "date", "close"])
        table = (table if before is None else pa.concat_tables([before, table])).sort_by(
            [("ticker", "ascending"), ("source_line", "ascending")])
        tickers = np.asarray(table["ticker"].to_numpy(zero_copy_only=False), dtype=object)
        lines = table["source_line"].to_numpy(zero_copy_only=False)
        days = table["date"].cast(pa.int32()).fill_null(np.iinfo(np.int32).min).to_numpy(zero_copy_only=False)
        closes = table["close"].fill_null(np.nan).to_numpy(zero_copy_only=False)
        out = {}
        if len(tickers):
            cuts = np.flatnonzero(tickers[1:] != tickers[:-1]) + 1
            for lo, hi in zip(np.r_[0, cuts], np.r_[cuts, len(tickers)]):
                out[tickers[lo]] = (lines[lo:hi], days[lo:hi], closes[lo:hi])
        return out

    def judged(line: int) -> bool | None:
        nonlocal by_ticker
        if by_ticker is None:
            by_ticker = prepared()
        if not by_ticker:
            return None
        judged_one = False
        sides = []  # each ticker with rows on both sides: its last row above the line, its first below
        for lines, days, closes in by_ticker.values():
            at = int(np.searchsorted(lines, line, "right"))
            if at == 0 or at == len(lines):
                continue  # listed later, or ended above: the others tell
            sides.append((lines, days, closes, at))
        # The dates are judged by the tickers whose rows are the file's rows right beside the line: a
        # ticker whose cells are empty for weeks next to it (not traded, halted) steps over its hole.
        above = max((int(lines[at - 1]) for lines, _, _, at in sides), default=0)
        below = min((int(lines[at]) for lines, _, _, at in sides), default=0)
        beside = [int(lines[at - 1]) == above and int(lines[at]) == below for lines, _, _, at in sides]
        for (lines, days, closes, at), dated in zip(sides, beside if any(beside) else [True] * len(sides)):
            up, down = at - 1, at
            if at >= 2 and days[up - 1] != days[up]:
                way = np.sign(int(days[up]) - int(days[up - 1]))  # the file's direction: up or down in time
            else:
                way = np.sign(int(days[down]) - int(days[up])) or 1
            gap = (int(days[down]) - int(days[up])) * way
            before, after = closes[up], closes[down]
            if not (np.isfinite(before) and np.isfinite(after) and before > 0 and after > 0):
                return None
            if (dated and not 0 < gap <= _DAYS) or abs(np.log(after / before)) > _MOVE:
                return False
            judged_one = True
        return True if judged_one else None
    return judged


def last_rows(prices: pa.Table, before: pa.Table | None = None) -> pa.Table:
    """Each ticker's last row of `before` and `prices` (by line): what a piece of a file read on its
    own (ingestion/parsed.py) knows of the rows above it, for the next piece's carries_on."""
    table = prices.select(["ticker", "source_line", "date", "close"])
    if before is not None:
        table = pa.concat_tables([before, table])
    if not table.num_rows:
        return table
    # Sorted past the line each ticker's last row is on at the earliest: a few rows, not the piece's.
    ends = table.group_by("ticker").aggregate([("source_line", "max")])["source_line_max"]
    table = table.filter(pc.greater_equal(table["source_line"], pc.min(ends)))
    table = table.sort_by([("ticker", "ascending"), ("source_line", "descending")])
    tickers = np.asarray(table["ticker"].to_numpy(zero_copy_only=False), dtype=object)
    first = np.r_[True, tickers[1:] != tickers[:-1]]
    return table.filter(pa.array(first))
