"""Month names of the languages European offices export in, and the date formats that carry one.

strptime and Arrow read English `%b`/`%B` only (changing the locale would change it process-wide).
A column with other names is detected as a tagged format, "%d-%b-%Y|de": its `%b` stands for a
month name of the table below, full or abbreviated, with or without its dot, in any case. Reading
one replaces the name by the month's number and parses the rest with "%d-%m-%Y" as usual.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

from .format_regex import format_regex

TAG = "|"  # joins a strptime format and the language of its month names
# Taiwan's Minguo calendar, written as a tag for a strptime format ("%Y/%m/%d|roc"): TWSE's exports
# and Taiwanese offices write 2024-01-02 as "113/01/02", a year counted from 1912.
ROC = "roc"
ROC_YEAR_ONE = 1912
_ROC_YEAR = re.compile(r"\d{1,3}(?=\D)")
# The Buddhist era (tag "be"), Thailand's calendar: Thai offices' Excel writes 2024-01-02 as
# "02/01/2567", a year 543 ahead. No price is dated 2400 or later, so such years are BE years.
BE = "be"
BE_YEARS = range(2400, 2800)
BE_OFFSET = 543
_BE_YEAR = re.compile(r"(?<!\d)2[4-7]\d\d(?!\d)")
# Two digits of the Buddhist era ("02/01/67", "%d/%m/%y|be": SET's and Thai banks' exports) count in
# its 26th century, BE 2500-2599: 67 is BE 2567, 2024. Read by strptime's pivot, they loaded as 2067.
BE_CENTURY = 2500
# Thai month names (tag "th", "%d %b %Y|th"): their four-digit years are the Buddhist era's where
# they are BE years by size ("23 พ.ค. 2568"), and stay where they are the common era's ("23 พ.ค.
# 2025": a Thai Excel's d mmm yyyy without its B2 calendar); two digits read as strptime's pivot
# does, unless the file's years read nearer today as the Buddhist era's (buddhist_era.py): then
# tagged "th+be" ("23 พ.ค. 68", BE 2568), as "%d/%m/%y|be".
THAI = "th"
THAI_BE = THAI + "+" + BE
# strptime's %y: 00-68 are 2000-2068, 69-99 1969-1999.
STRPTIME_PIVOT = 69


def pivot_year(two_digits: int) -> int:
    """The year strptime's %y reads two digits as."""
    return two_digits + (2000 if two_digits < STRPTIME_PIVOT else 1900)


_DIGITS = re.compile(r"\d+")
_DIRECTIVE = re.compile(r"%[a-zA-Z]")


_WORDS = ("%a", "%A", "%b", "%B", "%p", "%Z")  # directives written without digits


def be_short_year(value: str, base: str) -> re.Match | None:
    """The two-digit year of `value` written in the strptime format `base` ("%d/%m/%y", "%d %b %y"):
    the run of digits at the place of its %y among its directives of digits; None when it has none there."""
    directives = [d for d in _DIRECTIVE.findall(base) if d not in _WORDS]
    if "%y" not in directives:
        return None
    runs = list(_DIGITS.finditer(value))
    at = directives.index("%y")
    return runs[at] if at < len(runs) and len(runs[at][0]) == 2 else None

# Spellings without their dot; accent-free forms are added below (févr -> fevr, März -> marz).
_NAMES = {
    "en": ("jan january", "feb february", "mar march", "apr april", "may", "jun june", "jul july",
           "aug august", "sep sept september", "oct october", "nov november", "dec december"),
    "de": ("jan januar jän jänner", "feb februar feber", "mär märz mrz maerz", "apr april", "mai",
           "jun juni", "jul juli", "aug august", "sep sept september", "okt oktober", "nov november",
           "dez dezember"),
    "fr": ("jan janv janvier", "fév févr février", "mar mars", "avr avril", "mai", "juin",
           "juil juillet", "aoû août", "sep sept septembre", "oct octobre", "nov novembre", "déc décembre"),
    "es": ("ene enero", "feb febrero", "mar marzo", "abr abril", "may mayo", "jun junio", "jul julio",
           "ago agosto", "sep sept set septiembre setiembre", "oct octubre", "nov noviembre", "dic diciembre"),
    "it": ("gen gennaio", "feb febbraio", "mar marzo", "apr aprile", "mag maggio", "giu giugno", "lug luglio",
           "ago agosto", "set sett settembre", "ott ottobre", "nov novembre", "dic dicembre"),
    "nl": ("jan januari", "feb februari", "mrt maart", "apr april", "mei", "jun juni", "jul juli",
           "aug augustus", "sep sept september", "okt oktober", "nov november", "dec december"),
    "pt": ("jan janeiro", "fev fevereiro", "mar março", "abr abril", "mai maio", "jun junho", "jul julho",
           "ago agosto", "set setembro", "out outubro", "nov novembro", "dez dezembro"),
    # Scandinavian: Statistics Sweden, Denmark and Norway, Nasdaq Nordic and Oslo Børs.
    "sv": ("jan januari", "feb februari", "mar mars", "apr april", "maj", "jun juni", "jul juli",
           "aug augusti", "sep sept september", "okt oktober", "nov november", "dec december"),
    "da": ("jan januar", "feb februar", "mar marts", "apr april", "maj", "jun juni", "jul juli",
           "aug august", "sep sept september", "okt oktober", "nov november", "dec december"),
    "no": ("jan januar", "feb februar", "mar mars", "apr april", "mai", "jun juni", "jul juli",
           "aug august", "sep sept september", "okt oktober", "nov november", "des desember"),
    # Thai: the Stock Exchange of Thailand's and Thai brokers' and banks' exports, "23 พ.ค. 2568" (23
    # May 2025), the abbreviation dotted inside ("พ.ค.", and without its dots "พค"), or in full
    # ("23 พฤษภาคม 2568"). Their years are the Buddhist era's (THAI).
    "th": ("ม.ค มค มกราคม", "ก.พ กพ กุมภาพันธ์", "มี.ค มีค มีนาคม", "เม.ย เมย เมษายน", "พ.ค พค พฤษภาคม",
           "มิ.ย มิย มิถุนายน", "ก.ค กค กรกฎาคม", "ส.ค สค สิงหาคม", "ก.ย กย กันยายน", "ต.ค ตค ตุลาคม",
           "พ.ย พย พฤศจิกายน", "ธ.ค ธค ธันวาคม"),
}
LANGUAGES = tuple(_NAMES)  # a tie between languages goes to the first


def without_accents(word: str) -> str:
    """`word` with its accents dropped ("Févr" -> "Fevr", "Diários" -> "Diarios")."""
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))


def _table(months: tuple[str, ...]) -> dict[str, int]:
    table = {}
    for number, spellings in enumerate(months, start=1):
        for s in spellings.split():
            table[s] = table[without_accents(s)] = number
    return table


MONTHS = {lang: _table(months) for lang, months in _NAMES.items()}


def _shared() -> dict[str, int]:
    """Spellings every language that has them reads as the same month (today: all of them). A
    spelling two languages read differently is left to the language the file's other names name."""
    meanings: dict[str, set[int]] = {}
    for table in MONTHS.values():
        for word, number in table.items():
            meanings.setdefault(word, set()).add(number)
    return {w: next(iter(ns)) for w, ns in meanings.items() if len(ns) == 1}


_SHARED = _shared()


# Weekday names, Monday first, without their dot, that may lead a date ("Mo, 04.01.2021", "Mon
# 01/04/2021") or follow it in brackets ("2024/01/05(金)") or after a comma ("2024-01-02,二"). A
# date column drops them before reading, never checks them: the day and month say which day it is.
# canonical.py checks them against the dates to tell a weekday split off its date from tickers
# that spell one ("MA", "SO", "DO").
WEEKDAY_NAMES = {
    "en": ("mon monday", "tue tues tuesday", "wed wednesday", "thu thur thurs thursday", "fri friday",
           "sat saturday", "sun sunday"),
    "de": ("mo montag", "di dienstag", "mi mittwoch", "do donnerstag", "fr freitag", "sa samstag sonnabend",
           "so sonntag"),
    "fr": ("lun lundi", "mar mardi", "mer mercredi", "jeu jeudi", "ven vendredi", "sam samedi", "dim dimanche"),
    "es": ("lun lunes", "mar martes", "mié miércoles", "jue jueves", "vie viernes", "sáb sábado", "dom domingo"),
    "it": ("lun lunedì", "mar martedì", "mer mercoledì", "gio giovedì", "ven venerdì", "sab sabato", "dom domenica"),
    "nl": ("ma maandag", "di dinsdag", "wo woensdag", "do donderdag", "vr vrijdag", "za zaterdag", "zo zondag"),
    "pt": ("seg segunda", "ter terça", "qua quarta", "qui quinta", "sex sexta", "sáb sábado", "dom domingo"),
    "ja": ("月", "火", "水", "木", "金", "土", "日"),
    # Chinese numbers the days ("周二", "星期二", or "二" alone after a comma: Tonghuashun's exports).
    "zh": ("一 周一 星期一", "二 周二 星期二", "三 周三 星期三", "四 周四 星期四", "五 周五 星期五", "六 周六 星期六",
           "日 天 周日 星期日 星期天"),
}
# Per language: spelling -> weekday (0 Monday ... 6 Sunday, as date.weekday()).
WEEKDAYS = {lang: {w: day for day, names in enumerate(days) for s in names.split() for w in (s, without_accents(s))}
            for lang, days in WEEKDAY_NAMES.items()}


def weekday_language(word: str) -> str | None:
    """The first language (English first) that names a weekday `word` (any case, a dot after it)."""
    w = word.rstrip(".").lower()
    return next((lang for lang, names in WEEKDAYS.items() if w in names), None)


def weekday_numbers(word: str) -> frozenset[int]:
    """The weekdays (0 Monday) `word` names in any language: every language agrees on each spelling today."""
    w = word.rstrip(".").lower()
    return frozenset(names[w] for names in WEEKDAYS.values() if w in names)


@lru_cache(maxsize=4096)
def month_number(word: str, language: str | None = None) -> int | None:
    """1-12 for a month name or abbreviation (any case, trailing dot allowed), else None."""
    w = word.rstrip(".").lower()
    table = MONTHS.get(language or "", {})
    number = table.get(w) or table.get(without_accents(w))
    return number or _SHARED.get(w) or _SHARED.get(without_accents(w))


def language_of(words: Iterable[str]) -> str:
    """The language whose names cover most of `words` (distinct month names of one column)."""
    written = {w.rstrip(".").lower() for w in words}
    plain = set(map(without_accents, written))

    def score(lang: str) -> tuple[int, int, int]:  # names as written ("mär" is German) before accent-free ones
        table = MONTHS[lang]
        return sum(w in table for w in written), sum(w in table for w in plain), -LANGUAGES.index(lang)

    return max(LANGUAGES, key=score)


def split(fmt: str) -> tuple[str, str | None]:
    """(strptime format, language of its month names or None)."""
    base, _, language = fmt.partition(TAG)
    return base, language or None


@lru_cache(maxsize=256)
def _value_regex(fmt: str) -> re.Pattern | None:
    """A regex for values written in the strptime format `fmt`, capturing the month name as `b`."""
    rx = format_regex(fmt, "bB", " +")  # as Python's strptime reads a run of spaces for one
    return re.compile(rx) if rx is not None else None


def numeric_format(fmt: str) -> str:
    """The strptime format of `fmt` (tag dropped) with its month name read as a number and its
    weekday name dropped; a Buddhist-era two-digit year written as the common era's four digits."""
    base, language = split(fmt)
    if language in (BE, THAI_BE):
        base = base.replace("%y", "%Y")
    return base.replace("%a", "").replace("%b", "%m").replace("%B", "%m")


@lru_cache(maxsize=256)
def _weekday_regex(fmt: str) -> re.Pattern | None:
    """A regex for values written in the strptime format `fmt`, capturing the weekday name as `a`."""
    rx = format_regex(fmt, "a", " +")
    return re.compile(rx) if rx is not None else None


def numeric_value(value: str, fmt: str) -> str | None:
    """`value` with its weekday name dropped and its month name replaced by the month's number (a
    Minguo year by the common era's), to be read with numeric_format(fmt); None when it does not
    follow `fmt` or names no weekday or month."""
    base, language = split(fmt)
    if language == ROC:
        m = _ROC_YEAR.match(value)
        return f"{int(m[0]) + ROC_YEAR_ONE - 1}{value[m.end():]}" if m else None
    if language in (BE, THAI_BE) and "%y" in base:  # read with %Y: numeric_format
        m = be_short_year(value, base)
        if m is None:
            return None
        value = f"{value[:m.start()]}{BE_CENTURY + int(m[0]) - BE_OFFSET}{value[m.end():]}"
        if language == BE:
            return value
        base, language = base.replace("%y", "%Y"), THAI
    elif language == BE:
        m = _BE_YEAR.search(value)
        return f"{value[:m.start()]}{int(m[0]) - BE_OFFSET}{value[m.end():]}" if m else None
    elif language == THAI and "%Y" in base and (m := _BE_YEAR.search(value)):
        value = f"{value[:m.start()]}{int(m[0]) - BE_OFFSET}{value[m.end():]}"
    if "%a" in base:
        m = _weekday_regex(base).fullmatch(value)
        if m is None or weekday_language(m["a"]) is None:
            return None
        value, base = value[:m.start("a")] + value[m.end("a"):], base.replace("%a", "")
        if "%b" not in base and "%B" not in base:
            return value
    rx = _value_regex(base)
    m = rx.fullmatch(value) if rx is not None else None
    number = month_number(m["b"], language) if m else None
    if number is None:
        return None
    return f"{value[:m.start('b')]}{number:02d}{value[m.end('b'):]}"


def for_strptime(value: str, fmt: str) -> tuple[str, str]:
    """(value, format) datetime.strptime reads: a tagged format's month name made a number
    ("" when it names no month, which strptime rejects); other formats as they are."""
    if "%p" in fmt and "." in value:
        value = DOTTED_HALF_DAY.sub(UNDOTTED_HALF_DAY, value)
    if fmt.endswith("%z"):
        if _HOURS_ONLY.search(value):
            value += "00"  # PostgreSQL's "+00", "-08": strptime's %z wants the minutes
        elif not fmt.endswith(_NAMED_ZONES) and not _OFFSET.search(value):
            # A stamp without an offset in a column of stamps with one (dates._with_zone): its wall
            # clock, as the loader reads every stamp (normalisation/parse.py drops zones). Read so
            # wherever the column's format reads its values (its bars' steps, its weekdays), not
            # only where it is typed: read there as no date, a weekly file's few stamps with a zone
            # were all its steps told, and its weeks loaded as days.
            fmt = fmt.removesuffix("%z").rstrip(" ")
    if TAG not in fmt:
        return value, fmt
    return numeric_value(value, fmt) or "", numeric_format(fmt)


# The half of the day written with dots ("9:30 a.m.", "p.m."), which %p reads without them: the one
# spelling for detection (dates._TIME) and the loader (normalisation/parse.py).
DOTTED_HALF_DAY = re.compile(r"([AaPp])\.([Mm])\.")
UNDOTTED_HALF_DAY = r"\1\2"
_HOURS_ONLY = re.compile(r"[+-]\d{2}$")
_OFFSET = re.compile(r"(?:Z|[+-]\d{2}(?::?\d{2})?)$")
# An offset under a zone's name ("GMT+0100"): the loader keeps the name in the format, so a value
# without it reads there as no date, and reads not here either.
_NAMED_ZONES = ("GMT%z", "UTC%z")
