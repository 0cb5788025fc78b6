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


def test_scan_skips_bookkeeping_and_other_files(tmp_path):
    for name in ("a.csv", "b.xlsx", "_ground_truth.csv", ".~lock.a.csv", "readme.md", "sub/c.TXT", "d.xlsm"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x")
    assert [f.relative for f in scan(tmp_path)] == ["a.csv", "b.xlsx", "d.xlsm", "sub/c.TXT"]


def test_every_file_passed_over_is_named_with_the_reason(tmp_path):
    for name in ("a.csv", "_ground_truth.csv", "old/prices 2009.xls", "notes.md", "LICENSE", "q1.ods"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x")
    found, passed_over = scan_all(tmp_path)
    assert [f.relative for f in found] == ["a.csv"]
    assert passed_over == {
        "LICENSE": "not a price file type (no suffix; migrated: .csv, .tsv, .txt, .xlsm, .xlsx)",
        "_ground_truth.csv": "bookkeeping: a name starting with '_' or '.'",
        "notes.md": "not a price file type (.md; migrated: .csv, .tsv, .txt, .xlsm, .xlsx)",
        "old/prices 2009.xls": "a .xls workbook, which is not read: save it as .xlsx or .csv",
        "q1.ods": "a .ods workbook, which is not read: save it as .xlsx or .csv",
    }
