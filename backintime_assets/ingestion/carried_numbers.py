"""Whether a user's number marks (or a column's multiplier), said of a file's previous version, read its
new version's numbers as they read the numbers the user saw. An office that changes locale mid-history
keeps the file's header and old rows and appends '1,510' where it wrote '1.503': detection reads both
versions alike, and the user's decimal point, carried, would read the new day as 1510 unsaid."""
from __future__ import annotations

import re

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from backintime_assets.normalisation.parse import parse_numbers

GROUPED, UNREAD, DECIMAL = "grouped", "unread", "decimal"
_SEPARATORS = " ,'.\u00a0\u202f"  # what may group thousands where the marks name none (parse._GROUPED)


def shapes(cells: pa.Array, decimal: str, thousands: str | None, volume: bool = False) -> dict[str, tuple[str, float]]:
    """Each shape the column's cells show read with these marks (GROUPED: read as grouping thousands;
    UNREAD: read as no number; DECIMAL: read with a decimal mark), with its first cell and reading."""
    cells = pc.cast(cells, pa.string())
    parsed = parse_numbers(cells, decimal, thousands, suffixes=volume)
    grouping = re.escape(thousands) if thousands else f"[{re.escape(_SEPARATORS.replace(decimal, ''))}]"
    shown = {
        UNREAD: parsed.bad,
        GROUPED: ~parsed.bad & _matches(cells, rf"\d{grouping}\d"),
        DECIMAL: ~parsed.bad & _matches(cells, rf"\d{re.escape(decimal)}\d"),
    }
    found = {}
    for shape, mask in shown.items():
        rows = np.flatnonzero(mask & ~parsed.missing)
        if rows.size:
            found[shape] = (cells[int(rows[0])].as_py().strip(), float(parsed.values[rows[0]]))
    return found


def _matches(cells: pa.Array, pattern: str) -> np.ndarray:
    return np.asarray(pc.fill_null(pc.match_substring_regex(cells, pattern), False), dtype=bool)


def read_otherwise(before: dict[str, pa.Array], after: dict[str, pa.Array], decimal: str, thousands: str | None,
                   multiplied: dict[str, float], volumes: set[str] = frozenset()) -> str | None:
    """What of the new version's numbers (`after`: column name -> cells) the marks read otherwise than
    every number of the previous version's (`before`) of the same column, or None: a thousands mark where
    none showed (the new '1,510' read as 1510 where the old '1.503' were rates), a number they cannot read
    where all read, and, in a column whose multiplier the user said (`multiplied`: name -> multiplier), a
    decimal mark where the numbers were whole (cents said of '15030', the new '150.35' dollars)."""
    for name, cells in after.items():
        if name not in before:
            continue
        was = shapes(before[name], decimal, thousands, name in volumes)
        now = shapes(cells, decimal, thousands, name in volumes)
        for shape in (GROUPED, UNREAD) + ((DECIMAL,) if name in multiplied else ()):
            if shape in now and shape not in was:
                return _told(name, shape, *now[shape], multiplied.get(name))
    return None


def _told(name: str, shape: str, cell: str, value: float, multiplier: float | None) -> str:
    if shape == GROUPED:
        return f"column {name}: {cell!r} reads as {value:g} with a thousands mark, which none of the previous " \
               "version's numbers showed"
    if shape == UNREAD:
        return f"column {name}: {cell!r} reads as no number, where every number of the previous version read"
    return f"column {name}: {cell!r} has a decimal mark, where the previous version's numbers, said to be " \
           f"x{multiplier:g}, were whole"
