"""Whether a user's number marks (or a column's multiplier), said of a file's previous version, read its
new version's numbers as they read the numbers the user saw. An office that changes locale mid-history
keeps the file's header and old rows and appends '1,510' where it wrote '1.503': detection reads both
versions alike, and the user's decimal point, carried, would read the new day as 1510 unsaid."""
from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from backintime_assets.normalisation.parse import grouped_cells, parse_numbers

GROUPED, UNREAD, DECIMAL = "grouped", "unread", "decimal"
# A number read as grouping thousands is another locale's decimal only where it reads far beyond every number
# of its column in the previous version: '1,510' beside '1.503' rates reads 1000x theirs, while a price or a
# volume that grows past 999 ('1,002.50' after '997.25', '1,200' after '950') groups as its writer would
# always have grouped so large a number. 100x leaves the numbers room to move between two versions.
BEYOND = 100


@dataclass(frozen=True)
class Otherwise:
    """A number of the new version read otherwise than every number of its column in the previous one."""
    column: str
    shape: str  # GROUPED, UNREAD or DECIMAL
    cell: str  # the first so written, as written
    value: float  # as the marks read it (NaN: as none)
    multiplier: float | None = None  # said of the column, for DECIMAL

    def __str__(self) -> str:
        if self.shape == GROUPED:
            return f"column {self.column}: {self.cell!r} groups thousands (read {self.value:g}), which none of the " \
                   "previous version's numbers did"
        if self.shape == UNREAD:
            return f"column {self.column}: {self.cell!r} reads as no number, where every number of the previous " \
                   "version read"
        return f"column {self.column}: {self.cell!r} has a decimal mark, where the previous version's numbers, " \
               f"said to be x{self.multiplier:g}, were whole"


def shapes(cells: pa.Array, decimal: str, thousands: str | None, volume: bool = False,
           grouped_beyond: float = 0.0) -> dict[str, tuple[str, float]]:
    """Each shape the column's cells show read with these marks (GROUPED: read as grouping thousands, and
    as more than `grouped_beyond`; UNREAD: read as no number; DECIMAL: read with a decimal mark), with its
    first cell and reading."""
    return _shapes(pc.cast(cells, pa.string()), decimal, thousands, volume, grouped_beyond)[0]


def _shapes(cells: pa.Array, decimal: str, thousands: str | None, volume: bool,
            grouped_beyond: float) -> tuple[dict[str, tuple[str, float]], float | None]:
    """shapes, and the largest number read (its absolute value; None: none read)."""
    # Each cell written once, in the order first written: a column's prices repeat, and a daily file of
    # 4M rows read whole took ~1 s a column and version on the driver, where its distinct cells take none.
    cells = pc.unique(cells)
    parsed = parse_numbers(cells, decimal, thousands, suffixes=volume)
    read = ~parsed.bad & ~parsed.missing
    magnitude = np.abs(np.where(read, parsed.values, 0.0))
    grouped = read & grouped_cells(cells, decimal, thousands) & (magnitude > grouped_beyond)
    shown = {UNREAD: parsed.bad, GROUPED: grouped,
             DECIMAL: read & np.asarray(pc.fill_null(pc.match_substring_regex(cells, rf"\d{re.escape(decimal)}\d"),
                                                     False), dtype=bool)}
    found = {}
    for shape, mask in shown.items():
        rows = np.flatnonzero(mask)
        if rows.size:
            found[shape] = (cells[int(rows[0])].as_py().strip(), float(parsed.values[rows[0]]))
    return found, float(magnitude.max()) if read.any() else None


def read_otherwise(before: dict[str, pa.Array], after: dict[str, pa.Array], decimal: str, thousands: str | None,
                   marks_said: bool, multiplied: dict[str, float], volumes: set[str] = frozenset()) -> list[Otherwise]:
    """The new version's numbers (`after`: column name -> cells) the marks read otherwise than every number
    of the previous version's (`before`) of the same column, the first of each column and shape: where the
    user said the marks (`marks_said`), a thousands mark where none showed, in a number read BEYOND times
    the previous version's largest (the new '1,510' read as 1510 where the old '1.503' were rates; none
    where the previous version read no number of the column), and a number they cannot read where all
    read; in a column whose multiplier the user said (`multiplied`: name -> multiplier), a decimal mark
    where the numbers were whole (cents said of '15030', the new '150.35' dollars)."""
    found = []
    for name, cells in after.items():
        if name not in before:
            continue
        was, largest = _shapes(pc.cast(before[name], pa.string()), decimal, thousands, name in volumes, 0.0)
        now = shapes(cells, decimal, thousands, name in volumes,
                     np.inf if largest is None else BEYOND * largest)
        weighed = ((GROUPED, UNREAD) if marks_said else ()) + ((DECIMAL,) if name in multiplied else ())
        found += [Otherwise(name, shape, *now[shape], multiplied.get(name)) for shape in weighed
                  if shape in now and shape not in was]
    return found
