"""Infer the type, format and confidence of one column from its sampled cell strings."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache, partial
from itertools import filterfalse
from statistics import median

from .currencies import CODE_BY_A_DIGIT, CURRENCY_CODE_RE, LOCAL_UNIT_AFTER, LOCAL_UNIT_BEFORE, RAND, RUPIAH
from .date_system import EPOCH_UNITS, EXCEL_SERIAL, EXCEL_SERIAL_1904
from .dates import DATE_PROBE, DateGuess, infer_date_format, trading_days
from .filename import NamedMonth
from .epoch_days import may_be_stamped_east_of_utc
from .joined import SEP, joined, joined_regex
from .numbers import (CURRENCY_SIGN, CURRENCY_SYMBOLS, ERROR_CELLS, IPV4, NULL_SPELLINGS, joined_number_patterns,
                      number_patterns)
from .shapes import count_hits, count_shapes, joined_shapes
from .tenors import labels_not_amounts, named_by_a_header

# Each spelling of true beside its false: a column that holds one of them names the other.
_PAIRS = {"true": "false", "yes": "no", "y": "n", "t": "f", "on": "off"}
_TRUE = set(_PAIRS)
_FALSE = set(_PAIRS.values())
_OTHER = {**_PAIRS, **{f: t for t, f in _PAIRS.items()}}
BOOLEAN_WORDS = _TRUE | _FALSE  # layout.py judges rows by them too
# Booleans that, seen alone, may be something else: letters ("T" a code) and "on" or "off" (a
# column of "ON": Ontario's code). Both values of the pair must be seen.
_WEAK_BOOLEANS = {"y", "n", "t", "f", "on", "off"}
# "created", "modified", "*_at" (Rails' and Django's created_at, paid_at): the record's time, the
# name API and database exports give their epoch columns. Ending the name: "created_by_id" and
# "modified_by" hold user ids, which would read as Excel serial days.
# The date's own name in the languages price files are written in (canonical.py reads them as the date):
# unix stamps repeated by a file of several tickers a day ("1686873600000" under "日付け" once per ticker)
# are neither in order nor varied enough to be told a time axis by their values alone. As a word: "дата"
# no letter before it nor a small one after ("ДатаСделки" is 1C's, "Голосов за кандидата" counts votes),
# "일자" not of "일자리" (jobs): a count of 20,000 to 60,000 so named read as Excel days. Spanish "fecha" not
# of Portuguese "fechamento" (the close): a B3 or HOSE close in whole units (17758) read as Excel days, a
# fund's (109442844) as epoch seconds, and the file was refused for "no close column".
_DATE_NAME = re.compile(r"date|datum|fecha(?!ment)|timestamp|epoch|yyyymmdd"
                        r"|(?:created|modified)(?:[\s_]?(?:at|on|utc))?$|_at$"
                        r"|(?<![^\W\d_])дата(?!(?-i:[а-яё]))|tarih|日期|日付|年月日|交易日|일자(?!리)|날짜", re.I)
# Names of a time axis kept as epoch numbers (Polygon's "t" and "window_start", Binance's "Open
# time"): evidence for epochs of 12 digits and more only, where no count or position reaches (a
# genome's "start" of 9 digits, a "time" in seconds are no dates). Whole words: a "Lifetime
# Volume" is no time.
_EPOCH_NAME = re.compile(r"^(?:t|ts)$|(?:^|[\s_])(?:time|start)(?:$|[\s_])", re.I)
# Weaker words: "Day High" and "Lifetime Low" are prices, not dates. "Data" alone is Italian,
# Portuguese, Polish for the date (canonical.py maps it so): a one-day file's "20091123" under it,
# one value and no date name, had stayed an integer and the file was refused "no date column". So is
# "Session" alone (canonical.py maps it to the date, as French "Séance"); "Session High" is a price.
_DATE_WORD = re.compile(r"^data$|time|day|^dt$|period|as ?of|jour|^ts$|handelstag|b(?:ö|oe?)rsentag|s[ée]ance"
                        r"|^\s*session\s*$", re.I)
_PRICE_WORD = re.compile(r"high|low|open|close|price|vol|hoch|tief|haut|max|min", re.I)
_EIGHT_DIGITS = re.compile(r"^\d{8}$")
_STAMP_DIGITS = re.compile(r"^(?:\d{10}|\d{12}|\d{14})$")  # %Y%m%d%H, %Y%m%d%H%M, %Y%m%d%H%M%S
_LEADING_ZERO = re.compile(r"^[+-]?0\d")
_HOUR_NAME = re.compile(r"hour|stunde|heure|hora", re.I)
# Names of a column of codes ("CIPCode", "HS code", "ICD9", "Dewey", "Tariff heading", "NAICS"): the
# evidence a column of dotted numbers with leading zeros ("01.0101") holds codes to keep as written.
# Without it such a column stays a number: zero-padded prices ("09.95" beside "10.05") under "AAPL
# Close", "Spot Price", "EURUSD" and lat/longs, measurements and amounts are figures.
_CODE_NAME = re.compile(r"code|c[oó]digo|(?<![a-z])(?:cip|hs\d*|icd\d*|naics|sic|isic|nace|dewey|kod)(?![a-z])"
                        r"|class|categor|section|chapter|tariff|heading|serial|number|(?<![a-z])(?:id|no|nr)(?![a-z])",
                        re.I)
_LEADING_ZERO_JOINED = re.compile(rf"{SEP}[+-]?0\d")  # at the start of a NUL-joined cell
# Phone numbers in E.164 ("+14155552671": Twilio, CRMs, SMS gateways): a plus sign before 8 to 15
# digits. Read as integers they lose the plus; a signed quantity that large is rare, and half the
# column must be written so.
_E164 = re.compile(r"^\+\d{8,15}$")
# A column of version numbers ("1.10", "2.0"): read as floats, 1.10 would be 1.1. "ver" a word of
# its own: any letter beside it, not an ASCII one only. Destatis' "Veränderung zum Vormonat" (the
# change, "-0,6") read as "Ver" before a non-letter, and its figures were typed text.
_VERSION_NAME = re.compile(r"(?<![^\W\d_])ver(?:sion)?(?![^\W\d_])", re.I)
# The format of a text column of integers written with leading zeros (codes); its `alt` is the
# integer reading, for a column that maps to a number (canonical.py).
LEADING_ZEROS = "leading_zeros"
# Marks around a number in money and percentage columns ("$1,234.50", "12,5 €", "-1.2%").
# Before the number, a dollar may carry its country's letters: "R$ 36,50", "US$12.50", "HK$ 1,080.00".
# An ISO code stands for the sign in Excel's currency formats ("CHF 1'234.50", "12,50 EUR"): unread,
# every such price was text and the file refused for "no close column". So does a local abbreviation
# in the locales that write one ("12,50 kr", "kr. 1.234,50", "1 234 Ft", "Rs. 1,234.50": currencies.py).
_BEFORE = rf"(?:[A-Z]{{1,3}}\$|{CURRENCY_SIGN}|{CURRENCY_CODE_RE}|{LOCAL_UNIT_BEFORE}|{RUPIAH}|{RAND})"
CURRENCY_MARKS = re.compile(rf"(?<=^[+-])\s?{_BEFORE}\s?|^{_BEFORE}\s?"
                            rf"|\s?(?:{CURRENCY_SIGN}|{CURRENCY_CODE_RE}|{LOCAL_UNIT_AFTER})$")
PERCENT_MARK = re.compile(r"\s?%$")
# Accounting negatives in parentheses: "(1,234.56)", "($1,234.56)" (statements, ledgers, P&L exports).
ACCOUNTING = "accounting"
PARENTHESISED = re.compile(r"^\(\s?([^()]*?)\s?\)$")
# Eurostat's flags after a blank ("21.0 b" break in series, "12.3 e" estimated, "102.6 bp", ": c"
# confidential and missing): the number stands, the flag only qualifies it.
FLAGGED = "flagged"
FLAG_MARK = re.compile(r"\s[bcdefnprsuz]{1,4}$")
# "118.39M" volumes in web exports: the letter written onto the number. After a blank it is a unit
# ("12.5 m", "512 B", "273.1 K") or a statistical flag (Eurostat's "21.0 b": break in series), and
# read as thousands, millions or billions it would corrupt every value.
# A CJK scale after a number is one whatever the column and a blank ("45.67万", "1.2亿", "3.4 千"):
# no flag or unit is written so. Unread, 成交量's values were left unmapped and its volumes lost.
CJK_SCALES = "百万|百萬|[千仟万萬亿億]"
_ABBREVIATED = re.compile(rf"^[+-]?(?:\d+(?:[.,]\d+)?)(?:[KkMmBb]|\s?(?:{CJK_SCALES}))$")
_ABBREVIATED_JOINED = joined_regex(_ABBREVIATED.pattern[1:-1])
# Under a volume's name the letter abbreviates after a blank too ("Volume": "1.2 M"): shares
# traded take no unit and no flag, and unread the column would be left unmapped, volumes lost.
# So do India's lakh (10^5) and crore (10^7), "1.5 Lakh", "2 Cr": under another name "Cr" may be a
# statement's credit ("1,234.00 Cr"), no scale.
# Not under a volume's name that names money too ("Vol Value", "Vol (Rs Cr)"): India's turnover is written
# in crores of rupees, and read as shares "2.5 Cr" loaded 25 million of them, silently.
_VOLUME_NAME = re.compile(r"(?:^|[^a-z])vol", re.I)
_MONEY_NAME = re.compile(r"valu|turnover|amount|amt|\brs\b|inr|₹", re.I)
# Names of a column of names or codes: a cell there that reads as a currency's code by a number is a
# name ("TOP 40", the JSE's index; "ALL 30"), not 40 pa'anga. Read as an amount, the column was a price
# no name maps, and the rows' ticker fell back to the file's name.
_NAMES_NAME = re.compile(r"name|security|instrument|description|company|issuer|ticker|symbol|nom\b|nombre", re.I)
INDIAN_SCALES = "(?i:lakhs?|lacs?|crores?|cr)"
_ABBREVIATED_SPACED = re.compile(rf"^[+-]?(?:\d+(?:[.,]\d+)?)\s?(?:[KkMmBb]|{CJK_SCALES}|{INDIAN_SCALES})$")
_ABBREVIATED_SPACED_NOT_INDIAN = re.compile(rf"^[+-]?(?:\d+(?:[.,]\d+)?)\s?(?:[KkMmBb]|{CJK_SCALES})$")

# No value, for typing: the null spellings, spreadsheets' error cells (#VALUE!, #DIV/0!: they tell no
# column's type) and "?", the missing value of the UCI repository's and Weka's (ARFF) tables. "?" is no
# null token (a price's "?" is rejected by normalisation, with its reason), but no word either: counted
# as one, a tenth of them made a column of counts text. "NaT" is pandas' missing time as its frames
# print it (df.astype(str).to_csv()): counted as a word, a tenth of them made a column of timestamps
# text. Not a null token (numbers.py): "NAT" is a ticker, and only a missing time is spelt so.
NO_VALUE = NULL_SPELLINGS | ERROR_CELLS | {"?", "NaT"}
_TYPE_THRESHOLD = 0.9  # share of non-empty cells that must fit a type for the column to get it
# In a column's joined cells (joined.py), a cell that may be a NO_VALUE spelling or hold a blank at
# either end: one empty, starting with a blank or with the first character of a NO_VALUE spelling,
# or ending with a blank (the NUL after it, looking back). A superset: those are sifted cell by cell.
_MAY_SIFT = re.compile(SEP + "(?:[\\s" + SEP + "".join(map(re.escape, sorted({v[0] for v in NO_VALUE if v})))
                       + "]|(?<=\\s" + SEP + "))")


@lru_cache(maxsize=4096)  # asked of each column several times, and headers repeat from file to file
def date_named(name: str | None) -> bool:
    """The header names a date or time column."""
    name = name or ""
    return bool(_DATE_NAME.search(name)) or (bool(_DATE_WORD.search(name)) and not _PRICE_WORD.search(name))


@lru_cache(maxsize=4096)  # as date_named: every float column is asked
def _version_named(name: str | None) -> bool:
    return bool(_VERSION_NAME.search(name or ""))


@dataclass
class ColumnType:
    type: str
    format: str | None
    confidence: float
    # For "string" columns that are mostly (>= half) numbers or dates: that reading, so a column
    # named "Close" with a few "#N/A"s can still be mapped (with the lower confidence).
    alt: ColumnType | None = None


def _share(values: Sequence[str], test: Callable[[str], object], probe: int = 30,
           count: Callable[[Sequence[str]], int | None] | None = None) -> float:
    """Share of values passing `test`; a probe of the first values settles clear misses cheaply.
    `count`, when given, counts the passing values of a list in one go (None: it cannot)."""
    def passing(vs: Sequence[str]) -> int:
        n = count(vs) if count is not None else None
        return sum(1 for v in vs if test(v)) if n is None else n

    head = values[:probe]
    passed = passing(head)
    share = passed / len(head)
    if share < 0.4 or len(values) <= probe:
        return share
    return (passed + passing(values[probe:])) / len(values)  # the probe is not tested twice


def _int_test(integer_rx: re.Pattern) -> Callable[[str], bool]:
    # str.isdigit settles plain integers at C speed; the regex only sees the rest (grouped, signed).
    return lambda v: v.isdigit() or bool(integer_rx.match(v))


def _float_test(float_rx: re.Pattern, decimal: str) -> Callable[[str], bool]:
    if decimal != ".":
        return lambda v: bool(float_rx.match(v))

    def test(v: str) -> bool:
        try:
            float(v)
        except ValueError:
            return bool(float_rx.match(v))  # grouped numbers
        return v[-1].isdigit() or v[-1] == "." or bool(float_rx.match(v))  # not "nan", "inf", "1_0"

    return test


# Values from which a count goes by digit shape (shapes.py): the shapes of a few values cost more
# than the scan they spare.
_SHAPED_COUNT = 64

# The digit shape (shapes.py) of a plain number: a sign, seven digits at most, maybe one mark and more
# digits ("185.25", "-0,5", "1234567"). No date starts so: dates._MAYBE_DATE asks for a second mark
# after the digits, a letter, a blank, "M", "年", or eight digits in a row.
_PLAIN_NUMBER_SHAPE = joined_regex(r"[+-]?0{1,7}(?:[.,]0+)?")


def _no_date_starts(shapes: list[str] | None) -> bool:
    """Whether the values of `shapes` (_number_shapes) that infer_date_format probes are all plain
    numbers, so that it finds no date among them: a column of prices or volumes, most of a file's,
    is told by their few shapes, each tested once, where the search for a date's start ran over
    every value of every such column."""
    if shapes is None:
        return False
    probe = shapes[:DATE_PROBE]
    return count_shapes(probe, _PLAIN_NUMBER_SHAPE) == len(probe)


def _regex_count(joined_rx: re.Pattern) -> Callable[[Sequence[str]], int | None]:
    """Counts the values the tests above pass, by the regex alone: for ASCII values without "_",
    isdigit() and float() accept nothing the number regexes reject (Unicode digits and "1_0" do).
    Many values are counted by digit shape: the number regexes treat every digit alike, and a
    column of prices holds a handful of shapes, each tested once."""
    def count(values: Sequence[str]) -> int | None:
        text = joined(values)
        if text is None or not text.isascii() or "_" in text:
            return None
        if len(values) < _SHAPED_COUNT:
            return joined_rx.subn("", text)[1]  # counts the matches without a string for each
        return count_hits(text, joined_rx)

    return count


def _number_shapes(text: str | None) -> list[str] | None:
    """The digit shapes of the values joined in `text` (joined.py), which every number share of a
    column counts by (_number_share): one translation and one split of them all, where each count
    joined and shaped its values afresh (a float column was joined five times, ~3% of detecting a
    drifted daily file). None where _regex_count would not count by regex: a value past ASCII, or
    holding "_" or a NUL (`text` None)."""
    if text is None or not text.isascii() or "_" in text:
        return None
    return joined_shapes(text)


def _number_share(values: list[str], shapes: list[str] | None, test: Callable[[str], object],
                  joined_rx: re.Pattern) -> float:
    """_share of the values `test` passes, counted by `joined_rx` over their `shapes` (_number_shapes),
    as _regex_count would count them: the number regexes treat every digit alike (shapes.py)."""
    if shapes is None:
        return _share(values, test, count=_regex_count(joined_rx))
    return _share(shapes, test, count=partial(count_shapes, joined_rx=joined_rx))


def _fractions_among(values: list[str], shapes: list[str] | None, float_rx: re.Pattern, decimal: str,
                     joined_float: re.Pattern, int_frac: float) -> bool:
    """Whether numbers with a fraction are among the values: a column of whole numbers with a few
    fractional ones ("468", "6.5" in geonames' areas) is a float column. The integer share
    tolerates a tenth of stray cells (header or footer rows left in a sample), and typed integer,
    the column lost its fractions. Asked only of columns that are integers in part."""
    return _number_share(values, shapes, _float_test(float_rx, decimal), joined_float) > int_frac


def is_whole(t: ColumnType) -> bool:
    """Whether a column holds whole numbers: typed integer, or float for a few fractions among them
    (a headerless file's volume with a stray "123456.5" is still told from its prices by it)."""
    return t.type == "integer" or (t.type == "float" and t.alt is not None and t.alt.type == "integer")


def _integers(values: list[str], integer_rx: re.Pattern, int_frac: float) -> list[str]:
    """The values integer_rx matches: all of them when every one was counted an integer by the
    regex itself (_regex_count: ASCII values without "_"), without a regex call for each again."""
    if int_frac == 1.0:
        text = joined(values)
        if text is not None and text.isascii() and "_" not in text:
            return values
    return list(filter(integer_rx.match, values))


def _leading_zeros(ints: list[str], text: str | None) -> bool:
    """Whether an integer is written with a leading zero (_LEADING_ZERO), in one scan of them all
    (`text`: joined(ints))."""
    if text is None:
        return any(map(_LEADING_ZERO.match, ints))
    return _LEADING_ZERO_JOINED.search(text) is not None


def _phone_numbers(ints: list[str], text: str | None) -> bool:
    """Half the integers or more are E.164 phone numbers (_E164); `text` (joined(ints)) holds no
    plus in most columns."""
    if text is not None and "+" not in text:
        return False
    return 2 * sum(1 for v in ints if _E164.match(v)) >= len(ints)


_INT64_MAX = 2**63 - 1


def _beyond_int64(ints: list[str], thousands: str | None) -> bool:
    """Whether an integer is too large for 64 bits: one length test of each, the rare long ones parsed."""
    if max(map(len, ints), default=0) < 19:  # 18 digits and a sign or blanks at most: below 2**63
        return False
    for v in ints:
        if len(v) >= 19:
            try:
                if abs(int(v.replace(thousands, "") if thousands else v)) > _INT64_MAX:
                    return True
            except ValueError:  # a digit int() does not read
                continue
    return False


def _accounting_number(value: str, float_rx: re.Pattern) -> bool:
    """A number, negative in parentheses or not, money marks allowed ("(1,234.56)", "$12.50")."""
    return bool(float_rx.match(CURRENCY_MARKS.sub("", PARENTHESISED.sub(r"\1", value))))


def _flagged_number(value: str, float_rx: re.Pattern) -> bool:
    """A number, or the missing value, with or without a flag (FLAG_MARK)."""
    v = FLAG_MARK.sub("", value)
    return v in NULL_SPELLINGS or bool(float_rx.match(v))


# SAP's lists and other ERP exports write the minus after the number ("1.234,56-", "12-").
TRAILING_MINUS = "trailing_minus"
MINUS_AFTER = re.compile(r"-(?<=\d-)$")  # the literal first: a search jumps between minus signs


def _minus_after(value: str, float_rx: re.Pattern) -> bool:
    """A number, its minus written after it or not."""
    return bool(float_rx.match(value[:-1] if value.endswith("-") else value))


def _unmarked(mark: re.Pattern) -> Callable[[str, re.Pattern], bool]:
    def number(value: str, float_rx: re.Pattern) -> bool:
        return bool(float_rx.match(mark.sub("", value)))
    return number


# Number formats written with marks, in the order typing tries them: format -> (characters a
# sample holds one of when it holds such numbers, the mark a value is told by, whether a cell is
# such a number given the file's float regex). layout.py judges rows by the same tests.
# (The characters as a set: whether a sample holds one is a test of its text against them in C.)
MARKED_NUMBERS: dict[str, tuple[frozenset[str], re.Pattern, Callable[[str, re.Pattern], bool]]] = {
    "currency": (frozenset(CURRENCY_SYMBOLS), CURRENCY_MARKS, _unmarked(CURRENCY_MARKS)),
    "percent": (frozenset("%"), PERCENT_MARK, _unmarked(PERCENT_MARK)),
    ACCOUNTING: (frozenset("("), PARENTHESISED, _accounting_number),
    FLAGGED: (frozenset(" "), FLAG_MARK, _flagged_number),
    TRAILING_MINUS: (frozenset("-"), MINUS_AFTER, _minus_after),
}


def _names_names(name: str | None) -> bool:
    """Whether a column's name says it holds names or codes, and no price nor money ("Security Price")."""
    return bool(name) and _NAMES_NAME.search(name) is not None and _PRICE_WORD.search(name) is None \
        and _MONEY_NAME.search(name) is None


def _code_by_a_digit(values: Sequence[str]) -> bool:
    """Whether a cell may hold a currency's code or local mark by its number ("CHF 1'234.50", "12,50 kr":
    CODE_BY_A_DIGIT)."""
    text = joined(values)
    return text is None or CODE_BY_A_DIGIT.search(text) is not None


def plausible_serial(values: Sequence[str]) -> bool:
    """Cheap pre-check: serial days have 5 digits, epoch seconds 9-10, milliseconds 12-13,
    microseconds 15-16, nanoseconds 18-19."""
    return all(len(v.split(".")[0].lstrip("+-")) in _SERIAL_DIGITS for v in values[:20])


_SERIAL_DIGITS = frozenset((5, 9, 10, 12, 13, 15, 16, 18, 19))


def _numbers(values: Sequence[str], decimal: str, thousands: str | None) -> list[float]:
    out = []
    for v in values:
        s = v.replace(thousands, "") if thousands else v
        s = s.replace(decimal, ".") if decimal != "." else s
        try:
            out.append(float(s))
        except ValueError:
            pass
    return out


def _steady_daily(nums: list[float], unit: float) -> bool:
    """Sorted values whose typical step is one to a few days (in `unit`s): a date axis."""
    if len(nums) < 5:
        return False
    steps = [b - a for a, b in zip(nums, nums[1:])]
    if sum(1 for s in steps if s < 0) > 0.1 * len(steps):
        steps = [-s for s in steps]  # newest-first files
    med = median(steps)
    return 0 < med <= 7 * unit and sum(1 for s in steps if s >= 0) >= 0.9 * len(steps)


def _clock_ticks(nums: list[float], unit: float, few: bool = False) -> bool:
    """Epoch values of a time axis: a steady sorted series (see _steady_daily) whose stamps all
    fall on the same second of the minute (`unit`: one second in the values' unit). A counter
    (order numbers 100000000, 100000001, ...) moves one at a time and passes no such test. `few`: a
    short column's stamps are judged too (_few_ticks), under a name a stamp goes by (_STAMP_NAME)."""
    minute = 60 * unit
    if len({x % minute for x in nums}) != 1:
        return False
    return _steady_daily(nums, 86400 * unit) if len(nums) >= _STEADY_LEAST else few and _few_ticks(nums, unit)


_STEADY_LEAST = 5  # values _steady_daily judges a median step on
# The names exchanges' candles give their stamp, or none: a few round volumes (150000000, 150300000)
# under "Volume" step by whole minutes too.
_STAMP_NAME = re.compile(r"(?i:id|t|ts)?|column_\d+")


def _few_ticks(nums: list[float], unit: float) -> bool:
    """A short file's stamps (two to four: Huobi's "id", Gate's "t" of a few days' candles) as a time
    axis: in order one way, each step a whole number of the least, itself a bar's length (whole
    minutes dividing a day, or whole days) up to a week.
    Judged by _steady_daily, too few to take a median of, they were no dates and the file was refused
    for "no date column". A counter (ids 100234, 100235) steps by one; no count steps by whole minutes."""
    if len(nums) < 2:
        return False
    steps = [b - a for a, b in zip(nums, nums[1:])]
    if not (all(s > 0 for s in steps) or all(s < 0 for s in steps)):
        return False
    least, day = min(abs(s) for s in steps), 86400 * unit
    # A bar's length divides a day (a minute to 12 hours) or is whole days: round amounts 60000
    # apart (1500000000, 1500060000: whole minutes, 16h40) are no candles' stamps.
    bar = least % day == 0 or day % least == 0
    return bar and least % (60 * unit) == 0 and least <= 7 * day and all(abs(s) % least == 0 for s in steps)


def _serial_format(nums: list[float], name: str, system: _SerialSystem) -> ColumnType | None:
    """Excel serial days or Unix epoch seconds/milliseconds written as plain numbers.

    Sorted ids and codes (FIPS 31001, 31003, ...; invoice numbers 40000, 40001, ...) fall in the
    same ranges and move as steadily as a date axis. A date name (date_named) is the evidence;
    without one, only a shape no counter has: Excel days that run over trading days (weekdays
    only, weekends skipped), epoch stamps that keep one second of the minute. Excel days are
    judged and labelled in the workbook's date `system`."""
    if not nums:
        return None
    lo, hi = min(nums), max(nums)
    hinted = date_named(name)
    integral = all(x == int(x) for x in nums)
    if system.least <= lo and hi <= system.most and (hinted or (integral and _trading_serials(nums, system))):
        return ColumnType("date" if integral else "timestamp", system.format, 0.9 if hinted else 0.7)
    for fmt, unit in EPOCH_UNITS.items():
        if integral and 1e8 * unit <= lo and hi <= 4.2e9 * unit:
            named = hinted or (unit > 1 and bool(_EPOCH_NAME.search(name)))
            if named or _clock_ticks(nums, unit, few=_STAMP_NAME.fullmatch(name or "") is not None):
                return ColumnType("timestamp", _epoch_format(fmt, nums, unit), 0.9 if named else 0.7)
    return None


def _epoch_format(fmt: str, nums: list[float], unit: int) -> str:
    """Epoch format `fmt`, or its "_east" reading when the stamps may be daily bars of an exchange east
    of UTC, stamped the evening before their session: normalisation judges which under the week (epoch_days.py)."""
    return f"{fmt}_east" if may_be_stamped_east_of_utc(int(x) // unit for x in nums) else fmt


def _stamps(ints: list[str], name: str) -> DateGuess | None:
    """Integers of 10, 12 or 14 digits that are compact date-times ("202103011530", %Y%m%d%H%M;
    "2025011900", %Y%m%d%H: read before epoch seconds, whose 10 digits they share).
    Every sampled value must be a valid stamp (year 1800-2199, a real day, hour < 24, minute and
    second < 60): a column of volumes, turnover or ids so large fails that in all but a few values
    in a hundred. Being large integers they may still be ids built from a clock, or a rare
    volume column that happens to pass, so one more piece of evidence is asked for: a header that
    names a date or time (date_named), or values that run in order as a time axis does. Order
    rather than few distinct days: a daily file has a new day every row. Nine steps in ten one way
    (either way: newest-first files), so a file sorted by ticker, its axis restarting per ticker,
    still reads as one; volumes go up and down about as often."""
    if len(set(map(len, ints))) != 1:
        return None  # mixed lengths: no single format reads them all
    if len(ints[0]) == 10 and not (date_named(name) or _HOUR_NAME.search(name or "")
                                   or _NO_NAME.fullmatch(name or "") is not None):
        # Ten digits under a name that says no date nor hour: ids of a day and a count
        # ("2024031501": an order's, a ticket's, a zone's serial), in order as a clock's are, and
        # read as stamps every such id column of a generic file had turned into timestamps. Order is
        # evidence only without a name (a headerless file's first column).
        return None
    guess = infer_date_format(ints)
    if guess is None or guess.fraction < 1.0 or not guess.format.startswith("%Y%m%d%H"):
        return None
    return guess if date_named(name) or _in_order(ints) else None


_NO_NAME = re.compile(r"(?:column_\d+)?")
# pandas writes a column of integers that misses a value as floats ("20240105.0" beside "nan").
_POINT_ZERO_DAY = re.compile(r"\d{8}\.0")


def _days_written_as_floats(values: list[str], name: str) -> DateGuess | None:
    """yyyymmdd days written as pandas writes the integers of a column with a gap: "20240105.0". Their
    format ends in the ".0" written after each ("%Y%m%d.0"), which strptime and the loader read as
    written. Read as floats, a table's dates were a column of numbers, and a price file's refused for
    want of a date. As for integers of eight digits: every one a day, and three of them or a date's name."""
    if not all(map(_POINT_ZERO_DAY.fullmatch, values)):  # most columns fail at their first value
        return None
    days = [v[:-2] for v in values]
    guess = infer_date_format(days)
    if guess is None or guess.fraction < 1.0 or not (len(set(days)) >= 3 or date_named(name)):
        return None
    return DateGuess(guess.type, guess.format + ".0", guess.fraction, guess.confidence)


def _days_repeated(ints: list[str], name: str | None) -> bool:
    """A headerless column of one or two yyyymmdd days, each repeated: one day's dump of a whole
    market ("BHP,20110412,49.07,...": EODData, asxhistoricaldata.com), the day on every row. With no
    name to say "Date", it stayed an integer (even a volume), and the file was refused for no date."""
    return _NO_NAME.fullmatch(name or "") is not None and len(ints) > len(set(ints))


def _in_order(values: list[str]) -> bool:
    """Three distinct values at least, nine steps in ten between distinct neighbours one way
    (values of one length: their text order is their numeric order)."""
    if len(set(values)) < 3:
        return False
    steps = [a < b for a, b in zip(values, values[1:]) if a != b]
    up = sum(steps)
    return max(up, len(steps) - up) >= 0.9 * len(steps)


# The days a price file's serials may hold.
_FIRST_SERIAL_DAY, _LAST_SERIAL_DAY = date(1950, 1, 1).toordinal(), date(2099, 12, 31).toordinal()


@dataclass(frozen=True)
class _SerialSystem:
    """How a workbook numbers its days (date_system.py): serials are judged and labelled in it."""
    format: str  # ColumnType.format of its serial dates
    epoch: int  # date.toordinal of serial 0 (for every serial from 1900-03-01 on, in the 1900 one)

    @property
    def least(self) -> int:
        return _FIRST_SERIAL_DAY - self.epoch

    @property
    def most(self) -> int:
        # No price is dated after today (a day's slack for a zone ahead of UTC). Finam's yymmdd of
        # 2005 saved by Excel, its leading zero dropped ("50103"), read as serials of 2037 and loaded.
        return min(_LAST_SERIAL_DAY, date.today().toordinal() + 1) - self.epoch


_SYSTEM_1900 = _SerialSystem(EXCEL_SERIAL, date(1899, 12, 30).toordinal())
_SYSTEM_1904 = _SerialSystem(EXCEL_SERIAL_1904, date(1904, 1, 1).toordinal())


def _trading_serials(nums: list[float], system: _SerialSystem) -> bool:
    """Excel serial days of a run of trading days (dates.trading_days), five of them at least, in
    the workbook's system: the 1904 one's serials read in the other fall a weekday early (1462 days
    are 208 weeks and 6 days), and a run of them seen so would be no run of trading days."""
    return trading_days([system.epoch + int(x) for x in nums], min_days=5)


_EPOCH_RANGES = tuple((1e8 * unit, 4.2e9 * unit, fmt) for fmt, unit in EPOCH_UNITS.items())


def _named_serial(values: Sequence[str], name: str, decimal: str, thousands: str | None,
                  min_share: float, system: _SerialSystem) -> ColumnType | None:
    """A date-named column of serial days or epochs with some cells off (a damaged row's stray
    value): the header is the evidence, and the cells that are no date get rejected row by row."""
    if not date_named(name):
        return None
    nums = _numbers(values, decimal, thousands)
    for lo, hi, fmt in ((system.least, system.most, system.format), *_EPOCH_RANGES):
        inside = [x for x in nums if lo <= x <= hi]
        share = len(inside) / len(values)
        if inside and share >= min_share:
            integral = all(x == int(x) for x in inside)
            kind = "date" if fmt == system.format and integral else "timestamp"
            if fmt in EPOCH_UNITS:
                fmt = _epoch_format(fmt, inside, EPOCH_UNITS[fmt])
            return ColumnType(kind, fmt, round(0.9 * share * (1.0 if len(values) >= 5 else 0.8), 3))
    return None


def _longest_first(word: str) -> tuple[int, str]:
    return -len(word), word


_ASCII_DIGIT = re.compile(r"[0-9]")


def _digitless(text: str | None) -> bool:
    """Whether no value of `text` (joined.py) holds a digit: ASCII cells without 0-9 (a ticker's or a
    sector's column). Not cells past ASCII, whose digits are more than 0-9 (str.isdigit takes "²", the
    regexes' \\d Arabic-Indic ones), nor a cell holding a NUL (`text` None)."""
    return text is not None and text.isascii() and _ASCII_DIGIT.search(text) is None


def _words(values: list[str], name: str, float_rx: re.Pattern, threshold: float, small: float) -> ColumnType:
    """infer_column_type of values none of which holds a digit (_digitless), as its every test
    reads them: no integer, float, date, serial day, currency, percent, accounting, trailing-minus
    or abbreviated number is written without one (each of their patterns asks for a digit). Only a
    flag after a missing value ("NA b", ": c": Eurostat's) reads as a flagged number (FLAG_MARK),
    or a share of them as the column's other reading. Typing a daily file's tickers and sectors
    through every test was ~3% of detecting a drifted one."""
    probe = "".join(values[:30])
    marked: ColumnType | None = None
    if " " in probe and _VOLUME_NAME.search(name or "") is None and any(map(FLAG_MARK.search, set(values[:30]))):
        share = _share(values, partial(_flagged_number, float_rx=float_rx))
        if share >= threshold:
            return ColumnType("float", FLAGGED, round(share * small, 3))
        if share >= 0.5 and share > 0.0:
            marked = ColumnType("float", FLAGGED, share)
    alt = ColumnType(marked.type, marked.format, round(marked.confidence * small, 3)) if marked is not None else None
    return ColumnType("string", None, round(small, 3), alt)


def _values(cells: Sequence[str]) -> tuple[list[str], str | None]:
    """The column's values, its cells stripped without the NO_VALUE ones, and their joined() text.
    Most columns of prices, volumes and dates hold neither a blank at a cell's end nor a null: one
    search of their joined cells (_MAY_SIFT) takes them as they are, where each cell was stripped
    and looked up (hashed) alone, a third of typing a column of prices."""
    text = joined(cells)
    if text is not None and _MAY_SIFT.search(text) is None:
        return list(cells), text
    values = list(filterfalse(NO_VALUE.__contains__, map(str.strip, cells)))
    return values, joined(values)


def infer_column_type(cells: Sequence[str], name: str, decimal: str, thousands: str | None,
                      threshold: float = _TYPE_THRESHOLD, file_date: date | NamedMonth | None = None,
                      dates_from_1904: bool = False) -> ColumnType:
    """`threshold`: share of non-empty cells that must fit a type (lower it for samples that may
    still hold header or footer rows). `file_date`: the date or month in the file's name (see dates.py).
    `dates_from_1904`: the cells come from a workbook of Mac Excel's date system (date_system.py),
    whose serial days are judged and labelled in it; text files never are."""
    values, text = _values(cells)
    if not values:
        errors = sum(c.strip() in ERROR_CELLS for c in cells)
        if errors:
            # Nothing but a formula's errors ("#N/A Field Not Applicable" as Bloomberg's PX_VOLUME of an
            # index, "#VALUE!" down an open): text of no value, not a column never seen, which its name
            # alone maps (canonical.no_values_seen): mapped so, its every row was rejected.
            return ColumnType("string", None, 1.0 if errors >= 5 else 0.8)
        return ColumnType("string", None, 0.0)
    n = len(values)
    small = 1.0 if n >= 5 else 0.8  # a handful of cells proves less
    system = _SYSTEM_1904 if dates_from_1904 else _SYSTEM_1900

    # The first value rules most columns out of booleans before every value is lower-cased.
    lowered = {v.lower() for v in values} if values[0].lower() in BOOLEAN_WORDS else None
    if lowered is not None and lowered <= BOOLEAN_WORDS:
        words = lowered - _WEAK_BOOLEANS
        # Weak spellings alone only as one pair: "ON" beside "T" or "Y" are tickers (ON Semiconductor,
        # AT&T, Alleghany), not a flag.
        if words or (len(lowered) == 2 and _OTHER[min(lowered)] == max(lowered)):
            # Longest spelling first, ties by the word: a set's order changes with the hash seed, and
            # a format that did made the same file's schema differ from one run to the next.
            trues = sorted(lowered & _TRUE, key=_longest_first)
            falses = sorted(lowered & _FALSE, key=_longest_first)
            fmt = f"{trues[0] if trues else _OTHER[falses[0]]}/{falses[0] if falses else _OTHER[trues[0]]}"
            return ColumnType("boolean", fmt, round((1.0 if words else 0.7) * small, 3))

    integer_rx, float_rx = number_patterns(decimal, thousands)
    if _digitless(text):
        return _words(values, name, float_rx, threshold, small)
    shapes = _number_shapes(text)
    joined_int, joined_float = joined_number_patterns(decimal, thousands)
    int_frac = _number_share(values, shapes, _int_test(integer_rx), joined_int)
    fractions = int_frac >= threshold and int_frac < 1.0 and _fractions_among(values, shapes, float_rx, decimal,
                                                                             joined_float, int_frac)
    if int_frac >= threshold and not fractions:
        ints = _integers(values, integer_rx, int_frac)
        if all(_EIGHT_DIGITS.match(v) for v in ints):
            guess = infer_date_format(ints)
            days = len(set(ints)) >= 3 or date_named(name) or _days_repeated(ints, name)
            if guess and guess.fraction == 1.0 and days:
                return ColumnType(guess.type, guess.format, round(int_frac * small, 3))
        elif all(map(_STAMP_DIGITS.match, ints)):
            guess = _stamps(ints, name)
            if guess:
                return ColumnType(guess.type, guess.format, round(int_frac * small, 3))
        serial = _serial_format(_numbers(ints, decimal, thousands), name, system) if plausible_serial(ints) else None
        if serial:
            return ColumnType(serial.type, serial.format, round(serial.confidence * int_frac * small, 3))
        named = _named_serial(values, name, decimal, thousands, min_share=2 / 3, system=system)
        if named:
            return named
        integer = ColumnType("integer", None, round(int_frac * small, 3))
        if _beyond_int64(ints, thousands):
            # ICCIDs, 20-digit references, NUMERIC(38) values: no 64-bit integer holds them, and a
            # float keeps 15-17 digits. Text keeps every digit.
            return ColumnType("string", None, integer.confidence, integer)
        text = joined(ints)
        if _leading_zeros(ints, text):
            # Codes ("01", "030151360": ZIP, FIPS, account numbers) read as integers would lose their
            # zeros: text, with the integer reading kept for a column mapped to a price field.
            return ColumnType("string", LEADING_ZEROS, integer.confidence, integer)
        if _phone_numbers(ints, text) or (thousands == "." and all(map(IPV4.match, ints))):
            # "+14155552671" loses its plus as an integer, "192.168.100.107" its dots (a file
            # that groups thousands by dots).
            return ColumnType("string", None, integer.confidence, integer)
        return integer

    guess = None if _no_date_starts(shapes) else infer_date_format(values, file_date=file_date)
    if guess and guess.fraction >= threshold:
        return ColumnType(guess.type, guess.format, round(guess.confidence * small, 3))

    float_frac = _number_share(values, shapes, _float_test(float_rx, decimal), joined_float)
    if float_frac >= threshold:
        if (days := _days_written_as_floats(values, name)) is not None:
            return ColumnType(days.type, days.format, round(small, 3))
        serial = _serial_format(_numbers(list(filter(float_rx.match, values)), decimal, thousands), name, system) \
            if date_named(name) and plausible_serial(values) else None
        if serial:
            return ColumnType(serial.type, serial.format, round(serial.confidence * float_frac * small, 3))
        named = _named_serial(values, name, decimal, thousands, min_share=2 / 3, system=system)
        # Whole numbers but a few: their integer reading kept (is_whole), as a headerless file's
        # volume and a column of numbered tickers are told by it.
        number = ColumnType("float", None, round(float_frac * small, 3),
                            ColumnType("integer", None, round(int_frac * small, 3)) if fractions else None)
        if named is None and _version_named(name):
            return ColumnType("string", None, number.confidence, number)
        if named is None and name and _CODE_NAME.search(name) and _leading_zeros(values, joined(values)):
            # Dotted codes ("01.0101": NCES CIP, "0101.21": HS tariff lines, "038.9": ICD-9) read as
            # numbers would lose their zeros, leading and trailing ("01.0100" is 1.01): text, the
            # number kept as the reading of a column mapped to a price field (as for integers). Only
            # under a name of codes (_CODE_NAME): typed text, a zero-padded price column had left
            # the price paths that ask for numbers ("AAPL Close" of a wide sheet dropped unsaid,
            # "Spot Price" refused), and a headerless file's zero-padded figures are amounts.
            return ColumnType("string", LEADING_ZEROS, number.confidence, number)
        return named or number

    probe = "".join(values[:30])
    volume = " " in probe and _VOLUME_NAME.search(name or "") is not None
    # The best reading of marked or abbreviated numbers short of the threshold: a column of "USD 254.33"
    # with a few words ("halted") is mostly prices, as a plain one with a few is (its `alt` below). Left
    # without, a column named "Open" stayed unmapped and was filled from the close, a volume lost.
    marked: ColumnType | None = None
    # Each first value once: a column of words that holds a space or a hyphen ("BASIC INDUSTRIES",
    # "CONSUMER NON-DURABLES" under "Sector") repeats a few of them, each searched for two marks.
    firsts = set(values[:30])
    for fmt, (chars, mark, number) in MARKED_NUMBERS.items():
        if fmt == FLAGGED and volume:
            continue  # "1.2 M" shares traded: abbreviated below, not flagged
        held = not chars.isdisjoint(probe) or (fmt == "currency" and not _names_names(name)
                                               and _code_by_a_digit(values[:30]))
        if held and any(map(mark.search, firsts)):
            share = _share(values, partial(number, float_rx=float_rx))
            if share >= threshold:
                return ColumnType("float", fmt, round(share * small, 3))
            if share >= 0.5 and share > float_frac and (marked is None or share > marked.confidence):
                marked = ColumnType("float", fmt, share)

    abbreviation = (_ABBREVIATED_SPACED_NOT_INDIAN if _MONEY_NAME.search(name or "") else _ABBREVIATED_SPACED) \
        if volume else _ABBREVIATED
    text = joined(values[:30]) if not volume else None
    if _ABBREVIATED_JOINED.search(text) if text is not None else any(abbreviation.match(v) for v in values[:30]):
        abbreviated = _share(values, lambda v: abbreviation.match(v) or float_rx.match(v))
        # Under a header's name only: a headerless file's column of "12m" ("column_6") taken for
        # text would be taken for its ticker by its shape, as its abbreviated reading is not.
        if named_by_a_header(name) and not _VOLUME_NAME.search(name) and labels_not_amounts(values):
            return ColumnType("string", None, round(abbreviated * small, 3))
        if abbreviated >= threshold:
            if _leading_zeros(values, text):
                # Codes, not amounts: KRX tickers are six characters, zero-padded, some ending in a
                # letter ("000020", "00088K" a preferred share); read as 88 thousand they would be
                # lost as the file's tickers. No web export writes a volume "00088K".
                return ColumnType("string", LEADING_ZEROS, round(abbreviated * small, 3))
            return ColumnType("float", "abbreviated", round(abbreviated * small, 3))
        if abbreviated >= 0.5 and abbreviated > float_frac and (marked is None or abbreviated > marked.confidence) \
                and not _leading_zeros(values, text):
            marked = ColumnType("float", "abbreviated", abbreviated)

    best_other = max(float_frac, guess.fraction if guess else 0.0)
    alt = _named_serial(values, name, decimal, thousands, min_share=0.5, system=system)
    if alt is None and marked is not None and marked.confidence >= (guess.fraction if guess else 0.0):
        alt = ColumnType(marked.type, marked.format, round(marked.confidence * small, 3))
    if alt is None and guess and guess.fraction >= 0.5 and guess.fraction >= float_frac:
        alt = ColumnType(guess.type, guess.format, round(guess.confidence * small, 3))
    elif alt is None and float_frac >= 0.5:
        alt = ColumnType("integer" if int_frac == float_frac else "float", None, round(float_frac * small, 3))
    return ColumnType("string", None, round((1.0 - best_other) * small, 3), alt)
