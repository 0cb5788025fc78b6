import numpy as np

from backintime_assets.simulation.profile import ORIGINAL_MIX, target_sizes


def test_original_mix_and_scaling():
    sizes = target_sizes(7, 1.0)
    assert len(sizes) == 2151
    assert sizes.sum() == 437.57e9
    counts = dict(zip(*np.unique(sizes, return_counts=True)))
    assert counts == {70e6: 1251, 140e6: 500, 350e6: 200, 700e6: 100, 1.4e9: 100}
    scaled = target_sizes(7, 0.001)
    assert np.allclose(scaled, sizes * 0.001) and abs(scaled.sum() - 0.43757e9) < 1
    assert sum(c for c, _ in ORIGINAL_MIX) == 2151
    # Big files are spread through the order rather than bunched at the end.
    assert np.argmax(sizes) < 2000 and sizes[:1000].max() == 1.4e9
