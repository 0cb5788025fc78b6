"""Loading trade entries into Postgres: `replace_entries` against a raw COPY of the same rows from a
ready-made CSV buffer into an unlogged copy of the table (the practical limit), plus psycopg's
binary `write_row` per Python tuple for comparison. Target: replace_entries >= 0.7x raw COPY.

Rows come in random order, as from Spark; replace_entries sorts them into index order, so the
raw COPY of the pre-sorted rows is shown as well.

`python -m bench bench_results_load [--quick]`, or `python bench/bench_results_load.py [--quick]`.
"""
from __future__ import annotations

import datetime as dt
import json
import shutil
import sys
import tempfile
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from bench.cpu import timed

PARAMS = {"amount": 100.0, "max_price": 1000.0, "min_price": 0.1, "window": 7}
# What replace_entries writes, exits (null for this strategy) included.
COPY_COLUMNS = ("strategy, month, ticker, sector, purchase_date, purchase_price, purchase_vol, exit_date, exit_price,"
                " params")


def make_entries(n: int, seed: int = 0) -> tuple[pa.Table, list[dt.date]]:
    """n entries over 30 years of months and 5,000 tickers, in random order like a Spark result."""
    rng = np.random.default_rng(seed)
    months = [dt.date(1995 + i // 12, i % 12 + 1, 1) for i in range(360)]
    first_days = np.array(months, dtype="datetime64[D]")
    days = first_days[rng.integers(0, len(months), n)] + rng.integers(0, 28, n)
    price = np.round(rng.uniform(1, 500, n), 2)
    sectors = np.array(["ENERGY", "TECH", "HEALTH", "UTILITIES", "FINANCIALS"])
    table = pa.table({
        "ticker": pa.array(np.char.add("T", rng.integers(0, 5000, n).astype(str))),
        "sector": pa.array(sectors[rng.integers(0, len(sectors), n)]),
        "purchase_date": pa.array(days).cast(pa.date32()),
        "purchase_price": price,
        "purchase_vol": 100.0 / price,
    })
    return table, months


def run(quick: bool) -> list[dict]:
    import psycopg
    from psycopg.types.json import Jsonb

    from backintime_assets.db import results
    from backintime_assets.services.postgres import EmbeddedPostgres

    n = 200_000 if quick else 2_000_000
    repeat = 3 if quick else 2
    entries, months = make_entries(n)
    root = Path(tempfile.mkdtemp(prefix="bench-results-pg-"))
    server = EmbeddedPostgres(root)
    try:
        with psycopg.connect(server.start(), autocommit=True) as conn:
            results.ensure_results_schema(conn)
            conn.execute("create unlogged table raw_entries (like backtest_entries including all)")
            # The baseline's CSV is made before the clock starts: it measures the server alone.
            month_col = pc.floor_temporal(entries["purchase_date"], unit="month")
            ready = results._with_exit_columns(entries).add_column(0, "month", month_col)
            ready = ready.add_column(0, "strategy", pa.array(["s"] * n))
            ready = ready.append_column("params", pa.array([json.dumps(PARAMS, sort_keys=True)] * n))
            csv_buffer = results._csv(ready).to_pybytes()
            # replace_entries sorts rows into index order first; this is the limit for that order.
            sorted_buffer = results._csv(results._in_index_order(ready)).to_pybytes()

            def fresh(table: str) -> None:
                conn.execute(f"truncate {table}")
                conn.execute("checkpoint")

            def raw_copy(buffer: bytes) -> None:
                statement = f"copy raw_entries ({COPY_COLUMNS}) from stdin (format csv)"
                with conn.transaction(), conn.cursor().copy(statement) as copy:
                    copy.write(buffer)

            def binary_rows() -> None:
                # The per-object path: every value becomes a Python object and passes write_row.
                params = Jsonb(PARAMS)
                columns = [ready[c].to_pylist() for c in ready.column_names[:-1]]
                with conn.transaction():
                    conn.execute("delete from backtest_entries where strategy = 's' and month = any(%s)", (months,))
                    statement = f"copy backtest_entries ({COPY_COLUMNS}) from stdin (format binary)"
                    with conn.cursor().copy(statement) as copy:
                        copy.set_types(["text", "date", "text", "text", "date", "float8", "float8", "date", "float8",
                                        "jsonb"])
                        for row in zip(*columns):
                            copy.write_row((*row, params))

            def replace() -> None:
                results.replace_entries(conn, "s", months, entries, PARAMS)

            def format_only() -> None:
                table = results._conform(results._with_exit_columns(entries), results.ENTRY_TYPES)
                table = table.add_column(0, "month", month_col)
                table = results._in_index_order(table)
                for _ in results._csv_chunks(table, "s", json.dumps(PARAMS)):
                    pass

            best: dict[str, float] = {}
            # Interleaved and best-of-`repeat`, so a burst of load on the machine hits every path alike.
            for _ in range(repeat):
                timings = {}
                fresh("backtest_entries")
                timings["replace_entries, empty table"] = timed(replace)[0]
                conn.execute("vacuum backtest_entries")
                conn.execute("checkpoint")
                timings["replace_entries, replacing the same rows"] = timed(replace)[0]
                fresh("raw_entries")
                timings["raw COPY of ready CSV into unlogged table"] = timed(lambda: raw_copy(csv_buffer))[0]
                fresh("raw_entries")
                timings["raw COPY, same CSV pre-sorted in index order"] = timed(lambda: raw_copy(sorted_buffer))[0]
                fresh("backtest_entries")
                timings["psycopg binary write_row per tuple"] = timed(binary_rows)[0]
                timings["client side only: sort + CSV formatting"] = timed(format_only)[0]
                for name, seconds in timings.items():
                    best[name] = min(best.get(name, float("inf")), seconds)
            assert conn.execute("select count(*) from backtest_entries").fetchone()[0] == n
    finally:
        server.stop()
        shutil.rmtree(root, ignore_errors=True)

    raw = n / best["raw COPY of ready CSV into unlogged table"]
    return [
        {"path": name, "rows": n, "seconds": round(seconds, 2), "rows_per_s": n / seconds,
         "ratio_to_raw_copy": round((n / seconds) / raw, 2)}
        for name, seconds in best.items()
    ]


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from bench.__main__ import format_table

    print(format_table(run("--quick" in sys.argv)))
