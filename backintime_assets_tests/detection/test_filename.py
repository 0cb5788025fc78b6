from datetime import date

import pytest

from backintime_assets.detection.filename import date_in_name


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("NYSE_2025-02-04.csv", date(2025, 2, 4)),
        ("prices_20250204.csv", date(2025, 2, 4)),
        ("drop_2025_02_04_final.xlsx", date(2025, 2, 4)),
        ("/data/incoming/2024-12-31/LSE 2025-01-02.txt", date(2025, 1, 2)),  # the base name only
        (r"C:\drops\EOD-20250204.csv", date(2025, 2, 4)),
        ("NYSE_2025-02-04_v2.csv", date(2025, 2, 4)),
        ("a_2025-02-04_b_20250204.csv", date(2025, 2, 4)),  # one date written twice
    ],
)
def test_year_first_dates_in_names(name, expected):
    assert date_in_name(name) == expected


@pytest.mark.parametrize(
    "name",
    [
        "AAPL.csv",
        "NYSE_02-04-2025.csv",  # day/month order of the name is as open as the data's
        "export_120250204.csv",  # a digit next to it: part of a longer number
        "export_202502041.csv",
        "run_2025-0204.csv",  # mixed separators
        "prices_20251399.csv",  # no calendar date
        "range_2025-01-01_2025-01-31.csv",  # two dates: not a single day
        "/data/2025-02-04/AAPL.csv",  # a folder's date is not the file's
    ],
)
def test_names_without_one_date(name):
    assert date_in_name(name) is None
