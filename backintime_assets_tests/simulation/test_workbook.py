from datetime import date, datetime

import numpy as np
import openpyxl

from backintime_assets.simulation import MarketSpec
from backintime_assets.simulation.layouts import Layout, for_xlsx
from backintime_assets.simulation.plans import FilePlan, Segment
from backintime_assets.simulation.rows import RowSource
from backintime_assets.simulation.workbook import XlsxWriter

SPEC = MarketSpec(n_tickers=4, seed=2)


def test_workbook_rows_follow_the_layout_and_the_ground_truth(tmp_path):
    layout = for_xlsx(Layout(preamble=("Exchange{d}{exchange}", "", "Report"), totals=True,
                                      columns=(("Symbol", "ticker"), ("Datum", "date"), ("Close", "close"),
                                               ("Vol.", "volume"), ("Notes", "notes"))))
    segment = Segment(np.arange(4), date(2003, 3, 3), date(2003, 3, 14), True)
    plan = FilePlan("book", (4, 4), date(2003, 3, 3), "NYSE", (segment,), layout)
    writer = XlsxWriter(plan, tmp_path, 0.2, seed=3)
    for block in RowSource(SPEC, 7, share_years=True).blocks(plan):
        writer.add(block)
    result = writer.finish()
    rows = list(openpyxl.load_workbook(result.path).worksheets[0].iter_rows(values_only=True))
    assert len(rows) == result.lines
    assert rows[0][0] == "Exchange,NYSE" and rows[1][0] == "Report"  # blank preamble lines are left out
    assert rows[2] == ("Symbol", "Datum", "Close", "Vol.", "Notes")
    listed = dict(result.entries)
    assert listed[1] == listed[2] == "preamble" and listed[3] == "header" and listed[len(rows)] == "total"
    clean = [r for i, r in enumerate(rows, start=1) if i not in listed]
    assert len(clean) == result.clean_rows > 20
    assert all(isinstance(r[1], datetime) and isinstance(r[2], float) and isinstance(r[3], int) for r in clean)
    simulated = sum(b["volume"].sum() for b in RowSource(SPEC, 7, share_years=True).blocks(plan))
    assert rows[-1][0] == "TOTAL" and rows[-1][3] == simulated  # the office's total, before any damage
