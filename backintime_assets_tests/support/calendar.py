"""Dates for hand-made test files."""
from __future__ import annotations

from datetime import date, timedelta


def weekdays(first: date, n: int) -> list[date]:
    """The first `n` days from `first` (itself included) that fall Monday to Friday."""
    days, day = [], first
    while len(days) < n:
        if day.weekday() < 5:
            days.append(day)
        day += timedelta(days=1)
    return days
