"""The unit a price's header cell writes after the price's name: the currency its prices are quoted
in ("Close USD", "Close (GBp)", "Close in USD", "Close, EUR"), a coin pairs quote in ("Close USDT",
"Close (USDT)"), or thousands, the one scale prices are read in ("Close (K)": multipliers.price_scale).

One reading for every place that asks what a header cell names once its unit is set aside: the
split of a one-row header ("BP.L Close (GBp)": flat_header) and the labels over each ticker's close
(canonical.labels_over_fields: "BTC" over "Close USDT"). Read in two ways, "Close USDT", "Close (K)",
"Close in USD" named a price in one and nothing in the other: a ticker's label over each read as no
field's, the first close loaded under the file's name and the others were dropped without a word.

A scale the product does not apply to prices (millions, "(x100)", "(USD 000)") is no unit here:
cut, each ticker's closes would load as written, unscaled, silently.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .currencies import PRICE_UNITS, QUOTE_CURRENCIES
from .multipliers import BRACKETED, PRICE_SCALE, declared_unit

# London quotes in pence, written "GBp" or "GBX" (row_currency.py): a unit as a currency's code is.
_PENCE = frozenset({"GBp", "GBX", "GBx"})
# "Close in USD", "Close, EUR": the unit after a word or a comma, outside brackets.
_IN_OR_AFTER_COMMA = re.compile(r"^(?P<name>.*?\S)(?:\s+in\s+|\s*,\s*)(?P<unit>\S+)$", re.IGNORECASE)
# "Close USD", "close_usdt": the unit after a blank or an underscore.
_TRAILING = re.compile(r"^(?P<name>.*?[^\s_])[\s_]+(?P<unit>[^\s_]+)$")


def _a_currency(text: str) -> bool:
    """Whether `text` is a currency's or a coin's code and nothing else: exchanges' quote currencies
    in any case ("usd"), other ISO codes in capitals only ("ALL" is a currency, "all" a word)."""
    text = text.strip()
    return text in PRICE_UNITS or text in _PENCE or text.upper() in QUOTE_CURRENCIES


@lru_cache(maxsize=4096)  # header cells recur from file to file
def without_price_unit(cell: str) -> str | None:
    """`cell` less the currency, coin or thousands written after its name ("AAPL Close (K)": "AAPL
    Close"), or None where it writes none of them. Whether the rest names a price is the caller's
    to say: a volume in a currency is the money traded, no count of shares."""
    cell = cell.strip()
    if (inside := BRACKETED.findall(cell)) and cell.endswith((")", "]", "）", "】")):
        if _a_currency(inside[-1]):
            return cell[:cell.rfind(inside[-1]) - 1].strip() or None
    else:
        for form in (_IN_OR_AFTER_COMMA, _TRAILING):
            if (found := form.match(cell)) is not None and _a_currency(found["unit"]):
                return found["name"].strip()
    # Thousands, however written ("Close (K)", "Close ('000)", "Close in thousands"): applied.
    unit = declared_unit(cell)
    return unit.name.strip() or None if unit is not None and not unit.money and unit.factor == PRICE_SCALE else None
