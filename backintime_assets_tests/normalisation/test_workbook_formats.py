"""Old and open workbook formats (.xls, .xlsb, .ods) load as .xlsx does: detected, every sheet
read, dates as dates; without calamine they are a clear file problem, not a crash."""
from datetime import date, timedelta

import pytest

from backintime_assets.detection import detect_bytes, detect_file, xlsx
from backintime_assets.detection.xlsx import SHEET_LINES
from backintime_assets.normalisation import normalise_bytes
from backintime_assets.normalisation.sheets import OTHER_SHEET
from backintime_assets_tests.support import workbooks

WRITERS = {"xls": workbooks.xls, "xlsb": workbooks.xlsb, "ods": workbooks.ods}
HEADER = ["Date", "Open", "High", "Low", "Close", "Volume"]


@pytest.fixture
def calamine(monkeypatch):
    pytest.importorskip("python_calamine")
    monkeypatch.setattr(xlsx, "ENGINE", "calamine")


def month(m: int, days=(4, 5, 6)) -> list[list]:
    rows = [[f"AAPL daily prices, month {m}"], [], HEADER]
    rows += [[date(2021, m, d), 100.25 + d, 101.5 + d, 99.75 + d, 100.5 + d, 1000 * d] for d in days]
    return rows + [["Total", None, None, None, None, 1000 * sum(days)]]


def run(data: bytes, name: str):
    schema = detect_bytes(data, name)
    return schema, normalise_bytes(data, schema, name)


@pytest.mark.parametrize("kind", sorted(WRITERS))
def test_each_format_loads_its_rows_with_dates_and_prices(kind, calamine):
    data = WRITERS[kind]({"Prices": month(1)})
    schema, r = run(data, f"aapl.{kind}")
    assert (schema.file_format, schema.sheet, schema.header_row, schema.footer_lines) == (kind, "Prices", 2, 1)
    assert schema.columns[0].type == "date"
    assert r.file_problem is None and r.rejected.empty
    assert r.prices.date.dt.date.tolist() == [date(2021, 1, 4), date(2021, 1, 5), date(2021, 1, 6)]
    assert r.prices.close.tolist() == [104.5, 105.5, 106.5] and r.prices.open.tolist() == [104.25, 105.25, 106.25]
    assert r.prices.volume.tolist() == [4000, 5000, 6000] and set(r.prices.ticker) == {"AAPL"}
    assert r.prices.source_line.tolist() == [4, 5, 6]
    assert dict(zip(r.non_data.source_line, r.non_data.reason)) == {1: "preamble", 2: "blank", 3: "header",
                                                                     7: "footer"}


def test_multi_sheet_xls_loads_every_month_and_keeps_notes_as_non_data(calamine):
    notes = [["Copied from the desk's old share, 2009"], ["Ask Maria about March"]]
    data = workbooks.xls({"Jan": month(1), "Feb": month(2, days=(1, 2, 3)), "Notes": notes})
    _, r = run(data, "aapl 2021.xls")
    assert r.file_problem is None and r.rejected.empty
    assert r.prices.date.dt.strftime("%m-%d").tolist() == ["01-04", "01-05", "01-06", "02-01", "02-02", "02-03"]
    assert r.prices.source_line.tolist() == [4, 5, 6, SHEET_LINES + 4, SHEET_LINES + 5, SHEET_LINES + 6]
    kinds = dict(zip(r.non_data.source_line, r.non_data.reason))
    assert kinds[2 * SHEET_LINES + 1] == kinds[2 * SHEET_LINES + 2] == OTHER_SHEET
    assert r.physical_lines == 7 + 7 + 2


def test_xls_serial_dates_without_a_date_format_are_dates(calamine):
    # A date typed as its serial number in a "General" cell: a number, read as an Excel serial.
    rows = [["Date", "Close"]] + [[44200 + k, 10.5 + k] for k in range(4)]
    schema, r = run(workbooks.xls({"Sheet1": rows}), "msft.xls")
    assert (schema.columns[0].type, schema.columns[0].format) == ("date", "excel_serial")
    assert r.prices.date.dt.date.tolist() == [date(2021, 1, 4), date(2021, 1, 5), date(2021, 1, 6), date(2021, 1, 7)]
    assert r.prices.close.tolist() == [10.5, 11.5, 12.5, 13.5]


def test_a_binary_xls_named_csv_is_read_as_the_workbook_it_is(calamine):
    data = workbooks.xls({"Prices": month(3, days=(3, 4, 5))})
    assert data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")
    schema, r = run(data, "aapl.csv")
    assert schema.file_format == "xls" and schema.encoding != "binary" and schema.problem is None
    assert r.file_problem is None and len(r.prices) == 3 and r.rejected.empty


@pytest.mark.parametrize(("stream", "problem"), [
    ("WordDocument", "unreadable workbook: a legacy Office file holding no workbook (a Word document?)"),
    ("EncryptedPackage", "unreadable workbook: password-protected"),  # an .xlsx with a password
])
@pytest.mark.parametrize("engine", ["calamine", "openpyxl"])
def test_a_legacy_office_file_that_is_no_readable_workbook_is_a_file_problem(stream, problem, engine, monkeypatch):
    monkeypatch.setattr(xlsx, "ENGINE", engine)
    name = stream.encode("utf-16-le") + b"\0\0"  # a directory entry: the name, then its length
    entry = name.ljust(64, b"\0") + len(name).to_bytes(2, "little")
    data = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504) + entry + bytes(100)
    schema, r = run(data, "prices.csv")
    assert schema.problem == problem and r.file_problem == problem
    assert r.prices.empty and r.rows_read == 0


def test_detect_file_reads_a_workbook_whole(tmp_path, calamine):
    path = tmp_path / "aapl.ods"
    path.write_bytes(workbooks.ods({"Prices": month(1)}))
    schema = detect_file(path)
    assert (schema.file_format, schema.header_row, schema.problem) == ("ods", 2, None)


@pytest.mark.parametrize("kind", sorted(WRITERS))
def test_without_calamine_the_format_is_a_clear_file_problem(kind, monkeypatch):
    data = WRITERS[kind]({"Prices": month(1)})
    monkeypatch.setattr(xlsx, "ENGINE", "openpyxl")
    schema, r = run(data, f"aapl.{kind}")
    problem = f"unreadable workbook: .{kind} needs python-calamine"
    assert schema.problem == problem and r.file_problem == problem and r.prices.empty


def test_a_schema_detected_with_calamine_but_read_without_it_is_a_clear_file_problem(monkeypatch, calamine):
    data = workbooks.xls({"Prices": month(1)})
    schema = detect_bytes(data, "aapl.xls")
    monkeypatch.setattr(xlsx, "ENGINE", "openpyxl")
    r = normalise_bytes(data, schema, "aapl.xls")
    assert r.file_problem == "unreadable workbook: .xls needs python-calamine" and r.prices.empty


def test_a_word_document_whose_text_names_a_book_is_no_workbook(calamine):
    # Text not in Latin-1 is stored as UTF-16, as stream names are: "Order Book" is no Book stream.
    xls = workbooks.xls({"Notes": [["Order Book \u2713"], ["Ask Maria about the Workbook \u2713"]]})
    data = workbooks.ole2_renamed(xls, "Workbook", "WordDocument")
    assert "Book".encode("utf-16-le") in data
    schema, r = run(data, "minutes.csv")
    problem = "unreadable workbook: a legacy Office file holding no workbook (a Word document?)"
    assert schema.problem == problem and r.file_problem == problem and r.rows_read == 0


def test_an_encrypted_xls_says_so(calamine):
    # Excel encrypts an .xls with a password, and one whose structure is protected (no password
    # asked); either is read once saved as .xlsx.
    data = workbooks.encrypted_xls({"Prices": month(1)})
    schema, r = run(data, "aapl.xls")
    problem = "unreadable workbook: encrypted .xls (a password or a protected workbook): save it as .xlsx"
    assert schema.problem == problem and r.file_problem == problem and r.prices.empty


@pytest.mark.parametrize("name", ["aapl.xlsx", "aapl.xlsm"])
def test_a_csv_export_named_as_a_workbook_loads_as_text(name, calamine):
    # Web applications name CSV downloads .xlsx as they name them .xls: the content decides.
    data = b"Date,Close\n2021-01-04,10.5\n2021-01-05,11.5\n2021-01-06,12.5\n"
    schema, r = run(data, name)
    assert (schema.file_format, schema.problem) == ("csv", None)
    assert r.file_problem is None and r.prices.close.tolist() == [10.5, 11.5, 12.5]


def test_an_empty_xlsx_is_the_same_problem_to_detection_and_normalisation():
    schema, r = run(b"", "prices.xlsx")
    assert schema.problem == r.file_problem == "empty file"


DAYS_1904 = [date(2021, 1, 4), date(2021, 1, 5), date(2021, 1, 6), date(2021, 1, 7)]
# Mac Excel (2011 and before) counts days from 1904-01-01: serial 0 is 1904-01-01, 1462 days on.
# The dates are plain numbers in General cells, as exports write them (date-formatted cells are
# converted by the readers themselves).
ROWS_1904 = [["Date", "Close"]] + [[(d - date(1904, 1, 1)).days, 10.5 + k] for k, d in enumerate(DAYS_1904)]



@pytest.mark.parametrize("kind", ["xls", "xlsb"])
def test_serial_dates_of_a_1904_workbook_are_its_dates(kind, calamine):
    schema, r = run(WRITERS[kind]({"Sheet1": ROWS_1904}, dates_1904=True), f"msft.{kind}")
    assert schema.columns[0].format == "excel_serial_1904"
    assert r.prices.date.dt.date.tolist() == DAYS_1904 and r.rejected.empty


@pytest.mark.parametrize("engine", ["calamine", "openpyxl"])
def test_serial_dates_of_a_1904_xlsx_are_its_dates(engine, monkeypatch):
    if engine == "calamine":
        pytest.importorskip("python_calamine")
    monkeypatch.setattr(xlsx, "ENGINE", engine)
    schema, r = run(workbooks.xlsx({"Sheet1": ROWS_1904}, dates_1904=True), "msft.xlsx")
    assert schema.columns[0].format == "excel_serial_1904"
    assert r.prices.date.dt.date.tolist() == DAYS_1904 and r.rejected.empty


@pytest.mark.parametrize("kind", ["xls", "xlsb", "xlsx"])
def test_date_cells_of_a_1904_workbook_are_not_shifted_twice(kind, calamine):
    # The reader converts date-formatted cells in the workbook's own system: they arrive as dates.
    rows = [["Date", "Close"]] + [[d, 10.5 + k] for k, d in enumerate(DAYS_1904)]
    data = (workbooks.xlsx if kind == "xlsx" else WRITERS[kind])({"Sheet1": rows}, dates_1904=True)
    schema, r = run(data, f"msft.{kind}")
    assert schema.columns[0].format != "excel_serial_1904"
    assert r.prices.date.dt.date.tolist() == DAYS_1904 and r.rejected.empty


TRADING_DAYS = DAYS_1904 + [date(2021, 1, 8), date(2021, 1, 11)]  # a weekend skipped
SERIAL_WRITERS = {"xls": workbooks.xls, "xlsb": workbooks.xlsb, "xlsx": workbooks.xlsx}


def serial_rows(header: list[str] | None, serial_0: date) -> list[list]:
    """TRADING_DAYS as plain numbers counted from `serial_0`, with closes, under `header`."""
    return ([header] if header else []) + [[(d - serial_0).days, 10.5 + k] for k, d in enumerate(TRADING_DAYS)]


@pytest.mark.parametrize("header", [["When", "Close"], None])
@pytest.mark.parametrize("kind", sorted(SERIAL_WRITERS))
def test_an_unnamed_serial_column_of_a_1904_workbook_is_its_dates(kind, header, calamine):
    # Unnamed, serials are dates by running over trading days: judged in the 1900 system, 1904
    # serials would fall a weekday early (1462 days = 208 weeks + 6), Sunday to Thursday.
    data = SERIAL_WRITERS[kind]({"Sheet1": serial_rows(header, date(1904, 1, 1))}, dates_1904=True)
    schema, r = run(data, f"msft.{kind}")
    assert (schema.columns[0].format, schema.columns[0].canonical) == ("excel_serial_1904", "date")
    assert r.file_problem is None and r.prices.date.dt.date.tolist() == TRADING_DAYS and r.rejected.empty


@pytest.mark.parametrize("header", [["When", "Close"], None])
@pytest.mark.parametrize("kind", sorted(SERIAL_WRITERS))
def test_an_unnamed_serial_column_of_a_1900_workbook_is_its_dates(kind, header, calamine):
    data = SERIAL_WRITERS[kind]({"Sheet1": serial_rows(header, date(1899, 12, 30))})
    schema, r = run(data, f"msft.{kind}")
    assert (schema.columns[0].format, schema.columns[0].canonical) == ("excel_serial", "date")
    assert r.file_problem is None and r.prices.date.dt.date.tolist() == TRADING_DAYS and r.rejected.empty


def test_every_sheet_of_a_1904_workbook_has_its_unnamed_serials_read_in_its_system(calamine):
    # Normalisation detects each further sheet on its own (sheets.py): the workbook's system too.
    jan = serial_rows(["When", "Close"], date(1904, 1, 1))
    feb = [jan[0]] + [[serial + 28, close] for serial, close in jan[1:]]  # four weeks on
    schema, r = run(workbooks.xlsx({"Jan": jan, "Feb": feb}, dates_1904=True), "msft.xlsx")
    days = TRADING_DAYS + [d + timedelta(28) for d in TRADING_DAYS]
    assert r.file_problem is None and r.prices.date.dt.date.tolist() == days and r.rejected.empty


@pytest.mark.parametrize("kind", sorted(SERIAL_WRITERS))
def test_numbers_of_a_1904_workbook_that_run_over_trading_days_only_from_1899_are_not_its_dates(kind, calamine):
    # Serials of the 1900 system in a Mac workbook (pasted from a Windows one, or no dates at all):
    # in the workbook's own system they run Tuesday to Saturday, four years and a day late. No
    # header says they are dates: no date column, every row rejected with that reason, rather than
    # prices loaded on days nobody traded.
    data = SERIAL_WRITERS[kind]({"Sheet1": serial_rows(["When", "Close"], date(1899, 12, 30))}, dates_1904=True)
    schema, r = run(data, f"msft.{kind}")
    assert schema.columns[0].type == "integer"
    assert r.file_problem == "no date column" and r.prices.empty and len(r.rejected) == r.rows_read == 6
    assert set(r.rejected.reason) == {"file problem: no date column"}


@pytest.mark.parametrize("kind", sorted(WRITERS))
def test_workbooks_of_the_1900_system_read_serials_from_1899(kind, calamine):
    rows = [["Date", "Close"]] + [[(d - date(1899, 12, 30)).days, 10.5 + k] for k, d in enumerate(DAYS_1904)]
    schema, r = run(WRITERS[kind]({"Sheet1": rows}), f"msft.{kind}")
    assert r.prices.date.dt.date.tolist() == DAYS_1904


def test_an_html_page_named_xls_loads_its_rows():
    """Banks, brokers and web apps export "prices.xls" as an HTML table: its rows load."""
    rows = b"".join(b"<tr><td>2021-01-%02d</td><td>1.5</td></tr>\n" % d for d in (4, 5, 6, 7))
    data = b"<html><body><table>\n<tr><td>Date</td><td>Close</td></tr>\n" + rows + b"</table></body></html>\n"
    schema, r = run(data, "statement.xls")
    assert schema.file_format == "html" and r.file_problem is None and r.rejected.empty
    assert r.prices.date.dt.date.tolist() == [date(2021, 1, d) for d in (4, 5, 6, 7)]
    assert r.prices.source_line.tolist() == [2, 3, 4, 5]


BANK_PAGE = """<!DOCTYPE html><html><head><meta charset="{charset}"><title>Kurse</title></head><body>
<table width="100%"><tr><td>Kontoauszug M\u00fcller &amp; S\u00f6hne</td></tr><tr><td>
<table border="1"><tr><th>Datum</th><th>Er&ouml;ffnung</th><th>Schluss</th><th colspan="2">Umsatz</th></tr>
<tr><td>04.01.2021</td><td>1.234,50</td><td>1.240,00&nbsp;</td><td>1.000</td><td>St\u00fcck</td></tr>
<tr><td>05.01.2021</td><td>1.235,50</td><td>1.241,00</td><td>2.000</td><td>St\u00fcck</td></tr>
<tr><td>06.01.2021</td><td>1.236,50</td><td>1.242,00</td><td>3.000</td><td>St\u00fcck</td></tr>
</table></td></tr><tr><td>Erstellt am 07.01.2021 &ndash; Seite 1</td></tr></table></body></html>"""


@pytest.mark.parametrize("charset", ["windows-1252", "utf-8"])
def test_a_bank_page_loads_its_data_table_inside_the_layout_table(charset):
    """The data table nested in a layout table loads (German numbers, a colspan header, &nbsp;);
    the layout table's text is accounted for as another table's lines, not lost, not rejected."""
    data = BANK_PAGE.format(charset=charset).encode(charset)
    schema, r = run(data, "kurse.xls")
    assert (schema.file_format, schema.sheet, schema.decimal) == ("html", "table 1", ",")
    assert r.file_problem is None and r.rejected.empty
    assert r.prices.date.dt.date.tolist() == [date(2021, 1, 4), date(2021, 1, 5), date(2021, 1, 6)]
    assert r.prices.open.tolist() == [1234.5, 1235.5, 1236.5]
    assert r.prices.close.tolist() == [1240.0, 1241.0, 1242.0]
    assert r.prices.volume.tolist() == [1000, 2000, 3000]
    layout = r.non_data[r.non_data.source_line > SHEET_LINES]
    assert layout.raw.tolist() == ["sheet 'table 2' row 1: Kontoauszug Müller & Söhne", "",
                                   "sheet 'table 2' row 3: Erstellt am 07.01.2021 – Seite 1"]


def test_an_excel_xml_spreadsheet_named_xls_loads_its_rows():
    sheet = "".join(
        f'<Row><Cell><Data ss:Type="DateTime">2021-01-{d:02d}T00:00:00.000</Data></Cell>'
        f'<Cell><Data ss:Type="Number">{100 + d}.25</Data></Cell><Cell ss:Index="4"><Data ss:Type="Number">'
        f'{1000 * d}</Data></Cell></Row>' for d in (4, 5, 6))
    data = ('<?xml version="1.0"?>\n<?mso-application progid="Excel.Sheet"?>\n'
            '<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" '
            'xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet">\n<Worksheet ss:Name="Prices"><Table>'
            '<Row><Cell><Data ss:Type="String">AAPL daily</Data></Cell></Row>'
            '<Row ss:Index="3"><Cell><Data ss:Type="String">Date</Data></Cell><Cell><Data ss:Type="String">Close'
            '</Data></Cell><Cell ss:Index="4"><Data ss:Type="String">Volume</Data></Cell></Row>'
            f'{sheet}</Table></Worksheet></Workbook>').encode()
    schema, r = run(data, "aapl.xls")
    assert (schema.file_format, schema.sheet, schema.header_row) == ("xmlss", "Prices", 2)
    assert r.file_problem is None and r.rejected.empty
    assert r.prices.date.dt.date.tolist() == [date(2021, 1, 4), date(2021, 1, 5), date(2021, 1, 6)]
    assert r.prices.close.tolist() == [104.25, 105.25, 106.25]
    assert r.prices.volume.tolist() == [4000, 5000, 6000]
    assert r.prices.source_line.tolist() == [4, 5, 6]


def test_an_html_page_with_no_table_is_a_clear_file_problem():
    """A session-expired page saved as prices.xls: said as such, not as rows with no date column."""
    data = b"<!DOCTYPE html><html><body><h1>Session expired</h1><p>Please log in again.</p></body></html>"
    schema, r = run(data, "prices.xls")
    assert r.file_problem == "an HTML page with no table (not a price export?)"
    assert r.rejected.empty and r.prices.empty


def test_a_bank_page_with_a_summary_table_first_loads_its_transactions():
    # A broker's "Export as HTML" (saved as .xls): the account summary, then the prices. Detection
    # took the summary (its first table) and the file was 'no date or close column'.
    schema, r = run(workbooks.bank_page(), "statement.xls")
    assert schema.sheet == "table 2" and r.file_problem is None
    assert len(r.prices) == 5 and r.rejected.empty
    assert len(r.non_data) == 4  # the header and the summary's three rows, accounted for
