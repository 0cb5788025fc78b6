"""Rows dated by a span of one whole day, midnight to midnight, its start and end joined by " - ", as
ENTSO-E's transparency platform dates its daily aggregations ("MTU (CET/CEST),Day-ahead Price" over
"02.01.2023 00:00 - 03.01.2023 00:00,101.5") or a span of dates alone ("2023-01-02 - 2023-01-03"). No
date detector reads such a cell: every row was rejected as "missing value: close" (the spans' spaces
outnumber the commas, the sniffer split the cell in five and glued the price to the last), or the file
refused as holding no date column. The span [D 00:00, D+1 00:00) is day D: each span cell is written as
its start's date ("2023-01-02") before the file is split, by the detector and by the reader alike (the
normaliser's rewrites.py), and the file is the daily table it would be with a date column.

Only where the file's spans prove it, every one of them: each lasts one day exactly by one reading of its
dates, the same for all (the span settles the day/month order: "02.01.2023 - 03.01.2023" is a day read day
first, a month read month first), starts at midnight, and they follow one another (two in three start where
another ends: a weekend or a holiday breaks the run). Not where a row holds another date beside its span:
a trade date beside the delivery day, the table dated already, is read as it was. Spans of an hour are
refused as intraday (time_spans.py); spans of whole days longer than one (a week's "02.01.2023 00:00 -
09.01.2023 00:00", a month's) are no day's price and are refused quoting one (long_span_problem); spans at
another hour (23:00 UTC for a CET day, a gas day from 06:00) are not read: a day's start at 23:00 is
whose day?"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, datetime, timedelta

from .bar_period import LONGER_BARS
from .dates import shape
from .most_rows import found_in_most
from .paired_spans import LATE, LEAST_SPANS, SAMPLE_ROWS, SPAN_SHARE, about_a_day, named_a_span, span_pair

_DATE = r"\d{1,4}[./-]\d{1,2}[./-]\d{1,4}"
_TIME = r"\d{1,2}:\d{2}(?::\d{2})?"
# A span cell at a line's start or after a delimiter (quoted or not), ending at a delimiter, a quote, a
# space (a file split on spaces) or the line's end: dates with times of day ("02.01.2023 00:00 -
# 03.01.2023 00:00"), or dates alone joined by a spaced hyphen or a dash ("2023-01-02 - 2023-01-03": ISO
# dates' own hyphens join nothing).
_SPAN = re.compile(rf'(?:^|(?<=[,;\t|"]))[ ]*(?P<span>(?P<a>{_DATE})[ T](?P<at>{_TIME})\s*[-\u2013]\s*'
                   rf'(?P<b>{_DATE})[ T](?P<bt>{_TIME})|(?P<da>{_DATE})(?:\s+-\s+|\s*\u2013\s*)(?P<db>{_DATE}))'
                   rf'(?=[ ]*(?:[,;\t|" \r]|$))', re.MULTILINE)
_ORDERS = ("%d.%m.%Y", "%Y-%m-%d", "%d/%m/%Y", "%m/%d/%Y", "%Y/%m/%d", "%d-%m-%Y", "%m-%d-%Y", "%Y.%m.%d")
_MIDNIGHT = re.compile(r"0?0:00(?::00)?")
_FOLLOWING = 2 / 3  # of the spans start where another ends: a weekend breaks the run each week
_DAY = timedelta(days=1)


def _day(text: str, order: str) -> date | None:
    try:
        return datetime.strptime(text, order).date()
    except ValueError:
        return None


def _whole_days(m: re.Match) -> tuple[str, str] | None:
    """The start's and the end's dates of span `m` when it runs from midnight to midnight (or is written
    in dates alone), else None."""
    if m["da"] is not None:
        return m["da"], m["db"]
    if _MIDNIGHT.fullmatch(m["at"]) and _MIDNIGHT.fullmatch(m["bt"]):
        return m["a"], m["b"]
    return None


def _lengths(start: str, end: str) -> dict[str, tuple[date, int]]:
    """By each order that reads both dates: the start's day and the span's length in days."""
    days = {order: (_day(start, order), _day(end, order)) for order in _ORDERS}
    return {order: (a, (b - a).days) for order, (a, b) in days.items() if a is not None and b is not None}


def _other_date(cells: Sequence[str], delimiter: str, m: re.Match) -> bool:
    """Whether a row of `cells` (joined by `delimiter`, its span `m`) holds a date in a cell outside the
    span: the table is dated by it."""
    at = 0
    for cell in cells:
        outside = cell[:max(0, m.start("span") - at)] + cell[max(0, m.end("span") - at):]
        at += len(cell) + len(delimiter)
        if outside.strip() and shape(outside.strip()) is not None:
            return True
    return False


def _spans(rows: Sequence[Sequence[str]], delimiter: str) -> list[re.Match] | None:
    """Each data row's span where nine rows in ten (three at least) hold one, every one of whole days and
    the only date of its row; None otherwise. `rows`: each row's cells, however the spans split them."""
    rows = [cells for cells in rows[:SAMPLE_ROWS] if "".join(cells).strip()]  # blank rows aside
    found = found_in_most(rows, lambda cells: (m, cells) if (m := _SPAN.search(delimiter.join(cells))) else None,
                          LEAST_SPANS, SPAN_SHARE)
    if found is None:
        return None
    if any(_whole_days(m) is None or _other_date(cells, delimiter, m) for m, cells in found):
        return None  # every span of whole days (an hour's among days' is no day), the only date of its row
    return [m for m, _ in found]


def day_span_order(rows: Sequence[Sequence[str]], delimiter: str) -> str | None:
    """The date order (a strptime format: "%d.%m.%Y") of a table's spans of one day, where its data rows
    (each its cells, split by `delimiter`) are dated by spans of one whole day each (see the module);
    None for any other table."""
    found = _spans(rows, delimiter)
    if found is None:
        return None
    orders = None
    for m in found:
        ones = {order for order, (_, days) in _lengths(*_whole_days(m)).items() if days == 1}
        orders = ones if orders is None else orders & ones
        if not orders:
            return None
    if len(orders) != 1:
        return None  # both readings a day each: the span settles no order, and the dates are left unread
    (order,) = orders
    days = [(_day(a, order), _day(b, order)) for a, b in (_whole_days(m) for m in found)]
    ends = {b for _, b in days}
    if sum(a in ends for a, _ in days) < _FOLLOWING * len(days):
        return None
    return order


def start_days(text: str | bytes | None, order: str) -> str | bytes | None:
    """`text` (str, or UTF-8 bytes as the reader rewrites them) with each span cell of one day, midnight
    to midnight, read in `order`, written as its start's date ("2023-01-02"); other spans (of an hour, of
    a week, at 23:00) are left as written, and their rows are rejected for a date no order reads. Each
    line keeps its place and its cells."""
    if text is None:
        return None
    if isinstance(text, bytes):
        return start_days(text.decode("utf-8", "surrogateescape"), order).encode("utf-8", "surrogateescape")

    def start(m: re.Match) -> str:
        days = _whole_days(m)
        if days is None:
            return m[0]
        a, b = _day(days[0], order), _day(days[1], order)
        if a is None or b is None or b - a != _DAY:
            return m[0]
        return m[0][:m.start("span") - m.start()] + a.isoformat()

    return _SPAN.sub(start, text)


def long_span_problem(rows: Sequence[Sequence[str]], delimiter: str) -> str | None:
    """The problem of a table dated by spans of whole days longer than one, nine rows in ten, three at
    least (a week's price, a month's: no day's); None for any other."""
    found = _spans(rows, delimiter)
    if found is None:
        return None
    for m in found:
        lengths = _lengths(*_whole_days(m))
        if not lengths or any(days <= 1 for _, days in lengths.values()):
            return None
    span = found[0]["span"]
    return (f"prices over spans of days{LONGER_BARS}each row is dated by a span longer than a day ({span!r}), "
            "a week's or a month's price, and prices holds one row a day: export the day's prices instead")


def halved_span_problem(rows: Sequence[Sequence[str]], delimiter: str, date_column: int) -> str | None:
    """The problem of a table whose date column holds half of each row's span, the sniffer having split
    the spans on their spaces ("01.01.2023 23:00 - 02.01.2023 23:00 10 11 9 10.5"), where that half is
    not the day the span prices: its end's date, or its start's where the span is a day from noon or
    later. Read so, each row loaded dated a day early (a CET day written in UTC); None for any other
    table (the start's date of a span from midnight, or from a morning hour, a gas day's 06:00)."""
    rows = [cells for cells in rows[:SAMPLE_ROWS] if "".join(cells).strip()]  # blank rows aside
    halves = found_in_most(rows, lambda cells: _half_held(cells, delimiter, date_column)
                           if date_column < len(cells) else None, LEAST_SPANS, SPAN_SHARE)
    if halves is None:
        return None
    for m, half in halves:
        if half == "start" and not (_clock(m["at"]) >= timedelta(hours=LATE.hour) and _a_day_long(m)):
            return None
    m, half = halves[0]
    held = (f"its end's date ({m['b']}), the day after the span's" if half == "end" else
            f"its start's date ({m['a']}), though the span lies mostly in the day after (a CET day written in "
            "UTC starts at 23:00 the day before, a futures or FX session the evening before)")
    # A judgement (refusals.py), as time_spans.py's: a user who knows whose day each span is may lift it.
    return (f"prices of days from {m['at']}{LONGER_BARS}each row is dated by a span ({m['span']!r}), split in two "
            f"columns on its spaces, and the column read as the date holds {held}: export the day's date with "
            "each price, or spans from midnight to midnight")


def _clock(text: str) -> timedelta:
    """A time of day ("23:00", "7:30:00") as the time past midnight."""
    hours, minutes, *seconds = text.split(":")
    return timedelta(hours=int(hours), minutes=int(minutes), seconds=int(seconds[0]) if seconds else 0)


def _a_day_long(m: re.Match) -> bool:
    """Whether span `m`, dates and times of day, lasts about a day by one reading of its dates: 23:00 to 23:00
    the next day (a CET day written in UTC), or an evening session's 18:00 to 17:00."""
    return any(about_a_day(timedelta(days=days) + _clock(m["bt"]) - _clock(m["at"]))
               for _, days in _lengths(m["a"], m["b"]).values())


def _half_held(cells: Sequence[str], delimiter: str, date_column: int) -> tuple[re.Match, str] | None:
    """The span of a row of `cells` that its spaces split, and which of its halves ("start", "end") the cell
    at `date_column` holds: that half's date, or its stamp ("2023-01-01T23:00"); None where it holds none.
    The span is looked for from each cell up to the date column, not only from the line's start: a span
    after a cell split off by a space (an area's "DE", a ticker) follows no delimiter the span's pattern
    knows, and a day from 23:00 there had loaded dated a day early too."""
    cell = cells[date_column].strip()
    for j in range(date_column + 1):
        m = _SPAN.match(delimiter.join(cells[j:]))
        if m is None or m["a"] is None:
            continue
        at = sum(len(c) + len(delimiter) for c in cells[j:date_column])
        if at == m.start("a") and cell in (m["a"], f"{m['a']}T{m['at']}"):
            return m, "start"
        if at == m.start("b") and cell in (m["b"], f"{m['b']}T{m['bt']}"):
            return m, "end"
    return None


def paired_span_problem(header_cells: Sequence[Sequence[str]], body: Sequence[Sequence[str]],
                        formats: Sequence[str | None], date_column: int) -> str | None:
    """The problem of a table dated by spans of a day cut into two columns (paired_spans.py) that start at
    noon or later: a CET day written in UTC ("01.01.2023 23:00" to "02.01.2023 23:00"), an evening session
    ("01.01.2023 18:00" to "02.01.2023 17:00"). Read by the start's column, each row loaded a day early;
    by the end's, the day holds most of the span and futures and FX name a session so, but neither the
    file nor its header says whose day its spans are, and a span of another hour (a gas day's 06:00) is
    its start's: refused, as such a span split on its spaces is (halved_span_problem), where the header
    names the pair a span (paired_spans.named_a_span). None for any other table: "Trade Time" at 17:00
    beside an "Expiry" a day later, daily bars stamped 16:00 beside their "Close Time", had loaded right."""
    pair = span_pair(body, formats, date_column)
    if pair is None or not pair.late or not named_a_span(header_cells, pair):
        return None
    held = "start" if pair.start == date_column else "end"
    # A judgement (refusals.py), as halved_span_problem's: a user who knows whose day each span is may lift it.
    return (f"prices of days from {pair.begins:%H:%M}{LONGER_BARS}each row is dated by a span of a day in two "
            f"columns ({pair.begins:%Y-%m-%d %H:%M} to {pair.ends:%Y-%m-%d %H:%M}) that starts at "
            f"{pair.begins:%H:%M}, mostly in the day after its start's date, and the column read as the date "
            f"holds its {held}: export the day's date with each price, or spans from midnight to midnight")
