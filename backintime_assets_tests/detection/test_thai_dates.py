"""Files of the Stock Exchange of Thailand and Thai brokers dated with Thai month names ("23 พ.ค. 2568",
23 May 2025: month_names.py) and Thai digits (eastern_digits.py), loaded end to end."""
from datetime import date, timedelta

import pytest

from backintime_assets.detection import detect_bytes
from backintime_assets.normalisation import normalise_bytes

_ABBREVIATIONS = ("ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.", "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค.")
_FULL = ("มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน", "กรกฎาคม", "สิงหาคม", "กันยายน",
         "ตุลาคม", "พฤศจิกายน", "ธันวาคม")
_THAI_DIGITS = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")
# SET's historical prices page: newest first, across a new year (BE 2567 to 2568).
_HEADER = "วันที่,ราคาเปิด,ราคาสูงสุด,ราคาต่ำสุด,ราคาปิด,เปลี่ยนแปลง,%เปลี่ยนแปลง,ปริมาณ(พันหุ้น),มูลค่า(ล้านบาท)\n"
_DAYS = [d for d in (date(2024, 12, 20) + timedelta(n) for n in range(30)) if d.weekday() < 5][::-1]


def _file(written, header: str = _HEADER) -> bytes:
    rows = (f"{written(d)},{30 + i / 4:.2f},{30.5 + i / 4:.2f},{29.75 + i / 4:.2f},{30.25 + i / 4:.2f},0.25,0.83,"
            f"{1000 + i},{30.1 + i:.2f}\n" for i, d in enumerate(_DAYS))
    return (header + "".join(rows)).encode()


@pytest.mark.parametrize("written, fmt", [
    (lambda d: f"{d.day} {_ABBREVIATIONS[d.month - 1]} {d.year + 543}", "%d %b %Y|th"),
    (lambda d: f"{d.day} {_FULL[d.month - 1]} {d.year + 543}", "%d %b %Y|th"),
    (lambda d: f"{d.day:02d} {_ABBREVIATIONS[d.month - 1]} {(d.year + 543) % 100:02d}", "%d %b %y|th+be"),
    (lambda d: f"{d.day} {_ABBREVIATIONS[d.month - 1]} {d.year + 543}".translate(_THAI_DIGITS), "%d %b %Y|th"),
    (lambda d: f"{d.day:02d}/{d.month:02d}/{d.year + 543}".translate(_THAI_DIGITS), "%d/%m/%Y|be"),
    # A Thai Excel's d mmm yyyy without its Buddhist calendar: common-era years, which stay.
    (lambda d: f"{d.day} {_ABBREVIATIONS[d.month - 1]} {d.year}", "%d %b %Y|th"),
    (lambda d: f"{d.day:02d} {_ABBREVIATIONS[d.month - 1]} {d.year % 100:02d}", "%d %b %y|th"),
])
def test_a_set_export_dated_in_thai_loads_its_days(written, fmt):
    # Refused "no date column" before: the names were no month's, and "มิ.ย." no word of letters.
    data = _file(written)
    schema = detect_bytes(data, "ptt.csv")
    result = normalise_bytes(data, schema, "ptt.csv")
    assert schema.columns[0].format == fmt
    assert list(result.prices.date.dt.date) == _DAYS and result.rejected.empty
    assert result.prices.volume.iloc[0] == 1_000_000  # ปริมาณ(พันหุ้น): thousands of shares


def test_thai_months_of_a_monthly_series_are_named_as_such():
    # "มิ.ย. 2568" (June BE 2568) passed no date's first test (no run of letters): the file was
    # refused "no date column", not as the monthly series it is, as "Jun 2025" is.
    data = "เดือน,ราคาปิด\n" + "".join(f"{m} 2568,{30 + i}\n" for i, m in enumerate(_ABBREVIATIONS))
    schema = detect_bytes(data.encode(), "set_monthly.csv")
    assert schema.columns[0].type == "date" and schema.columns[0].format == "%b %Y|th"
    assert "monthly series" in normalise_bytes(data.encode(), schema, "set_monthly.csv").file_problem


def test_investing_com_s_thai_download_maps_its_short_high_low_and_latest_close():
    # Refused "no close column" before: "ล่าสุด" (latest), "สูง" and "ต่ำ" named nothing.
    data = ('"วันที่","ล่าสุด","เปิด","สูง","ต่ำ","ปริมาณ","% เปลี่ยนแปลง"\n'
            + "".join(f'"{d:%d/%m/%Y}","32.50","32.25","33.00","32.00","12.50M","0.77%"\n' for d in _DAYS)).encode()
    schema = detect_bytes(data, "ptt.csv")
    assert [c.canonical for c in schema.columns] == ["date", "close", "open", "high", "low", "volume", None]
    assert len(normalise_bytes(data, schema, "ptt.csv").prices) == len(_DAYS)
