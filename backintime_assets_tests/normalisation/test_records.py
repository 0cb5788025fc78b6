import numpy as np

from backintime_assets.detection.schema import ColumnSchema, FileSchema
from backintime_assets.normalisation.lines import LineIndex
from backintime_assets.normalisation.records import split_fast, split_rows, split_slow


def schema(width=3, quotechar='"', escapechar=None):
    return FileSchema(file="f", encoding="utf-8", delimiter=",", quotechar=quotechar, escapechar=escapechar,
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


def test_quoted_line_break_takes_the_careful_path_with_the_start_line():
    data = b'h1,h2,h3\na,"two\nlines",c\nd,e,f\n'
    index = LineIndex(data)
    assert split_fast(index, 1, index.count, schema(), [0, 1, 2]) is None
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
    rec = split_rows(rows, 1, len(rows), 3, [0, 1, 2])
    assert as_rows(rec) == [(2, "2020-01-02", "1.5", "")]
    assert rec.non_data == [(3, "", "blank")]
    assert rec.rejected == [(4, "2020-01-03,2,x,extra", "wrong field count: expected 3, got 4")]
