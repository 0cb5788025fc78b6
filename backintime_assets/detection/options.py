"""Tables of options' prices: a strike on each row beside the row's price (an option chain, an exchange's
settlement file of options). Each row is a contract's and its price the option's premium: read as one
series, the premiums of several contracts loaded as one instrument's closes (ICE's settlement file of
Brent options: a call's 0.25 loaded as a price under the file's name). Refused where the rows do not name
their contracts, or where rows of one name and day hold several strikes or both a call and a put; a file
naming each contract on its rows (a ticker of each) loads each as its own series."""

from __future__ import annotations

from collections.abc import Sequence

from .numbers import to_float
from .statements import NOT_PRICES, words

_STRIKE = frozenset({"strike", "strikes", "strk", "行权价", "行權價", "履約價", "履约价"})
_RIGHT_NAMES = frozenset({"put", "call", "putcall", "cp", "right", "type", "typ", "option", "options"})
_RIGHTS = frozenset({"c", "p", "call", "put", "calls", "puts", "ce", "pe"})
_ROWS = 500  # sampled rows judged
_NUMBERS = 0.9  # of a strike column's filled cells, the share that must be numbers


def _strikes(names: Sequence[str], canonical: Sequence[str | None], body: Sequence[Sequence[str]],
             decimal: str, thousands: str | None) -> list[int]:
    """The unmapped columns named as a strike whose filled sampled cells are numbers."""
    found = []
    for j, name in enumerate(names):
        if j < len(canonical) and canonical[j] is not None or not set(words(name)) & _STRIKE:
            continue
        cells = [r[j].strip() for r in body[:_ROWS] if j < len(r) and r[j].strip()]
        if cells and sum(to_float(c, decimal, thousands) is not None for c in cells) >= _NUMBERS * len(cells):
            found.append(j)
    return found


def _rights(names: Sequence[str], body: Sequence[Sequence[str]]) -> list[int]:
    """The columns named as an option's right whose filled sampled cells are all calls or puts."""
    found = []
    for j, name in enumerate(names):
        if not set(words(name)) & _RIGHT_NAMES:
            continue
        cells = [r[j].strip().lower() for r in body[:_ROWS] if j < len(r) and r[j].strip()]
        if cells and all(c in _RIGHTS for c in cells):
            found.append(j)
    return found


def option_problem(names: Sequence[str], canonical: Sequence[str | None], body: Sequence[Sequence[str]],
                   decimal: str = ".", thousands: str | None = None) -> str | None:
    """Why a table is options' prices read as one series (the strike and right columns that tell), or None."""
    strikes = _strikes(names, canonical, body, decimal, thousands)
    if not strikes:
        return None
    rights = _rights(names, body)
    told = names[strikes[0]] if not rights else f"{names[strikes[0]]}, {names[rights[0]]}"
    if "ticker" not in canonical:
        return "options' premiums, no row naming its contract" + NOT_PRICES + told
    k, d = canonical.index("ticker"), canonical.index("date") if "date" in canonical else None
    contracts: dict[tuple[str, str], set[tuple[str, ...]]] = {}
    for r in body[:_ROWS]:
        day = r[d].strip().split(" ")[0].split("T")[0] if d is not None and d < len(r) else ""
        key = (r[k].strip() if k < len(r) else "", day)
        contracts.setdefault(key, set()).add(tuple(r[j].strip() for j in strikes + rights if j < len(r)))
    if any(len(held) > 1 for held in contracts.values()):
        return "options' premiums, several contracts under one name and day" + NOT_PRICES + told
    return None
