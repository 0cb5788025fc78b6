"""A volume column written 0 on every row of a file: a volume not recorded, loaded as NULL.

MetaTrader exports a forex pair's bars with a <VOL> column its broker never fills (forex trades
over the counter: the real volume is unknown, only <TICKVOL> counts quotes), and other tools export
an empty volume field as 0 on every row. Loaded as written, each day said "nothing traded" where
nothing is known, and a liquidity filter (volume > 0) dropped the whole series as untraded. A file
whose volumes are all 0 holds no day of trade at all, which no traded instrument's history does:
its volume is unknown, as a blank cell's is (NULL since session 22). A file with some zero days
among real volumes says what it says: those zeros stay.
"""

from __future__ import annotations

import numpy as np

# One written 0 is no pattern: a file of a single bar may be a halted day.
_FEWEST_ZEROS = 2


def unrecorded_zeros(values: np.ndarray, written: np.ndarray, file_of_row: np.ndarray | None = None) -> np.ndarray:
    """Rows whose volume is a 0 standing for "not recorded": every row of a file (of each file of
    `file_of_row`, when several are read as one) whose written volumes are all 0. `written`: the
    rows whose volume cell holds a number (not blank, not unparseable)."""
    zero = written & (values == 0)
    if file_of_row is None:  # one file
        file_of_row = np.zeros(len(values), dtype=np.int64)
    files = int(file_of_row.max()) + 1 if len(file_of_row) else 0
    zeros = np.bincount(file_of_row[zero], minlength=files)
    counted = np.bincount(file_of_row[written], minlength=files)
    unrecorded = (zeros == counted) & (zeros >= _FEWEST_ZEROS)
    return zero & unrecorded[file_of_row]
