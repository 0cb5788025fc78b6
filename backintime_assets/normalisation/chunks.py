"""A column's values as one Arrow array, copied only where they lie in several chunks."""
from __future__ import annotations

import pyarrow as pa


def one_array(column: pa.Array | pa.ChunkedArray) -> pa.Array:
    """`column` as one array: its lone chunk as it lies. pyarrow's ChunkedArray.combine_chunks copies
    even a lone chunk (26.0), and every column of every row a CSV read gives came in one: that copy was
    ~2% of a survey of daily files."""
    if isinstance(column, pa.Array):
        return column
    return column.chunk(0) if column.num_chunks == 1 else column.combine_chunks()
