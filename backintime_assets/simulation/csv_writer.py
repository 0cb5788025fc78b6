"""Price files as delimited text: Polars renders the rows, damaged lines are spliced in by hand."""
from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import polars as pl

from backintime_assets.simulation import formatting as fmt
from backintime_assets.simulation.files import FileResult, FileWriter
from backintime_assets.simulation.plans import FilePlan
from backintime_assets.simulation.pollution import ROW_KINDS, RowDamage, damage_cells, damage_values, garbage_line


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

    def add(self, block: pl.DataFrame) -> bool:
        if self.done:
            return False
        block, damage, cut = self._block_damage(block)
        if self.layout.totals and block.height:
            self.result.volume += int(block["volume"].sum())
        if len(damage.rows) or cut is not None or self.layout.encoding == "utf-16":
            data = fmt.render_rows(fmt.file_frame(block, self.layout), self.layout)
            if len(damage.rows) or cut is not None:
                data = self._damage(block, data, damage, cut)
            else:
                self._count_clean(block.height)
            self.handle.write(fmt.encode_rows(data, self.layout))
        else:
            # Straight into the file: rendering to memory first costs Polars a good share more.
            self.handle.flush()
            fmt.write_rows(block, self.layout, self.handle)
            self._count_clean(block.height)
        return not self.done

    def _count_clean(self, rows: int) -> None:
        self.result.lines += rows
        self.result.rows += rows

    def _damage(self, block: pl.DataFrame, data: bytes, damage: RowDamage, cut: int | None) -> bytes:
        layout, sources = self.layout, self.layout.sources
        changed = damage_values(block, damage, sources)
        texts = fmt.text_frame(changed, layout).rows() if changed.height else []
        replacement: dict[int, tuple[bytes, str]] = {}
        duplicates = set()
        for i, (row, kind_index, variant) in enumerate(zip(damage.rows.tolist(), damage.kinds, damage.variant)):
            kind = ROW_KINDS[kind_index]
            if kind == "duplicate":
                duplicates.add(row)
                continue
            cells = damage_cells(list(texts[i]), kind, float(variant), sources)
            text = garbage_line(float(variant)) if cells is None else fmt.join_fields(cells, layout)
            replacement[row] = (text.encode("ascii"), kind)
        # Line ends found with numpy, and only touched lines cut out: the clean runs between them
        # are copied as whole slices rather than split into a Python object per line.
        newline = self.newline
        ends = np.flatnonzero(np.frombuffer(data, dtype=np.uint8) == newline[-1]) + 1
        pieces: list[bytes] = []
        written, done, position = self.result.lines, 0, 0
        for row in sorted({*replacement, *duplicates, *([cut] if cut is not None else [])}):
            start = int(ends[row - 1]) if row else 0
            pieces.append(data[position:start])
            written += row - done
            line = data[start : int(ends[row]) - len(newline)]
            new, kind = replacement.get(row, (line, ""))
            written += 1
            self.result.damaged += 1 if kind or row == cut else 0
            if row == cut:
                pieces.append(self._cut(new))
                self.result.entries.append((written, "truncated"))
                break
            pieces.append(new + newline)
            if kind:
                self.result.entries.append((written, kind))
            if row in duplicates:
                pieces.append(line + newline)
                written += 1
                self.result.damaged += 1
                self.result.entries.append((written, "duplicate"))
            done, position = row + 1, int(ends[row])
        else:
            pieces.append(data[position:])
            written += len(ends) - done
        self.result.rows += written - self.result.lines
        self.result.lines = written
        return b"".join(pieces)

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
