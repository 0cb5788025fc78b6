"""Some lines of a file as the file writes them, found again by their line numbers.

A loaded row travels without its text (carrying every row's line through the conversion would cost
as much again as its values), but a row loaded by its file may still be rejected afterwards, when it
loses a collision with another file's row (ingestion/collisions.py). rejected_rows shows every other
rejected row's own line; a loser's text rebuilt from its parsed values showed a sector 'UNKNOWN' and
an adjusted close its file never had. Only losers' lines are looked up; a run without a collision pays
only for its table of where each file's raw copy is (ingestion/convert.py: ~15 ms and 93 KB for 3,000
files, one PUT on S3).
"""
from __future__ import annotations

import codecs
import csv
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence

from backintime_assets.detection.schema import FileSchema
from backintime_assets.detection.split_date import joined_sheet
from backintime_assets.detection.xlsx import WORKBOOK_FORMATS, read_sheets, sheet_lines, sheet_row

from .lines import LineIndex, to_utf8
from .nul import shown
from .records import csv_line
from .sheets import SheetPlan


def written_lines(data: bytes | Iterable[bytes], schema: FileSchema, lines: Sequence[int]) -> list[str | None]:
    """The text of each of `lines` (1-based, as source_line numbers them) of the file `data` (its bytes,
    or its bytes in pieces) read with `schema`: a text file's line (a record quoted over several lines,
    its lines joined with "\\n" as records.py joins them; NULs shown as nul.py shows them), a
    workbook's row as its cells in one CSV line, led by its sheet's name past the first sheet (as
    sheets.py reports rows). None where there is no such line. A file in UTF-8 or an 8-bit code page
    is read a piece at a time, so memory is bounded by a piece, not by the file (a loser in a 1 GB
    archive); a workbook, UTF-16 and the multibyte Asian code pages are read whole."""
    pieces = [data] if isinstance(data, (bytes, bytearray)) else data
    if schema.file_format in WORKBOOK_FORMATS:
        return _workbook_rows(b"".join(pieces), schema, lines)
    if not _byte_lines(schema.encoding):
        growing: dict[int, str] = {}
        found = _records(LineIndex(to_utf8(b"".join(pieces), schema.encoding, digits=False)), 0,
                         sorted(set(lines)), growing, schema, None)
        found.update(growing)
    else:
        wanted, found, growing, before = sorted(set(lines)), {}, {}, 0
        for part in _whole_lines(pieces):
            index = LineIndex(part)
            found.update(_records(index, before, wanted, growing, schema, schema.encoding))
            before += index.count
        found.update(growing)  # a quote left open at the end of the file: the record as far as it goes
    return [None if (own := found.get(n)) is None else shown(own) if "\x00" in own else own for n in lines]


def _records(index: LineIndex, before: int, wanted: list[int], growing: dict[int, str], schema: FileSchema,
             encoding: str | None) -> dict[int, str]:
    """The records of `wanted` lines that start among `index`'s lines (the file's lines `before` + 1
    on) and end there, and those of `growing` (records of earlier parts with a quote still open) that
    end there; a record still open at the end of `index` is left in `growing`."""
    done: dict[int, str] = {}

    def carried_on(n: int, own: str, last: int) -> None:
        # An open quote (a note with a line break in a quoted cell) carries the record on.
        while _open(own, schema) and last + 1 < index.count:
            last += 1
            own += "\n" + _decoded(index.buf[index.starts[last]:index.ends[last]], encoding)
        if _open(own, schema):  # to the end of these lines: the next part's carry it on
            growing[n] = own
        else:
            done[n] = own

    for n, own in list(growing.items()):
        del growing[n]
        if index.count:
            carried_on(n, own + "\n" + _decoded(index.buf[index.starts[0]:index.ends[0]], encoding), 0)
        else:
            growing[n] = own
    first = bisect_left(wanted, before + 1)
    for n in wanted[first:bisect_right(wanted, before + index.count)]:
        i = n - 1 - before
        carried_on(n, _decoded(index.buf[index.starts[i]:index.ends[i]], encoding), i)
    return done


def _whole_lines(pieces: Iterable[bytes]):
    """The bytes of `pieces` again in parts that end where a line ends (the last one perhaps not), the
    UTF-8 BOM at the start left out: a line is never cut between two parts."""
    carry, started = b"", False
    for piece in pieces:
        buf = carry + piece
        if not started:
            if len(buf) < 3 and codecs.BOM_UTF8.startswith(buf):
                carry = buf  # perhaps a BOM still to come whole
                continue
            buf, started = (buf[3:] if buf.startswith(codecs.BOM_UTF8) else buf), True
        # After the last \n; in a file of lone \r, after a \r the next byte of which is known (no \n).
        cut = buf.rfind(b"\n") + 1 or buf.rfind(b"\r", 0, len(buf) - 1) + 1
        if cut:
            yield buf[:cut]
        carry = buf[cut:]
    if not started and carry.startswith(codecs.BOM_UTF8):
        carry = carry[3:]
    if carry:
        yield carry


def _byte_lines(encoding: str) -> bool:
    """Whether the file's line breaks are its bytes 10 and 13 (UTF-8 and 8-bit code pages): then its
    lines are found in its bytes and only the lines asked for are decoded (a loser in a 250 MB
    archive costs a scan, not a decoding of the whole file)."""
    if encoding in ("binary", ""):
        return True
    name = codecs.lookup(encoding).name
    return not name.startswith(("utf-16", "utf-32")) and name not in _MULTIBYTE_ASIAN


# Code pages whose second bytes may be 10 or 13 are none of these, but their text is decoded whole all
# the same, as the normaliser decodes it: a line's bytes alone may start inside a character.
_MULTIBYTE_ASIAN = {"shift_jis", "cp932", "euc_jp", "gbk", "gb2312", "gb18030", "big5", "big5hkscs", "cp949",
                    "euc_kr", "cp950"}


def _decoded(line: bytes, encoding: str | None) -> str:
    """A line's bytes in `encoding` (None: UTF-8, to_utf8 decoded the whole file) as text, decoded as
    to_utf8 decodes it (a line of cp1252 in a UTF-8 file too)."""
    if encoding is None or line.isascii():
        return line.decode("utf-8", errors="replace")
    return to_utf8(line, encoding, digits=False).decode("utf-8", errors="replace")


def _open(text: str, schema: FileSchema) -> bool:
    """Whether `text` (a record's lines so far, joined with "\\n") leaves a quoted cell open, as the csv
    module reads it (records.py): a quote opens a cell only where the cell starts ('a;"two' is open,
    'a;Prüfung "neu' is not: its quote is a character of the cell, and the next line a record of its own)."""
    quote = schema.quotechar
    if not quote or quote not in text:
        return False
    lines = text.split("\n")
    if len(schema.delimiter or ",") != 1:  # not a csv module dialect: an odd count of quotes, doubled ones paired
        return schema.escapechar is None and text.count(quote) % 2 == 1
    # One line more than the text: a record the text leaves open reads it too.
    reader = csv.reader(iter([*(line + "\n" for line in lines), "\n"]), delimiter=schema.delimiter or ",",
                        quotechar=quote, escapechar=schema.escapechar, skipinitialspace=schema.skipinitialspace,
                        strict=False)
    next(reader, None)
    return reader.line_num > len(lines)


def _workbook_rows(data: bytes, schema: FileSchema, lines: Sequence[int]) -> list[str | None]:
    try:
        sheets = read_sheets(data)
    except Exception:  # noqa: BLE001  (the normaliser read it; a reader's failure now leaves the text unknown)
        return [None] * len(lines)
    if schema.split_date:  # a date in three columns is read, and reported, joined (normalise.py)
        sheets = [joined_sheet(sheet, schema.split_date) for sheet in sheets]
    stride = sheet_lines(sheets)
    by_index = {sheet.index: sheet for sheet in sheets}
    texts: list[str | None] = []
    for n in lines:
        index, row = sheet_row(n, stride)
        sheet = by_index.get(index)
        if sheet is None or not 1 <= row <= len(sheet.rows):
            texts.append(None)
            continue
        texts.append(SheetPlan(sheet, index * stride).label(row) + csv_line(sheet.rows[row - 1]))
    return texts
