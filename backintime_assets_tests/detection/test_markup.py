"""HTML pages and Excel XML spreadsheets read as a workbook's sheets: which file is one, and the
rows of cell strings their tables give."""
import pytest

from backintime_assets.detection.markup import MarkupProblem, markup_format
from backintime_assets.detection.xlsx import read_sheet, read_sheets, workbook_format

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
