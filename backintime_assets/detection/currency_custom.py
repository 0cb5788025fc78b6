"""Money written as only the customs of a decimal comma write it ("1.234 kr.", "kr 1.234", "1.234 zł",
"1.234 €", "€ 1.234"), or in rupiah ("Rp 1.234", "IDR 1.234"): what settles a file's "1.234" cells as
thousands grouped by a dot.

A file whose only marked numbers read "1.234" cannot tell a thousand grouped from a price to three
decimals by its digits (numbers.py weighs the delimiter and the dates). Its money can: a currency
written after the number, or a Nordic crown or a Turkish lira before it, or the euro before it with a
blank (the Dutch and Austrian custom; Ireland and Malta write "€1,234.56"), is the way of the locales that
write the comma as their decimal mark and group thousands with a dot or a blank. Indonesia's rupiah, by its
code too, is written whole or with cents, never to three decimals (currencies.RUPIAH).
Not another ISO code ("1.234 DKK", "SEK 1.234"): English exports write codes on either side of a decimal dot.
Not Switzerland's "Fr." (its franc takes a decimal dot), nor Israel's shekel after the number (Hebrew
writes "1,234.56 ₪"), nor the dollar, pound or yen, whichever side.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .currencies import RUPIAH

_BLANK = r"[\s\u00a0\u202f]"
_NUMBER = r"[+-]?\d[\d.,\s\u00a0\u202f]*"
# After a number: currencies.py's local units but the Swiss franc's (Russia's "р." only with its dot), and
# the signs written after it by the customs of a decimal comma: the euro, rouble, hryvnia, tenge, dong,
# Turkish lira, manat and lari.
_UNITS_AFTER = ("kr", "zł", "zl", "Kč", "Kc", "Kè", "Ft", "lei", "Lei", "TL", "руб", "лв", "грн", "din", "Din",
                "дин", "ден", "kn")
_AFTER = "|".join(map(re.escape, sorted(_UNITS_AFTER, key=len, reverse=True)))
_SIGNS_AFTER = "\u20ac\u20bd\u20b4\u20b8\u20ab\u20ba\u20bc\u20be"
_GROUPING_MONEY = re.compile(
    rf"{_NUMBER}{_BLANK}?(?:(?:{_AFTER})\.?|р\.|IDR|[{_SIGNS_AFTER}])"
    rf"|[+-]?(?:(?:kr|TL)\.?|{RUPIAH}){_BLANK}?{_NUMBER}|[+-]?\u20ac{_BLANK}+{_NUMBER}")
# Money a decimal dot's customs write: a dollar of any country, a pound, a yen, a shekel or a rupee sign
# anywhere, the rupee, ringgit, sol or franc before the number. Beside them, a crown is no file's custom.
_DOT_CUSTOM = re.compile(r"[$\xa3\xa5\u20aa\u20b9\uff04\uffe1\uffe5]|(?:Rs|RM|S/|Fr|SFr|CHF)\.?\s?\d")
_WORDED = re.compile(r"[^\d\s.,+\-]")  # a cell of digits, marks and blanks alone writes no money


def dots_group_by_currency(cells: Sequence[str], dotted: int) -> bool:
    """Whether the money written among `cells` settles their "1.234" as a grouped thousand: such money
    (_GROUPING_MONEY) in at least two cells and a quarter as many as the `dotted` cells (numbers shaped
    "1.234" the vote saw), and no dot custom's money anywhere."""
    marked = 0
    for cell in cells:
        if not cell or _WORDED.search(cell) is None:
            continue
        cell = cell.strip()
        if _DOT_CUSTOM.search(cell):
            return False
        if _GROUPING_MONEY.fullmatch(cell):
            marked += 1
    return marked >= 2 and 4 * marked >= dotted
