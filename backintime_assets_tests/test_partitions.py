from datetime import date, timedelta

from backintime_assets.partitions import outside_partitions, rejections_date, trade_date_partitions


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
