from datetime import date, datetime, timezone

import pytest

from backintime_assets.ingestion.sources import dates_held, home_date, scan

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
    for name in ("a.csv", "b.xlsx", "_ground_truth.csv", ".~lock.a.csv", "readme.md", "sub/c.TXT"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x")
    assert [f.relative for f in scan(tmp_path)] == ["a.csv", "b.xlsx", "sub/c.TXT"]


def test_dates_held_reports_problems_instead_of_raising():
    assert dates_held(b"", "e.csv") == ([], "empty file")
    dates, problem = dates_held(b"Date,Ticker,Close\n2025-01-02,AAA,1.5\n2025-01-03,AAA,1.6\n", "ok.csv")
    assert dates == [date(2025, 1, 2), date(2025, 1, 3)] and problem is None
