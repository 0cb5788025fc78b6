"""A day's money traded read as its close: "Date,Volume,Value" (an exchange's turnover beside its shares
traded) mapped "Value", a close's weak synonym ("Date,Value" is a series of one price), as the close,
and the turnover had loaded as the day's price, with nothing else to tell.

Money traded is the volume times the day's average price: divided by the volume, it moves from day to
day as a price does (a percent or two), while itself it jumps with the volume. A price's column is the
other way round: smooth itself, and jumpy divided by the volume."""

from __future__ import annotations

import math
from collections.abc import Sequence
from statistics import median

from .canonical import norm_name
from .numbers import to_float
from .statements import NOT_PRICES, held_steady, held_units

# Names a close's weak synonym gives money traded as well.
_MONEY_NAMES = frozenset({"value"})
_LEAST_ROWS = 3
_ROWS = 200  # sampled rows read: the steps of a few hundred days tell
# Divided by the volume, money traded steps this many times less than itself, on the median day.
_SMOOTHER = 3.0


def traded_money_problem(names: Sequence[str], canonical: Sequence[str | None], body: Sequence[Sequence[str]],
                         decimal: str, thousands: str | None) -> str | None:
    """Why the column mapped as the close of a one-ticker file is its money traded, or None."""
    if "close" not in canonical or "volume" not in canonical or "ticker" in canonical:
        return None
    close, volume = canonical.index("close"), canonical.index("volume")
    # Units held beside their worth: a holding's (statements.py), no market's trading. Not a count under a
    # holding's word that moves every day ("Qté", French for a day's volume too): its "Value" had loaded.
    if norm_name(names[close]) not in _MONEY_NAMES or (held_units(names[volume]) and held_steady(volume, body)):
        return None
    pairs = []
    for row in body[:_ROWS]:
        if max(close, volume) < len(row):
            money, shares = to_float(row[close], decimal, thousands), to_float(row[volume], decimal, thousands)
            if money and shares and money > 0 and shares > 0:
                pairs.append((money, shares))
    if len(pairs) < _LEAST_ROWS:
        return None
    itself = median(abs(math.log(b[0] / a[0])) for a, b in zip(pairs, pairs[1:]))
    per_share = median(abs(math.log(b[0] / b[1] * a[1] / a[0])) for a, b in zip(pairs, pairs[1:]))
    if per_share * _SMOOTHER >= itself:
        return None
    money, shares = pairs[0]
    return (f"a day's money traded{NOT_PRICES}'{names[close]}' divided by '{names[volume]}' moves as a price does "
            f"({money / shares:.4g} a share on the first row), where itself it jumps with the volume; map the close "
            "if the file has one")
