"""File names that name no instrument: the name a site or a program gives every download, whatever it
holds. A file without a ticker column is named after its file (normalisation/file_ticker.py); under
such a name two downloads of different instruments (WSJ's "HistoricalPrices.csv", a browser's
"HistoricalPrices (1).csv" beside it) loaded as one made-up ticker, one file's rows rejected as the
other's conflicts, or loaded on the days the other lacks as the same security's. Such a file is
refused with the reason, not loaded under the site's word."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from .filename import COPY_PREFIX, COPY_SUFFIX, SITE_PREFIX, SITE_SUFFIX, base_name, without_dates
from .month_names import month_number
from .currencies import CURRENCY_CODES
from .name_words import says_what_the_file_is
from .venues import BLOCK_WORDS, MARKETS, VENUES

# A judgement (refusals.py): the rows are read and refused whole; a user's ticker for the file names
# them (db/file_overrides.apply), as a rename or a ticker column does.
NAMELESS = "no ticker column, and the file's name names no instrument"

# Each a real download's name, in capitals, a second copy's words cut (filename.COPY_SUFFIX): WSJ's
# "HistoricalPrices.csv"; Yahoo's old "table.csv"; Nasdaq's "HistoricalData_1700000000000.csv" (the
# moment of the download) and its older "HistoricalQuotes.csv"; Investing.com's words without the
# symbol ("Historical Data.csv"); a new Google spreadsheet's "Untitled spreadsheet - Sheet1.csv"; a
# page's export or chart saved as the browser names it ("data.csv", "export.csv", "download.csv",
# "chart.csv", "quotes.csv"); FRED's graph download ("fredgraph.csv", whichever series it holds: its id is
# in its header, canonical._named_series). A scraper's name for each symbol's file, the symbol only in
# the folder above it ("dataset/ACB/PriceHistory.csv", "dataset/AAA/PriceHistory.csv": vnstock-data's cafef
# histories, a thousand symbols under one name), and a script's "dataset.csv" (pandas' to_csv of whatever it
# fetched, as "data.csv" is): each had loaded as PRICEHISTORY or DATASET, two symbols' files as one security.
# Not "prices.csv" and its like: an office's own name for its one series, which its other files do not share.
_SITE_NAMES = re.compile(r"HISTORICALPRICES|HISTORICALQUOTES|TABLE|HISTORICALDATA(?:_\d{13})?|HISTORICAL[ _]DATA"
                         r"|UNTITLED SPREADSHEET(?: - SHEET\d+)?|DATA|EXPORT|DOWNLOAD|CHART|QUOTES|FREDGRAPH"
                         r"|PRICE[ _]?HISTORY|DATASET")
# A browser counts its copies past 9 ("HistoricalPrices (10).csv"): COPY_SUFFIX keeps a wider number in
# brackets as a name's own ("FTSE (100)"), but a site's name for every download has none of its own. Kept,
# the eleventh WSJ download loaded as ticker "HISTORICALPRICES (10)", one made-up security again.
_COUNTED = re.compile(r"\s*\(\d+\)$")
# Words that name no instrument, left where Investing.com's words after the instrument are cut
# ("My Historical Data.csv", "Stock Historical Data.csv", "Stock Price Dados Históricos.csv"): a user's
# own words for "the file I saved" in the site's place of the symbol, each loaded as a made-up ticker
# (MY, STOCK) under which two such files of different instruments would load as one. Only as written
# in small letters: the site writes a symbol in capitals ("COIN Historical Data.csv" is Coinbase's,
# "BOND" PIMCO's fund) and a name as a name ("Gold Futures", "Bitcoin"), which stays.
_NO_INSTRUMENT = frozenset('''MY OUR YOUR THE A AN STOCK STOCKS SHARE SHARES EQUITY EQUITIES PRICE PRICES QUOTE
                              QUOTES MARKET INDEX FUND ETF BOND BONDS CRYPTO COIN CURRENCY FOREX FX COMMODITY FUTURES
                              DAILY WEEKLY MONTHLY NEW OLD TEST SAMPLE FILE DATA EXPORT DOWNLOAD HISTORY HISTORICAL
                              TICKER SYMBOL ASSET'''.split())


def _site_words_around(stem: str) -> bool:
    """Whether `stem` is Investing.com's words for every download (filename.SITE_SUFFIX, SITE_PREFIX) around
    no instrument: alone ("Dados Históricos") or around words that name none (_NO_INSTRUMENT)."""
    stem = unicodedata.normalize("NFC", stem.strip())
    # A blank around the stem: the site's words alone have none before (or after) them to cut at.
    cut = SITE_PREFIX.sub("", SITE_SUFFIX.sub("", f" {stem}").strip() + " ").strip()
    if cut == stem:
        return False
    words = re.split(r"[\s_]+", cut)
    # A browser's count of its copies ("Dados Históricos - 1.csv"): no symbol is a number so short, and its
    # rows had loaded as ticker "1". Nor are the words for what a file is, in the site's languages
    # ("Dados Históricos - Diários.csv": name_words.py).
    return not cut or bool(_BROWSER_COUNT.fullmatch(cut)) or (any(c.islower() for c in cut) and all(
        w.upper() in _NO_INSTRUMENT or says_what_the_file_is(w) for w in words))


_BROWSER_COUNT = re.compile(r"\d{1,2}")

# A workbook's sheets are one ticker each only where each is named as a ticker is, in capitals ("AAPL",
# "BRK.B", "^GSPC", "7203.T"): sheets "Prices" and "Prices (old)", "Daily" and "Backup", "Raw" and
# "Adjusted", or "Sheet1" and "Sheet2", sharing their dates are one table twice, whose repeats are to be
# rejected as duplicates, not loaded under made-up tickers (PRICES, BACKUP) with none under the file's
# (normalisation/sheets.py).
_TICKER_NAME = re.compile(r"[A-Z0-9^][A-Z0-9.=^:-]{0,14}")
# A Bloomberg security: its ticker, its market (none for an index or a currency) and its yellow key. A
# workbook of BDH pulls names a sheet so ("AAPL US Equity", "MSFT US Equity"): read as no ticker's, two
# such sheets sharing their dates had every row rejected as unnamed series of the file's name.
SECURITY = re.compile(r"[A-Z0-9^][A-Z0-9./^=-]*(?: [A-Z]{2})? (?:Equity|Index|Curncy|Comdty)")
_DEFAULT_SHEET_NAME = re.compile(r"(?:sheet|tabelle|feuil|hoja|foglio|blad|planilha|arkusz|list)\s*\d*", re.I)


def sheet_names_ticker(sheet: str) -> bool:
    """Whether a workbook's sheet is named as a ticker is (and not as a spreadsheet names a new sheet)."""
    sheet = sheet.strip()
    return bool(_TICKER_NAME.fullmatch(sheet) or SECURITY.fullmatch(sheet)) and not _DEFAULT_SHEET_NAME.fullmatch(sheet)


# Names a sheet of one ticker's rows gets for its period or its part, even in capitals: a year ("2021",
# "FY2021"), a quarter or half ("Q1", "1Q21", "H2 2020"), a month ("JAN", "MÄRZ 2021", "2021-01"), or a
# word for a part of a file ("OLD", "NEW", "RAW", "BACKUP"). Sheets so named whose dates are not shared
# are that one ticker's periods (normalisation/sheets.sheet_tickers); others, named as tickers, their
# tickers however their dates fall.
_PERIOD = re.compile(r"(?:FY|CY)?[-_ ]?(?:19|20)\d\d(?:[-_. /]?(?:0?[1-9]|1[0-2]|[QH][1-4]))?"
                     r"|(?:[QH][1-4]|[1-4][QH])(?:[-_ /]?(?:19|20)?\d\d)?"
                     # a fiscal year of two digits or a span of years ("FY19", "2019-20", "2019-2020"), a
                     # bare year or part number of one or two digits ("21", "1")
                     r"|(?:FY|CY)[-_ ']?\d\d|(?:19|20)\d\d[-_/ ]+(?:19|20)?\d\d|\d{1,2}", re.I)
_MONTH_AND_YEAR = re.compile(r"([^\W\d_]{3,10})\.?(?:[-_ /']?(?:\d{2}|\d{4}))?|(?:\d{2}|\d{4})[-_ /]?([^\W\d_]{3,10})")
_PART_WORDS = _NO_INSTRUMENT | frozenset('''RAW ADJ ADJUSTED UNADJUSTED BACKUP COPY ARCHIVE HIST CURRENT LATEST
                                          PREVIOUS PREV LAST FINAL DRAFT SUMMARY NOTES INPUT OUTPUT MAIN TEMP TMP
                                          ALL TOTAL CHART'''.split())


def sheet_names_a_period(sheet: str) -> bool:
    """Whether a workbook's sheet is named as a period or a part of one table is (_PERIOD), not as an
    instrument, though written as a ticker is."""
    sheet = sheet.strip()
    if _PERIOD.fullmatch(sheet) or sheet.upper() in _PART_WORDS:
        return True
    m = _MONTH_AND_YEAR.fullmatch(sheet)
    return m is not None and month_number(m.group(1) or m.group(2)) is not None


# Names of a sheet that sums up others: its rows (each ticker's last price, a month's average) are
# figures drawn from the history kept on the later sheets, not that history.
_SUMMARY_SHEETS = frozenset('''SUMMARY OVERVIEW DASHBOARD COVER CONTENTS TOTALS ZUSAMMENFASSUNG UBERSICHT
                               RESUMEN RESUMO SYNTHESE SOMMAIRE RIEPILOGO SINTESI'''.split())


def sheet_sums_up(sheet: str) -> bool:
    """Whether a workbook's sheet is named as a summary of its others (_SUMMARY_SHEETS)."""
    words = unicodedata.normalize("NFKD", sheet).encode("ascii", "ignore").decode().upper().split()
    return bool(words) and words[0] in _SUMMARY_SHEETS


# A summary dates each of its series once or a few times (a ticker's last close, a month's average); a
# series dated on this many days is a history.
_HISTORY_DAYS = 10


def a_history(rows: Sequence[Sequence[str]], date: int, ticker: int | None) -> bool:
    """Whether `rows` date one series alone (one `ticker`'s rows, or all of them without one) on
    _HISTORY_DAYS days or more: a history of its own whatever its sheet's name. A fund's "Summary" sheet
    of its NAV day by day had given way to a longer "Benchmark" sheet after it, whose index loaded as the
    fund's. Not several tickers' last closes or month ends, each on ten days or more: their own sheets
    follow, and had been rejected as another layout (loud)."""
    days: dict[str, set[str]] = {}
    for r in rows:
        if date < len(r) and (day := r[date].strip()):
            days.setdefault(r[ticker].strip() if ticker is not None and ticker < len(r) else "", set()).add(day)
    return len(days) == 1 and len(next(iter(days.values()))) >= _HISTORY_DAYS


_NUMBERED = re.compile(r"(\D*?)[-_ .]?\d{1,2}")


def sheets_numbered_as_parts(sheets: list[str]) -> bool:
    """Whether two of a workbook's sheets are one name numbered ("SPY1" and "SPY2", "PART1" and "PART2",
    "DATA" and "DATA2"): the parts of one table, not two tickers. A number of three digits and more is
    a listing code ("7203", "6758"), not a part's."""
    stems = [m.group(1) if (m := _NUMBERED.fullmatch(s.strip().upper())) else s.strip().upper() for s in sheets]
    return len(set(stems)) < len(stems)


def nameless_problem(name: str) -> str | None:
    """The refusal of a file named `name` whose rows nothing else names (no ticker column, no label
    above the header), where the name is a site's for every download; None where it names them, or where
    the folder it sits in does (folder_ticker)."""
    problem = _base_names_nothing(name)
    return None if problem is not None and folder_ticker(name) is not None else problem


def folder_ticker(name: str) -> str | None:
    """The ticker a file's folder gives it where its own name is a site's or a program's for every download
    and the folder above it is named as a listing code is (_ticker_folder): vnstock-data's cafef histories,
    a thousand symbols' "dataset/ACB/PriceHistory.csv", "dataset/VNM/PriceHistory.csv", the symbol only in
    the folder. Refused as nameless (58's loud refusal), each symbol's rows were lost to the user; under the
    file's name they had loaded as one made-up PRICEHISTORY. None where the name names its instrument itself,
    or the folder is no code's: then the file's name is the ticker, or its refusal stands.
    Only a scraper's name for each symbol's file (_ONE_PER_SYMBOL), never a copy of it: a browser's or a
    site's name for every download ("HistoricalPrices (1).csv", "data.csv", "export.csv") lands in whatever
    folder its user keeps, named in capitals as a code is as often as not ("WSJ/", "IBKR/", "MYFILES/", a
    client's "C1234/", initials): several instruments' downloads had loaded as one made-up WSJ or MYFILES
    where they were refused, and a folder's shape alone does not tell a symbol's from those."""
    base = base_name(name)
    stem = base.rsplit(".", 1)[0] if "." in base else base
    return _ticker_folder(name) if _ONE_PER_SYMBOL.fullmatch(stem.strip().upper()) else None


# A scraper's name for each symbol's file, written in the symbol's own folder (vnstock-data's cafef
# "dataset/ACB/PriceHistory.csv"): not a user's download, which shares its folder with other instruments'.
_ONE_PER_SYMBOL = re.compile(r"PRICE[ _]?HISTORY")


# A folder's name that is a code's shape and names no instrument: an exchange or a market ("HOSE", "NYSE",
# "TADAWUL"), a source or the block's kind (venues.py), a currency ("USD/"), a period ("2024", "Q1", "JAN"),
# or a word for what a folder holds ("DATA", "CSV", "EXPORTS", "DAILY", "PRICES", "RAW", "BACKUP"). Only a
# code of three characters or more: a country's or a region's two letters ("US/", "VN/", "EU/") hold a
# market's files, not a security's, and a one-letter symbol's folder is as much a drive's or a part's.
_FOLDER_WORDS = frozenset('''CSV CSVS TXT TSV XLS XLSX JSON PARQUET FILES DATASET DATASETS EXPORTS DOWNLOADS INPUT
                             INPUTS OUTPUT OUTPUTS OUT SRC SOURCE SOURCES TMP TEMP HOME USERS USER DOCS DOCUMENTS
                             DESKTOP TICKERS SYMBOLS HISTORIES HISTORY QUOTES RESULTS REPORTS ARCHIVES BACKUPS OLD
                             NEW'''.split())
_HOMES = frozenset({"users", "home", "homes", "benutzer", "utilisateurs", "usuarios"})
_FOLDER_CODE = re.compile(r"(?=[A-Z0-9.^-]*[A-Z])[A-Z0-9^][A-Z0-9.^-]{2,11}")


def _ticker_folder(name: str) -> str | None:
    """The folder right above the file, where it is named as a listing code is, in capitals with a letter
    (_FOLDER_CODE), and as no folder of a market's, a period's or a kind's files is (_FOLDER_WORDS)."""
    parts = [p for p in name.replace("\\", "/").split("/") if p]
    if len(parts) < 2:
        return None
    if len(parts) > 2 and parts[-3].strip().lower() in _HOMES:
        return None  # C:\Users\JSMITH\data.csv: a user's folder, named as its user is
    folder = parts[-2].strip()
    word = re.sub(r"[-_.]?\d+$", "", folder.upper()) or folder.upper()  # "DATA2024", "EXPORTS_2" are no codes
    if not _FOLDER_CODE.fullmatch(folder) or sheet_names_a_period(folder) or _SITE_NAMES.fullmatch(word) \
            or any(word in words for words in (_PART_WORDS, _FOLDER_WORDS, VENUES, MARKETS, BLOCK_WORDS,
                                               CURRENCY_CODES, _SESSIONS)):
        return None
    return folder


def _base_names_nothing(name: str) -> str | None:
    """nameless_problem of the file's own name, its folders aside."""
    base = base_name(name)
    stem = base.rsplit(".", 1)[0] if "." in base else base
    stem = COPY_SUFFIX.sub("", stem) or stem
    stem = COPY_PREFIX.sub("", stem) or stem
    stem = _COUNTED.sub("", stem) or stem
    if _SITE_NAMES.fullmatch(stem.strip().upper()) or _site_words_around(stem):
        return (f"{NAMELESS}: \"{base}\" is the name a site or a program gives every download, so two such "
                "files of different instruments would load as one; rename the file to its symbol or add a "
                "ticker column")
    if _dated_words(stem):
        return (f"{NAMELESS}: \"{base}\" names its days and no instrument, so two such files of different "
                "instruments would load as one; rename the file to its symbol or add a ticker column")
    return None


# A year after a name, alone: no part of a symbol beside words that name none ("daily_data_2024").
_AFTER_YEAR = re.compile(r"(.*?[^-_ ])[-_ ]+(?:19|20)\d\d")


def _dated_words(stem: str) -> bool:
    """Whether `stem` is days (filename.without_dates) or a year beside a site's name or words that name
    no instrument (_NO_INSTRUMENT): "2024-09-03", "prices_2024-09-03", "export_20240903", "daily_data_2024",
    a script's or an office's name for each day's or year's file, whatever it holds; or days beside a
    file's count, version, part or session (_COUNTER, _PART_WORDS, _SESSIONS). Named after those
    words, one day's file had loaded as a ticker of its own ("PRICES_2024-09-03"); without its days, any two
    such files of different instruments would load as one. One word in capitals stays a symbol
    ("COIN_2024-09-03" is Coinbase's), as a site's words around it (_site_words_around)."""
    cut = without_dates(stem)
    if cut == stem and (m := _AFTER_YEAR.fullmatch(stem)) is not None:
        cut = m[1]
    if cut == stem:
        return False
    if not cut or _SITE_NAMES.fullmatch(cut.strip().upper()) or _site_words_around(cut):
        return True
    words = re.split(r"[\s_-]+", cut.strip())
    if all(_COUNTER.fullmatch(w) or _DEFAULT_SHEET_NAME.fullmatch(w) for w in words):
        return True  # "2024-09-03_1", "20240903_v2", "2024-09-03_part1": each day's first file, its second
    return all(w.upper() in _PART_WORDS or w.upper() in _SESSIONS for w in words) \
        and (len(words) > 1 or any(c.islower() for c in cut))


# What a script numbers each day's files by, whatever they hold: a count, a version or a part ("1", "v2",
# "part3", "001"), no symbol (a share's code has four digits and more: "7203", "600519"); and the hour or
# session of a day's file ("2024-09-03_am", "_eod", "_close"). Since d54f0ae cut the days, every day's
# "2024-09-03_1.csv" loaded as one ticker "1", every "..._final.csv" as FINAL, whatever each held (silent).
_COUNTER = re.compile(r"(?:v|ver|version|part|run|batch|no|file)?\.?\d{1,3}", re.IGNORECASE)
_SESSIONS = frozenset("AM PM EOD SOD CLOSE CLOSING OPEN OPENING MORNING EVENING NIGHT MIDDAY NOON SNAPSHOT".split())


def unnamed(schema: dict) -> bool:
    """Whether nothing in a detection names the rows it loads: no ticker of its header's or a user's, no
    ticker column, no tickers side by side, no day's list, no workbook's sheet named as a ticker
    (detect._schema's test).
    Not of a table with no close: nothing loads under any name, and its own reason says why."""
    columns = schema.get("columns") or []
    return any(c.get("canonical") == "close" for c in columns) and not (
        schema.get("ticker") or schema.get("day") or sheet_names_ticker(schema.get("sheet") or "")
        or any(c.get("canonical") == "ticker" or c.get("series") for c in columns))


def names_nothing(name: str) -> bool:
    """Whether `name` is a site's for every download: of a content's several names, the one its detection
    (and the dates its rows are filed under) must not be made under where another names the instrument
    (ingestion/raw.py, assets/schemas.py)."""
    return nameless_problem(name) is not None


def as_named(schema: dict, name: str) -> dict:
    """`schema` as the file named `name` reads it. A detection is stored once per content (file_layouts is
    keyed by sha256), made under one of its names: a copy renamed after its symbol ("DJI.csv" beside the
    "HistoricalPrices.csv" it was saved from) was refused for the other name, its rows under its own
    symbol lost with the reason naming another file. The other way, the site's name sharing a detection
    made under the symbol's had loaded the same rows a second time as ticker "HISTORICALPRICES": it is
    refused as detected under its own name. (Detected under a site's name and loading all the same, the
    refusal was lifted by a user: left so.)"""
    problem = schema.get("problem")
    if problem is None:
        refused = nameless_problem(name)
        if refused is None or names_nothing(schema.get("file") or name) or not unnamed(schema):
            return schema
        return dict(schema, problem=refused)
    if not problem.startswith(NAMELESS) or nameless_problem(name) is not None:
        return schema
    return dict(schema, problem=None)
