"""Writers of .xls, .ods and .xlsb workbooks for tests: a sheet is a list of rows of str, int,
float, date or None (empty). Dates are written as Excel writes them: serial numbers under a date
format (.xls, .xlsb), typed date cells (.ods).

.xls goes through xlwt (a dev dependency). .ods and .xlsb have no maintained writer in Python, so
they are written by hand, with the least their readers need: the ODF mimetype, content.xml and
manifest; the xlsb workbook, relationships, styles and sheet records of MS-XLSB."""
from __future__ import annotations

import io
import struct
import zipfile
from datetime import date
from xml.sax.saxutils import escape, quoteattr

Sheets = dict[str, list[list]]
_EXCEL_EPOCH = date(1899, 12, 30)
_MAC_EPOCH = date(1904, 1, 1)  # serial 0 of a workbook in the 1904 date system


def xls(sheets: Sheets, date_format: str = "DD/MM/YYYY", dates_1904: bool = False) -> bytes:
    import xlwt

    book = xlwt.Workbook()
    book.dates_1904 = dates_1904  # Mac Excel's date system: serial 0 is 1904-01-01
    dated = xlwt.easyxf(num_format_str=date_format)
    for name, rows in sheets.items():
        sheet = book.add_sheet(name)
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                if isinstance(value, date):
                    sheet.write(r, c, value, dated)
                elif value is not None:
                    sheet.write(r, c, value)
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()


def xlsx(sheets: Sheets, dates_1904: bool = False) -> bytes:
    """An .xlsx by openpyxl; dates as it writes them, numbers in General cells."""
    import openpyxl
    from openpyxl.utils.datetime import CALENDAR_MAC_1904

    book = openpyxl.Workbook()
    if dates_1904:
        book.epoch = CALENDAR_MAC_1904
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()


def encrypted_xls(sheets: Sheets) -> bytes:
    """An .xls as Excel writes an encrypted one (a password, or a protected structure): an RC4
    FILEPASS record right after the workbook's BOF. The records after the BOF make room for it, so
    the OLE2 file keeps its size; the rest is left in clear, as readers stop at FILEPASS."""
    data = bytearray(xls(sheets))
    start = end = data.index(b"\x09\x08\x10\x00") + 20  # after BIFF8's BOF, at the stream's start
    filepass = struct.pack("<HHHHH", 0x2F, 54, 1, 1, 1) + bytes(48)
    while end - start < len(filepass) + 4:
        end += 4 + struct.unpack_from("<H", data, end + 2)[0]
    filler = end - start - len(filepass) - 4
    data[start:end] = filepass + struct.pack("<HH", 0xEF, filler) + bytes(filler)  # 0xEF: no record
    return bytes(data)


def ole2_renamed(data: bytes, old: str, new: str) -> bytes:
    """OLE2 file `data` with its stream `old` renamed `new` (an .xls made into a Word document):
    a directory entry is the UTF-16 name, NUL-ended, in 64 bytes, then that length in bytes."""
    at = data.index(old.encode("utf-16-le") + b"\0\0")
    name = new.encode("utf-16-le") + b"\0\0"
    out = bytearray(data)
    out[at:at + 66] = name.ljust(64, b"\0") + struct.pack("<H", len(name))
    return bytes(out)


_ODS_NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
           'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
           'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"')


def _ods_cell(value) -> str:
    if value is None:
        return "<table:table-cell/>"
    if isinstance(value, date):
        return (f'<table:table-cell office:value-type="date" office:date-value="{value.isoformat()}">'
                f"<text:p>{value:%d.%m.%Y}</text:p></table:table-cell>")
    if isinstance(value, (int, float)):
        return (f'<table:table-cell office:value-type="float" office:value="{value!r}">'
                f"<text:p>{value}</text:p></table:table-cell>")
    return f'<table:table-cell office:value-type="string"><text:p>{escape(value)}</text:p></table:table-cell>'


def ods(sheets: Sheets) -> bytes:
    tables = "".join(
        f"<table:table table:name={quoteattr(name)}>"
        + "".join("<table:table-row>" + "".join(map(_ods_cell, row)) + "</table:table-row>" for row in rows)
        + "</table:table>" for name, rows in sheets.items())
    content = (f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {_ODS_NS} office:version="1.2">'
               f"<office:body><office:spreadsheet>{tables}</office:spreadsheet></office:body>"
               "</office:document-content>")
    manifest = ('<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
                'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
                '<manifest:file-entry manifest:full-path="/" '
                'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
                '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
                "</manifest:manifest>")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        # ODF: the mimetype first and stored, so that its bytes name the format
        z.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
        z.writestr("META-INF/manifest.xml", manifest, zipfile.ZIP_DEFLATED)
    return buf.getvalue()


def _record(kind: int, payload: bytes = b"") -> bytes:
    """An MS-XLSB record: its type and size as 7-bit variable-length integers, then its bytes."""
    out = bytearray([kind & 0x7F | (0x80 if kind > 0x7F else 0)])
    if kind > 0x7F:
        out.append(kind >> 7)
    size = len(payload)
    while True:
        out.append(size & 0x7F | (0x80 if size > 0x7F else 0))
        size >>= 7
        if not size:
            return bytes(out) + payload


def _wide(text: str) -> bytes:
    return struct.pack("<I", len(text)) + text.encode("utf-16-le")


def _xlsb_cell(col: int, value, epoch: date = _EXCEL_EPOCH) -> bytes:
    if isinstance(value, str):
        return _record(0x06, struct.pack("<II", col, 0) + _wide(value))  # BrtCellSt
    if isinstance(value, date):  # BrtCellReal under cell format 1, the built-in date format 14
        return _record(0x05, struct.pack("<IId", col, 1, float((value - epoch).days)))
    return _record(0x05, struct.pack("<IId", col, 0, float(value)))


def _xlsb_sheet(rows: list[list], epoch: date = _EXCEL_EPOCH) -> bytes:
    width = max((len(r) for r in rows), default=1)
    out = _record(0x81) + _record(0x94, struct.pack("<IIII", 0, max(len(rows) - 1, 0), 0, width - 1))
    out += _record(0x91)  # BrtBeginSheetData
    for r, row in enumerate(rows):
        out += _record(0x00, struct.pack("<I", r) + bytes(13))  # BrtRowHdr
        out += b"".join(_xlsb_cell(c, v, epoch) for c, v in enumerate(row) if v is not None)
    return out + _record(0x92) + _record(0x82)


def xlsb(sheets: Sheets, dates_1904: bool = False) -> bytes:
    names = list(sheets)
    book = _record(0x83)  # BrtBeginBook
    if dates_1904:  # BrtWbProp: flags (bit 0, f1904), theme version, an empty code name
        book += _record(0x99, struct.pack("<II", 1, 0) + _wide(""))
    book += _record(0x8F)  # BrtBeginBundleShs
    for k, name in enumerate(names):
        book += _record(0x9C, struct.pack("<II", 0, k + 1) + _wide(f"rId{k + 1}") + _wide(name))
    book += _record(0x90) + _record(0x84)
    rels = ('<?xml version="1.0" encoding="UTF-8"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            + "".join(f'<Relationship Id="rId{k + 1}" Target="worksheets/sheet{k + 1}.bin" Type="http://'
                      'schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet"/>'
                      for k in range(len(names)))
            + "</Relationships>")
    xf = [_record(0x2F, struct.pack("<HH", 0xFFFF, fmt) + bytes(12)) for fmt in (0, 14)]  # general, date
    styles = _record(0x269, struct.pack("<I", len(xf))) + b"".join(xf) + _record(0x26A)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0" encoding="UTF-8"?>'
                   '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
        z.writestr("xl/workbook.bin", book)
        z.writestr("xl/_rels/workbook.bin.rels", rels)
        z.writestr("xl/styles.bin", styles)
        epoch = _MAC_EPOCH if dates_1904 else _EXCEL_EPOCH  # date cells hold the workbook's serials
        for k, name in enumerate(names):
            z.writestr(f"xl/worksheets/sheet{k + 1}.bin", _xlsb_sheet(sheets[name], epoch))
    return buf.getvalue()


def bank_page() -> bytes:
    """A broker's "Export as HTML" (saved as .xls): a 3-row account summary table, then a table of
    5 daily closes of AAPL (2021-01-04 to 08) under a Date/Ticker/Close header."""
    summary = (b"<html><body><table><tr><td>Account</td><td>12345</td></tr>"
               b"<tr><td>Opening balance</td><td>1000</td></tr><tr><td>Closing balance</td><td>1200</td></tr></table>")
    trades = (b"<table><tr><th>Date</th><th>Ticker</th><th>Close</th></tr>"
              + b"".join(b"<tr><td>2021-01-%02d</td><td>AAPL</td><td>%d.5</td></tr>" % (d, 100 + d)
                         for d in range(4, 9))
              + b"</table></body></html>")
    return summary + trades
