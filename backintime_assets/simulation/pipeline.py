"""Stages of a write side by side: each stage a thread, handing its items on through a short queue.

numpy and Polars release the GIL in their heavy loops, so drawing the next block, printing the one
after and writing the one before can share the cores; the queues bound memory to a few blocks.
"""
from __future__ import annotations

import queue
import threading
from collections.abc import Iterable, Iterator
from typing import TypeVar

T = TypeVar("T")

_RAISED = object()


def ahead(items: Iterable[T], depth: int, name: str) -> Iterator[T]:
    """`items` as they are, made in a background thread at most `depth` items ahead of the caller.

    An error in the thread is raised in the caller. Closing the iterator (or dropping it) stops the
    thread and closes `items` in turn, so a chain of stages unwinds from its end.
    """
    handed: queue.Queue = queue.Queue(maxsize=depth)
    stop = threading.Event()

    def put(item) -> bool:
        while not stop.is_set():
            try:
                handed.put(item, timeout=0.1)
                return True
            except queue.Full:
                continue
        return False

    def produce() -> None:
        source = iter(items)
        try:
            for item in source:
                if not put((None, item)):
                    return
            put((StopIteration, None))
        except BaseException as error:  # handed to the caller, which re-raises it
            put((_RAISED, error))
        finally:
            close = getattr(source, "close", None)
            if close is not None:
                close()

    worker = threading.Thread(target=produce, name=name, daemon=True)
    worker.start()
    try:
        while True:
            signal, item = handed.get()
            if signal is StopIteration:
                return
            if signal is _RAISED:
                raise item
            yield item
    finally:
        stop.set()
        worker.join()
