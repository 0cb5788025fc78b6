import numpy as np
import pyarrow as pa
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import backintime_assets.normalisation.records as records_module
from backintime_assets.detection.schema import ColumnSchema, FileSchema
from backintime_assets.normalisation.lines import LineIndex
from backintime_assets.normalisation.records import split_fast, split_sheets, split_slow


def schema(width=3, quotechar='"', escapechar=None, delimiter=","):
    return FileSchema(file="f", encoding="utf-8", delimiter=delimiter, quotechar=quotechar, escapechar=escapechar,
                      line_terminator="\n", header_row=0, data_start_line=1, footer_lines=0, decimal=".",
                      thousands=None, file_format="csv",
                      columns=[ColumnSchema(f"c{j}", "string") for j in range(width)])


def as_rows(rec):
    cols = [rec.columns[j].to_pylist() for j in sorted(rec.columns)]
    return list(zip(rec.line.tolist(), *cols))


DATA = b'h1,h2,h3\na,b,c\n\n  \nd,"e,1",f\ng,h\ni,j,k,l\nm,n,o,,\n"p",q,r\r\n'


def test_fast_and_careful_paths_agree_on_a_messy_region():
    index = LineIndex(DATA)
    fast = split_fast(index, 1, index.count, schema(), [0, 1, 2])
    slow = split_slow(index, 1, index.count, schema(), [0, 1, 2])
    expected = [(2, "a", "b", "c"), (5, "d", "e,1", "f"), (8, "m", "n", "o"), (9, "p", "q", "r")]
    assert as_rows(fast) == as_rows(slow) == expected
    reasons = [(6, "g,h", "wrong field count: expected 3, got 2"),
               (7, "i,j,k,l", "wrong field count: expected 3, got 4")]
    assert sorted(fast.rejected) == sorted(slow.rejected) == reasons
    assert sorted(fast.non_data) == sorted(slow.non_data) == [(3, "", "blank"), (4, "  ", "blank")]


def test_quoted_line_break_in_a_small_file_takes_the_careful_path_with_the_start_line():
    data = b'h1,h2,h3\na,"two\nlines",c\nd,e,f\n'
    index = LineIndex(data)
    assert split_fast(index, 1, index.count, schema(), [0, 1, 2]) is None  # too few lines to cut
    rec = split_slow(index, 1, index.count, schema(), [0, 1, 2])
    assert as_rows(rec) == [(2, "a", "two\nlines", "c"), (4, "d", "e", "f")]
    assert rec.raw[0] == 'a,"two\nlines",c'


def test_a_stray_quote_does_not_swallow_the_following_lines():
    data = b'h1,h2,h3\na,"oops,c\nd,e,f\ng,h,i\n'
    index = LineIndex(data)
    rec = split_slow(index, 1, index.count, schema(), [0, 1, 2])
    assert as_rows(rec) == [(3, "d", "e", "f"), (4, "g", "h", "i")]
    assert rec.rejected == [(2, 'a,"oops,c', "wrong field count: expected 3, got 2")]


def test_backslash_escaped_quotes_stay_on_the_fast_path():
    data = b'h1,h2,h3\na,"say \\"hi\\"",c\n'
    index = LineIndex(data)
    rec = split_fast(index, 1, index.count, schema(escapechar="\\"), [1])
    assert rec is not None and rec.columns[1].to_pylist() == ['say "hi"']


def test_only_needed_columns_are_materialised():
    index = LineIndex(b"h1,h2,h3\na,b,c\n")
    rec = split_fast(index, 1, index.count, schema(), [2])
    assert list(rec.columns) == [2] and rec.line.tolist() == [2]
    assert isinstance(rec.line, np.ndarray)


def test_spreadsheet_rows_are_padded():
    rows = [["Date", "Close", "Note"], ["2020-01-02", "1.5"], [], ["2020-01-03", "2", "x", "extra"]]
    rec = split_sheets([(rows, 1, len(rows), 0, None, None)], 3, [0, 1, 2])
    assert as_rows(rec) == [(2, "2020-01-02", "1.5", "")]
    assert rec.non_data == [(3, "", "blank")]
    assert rec.rejected == [(4, "2020-01-03,2,x,extra", "wrong field count: expected 3, got 4")]


# --- records spanning several lines among one-line records (the cut text) ----------------------

def everything(rec, index):
    """All split_slow says of a region: records (line, cells, raw text), rejected and blank lines."""
    rows = as_rows(rec)
    raw = [rec.raw_text(k, index) for k in range(len(rec.line))]
    return rows, raw, sorted(rec.rejected), sorted(rec.non_data)


@pytest.fixture
def cut_small_texts(monkeypatch):
    """The cut text even for a few lines, and however many of them span records."""
    monkeypatch.setattr(records_module, "_FEWEST_FAST", 1)
    monkeypatch.setattr(records_module, "_MOST_CAREFUL", 0.99)


def test_only_the_records_spanning_lines_go_to_the_csv_module(cut_small_texts):
    data = (b'h1,h2,h3\na,"two\r\nlines",c\nd,12" pipe,f\n\n"g","h,1",""\nj,"k\rl\nm",n\n'
            b'o,"wrong\nwidth"\np,q,r\ns,t,u\n')
    index = LineIndex(data)
    rec = split_fast(index, 1, index.count, schema(), [0, 1, 2])
    assert rec.reader == "pyarrow+csv"
    assert everything(rec, index) == everything(split_slow(index, 1, index.count, schema(), [0, 1, 2]), index)
    assert as_rows(rec) == [(2, "a", "two\nlines", "c"), (4, "d", '12" pipe', "f"), (6, "g", "h,1", ""),
                            (7, "j", "k\nl\nm", "n"), (12, "p", "q", "r"), (13, "s", "t", "u")]
    assert [rec.raw_text(k, index) for k in range(6)] == [
        'a,"two\nlines",c', 'd,12" pipe,f', '"g","h,1",""', 'j,"k\nl\nm",n', "p,q,r", "s,t,u"]
    # `o,"wrong` takes the next line into a record of 2 cells: each of its lines is judged alone,
    # and the reading goes on after them.
    assert rec.rejected == [(10, 'o,"wrong', "wrong field count: expected 3, got 2"),
                            (11, 'width"', "wrong field count: expected 3, got 1")]
    assert rec.non_data == [(5, "", "blank")]


def test_a_quote_that_never_closes_ends_its_record_at_the_region_end(cut_small_texts):
    data = b'h1,h2,h3\na,b,c\nd,e,"f\ng,h,i\nTotal,,\n'
    index = LineIndex(data)
    rec = split_fast(index, 1, 4, schema(), [0, 1, 2])
    assert everything(rec, index) == everything(split_slow(index, 1, 4, schema(), [0, 1, 2]), index)
    assert as_rows(rec) == [(2, "a", "b", "c"), (3, "d", "e", "f\ng,h,i\n")]


def test_dense_quoted_line_breaks_are_left_to_the_csv_module():
    one = 'a,"two\nlines",c\n'
    index = LineIndex(("h1,h2,h3\n" + one * 1000 + "d,e,f\n" * 600).encode())
    assert split_fast(index, 1, index.count, schema(), [0, 1, 2]) is None  # 2,000 of 2,600 lines span records
    index = LineIndex(("h1,h2,h3\n" + one * 100 + "d,e,f\n" * 600).encode())
    assert split_fast(index, 1, index.count, schema(), [0, 1, 2]).reader == "pyarrow+csv"


def test_escape_characters_leave_quoted_line_breaks_to_the_csv_module(cut_small_texts):
    index = LineIndex(b'h1,h2,h3\na,"say \\"hi\\"\nthere",c\nd,e,f\n')
    assert split_fast(index, 1, index.count, schema(escapechar="\\"), [0, 1, 2]) is None


# A whitespace delimiter makes a line of delimiters blank to the csv module's path, a record to pyarrow.
_PIECES = st.sampled_from(['"', '""', "a", "1.5", " ", "\xe9", "\xa0", "\x00", ",", ";", "\t", "\n", "\r", "\r\n",
                           "\n\n", '12" pipe', '"x,y"', '"two\nlines"', '"b""c"', "p,q,r\n", "s;t;u\n", "v\tw\tx\n"])
_TEXTS = st.lists(_PIECES, max_size=80).map(lambda p: "".join(p).encode())


@settings(max_examples=800, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=_TEXTS, width=st.integers(2, 4), delimiter=st.sampled_from([",", ";", "\t", " "]),
       head=st.integers(0, 3), tail=st.integers(0, 3))
def test_the_cut_text_gives_what_the_csv_module_gives_for_the_whole_region(cut_small_texts, data, width, delimiter,
                                                                          head, tail):
    index = LineIndex(data)
    first = min(head, index.count)
    stop = max(first, index.count - tail)
    needed = list(range(width))
    rec = split_fast(index, first, stop, schema(width, delimiter=delimiter), needed)
    if rec is None or rec.reader != "pyarrow+csv":
        return  # no record spans lines (plain pyarrow, tested above), or the csv module reads it all
    oracle = split_slow(index, first, stop, schema(width, delimiter=delimiter), needed)
    assert everything(rec, index) == everything(oracle, index)


def test_a_line_of_tabs_is_blank_in_a_tab_delimited_file(cut_small_texts):
    data = b'h1\th2\th3\na\t"two\nlines"\tc\n\t\t\nd\te\tf\n\t \xc2\xa0\t\ng\th\ti\n'
    index = LineIndex(data)
    rec = split_fast(index, 1, index.count, schema(delimiter="\t"), [0, 1, 2])
    assert rec.reader == "pyarrow+csv" and rec.line.tolist() == [2, 5, 7]
    assert rec.non_data == [(4, "\t\t", "blank"), (6, "\t \xa0\t", "blank")]


def test_spaces_skipped_after_the_delimiter_take_the_csv_module():
    # pyarrow reads ' "e, 1"' as text (two cells); only the csv module skips the space first.
    data = b'h1, h2, h3\na, "b, 1", c\nd,  "e\nf", g\nh, i\nj, k, l\n'
    index = LineIndex(data)
    spaced = schema()
    spaced.skipinitialspace = True
    assert split_fast(index, 1, index.count, spaced, [0, 1, 2]) is None
    rec = split_slow(index, 1, index.count, spaced, [0, 1, 2])
    assert as_rows(rec) == [(2, "a", "b, 1", "c"), (3, "d", "e\nf", "g"), (6, "j", "k", "l")]
    assert rec.raw[1] == 'd,  "e\nf", g'
    assert rec.rejected == [(5, "h, i", "wrong field count: expected 3, got 2")]


def test_a_space_aligned_region_merges_runs_and_pads_even_past_the_readers_field_limit():
    # Issue 4, class A. A cell past csv.field_size_limit() makes the reader raise: that line is then
    # cut by hand, with its runs of spaces merged as the reader merges them (not into empty cells).
    import csv

    huge = "x" * (csv.field_size_limit() + 1)
    data = f"h1  h2  h3\n  a    b   c   \nd  {huge}  f\n".encode()
    index = LineIndex(data)
    aligned = schema(delimiter=" ")
    aligned.skipinitialspace = True
    assert split_fast(index, 1, index.count, aligned, [0, 1, 2]) is None
    rec = split_slow(index, 1, index.count, aligned, [0, 1, 2])
    assert as_rows(rec) == [(2, "a", "b", "c"), (3, "d", huge, "f")]
    assert rec.rejected == []


def test_the_null_marker_of_a_database_dump_survives_the_backslash_escape_on_every_path():
    data = b'a\\tb\t\\N\tC:\\\\New\n\\N\t2.5\tsaid \\"hi\\"\n'
    index = LineIndex(data)
    s = schema(escapechar="\\", delimiter="\t")
    expected = [(1, "a b", "\\N", "C:\\New"), (2, "\\N", "2.5", 'said "hi"')]  # "\\t": a space (dump_escapes)
    assert as_rows(split_fast(index, 0, index.count, s, [0, 1, 2])) == expected
    assert as_rows(split_slow(index, 0, index.count, s, [0, 1, 2])) == expected
    typed = split_fast(index, 0, index.count, s, [1], {1: pa.float64()})
    assert typed.reader == "pyarrow" and typed.columns[1].to_pylist() == [None, 2.5]
