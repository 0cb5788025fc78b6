"""Price files as .xlsx workbooks: one sheet of preamble rows, header, data rows and maybe a total."""
from __future__ import annotations

from pathlib import Path

import polars as pl

from backintime_assets.simulation.files import FileResult, FileWriter, row_cells
from backintime_assets.simulation.plans import FilePlan
from backintime_assets.simulation.pollution import ROW_KINDS, damage_cells, damage_values, garbage_line
from backintime_assets.simulation.xlsx import SheetStream, row_xml, rows_xml

_CONSTANTS = {"currency": pl.lit("USD", dtype=pl.String), "notes": pl.lit(None, dtype=pl.String)}


class XlsxWriter(FileWriter):
    def __init__(self, plan: FilePlan, out_dir: Path, pollution_rate: float, seed: int):
        super().__init__(plan, out_dir, pollution_rate, seed)
        self.sheet = None
        if self.done:  # an empty (0-byte) file named .xlsx: unreadable, as offices sometimes leave them
            self.result.entries.append((0, "empty_file"))
            return
        self.sheet = SheetStream(self.part)
        for line in self.result.preamble_lines():
            self._append([line.rstrip("\r\n")], "preamble")
        self._append(list(self.layout.headers), "header")

    def _append(self, values: list, kind: str) -> None:
        self.sheet.write(row_xml(self.result.lines + 1, values))
        self.result.lines += 1
        if kind:
            self.result.entries.append((self.result.lines, kind))

    def _cells(self, block: pl.DataFrame) -> pl.DataFrame:
        return block.select([_CONSTANTS[s].alias(f"c{i}") if s in _CONSTANTS else pl.col(s).alias(f"c{i}")
                             for i, s in enumerate(self.layout.sources)])

    def add(self, block: pl.DataFrame, text: bytes | None = None) -> bool:  # text: for CSV only
        if self.done:
            return False
        block, damage, _ = self._block_damage(block)
        if self.layout.totals and block.height:
            self.result.volume += int(block["volume"].sum())
        sources = self.layout.sources
        changed = row_cells(damage_values(block, damage, sources), self.layout)
        clean_from = 0
        for i, (row, kind_index, variant) in enumerate(zip(damage.rows.tolist(), damage.kinds, damage.variant)):
            self._clean(block, clean_from, row)
            clean_from = row + 1
            kind, variant = ROW_KINDS[kind_index], float(variant)
            cells = changed[i]
            if kind in ("non_numeric", "malformed"):
                text_cells = damage_cells(cells, kind, variant, sources)
                cells = [garbage_line(variant)] if text_cells is None else text_cells
            if kind == "duplicate":
                self._append(cells, "")
            self._append(cells, kind)
            self.result.rows += 2 if kind == "duplicate" else 1
            self.result.damaged += 1
        self._clean(block, clean_from, block.height)
        return True

    def _clean(self, block: pl.DataFrame, lo: int, hi: int) -> None:
        if hi > lo:
            self.sheet.write(rows_xml(self._cells(block.slice(lo, hi - lo)), self.result.lines + 1))
            self.result.lines += hi - lo
            self.result.rows += hi - lo

    def _close(self) -> None:
        if self.sheet is not None:
            self.sheet.close()

    def finish(self) -> FileResult:
        if self.sheet is not None:
            if self.layout.totals:
                totals = [None] * len(self.layout.sources)
                totals[0] = "TOTAL"
                if "volume" in self.layout.sources and self.layout.sources.index("volume") > 0:
                    totals[self.layout.sources.index("volume")] = self.result.volume
                self._append(totals, "total")
            self.sheet.close()
        else:
            self.part.write_bytes(b"")
        self.part.replace(self.final)
        self.result.bytes = self.final.stat().st_size
        return self.result
