from datetime import date, datetime, timezone

import pytest

from backintime_assets.ingestion.sources import home_date, scan, scan_all

MTIME = datetime(2025, 3, 8, 12, tzinfo=timezone.utc)  # a Saturday


@pytest.mark.parametrize("name, expected", [
    ("NYSE_2025-02-06.csv", date(2025, 2, 6)),
    ("desk/prices_20250207.xlsx", date(2025, 2, 7)),
    ("archive/2025-02-08 weekend.csv", date(2025, 2, 7)),  # a Saturday: back to Friday
    ("notes.csv", date(2025, 3, 7)),  # no date in the name: the mtime, moved back to Friday
    ("batch_99991399.csv", date(2025, 3, 7)),  # not a date
])
def test_home_date(name, expected):
    assert home_date(name, MTIME) == expected


def test_home_date_moves_back_to_a_day_of_the_trading_week():
    from backintime_assets.trading_week import TradingWeek

    sun_thu = TradingWeek.parse("sun-thu")
    assert home_date("NYSE_2025-03-09.csv", MTIME, sun_thu) == date(2025, 3, 9)  # a Sunday: a trade date
    assert home_date("NYSE_2025-03-08.csv", MTIME, sun_thu) == date(2025, 3, 6)  # Saturday, Friday: to Thursday
    assert home_date("btc.csv", MTIME, TradingWeek.parse("mon-sun")) == date(2025, 3, 8)  # the Saturday itself


def test_scan_skips_bookkeeping_and_other_files(tmp_path):
    for name in ("a.csv", "b.xlsx", "_ground_truth.csv", ".~lock.a.csv", "readme.md", "sub/c.TXT", "d.xlsm"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x")
    assert [f.relative for f in scan(tmp_path)] == ["a.csv", "b.xlsx", "d.xlsm", "sub/c.TXT"]


def test_every_file_passed_over_is_named_with_the_reason(tmp_path):
    for name in ("a.csv", "_ground_truth.csv", "notes.md", "LICENSE", "budget.numbers"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x")
    found, passed_over = scan_all(tmp_path)
    assert [f.relative for f in found] == ["a.csv"]
    migrated = ".csv, .htm, .html, .ods, .tsv, .txt, .xls, .xlsb, .xlsm, .xlsx, .xml"
    assert passed_over == {
        "LICENSE": f"not a price file type (no suffix; migrated: {migrated})",
        "_ground_truth.csv": "bookkeeping: a name starting with '_' or '.'",
        "notes.md": f"not a price file type (.md; migrated: {migrated})",
        "budget.numbers": "a .numbers workbook, which is not read: save it as .xlsx or .csv",
    }


def test_old_and_open_workbooks_are_migrated(tmp_path):
    """Offices kept years of .xls; LibreOffice saves .ods; Excel's binary .xlsb: calamine reads all three."""
    for name in ("old/prices 2009.xls", "q1.ods", "big.XLSB", "desk.numbers"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_bytes(b"x")
    found, passed_over = scan_all(tmp_path)
    assert [f.relative for f in found] == ["big.XLSB", "old/prices 2009.xls", "q1.ods"]
    assert list(passed_over) == ["desk.numbers"]


def test_web_pages_and_xml_are_migrated_only_when_they_hold_a_table(tmp_path):
    """A bank's "Export as HTML" or Excel's XML Spreadsheet 2003 is a price file; a saved article
    or a configuration file beside it is not, and is named as passed over."""
    files = {
        "export.html": b"<!DOCTYPE html><html><body><table><tr><td>Date</td></tr></table></body></html>",
        "prices.xml": b'<?xml version="1.0"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"/>',
        "readme.htm": b"<html><body><p>How to export prices</p></body></html>",
        "settings.xml": b'<?xml version="1.0"?><configuration><add key="x"/></configuration>',
    }
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    found, passed_over = scan_all(tmp_path)
    assert [f.relative for f in found] == ["export.html", "prices.xml"]
    assert set(passed_over) == {"readme.htm", "settings.xml"}
    assert "holding no table" in passed_over["readme.htm"]


def test_a_page_is_read_again_only_when_it_changes(tmp_path, monkeypatch):
    # The sensor scans every 30 seconds: a drive of saved pages must not be read at every tick.
    import os

    from backintime_assets.ingestion import sources

    page = tmp_path / "report.htm"
    page.write_text("<html><body><table><tr><td>Date</td><td>Close</td></tr></table></body></html>")
    reads = []
    monkeypatch.setattr(sources, "markup_format", lambda head: reads.append(head) or "html")
    for _ in range(3):
        assert [f.relative for f in scan(tmp_path)] == ["report.htm"]
    assert len(reads) == 1
    stat = page.stat()
    os.utime(page, ns=(stat.st_atime_ns, stat.st_mtime_ns + 10**9))
    scan(tmp_path)
    assert len(reads) == 2
