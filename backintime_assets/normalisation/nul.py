"""Lines holding NUL bytes: never read as data, always accounted for.

No office export writes a NUL on purpose: one in a text file is damage (a copy cut short and
zero-filled, a buggy export, a NUL-padded field). Detection reads such a file as text when the NULs
sit in a few lines (detection/encoding.py). Here every record that holds a NUL is rejected whole
rather than read: a cell with a NUL in it may be cut or shifted ("AA\\0PL", "101.\\0\\0"), and a
price read from a damaged line is one nobody can trust. A padded field ("AAPL\\0\\0\\0\\0") could be
read by dropping its NULs; it is rejected too, so that nothing loaded rests on a guess about the
damage: the reason says what is in the line, and a fixed export reads in full.

A zero-filled tail (the file ends in NUL bytes) means rows that stood there are lost, a number
nobody knows. It is no footer: its lines are rejected with a reason that says so, wherever the
schema put them (a footer counted from the end of the file takes them otherwise), so that the
damage counts among the file's rejected rows, where an engineer looks for lost data.
"""

from __future__ import annotations

import re
from dataclasses import replace

import numpy as np
import pyarrow as pa

from .lines import LineIndex
from .records import Line, Records

NUL_REASON = "NUL bytes in the line (damaged file?)"
TAIL_REASON = ("zero-filled tail: NUL bytes from this line to the end of the file (a copy cut short?"
               " the rows that stood here are lost)")
_SLICE = 4 << 20
_NUL_RUN = re.compile("\x00+")


def shown(raw: str) -> str:
    """`raw` with its NULs made visible: each as \u2400, a run of more than four (a zero-filled
    block, perhaps megabytes) as its length."""
    return _NUL_RUN.sub(lambda m: "\u2400" * len(m[0]) if len(m[0]) <= 4 else f"<{len(m[0])} NUL bytes>", raw)


def _nul_run_starts(buf: bytes) -> np.ndarray:
    """Offsets where a run of NULs starts, a slice at a time: a zero-filled block holds millions
    of NULs, and an offset for each would cost eight bytes apiece."""
    arr = np.frombuffer(buf, dtype=np.uint8)
    found = []
    for at in range(0, arr.size, _SLICE):
        zero = arr[at:at + _SLICE] == 0
        before = np.concatenate([[at > 0 and arr[at - 1] == 0], zero[:-1]])
        found.append(np.flatnonzero(zero & ~before) + at)
    return np.concatenate(found) if found else np.zeros(0, dtype=np.intp)


class NulLines:
    """The 1-based lines of `index` that hold a NUL, and the first line of its zero-filled tail."""

    def __init__(self, index: LineIndex):
        buf = index.buf
        line_of = np.searchsorted(index.starts, _nul_run_starts(buf), side="right")  # 1-based
        self.lines = np.unique(line_of)
        self.tail = index.count + 1  # past the last line: no tail
        # A zero-filled copy ends in its zeros; a line ended after its NULs is a padded or damaged line.
        if buf.endswith(b"\x00"):
            self.tail = int(np.searchsorted(index.starts, len(buf.rstrip(b"\x00")), side="right"))

    def reason(self, line: int) -> str:
        return TAIL_REASON if line >= self.tail else NUL_REASON


def set_aside_nul_lines(rec: Records, index: LineIndex, outside: list[Line], stop: int) -> tuple[Records, list[Line]]:
    """(rec with every record that holds a NUL moved to its rejected, `outside` (the lines out of
    the data region [.., stop)) without the zero-filled tail past the region, rejected too). The
    other lines out of the region keep their kind, their NULs shown. A no-op without NULs."""
    if b"\x00" not in index.buf:  # ordinary files: one byte search
        return rec, outside
    nul = NulLines(index)
    hit = np.isin(rec.line, nul.lines)
    if rec.raw is not None:  # a record spanning lines holds a NUL past its first line too
        hit |= np.fromiter(("\x00" in r for r in rec.raw), dtype=bool, count=len(rec.raw))
    else:
        for line, raw in rec.spanned.items():
            if "\x00" in raw:
                hit[rec.line == line] = True
    rejected = [(n, shown(raw), nul.reason(n)) if "\x00" in raw else (n, raw, why) for n, raw, why in rec.rejected]
    rejected += [(int(rec.line[k]), shown(rec.raw_text(int(k), index)), nul.reason(int(rec.line[k])))
                 for k in np.flatnonzero(hit)]
    kept: list[Line] = []
    for n, raw, kind in outside:
        if "\x00" not in raw:
            kept.append((n, raw, kind))
        elif n > stop and n >= nul.tail:
            rejected.append((n, shown(raw), TAIL_REASON))
        else:
            kept.append((n, shown(raw), kind))
    keep = ~hit
    if hit.any():
        mask = pa.array(keep)
        rec = replace(rec, line=rec.line[keep], columns={j: a.filter(mask) for j, a in rec.columns.items()},
                      raw=None if rec.raw is None else [r for r, k in zip(rec.raw, keep.tolist()) if k])
    return replace(rec, rejected=rejected), kept
