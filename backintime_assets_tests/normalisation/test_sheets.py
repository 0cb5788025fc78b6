"""Workbooks with several sheets: every row of every sheet is loaded, rejected or a non-data line."""
import io
from collections import Counter
from datetime import datetime, timedelta

import openpyxl
import pytest
from openpyxl.chart import BarChart, Reference

from backintime_assets.detection import detect_bytes, xlsx
from backintime_assets.detection.canonical import SIDE_BY_SIDE
from backintime_assets.detection.nameless import NAMELESS
from backintime_assets.detection.xlsx import SHEET_LINES, sheet_row
from backintime_assets.normalisation import normalise_bytes
from backintime_assets.normalisation.repeated_header import RELABELLED_HEADER, REORDERED_HEADER
from backintime_assets.normalisation.sheets import OTHER_SHEET

HEADER = ["Date", "Open", "High", "Low", "Close", "Volume"]


pytestmark = pytest.mark.usefixtures("xlsx_engine")  # each test with both workbook readers


def bar(day: datetime, k: int = 0) -> list:
    p = 100.37 + 10 * k + day.day
    return [day, p, round(p + 1.51, 2), round(p - 1.23, 2), round(p + 0.49, 2), 1000 + day.day]


def month(m: int, title: str | None = None, days=(4, 5, 6), total: bool = True) -> list[list]:
    rows = [[title or f"Prices {datetime(2021, m, 1):%B} 2021"], HEADER]
    rows += [bar(datetime(2021, m, d)) for d in days]
    if total:
        rows.append(["Total", None, None, None, None, 3000])
    return rows


def book(sheets: dict[str, list[list]], chart_first: bool = False) -> bytes:
    wb = openpyxl.Workbook()
    for k, (name, rows) in enumerate(sheets.items()):
        ws = wb.active if k == 0 else wb.create_sheet(name)
        ws.title = name
        for r in rows:
            ws.append(r)
    if chart_first:  # a chart sheet as the first tab: it holds no rows but keeps its place
        chart = BarChart()
        chart.add_data(Reference(wb.worksheets[0], min_col=5, min_row=2, max_row=4))
        wb.create_chartsheet("Chart", 0).add_chart(chart)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def run(data: bytes, name: str = "aapl.xlsx"):
    result = normalise_bytes(data, detect_bytes(data, name), name)
    assert result.file_problem is None
    assert result.rows_read == len(result.prices) + len(result.rejected)
    return result


def every_row_once(result, sheets: dict[str, list[list]], first_tab: int = 0) -> bool:
    """Each row of each sheet is in exactly one of prices, rejected, non_data, at its own line."""
    lines = (result.prices.source_line.tolist() + result.rejected.source_line.tolist()
             + result.non_data.source_line.tolist())
    expected = [(first_tab + k) * SHEET_LINES + r for k, rows in enumerate(sheets.values())
                for r in range(1, len(rows) + 1)]
    return sorted(lines) == expected and result.physical_lines == len(expected)


def test_monthly_sheets_in_one_layout_all_load():
    sheets = {"Jan": month(1), "Feb": month(2, days=(1, 2, 3)), "Mar": month(3, days=(1, 2))}
    r = run(book(sheets))
    assert r.prices.date.dt.strftime("%m-%d").tolist() == ["01-04", "01-05", "01-06", "02-01", "02-02",
                                                           "02-03", "03-01", "03-02"]
    assert r.prices.source_line.tolist() == [3, 4, 5, SHEET_LINES + 3, SHEET_LINES + 4, SHEET_LINES + 5,
                                             2 * SHEET_LINES + 3, 2 * SHEET_LINES + 4]
    assert sheet_row(2 * SHEET_LINES + 4) == (2, 4)
    assert set(r.prices.ticker) == {"AAPL"} and r.rejected.empty
    assert every_row_once(r, sheets)
    # Each sheet's own title, header and total are non-data lines, its title named with its sheet.
    kinds = dict(zip(r.non_data.source_line, r.non_data.reason))
    assert [kinds[SHEET_LINES + k] for k in (1, 2, 6)] == ["preamble", "header", "footer"]
    raw = dict(zip(r.non_data.source_line, r.non_data.raw))
    assert raw[SHEET_LINES + 1] == "sheet 'Feb' row 1: Prices February 2021" and raw[1] == "Prices January 2021"


def test_rows_of_later_sheets_are_rejected_like_the_first_sheets():
    feb = month(2, days=(1, 2))
    feb.insert(3, [datetime(2021, 2, 6), 10.5, 11.5, 9.5, 11, 5])  # a Saturday
    sheets = {"Jan": month(1), "Feb": feb}
    r = run(book(sheets))
    assert r.rejected.source_line.tolist() == [SHEET_LINES + 4]
    assert r.rejected.reason[0].startswith("dated on a Saturday")
    assert r.rejected.raw[0] == "sheet 'Feb' row 4: 2021-02-06,10.5,11.5,9.5,11,5"
    assert every_row_once(r, sheets)


def test_header_lower_down_and_missing_footer_per_sheet():
    # Feb has a second title line, so its header is a row lower; Mar has no total, so the schema's
    # footer (a total line) ends before its last bar, which loads.
    feb = [["Prices February 2021"], ["(provisional)"], *month(2, days=(1, 2))[1:]]
    mar = month(3, days=(1, 2, 3), total=False)
    sheets = {"Jan": month(1), "Feb": feb, "Mar": mar}
    r = run(book(sheets))
    assert SHEET_LINES + 4 in set(r.prices.source_line) and SHEET_LINES + 5 in set(r.prices.source_line)
    assert 2 * SHEET_LINES + 5 in set(r.prices.source_line) and r.rejected.empty
    assert every_row_once(r, sheets)


def test_sheet_of_another_price_layout_is_rejected_with_the_reason():
    other = [["Day", "Symbol", "Last"], [datetime(2021, 1, 4), "MSFT", 217.69], [datetime(2021, 1, 5), "MSFT", 217.9]]
    sheets = {"Prices": month(1), "MSFT": other}
    r = run(book(sheets))
    assert len(r.prices) == 3
    assert r.rejected.source_line.tolist() == [SHEET_LINES + 2, SHEET_LINES + 3]
    assert set(r.rejected.reason) == {"on sheet 'MSFT', not read: its layout differs from sheet 'Prices',"
                                      " which this file's schema describes"}
    assert r.rejected.raw[0] == "sheet 'MSFT' row 2: 2021-01-04,MSFT,217.69"
    assert dict(zip(r.non_data.source_line, r.non_data.reason))[SHEET_LINES + 1] == "header"
    assert every_row_once(r, sheets)


def test_notes_sheet_is_non_data_and_a_chart_sheet_keeps_its_place():
    notes = [["Source: back office"], [], ["Prices are closing prices in USD"]]
    sheets = {"Prices": month(1), "Notes": notes}
    r = run(book(sheets, chart_first=True))
    assert len(r.prices) == 3 and r.rejected.empty  # notes are not price rows: nothing to reject
    assert r.prices.source_line.tolist() == [SHEET_LINES + 3, SHEET_LINES + 4, SHEET_LINES + 5]  # tab 1
    notes_lines = r.non_data[r.non_data.source_line > 2 * SHEET_LINES]
    assert notes_lines.reason.tolist() == [OTHER_SHEET, "blank", OTHER_SHEET]
    assert notes_lines.raw.iloc[0] == "sheet 'Notes' row 1: Source: back office"
    assert every_row_once(r, sheets, first_tab=1)


# A sheet each named as a ticker, or as a Bloomberg security (a workbook of BDH pulls): named so,
# the two sheets of its securities had every row rejected as unnamed series of the file's name.
@pytest.mark.parametrize("names", [("AAPL", "MSFT", "IBM"), ("AAPL US Equity", "SPX Index", "EURUSD Curncy")])
def test_a_sheet_per_ticker_without_a_ticker_column_names_its_rows(names):
    days = [datetime(2021, 1, d) for d in (4, 5, 6)]
    sheets = {name: [HEADER, *[bar(d, k) for d in days]] for k, name in enumerate(names)}
    r = run(book(sheets), name="watchlist.xlsx")
    assert r.prices.groupby("ticker").size().to_dict() == {name.upper(): 3 for name in names}
    assert r.prices[r.prices.ticker == names[1].upper()].close.tolist() == [bar(d, 1)[4] for d in days]
    assert r.rejected.empty and every_row_once(r, sheets)



def test_a_recent_listings_short_sheet_beside_a_long_history_is_its_own_ticker():
    # AAPL's 60 days, RIVN's last 5 of them: over all rows few dates are shared, yet every one of
    # RIVN's is on AAPL's sheet. Read as one ticker's periods, RIVN's rows were rejected as AAPL's
    # conflicting duplicates and AAPL's loaded under the file's name.
    days = [d for d in (datetime(2021, 1, 4) + timedelta(days=k) for k in range(84)) if d.weekday() < 5]
    sheets = {"AAPL": [HEADER, *[bar(d) for d in days]], "RIVN": [HEADER, *[bar(d, 3) for d in days[-5:]]]}
    r = run(book(sheets), name="watchlist.xlsx")
    assert r.prices.groupby("ticker").size().to_dict() == {"AAPL": len(days), "RIVN": 5}
    assert r.prices[r.prices.ticker == "RIVN"].close.tolist() == [bar(d, 3)[4] for d in days[-5:]]
    assert r.rejected.empty and every_row_once(r, sheets)

def test_two_copies_of_one_table_are_duplicates_not_two_made_up_tickers():
    days = [datetime(2021, 1, d) for d in (4, 5, 6)]
    sheets = {name: [HEADER, *[bar(d) for d in days]] for name in ["Prices", "Prices (old)"]}
    r = run(book(sheets), name="aapl.xlsx")
    assert r.prices.ticker.unique().tolist() == ["AAPL"] and len(r.prices) == 3
    assert len(r.rejected) == 3 and r.rejected.reason.str.startswith("duplicate").all()
    assert every_row_once(r, sheets)


def test_headerless_sheets_in_one_layout_all_load():
    sheets = {f"S{m}": [bar(datetime(2021, m, d)) for d in (4, 5, 8)] for m in (1, 2, 3)}
    r = run(book(sheets))
    assert len(r.prices) == 9 and r.rejected.empty
    assert r.prices.source_line.tolist()[3:6] == [SHEET_LINES + 1, SHEET_LINES + 2, SHEET_LINES + 3]
    assert every_row_once(r, sheets)


def test_one_sheet_workbook_reads_as_before():
    sheets = {"Prices": month(1)}
    r = run(book(sheets))
    assert r.prices.source_line.tolist() == [3, 4, 5] and r.physical_lines == 6
    assert every_row_once(r, sheets)


# Review of 475d05d (helper-rv4).

DAYS = [datetime(2021, 1, d) for d in (4, 5, 6, 7, 8)]


@pytest.mark.parametrize("names", [("Daily", "Backup"), ("Prices", "Lookup"), ("Data", "Copy")])
def test_sheets_named_in_words_sharing_dates_are_one_table_twice_not_two_tickers(names):
    # Ordinary sheet names pass for tickers unless tickers are written in capitals: the file's
    # rows were loaded as DAILY and BACKUP, and none as AAPL.
    sheets = {name: [HEADER, *[bar(d) for d in DAYS]] for name in names}
    r = run(book(sheets), name="aapl.xlsx")
    assert r.prices.ticker.unique().tolist() == ["AAPL"] and len(r.prices) == 5
    assert (r.rejected.reason == "duplicate").sum() == 5
    assert every_row_once(r, sheets)


def test_a_header_only_sheet_does_not_stop_ticker_sheets_naming_their_rows():
    # A leftover template sheet (header, no rows) vetoed the sheet names: AAPL's rows loaded as
    # WATCHLIST and MSFT's rejected as its conflicting duplicates.
    sheets = {"AAPL": [HEADER, *[bar(d, 0) for d in DAYS]], "MSFT": [HEADER, *[bar(d, 1) for d in DAYS]],
              "Sheet1": [HEADER]}
    r = run(book(sheets), name="watchlist.xlsx")
    assert r.prices.groupby("ticker").size().to_dict() == {"AAPL": 5, "MSFT": 5}
    assert r.rejected.empty and every_row_once(r, sheets)


def test_a_sheet_without_the_first_sheets_total_loads_its_last_row():
    # Jan ends with a total line, Feb does not: Feb's last bar was taken for its footer and
    # rejected as "outside the table"; with twelve month sheets, eleven good rows.
    sheets = {"Jan": month(1), "Feb": month(2, days=(1, 2, 3), total=False), "Mar": month(3, days=(1, 2))}
    r = run(book(sheets))
    assert len(r.prices) == 8 and r.rejected.empty
    assert every_row_once(r, sheets)


def test_a_sheet_of_text_dates_in_another_format_loads():
    # Same header, dates typed as text "01/02/2021" on Feb: every Feb row rejected as an
    # unparseable date (before 475d05d the sheet was not read at all).
    feb = [HEADER, *[[f"{d:%d/%m/%Y}", *bar(d)[1:]] for d in (datetime(2021, 2, x) for x in (1, 2, 3, 4, 5, 8))]]
    sheets = {"Jan": [HEADER, *[bar(d) for d in DAYS]], "Feb": feb}
    r = run(book(sheets))
    assert len(r.prices) == 11


def test_a_monthly_sheet_beside_the_daily_one_is_not_loaded_as_daily_rows():
    # "Daily" (March-April 2021) and "Monthly" (2020 bars, dated the 1st) share the header: the
    # monthly bars that fall on weekdays before March loaded as that day's prices.
    daily = [d for d in (datetime(2021, 3, 1) + timedelta(days=i) for i in range(60)) if d.weekday() < 5]
    monthly = [datetime(2020, m, 1) for m in range(1, 13)]
    sheets = {"Daily": [HEADER, *[bar(d) for d in daily]], "Monthly": [HEADER, *[bar(d, 5) for d in monthly]]}
    r = run(book(sheets))
    assert (r.prices.source_line < SHEET_LINES).all()
    assert every_row_once(r, sheets)


def _hidden_stale_copy() -> tuple[dict[str, list[list]], bytes]:
    """A hidden "Backup" sheet before the visible "Prices", its first close stale."""
    stale = [HEADER, *[bar(d) for d in DAYS]]
    stale[1] = [*stale[1][:4], 104.0, stale[1][5]]
    sheets = {"Backup": stale, "Prices": [HEADER, *[bar(d) for d in DAYS]]}
    wb = openpyxl.load_workbook(io.BytesIO(book(sheets)))
    wb["Backup"].sheet_state = "hidden"
    buf = io.BytesIO()
    wb.save(buf)
    return sheets, buf.getvalue()


HIDDEN_BACKUP = ("on sheet 'Backup', not read: the sheet is hidden in the workbook (a stale copy or scratch"
                 " kept out of sight?): unhide it to load its rows")


def test_a_hidden_stale_copy_before_the_visible_sheet_does_not_win():
    # Detection took the first sheet with rows, hidden or not, and its rows came first: the
    # visible, corrected sheet's rows were rejected as conflicting duplicates of the hidden copy's.
    _, data = _hidden_stale_copy()
    r = run(data)
    assert (r.prices.source_line > SHEET_LINES).all() and len(r.prices) == 5


# Gaps of review 475d05d, fixed (helper-sheets2).

WEEKDAYS = [d for d in (datetime(2021, 3, 1) + timedelta(days=i) for i in range(60)) if d.weekday() < 5]


def test_a_monthly_first_sheet_is_the_one_rejected_beside_a_daily_one():
    # Detection reads the first sheet, here the monthly one: the daily sheet after it is the
    # table of day prices, and the monthly bars are rejected, each saying why.
    sheets = {"Monthly": [HEADER, *[bar(datetime(2020, m, 1), 5) for m in range(1, 13)]],
              "Daily": [HEADER, *[bar(d) for d in WEEKDAYS]]}
    r = run(book(sheets))
    assert (r.prices.source_line > SHEET_LINES).all() and len(r.prices) == len(WEEKDAYS)
    assert r.rejected.source_line.tolist() == list(range(2, 14))
    assert set(r.rejected.reason) == {"on sheet 'Monthly', not read: its dates are 31 days apart,"
                                      " sheet 'Daily' is daily"}
    assert every_row_once(r, sheets)


def test_a_thinly_traded_tickers_sheet_loads_beside_a_daily_one():
    # A sheet per ticker: a ticker traded once a week has its dates far apart, and they are its prices.
    weekly = [d for d in WEEKDAYS if d.weekday() == 2]
    sheets = {"AAPL": [HEADER, *[bar(d) for d in WEEKDAYS]], "MSFT": [HEADER, *[bar(d, 1) for d in WEEKDAYS]],
              "XYZ": [HEADER, *[bar(d, 2) for d in weekly]]}
    r = run(book(sheets), name="watchlist.xlsx")
    assert r.prices.groupby("ticker").size().to_dict() == {"AAPL": 44, "MSFT": 44, "XYZ": len(weekly)}
    assert r.rejected.empty and every_row_once(r, sheets)


def test_a_sheet_in_its_own_number_and_date_formats_keeps_its_cells_as_written():
    # Feb pasted as text from a German export: dates "01.02.2021", prices "101,37". Its rows are
    # read in its own formats; a rejected one shows the cells as they were written.
    def german(v):
        return f"{v:.2f}".replace(".", ",") if isinstance(v, float) else v
    feb = [HEADER, *[[f"{d:%d.%m.%Y}", *map(german, bar(d)[1:])] for d in (datetime(2021, 2, x) for x in (1, 2, 6, 8))]]
    sheets = {"Jan": [HEADER, *[bar(d) for d in DAYS]], "Feb": feb}
    r = run(book(sheets))
    assert len(r.prices) == 8
    feb_rows = r.prices[r.prices.source_line > SHEET_LINES]
    assert feb_rows.date.dt.strftime("%m-%d").tolist() == ["02-01", "02-02", "02-08"]
    assert feb_rows.close.tolist() == [bar(datetime(2021, 2, x))[4] for x in (1, 2, 8)]
    assert r.rejected.raw.tolist() == ['sheet \'Feb\' row 4: 06.02.2021,"106,37","107,88","105,14","106,86",1006']
    assert every_row_once(r, sheets)


def test_detection_reads_the_visible_sheet_and_the_hidden_one_is_still_accounted_for():
    sheets, data = _hidden_stale_copy()
    assert detect_bytes(data, "aapl.xlsx").sheet == "Prices"
    assert [s.visible for s in xlsx.read_sheets(data)] == [False, True]
    r = run(data)
    assert r.rejected.source_line.tolist() == list(range(2, 7))
    assert set(r.rejected.reason) == {HIDDEN_BACKUP}
    assert every_row_once(r, sheets)


def test_a_weekly_priced_fund_on_its_own_sheet_is_not_another_frequency():
    # A sheet per fund with a ticker column: FUNDB publishes its NAV weekly, FUNDA daily. Its 20
    # weekly prices were rejected as 'dates 7 days apart, sheet FUNDA is daily'.
    def fund(ticker: str, step: int, n: int) -> list[list]:
        return [["Date", "Ticker", "Close"]] + [[datetime(2021, 1, 4) + timedelta(days=step * k), ticker, 10.5 + k]
                                                for k in range(n)]
    r = run(book({"FUNDA": fund("FUNDA", 1, 5), "FUNDB": fund("FUNDB", 7, 20)}), "funds.xlsx")
    assert r.rejected.empty
    assert r.prices.groupby("ticker").size().to_dict() == {"FUNDA": 5, "FUNDB": 20}


def _side_by_side(a: str, b: str, days) -> list[list]:
    rows = [["Price", "Close", "Close"], ["Ticker", a, b]]
    return rows + [[datetime(2024, 1, d), 100.5 + d, 200.5 + d] for d in days]


def test_a_sheet_of_other_tickers_side_by_side_is_not_read_with_the_first_sheets_labels():
    # Sheet "B" holds GOOG and AMZN under the same fields: read with sheet "A"'s labels, GOOG's
    # prices loaded as AAPL's and AMZN's as MSFT's.
    sheets = {"A": _side_by_side("AAPL", "MSFT", (2, 3)), "B": _side_by_side("GOOG", "AMZN", (4, 5))}
    result = run(book(sheets), "prices.xlsx")
    assert sorted(zip(result.prices.ticker, result.prices.close)) == [
        ("AAPL", 102.5), ("AAPL", 103.5), ("MSFT", 202.5), ("MSFT", 203.5)]
    assert len(result.rejected) == 4 and all("on sheet 'B', not read" in r for r in result.rejected.reason)


def test_sheets_of_the_same_tickers_side_by_side_are_read_alike():
    sheets = {"2023": _side_by_side("AAPL", "MSFT", (2, 3)), "2024": _side_by_side("AAPL", "MSFT", (4, 5))}
    result = run(book(sheets), "prices.xlsx")
    assert result.rejected.empty
    assert sorted(zip(result.prices.ticker, result.prices.close)) == [
        ("AAPL", 102.5), ("AAPL", 103.5), ("AAPL", 104.5), ("AAPL", 105.5),
        ("MSFT", 202.5), ("MSFT", 203.5), ("MSFT", 204.5), ("MSFT", 205.5)]


def test_a_pivot_summary_before_the_data_sheet_does_not_take_its_place():
    # A pivot table's summary kept as the first tab: read as the file's table, it loaded nothing
    # ("no date column") and the data sheet's every row was rejected for its layout.
    summary = [["Row Labels", "Average of Close", "Max of High", "Sum of Volume"],
               ["AAPL", 105.12, 109.3, 6030], ["Grand Total", 105.12, 109.3, 6030]]
    data = [HEADER] + [bar(datetime(2021, 3, d)) for d in (1, 2, 3, 4, 5)]
    sheets = {"Summary": summary, "Data": data}
    result = run(book(sheets))
    assert len(result.prices) == 5
    assert result.prices.close.tolist() == [bar(datetime(2021, 3, d))[4] for d in (1, 2, 3, 4, 5)]
    assert result.prices.source_line.tolist() == [SHEET_LINES + r for r in range(2, 7)]
    # the summary's rows are no prices: rejected, naming their sheet (its header: a non-data line)
    assert len(result.rejected) == 2 and all("Summary" in r for r in result.rejected.reason)
    assert every_row_once(result, sheets)


@pytest.mark.parametrize("first", [
    ("Prices", [["Date", "AAPL", "MSFT"]] + [[datetime(2021, 3, d), 120.5 + d, 230.25 + d] for d in (1, 2, 3, 4, 5)]),
    ("Index levels", [["Date", "Level"]] + [[datetime(2021, 3, d), 3900.5 + d] for d in (1, 2, 3, 4, 5)]),
])
def test_a_first_sheet_of_dated_rows_is_not_passed_over_for_another_sheets_prices(first):
    # The first sheet is a table of dated rows whose close was not found (prices side by side, an
    # index's levels): the second sheet's prices (a benchmark's) loaded under the file's name, and
    # the first sheet's rows were rejected as another layout. The first sheet stays the table.
    benchmark = [HEADER] + [bar(datetime(2021, 3, d), k=400) for d in (1, 2, 3, 4, 5)]
    data = book({first[0]: first[1], "SPX": benchmark})
    schema = detect_bytes(data, "aapl.xlsx")
    assert schema.sheet == first[0]
    result = normalise_bytes(data, schema, "aapl.xlsx")
    assert len(result.prices) == 0
    if first[0] == "Prices":  # refused naming the columns that may be closes side by side (flat_header.py)
        assert result.file_problem.startswith(SIDE_BY_SIDE) and "(AAPL, MSFT)" in result.file_problem
    else:
        assert result.file_problem.startswith("no close column")


def _one_ticker(ticker: str, days) -> list[list]:
    rows = [["Price", "Close", "Volume"], ["Ticker", ticker, ticker]]
    return rows + [[datetime(2024, 1, d), 100.5 + d, 1000 + d] for d in days]


def test_a_workbook_of_a_download_per_sheet_loads_each_sheets_rows_under_its_own_headers_ticker():
    # A workbook of yfinance downloads, a sheet each: sheet "B"'s MSFT rows were refused as another
    # layout's ("on sheet 'B', not read"), though they loaded under the sheets' names before.
    result = run(book({"A": _one_ticker("AAPL", (2, 3)), "B": _one_ticker("MSFT", (4, 5))}), "prices.xlsx")
    assert sorted(zip(result.prices.ticker, result.prices.close)) == [
        ("AAPL", 102.5), ("AAPL", 103.5), ("MSFT", 104.5), ("MSFT", 105.5)]
    assert len(result.rejected) == 0


def test_sheets_of_one_tickers_header_are_that_tickers_rows_judged_together():
    # January and February of one download, a sheet each, the 3rd on both: one ticker's repeat.
    result = run(book({"Sheet1": _one_ticker("AAPL", (2, 3)), "Sheet2": _one_ticker("AAPL", (3, 4))}), "prices.xlsx")
    assert set(result.prices.ticker) == {"AAPL"}
    assert sorted(result.prices.close) == [102.5, 103.5, 104.5]


def test_a_security_label_above_each_sheets_header_names_that_sheets_rows():
    # A Bloomberg workbook of a sheet per security, on the same days: their rows were all named
    # after the file ("Sheet1", "Sheet2" name no ticker) and rejected as one ticker's conflicting repeats.
    def security(label: str, days) -> list[list]:
        return [[label], ["Date", "PX_LAST", "PX_VOLUME"]] + [[datetime(2024, 1, d), 100.5 + d, 1000 + d] for d in days]
    alone = run(book({"A": security("AAPL US Equity", (2, 3, 4))}), "prices.xlsx")
    assert set(alone.prices.ticker) == {"AAPL US EQUITY"}
    sheets = {"Sheet1": security("AAPL US Equity", (2, 3, 4)), "Sheet2": security("MSFT US Equity", (2, 3, 4))}
    result = run(book(sheets), "prices.xlsx")
    assert Counter(result.prices.ticker) == {"AAPL US EQUITY": 3, "MSFT US EQUITY": 3} and len(result.rejected) == 0


def test_a_security_labelled_over_each_sheets_preamble_names_that_sheets_rows():
    # Bloomberg's spreadsheet builder: "Security | AAPL US Equity" over the request's dates, then the fields.
    # Read as the security alone, the label named no ticker: the sheets loaded under their names or
    # were rejected as one ticker's conflicting repeats.
    def security(ticker: str, days) -> list[list]:
        return [["Security", f"{ticker} US Equity"], ["Start Date", datetime(2024, 1, 1)],
                ["End Date", datetime(2024, 1, 5)], ["Period", "D"], [],
                ["Date", "PX_LAST", "PX_VOLUME"]] + [[datetime(2024, 1, d), 100.5 + d + len(ticker), 1000 + d]
                                                    for d in days]
    alone = run(book({"A": security("AAPL", (2, 3, 4))}), "prices.xlsx")
    assert set(alone.prices.ticker) == {"AAPL US EQUITY"}
    sheets = {"Sheet1": security("AAPL", (2, 3, 4)), "Sheet2": security("MSFT", (2, 3, 4))}
    result = run(book(sheets), "prices.xlsx")
    assert Counter(result.prices.ticker) == {"AAPL US EQUITY": 3, "MSFT US EQUITY": 3} and len(result.rejected) == 0


def _weekdays(start: datetime, n: int) -> list[datetime]:
    days, day = [], start
    while len(days) < n:
        day += timedelta(days=1)
        if day.weekday() < 5:
            days.append(day)
    return days


def _download(ticker: str, start: datetime, n: int) -> list[list]:
    """yfinance's download of one ticker, its prices its own (ticker's letters set them apart)."""
    p = sum(map(ord, ticker)) % 97
    return [["Price", "Close", "High", "Low", "Open", "Volume"], ["Ticker"] + [ticker] * 5, ["Date"]] + [
        [d, p + 100.25 + k % 50, p + 101.5 + k % 50, p + 99.75 + k % 50, p + 100.0 + k % 50, 1000 + k]
        for k, d in enumerate(_weekdays(start, n))]


def _security(ticker: str, start: datetime, n: int) -> list[list]:
    """Bloomberg's sheet of one security: its label over the fields."""
    p = sum(map(ord, ticker)) % 97
    return [[f"{ticker} US Equity"], ["Date", "PX_LAST", "PX_VOLUME"]] + [
        [d, p + 100.25 + k % 50, 1000 + k] for k, d in enumerate(_weekdays(start, n))]


def _loaded(table, ticker: str) -> str:
    return ticker + (" US EQUITY" if table is _security else "")


@pytest.mark.parametrize("table", [_download, _security])
def test_tables_stacked_on_one_of_several_sheets_load_each_under_its_own_headers_ticker(table):
    # Sheet "A" holds AAPL's download with MSFT's stacked below, sheet "B" GOOG's: each sheet's rows
    # were named by its own header alone, MSFT's as AAPL's, and rejected with AAPL's as one ticker's
    # "several series" on the days they share.
    day = datetime(2024, 1, 1)
    sheets = {"A": table("AAPL", day, 30) + [[]] + table("MSFT", day, 30), "B": table("GOOG", day, 30)}
    result = run(book(sheets), "prices.xlsx")
    assert Counter(result.prices.ticker) == {_loaded(table, t): 30 for t in ("AAPL", "MSFT", "GOOG")}
    msft = result.prices[result.prices.ticker == _loaded(table, "MSFT")]
    assert msft.close.iloc[0] == table("MSFT", day, 1)[-1][1]  # MSFT's own prices
    assert every_row_once(result, sheets)


@pytest.mark.parametrize("table", [_download, _security])
def test_tables_stacked_past_detections_sample_on_a_sheet_behind_a_cover_load_each_under_its_own(table):
    # The stacked sheet is the workbook's second tab, its rows labelled with it ("sheet 'Prices' row
    # 3004: ..."), which hid MSFT's header: MSFT's 1,000 rows, on days of their own, loaded as AAPL's.
    sheets = {"Cover": [["Prices downloaded 2024"]],
              "Prices": table("AAPL", datetime(1990, 1, 1), 3000) + [[]] + table("MSFT", datetime(2005, 1, 1), 1000)}
    data = book(sheets)
    assert detect_bytes(data, "prices.xlsx").sheet == "Prices"
    result = run(data, "prices.xlsx")
    assert Counter(result.prices.ticker) == {_loaded(table, "AAPL"): 3000, _loaded(table, "MSFT"): 1000}
    assert every_row_once(result, sheets)


def test_rows_under_a_plain_repeat_of_a_sheets_header_keep_that_sheets_ticker():
    # A sheet per year, each a security's: the second half-year's export pasted below the first with
    # its header row, which names no ticker. Its rows are the sheet's security's; they loaded under
    # the file's name ("PRICES"), and on the days two sheets share, as one ticker's "several series".
    def year(ticker: str, y: int) -> list[list]:
        first, later = _security(ticker, datetime(y, 1, 1), 60), _security(ticker, datetime(y, 7, 1), 60)
        return first + later[1:]
    sheets = {"2023": year("AAPL", 2023), "2024": year("AAPL", 2024), "MSFT": year("MSFT", 2024)}
    result = run(book(sheets), "prices.xlsx")
    assert Counter(result.prices.ticker) == {"AAPL US EQUITY": 240, "MSFT US EQUITY": 120}
    assert every_row_once(result, sheets)


def test_a_stacked_tables_ticker_ends_with_its_sheet():
    # MSFT's table stacked last on sheet "A": sheet "B" below it in the line numbering is GOOG's.
    day = datetime(2024, 1, 1)
    sheets = {"A": _download("AAPL", day, 20) + _download("MSFT", day, 20),
              "B": _download("GOOG", datetime(2024, 6, 1), 20)}
    result = run(book(sheets), "prices.xlsx")
    assert Counter(result.prices.ticker) == {"AAPL": 20, "MSFT": 20, "GOOG": 20}
    assert set(result.prices[result.prices.source_line > SHEET_LINES].ticker) == {"GOOG"}


def test_a_sheets_stacked_table_under_its_fields_in_another_order_is_rejected_not_read_in_the_firsts():
    # Bloomberg's MSFT below AAPL, its fields "Date,PX_VOLUME,PX_LAST": its volumes loaded as closes.
    msft = _security("MSFT", datetime(2024, 1, 1), 30)
    msft = [msft[0], ["Date", "PX_VOLUME", "PX_LAST"]] + [[d, v, p] for d, p, v in msft[2:]]
    sheets = {"Cover": [["Prices downloaded 2024"]], "Prices": _security("AAPL", datetime(2024, 1, 1), 30) + msft,
              "GOOG": _security("GOOG", datetime(2024, 1, 1), 30)}
    result = run(book(sheets), "prices.xlsx")
    assert Counter(result.prices.ticker) == {"AAPL US EQUITY": 30, "GOOG US EQUITY": 30}
    # Where that header is, as a reader of the workbook finds it: not "line 1048610", the sheet's row
    # as the workbook's line numbering counts it; and the header itself named, not "unparseable value".
    assert sum(result.rejected.reason.str.startswith("below sheet 'Prices' row 34, whose header names")) == 30
    header = result.rejected[result.rejected.source_line == SHEET_LINES + 34]
    assert header.reason.tolist() == [REORDERED_HEADER]
    assert every_row_once(result, sheets)


def test_a_sheets_part_under_its_fields_in_other_words_and_another_order_is_rejected():
    # A German export pasted below an English one: "Datum,Volumen,Schluss" holds none of the file's
    # names, so its volumes loaded as closes.
    days = [d for d in (datetime(2024, 1, 1) + timedelta(days=k) for k in range(60)) if d.weekday() < 5][:40]
    first = [["Date", "Close", "Volume"]] + [[d, 100 + k, 150_000 + k] for k, d in enumerate(days[:20])]
    second = [["Datum", "Volumen", "Schluss"]] + [[d, 160_000 + k, 120 + k] for k, d in enumerate(days[20:])]
    sheets = {"Prices": first + second}
    result = run(book(sheets), "prices.xlsx")
    assert len(result.prices) == 20 and result.prices.close.max() < 200
    assert sum(result.rejected.reason.str.startswith("below line 22, whose header names")) == 20  # its only sheet
    assert result.rejected[result.rejected.source_line == 22].reason.tolist() == [REORDERED_HEADER]
    assert every_row_once(result, sheets)


def _stamped(first: datetime, days: list[int], ms: bool = False) -> list[list]:
    """A sheet of bars stamped as Unix epochs from `first` (UTC), dated `days` after it."""
    from datetime import timezone
    stamp = first.replace(tzinfo=timezone.utc)
    return [HEADER] + [[int((stamp + timedelta(days=k)).timestamp() * (1000 if ms else 1)),
                        *bar(datetime(first.year, first.month, first.day) + timedelta(days=k))[1:]] for k in days]


@pytest.mark.parametrize("week", ["mon-fri", "mon-sun"])
def test_a_sheet_of_epochs_in_its_own_format_reads_each_ticker_under_the_week(week):
    # Beside a sheet of real dates, one of a coin's bars stamped at their close, 23:59:59.999 UTC in
    # milliseconds (Binance's): restated by their "_east" reading, every bar loaded a day late.
    # One of ASX sessions stamped at their open, 23:00 UTC the evening before, loads on its sessions.
    from backintime_assets.trading_week import TradingWeek

    closes = _stamped(datetime(2021, 2, 1, 23, 59, 59, 999000), list(range(21)), ms=True)
    asx = _stamped(datetime(2021, 3, 7, 23), [7 * w + d for w in range(3) for d in range(5)])
    for sheet, first in ((closes, "2021-02-01"), (asx, "2021-03-08")):
        data = book({"Jan": [HEADER, *[bar(d) for d in DAYS]], "Later": sheet})
        result = normalise_bytes(data, detect_bytes(data, "a.xlsx"), "a.xlsx", week=TradingWeek.parse(week))
        later = result.prices[result.prices.source_line > SHEET_LINES]
        assert min(later.date.astype(str)) == first
        assert len(later) == (21 if week == "mon-sun" and sheet is closes else 15)


def _epoch_stamp(d: datetime, hours: float) -> int:
    from datetime import timezone
    return int(d.replace(tzinfo=timezone.utc).timestamp() + hours * 3600)


def _text_stamp(written: str):
    return lambda d, hours: (d + timedelta(hours=hours)).strftime(written)


@pytest.mark.parametrize("stamp", [_epoch_stamp, *(_text_stamp(w) for w in (
    "%Y-%m-%dT%H:%M:%SZ", "%Y-%m-%d %H:%M:%S+00", "%Y-%m-%d %H:%M:%S -0000"))],
    ids=["epoch", "Z", "+00", "-0000"])
@pytest.mark.parametrize("east", [-1, -13], ids=["asx-open", "nzx-summer-midnight"])  # 23:00 and 11:00 UTC
def test_a_sheet_of_an_asx_tickers_stamps_beside_a_new_york_ones_reads_each_on_its_sessions(stamp, east):
    # Beside a sheet of real dates, one of BHP.AX stamped at its open (23:00 UTC the evening before)
    # and SPY at New York's (14:30 UTC): the sheet's own detection read the stamps by their UTC days,
    # and BHP's rows loaded a day early, its Mondays rejected as dated on a Sunday. The same stamps
    # as UTC text ("2021-02-28T23:00:00Z") were read as written in the workbook's format, and "+00"
    # (UTC to detection) was not restated at all.
    later = [datetime(2021, 3, 1) + timedelta(days=7 * w + d) for w in range(4) for d in range(5)]
    header = ["Date", "Ticker", "Open", "High", "Low", "Close", "Volume"]
    sheet = [header] + [[stamp(d, east), "BHP.AX", 10, 11, 9, 10.5, 100] for d in later] + \
        [[stamp(d, 14.5), "SPY", 20, 21, 19, 20.5, 100] for d in later]
    data = book({"Jan": [header, *[[d, t, 10, 11, 9, 10.5, 100] for d in DAYS for t in ("BHP.AX", "SPY")]],
                 "Mar": sheet})
    result = normalise_bytes(data, detect_bytes(data, "a.xlsx"), "a.xlsx")
    march = result.prices[result.prices.source_line > SHEET_LINES]
    for ticker in ("BHP.AX", "SPY"):
        assert march[march.ticker == ticker].date.dt.date.tolist() == [d.date() for d in later]
    assert result.rejected.empty


def test_a_sheets_part_of_tickers_side_by_side_under_their_fields_in_another_order_is_rejected():
    # AAPL's and MSFT's columns side by side, a second download pasted below the first writing
    # volume before close: a workbook's rejected rows were not named, so each ticker's 900,000
    # volumes loaded as its closes. The next sheet, in the file's order, loads.
    days = [d for d in (datetime(2021, 1, 4) + timedelta(days=k) for k in range(120)) if d.weekday() < 5][:60]
    labels = [None, "AAPL", "AAPL", "MSFT", "MSFT"]
    first = [labels, ["Date", "Close", "Volume", "Close", "Volume"]]
    first += [[d, 130 + k, 900_000 + k, 220 + k, 500_000 + k] for k, d in enumerate(days[:20])]
    first += [labels, ["Date", "Volume", "Close", "Volume", "Close"]]
    first += [[d, 900_000 + k, 150 + k, 500_000 + k, 240 + k] for k, d in enumerate(days[20:40])]
    second = [labels, ["Date", "Close", "Volume", "Close", "Volume"]]
    second += [[d, 170 + k, 900_000 + k, 260 + k, 500_000 + k] for k, d in enumerate(days[40:])]
    result = run(book({"Q1": first, "Q2": second}), "wide.xlsx")
    assert sorted(set(result.prices.ticker)) == ["AAPL", "MSFT"] and len(result.prices) == 80
    assert result.prices.close.max() < 300
    assert sorted(set(result.prices.source_line)) == list(range(3, 23)) + list(range(SHEET_LINES + 3, SHEET_LINES + 23))
    below = result.rejected[result.rejected.reason.str.startswith("MSFT: below line 24, whose header names")]
    assert below.source_line.tolist() == list(range(25, 45))
    assert result.rejected[result.rejected.source_line == 24].reason.tolist() == [f"AAPL: {REORDERED_HEADER}",
                                                                                  f"MSFT: {REORDERED_HEADER}"]


@pytest.mark.parametrize("other", [["MSFT", "MSFT", "AAPL", "AAPL"], ["GOOG", "GOOG", "AMZN", "AMZN"]])
def test_a_sheets_part_of_tickers_side_by_side_under_other_labels_is_rejected(other):
    # A second download pasted below the first under its own labels, MSFT's columns first: read
    # under the first's labels, MSFT's prices loaded as AAPL's and AAPL's as MSFT's. The next sheet,
    # under the file's labels, loads.
    days = [d for d in (datetime(2021, 1, 4) + timedelta(days=k) for k in range(120)) if d.weekday() < 5][:60]
    labels, fields = [None, "AAPL", "AAPL", "MSFT", "MSFT"], ["Date", "Close", "Volume", "Close", "Volume"]
    first = [labels, fields] + [[d, 130 + k, 900_000 + k, 220 + k, 500_000 + k] for k, d in enumerate(days[:20])]
    first += [[None, *other], fields]
    first += [[d, 240 + k, 500_000 + k, 150 + k, 900_000 + k] for k, d in enumerate(days[20:40])]
    second = [labels, fields] + [[d, 170 + k, 900_000 + k, 260 + k, 500_000 + k] for k, d in enumerate(days[40:])]
    result = run(book({"Q1": first, "Q2": second}), "wide.xlsx")
    assert len(result.prices) == 80
    assert result.prices[result.prices.ticker == "AAPL"].close.max() < 200
    assert result.prices[result.prices.ticker == "MSFT"].close.min() >= 220
    assert sorted(set(result.prices.source_line)) == list(range(3, 23)) + list(range(SHEET_LINES + 3, SHEET_LINES + 23))
    below = result.rejected[result.rejected.reason.str.startswith("MSFT: below line 23, whose labels name the tickers")]
    assert below.source_line.tolist() == list(range(24, 45))  # its fields' line carries the part on
    assert result.rejected[result.rejected.source_line == 23].reason.tolist() == [f"AAPL: {RELABELLED_HEADER}",
                                                                                  f"MSFT: {RELABELLED_HEADER}"]


@pytest.mark.parametrize("other", [["GOOG", "GOOG", "AMZN", "AMZN"], ["goog", "goog", "amzn", "amzn"],
                                   ["ADR", None, "ORD", None]])
def test_a_sheets_part_under_labels_naming_none_of_its_tickers_right_over_its_rows_is_rejected(other):
    # GOOG's and AMZN's rows pasted below AAPL's and MSFT's under their labels alone (no line of
    # fields): loaded as AAPL's and MSFT's. Not in capitals, or words a note may be, as well.
    days = [d for d in (datetime(2021, 1, 4) + timedelta(days=k) for k in range(120)) if d.weekday() < 5][:60]
    labels, fields = [None, "AAPL", "AAPL", "MSFT", "MSFT"], ["Date", "Close", "Volume", "Close", "Volume"]
    first = [labels, fields] + [[d, 130 + k, 900_000 + k, 220 + k, 500_000 + k] for k, d in enumerate(days[:20])]
    first += [[None, *other]]
    first += [[d, 640 + k, 500_000 + k, 850 + k, 900_000 + k] for k, d in enumerate(days[20:40])]
    second = [labels, fields] + [[d, 170 + k, 900_000 + k, 260 + k, 500_000 + k] for k, d in enumerate(days[40:])]
    result = run(book({"Q1": first, "Q2": second}), "wide.xlsx")
    assert len(result.prices) == 80 and result.prices.close.max() < 600
    assert sorted(set(result.prices.source_line)) == list(range(3, 23)) + list(range(SHEET_LINES + 3, SHEET_LINES + 23))
    below = result.rejected[result.rejected.reason.str.startswith("MSFT: below line 23, whose labels name the tickers")]
    assert below.source_line.tolist() == list(range(24, 44))
    assert result.rejected[result.rejected.source_line == 23].reason.tolist() == [f"AAPL: {RELABELLED_HEADER}",
                                                                                  f"MSFT: {RELABELLED_HEADER}"]


@pytest.mark.parametrize("note", [["ADR", None, "ORD", None], ["buy", "buy", "sell", "sell"]])
def test_a_sheets_note_between_rows_carrying_on_rejects_no_rows_below(note):
    # Words a ticker may be written over each ticker's columns between rows, the prices below running
    # on from those above: a note, its own row rejected alone.
    days = [d for d in (datetime(2021, 1, 4) + timedelta(days=k) for k in range(120)) if d.weekday() < 5][:40]
    labels, fields = [None, "AAPL", "AAPL", "MSFT", "MSFT"], ["Date", "Close", "Volume", "Close", "Volume"]
    rows = [[d, 130 + k, 900_000 + k, 220 + k, 500_000 + k] for k, d in enumerate(days)]
    result = run(book({"Q1": [labels, fields, *rows[:20], [None, *note], *rows[20:]]}), "wide.xlsx")
    assert len(result.prices) == 80 and set(result.rejected.source_line) == {23}


def test_the_last_days_pasted_again_on_a_sheet_of_their_own_are_duplicates_not_a_ticker():
    # "DATA" holds the history, "NEW" its last five days again (same prices): every one of NEW's
    # dates is on DATA, as a short ticker's are on a long one's, but a copy's close is the same on
    # the day. Judged sheet by sheet, they loaded as tickers DATA and NEW.
    days = [d for d in (datetime(2023, 1, 2) + timedelta(days=k) for k in range(170)) if d.weekday() < 5][:120]
    sheets = {"DATA": [HEADER, *[bar(d) for d in days]], "NEW": [HEADER, *[bar(d) for d in days[-5:]]]}
    r = run(book(sheets), name="acme.xlsx")
    assert r.prices.ticker.unique().tolist() == ["ACME"]
    assert r.prices.date.dt.date.tolist() == [d.date() for d in days]
    assert r.rejected.reason.tolist() == ["duplicate"] * 5
    assert every_row_once(r, sheets)


@pytest.mark.parametrize("chart_first", [False, True])
def test_a_lone_sheet_named_as_a_ticker_is_refused_alike_by_detection_and_reading(chart_first):
    # "export.xlsx" (a program's name for every download) whose one sheet is "AAPL": detection let it
    # by for its sheet's name, the reading then refused it (one sheet names no ticker: sheet_tickers).
    # A chart sheet beside it is no second sheet of rows.
    sheets = {"AAPL": [HEADER, bar(datetime(2021, 3, 4)), bar(datetime(2021, 3, 5))]}
    data = book(sheets, chart_first=chart_first)
    schema = detect_bytes(data, "export.xlsx")
    assert schema.problem is not None and schema.problem.startswith(NAMELESS)
    result = normalise_bytes(data, schema, "export.xlsx")
    assert result.file_problem == schema.problem and result.prices.empty and len(result.rejected) == 2
    # Two sheets named as tickers, sharing their dates, still name them (normalisation decides).
    two = book({"AAPL": sheets["AAPL"], "MSFT": [HEADER, bar(datetime(2021, 3, 4), 30), bar(datetime(2021, 3, 5), 30)]})
    assert sorted(set(run(two, "export.xlsx").prices.ticker)) == ["AAPL", "MSFT"]


def test_sheets_named_as_tickers_name_them_though_their_dates_are_not_shared():
    # "export.xlsx" of sheets AAPL (January) and MSFT (February): distinct dates read as one ticker's
    # periods, its rows refused as nameless ("watchlist.xlsx": all ten loaded as ticker WATCHLIST).
    feb = [datetime(2021, 2, d) for d in (1, 2, 3, 4, 5)]
    sheets = {"AAPL": [HEADER, *[bar(d, 0) for d in DAYS]], "MSFT": [HEADER, *[bar(d, 1) for d in feb]]}
    for name in ("export.xlsx", "watchlist.xlsx"):
        r = run(book(sheets), name=name)
        assert r.prices.groupby("ticker").size().to_dict() == {"AAPL": 5, "MSFT": 5}
        assert r.prices[r.prices.ticker == "MSFT"].close.tolist() == [bar(d, 1)[4] for d in feb]
        assert r.rejected.empty and every_row_once(r, sheets)


@pytest.mark.parametrize("names", [("2021", "2022"), ("JAN", "FEB"), ("Q1", "Q2"), ("OLD", "NEW"), ("JAN21", "FEB21"),
                                   # fiscal years of two digits, spans of years, bare numbers, one name numbered
                                   ("FY21", "FY22"), ("2020-21", "2021-22"), ("21", "22"), ("1", "2"),
                                   ("PART1", "PART2"), ("AAPL1", "AAPL2"), ("DATA", "DATA2")])
def test_sheets_named_as_periods_in_capitals_are_one_tickers_periods(names):
    first, second = DAYS, [d.replace(year=2022) if names[0] == "2021" else d.replace(month=2) for d in DAYS]
    sheets = {names[0]: [HEADER, *[bar(d) for d in first]], names[1]: [HEADER, *[bar(d) for d in second]]}
    r = run(book(sheets), name="aapl.xlsx")
    assert r.prices.ticker.unique().tolist() == ["AAPL"] and every_row_once(r, sheets)
    data = book(sheets)
    assert normalise_bytes(data, detect_bytes(data, "export.xlsx"), "export.xlsx").file_problem.startswith(NAMELESS)


def test_sheets_named_as_listing_codes_of_distinct_dates_name_them():
    # Tokyo's codes are digits too, of four: not a part's number ("1", "2", "PART1").
    feb = [datetime(2021, 2, d) for d in (1, 2, 3, 4, 5)]
    sheets = {"7203": [HEADER, *[bar(d, 0) for d in DAYS]], "6758": [HEADER, *[bar(d, 1) for d in feb]]}
    r = run(book(sheets), name="watchlist.xlsx")
    assert r.prices.groupby("ticker").size().to_dict() == {"7203": 5, "6758": 5} and every_row_once(r, sheets)


def test_a_hidden_sheet_not_named_as_a_ticker_beside_ticker_sheets_is_rejected_not_a_veto():
    # A sheet per ticker and a hidden "Backup" (a stale copy of one of them): the backup's name, no
    # ticker's, stopped the sheets naming their rows, and every row of AAPL and MSFT was rejected as
    # an unnamed series under the file's name. The backup's rows are rejected, saying whose is unknown.
    sheets = {"AAPL": [HEADER, *[bar(d) for d in DAYS]], "MSFT": [HEADER, *[bar(d, 1) for d in DAYS]],
              "Backup": [HEADER, *[bar(d, 2) for d in DAYS]]}
    wb = openpyxl.load_workbook(io.BytesIO(book(sheets)))
    wb["Backup"].sheet_state = "hidden"
    buf = io.BytesIO()
    wb.save(buf)
    r = run(buf.getvalue(), name="portfolio.xlsx")
    assert r.prices.groupby("ticker").close.apply(list).to_dict() == {
        "AAPL": [bar(d)[4] for d in DAYS], "MSFT": [bar(d, 1)[4] for d in DAYS]}
    assert (r.rejected.source_line > 2 * SHEET_LINES).all() and len(r.rejected) == len(DAYS)
    assert set(r.rejected.reason) == {HIDDEN_BACKUP}
    assert every_row_once(r, sheets)


def test_a_hidden_copy_beside_sheets_of_periods_is_rejected_and_the_periods_stay_the_files_ticker():
    # Sheets of months are one ticker's periods: a hidden copy of one is rejected as hidden (as any
    # hidden sheet beside the visible table), and the months load under the file's one ticker.
    sheets = {"JAN": [HEADER, *[bar(d) for d in DAYS]],
              "FEB": [HEADER, *[bar(datetime(2021, 2, d)) for d in (1, 2, 3)]],
              "Backup": [HEADER, *[bar(d) for d in DAYS]]}
    wb = openpyxl.load_workbook(io.BytesIO(book(sheets)))
    wb["Backup"].sheet_state = "hidden"
    buf = io.BytesIO()
    wb.save(buf)
    r = run(buf.getvalue())
    assert set(r.prices.ticker) == {"AAPL"} and len(r.prices) == len(DAYS) + 3
    assert set(r.rejected.reason) == {HIDDEN_BACKUP} and len(r.rejected) == len(DAYS)


def _hiding(data: bytes, *names: str, state: str = "hidden") -> bytes:
    wb = openpyxl.load_workbook(io.BytesIO(data))
    for name in names:
        wb[name].sheet_state = state
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


@pytest.mark.parametrize("state", ["hidden", "veryHidden"])
def test_hidden_sheets_named_as_tickers_are_rejected_not_loaded(state):
    # A watchlist's sheet per ticker, GOOG hidden (dropped from the list, its prices years old):
    # its rows loaded as GOOG's prices, which no reader of the workbook sees.
    old = [datetime(2019, 3, d) for d in (4, 5, 6)]
    sheets = {"AAPL": [HEADER, *[bar(d) for d in DAYS]], "MSFT": [HEADER, *[bar(d, 1) for d in DAYS]],
              "GOOG": [HEADER, *[bar(d, 2) for d in old]]}
    r = run(_hiding(book(sheets), "GOOG", state=state), name="watchlist.xlsx")
    assert r.prices.groupby("ticker").close.apply(list).to_dict() == {
        "AAPL": [bar(d)[4] for d in DAYS], "MSFT": [bar(d, 1)[4] for d in DAYS]}
    assert r.rejected.source_line.tolist() == [2 * SHEET_LINES + r for r in (2, 3, 4)]
    assert set(r.rejected.reason) == {"on sheet 'GOOG', not read: the sheet is hidden in the workbook (a stale"
                                      " copy or scratch kept out of sight?): unhide it to load its rows"}
    assert every_row_once(r, sheets)


def test_a_hidden_old_copy_does_not_bring_back_days_the_visible_sheet_lacks():
    # The keeper deleted two bad days from the visible sheet; a hidden copy kept from before still
    # held them, and they loaded under the file's ticker beside the corrected days.
    sheets = {"Prices": [HEADER, *[bar(d) for d in DAYS[:3]]], "Prices old": [HEADER, *[bar(d, 3) for d in DAYS]]}
    r = run(_hiding(book(sheets), "Prices old"))
    assert r.prices.date.tolist() == DAYS[:3] and r.prices.close.tolist() == [bar(d)[4] for d in DAYS[:3]]
    assert len(r.rejected) == len(DAYS) and r.rejected.reason.str.contains("hidden in the workbook").all()
    assert every_row_once(r, sheets)


def test_a_table_on_a_hidden_sheet_behind_a_visible_cover_still_loads():
    # Nothing says a hidden table is stale where no visible sheet holds one: a cover's notes in front.
    sheets = {"Cover": [["Portfolio report"], ["Prepared by the back office"]],
              "Data": [HEADER, *[bar(d) for d in DAYS]], "Data 2": [HEADER, *[bar(d) for d in DAYS[3:]]]}
    r = run(_hiding(book(sheets), "Data", "Data 2"))
    assert r.prices.close.tolist() == [bar(d)[4] for d in DAYS]
    assert r.rejected.reason.tolist() == ["duplicate"] * 2


def test_sheets_each_with_a_ticker_merged_over_its_prices_load_as_those_tickers():
    # Sheet1 and Sheet2 in one layout, "AAPL" and "MSFT" merged over each one's prices: every row had
    # been rejected as an unnamed series.
    wb = openpyxl.Workbook()
    for k, ticker in enumerate(["AAPL", "MSFT"]):
        ws = wb.active if k == 0 else wb.create_sheet(f"Sheet{k + 1}")
        ws.append([None, ticker])
        ws.merge_cells("B1:F1")
        for row in [HEADER, *[bar(d, k) for d in DAYS]]:
            ws.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    r = run(buf.getvalue(), name="book.xlsx")
    assert r.prices.groupby("ticker").close.apply(list).to_dict() == {
        "AAPL": [bar(d)[4] for d in DAYS], "MSFT": [bar(d, 1)[4] for d in DAYS]}
    assert r.rejected.empty


@pytest.mark.parametrize("hidden", [("GOOG",), ("GOOG", "TSLA")])
def test_the_one_visible_ticker_sheet_beside_hidden_ticker_sheets_keeps_its_name(hidden):
    # A watchlist cut down to MSFT, GOOG (and TSLA) hidden: with the hidden sheets set aside, MSFT was a
    # lone data sheet, whose name names nothing, and its rows loaded under the file's name (WATCHLIST).
    sheets = {"MSFT": [HEADER, *[bar(d, 1) for d in DAYS]],
              **{name: [HEADER, *[bar(d, 2 + k) for d in DAYS]] for k, name in enumerate(hidden)}}
    r = run(_hiding(book(sheets), *hidden), name="watchlist.xlsx")
    assert r.prices.groupby("ticker").close.apply(list).to_dict() == {"MSFT": [bar(d, 1)[4] for d in DAYS]}
    assert len(r.rejected) == len(hidden) * len(DAYS) and r.rejected.reason.str.contains("hidden").all()
    assert every_row_once(r, sheets)


@pytest.mark.parametrize("shown,hidden", [("Prices", "GOOG"), ("MSFT", "Backup"), ("DATA", "NEW"), ("SPY1", "SPY2")])
def test_a_lone_visible_sheet_beside_hidden_sheets_not_all_tickers_stays_the_files(shown, hidden):
    sheets = {shown: [HEADER, *[bar(d, 1) for d in DAYS]], hidden: [HEADER, *[bar(d, 2) for d in DAYS]]}
    r = run(_hiding(book(sheets), hidden), name="aapl.xlsx")
    assert set(r.prices.ticker) == {"AAPL"} and len(r.prices) == len(DAYS)


def test_a_hidden_history_a_visible_dashboard_shows_the_last_days_of_loads():
    # A dashboard in front shows the last days of the hidden "Data" sheet they are read from: the hidden
    # history was rejected as a stale copy (8ab25f2), and only the dashboard's days loaded. The
    # dashboard's rows are its repeats, judged as duplicates as before.
    history = [datetime(2021, 3, d) for d in (1, 2, 3, 4, 5, 8, 9, 10, 11, 12)]
    sheets = {"Dashboard": [HEADER, *[bar(d) for d in history[-3:]]], "Data": [HEADER, *[bar(d) for d in history]]}
    r = run(_hiding(book(sheets), "Data"))
    loaded = r.prices.sort_values("date")
    assert loaded.date.tolist() == history and loaded.close.tolist() == [bar(d)[4] for d in history]
    assert len(r.rejected) == 3 and (r.rejected.reason == "duplicate").all()
    assert every_row_once(r, sheets)


def test_a_hidden_copy_of_most_of_the_visible_days_stays_rejected_though_it_holds_them_all():
    # The keeper deleted a bad day or two from the visible sheet; the hidden copy holds every visible
    # day and close and those deleted: no window onto it, a stale copy.
    sheets = {"Prices": [HEADER, *[bar(d) for d in DAYS[:-1]]], "Prices old": [HEADER, *[bar(d) for d in DAYS]]}
    r = run(_hiding(book(sheets), "Prices old"))
    assert r.prices.date.tolist() == DAYS[:-1]
    assert len(r.rejected) == len(DAYS) and r.rejected.reason.str.contains("hidden in the workbook").all()
