"""Finam's six-digit dates (yymmdd, ddmmyy) under a header naming the date (six_digit_dates.py)."""
from datetime import date, timedelta

import pytest

from backintime_assets.detection import detect_bytes
from backintime_assets.normalisation import normalise_bytes

_DAYS = [d for d in (date(2023, 1, 3) + timedelta(n) for n in range(14)) if d.weekday() < 5]
_HEADER = "<TICKER>;<PER>;<DATE>;<TIME>;<OPEN>;<HIGH>;<LOW>;<CLOSE>;<VOL>\n"


def _finam(written: str) -> bytes:
    return (_HEADER + "".join(f"SBER;D;{d:{written}};000000;141.1;142.6;140.6;141.6;{22776040 + i}\n"
                              for i, d in enumerate(_DAYS))).encode()


@pytest.mark.parametrize("written", ["%y%m%d", "%d%m%y"])
def test_finam_six_digit_dates_load_as_their_days(written):
    # Refused "no date column" before: six digits read as a number ("230103") or a code ("030123").
    data = _finam(written)
    schema = detect_bytes(data, "SBER_230103_230120.csv")
    result = normalise_bytes(data, schema, "SBER_230103_230120.csv")
    assert schema.columns[2].format == written
    assert list(result.prices.date.dt.date) == _DAYS and result.rejected.empty


def test_six_digits_that_run_through_trading_days_no_way_stay_unread():
    # Months written yyyymm ("202301"): no day of any reading; a file so is refused as it was.
    data = ("Date,Close\n" + "".join(f"2023{m:02d},{100 + m}\n" for m in range(1, 13))).encode()
    assert detect_bytes(data, "monthly.csv").columns[0].type != "date"


def test_six_digits_under_a_header_that_names_no_date_stay_numbers():
    data = ("Code,Close\n" + "".join(f"{d:%y%m%d},141.6\n" for d in _DAYS)).encode()
    assert detect_bytes(data, "codes.csv").columns[0].type == "integer"


@pytest.mark.parametrize("name", ["<TIME>", "Time"])
def test_six_digits_under_a_time_of_day_stay_times(name):
    # Finam's ticks "<TIME>" 10:01:05 to 10:01:19: read yymmdd, 5 to 19 January 2010, skipping its weekends.
    data = (f"{name},<LAST>,<VOL>\n" + "".join(f"1001{s:02d},141.{s},{10 + s}\n"
                                                for s in (5, 6, 7, 8, 11, 12, 13, 14, 15, 18, 19))).encode()
    assert detect_bytes(data, "SBER_ticks.csv").columns[0].type != "date"


def test_tickers_stacked_one_after_another_load_as_their_days():
    # Two Finam exports joined: the days start again at GAZP; read in the file's order, no run of days.
    data = (_HEADER + "".join(f"{ticker};D;{d:%y%m%d};000000;141.1;142.6;140.6;141.6;{22776040 + i}\n"
                              for ticker in ("SBER", "GAZP") for i, d in enumerate(_DAYS))).encode()
    schema = detect_bytes(data, "finam_joined.csv")
    result = normalise_bytes(data, schema, "finam_joined.csv")
    assert schema.columns[2].format == "%y%m%d"
    assert len(result.prices) == 2 * len(_DAYS) and result.rejected.empty


_TR_DAYS = [date(2020, 4, d) for d in (13, 10, 9, 8, 7, 6, 3, 2, 1)]


def _lost_dot(days) -> bytes:
    return ("Tarih;Şimdi;Açılış;Yüksek;Düşük;Fark %\n" + "".join(
        f"{d.day}.{d.month:02d}{d.year};6.77{i};6.72{i};6.79{i};6.70{i};0.0069\n" for i, d in enumerate(days))).encode()


def test_dates_whose_dot_before_the_year_was_lost_load_as_their_days():
    # Investing.com's Turkish export saved again: "13.042020", "9.042020". Read as numbers, refused
    # "'Tarih' is named as one but its values read as float" (loud) before.
    data = _lost_dot(_TR_DAYS)
    schema = detect_bytes(data, "USD_TRY.csv")
    result = normalise_bytes(data, schema, "USD_TRY.csv")
    assert (schema.columns[0].type, schema.columns[0].format) == ("date", "%d.%m%Y")
    assert list(result.prices.date.dt.date) == _TR_DAYS and result.rejected.empty
    assert list(result.prices.close)[:2] == [6.770, 6.771]


@pytest.mark.parametrize("header,cells", [
    # Under a name that is no date's: a rate of six decimals stays a number.
    ("Kurs", ["13.042020", "12.042020", "10.042020", "9.042020", "8.042020", "7.042020"]),
    # Under the date's name, but read so its days leap back and forth: numbers, not days.
    ("Tarih", ["13.042020", "12.052021", "10.042020", "19.112019", "8.042020", "17.082020"]),
])
def test_numbers_of_six_decimals_that_are_no_run_of_days_stay_numbers(header, cells):
    data = (f"{header};Close\n" + "".join(f"{c};6.77\n" for c in cells)).encode()
    assert detect_bytes(data, "rates.csv").columns[0].type == "float"
