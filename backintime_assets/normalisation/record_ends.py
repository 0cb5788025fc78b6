"""Which line breaks of a text end a record, as the csv module (reader_kwargs) reads it, found
with array operations: a text read in pieces must not be cut inside a quoted line break.

The csv module finds them too, but at a Python object per cell it costs a fifth of the parse it
serves, and as much as the parse on a file with every cell quoted; here only the quote characters
are looked at, a run of them at a time."""

from __future__ import annotations

import csv

import numpy as np

from backintime_assets.detection.dialect import reader_kwargs

from .lines import LineIndex

# The reading rules below are these of reader_kwargs: if those change, the csv module decides.
_RULES = {"escapechar": None, "strict": False, "skipinitialspace": False, "doublequote": True,
          "quoting": csv.QUOTE_MINIMAL}

# Text looked at a time: it bounds the arrays of quote positions (a file with every cell quoted
# has a quote every few bytes) to a few times its size.
_WINDOW_BYTES = 4 << 20


def record_ends(index: LineIndex, first: int, delimiter: str, quotechar: str,
                escapechar: str | None = None, skipinitialspace: bool = False) -> np.ndarray | None:
    """For each line from 0-based line `first` on, whether a record ends with it: False where its
    line break is inside a quoted cell. None where only the csv module itself can tell: a record
    longer than csv.field_size_limit() (the reader stops at it with an error, as at a quote that
    never closes), an escape character, spaces skipped after a delimiter (a quote after them opens
    a cell), a non-ASCII quote, a quote that is the delimiter, either of them a line break. A
    delimiter outside latin-1 is never seen (text of a byte per character).

    The text is read as the csv module reads it decoded as latin-1 (a character per byte), with
    doublequote=True, strict=False and no escape character: a quote opens a cell only at the
    cell's start (`12" pipe` is text); inside one, a run of quotes of odd length closes it, of even
    length is quotes; a line break outside quotes ends a record, blank lines included; the text's
    end ends its last record, inside quotes or not."""
    quote = ord(quotechar)
    delim = ord(delimiter) if ord(delimiter) < 256 else -1  # a character latin-1 text never holds
    rules = reader_kwargs(delimiter, quotechar, escapechar, skipinitialspace)
    if any(rules.get(k) != v for k, v in _RULES.items()) or quote > 127 or quote in (delim, 10, 13) \
            or delim in (10, 13):
        return None
    arr = np.frombuffer(index.buf, dtype=np.uint8)
    line_starts, line_ends = index.starts[first:], index.ends[first:]
    next_starts = np.append(line_starts[1:], arr.size)  # where the record after each line would start
    ended = np.ones(line_ends.size, dtype=bool)
    lo, inside, line, limit = index.offset(first), False, 0, csv.field_size_limit()
    # A line longer than the limit is part of a record longer than it (said below, window by window):
    # said first, as a window stretches to hold a whole line, and a long line of quotes would fill
    # arrays of quote positions many times its size before the answer.
    if line_starts.size and (next_starts - line_starts).max() > limit:
        return None
    record_start = lo
    while lo < arr.size:
        # Windows end where a line starts, so no run of quotes spans two.
        hi = int(line_starts[np.searchsorted(line_starts, lo + _WINDOW_BYTES)]) \
            if lo + _WINDOW_BYTES < line_starts[-1] else arr.size
        upto = int(np.searchsorted(line_ends, hi)) if hi < arr.size else line_ends.size  # lines ending here
        ended[line:upto], inside = _window(arr, lo, hi, line_ends[line:upto], inside, quote, delim)
        # A cell is no longer, in characters, than its record: where no record is longer than the
        # limit, the csv module raises on no cell; where one is, only it can say where it stops.
        # Said as soon as seen: a piece read on past a quote that never closes looks no further.
        starts = np.append(record_start, next_starts[line:upto][ended[line:upto]])
        if np.diff(np.append(starts, hi)).max() > limit:
            return None
        lo, line, record_start = hi, upto, int(starts[-1])
    if ended.size:
        ended[-1] = True  # the text's end ends its last record, inside quotes or not (strict=False)
    return ended


def _window(arr: np.ndarray, lo: int, hi: int, line_ends: np.ndarray, inside: bool, quote: int,
            delim: int) -> tuple[np.ndarray, bool]:
    """record_ends of the lines ending in arr[lo:hi], and whether the text is inside quotes at
    `hi`, from whether it is at `lo`."""
    at = np.flatnonzero(arr[lo:hi] == quote)
    # Runs of consecutive quotes: what a run does depends on its length and on the byte before it.
    new_run = np.ones(at.size, dtype=bool)
    np.not_equal(at[1:], at[:-1] + 1, out=new_run[1:])
    first_of_run = np.flatnonzero(new_run)
    # A run is odd when it starts at an index of `at` of another parity than the next run does.
    parity = np.append(first_of_run & 1, at.size & 1).astype(bool)
    odd = parity[:-1] != parity[1:]
    starts = at[first_of_run] + lo
    del at, new_run, first_of_run
    before = arr[starts - 1]  # arr[-1] for a quote at 0: that one is at a cell's start all the same
    # At a cell's start when outside quotes: the text's start, or after a delimiter or line break.
    # (Inside quotes those bytes are text, but there a run acts by its length alone.)
    at_cell_start = (starts == 0) | (before == delim) | (before == 10) | (before == 13)
    # Each run maps the state before it (inside quotes or not) to the state after it: an odd run
    # at a cell's start flips it (opens a cell, or closes an open one); an odd run elsewhere leaves
    # the text outside quotes (text in an unquoted cell, or a closing quote); an even run changes
    # nothing (doubled quotes, or `""` an empty cell). So the state at a line break is the parity
    # of the flips since the last run that left the text outside, or since the window's start.
    flips = np.append(0, np.cumsum(odd & at_cell_start, dtype=np.int32))  # [k]: before run k
    outs = np.flatnonzero(odd & ~at_cell_start)
    # Runs before each line break (and the window's end), then the last of them that left the
    # text outside: flips before the window's first run count from the state at its start.
    before_end = np.append(np.searchsorted(starts, line_ends), starts.size)
    at_last_out = np.append(-int(inside), flips[outs + 1])[np.searchsorted(outs, before_end)]
    state = (flips[before_end] - at_last_out) % 2 == 1
    return ~state[:-1], bool(state[-1])
