"""QuantConnect LEAN's equity bars: prices written in ten-thousandths of the currency's unit.

LEAN keeps an equity's daily and hourly trade bars as lines of no header, "yyyyMMdd HH:mm", open, high,
low, close and volume ("20200102 00:00,3236600,3252500,3225400,3250700,8890856": SPY's open of $323.66),
every price a whole number of deci-cents (its documented data format). Read as written, SPY loaded at
3,250,700 dollars a share, and nothing said so. Its forex, crypto and CFD bars in that layout write their
prices as decimals ("1.37503"): no scale. Whole numbers in another layout (a header, no time of day,
another date's form, more fields) are another tool's. LEAN's layout alone does not tell deci-cents from
whole won or yen ("20240104 00:00,55800,56000,55500,55800,100" is Samsung's 55,800 won as well as a $5.58
share): only where the file lies where LEAN keeps an equity's bars (data/equity/usa/daily/, or india/,
or hour/) are they read so, and then only where nearly every price ends in two zeros, as a price to the cent
in deci-cents does (a yen's or an index point's rarely). Elsewhere such a file loads as written, as
before: LEAN's own files moved out of its folders are still read a ten-thousandfold high (silent)."""

from __future__ import annotations

import re
from collections.abc import Sequence

# The multiplier that turns LEAN's deci-cents into the currency's unit.
DECI_CENTS = 1 / 10_000
_FIELDS = ("date", "open", "high", "low", "close", "volume")  # a trade bar's, in LEAN's order
_STAMP = "%Y%m%d %H:%M"  # LEAN's date and time of a daily or hourly bar
_WHOLE = re.compile(r"\d+")
# Where LEAN keeps an equity's daily and hourly bars: data/equity/<market>/daily/<ticker>.csv (in its
# zip, or unzipped beside it). Only LEAN's markets of equities, usa and india: an office's own tree of
# the same shape for another market ("equity/kr/daily/005930.csv", "equity/jp/daily/6861.csv") holds won
# or yen, whose prices above 50,000 move in steps of 100 and so end in two zeros as deci-cents do: read
# so, Samsung's 55,800 won had loaded as 5.58, silently.
_LEAN_FOLDER = re.compile(r"(?:^|/)equity/(?:usa|india)/(?:daily|hour)/[^/]+$")
_ROWS = 200  # sampled rows looked at
# Share of the prices that end in two zeros (a price to the cent, as deci-cents): sub-penny prints and
# averaged bars leave a few that do not (3257799 of SPY's 2020).
_CENTS_SHARE = 0.8


def lean_deci_cents(body: Sequence[Sequence[str]], canonical: Sequence[str | None],
                    formats: Sequence[str | None], name: str) -> bool:
    """Whether a headerless table's rows (`body`) of a file at `name` (its path) are LEAN's equity trade
    bars: in LEAN's folder of them, its six fields in its order (`canonical`, the date read as `formats`
    says), every price a whole number, nearly all of them whole cents written as deci-cents."""
    if tuple(canonical) != _FIELDS or formats[0] != _STAMP or not _LEAN_FOLDER.search(name.replace("\\", "/")):
        return False
    rows = body[:_ROWS]
    prices = [row[j].strip() for row in rows for j in range(1, 5) if len(row) == len(_FIELDS)]
    if not prices or len(prices) < 4 * len(rows) or not all(_WHOLE.fullmatch(p) for p in prices):
        return False
    priced = [int(p) for p in prices if int(p)]
    return bool(priced) and sum(p % 100 == 0 for p in priced) >= _CENTS_SHARE * len(priced)
