"""A one-value series that is no price history: "date,value" of a measurement (a count, a reading, a
sum) whose values leap by orders of magnitude from one row to the next and back (1.22 -> 788 ->
127,897 -> 3.09). A generic name ("value", "rate", none at all) maps to the close, as FRED's
DATE,VALUE and a fund's Date,Value NAV rightly do; a price moves a few percent a day, and a split or
a switch to pence leaps once and stays. Loaded, the leaps stood as a ticker's days."""

from __future__ import annotations

from collections.abc import Sequence

from .canonical import norm_name
from .numbers import to_float
from .statements import NOT_PRICES

# Names that say a value and not which: the close maps to them for want of a better word. A close
# named "Close", "Price", "NAV" or by a ticker says it is one, and its leaps are the prices' own
# (a switch between pounds and pence, settled on loading: ingestion/price_units.py).
_GENERIC = frozenset({"", "value", "values", "val", "rate", "rates", "obsvalue", "observation", "observations"})
_OTHERS = frozenset({"open", "high", "low", "adj_close", "volume", "ticker"})
_ROWS = 500  # sampled rows looked at
_LEAP = 10.0  # a step of tenfold or more between neighbouring rows: no day's price moves so
_LEAPS = 3  # at least this many, and this share of the steps: a split, a misplaced point, leap once or twice
_LEAP_SHARE = 0.1


def leaping_series_problem(names: Sequence[str], canonical: Sequence[str | None],
                           body: Sequence[Sequence[str]], decimal: str, thousands: str | None) -> str | None:
    """The problem of a table of dates and one value under a generic name (`names`: the header's, none if
    it has none) whose values step tenfold or more between neighbouring rows on at least _LEAPS and
    _LEAP_SHARE of the steps, else None."""
    if "date" not in canonical or canonical.count("close") != 1 or _OTHERS & set(canonical):
        return None
    j = canonical.index("close")
    name = names[j].strip() if j < len(names) else ""
    if norm_name(name) not in _GENERIC:
        return None
    rows = [r for r in body[:_ROWS] if j < len(r)]
    d = canonical.index("date")
    if len({r[d].strip() for r in rows if d < len(r)}) < len(rows):
        # A date held twice: several series stacked, or a day's readings, not one series' steps. Two
        # securities' rows taken in turn leap on every step; refused so, the rows' conflict was hidden.
        return None
    cells = [r[j].strip() for r in rows]
    values = [(c, v) for c in cells if (v := to_float(c, decimal, thousands)) is not None and v > 0]
    steps = list(zip(values, values[1:]))
    leaps = [(a, b) for a, b in steps if max(a[1], b[1]) >= _LEAP * min(a[1], b[1])]
    if len(leaps) < _LEAPS or len(leaps) < _LEAP_SHARE * len(steps):
        return None
    widest = max(leaps, key=lambda s: max(s[0][1], s[1][1]) / min(s[0][1], s[1][1]))
    return (f"a series of values that leap tenfold or more between neighbouring rows ({len(leaps)} of {len(steps)} "
            f"steps){NOT_PRICES}{name or 'its only value column'} goes from {widest[0][0]} to {widest[1][0]}; "
            "no day's price moves so, and a split leaps once. Name the column \"Close\" if it is a price")
