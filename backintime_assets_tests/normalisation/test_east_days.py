"""The tickers of an "_east" epoch column that are stamped on their own UTC day after all."""
import numpy as np
import pyarrow as pa

from backintime_assets.normalisation.east_days import own_day_tickers
from backintime_assets.normalisation.parse import parse_dates

_MONDAY = 1704067200  # 2024-01-01 00:00 UTC
_DAY = 86400


def _read(stamps: list[int], codes: list[int]) -> np.ndarray:
    cells = pa.array([str(s) for s in stamps])
    east, utc = parse_dates(cells, "epoch_s_east"), parse_dates(cells, "epoch_s")
    days = own_day_tickers(east, utc, np.array(codes)).values
    return np.array([np.datetime64(int(d), "D") for d in days]).astype(str)


def test_a_ticker_stamped_on_friday_evenings_is_read_by_its_utc_days():
    # Ticker 0: an ASX session stamped 23:00 UTC the day before; ticker 1: New York's open, 14:30 UTC.
    asx = [_MONDAY - 3600 + _DAY * k for k in range(5)]
    new_york = [_MONDAY + 52200 + _DAY * k for k in range(5)]
    days = _read(asx + new_york, [0] * 5 + [1] * 5)
    week = ["2024-01-01", "2024-01-02", "2024-01-03", "2024-01-04", "2024-01-05"]
    assert days.tolist() == week + week


def test_a_ticker_stamped_on_both_weekend_evenings_keeps_the_detected_reading():
    # Sunday and Friday evenings: no reading is a week of weekdays; left as detected (its weekend
    # row is rejected either way), and another ticker's stamps change nothing.
    stamps = [_MONDAY - 3600 + _DAY * k for k in range(6)]  # Sunday 23:00 to Friday 23:00
    days = _read(stamps + [_MONDAY - 3600], [0] * 6 + [1])
    assert days.tolist() == ["2024-01-01", "2024-01-02", "2024-01-03", "2024-01-04", "2024-01-05",
                             "2024-01-06", "2024-01-01"]
