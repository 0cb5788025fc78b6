"""The date a file's name gives (daily drops such as `NYSE_2025-02-04.csv`), used as weak evidence
for the day/month order of a date column whose values cannot settle it; and the name without the days
it writes (without_dates), the rest of which names the file's security ("AAPL_2024-09-03.csv")."""

from __future__ import annotations

import posixpath
import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from pathlib import PurePath

# Year first only: "02-04-2025" in a name is as ambiguous as the cells it would have to settle.
# The same separator (or none) both times, and no digit right next to it: "120250204" is some
# other number, not a date.
_NAME_DATE = re.compile(r"(?<!\d)((?:19|20|21)\d{2})([-_]?)(\d{2})\2(\d{2})(?!\d)")
# In folders also a folder each: year, month, day ("2024/01/02").
_FOLDER_DATE = re.compile(r"(?<!\d)((?:19|20|21)\d{2})([-_/]?)(\d{2})\2(\d{2})(?!\d)")

# What a desktop or a browser adds to a file's name when it saves a second copy beside the first: Windows'
# "AAPL - Copy.csv", "AAPL - Copy (2).csv" ("- Kopie", "- Copie", "- copia"... in other languages), its
# older "Copy of AAPL.csv", macOS' "AAPL copy.csv", "AAPL copy 2.csv", a browser's "AAPL (1).csv". The
# copy is Apple's: named "AAPL (1)" a corrected re-send loaded beside the rows it corrects as a second
# ticker, the old closes left under AAPL, where as AAPL it supersedes them.
_COPY_WORD = r"(?:copy|kopie|copie|copia|c\u00f3pia|kopia|kopio|kopi)"
# A browser's bare number is one digit: a name's own number in brackets is wider, and the name's
# ("FTSE (100)" beside "FTSE (250)", "DAX (30)", "Russell (2000)", a target-date fund's "(2030)"), where
# taken for a copy's every such index had loaded as one ticker, "FTSE", the others its conflicts.
COPY_SUFFIX = re.compile(rf"(?:\s*-\s*{_COPY_WORD}(?:\s*\(\d+\))?|[\s_]+copy(?:[\s_]*\d+)?|\s*\([1-9]\))+$",
                          re.IGNORECASE)
COPY_PREFIX = re.compile(r"^(?:copy|kopie)(?:\s*\(\d+\))?\s+(?:of|von)\s+", re.IGNORECASE)

# What Investing.com writes after the instrument in every download's name, in its sites' languages
# ("AAPL Historical Data.csv", "Ibovespa Dados Históricos.csv", "USD_TRY Geçmiş Verileri.csv",
# "USD_KRW 내역.csv"; Vietnamese puts it first: "Dữ liệu Lịch sử HPG.csv"), spaces or a user's
# underscores between the words. The words say what the file is, as "DATA" of "AAPL.DATA.csv" does.
# Kept, they made each download a ticker of its own ("AAPL HISTORICAL DATA") beside AAPL.csv's Apple,
# and "BP.L Historical Data.csv" loaded as BP, New York's ADR: its ".L" was cut with them.
_W = r"[\s_]+"
SITE_SUFFIX = re.compile(
    rf"{_W}(?:historical{_W}data|dados{_W}hist[oó]ricos|datos{_W}hist[oó]ricos|historische{_W}daten"
    rf"|dati{_W}storici|donn[ée]es{_W}historiques|ge[cç]mi[sş]{_W}verileri|dane{_W}historyczne"
    rf"|data{_W}historis|прошлые{_W}данные|بيانات{_W}تاريخية|過去データ|내역)$"
    # Chinese writes no space between a name and the words after it: cn.investing.com's page for
    # Apple is headed "AAPL历史数据", its download "AAPL历史数据.csv" (hk's: "歷史數據").
    r"|\s*(?:历史数据|歷史數據)$", re.IGNORECASE)
# Portuguese and Spanish downloads have put the words first too, the instrument after a dash or an article:
# "Dados Históricos - Ibovespa.csv" (B3's index, in dozens of Brazilian repositories), "Datos históricos
# EUR_COP.csv", "Datos históricos del Bitcoin.csv". Kept, each loaded as a ticker of its own, "DADOS
# HISTÓRICOS - IBOVESPA" beside the same index's "Ibovespa Dados Históricos.csv" (IBOVESPA). The article
# in small letters, as the site writes it, or capitalised as a user's title-cased rename writes every word
# ("Datos Históricos Del Bitcoin": kept, DEL BITCOIN beside the lower-case name's BITCOIN); not in capitals,
# a symbol's: "Datos históricos DE 30" keeps DE. A dash also as a word processor or a title writes it
# ("Dados Históricos – Ibovespa": kept, "– IBOVESPA"). Italian, French and German the same way ("Dati Storici
# FTSE MIB.csv": kept whole, DATI STORICI FTSE MIB beside "FTSE MIB Dati Storici.csv"'s FTSE MIB); their
# articles, and the words a user adds ("Diários", "acciones"), are name_words.py's to cut.
SITE_PREFIX = re.compile(
    rf"^(?:d[ữu]{_W}li[ệe]u{_W}l[ịi]ch{_W}s[ửu]{_W}"
    rf"|(?:(?:dados|datos){_W}hist[oó]ricos|dati{_W}storici|donn[ée]es{_W}historiques|historische{_W}daten)"
    rf"(?:[\s_]*[-\u2013\u2014][\s_]*|{_W})(?-i:[dD](?:e|el|a|o){_W})?)",
    re.IGNORECASE)


def without_words(words: re.Pattern, piece: str) -> str:
    """The piece without a site's words (SITE_SUFFIX, SITE_PREFIX), compared composed: a Mac writes a
    name's accents apart ("Dados Histo\u0301ricos"). The piece as it is where they are all it holds."""
    cut = words.sub("", unicodedata.normalize("NFC", piece))
    return cut if cut and cut != unicodedata.normalize("NFC", piece) else piece


def base_name(name: str) -> str:
    """A file's name without its folders, whichever way its path is written ("a\\b.csv", "a/b.csv")."""
    return PurePath(name.replace("\\", "/")).name


def date_in_name(name: str) -> date | None:
    """The one calendar date written year-first in the file's base name, None when there is none
    or several different ones (a range export says nothing about a single day)."""
    return _one_date(_NAME_DATE, base_name(name))


def date_in_path(name: str) -> date | None:
    """date_in_name, or where the base name holds none, the one date its folders write year first
    ("2024/01/02/prices.csv", "20240102/prices.csv"): an office keeping a folder a day. Evidence of a
    day/month order its values leave open (dates._num_order takes it where a reading falls within days of
    it), not a date for a file's rows: a dateless file is dated by its base name or title (day_date.py).
    Unread, a British office's "02/05/22" in 2022/05/02/prices.csv loaded as 5 February.

    Only a file whose base name holds no number: an office keeping a folder a day names its file alike in
    each (prices.csv, AAPL.csv), where a folder holding a file a day must number them apart (close_001.csv,
    export (3).csv) and is a delivery's or a backup's, dated by the day it was made. Read as the files'
    day, a backup 2024-02-01/ of January's close_002.csv, "01/02/2024", loaded 2 January as 1 February,
    and a British office's "02/01/2024" proved month first against its siblings' day above 12."""
    found = date_in_name(name)
    folder = posixpath.dirname(name.replace("\\", "/"))
    if found is not None or not folder or _DIGIT.search(base_name(name)):
        return found
    return _one_date(_FOLDER_DATE, folder)


_DIGIT = re.compile(r"\d")


@dataclass(frozen=True)
class NamedMonth:
    """A month a file's path names, year first and with no day: "holdings_2024_09.csv", "2024-09/prices.csv"."""
    year: int
    month: int

    def holds(self, day: date) -> bool:
        return (day.year, day.month) == (self.year, self.month)


# Year first only, as _NAME_DATE: "09_2024" may as well be a file's number and its year.
_NAME_MONTH = re.compile(r"(?<!\d)((?:19|20|21)\d{2})[-_. ]?(0[1-9]|1[0-2])(?!\d)")
_FOLDER_MONTH = re.compile(r"(?<!\d)((?:19|20|21)\d{2})[-_/]?(0[1-9]|1[0-2])(?!\d)")


def named_days(name: str) -> date | NamedMonth | None:
    """The days a file's path vouches for, as evidence of a day/month order its values leave open:
    date_in_path's date, or else the one month it names year first, from its folders as date_in_path
    reads them. A US office's month-start snapshot holdings_2024_09.csv, "09/01/2024" (a Sunday), loaded
    as 9 January, read day first for the weekend (ingestion/pooled_order.py); a range export within one
    month (prices_2024-01-02_2024-01-31.csv) names the month too."""
    found = date_in_path(name)
    if found is not None:
        return found
    months = _months(_NAME_MONTH, base_name(name))
    folder = posixpath.dirname(name.replace("\\", "/"))
    if not months and folder and not _DIGIT.search(base_name(name)):
        months = _months(_FOLDER_MONTH, folder)
    return months.pop() if len(months) == 1 else None


def _months(pattern: re.Pattern, text: str) -> set[NamedMonth]:
    """The months `pattern` finds in `text`, but for a fiscal year's span (_fiscal_year)."""
    return {NamedMonth(int(m.group(1)), int(m.group(2))) for m in pattern.finditer(text) if not _fiscal_year(m)}


# A fiscal or tax year's mark before its span ("fy2010-11", "FY_2010_11", "tax 2010-11", "FYE_2010-11",
# "fiscal_year_2010-11", "financial year 2010-11", India's assessment year "AY 2010-11").
_FISCAL_MARK = re.compile(r"(?:fye?|fiscal|financial|tax|(?<![a-z])ay)(?:[-_. ]?year)?[-_. ]?$", re.IGNORECASE)


def _fiscal_year(m: re.Match) -> bool:
    """Whether a year, a separator and the next year's last two digits are a fiscal or tax year's span, not a
    month: prices_fy2010-11.csv's one day "10/11/2010" had been read 10 November, its US guess 11 October
    overturned by a month the name does not write. Only where a mark says so (_FISCAL_MARK): unmarked,
    "2011-12" is December's as "2011-11" is November's, and "2011/12/" is a year's folder and a month's (a
    British office's "05/12/2011" there loaded as 12 May by the US guess, silent, since 5f9d712)."""
    year, month = int(m.group(1)), int(m.group(2))
    return len(m.group(0)) > len(m.group(1)) + len(m.group(2)) and month == (year + 1) % 100 \
        and _FISCAL_MARK.search(m.string, 0, m.start()) is not None


def _one_date(pattern: re.Pattern, text: str) -> date | None:
    found = set()
    for m in pattern.finditer(text):
        try:
            found.add(date(int(m.group(1)), int(m.group(3)), int(m.group(4))))
        except ValueError:
            continue  # "20251399" is a number, not a date
    return found.pop() if len(found) == 1 else None


# The days a script or a user writes into a single security's file name beside its symbol: the day it was
# saved ("AAPL_2024-09-03", "AAPL_20240903", "AAPL_03.09.2024"), with the moment ("AAPL_20240903_153000",
# "AAPL_2024-09-03T15-30-00"), or the range it holds ("EURUSD_20240101_20241231", "AAPL_2020_2025", a
# script's years, "AAPL_2020-01-01_to_2024-12-31"). Kept, each day's file loaded as a ticker of its own
# ("AAPL_2024-09-03" beside "AAPL_2024-09-04": one share's rows split, neither superseding the other), a dotted
# day as part of it ("AAPL_03") and a symbol with an exchange's code cut at its date ("BP.L_2024-09-03" as BP,
# New York's ADR). Not a month ("ES_2024-09" may be a future's contract month, as NinjaTrader's "ES 03-24"),
# nor a year alone ("RUSSELL_2000", "AAPL_2019": a name's own number): the name keeps those.
_Y = r"(?:19|20)\d\d"
_M = r"(?:0[1-9]|1[0-2])"
_D = r"(?:0[1-9]|[12]\d|3[01])"
_DAY = (rf"{_Y}-{_M}-{_D}|{_Y}_{_M}_{_D}|{_Y}\.{_M}\.{_D}|{_Y}{_M}{_D}(?:\d{{4}}|\d{{6}})?"
        rf"|{_D}-{_D}-{_Y}|{_D}_{_D}_{_Y}|{_D}\.{_D}\.{_Y}")  # day (or month) first: as open, as much no symbol's
_TIME = r"(?:[T_ -](?:[01]\d|2[0-3])(?:[-:.h]?[0-5]\d){1,2}Z?)"
_TO = r"(?:[-_ ]+(?:to[-_ ]+)?)"
_DAYS = rf"(?:{_DAY}){_TIME}?(?:{_TO}(?:{_DAY}){_TIME}?)?"
_DATED = re.compile(rf"(?P<s>.*?[^-_ ])[-_ ]+(?P<d>{_DAYS}|(?P<y1>{_Y}){_TO}(?P<y2>{_Y}))"
                    rf"|(?P<d2>{_DAY}(?:{_TO}(?:{_DAY}))?)[-_ ]+(?P<s2>[^-_ ].*)", re.IGNORECASE)
_ONLY_DAYS = re.compile(_DAYS, re.IGNORECASE)
_DIGITS8 = re.compile(r"\d{8}")


def without_dates(stem: str, data_until: date | None = None) -> str:
    """`stem` (a file's name without its type) without the days written after or before its symbol
    (_DATED); "" where it holds days alone ("2024-09-03", "20240101_20241231"), but for eight bare
    digits, as much a code's as a day's; `stem` as it is where it writes none, or where its one day
    is after the file's data (`data_until`, its last day, where known) by more than a download waits
    (_SAVED_WITHIN): an instrument's own, a future's expiry ("ES_2024-12-20"), a bond's maturity
    ("UST_2030-05-15") or an option's ("AAPL_C220_2024-09-20"). Cut, they had merged one root's
    contracts under one ticker (silent)."""
    if _ONLY_DAYS.fullmatch(stem) and _all_days(stem) and not _DIGITS8.fullmatch(stem):
        return ""
    m = _DATED.fullmatch(stem)
    if m is None or not _all_days(m["d"] or m["d2"] or ""):
        return stem
    if m["y1"] is not None and int(m["y2"]) <= int(m["y1"]):  # "2000_1990": no range, a name's numbers
        return stem
    if data_until is not None and m["y1"] is None and _after(m["d"] or m["d2"], data_until):
        return stem
    return m["s"] if m["s"] is not None else m["s2"]


def dated_name(name: str) -> bool:
    """Whether a file's name (its path's last part) writes one day beside its symbol, which without_dates
    cuts or keeps by the file's data."""
    m = _DATED.fullmatch(base_name(name).rsplit(".", 1)[0])
    return m is not None and m["y1"] is None and len(_ONE_DAY.findall(m["d"] or m["d2"])) == 1


def download_day(name: str, data_until: str | None) -> bool:
    """Whether the one day a file's dated name writes (dated_name) is its download's, not after its data's
    last day (`data_until`, ISO: FileSchema.data_until) by more than _SAVED_WITHIN: cut from the ticker
    (without_dates). False where the data's last day is not known."""
    m = _DATED.fullmatch(base_name(name).rsplit(".", 1)[0]) if data_until else None
    return m is not None and not _after(m["d"] or m["d2"], date.fromisoformat(data_until))


# Days from the data's last to the one a download's name writes: saved that evening, the next morning,
# after a weekend and a holiday, or after a market's longest closure: Shanghai's Golden Week (data to
# Sep 30, saved Oct 8) and a Lunar New Year's week with its weekends (Shanghai's 2024: Feb 8 to 19).
# Four days had kept those in the ticker, "600519_2024-10-08" (silent). An expiry, a maturity is weeks or
# years after a snapshot's data; a weekly option's, in its last fortnight, is cut as before c3c8b11.
_SAVED_WITHIN = 11
_ONE_DAY = re.compile(rf"(?<!\d)(?:({_Y})[-_.]?({_M})[-_.]?({_D})|({_D})[-_.]({_D})[-_.]({_Y}))", re.IGNORECASE)


def _after(days: str, data_until: date) -> bool:
    """Whether `days` (_DAYS' text) is one day, after `data_until` by more than _SAVED_WITHIN days however
    it is read (day or month first); a range is the data's."""
    found = list(_ONE_DAY.finditer(days))
    if len(found) != 1:
        return False
    y, mo, d, a, b, y2 = found[0].groups()
    readings = [(y, mo, d)] if y else [(y2, b, a), (y2, a, b)]
    for year, month, day in readings:
        try:
            if (date(int(year), int(month), int(day)) - data_until).days <= _SAVED_WITHIN:
                return False
        except ValueError:
            continue  # "13-05-2024" is no month's 13th
    return True


_COMPACT = re.compile(r"(?<!\d)((?:19|20)\d\d)(\d\d)(\d\d)(?:\d{4}|\d{6})?(?!\d)")


def _all_days(text: str) -> bool:
    """Whether every day `text` writes compactly ("20240903") is a calendar's: "20240231" is some number."""
    try:
        for m in _COMPACT.finditer(text):
            date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return False
    return True
