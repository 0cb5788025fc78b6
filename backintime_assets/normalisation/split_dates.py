"""Why a date column of "Jul 09" cells read no dates: its dates were written "Jul 09, 2026" in a
comma-separated file without quotes, and the comma cut each of them in two."""

from __future__ import annotations

import re

# A month's name (or its abbreviation) and a day, no year; then a cell holding only a year.
_MONTH_DAY = re.compile(r"[A-Za-z]{3,9}\.? \d{1,2}")
_YEAR = re.compile(r"\d{4}")


def split_date_reason(name: str, cells: list[str], next_cells: list[str]) -> str | None:
    """The refusal's reason when the column `name`, named as the date, holds month-and-day cells
    and the column after it holds years, row by row (CoinMarketCap's historical table copied into
    a CSV: "Date,Open,..." over "Jul 09, 2026,100.11,..."). Each row then has one field more than
    its header, every column after the date is shifted by one, and "check its date format" sends
    the reader the wrong way. None when the cells say nothing of the kind."""
    if not cells or len(cells) != len(next_cells):
        return None
    if not all(_MONTH_DAY.fullmatch(c) for c in cells) or not all(_YEAR.fullmatch(c) for c in next_cells):
        return None
    return (f" ({name!r} holds {cells[0]!r} and the field after it {next_cells[0]!r}: dates written like"
            f" '{cells[0]}, {next_cells[0]}' without quotes are cut in two by the comma, and every row has a"
            " field more than its header; quote the dates, or write them without the comma)")
