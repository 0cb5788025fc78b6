"""Weekly or monthly bars that a period column declares are refused, not loaded as days' prices."""
import pytest

from backintime_assets.detection import detect_bytes
from backintime_assets.detection.bar_period import bar_period_problem
from backintime_assets.detection.refusals import judged

# Finam's export of Sberbank's monthly bars (dmitryleskov/instrument-comparison, data/SBER.csv):
# each row a month's open, high, low and close, dated on the month's first day.
FINAM_MONTHLY = (b"<TICKER>,<PER>,<DATE>,<TIME>,<OPEN>,<HIGH>,<LOW>,<CLOSE>,<VOL>\n"
                 b"SBER,M,19990601,000000,548.0000000,1395.0000000,495.0000000,1032.0000000,130469\n"
                 b"SBER,M,19990701,000000,1100.0000000,1254.0000000,680.0100000,749.9800000,230367\n"
                 b"SBER,M,19990901,000000,712.1200000,776.0000000,500.0000000,517.0000000,332142\n"
                 b"SBER,M,19991001,000000,529.0000000,663.0000000,521.0000000,584.9800000,157217\n")


def test_finam_monthly_bars_are_refused_as_a_judgement():
    # Loaded, June 1999's high (1395) and close stood as 1 June's: four rows loaded, the weekend
    # ones rejected for their weekday, as if they were days.
    problem = detect_bytes(FINAM_MONTHLY, "SBER.csv").problem
    assert problem is not None and problem.startswith("monthly bars, not daily prices: <PER> is M")
    assert judged(problem)  # a user who wants the months may lift it


@pytest.mark.parametrize(("code", "period"), [("W", "weekly"), ("w", "weekly"), ("MN1", "monthly"),
                                              ("Q", "quarterly"), ("Monthly", "monthly")])
def test_periods_longer_than_a_day_are_named(code, period):
    body = [["AAA", code, "2024-01-05", "1.0"], ["AAA", code, "2024-01-12", "1.1"]]
    assert bar_period_problem(["Ticker", "Period", "Date", "Close"], body).startswith(f"{period} bars")


@pytest.mark.parametrize("codes", [["D", "D"], ["d", "d"], ["5", "5"], ["1M", "1M"], ["M1", "M1"], ["M", "W"]])
def test_daily_intraday_ambiguous_or_mixed_periods_are_no_problem(codes):
    # Stooq's daily files carry <PER> D; minutes (5, M1, 1M in some tools) are rejected row by row
    # as intraday bars; a column of several periods is no declaration of the file's.
    body = [["AAA", c, "20240105", "1.0"] for c in codes]
    assert bar_period_problem(["<TICKER>", "<PER>", "<DATE>", "<CLOSE>"], body) is None


def test_a_column_of_another_name_is_no_period():
    body = [["AAA", "M", "2024-01-05", "1.0"], ["BBB", "M", "2024-01-05", "2.0"]]
    assert bar_period_problem(["Ticker", "Gender", "Date", "Close"], body) is None


def test_a_period_column_that_marks_a_few_rows_declares_no_period():
    # A daily file's "Period" column that marks its month ends ("M") or one row: no export's
    # declaration of its bars. Read as one, the daily file was refused whole, "M on every row".
    body = [["2024-01-0%d" % d, "1.0", "M" if d == 5 else ""] for d in range(1, 10)]
    assert bar_period_problem(["Date", "Close", "Period"], body) is None


# datasets/oil-prices data/brent-year.csv (1c0b72ec): Brent's yearly averages, each dated 30 June.
BRENT_YEARLY = (b"Date,Price\n1987-06-30,18.53\n1988-06-30,14.91\n1989-06-30,18.23\n1990-06-30,23.76\n"
                b"1991-06-30,20.04\n1992-06-30,19.32\n1993-06-30,17.01\n1994-06-30,15.86\n1995-06-30,17.02\n")


def test_a_yearly_series_no_column_declares_is_refused_by_its_dates_steps():
    # Loaded, each year's average stood as 30 June's close (the weekend years rejected as if days).
    problem = detect_bytes(BRENT_YEARLY, "brent-year.csv").problem
    assert problem is not None and problem.startswith("yearly bars, not daily prices: Date steps a year")
    assert judged(problem)  # a user who wants the years may lift it


@pytest.mark.parametrize(("dates", "period"), [
    # Yahoo's weekly download: Mondays (Tuesday after a holiday Monday).
    (["2024-01-01", "2024-01-08", "2024-01-16", "2024-01-22", "2024-01-29", "2024-02-05", "2024-02-12"], "weekly"),
    # Yahoo's monthly download: each month's 1st, weekend or not.
    (["2023-09-01", "2023-10-01", "2023-11-01", "2023-12-01", "2024-01-01", "2024-02-01", "2024-03-01"], "monthly"),
    (["2022-03-31", "2022-06-30", "2022-09-30", "2022-12-30", "2023-03-31", "2023-06-30"], "quarterly"),
])
def test_bars_a_week_month_or_quarter_apart_are_refused(dates, period):
    rows = "".join(f"{d},10.0,11.0,9.0,10.5,1000\n" for d in reversed(dates))  # newest first, too
    problem = detect_bytes(("Date,Open,High,Low,Close,Volume\n" + rows).encode(), "SPY.csv").problem
    assert problem is not None and problem.startswith(f"{period} bars, not daily prices: Date steps a")


@pytest.mark.parametrize("dates", [
    # Daily, with a long weekend and a week-long gap.
    ["2024-01-02", "2024-01-03", "2024-01-04", "2024-01-05", "2024-01-09", "2024-01-16", "2024-01-17"],
    # Hand-kept, irregular: a row when the owner looked.
    ["2024-01-02", "2024-01-05", "2024-01-15", "2024-02-20", "2024-02-27", "2024-03-01", "2024-04-10"],
    # Too few dates to tell a period.
    ["2024-01-01", "2024-02-01", "2024-03-01", "2024-04-01", "2024-05-01"],
])
def test_daily_irregular_or_short_series_are_no_problem(dates):
    rows = "".join(f"{d},10.5\n" for d in dates)
    assert detect_bytes(("Date,Close\n" + rows).encode(), "SPY.csv").problem is None


def test_several_tickers_rows_of_a_day_are_one_date():
    rows = "".join(f"{t},2024-01-{d:02d},10.5\n" for d in (2, 3, 4, 5, 8, 9, 10) for t in ("AAA", "BBB"))
    assert detect_bytes(("Ticker,Date,Close\n" + rows).encode(), "prices.csv").problem is None
