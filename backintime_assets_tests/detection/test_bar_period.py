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
