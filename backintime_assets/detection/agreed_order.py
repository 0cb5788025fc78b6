"""One day/month order for a file's numeric dates: a column whose own values cannot tell "03/01/68"
day first from month first takes the order another date column of the file proves."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from .columns import ColumnType

# A format whose date part is day and month side by side, then the year: "%m/%d/%y", "%d.%m.%Y %H:%M".
_ORDERED = re.compile(r"^%([dm])([-/.])%([dm])\2%[Yy]")
# The two leading parts of such a value: "2/20/02" -> 2, 20.
_PARTS = re.compile(r"\s*(\d{1,2})[-/.](\d{1,2})[-/.]\d")
# A column read in the order another one proves: that column's proof, not its own values.
AGREED_CERTAINTY = 0.9


def agree_day_order(types: list[ColumnType], cols: Sequence[Sequence[str]]) -> list[ColumnType]:
    """`types` with each date column that has no part above 12 (its order a guess, however educated)
    read in the order the file's other numeric date columns prove by a day above 12, when they all
    prove the same one. A file is written by one program in one locale: Walmart's store list dates
    its openings "7/1/62", "12/9/71" (no part above 12 in any row) beside conversions "2/20/02"."""
    ordered = {j: m for j, t in enumerate(types) if t.type in ("date", "timestamp") and t.format
               and (m := _ORDERED.match(t.format))}
    if len(ordered) < 2:
        return types
    proofs = {j: _proof(cols[j]) for j in ordered}
    proven = {p for p in proofs.values() if p is not None}
    if len(proven) != 1:
        return types  # nothing proven, or columns proving opposite orders: each keeps its own reading
    day_first = proven.pop()
    out = list(types)
    for j, m in ordered.items():
        if proofs[j] is None and (m.group(1) == "d") != day_first:
            first, second = ("d", "m") if day_first else ("m", "d")
            fmt = f"%{first}{m.group(2)}%{second}{types[j].format[m.end(3):]}"
            # (discounted as infer_column_type discounts a column of fewer than five values)
            agreed = AGREED_CERTAINTY * (1.0 if sum(1 for v in cols[j] if v.strip()) >= 5 else 0.8)
            out[j] = replace(types[j], format=fmt, confidence=round(max(types[j].confidence, agreed), 3))
    return out


def _proof(values: Sequence[str]) -> bool | None:
    """True when a value's first part is above 12 (day first), False when its second is (month
    first), None when none is, or both are (no single order reads the column)."""
    first = second = False
    for v in values:
        m = _PARTS.match(v)
        if m:
            first = first or int(m.group(1)) > 12
            second = second or int(m.group(2)) > 12
    return None if first == second else first
