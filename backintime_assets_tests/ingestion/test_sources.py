from datetime import date, datetime, timezone

import pytest

from backintime_assets.ingestion.sources import home_date, scan

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
