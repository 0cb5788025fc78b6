"""Cells forced to text (`="2024-01-02"`, `'10.75`): read as the dates and numbers they spell."""
import pytest

from backintime_assets.detection import detect_bytes
from backintime_assets.detection.forced_text import forced_marks, unforce
from backintime_assets.normalisation.normalise import normalise_bytes

PLAIN = ["Date,Open,High,Low,Close,Volume", "2024-01-02,10.5,11,10,10.75,1000", "2024-01-03,10.5,11,10,10.25,1200",
         "2024-01-04,10.25,10.5,9.75,10,900"]


def _formula(line: str) -> str:
    return ",".join(f'="{c}"' for c in line.split(","))


def _quoted_formula(line: str) -> str:
    return ",".join(f'"=""{c}"""' for c in line.split(","))


def _apostrophe(line: str) -> str:
    return ",".join(f"'{c}" for c in line.split(","))


@pytest.mark.parametrize("force", [_formula, _quoted_formula, _apostrophe])
def test_cells_forced_to_text_load_the_prices_they_spell(force):
    # Read as written, every column was text: the file was refused as holding no date column,
    # though every date and price was there.
    data = ("\n".join([PLAIN[0], *map(force, PLAIN[1:])]) + "\n").encode()
    schema = detect_bytes(data, "ACME.csv")
    assert schema.problem is None and schema.forced is not None
    out = normalise_bytes(data, schema, "ACME.csv")
    rows = [(str(r["date"]), r["open"], r["close"], r["volume"]) for r in out.prices_arrow.to_pylist()]
    assert rows == [("2024-01-02", 10.5, 10.75, 1000), ("2024-01-03", 10.5, 10.25, 1200),
                    ("2024-01-04", 10.25, 10.0, 900)]
    assert out.rejected_arrow.num_rows == 0


def test_a_semicolon_file_keeps_its_decimal_commas_inside_the_cells():
    data = 'Datum;Schluss;Volumen\n="02.01.2024";="1.234,50";="1000"\n="03.01.2024";="1.240,25";="1200"\n'.encode()
    schema = detect_bytes(data, "ACME.csv")
    rows = [(str(r["date"]), r["close"]) for r in normalise_bytes(data, schema, "ACME.csv").prices_arrow.to_pylist()]
    assert rows == [("2024-01-02", 1234.5), ("2024-01-03", 1240.25)]


@pytest.mark.parametrize("text", [
    "Date,Close\n2024-01-02,1'234.50\n2024-01-03,1'240.25\n",  # Swiss thousands
    "Date,Name\n'2024-01-02','A'\n'2024-01-03','B'\n",  # a file quoting in apostrophes
    'Date,Close,Note\n2024-01-02,10.5,="x"\n2024-01-03,10.6,\n2024-01-04,10.7,\n2024-01-05,10.8,\n',  # one cell
])
def test_files_without_forced_cells_are_read_as_written(text):
    assert forced_marks(text) is None


@pytest.mark.parametrize(("text", "rows"), [
    # Swiss thousands after the apostrophe; a quoted cell's; a currency sign's.
    ("Date;Close;Volume\n'2020-08-27;'503.43;'3'477'380\n'2020-08-28;'499.30;'2'635'860\n",
     [("2020-08-27", 503.43, 3477380), ("2020-08-28", 499.3, 2635860)]),
    ('Date,Close,Volume\n\'2014-01-28,\'$0.00134193,"\'2,342,040"\n\'2014-01-29,\'$0.00138856,"\'1,655,470"\n',
     [("2014-01-28", 0.00134193, 2342040), ("2014-01-29", 0.00138856, 1655470)]),
])
def test_an_apostrophe_before_any_number_is_dropped(text, rows):
    # Left before some of them ("'3'477'380", "'$0.0013", "\"'2,342,040\""), the volumes went unread
    # or the columns shifted (a DOGE open of 342.0), without a word.
    data = text.encode()
    out = normalise_bytes(data, detect_bytes(data, "ACME.csv"), "ACME.csv")
    assert [(str(r["date"]), r["close"], r["volume"]) for r in out.prices_arrow.to_pylist()] == rows


def test_a_file_with_a_forced_cell_the_patterns_do_not_read_is_left_as_it_is():
    # Half read, its columns could shift or go unread without a word.
    assert forced_marks("Date,Close,Note\n'2024-01-02,'10.5,'n/a\n'2024-01-03,'10.6,'n/a\n") is None


def test_unforce_keeps_every_line_where_it_was():
    text = '="2024-01-02",="1"\r\n\r\n"=""2024-01-03""",\'2\n'
    assert unforce(text, "='") == '"2024-01-02","1"\r\n\r\n"2024-01-03",2\n'
    assert unforce(text.encode(), "='") == unforce(text, "='").encode()


def test_a_file_quoting_in_apostrophes_where_a_cell_holds_a_comma_is_read_as_written():
    # Quoted minimally, only "'1,000'" is in quotes: its opening quote was taken for a mark, the
    # cell read as "1,000'", two cells, and every row loaded a volume of 1, without a word.
    text = "Date,Close,Volume\n2024-01-02,10.5,'1,000'\n2024-01-03,10.6,'1,200'\n2024-01-04,10.7,'1,300'\n"
    assert forced_marks(text) is None
    data = text.encode()
    out = normalise_bytes(data, detect_bytes(data, "ACME.csv"), "ACME.csv")
    assert [(str(r["date"]), r["close"], r["volume"]) for r in out.prices_arrow.to_pylist()] == [
        ("2024-01-02", 10.5, 1000), ("2024-01-03", 10.6, 1200), ("2024-01-04", 10.7, 1300)]


@pytest.mark.parametrize("sign", ["€", "£"])
def test_a_currency_sign_after_the_apostrophe_is_read_as_detected(sign):
    # Detection took the apostrophe off "'€10.50"; the reading's bytes pattern did not (a class of
    # "€" is one of its three bytes): every row was rejected as an unparseable close.
    data = f"Date,Close,Volume\n'2024-01-02,'{sign}10.50,'1000\n'2024-01-03,'{sign}10.60,'1200\n".encode()
    assert unforce(data, "'") == unforce(data.decode(), "'").encode()
    out = normalise_bytes(data, detect_bytes(data, "ACME.csv"), "ACME.csv")
    assert [(str(r["date"]), r["close"], r["volume"]) for r in out.prices_arrow.to_pylist()] == [
        ("2024-01-02", 10.5, 1000), ("2024-01-03", 10.6, 1200)]
    assert out.rejected_arrow.num_rows == 0


@pytest.mark.parametrize("row", ['="2024-01-02",="ACME",="10.5",="1000"', "'2024-01-02,ACME,'10.5,'1000"])
def test_a_days_drop_of_one_forced_row_loads_it(row):
    # A header and one row: the one marked line was too few, and the file was refused as holding
    # no date column.
    data = f"Date,Ticker,Close,Volume\n{row}\n".encode()
    out = normalise_bytes(data, detect_bytes(data, "ACME.csv"), "ACME.csv")
    assert [(str(r["date"]), r["ticker"], r["close"], r["volume"]) for r in out.prices_arrow.to_pylist()] == [
        ("2024-01-02", "ACME", 10.5, 1000)]
    assert forced_marks("Date,Note\n2024-01-02,'97\n2024-01-03,\n2024-01-04,\n") is None  # one line of four


def test_apostrophes_quoting_cells_split_by_a_caret_are_no_marks():
    # A file quoting every cell in apostrophes, split by '^': its closing quotes stand before a
    # delimiter forced_text looked for no cell's end at, and the opening ones were taken off as
    # marks, every date left "2022-04-01'" and read as text.
    data = "'2022-04-01'^'7,07'^'706'\r'2022-04-02'^'43,32'^'815'\r'2022-04-03'^'13,45'^'284'\r".encode()
    assert forced_marks(data.decode()) is None
    schema = detect_bytes(data, "ACME.csv")
    assert (schema.delimiter, schema.quotechar, schema.forced) == ("^", "'", None)
    assert [(c.type, c.format) for c in schema.columns] == [("date", "%Y-%m-%d"), ("float", None), ("integer", None)]
