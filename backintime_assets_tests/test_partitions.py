from datetime import date, timedelta

from backintime_assets.partitions import outside_partitions, rejections_date, trade_date_partitions, window_dates


def test_dates_before_the_first_partition_or_after_today_have_none():
    first = date.fromisoformat(trade_date_partitions.get_first_partition_key())
    today = date.today()
    dates = [first - timedelta(days=1), first, first + timedelta(days=7), today + timedelta(days=9)]
    assert outside_partitions(dates) == [dates[0], dates[3]]


def test_rejected_rows_are_filed_under_the_first_date_a_run_writes():
    first = date.fromisoformat(trade_date_partitions.get_first_partition_key())
    early, later = first - timedelta(days=400), first + timedelta(days=3)
    assert rejections_date([early, later, first + timedelta(days=9)]) == later
    assert rejections_date([early - timedelta(days=1), early]) == early - timedelta(days=1)  # no partition at all


def _keys(week: str) -> list[str]:
    from datetime import datetime

    from backintime_assets.partitions import trade_date_partitions_for
    from backintime_assets.settings import Settings

    settings = Settings.from_env({"BACKINTIME_START_DATE": "2025-03-03", "BACKINTIME_TRADING_WEEK": week})
    # end_offset=1: the partition of the day in progress exists; 14 March is a Friday.
    return trade_date_partitions_for(settings).get_partition_keys(current_time=datetime(2025, 3, 13, 12))


def test_the_partitions_hold_the_days_of_the_configured_week():
    assert _keys("mon-fri") == ["2025-03-03", "2025-03-04", "2025-03-05", "2025-03-06", "2025-03-07",
                                "2025-03-10", "2025-03-11", "2025-03-12", "2025-03-13"]
    assert _keys("mon-sun") == [f"2025-03-{d:02d}" for d in range(3, 14)]  # Saturdays and Sundays too
    assert _keys("sun-thu") == ["2025-03-03", "2025-03-04", "2025-03-05", "2025-03-06", "2025-03-09",
                                "2025-03-10", "2025-03-11", "2025-03-12", "2025-03-13"]  # Sunday, no Friday


def test_window_dates_follow_the_week():
    from backintime_assets.trading_week import TradingWeek

    sun_thu = TradingWeek.parse("sun-thu")
    assert window_dates(date(2025, 3, 6), date(2025, 3, 11), sun_thu) == [
        date(2025, 3, 6), date(2025, 3, 9), date(2025, 3, 10)]
    assert window_dates(date(2025, 3, 6), date(2025, 3, 11)) == [date(2025, 3, 6), date(2025, 3, 7), date(2025, 3, 10)]


def test_a_day_the_week_closes_has_no_partition():
    # A file read under an earlier week (mon-sun) held a Saturday; read again under Monday to
    # Friday its Saturday is logged as changed (raw.py), yet no run can write it: the sensor and
    # `backintime ingest` must count it as having no partition, not wait for it for ever.
    from backintime_assets.trading_week import TradingWeek

    first = date.fromisoformat(trade_date_partitions.get_first_partition_key())
    saturday = first + timedelta(days=(5 - first.weekday()) % 7 + 7)
    monday = saturday + timedelta(days=2)
    assert outside_partitions([saturday, monday]) == [saturday]  # the deployment's week: Monday to Friday
    assert outside_partitions([saturday, monday], TradingWeek.parse("mon-sun")) == []


def test_the_user_is_told_that_rows_on_closed_days_stay_loaded():
    from backintime_assets.partitions import closed_days_note
    from backintime_assets.trading_week import TradingWeek

    sun_thu = TradingWeek.parse("sun-thu")
    fridays = [date(2025, 3, 7), date(2025, 3, 14)]
    note = closed_days_note([date(2025, 3, 9), *fridays], sun_thu)
    assert note.startswith("2 date(s) (2025-03-07..2025-03-14) fall on days BACKINTIME_TRADING_WEEK=sun-thu closes")
    assert "stay in prices" in note
    assert closed_days_note([date(2025, 3, 9)], sun_thu) is None
