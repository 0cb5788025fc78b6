import csv
import io

import pytest
from hypothesis import given
from hypothesis import strategies as st

from backintime_assets.detection.dialect import parse_rows, reader_kwargs
from backintime_assets.detection.dump_escapes import CONTROL_ESCAPES, escapes_as_a_dump, keep_dump_escapes


def read(text, delimiter="\t"):
    kw = reader_kwargs(delimiter, None, "\\")
    return list(csv.reader(io.StringIO(keep_dump_escapes(text, delimiter, "\\"), newline=""), **kw))


def test_control_escapes_read_as_spaces_and_an_escaped_backslash_as_one():
    # PostgreSQL COPY text writes a tab in a value as "\t", a line break as "\n"; MySQL a NUL as "\0".
    text = "a\\tb\t\\N\tline\\nbreak\\r\tC:\\\\temp\tx\\0y\n"
    assert read(text) == [["a b", "\\N", "line break ", "C:\\temp", "x y"]]
    assert keep_dump_escapes(text.encode(), "\t", "\\") == keep_dump_escapes(text, "\t", "\\").encode()


def test_without_a_backslash_escape_the_text_is_left_as_it_is():
    text = "a\\tb,\\N\n"
    assert keep_dump_escapes(text, ",", None) is text
    assert parse_rows(text, ",", '"', None) == [(0, ["a\\tb", "\\N"])]


def test_a_dump_without_an_escaped_delimiter_is_read_with_its_escapes():
    # PostgreSQL's dump escapes no delimiter (a tab is "\t"), so no reading with an escape splits it
    # better; its "\N" says what it is, and "\\" must read as one backslash.
    from backintime_assets.detection.dialect import detect_dialect

    null = "\\N"
    rows = "".join(f"{k}\tname\\\\{k}\t2024-01-0{k}\t{null if k % 2 else k}\n" for k in range(1, 8))
    assert detect_dialect(rows).escapechar == "\\"
    # No marker, no escape: a Windows path's backslashes stay as they are.
    assert detect_dialect(rows.replace("\\N", "5")).escapechar is None


@pytest.mark.parametrize("other", ["Energy\\Nuclear", "C:\\feeds\\daily.csv", "C:\\data\\x", "plain"])
def test_null_markers_alone_or_beside_backslashes_no_dump_writes_leave_the_backslash_as_text(other):
    # Hive, Sqoop and pandas (na_rep) write "\N" and escape nothing: "C:\data\x" is a path
    # there. Read with the escape, "Energy\Nuclear" had lost its backslash, and a path ending in
    # one past the sample ate the next line (tests/normalisation: test_normalise).
    from backintime_assets.detection.dialect import detect_dialect

    null = "\\N"
    rows = "".join(f"ACME,{other},2024-01-0{k},{null if k % 2 else k}\n" for k in range(1, 8))
    assert not escapes_as_a_dump(rows, ",", '"')
    assert detect_dialect(rows).escapechar is None
    # A dump's own escapes beside the markers: "\\", "\t", an escaped delimiter.
    for written in ("C:\\\\feeds", "a\\tb", "x\\,y"):
        assert escapes_as_a_dump(rows.replace(other, written), ",", '"')


@pytest.mark.parametrize("delimiter", [",", ";", "\t", "|"])
@given(st.lists(st.lists(st.sampled_from(["\\N", "1", "a\\tb", "a\\\\tb", "\\\\", "x\\0", "\\Z", "\\q", ""]),
                         min_size=1, max_size=4), min_size=1, max_size=5))
def test_escapes_keep_the_rows_and_change_only_control_escapes(delimiter, rows):
    text = "".join(delimiter.join(r) + "\n" for r in rows)
    before = list(csv.reader(io.StringIO(text, newline=""), **reader_kwargs(delimiter, None, "\\")))
    after = read(text, delimiter)
    assert [len(r) for r in after] == [len(r) for r in before]
    for old, new in zip(before, after):
        for o, n in zip(old, new):
            # Only the letters of control escapes became spaces.
            assert len(o) == len(n) or n == "\\N"
            assert all(a == b or (b == " " and a in CONTROL_ESCAPES) for a, b in zip(o, n)) or n == "\\N"
