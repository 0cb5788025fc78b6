"""A volume that is units held or issued: "Date,Ticker,Quantity,Price" (a daily position history) and
"Date,Close,Shares,Market Cap" (a share count beside the close) map the count as the day's volume.

A holding's or an issuer's count stays the same for days and moves in steps; a day's traded volume
moves every day. Its prices are the day's (the holding's mark, the share's close) and load; the count
is no volume, and is left unread: the volume is NULL. A count named as traded ("Total Traded Quantity",
"Volume") is the market's whatever it does, and zeros (a halted or illiquid day's) say nothing."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from .statements import held_units
from .words import folded_words as words

_ROWS = 500  # sampled rows read
_LEAST_CELLS = 5  # non-zero counts of one ticker, the fewest that show them steady
# Of one ticker's non-zero counts: at least this share of steps keep the count (a holding may change
# weekly), and at most this many distinct values per cell (a day's volumes are nearly all distinct).
_KEPT_STEPS = 0.5
_DISTINCT = 1 / 3
# A market's own columns beside the count: its day's bar (an open, a high and a low), its number of trades
# or its money traded ("No. of Trades", "Total Turnover (Rs.)": BSE's export). No holding's nor share
# count's file writes them; a thin stock's file does, whose volumes in lots repeat ("No.of Shares" 3000,
# 3000, 6000, 3000 of an SME share traded in lots of 3000).
_BAR = frozenset({"open", "high", "low"})
_MARKET_WORDS = frozenset({"trades", "deals", "turnover", "transactions"})
# Returns to a count after a day without one (a zero, a blank), as a share of the counts: a thin stock's
# days untraded between its traded ones. A holding is closed and opened again a few times at most.
_RETURNS = 0.2


def held_quantity(header_cells: Sequence[Sequence[str]], canonical: Sequence[str | None],
                  body: Sequence[Sequence[str]]) -> int | None:
    """The column mapped as the volume that holds units held or issued, steady from day to day; else None.
    Its header's cells are read whole: "Shares ('000)" over "Volume" is a volume counted in shares."""
    if "volume" not in canonical:
        return None
    j = canonical.index("volume")
    if j >= len(header_cells) or not held_units(" ".join(header_cells[j])):
        return None  # the common case: "Volume", "Vol.", "Total Traded Quantity"
    if _BAR <= set(canonical) or any(_MARKET_WORDS & set(words(" ".join(cells))) for cells in header_cells):
        return None  # a market's bars or trades beside the count: its day's volume, in lots as may be
    ticker = canonical.index("ticker") if "ticker" in canonical else None
    counts: dict[str, list[str]] = defaultdict(list)
    returns: dict[str, int] = defaultdict(int)
    gap: set[str] = set()  # tickers whose last row held no count
    for row in body[:_ROWS]:
        key = row[ticker].strip() if ticker is not None and ticker < len(row) else ""
        if j < len(row) and (cell := row[j].strip()) and cell.strip("0.,") and cell not in ("-", "—"):
            returns[key] += key in gap and key in counts
            gap.discard(key)
            counts[key].append(cell)
        else:
            gap.add(key)
    judged = [key for key, cells in counts.items() if len(cells) >= _LEAST_CELLS]
    return j if judged and all(_steady(counts[key]) and returns[key] < _RETURNS * len(counts[key])
                               for key in judged) else None


def _steady(cells: list[str]) -> bool:
    kept = sum(a == b for a, b in zip(cells, cells[1:]))
    return kept >= _KEPT_STEPS * (len(cells) - 1) and len(set(cells)) <= _DISTINCT * len(cells)
