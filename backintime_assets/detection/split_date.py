"""A date written in three columns of its own, year, month and day ("Ano,Mês,Dia,Ativo,Cotação",
"Year,Month,Day,Close"), the first three of the table: read as the date their cells make, the file
is the table it would be with one date column. Each line keeps its place and its number of cells:
the year's cell takes the whole date ("2018-01-02"), the month's and the day's are left empty. Unread,
such a file was refused as holding no date column.

Only by the header's words and the cells' ranges together: three small numbers lead many tables
(a count, a code, a score), and "Year,Month,Day" heads a calendar's or a bank statement's columns too,
whose rows then load as nothing more than what their own date and close columns say."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from .xlsx import Sheet

# A column's name for the year, the month or the day, in the languages the package reads.
_YEAR = frozenset({"year", "yr", "yyyy", "ano", "año", "anio", "jahr", "année", "annee", "anno", "jaar", "rok", "år",
                   "ar", "vuosi", "yıl", "yil", "год", "年", "년", "năm", "nam"})
_MONTH = frozenset({"month", "mon", "mm", "mes", "mês", "monat", "mois", "mese", "maand", "miesiąc", "miesiac",
                    "månad", "manad", "måned", "maaned", "kuukausi", "ay", "месяц", "月", "월", "tháng", "thang"})
_DAY = frozenset({"day", "dd", "dia", "día", "tag", "jour", "giorno", "dag", "dzień", "dzien", "päivä", "paiva",
                  "gün", "gun", "день", "日", "일", "ngày", "ngay"})
_ORDERS = {"ymd": (_YEAR, _MONTH, _DAY), "dmy": (_DAY, _MONTH, _YEAR)}
_RANGES = {"y": range(1900, 2101), "m": range(1, 13), "d": range(1, 32)}
_DIGITS = re.compile(r"\d{1,4}")


def split_date_order(names: Sequence[str], body: Sequence[Sequence[str]]) -> str | None:
    """"ymd" or "dmy" when the table's first three columns are named as the year, the month and the
    day, in that order or the other way round, and every row's three cells are numbers in their
    ranges; None otherwise."""
    if len(names) < 3 or not body:
        return None
    words = [n.strip().lower().rstrip(".") for n in names[:3]]
    order = next((o for o, sets in _ORDERS.items() if all(w in s for w, s in zip(words, sets))), None)
    if order is None:
        return None
    for row in body:
        if len(row) < 3:
            return None
        for part, cell in zip(order, row[:3]):
            cell = cell.strip()
            if not _DIGITS.fullmatch(cell) or int(cell) not in _RANGES[part]:
                return None
    return order


def dated_in_first(canonical: Sequence[str | None]) -> list[str | None]:
    """The columns' canonical mapping of a table whose date join_split_dates wrote in its first cell: the
    date there, whatever the three names mapped to. English "Day" names a date column: mapped so, the
    day's cell, left empty by the join, had been read as the date, and "Year,Month,Day,Close" rejected
    every row for a missing date."""
    return ["date" if j == 0 else (None if field == "date" else field) for j, field in enumerate(canonical)]


def _whole_date(parts: Sequence[str], order: str) -> str:
    """The date ("2018-01-02") three cells write in `order`."""
    y, m, d = parts if order == "ymd" else parts[::-1]
    return f"{int(y):04d}-{int(m):02d}-{int(d):02d}"


def join_split_dates(text: str | bytes, delimiter: str, order: str) -> str | bytes:
    """`text` (str, or bytes of an ASCII-compatible encoding) with each line that starts with the three
    cells of a date (a quote around each, or none; blanks around each, as "2018, 01, 02" writes them after
    the commas, and split_date_order reads) written with the whole date in the first ("2018-01-02") and the
    other two empty; every other line (a header, a note) as it is. Unjoined where blanks stood after the
    commas, every row had been rejected as an unparseable value (loud)."""
    d = re.escape(delimiter)
    blanks = "" if delimiter == " " else " *"  # a space delimiter's blanks are its cells' bounds
    cell = rf'{blanks}"?(\d{{1,4}})"?{blanks}'
    pattern = rf"(?m)^{cell}{d}{cell}{d}{cell}(?={d}|\r?$)"

    def joined(match: re.Match) -> str:
        return _whole_date(match.groups(), order) + delimiter * 2

    if isinstance(text, bytes):
        return re.sub(pattern.encode(), lambda match: joined(match).encode(), text)
    return re.sub(pattern, joined, text)


def join_split_rows(rows: Sequence[Sequence[str]], order: str) -> list[list[str]]:
    """A worksheet's `rows` as join_split_dates writes a text file's lines: each row whose first three
    cells are a date's numbers with the whole date in the first and the other two empty, every other
    row as it is. A workbook's cells are no text to rewrite: unjoined, "Year,Month,Day,Close" saved as
    .xlsx was refused as holding no date column, where its .csv loaded."""
    return [[_whole_date(row[:3], order), "", "", *row[3:]]
            if len(row) >= 3 and all(_DIGITS.fullmatch(c.strip()) for c in row[:3]) else list(row) for row in rows]


def joined_sheet(sheet: Sheet, order: str) -> Sheet:
    """`sheet` with its rows, and the last ones read apart, joined (join_split_rows)."""
    tail = join_split_rows(sheet.tail, order) if sheet.tail is not None else None
    return replace(sheet, rows=join_split_rows(sheet.rows, order), tail=tail)
