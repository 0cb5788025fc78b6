"""Two-digit years of the Buddhist era ("02/01/67": SET's and Thai banks' exports, BE 2567 = 2024), read so
where the file shows it is Thai; strptime's pivot had loaded them as 2067 (or 1969 for BE 2569) without a
word. Four-digit BE years read by their size alone (dates._years); two digits need the file's word.

Evidence, all looked at on header cells, the lines above the table and the file's name, never on rows:
Thai script (a Thai header, "พ.ศ."), a name of a Thai source (".th", SET, a Bangkok ".BK" listing), or
a four-digit BE year above the table ("ปี 2567", "as of 02/01/2567"). Without it, a two-digit year that
lands in the future is rejected on loading (normalisation/rules.check_two_digit_future)."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from collections.abc import Callable, Sequence

from .dates import infer_date_format
from .month_names import BE, BE_CENTURY, BE_OFFSET, TAG, THAI, THAI_BE, be_short_year, pivot_year, split
from .schema import ColumnSchema

_THAI = re.compile(r"[\u0E00-\u0E7F]")
# SET (and its SET50/SET100 indices), a Thai domain or a Bangkok listing's suffix, as a word of the name.
_THAI_SOURCE = re.compile(r"(?<![a-z0-9])(?:set(?:50|100|hd)?|th|bk)(?![a-z])", re.IGNORECASE)
_BE_YEAR_ABOVE = re.compile(r"(?<!\d)25[0-9]\d(?!\d)")


def thai_evidence(name: str, header_cells: Sequence[Sequence[str]], above: str) -> bool:
    """Whether the file's name, header cells or the text above its table say it is Thai."""
    stem = re.split(r"[\\/]", name)[-1]
    header = " ".join(c for cells in header_cells for c in cells)
    return bool(_THAI.search(header) or _THAI.search(above) or _THAI_SOURCE.search(stem)
                or _BE_YEAR_ABOVE.search(above))


def _nearer_today(years: set[int], this_year: int) -> bool:
    """Whether two-digit `years` read as the Buddhist era's lie nearer today than strptime's pivot
    reads them, and none in the future: "67" is 2024 (not 2067), "69" 2026 (not 1969); "24" stays
    2024 in a Thai file too (BE 2524 would be 1981), and "97" 1997 (BE 2597 would be 2054)."""
    be = max(BE_CENTURY - BE_OFFSET + y for y in years)
    pivot = max(map(pivot_year, years))
    return be <= this_year and (pivot > this_year or be > pivot)


def be_two_digit(columns: list[ColumnSchema], body: Sequence[Sequence[str]], name: str,
                 header_cells: Sequence[Sequence[str]], above: Callable[[], str]) -> list[ColumnSchema]:
    """`columns` with a numeric date column of two-digit years read as Buddhist-era ones ("%d/%m/%y|be")
    where the file shows it is Thai; the order of day and month decided again with the years so read
    (the weekdays and steps of 2024, not 2067's; Thai offices write the day first)."""
    j = next((j for j, c in enumerate(columns) if c.canonical == "date"), None)
    if j is None or columns[j].type not in ("date", "timestamp"):
        return columns
    fmt = columns[j].format or ""
    if fmt.endswith(TAG + THAI) and "%y" in fmt:
        return _thai_names_two_digit(columns, j, body)
    if TAG in fmt or "%y" not in fmt or "%b" in fmt or "%B" in fmt \
            or not thai_evidence(name, header_cells, above()):
        return columns
    base = split(fmt)[0]
    cells = [row[j].strip() for row in body if j < len(row) and row[j].strip()]
    years = {int(m[0]) for v in cells if (m := be_short_year(v, base))}
    if not years or not _nearer_today(years, date.today().year):
        return columns
    # Written with the BE century ("02/01/2567"), the values read as four-digit BE years do (dates.py).
    widened = [f"{v[:m.start()]}{BE_CENTURY + int(m[0])}{v[m.end():]}" if (m := be_short_year(v, base)) else v
               for v in cells]
    guess = infer_date_format(widened) if widened else None
    if guess is None or not guess.format.endswith(TAG + BE) or "%Y" not in guess.format:
        return columns
    out = list(columns)
    out[j] = replace(columns[j], format=guess.format.replace("%Y", "%y"), confidence=guess.confidence)
    return out


def _thai_names_two_digit(columns: list[ColumnSchema], j: int, body: Sequence[Sequence[str]]) -> list[ColumnSchema]:
    """`columns` with a column of Thai month names and two-digit years ("23 พ.ค. 68", "%d %b %y|th")
    read as Buddhist-era years ("|th+be": 68 is BE 2568, 2025) where those lie nearer today: the
    names are the file's word that it is Thai. Read by strptime's pivot, SET's rows of 2025 were
    dated 2068 and rejected as in the future; "23 พ.ค. 25" stays 2025 (BE 2525 would be 1982)."""
    base = split(columns[j].format)[0]
    years = {int(m[0]) for row in body if j < len(row) and (m := be_short_year(row[j].strip(), base))}
    if not years or not _nearer_today(years, date.today().year):
        return columns
    out = list(columns)
    out[j] = replace(columns[j], format=base + TAG + THAI_BE)
    return out
