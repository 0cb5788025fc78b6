from datetime import date
from pathlib import Path

import pytest

from backintime_assets.simulation import FileOptions, MarketSpec, read_file_manifest, write_files
from backintime_assets.simulation.layouts import Layout


@pytest.mark.parametrize("seed", [1, 2])
def test_estimates_are_close_to_the_bytes_written(tmp_path: Path, seed):
    from backintime_assets.simulation.writer import _bytes_per_row_estimator

    spec = MarketSpec(n_tickers=40, seed=seed)
    write_files(spec, date(2000, 1, 3), date(2001, 12, 31), tmp_path,
                FileOptions(shape="archive", drift="random", archive_tickers=10, archive_years=1, seed=seed))
    sizer = _bytes_per_row_estimator(spec)
    for record in read_file_manifest(tmp_path).iter_rows(named=True):
        per_row, overhead = sizer(Layout.from_json(record["layout"]))
        assert per_row * record["rows"] + overhead == pytest.approx(record["bytes"], rel=0.12), record["layout"]
