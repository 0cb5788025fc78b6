import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pytest
from hypothesis import given
from hypothesis import strategies as st

from backintime_assets.normalisation.string_runs import coded_by_runs, holds_runs, strings_at

WORDS = ["AMEX_2000-01-03.csv", "", "7", "Zürich.csv", "AMEX_2000-01-04.csv"]
codes_lists = st.lists(st.integers(0, len(WORDS) - 1), max_size=80)


@given(codes_lists, st.integers(1, 40))
def test_strings_at_is_the_take_whether_runs_or_scattered(codes, run):
    codes = np.repeat(np.asarray(codes, dtype=np.int64), run)
    expected = pa.array(WORDS, pa.string()).take(pa.array(codes, pa.int64()))
    got = strings_at(WORDS, codes)
    got.validate(full=True)
    assert got.equals(expected)


@given(codes_lists, st.integers(1, 5), st.booleans())
def test_coded_by_runs_is_dictionary_encode(codes, run, nulls):
    values = [None if nulls and c == 0 else WORDS[c] for c in np.repeat(codes, run).tolist()]
    column = pa.chunked_array([pa.array(values[:3], pa.string()), pa.array(values[3:], pa.string())])
    encoded = pc.dictionary_encode(column.combine_chunks(), null_encoding="encode")
    words, got = coded_by_runs(column)
    assert words == encoded.dictionary.to_pylist()
    assert got.tolist() == encoded.indices.to_pylist()


@pytest.mark.parametrize("values, words, counts, holds", [
    (["a", "a", "bc", "bc", "bc"], ["a", "bc"], [2, 3], True),
    (["a", "a", "bc", "bc", "bd"], ["a", "bc"], [2, 3], False),  # one byte off
    (["a", "a", "bc", "bc", "bc"], ["a", "bc"], [3, 2], False),  # the runs cut elsewhere
    (["ab", "c", "bc", "bc", "bc"], ["a", "bc"], [2, 3], False),  # the same bytes, split otherwise
    (["a", "a", "bc", "bc"], ["a", "bc"], [2, 3], False),  # fewer rows
    (["a", None, "bc"], ["a", "bc"], [2, 1], False),  # a null is no name
    (["x", "x"], ["x", "x"], [1, 1], True),  # two members of one name
    ([], [], [], True),
])
def test_holds_runs(values, words, counts, holds):
    column = pa.array(["pad"] + values, pa.string()).slice(1)  # an offset into its buffers, as a batch's slice
    assert holds_runs(pa.chunked_array([column], pa.string()), words, counts) is holds
