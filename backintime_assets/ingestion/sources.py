"""Find the price files in the source folder, and where a file with no loadable dates files its lines."""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import lru_cache
from datetime import date, datetime, timezone
from pathlib import Path

from backintime_assets.detection.markup import markup_format
from backintime_assets.trading_week import MON_FRI, TradingWeek

PRICE_FILE_SUFFIXES = {".csv", ".txt", ".tsv", ".xlsx", ".xlsm", ".xls", ".xlsb", ".ods"}
# Web pages and XML files: migrated when they hold a table (a bank's or broker's "Export as HTML",
# Excel's XML Spreadsheet 2003), passed over otherwise, since a shared drive keeps saved pages and
# configuration files that are no price files. A price file's name with such content (an HTML
# "prices.xls") is migrated whatever it holds: a page with no table is then its file problem.
_MARKUP_SUFFIXES = {".htm", ".html", ".xml"}
_MARKUP_PEEK_BYTES = 256 * 1024
# Workbooks of formats the readers do not take (Apple Numbers: no reader in Python): named in the
# report, so that their owner re-saves them.
_OTHER_WORKBOOKS = {".numbers"}


@dataclass(frozen=True)
class SourceFile:
    path: Path
    relative: str
    size_bytes: int
    modified_at: datetime


def scan(root: Path) -> list[SourceFile]:
    """Every candidate price file under `root`, in a stable order."""
    return scan_all(root)[0]


def scan_all(root: Path) -> tuple[list[SourceFile], dict[str, str]]:
    """(every candidate price file under `root` in a stable order, every other file with why it is
    not migrated). A shared drive holds more than price files, and a file passed over in silence is
    a file whose rows nobody knows are missing: the migration reports them.

    Names starting with `_` or `.` are bookkeeping (the simulator's ground truth, editors' lock
    files) rather than price data, so they are not migrated.
    """
    found, passed_over = [], {}
    for path in sorted(root.rglob("*")):
        if not path.is_file():
            continue
        relative = path.relative_to(root).as_posix()
        suffix = path.suffix.lower()
        if any(part.startswith(("_", ".")) for part in relative.split("/")):
            passed_over[relative] = "bookkeeping: a name starting with '_' or '.'"
        elif suffix in _OTHER_WORKBOOKS:
            passed_over[relative] = f"a {suffix} workbook, which is not read: save it as .xlsx or .csv"
        elif suffix in _MARKUP_SUFFIXES and not _holds_a_table(path, *_version(path)):
            passed_over[relative] = (f"a {suffix} file holding no table"
                                     " (migrated: an HTML table, an Excel XML spreadsheet)")
        elif suffix not in PRICE_FILE_SUFFIXES | _MARKUP_SUFFIXES:
            passed_over[relative] = (f"not a price file type ({suffix or 'no suffix'}; migrated: "
                                     f"{', '.join(sorted(PRICE_FILE_SUFFIXES | _MARKUP_SUFFIXES))})")
        else:
            stat = path.stat()
            found.append(SourceFile(path, relative, stat.st_size, datetime.fromtimestamp(stat.st_mtime, timezone.utc)))
    return found, passed_over


def _version(path: Path) -> tuple[int, int]:
    stat = path.stat()
    return stat.st_size, stat.st_mtime_ns


# The source folder sensor scans every 30 seconds: a file's answer is kept while its size and
# modification time stay, so a drive of saved pages is not read again at every tick.
@lru_cache(maxsize=65536)
def _holds_a_table(path: Path, size: int, mtime_ns: int) -> bool:
    """Whether a page or XML file (of this size and modification time) is an HTML page with a
    <table> in its first bytes or an XML spreadsheet."""
    with path.open("rb") as fh:
        head = fh.read(_MARKUP_PEEK_BYTES)
    kind = markup_format(head)
    return kind == "xmlss" or (kind == "html" and b"<table" in head.lower().replace(b"\0", b""))


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


_DATE_IN_NAME = re.compile(r"(?<!\d)((?:19|20)\d\d)[-_.]?(0[1-9]|1[0-2])[-_.]?(0[1-9]|[12]\d|3[01])(?!\d)")


def date_in_name(name: str) -> date | None:
    """The last valid date written in a file's name (offices name daily drops by date), if any."""
    day = None
    for match in _DATE_IN_NAME.finditer(name):
        try:
            day = date(*map(int, match.groups()))
        except ValueError:
            continue
    return day


def home_date(name: str, modified_at: datetime, week: TradingWeek = MON_FRI) -> date:
    """Where a file with no loadable dates files its rejected rows: the date in its name (offices
    name daily drops by date), else the day it was last modified; moved back to a trading day of
    `week` so that some trade-date partition holds it."""
    return week.on_or_before(date_in_name(name) or modified_at.date())


def raw_lake_key(sha256: str, name: str) -> str:
    """Content-addressed, so a changed file never overwrites the version already in the lake."""
    return f"raw/{sha256[:2]}/{sha256}/{Path(name).name}"
