from datetime import date

import numpy as np
import polars as pl

from backintime_assets.simulation.layouts import CANONICAL
from backintime_assets.simulation.pollution import (
    NON_NUMERIC,
    ROW_KINDS,
    RowDamage,
    damage_cells,
    damage_values,
    file_damage,
    row_damage,
)
from backintime_assets.simulation.rng import Stream, stream


def _rows() -> pl.DataFrame:
    return pl.DataFrame({"date": [date(2000, 1, 3)] * 3, "ticker": ["A", "B", "C"], "open": [10.0, 5.0, 2.0],
                         "high": [11.0, 5.0, 3.0], "low": [9.0, 5.0, 1.5], "close": [10.5, 5.0, 2.5]})


def test_rates():
    rng = stream(1, Stream.POLLUTION, 0)
    damage = row_damage(rng, 0.05, 200_000)
    assert abs(len(damage.rows) / 200_000 - 0.05) < 0.003
    assert np.bincount(damage.kinds, minlength=len(ROW_KINDS)).min() > 1500  # every kind occurs
    assert len(row_damage(rng, 0.0, 1000).rows) == 0
    kinds = [file_damage(stream(1, Stream.POLLUTION, i), 0.3, 100, False).kind for i in range(2000)]
    assert abs(sum(k is not None for k in kinds) / 2000 - 0.3) < 0.04
    assert {"truncated", "empty_file"} <= set(kinds)
    assert {file_damage(stream(1, Stream.POLLUTION, i), 1.0, 100, True).kind for i in range(50)} == {"empty_file"}
    assert file_damage(stream(1, Stream.POLLUTION, 0), 0.0, 100, False).kind is None


def test_value_damage():
    kinds = np.array([ROW_KINDS.index("negative_price"), ROW_KINDS.index("high_below_low")])
    damage = RowDamage(np.array([0, 1]), kinds, np.array([0.9, 0.5]))
    changed = damage_values(_rows(), damage, CANONICAL)
    assert changed["close"][0] == -10.5  # variant 0.9 picks the last required price
    assert changed["high"][1] < changed["low"][1]  # equal high and low become strictly inverted


def test_text_damage():
    sources = ("date", "ticker", "open", "high", "low", "close")
    cells = ["2000-01-03", "A", "10.0", "11.0", "9.0", "10.5"]
    bad = damage_cells(cells, "non_numeric", 0.3, sources)
    assert len(bad) == 6 and sum(c in NON_NUMERIC for c in bad) == 1
    assert damage_cells(cells, "malformed", 0.2, sources) is None  # a garbage line
    assert len(damage_cells(cells, "malformed", 0.7, sources)) < 6


def spread_rows(n: int) -> pl.DataFrame:
    """Rows whose numbers span tiny to millions, so every layout's grouping and decimal marks show."""
    return pl.DataFrame({
        "date": [date(2000, 1, 3)] * n, "ticker": ["ABCDEF"] * n, "sector": ["CONSUMER NON-DURABLES"] * n,
        "exchange": ["LSE"] * n, "open": np.linspace(0.00012, 12345.6789, n), "high": np.linspace(1, 2e6, n),
        "low": np.full(n, 0.5), "close": np.linspace(3, 4, n), "adj_close": np.linspace(3, 4, n),
        "volume": np.arange(n) * 1_000_003,
    })


def test_damaged_lines_in_one_pass_equal_the_row_by_row_lines(monkeypatch):
    from backintime_assets.simulation import formatting as fmt
    from backintime_assets.simulation import pollution
    from backintime_assets.simulation.layouts import random_layout
    from backintime_assets.simulation.pollution import damaged_lines

    n = 400
    rows = spread_rows(n)
    for seed in range(40):  # layouts with decimal commas and thousands separators that need quoting
        layout = random_layout(stream(seed, Stream.LAYOUT_FILE, 0))
        damage = row_damage(stream(seed, Stream.POLLUTION, 1), 0.5, n)
        cells = fmt.text_frame(damage_values(rows, damage, layout.sources), layout)
        monkeypatch.setattr(pollution, "_ONE_PASS_FROM", 0)
        at_once = damaged_lines(cells, damage, layout)
        monkeypatch.setattr(pollution, "_ONE_PASS_FROM", 10**9)
        assert at_once == damaged_lines(cells, damage, layout), layout


def test_damaged_lines_edited_from_the_printed_rows_equal_the_lines_built_from_cells():
    from backintime_assets.simulation import formatting as fmt
    from backintime_assets.simulation.layouts import random_layout
    from backintime_assets.simulation.pollution import damaged_lines, damaged_lines_from_text

    n = 600
    rows = spread_rows(n)
    edited = quoted = 0
    for seed in range(40):
        layout = random_layout(stream(seed, Stream.LAYOUT_FILE, 0))
        damage = row_damage(stream(seed, Stream.POLLUTION, 1), 0.5, n)
        changed = damage_values(rows, damage, layout.sources)
        lines = damaged_lines_from_text(fmt.rendered_rows(changed, layout), damage, layout)
        if lines is None:  # a quoted field: only when a number holds the delimiter
            quoted += 1
            assert layout.delimiter in (layout.thousands, layout.decimal), layout
            continue
        edited += 1
        assert lines == damaged_lines(fmt.text_frame(changed, layout), damage, layout), layout
    assert edited > 20 and quoted > 0


def test_damaged_lines_edited_from_the_clean_lines_equal_the_lines_built_from_cells():
    from backintime_assets.simulation import formatting as fmt
    from backintime_assets.simulation.layouts import random_layout
    from backintime_assets.simulation.pollution import damaged_lines, damaged_lines_from_clean

    n = 600
    rows = spread_rows(n).with_columns(pl.col("low") * 0.5)  # high > low everywhere: the swap is an edit
    edited = quoted = 0
    for seed in range(40):
        layout = random_layout(stream(seed, Stream.LAYOUT_FILE, 0))
        damage = row_damage(stream(seed, Stream.POLLUTION, 1), 0.5, n)
        clean = fmt.rendered_rows(rows, layout).split(layout.newline.encode())
        lines = damaged_lines_from_clean([clean[i] for i in damage.rows], rows, damage, layout)
        if lines is None:  # a quoted field: only when a number holds the delimiter
            quoted += 1
            assert layout.delimiter in (layout.thousands, layout.decimal), layout
            continue
        edited += 1
        changed = damage_values(rows, damage, layout.sources)
        assert lines == damaged_lines(fmt.text_frame(changed, layout), damage, layout), layout
    assert edited > 20 and quoted > 0


def test_a_high_equal_to_its_low_is_left_to_printing():
    from backintime_assets.simulation import formatting as fmt
    from backintime_assets.simulation.layouts import CLEAN
    from backintime_assets.simulation.pollution import damaged_lines_from_clean

    rows = spread_rows(3).with_columns(pl.col("high").alias("low"))
    clean = fmt.rendered_rows(rows, CLEAN).split(b"\n")
    flip = RowDamage(np.array([1]), np.array([ROW_KINDS.index("high_below_low")]), np.array([0.5]))
    assert damaged_lines_from_clean([clean[1]], rows, flip, CLEAN) is None  # the new low is a new number
    negative = RowDamage(np.array([1]), np.array([ROW_KINDS.index("negative_price")]), np.array([0.0]))
    fields = clean[1].split(b",")
    fields[CLEAN.sources.index("open")] = b"-" + fields[CLEAN.sources.index("open")]  # variant 0: the first price
    assert damaged_lines_from_clean([clean[1]], rows, negative, CLEAN) == [b",".join(fields)]
