"""An instrument named in the header cell over the dates: "Fund XYZ,NAV" over "2024-01-02,10.52", a fund's
or a company's export that heads its date column with the name of what it prices. Nothing else names the
rows, so they load under the file's name: where the file's name shares no word with the one over the dates
("ABC.csv"), that is another instrument's as likely as this one's, loaded silently. Such a file is refused
with the reason (a judgement: refusals.py; a user's ticker names the rows). Where the names agree
("XYZ.csv", "Fund XYZ.csv") the rows load under the file's name, as before."""

from __future__ import annotations

import re

from .canonical import header_says, name_hints
from .filename import base_name
from .name_words import fold

NAMED_OVER_DATES = "an instrument is named over the dates"

# Words only a fund's, a trust's or a company's name holds, in the languages of the exports.
_INSTRUMENT_WORDS = frozenset('''FUND FUNDS FONDS FONDO FUNDO FUNDUSZ ETF ETFS ETC ETN TRUST PORTFOLIO SICAV UCITS
                                 OEIC INC CORP CORPORATION PLC LTD LIMITED HOLDINGS AG SPA GMBH'''.split())
_WORD = re.compile(r"[^\W_]+")


def _words(text: str) -> set[str]:
    return {fold(w) for w in _WORD.findall(text)}


def named_over_dates_problem(date_cells: list[str], name: str) -> str | None:
    """The refusal of a file whose date column is headed (`date_cells`, its header cells) by an instrument's
    name (a word of _INSTRUMENT_WORDS and a word of its own, no field's name) that the file's `name` shares no
    word of its own with; None otherwise."""
    if len(date_cells) != 1:
        return None
    cell = date_cells[0].strip()
    if header_says(cell) is not None or "date" in name_hints(cell):
        return None
    words = _words(cell)
    own = {w for w in words - _INSTRUMENT_WORDS if any(c.isalpha() for c in w)}
    if not words & _INSTRUMENT_WORDS or not own:
        return None
    stem = base_name(name).rsplit(".", 1)[0]
    if own & _words(stem):
        return None
    return (f"{NAMED_OVER_DATES}: the date column is headed \"{cell}\", and the file's name \"{base_name(name)}\" "
            "shares no word with it: loaded under the file's name, the prices could be another instrument's. "
            "Rename the file to the instrument's ticker, add a ticker column, or give the file its ticker")
