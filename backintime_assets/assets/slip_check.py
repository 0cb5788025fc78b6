"""`prices_have_no_unit_slips`: a warning, per date, on closes a power of ten off their ticker's
closes on the dates around them (ingestion/slips_across_dates.py), across daily files.

Not blocking, severity WARN: a suspect may be a real market (nothing in the lake can prove a slip),
and rejecting on it would make a date's rows depend on other dates' files. It reads only the run's
stored rows (already read for the other checks) and four columns of the nearest stored dates on
each side (WINDOW_DATES), so a daily run costs a few small Parquet reads, after one listing of the
table's date folders to find those neighbours (on S3 a paginated listing of every stored date).
"""
from __future__ import annotations

import datetime as dt
import time

import pyarrow as pa
from dagster import (
    AssetCheckResult, AssetCheckSeverity, AssetCheckSpec, AssetExecutionContext, MetadataValue,
)

from backintime_assets.assets.check_evaluations import days_metadata
from backintime_assets.ingestion.slips_across_dates import WINDOW_DATES, find_slips, rows_per_day, slips_by_day
from backintime_assets.lake import LakeLocation
from backintime_assets.lake.tables import list_dates, read_arrow
from backintime_assets.partitions import trade_date_partitions

NAME = "prices_have_no_unit_slips"
COLUMNS = pa.schema([("ticker", pa.string()), ("close", pa.float64()), ("source_file", pa.string()),
                     ("source_line", pa.int64())])
SUSPECTS_SHOWN = 50

SPEC = AssetCheckSpec(
    NAME, asset="prices", blocking=False, partitions_def=trade_date_partitions,
    description="No close about 10x, 100x or 1000x its ticker's closes on the dates before and after it, "
                "which agree (a day in pence among days in pounds). A warning: a person looks.",
)


def window_rows(location: LakeLocation, dates: list[dt.date], stored_prices: pa.Table) -> pa.Table:
    """The run's stored rows and those of the nearest WINDOW_DATES stored dates on each side."""
    run = {d.isoformat() for d in dates}
    stored = [d for d in list_dates(location, "prices") if d not in run]
    first, last = min(run), max(run)
    around = [d for d in stored if d < first][-WINDOW_DATES:] + [d for d in stored if d > last][:WINDOW_DATES]
    own = stored_prices.select(["date", *COLUMNS.names])
    if not around:
        return own
    return pa.concat_tables([own, read_arrow(location, "prices", COLUMNS, around).select(own.column_names)])


def unit_slip_proof(context: AssetExecutionContext, location: LakeLocation, dates: list[dt.date],
                    stored_prices: pa.Table) -> tuple[list[dict], AssetCheckResult] | None:
    """The check's proof per date (for a range run's evaluations: check_evaluations.py) and its result
    for the run; None for a run of no dates."""
    if not dates:
        return None
    started = time.perf_counter()
    rows = window_rows(location, dates, stored_prices)
    suspects = find_slips(rows, dates)
    days = slips_by_day(suspects, dates, rows_per_day(stored_prices))
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
