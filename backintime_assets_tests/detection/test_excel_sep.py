"""Excel's `sep=` first line: the delimiter it declares, and the line read as preamble."""

import pytest

from backintime_assets.detection import detect_bytes
from backintime_assets.detection.detect import QUICK_HEAD_BYTES, QUICK_TAIL_BYTES, detect_sample
from backintime_assets.detection.dialect import detect_dialect
from backintime_assets.detection.excel_sep import declared_delimiter
from backintime_assets.normalisation import normalise_bytes


@pytest.mark.parametrize("text, delimiter", [
    ("sep=;\nDate;Close\n", ";"),
    ("SEP=|\r\nname|city\r\n", "|"),
    ("Sep=,\rDate,Close\r", ","),
    ('"sep=;"\nDate;Close\n', ";"),
    ("sep=;;;\nDate;Open;Close;Volume\n", ";"),  # padded by a spreadsheet that saved it as a row
    ('"sep=,",,\nDate,Open,Close\n', ","),
    ("sep=\t\nDate\tClose\n", "\t"),
    ("\ufeffsep=^ \nDate^Close\n", "^"),
    ("sep=;", ";"),
])
def test_the_first_line_declares_the_delimiter(text, delimiter):
    assert declared_delimiter(text)[0] == delimiter


@pytest.mark.parametrize("text", [
    "Date;Close\nsep=;\n",  # not the first line
    "sep=;x\nDate;Close\n",  # more after it
    "separator=;\nDate;Close\n",
    "sep=a\nDate\n",  # no delimiter
    "sep=\nDate\n",
    "sep=;,\nDate\n",
    "# sep=;\nDate;Close\n",
])
def test_other_first_lines_declare_nothing(text):
    assert declared_delimiter(text) is None


def _names(schema):
    return [c.name for c in schema.columns]


def test_the_header_below_the_sep_line_is_the_header():
    # Read as a line, "sep=|" was two cells, "sep=" and nothing: the header of a two-column table.
    data = b"sep=|\nname|city\nAnn|Paris, FR\nBob|Rome; IT\n"
    schema = detect_bytes(data, "people.csv")
    assert (schema.delimiter, schema.header_row, schema.data_start_line) == ("|", 1, 2)
    assert _names(schema) == ["name", "city"]


def test_headerless_rows_under_the_sep_line_are_headerless():
    data = b"sep=;\n02.01.2024;10,5;100\n03.01.2024;10,7;200\n04.01.2024;10,9;300\n"
    schema = detect_bytes(data, "ACME.csv")
    assert (schema.delimiter, schema.header_row, schema.data_start_line) == (";", -1, 1)
    assert _names(schema) == ["column_1", "column_2", "column_3"]  # "sep=" named the first before
    out = normalise_bytes(data, schema, "ACME.csv")
    assert out.prices_arrow.column("close").to_pylist() == [10.5, 10.7, 10.9]
    assert out.prices_arrow.column("volume").to_pylist() == [100, 200, 300]
    assert out.rejected_arrow.num_rows == 0
    # The line is preamble, as any line above a table is: neither loaded nor rejected.
    assert [(r["source_line"], r["reason"]) for r in out.non_data_arrow.to_pylist()] == [(1, "preamble")]


def test_headerless_two_column_prices_lose_no_row_to_the_sep_line():
    data = b"sep=;\n02.01.2024;10,5\n03.01.2024;10,7\n04.01.2024;10,9\n05.01.2024;11,1\n"
    schema = detect_bytes(data, "ACME.csv")
    assert (schema.header_row, schema.data_start_line, schema.decimal) == (-1, 1, ",")
    out = normalise_bytes(data, schema, "ACME.csv")
    assert out.prices_arrow.column("close").to_pylist() == [10.5, 10.7, 10.9, 11.1]
    assert out.rejected_arrow.num_rows == 0
    assert [r["reason"] for r in out.non_data_arrow.to_pylist()] == ["preamble"]


def test_a_price_file_saved_with_a_bom_and_crlf():
    data = b"\xef\xbb\xbf" + (
        "sep=;\r\nDatum;Schluss\r\n02.01.2024;10,5\r\n03.01.2024;10,7\r\n04.01.2024;10,9\r\n").encode()
    schema = detect_bytes(data, "SAP.csv")
    assert (schema.delimiter, schema.header_row, schema.data_start_line, schema.decimal) == (";", 1, 2, ",")
    assert [c.canonical for c in schema.columns] == ["date", "close"]
    out = normalise_bytes(data, schema, "SAP.csv")
    assert [str(d) for d in out.prices_arrow.column("date").to_pylist()] == ["2024-01-02", "2024-01-03", "2024-01-04"]
    assert out.prices_arrow.column("close").to_pylist() == [10.5, 10.7, 10.9]
    assert [(r["source_line"], r["reason"]) for r in out.non_data_arrow.to_pylist()] == [(1, "preamble"), (2, "header")]


def test_utf16_tab_text_declares_its_tab():
    data = b"\xff\xfe" + "sep=\t\r\nname\tcity\r\nAnn\tParis FR\r\nBob\tRome IT\r\nCy\tOslo NO\r\n".encode("utf-16-le")
    schema = detect_bytes(data, "people.txt")
    assert (schema.delimiter, schema.header_row, schema.data_start_line) == ("\t", 1, 2)
    assert _names(schema) == ["name", "city"]


def test_the_declared_tab_stands_where_a_space_after_each_tab_scores_higher():
    # Read on the space, every cell ends in its tab and the space scores twice the tab (space before):
    # a near call the declaration settles.
    days = (1, 2, 3, 6, 7, 8, 9, 10)  # weekdays of September 2021
    rows = "".join(f"{d:02d}.09.2021\t 1'50{d % 10},00\t 1'527,89\t 1'499,67\t 1'513,64\t 4'459'257\t\r" for d in days)
    note = "\rSource: internal system. All figures unaudited."  # its words split on the space alone
    data = ("sep=\t\rDatum\t Eröffnung\t Hoch\t Tief\t Schluss\t Volumen\t\r" + rows + note).encode("cp1252")
    schema = detect_bytes(data, "SAP.csv")
    assert (schema.delimiter, schema.header_row, schema.data_start_line) == ("\t", 1, 2)
    out = normalise_bytes(data, schema, "SAP.csv")
    assert out.prices_arrow.num_rows == 8 and out.rejected_arrow.num_rows == 0
    assert out.prices_arrow.column("open").to_pylist()[0] == 1501.0


def test_a_one_column_list_keeps_its_declared_comma():
    # Spaces in some names ("São Paulo") split a few lines: no table of spaces against the declaration.
    data = 'sep=,\ncity\n"Paris, FR"\nKöln\nSão Paulo\n"New York, NY"\nZürich\nReykjavík\nKraków\nLyon\n'.encode()
    schema = detect_bytes(data, "cities.csv")
    assert (schema.delimiter, schema.header_row, _names(schema)) == (",", 1, ["city"])


def test_a_declaration_the_data_clearly_contradicts_gives_way():
    # "sep=," over rows of ';' with decimal commas: the comma cuts every price in two, the semicolon
    # reads a table of three columns many times better.
    data = b"sep=,\nDate;Close;Volume\n02.01.2024;10,5;100\n03.01.2024;10,7;200\n04.01.2024;10,9;300\n"
    schema = detect_bytes(data, "ACME.csv")
    assert (schema.delimiter, schema.header_row, schema.data_start_line) == (";", 1, 2)
    out = normalise_bytes(data, schema, "ACME.csv")
    assert out.prices_arrow.column("close").to_pylist() == [10.5, 10.7, 10.9]
    # A declared semicolon over a comma table with a preamble: no semicolon anywhere.
    text = "\nAAPL US Equity\n#N/A Requesting Data...\nDate,Open,Close\n2024-01-02,1,2\n2024-01-03,2,3\n"
    assert detect_dialect(text, ";").delimiter == ","


def test_the_quick_look_reads_the_sep_line_too():
    lines = "".join(f"{y}-{m:02d}-{d:02d};{100 + d},5;{1000 + d}\n"
                    for y in (2018, 2019, 2020, 2021) for m in range(1, 13) for d in range(1, 29))
    data = ("sep=;\nDate;Close;Volume\n" + lines).encode()
    assert len(data) > QUICK_HEAD_BYTES + QUICK_TAIL_BYTES
    quick = detect_bytes(data, "ACME.csv")
    whole = detect_sample(data, None, 0, "ACME.csv")
    assert (quick.delimiter, quick.header_row, _names(quick)) == (";", 1, ["Date", "Close", "Volume"])
    assert (whole.delimiter, whole.header_row, _names(whole)) == (";", 1, ["Date", "Close", "Volume"])


def test_a_file_of_the_sep_line_alone_is_empty():
    assert detect_bytes(b"sep=;\r\n", "x.csv").problem == "empty file"


def test_a_stale_declaration_gives_way_to_a_space_aligned_table():
    # "sep=," over columns aligned with runs of spaces: read with the runs merged, a table of three
    # columns that the comma (one cell a line) reads not at all. Split at every space, its rows were
    # of as many widths as its values are long ("10.5" and "10.75" padded to one column), and no table
    # stood against the declaration: one column, every row refused for no date or close.
    rows = "".join(f"2024-01-{d:02d}  {10 + d * 0.25:>9}  {1000 * d:>8}\n" for d in (2, 3, 4, 5, 8, 9, 10, 11))
    data = ("sep=,\nDate        Close     Volume\n" + rows).encode()
    schema = detect_bytes(data, "ACME.txt")
    assert (schema.delimiter, schema.header_row, _names(schema)) == (" ", 1, ["Date", "Close", "Volume"])
    out = normalise_bytes(data, schema, "ACME.txt")
    assert out.prices_arrow.column("close").to_pylist() == [10.5, 10.75, 11.0, 11.25, 12.0, 12.25, 12.5, 12.75]
    assert out.prices_arrow.column("volume").to_pylist()[-1] == 11000
    assert out.rejected_arrow.num_rows == 0
    assert [r["reason"] for r in out.non_data_arrow.to_pylist()] == ["preamble", "header"]
