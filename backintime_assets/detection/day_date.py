"""The one trade date of a day's list of tickers that has no date column: exchanges publish a day's
closes of every listed ticker with the date only in a title line ("Daily Quotations 2024/01/02",
"113年01月02日 每日收盤行情") or only in the file's name (`MI_INDEX_ALL_20240102.csv`). Every row then
loads under that date, where the date is certain; where it is not, the reason says why."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

from .currencies import currency_share
from .dates import infer_date_format, months_only
from .filename import base_name
from .month_names import for_strptime, split

FILE_NAME = "file name"  # how date_from names a date the file's name gave (shared_layouts.py asks)
_YEARS = range(1900, 2201)
_L = r"[^\W\d_]"  # a letter, of any script
# Date-like runs within a line of text, each read by the detector's own date machinery (dates.py).
# Longest forms first: "02/01/2024" must not be read as its "01/2024".
_IN_TEXT = re.compile(
    r"(?<!\d)(?P<cjk>\d{2,4} ?[年년] ?\d{1,2} ?[月월] ?\d{1,2} ?[日일]?)"  # 2024年1月2日, Minguo 113年01月02日
    rf"|(?<![\w.])(?:\d{{1,2}}(?:\.? +|[-/.]){_L}{{3,10}}\.?(?: +|[-/.])\d{{4}}|\d{{2}}[A-Za-z]{{3}}\d{{4}})(?!\d)"
    rf"|(?<!\w){_L}{{3,10}}\.? +\d{{1,2}},? +\d{{4}}(?!\d)"  # January 2, 2024
    # (after a comma only when no digit precedes it: "Trade date:,2024-01-05", the comma a CSV title's
    # delimiter; "1,2024" is a number's digits)
    r"|(?<![\d./-])(?<!\d,)\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}(?!\d|[-/.,]\d)"  # 2024/01/02, 02.01.2024, 113/01/02
    r"|(?<![\d.])(?<!\d,)(?:19|20)\d{6}(?![\d.]|,\d)"  # 20240102
)
# Words of a title line that say the date on it is another day than the trade date: when the file
# was printed or exported, the end of a week or a period, a holiday, a 52-week high's, a holding's
# valuation; and a clock time, which stamps when the file was made. Such a date dates no rows,
# unless a line without them gives the same one ("Trade Date: 2024-01-02" ... "as at 2024-01-02").
_NOT_THE_DAY = re.compile(
    r"\b(?:print|generat|creat|export|download|produc|updat|modif|publish|issu|run\b|as\s+(?:of|at)\b|week|month"
    r"|period|ending|ended|from\b|since|until|through|between|holiday|closed|valuation|52.?w|next|previous|prior"
    r"|stand\b|erstellt|gedruckt|per\b)|\d{1,2}:\d{2}", re.I)
# Words of a title line that say its date is when the file was made, not a day of its prices: a date
# the rows' own may be swapped to by chance ("Generated 2024-05-01" over a re-export of "05/01/2024").
_MADE = re.compile(r"\b(?:print|generat|creat|export|download|produc|updat|modif|publish|run\b|erstellt|gedruckt)"
                   r"|\d{1,2}:\d{2}", re.I)
# Words of a file name that say its date is the day it was exported, not a trade date: a screener's
# or a broker's download of positions is named for the day it was taken, often a weekend's.
_EXPORTED = re.compile(r"(?<![a-z])(?:export|download|screen|watchlist|portfolio|position|holding|account"
                       r"|statement)", re.I)
_CJK = re.compile(r"(\d{2,4}) ?[年년] ?(\d{1,2}) ?[月월] ?(\d{1,2})")
_ROC_YEAR_ONE = 1911  # Minguo year 1 is 1912 (month_names.ROC)

# Dates a file's name may hold: year first (unambiguous), day and English month ("cm02JAN2024bhav"),
# or eight digits ending in a year ("02012024"), which reads day first or month first: certain only
# when one reading is no date.
_NAME_YMD = re.compile(r"(?<!\d)((?:19|20)\d{2})([-_.]?)(\d{2})\2(\d{2})(?!\d)")
_NAME_DMONY = re.compile(r"(?<!\d)(\d{2})([-_]?)([A-Za-z]{3})\2((?:19|20)\d{2})(?!\d)")
_NAME_DMY = re.compile(r"(?<!\d)(\d{2})([-_.]?)(\d{2})\2((?:19|20)\d{2})(?!\d)")


@dataclass(frozen=True)
class DayDate:
    day: date | None  # None: a date was found but is not certain
    source: str  # where the date was read ("title line 1: 113年01月02日"), or why none was taken
    # The days a date found may be where its day and month may be swapped ("02/01/2024": 2 January or
    # 1 February), in order; () where it is certain or was refused for another reason. Not stored with the
    # schema (`source` says them): what reads the refusal again takes them from here (name_date).
    readings: tuple[date, ...] = ()


@dataclass(frozen=True)
class NameDate:
    """The one date a file's base name writes with its day and month in numbers before the year
    ("01-13-2023"), and what detection makes of it where no title line dates the file: its day, or its
    refusal with the days it may be. What siblings named alike read to settle each other's order
    (ingestion/sibling_name_dates.py), without reading it back out of the refusal's words."""
    text: str  # as written: "01-13-2023"
    first: int  # the two numbers before the year, as written: 1 and 13
    second: int
    separator: str  # between them: "-", "_", "." or ""
    dated: DayDate  # what day_of_file gives the file with no title line


@dataclass(frozen=True)
class _Found:
    where: str  # "title line 2", "file name"
    text: str  # as written
    readings: frozenset[date]  # one when certain
    # Of a name's date of a day and a month in numbers before the year (_NAME_DMY): the two numbers and their
    # separator, as written; None of any other date.
    numbers: tuple[int, int, str] | None = None

    def shown(self) -> str:
        return f"{self.where}: {self.text}"


def day_of_file(titles: list[tuple[int, str]], name: str) -> DayDate | None:
    """The date of a file with no date column from its title lines (`titles`: (0-based line, text)
    above the header) or, failing those, its base name; None when neither holds a date. The
    title's date stands when it is the only date there (repeated or not) and the name does not
    give another; a title date whose day and month may be swapped (02/01/2024) is settled by the
    name's when that is one of its readings, and refused otherwise."""
    in_title = [f for i, line in titles for f in _found_in(line, f"title line {i + 1}")]
    marked = {f"title line {i + 1}": line for i, line in titles if _NOT_THE_DAY.search(line)}
    above = dict(titles)
    for i, line in titles:
        key = _key_over_date(above.get(i - 1), line)
        if key is not None:
            marked.setdefault(f"title line {i + 1}", f"{key}: {line}")
    if in_title and all(f.where in marked for f in in_title):  # every line giving a date says it is another day
        where = in_title[0].where
        return DayDate(None, f"{where} ({' '.join(marked[where].split())!r}) says its date is not the trade date")
    named = _in_name(name)
    if len(named) > 1:
        return DayDate(None, f"the {FILE_NAME} holds several dates ({', '.join(f.text for f in named)})")
    in_name = named[0] if named else None
    distinct = {f.readings: f for f in reversed(in_title)}  # the first place each is written
    if len(distinct) > 1:
        first, second = list(distinct.values())[-1:-3:-1]
        return DayDate(None, f"the title holds several dates ({first.shown()}; {second.shown()}): which one the "
                             "rows are is not certain")
    if in_title:
        title = in_title[0]
        if in_name is None:
            return _certain(title)
        both = title.readings & in_name.readings
        if not both:
            return DayDate(None, f"the title's date ({title.shown()}) and the {FILE_NAME}'s ({in_name.text}) "
                                 "disagree")
        if len(both) == 1 and len(title.readings) > 1:  # the name settled day and month
            return DayDate(min(both), f"{title.shown()} (day and month as the {FILE_NAME}'s {in_name.text})")
        refused = _certain(_Found(title.where, title.text, frozenset(both)))
        if refused.day is None:
            return DayDate(None, f"{refused.source}; the {FILE_NAME}'s {in_name.text} reads either way",
                           refused.readings)
        return refused
    if in_name is not None:
        return _by_name(in_name, name)
    return None


def name_date(name: str) -> NameDate | None:
    """The one date the file's base name writes day and month in numbers before the year, with what
    day_of_file makes of it where no title line dates the file (NameDate); None where the name holds no such
    date, or several dates (refused: day_of_file)."""
    named = _in_name(name)
    if len(named) != 1 or named[0].numbers is None:
        return None
    found = named[0]
    return NameDate(found.text, *found.numbers, _by_name(found, name))


def _by_name(found: _Found, name: str) -> DayDate:
    """The file's date from the one its name holds (`found`), the file's title giving none."""
    exported = _EXPORTED.search(base_name(name))
    if exported:
        return DayDate(None, f"the {FILE_NAME}'s {found.text} beside {exported.group()!r} may be the day it "
                             "was downloaded, not a trade date")
    return _certain(found)


def title_days(titles: list[tuple[int, str]]) -> set[date]:
    """The days the title lines (`titles`: (0-based line, text)) spell in a form that reads one way only
    ("Prices as of 3 April 2024", "Trade date: 2024-04-03"; not "03/04/2024"), but on a line saying when
    the file was made ("Generated: 2024-05-01", a clock time) or another day than its prices' (_OTHER_DAY:
    "Previous close 4 March 2024", "Ex-dividend ...", a period's two days): days its rows may be."""
    days = set()
    for _, line in titles:
        if _MADE.search(line) or _OTHER_DAY.search(line):
            continue
        found = [min(f.readings) for f in _found_in(line, "") if len(f.readings) == 1]
        # "1 March 2024 - 4 March 2024": a period, no day of its own; "From 4 March 2024": a bound. A period
        # of one day is that day (Euronext's "From 2024-01-02 to 2024-01-02").
        if len(set(found)) == 1 and (len(found) > 1 or not _PERIOD.search(line)):
            days |= set(found)
    return days


# Words of a title line that name another day than its prices': the day before's close, an event's day, a
# review's or a launch's, a period's bounds. Such a day equal to the other reading of the rows' own by chance
# ("Previous close 4 March 2024" over a British office's "03/04/2024") settled their order the wrong way, at a
# certainty siblings could no longer overturn (stated_order.STATED_CERTAINTY).
_OTHER_DAY = re.compile(r"\b(?:previous|prior|prev\b|ex[- ]?div|dividend|record\s+date|pay(?:ment|able)\s+date|next"
                        r"|review|launch|incept|expir|maturit)", re.I)
_PERIOD = re.compile(r"\b(?:since|from|until|through|between|to\s+date)\b", re.I)


# The share of a list's tickers that are currency codes from which it is a list of exchange rates
# (canonical.py takes a column of that share of codes for currencies, not tickers).
_CURRENCY_LIST_SHARE = 0.9
# A column a day's list has not, its header says: the rows' own dates, which were not read.
_DATE_NAMED = re.compile(r"\b(?:date|datum|fecha|data|tanggal|ngày|timestamp|period|quarter)\b|日期|日付|年月日",
                         re.I)


def not_a_days_list(names: list[str], types: list[str], tickers: list[str]) -> str | None:
    """Why a table of tickers and closes with no date column read is not one day's list: a column
    that names or holds dates (the rows' own, in a form not read: taking the title's or name's date
    would date every row wrong), or a ticker on several rows (a history, whose rows are other days)."""
    for name, kind in zip(names, types):
        if kind in ("date", "timestamp") or _DATE_NAMED.search(name or ""):
            return f"column {name!r} may hold the rows' own dates: the title's or name's date is not taken"
    # A central bank's fixing (CNB: "země|měna|množství|kód|kurz", a rate per 1 or per 100 units):
    # exchange rates, some per an amount the close does not carry, under codes a stock may share.
    # Nearly all, not all: such tables also quote units no price is quoted in, as the IMF's SDR
    # (XDR), and a day's list of stocks has a ticker spelled as a currency here and there at most.
    if tickers and currency_share(tickers) >= _CURRENCY_LIST_SHARE:
        return "its tickers are currency codes: a list of exchange rates, not a day's prices"
    seen: set[str] = set()
    for ticker in tickers:
        if ticker in seen:
            return f"ticker {ticker!r} is on several rows: a history of other days, not one day's list"
        seen.add(ticker)
    return None


def _key_over_date(keys: str | None, line: str) -> str | None:
    """The name over a date cell of `line` in the line above it (`keys`), when it says the date is another
    day than the trade date: a title of two rows, names over values ("Exchange,Export date" over
    "TWSE,2024-01-08"), whose line of the date has not the word. Cells split at the delimiter that
    cuts both lines into as many cells."""
    if keys is None:
        return None
    for delimiter in ",;\t|":
        names, cells = keys.split(delimiter), line.split(delimiter)
        if len(names) == len(cells) > 1:
            return next((name.strip() for name, cell in zip(names, cells)
                         if _NOT_THE_DAY.search(name) and _found_in(cell, "")), None)
    return None


def _certain(found: _Found) -> DayDate:
    if len(found.readings) == 1:
        return DayDate(min(found.readings), found.shown())
    readings = tuple(sorted(found.readings))
    shown = " or ".join(d.isoformat() for d in readings)
    return DayDate(None, f"{found.shown()} may be {shown}: nothing in the file says which is the day and which the "
                         "month", readings)


def _found_in(line: str, where: str) -> list[_Found]:
    out = []
    for m in _IN_TEXT.finditer(line):
        text = " ".join(m.group().split())
        readings = _cjk(text) if m.group("cjk") else _readings(text)
        if readings:
            out.append(_Found(where, text, readings))
    return out


def _cjk(text: str) -> frozenset[date]:
    """年月日 dates: a year of two or three digits is a Minguo year (TWSE: 113年 is 2024)."""
    y, mo, d = map(int, _CJK.match(text).groups())
    year = y + _ROC_YEAR_ONE if y < 1000 else y
    return frozenset(x for x in [_date(year, mo, d)] if x is not None)


def _readings(text: str) -> frozenset[date]:
    """The days `text` may be, read as the detector reads a date column of this one value: its
    format (month names of other languages, Minguo and Buddhist-era years), and of a numeric date
    with the day and month both 12 or under, the other order too. Written with dots, a date is day
    first (no exporter writes 01.02.2024 for January's second); year first, month before day."""
    guess = infer_date_format([text])
    if guess is None or guess.type != "date" or months_only(guess.format):
        return frozenset()
    formats = {guess.format}
    base, language = split(guess.format)
    if base[:2] in ("%d", "%m") and "%m" in base and "%d" in base and base[2] != ".":
        swapped = base.replace("%d", "\0").replace("%m", "%d").replace("\0", "%m")
        formats.add(swapped + (guess.format[len(base):] if language else ""))
    if "%y" in base:
        formats.add(f"%y{base[2]}%m{base[2]}%d")  # "24/01/02" is year first on Japanese sites
    return frozenset(d for fmt in formats if (d := _parse(text, fmt)) is not None)


def _parse(text: str, fmt: str) -> date | None:
    try:
        day = datetime.strptime(*for_strptime(text, fmt)).date()
    except (ValueError, TypeError):
        return None
    return day if day.year in _YEARS else None


def _in_name(name: str) -> list[_Found]:
    """The distinct dates the file's base name holds, each with its readings."""
    base = base_name(name)
    found: dict[frozenset[date], _Found] = {}
    taken: list[range] = []
    for rx, read in ((_NAME_YMD, _ymd), (_NAME_DMONY, _dmony), (_NAME_DMY, _dmy)):
        for m in rx.finditer(base):
            if any(m.start() in span for span in taken):
                continue
            readings = read(m)
            if readings:
                taken.append(range(m.start(), m.end()))
                numbers = (int(m[1]), int(m[3]), m[2]) if rx is _NAME_DMY else None
                found.setdefault(readings, _Found(FILE_NAME, m.group(), readings, numbers))
    return list(found.values())


def _ymd(m: re.Match) -> frozenset[date]:
    return frozenset(x for x in [_date(int(m[1]), int(m[3]), int(m[4]))] if x is not None)


def _dmony(m: re.Match) -> frozenset[date]:
    return frozenset(x for x in [_parse(f"{m[1]}{m[3]}{m[4]}", "%d%b%Y")] if x is not None)


def _dmy(m: re.Match) -> frozenset[date]:
    a, b, y = int(m[1]), int(m[3]), int(m[4])
    orders = (_date(y, b, a),) if m[2] == "." else (_date(y, b, a), _date(y, a, b))  # dotted: day first
    return frozenset(x for x in orders if x is not None)


def _date(y: int, mo: int, d: int) -> date | None:
    try:
        return date(y, mo, d) if y in _YEARS else None
    except ValueError:
        return None
