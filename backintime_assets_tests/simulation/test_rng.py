import numpy as np

from backintime_assets.simulation.rng import Stream, stream


def test_streams_depend_only_on_their_key():
    first = stream(7, Stream.DAILY_PATH, 3, 2001).random(5)
    stream(7, Stream.DAILY_PATH, 4, 2001).random(100)  # drawing elsewhere changes nothing
    assert np.array_equal(stream(7, Stream.DAILY_PATH, 3, 2001).random(5), first)
    others = [stream(8, Stream.DAILY_PATH, 3, 2001), stream(7, Stream.YEAR_TOTALS, 3, 2001),
              stream(7, Stream.DAILY_PATH, 3, 2002), stream(7, Stream.DAILY_PATH, 2001, 3)]
    assert all(not np.array_equal(g.random(5), first) for g in others)
