"""HTML pages and Excel XML spreadsheets read as a workbook's sheets: which file is one, and the
rows of cell strings their tables give."""
import pytest

from backintime_assets.detection.markup import MarkupProblem, markup_format, markup_tables
from backintime_assets.detection.xlsx import read_sheet, read_sheets, workbook_format
from backintime_assets_tests.support import workbooks

XMLSS_HEAD = (b'<?xml version="1.0"?>\n<?mso-application progid="Excel.Sheet"?>\n'
              b'<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"'
              b' xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet">\n')


def rows_of(data: bytes) -> list[list[str]]:
    return read_sheet(data).rows


@pytest.mark.parametrize("data, kind", [
    (b"<html><body><table></table></body></html>", "html"),
    (b"\xef\xbb\xbf\r\n<!DOCTYPE html PUBLIC \"-//W3C//DTD HTML 4.0//EN\">\n<html>",
     "html"),
    (b"<!-- exported 2021-01-04 --><TABLE border=1><TR><TD>Date</TD></TR></TABLE>", "html"),
    ('<html><table><tr><td>Date</td></tr></table></html>'.encode("utf-16"), "html"),
    (b'<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE html>\n<html xmlns="http://www.w3.org/1999/xhtml">', "html"),
    (XMLSS_HEAD + b"</Workbook>", "xmlss"),
    (b"<TICKER>,<PER>,<DATE>,<CLOSE>\nAAPL,D,20210104,1.5\n", None),  # MetaStock/Finam text export
    (b"Date,Note\n2021-01-04,<table> in a cell\n", None),
    (b'<?xml version="1.0"?><configuration/>', None),
])
def test_a_page_or_xml_spreadsheet_is_known_by_its_content(data, kind):
    assert markup_format(data) == kind
    assert workbook_format(data, "prices.csv") == kind


def test_cells_are_text_without_tags_entities_decoded_whitespace_collapsed():
    data = (b"<table><tr><th>Date</th><th>Close&nbsp;</th><th>Note</th></tr>"
            b"<tr><td> 2021-01-04 </td><td><b>1,234.50</b></td>"
            b"<td>M&amp;A\n   <br>deal &eacute;t&#233;</td></tr></table>")
    assert rows_of(data) == [["Date", "Close", "Note"], ["2021-01-04", "1,234.50", "M&A deal été"]]


def test_colspan_pads_empty_cells_and_rowspan_repeats_the_cell_below():
    data = (b"<table><tr><th rowspan=2>Date</th><th colspan=2>Price</th><th>Volume</th></tr>"
            b"<tr><th>Open</th><th>Close</th><th>Shares</th></tr>"
            b"<tr><td>2021-01-04</td><td colspan=2>suspended</td><td>0</td></tr></table>")
    assert rows_of(data) == [["Date", "Price", "", "Volume"], ["Date", "Open", "Close", "Shares"],
                             ["2021-01-04", "suspended", "", "0"]]


def test_a_ticker_spanning_its_rows_is_in_each_of_them():
    data = (b"<table><tr><td rowspan=3>AAPL</td><td>2021-01-04</td><td>1.5</td></tr>"
            b"<tr><td>2021-01-05</td><td>1.6</td></tr><tr><td>2021-01-06</td><td>1.7</td></tr>"
            b"<tr><td>MSFT</td><td>2021-01-04</td><td>2.5</td></tr></table>")
    assert [r[0] for r in rows_of(data)] == ["AAPL", "AAPL", "AAPL", "MSFT"]


def test_a_layout_table_comes_after_the_data_table_it_wraps():
    data = (b"<table><tr><td>Statement, account 123</td></tr><tr><td>"
            b"<table><tr><td>Date</td><td>Close</td></tr><tr><td>2021-01-04</td><td>1.5</td></tr></table>"
            b"</td></tr><tr><td>Printed 2021-01-05</td></tr></table>")
    sheets = read_sheets(data)
    assert [(s.name, s.index) for s in sheets] == [("table 1", 0), ("table 2", 1)]
    assert sheets[0].rows == [["Date", "Close"], ["2021-01-04", "1.5"]]
    assert sheets[1].rows == [["Statement, account 123"], [], ["Printed 2021-01-05"]]
    assert read_sheet(data).name == "table 1"


@pytest.mark.parametrize("data", [
    "<html><head><meta charset=\"windows-1252\"></head><table><tr><td>Müller €</td></tr></table>".encode("cp1252"),
    "<html><head><meta http-equiv=Content-Type content='text/html; charset=iso-8859-1'></head>"
    "<table><tr><td>Müller €</td></tr></table>".encode("cp1252"),  # browsers read ISO-8859-1 as cp1252
    "<html><head><meta charset=utf-8></head><table><tr><td>Müller €</td></tr></table>".encode("utf-8"),
    "<html><table><tr><td>Müller €</td></tr></table>".encode("utf-8"),  # no charset: UTF-8 when it is
    "<html><table><tr><td>Müller €</td></tr></table>".encode("cp1252"),  # ... else Windows-1252
    "<html><table><tr><td>Müller €</td></tr></table>".encode("utf-16"),
])
def test_a_page_is_decoded_by_its_bom_or_declared_charset(data):
    assert rows_of(data) == [["Müller €"]]


def test_a_page_with_no_table_is_said_to_be_one():
    with pytest.raises(MarkupProblem, match="an HTML page with no table"):
        read_sheets(b"<!DOCTYPE html><html><body><p>Your session has expired.</p></body></html>")


def test_xml_spreadsheet_cells_are_placed_by_index_and_typed():
    data = XMLSS_HEAD + b"""
<Worksheet ss:Name="Notes"><Table><Row><Cell><Data ss:Type="String">n</Data></Cell></Row></Table></Worksheet>
<Worksheet ss:Name="Prices"><Table>
<Row><Cell ss:MergeAcross="2"><Data ss:Type="String">AAPL <Font>daily</Font></Data></Cell>
  <Cell><Data ss:Type="String">x</Data></Cell></Row>
<Row ss:Index="3"><Cell><Data ss:Type="String">Date</Data></Cell>
  <Cell ss:Index="3"><Data ss:Type="String">Close</Data></Cell></Row>
<Row><Cell><Data ss:Type="DateTime">2021-01-04T00:00:00.000</Data></Cell>
  <Cell ss:Index="3"><Data ss:Type="Number">101</Data></Cell>
  <Cell><Data ss:Type="Number">100.25</Data></Cell><Cell><Data ss:Type="Boolean">1</Data></Cell></Row>
</Table></Worksheet></Workbook>"""
    sheets = read_sheets(data)
    assert [(s.name, s.index) for s in sheets] == [("Notes", 0), ("Prices", 1)]
    assert sheets[1].rows == [["AAPL daily", "", "", "x"], [], ["Date", "", "Close"],
                              ["2021-01-04", "", "101", "100.25", "TRUE"]]


def test_an_xml_spreadsheet_declaring_entities_is_refused_unexpanded():
    bomb = (b'<?xml version="1.0"?><!DOCTYPE Workbook [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>'
            b'<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"><Worksheet><Table><Row><Cell>'
            b'<Data>&b;</Data></Cell></Row></Table></Worksheet></Workbook>')
    assert markup_format(bomb) == "xmlss"
    with pytest.raises(MarkupProblem, match="declaring entities"):
        read_sheets(bomb)


@pytest.mark.parametrize("text", [
    b"<html>,Date,Close\nx,2021-01-04,1.5\nx,2021-01-05,1.6\n",  # a CSV whose first cell is a tag
    b"<TABLE>;<DATE>;<CLOSE>\nX;20210104;1,5\n",
    b"<title>\tDate\tClose\nx\t2021-01-04\t1.5\n",
])
def test_a_text_file_whose_first_cell_is_a_tag_is_no_page(text):
    # Read as a page, it had "no table" and every row was lost as a file problem.
    assert markup_format(text) is None
    assert workbook_format(text, "prices.csv") is None


def test_row_gaps_of_an_xml_spreadsheet_cannot_fill_memory():
    # 20 rows each 2**19 below the last: 2 KB that made 10 million empty rows (0.7 GB, 7 s).
    rows = b"".join(b'<Row ss:Index="%d"><Cell><Data ss:Type="String">x</Data></Cell></Row>' % ((k + 1) * 2**19)
                    for k in range(20))
    data = XMLSS_HEAD + b'<Worksheet ss:Name="S"><Table>' + rows + b"</Table></Worksheet></Workbook>"
    assert len(markup_tables(data, "xmlss")[0][1]) <= 2**20  # none past Excel's last row
    spans = b'<Row ss:Span="1000"><Cell><Data ss:Type="String">x</Data></Cell></Row>' * 2000
    with pytest.raises(MarkupProblem, match="spans or gaps"):
        read_sheets(XMLSS_HEAD + b'<Worksheet ss:Name="S"><Table>' + spans + b"</Table></Worksheet></Workbook>")


def test_cell_gaps_of_an_xml_spreadsheet_cannot_fill_memory():
    # 144 KB of cells at ss:Index 16384 made 33 million cells (280 MB): 10x that, gigabytes.
    rows = b'<Row><Cell ss:Index="16384"><Data ss:Type="String">x</Data></Cell></Row>' * 2000
    data = XMLSS_HEAD + b'<Worksheet ss:Name="S"><Table>' + rows + b"</Table></Worksheet></Workbook>"
    with pytest.raises(MarkupProblem, match="spans or gaps"):
        read_sheets(data)


def test_html_colspans_cannot_fill_memory():
    # 340 KB of colspan="1000" made one row of 20 million cells (and rowspans repeat them below).
    with pytest.raises(MarkupProblem, match="spans or gaps"):
        read_sheets(b"<table>" + (b"<tr>" + b'<td colspan=1000>' * 17) * 100 + b"</table>")
    row = read_sheets(b"<table><tr>" + b"<td colspan=1000>a" * 20 + b"</table>")[0].rows[0]
    assert len(row) < 16400 and row[:2] == ["a", ""] and row.count("a") == 20  # padded to Excel's width


def test_a_summary_table_before_the_transactions_is_not_taken_for_the_data():
    assert read_sheet(workbooks.bank_page()).rows[0] == ["Date", "Ticker", "Close"]
