"""CPU seconds of this process and of the Spark JVM with its Python workers, from /proc.

On a shared machine wall time moves with whatever else runs; CPU time moves much less, so benches
print both."""
from __future__ import annotations

import math
import os
import time
from collections.abc import Callable
from pathlib import Path

_HZ = os.sysconf("SC_CLK_TCK")
_TICK = 1.0 / _HZ  # /proc counts in clock ticks
# pid -> (CPU seconds of the process, of its children it has waited for, parent pid)
Snapshot = dict[int, tuple[float, float, int]]


def spark_snapshot(spark) -> Snapshot:
    """The Spark driver JVM (local mode: all executors too) and the processes under it (the Python
    workers that run the tasks)."""
    pid = spark.sparkContext._jvm.java.lang.ProcessHandle.current().pid()
    return tree_snapshot(pid)


def tree_snapshot(pid: int) -> Snapshot:
    snapshot, stack = {}, [pid]
    while stack:
        current = stack.pop()
        stat = _stat(current)
        if stat is None:  # ended since it was listed
            continue
        snapshot[current] = stat
        for task in Path(f"/proc/{current}/task").glob("*/children"):
            try:
                stack += [int(child) for child in task.read_text().split()]
            except FileNotFoundError:
                pass
    return snapshot


def cpu_between(before: Snapshot, after: Snapshot) -> float:
    """CPU seconds spent by the tree between two snapshots; NaN when it cannot be told. A process
    that ended in between was waited for by its parent, whose children's time then holds all of
    it: the sums still agree. One that nobody in the tree waited for (its parent ended too without
    waiting, or ignores its children's end, as a fork server may) took its time with it: the
    difference would be short by all of it, even negative (full benches printed -63.5 and -62.1
    CPU-s for Spark's read.csv), so there is no figure. Each process still in the tree must have
    gained in children's time at least what the processes that ended under it had spent before."""
    owed: dict[int, float] = {}
    for pid in before.keys() - after.keys():
        ancestor = before[pid][2]
        while ancestor in before and ancestor not in after:
            ancestor = before[ancestor][2]
        if ancestor not in after:
            return math.nan
        owed[ancestor] = owed.get(ancestor, 0.0) + before[pid][0] + before[pid][1]
    if any(after[pid][1] - before.get(pid, (0.0, 0.0, 0))[1] < due - _TICK for pid, due in owed.items()):
        return math.nan
    return sum(own + children for own, children, _ in after.values()) - sum(
        own + children for own, children, _ in before.values())


def _stat(pid: int) -> tuple[float, float, int] | None:
    """(utime + stime, cutime + cstime, in seconds; parent pid)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except FileNotFoundError:
        return None
    ticks = [int(f) for f in fields[11:15]]
    return (ticks[0] + ticks[1]) / _HZ, (ticks[2] + ticks[3]) / _HZ, int(fields[1])


def timed(fn, spark=None) -> tuple[float, float, object]:
    """Wall seconds, CPU seconds (this process, and the Spark JVM and its Python workers when a
    session is given; NaN when a worker left the tree, see cpu_between) and the result of fn()."""
    cpu0, tree0 = time.process_time(), spark_snapshot(spark) if spark is not None else {}
    start = time.perf_counter()
    result = fn()
    wall = time.perf_counter() - start
    jvm = cpu_between(tree0, spark_snapshot(spark)) if spark is not None else 0.0
    return wall, time.process_time() - cpu0 + jvm, result


def interleaved(fns: dict[str, Callable[[], object]], repeat: int,
                clock: Callable[[], float] = time.perf_counter) -> dict[str, float]:
    """Best time of each function by `clock` (wall by default; time.process_time for CPU), runs
    interleaved so that load from other processes on a shared machine hits all of them alike."""
    best = {name: float("inf") for name in fns}
    for _ in range(repeat):
        for name, fn in fns.items():
            t0 = clock()
            fn()
            best[name] = min(best[name], clock() - t0)
    return best
