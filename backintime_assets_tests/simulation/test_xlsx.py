import zipfile
from datetime import date, datetime

import openpyxl
import polars as pl

from backintime_assets.simulation.xlsx import SheetStream, column_letter, excel_serial, row_xml, rows_xml


def test_column_letters_and_serials():
    assert [column_letter(i) for i in (0, 25, 26, 27, 701, 702)] == ["A", "Z", "AA", "AB", "ZZ", "AAA"]
    assert excel_serial(date(1900, 1, 1)) == 1 and excel_serial(date(1900, 2, 28)) == 59
    assert excel_serial(date(1900, 3, 1)) == 61 and excel_serial(date(2000, 1, 1)) == 36526


def test_a_streamed_sheet_reads_back_with_openpyxl(tmp_path):
    path = tmp_path / "book.xlsx"
    frame = pl.DataFrame({
        "d": [date(1900, 1, 2), date(1999, 12, 31)], "t": ["A&B <x>", None], "p": [12.5, -0.000123],
        "v": [1, 12345678901],
    })
    sheet = SheetStream(path)
    sheet.write(row_xml(1, ["preamble: € – é", None, "x"]))
    sheet.write(rows_xml(frame, 2))
    sheet.write(row_xml(4, [date(2001, 2, 3), "N/A", 1.5, None]))
    sheet.close()
    assert zipfile.is_zipfile(path)
    rows = list(openpyxl.load_workbook(path).worksheets[0].iter_rows(values_only=True))
    assert rows == [
        ("preamble: € – é", None, "x", None),
        (datetime(1900, 1, 2), "A&B <x>", 12.5, 1),
        (datetime(1999, 12, 31), None, -0.000123, 12345678901),
        (datetime(2001, 2, 3), "N/A", 1.5, None),
    ]
