"""Weekly or monthly bars that a period column declares are refused, not loaded as days' prices."""
from datetime import date, timedelta

import pandas as pd
import pytest

from backintime_assets.detection import bar_period, cell_days, detect_bytes
from backintime_assets.detection.bar_period import LONGER_BARS, bar_period_problem
from backintime_assets.detection.refusals import judged
from backintime_assets.detection.unsettled_order import UNSETTLED_ORDER
from backintime_assets.normalisation import normalise_bytes

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


def test_weekly_bars_stamped_with_and_without_a_zone_offset_are_refused():
    # Stamps with and without an offset type as one column of the zoned format; read by it alone,
    # the stamps without an offset were no dates to step by, and the weeks loaded as 20 days.
    fridays = pd.date_range("2024-01-05", periods=20, freq="7D").strftime("%Y-%m-%dT00:00:00")
    rows = "".join(f"{d}{'Z' if i in (3, 11) else ''},10.0,11.0,9.0,10.5,1000\n" for i, d in enumerate(fridays))
    problem = detect_bytes(("Date,Open,High,Low,Close,Volume\n" + rows).encode(), "SPY.csv").problem
    assert problem is not None and problem.startswith("weekly bars, not daily prices: Date steps a week")


@pytest.mark.parametrize("dates", [
    # Daily, with a long weekend and a week-long gap.
    ["2024-01-02", "2024-01-03", "2024-01-04", "2024-01-05", "2024-01-09", "2024-01-16", "2024-01-17"],
    # Hand-kept, irregular: a row when the owner looked.
    ["2024-01-02", "2024-01-05", "2024-01-15", "2024-02-20", "2024-02-27", "2024-03-01", "2024-04-10"],
    # Too few dates to tell a period: months' firsts, each a trading day (with New Year's Day among them,
    # no day's close: test_a_few_closes_on_months_firsts_with_a_day_no_exchange_trades_are_refused).
    ["2024-02-01", "2024-03-01", "2024-04-01", "2024-05-01"],
])
def test_daily_irregular_or_short_series_are_no_problem(dates):
    rows = "".join(f"{d},10.5\n" for d in dates)
    assert detect_bytes(("Date,Close\n" + rows).encode(), "SPY.csv").problem is None


def test_several_tickers_rows_of_a_day_are_one_date():
    rows = "".join(f"{t},2024-01-{d:02d},10.5\n" for d in (2, 3, 4, 5, 8, 9, 10) for t in ("AAA", "BBB"))
    assert detect_bytes(("Ticker,Date,Close\n" + rows).encode(), "prices.csv").problem is None


def _closes(dates: list[str], header: str = "Date,Close") -> bytes:
    return (header + "\n" + "".join(f"{d},{10 + k / 10:.2f}\n" for k, d in enumerate(dates))).encode()


FRIDAYS = ["2024-01-05", "2024-01-12", "2024-01-19", "2024-01-26", "2024-02-02", "2024-02-09", "2024-02-16"]
MONTH_ENDS = ["2023-09-29", "2023-10-31", "2023-11-30", "2023-12-29", "2024-01-31", "2024-02-29", "2024-03-28"]


@pytest.mark.parametrize(("header", "dates"), [
    ("Date,NAV", FRIDAYS),  # a fund's weekly NAV: each Friday's own price
    ("Date,Close", MONTH_ENDS),  # month-end closes on the last trading day (28 March 2024: Good Friday)
    ("Date,Close", ["2022-03-31", "2022-06-30", "2022-09-30", "2022-12-30", "2023-03-31", "2023-06-30"]),
    ("Date,Close", ["2018-12-31", "2019-12-31", "2020-12-31", "2021-12-31", "2022-12-30", "2023-12-29"]),
    # A log kept on Wednesdays: weekly bars are dated on the week's first day or its last.
    ("Date,Close", ["2024-01-03", "2024-01-10", "2024-01-17", "2024-01-24", "2024-01-31", "2024-02-07"]),
])
def test_closes_on_their_periods_last_day_load_as_those_days_prices(header, dates):
    # They were refused whole as weekly (monthly, ...) bars: files of right prices loaded nothing.
    data = _closes(dates, header)
    schema = detect_bytes(data, "fund.csv")
    assert schema.problem is None
    prices = normalise_bytes(data, schema, "fund.csv").prices
    assert [f"{d:%Y-%m-%d}" for d in prices["date"]] == dates
    assert prices["close"].tolist() == [10 + k / 10 for k in range(len(dates))]


def test_month_end_closes_of_several_tickers_load():
    rows = "".join(f"{d},{t},{50 + k}.5\n" for k, d in enumerate(MONTH_ENDS) for t in ("AAA", "BBB", "CCC"))
    data = ("Date,Ticker,Close\n" + rows).encode()
    schema = detect_bytes(data, "portfolio.csv")
    assert schema.problem is None
    assert len(normalise_bytes(data, schema, "portfolio.csv").prices) == 3 * len(MONTH_ENDS)


@pytest.mark.parametrize(("header", "dates", "values", "period"), [
    # Every Monday's close: the date a weekly bar's (Yahoo's) is under, its close Friday's.
    ("Date,Close", ["2024-01-01", "2024-01-08", "2024-01-15", "2024-01-22", "2024-01-29", "2024-02-05"], "10.5",
     "weekly"),
    ("Date,Adj Close,Close", [f"2023-{m:02d}-01" for m in range(1, 9)], "10.4,10.5", "monthly"),  # each month's 1st
    ("Date,Price", [f"2023-{m:02d}-15" for m in range(1, 9)], "10.5", "monthly"),  # monthly averages, mid-month
    # A week's volume beside its close, dated on its Friday: the Friday's close, not its volume.
    ("Date,Close,Volume", FRIDAYS, "10.5,51000", "weekly"),
])
def test_closes_dated_at_a_periods_start_or_middle_or_with_its_volume_are_refused(header, dates, values, period):
    rows = "".join(f"{d},{values}\n" for d in dates)
    problem = detect_bytes((header + "\n" + rows).encode(), "SPY.csv").problem
    assert problem is not None and problem.startswith(f"{period} bars, not daily prices")


@pytest.mark.parametrize(("dates", "period"), [(FRIDAYS, "weekly"), (MONTH_ENDS, "monthly")])
def test_bars_dated_on_their_periods_last_day_are_refused(dates, period):
    # backtrader's weekly bars (Fridays), a monthly Nikkei file (month ends): the close is the day's,
    # the open, high and low the week's or the month's.
    rows = "".join(f"{d},10.0,11.0,9.0,10.5\n" for d in dates)
    problem = detect_bytes(("Date,Open,High,Low,Close\n" + rows).encode(), "N225.csv").problem
    assert problem is not None and problem.startswith(f"{period} bars, not daily prices")


def test_a_daily_files_dates_are_read_no_further_than_a_first_look(monkeypatch):
    # Every file with a date and a close is looked at: a daily head settles it without a strptime of
    # each of the sample's dates (~20 µs each).
    calls = []
    real = cell_days._day
    monkeypatch.setattr(cell_days, "_day", lambda cell, fmt: calls.append(cell) or real(cell, fmt))
    days = [f"{d:%Y-%m-%d}" for d in pd.bdate_range("2024-01-02", periods=200)]
    assert bar_period.spaced_bars_problem("Date", "%Y-%m-%d", days, ["date", "close"]) is None
    assert len(calls) <= 30


MONDAYS = [f"{pd.Timestamp('2024-01-01') + pd.Timedelta(weeks=k):%Y-%m-%d}" for k in range(8)]


@pytest.mark.parametrize("header", [
    # yfinance's weekly download of two tickers: its fields over its tickers, then "Date".
    "Price,Close,Close,Open,Open\nTicker,AAPL,MSFT,AAPL,MSFT\nDate,,,,\n",
    # Bloomberg's side by side: each ticker's label over its own date and fields.
    "AAPL US Equity,,,MSFT US Equity,,\nDate,PX_LAST,PX_OPEN,Date,PX_LAST,PX_OPEN\n",
])
def test_weekly_bars_of_several_tickers_side_by_side_are_refused(header):
    # Refused in one ticker's file or a long one, they loaded side by side: each Monday's row a
    # week's open and close as that Monday's.
    wide = header.count(",", 0, header.index("\n")) == 5
    rows = "".join(f"{d},10.5,30.5,10.0,30.0\n" if not wide else f"{d},10.5,10.0,{d},30.5,30.0\n" for d in MONDAYS)
    data = (header + rows).encode()
    schema = detect_bytes(data, "prices.csv")
    assert schema.problem is not None and schema.problem.startswith("weekly bars, not daily prices")
    assert normalise_bytes(data, schema, "prices.csv").prices.empty


def test_month_end_closes_of_several_tickers_side_by_side_load():
    data = ("AAPL US Equity,,MSFT US Equity,\nDate,PX_LAST,Date,PX_LAST\n"
            + "".join(f"{d},{50 + k}.5,{d},{90 + k}.5\n" for k, d in enumerate(MONTH_ENDS))).encode()
    schema = detect_bytes(data, "prices.csv")
    assert schema.problem is None
    assert len(normalise_bytes(data, schema, "prices.csv").prices) == 2 * len(MONTH_ENDS)


_MONDAY = int(pd.Timestamp("2024-01-01").timestamp())  # 2024-01-01 00:00 UTC, a Monday


@pytest.mark.parametrize(("stamps", "period"), [
    # Yahoo's chart API, a weekly download: each bar stamped at its Monday's open, 14:30 UTC.
    ([_MONDAY + 52200 + k * 7 * 86400 for k in range(10)], "weekly"),
    ([(_MONDAY + 52200 + k * 7 * 86400) * 1000 for k in range(10)], "weekly"),  # in milliseconds
    # An ASX week's bar stamped at its Monday's open, Sunday 23:00 UTC ("_east": read as Monday's).
    ([_MONDAY - 3600 + k * 7 * 86400 for k in range(10)], "weekly"),
    # Each month's first day at New York's midnight, 05:00 UTC.
    ([int(pd.Timestamp(f"{2022 + m // 12}-{m % 12 + 1:02d}-01 05:00").timestamp()) for m in range(12)], "monthly"),
    # Excel serial days written as numbers: 45292 is 2024-01-01.
    ([45292 + 7 * k for k in range(10)], "weekly"),
])
def test_weekly_or_monthly_bars_dated_as_epochs_or_serials_are_refused(stamps, period):
    # The steps of dates written as text were read, numbers' were not: these loaded, each week's bar
    # as its Monday's (or, read east of UTC, the week's ASX bar as its Monday's) prices.
    data = ("Date,Open,High,Low,Close,Volume\n" + "".join(f"{s},10.0,11.0,9.0,10.5,{1000 + k}\n"
                                                          for k, s in enumerate(stamps))).encode()
    schema = detect_bytes(data, "SPY.csv")
    assert schema.problem is not None and schema.problem.startswith(f"{period} bars, not daily prices")
    assert normalise_bytes(data, schema, "SPY.csv").prices.empty


def test_daily_bars_stamped_east_of_utc_load():
    # An ASX fortnight stamped on Sunday to Thursday evenings, 23:00 UTC: daily, a day apart once read.
    stamps = [_MONDAY - 3600 + (7 * w + d) * 86400 for w in range(2) for d in range(5)]
    data = ("Date,Open,High,Low,Close,Volume\n" + "".join(f"{s},10.0,11.0,9.0,10.5,{1000 + k}\n"
                                                          for k, s in enumerate(stamps))).encode()
    schema = detect_bytes(data, "BHP.AX.csv")
    assert schema.problem is None and schema.columns[0].format == "epoch_s_east"
    assert len(normalise_bytes(data, schema, "BHP.AX.csv").prices) == 10


# Monthly gold prices dated on the 1st, some months missing (steps of 1, 2 and 3 months): each a
# month's average.
GOLD_GAPPED = ["2019-01-01", "2019-02-01", "2019-04-01", "2019-05-01", "2019-08-01", "2019-09-01", "2019-10-01",
               "2019-12-01", "2020-01-01"]


@pytest.mark.parametrize(("header", "dates", "values", "period"), [
    ("Date,Price", GOLD_GAPPED, "1290.5", "monthly"),
    # Yahoo's monthly bars on each month's first trading day, months missing.
    ("Date,Open,High,Low,Close", ["2021-01-04", "2021-03-01", "2021-04-01", "2021-06-01", "2021-07-01", "2021-10-01",
                                  "2021-11-01", "2022-01-03"], "10.0,11.0,9.0,10.5", "monthly"),
    # Yahoo's weekly bars, Mondays, with holiday weeks missing (14 and 21 days).
    ("Date,Open,High,Low,Close", ["2024-01-01", "2024-01-15", "2024-01-22", "2024-02-05", "2024-02-12", "2024-03-04",
                                  "2024-03-11", "2024-03-18"], "10.0,11.0,9.0,10.5", "weekly"),
    ("Date,Close", ["2024-01-01", "2024-01-08", "2024-01-22", "2024-01-29", "2024-02-12", "2024-02-19",
                    "2024-02-26"], "10.5", "weekly"),  # Mondays' closes: each a week's start
    # Quarterly bars at quarter ends, a quarter missing; yearly averages mid-year, years missing.
    ("Date,Open,Close", ["2021-03-31", "2021-06-30", "2021-12-31", "2022-03-31", "2022-09-30", "2022-12-30",
                         "2023-03-31"], "10.0,10.5", "quarterly"),
    ("Date,Price", ["1987-06-30", "1989-06-30", "1990-06-30", "1992-06-30", "1993-06-30", "1994-06-30",
                    "1997-06-30"], "18.5", "yearly"),
])
def test_bars_with_periods_missing_are_refused(header, dates, values, period):
    # Their dates stepped 1, 2 or 3 periods, no one period on nearly every step: each month's (week's)
    # prices loaded as its first day's.
    data = (header + "\n" + "".join(f"{d},{values}\n" for d in dates)).encode()
    schema = detect_bytes(data, "GOLD.csv")
    assert schema.problem is not None and schema.problem.startswith(f"{period} bars, not daily prices")
    assert normalise_bytes(data, schema, "GOLD.csv").prices.empty


@pytest.mark.parametrize("dates", [
    FRIDAYS[:2] + FRIDAYS[3:5] + ["2024-03-01", "2024-03-08", "2024-03-22"],  # every Friday's close, weeks missing
    ["2023-09-29", "2023-10-31", "2024-01-31", "2024-02-29", "2024-03-28", "2024-06-28", "2024-07-31"],  # month ends
])
def test_closes_on_their_periods_last_day_with_periods_missing_load(dates):
    data = _closes(dates)
    schema = detect_bytes(data, "fund.csv")
    assert schema.problem is None
    assert [f"{d:%Y-%m-%d}" for d in normalise_bytes(data, schema, "fund.csv").prices["date"]] == dates


@pytest.mark.parametrize("dates", [
    # A sparse, illiquid security's days: a trade now and then, on any weekday.
    ["2024-01-03", "2024-01-12", "2024-01-29", "2024-02-07", "2024-02-20", "2024-03-05", "2024-03-19", "2024-04-02"],
    # A hand-kept file, updated every few days.
    ["2024-01-02", "2024-01-05", "2024-01-08", "2024-01-12", "2024-01-16", "2024-01-19", "2024-01-24", "2024-01-26"],
    # Daily, then a month's gap, then daily: some steps whole weeks or a month.
    ["2024-01-02", "2024-01-09", "2024-02-09", "2024-02-12", "2024-02-13", "2024-02-14", "2024-02-15", "2024-02-16"],
])
def test_daily_bars_with_gaps_load(dates):
    data = ("Date,Open,High,Low,Close\n" + "".join(f"{d},10.0,11.0,9.0,10.5\n" for d in dates)).encode()
    schema = detect_bytes(data, "ILLQ.csv")
    assert schema.problem is None
    assert len(normalise_bytes(data, schema, "ILLQ.csv").prices) == len(dates)


@pytest.mark.parametrize("by_ticker", [False, True])
def test_weekly_bars_of_tickers_dated_on_different_weekdays_are_refused(by_ticker):
    # One exchange's weeks dated Mondays, another's Fridays: pooled, their dates stepped 3 and 4
    # days, as a daily file's do, and each week's bar loaded as a day's. Rows by date or by ticker.
    rows = [f"{pd.Timestamp(d) + pd.Timedelta(days=4 * (t == 'BBB')):%Y-%m-%d},{t},10.0,11.0,9.0,10.5\n"
            for d in MONDAYS for t in ("AAA", "BBB")]
    rows = "".join(sorted(rows, key=lambda r: r.split(",")[1]) if by_ticker else rows)
    data = ("Date,Ticker,Open,High,Low,Close\n" + rows).encode()
    schema = detect_bytes(data, "prices.csv")
    assert schema.problem is not None and schema.problem.startswith("weekly bars, not daily prices")
    assert normalise_bytes(data, schema, "prices.csv").prices.empty


def test_daily_bars_of_tickers_one_of_them_sparse_load():
    # An illiquid ticker traded on Tuesdays beside a liquid one's days: its steps alone are a week's,
    # the other's a day's; a file of daily bars, loaded whole.
    days = [f"{d:%Y-%m-%d}" for d in pd.bdate_range("2024-01-02", periods=60)]
    rows = [f"{d},BBB,20.0,21.0,19.0,20.5\n" for d in days] + [f"{d},AAA,10.0,11.0,9.0,10.5\n" for d in days[::5]]
    data = ("Date,Ticker,Open,High,Low,Close\n" + "".join(sorted(rows))).encode()
    schema = detect_bytes(data, "prices.csv")
    assert schema.problem is None
    assert len(normalise_bytes(data, schema, "prices.csv").prices) == len(rows)


def test_weekly_bars_of_tickers_one_listed_mid_week_are_refused():
    # Four tickers' weekly bars, Mondays; one listed on a Wednesday, its first week dated on that day.
    # Its eight dates alone step 5 days once, no week on enough steps; the file's dates, as all four
    # tickers' pooled, a week on nearly every step: refused before tickers were judged apart, and loaded
    # whole then, each week's bar as a day's.
    mondays = pd.date_range("2021-01-04", periods=30, freq="7D")
    rows = [(d, t) for t in "ABC" for d in mondays] + [(mondays[21] + pd.Timedelta(days=2), "D")]
    rows += [(d, "D") for d in mondays[22:]]
    data = ("Date,Ticker,Open,High,Low,Close,Volume\n"
            + "".join(f"{d:%Y-%m-%d},{t},10.0,11.0,9.0,10.5,100\n" for d, t in sorted(rows))).encode()
    schema = detect_bytes(data, "weekly.csv")
    assert schema.problem is not None and schema.problem.startswith("weekly bars, not daily prices")
    assert normalise_bytes(data, schema, "weekly.csv").prices.empty


def _bars(ticker: str, days, base: float) -> list[str]:
    return [f"{d:%Y-%m-%d},{ticker},{base + k:.2f},{base + k + 1:.2f},{base + k - 1:.2f},{base + k + .5:.2f},"
            f"{100 + k}\n" for k, d in enumerate(days)]


@pytest.mark.parametrize(("other", "period"), [
    (pd.date_range("2020-01-06", periods=60, freq="7D"), "weekly"),  # Yahoo's weeks, Mondays
    (pd.date_range("2020-01-01", periods=30, freq="MS"), "monthly"),  # its months, on the 1st
])
@pytest.mark.parametrize("order", ["daily first", "other first", "by date"])
def test_one_tickers_weeks_or_months_beside_anothers_days_are_refused(other, period, order):
    # Two downloads pasted into one file: AAPL's days, SPY's weeks (or months). Pooled or judged on
    # the first ticker's head, the dates stepped a day: SPY's weeks loaded as days' prices.
    days = _bars("AAPL", pd.bdate_range("2020-01-06", periods=150), 100)
    spaced = _bars("SPY", other, 300)
    rows = days + spaced if order == "daily first" else spaced + days
    if order == "by date":
        rows = sorted(rows)
    data = ("Date,Ticker,Open,High,Low,Close,Volume\n" + "".join(rows)).encode()
    schema = detect_bytes(data, "prices.csv")
    assert schema.problem is not None and schema.problem.startswith(f"{period} bars, not daily prices")
    assert "for SPY" in schema.problem and judged(schema.problem)
    assert normalise_bytes(data, schema, "prices.csv").prices.empty


def test_one_tickers_weeks_past_a_long_files_head_are_refused():
    # Years of AAPL's days, then SPY's weeks: the sample's head holds AAPL's rows only.
    days = _bars("AAPL", pd.bdate_range("2000-01-03", periods=3000), 100)
    data = ("Date,Ticker,Open,High,Low,Close,Volume\n"
            + "".join(days + _bars("SPY", pd.date_range("2020-01-06", periods=300, freq="7D"), 300))).encode()
    problem = detect_bytes(data, "prices.csv").problem
    assert problem is not None and problem.startswith("weekly bars, not daily prices") and "for SPY" in problem


def test_a_funds_friday_closes_beside_daily_closes_load():
    # Closes alone, each on its week's last day: the fund's NAV of that Friday, beside a stock's days.
    days = [f"{d:%Y-%m-%d},AAPL,{100 + k}.5\n" for k, d in enumerate(pd.bdate_range("2020-01-06", periods=60))]
    navs = [f"{d:%Y-%m-%d},FUND,{10 + k}.5\n" for k, d in enumerate(pd.date_range("2020-01-10", periods=12, freq="7D"))]
    data = ("Date,Ticker,Close\n" + "".join(sorted(days + navs))).encode()
    schema = detect_bytes(data, "prices.csv")
    assert schema.problem is None
    assert len(normalise_bytes(data, schema, "prices.csv").prices) == 72


@pytest.mark.parametrize("name", ["Avg Close", "Average Closing Price", "Close (avg)", "Mean Close",
                                  "Zamknięcie (średnia)"])  # Polish: its accent hid "srednia"
def test_a_years_average_dated_on_its_last_day_is_refused(name):
    # A year's mean of its closes dated 31 December: loaded, each year's average stood as that
    # day's close. A close so named (y4 below) is the day's price and loads.
    years = [f"{y}-12-31,{50 + k * 1.5:.2f}\n" for k, y in enumerate(range(2000, 2020))]
    data = (f"Date,{name}\n" + "".join(years)).encode()
    schema = detect_bytes(data, "averages.csv")
    assert schema.problem is not None and schema.problem.startswith("yearly averages, not daily prices")
    assert judged(schema.problem) and normalise_bytes(data, schema, "averages.csv").prices.empty
    closes = ("Date,Close\n" + "".join(years)).encode()
    assert detect_bytes(closes, "closes.csv").problem is None


@pytest.mark.parametrize(("dates", "period"), [
    (pd.bdate_range("2020-01-03", periods=300, freq="W-FRI"), "weekly"),  # a fund's Friday NAV
    (pd.bdate_range("2020-01-01", periods=60, freq="BME"), "monthly"),  # its month-end NAV
])
def test_a_funds_period_end_closes_beside_stocks_bars_load(dates, period):
    # The file's open, high, low and volume are the stocks': the fund's rows leave them empty (or a
    # spreadsheet's "#N/A"), each its day's NAV. Judged by the file's columns, the whole file was
    # refused as the fund's bars.
    days = _bars("AAPL", pd.bdate_range("2020-01-02", periods=300), 100)
    for empty in ("", "#N/A"):
        navs = [f"{d:%Y-%m-%d},FUND,{empty},{empty},{empty},{10 + k * .1:.2f},{empty}\n"
                for k, d in enumerate(dates[:14])]
        data = ("Date,Ticker,Open,High,Low,Close,Volume\n" + "".join(sorted(days + navs))).encode()
        assert detect_bytes(data, "prices.csv").problem is None, empty
    # The same rows holding a week's or a month's open, high, low and volume: its bars, refused.
    bars = _bars("FUND", dates[:14], 10)
    data = ("Date,Ticker,Open,High,Low,Close,Volume\n" + "".join(sorted(days + bars))).encode()
    problem = detect_bytes(data, "prices.csv").problem
    assert problem is not None and problem.startswith(f"{period} bars, not daily prices") and "for FUND" in problem


def test_one_tickers_weeks_past_a_ticker_of_a_few_days_are_refused():
    # A ticker of eight days in the sample's head, too few to tell alone: judged pooled at once,
    # SPY's weeks in its tail were left unread, loaded as days.
    days = pd.bdate_range("2008-01-02", periods=3000)
    rows = (_bars("AAPL", days[-150:], 100) + _bars("BBB", days[-8:], 5) + _bars("CCC", days, 50)
            + _bars("SPY", pd.date_range("2015-01-05", periods=300, freq="7D"), 300))
    problem = detect_bytes(("Date,Ticker,Open,High,Low,Close,Volume\n" + "".join(rows)).encode(), "prices.csv").problem
    assert problem is not None and problem.startswith("weekly bars, not daily prices") and "for SPY" in problem


@pytest.mark.parametrize("header", [
    "Date,AAPL Open,AAPL Close,AAPL Volume,MSFT Open,MSFT Close,MSFT Volume\n",  # a flat header
    ",AAPL,,,MSFT,,\nDate,Open,Close,Volume,Open,Close,Volume\n",  # labels over fields
])
def test_one_tickers_weeks_beside_anothers_days_side_by_side_are_refused(header):
    # MSFT's weekly bars, each on its Monday, its cells empty on the other days: judged by the
    # shared dates (every day's), its weeks loaded as days beside AAPL's days.
    days = pd.bdate_range("2024-01-01", periods=80)
    rows = [f"{d:%Y-%m-%d},{100 + k}.0,{100 + k}.5,{1000 + k},"
            + (f"{300 + k}.0,{300 + k}.5,{9000 + k}" if d.weekday() == 0 else ",,") + "\n" for k, d in enumerate(days)]
    data = (header + "".join(rows)).encode()
    schema = detect_bytes(data, "prices.csv")
    assert schema.problem is not None and schema.problem.startswith("weekly bars, not daily prices")
    assert "for MSFT" in schema.problem and normalise_bytes(data, schema, "prices.csv").prices.empty
    # MSFT's closes alone on its Fridays: its days' prices (a fund's NAV), not refused as bars.
    rows = [f"{d:%Y-%m-%d},{100 + k}.0,{100 + k}.5,{1000 + k},"
            + (f",{300 + k}.5," if d.weekday() == 4 else ",,") + "\n" for k, d in enumerate(days)]
    data = (header + "".join(rows)).encode()
    schema = detect_bytes(data, "prices.csv")
    assert schema.problem is None
    prices = normalise_bytes(data, schema, "prices.csv").prices
    assert (prices["ticker"] == "AAPL").sum() == 80


# Finam's hourly export (its <PER> 60) of a thin instrument: one bar a day, each at its own hour.
FINAM_HOURLY_ONE_A_DAY = (b"<TICKER>,<PER>,<DATE>,<TIME>,<OPEN>,<HIGH>,<LOW>,<CLOSE>,<VOL>\n"
                          b"EURRUB,60,20171120,010000,69.4562000,69.6904000,69.4456000,69.6839000,59\n"
                          b"EURRUB,60,20171121,110000,69.5100000,69.7200000,69.4000000,69.6000000,61\n"
                          b"EURRUB,60,20171122,150000,69.5500000,69.7000000,69.4100000,69.6200000,44\n")


def test_intraday_bars_one_a_day_are_refused_as_a_judgement():
    # Loaded, each hour's open, high, low and close stood as its day's (three rows, nothing said).
    problem = detect_bytes(FINAM_HOURLY_ONE_A_DAY, "EURRUB.txt").problem
    assert problem is not None and problem.startswith("intraday bars, not daily prices: <PER> is 60")
    assert judged(problem)
    result = normalise_bytes(FINAM_HOURLY_ONE_A_DAY, detect_bytes(FINAM_HOURLY_ONE_A_DAY, "EURRUB.txt"), "EURRUB.txt")
    assert result.prices.empty and len(result.rejected) == 3


def test_intraday_bars_several_a_day_stay_rejected_row_by_row():
    data = FINAM_HOURLY_ONE_A_DAY.replace(b"20171121", b"20171120")
    assert detect_bytes(data, "EURRUB.txt").problem is None
    result = normalise_bytes(data, detect_bytes(data, "EURRUB.txt"), "EURRUB.txt")
    assert result.prices.empty  # as before: a ticker's day at several times tells its bars are intraday
    assert result.rejected.reason.str.startswith("intraday bar").all() and len(result.rejected) == 3


def test_daily_bars_declared_load():
    data = FINAM_HOURLY_ONE_A_DAY.replace(b",60,", b",D,").replace(b"010000", b"000000")
    data = data.replace(b"110000", b"000000").replace(b"150000", b"000000")
    result = normalise_bytes(data, detect_bytes(data, "EURRUB.txt"), "EURRUB.txt")
    assert result.prices.close.tolist() == [69.6839, 69.6, 69.62]


def _weekdays(n: int) -> list[str]:
    days = pd.bdate_range("2024-01-02", periods=n)
    return [d.strftime("%Y-%m-%d") for d in days]


@pytest.mark.parametrize(("header", "row"), [
    # A rolling window's length beside its moving average (an indicator export).
    ("Date,Open,High,Low,Close,Volume,Period,SMA", "{d},100,110,99,{c},1000,20,98.5"),
    # A fiscal period (May's file), a bond's coupon period in days, a return's horizon in days.
    ("Year,Period,Date,Ticker,Close", "2024,5,{d},MSFT,{c}"),
    ("Date,ISIN,Price,Yield,Period", "{d},US912828XX11,{c},4.1,182"),
    ("Date,Ticker,Close,Return,Timeframe", "{d},AAPL,{c},0.01,60"),
    # Japanese "PER": the price-earnings ratio, 15 on every row of a short file.
    ("Date,Open,High,Low,Close,Volume,PER", "{d},100,110,99,{c},1000,15"),
    # A half-year, not MetaTrader's hour; daily bars stamped at midnight.
    ("Date,Ticker,Close,Period", "{d},AAPL,{c},H1"),
    ("Date,Time,Open,High,Low,Close,Volume,Period", "{d},00:00,100,110,99,{c},1000,20"),
])
def test_a_number_under_a_period_name_on_a_daily_file_is_no_bar_length(header, row):
    # Refused as "intraday bars ... one bar a day": every row of a daily file loaded nothing.
    days = _weekdays(3)
    data = "\n".join([header, *(row.format(d=d, c=100.5 + i) for i, d in enumerate(days))]).encode() + b"\n"
    schema = detect_bytes(data, "prices.csv")
    assert schema.problem is None
    prices = normalise_bytes(data, schema, "prices.csv").prices
    assert prices["date"].astype(str).tolist() == days and prices["close"].tolist() == [100.5, 101.5, 102.5]


def test_a_date_stamped_at_an_hour_with_a_declared_period_is_refused():
    # One hourly bar a day, its time in the date cell (no <TIME> column): an hour's prices.
    rows = [f"SBER,60,{d}T10:00:00,100,101,99,100.5,10" for d in _weekdays(3)]
    data = ("<TICKER>,<PER>,<DATE>,<OPEN>,<HIGH>,<LOW>,<CLOSE>,<VOL>\n" + "\n".join(rows) + "\n").encode()
    problem = detect_bytes(data, "SBER.csv").problem
    assert problem is not None and problem.startswith("intraday bars, not daily prices: <PER> is 60")


def test_several_bars_of_a_day_in_its_date_cells_are_no_bar_a_day():
    # Each stamp apart ("... 10:00", "... 11:00") read as its own day: refused "one bar a day", where
    # each day holds three bars, rejected row by row as intraday bars as before.
    rows = [f"SBER,60,{d} {h}:00:00,100,101,99,100.5,10" for d in _weekdays(3) for h in (10, 11, 12)]
    data = ("<TICKER>,<PER>,<DATE>,<OPEN>,<HIGH>,<LOW>,<CLOSE>,<VOL>\n" + "\n".join(rows) + "\n").encode()
    schema = detect_bytes(data, "SBER.csv")
    assert schema.problem is None
    result = normalise_bytes(data, schema, "SBER.csv")
    assert result.prices.empty and len(result.rejected) == 9
    assert result.rejected.reason.str.startswith("intraday bar:").all()


def _asx_sundays_evenings(n: int) -> list[int]:
    """Epoch seconds of an ASX session each at its open, 23:00 UTC the day before (Sunday for Monday's)."""
    return [int(d.timestamp()) - 3600 for d in pd.bdate_range("2024-06-10", periods=n, tz="UTC")]


@pytest.mark.parametrize("epoch", [True, False])
def test_daily_bars_stamped_east_of_utc_beside_a_window_load(epoch):
    # An ASX file in UTC ("...T23:00:00Z": its open) with a constant Period, a window of 14: its
    # stamps at 23:00 were taken for one hour's bar a day, and the file was refused as intraday.
    stamps = _asx_sundays_evenings(10)
    cells = [str(s) if epoch else pd.Timestamp(s, unit="s").strftime("%Y-%m-%dT%H:%M:%SZ") for s in stamps]
    days = _loaded_days(_beside_a_period(cells, "BHP.AX", 14, 40), "BHP.csv")
    assert days[:2] == ["2024-06-10", "2024-06-11"] and len(days) == 10


def _beside_a_period(cells: list, ticker: str, period: int, price: float) -> bytes:
    """A file of daily bars dated by `cells`, a constant "Period" beside them."""
    rows = (f"{c},{ticker},{period},{price},{price + 1},{price - 1},{price + i / 10}\n" for i, c in enumerate(cells))
    return ("Date,Ticker,Period,Open,High,Low,Close\n" + "".join(rows)).encode()


def _loaded_days(data: bytes, name: str) -> list[str]:
    """The days a file loads on, its detection refusing nothing."""
    schema = detect_bytes(data, name)
    assert schema.problem is None
    return normalise_bytes(data, schema, name).prices["date"].astype(str).tolist()


def test_hourly_bars_one_a_day_stamped_as_epochs_are_refused():
    # One hourly bar a day (14:00 UTC, a New York morning's hour) under <PER> 60, its stamp an epoch:
    # its hour was not looked at, and each hour's prices loaded as the day's.
    stamps = [int(d.timestamp()) + 14 * 3600 for d in pd.bdate_range("2024-01-08", periods=10, tz="UTC")]
    data = ("<TICKER>,<PER>,<DATE>,<OPEN>,<HIGH>,<LOW>,<CLOSE>,<VOL>\n" + "".join(
        f"AAPL,60,{s},100,101,99,{100 + i / 10},10\n" for i, s in enumerate(stamps))).encode()
    problem = detect_bytes(data, "AAPL.csv").problem
    assert problem is not None and problem.startswith("intraday bars, not daily prices: <PER> is 60")
    # At UTC midnight an epoch is a day's (a coin's daily bars): no hour.
    midnight = data.decode()
    for s in stamps:
        midnight = midnight.replace(str(s), str(s - 14 * 3600))
    assert detect_bytes(midnight.encode(), "AAPL.csv").problem is None


@pytest.mark.parametrize("window", [14, 9, 26, 50, 200])
def test_daily_epochs_at_the_close_beside_an_indicator_window_load(window):
    # A US file of daily bars stamped at the close (21:00 UTC, epochs) with a constant "Period" of
    # an indicator's window (an RSI's 14): no tool's bar length. Since an epoch's hour is read, the
    # file was refused as one intraday bar a day; it loaded before.
    stamps = [int(d.timestamp()) + 21 * 3600 for d in pd.bdate_range("2024-01-08", periods=10, tz="UTC")]
    data = _beside_a_period(stamps, "AAPL", window, 100)
    days = _loaded_days(data, "AAPL.csv")
    assert days[:2] == ["2024-01-08", "2024-01-09"] and len(days) == 10
    # A bar length a tool offers (an hour, 5 minutes) is one intraday bar a day still.
    for minutes in (60, 5, 240):
        problem = detect_bytes(data.replace(f",{window},".encode(), f",{minutes},".encode()), "AAPL.csv").problem
        assert problem is not None and problem.startswith(f"intraday bars, not daily prices: Period is {minutes}")


@pytest.mark.parametrize(("clock", "weekdays"), [("14:00", range(7)), ("22:00", (6, 0, 1, 2, 3, 4))])
def test_one_hourly_bar_a_day_in_utc_text_with_weekend_evenings_is_refused(clock, weekdays):
    # A coin's 14:00 UTC hourly bar every day, FX's 22:00 bar Sunday to Friday, under "Period" 60:
    # stamped in the UTC evening with weekends, as daily bars east of UTC are, they were spared as
    # such and each hour's open, high, low and close loaded as the day's, silently.
    days = [d for d in pd.date_range("2024-01-01", periods=30) if d.weekday() in weekdays]
    data = ("Date,Ticker,Period,Open,High,Low,Close,Volume\n" + "".join(
        f"{d:%Y-%m-%d}T{clock}:00Z,BTCUSDT,60,42000,42100,41900,{42050 + i},12\n" for i, d in enumerate(days))).encode()
    problem = detect_bytes(data, "BTC.csv").problem
    assert problem is not None and problem.startswith("intraday bars, not daily prices: Period is 60")


@pytest.mark.parametrize(("text", "at"), [
    # A minute's excerpt: had loaded as the day's open, high, low and close.
    ("Date,Open,High,Low,Close,Volume\n2024-01-05 14:31:00,185.2,185.3,185.1,185.25,1200\n", "14:31"),
    ("Date,Time,Open,High,Low,Close,Volume\n2024-01-05,14:31,185.2,185.3,185.1,185.25,1200\n", "14:31"),
    ("Datetime,Close\n2024-01-05T10:07:00Z,185.25\n", "10:07"), ("Date,Close\n01/05/2024 2:31 PM,185.25\n", "14:31"),
])
def test_a_lone_row_stamped_off_a_sessions_minutes_is_refused_as_an_intraday_bar(text, at):
    schema = detect_bytes(text.encode(), "aapl.csv")
    assert schema.problem is not None and schema.problem.startswith("intraday bar, not daily prices")
    assert judged(schema.problem) and f"the file's one row is stamped at {at} " in schema.problem
    result = normalise_bytes(text.encode(), schema, "aapl.csv")
    assert result.prices_arrow.num_rows == 0 and len(result.rejected) == 1


@pytest.mark.parametrize("text", [
    "Date,Open,High,Low,Close,Volume\n2024-01-05,185.2,185.3,185.1,185.25,1200\n",  # the date alone
    "Date,Open,High,Low,Close,Volume\n2024-01-05 00:00:00,185.2,185.3,185.1,185.25,1200\n",  # midnight
    # A session's open or close: a folder of a bar a file stamps each so (ingestion/sibling_east.py).
    "Date,Close\n2024-01-05 16:35:00,185.25\n", "Datetime,Close\n2024-01-05T15:00:00Z,185.25\n",
    # One row a day at one time: a daily file stamped at its close, as before.
    "Date,Close\n2024-01-04 16:00:00,184.25\n2024-01-05 16:00:00,185.25\n",
])
def test_a_lone_dated_row_or_days_at_one_time_load(text):
    schema = detect_bytes(text.encode(), "aapl.csv")
    assert schema.problem is None
    result = normalise_bytes(text.encode(), schema, "aapl.csv")
    assert result.prices_arrow.num_rows == text.count("\n") - 1 and len(result.rejected) == 0


@pytest.mark.parametrize(("text", "day"), [
    # The day's end written as its last minute or second: a coin's daily close, CoinMarketCap's
    # timeClose, Moscow's main session's end. Each had been refused as a minute's bar.
    ("Date,Open,High,Low,Close,Volume\n2024-01-05 23:59:59,42000,42100,41900,42050,12\n", "2024-01-05"),
    ("Date,Open,High,Low,Close,Volume\n2024-01-05T23:59:59.999Z,42000,42100,41900,42050,12\n", "2024-01-05"),
    ("Date,Time,Open,High,Low,Close,Volume\n2024-01-05,23:59,42000,42100,41900,42050,12\n", "2024-01-05"),
    ("Date,Open,High,Low,Close,Volume\n2024-01-05 18:39:59,250.1,252,249.5,251.2,1200\n", "2024-01-05"),
])
def test_a_lone_row_stamped_at_the_last_minute_before_a_mark_is_the_days_bar(text, day):
    schema = detect_bytes(text.encode(), "btcusd.csv")
    assert schema.problem is None
    result = normalise_bytes(text.encode(), schema, "btcusd.csv")
    assert [f"{d:%Y-%m-%d}" for d in result.prices.date] == [day] and len(result.rejected) == 0


def test_a_daily_file_s_one_date_is_settled_without_grouping_its_tickers(monkeypatch):
    # A day's file: a thousand tickers, each on a row of the same date. Too few dates to step any
    # period, settled before the rows are grouped by ticker (most files, every day).
    def grouped(*args):
        raise AssertionError("rows grouped by ticker")

    monkeypatch.setattr(bar_period, "_by_ticker", grouped)
    tickers = [f"T{k:04d}" for k in range(1000)]
    dates = ["2024-01-05"] * 1000
    assert bar_period.spaced_bars_problem("Date", "%Y-%m-%d", dates, ["date", "ticker", "close"], tickers) is None
    # Five dates are still too few; six weekly ones of a ticker are judged, grouped.
    five = [f"2024-01-{day:02d}" for day in (5, 12, 19, 26)] + ["2024-02-02"]
    assert bar_period.spaced_bars_problem("Date", "%Y-%m-%d", five * 200, ["date", "ticker", "close"],
                                          tickers) is None
    with pytest.raises(AssertionError, match="grouped"):
        bar_period.spaced_bars_problem("Date", "%Y-%m-%d", [*five, "2024-02-09"] * 100, ["date", "ticker", "close"],
                                       tickers[:600])


# EIA's Henry Hub weekly spot price (attaradev/hh-natural-gas-prices, data/weekly.csv): each row the
# week's mean of its days' prices, dated on the Friday that ends it.
EIA_WEEKLY = (b"Week Ending,Price\n1997 Jan 10,3.79\n1997 Jan 17,4.19\n1997 Jan 24,2.98\n1997 Jan 31,2.91\n"
              b"1997 Feb 07,2.53\n1997 Feb 14,2.30\n1997 Feb 21,1.91\n1997 Feb 28,1.82\n")


@pytest.mark.parametrize(("data", "period"), [
    (EIA_WEEKLY, "weekly"),
    (_closes(FRIDAYS, "Date,Weekly Henry Hub Natural Gas Spot Price (Dollars per Million Btu)"), "weekly"),
    (_closes(MONTH_ENDS, "Month,Price"), "monthly"),
    (_closes(MONTH_ENDS, "Date,Monthly Price"), "monthly"),
])
def test_a_periods_values_its_date_or_price_names_the_period_of_are_refused(data, period):
    # Loaded, each week's (month's) mean stood as its last day's close: eight Fridays of EIA's weekly
    # means loaded as those Fridays' prices, nothing said.
    schema = detect_bytes(data, "weekly.csv")
    assert schema.problem is not None and schema.problem.startswith(f"{period} values, not daily prices")
    assert judged(schema.problem) and normalise_bytes(data, schema, "weekly.csv").prices.empty


@pytest.mark.parametrize("header", ["Week Ending,NAV", "Week Ending,Close", "Date,Price"])
def test_a_weeks_close_or_nav_on_its_last_day_loads_whatever_its_date_is_named(header):
    # A week's close is its Friday's and a fund's weekly NAV that Friday's: the day's own price.
    data = _closes(FRIDAYS, header)
    schema = detect_bytes(data, "fund.csv")
    assert schema.problem is None
    assert len(normalise_bytes(data, schema, "fund.csv").prices) == len(FRIDAYS)


@pytest.mark.parametrize(("dates", "header"), [
    (MONTH_ENDS, "Month End,Price"),  # the month's end: its last day's price
    (MONTH_ENDS, "Date,Month End Price"),
    (MONTH_ENDS, "Date,Price (Month End)"),
    (MONTH_ENDS, "Monatsende,Kurs"),
    (MONTH_ENDS, "Date (Day Month Year),Price"),  # the date's format, not a period
    (FRIDAYS, "Week,Slotkoers"),  # a close in Dutch, which no English word of the day's own price spells
    (FRIDAYS, "Semana,Último"),  # the week's last trade
])
def test_a_periods_last_days_price_its_names_say_is_that_days_own_loads(dates, header):
    # Each refused as "monthly (weekly) values": a period's word in a name that says its end, a
    # date's format or a close in another language read as each row standing for the whole period.
    data = _closes(dates, header)
    schema = detect_bytes(data, "fund.csv")
    assert schema.problem is None
    closes = normalise_bytes(data, schema, "fund.csv").prices["close"].tolist()
    assert closes == [10 + k / 10 for k in range(len(dates))]


@pytest.mark.parametrize("rows", [
    # Three or four of Yahoo's weekly bars (dated Fridays here) or monthly ones (the 1st): too few
    # steps for the majority _period reads, each week's high and low had loaded as its day's.
    "2024-01-05,100,105,99,104,1000\n2024-01-12,104,106,101,102,1200\n2024-01-19,102,108,100,107,900\n",
    "2024-01-01,100,105,99,104,1000\n2024-02-01,104,106,101,102,1200\n2024-03-01,102,108,100,107,900\n"
    "2024-04-01,107,109,104,105,1100\n",
    "2024-01-31,100,105,99,104,1000\n2024-02-29,104,106,101,102,1200\n2024-03-29,102,108,100,107,900\n",
])
def test_a_few_bars_stepping_exactly_a_period_are_refused(rows):
    problem = detect_bytes(("Date,Open,High,Low,Close,Volume\n" + rows).encode(), "SPY.csv").problem
    assert problem is not None and LONGER_BARS in problem


@pytest.mark.parametrize(("header", "rows"), [
    # A few days over a holiday or a weekend, and two weeks (one step tells nothing).
    ("Date,Open,High,Low,Close,Volume", "2024-12-23,100,105,99,104,1\n2024-12-24,104,106,101,102,1\n"
                                        "2024-12-27,102,108,100,107,1\n2024-12-31,102,108,100,107,1\n"),
    ("Date,Open,High,Low,Close,Volume", "2024-01-05,100,105,99,104,1\n2024-01-12,104,106,101,102,1\n"),
    # Closes alone a week apart: a fund's Friday NAV is its day's price.
    ("Date,Close", "2024-01-05,104\n2024-01-12,102\n2024-01-19,107\n"),
    # A week apart on Wednesdays: no week's bar is dated mid-week.
    ("Date,Open,High,Low,Close,Volume", "2024-01-03,100,105,99,104,1\n2024-01-10,104,106,101,102,1\n"
                                        "2024-01-17,102,108,100,107,1\n"),
])
def test_a_few_days_still_load(header, rows):
    data = (header + "\n" + rows).encode()
    schema = detect_bytes(data, "SPY.csv")
    assert schema.problem is None
    assert normalise_bytes(data, schema, "SPY.csv").prices_arrow.num_rows == rows.count("\n")


def _tickers_bars(dates_of: dict[str, list[str]], header: str = "Date,Ticker,Open,High,Low,Close,Volume") -> bytes:
    rows = [f"{d},{t},100,105,99,104,1000" if "Open" in header else f"{d},{t},104"
            for t, dates in dates_of.items() for d in dates]
    return (header + "\n" + "\n".join(rows) + "\n").encode()


_MONDAYS = ["2024-01-08", "2024-01-15", "2024-01-22"]
_FRIDAYS = ["2024-01-05", "2024-01-12", "2024-01-19"]


@pytest.mark.parametrize("dates_of", [
    # Three weekly bars of each of three tickers, on the same Mondays: three dates in all, too few for
    # the steps' majority, and no lone ticker: each week's high and low had loaded as its Monday's.
    {"AAPL": _MONDAYS, "MSFT": _MONDAYS, "IBM": _MONDAYS},
    {"AAPL": _FRIDAYS, "MSFT": _FRIDAYS},
    # Monthly bars on the 1st.
    {"AAPL": ["2024-01-01", "2024-02-01", "2024-03-01"], "MSFT": ["2024-01-01", "2024-02-01", "2024-03-01"]},
    # On different weekdays, pooled they step a few days: each ticker's dates judged as its own.
    {"AAPL": _MONDAYS, "MSFT": _FRIDAYS},
])
def test_a_few_weekly_bars_of_several_tickers_are_refused(dates_of):
    problem = detect_bytes(_tickers_bars(dates_of), "bars.csv").problem
    assert problem is not None and LONGER_BARS in problem


@pytest.mark.parametrize(("dates_of", "header"), [
    # A few days of several tickers, over a weekend.
    ({"AAPL": ["2024-01-04", "2024-01-05", "2024-01-08"], "MSFT": ["2024-01-04", "2024-01-05", "2024-01-08"]},
     "Date,Ticker,Open,High,Low,Close,Volume"),
    # Closes alone on Fridays: the funds' weekly NAVs are their days' prices.
    ({"FUNDA": _FRIDAYS, "FUNDB": _FRIDAYS}, "Date,Ticker,Close"),
    # Mid-week, a week apart: no week's bar is dated on a Wednesday.
    ({"AAPL": ["2024-01-03", "2024-01-10", "2024-01-17"], "MSFT": ["2024-01-03", "2024-01-10", "2024-01-17"]},
     "Date,Ticker,Open,High,Low,Close,Volume"),
    # Two weeks each: one step tells nothing.
    ({"AAPL": _MONDAYS[:2], "MSFT": _MONDAYS[:2]}, "Date,Ticker,Open,High,Low,Close,Volume"),
])
def test_a_few_days_of_several_tickers_still_load(dates_of, header):
    data = _tickers_bars(dates_of, header)
    schema = detect_bytes(data, "bars.csv")
    assert schema.problem is None
    assert normalise_bytes(data, schema, "bars.csv").prices_arrow.num_rows == sum(map(len, dates_of.values()))


_FIRSTS = ["2024-01-01", "2024-02-01", "2024-03-01", "2024-04-01"]


@pytest.mark.parametrize("dates_of", [
    # Three tickers' closes on the first of four months (golishyamp's stock_prices.csv): too few dates for
    # the steps' majority, and closes alone pass _few_bars; 2024-01-01, New Year's Day, had loaded as a day.
    {"AAPL": _FIRSTS, "GOOGL": _FIRSTS, "AMZN": _FIRSTS},
    # One ticker's, June's first a Saturday.
    {"AAPL": ["2024-04-01", "2024-05-01", "2024-06-01"]},
])
def test_a_few_closes_on_months_firsts_with_a_day_no_exchange_trades_are_refused(dates_of):
    data = _tickers_bars(dates_of, "Date,Ticker,Close")
    schema = detect_bytes(data, "stock_prices.csv")
    assert schema.problem is not None and schema.problem.startswith("monthly bars, not daily prices: Date steps")
    assert judged(schema.problem)  # a user who means the months as days may lift it
    result = normalise_bytes(data, schema, "stock_prices.csv")
    assert result.prices_arrow.num_rows == 0
    assert result.rejected_arrow.num_rows == sum(map(len, dates_of.values()))


@pytest.mark.parametrize("dates_of", [
    # A daily file of several tickers' four days.
    {"AAPL": ["2024-01-02", "2024-01-03", "2024-01-04", "2024-01-05"],
     "MSFT": ["2024-01-02", "2024-01-03", "2024-01-04", "2024-01-05"]},
    # Months' first trading days (the 1st of February, March and April 2024 were weekdays): no closed day
    # says they are no days' closes.
    {"AAPL": ["2024-02-01", "2024-03-01", "2024-04-01"], "MSFT": ["2024-02-01", "2024-03-01", "2024-04-01"]},
    # Firsts of months two apart, or beside another day: no month's steps.
    {"AAPL": ["2024-01-01", "2024-03-01", "2024-05-01"]},
    {"AAPL": ["2024-02-01", "2024-03-01", "2024-03-04"]},
])
def test_a_few_closes_not_on_consecutive_months_firsts_or_on_trading_days_still_load(dates_of):
    data = _tickers_bars(dates_of, "Date,Ticker,Close")
    schema = detect_bytes(data, "stock_prices.csv")
    assert schema.problem is None
    assert normalise_bytes(data, schema, "stock_prices.csv").prices_arrow.num_rows == sum(map(len, dates_of.values()))


def _business_days(start: str, n: int) -> list[str]:
    out, day = [], date.fromisoformat(start)
    while len(out) < n:
        if day.weekday() < 5:
            out.append(day.isoformat())
        day += timedelta(1)
    return out


@pytest.mark.parametrize("dates_of", [
    # Ten tickers' week of days, a thin one's three rows on three Mondays: the whole file had been refused
    # as weekly bars, where eight days each beside those Mondays load.
    {**{f"T{i}": _business_days("2024-01-08", 5) for i in range(10)}, "THIN": _MONDAYS},
    {"AAPL": ["2024-01-09", "2024-01-10", "2024-01-11"], "THIN": _FRIDAYS},
    {"AAPL": ["2024-01-03", "2024-01-04", "2024-01-05"], "THIN": ["2024-01-02", "2024-02-01", "2024-03-01"]},
])
def test_a_thin_tickers_few_rows_a_period_apart_beside_others_days_still_load(dates_of):
    data = _tickers_bars(dates_of)
    schema = detect_bytes(data, "bars.csv")
    assert schema.problem is None
    assert normalise_bytes(data, schema, "bars.csv").prices_arrow.num_rows == sum(map(len, dates_of.values()))


def test_tickers_too_few_rows_each_are_grouped_as_one_whatever_their_dates():
    # _by_ticker gives a list, the file's rows as one series where no ticker has rows enough: a copy of
    # _few_bars_of_tickers' early return for a daily file's one date (7addcb2) had it answer None.
    tickers = ["A", "B", "C"]
    assert bar_period._by_ticker(["2024-01-05"] * 3, tickers) == [("", ["2024-01-05"] * 3)]
    assert bar_period._by_ticker(["2024-01-05", "2024-01-12", "2024-01-19"], tickers) == \
        [("", ["2024-01-05", "2024-01-12", "2024-01-19"])]


def test_a_few_months_firsts_read_by_a_guessed_order_are_refused_for_the_order():
    # "06/01/2024" to "10/01/2024": 1 June (a Saturday) to 1 October month first, as the separator's custom
    # guesses, or 6 to 10 January day first. Refused for the order, which siblings proving it settle
    # (ingestion/sibling_order.py), not as monthly bars, which they do not.
    data = ("Date,Close\n" + "".join(f"{d:02d}/01/2024,{10 + d / 10}\n" for d in range(6, 11))).encode()
    schema = detect_bytes(data, "eu_close_001.csv")
    assert schema.problem is not None and schema.problem.startswith(UNSETTLED_ORDER)
    assert normalise_bytes(data, schema, "eu_close_001.csv").prices_arrow.num_rows == 0
