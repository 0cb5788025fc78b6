"""Trade-date partitions shared by assets, checks, sensors and jobs.

Partitions are the trading week's days (BACKINTIME_TRADING_WEEK, Monday to Friday unless set) from
BACKINTIME_START_DATE. Both are read when the code location loads because Dagster needs them to
build the partition set, not at run time.
"""
from __future__ import annotations

from datetime import date, timedelta

from dagster import MonthlyPartitionsDefinition, TimeWindowPartitionsDefinition

from backintime_assets.settings import Settings
from backintime_assets.trading_week import TradingWeek

DATE_FORMAT = "%Y-%m-%d"


def trade_date_partitions_for(settings: Settings) -> TimeWindowPartitionsDefinition:
    """A partition per trading day of `settings`' week from its start date."""
    return TimeWindowPartitionsDefinition(
        start=settings.start_date.strftime(DATE_FORMAT),
        cron_schedule=f"0 0 * * {settings.trading_week.cron_days}",
        fmt=DATE_FORMAT,
        # The day's files arrive during the day: today's partition exists before midnight passes.
        end_offset=1,
    )


_DEPLOYMENT = Settings.from_env()
# The deployment's week: what the partitions hold, and what the code that dates and plans runs by.
TRADING_WEEK = _DEPLOYMENT.trading_week
trade_date_partitions = trade_date_partitions_for(_DEPLOYMENT)

# Backtest entries are computed per calendar month, once the month and its look-back are in.
trade_month_partitions = MonthlyPartitionsDefinition(
    start_date=Settings.from_env().start_date.replace(day=1).strftime(DATE_FORMAT), fmt=DATE_FORMAT, end_offset=1,
)


def window_dates(start: date, end_exclusive: date, week: TradingWeek | None = None) -> list[date]:
    """Trading days (of `week`, default the deployment's) in [start, end_exclusive): the dates a
    partition window covers."""
    week = week or TRADING_WEEK
    days, day = [], start
    while day < end_exclusive:
        if week.is_trading_day(day):
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
    none has (then no run reads the file at all). The manifest's dates are days of the trading
    week: a file's loaded dates, or its home date (raw.py reads the files again when the week changes)."""
    first = date.fromisoformat(trade_date_partitions.get_first_partition_key())
    return min((d for d in dates if d >= first), default=min(dates))


def outside_partitions(dates: list[date], week: TradingWeek | None = None) -> list[date]:
    """Those of `dates` no trade-date partition holds: before BACKINTIME_START_DATE, after today's
    partition, or on a day the trading week (`week`, default the deployment's) closes, as the dates
    a file held under an earlier week do (raw.py logs them). No run can write their rows, so callers
    say so rather than ask for them, or wait for them for ever."""
    week = week or TRADING_WEEK
    first = date.fromisoformat(trade_date_partitions.get_first_partition_key())
    last = date.fromisoformat(trade_date_partitions.get_last_partition_key())
    return [d for d in dates if d < first or d > last or not week.is_trading_day(d)]


def beyond_partitions(dates: list[date], week: TradingWeek | None = None) -> list[date]:
    """Those of `dates` on days of the trading week that no partition holds yet, sorted, once each:
    before BACKINTIME_START_DATE or after today's partition (outside_partitions but the closed days,
    which closed_days_note tells of)."""
    week = week or TRADING_WEEK
    return sorted({d for d in outside_partitions(dates, week) if week.is_trading_day(d)})


def closed_days_note(dates: list[date], week: TradingWeek | None = None) -> str | None:
    """What to tell of those of `dates` on days the week closes (None: none is): no run rewrites
    them, so rows loaded there under an earlier week stay in the lake, though their files now
    reject them (filed under another of their dates)."""
    week = week or TRADING_WEEK
    closed = sorted(d for d in dates if not week.is_trading_day(d))
    if not closed:
        return None
    return (f"{len(closed)} date(s) ({closed[0]}..{closed[-1]}) fall on days BACKINTIME_TRADING_WEEK={week.spec} "
            "closes: no partition holds them, so no run rewrites them. Rows loaded there under an earlier week "
            "stay in prices (and its rejected rows in rejected_rows) while their files now reject those rows "
            "under another date: remove those date=... partitions of the lake's prices and rejected_rows by hand")

