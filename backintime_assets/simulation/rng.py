"""Independent random streams keyed by purpose and position, so any block can be drawn on its own."""
from __future__ import annotations

from enum import IntEnum

import numpy as np

# Tickers share random streams in fixed groups of this size: big enough that creating a stream costs
# little per row, small enough that one day of a small market draws little it does not need. Any
# ticker's prices depend only on its own group, so adding tickers never changes existing ones.
TICKERS_PER_STREAM = 64


class Stream(IntEnum):
    # Values are part of the output's identity: changing one changes every file ever written.
    TICKER_PARAMS = 1
    YEAR_TOTALS = 2
    DAILY_PATH = 3
    LAYOUT_ERA = 4
    LAYOUT_FILE = 5
    FILE_FORMAT = 6
    POLLUTION = 7
    PROFILE = 8
    LISTING = 9
    TICKER_NAMES = 10


def stream(seed: int, kind: Stream, *key: int) -> np.random.Generator:
    """A generator that depends only on (seed, kind, key): not on what else was drawn before."""
    return np.random.Generator(np.random.PCG64(np.random.SeedSequence(seed, spawn_key=(int(kind), *map(int, key)))))
