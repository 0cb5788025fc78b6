import io
import re
import zipfile
from datetime import date, datetime, timedelta

import numpy as np
import openpyxl
import pytest

from backintime_assets.detection import detect_bytes
from backintime_assets.detection.xlsx import cell_text, is_workbook, read_sheet, workbook_format
from backintime_assets_tests.support import workbooks


pytestmark = pytest.mark.usefixtures("xlsx_engine")  # each test with both workbook readers


def workbook(rows, sheets=("Prices",), empty_first=False) -> bytes:
    wb = openpyxl.Workbook()
    ws = wb.active
    if empty_first:
        ws.title = "Notes"
        ws = wb.create_sheet(sheets[0])
    else:
        ws.title = sheets[0]
    for r in rows:
        ws.append(r)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


ROWS = [
    ["Daily prices"],
    [],
    ["Date", "Symbol", "Open", "High", "Low", "Close", "Volume"],
    [datetime(2020, 1, 2), "AAPL", 74.06, 75.15, 73.8, 75.09, 135480400],
    [datetime(2020, 1, 3), "AAPL", 74.29, 75.14, 74.13, 74.36, 146322800],
    [datetime(2020, 1, 6), "AAPL", 73.45, 74.99, 73.19, 74.95, 118387200],
    ["Total", None, None, None, None, None, 400190400],
]


@pytest.mark.parametrize(
    ("value", "text"),
    [(None, ""), (True, "TRUE"), (3, "3"), (3.0, "3"), (2.5, "2.5"), (datetime(2020, 1, 2), "2020-01-02"),
     (datetime(2020, 1, 2, 9, 30), "2020-01-02 09:30:00"), (date(2020, 1, 2), "2020-01-02"), ("x", "x")],
)
def test_cell_text(value, text):
    assert cell_text(value) == text


def test_detects_table_in_workbook():
    data = workbook(ROWS)
    assert is_workbook(data, "prices.bin")
    s = detect_bytes(data, "prices.xlsx")
    assert (s.file_format, s.sheet, s.header_row, s.data_start_line, s.footer_lines) == ("xlsx", "Prices", 2, 3, 1)
    assert [c.canonical for c in s.columns] == ["date", "ticker", "open", "high", "low", "close", "volume"]
    assert s.columns[0].type == "date" and s.columns[0].format == "%Y-%m-%d"


def test_skips_a_sheet_without_data():
    s = detect_bytes(workbook(ROWS, empty_first=True), "p.xlsx")
    assert s.sheet == "Prices"


def test_excel_serial_numbers_in_a_date_column():
    rows = [["Date", "Close"]] + [[43832 + i, 10.0 + i] for i in range(5)]
    s = detect_bytes(workbook(rows), "p.xlsx")
    assert (s.columns[0].type, s.columns[0].format, s.columns[0].canonical) == ("date", "excel_serial", "date")


def test_bounded_read_keeps_head_and_tail():
    rows = [["Date", "Close"]] + [[datetime(2020, 1, 1), float(i)] for i in range(30)] + [["End"]]
    sheet = read_sheet(workbook(rows), head=10, tail=3)
    assert len(sheet.rows) == 10 and sheet.total_rows == 32
    assert sheet.tail[-1] == ["End"]


def test_date_cells_at_midnight_are_marked_by_row_of_their_column_and_text_dates_not():
    # What normalisation's midnight stamp needs (day_snapshot.py), kept as the rows of each column's date
    # cells at midnight: a text cell reading as a date (a note's "2024-03-15", a date typed as text) is
    # no stamp and costs nothing; a set of every such cell had held ~240 MB for a million rows.
    rows = [["Date", "Close", "Note"],
            [datetime(2024, 5, 1), 10.5, "2024-03-15"],
            ["2024-05-02", 11.5, "2024-03-15"],
            [datetime(2024, 5, 3, 14, 52), 12.5, "2024-03-15"],
            [datetime(2024, 5, 6), 13.5, None]]
    marks = read_sheet(workbook(rows)).midnight_days
    assert list(marks) == [0]
    assert marks[0].dtype == np.int32 and marks[0].tolist() == [1, 4]


def test_corrupt_workbook_is_a_problem_not_an_exception():
    s = detect_bytes(b"PK\x03\x04 not really a zip", "broken.xlsx")
    assert s.problem.startswith("unreadable workbook")


@pytest.mark.parametrize(("writer", "name", "kind"), [
    ("xls", "prices.xls", "xls"), ("xls", "prices.csv", "xls"),  # an old workbook saved under a .csv name
    ("xlsb", "prices.xlsb", "xlsb"), ("xlsb", "prices.bin", "xlsb"),
    ("ods", "prices.ods", "ods"), ("ods", "prices.zip", "ods"),
])
def test_workbook_format_by_content(writer, name, kind):
    data = getattr(workbooks, writer)({"Prices": [["Date", "Close"], [date(2020, 1, 2), 1.5]]})
    assert workbook_format(data, name) == kind and is_workbook(data, name)


def test_workbook_format_of_xlsx_and_xlsm_with_macros():
    assert workbook_format(workbook(ROWS), "p.bin") == "xlsx"
    # an .xlsm's macros are xl/vbaProject.bin: a .bin part, but no binary workbook
    zipped = io.BytesIO()
    with zipfile.ZipFile(zipped, "w") as z:
        z.writestr("xl/workbook.xml", "<workbook/>")
        z.writestr("xl/vbaProject.bin", b"\x00")
    assert workbook_format(zipped.getvalue(), "macros.xlsm") == "xlsx"


@pytest.mark.parametrize(("data", "name", "kind"), [
    (b"PK\x03\x04 names beyond the sniffed bytes", "p.ods", "ods"),  # a zip: its name tells its kind
    (b"PK\x03\x04 names beyond the sniffed bytes", "p.xlsb", "xlsb"),
    (b"PK\x03\x04 a zip of CSV files", "p.csv", None),  # binary, as before
    (b"Date\tClose\n2020-01-02\t1.5\n", "export.xls", None),  # a web export named .xls is text
    (b"Date,Close\n2020-01-02,1.5\n", "export.xlsx", None),  # and named .xlsx
    (b"", "empty.xlsx", None),  # the text reader's empty file
])
def test_workbook_format_by_name_only_for_zips(data, name, kind):
    assert workbook_format(data, name) == kind


def test_a_tab_separated_export_named_xls_is_read_as_text():
    s = detect_bytes(b"Date\tClose\n2020-01-02\t1.5\n2020-01-03\t1.6\n", "aapl.xls")
    assert (s.file_format, s.delimiter, s.problem) == ("csv", "\t", None)


def _days(n: int) -> list[date]:
    """n weekdays from 2024-01-02."""
    out, d = [], date(2024, 1, 2)
    while len(out) < n:
        if d.weekday() < 5:
            out.append(d)
        d = date.fromordinal(d.toordinal() + 1)
    return out


def _loaded(data: bytes, name: str = "p.xlsx"):
    from backintime_assets.normalisation import normalise_bytes

    result = normalise_bytes(data, detect_bytes(data, name), name)
    assert result.file_problem is None
    return result


@pytest.mark.parametrize("error", ["#SPILL!", "#GETTING_DATA", "#CONNECT!", "#BUSY!", "#FIELD!", "#CALC!"])
def test_a_cell_holding_an_excel_365_error_does_not_cost_the_workbook(error):
    # Excel 365's error values (a blocked dynamic array, an add-in's formula still loading when the
    # file was saved): calamine refused the whole workbook ("unreadable workbook: CalamineError").
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Date", "Close", "Volume", "Signal"])
    for k, d in enumerate(_days(10)):
        ws.append([d, 100.25 + k, 1000 + k, 0.5])
    ws["D3"].value, ws["D3"].data_type = error, "e"  # as Excel stores it: <c t="e"><v>#SPILL!</v></c>
    ws["B5"].value, ws["B5"].data_type = error, "e"
    buf = io.BytesIO()
    wb.save(buf)
    result = _loaded(buf.getvalue())
    assert len(result.prices) == 9
    assert result.rejected.source_line.tolist() == [5]  # the close that was an error, with its reason
    assert result.prices.close.iloc[0] == 100.25


def test_a_notes_column_few_rows_fill_costs_no_row():
    # A hand-kept sheet's "Comment" column, filled on one day in twenty: a workbook stores no
    # trailing empty cell, so the other rows are a cell short. The table was taken as three
    # columns wide, and the commented day rejected ("wrong field count: expected 3, got 4").
    rows = [["Date", "Close", "Volume", "Comment"]] + [[d, 10.5 + k, 100 + k] for k, d in enumerate(_days(20))]
    rows[4].append("ex-dividend 0.24")
    s = detect_bytes(workbook(rows), "p.xlsx")
    assert [c.name for c in s.columns] == ["Date", "Close", "Volume", "Comment"]
    result = _loaded(workbook(rows))
    assert (len(result.prices), len(result.rejected)) == (20, 0)
    assert result.prices.close.iloc[3] == 13.5


@pytest.mark.parametrize("note", [["As of", date(2024, 2, 1)], ["Close"], ["Source: Bloomberg, prices in USD"]])
def test_a_note_beside_the_header_heads_no_column(note):
    # A label typed beside the header ("As of" and a date, a stray "Close", a source note) over
    # columns no row fills: taken as columns of their own, "As of" took the date and "Close" the
    # close, empty on every row, and each row was rejected ("missing value: date").
    rows = [["Date", "Price", "Volume", None, *note]] + [[d, 10.5 + k, 100 + k] for k, d in enumerate(_days(20))]
    s = detect_bytes(workbook(rows), "p.xlsx")
    assert [(c.name, c.canonical) for c in s.columns] == [("Date", "date"), ("Price", "close"), ("Volume", "volume")]
    result = _loaded(workbook(rows))
    assert (len(result.prices), len(result.rejected)) == (20, 0)
    assert result.prices.close.iloc[3] == 13.5


def test_header_names_wrapped_over_lines_in_their_cells_load():
    # Alt+Enter wraps a header cell ("Closing\nPrice"): the name reads with a space, and the rows load.
    # Kept, the line break split the row's raw text, and the whole file failed as an internal error.
    days = _days(5)
    rows = [["Trade\nDate", "Opening\nPrice", "Closing\r\nPrice", "Shares\nTraded"]]
    rows += [[d, 40.5 + k, 41.25 + k, 1000 + k] for k, d in enumerate(days)]
    data = workbook(rows)
    schema = detect_bytes(data, "p.xlsx")
    assert [c.name for c in schema.columns] == ["Trade Date", "Opening Price", "Closing Price", "Shares Traded"]
    assert [c.canonical for c in schema.columns] == ["date", "open", "close", "volume"]
    result = _loaded(data)
    assert result.rejected.empty
    assert result.prices.close.tolist() == [41.25 + k for k in range(5)]
    assert result.prices.open.tolist() == [40.5 + k for k in range(5)]


def test_a_header_merged_over_two_rows_names_the_prices_of_its_second_row():
    # "Price (USD)" merged over Open..Close, "Date" and "Volume" merged down: the second row stores no
    # trailing empty cell, and read as a short data row, it was skipped and the open loaded as the close.
    days = _days(4)
    rows = [["Daily prices of JNJ"], [], ["Date", "Price (USD)", None, None, None, "Volume"],
            [None, "Open", "High", "Low", "Close"]]
    rows += [[d, 160.0 + k, 161.5 + k, 159.25 + k, 160.75 + k, 5000 + k] for k, d in enumerate(days)]
    wb = openpyxl.load_workbook(io.BytesIO(workbook(rows)))
    for merged in ("B3:E3", "A3:A4", "F3:F4"):
        wb.active.merge_cells(merged)
    buf = io.BytesIO()
    wb.save(buf)
    data = buf.getvalue()
    schema = detect_bytes(data, "jnj.xlsx")
    assert (schema.header_row, schema.data_start_line) == (2, 4)
    assert [c.canonical for c in schema.columns] == ["date", "open", "high", "low", "close", "volume"]
    result = _loaded(data, "jnj.xlsx")
    assert result.rejected.empty
    assert result.prices.close.tolist() == [160.75 + k for k in range(4)]
    assert result.prices.open.tolist() == [160.0 + k for k in range(4)]


def test_dates_typed_as_text_beside_date_cells_load():
    # A hand-kept sheet: date cells (read as ISO dates), the latest days typed as text "dd/mm/yyyy".
    # The column took the ISO layout, and the typed days were rejected as unparseable.
    days = _days(30)
    rows = [["Date", "Close", "Volume"]]
    rows += [[d if k < 24 else d.strftime("%d/%m/%Y"), 10.5 + k, 100 + k] for k, d in enumerate(days)]
    result = _loaded(workbook(rows))
    assert result.rejected.empty
    assert result.prices.date.dt.date.tolist() == days


def test_a_cover_sheet_of_dated_fields_is_not_taken_for_the_table():
    # A broker's export: a cover sheet ("Account", "Generated" and a date) before the price sheet.
    # Dated, the cover was taken for the table, and the price sheet's every row rejected.
    days = _days(6)
    wb = openpyxl.Workbook()
    cover = wb.active
    cover.title = "Cover"
    for r in (["Example Securities Ltd"], ["Account", "12345678"], ["Report", "Price history"],
              ["Generated", datetime(2024, 2, 1)], ["Disclaimer: for information only."]):
        cover.append(r)
    prices = wb.create_sheet("Prices")
    prices.append(["Date", "Open", "High", "Low", "Close", "Volume"])
    for k, d in enumerate(days):
        prices.append([d, 12.0 + k, 12.5 + k, 11.75 + k, 12.25 + k, 1000 + k])
    buf = io.BytesIO()
    wb.save(buf)
    data = buf.getvalue()
    assert detect_bytes(data, "vod.xlsx").sheet == "Prices"
    result = _loaded(data, "vod.xlsx")
    assert result.prices.date.dt.date.tolist() == days
    assert result.prices.close.tolist() == [12.25 + k for k in range(6)]
    assert result.rows_read == len(result.prices) + len(result.rejected)


def _summary_before(first: str, summary_rows: int, month_rows: int = 8) -> bytes:
    """A workbook of a first sheet `first` of each ticker's dated last close (`summary_rows` tickers)
    before a sheet of their days (`month_rows` weekdays of AAPL and MSFT)."""
    wb = openpyxl.Workbook()
    head = wb.active
    head.title = first
    head.append(["Ticker", "Date", "Close"])
    for k in range(summary_rows):
        head.append([f"T{k}" if k > 1 else ("AAPL", "MSFT")[k], datetime(2024, 1, 10), 999.0 - k])
    month = wb.create_sheet("Jan")
    month.append(["Date", "Ticker", "Close"])
    for k, d in enumerate(_days(month_rows)):
        month.append([d, "AAPL", 180.5 + k])
        month.append([d, "MSFT", 370.5 + k])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


@pytest.mark.parametrize("first, summary_rows, sheet", [
    # Each ticker's last close on a first "Summary" sheet: read as the table, its 999 loaded as AAPL's
    # close of 10 January and the month's sheet was rejected as another layout.
    ("Summary", 2, "Jan"), ("Übersicht", 2, "Jan"),
    # A first sheet of another name, or a summary longer than the later sheet: the table, as before.
    ("Prices", 2, "Prices"), ("Summary", 20, "Summary"),
])
def test_a_first_summary_sheet_leaves_the_table_to_a_later_longer_sheet_of_dated_prices(first, summary_rows, sheet):
    data = _summary_before(first, summary_rows)
    assert detect_bytes(data, "book.xlsx").sheet == sheet
    result = _loaded(data, "book.xlsx")
    aapl = result.prices[result.prices.ticker == "AAPL"]
    if sheet == "Jan":
        assert aapl.close.tolist() == [180.5 + k for k in range(8)]
        assert len(result.rejected) == summary_rows
    else:
        assert 999.0 in aapl.close.tolist()


@pytest.mark.parametrize("later", ["Benchmark", "History"])
def test_a_first_summary_sheet_of_a_fund_s_history_stays_the_table(later):
    # A fund's NAV day by day on "Summary" before a longer sheet: the benchmark's index had loaded as the
    # fund's (silent, since fdf7459); its history's own, its rows are the later sheet's (rejected or loaded).
    wb = openpyxl.Workbook()
    summary = wb.active
    summary.title = "Summary"
    summary.append(["Date", "NAV"])
    for k, d in enumerate(_days(12)):
        summary.append([d, 10.0 + k / 100])
    other = wb.create_sheet(later)
    other.append(["Date", "Close"])
    for k, d in enumerate(_days(30)):
        other.append([d, 4500.0 + k])
    buf = io.BytesIO()
    wb.save(buf)
    assert detect_bytes(buf.getvalue(), "fund.xlsx").sheet == "Summary"
    closes = _loaded(buf.getvalue(), "fund.xlsx").prices.close.tolist()
    assert closes[:12] == [10.0 + k / 100 for k in range(12)] and 4500.0 not in closes


@pytest.mark.parametrize("header, rows", [
    # A portfolio's value day by day, no close: kept as the table, the file was refused and the tickers'
    # sheets left unread (loud, since 0387d7c).
    (["Date", "Portfolio Value"], [[d, 100000 + 500 * k] for k, d in enumerate(_days(12))]),
    # Two tickers' last ten closes: a summary of the sheets after it, which it had left rejected.
    (["Date", "Ticker", "Close"], [[d, t, 999.0] for d in _days(10) for t in ("AAPL", "MSFT")]),
])
def test_a_first_summary_sheet_of_no_one_series_leaves_the_table_to_the_tickers_sheets(header, rows):
    wb = openpyxl.Workbook()
    summary = wb.active
    summary.title = "Summary"
    for row in [header, *rows]:
        summary.append(row)
    month = wb.create_sheet("Jan")
    month.append(["Date", "Ticker", "Close"])
    for k, d in enumerate(_days(30)):
        month.append([d, "AAPL", 180.5 + k])
        month.append([d, "MSFT", 370.5 + k])
    buf = io.BytesIO()
    wb.save(buf)
    assert detect_bytes(buf.getvalue(), "book.xlsx").sheet == "Jan"
    prices = _loaded(buf.getvalue(), "book.xlsx").prices
    assert prices[prices.ticker == "AAPL"].close.tolist() == [180.5 + k for k in range(30)]


def _typed_into_other_order(d: date, day_first: bool = True):
    """A cell once `d`, typed day first (or month first), is read by Excel set to the other order: a
    date cell, day and month swapped, where it reads as a date; the text as typed where not."""
    if d.day <= 12:
        return datetime(d.year, d.day, d.month)
    return d.strftime("%d/%m/%Y" if day_first else "%m/%d/%Y")


def _weekdays(start: date, n: int) -> list[date]:
    out, d = [], start
    while len(out) < n:
        if d.weekday() < 5:
            out.append(d)
        d = date.fromordinal(d.toordinal() + 1)
    return out


def test_dates_typed_day_first_into_a_month_first_excel_load_on_their_days():
    # "05/01/2023" (5 January) typed into US Excel became the date cell 1 May, "13/01/2023" stayed text.
    # The cells loaded as stored: 1 May, 1 October, ... each a day of its own making, a few rejected as
    # weekends, the rest loaded on the wrong day without a word.
    days = _weekdays(date(2022, 12, 1), 45)
    rows = [["Date", "Close", "Volume"]] + [[_typed_into_other_order(d), 10.0 + k, 100 + k] for k, d in enumerate(days)]
    data = workbook(rows)
    column = detect_bytes(data, "p.xlsx").columns[0]
    assert column.format == "%d/%m/%Y"
    cells = sum(d.day <= 12 for d in days)
    assert column.swapped_cells.startswith(f"{cells} ISO dates (date cells) read with day and month swapped")
    result = _loaded(data)
    assert result.rejected.empty
    assert result.prices.date.dt.date.tolist() == days
    assert result.prices.close.tolist() == [10.0 + k for k in range(45)]


def test_dates_typed_month_first_into_a_day_first_excel_newest_first_load_on_their_days():
    days = _weekdays(date(2021, 3, 1), 40)[::-1]
    rows = [["Date", "Close"]] + [[_typed_into_other_order(d, day_first=False), 10.0 + k] for k, d in enumerate(days)]
    data = workbook(rows)
    column = detect_bytes(data, "p.xlsx").columns[0]
    assert column.format == "%m/%d/%Y" and column.swapped_cells is not None
    result = _loaded(data)
    assert result.rejected.empty
    assert result.prices.date.dt.date.tolist() == days


def test_a_long_table_of_tickers_typed_day_first_into_a_month_first_excel_loads_on_its_days():
    # Sorted by ticker: each ticker's dates start again, two steps back among 90 that are in order.
    days = _weekdays(date(2023, 1, 2), 30)
    rows = [["Ticker", "Date", "Close"]]
    rows += [[t, _typed_into_other_order(d), 10.0 + k] for t in ("AAA", "BBB", "CCC") for k, d in enumerate(days)]
    result = _loaded(workbook(rows))
    assert result.rejected.empty
    assert sorted(result.prices.date.dt.date.tolist()) == sorted(days * 3)
    assert result.prices[result.prices.ticker == "BBB"].date.dt.date.tolist() == days


def test_a_sheet_of_date_cells_alone_reads_as_stored_though_swapped_they_would_run_in_order():
    # 9 to 12 January then 2 to 6 February typed day first would be stored so: read swapped they run in
    # order, as stored they do not. No typed date says the sheet was typed in the other order: as stored.
    stored = [date(2023, m, d) for d, m in ((9, 1), (10, 1), (11, 1), (12, 1), (2, 2), (3, 2), (6, 2))]
    rows = [["Date", "Close"]] + [[datetime(d.year, d.day, d.month), 10.0 + k] for k, d in enumerate(stored)]
    data = workbook(rows)
    column = detect_bytes(data, "p.xlsx").columns[0]
    assert column.format == "%Y-%m-%d" and column.swapped_cells is None
    from backintime_assets.normalisation import normalise_bytes

    result = normalise_bytes(data, detect_bytes(data, "p.xlsx"), "p.xlsx")
    # Stepping a month a row as stored, the sheet reads as monthly bars: refused, its rows rejected so.
    assert result.file_problem.startswith("monthly bars")
    assert len(result.prices) == 0 and len(result.rejected) == len(stored)


def test_date_cells_then_text_dates_in_order_as_stored_are_not_swapped():
    # A month's first days entered as date cells, its later ones typed as text: in order as stored.
    days = _weekdays(date(2023, 3, 1), 22)
    rows = [["Date", "Close"]] + [[datetime(d.year, d.month, d.day) if d.day <= 12 else d.strftime("%d/%m/%Y"),
                                   10.0 + k] for k, d in enumerate(days)]
    data = workbook(rows)
    assert detect_bytes(data, "p.xlsx").columns[0].swapped_cells is None
    result = _loaded(data)
    assert result.rejected.empty
    assert result.prices.date.dt.date.tolist() == days


def test_a_second_sheet_of_swapped_cells_and_one_of_true_date_cells_load_on_their_days():
    # The schema's sheet read swapped; its sheets in the layout read so too, unless their own cells
    # do not (real date cells, days above 12): read alone, and restated in the schema's format.
    first, second, third = _weekdays(date(2022, 10, 3), 40), _weekdays(date(2023, 1, 2), 40), \
        _weekdays(date(2023, 3, 1), 40)
    wb = openpyxl.Workbook()
    for title, days, swapped in (("2022", first, True), ("2023", second, True), ("Later", third, False)):
        ws = wb.active if title == "2022" else wb.create_sheet(title)
        ws.title = title
        ws.append(["Date", "Close"])
        for k, d in enumerate(days):
            ws.append([_typed_into_other_order(d) if swapped else datetime(d.year, d.month, d.day), 10.0 + k])
    buf = io.BytesIO()
    wb.save(buf)
    result = _loaded(buf.getvalue())
    assert result.rejected.empty
    assert sorted(result.prices.date.dt.date.tolist()) == first + second + third


def _two_sheets(first: list, second: list) -> bytes:
    wb = openpyxl.Workbook()
    for title, cells in (("2022", first), ("2023", second)):
        ws = wb.active if title == "2022" else wb.create_sheet(title)
        ws.title = title
        ws.append(["Date", "Close"])
        for k, cell in enumerate(cells):
            ws.append([cell, 10.0 + k])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def test_a_sheet_of_true_date_cells_of_a_months_first_days_beside_a_swapped_one_reads_as_stored():
    # The schema's sheet read swapped; a sheet of true date cells of 2 to 12 January read so too, every
    # cell on a day up to 12 (so none failed): 1 February ... 1 December, without a word. Swapped
    # they step a month each, as stored a day: the sheet's own cells are not swapped.
    first, second = _weekdays(date(2022, 9, 1), 60), _weekdays(date(2023, 1, 2), 9)
    data = _two_sheets([_typed_into_other_order(d) for d in first], [datetime(d.year, d.month, d.day) for d in second])
    assert detect_bytes(data, "p.xlsx").columns[0].swapped_cells is not None
    result = _loaded(data)
    assert result.rejected.empty
    assert sorted(result.prices.date.dt.date.tolist()) == first + second
    # A sheet of those days typed in the other order, date cells alone, reads swapped as the schema's.
    data = _two_sheets([_typed_into_other_order(d) for d in first], [_typed_into_other_order(d) for d in second])
    result = _loaded(data)
    assert result.rejected.empty
    assert sorted(result.prices.date.dt.date.tolist()) == first + second


def test_a_swapped_sheet_beside_one_read_as_stored_in_the_same_day_first_format_reads_swapped():
    # The schema's sheet: true date cells of each month's first days, text dates typed day first after
    # (in order as stored: not swapped). The next sheet typed day first into US Excel: its cells read
    # as stored, parsed every one, a third loaded on wrong days.
    first, second = _weekdays(date(2022, 9, 1), 60), _weekdays(date(2023, 1, 2), 60)
    data = _two_sheets([datetime(d.year, d.month, d.day) if d.day <= 12 else d.strftime("%d/%m/%Y") for d in first],
                       [_typed_into_other_order(d) for d in second])
    column = detect_bytes(data, "p.xlsx").columns[0]
    assert column.format == "%d/%m/%Y" and column.swapped_cells is None
    result = _loaded(data)
    assert result.rejected.empty
    assert sorted(result.prices.date.dt.date.tolist()) == first + second


def test_a_field_merged_over_its_tickers_columns_names_each_of_them():
    # pandas' to_excel of yf.download(["AAPL", "MSFT"]): "Close" merged over both tickers' columns is
    # stored in the first cell alone; read empty, the second column was named by no field and the
    # tickers side by side were refused. Merged, the field is each column's, as Excel shows it.
    days = _days(4)
    rows = [["Price", "Close", None, "Volume", None], ["Ticker", "AAPL", "MSFT", "AAPL", "MSFT"], ["Date"]]
    rows += [[d, 185.5 + k, 370.25 + k, 5000 + k, 2000 + k] for k, d in enumerate(days)]
    wb = openpyxl.load_workbook(io.BytesIO(workbook(rows)))
    for merged in ("B1:C1", "D1:E1"):
        wb.active.merge_cells(merged)
    buf = io.BytesIO()
    wb.save(buf)
    result = _loaded(buf.getvalue(), "download.xlsx")
    prices = result.prices.sort_values(["ticker", "date"])
    assert prices.ticker.tolist() == ["AAPL"] * 4 + ["MSFT"] * 4
    assert prices.close.tolist() == [185.5 + k for k in range(4)] + [370.25 + k for k in range(4)]
    assert prices.volume.tolist() == [5000 + k for k in range(4)] + [2000 + k for k in range(4)]


@pytest.mark.parametrize("header", [
    [["Price", "Close", "Volume"], ["Ticker", "AAPL", "AAPL"], ["Date"]],  # yf.download("AAPL").to_excel()
    [["Price", "Close", "Volume"], ["Ticker", "7203.T", "7203.T"], ["日付"]],
    [["Ticker", "AAPL", "AAPL"], ["Price", "Close", "Volume"], ["Date"]],  # group_by="ticker"
])
def test_pandas_row_of_the_index_name_under_a_header_of_levels_is_the_headers(header):
    # pandas writes the index's name on a row of its own under a header of several rows; a sheet
    # keeps "Date" alone (its empty cells left out), and taken for a damaged first data row it was
    # rejected as an unparseable date: a row that is no data, counted as one.
    days = _days(4)
    result = _loaded(workbook([*header, *[[d, 185.5 + k, 5000 + k] for k, d in enumerate(days)]]))
    assert result.rows_read == 4 and len(result.rejected) == 0
    assert result.prices.close.tolist() == [185.5 + k for k in range(4)]
    assert result.prices.date.dt.date.tolist() == days


@pytest.mark.parametrize("short", [[date(2024, 1, 1)], ["(USD)"], ["AAPL"], ["Date", "Close"]])
def test_a_short_row_under_the_header_naming_no_index_stays_a_row_to_reject(short):
    # A day's date alone (a holiday's), a unit, a ticker, the header repeated in part ("Close" over
    # the open): no index's name; the row is read and rejected, and the open loads as no close.
    days = _days(4)
    rows = [["Date", "Open", "Close", "Volume"], short, *[[d, 1.5 + k, 2.5 + k, 100 + k] for k, d in enumerate(days)]]
    result = _loaded(workbook(rows))
    assert result.rows_read == 5 and len(result.rejected) == 1
    assert result.prices.close.tolist() == [2.5 + k for k in range(4)]


@pytest.mark.parametrize("header, first", [
    (["Date", "Close"], [45292]),  # FRED's 1 January, its value blank, dates kept as General serials
    (["observation_date", "SP500"], [45292]),
    (["Date", "Close"], [45292, "ND"]),
    (["Date", "Close"], [45300]),  # newest first: the day after the run
])
def test_a_serial_dated_first_row_without_a_value_is_a_row_to_reject(header, first):
    # A short sample types the serials as integers: the day's row, its value blank, was taken for a
    # header row, skipped unseen (rows read missed it), or named the prices "SP500 45292" and the
    # file was refused for no close column.
    closes = [4742.96, 4704.81, 4688.68, 4697.24, 4697.5]
    serials = [45293, 45294, 45295, 45296, 45299]  # 2024-01-02 .. 2024-01-08, weekdays
    if first[0] > serials[-1]:
        serials, closes = serials[::-1], closes[::-1]
    result = _loaded(workbook([header, first, *[[s, c] for s, c in zip(serials, closes)]]))
    assert result.rows_read == 6 and len(result.rejected) == 1
    assert result.rejected.reason.iloc[0].split(":")[0] in ("missing value", "unparseable value")
    assert result.prices.close.tolist() == closes
    assert result.prices.date.dt.date.tolist() == [date(1899, 12, 30) + timedelta(s) for s in serials]


def test_an_index_names_row_set_off_from_the_levels_is_no_header_of_its_own():
    # Under a blank line (or a title), "Date" closes no header of levels: taken for the header's
    # only row it left "Price,Close" and "Ticker,AAPL" unread, and the file was refused for no close
    # column. Passed as a damaged first data row, the levels above it name the prices.
    days = _days(4)
    rows = [["Price", "Close", "Volume"], ["Ticker", "AAPL", "AAPL"], [], ["Date"],
            *[[d, 185.5 + k, 5000 + k] for k, d in enumerate(days)]]
    result = _loaded(workbook(rows))
    assert result.rows_read == 5 and len(result.rejected) == 1
    assert result.prices.close.tolist() == [185.5 + k for k in range(4)]
    assert result.prices.ticker.unique().tolist() == ["AAPL"]


def test_a_title_merged_across_the_table_is_read_once():
    # Alone on its row, a merged title written in each of its cells would read as a row of names.
    rows = [["Apple Inc. daily prices"], ["Date", "Close"], *[[d, 100.5 + k] for k, d in enumerate(_days(3))]]
    wb = openpyxl.load_workbook(io.BytesIO(workbook(rows)))
    wb.active.merge_cells("A1:B1")
    buf = io.BytesIO()
    wb.save(buf)
    assert read_sheet(buf.getvalue()).rows[0] == ["Apple Inc. daily prices"]


def _merged(rows, *ranges) -> bytes:
    wb = openpyxl.load_workbook(io.BytesIO(workbook(rows)))
    for merged in ranges:
        wb.active.merge_cells(merged)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def test_a_name_merged_over_an_unnamed_column_of_numbers_names_it_once():
    # "Close" merged over the close and an unnamed change column beside it: no row below names the
    # second column, and written in it, the change read as a second close and the file was refused.
    rows = [["Date", "Close", None, "Volume"], *[[d, 100.5 + k, 0.5, 1000 + k] for k, d in enumerate(_days(4))]]
    data = _merged(rows, "B1:C1")
    assert read_sheet(data).rows[0] == ["Date", "Close", "", "Volume"]
    assert _loaded(data).prices.close.tolist() == [100.5 + k for k in range(4)]


def test_a_note_merged_over_a_days_prices_costs_that_day_alone():
    # A hand-kept book's "Market closed" merged over a holiday's price cells, its date beside: written
    # in each cell it read as several closes side by side, and every row was refused.
    rows = [["Date", "Open", "High", "Low", "Close", "Volume"]]
    for k, d in enumerate(_days(5)):
        rows.append([d, "Market closed"] if k == 2 else [d, 100.0 + k, 101.0 + k, 99.0 + k, 100.5 + k, 1000 + k])
    result = _loaded(_merged(rows, "B4:F4"))
    assert result.prices.close.tolist() == [100.5, 101.5, 103.5, 104.5]
    assert len(result.rejected) == 1


# Tokyo's codes typed as numbers, Seoul's as texts of digits: no letter names them, and undated, two
# thirds of the rows were rejected for their missing date (f18a623).
# A code a small fraction of the top one's, beside its own price, is no change of it (9984, 1301).
@pytest.mark.parametrize("names", [("AAPL", "MSFT", "GOOG"), (7203, 9984, 6758), ("005930", "035420", "000660"),
                                   (9984, 1301, 1605)])
def test_a_date_merged_down_over_its_tickers_rows_dates_each_of_them(names):
    # An office's day written once, merged over the rows of its three tickers: stored in the top cell
    # alone, the rows below read undated and were rejected for it. "Date" merged down over a header's
    # two rows stays read once (test_a_header_merged_over_two_rows_names_the_prices_of_its_second_row).
    rows = [["Date", "Ticker", "Close"]]
    for k, d in enumerate(_days(2)):
        rows += [[d, names[0], 180.5 + k], [None, names[1], 370.5 + k], [None, names[2], 140.5 + k]]
    result = _loaded(_merged(rows, "A2:A4", "A5:A7"))
    assert result.rejected.empty
    loaded = result.prices.sort_values(["date", "close"])
    assert loaded.ticker.tolist() == [str(names[k]) for k in (2, 0, 1)] * 2
    assert loaded.close.tolist() == [140.5, 180.5, 370.5, 141.5, 181.5, 371.5]
    assert loaded.date.astype(str).tolist() == [str(d) for d in _days(2) for _ in range(3)]


# A whole change and its volume's under a whole close and volume, as a code under another's would be
# (refused whole as an unnamed series since 6fe6d09).
@pytest.mark.parametrize("header, top, change", [(["Date", "Close"], [100.5], [0.0125]),
                                                 (["Date", "Close", "Volume"], [100, 5000], [2, 300])])
def test_a_date_merged_down_over_rows_of_no_name_leaves_them_undated(header, top, change):
    # A day's close and, below it, its change (0.0125) under one merged date, then a blank spacer row:
    # dated, the change read as a second close of the day and both were refused as an unnamed series
    # (the right close lost), and the spacer was rejected as a row. The closes load, the changes alone
    # are rejected for their missing date, the spacers are no rows.
    rows = [header]
    for k, d in enumerate(_days(3)):
        rows += [[d, top[0] + k, *top[1:]], [None, *change], [None, None]]
    result = _loaded(_merged(rows, "A2:A4", "A5:A7", "A8:A10"))
    assert result.prices.close.tolist() == [top[0] + k for k in range(3)]
    assert result.prices.date.astype(str).tolist() == [str(d) for d in _days(3)]
    assert result.rejected.reason.tolist() == ["missing value: date"] * 3


def _labelled_block(label: str, merged: str) -> bytes:
    rows = [[None, label], ["Date", "Open", "High", "Low", "Close", "Volume"]]
    rows += [[d, 100.0 + k, 101.0 + k, 99.0 + k, 100.5 + k, 1000 + k] for k, d in enumerate(_days(5))]
    return _merged(rows, merged)


@pytest.mark.parametrize("name", ["prices.xlsx", "Book1.xlsx"])
def test_a_ticker_merged_over_the_prices_names_their_ticker(name):
    # A keeper's one-ticker block: "AAPL" merged over Open..Volume, the date left of it. The label was
    # read as a title, and the rows loaded under the file's name (PRICES, BOOK1).
    result = _loaded(_labelled_block("AAPL", "B1:F1"), name)
    assert set(result.prices.ticker) == {"AAPL"} and len(result.prices) == 5


def test_a_ticker_merged_over_the_prices_beside_a_date_merged_down_names_them():
    # "Date" merged over two rows, "AAPL" merged over the fields on the first: the label was read as
    # each column's name ("AAPL", "AAPL_2", ...) and the rows loaded under the file's name. Two such
    # blocks side by side are two tickers, as before.
    rows = [["Date", "AAPL", None, None, None, "MSFT"], [None, "Open", "High", "Low", "Close", "Open", "High", "Low",
                                                         "Close"]]
    rows += [[d, 100.0 + k, 101.0 + k, 99.0 + k, 100.5 + k, 200.0 + k, 201.0 + k, 199.0 + k, 200.5 + k]
             for k, d in enumerate(_days(5))]
    one = [row[:5] for row in rows]
    result = _loaded(_merged(one, "A1:A2", "B1:E1"), "prices.xlsx")
    assert set(result.prices.ticker) == {"AAPL"} and result.prices.close.tolist() == [100.5 + k for k in range(5)]
    result = _loaded(_merged(rows, "A1:A2", "B1:E1", "F1:I1"), "prices.xlsx")
    assert result.prices.groupby("ticker").close.apply(list).to_dict() == {
        "AAPL": [100.5 + k for k in range(5)], "MSFT": [200.5 + k for k in range(5)]}


@pytest.mark.parametrize(("label", "merged"), [("AAPL", "A1:F1"), ("NASDAQ", "B1:F1"), ("USD", "B1:F1"),
                                               ("Daily prices", "B1:F1")])
def test_a_title_venue_or_currency_merged_over_the_prices_names_no_ticker(label, merged):
    # Merged over the whole table (the date too) a label is a title; a venue, a currency or words are
    # written over prices as well: the file's name stays the ticker.
    result = _loaded(_labelled_block(label, merged), "aapl.xlsx")
    assert set(result.prices.ticker) == {"AAPL"} and len(result.prices) == 5
    result = _loaded(_labelled_block(label, merged), "msft.xlsx")
    assert set(result.prices.ticker) == {"MSFT"}


def test_blocks_stacked_each_under_its_merged_ticker_are_not_all_the_firsts():
    # "AAPL" merged over a block's prices, "MSFT" over another block below on the same days: the first
    # label named the file's ticker, and MSFT's rows loaded under the file's name beside AAPL's (c262582),
    # where they had been rejected as several series in one. The first label names no ticker for all.
    from backintime_assets.normalisation import normalise_bytes

    rows = []
    for label, base in (("AAPL", 150.0), ("MSFT", 400.0)):
        rows += [[None, label], ["Date", "Open", "High", "Low", "Close", "Volume"]]
        rows += [[d, base + k, base + 1 + k, base - 1 + k, base + 0.5 + k, 1000 + k] for k, d in enumerate(_days(5))]
    data = _merged(rows, "B1:F1", "B8:F8")
    result = normalise_bytes(data, detect_bytes(data, "prices.xlsx"), "prices.xlsx")
    assert result.prices.empty and result.rejected.reason.str.startswith("unnamed series").sum() == 10


@pytest.mark.parametrize("label", ["PRICES", "DAILY", "HISTORICAL", "DATA", "QUOTES", "OHLC", "EOD", "RAW", "Q1",
                                   "FY2023", "N/A", "TBD"])
def test_a_word_for_the_block_merged_over_the_prices_names_no_ticker(label):
    # Written in capitals as a ticker is, a word for the block, a period or a missing value merged over
    # Open..Volume was taken for the ticker (c262582): aapl.xlsx's rows loaded as security PRICES, DAILY...
    result = _loaded(_labelled_block(label, "B1:F1"), "aapl.xlsx")
    assert set(result.prices.ticker) == {"AAPL"} and len(result.prices) == 5


def _formulas(close_formula: bool, sheet: str = "Prices") -> bytes:
    """Date, Price, Close, Return as a script writes them with openpyxl: formulas, no values."""
    rows = [["Date", "Price", "Close", "Return"]]
    for k, d in enumerate(_days(5)):
        close = f"=ROUND(B{k + 2}*1.01,2)" if close_formula else 101.0 + k
        rows.append([d, 100.0 + k, close, f"=C{k + 2}/C{k + 1}-1" if k else None])
    return workbook(rows, sheets=(sheet,))


def _prefixed(data: bytes) -> bytes:
    """`data` with its sheets' elements written with a namespace prefix (<x:c>, <x:f>), as Microsoft's
    Open XML SDK writes them."""
    book, out = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(out, "w") as written:
        for item in book.infolist():
            body = book.read(item.filename)
            if item.filename.startswith("xl/worksheets/"):
                body = re.sub(rb"<(/?)(?!\?|x:)(\w+)", rb"<\1x:\2", body).replace(b"xmlns=", b"xmlns:x=")
            written.writestr(item, body)
    return out.getvalue()


@pytest.mark.parametrize(("sheet", "prefixed"), [("P&L prices", False), ("Prices", True)])
def test_formulas_never_calculated_are_found_on_a_sheet_of_any_name_written_by_any_program(sheet, prefixed):
    # A sheet's name is stored escaped ("P&amp;L") and an SDK's cells prefixed (<x:c>): neither had been
    # searched, and the Price beside the close's formulas loaded as the close.
    data = _formulas(close_formula=True, sheet=sheet)
    data = _prefixed(data) if prefixed else data
    assert detect_bytes(data, "report.xlsx").problem.startswith("formulas never calculated: 5 cells of 'Close'")


def test_a_text_formulas_empty_value_excel_calculated_is_no_formula_never_calculated():
    # A book of the coming days' dates, each close "=IF(B4="","",B4*1.01)" of a price not yet typed:
    # Excel saves the formula's value, an empty text (t="str", <v></v>), which had read as never
    # calculated and refused the book. The days priced load; the others are rejected for their empty close.
    rows = [["Date", "Price", "Close"]]
    for k, d in enumerate(_days(5)):
        rows.append([d, 100.0 + k if k < 2 else None, f'=IF(B{k + 2}="","",ROUND(B{k + 2}*1.01,2))'])
    book, out = zipfile.ZipFile(io.BytesIO(workbook(rows))), io.BytesIO()
    with zipfile.ZipFile(out, "w") as saved:
        for item in book.infolist():
            body = book.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                for k in range(5):
                    cell, value = f'<c r="C{k + 2}">', f"<v>{round((100.0 + k) * 1.01, 2)}</v>" if k < 2 else "<v></v>"
                    start = body.index(cell.encode())
                    end = body.index(b"</c>", start)
                    formula = body[start + len(cell):end].replace(b"<v />", b"").replace(b"<v/>", b"")
                    kind = "" if k < 2 else ' t="str"'
                    body = body[:start] + f'<c r="C{k + 2}"{kind}>'.encode() + formula + value.encode() + body[end:]
            saved.writestr(item, body)
    result = _loaded(out.getvalue())
    assert result.prices.close.tolist() == [101.0, 102.01]
    assert len(result.rejected) == 3


def test_a_close_or_two_of_formulas_never_calculated_costs_their_rows_alone():
    # A hand-kept book's close typed as a formula on one day, the book since saved by a script: that
    # day's close reads empty and its row is rejected; the other days load, as they had.
    rows = [["Date", "Open", "Close"], *[[d, 100.0 + k, 100.5 + k] for k, d in enumerate(_days(6))]]
    rows[-1][2] = "=B7+1"
    result = _loaded(workbook(rows))
    assert result.prices.close.tolist() == [100.5 + k for k in range(5)]
    assert len(result.rejected) == 1


def test_a_close_column_of_formulas_never_calculated_refuses_the_file():
    # Every reader gives a formula without its value as an empty cell: the close column read as none,
    # and "Price", the formula's input, loaded as the close.
    from backintime_assets.normalisation import normalise_bytes

    data = _formulas(close_formula=True)
    schema = detect_bytes(data, "report.xlsx")
    assert schema.problem == ("formulas never calculated: 5 cells of 'Close' hold a formula and no value (a"
                              " workbook written by a program and not saved by Excel since): open it in Excel"
                              " and save it, then migrate it again")
    result = normalise_bytes(data, schema, "report.xlsx")
    assert result.prices.empty and len(result.rejected) == 5 and result.file_problem == schema.problem


def test_formulas_never_calculated_outside_the_prices_cost_nothing():
    # A return column computed by formulas, read by no price: the closes beside it load.
    result = _loaded(_formulas(close_formula=False), "report.xlsx")
    assert result.prices.close.tolist() == [101.0 + k for k in range(5)]


def test_formulas_saved_by_excel_read_as_their_values():
    # Excel keeps each formula's last value beside it: the closes load, and nothing is refused.
    data = _formulas(close_formula=True)
    book = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as saved:
        for item in book.infolist():
            body = book.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                for k in range(5):
                    body = body.replace(f"<f>ROUND(B{k + 2}*1.01,2)</f><v />".encode(),
                                        f"<f>ROUND(B{k + 2}*1.01,2)</f><v>{101.0 + k}</v>".encode())
            saved.writestr(item, body)
    result = _loaded(out.getvalue(), "report.xlsx")
    assert result.prices.close.tolist() == [101.0 + k for k in range(5)]


def _saved_zeros(data: bytes, calculated_on_open: bool = True) -> bytes:
    """`data` (openpyxl's) with each formula's value a saved 0, as xlsxwriter (pandas' to_excel
    engine) writes it; `calculated_on_open` False: as a workbook Excel saved, which drops fullCalcOnLoad."""
    book, out = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(out, "w") as saved:
        for item in book.infolist():
            body = book.read(item.filename)
            if item.filename.startswith("xl/worksheets/"):
                body = body.replace(b"<v />", b"<v>0</v>").replace(b"<v/>", b"<v>0</v>")
            if item.filename == "xl/workbook.xml" and not calculated_on_open:
                body = re.sub(rb'\s*fullCalcOnLoad="1"', b"", body)
            saved.writestr(item, body)
    return out.getvalue()


def test_formulas_saved_as_0_by_their_writer_are_formulas_never_calculated():
    # xlsxwriter saves 0 as each formula's value and has Excel calculate them on opening: every close
    # read as 0 and every row was rejected as a non-positive price, no word of formulas.
    data = _saved_zeros(_formulas(close_formula=True))
    assert detect_bytes(data, "report.xlsx").problem.startswith("formulas never calculated: 5 cells of 'Close'")


def test_a_volume_of_formulas_saved_as_0_is_never_loaded_as_0():
    # A report's volume in shares computed from lots (=B2*100), written by xlsxwriter: each read as a
    # volume of 0 and loaded so beside the right prices.
    rows = [["Date", "Close", "Lots", "Volume"]]
    rows += [[d, 100.5 + k, 1200 + k, f"=C{k + 2}*100"] for k, d in enumerate(_days(5))]
    data = _saved_zeros(workbook(rows))
    assert detect_bytes(data, "report.xlsx").problem.startswith("formulas never calculated: 5 cells of 'Volume'")


def test_a_few_volumes_of_formulas_saved_as_0_refuse_the_file():
    # A script appended its last days' volumes as formulas (=E6+1000), written by xlsxwriter: those
    # days loaded a volume of 0 beside their right prices. A close so written is rejected for its 0.
    rows = [["Date", "Close", "Volume"]] + [[d, 100.5 + k, 1000 + k] for k, d in enumerate(_days(6))]
    rows[6][2] = "=C6+1000"
    data = _saved_zeros(workbook(rows))
    assert detect_bytes(data, "report.xlsx").problem.startswith("formulas never calculated: 1 cells of 'Volume'")
    rows = [["Date", "Close", "Volume"]] + [[d, 100.5 + k, 1000 + k] for k, d in enumerate(_days(6))]
    rows[6][1] = "=B6+1"
    result = _loaded(_saved_zeros(workbook(rows)), "report.xlsx")
    assert result.prices.close.tolist() == [100.5 + k for k in range(5)] and len(result.rejected) == 1


def test_the_last_volumes_of_a_long_sheet_of_formulas_saved_as_0_refuse_the_file():
    # A script appended its last days' volumes as formulas at the end of a sheet longer than the rows
    # detection reads first (XLSX_HEAD_ROWS): only those were looked at, and the days loaded a volume of 0.
    from backintime_assets.detection.detect import XLSX_HEAD_ROWS

    n = XLSX_HEAD_ROWS + 100
    days = [date(2000, 1, 3) + timedelta(days=7 * (k // 5) + k % 5) for k in range(n)]
    rows = [["Date", "Close", "Volume"]] + [[d, 100.5 + k / 100, 1000 + k] for k, d in enumerate(days)]
    rows[-1][2] = f"=C{n}+1000"
    schema = detect_bytes(_saved_zeros(workbook(rows)), "report.xlsx")
    assert schema.problem.startswith("formulas never calculated: 1 cells of 'Volume'")


def test_a_months_subtotal_of_formulas_saved_as_0_costs_its_row_alone():
    # A script's book with a subtotal row after each month ("Month total", =SUM of the volumes, saved
    # 0 by xlsxwriter): the row is no day's prices, rejected for its date, and the days load.
    rows = [["Date", "Close", "Volume"]] + [[d, 100.5 + k, 1000 + k] for k, d in enumerate(_days(6))]
    rows.insert(4, ["Month total", "=AVERAGE(B2:B4)", "=SUM(C2:C4)"])
    result = _loaded(_saved_zeros(workbook(rows)), "report.xlsx")
    assert result.prices.volume.tolist() == [1000 + k for k in range(6)] and len(result.rejected) == 1


def test_a_formulas_0_excel_saved_is_its_value():
    # Excel saved the workbook: a formula's 0 is what it calculated, not a formula never calculated.
    rows = [["Date", "Close", "Volume"]] + [[d, 100.5 + k, 1000 + k] for k, d in enumerate(_days(5))]
    rows[3][2] = "=0*C4"
    result = _loaded(_saved_zeros(workbook(rows), calculated_on_open=False))
    assert result.prices.volume.tolist() == [1000, 1001, 0, 1003, 1004]


def _view_of_raw(view_volume: str, hidden_raw: bool = False, raw_formulas: bool = False,
                 view_close: str = "formula") -> bytes:
    """A script's "Summary" of formulas reading a "Raw" sheet of values (=Raw!B2), saved as 0 by
    xlsxwriter; `view_volume`, `view_close`: "formula" or "value" for the summary's volume and close."""
    wb = openpyxl.Workbook()
    view, raw = wb.active, wb.create_sheet("Raw")
    view.title = "Summary"
    for ws in (view, raw):
        ws.append(["Date", "Close", "Volume"])
    for k, d in enumerate(_days(5)):
        view.append([d, f"=Raw!B{k + 2}" if view_close == "formula" else 100.5 + k,
                     f"=Raw!C{k + 2}" if view_volume == "formula" else 1000 + k])
        raw.append([d, f"={100.5 + k}" if raw_formulas else 100.5 + k, 1000 + k])
    raw.sheet_state = "hidden" if hidden_raw else "visible"
    buf = io.BytesIO()
    wb.save(buf)
    return _saved_zeros(buf.getvalue())


@pytest.mark.parametrize("hidden_raw", [False, True])
def test_a_sheet_of_closes_never_calculated_viewing_a_sheet_of_values_leaves_that_one_the_table(hidden_raw):
    # The summary's closes and volumes are formulas saved as 0 reading the Raw sheet: the whole book was
    # refused as never calculated (b27c38e), where Raw's values had loaded before it. Raw is the table;
    # each summary row is rejected for its 0 close, none loads a 0 volume.
    from backintime_assets.normalisation import normalise_bytes

    data = _view_of_raw("formula", hidden_raw)
    schema = detect_bytes(data, "aapl.xlsx")
    assert schema.problem is None and schema.sheet == "Raw"
    result = normalise_bytes(data, schema, "aapl.xlsx")
    assert result.prices.close.tolist() == [100.5 + k for k in range(5)]
    assert result.prices.volume.tolist() == [1000 + k for k in range(5)]
    assert len(result.rejected) == 5 and result.rejected.reason.str.startswith("non-positive price").all()


@pytest.mark.parametrize(("view_volume", "raw_formulas"), [("value", True), ("formula", True)])
def test_a_sheet_of_formulas_never_calculated_beside_no_sheet_of_values_is_still_refused(view_volume, raw_formulas):
    # Raw's closes never calculated too: no sheet holds the values, the book is refused as before.
    schema = detect_bytes(_view_of_raw(view_volume, raw_formulas=raw_formulas), "aapl.xlsx")
    assert schema.problem.startswith("formulas never calculated")


def test_a_view_whose_volumes_alone_are_formulas_never_calculated_is_refused():
    # Its closes are values: its rows would load with a volume of 0, so the book is refused, not read from Raw.
    schema = detect_bytes(_view_of_raw("formula", view_close="value"), "aapl.xlsx")
    assert schema.problem.startswith("formulas never calculated: 5 cells of 'Volume'")


def _book_after_notes(notes_title: str, notes: list[list[str]], data_title: str):
    """A workbook whose first sheet holds `notes` (lines of a contents or notes sheet), and its empty data sheet."""
    wb = openpyxl.Workbook()
    wb.active.title = notes_title
    for line in notes:
        wb.active.append(line)
    return wb, wb.create_sheet(data_title)


def test_a_contents_sheet_before_a_dated_table_leaves_the_data_sheet_to_be_read():
    # EIA's spot price downloads: a "Contents" sheet of notes, then "Data 1" of dates and a series
    # named by its description. The notes were taken for the table: "no date or close column", and
    # no mapping could reach the prices. The dated table is the one read.
    wb, data_sheet = _book_after_notes("Contents", [["U.S. Energy Information Administration"],
                                                    ["Release Date: 1/10/2024"], ["Frequency: Daily"]], "Data 1")
    data_sheet.append(["Back to Contents", "Data 1: Cushing, OK WTI Spot Price FOB"])
    data_sheet.append(["Sourcekey", "RWTC"])
    data_sheet.append(["Date", "Cushing, OK WTI Spot Price FOB (Dollars per Barrel)"])
    for k, d in enumerate(_days(5)):
        data_sheet.append([d, 71.5 + k])
    buf = io.BytesIO()
    wb.save(buf)
    schema = detect_bytes(buf.getvalue(), "RWTCd.xlsx")
    assert schema.sheet == "Data 1"
    from backintime_assets.normalisation import normalise_bytes
    result = normalise_bytes(buf.getvalue(), schema, "RWTCd.xlsx")
    # Named by the row right above the dates, not by the sheet's title above its Sourcekey (stacked_words.py),
    # its name says what it holds: the day's spot price, loaded as the close.
    assert [c.name for c in schema.columns] == ["Date", "Cushing, OK WTI Spot Price FOB (Dollars per Barrel)"]
    assert result.file_problem is None
    assert result.prices["close"].tolist() == [71.5, 72.5, 73.5, 74.5, 75.5]


def test_typed_prices_of_three_decimals_beside_dates_written_as_text_day_first():
    # A German office's sheet: its dates text ("03.01.2005"), its prices typed numbers. The dotted dates
    # cast doubt on "12.345" as a CSV's would (Swiss decimals or grouped thousands?), and every price
    # was refused as text; a workbook's typed numbers are written by the program with a decimal dot.
    from backintime_assets.normalisation import normalise_bytes

    rows = [["Datum", "Schluss"], *[[f"0{d}.01.2005", 12.345 + d] for d in range(3, 8)]]
    data = workbook(rows)
    result = normalise_bytes(data, detect_bytes(data, "SAP.xlsx"), "SAP.xlsx")
    assert result.file_problem is None
    assert result.prices["close"].tolist() == [15.345, 16.345, 17.345, 18.345, 19.345]
    assert result.prices["date"].astype(str).tolist()[0] == "2005-01-03"


def test_prices_of_three_decimals_stored_as_text_beside_dotted_dates_keep_their_doubt():
    # Not typed: "4.537" stored as text beside "03.01.2005" is a German writer's as much as a program's,
    # 4537 as often as 4.537. Voted as typed (5bba947), the sheet loaded 3.537 .. 7.537 without a word.
    from backintime_assets.normalisation import normalise_bytes

    data = workbook([["Datum", "Schluss"], *[[f"0{d}.01.2005", f"{d}.537"] for d in range(3, 8)]])
    result = normalise_bytes(data, detect_bytes(data, "SAP.xlsx"), "SAP.xlsx")
    assert len(result.prices) == 0
    assert "Schluss" in result.file_problem


# A whole number pasted as text with a dot grouping its thousands, among the column's typed numbers: read
# as their decimal, a close of 1.233 between 1232.25 and 1234.25 and a volume of 5.001 among 5000's had
# loaded without a word. Beside typed numbers of its decimal reading's size, a "4.537" stays 4.537, and
# so does a "1.233" after a 1000:1 split, though most of the column's closes are of 1233's size.
@pytest.mark.parametrize("texts, typed, read", [
    ({3: "1.233"}, [1230.25 + k for k in range(6)], [1230.25, 1231.25, 1232.25, 1233.0, 1234.25, 1235.25]),
    ({1: "5.001", 4: "5.004"}, [5000 + k for k in range(6)], [5000, 5001, 5002, 5003, 5004, 5005]),
    ({2: "4.537"}, [4.5 + k / 100 for k in range(6)], [4.5, 4.51, 4.537, 4.53, 4.54, 4.55]),
    ({4: "1.233"}, [1230.25, 1231.25, 1232.25, 1.23, 0, 1.24], [1230.25, 1231.25, 1232.25, 1.23, 1.233, 1.24]),
])
def test_a_number_stored_as_text_reads_at_the_size_of_its_columns_typed_numbers(texts, typed, read):
    rows = [["Date", "Close"], *[[d, texts.get(k, typed[k])] for k, d in enumerate(_days(6))]]
    assert _loaded(workbook(rows)).prices.close.tolist() == pytest.approx(read)


def test_a_contents_sheet_before_a_refused_data_sheet_leaves_the_refusal_to_the_data_sheet():
    # EIA's weekly retail prices (real CSV round 29): "Contents" (a table of sheets and their frequency),
    # then "Data 1" of weekly prices, refused as weekly bars. The contents were taken for the table
    # instead, and refused as weekly bars on their word "Weekly": no column of the prices was named.
    wb, data_sheet = _book_after_notes("Contents", [
        ["Weekly Retail Gasoline Prices"], [], ["Sheet", "Frequency", "Description"],
        ["Data 1", "Weekly", "U.S. Regular Gasoline Prices"], ["Data 2", "Weekly", "U.S. Diesel Prices"]], "Data 1")
    data_sheet.append(["Back to Contents", "Data 1: Weekly U.S. prices"])
    data_sheet.append(["Sourcekey", "EMM_EPMR_PTE_NUS_DPG"])
    data_sheet.append(["Date", "Weekly U.S. Regular Gasoline Prices (Dollars per Gallon)"])
    for k in range(6):
        data_sheet.append([datetime(2024, 1, 1) + timedelta(weeks=k), 3.1 + k / 100])
    buf = io.BytesIO()
    wb.save(buf)
    schema = detect_bytes(buf.getvalue(), "PET_PRI_GND_DCUS_NUS_W.xlsx")
    assert schema.sheet == "Data 1"
    assert schema.problem.startswith("weekly bars")
    assert [c.canonical for c in schema.columns] == ["date", "close"]


def test_a_first_sheet_of_notes_leaves_the_table_to_a_later_sheet_of_numbers():
    # An exchange's monthly statistics (real CSV round 29): "Notes", lines of words, then "Equities" of
    # months and turnover, no day's date anywhere. The notes were reported as the file's table.
    wb, table = _book_after_notes("Notes", [["Monthly statistics - Cash market"], ["Figures in EUR million."],
                                            ["See sheet 'Equities'."]], "Equities")
    table.append(["Month", "Turnover EUR m", "Trades"])
    for k, month in enumerate(("Jan 2024", "Feb 2024", "Mar 2024", "Apr 2024")):
        table.append([month, 98000.5 + 1500 * k, 11200300 + 10000 * k])
    buf = io.BytesIO()
    wb.save(buf)
    schema = detect_bytes(buf.getvalue(), "stats.xlsx")
    assert schema.sheet == "Equities"
    assert [c.name for c in schema.columns] == ["Month", "Turnover EUR m", "Trades"]


def test_a_first_sheet_of_dated_prices_read_as_text_keeps_its_refusal_before_a_later_sheet_of_numbers():
    # Its dates and prices stored as text ("79.720" beside "18.03.2011": a dot's meaning in doubt), then a
    # "Summary" sheet of counts. Taken for a sheet of words alone (ef00d90), the first gave the table to the
    # summary, refused as having no date column: the prices' refusal, and how to read them, went unsaid.
    wb, summary = _book_after_notes("Prices", [["Datum", "Ticker", "Schluss"],
                                               *[[f"{d}.03.2011", "SAP", f"7{d}.720"] for d in range(14, 19)]],
                                     "Summary")
    summary.append(["Metric", "Value"])
    summary.append(["Rows", 5])
    buf = io.BytesIO()
    wb.save(buf)
    schema = detect_bytes(buf.getvalue(), "SAP.xlsx")
    assert schema.sheet == "Prices"
    from backintime_assets.normalisation import normalise_bytes
    assert "Schluss" in normalise_bytes(buf.getvalue(), schema, "SAP.xlsx").file_problem
