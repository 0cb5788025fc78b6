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
    "\n".join(PLAIN),
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
