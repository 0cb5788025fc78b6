"""End-to-end demo timing per stage (simulate, raw, schemas, prices, backtest stages), in price rows per second.

Runs the real assets on embedded Postgres, a local lake and Spark local[*]; the Spark session is
started before the first stage so its start-up is reported on its own row.
"""
from __future__ import annotations

import tempfile
import time
from datetime import date
from pathlib import Path

from dagster import materialize


def run(quick: bool) -> list[dict]:
    from backintime_assets.assets.backtests import MARKED_TRADES
    from backintime_assets.definitions import ASSETS, build_resources
    from backintime_assets.lake.schemas import PRICES
    from backintime_assets.lake.tables import read_arrow
    from backintime_assets.runner import range_tags
    from backintime_assets.services.postgres import EmbeddedPostgres
    from backintime_assets.settings import Settings

    first, last = date(2025, 1, 1), (date(2025, 1, 31) if quick else date(2025, 12, 31))
    n_tickers = 50
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp)
        server = EmbeddedPostgres(home / "postgres")
        settings = Settings.from_env({"BACKINTIME_HOME": str(home), "BACKINTIME_POSTGRES_URL": server.start()})
        resources = build_resources(settings)
        rows = []
        started = time.perf_counter()
        resources["spark"].get_session()
        rows.append({"stage": "spark session start", "seconds": time.perf_counter() - started})
        config = {"ops": {"simulated_price_files": {"config": {"n_tickers": n_tickers}}}}
        stages = [
            ("simulate", ["simulated_price_files"], config),
            ("raw", ["raw_price_files"], None),
            ("schemas", ["file_schemas"], None),
            ("prices", ["prices", "rejected_rows"], None),
        ]
        try:
            for name, selection, run_config in stages:
                started = time.perf_counter()
                result = materialize(ASSETS, resources=resources, selection=selection, tags=range_tags(first, last),
                                     run_config=run_config)
                assert result.success, name
                rows.append({"stage": name, "seconds": time.perf_counter() - started})
            price_rows = read_arrow(resources["lake"].location(), "prices", PRICES).num_rows
            later = [
                ("latest close", ["latest_close"], range_tags(first, last)),
                ("backtest entries", ["backtest_entries"], range_tags(first.replace(day=1), last.replace(day=1))),
                ("mark trades", MARKED_TRADES, {}),
            ]
            for name, selection, tags in later:
                started = time.perf_counter()
                assert materialize(ASSETS, resources=resources, selection=selection, tags=tags).success, name
                rows.append({"stage": name, "seconds": time.perf_counter() - started})
        finally:
            server.stop()
    for row in rows[1:]:
        row["rows"] = price_rows
        row["rows_per_s"] = price_rows / row["seconds"]
    return rows


if __name__ == "__main__":
    from bench.__main__ import format_table

    print(format_table(run(quick=True)))
