"""String columns that hold a few words in long runs (a file's name on each of its rows), built,
compared and looked up a run at a time rather than a row at a time.

A daily drop's group of 200 files names its 200,000 rows after their files: pyarrow's take copies
each row's string on its own, and a hash (dictionary_encode, index_in) hashes each one, where the
runs are a few hundred."""
from __future__ import annotations

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from .chunks import one_array

# Runs per row past which a row-at-a-time take is cheaper than a run-at-a-time join.
_MOST_RUNS = 1 / 16


def coded_by_runs(column: pa.Array | pa.ChunkedArray) -> tuple[list, np.ndarray]:
    """(the distinct values, in the order they first appear; each row's place among them), as
    dictionary_encode(null_encoding="encode") gives them. Each value is compared with the one before
    it and only the first of each run looked up: right in any order of rows, and fast as a file's
    rows lie, together."""
    column = one_array(column)
    n = len(column)
    if n == 0:
        return [], np.zeros(0, dtype=np.int64)
    if column.null_count:  # not_equal says nothing of nulls: hashed, every row
        encoded = pc.dictionary_encode(column, null_encoding="encode")
        return encoded.dictionary.to_pylist(), encoded.indices.to_numpy(zero_copy_only=False).astype(np.int64)
    starts = np.flatnonzero(np.r_[True, np.asarray(pc.not_equal(column.slice(1), column.slice(0, n - 1)), dtype=bool)])
    place: dict = {}
    run_codes = np.array([place.setdefault(v, len(place)) for v in column.take(pa.array(starts)).to_pylist()],
                         dtype=np.int64)
    return list(place), np.repeat(run_codes, np.diff(np.r_[starts, n]))


def strings_at(words: list[str], codes: np.ndarray) -> pa.Array:
    """pa.array(words, pa.string()).take(codes), its bytes joined a run of one code at a time."""
    codes = np.asarray(codes, dtype=np.int64)
    n = codes.size
    starts = np.flatnonzero(np.r_[True, codes[1:] != codes[:-1]]) if n else np.zeros(0, dtype=np.int64)
    encoded = [w.encode() for w in words]
    lengths = np.array([len(b) for b in encoded], dtype=np.int64)
    if starts.size > n * _MOST_RUNS or (n and int(lengths[codes[starts]] @ np.diff(np.r_[starts, n])) >= 2**31):
        return pa.array(words, pa.string()).take(pa.array(codes))
    runs = np.diff(np.r_[starts, n]).tolist()
    offsets = np.zeros(n + 1, dtype=np.int32)
    np.cumsum(lengths[codes], out=offsets[1:])
    data = b"".join(encoded[c] * r for c, r in zip(codes[starts].tolist(), runs))
    return pa.Array.from_buffers(pa.string(), n, [None, pa.py_buffer(offsets), pa.py_buffer(data)])


def holds_runs(column: pa.Array | pa.ChunkedArray, words: list[str], counts: list[int]) -> bool:
    """Whether `column` is words[k], counts[k] times, for each k in order: its lengths and bytes
    compared at once with what those runs spell."""
    column = one_array(column)
    if len(column) != sum(counts) or column.null_count or not pa.types.is_string(column.type):
        return False
    if len(column) == 0:
        return True
    encoded = [w.encode() for w in words]
    at, n = column.offset, len(column)
    buffers = column.buffers()
    offsets = np.frombuffer(buffers[1], dtype=np.int32)[at:at + n + 1]
    expected = np.repeat(np.array([len(b) for b in encoded], dtype=np.int64), counts)
    if not np.array_equal(np.diff(offsets), expected):
        return False
    # As numpy bytes: a memoryview compared with bytes unpacks each byte as a Python object.
    data = np.zeros(0, dtype=np.uint8) if buffers[2] is None else \
        np.frombuffer(buffers[2], dtype=np.uint8)[int(offsets[0]):int(offsets[-1])]
    return np.array_equal(data, np.frombuffer(b"".join(b * c for b, c in zip(encoded, counts)), dtype=np.uint8))
