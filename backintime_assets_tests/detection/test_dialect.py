import pytest

from backintime_assets.detection.dialect import detect_dialect, detect_line_terminator, parse_rows

PRICES = [
    ["Date", "Ticker", "Name", "Close", "Volume"],
    ["2020-01-02", "AAPL", "Apple, Inc.", "75.09", "135480400"],
    ["2020-01-03", "MSFT", "Microsoft; Corp", "158.62", "21116200"],
    ["2020-01-06", "BRK.B", "Berkshire | Hathaway", "226.12", "3725100"],
    ["2020-01-07", "T", "AT&T \"Inc\"", "37.81", "30417000"],
]


def write(rows, delimiter, quote='"'):
    out = []
    for r in rows:
        cells = []
        for c in r:
            if quote and (delimiter in c or quote in c):
                c = quote + c.replace(quote, quote * 2) + quote
            cells.append(c)
        out.append(delimiter.join(cells))
    return "\n".join(out) + "\n"


@pytest.mark.parametrize("delimiter", [",", ";", "\t", "|"])
def test_delimiter_with_quoted_fields(delimiter):
    d = detect_dialect(write(PRICES, delimiter))
    assert (d.delimiter, d.quotechar, d.escapechar) == (delimiter, '"', None)


def test_single_quote_character():
    text = "name,desc\n'x','a, b'\n'y','c, d'\n'z','e, f'\n"
    d = detect_dialect(text)
    assert (d.delimiter, d.quotechar) == (",", "'")


def test_backslash_escape():
    text = 'id,text\n1,"he said \\"hi\\", ok"\n2,"plain"\n3,"x \\"y\\""\n'
    d = detect_dialect(text)
    assert (d.delimiter, d.quotechar, d.escapechar) == (",", '"', "\\")


def test_decimal_comma_file_is_semicolon_delimited():
    text = "Datum;Schluss;Volumen\n02.01.2020;1,5;100\n03.01.2020;2,25;200\n06.01.2020;3,5;300\n"
    assert detect_dialect(text).delimiter == ";"


def test_preamble_does_not_change_the_dialect():
    text = "Exported by Broker X on 2020-01-08\nAccount: 12345\n\n" + write(PRICES, ";")
    assert detect_dialect(text).delimiter == ";"


def test_single_column_defaults_to_comma():
    assert detect_dialect("close\n1.5\n2.5\n3.5\n").delimiter == ","


@pytest.mark.parametrize(
    ("text", "terminator"), [("a\nb\n", "\n"), ("a\r\nb\r\n", "\r\n"), ("a\rb\r", "\r"), ("a", "\n")]
)
def test_line_terminator(text, terminator):
    assert detect_line_terminator(text) == terminator


def test_parse_rows_reports_the_start_line_of_multiline_records():
    text = 'a,b\r\n\r\nc,"d\ne"\rf,g\n'
    rows = parse_rows(text, ",", '"', None)
    assert rows == [(0, ["a", "b"]), (1, []), (2, ["c", "d\ne"]), (4, ["f", "g"])]
