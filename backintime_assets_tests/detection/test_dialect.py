import io
from collections import Counter
from itertools import chain
from types import SimpleNamespace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from backintime_assets.detection import detect_bytes
from backintime_assets.detection.dialect import (
    count_lines,
    detect_dialect,
    detect_line_terminator,
    line_offset,
    parse_rows,
    quoting_at_stake,
)

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


@pytest.mark.parametrize("written", ["{d:02d}. Jan. 2020", "{d:02d} janv. 2020", "{d:02d}. Mär. 2020"])
def test_dates_written_with_a_dotted_month_leave_the_dot_no_delimiter(written):
    # "02. Jan. 2020;1.88": the date's dots, with the decimal's, were on every line as often as the
    # semicolon, and a file of twenty such rows was read on '.' ("no date or close column").
    rows = "".join(f"{written.format(d=d)};{1.5 + d / 100:.2f}\n" for d in range(1, 23))
    schema = detect_bytes(f"Datum;Schluss\n{rows}".encode(), "kurse.csv")
    assert schema.delimiter == ";"
    assert [c.canonical for c in schema.columns] == ["date", "close"]


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


@given(st.text(alphabet="ab\r\n", max_size=30))
def test_line_offset_starts_the_lines_count_lines_counts(text):
    # The table read from line k on must start where the reader numbers line k: \r\n, \r and \n
    # alike, as io.StringIO(newline="") splits them.
    lines = io.StringIO(text, newline="").readlines()
    assert len(lines) == count_lines(text)
    for k in range(len(lines) + 2):
        assert text[line_offset(text, k):] == "".join(lines[k:])


def test_quoting_is_at_stake_only_where_a_quote_or_escape_character_is():
    assert not quoting_at_stake("Report: daily\nDate,Close\n2020-01-02,1.5\n")
    assert all(quoting_at_stake(f"Prices for 12{q} pipes\nDate,Close\n") for q in "\"'`\\")


def _slow_parse(text, delimiter, quotechar, escapechar):
    """parse_rows as a record-by-record loop that asks the reader for line numbers."""
    import csv
    import io

    from backintime_assets.detection.dialect import reader_kwargs
    from backintime_assets.detection.dump_escapes import keep_dump_escapes

    text = keep_dump_escapes(text, delimiter, escapechar)  # what parse_rows reads: a dump's "\t" is a space
    reader = csv.reader(io.StringIO(text, newline=""), **reader_kwargs(delimiter, quotechar, escapechar))
    rows, start = [], 0
    for fields in reader:
        rows.append((start, fields))
        start = reader.line_num
    return rows


@pytest.mark.parametrize(
    "text",
    ["a,b\n\nc,d\n", "a,b\r\nc,d\r\n", "a,b\rc,d", 'a,"x\ny"\nc,d\n', 'a,"open\nb,c\n', "", "\n\n", "a\r\n\r\nb"],
)
def test_parse_rows_fast_path_matches_the_line_by_line_reader(text):
    assert parse_rows(text, ",", '"', None) == _slow_parse(text, ",", '"', None)


@given(st.text(alphabet='ab1,;"\'\\\n\r\t ', max_size=40))
def test_parse_rows_any_text(text):
    for dialect in ((",", '"', None), (";", None, None), ("\t", "'", "\\")):
        assert parse_rows(text, *dialect) == _slow_parse(text, *dialect)


@given(st.lists(st.text(alphabet="aZ09 .,-/:$€%\t\"'#@_xN/A+eé\x00", max_size=10), max_size=30))
def test_known_cells_count_as_the_pattern_tests_each_cell(cells):
    from backintime_assets.detection.dialect import _KNOWN, _known_count

    expected = sum(1 for c in cells if not c.strip() or _KNOWN.match(c.strip()))
    assert _known_count(cells) == expected
    assert _known_count(cells + cells) == 2 * expected  # repeats count as often as they occur


def test_known_cells_on_typical_values():
    from backintime_assets.detection.dialect import _known_count

    cells = ["AAPL", "2020-01-02", "75.09", "1,234.5", " ", "Real Estate", "x|y", "http://a.b/c,d", "#N/A", "??"]
    assert _known_count(cells) == 8  # all but "x|y" and "??"
    # Long cells (a whole line under a wrong delimiter) and a NUL inside a cell.
    assert _known_count(["Date;Ticker;Close " * 50, "AAPL;2020-01-02;75.09", "a\x00b", "7\x00"]) == 1


def test_quote_variants_that_parse_alike_tie_to_the_double_quote():
    # Apostrophes inside words: '"' (absent) and no quoting read the sample alike, "'" worse.
    d = detect_dialect("id,text\n1,it's\n2,o'clock\n3,rock'n'roll\n")
    assert (d.delimiter, d.quotechar) == (",", '"')
    # No quote character at all: the unquoted reading is not even scored, '"' stands.
    d = detect_dialect("a;b\n1;2\n3;4\n")
    assert (d.delimiter, d.quotechar, d.confidence) == (";", '"', 1.0)
    d = detect_dialect("x,y\n'a,b',1\n'c,d',2\n")
    assert (d.delimiter, d.quotechar) == (",", "'")


# _VALUE_TOKENS as it was written first (a leading lookahead, no possessive runs): the reference
# for the faster form, which must find the same tokens.
_VALUE_TOKENS_REFERENCE = (
    r"(?=[\dA-Za-z])(?:\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?"
    r"|\d{1,2}:\d{2}(?::\d{2})?|\d+\.\d+"
    r"|[A-Za-z]{3,9}\.? \d{1,2},? \d{4}|\d{1,2}[- ][A-Za-z]{3,9}[- ]\d{2,4})"
)


@given(st.text(alphabet="0123456789aJnZ-/.: ,T;\n", max_size=60))
def test_value_tokens_find_what_the_reference_finds(text):
    import re

    from backintime_assets.detection.dialect import _VALUE_TOKENS

    assert _VALUE_TOKENS.findall(text) == re.findall(_VALUE_TOKENS_REFERENCE, text)


def test_value_tokens_on_dates_times_and_decimals():
    from backintime_assets.detection.dialect import _VALUE_TOKENS

    text = "2020-01-02 10:30;x12:05;Jan 5, 2021;5-Mar-2020;AB1.25;12345"
    assert _VALUE_TOKENS.findall(text) == ["2020-01-02 10:30", "12:05", "Jan 5, 2021", "5-Mar-2020", "1.25"]


def test_the_slashes_and_colons_of_urls_sit_inside_values():
    from backintime_assets.detection.dialect import _inside_values

    inner = _inside_values('x,https://ex.com/p/a_1.html,"ftp://h/f.txt"\n1/2,http:/no,12:30')
    assert inner["/"] == 7 / 9  # all but the ones of "1/2" and "http:/no"
    assert inner[":"] == 3 / 4  # those of the two URLs and of 12:30


_TYPES = ["Boots", "Down Vest", "Fly Rod 8 Wt.", "Men's Tee", "Kids' Hat", "Sofa"]


@pytest.mark.parametrize(("sep", "delimiter"), [(" ", " "), (", ", ",")])
def test_slashes_of_dates_and_urls_do_not_make_a_delimiter(sep, delimiter):
    # Each data row holds a date and a URL: six '/' a line, a count as steady as a delimiter's, and
    # '/' cuts every data row alike (the unquoted multi-word types make ' ' the less steady split).
    # The header holds no '/': read on it, the file loses its header. ", " is read on ',' (cells
    # keep a leading blank: the csv reader has one-character delimiters).
    rows = [sep.join(["DATE", "TIME", "Qty", "Type", '"Description"', '"URL"'])] + [
        sep.join([f"{d:02d}/01/2018", f"0{d % 10}:15", str(d), _TYPES[d % 6], f'"Warm, light and dry, size {d}"',
                  f'"https://www.example.com/product/A_{d}.html"'])
        for d in range(1, 21)
    ]
    d = detect_dialect("\n".join(rows) + "\n")
    assert d.delimiter == delimiter


def test_a_long_comma_preamble_does_not_outvote_a_semicolon_body():
    # The first 40 lines speak for ',' (notes with commas, a field count as steady as a table's);
    # the 80 table lines below them for ';': all scored lines vote, not only the first ones.
    preamble = [f"Note {k}, exported by desk {k % 3}, checked" for k in range(40)]
    body = ["Datum;Ticker;Schluss;Volumen"] + [f"{k % 28 + 1:02d}.01.2020;T{k};{k},5;{100 + k}" for k in range(80)]
    d = detect_dialect("\n".join(preamble + body) + "\n")
    assert d.delimiter == ";"
    assert d.confidence > 0


def test_quote_variants_that_parse_differently_are_scored_apart():
    # "'" parses "'a;b'" as one value, '"' and no quoting as two: the variants must not share a score.
    text = "k;v\n" + "".join(f"'a{i};b{i}';{i}\n" for i in range(10))
    d = detect_dialect(text)
    assert (d.delimiter, d.quotechar) == (";", "'")
    assert d.confidence > 0


_PIECES = ["http://", "ftp://", "a.b", ";", "|", '"', "1", "234", ",", ".", "'", "e", "-", "%", " ", "\t", "Jan", "@",
           "x"]


@given(st.lists(st.lists(st.sampled_from(_PIECES), max_size=8).map("".join), max_size=20))
def test_known_count_on_urls_signs_and_grouped_numbers(cells):
    # The joined scan tries a cell holding ';', '|' or '"' as a URL alone, and takes digit runs
    # without giving back: still exactly the cells _KNOWN matches one by one.
    from backintime_assets.detection.dialect import _KNOWN, _known_count

    assert _known_count(cells) == sum(1 for c in cells if not c.strip() or _KNOWN.match(c.strip()))


def test_known_count_on_cells_with_signs():
    from backintime_assets.detection.dialect import _known_count

    cells = ["http://a.b/x;y|z", 'ftp://h/"q"', "a;b", "x|y", '"q"', "1,234,5678", "1,234.5e-3 %", "12;34"]
    assert _known_count(cells) == 4  # the two URLs and the two numbers


@given(st.text(alphabet="ab1,; \t\r\n\x00", max_size=40), st.sampled_from([",", ";", "\t", " "]))
def test_plain_text_split_in_c_reads_as_the_csv_module_reads_it(text, delimiter):
    # No quote or escape character in the text: parse_rows splits lines with str.split.
    from backintime_assets.detection.dialect import _plain

    for quotechar, escapechar in (('"', None), (None, None), ("'", "\\")):
        assert _plain(text, quotechar, escapechar)
        assert parse_rows(text, delimiter, quotechar, escapechar) == _slow_parse(text, delimiter, quotechar, escapechar)


def test_plain_split_keeps_line_ends_blank_lines_and_the_last_line():
    text = "a,b\r\nc\rd,,e\n\n \nlast"
    assert parse_rows(text, ",", '"', None) == [(0, ["a", "b"]), (1, ["c"]), (2, ["d", "", "e"]), (3, []),
                                                (4, [" "]), (5, ["last"])]
    assert parse_rows("", ",", '"', None) == []
    assert parse_rows("\n", ",", '"', None) == [(0, [])]


def test_quotes_escapes_and_huge_fields_go_to_the_csv_module():
    import csv

    from backintime_assets.detection.dialect import _plain

    assert not _plain('a,"b,c"\n', '"', None)
    assert not _plain("a\\,b\n", None, "\\")
    huge = "x" * (csv.field_size_limit() + 1) + ",y\nz,w\n"
    assert not _plain(huge, '"', None)
    assert parse_rows(huge, ",", '"', None) == []  # the reader raises on the first field: nothing parsed
    assert parse_rows("a,b\n" + huge, ",", '"', None) == [(0, ["a", "b"])]  # what parsed before it stays


def test_known_count_merges_cells_that_strip_alike():
    from backintime_assets.detection.dialect import _known_count

    assert _known_count(["1.5", " 1.5", "1.5 ", "x y", " x y ", "", "  ", "??", " ??"]) == 7


# A space after every delimiter and quoted cells after it: hand-made and older exports (issue 4).
SPACED = ('id, name, city, amount\n1, "Smith, John", "Paris", 12.5\n2, "Doe, Jane", "Lyon", 7\n'
          '3, "Roe, Rick",   "Nice", 3.25\n')


def test_a_quote_after_a_delimiter_and_spaces_opens_a_cell():
    d = detect_dialect(SPACED)
    assert (d.delimiter, d.quotechar, d.escapechar, d.skipinitialspace) == (",", '"', None, True)
    rows = parse_rows(SPACED, d.delimiter, d.quotechar, d.escapechar, skipinitialspace=d.skipinitialspace)
    assert [f for _, f in rows] == [["id", "name", "city", "amount"], ["1", "Smith, John", "Paris", "12.5"],
                                    ["2", "Doe, Jane", "Lyon", "7"], ["3", "Roe, Rick", "Nice", "3.25"]]


def test_spaced_quotes_that_hold_no_delimiter_still_lose_their_quotes():
    # Read without skipping, ' "AA"' is a cell with its quotes: the same field count, other values.
    d = detect_dialect('1, "AA"\n2, "BB"\n3, "CC"\n')
    assert (d.delimiter, d.quotechar, d.skipinitialspace) == (",", '"', True)
    d = detect_dialect('"int", "number"\n"1", "2.3"\n"", "4.3"\n"3", "3.14"\n')
    assert (d.delimiter, d.skipinitialspace) == (",", True)


@pytest.mark.parametrize("text", [
    "id, name, amount\n1, Smith, 12.5\n2, Doe, 7\n3, Roe, 3\n",  # spaces, no quote: cells are trimmed anyway
    'id,name,amount\n1,"Smith, John",12.5\n2,"Doe, Jane",7\n3,"Roe, Rick",3\n',  # quotes, no spaces
    'id,note\n1,he said "hi"\n2,a "b" c\n3,x\n',  # a quote after a space inside an unquoted cell
])
def test_initial_spaces_are_skipped_only_where_that_reads_the_sample_better(text):
    assert detect_dialect(text).skipinitialspace is False


def test_parse_rows_skips_initial_spaces_without_a_quote_in_the_text():
    # The fast split (no quote in the text) does not skip: the csv module reads it.
    assert parse_rows("a,  b\nc, d\n", ",", '"', None, skipinitialspace=True) == [(0, ["a", "b"]), (1, ["c", "d"])]
    assert parse_rows("a,  b\n", ",", '"', None) == [(0, ["a", "  b"])]


def test_spaced_quotes_around_cells_no_better_known_are_opened_all_the_same():
    # 'say "hi"' is no known value whether its quotes are read or not: a tie the quotes decide.
    d = detect_dialect('1, "say ""hi"""\n2, "a ""b"""\n3, "c ""d"""\n')
    assert (d.delimiter, d.skipinitialspace) == (",", True)


@pytest.mark.parametrize(("text", "delimiter", "skip"), [
    # found by hypothesis (test_detect.py::test_generic_tables_with_spaced_delimiters): the quoted
    # cell holding ", " counted as no known value, and a space delimiter, cutting "São Paulo" and
    # "foo bar" alike on every line, outscored the comma
    ('alpha, São Paulo\nalpha, São Paulo\nfoo bar, alpha\n"New York, NY", São Paulo\n', ",", False),
    ('alpha,  São Paulo\nalpha,  São Paulo\nfoo bar,  alpha\n"New York,  NY",  São Paulo\n', ",", False),
    ('alpha; São Paulo\nalpha; São Paulo\nfoo bar; alpha\n"New York; NY"; São Paulo\n', ";", False),
    ('alpha| São Paulo\nalpha| São Paulo\nfoo bar| alpha\n"New York| NY"| São Paulo\n', "|", False),
    # the quoted cell after the delimiter: its spaces are skipped to open it
    ('São Paulo, alpha\nSão Paulo, alpha\nalpha, foo bar\nSão Paulo, "New York, NY"\n', ",", True),
])
def test_a_quoted_cell_holding_its_delimiter_counts_for_that_delimiter(text, delimiter, skip):
    d = detect_dialect(text)
    assert (d.delimiter, d.quotechar, d.skipinitialspace) == (delimiter, '"', skip)
    rows = parse_rows(text, d.delimiter, d.quotechar, d.escapechar, skipinitialspace=d.skipinitialspace)
    cells = [[c.strip() for c in f] for _, f in rows]
    assert [len(f) for f in cells] == [2, 2, 2, 2]
    assert {"São Paulo", "foo bar"} <= set(chain.from_iterable(cells))
    assert any(c.startswith("New York" + delimiter) and c.endswith(" NY") for c in cells[-1])

# Space-aligned (fixed-width) text tables (issue 4, class A): split at every single space, their
# rows were of a dozen field counts, and none loaded.
ALIGNED = ("Date         Open    Close\n2020-01-02   10.50   11.00\n2020-01-03    9.75   10.25\n"
           "2020-01-06  101.00  100.50\n2020-01-07   99.00  100.00\n")


def test_space_aligned_columns_are_read_with_their_runs_of_spaces_merged():
    d = detect_dialect(ALIGNED)
    assert (d.delimiter, d.skipinitialspace) == (" ", True)
    rows = parse_rows(ALIGNED, d.delimiter, d.quotechar, d.escapechar, skipinitialspace=True)
    assert [f for _, f in rows] == [["Date", "Open", "Close"], ["2020-01-02", "10.50", "11.00"],
                                    ["2020-01-03", "9.75", "10.25"], ["2020-01-06", "101.00", "100.50"],
                                    ["2020-01-07", "99.00", "100.00"]]


def test_leading_and_trailing_spaces_of_an_aligned_row_open_no_cell():
    # A right-aligned first column starts lines with spaces; some lines are padded after their last
    # value. Neither is a column (a first cell of nothing would shift every name over its column).
    text = (" 2019  1  1   -1.8   12.3\n 2019  1  2  -11.2    2.0  \n 2019  1  3    3.3  -10.5\n"
            " 2019 12 31   10.1    0.5 \n")
    d = detect_dialect(text)
    assert (d.delimiter, d.skipinitialspace) == (" ", True)
    rows = parse_rows(text, d.delimiter, d.quotechar, d.escapechar, skipinitialspace=True)
    assert [f for _, f in rows] == [["2019", "1", "1", "-1.8", "12.3"], ["2019", "1", "2", "-11.2", "2.0"],
                                    ["2019", "1", "3", "3.3", "-10.5"], ["2019", "12", "31", "10.1", "0.5"]]


def test_aligned_numbers_of_two_columns_are_not_taken_for_one_spaced_number():
    # "1         1.4" merged is "1 1.4": no number with a space in it (only "1 000" is), two cells.
    text = "Data:  Treatment   Response\n" + "".join(f"           {i % 9 + 1}         1.{i % 7}\n" for i in range(40))
    d = detect_dialect(text)
    assert (d.delimiter, d.skipinitialspace) == (" ", True)


def test_a_one_digit_column_beside_three_digit_values_is_two_columns_not_a_spaced_number():
    # Merged, "1            107.8681568" reads as "1 107.8681568", a number grouped by a space: a
    # thousands group stands one space apart, not a run of them. Taken for a cut number on every
    # row, the reading that kept the padding as empty cells won (two dozen columns of blanks).
    text = "Data:  Instrument           AgWt\n" + "".join(
        f"           {1 + i // 12}            107.86815{i:02d}\n" for i in range(24))
    d = detect_dialect(text)
    assert (d.delimiter, d.skipinitialspace) == (" ", True)
    rows = parse_rows(text, d.delimiter, d.quotechar, d.escapechar, skipinitialspace=True)
    assert [f for _, f in rows][:2] == [["Data:", "Instrument", "AgWt"], ["1", "107.8681500"]]


def test_a_quote_after_a_run_of_spaces_opens_a_cell():
    text = 'id name amount\n1  "Smith John"  12.5\n2  "Doe Jane"  7\n3  "Roe Rick"  3\n'
    d = detect_dialect(text)
    assert (d.delimiter, d.quotechar, d.skipinitialspace) == (" ", '"', True)
    rows = parse_rows(text, d.delimiter, d.quotechar, d.escapechar, skipinitialspace=True)
    assert [f for _, f in rows] == [["id", "name", "amount"], ["1", "Smith John", "12.5"], ["2", "Doe Jane", "7"],
                                    ["3", "Roe Rick", "3"]]


@pytest.mark.parametrize("text", [
    "Date Open Close\n2020-01-02 10.5 11.0\n2020-01-03 9.75 10.25\n2020-01-06 101.0 100.5\n",  # single spaces
    # A missing value between single spaces: the runs are cells, merging them would shift a value
    "a b c d\n1 2 3 4\n5  7 8\n9 10 11 12\n13 14  16\n17 18 19 20\n",
])
def test_single_spaced_tables_are_read_without_merging(text):
    d = detect_dialect(text)
    assert (d.delimiter, d.skipinitialspace) == (" ", False)


def test_a_word_between_numbers_is_no_written_date_unless_it_names_a_month():
    # "1 ann 10" was read as a date like "5 Mar 21": the spaces inside "dates" took the space out of the
    # candidates, and the table split on the decimal points.
    text = "id name score\n1 ann 10.5\n2 bob 11.25\n3 cy 9.75\n"
    assert detect_dialect(text).delimiter == " "
    from backintime_assets.detection.dialect import _inside_values

    assert _inside_values(text)[" "] == 0 and _inside_values(text)["."] == 1
    # A day, month name and year keeps its blanks, in English and the other languages read, also beside
    # a word that is no month's.
    for month in ("Mar", "Okt", "mei", "dic", "MAI", "Sept"):
        assert _inside_values("".join(f"{d} {month} 2021,{d}.5\n" for d in range(1, 9)))[" "] == 1, month
    assert _inside_values("5 Mar 2021,1 ann 10.5\n")[" "] == 0.5


def test_a_headerless_log_of_single_spaced_numbers_is_space_delimited():
    # A sensor log with no header: epoch, then readings. No number holds a space after its decimal
    # mark: each line is four values, not one spaced number, which had left the file one column wide.
    text = "".join(f"{1614556800 + 60 * k} {20 + k / 7:.3f} {50 + k % 5 * 1.1:.2f} 1013.{k % 10}\n" for k in range(30))
    assert detect_dialect(text).delimiter == " "
    # Spaces before any decimal mark still group one value: grouped amounts, phone and card numbers
    # and sort codes stay whole ("," stands for one column too; where commas are the values' decimal
    # marks, a delimiter the list does not hold does, as detect_bytes read it already).
    assert detect_dialect("montant\n1 234\n12 500,50\n987 654\n1 000 000\n45 120,05\n").delimiter == "\t"
    assert detect_dialect("phone\n" + "".join(f"020 79{k:02d} 09{k:02d}\n" for k in range(20))).delimiter == ","
    assert detect_dialect("card\n" + "".join(f"4111 1111 1111 11{k:02d}\n" for k in range(20))).delimiter == ","
    text = "sort code,account\n" + "".join(f"20 00 {k:02d},1234{k:04d}\n" for k in range(20))
    assert detect_dialect(text).delimiter == ","


# A '#' metadata block whose last line is the header, itself commented (issue 4, class B: CAMS).
CAMS = ("# Coding: utf-8\n# Title: CAMS radiation service\n# Latitude: 38.2970 (N)\n# Longitude: -2.2580 (E)\n"
        "# Altitude: 500.0 m\n# Observation period;TOA;GHI;BHI\n"
        "2020-01-01T00:00:00.0/2020-01-01T00:01:00.0;0.0000;0.0000;0.0000\n"
        "2020-01-01T00:01:00.0/2020-01-01T00:02:00.0;0.0000;0.0000;0.0000\n"
        "2020-01-01T00:02:00.0/2020-01-01T00:03:00.0;1.5000;0.2000;0.0000\n")


def test_a_leading_comment_block_does_not_vote_for_its_hash_as_the_delimiter():
    assert detect_dialect(CAMS).delimiter == ";"
    # Blank lines in the block, and more comment lines than data rows, change nothing.
    many = "#\n" + "".join(f"# {k}. column {k}: a value\n" for k in range(30)) + "\n" + CAMS
    assert detect_dialect(many).delimiter == ";"


@pytest.mark.parametrize("text", [
    "# a\n# b\n# c\n",  # nothing but comments
    "# Date,Close\n2020-01-02,1.5\n",  # a single line below the block: too little to judge on alone
])
def test_comment_lines_still_vote_where_little_else_is_left(text):
    assert detect_dialect(text).delimiter in (",", "#")


_TOKEN_PIECES = ["1", "23", "2020", "-", "/", ".", ":", " ", "  ", ",", "\t", ";", "|", "\n", "T", "Mar", "Jan.",
                 "a", "ZZ", "ann", "MAI", "Okt", "http://h.io/a-1.2", "é", "\u0663", "@", "x.y@h-1.io"]


@given(st.lists(st.sampled_from(_TOKEN_PIECES), max_size=30).map("".join))
def test_inside_values_read_numeric_tokens_as_the_full_pattern_does(text):
    # Without a written date's middle in it, a sample is scanned with _NUMERIC_TOKENS (runs of
    # digits no token continues read in one step, the token without its first digit): the marks
    # inside tokens are those of every match of _VALUE_TOKENS.
    from backintime_assets.detection.dialect import (
        _INNER_CHARS,
        _NUMERIC_TOKENS,
        _EMAIL_TOKENS,
        _URL_TOKENS,
        _VALUE_TOKENS,
        _VALUE_TOKENS_OF_MONTHS,
        _WRITTEN_DATE_HINT,
        _inside_values,
    )

    rest = _URL_TOKENS.sub("\n", text) if "://" in text else text
    urls = "".join(_URL_TOKENS.findall(text)) if "://" in text else ""
    urls += "".join(_EMAIL_TOKENS.findall(rest))
    rest = _EMAIL_TOKENS.sub("\n", rest)
    tokens = urls + "".join(_VALUE_TOKENS_OF_MONTHS.findall(rest))  # "1 ZZ 2020" is no date, "1 Mar 2020" is
    assert _inside_values(text) == {c: tokens.count(c) / max(1, text.count(c)) for c in _INNER_CHARS + "@"}
    if not _WRITTEN_DATE_HINT.search(rest):
        assert not any(m.startswith(tuple("AaJjMmZz")) for m in _VALUE_TOKENS.findall(rest))  # the hint holds
        numeric = "".join(_NUMERIC_TOKENS.findall(rest))
        assert all(numeric.count(c) == "".join(_VALUE_TOKENS.findall(rest)).count(c) for c in _INNER_CHARS)


_WORD_PIECES = ["Mar", "September", "Sept.", " ", "5", "12", "2021", ",", ".", "-", "/", "@", "a.b", "x_y", "9",
                "x", "AAPL", "#N/A", "N/A", "é", "%", "$", "e5", ":", "PM", "T", "+", '"', ";"]


@given(st.lists(st.lists(st.sampled_from(_WORD_PIECES), max_size=7).map("".join), max_size=25))
def test_known_count_on_words_written_dates_and_mail_addresses(cells):
    # The joined scan tries words first and runs the letters and digits of written dates, e-mail
    # addresses and codes without giving back: still exactly the cells _KNOWN matches one by one.
    from backintime_assets.detection.dialect import _KNOWN, _known_count

    assert _known_count(cells) == sum(1 for c in cells if not c.strip() or _KNOWN.match(c.strip()))


def test_a_list_of_email_addresses_is_one_column():
    # Every address holds one '@' and a '.' or two: steady counts, but a value's own (as a URL's
    # slashes), not a delimiter that splits "ann" from "example.org".
    text = "email\nann@example.org\nbob@example.com\ncarla.m@example.net\ndavid@example.org\nelena@example.com\n"
    assert detect_dialect(text).delimiter == ","
    text = "id;contact\n1;ann@example.org\n2;bob@example.com\n3;carla.m@example.net\n"
    assert detect_dialect(text).delimiter == ";"


def test_backslash_escaped_quotes_that_change_no_field_count():
    # '"said \"hello\" twice"' is one cell read with or without the escape: the two readings tie on
    # the pattern, and only the escaped one takes the quotes as text.
    text = ('id,name,comment\n1,"Smith, John","said \\"hello\\" twice"\n2,"Doe, Jane","no comment"\n'
            '3,"Lee, Kim","quote \\" inside"\n4,"Ng, Al","plain"\n')
    d = detect_dialect(text)
    assert (d.delimiter, d.quotechar, d.escapechar) == (",", '"', "\\")
    # A backslash that escapes no quote (a Windows path) leaves the default reading.
    text = 'id,path\n1,"C:\\temp\\a, b"\n2,"D:\\data\\x"\n3,"E:\\y"\n'
    d = detect_dialect(text)
    assert (d.delimiter, d.quotechar, d.escapechar) == (",", '"', None)


def test_eurostat_tsv_with_flags_and_missing_marks_is_tab_delimited():
    # Eurostat bulk TSV: values padded with a space, a flag after some ("21.0 b"), ":" for missing.
    # Read on spaces, the flags land in cells of their own and the tabs inside cells.
    text = ("unit,sex,age,geo\\time\t2016 \t2015 \t2014 \t2013 \t2012 \n"
            "PC,F,Y15-24,AT\t10.6 \t10.2 \t9.8 \t9.2 \t9.1 \n"
            "PC,F,Y15-24,BE\t18.0 \t20.4 \t21.0 b\t22.1 \t18.1 \n"
            "PC,F,Y15-24,BG\t: \t19.8 u\t22.0 \t26.3 \t25.6 \n"
            "PC,F,Y15-24,CY\t26.8 \t29.0 \t33.9 \t35.4 \t23.4 e\n"
            "PC,F,Y15-24,CZ\t10.4 \t12.1 \t16.3 \t18.3 \t19.0 \n")
    assert detect_dialect(text).delimiter == "\t"


def test_quoted_rfc_2822_dates_beside_message_ids_keep_the_comma():
    # A mail export: "<id@host>" ids and "Mon, 01 Mar 2021 00:00:00 +0000" dates. Neither read as a
    # value, so the blanks inside the dates out-scored the comma and the file had no header.
    from datetime import datetime

    stamps = [datetime(2021, 3, 1 + k % 28, k % 24, k).strftime("%a, %d %b %Y %H:%M:%S +0000") for k in range(40)]
    text = "Message-ID,Date,From\n" + "".join(
        f'<{k}@example.com>,"{stamp}",user{k}@example.com\n' for k, stamp in enumerate(stamps))
    assert detect_dialect(text).delimiter == ","


def test_eurostat_table_of_few_columns_mostly_missing_is_tab_delimited():
    # Three weeks, most of them ":": read on the comma, the keys were words and the last cell held
    # the tabs, as known as the tab reading's values, and the comma won the tie by order (the
    # table was four columns, its weeks one cell). The corner cell says how the keys are joined.
    text = ("age,sex,unit,geo\\time\t2022W31 \t2022W30 \t2022W29\n"
            "Y_LT5,F,NR,PL\t1 \t2 \t:\nY20-24,M,NR,DE\t100 p \t0 p \t:\nTOTAL,T,NR,FR\t: \t: \t:")
    assert detect_dialect(text).delimiter == "\t"
    # No corner cell: a backslash in a first name is no cross table (a path, a domain account).
    text = "user\\name,id,n\nCORP\\ann,1,2\nCORP\\bob,3,4\n"
    assert detect_dialect(text).delimiter == ","


def test_a_one_column_file_of_quoted_grouped_numbers_is_not_split_at_their_commas():
    # Read without the quote, '"-1,184.31"' is two cells, '"-1' and '184.31"': their rows outweighed
    # the one-column reading, and the file was split at the comma, its header lost among the pieces.
    text = 'value\n-967.44\n"-1,184.31"\n774.73\n"1,498.32"\n211.68\n"-1,493.52"\n'
    d = detect_dialect(text)
    assert (d.delimiter, d.quotechar) == (",", '"')
    from backintime_assets.detection import detect_bytes
    schema = detect_bytes(text.encode(), "values.csv")
    assert (schema.header_row, schema.data_start_line, schema.thousands) == (0, 1, ",")
    assert [(c.name, c.type) for c in schema.columns] == [("value", "float")]


def test_a_quote_a_backslash_escapes_is_read_so_where_it_closed_the_cell_unescaped():
    # Unescaped, the apostrophe after the backslash closes the cell and the rest runs on after it:
    # "Côte d\Ivoire'", no backslash-quote pair left in the cell to tell the escape by.
    text = ("country,year,growth\nFrance,2020,-0.8\n'Côte d\\'Ivoire',2020,1.0\n'Côte d\\'Ivoire',2021,5.4\n"
            "Japan,2020,-2.1\n")
    d = detect_dialect(text)
    assert (d.delimiter, d.quotechar, d.escapechar) == (",", "'", "\\")
    rows = parse_rows(text, d.delimiter, d.quotechar, d.escapechar)
    assert rows[2][1] == ["Côte d'Ivoire", "2020", "1.0"]
    # A path's backslashes in a doubled-quote file are no escape: nothing pairs with a quote there.
    plain = 'name,path\na,"C:\\data\\x.csv"\nb,"say ""hi"""\nc,d\n'
    assert detect_dialect(plain).escapechar is None


@pytest.mark.parametrize(("text", "delimiter"), [
    ('"Date,Open,High,Low,Close,Volume"\n2024-01-02,10.5,11,10,10.8,1000\n2024-01-03,10.8,11.2,10.6,11.0,1200\n'
     "2024-01-04,11.0,11.5,10.9,11.4,900\n", ","),
    ('"Datum;Eröffnung;Hoch;Tief;Schluss;Volumen"\n02.01.2024;10,5;11;10;10,8;1000\n03.01.2024;10,8;11,2;10,6;11,0;1200\n'
     "04.01.2024;11,0;11,5;10,9;11,4;900\n", ";"),
])
def test_a_header_wrapped_whole_in_quotes_over_unquoted_rows_keeps_its_names(text, delimiter):
    # Some exporters quote the header line whole, and nothing below. Its pieces are as many as each
    # row's cells: the table's header, not one quoted title cell. Scored as one cell, the quote won,
    # the header became a title, and four unnamed price columns refused the file.
    from backintime_assets.detection import detect_bytes
    from backintime_assets.normalisation import normalise_bytes
    data = text.encode()
    schema = detect_bytes(data, "ACME.csv")
    assert (schema.delimiter, schema.header_row) == (delimiter, 0)
    assert [c.canonical for c in schema.columns] == ["date", "open", "high", "low", "close", "volume"]
    out = normalise_bytes(data, schema, "ACME.csv")
    assert [(str(r["date"]), r["open"], r["close"]) for r in out.prices_arrow.to_pylist()] == [
        ("2024-01-02", 10.5, 10.8), ("2024-01-03", 10.8, 11.0), ("2024-01-04", 11.0, 11.4)]
    # A one-column list's values quoted for the comma they hold stay whole (their pieces are two).
    assert detect_dialect('address\n"Paris, FR"\n"Lyon, FR"\nNice\n"Berlin, DE"\n').quotechar == '"'


@pytest.mark.parametrize("delimiter", ["\t", "^"])
def test_a_space_after_each_delimiter_is_padding_not_the_delimiter(delimiter):
    # "Date\t Open\t ..." read on single spaces gives the tab's cells, each with the tab at its end
    # (stripped off, they were known), and a title or note of a few words read on spaces too: the
    # space won, and a '^' stayed in every name and value ("Date^", "20.01^"), the file refused.
    # (The note below has as many words as the table has columns: a steady width on the space.)
    from backintime_assets.detection import detect_bytes
    from backintime_assets.normalisation import normalise_bytes
    sep = delimiter + " "
    text = (f"Date{sep}Open{sep}High{sep}Low{sep}Close{sep}Volume\n"
            f"2024-02-14{sep}20.01{sep}20.14{sep}19.88{sep}19.97{sep}4985985\n"
            f"2024-02-15{sep}20.00{sep}20.25{sep}19.90{sep}20.10{sep}1732672\n"
            "\nSource: internal system. All figures unaudited.\n")
    data = text.encode()
    schema = detect_bytes(data, "ACME.csv")
    assert (schema.delimiter, schema.header_row, schema.data_start_line) == (delimiter, 0, 1)
    assert [c.name for c in schema.columns] == ["Date", "Open", "High", "Low", "Close", "Volume"]
    out = normalise_bytes(data, schema, "ACME.csv")
    assert [(str(r["date"]), r["open"], r["close"], r["volume"]) for r in out.prices_arrow.to_pylist()] == [
        ("2024-02-14", 20.01, 19.97, 4985985), ("2024-02-15", 20.0, 20.1, 1732672)]
    # Words and numbers split by single spaces stay a space-delimited table.
    assert detect_dialect("name city score\nann paris 10.5\nbob lyon 11.25\ncy nice 9.75\n").delimiter == " "


# A one-column list of amounts whose writer delimited with ';' (no quotes: nothing held a ';'),
# read on the comma that groups (or marks the decimals of) some of its values.
_AMOUNTS = ["-967.44", "-1,184.31", "774.73", "211.68", "-1,493.52", "-1,160.28", "-1,968.29", "425.13",
            "-1,612.26", "1,498.32"]


@pytest.mark.parametrize(("values", "decimal", "thousands"), [
    (_AMOUNTS, ".", ","),
    ([v.replace(",", " ").replace(".", ",") for v in _AMOUNTS], ",", " "),  # "-1 184,31"
    ([v.replace(",", "'").replace(".", ",") for v in _AMOUNTS], ",", "'"),  # "-1'184,31", an apostrophe no quote
])
def test_a_one_column_list_whose_commas_are_inside_its_numbers_stays_one_column(values, decimal, thousands):
    # Read on the comma, the values holding one were two cells ("-1" and "184.31"), the rest one:
    # once they outnumbered the rest, a table two wide whose header was the first value ("-967.44").
    from backintime_assets.detection import detect_bytes
    text = "value\n" + "\n".join(values) + "\n"
    schema = detect_bytes(text.encode(), "amounts.csv")
    assert (schema.header_row, schema.data_start_line) == (0, 1)
    assert [(c.name, c.type) for c in schema.columns] == [("value", "float")]
    assert (schema.decimal, schema.thousands) == (decimal, thousands)
    # A table's commas stand on every line, the header's too: the comma stays its delimiter.
    assert detect_dialect("qty,price\n1,184.31\n2,99.5\n3,1.25\n").delimiter == ","
    # Values quoted for their commas: the comma is the writer's delimiter.
    assert detect_dialect('value\n-967.44\n"-1,184.31"\n774.73\n"1,498.32"\n').delimiter == ","
    # Integers after the comma of as many digits as they come: no decimals, a table of two.
    assert detect_dialect("Report\n1,5\n2,17\n3,9\n4,123\n").delimiter == ","


@pytest.mark.parametrize("eol", ["\r\n", "\r"])
def test_line_breaks_inside_quoted_cells_are_not_the_records_terminator(eol):
    # Excel ends records in "\r\n" and a line break inside a cell in "\n": cells of several lines
    # outnumbered the records, and "\n" was reported as the file's line terminator.
    from backintime_assets.detection import detect_bytes
    rows = ['5000,"Hello,\nthe invoice is wrong.\n\nRegards, Ann",open', '5001,"Line 1\nLine 2\nLine 3",closed',
            '5002,ok,open', '5003,"Printer says ""PC LOAD LETTER""\nagain",pending']
    text = eol.join(["ticket,body,status", *rows]) + eol
    assert detect_line_terminator(text) == eol
    schema = detect_bytes(text.encode(), "tickets.csv")
    assert (schema.line_terminator, [c.name for c in schema.columns]) == (eol, ["ticket", "body", "status"])


@pytest.mark.parametrize("text", [
    "ACME daily closes\n" + "".join(f"2024-01-{d:02d},{100 + d}.{d:02d}\n" for d in range(2, 12)),
    "".join(f"2024-01-{d:02d},{100 + d}.{d:02d}\n" if d % 4 else f"2024-01-{d:02d}\n" for d in range(2, 12)),
    "".join(f"2024-01-{d:02d},{100 + d}.{d:02d}\n" for d in range(2, 12)) + "End of data\n",
])
def test_a_headerless_price_file_whose_close_follows_a_date_keeps_its_comma(text):
    # "02,102.02" after "2024-01-" reads like a grouped number: every comma seemed inside one, and a
    # title, a footer or a day without a close holds none. The file, read on a tab as one column
    # of text, was refused ("no date or close column"), its rows all rejected.
    from backintime_assets.detection import detect_bytes
    from backintime_assets.normalisation import normalise_bytes
    assert detect_dialect(text).delimiter == ","
    data = text.encode()
    schema = detect_bytes(data, "ACME.csv")
    out = normalise_bytes(data, schema, "ACME.csv")
    loaded = {str(r["date"]): r["close"] for r in out.prices_arrow.to_pylist()}
    assert loaded["2024-01-03"] == 103.03 and loaded["2024-01-11"] == 111.11
    # Nor a time or a slashed date: "09:30,101.50", "1/2/2024,99".
    times = "Prices\n" + "".join(f"09:{m:02d},{101 + m}.50\n" for m in range(10))
    assert detect_dialect(times).delimiter == ","
    slashed = "".join(f"1/{d}/2024,{100 + d}.25\n" for d in range(2, 12)) + "Total\n"
    assert detect_dialect(slashed).delimiter == ","
    # Nor the two-digit year of a date written in words: "2 Jan 24,102.25".
    worded = "ACME closes\n" + "".join(f"{d} Jan 24,{100 + d}.25\n" for d in range(2, 12))
    assert detect_dialect(worded).delimiter == ","


def test_a_single_space_log_whose_lines_end_in_a_space_stays_space_delimited():
    # Its trailing space gives every line an empty last cell, a known one; an empty cell "ends in"
    # a tab, '^' or '~' as `"" in "\t^~"` holds, and all were dropped as padding: the '/' of "ms/file"
    # read the lines steadier, and won.
    text = "".join(f"run{k} drift{40 + k} rep 1: {6 + k / 10:.2f} ms/file rep 2: {4 + k / 7:.2f} ms/file \n"
                   for k in range(16))
    assert detect_dialect(text).delimiter == " "


def test_a_commented_header_names_the_delimiter_its_rows_hold_fewer_of():
    # A VCF: "##" metadata, the header "#CHROM<tab>POS...", rows whose last cells hold more ':'
    # than the row holds tabs ("GT:AD:DP", "0/1:0,660:660"), as steadily. Read on ':', the header
    # was a comment and the table thirteen columns of pieces; the header's tabs say how it is cut.
    text = ("##fileformat=VCFv4.2\n##source=Mutect2\n"
            "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tS1\n"
            "MT\t73\t.\tA\tG\t.\t.\tDP=670;ECNT=2\tGT:AD:AF:DP:SB\t0/1:0,660:0.998:660:0,0,265,395\n"
            "MT\t152\t.\tT\tC\t.\t.\tDP=1257;ECNT=2\tGT:AD:AF:DP:SB\t0/1:0,1226:0.999:1226:0,0,576,650\n")
    assert detect_dialect(text).delimiter == "\t"
    # A comment that is no header (its tabs cut it otherwise than the rows) leaves the vote alone.
    other = "# run\tof\tmay\n" + "\n".join(f"a:{i}:b:c:d\tx" for i in range(4)) + "\n"
    assert detect_dialect(other).delimiter == ":"
    # Nor does a comment of commas over rows of decimal commas split by ';': prose holds commas.
    prose = "# Generated, by tool, v2\n" + "\n".join(f"1,{i};2,5;3,5" for i in range(4)) + "\n"
    assert detect_dialect(prose).delimiter == ";"


def test_a_tab_commented_header_over_rows_whose_tabs_are_inside_quoted_cells_keeps_their_delimiter():
    # The rows' tabs are in one quoted cell ('"x<tab>y<tab>z"'): cut on the tab, each row is as wide
    # as the header, but its quote opens inside a piece. The file is ';'-separated.
    text = "# Date\tClose\tNote\n" + "".join(f'2024-01-0{i};12,5;"x\ty\tz"\n' for i in range(2, 7))
    assert detect_dialect(text).delimiter == ";"


def test_a_tab_commented_header_over_comma_rows_ending_in_stray_tabs_keeps_the_comma():
    # Cut on the tab, each row is as wide as the header, but its whole line is the first cell and the
    # others are empty: read so, the file was one column of lines, "no date column".
    text = "# Date\tClose\tVolume\n" + "".join(f"2024-01-0{i},10.{i},{i}00\t\t\n" for i in range(2, 7))
    assert detect_dialect(text).delimiter == ","


@pytest.mark.parametrize("price", ["USD 100,80", "EUR 1.234,50", "CHF 1'234,50"])
def test_a_price_after_its_currency_code_with_a_decimal_comma_is_one_cell(price):
    # "USD 100,80" was no known value (a word stops at its comma): read on the space, a ';' file of
    # such prices under a "Symbol: ACME" label scored better than on ';'.
    cells = ";".join([price] * 5)
    text = "Symbol: ACME\n\nDate;Open;High;Low;Close;Adj Close\n" + "".join(
        f"2023-12-1{i} 00:00:00;{cells}\n" for i in range(5))
    assert detect_dialect(text).delimiter == ";"


@pytest.mark.parametrize("rows, delimiter, phone, header_row", [
    # Unknown values, phone numbers were lost to a reading on a character inside them: "(" (a
    # steady count on every line, an empty first cell), the space ("+1", "938", ...) or the '-'.
    ([f"({200 + i}) 617-{9000 + i},{3500 + i}-X,{43160 + 30 * i}" for i in range(20)], ",", 0, -1),
    ([f"+1 {900 + i} 479 {2900 + i}\tFALSE\t2024.05.{i + 1:02d}" for i in range(12)], "\t", 0, -1),
    (["Source: Statistics Office", "", "name,is_member,phone"]
     + [f"name {i},{'tf'[i % 2]},0{700 + i}-733-{5400 + i}" for i in range(20)], ",", 2, 2),
    (["who;tel"] + [f"x{i};+44 20 7946 {1000 + i}" for i in range(20)], ";", 1, 0),
])
def test_phone_numbers_are_values_of_their_delimiter_s_cells(rows, delimiter, phone, header_row):
    text = "\n".join(rows) + "\n"
    assert detect_dialect(text).delimiter == delimiter
    schema = detect_bytes(text.encode(), "contacts.csv")
    assert (len(schema.columns), schema.header_row) == (len(rows[-1].split(delimiter)), header_row)
    assert schema.columns[phone].type == "string"


@pytest.mark.parametrize("header", [["guid"], []])
def test_a_column_of_uuids_is_not_cut_on_their_hyphens(header):
    # Four hyphens on every line, a steady count: read as five columns of hex, the header a row short.
    ids = [f"{i:08x}-e29b-41d4-a716-{446655440000 + i * 7919:012x}" for i in range(25)]
    text = "\n".join(header + ids) + "\n"
    assert detect_dialect(text).delimiter != "-"
    schema = detect_bytes(text.encode(), "ids.csv")
    assert [(c.type, schema.header_row) for c in schema.columns] == [("string", 0 if header else -1)]


def test_a_full_stop_that_only_ends_sentences_delimits_no_column():
    # A prose note: each line one sentence closed by "." (its one full stop), commas on some. Read
    # with "." it was a table of two columns, the first sentence its header, the second column empty.
    note = ("This table was collected by the survey team in spring.\n"
            "Each row is one household and the columns follow the codebook.\n"
            "Missing values are written as NA, dates in ISO format.\n"
            "Please cite the original publication when you use it.\n")
    result = detect_bytes(note.encode(), "readme.txt")
    assert result.delimiter != "."
    assert not any(c.name.startswith("This table") for c in result.columns)


def test_a_trailing_common_delimiter_still_delimits():
    # "a;b;" rows: the trailing ";" of a common delimiter is kept, the table read with it.
    result = detect_bytes(b"Name;Close;\nAlpha;1,5;\nBeta;2,5;\nGamma;3,5;\n", "t.csv")
    assert result.delimiter == ";"
    assert [c.name for c in result.columns][:2] == ["Name", "Close"]


@pytest.mark.parametrize(("terminator", "values", "kind"), [("^", ["1", "2", "3", "4"], "integer"),
                                                           ("~", ["fund1", "fund2", "fund3", "fund4"], "string")])
def test_a_rare_terminator_ending_every_line_still_delimits(terminator, values, kind):
    # "1^" lines: read without its terminator the value keeps it, a number read as text ("1^").
    text = "".join(f"{v}{terminator}\n" for v in ["value", *values])
    result = detect_bytes(text.encode(), "t.csv")
    assert result.delimiter == terminator
    assert (result.columns[0].name, result.columns[0].type) == ("value", kind)


@pytest.mark.parametrize(("header", "values", "encoding"), [
    ("temp", [f"{k}°C" for k in range(1, 9)], "cp1252"),
    ("size", [f"{k}0×{k + 2}0" for k in range(1, 9)], "utf-8"),
    ("paraula", [f"col·legi{k}" for k in range(1, 9)], "cp1252"),
])
def test_a_symbol_in_every_value_below_a_header_without_it_splits_no_column(header, values, encoding):
    # The header lacks the symbol every value holds: it stands inside the values, a column of one.
    text = "\n".join([header, *values]) + "\n"
    result = detect_bytes(text.encode(encoding), "t.csv")
    assert [c.name for c in result.columns] == [header]
    assert result.header_row == 0


def test_dollar_signs_before_every_price_are_no_delimiter():
    # Read on the '$', a tab file of "$568,67" prices under a two-cell line had one field-count pattern
    # fewer than on the tab, and won: its dates and tickers one cell, "no date column".
    rows = "".join(f"2006-07-{d}\t{ticker}\t$568,67\t$573,40\t$566,27\t$568,27\r\n"
                   for d in range(10, 20) for ticker in ("ACME", "AAPL"))
    text = "Account:\t12345\r\nDaily prices export\r\nTradeDate\tSymbol\tOpen\tHigh\tLow\tClose\r\n" + rows
    assert detect_dialect(text).delimiter == "\t"
    # A file delimited by '$' keeps it: a value stands before each one.
    text = "".join(f"ACME$2024-01-0{d}$12.5$100\n" for d in range(2, 8))
    assert detect_dialect(text).delimiter == "$"


@pytest.mark.parametrize("delimiter", [",", "|", "\t"])
def test_prices_followed_by_their_currency_code_are_values(delimiter):
    # "3.520 EUR" was no known value: read on the space, its pieces ("03/04/2020,3.520", "EUR,3.527")
    # scored as well, and a footer's two words ("20 rows") tipped the file to "no date or close column".
    rows = "".join(delimiter.join([f"03/{d:02d}/2020", "3.520 EUR", "3.527 EUR", "3.493 EUR", "3.525 EUR"]) + "\r\n"
                   for d in range(1, 21))
    text = ("Generated: 05/01/2024\r\n" + delimiter.join(["As of", "Open", "High", "Low", "Close"]) + "\r\n" + rows
            + "20 rows\r\n")
    assert detect_dialect(text).delimiter == delimiter


@pytest.mark.parametrize("text", [
    # Three rows of date-times under three lines of title: by the space, every row two cells as "Page 1" is.
    "Generated: 1 May 2024\nSource: Exchange data feed\nPage 1\ndate;Settle;Shares Traded\n"
    + "".join(f"0{d}.12.2010 00:00;9,29296;4.624.913\n" for d in range(1, 4)),
    # Quoted cells under two lines of footer, each two words.
    '"As of";"Close Price"\n' + "".join(f'"1{d}/08/14";"728,85 EUR"\n' for d in range(1, 4))
    + "Source: exchange\n3 rows\n",
    # A company's name of three words: by the space, every line three cells, the title's too.
    "\nDaily prices export\nTrade Date;Price;Security Name\n"
    + "".join(f"2018-04-{d:02d};£4625.13803;BHP Group, Ltd\n" for d in range(1, 30)),
])
def test_a_semicolon_splitting_most_lines_alike_is_no_rival_of_the_space(text):
    assert detect_dialect(text).delimiter == ";"


def test_a_tab_splitting_most_lines_alike_is_no_rival_of_the_space():
    # "10/28/2011 12:00 AM<tab>..." is three cells by the space, as the header's "High Price" and
    # "Open Price" and a three-word title make theirs: the space read every line in three.
    rows = "".join(f"10/{d}/2011 12:00 AM\t3,240,802\t2,078.9526\t2,087.5930\tBHP\t2,085.1984\t2,062.2175\n"
                   for d in range(10, 18))
    text = "Daily prices export\nDate\tVol.\tSchluss\tHigh Price\tRIC\tOpen Price\tMin\n" + rows
    assert detect_dialect(text).delimiter == "\t"


def test_the_table_a_sample_ends_with_is_read_on_its_delimiter_where_the_chosen_one_misses_it():
    # A short KNMI download (etmgeg_260.txt): a legend of "CODE = meaning / translation" lines,
    # then a few rows of comma-separated values. Weighed over every line, the legend's steady " / "
    # outscored the table's commas, which the rows alone hold: the legend was read as the table.
    legend = [f"{code:<9} = Meting {k} (in 0.1 eenheden) / Measure {k} (in 0.1 units)"
              for k, code in enumerate(["TG", "TN", "TX", "SQ", "SP", "Q", "DR", "RH", "PG", "PX",
                                        "PN", "NG", "UG", "UX", "UN", "EV24", "FG", "FHX", "FHN", "FXX"])]
    rows = [f"  260,2024010{d},  {50 + d},  {20 + d},  {30 + d},   {d},   {d}" for d in range(1, 6)]
    text = "\n".join(["SOURCE: ROYAL NETHERLANDS METEOROLOGICAL INSTITUTE (KNMI)", *legend, "",
                      "# STN,YYYYMMDD,   TG,   TN,   TX,   SQ,   SP", "", *rows]) + "\n"
    assert detect_dialect(text).delimiter == ","
    schema = detect_bytes(text.encode(), "etmgeg_260.txt")
    assert [c.name for c in schema.columns][:3] == ["STN", "YYYYMMDD", "TG"]


@pytest.mark.parametrize("end", ["\t", " |", " ok;checked"])
def test_a_space_table_ending_each_line_alike_keeps_the_space(end):
    # A tab, '|' or ';' on every line of a space-delimited table, where the space splits the same lines
    # alike into more cells: a trailing tab, a closing '|', a note's ';'. Taken for the table's, the one
    # delimiter kept, every row was one cell and the file had no date column.
    rows = "".join(f"2024-01-0{d} 10.50 11.00 10.00 10.80 1000{end}\n" for d in range(2, 6))
    assert detect_dialect("Date Open High Low Close Volume Note\n" + rows).delimiter == " "


@pytest.mark.parametrize("text, delimiter", [
    # A footer of three summary lines after a blank line, split alike by "|" into values: the
    # table above is read on the comma, and the footer is not a table the comma misses.
    ("Date,Close\n" + "".join(f"2024-01-0{d},1{d}.5\n" for d in range(2, 9))
     + "\nHigh | 18.5 | 2024-01-08\nLow | 12.5 | 2024-01-02\nLast | 18.5 | 2024-01-08\n", ","),
    # So too under days and prices written with words and signs, which read as no values: no line
    # over the footer names its three fields.
    ("Date,Close\n" + "".join(f"0{d}-Jan-2024,$1{d}.50\n" for d in range(2, 9))
     + "\nHigh;18.5;2024-01-08\nLow;12.5;2024-01-02\nLast;18.5;2024-01-08\n", ","),
    # Columns aligned by spaces, a name of two words and two prices written "12,50": the comma cut
    # each row into the same three "values" ("50  12"), and the table was read on it.
    ("Date  Name  Open  Close\n\n"
     + "".join(f"0{d}-Jan-2024  Acme Corp  1{d},50  1{d},20\n" for d in range(2, 8)), "  "),
])
def test_rows_the_chosen_delimiter_reads_or_splits_alike_keep_it(text, delimiter):
    assert detect_bytes(text.encode(), "x.csv").delimiter == delimiter


@pytest.mark.parametrize("text, delimiter", [
    # A footer the space cuts as it cuts each row ("Page 1 of 1": four cells), and quoted names the
    # space tears open ('AM,"Berkshire'): read on spaces, the table was in pieces.
    ('Session,Description,Close Price\n' + "".join(f'05/0{d}/2018 12:00 AM,"Berkshire ""B""",3{d}.7\n'
                                                   for d in range(7, 10)) + "Page 1 of 1\n", ","),
    # Preamble lines of words and a footer of three, over rows whose dates hold spaces: the tabs the
    # space reading left inside its cells are the table's delimiter.
    ("Generated: 05/01/2024\nDaily prices export\nCurrency\tUSD\nDay\tInstrument\tClose\tShares Traded\n"
     + "".join(f"1{d} September 2006\tBRK.B\t£29{d}9.16\t159871{d}\n" for d in range(5, 8))
     + "End of report\n3 rows\n", "\t"),
    # A day's one row under a title of two words, its header's one space and its volume grouped by one
    # ("17 207"): each line two cells on the space, the ';' or '|' runs inside them (';' reads 1, 7, 7 cells).
    ("Daily prices\r\nTrade Date;Security;Open;Hoch;Low;Last;Volume\r\n18/07/17;BHP;1,25;1,25;1,22;1,23;17 207\r\n",
     ";"),
    ("Daily prices\nTrade Date|Security|Close|Volume\n18/07/17|BHP|1.23|17 207\n", "|"),
    # Its header's cells hold the ';' two and three times, fewer than a footer's four cells ('Page 1 of 1'):
    # row by row, the ';' splits the header finer than the space does.
    ("Daily prices export\r\nSource: Exchange data feed\r\nHandelstag;Low;Shares Traded;Max;close;Open Price\r\n"
     "2014-10-10T00:00:00;0.58;6959;0.58;0.58;0.58\r\nEnd of report\r\nPage 1 of 1\r\n", ";"),
])
def test_cells_torn_by_a_space_reading_count_against_it(text, delimiter):
    assert detect_dialect(text).delimiter == delimiter


@pytest.mark.parametrize("notes", [["Source: exchange", "1 rows"], ["Source: Reuters", "Page 1"]])
def test_a_one_row_day_above_notes_is_split_on_its_semicolons_not_its_spaces(notes):
    # An office's day of one ticker: a header and a row with spaces in cells ("Close Price", "0.3353 EUR")
    # above two notes of two words each. Every line was two fields on the space, and the file, read so, was
    # refused "no date or close column".
    data = ("TradeDate;symbol;Close Price;Volume\n2010-08-02;SAP;0.3353 EUR;438'917\n" + "\n".join(notes)).encode()
    schema = detect_bytes(data, "prices.csv")
    assert schema.delimiter == ";"
    assert [c.canonical for c in schema.columns] == ["date", "ticker", "close", "volume"]


@pytest.mark.parametrize("text", [
    "Date Ticker Close Volume Lots(min;max;step)\n2024-01-02 AAA 10.50 1000 0;1;2\n",
    "Date Ticker Close Volume Flags\n2024-01-02 AAA 10.50 1000 |X|\n",
])
def test_a_space_table_s_list_cells_of_fewer_pieces_than_its_rows_keep_the_space(text):
    # A day's one row whose last cell is a list: read on its ';' it was three cells a line (a steady width),
    # the space reading's list cells counted as torn, and the file was refused as having no close column.
    assert detect_dialect(text).delimiter == " "


def test_the_rows_a_sample_ends_with_are_cut_once_each():
    # _table_below runs on every sample: its tests read the same rows by turns, and each row was cut at
    # the delimiter four times over (8% of detecting a drifted daily file). Once each reads as well.
    from backintime_assets.detection.dialect import _table_below

    cuts = Counter()

    class Line(str):
        def split(self, *args):
            cuts[str(self)] += 1
            return super().split(*args)

    rows = ["Date,Close,Volume", "2024-01-02,10.5,100", "2024-01-03,10.6,120", "2024-01-04,10.7,90"]
    # Over a blank line, a line naming three fields on another delimiter: the rows are read by turns.
    lines = [Line(ln) for ln in ["Station;Day;Reading", "", *rows]]
    assert _table_below(lines, ",") is None
    assert cuts and max(cuts.values()) == 1
    # Nothing above them names their fields (no blank line; a title): they are not cut at all (13% of
    # detecting the dialect of a drifted daily file, whose rows run from the title to the sample's end).
    cuts.clear()
    for above in ([], ["Daily prices"], ["Report, day", ""]):
        assert _table_below([Line(ln) for ln in [*above, *rows]], ",") is None
    assert not cuts


@pytest.mark.parametrize("block,chosen,edged", [
    (["Date,Close", "2024-01-02,10.5", "2024-01-03,10.6"], ",", False),  # only the chosen mark: cells spared
    (["  260,20240101,  -51,", "  260,20240102,  -12,"], " ", True),  # KNMI's rows on spaces: commas at the ends
    (["Name;Close", "Shell;12,50", "BP;4,75"], ";", False),  # a comma inside cells, none at their ends
    (["|a\tb", "c\td |"], "\t", True),  # a bar leading and ending cells of a tab-delimited table
])
def test_cells_led_or_ended_by_another_delimiter(block, chosen, edged):
    from backintime_assets.detection.dialect import _edged_cells

    cut = [ln.split() if chosen == " " else ln.split(chosen) for ln in block]
    assert _edged_cells(block, cut, chosen) is edged


def test_a_steady_delimiter_s_lines_with_fewer_spaces_are_not_cut_on_them(monkeypatch):
    # _steady asks whether the space cuts a table's lines into more cells than its delimiter does; a line
    # with no more spaces than delimiters cannot be, and most are not cut (7% of detecting the dialect of
    # a drifted daily file). Where the spaces outnumber the ';', they are.
    from backintime_assets.detection import dialect

    cut = []
    spaces = dialect._SPACES
    monkeypatch.setattr(dialect, "_SPACES", SimpleNamespace(split=lambda line: cut.append(line) or spaces.split(line)))
    rows = ["Date;Sector;Close", "2024-01-02;CONSUMER NON-DURABLES;10,5", "2024-01-03;ENERGY;10,6",
            "2024-01-04;FINANCE;9,5"]
    assert dialect._steady(";", rows)
    assert not cut
    assert not dialect._steady(";", ["a b c d;x", "e f g h;y", "i j k l;z"])
    assert cut
