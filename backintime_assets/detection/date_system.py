"""Which date system a workbook counts its serial dates in.

Excel on the Mac (2011 and before) counted days from 1904-01-01, not from 1899-12-30, and a
workbook keeps its system when opened elsewhere. A reader converts cells formatted as dates with
the right one; a date written as a plain number (a General cell, common in exports) reaches us as
that number, and read in the 1900 system it lands 1,462 days (four years and a day) early, a
plausible date that nothing downstream would question. Each format stores the choice in its own
way: `date1904` on .xlsx's workbookPr, the DATEMODE record of .xls, bit 0 of .xlsb's BrtWbProp.
.ods stores dates as dates, and HTML pages as text: neither has serials of its own.
"""
from __future__ import annotations

import io
import re
import struct
import zipfile

# Serial 0 in the 1904 system is 1904-01-01, which the 1900 system numbers 1462.
DAYS_1904_AFTER_1900 = 1462
# ColumnSchema.format of serial dates in each system: detection judges and labels a sheet's serials
# in its workbook's system (columns.infer_column_type), as normalisation reads them (parse.py).
EXCEL_SERIAL, EXCEL_SERIAL_1904 = "excel_serial", "excel_serial_1904"
# The other dates written as numbers: Unix epochs, by their units a second.
EPOCH_UNITS = {"epoch_s": 1, "epoch_ms": 10**3, "epoch_us": 10**6, "epoch_ns": 10**9}
# Epochs of daily bars of an exchange east of UTC, stamped the evening before their session: each
# from EAST_EVENING on is the next day (epoch_days.py). Timestamp text that says UTC ("...T23:00:00Z")
# may be so too: its strptime format ends so ("%Y-%m-%dT%H:%M:%S%z_east"), read as written elsewhere. So
# may text with no zone under a header that says UTC ("Gmt time": "%d.%m.%Y %H:%M:%S.%f_east", its zone
# the header's: epoch_days.header_says_utc).
EAST = "_east"
# What ends timestamp text that says its time is UTC's: Z, +00:00 (+0000, +00), UTC or GMT. One spelling
# for detection (epoch_days), the rows' reading (normalisation/parse.py) and a sheet's (restate.py): a
# sheet's check that lacked "+00" left that sheet's ASX rows a day early.
UTC_ZONE = r"(?:Z|[+-]00(?::?00)?|\s?(?:UTC|GMT))"
EPOCH_EAST_UNITS = {f"{fmt}{EAST}": unit for fmt, unit in EPOCH_UNITS.items()}
# Where the UTC evening starts for the "_east" reading, in seconds of the day: at 11:00 UTC, the
# midnight of UTC+13 (New Zealand's summer: an NZX session stamped at its midnight is 11:00 UTC the
# day before). A stamp at or after it reads as the next day. At noon (the day whose midnight
# was nearest) NZX's summer bars loaded a day early. UTC+14 (10:00) holds no exchange, and an hour
# earlier would reach Europe's mid-morning and the Gulf's closes.
EAST_EVENING = 11 * 3600
# UTC+11's midnight (the ASX's in summer). Before it, from EAST_EVENING on, stamps on the whole hour
# Sunday to Thursday are New Zealand's midnights or a Gulf market's closes (Tadawul's, 12:00 UTC),
# alike: the week tells (normalisation/east_days.py), no sibling's stamps (ingestion/sibling_east.py).
EAST_AFTER_MIDDAY = 13 * 3600
# Every format of dates written as numbers.
EPOCH_FORMATS = frozenset((*EPOCH_UNITS, *EPOCH_EAST_UNITS))
NUMBER_DATE_FORMATS = frozenset((EXCEL_SERIAL, EXCEL_SERIAL_1904, *EPOCH_FORMATS))

SATURDAY, SUNDAY = 5, 6
# A numeric date with the year last: the two parts before it are a day and a month, in either order
# ("%d/%m/%Y %H:%M:%S %Z"): what siblings settle (ingestion/sibling_order.py) and detection re-reads.
DAY_MONTH = re.compile(r"(%[dm])([^%\w]?)(%[dm])\2(%[Yy])")


def stamped_east(fmt: str | None) -> bool:
    """Whether a date column's format is one whose stamps may be the next day's sessions, east of UTC:
    an "_east" epoch, or timestamp text that says UTC (epoch_days.py)."""
    return bool(fmt) and fmt.endswith(EAST)


def zoned(fmt: str) -> bool:
    """Whether timestamp format `fmt` reads a zone from its cells: else an "_east" one's header says
    UTC ("Gmt time": epoch_days.header_says_utc), every cell's time UTC's."""
    return "%z" in fmt or "%Z" in fmt


def weekday(days):
    """Monday 0 to Sunday 6 of `days` since 1970-01-01 (an int or an integer array): that day was a
    Thursday. One spelling of it for the rules on trade days and the readings of epoch stamps."""
    return (days + 3) % 7


_WORKBOOK_PR = re.compile(rb"<(?:\w+:)?workbookPr\b[^>]*?\bdate1904\s*=\s*[\"'](?:1|true)[\"']")
_BIFF_DATEMODE, _BIFF_EOF = 0x0022, 0x000A
_XLSB_WB_PROP = 0x99  # BrtWbProp
_GLOBALS_BYTES = 1 << 20  # a workbook's settings come before its sheets: never read further


def counts_from_1904(data: bytes, file_format: str) -> bool:
    """Whether workbook `data` (of FileSchema.file_format `file_format`) uses the 1904 date system.
    A part that cannot be read says no: the reader then fails on it, or reads it as before."""
    try:
        if file_format == "xlsx":
            return _xlsx(data)
        if file_format == "xls":
            return _xls(data)
        if file_format == "xlsb":
            return _xlsb(data)
    # Any failure: Python's zipfile refuses archives calamine reads (a "version needed" above 6.3,
    # compression it lacks: NotImplementedError), and a damaged part raises zlib.error or EOFError.
    except Exception:  # a setting we cannot read must not cost a workbook calamine reads its rows
        return False
    return False


def _xlsx(data: bytes) -> bool:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        with archive.open("xl/workbook.xml") as part:
            return bool(_WORKBOOK_PR.search(part.read(_GLOBALS_BYTES)))


def _xls(data: bytes) -> bool:
    import olefile

    with olefile.OleFileIO(data) as ole:
        name = "Workbook" if ole.exists("Workbook") else "Book"  # Book: Excel 95
        stream = ole.openstream(name).read(_GLOBALS_BYTES)
    at = 0
    while at + 4 <= len(stream):  # BIFF records: type, length, data; the globals end at EOF
        kind, length = struct.unpack_from("<HH", stream, at)
        if kind == _BIFF_DATEMODE and length >= 2:
            return struct.unpack_from("<H", stream, at + 4)[0] == 1
        if kind == _BIFF_EOF:
            return False
        at += 4 + length
    return False


def _xlsb(data: bytes) -> bool:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        with archive.open("xl/workbook.bin") as part:
            stream = part.read(_GLOBALS_BYTES)
    at = 0
    while at < len(stream):  # MS-XLSB records: a 1-2 byte type and a 1-4 byte size, 7 bits a byte
        kind, at = _varint(stream, at, 2)
        size, at = _varint(stream, at, 4)
        if kind == _XLSB_WB_PROP and size >= 4:
            return bool(struct.unpack_from("<I", stream, at)[0] & 1)
        at += size
    return False


def _varint(stream: bytes, at: int, most: int) -> tuple[int, int]:
    value = 0
    for k in range(most):
        byte = stream[at]
        at += 1
        value |= (byte & 0x7F) << (7 * k)
        if not byte & 0x80:
            break
    return value, at
