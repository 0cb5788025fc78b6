"""The original archive's file-size mix: 2,151 files, 437.57 GB, which `scale` shrinks or grows."""
from __future__ import annotations

import numpy as np

from backintime_assets.simulation.rng import Stream, stream

# (number of files, bytes per file) as counted in the archive being migrated.
ORIGINAL_MIX = ((1251, 70e6), (500, 140e6), (200, 350e6), (100, 700e6), (100, 1.4e9))


def target_sizes(seed: int, scale: float) -> np.ndarray:
    """Target bytes of every file, in a seeded order that spreads the big files out."""
    sizes = np.concatenate([np.full(count, size * scale) for count, size in ORIGINAL_MIX])
    return sizes[stream(seed, Stream.PROFILE).permutation(len(sizes))]
