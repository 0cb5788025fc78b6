"""A day/month order a source's one-day files show only together, where no sibling proves it alone.

An office that writes a file a day ("01/10/2012" in export (1).csv, "02/10/2012" in export (2).csv,
...) repeats one date in every row of each: detection can only guess its order (month first for '/':
dates.GUESSED_ORDER_CERTAINTY), and a run of days up to the 12th holds no sibling whose day above 12
proves it (sibling_order.py). Read month first, a British office's first week loaded as 10 January,
10 February, 10 March (a Saturday: rejected), 10 April and 10 May, silently. Side by side, though,
the files' dates are what one file's rows would be: the part that stays (10) is the month, the part
that moves the day. Had the office kept those days in one file, detection would have read its order
from them (dates._num_order); kept a file a day, they are read together by the same rule.

Only files whose order is a guess no sibling settles, of one layout and folder (sibling_order's
siblings), each of one date, in the order of their names: a file of several dates was read by its own
rows already, and sorted here by its guess it would lend the guess an order of time it may not have.
A reading no better than a guess settles nothing.
"""
from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict

from backintime_assets.detection import FileSchema
from backintime_assets.detection.date_system import DAY_MONTH
from backintime_assets.detection.dates import GUESSED_ORDER_CERTAINTY, infer_date_format
from backintime_assets.detection.office_names import folder_pattern
from backintime_assets.ingestion.shared_layouts import after_header, first_date_cells
from backintime_assets.ingestion.sibling_order import date_order, refused_for_order, with_order


def settle_together(guessing: dict[str, tuple[dict, list[str]]]) -> dict[str, dict]:
    """key -> the schema, order settled, of each of the `guessing` files (key -> its schema and its date
    cells, `as_written`; [] where unknown) whose one-day siblings' dates, read together, decide the order
    against its guess (or settle a file refused for its guess)."""
    sources: dict[tuple, list[tuple[str, dict, str, list[str]]]] = defaultdict(list)
    for key, (schema, cells) in guessing.items():
        order = date_order(schema)
        if order is not None and order[2] <= GUESSED_ORDER_CERTAINTY:
            sources[(order[0], folder_pattern(schema.get("file") or ""))].append((key, schema, order[1], cells))
    settled = {}
    for files in sources.values():
        proven, days = _read_together(files)
        if proven is None:
            continue
        for key, schema, first, _ in files:
            if proven != first or refused_for_order(schema):
                settled[key] = with_order(schema, proven, days,
                                          f"the dates of {days} one-day files of its layout read together")
    return settled


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


def _read_together(files: list[tuple[str, dict, str, list[str]]]) -> tuple[str | None, int]:
    """(the part a source's dates read first, "%d" or "%m", or None where reading them together is no
    better than a guess; how many one-day files were read)."""
    one_day = sorted(((schema.get("file") or key, cells[0]) for key, schema, _, cells in files
                      if cells and len(set(cells)) == 1), key=lambda f: _natural(f[0]))
    if len(one_day) < 2:
        return None, len(one_day)
    guess = infer_date_format([cell for _, cell in one_day])
    found = DAY_MONTH.match(guess.format) if guess is not None else None
    if found is None or guess.confidence <= GUESSED_ORDER_CERTAINTY:
        return None, len(one_day)
    return found.group(1), len(one_day)


def _natural(name: str) -> list:
    """A name's sort key with its numbers as numbers: export (2).csv before export (10).csv."""
    return [(0, int(part), "") if part.isdigit() else (1, 0, part) for part in re.split(r"(\d+)", name)]
