"""Rows dated by a span of one day cut into two columns, its start's and its end's ("From,To,Price" over
"02.01.2023 00:00,03.01.2023 00:00,101.5"; "Start Date,End Date,Close" over "2023-01-02,2023-01-03,..."),
as day_spans.py reads the span written in one cell. Of two dates a day apart the date column was the one
named more strongly, or the leftmost: "Begin,End Date", "Period Start,Date" and "To,From" had loaded every
price dated by its end, a day late, without a word.

A span from midnight, or from a morning hour (a gas day's 06:00), is the day of its start, as
day_spans.py reads it: where the date column holds the end and the header names the pair a span (a start's
word over the other column, an end's over the date's), the start's column dates the rows. Named nothing,
two dates a day apart may be a trade's and its settlement's, or a date and the day before it: left as read.
A span from noon or later (a CET day written in UTC, 23:00 to 23:00; an evening session, 18:00 to 17:00)
lies mostly in the day of its end; where the header names the pair a span, day_spans.paired_span_problem
refuses it, as it refuses such a span written in one cell and split on its spaces. Named nothing, a date
stamped 16:00 beside one a day later is as often a trade's and its value date's, or a bar's and its close
time's: left as read, as before."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from .month_names import for_strptime
from .words import folded_words

SAMPLE_ROWS = 200  # the first data rows looked at (day_spans.py too)
LEAST_SPANS = 3  # rows of spans at least
SPAN_SHARE = 0.9  # of the data rows: a damaged row or two may lack one
# A day's span as long as a day, give or take a clock change (a CET day in UTC is 23 or 25 hours on one),
# or an evening session's (18:00 to 17:00, the hour between a break).
_SHORTEST, _LONGEST = timedelta(hours=20), timedelta(hours=28)
LATE = time(12)  # a span from noon or later lies mostly in its end's day
_START_WORDS = frozenset({"from", "start", "starts", "starting", "begin", "begins", "beginning", "von", "ab",
                          "beginn", "debut", "inicio", "desde", "vanaf", "od", "fra", "fran"})
_END_WORDS = frozenset({"to", "end", "ends", "ending", "until", "till", "thru", "through", "bis", "ende", "fin",
                        "hasta", "tot", "til"})


@dataclass(frozen=True)
class SpanPair:
    """Two columns whose cells span each row's day between them, and the first row's span."""
    start: int
    end: int
    begins: datetime  # the first row's start
    ends: datetime  # and end

    @property
    def late(self) -> bool:
        """Whether the spans start at noon or later: mostly their end's day."""
        return self.begins.time() >= LATE


def about_a_day(length: timedelta) -> bool:
    """Whether a span of `length` is a day's, a clock change's hour or an evening session's break aside."""
    return _SHORTEST <= length <= _LONGEST


def _stamp(cell: str, fmt: str | None) -> datetime | None:
    if not fmt or "%" not in fmt or not cell.strip():
        return None
    try:
        return datetime.strptime(*for_strptime(cell.strip(), fmt))
    except ValueError:
        return None


def _comparable(a: datetime, b: datetime) -> tuple[datetime, datetime]:
    """A stamp with its UTC offset ("2026-09-07T14:36:25+00:00", a download's time) beside a date without
    one: both on the wall clock, as written, for a span is a day's on it (an aware and a naive datetime do
    not compare at all, and detection had failed on the whole file). Two with offsets stay instants: read on
    the wall clock, a CET day's end beside its start written in Tokyo's time ("2023-01-03T00:00+01:00",
    "2023-01-02T08:00+09:00") was 16 hours, no span, and its prices loaded dated by its end, a day late."""
    if (a.tzinfo is None) == (b.tzinfo is None):
        return a, b
    return a.replace(tzinfo=None), b.replace(tzinfo=None)


def span_pair(body: Sequence[Sequence[str]], formats: Sequence[str | None], date_column: int) -> SpanPair | None:
    """The date column and another of dates or stamps (`formats`: each column's strptime format, None for
    no date) where nine rows in ten, three at least, hold a span of about a day between them (20 to 28
    hours), all from one time of day and the same column first; None for any other table."""
    others = [j for j, f in enumerate(formats) if j != date_column and f is not None]
    if date_column >= len(formats) or formats[date_column] is None or not others:
        return None
    rows = [r for r in body[:SAMPLE_ROWS] if any(c.strip() for c in r)]
    # Each date parsed once, and each other column left at its first row that spans no day: a wide table
    # of dates (an option chain's expiries) would otherwise parse every cell of the date column again.
    dates = [_stamp(r[date_column], formats[date_column]) if date_column < len(r) else None for r in rows]
    for other in others:
        spans = _spans(rows, dates, other, formats[other])
        if spans is None or len(spans) < LEAST_SPANS or len(spans) < SPAN_SHARE * len(rows):
            continue
        start, end = (date_column, other) if spans[0][2] else (other, date_column)
        return SpanPair(start, end, *spans[0][:2])
    return None


def _spans(rows: Sequence[Sequence[str]], dates: Sequence[datetime | None], other: int,
           fmt: str) -> list[tuple[datetime, datetime, bool]] | None:
    """Each row's span between its date and its cell at `other` (start, end, whether the date is the
    start), where every such pair spans about a day, from one time of day and the same column first;
    None at the first that does not."""
    spans: list[tuple[datetime, datetime, bool]] = []
    for r, a in zip(rows, dates):
        if a is None or other >= len(r) or (b := _stamp(r[other], fmt)) is None:
            continue
        a, b = _comparable(a, b)
        span = (a, b, True) if b > a else (b, a, False)
        if not about_a_day(span[1] - span[0]) or spans and (span[2] != spans[0][2]
                                                             or span[0].time() != spans[0][0].time()):
            return None
        spans.append(span)
    return spans


def _named(cells: Sequence[str], words: frozenset[str]) -> bool:
    return any(w in words for cell in cells for w in folded_words(cell))


def named_a_span(header_cells: Sequence[Sequence[str]], pair: SpanPair) -> bool:
    """Whether the header names `pair` a span: a start's word over its start's column ("From", "Period
    Start"), or an end's over its end's ("To", "End Date"). Named nothing, two stamps a day apart are as
    often a trade's and its value date's, a bar's and its close time's, or a date and the day before it."""
    start_name = header_cells[pair.start] if pair.start < len(header_cells) else []
    end_name = header_cells[pair.end] if pair.end < len(header_cells) else []
    return _named(start_name, _START_WORDS) or _named(end_name, _END_WORDS)


def span_start_column(header_cells: Sequence[Sequence[str]], formats: Sequence[str | None],
                      body: Sequence[Sequence[str]], date_column: int) -> int | None:
    """The column of the spans' starts where the date column holds their ends, the spans start before noon,
    and the header names the pair a span (see the module); None otherwise."""
    pair = span_pair(body, formats, date_column)
    if pair is None or pair.end != date_column or pair.late or not named_a_span(header_cells, pair):
        return None
    return pair.start
