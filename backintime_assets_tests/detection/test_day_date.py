"""The one date of a day's list of tickers, from its title lines or its file name."""
import datetime as dt

import pytest

from backintime_assets.detection.day_date import DayDate, NameDate, day_of_file, name_date, not_a_days_list

JAN2 = dt.date(2024, 1, 2)


@pytest.mark.parametrize(("title", "day"), [
    ('"113年01月02日每日收盤行情(全部)"', JAN2),  # TWSE: a Minguo year
    ("2024年1月2日 株価一覧", JAN2),
    ("Daily Quotations 2024/01/02", JAN2),
    ("Kursblatt vom 02.01.2024", JAN2),  # dotted: day first
    ("Ringkasan Saham 02 Januari 2024", JAN2),  # Indonesian month name
    ("Closing Prices for January 2, 2024", JAN2),
    ("PRICE LIST FOR 13/02/2024", dt.date(2024, 2, 13)),  # 13 is no month
    ("ราคาปิด ณ วันที่ 15/01/2567", dt.date(2024, 1, 15)),  # Buddhist era
    ("EOD 02-Jan-2024 (final)", JAN2),
    ("Trade date:,2024-01-02", JAN2),  # a CSV title line: key and date in two cells
    ("Trade date:,20240102,,", JAN2),
])
def test_a_title_lines_one_date_dates_the_file(title, day):
    found = day_of_file([(0, title)], "prices.csv")
    assert found.day == day and found.source.startswith("title line 1: ")


def test_the_title_line_is_named_by_its_line_number_and_the_same_date_twice_is_one():
    found = day_of_file([(0, "Daily Official List"), (1, "Trade Date: 2024-01-02"), (2, "as at 2024-01-02")], "x.csv")
    assert (found.day, found.source) == (JAN2, "title line 2: 2024-01-02")


@pytest.mark.parametrize("name", ["MI_INDEX_ALL_20240102.csv", "sgx_prices_2024-01-02.csv", "cm02JAN2024bhav.csv",
                                  "list_02.01.2024.csv", "list_13012024.csv"])
def test_a_file_name_in_an_unambiguous_form_dates_the_file(name):
    found = day_of_file([], name)
    assert found.day == (dt.date(2024, 1, 13) if "1301" in name else JAN2) and found.source.startswith("file name: ")


def test_a_file_names_dates_are_read_from_its_own_name_not_its_folders():
    assert day_of_file([], "/drops/20240105/prices.csv") is None
    assert day_of_file([], "C:\\drops\\20240105\\list_20240102.csv").day == JAN2


@pytest.mark.parametrize(("titles", "name", "said"), [
    ([(0, "PRICE LIST FOR 02/01/2024")], "list.csv", "2024-01-02 or 2024-02-01"),
    ([], "ngx_pricelist_02012024.csv", "2024-01-02 or 2024-02-01"),
    ([(1, "Trade Date: 02/01/2024")], "ngx_pricelist_02012024.csv", "reads either way"),
    ([(0, "Prices 15/01/24")], "x.csv", "2015-01-24 or 2024-01-15"),  # a two-digit year may lead
])
def test_a_date_whose_day_and_month_may_be_swapped_is_refused_with_both_readings(titles, name, said):
    found = day_of_file(titles, name)
    assert found.day is None and said in found.source


def test_a_refusal_of_a_date_read_either_way_carries_both_days_in_order():
    # What reads the refusal again (siblings settling a name's order) takes the days from here, not its words.
    assert day_of_file([], "ngx_pricelist_02012024.csv").readings == (JAN2, dt.date(2024, 2, 1))
    assert day_of_file([(0, "PRICE LIST FOR 02/01/2024")], "x.csv").readings == (JAN2, dt.date(2024, 2, 1))
    assert day_of_file([(1, "Trade Date: 02/01/2024")], "ngx_pricelist_02012024.csv").readings == (
        JAN2, dt.date(2024, 2, 1))
    # Certain, or refused for another reason: no days to choose among.
    assert day_of_file([], "list_13012024.csv").readings == ()
    assert day_of_file([], "export_02012024.csv").readings == ()
    assert day_of_file([(0, "Trade Date: 2024-01-02"), (1, "Close 2024-01-03")], "x.csv").readings == ()


@pytest.mark.parametrize(("name", "named"), [
    ("zse/01-13-2023.csv", NameDate("01-13-2023", 1, 13, "-", DayDate(dt.date(2023, 1, 13), "file name: 01-13-2023"))),
    ("list_02.01.2024.csv", NameDate("02.01.2024", 2, 1, ".", DayDate(JAN2, "file name: 02.01.2024"))),  # dotted
    ("ngx_pricelist_02012024.csv", NameDate("02012024", 2, 1, "", DayDate(
        None, "file name: 02012024 may be 2024-01-02 or 2024-02-01: nothing in the file says which is the day and "
              "which the month", (JAN2, dt.date(2024, 2, 1))))),
    ("export_01-02-2023.csv", NameDate("01-02-2023", 1, 2, "-", DayDate(
        None, "the file name's 01-02-2023 beside 'export' may be the day it was downloaded, not a trade date"))),
])
def test_a_names_date_of_day_and_month_in_numbers_is_given_with_its_numbers_and_what_it_dates(name, named):
    assert name_date(name) == named
    assert day_of_file([], name) == named.dated  # what detection stores of the file, its title giving no date


@pytest.mark.parametrize("name", ["prices_20050520.csv", "cm02JAN2024bhav.csv", "prices.csv",
                                  "01-02-2023_01-03-2023.csv"])
def test_a_name_of_no_date_of_day_and_month_in_numbers_or_of_several_has_no_name_date(name):
    # Year first ("20050520") is no day and month before the year: its "20" and "05" prove no order.
    assert name_date(name) is None


def test_the_names_date_settles_an_ambiguous_title_date():
    found = day_of_file([(1, "Trade Date: 02/01/2024")], "dse_20240102.csv")
    assert found.day == JAN2 and "20240102" in found.source


@pytest.mark.parametrize(("titles", "name", "both"), [
    ([(0, "Closing prices as of 2024-01-02, published 2024-01-03")], "x.csv", ("2024-01-02", "2024-01-03")),
    ([(0, "Prices 2024-01-02"), (2, "Printed 2024-01-03")], "x.csv", ("2024-01-02", "2024-01-03")),
    ([(0, "KẾT QUẢ GIAO DỊCH NGÀY 02/01/2024")], "hose_20240103.csv", ("02/01/2024", "20240103")),
    ([(0, "Daily Quotations 2024/01/02")], "twse_20240103.csv", ("2024/01/02", "20240103")),
    ([], "prices_2024-01-02_2024-01-31.csv", ("2024-01-02", "2024-01-31")),
])
def test_two_dates_or_a_title_and_name_that_disagree_are_refused_naming_both(titles, name, both):
    found = day_of_file(titles, name)
    assert found.day is None and all(b in found.source for b in both)


@pytest.mark.parametrize("title", ["Version 1.2.3, page 1/2, tel 0800-123-4567", "Top 100 stocks 2024",
                                   "Prices in EUR (1.08 USD)", "Report 2019-2024", "Shares,1,2024/01/02"])
def test_lines_without_a_date_give_none(title):
    assert day_of_file([(0, title)], "tpex_st43_6488_11301.csv") is None


@pytest.mark.parametrize("title", [
    "Printed 2024-01-03", "Generated on 2024-01-03", "Holdings valuation as of 2024-01-08",
    "Data for week ending 2024-01-05", "Market closed 2024-01-01 (New Year's Day)", "52-week high since 2023-01-02",
    "Prices 2024-01-02 18:05", "Last updated: Jan 3, 2024", "Period 2023-12-29 to 2024-01-02",
])
def test_a_title_date_its_line_says_is_another_day_than_the_trade_date_is_refused(title):
    found = day_of_file([(0, "Closing prices"), (1, title)], "prices.csv")
    assert found.day is None and "title line 2" in found.source


@pytest.mark.parametrize("keys", ["Exchange,Export date,Currency,Board", "Exchange;Export date;Currency;Board"])
def test_a_title_date_under_a_name_that_says_it_is_another_day_is_refused(keys):
    # A title of two rows, names over values: the word is on the line above the date. Read since a
    # date may follow a comma ("Trade date:,2024-01-05"), the export's Monday dated Friday's closes.
    values = "TWSE,2024-01-08,," if "," in keys else "TWSE;2024-01-08;;"
    found = day_of_file([(0, keys), (1, values)], "prices.csv")
    assert found.day is None and "title line 2" in found.source and "Export date" in found.source
    # under a name that says nothing of the kind, the date stands
    found = day_of_file([(0, keys.replace("Export", "Trade")), (1, values)], "prices.csv")
    assert found.day == dt.date(2024, 1, 8)


def test_a_marked_date_stands_where_an_unmarked_line_gives_the_same_day():
    found = day_of_file([(0, "Closing prices 2024-01-02"), (1, "as at 2024-01-02")], "prices.csv")
    assert found.day == JAN2


@pytest.mark.parametrize("name", ["export_20240113.csv", "screener_2024-01-12.csv", "watchlist_20240112.csv",
                                  "Portfolio_Positions_2024-01-12.csv", "account_20240112_holdings.csv"])
def test_a_file_names_date_beside_an_export_or_a_holding_is_refused(name):
    found = day_of_file([], name)
    assert found.day is None and "may be the day it was downloaded" in found.source


@pytest.mark.parametrize(("names", "types", "tickers", "said"), [
    (["Date", "Ticker", "Close"], ["string", "string", "float"], ["A", "B"], "column 'Date'"),
    (["Period", "Ticker", "Close"], ["string", "string", "float"], ["A", "B"], "column 'Period'"),
    (["Last trade", "Ticker", "Close"], ["date", "string", "float"], ["A", "B"], "column 'Last trade'"),
    (["Ticker", "Close"], ["string", "float"], ["A", "B", "A"], "ticker 'A' is on several rows"),
    # The CNB's fixing: rates per 1 or per 100 units (the amount column unread), under currency codes.
    (["země", "měna", "množství", "kód", "kurz"], ["string", "string", "integer", "string", "float"],
     ["AUD", "BRL", "HUF"], "a list of exchange rates"),
    # ... whose real table also quotes the IMF's SDR ("MMF|ZPČ|1|XDR|30,834"), no currency a price
    # is quoted in: one such line among 33 left the rest to load, the yen per 100 as a close.
    (["země", "měna", "množství", "kód", "kurz"], ["string", "string", "integer", "string", "float"],
     ["AUD", "BRL", "BGN", "CNY", "DKK", "EUR", "PHP", "HKD", "HRK", "INR", "XDR"], "a list of exchange rates"),
])
def test_a_table_with_its_own_unread_dates_or_a_tickers_history_is_no_days_list(names, types, tickers, said):
    assert said in not_a_days_list(names, types, tickers)
    assert not_a_days_list(["Ticker", "Day High", "Close"], ["string", "float", "float"], ["A", "B"]) is None
    assert not_a_days_list(["Ticker", "Close"], ["string", "float"], ["AUD", "BHP"]) is None  # one code is a stock's
