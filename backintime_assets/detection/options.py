"""Tables of options' prices: a strike on each row beside the row's price (an option chain, an exchange's
settlement file of options). Each row is a contract's and its price the option's premium: read as one
series, the premiums of several contracts loaded as one instrument's closes (ICE's settlement file of
Brent options: a call's 0.25 loaded as a price under the file's name). Refused where the rows do not name
their contracts, where rows of one name and day hold several strikes or both a call and a put, or where a
day's rows are named by their underlyings; a file naming each contract on its rows (a ticker of each)
loads each as its own series, and so does one warrant's or option's history (one strike, a row a day)."""

from __future__ import annotations

from collections.abc import Sequence

from .numbers import to_float
from .statements import NOT_PRICES
from .words import folded_words as words

_STRIKE = frozenset({"strike", "strikes", "strk", "行权价", "行權價", "履約價", "履约价"})
# The strike in other words, whole names as words() joins them (Hangul decomposed as it decomposes it):
# Eurex's "Basispreis", "Exercise Price", KRX's "행사가격".
_STRIKE_NAMES = frozenset("".join(words(n)) for n in (
    "Exercise Price", "Basispreis", "Ausübungspreis", "Prix d'exercice", "Precio de ejercicio", "Preço de exercício",
    "Prezzo di esercizio", "Uitoefenprijs", "権利行使価格", "행사가격", "행사가"))
_RIGHT_NAMES = frozenset({"put", "call", "putcall", "cp", "right", "type", "typ", "option", "options"})
_RIGHTS = frozenset({"c", "p", "call", "put", "calls", "puts", "ce", "pe"})
# An option's expiry: a strike of one expiry and another are two contracts.
_EXPIRY_NAMES = frozenset({"expiry", "expiration", "expirations", "expire", "expires", "maturity", "mmy", "verfall",
                           "verfalltag", "echeance", "vencimiento", "scadenza",
                           # A bond's maturity in German, Russian ("Дата погашения"), Dutch, Portuguese,
                           # Scandinavian: a Bund list's "ISIN;Fälligkeit;Kurs" had loaded each Bund's price
                           # as a close on its maturity day (reference_lists.py refuses such lists by their
                           # rows; named, a day's list dated by its name or title loads that day's prices).
                           "falligkeit", "faelligkeit", "falligkeitsdatum", "faelligkeitsdatum", "falligkeitstag",
                           "погашения", "погашение", "vervaldatum", "vervaldag", "vencimento", "forfallsdato",
                           "forfallodag", "forfallodatum"})
_ROWS = 500  # sampled rows judged


# The same day shortened before "date", as bond lists and contract specs write it: MOEX's "MATDATE", a
# broker's "ExpDate", "Mat Dt". A short form alone ("Exp", "MAT") may be an expense or a moving annual
# total; beside a date word, or glued to one, it is the day the contract ends. A bond list's
# "secid,price,...,matdate" had loaded each bond's price as a close on the day it matures (real files
# round 58), years ahead.
_EXPIRY_SHORT = frozenset({"exp", "expn", "expir", "mat", "matur", "mty"})
_DATE_WORDS = ("date", "dt")
_EXPIRY_STEMS = _EXPIRY_SHORT | _EXPIRY_NAMES  # glued to a date word: "MATDATE", "expirydate"


def names_expiry(name: str) -> bool:
    """Whether a column's name is a contract's expiry or a bond's maturity ("expiry", "Expiration Date",
    "Maturity", "MATDATE", "Exp Date"): a day the contract ends, never the day its price was made."""
    named = words(name)
    if set(named) & _EXPIRY_NAMES:
        return True
    return any(w in _EXPIRY_SHORT and after in _DATE_WORDS for w, after in zip(named, named[1:])) \
        or any(w.endswith(d) and w[:-len(d)] in _EXPIRY_STEMS for w in named for d in _DATE_WORDS)
_NUMBERS = 0.9  # of a strike column's filled cells, the share that must be numbers


def _strikes(names: Sequence[str], canonical: Sequence[str | None], body: Sequence[Sequence[str]],
             decimal: str, thousands: str | None) -> list[int]:
    """The unmapped columns named as a strike whose filled sampled cells are numbers."""
    found = []
    for j, name in enumerate(names):
        named = words(name)
        if j < len(canonical) and canonical[j] is not None or not (set(named) & _STRIKE
                                                                   or "".join(named) in _STRIKE_NAMES):
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
    # Without a close nothing loads, and the table says so ("no close column": an option's "Date,Strike,
    # Option Price", its price named as none of a series').
    strikes = _strikes(names, canonical, body, decimal, thousands) if "close" in canonical else []
    if not strikes:
        return None
    rights = _rights(names, body)
    told = names[strikes[0]] if not rights else f"{names[strikes[0]]}, {names[rights[0]]}"
    if "ticker" not in canonical:
        if _one_contract(names, canonical, body, strikes + rights):
            return None
        return "options' premiums, no row naming its contract" + NOT_PRICES + told
    k, d = canonical.index("ticker"), canonical.index("date") if "date" in canonical else None
    contracts: dict[tuple[str, str], set[tuple[str, ...]]] = {}
    for r in body[:_ROWS]:
        day = r[d].strip().split(" ")[0].split("T")[0] if d is not None and d < len(r) else ""
        key = (r[k].strip() if k < len(r) else "", day)
        contracts.setdefault(key, set()).add(tuple(r[j].strip() for j in strikes + rights if j < len(r)))
    if any(len(held) > 1 for held in contracts.values()):
        return "options' premiums, several contracts under one name and day" + NOT_PRICES + told
    # A day's board (NSE's F&O bhavcopy cut to one option of each underlying): a ticker that does not
    # name its row's strike is the underlying's, and the option's premium had loaded as its close
    # (RELIANCE's 1500 call at 44.1). Not over several days: one warrant's strike day after day.
    if len({day for _, day in contracts}) == 1 and any(_unnamed(r, k, strikes[0], decimal, thousands)
                                                        for r in body[:_ROWS]):
        return "options' premiums under their underlyings' names" + NOT_PRICES + told
    return None


def _unnamed(row: Sequence[str], k: int, j: int, decimal: str, thousands: str | None) -> bool:
    """Whether a row's ticker (column k) leaves out the digits of its strike (column j), one not 0: an
    option's own symbol writes them ("AAPL240315C00170000", "ESH4P4750", "NIFTY20JAN12000CE")."""
    strike = to_float(row[j].strip(), decimal, thousands) if j < len(row) else None
    return bool(strike) and k < len(row) and str(int(abs(strike))) not in row[k]


def _one_contract(names: Sequence[str], canonical: Sequence[str | None], body: Sequence[Sequence[str]],
                  told: Sequence[int]) -> bool:
    """Whether a table with no ticker is one contract's days: its strike (and right, and expiry) the same
    on every sampled row, a row a day over several days. An option's or a warrant's own history, the contract
    named by its file ("SPX_240315C04500.csv": Date,Strike,Open,...,Close), had been refused with the
    chains whose rows of a day are several contracts; one row (a settlement file's one option) names
    no contract still."""
    if "date" not in canonical:
        return False
    d = canonical.index("date")
    rows = [r for r in body[:_ROWS] if any(c.strip() for c in r)]
    days = [r[d].strip() for r in rows if d < len(r)]
    told = [*told, *(j for j, n in enumerate(names) if names_expiry(n))]
    held = {tuple(r[j].strip() for j in told if j < len(r)) for r in rows}
    return len(held) == 1 and len(days) == len(rows) > 1 and len(set(days)) == len(days)
