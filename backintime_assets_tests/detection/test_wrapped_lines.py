"""Tables whose every line is one quoted field holding the whole record (CSV pasted into column A of
a spreadsheet and saved as CSV): detected as the table the lines hold."""
import pytest

from backintime_assets.detection import detect_bytes
from backintime_assets.detection.wrapped_lines import unwrap, wrapped_quote

HEADER = "Date,Open,High,Low,Close,Volume"
ROWS = ["2020-01-02,1.5,1.6,1.4,1.55,1000", '2020-01-03,1.6,1.7,1.5,1.6,"1,234,000"', "2020-01-06,1.6,1.8,1.5,1.7,3000",
        "2020-01-07,1.7,1.9,1.6,1.8,2500"]


def wrap(line: str, q: str = '"') -> str:
    return q + line.replace(q, q + q) + q


def wrapped_file(lines: list[str], nl: str = "\n", bom: bool = False) -> bytes:
    return (b"\xef\xbb\xbf" if bom else b"") + (nl.join(lines) + nl).encode()


WRAPPED = [wrap(line) for line in [HEADER, *ROWS]]
SEMICOLON = [wrap(line) for line in ["Datum;Eröffnung;Hoch;Tief;Schluss;Volumen", "02.01.2020;1,5;1,6;1,4;1,55;1000",
                                     '03.01.2020;1,6;1,7;1,5;1,6;"1.234.000"', "06.01.2020;1,6;1,8;1,5;1,7;3000"]]
# (name, file, quote, delimiter, header line, first data line, footer lines)
CASES = [
    ("comma", wrapped_file(WRAPPED), '"', ",", 0, 1, 0),
    ("semicolon", wrapped_file(SEMICOLON), '"', ";", 0, 1, 0),
    ("tab", wrapped_file([wrap(line.replace(",", "\t").replace('"1\t234\t000"', "1234000"))
                          for line in [HEADER, *ROWS]]), '"', "\t", 0, 1, 0),
    ("crlf", wrapped_file(WRAPPED, "\r\n"), '"', ",", 0, 1, 0),
    ("cr", wrapped_file(WRAPPED, "\r"), '"', ",", 0, 1, 0),
    ("bom", wrapped_file(WRAPPED, bom=True), '"', ",", 0, 1, 0),
    ("preamble", wrapped_file([wrap("Historical prices for AAPL, daily"), "", *WRAPPED]), '"', ",", 2, 3, 0),
    ("totals", wrapped_file([*WRAPPED, wrap('Total,,,,,"1,241,500"')]), '"', ",", 0, 1, 1),
    ("bare header", wrapped_file([HEADER, *WRAPPED[1:3], "", *WRAPPED[3:]]), '"', ",", 0, 1, 0),
    ("single quotes", wrapped_file([wrap(line, "'") for line in [HEADER, *ROWS]]), "'", ",", 0, 1, 0),
    # Excel quotes only the lines that hold the delimiter: a title and a last line without one stay bare.
    ("excel bare lines", wrapped_file(["AAPL daily prices", *WRAPPED, "end of data"]), '"', ",", 1, 2, 1),
    # Excel writes a delimiter for each empty column of the range in use, after the quoted cell.
    ("excel empty columns", wrapped_file([line + ",," for line in WRAPPED], "\r\n"), '"', ",", 0, 1, 0),
    ("excel used range", wrapped_file(["AAPL daily prices,,", ",,", *[line + ",," for line in WRAPPED],
                                       "end of data,,"]), '"', ",", 2, 3, 1),
    ("trailing blanks", wrapped_file([line + "  " for line in WRAPPED]), '"', ",", 0, 1, 0),
    ("semicolon empty column", wrapped_file([line + ";" for line in SEMICOLON]), '"', ";", 0, 1, 0),
]


@pytest.mark.parametrize("name,data,quote,delimiter,header,start,footer", CASES, ids=[c[0] for c in CASES])
def test_a_table_whose_lines_are_each_quoted_whole_is_read_unwrapped(name, data, quote, delimiter, header, start,
                                                                      footer):
    schema = detect_bytes(data, "AAPL.csv")
    assert (schema.wrapped, schema.delimiter, schema.problem) == (quote, delimiter, None)
    assert (schema.header_row, schema.data_start_line, schema.footer_lines) == (header, start, footer)
    assert [c.canonical for c in schema.columns] == ["date", "open", "high", "low", "close", "volume"]


def test_a_list_of_quoted_texts_or_names_stays_one_column():
    texts = wrapped_file(["text", wrap("Hello there, my friend"), wrap("You are the best one"), wrap("Yes, in, truly")])
    names = wrapped_file(["name", wrap("Smith, John"), wrap("Doe, Jane"), wrap("Roe, Richard")])  # no numbers
    for data in (texts, names):
        schema = detect_bytes(data, "list.csv")
        assert schema.wrapped is None and len(schema.columns) == 1


def test_a_csv_with_every_field_quoted_is_no_wrapped_table():
    data = wrapped_file([",".join(wrap(c) for c in line.split(",")) for line in [HEADER, ROWS[0], ROWS[2], ROWS[3]]])
    schema = detect_bytes(data, "AAPL.csv")
    assert schema.wrapped is None and len(schema.columns) == 6
    assert wrapped_quote(data.decode()) is None


def test_which_texts_are_wrapped_tables():
    assert wrapped_quote("\n".join(WRAPPED)) == '"'
    assert wrapped_quote('"2020-01-02"\n"2020-01-03"\n') is None  # one field a line: no table inside
    assert wrapped_quote('"a,b"\n"c,d,e"\n"f"\n"g,h,i,j"\n') is None  # texts, not rows of one width
    assert wrapped_quote('x,y\n1,2\n"3,4"\n5,6\n') is None  # most lines bare: a CSV with one odd line
    # A column of quoted numbers or dates, one a line: values the comma would cut, not rows of two.
    assert wrapped_quote('Volume\n"1,234"\n"12,500"\n"1,000,000"\n') is None
    assert wrapped_quote('Kurs\n"1,5"\n"12,25"\n"1.234,5"\n') is None
    assert wrapped_quote('Date\n"Jan 2, 2020"\n"Jan 3, 2020"\n') is None


def test_unwrapping_keeps_every_line_where_it_was():
    text = 'Title\r\n"Date,Close"\r\n\n"2020-01-03,""1,5"""\r"x","y"\n"2020-01-06,1.6"'
    want = 'Title\r\nDate,Close\r\n\n2020-01-03,"1,5"\r"x","y"\n2020-01-06,1.6'
    assert unwrap(text, '"') == want
    assert unwrap(text.encode(), '"') == want.encode()  # as normalisation reads it: UTF-8 bytes
    assert unwrap("'a,''b'',c'\n", "'") == "a,'b',c\n"


def test_unwrapping_drops_the_empty_cells_and_blanks_after_a_lines_closing_quote():
    # Excel's empty columns ('",,'), a trailing blank: nothing of the record. A value after the
    # quote makes the line no whole record: it stays as written (and is read as the row it is).
    text = '"Date,Close",,\r\n"2020-01-03,""1,5""", \n"2020-01-06,1.6",x\n"2020-01-07,1.7";\t'
    want = 'Date,Close\r\n2020-01-03,"1,5"\n"2020-01-06,1.6",x\n2020-01-07,1.7'
    assert unwrap(text, '"') == want
    assert unwrap(text.encode(), '"') == want.encode()


def test_a_quoted_list_of_numbers_grouped_with_no_break_spaces_is_not_unwrapped():
    # French exports group thousands with a no-break space ("-1\u00a0184,31") and quote the values for
    # their decimal comma: one value a line, not a record wrapped whole. Unwrapped, each was cut
    # at its comma into a table of two integer columns.
    values = ["-967,44", "-1\u00a0184,31", "774,73", "-1\u00a0493,52", "-1\u00a0160,28", "-1\u00a0968,29",
              "425,13", "-1\u00a0612,26", "1\u00a0498,32", "1\u00a0407,59"]
    data = ("montant\n" + "".join(f'"{v}"\n' for v in values)).encode()
    assert wrapped_quote(data.decode()) is None
    schema = detect_bytes(data, "montants.csv")
    assert [(c.name, c.type) for c in schema.columns] == [("montant", "float")]
    assert (schema.decimal, schema.thousands) == (",", "\u00a0")
