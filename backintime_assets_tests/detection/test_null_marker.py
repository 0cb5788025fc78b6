import csv
import io

import pytest
from hypothesis import given
from hypothesis import strategies as st

from backintime_assets.detection.dialect import parse_rows, reader_kwargs
from backintime_assets.detection.null_marker import keep_null_markers


def read(text, delimiter="\t"):
    kw = reader_kwargs(delimiter, None, "\\")
    return list(csv.reader(io.StringIO(keep_null_markers(text, delimiter, "\\"), newline=""), **kw))


def test_a_whole_cell_marker_reads_as_the_marker_and_one_inside_a_cell_as_text():
    text = "\\N\t1\tC:\\\\New\tx\\N\t\\N\r\n2\t\\N\t\\Nope\n"
    assert read(text) == [["\\N", "1", "C:\\New", "xN", "\\N"], ["2", "\\N", "Nope"]]
    assert keep_null_markers(text.encode(), "\t", "\\") == keep_null_markers(text, "\t", "\\").encode()


def test_without_a_backslash_escape_the_text_is_left_as_it_is():
    text = "1,\\N,2\n"
    assert keep_null_markers(text, ",", None) is text
    assert parse_rows(text, ",", '"', None) == [(0, ["1", "\\N", "2"])]


def test_the_dialects_reading_keeps_the_marker():
    assert parse_rows('1,\\N,"a\\"b"\n', ",", '"', "\\") == [(0, ["1", "\\N", 'a"b'])]


@pytest.mark.parametrize("delimiter", [",", ";", "\t", "|"])
@given(st.lists(st.lists(st.sampled_from(["\\N", "1", "N", "a\\\\b", "\\\\N", ""]), min_size=1, max_size=4),
                min_size=1, max_size=5))
def test_marker_cells_read_as_the_marker_and_the_others_as_before(delimiter, rows):
    text = "".join(delimiter.join(r) + "\n" for r in rows)
    before = list(csv.reader(io.StringIO(text, newline=""), **reader_kwargs(delimiter, None, "\\")))
    after = read(text, delimiter)
    assert len(after) == len(before)
    for raw, old, new in zip(rows, before, after):
        assert new == ["\\N" if cell == "\\N" else o for cell, o in zip(raw, old)]
