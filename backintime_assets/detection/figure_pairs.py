"""An open, a high or a low that belongs to another figure than the close's.

A fund administrator's NAV file counts the units in issue and the cash held at the day's start and end
("units_open,...,units_close,cash_open,...,cash_close,...,nav"): beside its NAV, "units_open" had loaded
as the day's open, 10,000,000 against a close of 9.94, without a word. A day's open, high and low are the
close's series' own: where the words beside a price's word name a figure whose own close stands in the
file, unread, the price is that figure's ("cash" of "cash_open" and "cash_close"), not the close's, where
its values say so too (canonical's to judge): Bloomberg's "PX_OPEN" beside "PX_LAST" (the close) and
"PX_CLOSE" is the close's own open, a price of its day.
"""
from __future__ import annotations

from collections.abc import Sequence

from .words import folded_words as words

_WORDS = {"open": frozenset({"open", "opening"}), "high": frozenset({"high"}), "low": frozenset({"low"}),
          "close": frozenset({"close", "closing"})}


def _figure(cells: Sequence[str], price_words: frozenset[str]) -> tuple[str, ...] | None:
    """The words of a name but its one price's word, where it has exactly one ("cash_open": cash)."""
    named = [w for cell in cells for w in words(cell)]
    at = [i for i, w in enumerate(named) if w in price_words]
    return tuple(named[:at[0]] + named[at[0] + 1:]) if len(at) == 1 else None


def another_figure_s_prices(mapping: Sequence[str | None],
                            header_cells: Sequence[Sequence[str]]) -> list[tuple[int, int]]:
    """The columns of the open, high or low whose figure ("units" of "units_open") closes in a column
    other than the close, each with that column: it names its own close ("units_close"). A plain "Open" names no figure;
    nor does "Cash Open" beside the close "Cash Close". Where the close names a figure of its own
    ("aapl_close,msft_close,msft_open"), labelled series stand side by side: flat_header's to refuse."""
    if "close" not in mapping:
        return []
    # The open's, high's and low's figures first: most name none ("Open"), and the other columns' words
    # (~5 us a name) are then never read, on every file detection maps a close in.
    figures = {p: figure for price in ("open", "high", "low")
               if price in mapping and (p := mapping.index(price)) < len(header_cells)
               and (figure := _figure(header_cells[p], _WORDS[price]))}
    c = mapping.index("close")
    if not figures or (c < len(header_cells) and _figure(header_cells[c], _WORDS["close"])):
        return []
    closes: dict[tuple[str, ...] | None, int] = {}
    for j, cells in enumerate(header_cells):
        if j != c:
            closes.setdefault(_figure(cells, _WORDS["close"]), j)
    return [(p, closes[figure]) for p, figure in figures.items() if figure in closes]
