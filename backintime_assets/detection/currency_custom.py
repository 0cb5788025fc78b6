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
from collections.abc import Callable, Sequence

from .currencies import DONG_LETTER, RUPIAH

_BLANK = r"[\s\u00a0\u202f]"
_NUMBER = r"[+-]?\d[\d.,\s\u00a0\u202f]*"
# After a number: currencies.py's local units but the Swiss franc's, and the signs written after it by
# the customs of a decimal comma. Of those, the customs that group thousands with a dot (Denmark's crown,
# Turkey's lira, Romania's leu, the dinar, denar and kuna; the euro of Germany, Italy, Spain or the
# Netherlands; Vietnam's dong, Azerbaijan's manat) settle a "1.234" as a thousand. Those that group with a
# blank (Poland's złoty, the Czech crown, the forint, the rouble, lev, hryvnia, tenge and lari: "1 234,56
# zł") write no "1.234" of their own: there it is as likely a price to three decimals in an English
# tool's export, and read as a thousand it would load 1000x high. They still say the comma is the
# decimal mark where no number shows one ("71 zł").
_DOT_GROUPING_UNITS = ("kr", "lei", "Lei", "TL", "din", "Din", "дин", "ден", "kn")
# Russia's "р." only with its dot (an "р" alone is a letter).
_BLANK_GROUPING_UNITS = ("zł", "zl", "Kč", "Kc", "Kè", "Ft", "руб", "лв", "грн", "р.")
_DOT_GROUPING_SIGNS = "\u20ac\u20ab\u20ba\u20bc"  # euro, dong, Turkish lira, manat
_BLANK_GROUPING_SIGNS = "\u20bd\u20b4\u20b8\u20be"  # rouble, hryvnia, tenge, lari


def _money_after(units: Sequence[str], signs: str, codes: str = "|IDR") -> str:
    words = "|".join(map(re.escape, sorted(units, key=len, reverse=True)))
    return rf"{_NUMBER}{_BLANK}?(?:(?:{words})\.?{codes}|[{signs}])"


_BEFORE = rf"|[+-]?(?:(?:kr|TL)\.?|{RUPIAH}){_BLANK}?{_NUMBER}|[+-]?\u20ac{_BLANK}+{_NUMBER}"
# The dong's letter groups as its sign does; written whole, it is kept from _THOUSANDTHS_MONEY as the sign is.
# Its code after the number too, as the rupiah's: no dong is written to three decimals, and "12.500 VND" in a
# file of dots for decimals had loaded as 12.5, a thousandth of the price, without a word.
_GROUPING_MONEY = re.compile(_money_after((*_DOT_GROUPING_UNITS, DONG_LETTER), _DOT_GROUPING_SIGNS, codes="|IDR|VND")
                             + _BEFORE)
_COMMA_MONEY = re.compile(_money_after(_DOT_GROUPING_UNITS + _BLANK_GROUPING_UNITS,
                                       _DOT_GROUPING_SIGNS + _BLANK_GROUPING_SIGNS) + _BEFORE)
# _COMMA_MONEY but the rupiah's and the dong's: currencies written whole (no minor unit in use), whose "12,500"
# is never three decimals but a thousand grouped, as English writes "Rp 12,500".
_THOUSANDTHS_MONEY = re.compile(
    _money_after(_DOT_GROUPING_UNITS + _BLANK_GROUPING_UNITS,
                 _DOT_GROUPING_SIGNS.replace("\u20ab", "") + _BLANK_GROUPING_SIGNS, codes="")
    + rf"|[+-]?(?:kr|TL)\.?{_BLANK}?{_NUMBER}|[+-]?\u20ac{_BLANK}+{_NUMBER}")
# Money a decimal dot's customs write: a dollar of any country, a pound, a yen, a shekel or a rupee sign
# anywhere, the rupee, ringgit, sol or franc before the number. Beside them, a crown is no file's custom.
_DOT_CUSTOM = re.compile(r"[$\xa3\xa5\u20aa\u20b9\uff04\uffe1\uffe5]|(?:Rs|RM|S/|Fr|SFr|CHF)\.?\s?\d")
_WORDED = re.compile(r"[^\d\s.,+\-]")  # a cell of digits, marks and blanks alone writes no money


# Money in a currency written whole, no minor unit in use: the rupiah before or after the number, the dong after.
_WHOLE_MONEY = re.compile(rf"[+-]?{RUPIAH}{_BLANK}?{_NUMBER}|{_NUMBER}{_BLANK}?(?:IDR|VND|\u20ab|{DONG_LETTER})")


def commas_group_by_currency(cells: Sequence[str], commas: int) -> bool:
    """Whether the money written among `cells` settles their "12,500" as a grouped thousand: money in a
    currency written whole (_WHOLE_MONEY: "Rp 12,500", "IDR 12,500", "12,500 ₫") in at least two cells and a
    quarter as many as the `commas` cells, and no dot custom's money anywhere. A price in rupiah is never
    to three decimals, whatever the delimiter and the file's other numbers say."""
    return _written_in(cells, _WHOLE_MONEY.fullmatch, dotted=commas)


def dots_group_by_currency(cells: Sequence[str], dotted: int) -> bool:
    """Whether the money written among `cells` settles their "1.234" as a grouped thousand: money as only
    the customs that group with a dot write it (_GROUPING_MONEY) in at least two cells and a quarter as
    many as the `dotted` cells (numbers shaped "1.234" the vote saw), and no dot custom's money anywhere."""
    return _written_in(cells, _GROUPING_MONEY.fullmatch, dotted=dotted)


def comma_by_currency(cells: Sequence[str]) -> bool:
    """Whether money among `cells` that shows no decimal mark ("71 zł", "kr 71") is written as only the
    customs of a decimal comma write it (_COMMA_MONEY), in at least two cells, and no dot custom's money."""
    return _written_in(cells, _COMMA_MONEY.fullmatch)


def comma_parts_thousandths(cells: Sequence[str]) -> bool:
    """Whether money among `cells` is written as only the customs of a decimal comma write it, as
    comma_by_currency asks, by a currency that may be written to three decimals ("69,835€"): a lone comma
    before three digits is then the decimal. Not the rupiah nor the dong, written whole: an English export's
    "Rp 12,500" groups a thousand."""
    return _written_in(cells, _THOUSANDTHS_MONEY.fullmatch)


# Whole money a decimal dot's customs write (_DOT_CUSTOM), the dollar only against its number ("$71", "US$71"):
# Latin America's pesos, grouped with a dot, are written "$ 71" with a blank.
_WHOLE_DOT_MONEY = re.compile(r"[\xa3\xa5\u20aa\u20b9\uff04\uffe1\uffe5]|(?<![\s\u00a0])\$\d|\d\$|"
                              r"(?:Rs|RM|S/|Fr|SFr|CHF)\.?\s?\d")


def dot_by_currency(cells: Sequence[str]) -> bool:
    """Whether money among `cells` that shows no decimal mark ("$71", "¥2100", "CHF 71") is written as the
    customs of a decimal dot write it (_WHOLE_DOT_MONEY), in at least two cells, and none as only a decimal
    comma's customs write it (_COMMA_MONEY)."""
    return _written_in(cells, _WHOLE_DOT_MONEY.search, vetoed=_COMMA_MONEY.fullmatch)


def _written_in(cells: Sequence[str], counted: Callable[[str], object],
                vetoed: Callable[[str], object] = _DOT_CUSTOM.search, dotted: int = 0) -> bool:
    """Whether at least two money cells (of digits written with a word or sign) are `counted`, a quarter as
    many as the `dotted` cells at least, and none is `vetoed` (the other custom's money)."""
    marked = 0
    for cell in cells:
        if not cell or _WORDED.search(cell) is None:
            continue
        cell = cell.strip()
        if vetoed(cell):
            return False
        if counted(cell):
            marked += 1
    return marked >= 2 and 4 * marked >= dotted
