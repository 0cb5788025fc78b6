import csv
import io

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import backintime_assets.normalisation.record_ends as record_ends_module
from backintime_assets.detection.dialect import reader_kwargs
from backintime_assets.normalisation.lines import LineIndex
from backintime_assets.normalisation.record_ends import record_ends


def _by_csv_module(data: bytes, first: int, delimiter: str) -> list[bool]:
    """What record_ends stands for: the lines the csv module ends its records with."""
    index = LineIndex(data)
    reader = csv.reader(io.StringIO(data[index.offset(first):].decode("latin-1"), newline=""),
                        **reader_kwargs(delimiter, '"', None))
    ended = [False] * (index.count - first)
    for _ in reader:
        ended[reader.line_num - 1] = True
    return ended


# Quotes in every position that matters: at a cell's start, inside a cell, doubled, in runs,
# next to either line break, in lines of a byte per character other than ASCII.
_PIECES = st.sampled_from(['"', '""', '"""', "a", "1.5", ",", ";", "\n", "\r", "\r\n", " ", "\xe9", "\xa7"])
_TEXTS = st.lists(_PIECES, max_size=60).map(lambda p: "".join(p).encode("latin-1"))


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=_TEXTS, first=st.integers(0, 5), delimiter=st.sampled_from([",", ";", "\xa7"]),
       window=st.sampled_from([1, 3, 16, 4 << 20]))
def test_the_records_end_where_the_csv_module_ends_them(monkeypatch, data, first, delimiter, window):
    # `window` small: a text looked at in many windows, the quote state carried between them.
    monkeypatch.setattr(record_ends_module, "_WINDOW_BYTES", window)
    index = LineIndex(data)
    first = min(first, index.count)
    assert record_ends(index, first, delimiter, '"').tolist() == _by_csv_module(data, first, delimiter)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=_TEXTS, window=st.sampled_from([1, 5, 4 << 20]))
def test_a_record_longer_than_the_csv_module_reads_is_left_to_it(monkeypatch, data, window):
    # The csv module stops with an error at a cell longer than field_size_limit: where that
    # might happen, only it can say which records it read.
    monkeypatch.setattr(record_ends_module, "_WINDOW_BYTES", window)
    limit = csv.field_size_limit(8)
    try:
        ended = record_ends(LineIndex(data), 0, ",", '"')
        by_csv_module = _by_csv_module(data, 0, ",")
    except csv.Error:
        by_csv_module = None
    finally:
        csv.field_size_limit(limit)
    if by_csv_module is None:
        assert ended is None
    if ended is not None:
        assert ended.tolist() == by_csv_module


@pytest.mark.parametrize(("text", "ended"), [
    ('a,"halted\nresumed, next day",1\nb,ok,2\n', [False, True, True]),
    ('a,12" pipe,1\nb,"x\ny",2\n', [True, False, True]),  # a quote inside a cell is text
    ('a,"say ""hi\nthere""",1\nb\n', [False, True, True]),  # doubled quotes do not close the cell
    ('a,"x"y\nb,",\n"\n', [True, False, True]),  # after a closing quote, text: outside quotes
    ('"\r\n"\r\rc', [False, True, True, True]),  # lone \r and \r\n line breaks alike
])
def test_line_breaks_inside_quoted_cells_end_no_record(text, ended):
    assert record_ends(LineIndex(text.encode()), 0, ",", '"').tolist() == ended


def test_a_quote_that_never_closes_is_left_to_the_csv_module():
    data = ('a,"never closed,1\n' + "b,note,2\n" * 20_000).encode()
    assert record_ends(LineIndex(data), 0, ",", '"') is None
    short = ('a,"never closed,1\n' + "b,note,2\n" * 20).encode()
    assert record_ends(LineIndex(short), 0, ",", '"').tolist() == [False] * 20 + [True]


def test_lines_before_first_are_not_read():
    # An odd quote in a preamble line opens nothing for the records after it.
    data = b'Export "daily\nDate,Close\n2020-01-02,"a\nb"\n'
    assert record_ends(LineIndex(data), 1, ",", '"').tolist() == [True, False, True]
    assert np.array_equal(record_ends(LineIndex(data), 4, ",", '"'), np.zeros(0, dtype=bool))


def test_a_line_longer_than_the_csv_module_reads_is_left_to_it_before_its_quotes_are_listed():
    import tracemalloc

    text = b'a,b\n"' + b'""' * (4 << 20) + b'"\nc,d\n'  # 8 MB of quotes on one line, over the default limit
    index = LineIndex(text)
    tracemalloc.start()
    try:
        assert record_ends(index, 0, ",", '"') is None
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < len(text)  # the quotes' positions, 8 bytes each, would be 64 MB


def test_an_escape_character_is_left_to_the_csv_module():
    # Its rules are not these record_ends follows: the caller no longer has to know that.
    assert record_ends(LineIndex(b'a,"b\\"\nc"\nd,e\n'), 0, ",", '"', "\\") is None
    assert record_ends(LineIndex(b'a,"b\nc"\nd,e\n'), 0, ",", '"').tolist() == [False, True, True]


def test_spaces_skipped_after_a_delimiter_are_left_to_the_csv_module():
    # ' "b' opens a cell when spaces are skipped, and is text when not: the line break is inside it.
    data = b'a, "b\nc", d\ne, f, g\n'
    assert record_ends(LineIndex(data), 0, ",", '"', None, skipinitialspace=True) is None
    assert record_ends(LineIndex(data), 0, ",", '"').tolist() == [True, True, True]
