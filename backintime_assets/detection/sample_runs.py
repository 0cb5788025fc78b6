"""The runs of rows a sample holds as the file does, one after another: a large file's head and its
tail, with rows unseen between. A day the head ends inside, or the tail starts inside, has only some
of its rows in the sample: what each day holds is judged on the other days."""

from __future__ import annotations

from collections.abc import Sequence

Rows = Sequence[Sequence[str]]


def sample_runs(body: Rows, head_end: int | None) -> list[tuple[Rows, bool, bool]]:
    """The sampled rows in runs the file holds unbroken, each with whether the file goes on unseen
    before its first row and after its last. `head_end`: how many of the rows are the head's (the
    rest the tail's), None where the sample is every row of the table (Layout.head_end)."""
    if head_end is None:
        return [(body, False, False)]
    return [(body[:head_end], False, True), (body[head_end:], True, False)]


def cut_days(days: Sequence[str], cut_before: bool, cut_after: bool) -> set[str]:
    """Of a run's rows' days, in row order, those the run may hold only some rows of: its first row's
    where the file goes on unseen before it, its last row's where the file goes on after it."""
    cut = {days[0]} if cut_before and days else set()
    return cut | ({days[-1]} if cut_after and days else set())
