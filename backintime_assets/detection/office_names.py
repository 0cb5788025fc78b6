"""Which office's a file is, as far as its path under the source's root tells: the folder and the name,
their numbers and month names blanked but for an office's (branch01/, desk3_prices_20240102.csv).

A header is no source: "Date,Ticker,Open,High,Low,Close,Volume" is written by offices either side of the
Atlantic, in one folder. Only files named alike (us_close_001.csv, us_close_017.csv: the same name but for its
numbers and month names) are taken for one office's (ingestion/sibling_order.py, sibling_east.py); stored
files are kept by it too (db/file_schemas.sibling_detections), so another office's newer files of a header
never crowd out an office's own.
"""
from __future__ import annotations

import posixpath
import re

from backintime_assets.detection.month_names import MONTHS

_DIGITS = re.compile(r"\d+")
# A month's name as a word of its own, in any language month_names reads: an office that names its
# files by month (prices_jan.csv, prices_feb.csv; 2024/März/) is one source as one that numbers them
# is. Kept apart, the current month's file of its first trading day ("01/03/2024": no day above 12)
# borrowed no order from February's and no sibling settled it: 1 March loaded as 3 January.
_MONTH_NAMES = frozenset(word for table in MONTHS.values() for word in table)
_WORD = re.compile(r"[^\W\d_]+")  # letters between digits, dots, dashes, underscores, spaces
# A number shaped as a date: a year (19xx, 20xx) with its month and day if any (2024, 2024-01, 20240102,
# 2024_01_02), a day and month before a year (02.01.2024, 02-01-24), or six digits and more (a date
# without its century, a stamp: 020124, 20240102093000). Months and days alone are numbers as any.
_DATE_NUMBER = re.compile(r"(?<!\d)(?:(?:19|20)\d\d(?:[-_. ]?\d\d?){0,2}"
                          r"|\d\d?[-_. ]\d\d?[-_. ](?:19|20)?\d\d|\d{6,})(?!\d)")
# A number after the word before it (letters, then at most one joint): "desk3", "branch_01", "week05". The
# word starts where letters do (not within one), so a long word is not tried from each of its letters.
_COUNTED = re.compile(r"(?<![^\W\d_])([^\W\d_]*)([-_ ]?)(\d+)")
# Words whose number names an office (branch01/, office_2/, desk3_prices_20240102.csv): it sets its files
# apart. Any other word's number is blanked as dates are, as before offices were told apart: it numbers
# periods, days, parts or deliveries of one office's files in words no list holds (semana05/, dia_05/,
# cd2/, export_7/, fy24/), and kept, a folder of early-month days alone took the separator's guess (5 February
# loaded as 2 May) where its siblings in the other folders proved day first.
_OFFICE_WORDS = frozenset({
    "branch", "office", "desk", "site", "region", "entity", "fund", "portfolio", "account", "acct", "client",
    "trader", "dealer", "team", "store", "shop", "bank", "broker", "company", "firm", "subsidiary", "division",
    "dept", "department", "location", "filiale", "niederlassung", "zweigstelle", "standort", "agence",
    "succursale", "bureau", "sucursal", "oficina", "agencia", "filial", "sede", "ufficio", "kantoor", "vestiging",
})


def name_pattern(name: str) -> str:
    """A file's name without its folder, its numbers and month names blanked: one office's daily files
    share it (day_001.csv, day_017.csv -> day_#.csv; prices_jan.csv -> prices_#.csv), but for an office's
    number beside a date or another number (desk3_prices_20240102.csv -> desk3_prices_#.csv)."""
    text = posixpath.basename(name.replace("\\", "/")).lower()
    text, dated = _dates_blanked(text)
    if not _DIGITS.search(text):
        return text
    # An office's number names it (desk3, desk_3) where the date or another number counts the files. No
    # date and a lone number: it numbers the files (day_001, desk_N) or names the file's ticker or office
    # (one file each), and nothing tells which: one source, as before.
    if dated or len(_COUNTED.findall(text)) > 1:
        return _COUNTED.sub(_unless_office, text)
    return _DIGITS.sub("#", text)


def folder_pattern(name: str) -> str | None:
    """The file's folder, its numbers and month names blanked (prices/2024/01 -> prices/#/#, prices/2024/jan
    -> prices/#/#, 2024/week05 -> #/week#), where its name has one: a migration, redetect and the file_schemas
    asset name a file by its path under the root (the asset's detections stored before by name alone are
    named by their stored path when read as siblings: file_schemas._named_with_folder). An office's number
    stays (branch01/, office_2/): blanked, a US branch's "01/02/2024" took a European branch's proven day first, and
    2 January loaded as 1 February."""
    folder = posixpath.dirname(name.replace("\\", "/").lower())
    return "/".join(_folder_part(part) for part in folder.split("/")) if folder else None


def _folder_part(part: str) -> str:
    text, _ = _dates_blanked(part)
    return _COUNTED.sub(_unless_office, text) if _DIGITS.search(text) else text


def _dates_blanked(text: str) -> tuple[str, bool]:
    """`text` with its month names and date-shaped numbers blanked; whether it held any."""
    dated = False
    if not _MONTH_NAMES.isdisjoint(_WORD.findall(text)):  # most names hold no month's
        # As a month's number, so "may2024" is a date as "052024" is, and every month's name the same.
        text, dated = _WORD.sub(_unless_month, text), True
    text, dates = _DATE_NUMBER.subn("#", text)
    return text, dated or dates > 0


def _unless_office(found: re.Match) -> str:
    """The number, kept where it names an office (desk3, branch_01), else blanked (day_05, cd2, week05)."""
    word, joint, _ = found.groups()
    return found.group() if word in _OFFICE_WORDS else f"{word}{joint}#"


def _unless_month(word: re.Match) -> str:
    return "01" if word.group() in _MONTH_NAMES else word.group()


def source(name: str) -> tuple[str, str | None]:
    """What files of one office share in their names (path under the root): the name pattern and the
    folder, numbers blanked but for an office's. Files of one survey are named alike, so those of one source
    share it exactly."""
    return name_pattern(name), folder_pattern(name)


def office_key(name: str) -> str:
    """`source(name)` as one text, as file_layouts keeps it: files of one office share it exactly."""
    pattern, folder = source(name)
    return f"{folder or ''}|{pattern}"
