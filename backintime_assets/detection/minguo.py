"""Taiwan's Minguo years of two digits: "83/09/05" is 1994-09-05 (year 1 is 1912). Three-digit ones
("113/01/02", TWSE's exports) read as Minguo years by their shape (dates.py); two digits first are read
so only where the file shows it is Minguo, since as a common era's "%y" the same cell is 1983's: a
column that crosses into three-digit years ("99/12/31" before "100/01/03"), or a header in Taiwan's
words (TWSE's "開盤價", "收盤價", "成交股數"). Without either, the column stays unread and the file
refused, as it was: a date a dozen years off is worse than a refusal."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

from .canonical import named_as
from .columns import ColumnType
from .month_names import ROC, ROC_YEAR_ONE, TAG
from .numbers import NULL_SPELLINGS

_YEAR_FIRST = re.compile(r"(\d{2,3})([/.-])(\d{1,2})\2(\d{1,2})")
# Words of TWSE's and TPEx's headers, in Taiwan's traditional characters (the mainland writes 价, 数, 笔):
# the open and close prices, shares traded (TPEx's in thousands, 仟股, and its turnover in 仟元), trades,
# the change. Not the high, low or turnover (最高價, 最低價, 成交金額): Hong Kong's headers write those in
# the same characters, and a Hong Kong "94/09/05" is 1994's, not Minguo 94's 2005.
_TAIWAN_WORDS = ("開盤價", "收盤價", "成交股數", "成交筆數", "漲跌價差", "成交仟股", "成交仟元")
_LAST_YEAR = 199  # Minguo 199 is 2110: a first number past it is no Minguo year
# Taiwan's exchange opened in Minguo 51 (1962): a two-digit year before 50 would date a price to before
# any was quoted there, so the file is not Minguo's after all: left unread.
_FIRST_YEAR = 50


def minguo_dates(names: Sequence[str], types: list[ColumnType], body: Sequence[Sequence[str]],
                 header_cells: Sequence[Sequence[str]]) -> list[ColumnType]:
    """`types` with a column named as the date, unread ("string"), whose every cell is a year-first date of
    two or three digits in one separator read as Minguo years ("%Y/%m/%d|roc") where the file shows it is
    Minguo (this module's doc); `types` itself elsewhere."""
    for j, name in enumerate(names):
        if j >= len(types) or types[j].type != "string":
            continue
        # The first cell's shape first: most unread columns are names or codes, read no further.
        first = next((c for row in body if j < len(row) and (c := row[j].strip()) and c not in NULL_SPELLINGS), "")
        if not _YEAR_FIRST.fullmatch(first) or not named_as("date", name):
            continue
        cells = [c for row in body if j < len(row) and (c := row[j].strip()) and c not in NULL_SPELLINGS]
        found = [_YEAR_FIRST.fullmatch(c) for c in cells]
        if not all(found) or len({m[2] for m in found}) != 1:
            continue
        years = [int(m[1]) for m in found]
        if max(years) > _LAST_YEAR or min(years) >= 100 or min(years) < _FIRST_YEAR or not _valid(found):
            continue
        crosses = max(years) >= 100
        taiwan = any(w in c for cells_j in header_cells for c in cells_j for w in _TAIWAN_WORDS)
        if crosses or taiwan:
            out = list(types)
            out[j] = ColumnType("date", f"%Y{found[0][2]}%m{found[0][2]}%d{TAG}{ROC}", 1.0)
            return out
    return types


def _valid(found: list[re.Match]) -> bool:
    """Whether every match is a calendar day as a Minguo date."""
    try:
        for m in found:
            date(int(m[1]) + ROC_YEAR_ONE - 1, int(m[3]), int(m[4]))
    except ValueError:
        return False
    return True
