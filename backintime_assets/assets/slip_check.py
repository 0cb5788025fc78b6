"""`prices_have_no_unit_slips`: a warning, per date, on closes a power of ten off their ticker's
closes on the dates around them (ingestion/slips_across_dates.py), across daily files.

Not blocking, severity WARN: a suspect may be a real market (nothing in the lake can prove a slip),
and rejecting on it would make a date's rows depend on other dates' files. It reads only the run's
stored rows (already read for the other checks) and four columns of the nearest stored dates on
each side (WINDOW_DATES), so a daily run costs a few small Parquet reads, after a listing of the
SEARCH_DAYS calendar days on each side of the run to find those neighbours (not of every stored
date: a daily run's cost does not grow with the years the lake keeps).
"""
from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable

import pyarrow as pa
from dagster import (
    AssetCheckResult, AssetCheckSeverity, AssetCheckSpec, AssetExecutionContext, MetadataValue,
)

from backintime_assets.assets.check_evaluations import days_metadata
from backintime_assets.ingestion.accounting import StoredRows
from backintime_assets.ingestion.slips_across_dates import WINDOW_DATES, find_slips, slips_by_day
from backintime_assets.lake import LakeLocation
from backintime_assets.lake.tables import files_between, read_files, table_files
from backintime_assets.partitions import trade_date_partitions

NAME = "prices_have_no_unit_slips"
COLUMNS = pa.schema([("ticker", pa.string()), ("close", pa.float64()), ("source_file", pa.string()),
                     ("source_line", pa.int64())])
SUSPECTS_SHOWN = 50
# Calendar days listed on each side of a run for its WINDOW_DATES nearest stored dates: 25 dates of a
# five-day week span 35 days, the rest is room for holidays and a week the office missed. A side
# that holds fewer (the lake's first dates, a long gap) is found by listing every stored date: the
# same neighbours either way. A neighbour is a date holding a file (an emptied date's folder is none).
SEARCH_DAYS = 3 * WINDOW_DATES

SPEC = AssetCheckSpec(
    NAME, asset="prices", blocking=False, partitions_def=trade_date_partitions,
    description="No close about 10x, 100x or 1000x its ticker's closes on the dates before and after it, "
                "which agree (a day in pence among days in pounds). A warning: a person looks.",
)


def window_rows(location: LakeLocation, dates: list[dt.date], stored_prices: pa.Table,
                latest: dt.date | None = None) -> pa.Table:
    """The run's stored rows and those of the nearest WINDOW_DATES stored dates on each side.
    `latest`: the last date the lake can hold (today's partition: a run writes its partitions' dates
    only), where the search after the run stops; None: no such bound."""
    first, last = min(dates), max(dates)
    search = dt.timedelta(days=SEARCH_DAYS)
    after_end = last + search if latest is None else max(last, min(last + search, latest))
    # One listing over both sides (on S3 one request a daily run): a range run's own dates in it are
    # listed too, as reading them listed them already.
    span = files_between(location, "prices", (first - search).isoformat(), after_end.isoformat())
    before = [(d, path) for d, path in span if d < first.isoformat()]
    after = [(d, path) for d, path in span if d > last.isoformat()]
    before_dates, after_dates = _dates_of(before), _dates_of(after)
    short_before = len(before_dates) < WINDOW_DATES
    short_after = len(after_dates) < WINDOW_DATES and (latest is None or after_end < latest)
    if short_before or short_after:  # nearer dates than SEARCH_DAYS do not make a side: list every one
        return _window_rows_of_every_date(location, dates, stored_prices)
    around = set(before_dates[-WINDOW_DATES:] + after_dates[:WINDOW_DATES])
    return _with_neighbours(stored_prices, lambda: read_files(
        location, [(d, path) for d, path in before + after if d in around], COLUMNS))


def _dates_of(files: list[tuple[str, str]]) -> list[str]:
    return sorted({d for d, _ in files})


def _window_rows_of_every_date(location: LakeLocation, dates: list[dt.date], stored_prices: pa.Table) -> pa.Table:
    run = {d.isoformat() for d in dates}
    files = [(d, path) for d, path in table_files(location, "prices") if d not in run]
    stored, first, last = _dates_of(files), min(run), max(run)
    around = set([d for d in stored if d < first][-WINDOW_DATES:] + [d for d in stored if d > last][:WINDOW_DATES])
    return _with_neighbours(stored_prices, lambda: read_files(
        location, [(d, path) for d, path in files if d in around], COLUMNS))


def _with_neighbours(stored_prices: pa.Table, read: Callable[[], pa.Table]) -> pa.Table:
    own = stored_prices.select(["date", *COLUMNS.names])
    neighbours = read()
    if not neighbours.num_rows:
        return own
    return pa.concat_tables([own, neighbours.select(own.column_names)])


def unit_slip_proof(context: AssetExecutionContext, location: LakeLocation, dates: list[dt.date],
                    stored: StoredRows) -> tuple[list[dict], AssetCheckResult] | None:
    """The check's proof per date (for a range run's evaluations: check_evaluations.py) and its result
    for the run; None for a run of no dates."""
    if not dates:
        return None
    started = time.perf_counter()
    last_key = trade_date_partitions.get_last_partition_key()
    latest = dt.date.fromisoformat(last_key) if last_key else None
    rows = window_rows(location, dates, stored.prices, latest)
    suspects = find_slips(rows, dates)
    days = slips_by_day(suspects, dates, {d.isoformat(): n for d, n in stored.prices_per_date.items()})
    seconds = round(time.perf_counter() - started, 3)
    confirmed = [s for s in suspects if s.confirmed]
    for s in confirmed[:20]:
        context.log.warning(f"{NAME}: {s.problem()}")
    return days, AssetCheckResult(
        check_name=NAME, asset_key="prices", passed=not confirmed, severity=AssetCheckSeverity.WARN,
        metadata={
            "suspects": MetadataValue.json([s.as_dict() for s in confirmed[:SUSPECTS_SHOWN]]),
            "suspect_count": len(confirmed),
            "unconfirmed": MetadataValue.json([s.problem() for s in suspects if not s.confirmed][:SUSPECTS_SHOWN]),
            "problems": MetadataValue.json([s.problem() for s in confirmed[:SUSPECTS_SHOWN]]),
            **days_metadata(days), "rows_read": rows.num_rows, "seconds": seconds,
        },
    )
