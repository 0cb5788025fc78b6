import csv
import io
from datetime import date

import numpy as np

from backintime_assets.simulation import MarketSpec
from backintime_assets.simulation.csv_writer import CsvWriter
from backintime_assets.simulation.layouts import CLEAN, Layout
from backintime_assets.simulation.plans import FilePlan, Segment
from backintime_assets.simulation.pollution import FileDamage
from backintime_assets.simulation.rows import RowSource

SPEC = MarketSpec(n_tickers=8, seed=6)


def _plan(layout: Layout) -> FilePlan:
    segment = Segment(np.arange(8), date(2001, 1, 1), date(2001, 6, 29), True)
    return FilePlan("f", (1, 2, 3), date(2001, 1, 1), "", (segment,), layout)


def _write(tmp_path, layout: Layout, rate: float, damage: FileDamage | None = None, block_rows: int = 100):
    plan = _plan(layout)
    writer = CsvWriter(plan, tmp_path, rate, seed=1)
    if damage is not None:
        writer.file_damage, writer.done = damage, False
    for block in RowSource(SPEC, block_rows, share_years=True).blocks(plan):
        if not writer.add(block):
            break
    return writer.finish()


def test_clean_file_is_one_header_and_the_rows(tmp_path):
    result = _write(tmp_path, CLEAN, 0.0)
    text = result.path.read_text()
    assert text.count("\n") == 1 + 8 * 130 == result.lines  # 130 business days in the first half of 2001
    assert result.entries == [(1, "header")] and result.clean_rows == 8 * 130


def test_truncated_files_end_inside_a_row_with_too_few_fields(tmp_path):
    layout = Layout(delimiter=";", newline="\r\n", thousands=" ", decimal=",")
    for last_row in (0, 99, 100, 500, 1023):
        folder = tmp_path / str(last_row)
        folder.mkdir()
        result = _write(folder, layout, 1e-12, FileDamage("truncated", last_row))  # rate > 0: damage is drawn
        data = result.path.read_bytes().decode()  # read_text would turn \r\n into \n
        assert not data.endswith("\r\n")
        lines = data.split("\r\n")
        assert len(lines) == last_row + 2 == result.lines
        fields = next(csv.reader(io.StringIO(lines[-1]), delimiter=";"))
        assert len(fields) < len(layout.sources)
        assert result.entries[-1] == (last_row + 2, "truncated") and result.clean_rows == last_row

