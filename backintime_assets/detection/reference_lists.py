"""A list of instruments, each on one row dated by a day of its own: a reference list, not prices.

A bond list's "ISIN;Fälligkeit;Kurs", a futures list's "Symbol,Last,Expiry", an IPO list's "Ticker,
IPO Date,Offer Price": each row an instrument, its date the day it matures, expires, was issued or
listed, its price today's. Under a name detection does not know, the date column was read as the
rows' trade date, and every price loaded as a close on that day (silent): years of maturities, each a
"close" no one ever traded. after_arrival.py catches such a list only while its dates run past the
day it arrived; migrated later, it loaded.

The rows tell it whatever the column is named. A day's price file holds one date (or a few: a stale
fund's NAV beside the day's); a history repeats each ticker over many dates; a multi-ticker history
holds many rows a date. A reference list holds each ticker once, and its dates spread over months or
years, few rows sharing one, most of them far from the newest. Refused whole, a judgement a user who
knows the column (each ticker's last trade, truly) may lift with `--load-refused`.

Let by:
- a date column named as the rows' own date ("Date", "Datum", "As of", "Дата": a name detection reads
  as the date of each row, canonical.py) or as the day of a trade or a price ("Last Trade Date", "Price
  Date", "Kursdatum"): each ticker's last close, dated by the day it was made, is a true close. A global
  watchlist's "Symbol,Date,Close", its illiquid bonds and suspended stocks stale by months, or a fund
  list's "Fund,As Of,NAV", most funds reporting monthly, each had been refused as a list of
  instruments. Only a date named for something else ("Issue Date", "Delisted", "Rückzahlung") is judged
  (a list of delisted stocks' last prices loads under "Date" or "Last Trade Date", not "Delisting Date");
- full bars (an open, a high and a low beside the close): a day's bar is of the day it is dated;
- a list where most rows share the newest month (funds' NAVs, a few stale): a day's prices;
- a file without a ticker column unless a column names each row by a text of its own ("Name,Issue Date,
  Price") and its dates step irregularly, weeks apart and out of order: one instrument's history is
  written in the order of its days, daily or each period labelled ("Date,Month,Close") or each with a
  note of its own ("Tag,Kurs,Bemerkung" kept by hand every week or two), and loads as before;
- lists of fewer than MIN_ROWS rows.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from .canonical import header_says
from .cell_days import day_of, reads_days
from .statements import NOT_PRICES
from .words import folded_words

MIN_ROWS = 5  # sampled rows with a ticker and a date: fewer are too few to tell a list from a day's prices
ROWS = 500  # sampled rows judged
# Without a ticker column, the dates of a list named row by row lie weeks apart (a median step of a week
# at least); one instrument's daily history, a note of its own on each row, steps a day or two.
WIDE_STEP = 7
# Steps of a period, in days (a week's, a month's, a quarter's, a year's): a list of maturities steps
# irregularly; a series of a period's closes, each labelled, steps so on most of its steps.
_PERIOD_STEPS = ((6, 8), (28, 31), (89, 92), (364, 366))
RECENT_DAYS = 31  # a day's file's rows lie within a month of its newest date, a stale fund's NAV among them
SPREAD_DAYS = 92  # the dates span a quarter at least: a list's maturities or listings lie months apart
# Words naming the date as the day a price was made: each ticker's last trade, which is its true close, or
# the day its quote was last updated ("Last Updated"), or the day a list of prices is as of ("Stichtag",
# "Bewertungsdatum": a German fund list's, most funds priced monthly).
_TRADE_STEMS = ("trade", "trading", "traded", "price", "priced", "quote", "quoted", "kurs", "close", "closing",
                "nav", "valuation", "valued", "update", "handel", "cotation", "cotizacion", "cotacao", "quotazione",
                "stichtag", "bewertung")
_AS_OF_WORDS = frozenset({"stand"})  # "Stand" (German "as of"), whole: "Bestand" is a holding's count
_FIRST = frozenset({"first", "erster", "erste", "premier", "premiere", "primer", "primera", "primeiro", "primo"})
_FULL_BAR = frozenset({"open", "high", "low"})


def names_a_trade_day(name: str) -> bool:
    """Whether a date column's name says its day is the one the row's price was made on ("Last Trade
    Date", "PriceDate", "Kursdatum"); a first trade's ("First Trade Date", "Erster Handelstag") is the
    day the instrument was listed, not the one of today's price beside it."""
    named = folded_words(name)
    return not _FIRST.intersection(named) and (bool(_AS_OF_WORDS.intersection(named)) or any(
        stem in word for word in named for stem in _TRADE_STEMS))


def names_the_rows_date(name: str) -> bool:
    """Whether a date column's name is one detection reads as each row's own date ("Date", "Datum", "As of",
    "Дата", "Date (UTC)"), not the day of something else ("Issue Date", "Delisted"): what the writer says
    the day is."""
    return header_says(name) == "date"


def reference_list_problem(names: Sequence[str], canonical: Sequence[str | None], formats: Sequence[str | None],
                           body: Sequence[Sequence[str]]) -> str | None:
    """Why a table (its column `names`, their mapping, their date `formats`, its sampled rows) is a list
    of instruments each dated by a day of its own (see the module), or None."""
    if not {"date", "close"} <= set(canonical) or _FULL_BAR <= set(canonical):
        return None
    j = canonical.index("date")
    fmt = formats[j] if j < len(formats) else None
    if j >= len(names) or not reads_days(fmt) or names_a_trade_day(names[j]) or names_the_rows_date(names[j]):
        return None
    k = canonical.index("ticker") if "ticker" in canonical else _named_on_each_row(canonical, body)
    if k is None or k >= len(names):
        return None
    rows = [(r[k].strip().upper(), day) for r in body[:ROWS]
            if max(j, k) < len(r) and r[k].strip() and (day := day_of(r[j], fmt)) is not None]
    n = len(rows)
    if n < MIN_ROWS or len({t for t, _ in rows}) < n:
        return None  # a ticker on several rows: a history, or a day's rows of a few
    days = [d for _, d in rows]
    newest, oldest = max(days), min(days)
    shared = Counter(days).most_common(1)[0][1]
    recent = sum(d > newest - RECENT_DAYS for d in days)
    if newest - oldest < SPREAD_DAYS or 2 * shared >= n or 2 * recent >= n:
        return None
    if "ticker" not in canonical and (_median_step(days) < WIDE_STEP or _periodic(days) or _in_order(days)):
        # One instrument's days, a note of its own on each ("Date,Close,Remark"): a history. Or its weeks,
        # months or years, each labelled ("Date,Month,Close": month-end closes), which bar_period.py judges.
        # Or its days written in order, each a week or two apart (a journal kept by hand): a list of
        # instruments runs in the order of their names.
        return None
    return (f"a list of instruments, each on one row dated by a day of its own ({n} instruments on "
            f"{len(set(days))} days over {(newest - oldest) // 30} months, at most {shared} on one day, "
            f"{recent} within a month of the newest): column {names[j]!r} holds each one's maturity, expiry, "
            "issue or listing day, not the day its price was made; loaded, each price would stand as a "
            "close on that day" + NOT_PRICES + f"{names[k]}, {names[j]}")


def _named_on_each_row(canonical: Sequence[str | None], body: Sequence[Sequence[str]]) -> int | None:
    """Of a table without a ticker column, the first unmapped column naming each sampled row by a text of
    its own ("Name": "Alpha 3% 2027", "Beta 2% 2029", ...), MIN_ROWS at least; None where there is none."""
    for c, mapped in enumerate(canonical):
        if mapped is not None:
            continue
        cells = [r[c].strip() for r in body[:ROWS] if c < len(r) and r[c].strip()]
        if len(cells) >= MIN_ROWS and all(any(ch.isalpha() for ch in v) for v in cells) \
                and len(set(cells)) == len(cells):
            return c
    return None


def _median_step(days: Sequence[int]) -> int:
    """The median of the steps between the distinct days, in order."""
    distinct = sorted(set(days))
    steps = sorted(b - a for a, b in zip(distinct, distinct[1:]))
    return steps[len(steps) // 2] if steps else 0


def _in_order(days: Sequence[int]) -> bool:
    """Whether the days, as the rows hold them, run one way: oldest first or newest first."""
    steps = [b - a for a, b in zip(days, days[1:])]
    return all(s >= 0 for s in steps) or all(s <= 0 for s in steps)


def _periodic(days: Sequence[int]) -> bool:
    """Whether half the steps between the distinct days, or more, are a period's (_PERIOD_STEPS)."""
    distinct = sorted(set(days))
    steps = [b - a for a, b in zip(distinct, distinct[1:])]
    return 2 * sum(any(lo <= s <= hi for lo, hi in _PERIOD_STEPS) for s in steps) >= len(steps)
