"""Seeded damage to price files (bad rows, duplicates, truncated and empty files) and its ground truth.

Every damaged row gets exactly one kind; a row never damaged twice keeps the ground truth simple:
each physical line of a file is either a clean data row or listed in the manifest.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import polars as pl

ROW_KINDS = ("malformed", "non_numeric", "negative_price", "high_below_low", "duplicate")
# Non-data lines the writer lists alongside, so the manifest accounts for every line.
LINE_KINDS = ("preamble", "header", "total", "truncated", "empty_file")
_REQUIRED_PRICES = ("open", "high", "low", "close")  # optional columns might legitimately be blank
NON_NUMERIC = ("N/A", "#VALUE!", "n/a", "null", "abc", "#N/A", "?", "--")
GARBAGE = ("### record lost in transfer ###", "<<corrupt>>", "????????", "END OF PAGE 3", "NULL")


@dataclass(frozen=True)
class FileDamage:
    kind: str | None  # None, "truncated" or "empty_file"
    last_row: int = -1  # truncated: index of the data row cut in half (nothing after it)


def file_damage(rng: np.random.Generator | None, rate: float, rows: int, workbook: bool) -> FileDamage:
    """Whole-file damage happens to a file with probability `rate`."""
    if rate <= 0 or rng.random() >= rate:
        return FileDamage(None)
    if workbook or rows == 0 or rng.random() < 0.3:
        return FileDamage("empty_file")  # a cut zip is just unreadable: workbooks only come empty
    return FileDamage("truncated", int(rng.integers(0, rows)))


@dataclass(frozen=True)
class RowDamage:
    rows: np.ndarray  # positions within the block, ascending
    kinds: np.ndarray  # index into ROW_KINDS
    variant: np.ndarray  # uniform draw choosing the column / token / variant


def row_damage(rng: np.random.Generator | None, rate: float, n: int) -> RowDamage:
    if rate <= 0 or n == 0:
        empty = np.empty(0, dtype=np.int64)
        return RowDamage(empty, empty, np.empty(0))
    rows = np.flatnonzero(rng.random(n) < rate)
    return RowDamage(rows, rng.integers(0, len(ROW_KINDS), len(rows)), rng.random(len(rows)))


def _choose(options, variant: float):
    return options[min(int(variant * len(options)), len(options) - 1)]


def damage_values(rows: pl.DataFrame, damage: RowDamage, present: tuple[str, ...]) -> pl.DataFrame:
    """Canonical rows with the numeric damage applied (negative price, high below low)."""
    picked = rows[damage.rows.tolist()]
    if picked.height == 0:
        return picked
    kinds = [ROW_KINDS[k] for k in damage.kinds]
    prices = [c for c in _REQUIRED_PRICES if c in present]
    updates = {c: picked[c].to_list() for c in ("open", "high", "low", "close")}
    for i, (kind, variant) in enumerate(zip(kinds, damage.variant)):
        if kind == "negative_price":
            column = _choose(prices, variant)
            updates[column][i] = -updates[column][i]
        elif kind == "high_below_low":
            high, low = updates["high"][i], updates["low"][i]
            updates["high"][i], updates["low"][i] = low, (high + 0.0001 if high == low else high)
    return picked.with_columns(*(pl.Series(c, v, dtype=pl.Float64) for c, v in updates.items()))


def damage_cells(cells: list[str], kind: str, variant: float, sources: tuple[str, ...]) -> list[str] | None:
    """Text-level damage on one row's cells; None means: replace the whole line by garbage."""
    if kind == "non_numeric":
        column = _choose([c for c in _REQUIRED_PRICES if c in sources], variant)
        cells = list(cells)
        cells[sources.index(column)] = _choose(NON_NUMERIC, (variant * 7.3) % 1.0)
        return cells
    if kind == "malformed":
        if variant < 0.5:
            return None
        return list(cells[: max(1, len(cells) // 3)])  # too few fields
    return cells


def garbage_line(variant: float) -> str:
    return _choose(GARBAGE, (variant * 3.7) % 1.0)
