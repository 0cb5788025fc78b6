"""Two files' rows of one (date, ticker) that are one bar in two price units, told apart from a
correction: every price of one is 100 times the other's (London's pence beside pounds, a desk's
cents beside dollars), to the rounding each writes. The collision policy (collisions.py) keeps the
most recent file's row of a correction; of a unit copy it keeps the row in the unit the ticker's other
rows are in, as newest it had put a day in pence among days in pounds, a 100-fold jump a backtest
reads as a price."""
from __future__ import annotations

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

PRICES = ["open", "high", "low", "close", "adj_close"]
MINOR = 100.0  # minor units in a major one: pence, cents


def hundredths(a: pa.Table, b: pa.Table) -> np.ndarray:
    """Per row: 1 where `a`'s prices are `b`'s in hundredths (each 100 times b's), -1 where b's are
    a's so, 0 elsewhere: other values, a sector or a volume that differs (a NULL volume of either
    claims none), no price written, or rows of one file (a file's unit is one)."""
    out = np.zeros(a.num_rows, dtype=np.int64)
    rows = np.flatnonzero(closes_apart(a["close"], b["close"]))
    if len(rows) == 0:
        return out
    at = pa.array(rows)
    a, b = a.take(at), b.take(at)
    keep = np.asarray(pc.not_equal(a["source_file"], b["source_file"]), dtype=bool)
    keep &= np.asarray(pc.fill_null(pc.equal(a["sector"], b["sector"]), False), dtype=bool) | np.asarray(
        pc.and_(pc.is_null(a["sector"]), pc.is_null(b["sector"])), dtype=bool)
    va, vb = a["volume"], b["volume"]
    keep &= np.asarray(pc.fill_null(pc.equal(va, vb), True), dtype=bool)
    for sign, (big, small) in ((1, (a, b)), (-1, (b, a))):
        found = keep.copy()
        for c in PRICES:
            x, y = big[c], small[c]
            both_null = np.asarray(pc.and_(pc.is_null(x), pc.is_null(y)), dtype=bool)
            xs = pc.fill_null(x, np.nan).to_numpy(zero_copy_only=False)
            ys = pc.fill_null(y, np.nan).to_numpy(zero_copy_only=False)
            # Each figure within half its last written digit: 112.35 pence are £1.1235 or £1.12354.
            slack = 0.5 * 10.0 ** -decimals(np.nan_to_num(xs)) + MINOR * 0.5 * 10.0 ** -decimals(np.nan_to_num(ys))
            found &= both_null | (np.abs(xs - MINOR * ys) <= slack + 1e-9 * np.abs(xs))
        found &= np.asarray(pc.is_valid(big["close"]), dtype=bool)
        out[rows] = np.where(found & (out[rows] == 0), sign, out[rows])
    return out


def closes_apart(a: pa.ChunkedArray, b: pa.ChunkedArray) -> np.ndarray:
    """Per row: whether close `a` is about 100 times `b` or a hundredth of it, a first look at the
    closes alone (most collisions are alike, or a correction of a percent or two)."""
    ca = pc.fill_null(a, 0.0).to_numpy(zero_copy_only=False)
    cb = pc.fill_null(b, 0.0).to_numpy(zero_copy_only=False)
    ratio = np.divide(ca, cb, out=np.zeros_like(ca), where=cb != 0)
    return (np.abs(ratio - MINOR) < 2) | (np.abs(ratio * MINOR - 1) < 0.02)


def decimals(x: np.ndarray) -> np.ndarray:
    """How many decimals each (non-negative) figure writes, up to 6."""
    x = np.abs(x)
    out = np.full(len(x), 6, dtype=np.int64)
    for d in range(6, -1, -1):  # the fewest that write it whole
        scaled = x * 10.0 ** d
        out = np.where(np.abs(scaled - np.round(scaled)) <= 1e-9 * scaled + 1e-9, d, out)
    return out
