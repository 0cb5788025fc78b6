"""The checks on `prices` in Dagster's own storage: a run of one date stores each evaluation under
that date; a run over a range stores one evaluation, whose metadata holds the proof per date."""
from datetime import date

import pytest
from dagster import AssetCheckKey, AssetKey, DagsterInstance, materialize
from dagster._core.event_api import PartitionKeyFilter
from dagster._core.storage.asset_check_execution_record import AssetCheckExecutionRecordStatus

import backintime_assets.assets.lake as lake_asset
from backintime_assets.definitions import ASSETS, build_resources
from backintime_assets.runner import range_tags
from backintime_assets_tests.assets.pipeline import INGEST, cli_home

MON, TUE, WED = date(2025, 3, 3), date(2025, 3, 4), date(2025, 3, 5)
CHECKS = ("every_row_accounted_for", "prices_have_one_row_per_ticker_and_date", "prices_are_sane")
HEADER = "Date,Ticker,Open,High,Low,Close,Volume\n"


def _write_days(settings) -> None:
    for day in (MON, TUE, WED):
        rows = "".join(f"{day},{t},10,11,9,10.5,100\n" for t in ("AAA", "BBB"))
        (settings.source_dir / f"prices_{day}.csv").write_text(HEADER + rows + f"{day},CCC,10,11,9,oops,100\n")


def _latest(instance, name: str, partition: str | None):
    key = AssetCheckKey(AssetKey("prices"), name)
    return instance.event_log_storage.get_latest_asset_check_execution_by_key(
        [key], partition_filter=PartitionKeyFilter(key=partition)).get(key)


@pytest.mark.spark
def test_a_one_date_run_stores_each_check_evaluation_under_its_date(tmp_path, postgres_url, spark, monkeypatch):
    settings = cli_home(tmp_path, postgres_url, monkeypatch)
    _write_days(settings)
    with DagsterInstance.get() as instance:
        result = materialize(ASSETS, resources=build_resources(settings), selection=INGEST,
                             partition_key=TUE.isoformat(), instance=instance)
        assert result.success
        assert {e.check_name: e.partition for e in result.get_asset_check_evaluations()} == {
            name: "2025-03-04" for name in CHECKS}
        for name in CHECKS:
            record = _latest(instance, name, "2025-03-04")
            assert record is not None and record.partition == "2025-03-04"
            assert record.status == AssetCheckExecutionRecordStatus.SUCCEEDED
            assert _latest(instance, name, "2025-03-03") is None  # a date the run did not touch
        proof = {e.check_name: e.metadata for e in result.get_asset_check_evaluations()}["every_row_accounted_for"]
        assert proof["per_day"].value == [{
            "date": "2025-03-04", "passed": True, "files": 1, "rows_read": 3, "rows_loaded": 2, "rows_rejected": 1,
            "files_over_several_days": 0, "problem_count": 0, "problems": []}]


@pytest.mark.spark
def test_a_range_runs_evaluation_shows_per_date_which_date_failed(tmp_path, postgres_url, spark, monkeypatch):
    settings = cli_home(tmp_path, postgres_url, monkeypatch)
    _write_days(settings)
    real_read = lake_asset.read_arrow

    def losing_a_tuesday_row(location, table, schema, dates=None):
        # The lake lost one of Tuesday's loaded rows after the conversion wrote it.
        stored = real_read(location, table, schema, dates)
        if table != "prices":
            return stored
        days = stored.column("date").to_pylist()
        drop = days.index(TUE)
        return stored.take([i for i in range(stored.num_rows) if i != drop])

    monkeypatch.setattr(lake_asset, "read_arrow", losing_a_tuesday_row)
    with DagsterInstance.get() as instance:
        result = materialize(ASSETS, resources=build_resources(settings), selection=INGEST,
                             tags=range_tags(MON, WED), instance=instance, raise_on_error=False)
        assert not result.success  # the check is blocking: nothing downstream of prices ran
        evaluations = {e.check_name: e for e in result.get_asset_check_evaluations()}
        accounted = evaluations["every_row_accounted_for"]
        assert not accounted.passed and accounted.partition is None  # one evaluation for the range
        metadata = accounted.metadata
        assert metadata["failed_dates"].value == ["2025-03-04"] and metadata["days_failed"].value == 1
        days = metadata["per_day"].value
        assert [(d["date"], d["passed"]) for d in days] == [
            ("2025-03-04", False), ("2025-03-03", True), ("2025-03-05", True)]
        assert days[0]["problems"] == ["prices_2025-03-04.csv: 1 rows in prices, expected 2"]
        assert (days[0]["rows_read"], days[0]["rows_loaded"], days[0]["rows_rejected"]) == (3, 1, 1)
        assert (days[1]["rows_read"], days[1]["rows_loaded"], days[1]["rows_rejected"]) == (3, 2, 1)
        sane = evaluations["prices_are_sane"]
        assert sane.passed and [d["date"] for d in sane.metadata["per_day"].value] == [
            "2025-03-03", "2025-03-04", "2025-03-05"]
        # What Dagster keeps: the run's evaluation with no partition; each date of the range planned, never evaluated.
        record = _latest(instance, "every_row_accounted_for", None)
        assert record.status == AssetCheckExecutionRecordStatus.FAILED and record.run_id == result.run_id
        planned = _latest(instance, "every_row_accounted_for", "2025-03-04")
        assert planned.status == AssetCheckExecutionRecordStatus.PLANNED and planned.run_id == result.run_id
