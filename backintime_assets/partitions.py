"""Trade-date partitions shared by assets, checks, sensors and jobs.

Partitions are business days (Mon-Fri) from BACKINTIME_START_DATE. The start date is read when the
code location loads because Dagster needs it to build the partition set, not at run time.
"""
from __future__ import annotations

from datetime import date, timedelta

from dagster import MonthlyPartitionsDefinition, TimeWindowPartitionsDefinition

from backintime_assets.settings import Settings

DATE_FORMAT = "%Y-%m-%d"

trade_date_partitions = TimeWindowPartitionsDefinition(
    start=Settings.from_env().start_date.strftime(DATE_FORMAT),
    cron_schedule="0 0 * * 1-5",
    fmt=DATE_FORMAT,
    # The day's files arrive during the day: today's partition exists before midnight passes.
    end_offset=1,
)

# Backtest entries are computed per calendar month, once the month and its look-back are in.
trade_month_partitions = MonthlyPartitionsDefinition(
    start_date=Settings.from_env().start_date.replace(day=1).strftime(DATE_FORMAT), fmt=DATE_FORMAT, end_offset=1,
)


def window_dates(start: date, end_exclusive: date) -> list[date]:
    """Business days in [start, end_exclusive): the dates a partition window covers."""
    days, day = [], start
    while day < end_exclusive:
        if day.weekday() < 5:
            days.append(day)
        day += timedelta(days=1)
    return days


def run_dates(context) -> list[date]:
    """The trade dates of an asset run, whether it covers one partition or a backfilled range."""
    window = context.partition_time_window
    return window_dates(window.start.date(), window.end.date())


def run_months(context) -> list[date]:
    """First days of the calendar months a monthly-partitioned run covers."""
    window = context.partition_time_window
    months, day = [], window.start.date().replace(day=1)
    while day < window.end.date():
        months.append(day)
        day = (day.replace(day=28) + timedelta(days=4)).replace(day=1)
    return months


def rejections_date(dates: list[date]) -> date:
    """Where a file's rejected rows are filed (they have no trustworthy date of their own): the
    first date it holds that has a partition, so that some run writes them; its first date if
    none has (then no run reads the file at all)."""
    first = date.fromisoformat(trade_date_partitions.get_first_partition_key())
    return min((d for d in dates if d >= first), default=min(dates))


def outside_partitions(dates: list[date]) -> list[date]:
    """Those of `dates` no trade-date partition holds yet: before BACKINTIME_START_DATE, or after
    today's partition. No run can load their rows, so callers say so rather than ask for them."""
    first = date.fromisoformat(trade_date_partitions.get_first_partition_key())
    last = date.fromisoformat(trade_date_partitions.get_last_partition_key())
    return [d for d in dates if d < first or d > last]

