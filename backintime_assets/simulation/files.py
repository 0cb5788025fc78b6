"""Writing one planned file block by block, damage included, accounting for every line it holds.

The shared part of the CSV and workbook writers: the file's damage plan and its ground truth.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import polars as pl

from backintime_assets.simulation import formatting as fmt
from backintime_assets.simulation.layouts import Layout
from backintime_assets.simulation.plans import FilePlan, first_day_of, last_day_of
from backintime_assets.simulation.pollution import (
    FileDamage,
    RowDamage,
    file_damage,
    row_damage,
)
from backintime_assets.simulation.rng import Stream, stream


@dataclass
class FileResult:
    plan: FilePlan
    path: Path
    rows: int = 0  # data lines written (damaged and duplicate lines included)
    damaged: int = 0  # of which damaged
    lines: int = 0  # physical lines (spreadsheet rows for workbooks)
    bytes: int = 0
    volume: int = 0
    damage: str = ""  # file-level damage kind
    entries: list[tuple[int, str]] = field(default_factory=list)  # (line, kind) of every non-clean line

    @property
    def clean_rows(self) -> int:
        return self.rows - self.damaged

    @property
    def workbook(self) -> bool:
        return self.plan.layout.extension == ".xlsx"

    def record(self) -> dict:
        layout = self.plan.layout
        return {
            "file": self.plan.name, "format": "xlsx" if self.workbook else "csv", "rows": self.rows,
            "clean_rows": self.clean_rows, "damaged_rows": self.damaged, "lines": self.lines, "bytes": self.bytes,
            "first_date": first_day_of(self.plan).isoformat(), "last_date": last_day_of(self.plan).isoformat(),
            "file_damage": self.damage, "header_line": len(self.preamble_lines()) + 1, "layout": _layout_json(layout),
        }

    def preamble_lines(self) -> list[str]:
        """The preamble as written: workbooks leave out blank lines (an empty row is no row)."""
        lines = fmt.preamble_lines(self.plan.layout, self.plan.exchange or "ALL", self.plan.key_date)
        return [line for line in lines if line.strip()] if self.workbook else lines


@lru_cache(maxsize=4096)
def _layout_json(layout: Layout) -> str:
    return layout.to_json()


class FileWriter:
    """Feed it the plan's canonical blocks in order; `add` returns False once no more are wanted."""

    def __init__(self, plan: FilePlan, out_dir: Path, pollution_rate: float, seed: int):
        self.plan = plan
        self.layout: Layout = plan.layout
        self.final = out_dir / plan.name
        self.part = out_dir / f".{plan.name}.part"
        self.result = FileResult(plan, self.final)
        self.rate = pollution_rate
        # Creating a generator costs about as much as writing a small clean file: only if needed.
        self.rng = stream(seed, Stream.POLLUTION, *plan.key) if pollution_rate > 0 else None
        self.file_damage: FileDamage = file_damage(self.rng, pollution_rate, plan.rows, self.result.workbook)
        self.result.damage = self.file_damage.kind or ""
        self.row_index = 0  # data rows of the plan consumed so far
        self.done = self.file_damage.kind == "empty_file"

    def _note(self, kind: str) -> None:
        self.result.lines += 1
        self.result.entries.append((self.result.lines, kind))

    def _block_damage(self, block: pl.DataFrame) -> tuple[pl.DataFrame, RowDamage, int | None]:
        """The part of the block to write, its row damage and the row to cut (truncated files)."""
        cut = None
        if self.file_damage.kind == "truncated":
            wanted = self.file_damage.last_row + 1 - self.row_index
            if wanted <= block.height:
                block, cut, self.done = block.head(wanted), wanted - 1, True
        self.row_index += block.height
        return block, row_damage(self.rng, self.rate, block.height), cut

    def finish(self) -> FileResult:
        raise NotImplementedError

    def abort(self) -> None:
        """Drop the half-written file (the final name is only ever taken by a complete one)."""
        self._close()
        self.part.unlink(missing_ok=True)

    def _close(self) -> None:
        pass


def open_writer(plan: FilePlan, out_dir: Path, pollution_rate: float, seed: int) -> FileWriter:
    # The writers subclass FileWriter, so they are imported here rather than at the top.
    if plan.layout.extension == ".xlsx":
        from backintime_assets.simulation.workbook import XlsxWriter

        return XlsxWriter(plan, out_dir, pollution_rate, seed)
    from backintime_assets.simulation.csv_writer import CsvWriter

    return CsvWriter(plan, out_dir, pollution_rate, seed)


def row_cells(frame: pl.DataFrame, layout: Layout) -> list[list]:
    """Python values per row in the layout's column order (for workbooks)."""
    constants = {"currency": "USD", "notes": None}
    columns = [frame[s].to_list() if s in frame.columns else [constants[s]] * frame.height for s in layout.sources]
    return [list(row) for row in zip(*columns)] if columns else []

