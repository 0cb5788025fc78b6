"""The conversion reads the rows the raw step's survey parsed and kept, not the text again."""
from datetime import date

import pandas as pd
import pyarrow.fs as pafs
import pytest

from backintime_assets.definitions import build_resources
from backintime_assets_tests.assets.pipeline import INGEST, lake_prices, lake_rejections, run_range, settings_for

FIRST, LAST = date(2025, 3, 3), date(2025, 3, 7)


def _sorted(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.sort_values(["source_file", "source_line"]).reset_index(drop=True)


@pytest.mark.spark
def test_prices_rerun_from_the_parsed_zone_without_the_raw_text(tmp_path, postgres_url, spark):
    settings = settings_for(tmp_path, postgres_url)
    settings.source_dir.mkdir(parents=True)
    (settings.source_dir / "desk.csv").write_text(  # rows to reject, filed under the file's first date
        "Date,Ticker,Close\n2025-03-04,ZZZZZZ,10.5\n2025-03-05,ZZZZZZ,-1\n2025-03-06,ZZZZZZ,n/a\n")
    assert run_range(settings, FIRST, LAST, ["simulated_price_files", *INGEST]).success
    prices, rejected = _sorted(lake_prices(settings)), _sorted(lake_rejections(settings))
    assert len(prices) > 0 and len(rejected.loc[rejected["source_file"] == "desk.csv"]) == 2

    location = build_resources(settings)["lake"].location()
    fs = location.filesystem()
    listed = fs.get_file_info(pafs.FileSelector(location.path("raw"), recursive=True))
    raw_files = [f.path for f in listed if f.type == pafs.FileType.File]
    parsed = [f.path for f in fs.get_file_info(pafs.FileSelector(location.path("parsed"), recursive=True))
              if f.type == pafs.FileType.File]
    assert len(raw_files) == len(parsed) > 0 and all(p.endswith(".parquet") for p in parsed)
    for path in raw_files:  # the text is gone: only the kept rows can give the same tables
        fs.delete_file(path)

    assert run_range(settings, FIRST, LAST, ["prices", "rejected_rows"]).success
    pd.testing.assert_frame_equal(_sorted(lake_prices(settings)), prices)
    pd.testing.assert_frame_equal(_sorted(lake_rejections(settings)), rejected)
