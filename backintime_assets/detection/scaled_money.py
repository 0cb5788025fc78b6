"""Cells of money scaled by a letter ("$1.2M", "1,2 Mkr", "1.2M USD", "₹1.2 Cr"): a turnover, no volume.

Investing.com, Avanza and India's exchanges write the money a day traded under "Vol." or "Volume" as
an amount in millions or crores with its currency. No count of shares carries a currency: such a
column is a turnover, as one of "$1,234" is (typed as currency, it is never mapped as the volume).
Mapped as the volume, every row of the file was rejected as unparseable (normalisation reads no
currency in a volume); read without the mark, millions of crowns loaded as a million shares traded.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .columns import CJK_SCALES, INDIAN_SCALES, NO_VALUE
from .currencies import CURRENCY_CODE_RE, LOCAL_UNIT_AFTER, LOCAL_UNIT_BEFORE
from .numbers import CURRENCY_SIGN

_NUMBER = r"[+-]?\d[\d.,'\s]*"
# Thousands, millions, billions and their Nordic, German, Indian and East Asian spellings ("tkr":
# tusen kronor; "1,2 Mio. €", "3 Mrd. EUR").
_SCALE = rf"(?:[KkMmBbTt](?:n|ln|ld)?|bn|(?i:mio|mrd|mill|tsd)|{INDIAN_SCALES}|{CJK_SCALES})\.?"
_BEFORE = rf"(?:{CURRENCY_SIGN}|{CURRENCY_CODE_RE}|{LOCAL_UNIT_BEFORE})"
# 元 and 円 after a scale: yuan and yen ("1.2万元"), as "¥1.2万" writes them before.
_AFTER = rf"(?:{CURRENCY_SIGN}|{CURRENCY_CODE_RE}|{LOCAL_UNIT_AFTER}|[元円])"
_SCALED_MONEY = re.compile(rf"[+-]?\s?{_BEFORE}\s?{_NUMBER}\s?{_SCALE}|{_NUMBER}\s?{_SCALE}\s?{_AFTER}")
_SAMPLE = 30  # cells looked at: a column's first few tell


def scaled_money(cells: Sequence[str]) -> bool:
    """Whether most filled cells of a column are amounts of money scaled by a letter."""
    filled = [c.strip() for c in cells[:_SAMPLE] if c.strip() and c.strip() not in NO_VALUE]
    return bool(filled) and 2 * sum(1 for c in filled if _SCALED_MONEY.fullmatch(c)) > len(filled)
