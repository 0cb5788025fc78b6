"""A volume column whose commas group thousands in a file whose decimal mark is the comma: English
figures pasted into a German sheet ("1,234,567" beside "10,50"). Read with the file's comma as a
decimal, "1,234" loaded as 1.234 shares and "1,234,567" was rejected as unparseable, one column
read two ways. Decided on the column's sampled cells, never cell by cell, and only on evidence no
decimal reading allows; where both readings fit ("1,234", "5,678" on every row: a count in
thousands to three places reads so too) the file's decimal stands."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from statistics import median

from .canonical import named_as
from .columns import NO_VALUE, ColumnType
from .flat_header import split_cell

# A volume column's format when its commas group thousands (normalisation/normalise.py reads it so).
COMMA_GROUPED = "comma_grouped"
# ... when its dots do, in a file whose decimal is the comma and whose prices group by a space or an
# apostrophe ("3.443.306" beside "248 048,11").
DOT_GROUPED = "dot_grouped"
_DOT_GROUPED = re.compile(r"[1-9]\d{0,2}(?:\.\d{3})+")
_DOT_TWICE = re.compile(r"[1-9]\d{0,2}(?:\.\d{3}){2,}")
# A group's first digit is no zero: "0,125" is a fraction only (a coin's or a lot's volume).
_GROUPED = re.compile(r"[1-9]\d{0,2}(?:,\d{3})+")
_TWICE = re.compile(r"[1-9]\d{0,2}(?:,\d{3}){2,}")  # "1,234,567": two commas are no decimal mark
_PLAIN = re.compile(r"\d{1,3}")
# Grouped cells, each three places after its comma, beside plain ones ("987"): a decimal writer that
# leaves "987" bare drops a fraction's trailing zeros ("1,23"), so one in ten of its fractions would
# show fewer places; this many show none. Or one of them ends in a zero ("1,230"), which it drops.
_MANY = 30
# ... and only where, read whole, the bare numbers sit nearer the grouped ones than read as fractions:
# a day's volume is of the next day's size. "2" beside "1,250" and "12,375" (a coin's 2, 1.25 and 12.375)
# read whole span 2 to 12,375, and had loaded 1.25 coins as 1,250; "987" beside "1,234" and "2,345" read
# whole sit together. Nearer means the bare numbers' median above the grouped ones' (whole) over 10^1.5,
# the geometric middle of the two readings, three powers of ten apart.
_NEARER = 10 ** 1.5


def comma_grouped(cells: Sequence[str], grouped_by: re.Pattern = _GROUPED, twice: re.Pattern = _TWICE,
                  mark: str = ",") -> bool:
    """Whether a column's cells are whole numbers grouped by commas ("1,234,567", "987"), on evidence no
    decimal comma allows (_TWICE; plain cells beside grouped ones, _MANY or a trailing zero, _NEARER).
    Asked of a file's other mark than its decimal too (`grouped_by`, `twice`, `mark`), and on the same
    evidence: a coin's "21.375" and "7.875" in a file of decimal commas are volumes written with a decimal
    dot as likely as thousands, and had loaded 1000 times their size."""
    values = [c for c in map(str.strip, cells) if c and c not in NO_VALUE]
    grouped = [v for v in values if grouped_by.fullmatch(v)]
    if not grouped or any(not _PLAIN.fullmatch(v) for v in values if not grouped_by.fullmatch(v)):
        return False
    if any(twice.fullmatch(v) for v in grouped):
        return True
    plain = [int(v) for v in values if not grouped_by.fullmatch(v)]
    if not plain or not (len(grouped) >= _MANY or any(v.endswith("0") for v in grouped)):
        return False
    return median(plain) * _NEARER > median(int(v.replace(mark, "")) for v in grouped)


def _dot_grouped(cells: Sequence[str]) -> bool:
    return comma_grouped(cells, _DOT_GROUPED, _DOT_TWICE, ".")


def comma_grouped_volumes(names: Sequence[str], types: list[ColumnType], body: Sequence[Sequence[str]],
                          decimal: str, thousands: str | None = None) -> list[ColumnType]:
    """`types` with each column named as the volume whose commas group thousands typed as whole numbers so
    grouped: in a file whose decimal mark is the comma (comma_grouped), or whose decimal is the dot and whose
    numbers group by another mark than the comma (a Swiss "1'234.50" beside a volume's "1,822,696": read
    with the apostrophe, the volumes were typed as text, and every row loaded without its volume, no reason
    given); or whose dots group it in a decimal-comma file grouping its prices by another mark
    ("3.443.306" beside "248 048,11": DOT_GROUPED). `types` itself elsewhere."""
    readings: list[tuple[Callable[[Sequence[str]], bool], str]] = []
    if decimal == "." and thousands not in (None, ","):
        readings.append((comma_grouped, COMMA_GROUPED))
    if decimal == "," and thousands not in (None, "."):
        readings.append((_dot_grouped, DOT_GROUPED))
    if decimal == ",":
        readings.append((comma_grouped, COMMA_GROUPED))
    if not readings:
        return types
    out = types
    for j, name in enumerate(names):
        if j >= len(types) or types[j].type not in ("float", "string"):
            continue
        # The first cell's shape first: a price's "10,50" reads no further, nor its name is looked at.
        first = next((c for row in body if j < len(row) and (c := row[j].strip()) and c not in NO_VALUE), "")
        if not _GROUPED.fullmatch(first) and not _DOT_GROUPED.fullmatch(first) and not _PLAIN.fullmatch(first):
            continue
        # Or one ticker's volume among several's, its ticker in the name ("AAPL.Volume", "Volume_AAPL"):
        # unnamed, its grouped cells read as text and every row of the ticker loaded without its volume.
        if not named_as("volume", name) and not ((split := split_cell(name)) and named_as("volume", split[1])):
            continue
        cells = [row[j] for row in body if j < len(row)]
        fmt = next((f for grouped_whole, f in readings if grouped_whole(cells)), None)
        if fmt is not None:
            out = list(out) if out is types else out
            out[j] = ColumnType("integer", fmt, 1.0)
    return out
