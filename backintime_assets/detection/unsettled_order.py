"""A tiny table read only because its header is one name short (layout._width), whose dates' day
and month order nothing settles: refused rather than read by the separator's custom.

A one-day Euronext download ("Historical Data", its range, its ISIN; a header of nine names over a
row of ten) dated "02/01/2024" day first: its width found by the header's missing name, the lone date
was read month first (the custom for "/") and loaded as 1 February. Before its width was found, the
file had been refused: the width must not turn that refusal into a guess. Where its values settle
the order (a day above 12, a date in the file's name, a second date that steps), the table loads.

So is a table whose dates are read month first under a header in the script of a country that
writes them day first (Hebrew, Arabic, Cyrillic): the separator's custom is a guess against it.
Either refusal is of the file alone: siblings of its layout that prove the order settle it in a
survey (ingestion/sibling_order.py), as they do any guessed order.
"""
from __future__ import annotations

import re

from .agreed_order import reads_alike_either_way
from .canonical import norm_name
from .dates import GUESSED_ORDER_CERTAINTY
from .schema import ColumnSchema

UNSETTLED_ORDER = "day/month order unknown"

# Hebrew, Arabic and Cyrillic letters: the header of a file from Israel, the Arab markets, Russia or
# another country that writes its numeric dates day first ("01/07/2026": 1 July). Read by the
# separator's custom (month first for "/", the American order), such a lone date was a guess
# against the file's own language: TASE's "תאריך המסחר" over "01/07/2026" loaded as 7 January.
_DAY_FIRST_SCRIPT = re.compile("[\u0590-\u05ff\u0600-\u06ff\u0400-\u04ff]")
# So is a date column named in a language of Latin script whose countries write the day first: Spanish
# "Fecha", Portuguese, Italian and Polish "Data", German, Dutch and Scandinavian "Datum" or "Dato", Turkish
# "Tarih". A Mexican monthly rate under "Fecha", "01/02/2023" (1 February) to "01/12/2023", had loaded
# month first as twelve days of January, silently.
_DAY_FIRST_DATE_WORDS = frozenset({"fecha", "data", "datum", "dato", "tarih", "handelsdatum", "kursdatum",
                                   "fechadecotizacion"})
# The month first, after a weekday's name if one leads ("Wed 07/01/2026": "%a %m/%d/%Y|en").
_MONTH_FIRST = re.compile(r"(?:%[aA][^%\w]*)?%m")


def month_first_against_its_script(name: str, column: ColumnSchema) -> bool:
    """Whether the date column `column`, its header `name` written in a script of countries that
    write their dates day first or named in such a country's word for the date, is read month first:
    its order, if only guessed, is then refused (unsettled_order_problem) rather than loaded. A guess
    that reads it day first ("02.01.2024" by the dot's custom) agrees with the script and stands."""
    return (_DAY_FIRST_SCRIPT.search(name) is not None or norm_name(name) in _DAY_FIRST_DATE_WORDS) \
        and _MONTH_FIRST.match(column.format or "") is not None


def unsettled_order_problem(columns: list[ColumnSchema], body: list[list[str]], whole: bool) -> str | None:
    """The refusal of such a table whose date column's order is a guess (its confidence no more than
    a guess's: dates.GUESSED_ORDER_CERTAINTY, as settled.py judges it), else None. Not where every
    date's day is its month: "Fecha" over a lone "05/05/2023" had been refused, though it reads one
    day either way. `whole`: `body` is every row of the table; a sample's head and tail alike say
    nothing of the rows between ("09/05/2023" between "05/05/2023" and "07/07/2023" loaded as
    5 September)."""
    j = next((j for j, c in enumerate(columns) if c.canonical == "date"), None)
    if j is None or columns[j].type not in ("date", "timestamp") or columns[j].confidence > GUESSED_ORDER_CERTAINTY:
        return None
    cells = [row[j].strip() for row in body if j < len(row) and row[j].strip()]
    if whole and reads_alike_either_way(cells):
        return None  # "05/05/2023" is 5 May whichever part is the day: nothing to settle
    shown = next(iter(cells), "")
    return (f"{UNSETTLED_ORDER}: its dates ({shown}) read either way and nothing in the file settles which; "
            "put the date in the file's name (YYYY-MM-DD) or save the dates year first")
