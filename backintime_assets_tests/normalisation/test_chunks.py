import pyarrow as pa
import pytest

from backintime_assets.normalisation.chunks import one_array


@pytest.mark.parametrize("chunks", [[[1.5, None, 2.5]], [[1.5], [None, 2.5]], [[1.5, None], [], [2.5]]])
def test_one_array_holds_the_values_in_order(chunks):
    got = one_array(pa.chunked_array([pa.array(c, pa.float64()) for c in chunks]))
    assert isinstance(got, pa.Array) and got.to_pylist() == [1.5, None, 2.5]


def test_a_lone_chunk_is_given_as_it_lies_not_copied():
    lone = pa.array(["AAPL", "MSFT"] * 1000)
    got = one_array(pa.chunked_array([lone]))
    assert got.buffers()[2].address == lone.buffers()[2].address
    assert one_array(lone) is lone
