"""Price files as delimited text: Polars renders the rows, damaged lines are spliced in by hand."""
from __future__ import annotations

import os
import threading
from pathlib import Path

import numpy as np
import polars as pl

from backintime_assets.simulation import formatting as fmt
from backintime_assets.simulation.files import FileResult, FileWriter
from backintime_assets.simulation.plans import FilePlan
from backintime_assets.simulation.pollution import (
    ROW_KINDS,
    RowDamage,
    damage_values,
    damaged_lines,
    damaged_lines_from_clean,
    damaged_lines_from_text,
)
from backintime_assets.simulation.printer import Printed

_DUPLICATE = ROW_KINDS.index("duplicate")
_KIND_NAMES = np.array(ROW_KINDS, dtype=object)
_IOV_MAX = 1024  # buffers per writev call (IOV_MAX on Linux)
_scratch = threading.local()


def _line_ends(data: bytes, newline: int) -> np.ndarray:
    """Offsets just past every `newline` byte of `data`.

    The comparison goes into a buffer kept per thread across blocks and files: a fresh block-sized
    array costs its page faults every time, more than the comparison itself.
    """
    buffer = getattr(_scratch, "buffer", None)
    if buffer is None or len(buffer) < len(data):
        buffer = _scratch.buffer = np.empty(len(data), dtype=np.bool_)
    found = buffer[: len(data)]
    np.equal(np.frombuffer(data, dtype=np.uint8), newline, out=found)
    ends = np.flatnonzero(found)
    ends += 1
    return ends


class CsvWriter(FileWriter):
    def __init__(self, plan: FilePlan, out_dir: Path, pollution_rate: float, seed: int):
        super().__init__(plan, out_dir, pollution_rate, seed)
        self.handle = open(self.part, "wb")
        if self.done:  # empty file: not even a header
            self.result.entries.append((0, "empty_file"))
            return
        layout = self.layout
        head = fmt.byte_order_mark(layout)
        for line in self.result.preamble_lines():
            head += fmt.encode_text(line, layout)
            self._note("preamble")
        head += fmt.encode_text(fmt.header_line(layout), layout)
        self._note("header")
        self.handle.write(head)
        self.newline = layout.newline.encode()

    def add(self, block: pl.DataFrame, text: bytes | Printed | None = None) -> bool:
        """`text`: the block's rows already rendered in this layout (by Polars, or by the compiled
        printer with the line ends when the file is damaged), when the caller renders them apart."""
        if self.done:
            return False
        ends = None
        if isinstance(text, Printed):
            text, ends = text.data, text.ends
        block, damage, cut = self._block_damage(block)
        if self.layout.totals and block.height:
            self.result.volume += int(block["volume"].sum())
        damaged = len(damage.rows) > 0 or cut is not None
        if text is None and (damaged or self.layout.encoding == "utf-16"):
            text = fmt.rendered_rows(block, self.layout)  # ends stay None: no printer text here
        if text is None:
            # Straight into the file: rendering to memory first costs Polars a good share more.
            self.handle.flush()
            fmt.write_rows(block, self.layout, self.handle)
            self._count_clean(block.height)
            return not self.done
        if not damaged:
            self._count_clean(block.height)
            self.handle.write(fmt.encode_rows(text, self.layout))
        elif self.layout.encoding == "utf-16":
            self.handle.write(fmt.encode_rows(b"".join(self._damage(block, text, ends, damage, cut)), self.layout))
        else:
            self._write_pieces(self._damage(block, text, ends, damage, cut))
        return not self.done

    def _write_pieces(self, pieces: list) -> None:
        """Hand the pieces to the kernel as they are: joining them first copied the whole block once more."""
        self.handle.flush()
        descriptor = self.handle.fileno()
        for i in range(0, len(pieces), _IOV_MAX):
            batch = pieces[i : i + _IOV_MAX]
            written, wanted = os.writev(descriptor, batch), sum(map(len, batch))
            if written < wanted:  # a short write (rare on a local file): the rest the plain way
                self.handle.write(b"".join(batch)[written:])
                self.handle.flush()

    def _count_clean(self, rows: int) -> None:
        self.result.lines += rows
        self.result.rows += rows

    def _damage(self, block: pl.DataFrame, data, ends: np.ndarray | None, damage: RowDamage,
                cut: int | None) -> list:
        """The rows' text (bytes, or the printer's array) with the damaged lines swapped in, duplicates
        doubled and the file cut at `cut`, as pieces to write in turn.

        Line ends come from the printer or are found with numpy, and the damaged lines edited from
        their own clean text (only in rare cases are the changed rows printed again); the clean runs
        between them are slices of the text rather than a Python object per line.
        """
        layout, newline = self.layout, self.newline
        view = memoryview(data).cast("B")  # slices without copies
        if ends is None:
            ends = _line_ends(view, newline[-1])
        starts = np.concatenate(([0], ends[:-1]))
        rows, kinds = damage.rows, damage.kinds
        begin, finish = starts[rows].tolist(), ends[rows].tolist()
        width = len(newline)
        lines = damaged_lines_from_clean([bytes(view[a : b - width]) for a, b in zip(begin, finish)], block, damage,
                                         layout)
        if lines is None:
            changed = damage_values(block, damage, layout.sources)
            lines = damaged_lines_from_text(fmt.rendered_rows(changed, layout), damage, layout)
            if lines is None:
                lines = damaged_lines(fmt.text_frame(changed, layout), damage, layout)
        if cut is not None:  # the cut row is cut whatever else it was, duplicates as their plain line
            last = bytes(view[int(starts[cut]) : int(ends[cut]) - len(newline)])
            if len(rows) and rows[-1] == cut:
                last = last if kinds[-1] == _DUPLICATE else lines[-1]
                rows, kinds, lines = rows[:-1], kinds[:-1], lines[:-1]
                begin, finish = begin[:-1], finish[:-1]
        duplicate = kinds == _DUPLICATE
        pieces: list[bytes | memoryview] = [b""] * (2 * len(rows) + 1)
        stop = len(view) if cut is None else int(starts[cut])
        pieces[0::2] = [view[a:b] for a, b in zip([0, *finish], [*begin, stop])]
        pieces[1::2] = [bytes(view[a:b]) * 2 if twice else line + newline
                        for a, b, twice, line in zip(begin, finish, duplicate.tolist(), lines)]
        base = self.result.lines
        # A duplicate's entry is its second copy: the running count of duplicates includes it.
        numbers = base + rows + 1 + np.cumsum(duplicate)
        self.result.entries.extend(zip(numbers.tolist(), _KIND_NAMES[kinds].tolist()))
        self.result.damaged += len(rows)
        written = base + (len(ends) if cut is None else cut + 1) + int(duplicate.sum())
        if cut is not None:
            pieces.append(self._cut(last))
            self.result.entries.append((written, "truncated"))
            self.result.damaged += 1
        self.result.rows += written - base
        self.result.lines = written
        return pieces

    def _cut(self, line: bytes) -> bytes:
        """Keep a prefix with at most half the fields, cut inside the next one: a row no parser loads."""
        delimiter = self.layout.delimiter.encode()
        positions = [i for i in range(len(line)) if line[i : i + len(delimiter)] == delimiter]
        if len(positions) < 2:
            return line[: max(1, len(line) // 2)]
        k = int(self.rng.integers(0, len(positions) // 2))
        start = positions[k] + len(delimiter)
        end = positions[k + 1] if k + 1 < len(positions) else len(line)
        return line[: start + int(self.rng.integers(0, max(end - start, 1)))]

    def _close(self) -> None:
        self.handle.close()

    def finish(self) -> FileResult:
        if not self.handle.closed:
            if self.layout.totals and self.file_damage.kind is None:
                self.handle.write(fmt.encode_text(fmt.totals_line(self.layout, self.result.rows, self.result.volume),
                                                  self.layout))
                self._note("total")
            self.handle.close()
        os.replace(self.part, self.final)
        self.result.bytes = self.final.stat().st_size
        return self.result
