"""Dates typed day first into a spreadsheet that reads them month first (or the other way), told by the
column they leave, and read back: their date cells then load with day and month swapped.

Typed "05/03/2023" (5 March) into Excel set to a US locale, a cell becomes the date 3 May; "19/10/2023"
is no date there and stays text. The column then holds date cells (read as ISO dates: xlsx.cell_text;
pandas writes them "2023-05-03 00:00:00"), every one on a day and in a month up to 12, beside text
dates typed day first, every one on a day after the 12th. Read as stored, the text loaded right and
each date cell on a date of its own making: about half the rows, some on weekends (rejected), the rest
loaded on the wrong day without a word.

The evidence is the whole column's, on detection's sample, all of it needed:
- at least MIN_EACH ISO dates and MIN_EACH typed ones, the typed ones in the column's format, whose
  order of day and month their values prove (dates._num_order: a day above 12);
- every ISO date on a day up to 12 (so that it reads swapped), every typed date on a day after the 12th
  (the ones the spreadsheet could not read);
- read swapped, the dates in row order run one way (a few steps back, as a long table's tickers each
  start again, are let by), and fewer of their steps go back than read as stored: a daily run from
  December on, stored, runs in order too but where each month of date cells gives way to its text;
- read swapped, the dates lie closer together (the days between neighbours in row order, summed):
  a month's date cells, swapped, are one a day; as stored they step a month each. A file joined
  from a d/m export of 15-31 January and an ISO one of 2-12 January (or a long table, one ticker's
  rows typed, the next one's ISO) has one step back as stored, none swapped, yet swapped its ISO
  dates step a month each (1 February ... 1 December): as stored they lie a day apart.
A column of date cells alone (no typed dates) is read as stored, whatever its days: nothing shows
that its cells were typed in the other order. A CSV saved by such a spreadsheet writes its date cells
in its own order ("5/3/2023", month first) beside the typed text ("19/10/2023"): one layout, read day
first by the text's days, which reads both right; this module is not needed there.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from datetime import date

from .dates import _iso_key, shape
from .month_names import TAG, pivot_year
from .schema import ColumnSchema

MIN_EACH = 3  # ISO dates and typed dates each: fewer prove nothing
# Of the steps between a swapped reading's distinct dates in row order, the share that may go back
# (each ticker of a long table sorted by ticker starts its dates again) for it to count as ordered.
_BACK_STEPS = 0.05
_DAY_MONTH = re.compile(r"^%([dm])([/.-])%([dm])\2%([Yy])$")  # a numeric date, year last, nothing else


def read_swapped(columns: list[ColumnSchema], body: Sequence[Sequence[str]]) -> list[ColumnSchema]:
    """`columns` with the date column's `swapped_cells` noted where its ISO dates are date cells made
    of dates typed in the other order (the module's doc): the loader reads them day and month swapped
    (normalisation/parse.parse_dates)."""
    j = next((j for j, c in enumerate(columns) if c.canonical == "date"), None)
    if j is None or columns[j].type != "date":
        return columns
    fmt = columns[j].format or ""
    found = _DAY_MONTH.match(fmt) if TAG not in fmt else None
    if found is None:
        return columns
    note = swapped_note([row[j].strip() for row in body if j < len(row)], found[1] == "d", found[2], found[4])
    if note is None:
        return columns
    out = list(columns)
    out[j] = replace(columns[j], swapped_cells=note)
    return out


def swapped_note(cells: Sequence[str], day_first: bool, sep: str, year: str) -> str | None:
    """Why the ISO dates among `cells` (a date column's, in row order) read day and month swapped, the
    others typed in numeric dates, day first or not, with `sep` and a year of four digits ("Y") or two;
    None where the evidence (the module's doc) is not all there."""
    distinct = set(cells)
    # Most columns hold no ISO date at all (a daily file's one day, typed): a look at each distinct
    # value's fifth character says so, where shaping every cell of the sample cost ~0.4 ms a file.
    if not any(v[4:5] == "-" and v[:4].isdigit() for v in distinct):
        return None
    iso: list[tuple[int, int, int, str]] = []  # (year, month, day) as stored, and the value
    typed: list[tuple[int, int, int, str]] = []
    order: list[tuple[bool, int]] = []  # (ISO?, index) in row order
    wanted = "y4" if year == "Y" else "y2"
    for v in cells:
        found = shape(v) if v else None
        if found is None:
            continue
        key, g = found
        if _iso_key(key):
            ymd = (int(g["a"]), int(g["b"]), int(g["c"]))
            if ymd[2] > 12:
                return None  # a date cell the other order could not have made
            order.append((True, len(iso)))
            iso.append((*ymd, v))
        elif key[0] == "num" and key[1].strip() == sep and key[2] == wanted and key[4] is None:
            a, b, c = int(g["a"]), int(g["b"]), int(g["c"])
            day, month = (a, b) if day_first else (b, a)
            if day <= 12:
                return None  # typed, yet the spreadsheet would have read it as a date
            typed.append((pivot_year(c) if wanted == "y2" else c, month, day, v))
            order.append((False, len(typed) - 1))
    if len(iso) < MIN_EACH or len(typed) < MIN_EACH:
        return None
    try:
        stored = [date(*(iso[k] if is_iso else typed[k])[:3]).toordinal() for is_iso, k in order]
        swapped = [date(*((iso[k][0], iso[k][2], iso[k][1]) if is_iso else typed[k][:3])).toordinal()
                   for is_iso, k in order]
    except ValueError:
        return None  # a typed "31/02/2023": no date, no proof
    back, steps = _back_steps(swapped)
    if not steps or back > _BACK_STEPS * steps or back >= _back_steps(stored)[0] \
            or _spread(swapped) >= _spread(stored):
        return None
    y, m, d, text = iso[0]
    typed_as = "day first" if day_first else "month first"
    other = "month first" if day_first else "day first"
    return (f"{len(iso)} ISO dates (date cells) read with day and month swapped ({text[:10]} as "
            f"{date(y, d, m).isoformat()}): each is on a day up to the 12th, the {len(typed)} dates beside them typed "
            f"{typed_as} ({typed[0][3]}) each on a day after it, and only so read do the dates run in order. Typed "
            f"{typed_as} into a spreadsheet reading {other}, dates became date cells where it could read them, "
            f"day and month swapped, and stayed text where it could not")


def own_swap(cells: Sequence[str], column: ColumnSchema) -> str | None:
    """`swapped_cells` of `column` (the date column of a schema detected on another sheet or file) as
    a sheet or file read with it has it by its own date column's `cells`: a sheet of true date cells
    beside one of dates typed in the other order, or the other way. Read with the schema's, the true
    date cells of 2 to 12 January loaded on 1 February ... 1 December without a word."""
    fmt = column.format or ""
    found = _DAY_MONTH.match(fmt) if TAG not in fmt else None
    if found is None:
        return column.swapped_cells
    if column.swapped_cells is None:
        return swapped_note(cells, found[1] == "d", found[2], found[4])
    return None if _not_swapped(cells) else column.swapped_cells


def _not_swapped(cells: Sequence[str]) -> bool:
    """Whether ISO dates among `cells` deny that they were made by a swap: one on a day after the 12th,
    or, as stored, closer together than read swapped (true date cells of a month's first days)."""
    stored: list[int] = []
    swapped: list[int] = []
    for v in cells:
        found = shape(v) if v else None
        if found is None or not _iso_key(found[0]):
            continue
        y, m, d = int(found[1]["a"]), int(found[1]["b"]), int(found[1]["c"])
        if d > 12:
            return True
        try:
            stored.append(date(y, m, d).toordinal())
            swapped.append(date(y, d, m).toordinal())
        except ValueError:
            continue
    return _spread(stored) < _spread(swapped)


def _back_steps(days: list[int]) -> tuple[int, int]:
    """(how many go against the most, how many there are) of the steps between day numbers in row
    order, repeats run together."""
    run = [d for i, d in enumerate(days) if i == 0 or d != days[i - 1]]
    up = sum(b > a for a, b in zip(run, run[1:]))
    steps = len(run) - 1
    return min(up, steps - up), steps


def _spread(days: list[int]) -> int:
    """The days between neighbouring day numbers in row order, summed: a daily run's is its span (and
    a ticker's restart), a run whose dates step a month each is about 30 times longer."""
    return sum(abs(b - a) for a, b in zip(days, days[1:]))
