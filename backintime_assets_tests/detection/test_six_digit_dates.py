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
