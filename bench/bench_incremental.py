"""One new day of prices versus recomputing the whole history, for the backtest assets.

Ten years of synthetic prices go straight into a local lake (pyarrow, no Spark); then, on embedded
Postgres and one Spark session started beforehand:
- full: latest_close over every date, backtest_entries over every month, backtest_trades;
- one day: the day after the history lands, then latest_close for it, backtest_entries for its
  month and backtest_trades — what a daily run does. That day is the first of its month, so the
  month's entries are computed then: the dearest day of the month.
Each asset is one Dagster run on one shared instance; the stages are shown, and the Spark
session start separately (it is in neither total).
Target: the one-day update costs at most 1/20 of the full recompute.
"""
from __future__ import annotations

import shutil
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq


def _business_days(start: date, end: date) -> list[date]:
    days, day = [], start
    while day <= end:
        if day.weekday() < 5:
            days.append(day)
        day += timedelta(days=1)
    return days


def _write_day(location, day: date, tickers: list[str], closes: np.ndarray) -> None:
    from backintime_assets.lake.schemas import PRICES
    from backintime_assets.lake.tables import date_dir

    n = len(tickers)
    table = pa.table({
        "ticker": tickers, "sector": ["FINANCE"] * n, "open": closes, "high": closes * 1.01, "low": closes * 0.99,
        "close": closes, "adj_close": closes, "volume": np.full(n, 1000.0),
        "source_file": ["bench.csv"] * n, "source_line": np.arange(n, dtype=np.int64),
    }, schema=PRICES)
    directory = date_dir(location, "prices", day.isoformat())
    Path(directory).mkdir(parents=True, exist_ok=True)
    pq.write_table(table, f"{directory}/part-bench.parquet", compression="zstd")


def run(quick: bool) -> list[dict]:
    from dagster import DagsterInstance, materialize

    from backintime_assets.assets.backtests import MARKED_TRADES
    from backintime_assets.definitions import ASSETS, build_resources
    from backintime_assets.runner import range_tags
    from backintime_assets.services.postgres import EmbeddedPostgres
    from backintime_assets.settings import Settings

    n_tickers = 100 if quick else 1000
    first, last = date(2015, 1, 1), date(2024, 12, 31)
    days = _business_days(first, last)
    new_day = date(2025, 1, 2)
    rng = np.random.default_rng(3)
    tickers = [f"T{i:05d}" for i in range(n_tickers)]
    home = Path(tempfile.mkdtemp(prefix="backintime-bench-"))
    server = EmbeddedPostgres(home / "postgres")
    try:
        settings = Settings.from_env({"BACKINTIME_HOME": str(home), "BACKINTIME_POSTGRES_URL": server.start()})
        resources = build_resources(settings)
        location = resources["lake"].location()
        log_price = np.log(rng.uniform(5, 100, n_tickers))
        for day in days + [new_day]:
            log_price += rng.normal(0, 0.02, n_tickers)
            if day != new_day:
                _write_day(location, day, tickers, np.exp(log_price))
        started = time.perf_counter()
        resources["spark"].get_session()
        session_start = time.perf_counter() - started

        # One instance for every run, as a deployment has: a fresh ephemeral one per run would add
        # ~0.3 s of storage set-up to each.
        instance = DagsterInstance.ephemeral()

        def timed(selection, tags) -> float:
            started = time.perf_counter()
            result = materialize(ASSETS, resources=resources, selection=selection, tags=tags, instance=instance)
            assert result.success, selection
            return time.perf_counter() - started

        full = {
            "latest_close": timed(["latest_close"], range_tags(days[0], days[-1])),
            "backtest_entries": timed(["backtest_entries"], range_tags(first.replace(day=1), last.replace(day=1))),
            "backtest_trades": timed(MARKED_TRADES, {}),
        }
        _write_day(location, new_day, tickers, np.exp(log_price))
        one_day = {
            "latest_close": timed(["latest_close"], range_tags(new_day, new_day)),
            "backtest_entries": timed(["backtest_entries"], range_tags(new_day.replace(day=1), new_day.replace(day=1))),
            "backtest_trades": timed(MARKED_TRADES, {}),
        }
    finally:
        from pyspark.sql import SparkSession

        if SparkSession.getActiveSession() is not None:
            SparkSession.getActiveSession().stop()  # before its event log folder goes
        server.stop()
        shutil.rmtree(home, ignore_errors=True)
    rows = len(days) * n_tickers
    full_s, one_day_s = sum(full.values()), sum(one_day.values())
    return [
        *({"stage": f"full: {name}", "seconds": seconds} for name, seconds in full.items()),
        *({"stage": f"one day: {name}", "seconds": seconds} for name, seconds in one_day.items()),
        {"stage": "Spark session start (in neither)", "seconds": session_start},
        {"stage": "full recompute, 10 years", "price_rows": rows, "seconds": full_s, "ratio_vs_full": 1.0},
        {"stage": "one-day update", "price_rows": n_tickers, "seconds": one_day_s, "ratio_vs_full": one_day_s / full_s,
         "target": "<= 0.05"},
    ]


if __name__ == "__main__":
    import sys

    from bench.__main__ import format_table

    print(format_table(run(quick="--quick" in sys.argv)))
