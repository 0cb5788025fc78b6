"""The source-folder sensor against real files: run requests per contiguous date range, idempotent keys."""
from dagster import build_sensor_context

from backintime_assets.resources import SourceFolderResource
from backintime_assets.sensors import RANGE_END_TAG, RANGE_START_TAG, source_folder_sensor

HEADER = "Date,Ticker,Sector,Open,High,Low,Close,Adj Close,Volume\n"


def _write(path, *days):
    path.write_text(HEADER + "".join(f"{d},ABCDEF,ENERGY,10,11,9,10.5,10.5,100\n" for d in days))


def _evaluate(folder, cursor=None):
    context = build_sensor_context(cursor=cursor, resources={"source_folder": SourceFolderResource(path=str(folder))})
    result = source_folder_sensor.evaluate_tick(context)
    return result.run_requests or [], result.cursor


def test_new_files_request_one_run_per_date_range_then_nothing(tmp_path):
    _write(tmp_path / "a.csv", "2025-01-02", "2025-01-03")
    _write(tmp_path / "b.csv", "2025-01-06", "2025-01-09")
    _write(tmp_path / "_ground_truth.csv", "2025-03-03")  # bookkeeping, not a price file
    requests, cursor = _evaluate(tmp_path)
    ranges = sorted((r.tags[RANGE_START_TAG], r.tags[RANGE_END_TAG]) for r in requests)
    assert ranges == [("2025-01-02", "2025-01-06"), ("2025-01-09", "2025-01-09")]
    again, cursor2 = _evaluate(tmp_path, cursor)
    assert again == [] and cursor2 == cursor


def test_a_changed_file_requests_its_dates_again_with_a_new_run_key(tmp_path):
    _write(tmp_path / "a.csv", "2025-01-02")
    first, cursor = _evaluate(tmp_path)
    _write(tmp_path / "a.csv", "2025-01-02", "2025-01-03")
    second, _ = _evaluate(tmp_path, cursor)
    assert [(r.tags[RANGE_START_TAG], r.tags[RANGE_END_TAG]) for r in second] == [("2025-01-02", "2025-01-03")]
    assert second[0].run_key != first[0].run_key
