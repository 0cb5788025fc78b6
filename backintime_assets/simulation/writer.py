"""Write simulated price files: the daily drop of one day, or any range in any shape with its ground truth.

Simulating, printing and writing overlap: one background thread draws the next blocks of rows, a
second prints them as text (compiled, see printer.py) while this one damages and writes (numpy,
Polars and the printer release the GIL), with short queues so memory stays a few blocks (see
pipeline.py). Small files (daily drops) are drawn inline instead, and rendered many at a time
(see day_text.py).
"""
from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterator
from datetime import date
from itertools import chain
from pathlib import Path

import polars as pl

from backintime_assets.simulation import formatting as fmt
from backintime_assets.simulation.calendar import is_business_day
from backintime_assets.simulation.day_text import DayText
from backintime_assets.simulation.files import FileResult, open_writer
from backintime_assets.simulation.layouts import Layout
from backintime_assets.simulation.manifest import write_manifests
from backintime_assets.simulation.options import FileOptions, SimulationReport
from backintime_assets.simulation.panel import simulate_panel
from backintime_assets.simulation.pipeline import ahead
from backintime_assets.simulation.plans import FilePlan, archive_plans, daily_plans, profile_plans
from backintime_assets.simulation.printer import Printed, printed_rows
from backintime_assets.simulation.rows import RowSource
from backintime_assets.simulation.sizing import RowSizer
from backintime_assets.simulation.spec import MarketSpec

_QUEUE_BLOCKS = 4
_QUEUE_TEXTS = 2  # printed blocks waiting to be written: each holds the block and its text
_INLINE_ROWS_PER_FILE = 20_000
# Blocks from which the compiled printer prints: below, Polars' cost per call is small.
_COMPILED_FROM = 4096
# Importing numba and loading the compiled printer costs 1.5-3 s a process (the first run after an
# install also compiles it); printing saves ~40-110 ns a row (plain to drifted layouts), so a run
# loads it from about 20 M rows (2 GB of CSV) on, or when an earlier one in the process did.
_COMPILED_RUN_ROWS = 20_000_000
_PRINT_KERNEL = "backintime_assets.simulation.print_kernel"
_DONE = object()


def write_day(spec: MarketSpec, day: date, out_dir: Path) -> list[Path]:
    """The clean daily drop files of one trading day (one per exchange); none on days the week closes.

    Rewriting a day gives byte-identical files. No manifest: clean files hold a header line and
    data rows only.
    """
    out_dir = Path(out_dir)
    if not is_business_day(day, spec.week) or day < spec.market_start:
        return []
    out_dir.mkdir(parents=True, exist_ok=True)
    options = FileOptions(block_rows=max(spec.n_tickers, 1))  # rows are built a day at a time: just this one
    results = _write(spec, daily_plans(spec, day, day, options), out_dir, options, SimulationReport(spec=spec))
    return [r.path for r in results]


def write_files(spec: MarketSpec, start: date, end: date, out_dir: Path, options: FileOptions,
                progress: Callable[[int, int], None] | None = None) -> SimulationReport:
    """Write the market's prices on [start, end] as files shaped, drifted and damaged per `options`.

    The ground truth goes to `_ground_truth.csv` (file, line, kind of every line that is not a
    clean data row) and `_files.csv` (per file: layout, rows, clean_rows, ...), merged with what
    earlier runs wrote into the same folder.
    """
    began = time.perf_counter()
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    if options.profile is not None:
        spec, plans = profile_plans(spec, start, end, options, _bytes_per_row_estimator(spec))
    elif options.shape == "daily":
        plans = daily_plans(spec, start, end, options)
    else:
        plans = archive_plans(spec, start, end, options)
    report = SimulationReport(spec=spec)
    results = _write(spec, plans, out_dir, options, report, progress)
    if results:
        report.ground_truth, report.file_manifest = write_manifests(out_dir, results)
    report.seconds = time.perf_counter() - began
    return report


def _write(spec: MarketSpec, plans: list[FilePlan], out_dir: Path, options: FileOptions, report: SimulationReport,
           progress: Callable[[int, int], None] | None = None) -> list[FileResult]:
    seed = options.file_seed(spec)
    source = RowSource(spec, options.block_rows, share_years=True)
    inline = sum(p.rows for p in plans) < _INLINE_ROWS_PER_FILE * len(plans)
    # Small files rendered a day's worth at a time; only inline, where the source has one user.
    texts = DayText(source, plans) if inline else None
    results = []
    compiled = sum(p.rows for p in plans) >= _COMPILED_RUN_ROWS or _PRINT_KERNEL in sys.modules
    for plan, blocks in _produced(source, plans, inline, options.pollution_rate > 0, compiled):
        writer = open_writer(plan, out_dir, options.pollution_rate, seed)
        try:
            wanted = True
            for block, text in blocks:  # always drained, so the producer never waits on a skipped file
                if wanted:
                    wanted = writer.add(block, texts.text(plan) if texts else text)
                    if progress is not None:
                        progress(report.rows + writer.result.rows, report.bytes)
            result = writer.finish()
        except BaseException:
            writer.abort()
            raise
        results.append(result)
        report.files.append(result.path)
        report.rows += result.rows
        report.clean_rows += result.clean_rows
        report.bytes += result.bytes
        if progress is not None:
            progress(report.rows, report.bytes)
    return results


def _produced(source: RowSource, plans: list[FilePlan], inline: bool, damaged: bool,
              compiled: bool) -> Iterator[tuple[FilePlan, Iterator[tuple[pl.DataFrame, bytes | Printed | None]]]]:
    """(plan, its blocks with their text or None) in order; `damaged`: whether files get damage;
    `compiled`: whether big blocks go to the compiled printer.

    Big files run as three stages in threads of their own: drawing blocks, printing them in the
    layout where the writer needs the text (see `_printed`) and, here, damaging and writing them.
    Small files (daily drops) are drawn inline and their text left to the caller: handing over a
    few rows between threads costs more than it overlaps.
    """
    if inline:
        for plan in plans:
            yield plan, ((block, None) for block in source.blocks(plan))
        return
    drawn = ahead(((index, block) for index, plan in enumerate(plans)
                   for block in chain(source.blocks(plan), [_DONE])), _QUEUE_BLOCKS, "simulate-blocks")
    printed = ahead(((index, block, _printed(plans[index], block, damaged, compiled)) for index, block in drawn),
                    _QUEUE_TEXTS, "print-blocks")

    def blocks_of(index: int) -> Iterator[tuple[pl.DataFrame, bytes | Printed | None]]:
        for got, block, text in printed:
            if block is _DONE:
                return
            assert got == index, (got, index)
            yield block, text

    try:
        for index, plan in enumerate(plans):
            yield plan, blocks_of(index)
    finally:
        printed.close()


def _printed(plan: FilePlan, block, damaged: bool, compiled: bool) -> bytes | Printed | None:
    """The block's rows as its CSV layout prints them: by the compiled printer where it can (with
    the line ends, for damaged files), else by Polars where the writer edits or re-encodes the text
    (damaged files, UTF-16); else None, and the writer has Polars print clean rows straight into the
    file, which costs less than printing into memory first (and workbooks take no text)."""
    layout = plan.layout
    if block is _DONE or layout.extension == ".xlsx":
        return None
    if compiled and block.height >= _COMPILED_FROM:
        text = printed_rows(block, layout, with_ends=damaged)
        if text is not None:
            return text
    if not (damaged or layout.encoding == "utf-16"):
        return None
    return fmt.rendered_rows(block, layout)


def _bytes_per_row_estimator(spec: MarketSpec) -> Callable[[Layout], tuple[float, float]]:
    """(bytes per data row, bytes outside the rows) of a layout, from a sample of this market's rows."""
    import numpy as np

    tickers = np.arange(min(spec.n_tickers, 16))
    panel = simulate_panel(spec, tickers, spec.market_start, date(spec.market_start.year + 1, 12, 31))
    values = {f: getattr(panel, f)[:, :100] for f in ("open", "high", "low", "close", "adj_close", "volume")}
    sample = RowSource(spec, 1 << 20, share_years=False).frame(panel.days[:100], tickers, values, ticker_major=True)
    return RowSizer(sample)
