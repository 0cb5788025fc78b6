"""A day/month order a source's one-day files show only together, where no sibling proves it alone.

An office that writes a file a day ("01/10/2012" in export (1).csv, "02/10/2012" in export (2).csv,
...) repeats one date in every row of each: detection can only guess its order (month first for '/':
dates.GUESSED_ORDER_CERTAINTY), and a run of days up to the 12th holds no sibling whose day above 12
proves it (sibling_order.py). Read month first, a British office's first week loaded as 10 January,
10 February, 10 March (a Saturday: rejected), 10 April and 10 May, silently. Side by side, though,
the files make a run of days read day first, 1 to 5 October, and none read month first.

Only files whose order is a guess no sibling settles, of one layout and folder (sibling_order's
siblings), each of one date: a file of several dates was read by its own rows already.

Read together by what a file a day is, not by the rules for one file's rows: the reading under which
the files' days are one run (of trading days, a weekend and a holiday at most between: _a_run), where
the other reading is none; in any order of their names. A reading that puts a
file on a weekend the other puts none on is no run: an office trading every day keeps its guess.
Where neither reading is one run, runs apart on weekdays settle it where the other reading puts a file
on a weekend (_runs_apart_off_weekends): a British office's days with some files missing.
One file's rules (dates._num_order) take the part that moves more from row to row for the day, and a
steady part above 1 for the month, as a daily series' rows do; one-day files are as often an office's
monthly or quarterly ones, and an American office's first trading days of May, June and July
("05/01/2012", "06/01/2012", "07/02/2012": the day moves less) read day first as 5 and 6 January and
7 February (silent), its 9 September, October and November as 11 November, 9 and 10 September (a
Sunday: rejected). Read as a run, neither reading is one and the guess stays. Where both or neither
reading is a run, nothing is settled.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections import defaultdict
from collections.abc import Callable, Collection

from backintime_assets.detection import FileSchema
from backintime_assets.detection.agreed_order import names_a_day_first_market
from backintime_assets.detection.dates import GUESSED_ORDER_CERTAINTY, name_vouches, weekdays_between
from backintime_assets.detection.filename import named_days
from backintime_assets.detection.office_names import folder_pattern
from backintime_assets.ingestion.shared_layouts import after_header, first_date_cells
from backintime_assets.ingestion.sibling_order import SETTLED, date_order, order_named, refused_for_order, with_order
from backintime_assets.trading_week import MON_FRI, TradingWeek


# Dotted dates are written day first ("01.05.2015": Germany, Switzerland, Central and Eastern Europe, Russia,
# Turkey); no custom writes them month first. Read together, a Swiss office's monthly files of May, June and
# July ("01.05.2015", "01.06.2015", "01.07.2015") are a run of days month first, 5 to 7 January, and loaded so
# (silent): the first days of months and the first days of a month read either way alike, and the custom
# decides. A run read day first still settles them.
_DOTTED_DAY_FIRST = "."


def _day_first_by_custom(layout: tuple, files: list[tuple[str, dict, str, list[str]]],
                         coded: Callable[[list[str]], Collection[str]] | None = None) -> bool:
    """Whether the files' custom writes their dates day first, so that no run read month first settles them:
    dotted dates (_DOTTED_DAY_FIRST), or slashed ones guessed day first beside the decimal comma of every file
    (detection/agreed_order.day_first_by_decimal_comma: a French office's "01/03/2024" of its month's first day)
    or beside Switzerland's apostrophe grouping (a Swiss office's "01/05/2015" beside "1'234'567": month first
    5 January, and loaded so), or beside codes of day-first markets only (`coded`: of files' keys, those whose
    tickers are "VOD.L", "BARC.L": a London office's month-start files read month first were 10 and 11 January)."""
    sep = layout[-3]
    if sep == _DOTTED_DAY_FIRST:
        return True
    if sep != "/" or any(first != "%d" for _, _, first, _ in files):
        return False
    unmarked = [key for key, schema, _, _ in files if not _day_first_marks(schema)]
    # Asked last, of the files the schema tells nothing of: their tickers are read from their first rows.
    return not unmarked or (coded is not None and None not in unmarked and set(coded(unmarked)) >= set(unmarked))


def _day_first_marks(schema: dict) -> bool:
    """Whether a file's marks are only day-first customs' own: the decimal comma, the apostrophe's grouping,
    a column named in a day-first market's word (London's "EPIC": a British office's month-start files
    "01/10/2024", "01/11/2024" read month first are a run, 10 and 11 January)."""
    return schema.get("decimal") == "," or schema.get("thousands") in ("'", "\u2019") \
        or names_a_day_first_market([c.get("name") or "" for c in schema.get("columns") or []])


def settle_together(guessing: dict[str, tuple[dict, list[str]]],
                    read_with: dict[str, tuple[dict, list[str]]] | None = None,
                    written: dict[str, float] | None = None, week: TradingWeek = MON_FRI,
                    coded: Callable[[list[str]], Collection[str]] | None = None) -> dict[str, dict]:
    """key -> the schema, order settled, of each of the `guessing` files (key -> its schema and its date
    cells, `as_written`; [] where unknown) whose one-day siblings' dates, read together, decide the order
    against its guess (or settle a file refused for its guess). `read_with`: as `guessing`, other files read
    with them but not settled here (in a daily run, the days stored before), whose order is a guess or
    was settled so. `written`: key -> when each file was last modified (epoch seconds), where known. `week`: the
    deployment's trading week, off which a reading that dates a file is not the office's. `coded`: of
    `guessing` files' keys, those whose tickers are listed only on day-first markets (agreed_order.lists_day_first)."""
    sources: dict[tuple, list[tuple[str, dict, str, list[str]]]] = defaultdict(list)
    times: dict[tuple, list[float | None]] = defaultdict(list)
    for settles, files in ((True, guessing), (False, read_with or {})):
        for key, (schema, cells) in files.items():
            order = date_order(schema)
            if order is not None and (order[2] <= GUESSED_ORDER_CERTAINTY or (not settles and read_so(schema))):
                source = (order[0], folder_pattern(schema.get("file") or ""))
                sources[source].append((key if settles else None, schema, order[1], cells))
                times[source].append((written or {}).get(key))
    settled = {}
    for (layout, folder), files in sources.items():
        proven, days, weekdays_only = _read_together(files, week)
        if proven is None or (proven == "%m" and _day_first_by_custom(layout, files, coded)) \
                or _written_apart(files, times[(layout, folder)], proven):
            continue  # no order read, month first where the custom is day first, or files written months apart
        told = f"{_TOGETHER}{days} one-day file{'s' if days != 1 else ''} of its layout read together" \
            + (f", on weekdays {order_named(proven)} only" if weekdays_only else "")
        for key, schema, first, cells in files:
            # A file refused for its guess (a script whose custom is day first) is not settled by weekdays
            # alone: an exchange trading Sunday to Thursday (Tel Aviv's, until 2026) dates its files on Sundays.
            if key is not None and (proven != first or refused_for_order(schema)) \
                    and not (weekdays_only and refused_for_order(schema)) \
                    and not _named_otherwise(schema, cells, proven):
                settled[key] = with_order(schema, proven, days, told)
    return settled


def _named_otherwise(schema: dict, cells: list[str], first: str) -> bool:
    """Whether the file's name (filename.named_days: a month it writes year first) puts its date cells where
    the other reading does and `first` does not. A US office's month-start snapshot holdings_2024_09.csv,
    "09/01/2024" (Sunday 1 September), was read day first for the weekend, 9 January (silent)."""
    named = named_days(schema.get("file") or "")
    if named is None or not cells:
        return False
    other = "%m" if first == "%d" else "%d"
    return not _named_so(cells, first, named) and _named_so(cells, other, named)


def _named_so(cells: list[str], first: str, named) -> bool:
    days = _read(set(cells), first)
    return bool(days) and all(name_vouches(named, day) for day in days)


_TOGETHER = "the dates of "  # how settle_together says what settled an order (sibling_order.with_order)


def read_so(schema: dict) -> bool:
    """Whether the file's day/month order was settled by its source's one-day files read together."""
    return any((c.get("order_from") or "").startswith(f"{SETTLED}{_TOGETHER}") for c in schema.get("columns") or [])


def as_written(schema: dict, dates: list[dt.date]) -> list[str]:
    """The date cells a file's rows were read from, as its order reads them (`dates`: as read), the
    year in full: the order is all they are asked."""
    order = date_order(schema)
    if order is None:
        return []
    first = order[1]
    return [day.strftime(f"{first}/{'%m' if first == '%d' else '%d'}/%Y") for day in dates]


def cells_in_head(head: bytes, schema_json: str) -> list[str]:
    """The date cells of a file's first rows (`head`: its first bytes), as_written: where its rows were
    all rejected as read (dated on a weekend by its guess) the survey knows no date of it."""
    schema = FileSchema.from_json(schema_json)
    if schema.encoding.lower().replace("_", "-").startswith(("utf-16", "utf-32")):
        # Lines are found byte-wise (shared_layouts._prefix), where a UTF-16 line break holds a b"\n" and a
        # zero byte after it: cut there, every line after the first decoded a byte off, as no date, and a
        # British office's UTF-16 days whose guess fell on a weekend were left out of their run (a gap).
        head = head.decode(schema.encoding, errors="replace").encode("utf-8")
        schema = dataclasses.replace(schema, encoding="utf-8")
    cells = []
    for cell in first_date_cells(after_header(head, schema), schema):
        found = _NUMERIC_DATE.match(cell)
        if found is not None:  # not a footer's or a note's cell
            a, b, year = found.groups()
            year = year if len(year) == 4 else str((1900 if int(year) > _PIVOT else 2000) + int(year))
            cells.append(f"{int(a):02d}/{int(b):02d}/{year}")
    return cells


# A day and a month in numbers before the year, as DAY_MONTH formats write them ("02/05/22", "2.5.2022 00:00").
_NUMERIC_DATE = re.compile(r"^\s*(\d{1,2})[^\d\s]?(\d{1,2})[^\d\s]?(\d{4}|\d{2})(?!\d)")
_PIVOT = 68  # strptime's: "69" is 1969, "68" 2068


def _read_together(files: list[tuple[str, dict, str, list[str]]], week: TradingWeek) -> tuple[str | None, int, bool]:
    """(the part a source's dates read first, "%d" or "%m", or None where neither reading or both make
    its one-day files a run of days, nor put them all on weekdays where the other puts one on a weekend; how
    many one-day files were read; whether weekdays alone decided)."""
    one_day = [cells[0] for _, _, _, cells in files if cells and len(set(cells)) == 1]
    runs = [first for first in ("%d", "%m") if _a_run(set(one_day), first)] \
        or [first for first in ("%d", "%m") if _runs_apart_off_weekends(set(one_day), first)]
    if runs:
        return (runs[0] if len(runs) == 1 else None), len(one_day), False
    # No run either way: an office trading Monday to Friday writes no file of a weekend, and of two readings
    # the one that dates a file on one is not its own. A British office's lone "04/06/2013" (6 April, a
    # Saturday, month first) was rejected and filed under its home date; its "02/10/2024" and "11/10/2024", 10
    # February and 10 November month first, both weekends, were rejected where day first reads both.
    weekdays = [first for first in ("%d", "%m") if _off_weekends(set(one_day), first, week)]
    return (weekdays[0] if weekdays else None), len(one_day), bool(weekdays)


def _off_weekends(cells: set[str], first: str, week: TradingWeek) -> bool:
    """Whether the date cells, read `first`-part first, are all trading days of the `week`, where the other
    reading puts one on a day it closes. Not Saturday and Sunday whatever the week: a crypto office's lone
    "04/06/2013" (month first 6 April, a Saturday, a trading day of its every-day week) loaded 4 June."""
    days = _read(cells, first)
    other = _read(cells, "%m" if first == "%d" else "%d")
    return bool(days) and other is not None and all(week.is_trading_day(day) for day in days) \
        and not all(week.is_trading_day(day) for day in other)


# Days between two files of a run, written as their days came, past which their writing says they are no
# run: a typical gap between files next to each other by the reading, as long as two weeks, is another
# office's monthly files (or a run read the other way). In a daily run an American office's monthly files
# ('03/01/2024', then '04/01/2024' a month later) read as 3 and 4 January, a run, where 1 March and 1 April
# are none: day first settled them, the first stored file too (stored_order.py), both loaded silently wrong.
WRITTEN_APART_DAYS = 14


def _written_apart(files: list[tuple[str, dict, str, list[str]]], written: list[float | None], first: str) -> bool:
    """Whether the one-day files, in the order of their days read `first`-part first, were written (last
    modified) a typical WRITTEN_APART_DAYS or more apart: no run. Files copied at once (one time, or none
    known) say nothing."""
    dated = []
    for (_, _, _, cells), when in zip(files, written):
        if cells and len(set(cells)) == 1 and when is not None:
            day = _read({cells[0]}, first)
            if day:
                dated.append((day[0], when))
    dated.sort()
    gaps = sorted(abs(b - a) / 86400 for (_, a), (_, b) in zip(dated, dated[1:]))
    if not gaps or gaps[len(gaps) // 2] < WRITTEN_APART_DAYS:
        return False
    # Unless most of them were written in step with another of them (days, not seconds nor weeks, apart): a
    # run's files some of which were saved again later. One of five daily files touched months on put two
    # gaps of months between the rest, the typical gap a month: the run stayed a guess, a British office's
    # days loaded month first (10 January, 10 February, ...), silently.
    times = [when for _, when in dated]
    in_step = sum(any(_WRITTEN_AT_ONCE_DAYS <= abs(when - other) / 86400 < WRITTEN_APART_DAYS for other in times)
                  for when in times)
    return 2 * in_step <= len(times)


_WRITTEN_AT_ONCE_DAYS = 0.5  # files written closer than this were copied or saved at once: no day between them


# Weekdays a run of one-day files may skip between two of them: a holiday, or a day whose file is missing.
RUN_SKIPS = 1
# ... or the Friday and the Monday around a weekend, Thursday to Tuesday: Easter's four days (Good Friday and
# Easter Monday, holidays of London's, Frankfurt's and most European exchanges), or a bank holiday's Monday
# beside a day whose file is missing. A British office's 1, 2, 7 and 8 May 2024 (3 May missing, 6 May a bank
# holiday) had no run either way and kept the guess, 5 January, 5 February, 5 July, 5 August, silently. Not
# other pairs of weekdays: an American office's monthly files read day first are 4 and 5, 10 and 11 January
# (Friday to Wednesday), its quarterly ones every third day of January.
_LONG_WEEKEND = (3, 5)  # Thursday (weekday 3) to Tuesday, five days on


def _next_in_run(a: dt.date, b: dt.date) -> bool:
    """Whether day `b` follows day `a` in a run of trading days: within a week, RUN_SKIPS weekdays between,
    or the two days of a long weekend (_LONG_WEEKEND)."""
    return (b - a).days <= 7 and (weekdays_between(a.toordinal(), b.toordinal()) <= RUN_SKIPS
                                  or (a.weekday(), (b - a).days) == _LONG_WEEKEND)


def _a_run(cells: set[str], first: str) -> bool:
    """Whether the date cells (as_written), read `first`-part first, are one run of two days or more,
    each the next but for a weekend and RUN_SKIPS weekdays (_next_in_run), none on a weekend but where the other reading
    puts one there too (an office trading every day). One run: runs apart (days of two months or years)
    are what a monthly series' files make read the other way as often, an American office's first trading
    days of August to December 2007 ("8/1/2007", "9/3/2007", ...) read day first 8, 10 and 11 January and
    9 and 12 March."""
    days = _read(cells, first)
    if days is None or len(days) < 2:
        return False
    if any(day.weekday() >= 5 for day in days):
        other = _read(cells, "%m" if first == "%d" else "%d")
        if other is not None and all(day.weekday() < 5 for day in other):
            return False
    # Within a week of each other first: weekdays_between counts every day between two days years apart.
    return all(_next_in_run(a, b) for a, b in zip(days, days[1:]))


def _runs_apart_off_weekends(cells: set[str], first: str) -> bool:
    """Whether the date cells, read `first`-part first, are runs apart (most days the next or the last but
    one of another's: _a_run's step) none on a weekend, where the other reading puts a file on one. An
    office trading Monday to Friday writes no file of a weekend: of two readings, the one that does is not
    its own. A British office's files missing a few days ("01/03/2024", "04/03/2024", "05/03/2024",
    "01/04/2024", "02/04/2024": as guessed 3 January, 4 February (a Sunday), 3 April, 1 May, 4 January)
    were one run neither way and kept their guess (silent, but for the Sunday's rows). A monthly office's
    files make no runs apart read the other way ("8/1/2007", "9/3/2007" .. read 8, 10, 11 January and 9,
    12 March are, but month first its days are weekdays): that reading needs the other's weekend; nor do
    an office's trading every day (its days read the other way are the same day of months)."""
    days = _read(cells, first)
    # Saturday and Sunday whatever the deployment's week, as ever: runs apart are an office's Monday to Friday.
    if days is None or len(days) < 2 or not _off_weekends(cells, first, MON_FRI):
        return False
    near = [_next_in_run(a, b) for a, b in zip(days, days[1:])]
    # Most days beside another, not each: a British office's 1, 2, 5, 6 and 9 February 2024 (7 and 8 not kept;
    # as guessed 2 January, 2 February, 2 May, 2 June (a Sunday), 2 September) had kept its guess for the 9th
    # alone (silent, but for the Sunday's rows).
    return sum(left or right for left, right in zip([False, *near], [*near, False])) * 2 > len(days)


def _read(cells: set[str], first: str) -> list[dt.date] | None:
    """The days the cells name read `first`-part first, sorted; None where one names no day so."""
    try:
        return sorted(dt.datetime.strptime(cell, f"{first}/{'%m' if first == '%d' else '%d'}/%Y").date()
                      for cell in cells)
    except ValueError:
        return None

