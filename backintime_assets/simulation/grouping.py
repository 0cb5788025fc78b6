"""Numbers as text with thousands separators (`1.234.567,5`), built from integer arithmetic.

Polars prints no thousands separators, so these columns are text we make ourselves. A regex per
cell made such layouts about 13x slower to write than plain ones: here integers are cut into
groups of three digits with a few column operations, and floats keep Polars' own text except for
the few cells of 1000 or more, whose integer part is rebuilt the same way.
"""
from __future__ import annotations

import polars as pl

# A float's shortest text starts with its exact integer part while that is below 2**53; further up
# (and for inf / nan) the few cells go through the general regex.
_EXACT_BELOW = 1e15


def grouped_numbers(values: pl.Series, thousands: str, decimal: str) -> pl.Series:
    """`values` as Polars prints them, with `thousands` between groups of three integer digits and
    `decimal` as the decimal mark."""
    if values.dtype.is_integer():
        return pl.select(_grouped_integers(pl.lit(values), _groups(values), thousands)).to_series().alias(values.name)
    text = values.cast(pl.String)
    if decimal != ".":
        text = text.str.replace(".", decimal, literal=True)
    big = (values.abs() >= 1000).fill_null(False)  # nan compares False: printed as it is
    if not big.any():
        return text
    rows = big.arg_true()
    cells, texts = values.gather(rows), text.gather(rows)
    exact = (cells.abs() < _EXACT_BELOW).arg_true()
    huge = (cells.abs() >= _EXACT_BELOW).fill_null(True).arg_true()
    if len(exact):
        texts = texts.scatter(exact, _grouped_floats(cells.gather(exact), texts.gather(exact), thousands))
    if len(huge):  # e.g. 1e+21: the general (slow) form for these few cells only
        texts = texts.scatter(huge, pl.select(_grouped_by_regex(pl.lit(texts.gather(huge)), thousands)).to_series())
    return text.scatter(rows, texts)


def _grouped_floats(cells: pl.Series, texts: pl.Series, sep: str) -> pl.Series:
    """Texts of floats below 1e15 with their integer part rebuilt grouped; the rest of each text
    (decimal mark and fraction) kept as Polars printed it."""
    integers = cells.abs().floor().cast(pl.Int64)
    frame = pl.DataFrame({"x": cells, "i": integers, "t": texts})
    negative = pl.col("x") < 0
    head = pl.col("i").cast(pl.String).str.len_bytes() + negative.cast(pl.UInt32)  # chars of sign and digits
    sign = pl.when(negative).then(pl.lit("-")).otherwise(pl.lit(""))
    return frame.select(
        pl.concat_str([sign, _grouped_integers(pl.col("i"), _groups(integers), sep), pl.col("t").str.slice(head)])
    ).to_series()


def _groups(integers: pl.Series) -> int:
    """Groups of three digits the largest magnitude needs."""
    top = integers.abs().max() if len(integers) else 0
    return max(1, -(-len(str(int(top or 0))) // 3))


def _grouped_integers(column: pl.Expr, groups: int, sep: str) -> pl.Expr:
    """Integers with `sep` every three digits: each group of the magnitude zero-padded, joined, and
    the leading zeros (with their separators) stripped again."""
    magnitude = column.abs()
    if groups <= 1:
        return column.cast(pl.String)
    parts = [(magnitude // 1000 ** (groups - 1)).cast(pl.String)]
    parts += [((magnitude // 1000**k) % 1000).cast(pl.String).str.zfill(3) for k in range(groups - 2, -1, -1)]
    digits = pl.concat_str(parts, separator=sep).str.strip_chars_start("0" + sep)
    digits = pl.when(magnitude == 0).then(pl.lit("0")).otherwise(digits)
    return pl.when(column < 0).then(pl.concat_str([pl.lit("-"), digits])).otherwise(digits)


def _grouped_by_regex(text: pl.Expr, sep: str) -> pl.Expr:
    """The general form, for any text Polars prints (e.g. `1e+21`): group the leading digit run."""
    parts = text.str.extract_groups(r"^(-?)(\d+)(.*)$")
    grouped = (parts.struct.field("2").str.reverse().str.replace_all(r"(\d{3})", "${1}" + sep, literal=False)
               .str.strip_chars_end(sep).str.reverse())
    return pl.concat_str([parts.struct.field("1"), grouped, parts.struct.field("3")])
