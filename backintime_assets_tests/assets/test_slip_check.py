"""`prices_have_no_unit_slips` in Dagster's own storage: a day in pence among daily files in pounds
warns, under its date, naming the row; the run still succeeds (the check does not block)."""
from datetime import date, timedelta

import pytest
from dagster import AssetCheckSeverity, DagsterInstance, materialize
from dagster._core.storage.asset_check_execution_record import AssetCheckExecutionRecordStatus

from backintime_assets.definitions import ASSETS, build_resources
from backintime_assets.runner import range_tags
from backintime_assets_tests.assets.pipeline import INGEST, cli_home, latest_check

HEADER = "Date,Ticker,Open,High,Low,Close,Volume\n"
FIRST = date(2025, 3, 3)  # a Monday
DAYS = [FIRST + timedelta(days=i) for i in range(17) if (FIRST + timedelta(days=i)).weekday() < 5]  # 13 weekdays
SLIPPED = DAYS[8]
NAME = "prices_have_no_unit_slips"


def _write_days(settings) -> None:
    for i, day in enumerate(DAYS):
        vod = 58.54 + 0.1 * (i % 3)
        unit = 100 if day == SLIPPED else 1  # the clerk pasted pence that day
        o, h, lo, c = (f"{x * unit:.2f}" for x in (vod, vod + 0.5, vod - 0.5, vod))
        rows = f"{day},VOD.L,{o},{h},{lo},{c},1000\n{day},BARC.L,2.10,2.20,2.00,2.1{i % 3},5000\n"
        (settings.source_dir / f"prices_{day}.csv").write_text(HEADER + rows)


@pytest.mark.spark
def test_a_slipped_day_in_a_range_run_warns_under_its_date(tmp_path, postgres_url, spark, monkeypatch):
    settings = cli_home(tmp_path, postgres_url, monkeypatch)
    _write_days(settings)
    with DagsterInstance.get() as instance:
        resources = build_resources(settings)
        # The days before the slip and the slip itself: at the lake's edge, unconfirmed, no warning yet.
        first = materialize(ASSETS, resources=resources, selection=INGEST, tags=range_tags(DAYS[0], SLIPPED),
                            instance=instance)
        assert first.success
        result = {e.check_name: e for e in first.get_asset_check_evaluations() if e.partition is None}[NAME]
        assert result.passed and result.severity == AssetCheckSeverity.WARN
        assert "VOD.L" in result.metadata["unconfirmed"].value[0]
        # The next day alone, as a daily run: its close comes back, which names the slipped day.
        day_after = DAYS[9]
        second = materialize(ASSETS, resources=resources, selection=INGEST, partition_key=day_after.isoformat(),
                             instance=instance)
        assert second.success  # a warning: nothing downstream waits on it
        evaluation = {e.check_name: e for e in second.get_asset_check_evaluations()}[NAME]
        assert not evaluation.passed and evaluation.partition == day_after.isoformat()
        suspect = evaluation.metadata["suspects"].value
        assert suspect == [{
            "ticker": "VOD.L", "date": SLIPPED.isoformat(), "close": 5874.0,
            "before": {"date": DAYS[7].isoformat(), "close": 58.64}, "after": {"date": day_after.isoformat(),
                                                                               "close": 58.54},
            "factor": "about a hundredfold above", "source_file": f"prices_{SLIPPED}.csv", "source_line": 2}]
        # A range run over every day names it under its own date, and every other date passes.
        third = materialize(ASSETS, resources=resources, selection=INGEST, tags=range_tags(DAYS[0], DAYS[-1]),
                            instance=instance)
        assert third.success
        assert latest_check(instance, NAME, SLIPPED.isoformat()).status == AssetCheckExecutionRecordStatus.FAILED
        assert latest_check(instance, NAME, DAYS[-1].isoformat()).status == AssetCheckExecutionRecordStatus.SUCCEEDED
        slipped = latest_check(instance, NAME, SLIPPED.isoformat()).event.dagster_event.event_specific_data
        assert slipped.severity == AssetCheckSeverity.WARN
        assert slipped.metadata["problems"].value[0].startswith(
            f"VOD.L {SLIPPED}: close 5874 (prices_{SLIPPED}.csv line 2) is about a hundredfold above")
        run_result = {e.check_name: e for e in third.get_asset_check_evaluations() if e.partition is None}[NAME]
        assert run_result.metadata["failed_dates"].value == [SLIPPED.isoformat()]


@pytest.mark.parametrize("lake", ["local_lake", "s3_lake"])
def test_the_neighbour_dates_are_read_alike_from_a_local_or_an_s3_lake(request, lake):
    """A daily run reads the WINDOW_DATES stored dates on each side of its date, and only those, and
    the slip it reveals names its own file and line, from local disk or an object store alike."""
    import pyarrow as pa

    from backintime_assets.assets.slip_check import window_rows
    from backintime_assets.ingestion.slips_across_dates import WINDOW_DATES, find_slips
    from backintime_assets.lake.tables import write_date_file

    location = request.getfixturevalue(lake)
    fs = location.filesystem()
    days = [FIRST + timedelta(days=i) for i in range(120) if (FIRST + timedelta(days=i)).weekday() < 5]
    slipped, run = days[40], days[41]

    def day_rows(day):
        close = 5854.0 if day == slipped else 58.54
        return pa.table({"ticker": ["VOD.L", "BARC.L"], "open": [close, 2.1], "close": [close, 2.1],
                         "source_file": [f"prices_{day}.csv"] * 2, "source_line": [2, 3]})

    for day in days:
        if day != run:
            write_date_file(fs, location, "prices", day.isoformat(), day_rows(day), "r")
    own = day_rows(run).select(["ticker", "close", "source_file", "source_line"])
    own = own.add_column(0, "date", pa.array([run] * own.num_rows, pa.date32()))
    rows = window_rows(location, [run], own)
    read = sorted(set(rows.column("date").to_pylist()))
    assert read == days[41 - WINDOW_DATES:41 + WINDOW_DATES + 1]
    assert [(s.date, s.source_file, s.source_line, s.reported_on) for s in find_slips(rows, [run])] == [
        (slipped.isoformat(), f"prices_{slipped}.csv", 2, run.isoformat())]


@pytest.mark.parametrize("lake", ["local_lake", "s3_lake"])
def test_a_daily_run_lists_and_reads_only_the_dates_around_it(request, lake, tmp_path):
    """The neighbours of a run are found by listing the dates around it, not every stored date (a
    daily run's cost grew with the years kept), and they are the ones a listing of every date finds."""
    import pyarrow as pa

    from backintime_assets.assets.slip_check import SEARCH_DAYS, _window_rows_of_every_date, window_rows
    from backintime_assets.lake.tables import date_dir, write_date_file
    from backintime_assets.ingestion.slips_across_dates import WINDOW_DATES
    from backintime_assets_tests.support.opened_files import LoggedLake

    plain = request.getfixturevalue(lake)
    days = [FIRST + timedelta(days=i) for i in range(280) if (FIRST + timedelta(days=i)).weekday() < 5]  # 200
    fs = plain.filesystem()
    for day in days:
        write_date_file(fs, plain, "prices", day.isoformat(), pa.table({
            "ticker": ["VOD.L"], "close": [58.54], "source_file": [f"prices_{day}.csv"], "source_line": [2]}), "r")

    def own(day):
        return pa.table({"date": pa.array([day], pa.date32()), "ticker": ["VOD.L"], "close": [58.54],
                         "source_file": [f"prices_{day}.csv"], "source_line": [2]})

    for at, latest in ((100, None), (len(days) - 1, days[-1])):  # mid-lake; the newest date, today's
        run = days[at]
        log = tmp_path / f"{lake}-{at}.log"
        location = LoggedLake(**{f: getattr(plain, f) for f in (
            "url", "s3_endpoint_url", "s3_access_key_id", "s3_secret_access_key")}, log=str(log))
        rows = window_rows(location, [run], own(run), latest)
        expected = days[max(0, at - WINDOW_DATES):at] + days[at + 1:at + 1 + WINDOW_DATES]
        assert sorted({d for d in rows.column("date").to_pylist() if d != run}) == expected
        assert rows.sort_by("date").equals(_window_rows_of_every_date(plain, [run], own(run)).sort_by("date"))
        # Only date folders within SEARCH_DAYS of the run were listed (never the table's folder), and
        # only the neighbours' files opened.
        span = {(run + timedelta(days=k)).isoformat() for k in range(-SEARCH_DAYS, SEARCH_DAYS + 1)}
        table_folder = plain.path("prices")
        listed = location.listed()
        assert table_folder not in listed
        assert {path[len(date_dir(plain, "prices", "")):] for path in listed} <= span
        # On S3 a listing starts at the span's first date and asks for a page as long as the span: a
        # page past its end holds no more keys than that.
        # A local lake lists folders, never keys: none of them is logged as an S3 listing.
        keys_listed = location.listed_keys()
        if lake == "local_lake":
            assert keys_listed == [] and listed
        else:
            assert keys_listed and min(key.split("/date=")[1][:10] for key in keys_listed) >= min(span)
            assert len(keys_listed) <= 2 * (SEARCH_DAYS + 1) < len(days)  # a page a side, not the lake's keys
        opened = {path.split("/date=")[1][:10] for path in location.opened()}
        assert opened == {d.isoformat() for d in expected}
