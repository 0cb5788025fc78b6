import threading
import time

import pytest

from backintime_assets.simulation.pipeline import ahead


def _alive(name: str) -> bool:
    return any(t.name == name for t in threading.enumerate())


def test_items_come_in_order_through_a_chain_of_stages():
    doubled = ahead((2 * i for i in ahead(iter(range(1000)), 3, "first")), 2, "second")
    assert list(doubled) == [2 * i for i in range(1000)]
    assert not _alive("first") and not _alive("second")


def test_an_error_in_a_stage_is_raised_in_the_caller_after_the_items_before_it():
    def failing():
        yield 1
        yield 2
        raise ValueError("bad block")

    got = []
    with pytest.raises(ValueError, match="bad block"):
        for item in ahead(ahead(failing(), 2, "inner"), 2, "outer"):
            got.append(item)
    assert got == [1, 2]


def test_the_stage_runs_at_most_depth_items_ahead():
    made = []

    def counted():
        for i in range(100):
            made.append(i)
            yield i

    items = ahead(counted(), 2, "bounded")
    assert next(items) == 0
    time.sleep(0.3)  # time for the thread to fill its queue
    # the queue holds `depth` items and the thread may hold one more it cannot hand on yet
    assert len(made) <= 1 + 2 + 1
    items.close()


def test_closing_early_stops_every_stage_and_closes_the_source():
    closed = threading.Event()

    def endless():
        try:
            i = 0
            while True:
                yield i
                i += 1
        finally:
            closed.set()

    chain = ahead(ahead(endless(), 2, "endless-1"), 2, "endless-2")
    assert [next(chain) for _ in range(5)] == [0, 1, 2, 3, 4]
    chain.close()
    assert closed.is_set()
    assert not _alive("endless-1") and not _alive("endless-2")
