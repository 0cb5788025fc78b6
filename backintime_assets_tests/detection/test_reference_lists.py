"""Lists of instruments, each on one row dated by a day of its own (a maturity, an issue, a listing), refused;
a day's prices, a history, each ticker's last trade named so, load."""
from datetime import date

import pytest

from backintime_assets.detection import detect_bytes
from backintime_assets.detection.options import names_expiry
from backintime_assets.detection.refusals import judged
from backintime_assets.detection.reference_lists import reference_list_problem
from backintime_assets.normalisation import normalise_bytes

# Bonds, each with its issue day, migrated years after: every price had loaded as a close on its bond's issue day.
ISSUES = ("Ticker,Name,Issue Date,Price\nXS1,Alpha 3% 2027,2019-03-12,101.2\nXS2,Beta 2% 2029,2020-06-30,97.5\n"
          "XS3,Gamma 4% 2031,2021-01-15,104.1\nXS4,Delta 1% 2026,2018-11-02,95.3\nXS5,Eps 5% 2033,2023-05-22,108.0\n"
          "XS6,Zeta 2.5% 2030,2022-09-09,99.1\n")
DELISTED = "Symbol,{},Close\nAAA,2019-03-12,1.20\nBBB,2020-06-30,0.55\nCCC,2021-01-15,3.10\nDDD,2018-11-02,0.02\n" \
           "EEE,2023-05-22,8.00\n"


def _loaded(text: str, name: str = "list.csv"):
    schema = detect_bytes(text.encode(), name)
    return schema, normalise_bytes(text.encode(), schema, name)


def test_a_list_of_bonds_dated_by_their_issue_days_is_refused_naming_the_column():
    schema, out = _loaded(ISSUES)
    assert schema.problem is not None and judged(schema.problem)
    assert schema.problem.startswith("a list of instruments, each on one row dated by a day of its own (6 instruments "
                                     "on 6 days over 55 months, at most 1 on one day, 1 within a month of the newest): "
                                     "column 'Issue Date' holds each one's maturity, expiry, issue or listing day")
    assert schema.problem.endswith("not prices: Ticker, Issue Date")
    assert out.prices_arrow.num_rows == 0 and out.rejected_arrow.num_rows == 6


def test_delisted_stocks_load_only_where_the_date_is_named_as_their_last_trade():
    # "Delisted": the day a stock left, refused. "Last Trade Date": each one's last close on its day, true prices.
    assert _loaded(DELISTED.format("Delisted"))[0].problem.startswith("a list of instruments")
    schema, out = _loaded(DELISTED.format("Last Trade Date"))
    assert schema.problem is None and out.prices_arrow.num_rows == 5
    # A first trade's day is the day a stock was listed: each price beside it is not of that day.
    assert _loaded(DELISTED.format("First Trade Date"))[0].problem.startswith("a list of instruments")


@pytest.mark.parametrize("text", [
    # A fund list: most funds priced on the newest day, a few stale.
    "Fund,NAV,As Of\nF1,10.12,2024-03-08\nF2,11.50,2024-03-08\nF3,9.87,2024-03-08\nF4,12.01,2024-03-08\n"
    "F5,8.40,2024-03-07\nF6,7.33,2024-01-31\nF7,15.20,2023-12-29\nF8,15.20,2023-06-29\n",
    # Several tickers' history: each ticker over many dates.
    "Symbol,Date,Close\n" + "".join(f"{t},2024-0{m}-1{d},1{d}.5\n" for t in "AB" for m in (1, 3, 6) for d in (1, 2)),
    # Four instruments: too few to tell from a day's prices of a few stale ones.
    "Ticker,Issue Date,Price\nXS1,2019-03-12,101.2\nXS2,2020-06-30,97.5\nXS3,2021-01-15,104.1\nXS4,2018-11-02,95.3\n",
])
def test_days_prices_and_histories_load(text):
    schema, out = _loaded(text)
    assert schema.problem is None
    assert out.prices_arrow.num_rows > 0 and out.rejected_arrow.num_rows == 0


def test_full_bars_each_on_its_own_day_are_the_days_bars():
    names = ["Symbol", "Listed", "Open", "High", "Low", "Close"]
    canonical = ["ticker", "date", "open", "high", "low", "close"]
    body = [[t, d, "1", "2", "1", "1.5"] for t, d in zip("ABCDE", ("2019-03-12", "2020-06-30", "2021-01-15",
                                                                 "2018-11-02", "2023-05-22"))]
    assert reference_list_problem(names, canonical, [None, "%Y-%m-%d"] + [None] * 4, body) is None
    assert reference_list_problem(names[:2] + ["Close"], ["ticker", "date", "close"], [None, "%Y-%m-%d", None],
                                  [[r[0], r[1], r[5]] for r in body]) is not None


def test_dates_within_a_quarter_are_not_a_lists():
    names, canonical, formats = ["Symbol", "Expires", "Last"], ["ticker", "date", "close"], [None, "%Y-%m-%d", None]
    body = [[t, f"2024-0{m}-15", "1.5"] for t, m in zip("ABCDEF", (1, 1, 2, 2, 3, 3))]
    assert reference_list_problem(names, canonical, formats, body) is None


@pytest.mark.parametrize("name", ["Fälligkeit", "Fälligkeitsdatum", "Дата погашения", "Vervaldatum", "Vencimento"])
def test_a_maturity_in_other_languages_is_an_expiry(name):
    assert names_expiry(name)


def test_a_days_bond_list_with_maturities_loads_the_day_its_name_gives():
    text = ("ISIN;Bezeichnung;Fälligkeit;Kurs\nDE0001102341;Bund 2,5% 24;15.02.2024;99,50\n"
            "DE0001102358;Bund 1,5% 24;15.05.2024;98,10\nDE0001141794;Bobl 0% 24;18.10.2024;96,40\n"
            "DE0001102374;Bund 0,5% 25;15.02.2025;95,80\nDE0001102390;Bund 0,5% 26;15.02.2026;93,50\n")
    schema, out = _loaded(text, "anleihen_2024-01-12.csv")
    assert schema.problem is None and schema.day == "2024-01-12"
    assert set(out.prices_arrow.column("date").to_pylist()) == {date(2024, 1, 12)}
    assert out.prices_arrow.num_rows == 5
    # Without a day in its name, nothing dates its prices: every row rejected, none under its maturity.
    _, undated = _loaded(text, "anleihen.csv")
    assert undated.prices_arrow.num_rows == 0 and undated.rejected_arrow.num_rows == 5


def test_a_list_without_a_ticker_column_naming_each_row_is_refused():
    # "Name,Issue Date,Price": no ticker column; each bond's price had loaded as one series' closes under the
    # file's name, on its bond's issue day.
    text = ISSUES.replace("Ticker,Name,", "Name,").replace("XS1,", "").replace("XS2,", "").replace(
        "XS3,", "").replace("XS4,", "").replace("XS5,", "").replace("XS6,", "")
    schema, out = _loaded(text)
    assert schema.problem is not None and schema.problem.endswith("not prices: Name, Issue Date")
    assert out.prices_arrow.num_rows == 0


@pytest.mark.parametrize("text", [
    # One instrument's daily history with a note of its own on each row.
    "Date,Close,Description\n" + "".join(f"2024-{m:02d}-{d:02d},1{d}.5,session {m} {d} quiet\n"
                                        for m in (1, 3, 5, 7) for d in (8, 9, 10)),
    # Month-end closes, each labelled by its month.
    "Date,Month,Close\n2024-01-31,January,10.5\n2024-02-29,February,10.7\n2024-03-28,March,10.2\n"
    "2024-04-30,April,10.9\n2024-05-31,May,11.1\n2024-06-28,June,11.4\n",
])
def test_one_instruments_history_labelled_row_by_row_is_no_list(text):
    names = text.split("\n", 1)[0].split(",")
    canonical = [{"Date": "date", "Close": "close"}.get(n) for n in names]
    formats = ["%Y-%m-%d" if n == "Date" else None for n in names]
    body = [line.split(",") for line in text.splitlines()[1:]]
    assert reference_list_problem(names, canonical, formats, body) is None


# Each ticker's last close on the day it was made, under a name that says the date is the row's own: a global
# watchlist, its illiquid bonds and suspended stocks stale by months; funds reporting monthly, a few stale.
WATCHLIST = ("Symbol,Date,Close\nAAPL,2024-03-08,170.73\nVOD.L,2024-03-08,70.1\nXS123,2023-11-14,98.5\n"
             "SUSP1,2023-09-01,2.10\nILLIQ,2024-01-05,14.2\nOTC1,2023-12-20,0.55\nBOND2,2023-10-02,101.3\n")
FUNDS = ("Fund,As Of,NAV\nF1,2024-03-08,10.12\nF2,2024-02-29,11.50\nF3,2024-02-29,9.87\nF4,2024-02-29,12.01\n"
         "F5,2024-01-31,8.40\nF6,2024-01-31,7.33\nF7,2024-01-31,15.20\nF8,2024-01-31,15.20\nF9,2023-12-29,3.3\n"
         "F10,2023-10-31,4.4\n")
# One share's price noted by hand every week or two, a remark of its own on each row, under a date name
# detection does not know as the rows' own: written in the order of its days, a history.
JOURNAL = "Tag,Kurs,Bemerkung\n" + "".join(
    f"{d},{100 + i}.5,Notiz {i}\n" for i, d in enumerate((
        "2023-01-03", "2023-01-12", "2023-01-24", "2023-02-06", "2023-02-15", "2023-03-01", "2023-03-10",
        "2023-03-23", "2023-04-04", "2023-04-18", "2023-04-27", "2023-05-10", "2023-05-22")))


# A German fund list as of its key day, or its valuation day: most funds priced at the month's end.
FONDS = ("Fonds;{};Rücknahmepreis\nF1;08.03.2024;10,12\nF2;29.02.2024;11,50\nF3;29.02.2024;9,87\n"
         "F4;31.01.2024;12,01\nF5;31.01.2024;8,40\nF6;31.01.2024;7,33\nF7;29.12.2023;15,20\nF8;31.10.2023;15,20\n")


@pytest.mark.parametrize("text, rows", [(WATCHLIST, 7), (WATCHLIST.replace("Date", "Date (UTC)"), 7),
                                        (WATCHLIST.replace("Date", "Last Updated"), 7), (FUNDS, 10),
                                        (FONDS.format("Stichtag"), 8), (FONDS.format("Stand"), 8),
                                        (FONDS.format("Bewertungsdatum"), 8), (JOURNAL, 13)])
def test_last_closes_dated_as_the_rows_own_and_a_journal_in_order_load(text, rows):
    schema, out = _loaded(text)
    assert schema.problem is None
    assert out.prices_arrow.num_rows == rows and out.rejected_arrow.num_rows == 0
    # The same journal's rows out of the order of their days are a list of things, each named and dated.
    if text is JOURNAL:
        head, *lines = text.splitlines(keepends=True)
        shuffled, _ = _loaded(head + "".join(sorted(lines, key=lambda line: line.split(",")[1][::-1])))
        assert shuffled.problem is not None and shuffled.problem.startswith("a list of instruments")


@pytest.mark.parametrize("days", [
    # Most funds within a month of the newest day, a few stale by months: a day's NAVs, whatever the column's name.
    ("2024-03-08", "2024-03-07", "2024-03-06", "2024-03-05", "2024-02-20", "2024-01-31", "2023-12-29", "2023-06-29"),
    # Half the rows on one day (a quarter's end), the others months apart: a day's list with its stale ones.
    ("2023-06-30", "2023-06-30", "2023-06-30", "2023-06-30", "2024-03-08", "2023-12-29", "2023-09-29", "2024-01-31"),
])
def test_a_list_whose_rows_share_a_day_or_the_newest_month_is_no_reference_list(days):
    # Under a date name no rule lets by ("Reported"): only the rows' days tell it from a list of maturities.
    names, canonical, formats = ["Fund", "Reported", "NAV"], ["ticker", "date", "close"], [None, "%Y-%m-%d", None]
    body = [[f"F{i}", d, "10.5"] for i, d in enumerate(days)]
    assert reference_list_problem(names, canonical, formats, body) is None
    # The same funds spread a quarter apart each: a list of instruments each on a day of its own.
    spread = ("2024-03-08", "2023-11-30", "2023-08-31", "2023-05-31", "2023-02-28", "2022-11-30", "2022-08-31",
              "2022-05-31")
    assert reference_list_problem(names, canonical, formats, [[f, d, p] for (f, _, p), d in zip(body, spread)])
