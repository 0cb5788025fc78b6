"""Infer one strptime format for a column of date or timestamp strings, day/month order from the data
(month names of other languages: a tagged format, month_names.py)."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from functools import lru_cache
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from itertools import repeat
from operator import itemgetter

from .filename import NamedMonth
from .format_regex import THAI_WORD
from .joined import SEP, joined
from .month_names import (BE, BE_OFFSET, BE_YEARS, ROC, TAG, WEEKDAY_NAMES, for_strptime, language_of, month_number,
                          pivot_year, weekday_language, weekday_numbers)

_MONTHS_ABBR = {m: i + 1 for i, m in enumerate("jan feb mar apr may jun jul aug sep oct nov dec".split())}
_MONTHS_FULL = {
    m: i + 1
    for i, m in enumerate(
        "january february march april may june july august september october november december".split()
    )
}
# What strptime's %a and %A read: each English day's first and last spelling (month_names.py).
_DAYS_ABBR = {names.split()[0] for names in WEEKDAY_NAMES["en"]}
_DAYS_FULL = {names.split()[-1] for names in WEEKDAY_NAMES["en"]}

# A dash may join a time with its minutes to the date: "1971.01.04-00:00", MetaTrader's bars as some
# tools write them out (refused, "check its date format"). Not before an hour alone: "2024.01.02-5".
# The half of the day may be dotted, as AP style and Canadian and Australian exports write it
# ("9:30 a.m."): %p, which month_names.for_strptime and the loader (normalisation/parse.py) read so
# after dropping the dots. Unread, such a column of timestamps was typed text.
# The hour alone may stand, its half of the day after a dash: CryptoDataDownload's hourly bars
# ("2019-10-17 09-AM"). Unread, the column was no date, and the file refused to "check its date
# format" when its rows are hourly bars (each rejected as one, named so, once read).
# The minutes may stand unpadded after a blank: Excel's "h:m", a CSV saved again from Excel
# ("2/28/2023 0:0", CryptoDataDownload's Gemini daily file). Unread, the file was refused.
_TIME = (
    r"(?:(?P<tsep>[ T]|, |  |-(?=\d{1,2}:\d{2}))(?P<H>\d{1,2})(?::(?P<M>\d{1,2})"
    r"(?::(?P<S>\d{2})(?P<frac>[.,]\d{1,9})?)?"
    r"(?P<ampm> ?[AaPp](?:[Mm]|\.[Mm]\.))?|(?P<hour>-[AaPp][Mm]))"
    r"(?P<tz> ?(?:Z|[+-]\d{2}(?::?\d{2})?|(?:UTC|GMT)(?:[+-]\d{2}:?\d{2})?))?)?$"
)
_WD = r"(?:(?P<wd>[^\W\d_]{2,9})(?P<wdsep>\.?,? ))?"
# Letters, accented ones too ("Mär", "févr", "août"), or a Thai word with its marks and inner dots ("พ.ค.").
_MON = r"(?P<mon>[^\W\d_]{3,10}|" + THAI_WORD + ")"
_SHAPES = (
    # A weekday name may lead it ("Mo, 04.01.2021") or follow it in brackets ("2024/01/05(金)").
    # A blank may follow each separator: Investing.com's Korean "2024- 01- 05", Czech "5. 1. 2024".
    ("num", re.compile(r"^(?:(?P<wd>[^\W\d_]{1,10})(?P<wdsep>\.?,? ))?(?P<a>\d{1,4})(?P<s>[-/.] ?)(?P<b>\d{1,2})(?P=s)"
                       r"(?P<c>\d{1,4})(?P<wds> ?[(（][^\W\d_]{1,3}\.?[)）]|,[^\W\d_]{1,3})?" + _TIME)),
    # "12-Mar-2021", "03.Okt.2020", "12. März 2021", "21 Mar  2012": a run of spaces reads as one.
    # Spanish and Portuguese join the parts with "de": "2 de enero de 2024", "2 de janeiro de 2024".
    ("dmy", re.compile(_WD + r"(?P<a>\d{1,2})(?P<s>[-/.]| de |\.? +)" + _MON + r"(?P<dot>\.?)(?P<s2>[-/.]| de | +)"
                       r"(?P<c>\d{4}|\d{2})" + _TIME)),
    # SAS's DATE9. and Stata's %td run the parts together: "02JAN2024", "01jan2019"; SAS's
    # DATETIME20. then a colon and the time: "02JAN2024:10:15:00".
    ("dmy", re.compile(r"^(?P<wd>)(?P<wdsep>)(?P<a>\d{2})(?P<s>)(?P<mon>[A-Za-z]{3})(?P<dot>)(?P<s2>)(?P<c>\d{4}|\d{2})"
                       + _TIME.replace("[ T]", "[ T:]", 1))),
    ("mdy", re.compile(_WD + _MON + r"(?P<dot>\.?)(?P<s>[/-]| +)(?P<a>\d{1,2})(?P<s2>, *|[/-]| +)"
                       r"(?P<c>\d{4})" + _TIME)),
    ("ymd", re.compile(r"^(?P<c>\d{4})(?P<s>[-/ ])(?P<mon>[^\W\d_]{3})(?P=s)(?P<a>\d{1,2})" + _TIME)),
    # C's asctime, Unix date and Python's ctime ("Wed Oct 10 20:19:24 2018", a day below 10 padded
    # with a blank), and Twitter's created_at with its offset ("Wed Oct 10 20:19:24 +0000 2018"): the
    # time between the day and the year. Tweet exports are the commonest table of them; unread, their
    # timestamps were typed text.
    ("ctime", re.compile(r"^(?P<wd>[A-Za-z]{3}) (?P<mon>[A-Za-z]{3}) {1,2}(?P<a>\d{1,2}) (?P<H>\d{2}):(?P<M>\d{2})"
                         r":(?P<S>\d{2})(?P<tz> (?:[+-]\d{4}|UTC|GMT))? (?P<c>\d{4})$")),
    ("compact", re.compile(r"^(?P<c>(?:1[89]|2[01])\d{2})(?P<b>0[1-9]|1[0-2])(?P<a>0[1-9]|[12]\d|3[01])" + _TIME)),
    # Chinese and Japanese "2021年3月1日", Korean "2021년 3월 1일": year, month and day by their signs.
    ("cjk", re.compile(r"^(?P<c>\d{4})(?P<s>年|년 ?)(?P<b>\d{1,2})(?P<s2>月|월 ?)(?P<a>\d{1,2})(?P<s3>日|일)" + _TIME)),
    # The compact date run into its time: "202103011530" (%Y%m%d%H%M), "20210301153000" (and %S),
    # or a space apart: "20210301 153000" (HistData's FX files); to the hour alone, "2025011900"
    # (%Y%m%d%H: DWD's hourly MESS_DATUM, weather models' run times).
    ("stamp", re.compile(r"^(?P<c>(?:1[89]|2[01])\d{2})(?P<b>0[1-9]|1[0-2])(?P<a>0[1-9]|[12]\d|3[01])"
                         r"(?P<tsep> ?)(?P<H>[01]\d|2[0-3])(?:(?P<M>[0-5]\d)(?P<S>[0-5]\d)?)?$")),
    # Months of a monthly series, read as their first day: "2024-01", "01/2024", "Jan-2024", "März
    # 2021", Excel's mmm-yy "Jan-24". Not with a dot: "1.2019" is a number (an exchange rate), and
    # not "Mar 12" with a blank, a day in some exports. A statistics office's "1960M01" (the World
    # Bank's Pink Sheet, the IMF's and Eurostat's series) is a month too.
    ("ym", re.compile(r"^(?P<c>(?:1[89]|2[01])\d{2})(?P<s>[-/M])(?P<b>0[1-9]|1[0-2])$")),
    ("my", re.compile(r"^(?P<b>0?[1-9]|1[0-2])(?P<s>/)(?P<c>(?:1[89]|2[01])\d{2})$")),
    ("month", re.compile(r"^" + _MON + r"(?P<dot>\.?)(?P<s>[-/ ])(?P<c>\d{4}|(?<=-)\d{2})$")),
)


# What every shape above starts with (a superset): most values that are no date (prices, names)
# fail this one test instead of all five shapes. Every run of letters or digits is followed by a
# separator (',', ' ', '.', '-', '/'), which no character of the run is: giving back part of it
# never leads to a match, and the runs are possessive, which spares a price or a ticker the
# backtracking through every shorter run (some 2-3x the cost of the test).
_MAYBE_DATE = re.compile(
    r"(?:[^\W\d_]{2,9}+\.?,? )?(?:\d{1,2}+(?:[-/.]|\.? +)[^\W\d_]|[^\W\d_]{3,10}+\.?(?:[/-]| +)\d)"
    # "2021-03", "03/2021": a month, the cell ending after it.
    rf"|(?:[^\W\d_]{{1,10}}+\.?,? )?\d{{1,4}}+(?:[-/.] ?\d{{1,2}}[-/.]|[-/]\d{{2,4}}+(?![^{SEP}]))"
    r"|\d{4}[-/ ][^\W\d_]|(?:1[89]|2[01])\d{6}|\d{4}[年년]|\d{2}[A-Za-z]{3}\d{2}|\d{4}M\d\d"
    # A Thai month's name before its year ("มิ.ย. 2568"): marks and dots inside it, no run of letters.
    + "|" + THAI_WORD + r"\.?[-/ ]\d"
)

_MAYBE_DATE_JOINED = re.compile(f"{SEP}(?:{_MAYBE_DATE.pattern})")  # at the start of a NUL-joined cell
DATE_PROBE = 12  # the first values infer_date_format looks at for a start of a date


@dataclass
class DateGuess:
    type: str  # "date" | "timestamp"
    format: str
    fraction: float  # share of the values that parse with `format`
    confidence: float


FOREIGN = "*"  # the style of a month name strptime cannot read: another language's (month_names.py)


def _month_style(mon: str) -> str | None:
    m = mon.lower()
    if m in _MONTHS_ABBR:
        return "%b"
    if m in _MONTHS_FULL:
        return "%B"
    return FOREIGN if month_number(m) is not None else None


def _seps(name: str, g: dict) -> tuple[str, str | None] | None:
    """The separators of a named date, a run of spaces read as one; None when they disagree
    ("12-Mar/2021"). Day first, a dot and spaces may follow the day ("12. März 2021")."""
    s, s2 = g["s"], g.get("s2")
    if name == "mdy":
        s2 = (", " if s2.startswith(", ") else ",") if s2.startswith(",") else s2[0]
        return s[0], s2
    if name == "month":
        return s, None
    if name == "dmy":
        if s == " de " or s2 == " de ":
            return (s, s) if s2 == s else None
        if s.endswith(" "):
            return (". " if s[0] == "." else " ", " ") if s2[0] == " " else None
        return (s, s) if s2 == s else None
    return s, s2


def _weekday_key(g: dict) -> tuple | None | bool:
    """How a numeric date's weekday name is written ("Mo, ": before it; "(金)": after it, in
    brackets, or ",二" after a comma): (where, the characters around it); None without one; False when the word is no
    weekday of a language month_names.py knows."""
    if g["wd"]:
        language = weekday_language(g["wd"])
        return ("before", g["wdsep"], language) if language else False
    if g["wds"] and g["wds"][0] == ",":  # Tonghuashun's "2024-01-02,二"
        language = weekday_language(g["wds"][1:])
        return ("after", (",", ""), language) if language else False
    if g["wds"]:
        brackets = g["wds"].strip()
        language = weekday_language(brackets[1:-1])
        return ("after", (g["wds"][:-len(brackets)] + brackets[0], brackets[-1]), language) if language else False
    return None


def _time_key(g: dict) -> tuple | None:
    # Without the fraction of seconds: an export may write one only when it is not zero (Python's
    # isoformat: "10:00:00+02:00" beside "10:13:00.417+02:00"), and one format reads both
    # (_fraction_mark, strptime_year; normalisation drops fractions).
    if not g.get("H"):
        return None
    if g.get("hour"):  # "09-AM": the mark before the half of the day is the dash (_time_format)
        return (g["tsep"], False, "-", True, _tz_key(g["tz"]))
    return (g["tsep"], bool(g["S"]), g["ampm"] and g["ampm"][0] == " ", bool(g["ampm"]), _tz_key(g["tz"]))


def _fraction_mark(groups: Iterable[dict]) -> str | None:
    """The mark before the fractions of seconds of a column's values ("." or ","), None without any."""
    return next((g["frac"][0] for g in groups if g.get("frac")), None)


def _tz_key(tz: str | None) -> str | None:
    if not tz:
        return None
    sp = " " if tz.startswith(" ") else ""
    zone = tz.strip()
    if zone in ("UTC", "GMT"):
        return sp + "%Z"
    # An offset from GMT ("GMT+0100": Dukascopy's "Local time" exports) is the zone's name and its offset.
    return sp + (zone[:3] if zone[:3] in ("UTC", "GMT") else "") + "%z"


def _time_format(key: tuple | None, frac: str | None = None) -> str:
    if key is None:
        return ""
    tsep, has_s, ampm_space, ampm, tz = key
    if ampm_space == "-":  # the hour alone (_time_key)
        return tsep + "%I-%p" + (tz or "")
    fmt = tsep + ("%I" if ampm else "%H") + ":%M"
    if has_s:
        fmt += ":%S"
        if frac:
            fmt += frac + "%f"
    if ampm:
        fmt += (" " if ampm_space else "") + "%p"
    return fmt + (tz or "")


@lru_cache(maxsize=1 << 16)  # a date column repeats its values (a daily file holds one date)
def shape(value: str) -> tuple[tuple, dict] | None:
    """(shape key, regex groups) of a date-like value, None when it looks like no date.
    Cached: callers must not change the groups."""
    if not _MAYBE_DATE.match(value):
        return None
    for name, rx in _SHAPES:
        m = rx.match(value)
        if not m:
            continue
        g = m.groupdict()
        if name == "num":
            la, lc = len(g["a"]), len(g["c"])
            if la == 4 and len(g["b"]) <= 2 and lc <= 2:
                order = "Y"  # year first
            elif la <= 2 and lc in (2, 4):
                order = "y2" if lc == 2 else "y4"  # year last
            elif la == 3 and g["a"][0] == "1" and len(g["b"]) <= 2 and lc <= 2 and not g["wd"] and not g["wds"]:
                order = ROC  # a Minguo year: 113 is 2024 ("113/01/02", TWSE)
            else:
                continue
            wdk = _weekday_key(g)
            if wdk is False:
                continue
            key = ("num", g["s"], order, _time_key(g), wdk)
        elif name == "compact":
            key = ("compact", _time_key(g))
        elif name == "cjk":
            key = ("cjk", g["s"], g["s2"], g["s3"], _time_key(g))
        elif name == "stamp":
            key = ("stamp", bool(g["S"]), g["tsep"], bool(g["M"]))
        elif name in ("ym", "my"):
            key = (name, g["s"])
        elif name == "ctime":
            if g["wd"].lower() not in _DAYS_ABBR or g["mon"].lower() not in _MONTHS_ABBR:
                continue  # strptime's %a and %b read English names only
            key = ("ctime", _tz_key(g["tz"]))
        else:
            style = _month_style(g["mon"])
            seps = _seps(name, g)
            if style is None or seps is None:
                continue
            wd = g.get("wd")
            wdk = None
            if wd:
                w = wd.lower()
                # Another language's weekday ("lun. 4 janv. 2021") is dropped with the tag of its
                # month names (month_names.numeric_value); English ones strptime reads.
                english = "%a" if w in _DAYS_ABBR else "%A" if w in _DAYS_FULL else None
                if english is None and weekday_language(w) is None:
                    continue
                wdk = (english or "%a", g["wdsep"])
            key = (name, seps[0], seps[1], style, g.get("dot"), len(g["c"]), wdk, _time_key(g))
        return key, g
    return None


# How far a file's values may lie from the date in its name for the name to vouch for a reading
# (a drop named by its delivery day may hold the last trading day before a long weekend).
NAME_DATE_WINDOW_DAYS = 4
_NAME_CERTAINTY = 0.8  # the name settled the order: better than a guess, short of the data's proof
GUESSED_ORDER_CERTAINTY = 0.5  # neither values nor name settled it: the separator's custom did


def name_vouches(file_date: date | NamedMonth, day: date) -> bool:
    """Whether a day lies where the file's name puts it (filename.named_days): within the window around
    its date, or in its month."""
    if isinstance(file_date, NamedMonth):
        return file_date.holds(day)
    return abs((day - file_date).days) <= NAME_DATE_WINDOW_DAYS


def name_vouches_all(values: Sequence[str], fmt: str, file_date: date | NamedMonth) -> bool:
    """Whether every one of `values` read with `fmt` lies where the file's name puts it (name_vouches):
    a guessed order the name agrees with is the name's."""
    try:
        days = {datetime.strptime(*for_strptime(value, fmt)).date() for value in values}
    except ValueError:
        return False
    return bool(days) and all(name_vouches(file_date, day) for day in days)


def _fits_name(a: list[int], b: list[int], years: list[int], file_date: date | NamedMonth) -> bool:
    """Every value read as month `a`, day `b` lies where the file's name puts it (name_vouches)."""
    try:  # each distinct value once: a daily drop repeats one date in every row
        return all(name_vouches(file_date, date(y, m, d)) for m, d, y in set(zip(a, b, years)))
    except ValueError:
        return False  # an impossible date under this reading (02/30): it is not the one


def _name_order(a: list[int], b: list[int], groups: list[dict], two_digit_year: bool,
                file_date: date | NamedMonth) -> bool | None:
    """True (day first) or False (month first) when exactly one reading matches the file's name date."""
    years = _years(groups, two_digit_year)
    month_first, day_first = _fits_name(a, b, years, file_date), _fits_name(b, a, years, file_date)
    return day_first if month_first != day_first else None


def _ints(groups: list[dict], name: str) -> list[int]:
    """The regex group `name` of each value, as a number. A column repeats its days, months and
    years: each distinct one is converted once, and the rest is a lookup in C."""
    digits = list(map(itemgetter(name), groups))
    number = {d: int(d) for d in set(digits)}
    return list(map(number.__getitem__, digits))


def _years(groups: list[dict], two_digit_year: bool) -> list[int]:
    """The dates' years as the Gregorian calendar counts them: a Buddhist-era year ("02/01/2567") is 543
    ahead, and its weekdays, steps and name's date are those of 2024. Read as the year 2567, Tuesday to
    Friday 2 to 5 January made no run of trading days, and the file loaded month first (1 February on)."""
    years = _ints(groups, "c")
    if two_digit_year:
        return [pivot_year(y) for y in years]
    return [y - BE_OFFSET if y in BE_YEARS else y for y in years] if max(years) >= BE_YEARS.start else years


def _weekday_run(days: Sequence[int]) -> list[int] | None:
    """Day numbers (date.toordinal) without repeats (a day repeats per ticker), when they are in
    order (either way) and every one a weekday; else None."""
    run = [d for i, d in enumerate(days) if i == 0 or d != days[i - 1]]
    steps = [b - a for a, b in zip(run, run[1:])]
    if not (all(s > 0 for s in steps) or all(s < 0 for s in steps)):
        run = _stacked_run(run)
        if run is None:
            return None
    return run if all((d - 1) % 7 < 5 for d in run) else None  # ordinal 1 (0001-01-01) was a Monday


def _stacked_run(run: list[int]) -> list[int] | None:
    """The days of a file whose tickers' rows come a block after another, each block in order and
    over the first block's days ("02/01, 03/01, 06/01" for one ISIN, then again for the next): their
    distinct days, in that order. None unless every block holds two days or more, all run one way and
    each starts again within the first, half its days or more the first's (tickers trade on the same
    days; a register in no order of time makes short, scattered runs of days of its own)."""
    blocks, ascending = [[run[0]]], None
    for a, b in zip(run, run[1:]):
        way = b > a
        if ascending is None:
            ascending = way
        if way == ascending:
            blocks[-1].append(b)
        else:
            blocks.append([b])
    first = blocks[0]
    lo, hi, days = min(first), max(first), set(first)
    if len(blocks) < 2 or len(first) < 2 or any(
            len(block) < 2 or not lo <= block[0] <= hi or 2 * sum(d in days for d in block) < len(block)
            for block in blocks[1:]):
        return None
    return sorted({d for block in blocks for d in block}, reverse=not ascending)


def weekdays_between(a: int, b: int) -> int:
    """How many weekdays lie strictly between two day numbers (date.toordinal), either way round."""
    lo, hi = sorted((a, b))
    return sum((d - 1) % 7 < 5 for d in range(lo + 1, hi))


def trading_days(days: Sequence[int], min_days: int = 5) -> bool:
    """Day numbers (date.toordinal) that read as a run of trading days: at least `min_days`
    distinct, in order (either way), every one a weekday, and a weekend skipped at least once (a
    step of at most five days into another week). Gaps may be longer (a sample's head and tail).
    Sorted counters and codes (31001, 31003, ...; 40000, 40001, ...) land on weekends."""
    run = _weekday_run(days)
    if run is None or len(run) < min_days:
        return False
    return any(abs(b - a) <= 5 and (a - 1) // 7 != (b - 1) // 7 for a, b in zip(run, run[1:]))


def _num_order(groups: list[dict], sep: str, order: str,
               file_date: date | NamedMonth | None = None) -> tuple[str, float]:
    """Format of the date part of numeric dates, using the values to decide day vs month;
    `file_date` (the date or month in the file's name) only when no value above 12 decides it."""
    if order == "Y":
        bs = _ints(groups, "b")
        cs = _ints(groups, "c")
        swap = max(bs) > 12 and max(cs) <= 12
        return (f"%Y{sep}%d{sep}%m" if swap else f"%Y{sep}%m{sep}%d"), 1.0
    year = "%y" if order == "y2" else "%Y"
    a = _ints(groups, "a")
    b = _ints(groups, "b")
    if order == "y2" and _named_year_first(a, b, _ints(groups, "c"), groups):
        return f"%y{sep}%m{sep}%d", 1.0
    if order == "y2" and _two_digit_year_first(a, b, _ints(groups, "c")):
        return f"%y{sep}%m{sep}%d", _YEAR_FIRST_CERTAINTY
    a_day, b_day = max(a) > 12, max(b) > 12
    named = None
    if file_date is not None and not (a_day or b_day):
        named = _name_order(a, b, groups, order == "y2", file_date)
    if a_day != b_day:
        dayfirst, certainty = a_day, 1.0
    elif not (a_day or b_day) and (named_day := _weekday_order(a, b, groups, order == "y2")) is not None:
        # "Mon 08/01/2001" is 8 January: 1 August 2001 was a Wednesday. The names prove the order
        # where no value above 12 does; read month first, a one-day file loaded seven months off.
        dayfirst, certainty = named_day, 1.0
    elif named is not None and not isinstance(file_date, NamedMonth):
        # A single-day drop repeats one date in every row: its name is the only evidence there is.
        dayfirst, certainty = named, _NAME_CERTAINTY
    elif (steady := _steady_part(a, b)) is not None:
        dayfirst, certainty = _steady_order(steady, a, b, groups, sep, order == "y2")
    elif (even := _even_reading(a, b, _years(groups, order == "y2"))) is not None:
        # Neither part steady, none above 12: a monthly series dated on each month's first trading
        # day ("02/01/2020, 03/02/2020, 02/03/2020, ... 04/01/2021") steps a month at a time read
        # one way only; by the counting below its day, moving every row, was taken for the month.
        dayfirst, certainty = even, _EVEN_STEPS_CERTAINTY
    else:
        # No value above 12 in either position (or in both: mixed data): the day changes more often
        # from one row to the next than the month does in any chronological export, by far (a
        # fortnightly series' month changes every other row). Not by a few changes: rows in no
        # order of time (a table of people's sign-up days, of orders by customer) change both
        # parts nearly every row, and which changed a few times more is chance. Taken for proof
        # (0.7), a register of such dates loaded month first, each a wrong day. Before either, the
        # one reading that puts the dates in order of time (_ordered_reading), as a file is kept.
        ch_a = sum(1 for x, y in zip(a, a[1:]) if x != y)
        ch_b = sum(1 for x, y in zip(b, b[1:]) if x != y)
        if (in_order := _ordered_reading(a, b, _years(groups, order == "y2"))) is not None:
            dayfirst, certainty = in_order, 0.7
        elif (weekdays := _weekday_reading(a, b, _years(groups, order == "y2"))) is not None:
            # Before the changes are counted: they count a file kept in order of time, not one sorted
            # as text, whose first part changes least whichever it is.
            dayfirst, certainty = weekdays, 0.7
        elif (one_month := _one_month_reading(a, b, _years(groups, order == "y2"))) is not None:
            # Before the changes are counted: they count a daily file's, and a monthly series dated on
            # the first with a few rows keyed otherwise moves its month every row.
            dayfirst, certainty = one_month, 0.7
        elif ch_a != ch_b and min(ch_a, ch_b) <= _FEWER_MONTH_CHANGES * max(ch_a, ch_b):
            dayfirst, certainty = ch_a > ch_b, 0.7
        else:
            # Nothing in the data decides: '/' is most often US month-first, '.' and '-' day-first. Or the
            # month the file's name writes year first (filename.NamedMonth), a guess still: its siblings' proof
            # settles it (an office's batch_2024_05.csv of 5 March, "05/03/2024", read 3 May beside batches
            # proving day first), no reading of its source's one-day files read together does (pooled_order.py).
            dayfirst = named if named is not None else _custom_day_first(sep, groups, order)
            certainty = GUESSED_ORDER_CERTAINTY
    first, second = ("%d", "%m") if dayfirst else ("%m", "%d")
    return f"{first}{sep}{second}{sep}{year}", certainty


# At most this share of the day's changes from row to row are the month's, in a column of dates in order.
_FEWER_MONTH_CHANGES = 0.6
# Read year first by the run its dates make, not by any value: short of the proof a day above 12 gives.
_YEAR_FIRST_CERTAINTY = 0.9


def _weekday_order(a: list[int], b: list[int], groups: list[dict], two_digit_year: bool) -> bool | None:
    """True (day first) or False (month first) when the weekday names the dates carry ("Mon 08/01/2001",
    "2024/01/05(金)") agree with one reading only; None without names, or when both or neither agree."""
    words = _weekday_words(groups)
    if words is None:
        return None
    fits = [True, True]  # month first, day first
    for m, d, y, w in set(zip(a, b, _years(groups, two_digit_year), words)):
        days = weekday_numbers(w)
        for k, (mm, dd) in enumerate(((m, d), (d, m))):
            try:
                fits[k] = fits[k] and date(y, mm, dd).weekday() in days
            except ValueError:
                fits[k] = False
    return fits[1] if fits[0] != fits[1] else None


def _weekday_words(groups: list[dict]) -> list[str] | None:
    """The weekday name each date carries ("Mon 08/01/2001", "24/01/05(金)"), None where one has none."""
    if not (groups[0].get("wd") or groups[0].get("wds")):
        return None  # the common case, decided by the first value: no names
    words = [g.get("wd") or (g.get("wds") or "").strip().lstrip(",(（").rstrip(")）") for g in groups]
    return words if all(words) else None


def _named_year_first(a: list[int], b: list[int], c: list[int], groups: list[dict]) -> bool:
    """Whether the weekday names two-digit-year dates carry fit them read yy/mm/dd only, not dd/mm/yy nor
    mm/dd/yy: "24/01/05(金)" is Friday 5 January 2024 (24 January 2005 was a Monday). Few rows make no
    run of trading days for _two_digit_year_first, and the names were read the other way, without a word."""
    words = _weekday_words(groups)
    if words is None:
        return False
    readings = ((a, b, c), (c, b, a), (c, a, b))  # (years, months, days): yy/mm/dd, dd/mm/yy, mm/dd/yy
    fits = []
    for years, months, days in readings:
        ok = True
        for y, m, d, w in set(zip(years, months, days, words)):
            try:
                ok = date(pivot_year(y), m, d).weekday() in weekday_numbers(w)
            except ValueError:
                ok = False
            if not ok:
                break
        fits.append(ok)
    return fits[0] and not any(fits[1:])


def _two_digit_year_first(a: list[int], b: list[int], c: list[int]) -> bool:
    """Whether "24/01/19" is yy/mm/dd (Japanese sites: kabutan, minkabu), the last part the day:
    read so, the dates run through trading days (trading_days) where read year last they do not.
    Taken for dd/mm/yy, a January of kabutan's rows were each the 24th of a year from 2004 to
    2019, half of them weekends."""
    if sum(x != y for x, y in zip(c, c[1:])) <= sum(x != y for x, y in zip(a, a[1:])):
        return False  # the last part moves no more than the first: the usual reading's day
    first = _ordinals(a, b, c)
    if first is None:
        return False
    others = [days for days in (_ordinals(c, b, a), _ordinals(c, a, b)) if days is not None]
    if trading_days(first):
        return not any(trading_days(days) for days in others)
    if len(set(b)) > 1 and _CENTURY_START <= min(first) <= max(first) <= date.today().toordinal() \
            and _daily_share(first) >= _DAILY_SHARE and all(_daily_share(days) <= 1 - _DAILY_SHARE for days in others):
        # A run of days that trading_days cannot take for a week's (Moscow's working Saturdays, Riyadh's
        # Sunday-to-Thursday, coins' seven days, pages of a fund's history appended out of order) still
        # steps a day or a weekend at a time read year first, where read year last each step is a year or
        # more: "10/01/11, 10/01/12, ..., 10/02/27" had loaded as the 1st of October 2011 to 2029. Not
        # where the month part never moves: "15/06/10, 15/06/11, 15/06/12" may as well be an annual series;
        # nor last century's: TWSE's "93/02/11" is Minguo 93, 2004 (minguo.py), read so with the evidence only.
        return True
    # A week's rows or fewer ("24.01.15" to "24.01.19") make no run with a weekend skipped: consecutive
    # weekdays up to today read year first, where read year last each row is a year on and one falls on
    # a weekend, do. Read day first, such a week had loaded as the 24th of January of five years, two rejected.
    # Not when read year last each row is the first of a month: "01.01.16, 01.01.17, ..." is an annual
    # series dated on New Year's Day (or a monthly one on each first), whose years read as days made a
    # week of 2001 (2001-01-16 to 2001-01-19) without a word. A week of kabutan's is dated on any day.
    return _few_weekdays(first) and not any(_weekday_run(days) for days in others) and not _firsts_of_months(a)


# The share of a daily file's steps (between distinct dates) that span a day, a weekend or a holiday
# beside one, allowing a sample's jumps and a history's pages appended out of order.
_DAILY_SHARE = 0.8
_DAILY_STEPS = 5  # fewer steps than this prove no run of days


def _daily_share(days: Sequence[int] | None) -> float:
    """The share of steps between distinct dates (date.toordinal, in file order) of four days or fewer;
    0 for no dates or too few steps to tell."""
    steps = [abs(y - x) for x, y in zip(days or (), (days or ())[1:]) if x != y]
    return sum(s <= 4 for s in steps) / len(steps) if len(steps) >= _DAILY_STEPS else 0.0


def _firsts_of_months(days: Sequence[int]) -> bool:
    """Whether the first part of every two-digit-year date, read as its day, is the 1st."""
    return all(d == 1 for d in days)


_FEW_DAYS = 4  # distinct days a week's run needs: fewer, an annual series reads as days as often
_CENTURY_START = date(2000, 1, 1).toordinal()


def _few_weekdays(days: Sequence[int]) -> bool:
    """Whether day numbers (date.toordinal) are at least _FEW_DAYS distinct weekdays in order, of this
    century up to today, each but one a trading day's step from the last (a weekend and a holiday: at most
    four days; the one, a sample's head to its tail). Not the last century's: "83/09/05" may as well be
    Taiwan's Minguo 83, 1994 (minguo.py), and a week of it is too few to tell."""
    run = _weekday_run(days)
    if run is None or len(run) < _FEW_DAYS or not _CENTURY_START <= min(run) <= max(run) <= date.today().toordinal():
        return False
    return sum(abs(y - x) > 4 for x, y in zip(run, run[1:])) <= 1


def _ordinals(years: list[int], months: list[int], days: list[int]) -> list[int] | None:
    """Day numbers (date.toordinal) of two-digit years (strptime's %y pivot), None when one is no date."""
    try:
        return [date(pivot_year(y), m, d).toordinal() for y, m, d in zip(years, months, days)]
    except ValueError:
        return None


def _steady_part(a: list[int], b: list[int]) -> str | None:
    """"a" or "b" when that part keeps one value while the other moves, else None."""
    fixed_a, fixed_b = min(a) == max(a), min(b) == max(b)
    return None if fixed_a == fixed_b else "a" if fixed_a else "b"


def _steady_order(steady: str, a: list[int], b: list[int], groups: list[dict], sep: str,
                  two_digit_year: bool) -> tuple[bool, float]:
    """(day first?, certainty) for values with one part steady and the other moving, none above 12.

    Across a new year, the reading whose dates step evenly decides (_even_reading): a monthly
    series dated on the first ("01/12/1957, 01/01/1958") read month first leaps a year.
    A few days of one month keep the month and move the day ("03/02, 03/03, 03/04"): a steady
    part other than 1 is the month (months are seldom dated on the 5th). Steady at 1 it may also
    be the day of a monthly series, dated on the first ("01.01, 01.02, 01.03"). The moving part
    read as days of January tells them apart: weekdays in order (_january_trading) make it a
    daily run, the reading a price file needs most (a run from 1 January holds New Year's Day,
    which some calendars trade); a monthly series of more than a week reads as weekends too, so
    only up to five months can be taken for days. Otherwise the separator's custom decides, as
    when both parts are steady; dotted dates are written day first so nearly always that two
    weekdays of January are no reason to read "01.02.2020, 01.03.2020" month first."""
    years = _years(groups, two_digit_year)
    if (even := _even_reading(a, b, years)) is not None:
        return even, _EVEN_STEPS_CERTAINTY
    if (a if steady == "a" else b)[0] != 1:
        return steady == "b", 0.7
    order = "y2" if two_digit_year else "y4"
    # Buddhist-era dates, Thailand's, are written day first as dotted ones are: "01/02/2567, 01/03/2567" is
    # the first of February and March, which their years read as 2024's had taken for 2 and 3 January.
    if (sep != "." and (steady == "b" or not _buddhist_era(groups, order))
            and _january_trading(b if steady == "a" else a, years)):
        return steady == "b", 0.7
    if (weekdays := _weekday_reading(a, b, years)) is not None:
        return weekdays, 0.7
    return _custom_day_first(sep, groups, order), GUESSED_ORDER_CERTAINTY


def _custom_day_first(sep: str, groups: list[dict], order: str) -> bool:
    """The order custom writes numeric dates in, where nothing in them decides: month first with '/'
    (the US's), day first with '.' and '-'; and day first in any where the years are Buddhist-era ones:
    Thailand's calendar, whose offices write the day first ("02/01/2567", 2 January 2024)."""
    return sep != "/" or _buddhist_era(groups, order)


# Read by the steps its dates make across a new year, not by any value: short of a day above 12.
_EVEN_STEPS_CERTAINTY = 0.9


def _even_reading(a: list[int], b: list[int], years: list[int]) -> bool | None:
    """True (day first) or False (month first) when only one reading makes the dates a series in
    order with even steps, as a monthly or quarterly series dated on a fixed day makes: "01/12/1957,
    01/01/1958, 01/02/1958" read day first steps a month at a time, read month first it runs 12
    January 1957, then 1 and 2 January 1958, a year's leap among steps of a day. Only a series that
    crosses a new year tells them apart: within one year both readings step evenly (a daily run
    from "03/02" to "03/04" is also one of 3 February, 3 March and 3 April)."""
    if len(set(years)) < 2:
        return None
    even = [_even_steps(months, days, years) for months, days in ((a, b), (b, a))]
    return even[1] if even[0] != even[1] else None


def _even_steps(months: list[int], days: list[int], years: list[int]) -> bool:
    """The distinct dates, in row order, run one way with no step more than twice another."""
    steps = _steps_in_order(months, days, years)
    if steps is None:
        return False
    sizes = [abs(s) for s in steps]
    return max(sizes) <= 2 * min(sizes)


def _steps_in_order(months: list[int], days: list[int], years: list[int]) -> list[int] | None:
    """The steps in days between the distinct dates, in row order (a date repeats per ticker), when
    there are at least two and they all run one way; else None (or when a part is no month or day)."""
    try:
        run = [date(y, m, d).toordinal() for y, m, d in zip(years, months, days)]
    except ValueError:
        return None
    run = [d for i, d in enumerate(run) if i == 0 or d != run[i - 1]]
    steps = [y - x for x, y in zip(run, run[1:])]
    if len(steps) >= 2 and not (all(s > 0 for s in steps) or all(s < 0 for s in steps)):
        # Each ticker's rows a block of their own, each in order (_stacked_run): their dates' steps.
        stacked = _stacked_run(run)
        steps = [] if stacked is None else [y - x for x, y in zip(stacked, stacked[1:])]
    if len(steps) < 2 or not (all(s > 0 for s in steps) or all(s < 0 for s in steps)):
        return None
    return steps


def _ordered_reading(a: list[int], b: list[int], years: list[int]) -> bool | None:
    """True (day first) or False (month first) when only one reading puts the dates in order of
    time, either way: a file kept in date order, oldest or newest first, whose dates are few a
    month ("02/01, 09/01, 05/02, 04/03, 11/03": both parts move nearly every row, so which moves
    more tells nothing). Read the other way they leap back and forth ("9 February, 2 May, 4 March").
    Rows in no order of time read in order neither way, and are left to the separator's custom;
    so are fewer than five distinct dates, which fall in order by chance too often (one in 12 of four)."""
    in_order = [len(_steps_in_order(months, days, years) or ()) >= _FEWEST_ORDERED_STEPS
                for months, days in ((a, b), (b, a))]
    return in_order[1] if in_order[0] != in_order[1] else None


_FEWEST_ORDERED_STEPS = 4


# Trading days are weekdays: read the wrong way, days of a market's prices land on weekends about two in
# seven. Dates none above 12 in no order of time (a file sorted as text: "01/02/2007, 01/02/2008,
# 01/03/2007", the VN-Index day first) were read month first by the custom of "/", 1 February 2007
# loaded as 2 January. Not below ten distinct dates: the wrong reading of fewer falls on weekdays
# alone too often (one in 30 of ten), and a register's or a week-long series' days may do either.
_WEEKDAY_DATES = 10
_WEEKEND_SHARE = 1 / 7  # of the dates, the fewest (and two) the other reading must put on weekends


def _weekday_reading(a: list[int], b: list[int], years: list[int]) -> bool | None:
    """True (day first) or False (month first) when one reading puts every distinct date on a weekday
    and the other puts a seventh of them or more (two at least) on Saturdays and Sundays; else None."""
    weekends = []
    for months, days in ((a, b), (b, a)):  # month first, then day first
        try:
            run = {date(y, m, d).toordinal() for y, m, d in zip(years, months, days)}
        except ValueError:  # a part is no month or day one way: a value above 12 settles it elsewhere
            return None
        if len(run) < _WEEKDAY_DATES:
            return None
        weekends.append((sum((d - 1) % 7 >= 5 for d in run), len(run)))  # ordinal 1 was a Monday
    (month_first, n_m), (day_first, n_d) = weekends
    if month_first == 0 and day_first >= max(2, _WEEKEND_SHARE * n_d):
        return False
    if day_first == 0 and month_first >= max(2, _WEEKEND_SHARE * n_m):
        return True
    return None


# Dates of several years read one way, three in four or more of them in one month of the year: no daily
# series keeps to January year after year. A monthly series dated on the first ("mes": "01/06/2004,
# 01/07/2004, ... 01/01/2005"), a few of its rows keyed otherwise ("02/12/2003"), moved its month every row
# and its day seldom: counted as a daily file's changes, it was read month first and loaded as 6 to 12
# January of each year without a word (real files round 51).
_ONE_MONTH_SHARE = 0.75
_MONTH_STEP = (28, 31)  # days between a monthly series' dates: half its steps or more


def _one_month_reading(a: list[int], b: list[int], years: list[int]) -> bool | None:
    """True (day first) or False (month first) when one reading puts _ONE_MONTH_SHARE or more of the distinct
    dates, of two years or more, in one month of the year and the other does not, but makes them a monthly
    series in order; else None."""
    confined = []
    for months, days in ((a, b), (b, a)):  # month first, then day first
        try:
            run = {date(y, m, d) for y, m, d in zip(years, months, days)}
        except ValueError:  # a part is no month or day one way: a value above 12 settles it elsewhere
            return None
        if len(run) < _WEEKDAY_DATES or len({d.year for d in run}) < 2:
            return None
        confined.append(max(Counter(d.month for d in run).values()) >= _ONE_MONTH_SHARE * len(run))
    if confined[0] == confined[1]:
        return None
    # The other reading must be the monthly series: a register's days of January of several years, in no
    # order, read month first are no series, and had loaded as the first of scattered months without a word.
    steps = _steps_in_order(b, a, years) if confined[0] else _steps_in_order(a, b, years)
    if steps is None or 2 * sum(_MONTH_STEP[0] <= abs(s) <= _MONTH_STEP[1] for s in steps) < len(steps):
        return None
    return confined[0]


def _january_trading(days: list[int], years: list[int]) -> bool:
    """The days of January (in row order) are trading days: in order, all weekdays, and no step
    skipping more than one weekday (a holiday). A quarterly series (1 Jan, 1 Apr, ...: days 1, 4,
    7) skips two, and one across New Year (1 Nov .. 1 Feb: 11, 12, 1, 2 of January) a year."""
    try:
        run = _weekday_run([date(y, 1, d).toordinal() for y, d in zip(years, days)])
    except ValueError:  # year 0 or day 0
        return False
    return run is not None and len(run) > 1 and all(
        abs(b - a) <= 31 and weekdays_between(a, b) <= 1 for a, b in zip(run, run[1:]))


def _buddhist_era(groups: list[dict], order: str) -> bool:
    """Whether the four-digit years of numeric dates are all Buddhist-era ones ("02/01/2567")."""
    part = {"Y": "a", "y4": "c"}.get(order)
    return part is not None and all(int(g[part]) in BE_YEARS for g in groups)


def months_only(fmt: str | None) -> bool:
    """A format of months without their day ("%Y-%m", "%b %Y"): a monthly series, no trade dates."""
    return fmt is not None and "%d" not in fmt and any(m in fmt for m in ("%m", "%b", "%B"))


def _seasons(groups: list[dict]) -> bool:
    """Values of "year-month" shape that are seasons or fiscal years ("2008-09", "2011/12"): the
    second part is always the year after the first."""
    return all(int(g["b"]) == (int(g["c"]) + 1) % 100 for g in groups)


def _name_format(key: tuple, language: str | None = None, frac: str | None = None) -> str:
    """The format of named dates of shape `key`; with `language`, tagged (month_names.py): its
    `%b` then stands for any of the language's names, a dot after it or not."""
    name, sep, sep2, style, dot, ylen, wdk, tkey = key
    year = "%Y" if ylen == 4 else "%y"
    prefix = (wdk[0] + wdk[1]) if wdk else ""
    mon = "%b" if language else style + (dot or "")
    if name == "dmy":
        body = f"%d{sep}{mon}{sep2}{year}"
    elif name == "mdy":
        body = f"{mon}{sep}%d{sep2}{year}"
    elif name == "month":
        body = f"{mon}{sep}{year}"
    else:
        body = f"%Y{sep}{mon}{sep}%d"
    return prefix + body + _time_format(tkey, frac) + (TAG + language if language else "")


def _foreign_language(shapes: list[tuple[tuple, dict]], key: tuple) -> str | None:
    """The language of the month names of `key`'s layout when one of them is no English name.
    Style and dot then do not split the layout: a language writes "janv." and "mai", "Okt." and "März"."""
    def layout(k: tuple) -> tuple:
        return k[:3] + k[5:]

    same = layout(key)
    keys = {k for k, _ in shapes if k[0] == key[0] and layout(k) == same}
    if not any(k[3] == FOREIGN for k in keys):
        return None
    return language_of({g["mon"] for k, g in shapes if k in keys})


# Zones of _tz_key a value may go without under one format: a bare offset ("Z", "+03:00", " +0000"),
# which month_names.for_strptime and the loader (normalisation/parse.py) drop from values and
# format alike. Not "GMT%z" or "UTC%z": the loader keeps the "GMT" of the format, and a value without
# it reads not.
_DROPPED_ZONES = ("%z", " %z")


def _zoneless(key: tuple) -> tuple:
    """A shape key with its time's offset ("Z", "+03:00") dropped: a time key is the 5-tuple of
    _time_key, its zone last."""
    if len(key) == 5 and key[4] in _DROPPED_ZONES:
        return (*key[:4], None)
    return tuple(_zoneless(k) if isinstance(k, tuple) else k for k in key)


# Of the values of a date column beside ISO ones, the share that makes their layout the column's.
_BESIDE_ISO = 0.05
# An ISO date as the loader reads one in any column (normalisation/parse.py parse_dates: its
# _ISO_DAY), written in full: "2020-1-2" it does not read there.
FULL_ISO = re.compile(r"\d{4}-\d{2}-\d{2}(?:[ T]|$)")


def _iso_key(key: tuple) -> bool:
    """Whether a shape key is an ISO date's ("2020-01-02", maybe with a time of day)."""
    return key[:3] == ("num", "-", "Y") and key[-1] is None


def _beside_iso(counts: Counter[tuple], key: tuple, values: Sequence[str], shaped: dict,
                file_date: date | NamedMonth | None) -> tuple[tuple, set[tuple], str | None] | None:
    """(key, kin, day) of the other layout of a column of ISO dates and dates written another way,
    or None; `day` the date part of its format when the ISO dates around its values settle their
    day/month order (None: their own values do, or they have none).
    A sheet's date cells read as ISO dates (xlsx.cell_text) and its dates typed as text as typed
    ("19/10/2020"); the loader reads ISO dates whatever the column's format, so the column's format
    is the other one's. Made the ISO one, the typed dates were rejected as unparseable. A few odd
    values (under 5%, or two) are no layout of the column: rejected, they are seen. Nor are ISO
    dates the loader reads not ("2020-1-2"), zoned ISO stamps, months ("2020-01": a month's row in
    a daily table, which made the file "a monthly series"), or typed dates whose day/month order
    neither their values nor the ISO dates around them tell: "02/01/2024" read month first,
    2 January loaded as 1 February (and the true 1 February's row was rejected as its conflicting
    duplicate)."""
    if not _iso_key(key) or len(counts) < 2:
        return None
    if any(_iso_key(k) and not FULL_ISO.match(v) for v, (k, _) in shaped.items()):
        return None
    # Nor ISO stamps with a zone ("2024-01-15T21:00:00Z"): under a format of dates, the loader
    # rejects their UTC evenings, which only their own (zoned) format reads (east_days.py).
    if any(_iso_key(k) and k[3] is not None and k[3][-1] is not None for k in counts):
        return None
    other, n = next(((k, n) for k, n in counts.most_common() if not _iso_key(k) and k[0] not in ("ym", "my")),
                    (None, 0))
    if other is None or n < max(3, _BESIDE_ISO * len(values)):
        return None
    day = None
    if other[0] == "num" and other[2] in ("y4", "y2"):
        groups = [s[1] for v in values if (s := shaped.get(v)) is not None and s[0] == other]
        if _num_order(groups, other[1], other[2], file_date)[1] < 1.0:
            day = _order_beside_iso(values, shaped, other)
            if day is None:
                return None
    return other, {other}, day


# Days from the ISO dates around them, on average, within which typed dates read one way lie
# where a table of daily or weekly rows has them.
_NEAR_ISO_DAYS = 10


def _order_beside_iso(values: Sequence[str], shaped: dict, other: tuple) -> str | None:
    """The date part of the format of numeric dates of `other`'s layout (day/month order open in
    their values) that reads them nearest the ISO dates around them in row order, as a table of days
    has them; None when neither reading is clearly nearer (both within a few days: a day equal to
    its month ("05/05/2024") reads the same either way, and the format is the day-first one)."""
    sep, two_digit = other[1], other[2] == "y2"
    isos: list[tuple[int, int]] = []
    typed: list[tuple[int, int, int, int]] = []
    for i, v in enumerate(values):
        k, g = shaped.get(v, ((), None))
        if _iso_key(k):
            try:
                isos.append((i, date.fromisoformat(v[:10]).toordinal()))
            except ValueError:
                pass
        elif k == other:
            year = pivot_year(int(g["c"])) if two_digit else int(g["c"])
            typed.append((i, int(g["a"]), int(g["b"]), year))
    if not isos:
        return None
    at = [i for i, _ in isos]
    far = [0, 0]  # day first, month first: days from the nearest ISO date, summed
    for i, a, b, year in typed:
        k = bisect_left(at, i)
        near = [isos[j][1] for j in (k - 1, k) if 0 <= j < len(isos)]
        for reading, (d, m) in enumerate(((a, b), (b, a))):
            try:
                day = date(year, m, d).toordinal()
            except ValueError:
                far[reading] += 10**6
                continue
            far[reading] += min(abs(day - x) for x in near)
    year = "%y" if two_digit else "%Y"
    if far[0] == far[1]:  # every value reads alike both ways (its day its month)
        return f"%d{sep}%m{sep}{year}" if all(a == b for _, a, b, _ in typed) else None
    if 2 * min(far) > max(far) or min(far) > _NEAR_ISO_DAYS * len(typed):  # rows in no order of days
        return None
    return f"%d{sep}%m{sep}{year}" if far[0] < far[1] else f"%m{sep}%d{sep}{year}"


def _with_zone(counts: Counter[tuple]) -> tuple[tuple, set[tuple]]:
    """(the key a column's format is made from, the keys of the values it reads): the most common
    layout, its values with and without a zone offset counted together ("2024-01-02T15:30:00" beside
    "2024-01-02T15:31:00Z", as an export writes UTC stamps for some rows). Counted apart, neither
    layout reached the share a column needs, and the timestamps were typed text. The format keeps
    the offset (%z); a value without one reads without it (strptime_year), as the loader reads the
    wall clock either way (normalisation/parse.py drops zones)."""
    merged: Counter[tuple] = Counter()
    for k, n in counts.items():
        merged[_zoneless(k)] += n
    top = merged.most_common(1)[0][0]
    kin = {k for k in counts if _zoneless(k) == top}
    zoned = [k for k in kin if k != top]
    if len(kin) < 2 or len(zoned) != 1:
        key = counts.most_common(1)[0][0]
        return key, {key}
    return zoned[0], kin


def _may_in_full(counts: Counter[tuple], key: tuple, kin: set[tuple], shaped: dict) -> tuple[tuple, set[tuple]]:
    """(key, kin) of a column of full English month names whose "May" (its full name and its
    abbreviation alike, keyed "%b" by shape) stands beside the others' "%B": one layout, "%B", which
    reads "May" too. Apart, a file from May to June took "%b" from its May rows: "14 June 2023" read
    not, and the column was typed at the share of its May rows, or text."""
    if key[0] not in ("dmy", "mdy", "ymd", "month") or key[3] not in ("%b", "%B"):
        return key, kin
    full, abbreviated = (*key[:3], "%B", *key[4:]), (*key[:3], "%b", *key[4:])
    if full not in counts or abbreviated not in counts:
        return key, kin
    if any(g["mon"].lower() != "may" for k, g in shaped.values() if k == abbreviated):
        return key, kin  # real abbreviations ("Jun") beside full names: two layouts
    return full, kin | {full, abbreviated}


@lru_cache(maxsize=1 << 16)  # strptime is slow: a value typed here is looked at again by layout.py
def strptime_year(value: str, fmt: str) -> int | None:
    """The year of `value` read by datetime.strptime with `fmt` (month names of other languages
    too); None when it does not read. A value with no zone offset under a format with one reads
    without it: the wall clock, as the loader reads it (_with_zone, month_names.for_strptime)."""
    try:
        return datetime.strptime(*for_strptime(value, fmt)).year
    except ValueError:
        pass
    if "%f" not in fmt:
        return None
    # Nanoseconds ("00:00:00.000000000Z": Databento, pandas) are more digits than %f reads: cut to
    # microseconds. A value without fractions reads with the format without them (_time_key).
    cut = _NANOSECONDS.sub(r"\1", value)
    try:
        return datetime.strptime(*for_strptime(cut, fmt if cut != value else _NO_FRACTION.sub("", fmt))).year
    except ValueError:
        return None


_NO_FRACTION = re.compile(r"[.,]%f")
_NANOSECONDS = re.compile(r"(:\d{2}[.,]\d{6})\d+")


# Years a date is read in: outside them it is taken for a typo (or a 2-digit year read as %Y).
FIRST_YEAR, LAST_YEAR = 1800, 2200


@lru_cache(maxsize=1 << 16)
def _strptime_ok(value: str, fmt: str) -> bool:
    year = strptime_year(value, fmt)
    return year is not None and FIRST_YEAR <= year <= LAST_YEAR


def years_outside(values: Sequence[str]) -> list[str]:
    """`values` when every one is shaped as a date whose year (its one part of four digits) lies
    outside FIRST_YEAR-LAST_YEAR, else []: Stooq's ^SPX opens in 1789. Such a column is read as no
    date, and a file refused for it had been told to check its date format, which was not at fault.
    Not years of the Buddhist era ("02 Jan 2567"): read in numeric dates only (_buddhist_era), their
    format is at fault, and no date of theirs lies within the years to load the file from."""
    for value in values:
        found = shape(value)
        years = [int(p) for p in (found[1].get("a"), found[1].get("c")) if p and len(p) == 4] if found else []
        if len(years) != 1 or FIRST_YEAR <= years[0] <= LAST_YEAR or years[0] in BE_YEARS:
            return []
    return list(values)


def infer_date_format(values: Sequence[str], max_check: int = 120,
                      file_date: date | NamedMonth | None = None) -> DateGuess | None:
    """The strptime format most of `values` (already stripped, non-empty) follow, or None.
    `file_date`: the date or month in the file's name (filename.named_days), which may settle day/month order
    the values leave open."""
    if not values:
        return None
    probe = values[:DATE_PROBE]
    text = joined(probe)
    if text is not None and not _MAYBE_DATE_JOINED.search(text):
        return None  # no value of the probe even starts like a date (one scan of them all)
    if sum(1 for v in probe if shape(v) is not None) < 0.5 * len(probe):
        return None  # most columns are not dates: decide that from a few values
    # A date column repeats its values (a daily file holds one date in every row): each distinct
    # value is looked at once, and weighs as often as it occurs. A Counter keeps the order of first
    # occurrence, so ties between layouts go to the earliest, as value by value.
    occurrences = Counter(values)
    shaped = {v: s for v in occurrences if (s := shape(v)) is not None}
    if sum(map(occurrences.__getitem__, shaped)) < 0.5 * len(values):
        return None
    counts: Counter[tuple] = Counter()
    for v, (k, _) in shaped.items():
        counts[k] += occurrences[v]
    key = counts.most_common(1)[0][0]
    kin = {key}
    if len(counts) > 1:
        key, kin = _with_zone(counts)
        key, kin = _may_in_full(counts, key, kin, shaped)
    iso = _beside_iso(counts, key, values, shaped, file_date)
    if iso:
        key, kin, _ = iso
    group_of = {v: g for v, (k, g) in shaped.items() if k in kin}
    groups = list(filter(None, map(group_of.get, values)))  # in row order (a regex's groups: never empty)
    shapes = list(shaped.values())  # distinct ones: _foreign_language looks at sets of them
    frac = _fraction_mark(group_of.values())
    if key[0] == "num" and key[2] == ROC:
        fmt, certainty = f"%Y{key[1]}%m{key[1]}%d" + _time_format(key[3], frac) + TAG + ROC, 1.0
    elif key[0] == "num":
        _, sep, order, tkey, weekday = key
        # Beside ISO dates, typed dates whose values leave their order open: the ISO dates around them tell it.
        day, certainty = (iso[2], 1.0) if iso and iso[2] else _num_order(groups, sep, order, file_date)
        tag = ""
        if weekday is not None:  # tagged: the weekday name is dropped before reading (month_names.numeric_value)
            where, around, language = weekday
            day = f"%a{around}{day}" if where == "before" else f"{day}{around[0]}%a{around[1]}"
            tag = TAG + language
        if not tag and _buddhist_era(groups, order):
            tag = TAG + BE
        fmt = day + _time_format(tkey, frac) + tag
    elif key[0] == "compact":
        fmt, certainty = "%Y%m%d" + _time_format(key[-1] if len(key) > 1 else None, frac), 1.0
    elif key[0] == "cjk":
        fmt, certainty = "%Y" + key[1] + "%m" + key[2] + "%d" + key[3] + _time_format(key[4], frac), 1.0
    elif key[0] in ("ym", "my"):
        if key[0] == "ym" and _seasons(groups):
            return None
        fmt, certainty = ("%Y{}%m" if key[0] == "ym" else "%m{}%Y").format(key[1]), 1.0
    elif key[0] == "ctime":
        fmt, certainty = "%a %b %d %H:%M:%S" + (key[1] or "") + " %Y", 1.0
    elif key[0] == "stamp":
        fmt, certainty = "%Y%m%d" + key[2] + "%H" + ("%M" if key[3] else "") + ("%S" if key[1] else ""), 1.0
    elif (language := _foreign_language(shapes, key)) is not None:
        fmt, certainty = _name_format(key, language, frac), 1.0
    else:
        fmt, certainty = _name_format(key, frac=frac), 1.0
    step = max(1, len(values) // max_check)
    checked = values[::step][:max_check]
    if iso:  # the ISO dates beside the column's own are read too (normalisation/parse.parse_dates)
        ok = sum(n for v, n in Counter(checked).items() if _strptime_ok(v, fmt) or _iso_key(shaped.get(v, ((),))[0]))
    elif 4 * len(occurrences) <= len(checked):  # few distinct values: each parsed (or looked up) once
        ok = sum(n for v, n in Counter(checked).items() if _strptime_ok(v, fmt))
    else:
        ok = sum(map(_strptime_ok, checked, repeat(fmt)))
    fraction = ok / len(checked)
    if fraction == 0:
        return None
    kind = "timestamp" if "%H" in fmt or "%I" in fmt else "date"
    return DateGuess(kind, fmt, fraction, round(fraction * certainty, 3))
