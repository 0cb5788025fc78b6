import pytest

from backintime_assets.detection import detect_bytes
from backintime_assets.normalisation import normalise_bytes


def _load(header: str, rows: list[str]):
    data = (header + "\n" + "\n".join(rows) + "\n").encode()
    schema = detect_bytes(data, "nav.csv")
    return normalise_bytes(data, schema, "nav.csv").prices


@pytest.mark.parametrize("header", ["date,fund,units_open,units_close,nav", "date,fund,cash_open,cash_close,nav",
                                    "date,fund,units_high,units_close,nav", "date,fund,units_low,units_close,nav"])
def test_a_figure_s_price_beside_its_own_close_is_no_price_of_the_nav(header):
    # A fund administrator's NAV file: the units in issue (or the cash) at the day's start and end beside
    # the NAV. "units_open" had loaded as the open, 1,000,000 against a close of 10.5 (silent); "units_high"
    # as the high so.
    prices = _load(header, ["2024-01-02,AAA,1000000,1000500,10.5", "2024-01-03,AAA,1000500,1001000,10.6",
                            "2024-01-04,AAA,1001000,1001000,10.4"])
    assert prices["close"].tolist() == [10.5, 10.6, 10.4]
    assert (prices[["open", "high", "low"]] < 11).all().all()


@pytest.mark.parametrize("header", ["Date,Cash Open,Cash Close", "Date,Stock Open,Stock Close",
                                    "Date,Price Open,Price Close", "Date,Open,Close,Cash Close",
                                    "Date,PX_OPEN,PX_LAST,PX_CLOSE", "Date,Stock Open,Close,Stock Close"])
def test_the_close_s_own_open_stays_the_open(header):
    # The close's figure opens too ("Cash Open" beside the close "Cash Close"), or the open names none, or
    # its figure's close is the close's twin, its values a day's price beside the close ("PX_OPEN" beside
    # the close "PX_LAST" and "PX_CLOSE": Bloomberg's open had loaded as the close, silent).
    width = header.count(",")
    rows = [f"2024-01-0{d},{100 + d}.5," + ",".join([f"{101 + d}.5"] * (width - 1)) for d in (2, 3, 4)]
    assert _load(header, rows)["open"].tolist() == [102.5, 103.5, 104.5]


def test_the_close_s_own_high_and_low_stay():
    prices = _load("Date,Stock High,Stock Low,Stock Close",
                   ["2024-01-02,103,100,102.5", "2024-01-03,104,101,103.5", "2024-01-04,105,101,101.5"])
    assert prices["high"].tolist() == [103.0, 104.0, 105.0] and prices["low"].tolist() == [100.0, 101.0, 101.0]
