"""The unit a price's header cell writes after the price's name: the currency its prices are quoted
in ("Close USD", "Close (GBp)", "Close in USD", "Close, EUR"), a coin pairs quote in ("Close USDT",
"Close (USDT)"), or thousands, the one scale prices are read in ("Close (K)": multipliers.price_scale).

One reading for every place that asks what a header cell names once its unit is set aside: the
split of a one-row header ("BP.L Close (GBp)": flat_header) and the labels over each ticker's close
(canonical.labels_over_fields: "BTC" over "Close USDT"). Read in two ways, "Close USDT", "Close (K)",
"Close in USD" named a price in one and nothing in the other: a ticker's label over each read as no
field's, the first close loaded under the file's name and the others were dropped without a word.

A scale the product does not apply to prices (millions, "(x100)", "(USD 000)") is no unit to
without_price_unit. without_unit cuts it too, and any other unit brackets declare ("(M)", "(lots)"),
for the split and the labels alone: the file is refused for such a scale (unread_scale_problem),
never loaded as written.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from .currencies import PRICE_UNITS, QUOTE_CURRENCIES, names_a_currency
from .multipliers import BRACKETED, PRICE_FIELDS, PRICE_SCALE, declared_unit, lowest_declared

# "Close in USD", "Close, EUR": the unit after a word or a comma, outside brackets.
_IN_OR_AFTER_COMMA = re.compile(r"^(?P<name>.*?\S)(?:\s+in\s+|\s*,\s*)(?P<unit>\S+)$", re.IGNORECASE)
# "Close USD", "close_usdt": the unit after a blank or an underscore.
_TRAILING = re.compile(r"^(?P<name>.*?[^\s_])[\s_]+(?P<unit>[^\s_]+)$")


def _a_currency(text: str) -> bool:
    """Whether `text` is a currency's or a coin's code and nothing else: exchanges' quote currencies
    in any case ("usd"; London's pence "GBp", "GBX", "GBx" among them), other ISO codes in capitals
    only ("ALL" is a currency, "all" a word)."""
    text = text.strip()
    return text in PRICE_UNITS or text.upper() in QUOTE_CURRENCIES


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


def without_unit(cell: str) -> str | None:
    """`cell` less the unit written after its name: a currency, a coin or thousands (without_price_unit),
    or any other its brackets declare ("AAPL Close (M)", "AAPL Close (mn)", "BTC" over "Close (lots)":
    "AAPL Close", "Close"), or None. Left on, each ticker's closes read as no field's: "AAPL Close (M)"
    beside "MSFT Close (M)" was refused as tickers side by side, "BTC" and "ETH" over "Close (M)" loaded
    BTC's under the file's name and left ETH's unread. Cut, a letter or lots load as written, as one
    ticker's "Close (M)" does, and a scale no price is read in refuses the file (unread_scale_problem)."""
    if (rest := without_price_unit(cell)) is not None:
        return rest
    unit = declared_unit(cell)
    return unit.name.strip() or None if unit is not None and unit.name and BRACKETED.search(cell) else None


# The refusal of prices whose header declares a scale they are not read in (a judgement: a user who
# knows the file may set the columns' multiplier and load it).
UNREAD_SCALE = "prices in a scale not read for prices"


def unread_price_scale(cells: Sequence[str]) -> str | None:
    """The scale a price's header cells (top row first, its ticker's label left out) declare that
    prices are not read in, as written ("mn", "USD mn", "x100", "USD 000"); None for none, for
    thousands (read: multipliers.price_scale), for a currency alone, and for one letter ("Close (B)":
    a class B share's or the bid as often as billions). Read as written, such closes loaded a
    hundred- to a billionfold off, without a word."""
    unit = lowest_declared(cells)
    if unit is None or len(unit.unit.strip(" .'")) <= 1 or (unit.factor == PRICE_SCALE and not unit.money):
        return None
    scaled = unit.factor is not None if not unit.money else _scaled_money(unit.unit)
    return unit.unit if scaled else None


def _scaled_money(unit: str) -> bool:
    """Whether a unit in money ("USD mn", "USD 000", "mn TL") names a scale beside its currency."""
    rest = " ".join(w for w in unit.split() if not names_a_currency(w))
    found = declared_unit(f"x ({rest})") if rest else None
    return found is not None and found.factor is not None and not found.money


def unread_scale_problem(header_cells: Sequence[Sequence[str]], unlabelled: Sequence[Sequence[str]],
                         canonical: Sequence[str | None]) -> str | None:
    """Why a file's mapped prices cannot load as written: their header cells (`unlabelled`: less their
    ticker's label, "Berkshire (B)") declare a scale they are not read in ("Close (USD mn)", "BTC" over
    "Close (mn)"), or None."""
    scaled = [" ".join(cell.strip() for cell in cells if cell.strip())
              for cells, own, c in zip(header_cells, unlabelled, canonical)
              if c in PRICE_FIELDS and unread_price_scale(own)]
    if not scaled:
        return None
    return (f"{UNREAD_SCALE} ({', '.join(scaled[:4])}{', ...' if len(scaled) > 4 else ''}): the header declares the "
            "prices in millions, hundreds or thousands of a currency, a scale not read for prices; loaded as written, "
            "each price would be that far off. Write the prices as they are quoted, or in thousands (\"Close (K)\")")
