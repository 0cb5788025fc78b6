"""Prices written with their currency's sign or code ("$12.50") in more than one currency down a file
("$12.50" beside "€11.20"): the signs go on parsing, and both had loaded as one close, a ticker's
days in two currencies. The rows in a currency other than the file's most written one are rejected."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from backintime_assets.detection.currencies import CURRENCY_CODE
from backintime_assets.detection.numbers import CURRENCY_SIGN

# The mark before or after the number ("$12", "US$ 12", "-€12", "12 €", "CHF 12", "12 EUR"), as parse.py strips it.
_MARK = rf"(?:[A-Z]{{0,3}}\$|{CURRENCY_SIGN}|{CURRENCY_CODE})"
_MARKED = rf"^[+-]?\s?(?P<before>{_MARK})?[^A-Z$]*?(?P<after>{_MARK})?\s*$"
OTHER_CURRENCY = "price in another currency"
# A sign and the code of the one currency it stands for, counted as one mark ("€12" beside "12 EUR").
_SAME = {"€": "EUR", "£": "GBP", "US$": "USD", "₹": "INR", "₺": "TRY", "₽": "RUB", "₩": "KRW"}


def other_currency_rows(columns: Sequence[pa.Array]) -> tuple[np.ndarray, str] | None:
    """(mask of rows, reason) of the rows whose price cells (`columns`: the marked ones, open to close)
    carry a currency mark other than the most common one over all of them; None when one mark (or
    none) is written. A cell without a mark sides with none."""
    marks = [_marks(c) for c in columns]
    counts = Counter(m for col in marks for m in col if m)
    if len(counts) < 2:
        return None
    (main, _), *others = counts.most_common()
    rows = np.logical_or.reduce([np.array([bool(m) and m != main for m in col]) for col in marks])
    shown = ", ".join(f"'{m}'" for m, _ in others[:3])
    return rows, f"{OTHER_CURRENCY}: {shown} where the file's prices are in '{main}'"


def _marks(cells: pa.Array) -> list[str]:
    """Each cell's currency mark, "" where it has none."""
    parts = pc.extract_regex(pc.utf8_trim_whitespace(pc.cast(cells, pa.string())), _MARKED)
    before = parts.field("before").to_pylist()
    after = parts.field("after").to_pylist()
    return [_SAME.get(m, m) for m in ((b or a or "").upper() for b, a in zip(before, after))]
