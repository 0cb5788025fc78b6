"""The two sensors against real files, Postgres and a Dagster instance: a changed folder asks for a
migration (no file is read in the tick), then the manifest's changes ask for runs per date range."""
import datetime as dt
import os

import psycopg
import pytest
from dagster import AssetMaterialization, DagsterInstance, DagsterRunStatus, build_sensor_context
from dagster._core.storage.dagster_run import DagsterRun

from backintime_assets.db import manifest
from backintime_assets.db.schema import ensure_schema
from backintime_assets.ingestion.raw import migrate
from backintime_assets.resources import PostgresResource, SourceFolderResource
from backintime_assets.runner import RANGE_END_TAG, RANGE_START_TAG
from backintime_assets.sensors import raw_changes_sensor, source_folder_sensor
from backintime_assets_tests.ingestion.test_raw import DriverSurveyor

HEADER = "Date,Ticker,Sector,Open,High,Low,Close,Adj Close,Volume\n"


def _write(path, *days):
    path.write_text(HEADER + "".join(f"{d},ABCDEF,ENERGY,10,11,9,10.5,10.5,100\n" for d in days))


def _folder_tick(folder, cursor=None):
    context = build_sensor_context(cursor=cursor, resources={"source_folder": SourceFolderResource(path=str(folder))})
    result = source_folder_sensor.evaluate_tick(context)
    return result.run_requests or [], result.cursor


def test_a_changed_folder_asks_for_one_migration_each_time_it_changes(tmp_path):
    _write(tmp_path / "a.csv", "2025-01-02")
    _write(tmp_path / "_ground_truth.csv", "2025-03-03")  # bookkeeping, not a price file
    [first], cursor = _folder_tick(tmp_path)
    assert source_folder_sensor.job_name == "migrate_job" and RANGE_START_TAG not in first.tags  # no dates yet
    assert _folder_tick(tmp_path, cursor) == ([], cursor)

    original = (tmp_path / "a.csv").read_bytes(), (tmp_path / "a.csv").stat()
    _write(tmp_path / "a.csv", "2025-01-02", "2025-01-03")
    [second], cursor = _folder_tick(tmp_path, cursor)
    (tmp_path / "a.csv").write_bytes(original[0])  # put back as it was: the folder looks as at first
    os.utime(tmp_path / "a.csv", ns=(original[1].st_atime_ns, original[1].st_mtime_ns))
    [third], _ = _folder_tick(tmp_path, cursor)
    assert len({first.run_key, second.run_key, third.run_key}) == 3


def _changes_tick(instance, postgres_url, cursor=None):
    context = build_sensor_context(instance=instance, cursor=cursor,
                                   resources={"results_db": PostgresResource(url=postgres_url)})
    result = raw_changes_sensor.evaluate_tick(context)
    requests = sorted(result.run_requests or [], key=lambda r: r.tags[RANGE_START_TAG])
    return [(r.tags[RANGE_START_TAG], r.tags[RANGE_END_TAG]) for r in requests], result.cursor, \
        [r.run_key for r in requests], result.skip_message


def _ran(instance, postgres_url, seen, *days, log=None):
    """prices materialised for `days` by a run that had read the log up to change `seen`."""
    with psycopg.connect(postgres_url) as conn:
        log = log or manifest.change_log_id(conn)
    for day in days:
        instance.report_runless_asset_event(AssetMaterialization(
            "prices", partition=day, metadata={manifest.SEEN_CHANGE: seen, manifest.CHANGE_LOG: log}))


@pytest.mark.postgres
def test_changed_files_ask_for_runs_of_the_dates_they_hold_and_held(postgres_url, local_lake, tmp_path):
    source = tmp_path / "source"
    source.mkdir()
    _write(source / "a.csv", "2025-01-02", "2025-01-03")
    _write(source / "b.csv", "2025-01-06", "2025-01-09")
    (source / "desk_2025-01-14.csv").write_text("")  # nothing loadable: its line-less record lands on its home date
    instance = DagsterInstance.ephemeral()
    with psycopg.connect(postgres_url) as conn:
        assert _changes_tick(instance, postgres_url)[0] == []  # nothing migrated yet, not even the tables
        ensure_schema(conn)
        migrate(conn, source, local_lake, DriverSurveyor(local_lake))
        conn.commit()
        ranges, cursor, keys, _ = _changes_tick(instance, postgres_url)
        assert ranges == [("2025-01-02", "2025-01-06"), ("2025-01-09", "2025-01-09"), ("2025-01-14", "2025-01-14")]
        # Not run yet (or failed): asked for under the same keys, which Dagster does not launch twice.
        assert _changes_tick(instance, postgres_url, cursor)[2] == keys
        # Runs of another results database on the same Dagster instance do not count.
        everything = ("2025-01-02", "2025-01-03", "2025-01-06", "2025-01-09", "2025-01-14")
        _ran(instance, postgres_url, 10 ** 6, *everything, log="other")
        assert _changes_tick(instance, postgres_url, cursor)[0] == ranges
        _ran(instance, postgres_url, manifest.last_change_seq(conn), *everything)
        ranges, cursor, _, skipped = _changes_tick(instance, postgres_url, cursor)
        assert ranges == [] and skipped == "every change has run"

        _write(source / "a.csv", "2025-01-03", "2025-01-07")  # leaves 2 January, reaches 7 January
        migrate(conn, source, local_lake, DriverSurveyor(local_lake))
        conn.commit()
        ranges, cursor, keys2, _ = _changes_tick(instance, postgres_url, cursor)
        assert ranges == [("2025-01-02", "2025-01-03"), ("2025-01-07", "2025-01-07")]
        assert not set(keys) & set(keys2)

        # A run that read the manifest before the change and finished last is run again.
        _ran(instance, postgres_url, manifest.last_change_seq(conn), "2025-01-02", "2025-01-03", "2025-01-07")
        _ran(instance, postgres_url, manifest.last_change_seq(conn) - 1, "2025-01-03")
        ranges, cursor, keys3, _ = _changes_tick(instance, postgres_url, cursor)
        assert ranges == [("2025-01-03", "2025-01-03")] and not set(keys3) & set(keys2)

        # Dates a queued or running run is about to write wait for it.
        instance.add_run(DagsterRun(job_name="ingest_job", status=DagsterRunStatus.STARTED,
                                    tags={RANGE_START_TAG: "2025-01-02", RANGE_END_TAG: "2025-01-06"}))
        ranges, cursor, _, skipped = _changes_tick(instance, postgres_url, cursor)
        assert ranges == [] and skipped == "1 date(s) behind: 1 in runs not finished"

        # A date with no partition yet (tomorrow's file) waits, and is not forgotten.
        # The next weekday, 1 to 3 days on: next Monday was 7 days on each Monday, the edge of what a file may be
        # dated past its arrival (detection/after_arrival.py), past it where UTC's date was a day behind ours.
        ahead = next(day for k in (1, 2, 3) if (day := dt.date.today() + dt.timedelta(days=k)).weekday() < 5)
        _write(source / "ahead.csv", ahead.isoformat())
        migrate(conn, source, local_lake, DriverSurveyor(local_lake))
        conn.commit()
        ranges, cursor, _, skipped = _changes_tick(instance, postgres_url, cursor)
        assert ranges == [] and f"1 with no partition ({ahead} to {ahead}" in skipped
        assert _changes_tick(instance, postgres_url, cursor)[3] == skipped  # asked each tick, not dropped


@pytest.mark.spark
def test_the_migration_job_surveys_on_spark_and_runs_clear_the_dates_they_saw(spark, postgres_url, tmp_path):
    from dagster import materialize

    from backintime_assets.definitions import ASSETS, build_resources
    from backintime_assets.jobs import migrate_job
    from backintime_assets_tests.assets.pipeline import INGEST, settings_for

    settings = settings_for(tmp_path / "home", postgres_url)
    resources = build_resources(settings)
    settings.source_dir.mkdir(parents=True)
    _write(settings.source_dir / "a.csv", "2025-01-02", "2025-01-03")
    _write(settings.source_dir / "b.csv", "2025-01-08")
    (settings.source_dir / "c.csv").write_bytes(b"\x00\x01binary, not a price file\x00")
    (settings.source_dir / "d.pdf").write_bytes(b"%PDF-1.4 a report")
    instance = DagsterInstance.ephemeral()
    result = migrate_job.execute_in_process(resources=resources, instance=instance)
    assert result.success
    [output] = [e for e in result.all_events if e.event_type_value == "STEP_OUTPUT"]
    metadata = output.event_specific_data.metadata
    assert metadata["copied"].value == 3 and list(metadata["problem_files"].value) == ["c.csv"]
    [not_migrated] = metadata["files_not_migrated"].value
    assert not_migrated.startswith("d.pdf: not a price file type (.pdf; migrated: .csv, ")
    ranges, cursor, _, _ = _changes_tick(instance, postgres_url)
    assert ranges[:2] == [("2025-01-02", "2025-01-03"), ("2025-01-08", "2025-01-08")] and len(ranges) == 3  # + c's home

    for start, end in ranges[:2]:  # as the daemon would launch them
        run = materialize(ASSETS, resources=resources, selection=INGEST, instance=instance,
                          tags={RANGE_START_TAG: start, RANGE_END_TAG: end})
        assert run.success
    _write(settings.source_dir / "b.csv", "2025-01-08", "2025-01-09")
    assert migrate_job.execute_in_process(resources=resources, instance=instance).success
    # From the start of the log: the dates that ran saw their changes; c's home date never ran.
    ranges, _, _, _ = _changes_tick(instance, postgres_url)
    assert ranges[0] == ("2025-01-08", "2025-01-09") and len(ranges) == 2


@pytest.mark.postgres
def test_a_day_the_new_week_closes_is_named_not_waited_for_silently(postgres_url, local_lake, tmp_path):
    # Read under Monday to Sunday, a file loaded Saturday 4 January; the deployment's week is
    # Monday to Friday now: its Saturday is logged as changed, yet no partition holds it.
    from backintime_assets.trading_week import MON_FRI, TradingWeek

    every_day = TradingWeek.parse("mon-sun")
    source = tmp_path / "source"
    source.mkdir()
    _write(source / "a.csv", "2025-01-03", "2025-01-04", "2025-01-06")
    instance = DagsterInstance.ephemeral()
    with psycopg.connect(postgres_url) as conn:
        ensure_schema(conn)
        migrate(conn, source, local_lake, DriverSurveyor(local_lake, every_day), week=every_day)
        conn.commit()
        _ran(instance, postgres_url, manifest.last_change_seq(conn), "2025-01-03", "2025-01-04", "2025-01-06")
        report = migrate(conn, source, local_lake, DriverSurveyor(local_lake, MON_FRI), week=MON_FRI)
        conn.commit()
        assert report.reread_for_week == 1
        ranges, cursor, _, _ = _changes_tick(instance, postgres_url)
        assert ranges == [("2025-01-03", "2025-01-06")]
        _ran(instance, postgres_url, manifest.last_change_seq(conn), "2025-01-03", "2025-01-06")
        ranges, cursor, _, skipped = _changes_tick(instance, postgres_url, cursor)
    assert ranges == []
    assert skipped == ("1 date(s) behind: 1 on days BACKINTIME_TRADING_WEEK=mon-fri closes "
                       "(2025-01-04 to 2025-01-04; their earlier rows stay in the lake)")
