"""How a series of positive numbers moves from row to row: what tells prices and rates (a percent or
two a day) from volumes, counts and money traded (tens of percent). Shared by the close matrices
(marked_tickers.py) and a dated file's lone named series (canonical._named_series)."""
from __future__ import annotations

import math
from collections.abc import Sequence
from statistics import median

from .cell_days import days_of

# A ticker's close moves a percent or two a day, a coin's a few (ETH's January 2021: 7% on the median
# day); shares traded and money traded jump tens of percent, a return changes sign.
JUMPY = 0.1
# Values that move no farther over _FAR rows than this many steps stay about a level, as amounts do.
ABOUT_A_LEVEL = 1.4
_FAR = 4
_PAIRS = 20  # pairs of values _FAR rows apart from which wander tells the one from the other
# What the series are, as their names say: a ticker's prices, an exchange rate's (a currency pair's, a
# central bank's rates by currency), or a figure of the economy (FRED's id: growth rates go both ways).
PRICES, RATES, FIGURES = "prices", "rates", "figures"
# A rate near zero moves tens of percent in hundredths (FRED's DTB3 "0.04", "0.03"); a volume in millions
# or billions ("1523.4", "2034.1") by hundreds of its units.
_HUNDREDTHS = 0.1
_ONE_WAY = 0.8  # of the steps, the share one way: a falling currency's years, not a volume's days
# Days between rows, at their median, from which a floating currency's rates move tens of percent up and
# down (a quarter's, a year's); a day's or a month's move a few.
_SPACED_ROWS = 32


def median_step(series: Sequence[Sequence[float]]) -> float | None:
    """The median move, |log(b / a)|, between neighbouring values of each of `series` (positive numbers),
    pooled; None where none has two."""
    steps = [abs(math.log(b / a)) for own in series for a, b in zip(own, own[1:])]
    return median(steps) if steps else None


def wander(series: Sequence[Sequence[float]]) -> float | None:
    """How much farther each of `series` (positive numbers) moves over _FAR rows than over one: the median
    |log(c / a)| of values _FAR rows apart over the median step (median_step), pooled; None where fewer
    than _PAIRS such pairs are held. A price wanders as its moves add up (twice as far over four days as
    over one, a crash week's farther); amounts about a level (a day's sales) stay about it, near 1."""
    far = [abs(math.log(own[i + _FAR] / own[i])) for own in series for i in range(len(own) - _FAR)]
    step = median_step(series)
    if len(far) < _PAIRS or not step:
        return None
    return median(far) / step


def jumps_as_counts(series: Sequence[Sequence[float]], kind: str, whole: bool, dates: Sequence[str],
                    date_format: str) -> bool:
    """Whether `series` (positive numbers of one `kind`, dated by `dates` in `date_format`) move tens of
    percent from row to row on the median step (JUMPY) as volumes, counts, money traded or returns do:
    whole numbers so, or prices; a figure of the economy's decimals may. Rates' decimals so only where
    they move by more than hundredths (_HUNDREDTHS), up and down (a falling currency's go one way,
    _ONE_WAY), between rows a month apart or nearer (_SPACED_ROWS): a year's rates of a floating
    currency ("USD/BRL" 1.77, 2.34, 1.74) move so, its volume month by month too ("1523.4", "2034.1")."""
    if (median_step(series) or 0) <= JUMPY:
        return False
    if whole or kind == PRICES:
        return True
    if kind != RATES or _spaced(dates, date_format):
        return False
    steps = [b - a for own in series for a, b in zip(own, own[1:]) if b != a]
    if not steps or median([abs(d) for d in steps]) <= _HUNDREDTHS:
        return False
    return max(sum(d > 0 for d in steps), sum(d < 0 for d in steps)) < _ONE_WAY * len(steps)


def _spaced(dates: Sequence[str], date_format: str) -> bool:
    """Whether the rows `dates` are more than a month apart at their median (_SPACED_ROWS)."""
    return (row_days(dates, date_format) or 0) >= _SPACED_ROWS


def row_days(dates: Sequence[str], date_format: str) -> int | None:
    """The days between the rows `dates` at their median, None where fewer than two are read."""
    days = days_of(dates, date_format)
    steps = sorted(b - a for a, b in zip(days, days[1:]))
    return steps[len(steps) // 2] if steps else None
