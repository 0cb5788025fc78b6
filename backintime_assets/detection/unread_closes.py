"""Every column named as a close loads, or the file is refused naming it.

canonical.map_canonical maps each canonical column once: of two columns whose headers read as the
same close ("Close" under "BRK" and again under "BRK"; "Close" under "Bid" and under "Ask"; "Close
(USD)" and "Close (EUR)" under "BTC"), the leftmost loaded and the other was left unmapped, its
prices dropped without a word, since no rule read what set the two apart. Checked once the schema
is decided (detect._schema), whatever rule mapped or left the columns: a column that still reads
as its series' close, beside the close that series loads, is a price left unread.

Not refused: a column another rule read as something else (it is mapped: "Adj Close", "Open"); a
name that says which other figure it is ("Prev Close", "Close Change", "Last" beside "Close": the
names differ, and canonical's rules chose between them); a copy of the loaded close (the same values
on every row, a column exported twice: nothing is lost); a close in a currency beside the plain one
("Close (EUR)" beside "Close": the instrument's own close converted, the plain one loads); a column
per ticker (its own series' close, mapped: series.py).

Also a holding's worth read as its price: "Value (USD)" beside "Shares" under one ticker is a
position's value, shares times the price, and had loaded as each ticker's close."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from decimal import Decimal

from .canonical import SEVERAL_CLOSES, SIDE_BY_SIDE, name_hints, norm_name
from .columns import ColumnType
from .currencies import QUOTE_CURRENCIES
from .multipliers import BRACKETED, declared_unit
from .statements import NOT_PRICES, held_steady, held_units

_NUMBERS = ("integer", "float")
# A currency said after the close's word, bracketed or not ("Close (USD)", "Close in EUR", "Close USD"):
# the same close in another unit, no other figure. Bracketed parts go first (a scale, "(K)", too). A coin's
# quote currencies are longer ("Close USDT", "Close USDC"), read longest first ("BUSD", not "USD").
_CODE_LENGTHS = sorted({len(code) for code in QUOTE_CURRENCIES}, reverse=True)
# A close named as a worth ("Value", "Value (USD)"): a price in a table of prices, a holding's worth beside
# its count (the words statements.py reads of a long table's "Date,Units,Value").
_WORTH = frozenset({"value", "worth", "valuation", "amount"})
# Fields a cell of a close's header may name that make the column that field's ("Close" over "Volume", "Time").
_OTHER_FIELDS = frozenset({"date", "open", "high", "low", "adj_close", "volume"})


def _close_key(cells: Sequence[str]) -> tuple[str, bool] | None:
    """What a column's header says of its close, less a unit or currency, and whether it names a currency:
    ("close", True) of "Close (USD)", "Close in EUR" and "Close USD", ("close", False) of "Close"; None where
    no cell of it alone reads as a close, or where its other cells make it another figure: "Close" over
    "Yield", "Change" or "%" (a bond's yield, a change at the close: the header read whole hints no close),
    over "Volume" or "Time" (another field)."""
    if "close" not in name_hints(" ".join(cells)) or any(name_hints(c) & _OTHER_FIELDS for c in cells):
        return None
    return _cell_key(cells)


def _cell_key(cells: Sequence[str]) -> tuple[str, bool] | None:
    """The close a cell of the header names alone, less a unit or currency, and whether it names a currency
    (_close_key), read of that cell. By canonical's hints, however weak: "Close USD" is a close only by its
    token ("close" at 0.6), and had been dropped beside "Close (EUR)" as the other's."""
    for cell in cells:
        if "close" not in name_hints(cell):
            continue
        bracketed = any(inside.strip().upper() in QUOTE_CURRENCIES for inside in BRACKETED.findall(cell))
        key = norm_name(BRACKETED.sub(_unit_left_out, cell)) or norm_name(cell)
        if (cut := _currency_cut(key)) is not None:
            return key[:cut], True
        return key, bracketed
    return None


def _currency_cut(key: str) -> int | None:
    """Where a quote currency's code written last in a norm_name'd key starts, an "in" before it with it
    ("closeinusd", "closeusdt": 5); None where the key ends in none or is one."""
    for n in _CODE_LENGTHS:
        if len(key) > n and key[-n:].upper() in QUOTE_CURRENCIES:
            start = len(key) - n
            return start - 2 if key[:start].endswith("in") and start > 2 else start
    return None


def _unit_left_out(bracket: re.Match) -> str:
    """A bracket's text left out of a close's key where it is a currency or a unit ("(USD)", "(K)"), kept
    where it says which close it is: "Closing Price (Bid)" is a quote side's, "AAPL Close (LSE)" a venue's,
    no second close of the plain one (test_canonical, test_flat_header: the plain one loads)."""
    inside = bracket.group(1).strip()
    return "" if inside.upper() in QUOTE_CURRENCIES or declared_unit(bracket.group(0)) is not None else inside


def _below_the_close(cells: Sequence[str]) -> list[str]:
    """The cells of a column's header under the one that names its close (_cell_key's): "Var." of "Close"
    over "Var."."""
    for i, cell in enumerate(cells):
        if "close" in name_hints(cell):
            return list(cells[i + 1:])
    return []


def _heads_figures(cells: Sequence[str], loaded: Sequence[str]) -> bool:
    """Whether a close's name is a heading over the close's figures, the loaded one named a price under it
    and this column another figure: "Close" over "Price" and over "Var.", "+/-", "Points", "MA50", a price's
    change, its average, its index. A price under the heading loads (canonical), the other figure is none:
    refused as a second close, a file of one close and its change loaded nothing. Not where this column's cell under the
    heading names a price too ("Last" beside "Price": two closes) nor where the loaded close has no price's
    name under its own (a ticker, a quote's side: "Close" over "Bid" and "Ask" are two closes)."""
    under, under_loaded = _below_the_close(cells), _below_the_close(loaded)
    return bool(under) and any("close" in name_hints(c) for c in under_loaded) \
        and not any("close" in name_hints(c) for c in under) and set(under) != set(under_loaded)


def _numeric(t: ColumnType) -> bool:
    return t.type in _NUMBERS or (t.type == "string" and t.alt is not None and t.alt.type in _NUMBERS)


_TRAILING_ZEROS = re.compile(r"([.,]\d*?)0+$")


def _bare(cell: str) -> str:
    """A cell less the zeros that end its decimals ("10.60" -> "10.6"): one price written by two formats."""
    return _TRAILING_ZEROS.sub(r"\1", cell.strip()).rstrip(".,")


_PLAIN_NUMBER = re.compile(r"^-?\d+(?:[.,](\d+))?$")  # no thousands' mark: "470.1234", "470,12", "2500"


def _places(cells: Iterable[str]) -> int:
    """The most decimals a column's bare cells write (its precision), 0 where one is no plain number."""
    places = 0
    for cell in cells:
        if (m := _PLAIN_NUMBER.match(cell)) is None:
            return 0
        places = max(places, len(m.group(1) or ""))
    return places


def _copies(body: Sequence[Sequence[str]], j: int, k: int) -> bool:
    """Whether column j holds what column k does on every row where both hold a value (exported twice),
    perhaps to another precision ("470.1234" and "470.12": each row's two less than the coarser column's
    last decimal apart, a format's rounding, nothing lost reading either). Not to the unit: "2500" beside
    "2500.5" may be another close."""
    pairs = [(_bare(r[j]), _bare(r[k])) for r in body if max(j, k) < len(r) and r[j].strip() and r[k].strip()]
    if not pairs or all(a == b for a, b in pairs):
        return bool(pairs)
    places = min(_places(a for a, _ in pairs), _places(b for _, b in pairs))
    if not places:
        return False
    step = Decimal(1).scaleb(-places)
    return all(abs(Decimal(a.replace(",", ".")) - Decimal(b.replace(",", "."))) < step for a, b in pairs)


def _converted(close: tuple[str, bool], loaded: tuple[str, bool]) -> bool:
    """Whether a close names a currency where the loaded one names none ("Close (EUR)" beside "Close"): the
    instrument's own close converted, which the plain one is (test_series: each ticker's "Close" loads)."""
    return close[1] and not loaded[1]


def unread_closes(header_cells: Sequence[Sequence[str]], types: Sequence[ColumnType],
                  canonical: Sequence[str | None], series: Sequence[str | None],
                  body: Sequence[Sequence[str]]) -> list[int]:
    """The unmapped columns of numbers whose header reads as the same close as the close their series
    loads (the file's, or one ticker's side by side), unless they copy it; [] where there are none."""
    closes: dict[str | None, list[tuple[int, tuple[str, bool]]]] = {}
    for j, c in enumerate(canonical):
        if c == "close" and j < len(header_cells) and (key := _cell_key(header_cells[j])) is not None:
            closes.setdefault(series[j], []).append((j, key))
    if not closes:
        return []
    wide = any(s is not None for s in series)
    unread = []
    for j, c in enumerate(canonical):
        if c is not None or j >= len(header_cells) or j >= len(types) or not _numeric(types[j]) \
                or (key := _close_key(header_cells[j])) is None:
            continue
        # A column no ticker names in a table of tickers side by side is compared with every ticker's close.
        loaded = [close for s, group in closes.items() for close in group] if wide and series[j] is None \
            else closes.get(series[j], [])
        if any(key[0] == other[0] and not _converted(key, other) and not _copies(body, j, k)
               and not _heads_figures(header_cells[j], header_cells[k]) for k, other in loaded):
            unread.append(j)
    return unread


def position_values(header_cells: Sequence[Sequence[str]], canonical: Sequence[str | None],
                    series: Sequence[str | None], body: Sequence[Sequence[str]]) -> list[int]:
    """The columns mapped as a close whose name is a worth ("Value (USD)") beside a count of units held
    ("Shares", "Quantity"), steady from row to row, of the same series: a holding's value, the count times
    the price, no price. statements.py judges a long table so; a table of tickers side by side, each
    ticker's columns on their own. A count that moves every day is a market's (shares traded). Nor a
    series of bars, as statements.py judges a long table: a holding has no day's high and low (an index's
    "Open,High,Low,Value" beside its steady "Shares" had been refused as holdings)."""
    values = []
    for j, c in enumerate(canonical):
        if c != "close" or j >= len(header_cells) or (key := _cell_key(header_cells[j])) is None \
                or key[0] not in _WORTH:
            continue
        if {"high", "low"} <= {canonical[k] for k, s in enumerate(series) if s == series[j]}:
            continue
        if any(series[k] == series[j] and k != j and k < len(header_cells) and held_units(" ".join(cells))
               and held_steady(k, body) for k, cells in enumerate(header_cells)):
            values.append(j)
    return values


def _shown(names: list[str]) -> str:
    return ", ".join(names[:4]) + (", ..." if len(names) > 4 else "")


def unread_close_problem(names: Sequence[str], header_cells: Sequence[Sequence[str]], types: Sequence[ColumnType],
                         canonical: Sequence[str | None], series: Sequence[str | None],
                         body: Sequence[Sequence[str]]) -> str | None:
    """Why the file is refused where a close would be left unread (unread_closes), naming the columns; else None."""
    unread = unread_closes(header_cells, types, canonical, series, body)
    if not unread:
        return None
    shown = _shown([names[j] for j in unread])
    if any(s is not None for s in series) and all(series[j] is None for j in unread):
        loaded = _shown([names[k] for k, c in enumerate(canonical) if c == "close"])
        # A judgement (refusals.py): a user who knows whose close it is may map it.
        return (f"{SIDE_BY_SIDE} ({shown}): a close no ticker names beside the tickers' closes ({loaded}): whose it "
                "is is unsaid, and it would be left unread; name it by its ticker or save it as a file of its own")
    groups = {series[j] for j in unread}
    loaded = _shown([names[k] for k, c in enumerate(canonical) if c == "close" and series[k] in groups])
    return (f"{SEVERAL_CLOSES}? ({shown}): named as the same close as {loaded}, which loads, and nothing read of the "
            "header sets them apart as series (a ticker, a currency, a side of the quote written above): read as one, "
            "the others would be left unread. Name each by its ticker and field (\"AAPL Close\"), keep one close "
            "alone, or map the one to load")


def position_value_problem(names: Sequence[str], header_cells: Sequence[Sequence[str]],
                           canonical: Sequence[str | None], series: Sequence[str | None],
                           body: Sequence[Sequence[str]]) -> str | None:
    """Why a holdings sheet is refused (position_values), naming the worths read as closes; else None."""
    values = position_values(header_cells, canonical, series, body)
    if not values:
        return None
    return (f"a list of holdings{NOT_PRICES}{_shown([names[j] for j in values])} (a position's value beside its count "
            "of units held: the units times the price, not a price)")
