"""A money market fund's stable net asset value beside its yield, in a file without a header: the NAV
written as money ("$1.00") that stands still day after day, the yield a fraction under one that moves by
its hundredths of a percent ("2020-01-02,$1.00,0.0412"). The yield moves as a price does, a little a day,
and had loaded as the fund's close (silent), the NAV left out."""
from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

# Of the rows, the share the NAV stands at its one value on: a stable NAV may break its buck for a day
# or two ("$0.99"), and no money traded repeats itself so.
_STANDING = 0.9
# A stable NAV is pegged at one unit of its currency ("$1.00"): any other figure standing still (a bond's
# par "$100.00", an option's strike "$5.00", a fee "$4.95") beside a sub-dollar price had loaded as the
# close (silent), the price left out.
_PEG = 1.0
# A yield as a fraction stays under this (no money market fund has paid 20%); a sub-dollar price over it
# beside "$1.00" (a penny stock's 0.45, a dollar's rate in euros 0.8912, a stablecoin's 0.9987, a bond's
# price as a fraction of par) is the series itself and had loaded the "$1.00" as the close (silent).
_YIELD_UNDER = 0.2


def standing_value(values: Sequence[float]) -> float | None:
    """The one value `values` hold on nearly every row (_STANDING), as a stable NAV does and no money
    traded, which changes with every day's trades; None where they hold none so."""
    if len(values) < 2:
        return None
    value, most = Counter(values).most_common(1)[0]
    return value if most >= _STANDING * len(values) else None


def yield_beside_stable_nav(marked: Sequence[float], unmarked: Sequence[float]) -> bool:
    """Whether `unmarked` is a yield beside the stable NAV `marked` (pairs of one row's values): the marked
    stands at one unit of money (standing_value, _PEG) and the unmarked is a fraction under _YIELD_UNDER
    and under the NAV on every row.
    Not a percent's yield ("4.12" beside "$1.00"): a share priced $4.12 beside a figure of one dollar
    written on every day reads so too."""
    return standing_value(marked) == _PEG \
        and all(0 <= u < _YIELD_UNDER and u < m for m, u in zip(marked, unmarked)) \
        and any(u > 0 for u in unmarked)
