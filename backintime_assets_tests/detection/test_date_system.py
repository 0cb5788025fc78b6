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
