"""A volume named as one that is the money traded, the count of units beside it under another name:
Huobi's candles ("id,open,close,low,high,amount,vol,count") put the coins traded under "amount" and
the quote currency's worth of them under "vol", Gate's ("t,v,c,h,l,o,a") the worth under "v" and the
coins under "a". Mapped by its name, the money had loaded as the volume (5,090,000 "BTC" on a day
when 120 changed hands)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from itertools import islice

from .numbers import marks_or_default, to_float

# Huobi's names: an "amount" beside a "vol" and a "count" (of trades) is its count of coins.
_HUOBI = ("amount", "vol", "count")
_ROWS = 200  # sampled rows read
# Money divided by the units traded is the day's average price: inside its bar (low to high), within
# this share of either, on this share of the rows.
_SLACK, _EVERY_ROW = 0.02, 0.9
# Of a file with a close and no high or low, within this share of the close: a day's average price strays
# from its close by a few percent, as far as it would from its bar (a German "Date,Close,Number of Shares,
# Umsatz": the euros traded, "Umsatz", had loaded as the shares).
_CLOSE_SLACK = 0.05
# Names of no count of units: the trades' (shares over trades, an average trade's size, may fall inside
# a $50 stock's bar on every row), an open interest. Such a column is never taken for the volume.
# Nor an average ("Avg Trade Size", "Trade Size": shares over it is the count of trades); a "Size" alone is
# the units some exports count the traded amount in, beside their money under "Volume".
_NO_UNITS = re.compile(r"count|trades|deals|transactions|interest|^n$|^nb|^oi$|^num_?trades|avg|average|mean|.size")
# Money over units is the day's average price, which moves as the bars do: a ratio that stays put while
# they move is a scale ("Adj Volume", twice the shares since a 2:1 split, beside a $0.50 stock), no price.
# Its spread under this share of the bars' is none: a scaled count rounded to a whole share departs from
# its scale by far less. A nearness to the median ratio alone (1e-4) had taken a pegged pair's days (7.85
# to 7.851) for a scale and loaded the quote currency's worth as the units traded.
_STILLER = 10


def count_beside_money(names: Sequence[str], mapping: list[str | None], body: Sequence[Sequence[str]],
                       number_format: tuple[str, str | None] | None = None) -> None:
    """Map, in place, the volume to the column counting the units traded where the column mapped
    as the volume is their worth in money: named as Huobi's, or proved by the rows (the mapped
    volume divided by another unmapped column falls inside the day's bar on nearly every row, and
    not the other way round)."""
    if "volume" not in mapping:
        return
    vol = mapping.index("volume")
    lowered = [n.strip().lower() for n in names]
    if all(lowered.count(n) == 1 for n in _HUOBI) and lowered.index("vol") == vol \
            and mapping[amount := lowered.index("amount")] is None:
        mapping[vol], mapping[amount] = None, "volume"
        return
    if "low" in mapping and "high" in mapping:
        low, high, slack = mapping.index("low"), mapping.index("high"), _SLACK
    elif "close" in mapping:  # no bar: the day's average price near its close ("Date,Close,Number of Shares,Umsatz")
        low = high = mapping.index("close")
        slack = _CLOSE_SLACK
    else:
        return
    decimal, thousands = marks_or_default(number_format)
    rows = body[:_ROWS]

    def cells(j: int) -> Iterator[float | None]:
        return (to_float(r[j], decimal, thousands) if j < len(r) else None for r in rows)

    lows = highs = money = None
    for j in range(len(mapping)):
        if mapping[j] is not None or j == vol or _NO_UNITS.search(lowered[j]) or not _two_counts(cells(j)):
            continue
        if lows is None:  # read once a column could count units: most files' other columns are words
            lows, highs, money = list(cells(low)), list(cells(high)), list(cells(vol))
        # Read as far as the rows could still prove it: an indicator's column (a wide file's hundred
        # of them beside a bar) fails in its first rows, and had been read to its 200th (a fifth of such
        # a file's detection time).
        if not _worth_of(money, cells(j), lows, highs, slack):
            continue
        units = list(cells(j))
        if not _worth_of(units, money, lows, highs, slack):
            mapping[vol], mapping[j] = None, "volume"
            return


def _two_counts(units: Iterable[float | None]) -> bool:
    """Whether two of `units` are positive, as _worth_of's two rows need (a text column's none)."""
    return len(list(islice((u for u in units if u and u > 0), 2))) == 2


def _worth_of(money: Iterable[float | None], units: Iterable[float | None], lows: list[float | None],
              highs: list[float | None], slack: float = _SLACK) -> bool:
    """Whether `money` is the worth of `units` traded at a price inside each row's bar, on nearly
    every row where all four are positive (two rows at least), a price that moves as the bar does
    (not a scale, not the inverse of a price). Given up once more rows fell outside than the share
    allowed of every row there is."""
    rows = inside = 0
    most_outside = (1 - _EVERY_ROW) * len(lows)
    ratios, middles = [], []
    for m, u, lo, hi in zip(money, units, lows, highs):
        if not (m and u and lo and hi and m > 0 and u > 0 and lo > 0 and hi > 0):
            continue
        rows += 1
        inside += lo * (1 - slack) <= m / u <= hi * (1 + slack)
        if rows - inside > most_outside:
            return False
        ratios.append(m / u)
        middles.append((lo + hi) / 2)
    return rows >= 2 and inside >= _EVERY_ROW * rows and not _one_scale(ratios, middles) \
        and _moves_with(ratios, middles)


def _spread(values: list[float]) -> float:
    """The range of `values` as a share of their median."""
    return (max(values) - min(values)) / sorted(values)[len(values) // 2]


def _one_scale(ratios: list[float], middles: list[float]) -> bool:
    """Whether `ratios` stay put while the bars' `middles` move (_STILLER): a scale, not a price."""
    return _spread(ratios) * _STILLER <= _spread(middles)


# How closely a price's ratio follows the bar's middle from row to row. Lots over thousands of yuan
# (Tushare's "vol,amount": 10 over the price) fall inside a bar near 3.16 on every row, and had taken
# the yuan for the shares traded; they move against the bar, a price with it. On a few rows a price's
# ratio wanders inside its bars and its correlation with them is chance (a fifth of Gate's 2- to 4-day
# files of BTC, most 4-minute ones, had kept the dollars as the coins): under _TELLING_ROWS rows it is
# not asked (10 over a price falls inside its bar only near 3.16).
_FOLLOWS, _TELLING_ROWS = 0.5, 10


def _moves_with(ratios: list[float], middles: list[float]) -> bool:
    """Whether `ratios` rise and fall with the bars' `middles` (their correlation at least _FOLLOWS), or
    are too few to tell (_TELLING_ROWS)."""
    n = len(ratios)
    if n < _TELLING_ROWS:
        return True
    mr, mm = sum(ratios) / n, sum(middles) / n
    cov = sum((r - mr) * (x - mm) for r, x in zip(ratios, middles))
    var_r = sum((r - mr) ** 2 for r in ratios)
    var_m = sum((x - mm) ** 2 for x in middles)
    if var_r == 0 or var_m == 0:
        return False
    return cov / (var_r * var_m) ** 0.5 >= _FOLLOWS


# Money over units that is the day's price times this or more on most rows is no price, adjusted or not: an
# average trade's worth, the units under it trades counted, no shares (a lot's hundreds of shares a trade).
_PER_TRADE, _MOST_ROWS = 30.0, 0.5


def counts_trades(money: int, units: int, price: int, body: Sequence[Sequence[str]],
                  number_format: tuple[str, str | None] | None = None) -> bool:
    """Whether column `money` over column `units` comes to _PER_TRADE times column `price` or more on most
    of the rows where all three are positive: `units` counts trades, not the units traded."""
    decimal, thousands = marks_or_default(number_format)
    over = rows = 0
    for r in body[:_ROWS]:
        m, u, p = (to_float(r[j], decimal, thousands) if j < len(r) else None for j in (money, units, price))
        if m and u and p and m > 0 and u > 0 and p > 0:
            rows += 1
            over += m / u >= _PER_TRADE * p
    return rows >= 2 and over > _MOST_ROWS * rows
