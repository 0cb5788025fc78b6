from datetime import date

from backintime_assets.sensors import contiguous_ranges, dates_to_run


def test_ranges_join_across_weekends_and_split_on_gaps():
    days = [date(2025, 1, 2), date(2025, 1, 3), date(2025, 1, 6), date(2025, 1, 8), date(2025, 1, 4)]
    assert contiguous_ranges(days) == [(date(2025, 1, 2), date(2025, 1, 6)), (date(2025, 1, 8), date(2025, 1, 8))]


def test_a_date_runs_again_unless_its_last_run_had_seen_its_last_change():
    d1, d2, d3, d4 = (date(2025, 1, d) for d in (6, 7, 8, 9))
    latest_change = {d1: 7, d2: 7, d3: 9, d4: 9}
    seen_by_last_run = {
        d1: 7,  # its run read the manifest after change 7: done
        d2: 6,  # ran before change 7: again
        d3: 8,  # saw the first change but not the second: again
    }  # d4 never ran
    assert dates_to_run(latest_change, seen_by_last_run) == [d2, d3, d4]


def test_ranges_follow_the_trading_week():
    from backintime_assets.trading_week import TradingWeek

    # Sunday to Thursday: Thursday 6 March runs on to Sunday 9 March; a Friday or Saturday has no partition.
    days = [date(2025, 3, 5), date(2025, 3, 6), date(2025, 3, 7), date(2025, 3, 9), date(2025, 3, 11)]
    assert contiguous_ranges(days, TradingWeek.parse("sun-thu")) == [
        (date(2025, 3, 5), date(2025, 3, 9)), (date(2025, 3, 11), date(2025, 3, 11))]
    every_day = TradingWeek.parse("mon-sun")
    assert contiguous_ranges(days, every_day) == [
        (date(2025, 3, 5), date(2025, 3, 7)), (date(2025, 3, 9), date(2025, 3, 9)),
        (date(2025, 3, 11), date(2025, 3, 11))]


def test_a_new_trading_week_asks_for_a_migration_though_no_file_changed(tmp_path, monkeypatch):
    # raw.py reads every file again under a new week, but only when a migration runs: the sensor
    # must ask for one when the week changes, not wait for a file to arrive.
    from dagster import RunRequest, SkipReason, build_sensor_context

    from backintime_assets import sensors
    from backintime_assets.resources import SourceFolderResource
    from backintime_assets.trading_week import MON_FRI, TradingWeek

    (tmp_path / "2025-03-06.csv").write_text("date,ticker,close\n2025-03-06,A,1\n")
    folder = SourceFolderResource(path=str(tmp_path))

    def tick(cursor):
        context = build_sensor_context(cursor=cursor, resources={"source_folder": folder})
        return sensors.source_folder_sensor(context), context.cursor

    monkeypatch.setattr(sensors, "TRADING_WEEK", MON_FRI)
    first, cursor = tick(None)
    assert isinstance(first, RunRequest)
    assert isinstance(tick(cursor)[0], SkipReason)  # nothing changed
    monkeypatch.setattr(sensors, "TRADING_WEEK", TradingWeek.parse("sun-thu"))
    assert isinstance(tick(cursor)[0], RunRequest)
