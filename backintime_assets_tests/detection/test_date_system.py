import struct
from datetime import date

import pytest

from backintime_assets.detection.date_system import counts_from_1904
from backintime_assets_tests.support import workbooks

ROWS = [["Date", "Close"], [date(2021, 1, 4), 1.5]]


@pytest.mark.parametrize("kind", ["xls", "xlsb"])
def test_each_format_tells_its_date_system(kind):
    write = {"xls": workbooks.xls, "xlsb": workbooks.xlsb}[kind]
    assert counts_from_1904(write({"Sheet1": ROWS}, dates_1904=True), kind)
    assert not counts_from_1904(write({"Sheet1": ROWS}), kind)


@pytest.mark.parametrize("kind", ["xlsx", "xls", "xlsb", "ods", "html"])
def test_bytes_that_are_no_such_workbook_say_1900(kind):
    assert not counts_from_1904(b"Date,Close\n2021-01-04,1.5\n", kind)


def test_a_cut_xls_says_1900_rather_than_fail():
    data = workbooks.xls({"Sheet1": ROWS}, dates_1904=True)
    assert not counts_from_1904(data[:600], "xls")


def _needing_zip_version(data: bytes, version: int) -> bytes:
    """`data` (a zip) with the last central directory entry asking for `version` to extract: Python's
    zipfile refuses any archive above 6.3, while calamine's reader takes it."""
    out = bytearray(data)
    at = out.rindex(b"PK\x01\x02") + 6  # the central header's "version needed to extract"
    out[at:at + 2] = struct.pack("<H", version)
    return bytes(out)


@pytest.mark.parametrize("kind", ["xlsx", "xlsb"])
def test_a_zip_python_will_not_open_says_1900_rather_than_fail(kind):
    write = workbooks.xlsb if kind == "xlsb" else workbooks.xlsx
    data = write({"Sheet1": ROWS}, dates_1904=True)
    assert not counts_from_1904(_needing_zip_version(data, 225), kind)


def test_a_workbook_calamine_reads_loads_though_python_cannot_read_its_zip():
    pytest.importorskip("python_calamine")
    from backintime_assets.detection import detect_bytes, xlsx
    from backintime_assets.normalisation import normalise_bytes

    days = [date(2021, 1, d) for d in (4, 5, 6, 7, 8)]
    data = _needing_zip_version(workbooks.xlsb({"Sheet1": [["Date", "Close"]] + [[d, 1.5] for d in days]}), 225)
    assert xlsx.ENGINE == "calamine"
    schema = detect_bytes(data, "spy.xlsb")
    result = normalise_bytes(data, schema, "spy.xlsb")
    assert schema.problem is None and result.file_problem is None
    assert result.prices_arrow["date"].to_pylist() == days
