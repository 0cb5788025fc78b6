"""Seeded damage to price files (bad rows, duplicates, truncated and empty files) and its ground truth.

Every damaged row gets exactly one kind; a row never damaged twice keeps the ground truth simple:
each physical line of a file is either a clean data row or listed in the manifest.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import polars as pl

from backintime_assets.simulation.formatting import join_fields
from backintime_assets.simulation.layouts import Layout

ROW_KINDS = ("malformed", "non_numeric", "negative_price", "high_below_low", "duplicate")
# Non-data lines the writer lists alongside, so the manifest accounts for every line.
LINE_KINDS = ("preamble", "header", "total", "truncated", "empty_file")
_REQUIRED_PRICES = ("open", "high", "low", "close")  # optional columns might legitimately be blank
NON_NUMERIC = ("N/A", "#VALUE!", "n/a", "null", "abc", "#N/A", "?", "--")
GARBAGE = ("### record lost in transfer ###", "<<corrupt>>", "????????", "END OF PAGE 3", "NULL")
_ONE_PASS_FROM = 500  # damaged rows in a block from which one Polars pass beats a Python loop
_NON_NUMERIC_BYTES = np.array([t.encode("ascii") for t in NON_NUMERIC], dtype=object)
_GARBAGE_BYTES = np.array([g.encode("ascii") for g in GARBAGE], dtype=object)


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


def _chosen(variant: np.ndarray, count: int) -> np.ndarray:
    """Vectorised `_choose` indices: the same floats, so the same picks."""
    return np.minimum((variant * count).astype(np.int64), count - 1)


def damage_values(rows: pl.DataFrame, damage: RowDamage, present: tuple[str, ...]) -> pl.DataFrame:
    """Canonical rows with the numeric damage applied (negative price, high below low)."""
    picked = rows[damage.rows]
    if picked.height == 0:
        return picked
    kinds, prices = damage.kinds, [c for c in _REQUIRED_PRICES if c in present]
    values = {c: picked[c].to_numpy().astype(np.float64) for c in ("open", "high", "low", "close")}
    negative, column = kinds == ROW_KINDS.index("negative_price"), _chosen(damage.variant, len(prices))
    for j, name in enumerate(prices):
        hit = negative & (column == j)
        values[name][hit] = -values[name][hit]
    flip = kinds == ROW_KINDS.index("high_below_low")
    high, low = values["high"], values["low"]
    values["high"] = np.where(flip, low, high)
    values["low"] = np.where(flip, np.where(high == low, high + 0.0001, high), low)
    return picked.with_columns(*(pl.Series(c, v, dtype=pl.Float64) for c, v in values.items()))


def damaged_lines(cells: pl.DataFrame, damage: RowDamage, layout: Layout) -> list[bytes]:
    """The text line of every damaged row, from its cells as text (`text_frame`): the lines that
    `damage_cells`, `garbage_line` and `join_fields` give row by row (duplicates keep their cells).

    Many rows go through Polars at once: it quotes exactly as `join_fields` does.
    """
    kinds, variant, sources = damage.kinds.tolist(), damage.variant.tolist(), layout.sources
    if cells.height < _ONE_PASS_FROM:
        lines = []
        for row, kind, value in zip(cells.rows(), kinds, variant):
            new = damage_cells(list(row), ROW_KINDS[kind], value, sources)
            lines.append(garbage_line(value) if new is None else join_fields(new, layout))
        return [line.encode("ascii") for line in lines]
    prices = [sources.index(c) for c in _REQUIRED_PRICES if c in sources]
    on = damage.kinds == ROW_KINDS.index("non_numeric")
    target = np.where(on, np.array(prices)[_chosen(damage.variant, len(prices))], -1)
    token = np.array(NON_NUMERIC)[_chosen(np.remainder(damage.variant * 7.3, 1.0), len(NON_NUMERIC))]
    columns = []
    for i, name in enumerate(cells.columns):
        text = pl.when(pl.col(name) != "").then(pl.col(name))  # Polars writes "" for an empty string, nothing for null
        if i in prices:
            text = pl.when(pl.lit(pl.Series(target == i))).then(pl.lit(pl.Series(token.tolist()))).otherwise(text)
        columns.append(text.alias(name))
    frame = cells.select(columns)
    options = {"separator": layout.delimiter, "line_terminator": "\n", "include_header": False}
    full = frame.write_csv(**options).encode("ascii").split(b"\n")
    short = frame.select(frame.columns[: max(1, frame.width // 3)]).write_csv(**options).encode("ascii").split(b"\n")
    malformed = ROW_KINDS.index("malformed")
    return [(garbage_line(v).encode("ascii") if v < 0.5 else s) if k == malformed else f
            for k, v, f, s in zip(kinds, variant, full, short)]


def damaged_lines_from_text(text: bytes, damage: RowDamage, layout: Layout) -> list[bytes] | None:
    """What `damaged_lines` gives, from the damaged rows already printed (`damage_values` rows in the
    layout, one line each): only the few non-numeric and short lines are edited field by field.

    None when a printed field is quoted (a delimiter inside a number): splitting at the delimiter
    would then cut it, and the caller takes the general path.
    """
    if b'"' in text:
        return None
    newline, delimiter = layout.newline.encode(), layout.delimiter.encode()
    lines = text.split(newline)[: len(damage.rows)]
    sources = layout.sources
    prices = [sources.index(c) for c in _REQUIRED_PRICES if c in sources]
    non_numeric, malformed = ROW_KINDS.index("non_numeric"), ROW_KINDS.index("malformed")
    targets = np.array(prices)[_chosen(damage.variant, len(prices))].tolist() if prices else []
    tokens = _chosen(np.remainder(damage.variant * 7.3, 1.0), len(NON_NUMERIC)).tolist()
    width = max(1, len(sources) // 3)
    for i in np.flatnonzero((damage.kinds == non_numeric) | (damage.kinds == malformed)).tolist():
        variant = float(damage.variant[i])
        if damage.kinds[i] == malformed:
            lines[i] = garbage_line(variant).encode("ascii") if variant < 0.5 else \
                delimiter.join(lines[i].split(delimiter)[:width])
        else:
            fields = lines[i].split(delimiter)
            fields[targets[i]] = NON_NUMERIC[tokens[i]].encode("ascii")
            lines[i] = delimiter.join(fields)
    return lines


def damaged_lines_from_clean(clean: list[bytes], rows: pl.DataFrame, damage: RowDamage,
                             layout: Layout) -> list[bytes] | None:
    """What `damaged_lines` gives, from the damaged rows' lines as the undamaged block prints them
    (`clean`, without line ends; `rows` the block): the value damage is a text edit too, so the
    changed rows need no second printing. A negative price is its text behind a minus (Polars and
    the grouping print a negative as the sign then the magnitude's text); high below low swaps the
    two fields.

    None, for the caller to print the changed values instead, when a printed field is quoted (a
    delimiter inside a number), when high or low is not printed, or when a high equals its low
    (the new low, high + 0.0001, is a number nobody printed yet).
    """
    sources = layout.sources
    if "high" not in sources or "low" not in sources or b'"' in b"".join(clean):
        return None
    kinds = damage.kinds
    flip = np.flatnonzero(kinds == ROW_KINDS.index("high_below_low"))
    if len(flip):
        at = damage.rows[flip]
        if np.any(rows["high"].to_numpy()[at] == rows["low"].to_numpy()[at]):
            return None
    d = layout.delimiter.encode()
    prices = [sources.index(c) for c in _REQUIRED_PRICES if c in sources]
    targets = np.array(prices)[_chosen(damage.variant, len(prices))].tolist()
    tokens = _NON_NUMERIC_BYTES[_chosen(np.remainder(damage.variant * 7.3, 1.0), len(NON_NUMERIC))].tolist()
    garbage = _GARBAGE_BYTES[_chosen(np.remainder(damage.variant * 3.7, 1.0), len(GARBAGE))].tolist()
    high, low, width = sources.index("high"), sources.index("low"), max(1, len(sources) // 3)
    lines = list(clean)

    def of(kind: str, where: np.ndarray | bool = True) -> list[int]:
        return np.flatnonzero((kinds == ROW_KINDS.index(kind)) & where).tolist()

    # A loop per kind, each splitting a line only as far as its edit needs.
    for i in of("negative_price"):
        parts = lines[i].split(d, targets[i])
        parts[-1] = b"-" + parts[-1]
        lines[i] = d.join(parts)
    for i in of("non_numeric"):
        parts = lines[i].split(d, targets[i] + 1)
        parts[targets[i]] = tokens[i]
        lines[i] = d.join(parts)
    for i in of("high_below_low"):
        fields = lines[i].split(d)
        fields[high], fields[low] = fields[low], fields[high]
        lines[i] = d.join(fields)
    for i in of("malformed", damage.variant < 0.5):
        lines[i] = garbage[i]
    for i in of("malformed", damage.variant >= 0.5):
        lines[i] = d.join(lines[i].split(d, width)[:width])
    return lines


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
