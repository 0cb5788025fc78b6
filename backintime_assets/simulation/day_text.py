"""Daily drop files rendered together: one Polars pass per layout over the files of the days the
row source holds at once, then each file's rows cut out of that text at its line ends.

A daily file holds a few rows, so rendering it alone costs a Polars run per file; rendering the
files of many days that share a layout costs one.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from datetime import date

import numpy as np

from backintime_assets.simulation import formatting as fmt
from backintime_assets.simulation.calendar import day_number
from backintime_assets.simulation.layouts import Layout
from backintime_assets.simulation.plans import FilePlan
from backintime_assets.simulation.rows import RowSource


def _one_day(plan: FilePlan) -> date | None:
    """The day of a CSV plan holding a single day, else None."""
    if len(plan.segments) != 1 or plan.layout.extension == ".xlsx":
        return None
    segment = plan.segments[0]
    return segment.first if segment.first == segment.last else None


class DayText:
    """`text(plan)`: the rows of a one-day CSV plan as its layout prints them (None for other plans).

    Ask for the plans in order of their days; texts are kept only until asked for.
    """

    def __init__(self, source: RowSource, plans: list[FilePlan]):
        self.source = source
        self._by_layout: dict[Layout, tuple[list[int], list[FilePlan]]] = {}  # day numbers, plans: by day
        for plan in sorted((p for p in plans if _one_day(p)), key=lambda p: _one_day(p)):
            numbers, same = self._by_layout.setdefault(plan.layout, ([], []))
            numbers.append(day_number(_one_day(plan)))
            same.append(plan)
        self._texts: dict[tuple[int, ...], bytes] = {}

    def text(self, plan: FilePlan) -> bytes | None:
        day = _one_day(plan)
        if day is None:
            return None
        if plan.key not in self._texts:
            self._render(day, plan.layout)
        return self._texts.pop(plan.key)

    def _render(self, day: date, layout: Layout) -> None:
        """Texts of the plans with this layout from `day` to the last day held with it."""
        held = self.source.held_days(day)
        numbers, plans = self._by_layout[layout]
        group = plans[bisect_left(numbers, day_number(day)) : bisect_right(numbers, int(held[-1]))]
        rows = self.source.days_rows([(p.segments[0].first, p.segments[0].tickers) for p in group])
        data = fmt.rendered_rows(rows, layout)
        ends = np.flatnonzero(np.frombuffer(data, dtype=np.uint8) == layout.newline.encode()[-1]) + 1
        counts = [0, *(len(p.segments[0].tickers) for p in group)]
        bounds = np.concatenate(([0], ends))[np.cumsum(counts)].tolist()  # byte offset after k rows
        for plan, lo, hi in zip(group, bounds, bounds[1:]):
            self._texts[plan.key] = data[lo:hi]
