"""Whether a user's number marks (or a column's multiplier), said of a file's previous version, read its
new version's numbers as they read the numbers the user saw. An office that changes locale mid-history
keeps the file's header and old rows and appends '1,510' where it wrote '1.503': detection reads both
versions alike, and the user's decimal point, carried, would read the new day as 1510 unsaid."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from backintime_assets.normalisation.parse import (another_locales_decimals, decimal_cells, grouped_cells,
                                                 parse_numbers)

# GROUPED: read as grouping thousands; ANOTHER_LOCALES: so read, and written as another locale writes a
# decimal ('1,510', parse.another_locales_decimals); UNREAD: read as no number; DECIMAL: with a decimal mark.
GROUPED, ANOTHER_LOCALES, UNREAD, DECIMAL = "grouped", "another locale's", "unread", "decimal"


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


def shapes(cells: pa.Array, decimal: str, thousands: str | None,
           volume: bool = False) -> dict[str, tuple[str, float]]:
    """Each shape the column's cells show read with these marks (GROUPED, ANOTHER_LOCALES, UNREAD, DECIMAL),
    with its first cell and reading."""
    # Each cell written once, in the order first written: a column's prices repeat, and a daily file of
    # 4M rows read whole took ~1 s a column and version on the driver, where its distinct cells take none.
    cells = pc.unique(pc.cast(cells, pa.string()))
    parsed = parse_numbers(cells, decimal, thousands, suffixes=volume)
    read = ~parsed.bad & ~parsed.missing
    own_scale = parsed.suffixed if parsed.suffixed is not None else False  # a volume's '1.5M': no multiplier's
    shown = {UNREAD: parsed.bad, GROUPED: read & grouped_cells(cells, decimal, thousands),
             ANOTHER_LOCALES: read & another_locales_decimals(cells, decimal, thousands),
             DECIMAL: read & decimal_cells(cells, decimal) & ~own_scale}
    found = {}
    for shape, mask in shown.items():
        rows = np.flatnonzero(mask)
        if rows.size:
            found[shape] = (cells[int(rows[0])].as_py().strip(), float(parsed.values[rows[0]]))
    return found


def read_otherwise(before: dict[str, pa.Array], after: dict[str, pa.Array], decimal: str, thousands: str | None,
                   marks_said: bool, multiplied: dict[str, float], volumes: set[str] = frozenset()) -> list[Otherwise]:
    """The new version's numbers (`after`: column name -> cells) the marks read otherwise than every number
    of the previous version's (`before`) of the same column, the first of each column and shape: where the
    user said the marks (`marks_said`), a number written as another locale writes a decimal where none
    grouped thousands and they wrote decimals (the new '1,510' read as 1510 where the old '1.503' were
    rates; not '1,002.50' after '997.25', nor a volume's '1,200' after whole '950'), and a number they
    cannot read where all read; in a column whose multiplier the user said (`multiplied`: name ->
    multiplier), a decimal mark where the numbers were whole (cents said of '15030', the new '150.35')."""
    found = []
    for name, cells in after.items():
        if name not in before:
            continue
        was = shapes(before[name], decimal, thousands, name in volumes)
        now = shapes(cells, decimal, thousands, name in volumes)
        if marks_said and ANOTHER_LOCALES in now and GROUPED not in was and DECIMAL in was:
            found.append(Otherwise(name, GROUPED, *now[ANOTHER_LOCALES]))
        weighed = ((UNREAD,) if marks_said else ()) + ((DECIMAL,) if name in multiplied else ())
        found += [Otherwise(name, shape, *now[shape], multiplied.get(name)) for shape in weighed
                  if shape in now and shape not in was]
    return found
