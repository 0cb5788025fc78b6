from datetime import date

import pytest

from backintime_assets.detection.cell_days import days_of, month_of, reads_days


@pytest.mark.parametrize("cells,fmt,days", [
    # Several tickers' rows write a day again: read once, in order.
    (["2024-01-03", "2024-01-02", "2024-01-03", " 2024-01-04 "], "%Y-%m-%d",
     ["2024-01-02", "2024-01-03", "2024-01-04"]),
    (["03.01.2024", "02.01.2024", "n/a", ""], "%d.%m.%Y", ["2024-01-02", "2024-01-03"]),
    (["45293", "45294.5"], "excel_serial", ["2024-01-02", "2024-01-03"]),
    (["1704153600", "1704240000"], "epoch_s", ["2024-01-02", "2024-01-03"]),
    # An ASX bar stamped on the UTC evening before its session is the session's day.
    (["1704150000"], "epoch_s_east", ["2024-01-02"]),
    # An ISO date among cells typed in another format is read as the loader reads it.
    (["02/01/2024", "2024-01-03T00:00:00"], "%d/%m/%Y", ["2024-01-02", "2024-01-03"]),
])
def test_days_of_reads_each_day_once(cells, fmt, days):
    assert days_of(cells, fmt) == [date.fromisoformat(d).toordinal() for d in days]


@pytest.mark.parametrize("fmt,reads", [("%Y-%m-%d", True), ("excel_serial", True), ("epoch_ms_east", True),
                                       ("", False), (None, False), ("yyyymm", False)])
def test_reads_days_of_strptime_serial_and_epoch_formats(fmt, reads):
    assert reads_days(fmt) is reads


@pytest.mark.parametrize("cell,fmt,month", [
    (" 2024-01-31 ", "%Y-%m-%d", (2024, 1)),
    ("31.01.2024", "%d.%m.%Y", (2024, 1)),
    ("45323", "excel_serial", (2024, 2)),  # a monthly figure's rows dated by serials read as strptime's do
    ("1706745600", "epoch_s", (2024, 2)),
    ("n/a", "%Y-%m-%d", None),
])
def test_month_of_reads_a_cell_as_days_of_does(cell, fmt, month):
    assert month_of(cell, fmt) == month
