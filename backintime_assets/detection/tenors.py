"""A rate's tenors ("1W", "3M", "12m", "O/N"): labels written like abbreviated amounts ("12m" on every
row of a Euribor export reads as 12 million), and the names of a term table's series, a column each
("Date,1W,1M,3M", "euribor_1w,euribor_3m") or a row each ("Date,Tenor,Rate")."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from .filename import base_name
from .month_names import MONTHS
from .moves import RATES, jumps_as_counts, row_days
from .numbers import is_null, to_float
from .words import words as split_words

if TYPE_CHECKING:  # columns.py reads this module's labels_not_amounts
    from .columns import ColumnType

# A whole number of up to three digits and the letter alone: "12m", "3M", "1b". An amount so
# abbreviated is most often written to a decimal ("1.23M", "850.5K") and varies from row to row.
_WHOLE_AND_LETTER = re.compile(r"[+-]?\d{1,3}[KkMmBb]")
# The names layout.py gives a headerless file's columns.
_POSITIONAL = re.compile(r"column_\d+")
_FEWEST = 6  # cells: fewer tell no repetition from chance ("1M" twice in a thin file's volumes)
_REPEATS = 3  # each label seen this many times on average, at least


def labels_not_amounts(values: Sequence[str]) -> bool:
    """Whether a column's abbreviated-looking cells are a few labels repeated row after row (a
    tenor, a maturity), not amounts: every one a whole number and a letter, and each written, on
    average, three times or more. Read as millions, "12m" on every row of a Euribor export was
    twelve million of something; mapped to the volume, a constant column would load as one."""
    cells = [v.strip() for v in values if v.strip()]
    if len(cells) < _FEWEST or not all(_WHOLE_AND_LETTER.fullmatch(c) for c in cells):
        return False
    return len(set(cells)) * _REPEATS <= len(cells)


def named_by_a_header(name: str | None) -> bool:
    """Whether a column's name is a header's, not the position a headerless file's column is named by."""
    return bool(name) and not _POSITIONAL.fullmatch(name)


# A term as a rate's fixing names it: so many days, weeks, months or years, or a day's own ("ON", "O/N",
# "T/N", "S/N"), after the rate's name where one is written ("euribor_1w", "sonia1m", "SOFR 3M") and
# R's "X" before a name that starts with a digit ("X3.Mo", the US Treasury's "3 Mo" through read.csv); the
# Treasury's six-week bill is its "1.5 Month".
_TENOR = re.compile(r"(?:(?P<rate>[A-Za-z][A-Za-z ]*?)[ _.-]?)?(?:(?P<n>\d{1,2}(?:\.5)?)[ _.]?"
                    r"(?P<unit>d|days?|w|wk|weeks?|m|mo|mth|months?|y|yr|years?)"
                    r"|(?P<day>on|o/n|tn|t/n|sn|s/n|overnight))", re.IGNORECASE)
_DAYS = {"d": 1, "w": 7, "m": 30, "y": 365}
# A term table's rates are a percent a year: a number at or below zero is no price (nor loads as one), one
# of this much or more is a percent of something else (a return, a share of a whole).
MOST_RATE = 30.0
_LEAST_TENORS = 2
_DAILY = 5  # days between rows at their median, at most: a day's fixings, a weekend or a holiday between


def tenor_days(cell: str) -> tuple[str, int] | None:
    """(the rate's name, lower case, "" where none is written; the term's days, roughly) of a name or
    label written as a rate's tenor, or None."""
    m = _TENOR.fullmatch(cell.strip())
    if m is None:
        return None
    rate = (m["rate"] or "").strip().lower()
    if rate == "x" and m["n"]:
        rate = ""  # R's mark before a name that starts with a digit, not a rate's name
    if m["day"]:
        return rate, 1 if m["day"].lower() in ("on", "o/n", "overnight") else 2
    return rate, round(float(m["n"]) * _DAYS[m["unit"][0].lower()])


# The rates a term table holds, as its header or the file's name writes them: the interbank offered rates,
# the overnight ones, a state's bills and bonds. Where none is named, the numbers by tenor may be anything
# measured over a term, and read as fixings on their moves alone they loaded silently: a fund's trailing
# returns, an option's implied volatility, forward points, a loan book's amounts ("Date,Term,Amount").
_RATE_NAMES = frozenset("""euribor libor sonia sofr estr ester €str eonia saron tona tonar tibor stibor nibor
                           cibor wibor pribor bubor robor hibor shibor sibor jibar mibor klibor bbsw cdor corra
                           aonia telbor tlref treasury treasuries ust tbill bund bunds gilt gilts jgb""".split())
# What else a table by term of a rate's name holds, named so: its returns, its volatility, its forward points,
# its spreads or changes ("treasury_vol.csv", "euribor_changes.csv"). No fixings.
_OTHER_MEASURES = frozenset("""return returns ret rendite vol vols volatility iv fwd forward forwards points pts
                               spread spreads change changes chg diff delta perf performance""".split())
# Or another instrument on the rate, its rates or prices by term no fixings of it: "euribor_swap_rates.csv"
# had loaded its swap curve as "EURIBOR 1Y", the 12-month fixing's own series (silent). Not "fra" alone: the
# word "from" in Norwegian, Danish, Swedish and Italian before a year or a date ("nibor_fra_2015.csv"), its
# fixings refused. Elsewhere a FRA: "euribor_fra_rates.csv", "STIBOR FRA 3M" had loaded as fixings (silent).
_OTHER_INSTRUMENTS = frozenset("""swap swaps swaption swaptions irs ois fras future futures fut option options
                                  basis""".split())
# A date after it: a year, a day's or a month's ("01.01.2015", "01_2015"), and before it "og med" (Norwegian and
# Danish "from and including") or a month's name ("nibor_fra_og_med_jan_2015.csv" had been refused). Not two
# numbers alone: "euribor_fra_3_6.csv", a FRA 3x6's, had loaded as fixings (silent).
# The month names of the languages whose "fra" is "from" (and English's), as month_names spells them.
_MONTHS = sorted({w for lang in ("no", "da", "sv", "it", "en") for w in MONTHS[lang]}, key=lambda w: (-len(w), w))
_FRA = re.compile(r"(?<![^\W\d_])fra(?![^\W\d_])(?![\W_]*(?:og[\W_]+med[\W_]*)?(?:(?:\d{1,2}[\W_]+)?"
                  rf"(?:{'|'.join(map(re.escape, _MONTHS))})(?![^\W\d_])[\W_]*)?"
                  r"(?:\d{4}|\d{1,2}[\W_]\d{1,2}[\W_]\d{2}|\d{1,2}[\W_]\d{4}))")


def rate_named(*texts: str) -> str | None:
    """The first rate's name (_RATE_NAMES) among the words of `texts` (a header, the file's name), upper
    case, or None; None too where a word names another measure of it or another instrument on it
    (_OTHER_MEASURES, _OTHER_INSTRUMENTS)."""
    words = [word for text in texts for word in split_words(text.lower(), digits="dropped")]
    if _OTHER_MEASURES.intersection(words) or _OTHER_INSTRUMENTS.intersection(words) \
            or any(_FRA.search(text.lower()) for text in texts):
        return None
    return next((word.upper() for word in words if word in _RATE_NAMES), None)


def tenor_ticker(rate: str, label: str) -> str:
    """The series a tenor's fixings load as: the rate's name and the term as written ("EURIBOR 3M" of
    "euribor_3m" or of "3M" in "euribor.csv", "TREASURY 1 MO"). Bare, the 1M of one file's Euribor and
    of another's SOFR were one series, each file's days superseding the other's."""
    m = _TENOR.fullmatch(label.strip())
    term = label.strip()[m.start("n") if m["n"] else m.start("day"):] if m else label.strip()
    return f"{rate} {term}".upper()


def bare_tenors(labels: Iterable[str]) -> bool:
    """Whether `labels`, empty ones passed over, are two or more, each a tenor that names no rate ("1M",
    "3 Mo"). Asked of every file's tickers: it stops at the first that is none, with no list made of them."""
    seen = 0
    for label in labels:
        if label:
            if (t := tenor_days(label)) is None or t[0]:
                return False
            seen += 1
    return seen >= _LEAST_TENORS


def a_tenor_unnamed(labels: Sequence[str]) -> bool:
    """Whether `labels` (the header's over columns no name took) are a term table's with one blank: two or
    more tenors of one rate ("1W", "euribor_3m") and a column whose name is lost ("Date,1W,,3M,6M")."""
    terms = [tenor_days(label) for label in labels if label.strip()]
    return len(terms) < len(labels) and len(terms) >= _LEAST_TENORS and None not in terms \
        and len({term[0] for term in terms if term}) == 1


def term_table(names: Sequence[str], types: Sequence[ColumnType], canonical: Sequence[str | None],
               body: Sequence[Sequence[str]], decimal: str, thousands: str | None,
               file_name: str = "") -> dict[int, tuple[str, int]]:
    """Of a table of a date and columns named by a rate's tenors alone (two or more, of one rate, each
    term longer than the one left of it: "Date,1W,1M,3M,6M,12M", "quote_date,euribor_1w,euribor_1m"),
    each column's series (the rate's name and the term, tenor_ticker, or the term alone where the file's name
    names the rate: normalisation names it, as a file borrowing this one's schema is named) and the units its
    rate is for (one), as
    marked_tickers.rate_table gives a table of currencies: each tenor's fixings are a series, as an
    analyst reads a Euribor, SONIA or SOFR term table. Refused as "no close column" before. {} otherwise,
    and where a number is at or below zero or a percent no rate is (MOST_RATE): the table's returns
    over so many months, or a curve of swap rates below zero, are no prices; and where neither the header
    nor the file's name (`file_name`) names the rate (rate_named)."""
    if "date" not in canonical or any(m is not None for m in canonical if m != "date"):
        return {}
    others = [j for j, m in enumerate(canonical) if m != "date"]
    terms = [tenor_days(names[j]) for j in others]
    if len(others) < _LEAST_TENORS or None in terms or len({rate for rate, _ in terms}) > 1 \
            or any(a[1] >= b[1] for a, b in zip(terms, terms[1:])) \
            or any(types[j].type not in ("integer", "float") for j in others):
        return {}
    named = rate_named(terms[0][0])  # by the header, else by the file's name: its series named on loading
    if (named is None if terms[0][0] else rate_named(base_name(file_name)) is None):
        return {}
    d = canonical.index("date")
    cells = [[row[j] if j < len(row) else "" for row in body] for j in others]
    if not fixings(cells, [row[d] for row in body if d < len(row)], types[d].format or "", decimal, thousands):
        return {}
    return {j: (tenor_ticker(named, names[j]) if named else names[j].strip(), 1) for j in others}


def fixings(series: Sequence[Sequence[str]], dates: Sequence[str], date_format: str, decimal: str,
            thousands: str | None) -> bool:
    """Whether the cells of each of `series` (a tenor's each), on rows dated `dates`, are a rate's daily
    fixings: every number above zero and below a percent no rate is (MOST_RATE), the rows days apart
    (_DAILY) and moving by hundredths. A table's returns over so many months, month by month or day by day,
    move by points (moves.jumps_as_counts); a curve of swap rates goes below zero."""
    values: list[list[float]] = []
    for cells in series:
        own = [to_float(cell, decimal, thousands) or 0 for cell in cells if not is_null(cell)]
        if not all(0 < v < MOST_RATE for v in own):
            return False
        values.append(own)
    return 0 < (row_days(dates, date_format) or 0) <= _DAILY \
        and not jumps_as_counts(values, RATES, False, dates, date_format)
