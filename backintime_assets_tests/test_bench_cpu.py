"""bench/cpu.py: the CPU seconds the benches print beside wall seconds."""
import math
import os
import subprocess
import sys

from bench.cpu import cpu_between, tree_snapshot

_BURN = "import time\nend = time.process_time() + 0.3\nwhile time.process_time() < end: pass"


def test_a_child_that_ends_and_is_waited_for_is_counted_in_full():
    before = tree_snapshot(os.getpid())
    subprocess.run([sys.executable, "-c", _BURN], check=True)  # waited for: in our children's time
    assert cpu_between(before, tree_snapshot(os.getpid())) >= 0.25


def test_a_process_gone_with_its_parent_leaves_no_figure_rather_than_a_wrong_one():
    before = {1: (10.0, 0.0, 0), 2: (5.0, 0.0, 1), 3: (4.0, 0.0, 2)}  # 1 runs 2, which runs 3
    # 3 ended and 2 waited for it: 2's children's time holds 3's (4 s before, 1 s since).
    assert cpu_between(before, {1: (10.5, 0.0, 0), 2: (5.0, 5.0, 1)}) == 1.5
    # 2 and 3 ended, and 1 waited for 2 only: 3's time left the tree.
    assert math.isnan(cpu_between(before, {1: (10.0, 5.0, 0)}))
    # ... and both waited: all of it is in 1's children's time.
    assert cpu_between(before, {1: (10.0, 10.0, 0)}) == 1.0
    # New processes count in full.
    assert cpu_between(before, {**before, 4: (2.0, 0.0, 1)}) == 2.0


def test_a_child_nobody_waited_for_leaves_no_figure():
    # A fork server that ignores its children's end (SIGCHLD ignored): the child's time is gone,
    # though its parent is still there (a full bench printed -62.1 CPU-s for Spark's read.csv).
    before = {1: (10.0, 0.0, 0), 2: (1.0, 0.0, 1), 3: (30.0, 0.0, 2)}
    assert math.isnan(cpu_between(before, {1: (12.0, 0.0, 0), 2: (1.5, 0.0, 1)}))
