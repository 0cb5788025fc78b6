"""Rows dated by a span of time shorter than a day: the hour (or quarter of an hour) a price holds for,
its start and end joined by " - ", as ENTSO-E's transparency platform dates its day-ahead power prices
("MTU (CET/CEST),Day-ahead Price [EUR/MWh]" over "01.01.2023 00:00 - 01.01.2023 01:00,0"). No date
detector reads such a cell, and the spaces in it outnumber the commas: read on spaces, the span was cut
in five cells, the price glued to the last ("01:00,0"), and every row was rejected as "missing value:
close" where none was missing; quoted, the file had "no date column". Each row is an hour's price, and
prices holds one row a day: the file is refused saying so, a judgement as bar_period.py's of bars longer
than a day (refusals.py), each row rejected with it (real files round 57).

A span of a whole day or more is let be ("02.01.2023 00:00 - 03.01.2023 00:00": a day's price, read as
its start's date by day_spans.py, or a week's, refused there), so are spans that start at one time each
day (a session's, "02.01.2023 09:30 - 02.01.2023 16:00", one ticker's or several's), spans that do not
follow one another (two exchanges' sessions beside a date, each its ticker's day), and a cell of times
alone beside a date ("09:30 - 16:00")."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime, timedelta

from .bar_period import LONGER_BARS
from .most_rows import found_in_most

# A date and a time of day, as the span's start and end are written: "01.01.2023 00:00",
# "2023-01-01T00:00", "01/01/2023 00:00:00".
_STAMP = r"(\d{1,4}[./-]\d{1,2}[./-]\d{1,4})[ T](\d{1,2}:\d{2}(?::\d{2})?)"
# A cell that is one span, at a line's start or after a delimiter, quoted or not.
_SPAN = re.compile(rf'(?:^|[,;\t|])\s*"?{_STAMP}\s*[-\u2013]\s*{_STAMP}"?\s*(?=[,;\t|]|$)')
_DATE_ORDERS = ("%d.%m.%Y", "%Y-%m-%d", "%d/%m/%Y", "%m/%d/%Y", "%Y/%m/%d", "%d-%m-%Y", "%Y.%m.%d")
_TIMES = ("%H:%M", "%H:%M:%S")
_ROWS = 200  # the first data rows looked at
_LEAST = 3  # rows of spans at least
_SHARE = 0.9  # of the data rows: a damaged row or two may lack one
_FOLLOWING = 2 / 3  # of the spans start where another ends: the first of each series, of three, does not
_DAY = timedelta(days=1)


def _stamps(day: str, time: str) -> list[datetime]:
    """Every reading of a date and a time of day by the orders dates are written in (a day and a month
    both 12 or less read both ways)."""
    out = []
    for order in _DATE_ORDERS:
        for clock in _TIMES:
            try:
                out.append(datetime.strptime(f"{day} {time}", f"{order} {clock}"))
            except ValueError:
                continue
    return out


def _short_span(line: str) -> tuple[str, str, str, str, str] | None:
    """The span cell of `line`, the day and the time it starts at and those it ends at, as written, when
    it lasts less than a day by some reading of its dates (the start's and the end's read alike), else
    None."""
    m = _SPAN.search(line)
    if m is None:
        return None
    starts, ends = _stamps(m[1], m[2]), _stamps(m[3], m[4])
    if any(timedelta(0) < end - start < _DAY for start in starts for end in ends):
        return m.group(0).lstrip(",;\t|").strip().strip('"'), m[1], m[2], m[3], m[4]
    return None


def time_span_problem(body: Sequence[Sequence[str]], delimiter: str) -> str | None:
    """The problem of a table whose data rows (`body`: each its cells, however split; joined by `delimiter`
    they are the line's text) are dated by spans of time shorter than a day, nine in ten of them, three at
    least; None for any other. A row is joined only to be searched: most tables hold no span, and their
    search stops within a few rows (found_in_most)."""
    delimited = bool(delimiter.strip())  # two cells or more joined by it are no blank line
    rows = [cells for cells in body[:_ROWS] if (delimited and len(cells) > 1) or "".join(cells).strip()]
    spans = found_in_most(rows, lambda cells: _short_span(delimiter.join(cells)), _LEAST, _SHARE)
    if spans is None:
        return None
    # Spans starting at several times of one day: one span a day is that day's price, a session's
    # ("09:30 - 16:00") or a day's written to its last minute ("00:00 - 23:59"), several tickers' each
    # at the same time, and its rows are daily.
    starts: dict[str, set[str]] = {}
    for _, day, time, _, _ in spans:
        starts.setdefault(day, set()).add(time)
    if all(len(times) < 2 for times in starts.values()):
        return None
    # An hour's prices follow one another, each span starting where one before it ended. Spans that do
    # not are each a series' window on a daily table: two exchanges' sessions ("14:30 - 21:00" and
    # "08:00 - 16:30"), contracts' settlement minutes, a day's price published again later, each row
    # that day's price beside its date.
    ends = {(day, time) for _, _, _, day, time in spans}
    if sum((day, time) in ends for _, day, time, _, _ in spans) < _FOLLOWING * len(spans):
        return None
    return (f"intraday prices{LONGER_BARS}each row is dated by a span of time shorter than a day "
            f"({spans[0][0]!r}), the hour or quarter of an hour its price holds for, and prices holds one row "
            "a day: export the day's prices instead")
