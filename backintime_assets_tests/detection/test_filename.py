from datetime import date

import pytest

from backintime_assets.detection import detect_bytes
from backintime_assets.detection.filename import NamedMonth, date_in_name, date_in_path, named_days, without_dates


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


@pytest.mark.parametrize(("name", "expected"), [
    ("/data/2025-02-04/AAPL.csv", date(2025, 2, 4)),
    ("office/2025/02/04/prices.csv", date(2025, 2, 4)),  # a folder a year, a month, a day
    (r"C:\drops\20250204\prices.csv", date(2025, 2, 4)),
    ("2025-02-03/NYSE_2025-02-04.csv", date(2025, 2, 4)),  # the base name's first
    ("2025/02/prices.csv", None),  # a month's folder: no day
    ("2025-02-03/2025-02-04/prices.csv", None),  # two dates
    ("prices.csv", None),
])
def test_a_folder_a_day_dates_its_files_where_their_names_do_not(name, expected):
    assert date_in_path(name) == expected


@pytest.mark.parametrize(("name", "expected"), [
    ("holdings_2024_09.csv", NamedMonth(2024, 9)),
    ("holdings_2024-09.xlsx", NamedMonth(2024, 9)),
    ("holdings 202409.csv", NamedMonth(2024, 9)),
    ("prices_2024-01-02_2024-01-31.csv", NamedMonth(2024, 1)),  # a range within a month
    ("2025/02/prices.csv", NamedMonth(2025, 2)),  # a month's folder
    ("NYSE_2025-02-04.csv", date(2025, 2, 4)),  # a day first
    ("prices_2024-01-15_2024-03-15.csv", None),  # months apart
    ("batch_2024_001.csv", None),
    ("holdings_2024_Q3.csv", None),
    ("holdings_09_2024.csv", None),  # year first only: "09" may be the file's number
    ("prices_fy2010-11.csv", None),  # a fiscal year's span, 2010 to 2011
    ("FY_2010_11_prices.csv", None),
    ("prices_fiscal_year_2010-11.csv", None),  # marked so too (read as November since 55fd288)
    ("FYE_2010-11/prices.csv", None),
    ("AY 2010-11/prices.csv", None),  # India's assessment year
    ("holiday_2010-11.csv", NamedMonth(2010, 11)),
    ("2011/12/prices.csv", NamedMonth(2011, 12)),  # a year's folder and a month's: no fiscal year unmarked
    ("prices_2011-12.csv", NamedMonth(2011, 12)),
    ("prices_201011.csv", NamedMonth(2010, 11)),  # run together, a month
    ("prices_2010-12.csv", NamedMonth(2010, 12)),
    ("2024-09/close_001.csv", None),  # a folder holding numbered files
])
def test_a_name_s_month_vouches_for_its_files_days(name, expected):
    assert named_days(name) == expected


@pytest.mark.parametrize(("name", "fmt"), [
    ("london/2022/05/02/prices.csv", "%d/%m/%Y"),  # "02/05/2022" is 2 May: the folder's day
    ("london/20220502/prices.csv", "%d/%m/%Y"),
    ("london/2022-05/prices.csv", "%d/%m/%Y"),  # a folder a month: May
    ("london/prices_2022_05.csv", "%d/%m/%Y"),
    ("newyork/prices_2022_02.csv", "%m/%d/%Y"),
    ("newyork/2022/02/05/prices.csv", "%m/%d/%Y"),  # 5 February
    ("london/prices.csv", "%m/%d/%Y"),  # nothing says: the separator's custom
])
def test_a_folder_s_date_settles_the_day_month_order_of_a_day_s_file(name, fmt):
    data = b"Date,Ticker,Close,Volume\n02/05/2022,AAA,10.5,1200\n02/05/2022,BBB,20.25,3400\n"
    column = next(c for c in detect_bytes(data, name).columns if c.canonical == "date")
    assert column.format == fmt


@pytest.mark.parametrize(("name", "fmt"), [
    ("london/2011/12/prices.csv", "%d/%m/%Y"),  # December's folder: 5 December (12 May since 5f9d712, silent)
    ("london/prices_2011-12.csv", "%d/%m/%Y"),
    ("london/fy2011-12/prices.csv", "%m/%d/%Y"),  # a fiscal year's: nothing says, the separator's custom
])
def test_a_month_whose_number_follows_its_year_s_is_no_fiscal_year_unmarked(name, fmt):
    data = b"Date,Ticker,Close,Volume\n05/12/2011,AAA,10.5,1200\n05/12/2011,BBB,20.25,3400\n"
    column = next(c for c in detect_bytes(data, name).columns if c.canonical == "date")
    assert column.format == fmt


@pytest.mark.parametrize("name", [
    "backup/2024-02-01/close_002.csv",  # a backup made on 1 February of a file a day, numbered apart
    "download_20240201/export (2).csv",
    "2024/02/01/day_002.txt",
])
def test_a_folder_holding_numbered_files_is_no_day_of_theirs(name):
    # An American office's 2 January, "01/02/2024": read by the folder's day it loaded as 1 February.
    assert date_in_path(name) is None
    data = b"Date,Ticker,Close,Volume\n01/02/2024,AAA,10.5,1200\n01/02/2024,BBB,20.25,3400\n"
    column = next(c for c in detect_bytes(data, name).columns if c.canonical == "date")
    assert column.format == "%m/%d/%Y"


@pytest.mark.parametrize(("stem", "rest"), [
    # A day saved, its moment, a range of days or years, before or after the symbol, in its writers' forms.
    ("AAPL_2024-09-03", "AAPL"), ("AAPL_20240903", "AAPL"), ("AAPL 2024-09-03", "AAPL"), ("AAPL-2024-09-03", "AAPL"),
    ("AAPL_03.09.2024", "AAPL"), ("AAPL_09-03-2024", "AAPL"), ("AAPL_20240903_153000", "AAPL"),
    ("AAPL_20240903153000", "AAPL"), ("AAPL_2024-09-03T15-30-00", "AAPL"), ("EURUSD_20240101_20241231", "EURUSD"),
    ("AAPL_2020-01-01_to_2024-12-31", "AAPL"), ("AAPL_2020_2025", "AAPL"), ("20240903_AAPL", "AAPL"),
    ("S&P_500_2010_2020", "S&P_500"), ("1557_2019_2020", "1557"),
    # A symbol's own digits, class and exchange stay.
    ("BP.L_2024-09-03", "BP.L"), ("600519_20240903", "600519"), ("BRK-B_2024-09-03", "BRK-B"),
    ("20190722_0700.HK", "0700.HK"), ("prices_2024-09-03", "prices"),
    ("2024-09-03", ""), ("20240903_153000", ""), ("2020-01-01_2024-12-31", ""),  # days alone
    # No day: eight digits alone (a code's as well), a month (a future's contract month as well), a year,
    # a span of years alone, a number that is no calendar's day, a name's own number.
    ("20240903", "20240903"), ("ES_2024-09", "ES_2024-09"), ("AAPL_2019", "AAPL_2019"), ("2019_2020", "2019_2020"),
    ("RUSSELL_2000", "RUSSELL_2000"), ("AAPL_20240231", "AAPL_20240231"), ("AAPL_12345678", "AAPL_12345678"),
    ("ES 03-24", "ES 03-24"), ("prices_fy2010-11", "prices_fy2010-11"), ("AppleDaily20190722", "AppleDaily20190722"),
    ("AAPL_2020_2010", "AAPL_2020_2010"),
])
def test_the_days_a_name_writes_beside_its_symbol(stem, rest):
    assert without_dates(stem) == rest


@pytest.mark.parametrize(("stem", "rest"), [
    # After the data's last day (2024-09-03) by more than a download waits: an expiry, a maturity, an
    # option's, day or month first; before or after the root. Cut, they merged one root's instruments.
    ("ES_2024-12-20", "ES_2024-12-20"), ("UST_2030-05-15", "UST_2030-05-15"),
    ("AAPL_C220_2024-09-20", "AAPL_C220_2024-09-20"), ("CL_20241119", "CL_20241119"),
    ("ES_20.12.2024", "ES_20.12.2024"), ("2024-12-20_ES", "2024-12-20_ES"),
    # The download's day: the data's last, a weekend and a holiday after it, or within the data; a range,
    # a day that one reading puts within reach (09-05 or 05-09), a moment; and no data day known.
    ("AAPL_2024-09-03", "AAPL"), ("AAPL_2024-09-07", "AAPL"), ("AAPL_2024-06-28", "AAPL"),
    # Saved after a market's week-long closure: Golden Week's eight days, a Lunar New Year's eleven.
    ("600519_2024-09-11", "600519"), ("2330_2024-09-14", "2330"),
    ("AAPL_20240101_20241231", "AAPL"), ("AAPL_09-05-2024", "AAPL"), ("AAPL_20240904_153000", "AAPL"),
    ("AAPL_2020-01-01_to_2024-12-31", "AAPL"), ("AAPL_2020_2025", "AAPL"),
])
def test_a_day_after_the_data_is_the_instruments_own(stem, rest):
    assert without_dates(stem, date(2024, 9, 3)) == rest
    assert without_dates(stem) == (without_dates(stem, date(2099, 1, 1)))  # unknown data: cut as the download's

