"""CPU seconds of this process and of the Spark JVM with its Python workers, from /proc.

On a shared machine wall time moves with whatever else runs; CPU time moves much less, so benches
print both."""
from __future__ import annotations

import os
import time
from pathlib import Path


def spark_cpu_seconds(spark) -> float:
    """CPU time of the Spark driver JVM (local mode: all executors too) and of the processes under
    it (the Python workers that run the tasks)."""
    pid = spark.sparkContext._jvm.java.lang.ProcessHandle.current().pid()
    return sum(_cpu_seconds(p) for p in _process_tree(pid))


def _process_tree(pid: int) -> list[int]:
    tree, stack = [], [pid]
    while stack:
        current = stack.pop()
        tree.append(current)
        for task in Path(f"/proc/{current}/task").glob("*/children"):
            stack += [int(child) for child in task.read_text().split()]
    return tree


def _cpu_seconds(pid: int) -> float:
    """utime + stime, plus those of its children that have ended (cutime + cstime)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except FileNotFoundError:  # ended since it was listed
        return 0.0
    return sum(int(f) for f in fields[11:15]) / os.sysconf("SC_CLK_TCK")


def timed(fn, spark=None) -> tuple[float, float, object]:
    """Wall seconds, CPU seconds (this process, and the Spark JVM and its Python workers when a
    session is given) and the result of fn(). A worker that ends during fn() and is not waited for
    is missed."""
    cpu0, jvm0 = time.process_time(), spark_cpu_seconds(spark) if spark is not None else 0.0
    start = time.perf_counter()
    result = fn()
    wall = time.perf_counter() - start
    jvm = spark_cpu_seconds(spark) - jvm0 if spark is not None else 0.0
    return wall, time.process_time() - cpu0 + jvm, result
