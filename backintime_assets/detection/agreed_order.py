"""One day/month order for a file's numeric dates: a column whose own values cannot tell "03/01/68"
day first from month first takes the order another date column of the file, written with the same
separator, proves; where none does, a slashed date guessed month first is guessed day first in a
file whose numbers are written with a decimal comma."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from datetime import date, datetime

from .columns import ColumnType
from .dates import GUESSED_ORDER_CERTAINTY, name_vouches
from .filename import NamedMonth
from .canonical import norm_name
from .numbers import NULL_SPELLINGS

# A format whose date part is day and month side by side, then the year: "%m/%d/%y", "%d.%m.%Y %H:%M".
_ORDERED = re.compile(r"^%([dm])([-/.])%([dm])\2%[Yy]")
# The two leading parts of such a value: "2/20/02" -> 2, 20.
_PARTS = re.compile(r"\s*(\d{1,2})[-/.](\d{1,2})[-/.]\d")
# A number written with a decimal comma: "12,5", "0,1234", "1.234,56", "2 673,786"; not "1,234" (a thousand
# grouped by the comma's custom, or three decimals by the other's: it tells no locale). Nor need it show the
# comma where the file's decimal is the comma and a number groups as only its customs do: by a blank
# ("3 722 290", "2 517€": French) or by a dot twice ("1.234.567"); a French office's "845,652" beside them
# had its lone "01/10/2014" loaded as 10 January.
_DECIMAL_COMMA = re.compile(r"\d,(?:\d{1,2}|\d{4,})(?!\d)|\d[. '\u00a0\u202f]\d{3},\d"
                            r"|\d[ \u00a0\u202f]\d{3}(?![\d.])|\d\.\d{3}\.\d{3}(?!\d)")
# A number grouped by lakhs and crores ("1,23,45,678", "12,34,567.50"): only South Asia's custom groups by two
# digits, and India, Pakistan, Bangladesh, Sri Lanka and Nepal write their dates day first.
_LAKH = re.compile(r"(?<![\d,.])\d{1,2}(?:,\d{2})+,\d{3}(?![\d,])")
# So is a number grouped by an apostrophe ("1'234'567", "1’099.845"): Switzerland's and Liechtenstein's custom.
# Read before the file's marks are, such a column is typed as text: the whole cell is the number.
_APOSTROPHE_GROUPED = re.compile(r"[+-]?\d{1,3}(?:['\u2019]\d{3})+(?:\.\d+)?")
# A column named in a word of only a day-first market's own vocabulary: the London Stock Exchange's "EPIC"
# and "TIDM" (its tickers' codes), India's NSE "TOTTRDQTY" and "TOTTRDVAL" (its bhavcopy's traded quantity
# and value). A London office's lone "03/01/2022" under "Date,EPIC,Closing Price,Volume" loaded as 1 March.
_DAY_FIRST_MARKET_WORDS = frozenset({"epic", "tidm", "tottrdqty", "tottrdval"})
# So is a column whose every code is listed only where dates are written day first: Yahoo's suffixes of
# London (".L", ".IL"), India's NSE and BSE (".NS", ".BO"), Australia's and New Zealand's (".AX", ".NZ"), or
# an ISIN of those countries and Ireland. A London office's "Date,Symbol,Close" over "03/01/2022" and
# "VOD.L" had loaded as 1 March. A portfolio of one such code beside a US one ("AAPL") tells nothing.
_DAY_FIRST_LISTING = re.compile(r"[A-Z0-9][A-Z0-9&\-]{0,14}\.(?:L|IL|NS|BO|AX|NZ)|(?:GB|IN|IE|AU|NZ)[A-Z0-9]{9}\d")
# A column read in the order another one proves: that column's proof, not its own values.
AGREED_CERTAINTY = 0.9


def agree_day_order(types: list[ColumnType], cols: Sequence[Sequence[str]],
                    file_date: date | NamedMonth | None = None) -> list[ColumnType]:
    """`types` with each date column that has no part above 12 (its order a guess, however educated)
    read in the order the file's other numeric date columns of the same separator prove by a day
    above 12, when they all prove the same one. A file is written by one program in one locale:
    Walmart's store list dates its openings "7/1/62", "12/9/71" (no part above 12 in any row)
    beside conversions "2/20/02". Dates written with another separator were written another way,
    often by another program (a US "03/19/2021" expiry beside a German "04.01.2021" trade date):
    they prove nothing about each other. Nor does the proof overrule the file's name: a daily
    drop named 2021-03-05 whose rows are all "03/05/2021" is dated 5 March whatever a maturity
    column of "15/06/2030" proves."""
    ordered = {j: m for j, t in enumerate(types) if t.type in ("date", "timestamp") and t.format
               and (m := _ORDERED.match(t.format))}
    if len(ordered) < 2:
        return types
    proofs = {j: _proof(cols[j]) for j in ordered}
    out = list(types)
    for sep in {m.group(2) for m in ordered.values()}:
        alike = {j: m for j, m in ordered.items() if m.group(2) == sep}
        proven = {proofs[j] for j in alike if proofs[j] is not None}
        if len(proven) == 1:  # else nothing proven, or opposite orders: each keeps its own reading
            _agree(out, cols, alike, proofs, proven.pop(), file_date)
    return out


def day_first_by_decimal_comma(types: list[ColumnType], cols: Sequence[Sequence[str]],
                                decimal: str, names: Sequence[str] = ()) -> list[ColumnType]:
    """`types` with each slashed date column guessed month first (nothing in its values, the file's
    name or another column settled it: the slash's US custom did) read day first where the file's
    numbers are written with a decimal comma: the countries that write one (continental Europe, Latin
    America, Russia, Turkey) write their dates day first. A French office's daily drop, "05/03/2024"
    on every row beside closes of "12,5", loaded as 3 May. Still a guess, of no more certainty: the
    proof of a sibling file of its layout settles it either way (ingestion/sibling_order.py), and a
    refusal of a guess stands (unsettled_order.py). Only a comma seen as a decimal counts: a "1,234"
    reads either way, and ';' is the delimiter of the Swiss decimal dot too. Nor against a clock of
    AM and PM ("03/05/2024 04:00 PM"), the US custom: of two customs that disagree, neither decides.
    So where the decimal is the dot and a number is grouped by lakhs or by an apostrophe (_LAKH): an
    Indian office's "05/01/2024" beside volumes of "1,23,45,678" had loaded as 1 May, a Swiss office's
    beside "1'234'567" too. So where a column's name is a day-first market's own word
    (_DAY_FIRST_MARKET_WORDS: London's "EPIC"), or its every code is listed on such markets only
    (_DAY_FIRST_LISTING: "VOD.L", "RELIANCE.NS")."""
    if decimal not in (",", "."):
        return types
    guessed = [j for j, t in enumerate(types) if t.type in ("date", "timestamp") and t.format
               and t.confidence <= GUESSED_ORDER_CERTAINTY and (m := _ORDERED.match(t.format))
               and m.group(1) == "m" and m.group(2) == "/" and "%p" not in t.format]
    if not guessed or not (any(_shows_day_first(t.type, cols[j], decimal) for j, t in enumerate(types))
                           or names_a_day_first_market(names) or _lists_day_first(types, cols)):
        return types
    out = list(types)
    for j in guessed:
        out[j] = replace(types[j], format="%d/%m" + types[j].format[len("%m/%d"):])
    return out


def names_a_day_first_market(names: Sequence[str]) -> bool:
    """Whether a column's name is a word only a market that writes its dates day first uses (London's "EPIC")."""
    return any(norm_name(n) in _DAY_FIRST_MARKET_WORDS for n in names)


def _lists_day_first(types: list[ColumnType], cols: Sequence[Sequence[str]]) -> bool:
    """Whether a text column's every code is of a market that writes its dates day first (_DAY_FIRST_LISTING)."""
    return any(t.type == "string" and lists_day_first(cells) for t, cells in zip(types, cols))


def lists_day_first(codes: Iterable[str]) -> bool:
    """Whether `codes` (a ticker column's cells) are some, each listed only where dates are written day first."""
    codes = [c.strip() for c in codes if c.strip()]
    return bool(codes) and all(map(_DAY_FIRST_LISTING.fullmatch, codes))


def _shows_day_first(kind: str, cells: Sequence[str], decimal: str) -> bool:
    """Whether a column's numbers are written as only customs that write the day first write them: with a
    decimal comma (_DECIMAL_COMMA), or beside the decimal dot grouped by lakhs (_LAKH) or an apostrophe."""
    numbers = kind in ("float", "integer")
    if decimal == ",":
        return numbers and any(map(_DECIMAL_COMMA.search, cells))
    return numbers and any(map(_LAKH.search, cells)) or any(map(_APOSTROPHE_GROUPED.fullmatch, cells))


def proven_beyond_spread(types: list[ColumnType], spread: Sequence[Sequence[str]],
                         column: Callable[[int], Sequence[str]]) -> list[int]:
    """The columns of numeric dates whose day/month order no value of the `spread` (the rows typing
    looked at, of a sample) proves, and a value of every sampled row (`column(j)`) does: one
    "19/03/2001" among 300 rows whose parts are all 12 or below, which the spread of 160 missed half
    the time. Read by the change counts or the separator's custom, the column loaded month first,
    every other row a wrong date and the proving row rejected."""
    return [j for j, t in enumerate(types) if t.type in ("date", "timestamp") and t.format
            and _ORDERED.match(t.format) and _proof(spread[j]) is None and _proof(column(j)) is not None]


def _agree(out: list[ColumnType], cols: Sequence[Sequence[str]], ordered: dict, proofs: dict,
           day_first: bool, file_date: date | NamedMonth | None) -> None:
    """Reads each unproven column of `ordered` (in `out`) day first or month first."""
    for j, m in ordered.items():
        own = out[j]
        if proofs[j] is not None or (m.group(1) == "d") == day_first:
            continue
        first, second = ("d", "m") if day_first else ("m", "d")
        fmt = f"%{first}{m.group(2)}%{second}{own.format[m.end(3):]}"
        if file_date is not None and _near(cols[j], own.format, file_date) and not _near(cols[j], fmt, file_date):
            continue  # the file's name settled the column's order
        # (discounted as infer_column_type discounts a column of fewer than five values)
        agreed = AGREED_CERTAINTY * (1.0 if sum(1 for v in cols[j] if v.strip()) >= 5 else 0.8)
        out[j] = replace(own, format=fmt, confidence=round(max(own.confidence, agreed), 3))


def _near(cells: Sequence[str], fmt: str, file_date: date | NamedMonth) -> bool:
    """The values that `fmt` reads (a stray text reads as none) all lie where the file's name puts them
    (dates.name_vouches), and there are some."""
    days = []
    for v in {c.strip() for c in cells} - NULL_SPELLINGS - {""}:
        try:
            days.append(datetime.strptime(v, fmt).date())
        except ValueError:
            continue
    return bool(days) and all(name_vouches(file_date, d) for d in days)


def reads_alike_either_way(values: Sequence[str]) -> bool:
    """Whether every one of `values` is a numeric date whose day is its month ("05/05/2023"): both orders
    read it as one day, so no order need be settled to load it."""
    parts = [_PARTS.match(v) for v in set(values)]
    return bool(parts) and all(m is not None and int(m.group(1)) == int(m.group(2)) for m in parts)


def _proof(values: Sequence[str]) -> bool | None:
    """True when a value's first part is above 12 (day first), False when its second is (month
    first), None when none is, or both are (no single order reads the column)."""
    first = second = False
    # Each distinct value once: the answer is an "any" over the values, and a daily file's date
    # column repeats one date in every row (proven_beyond_spread reads the whole sample's column:
    # a regex and two int() a row were ~4% of detecting a drifted daily file).
    for v in set(values):
        m = _PARTS.match(v)
        if m:
            first = first or int(m.group(1)) > 12
            second = second or int(m.group(2)) > 12
    return None if first == second else first
