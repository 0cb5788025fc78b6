"""Proof that every input row ended in exactly one place, and sanity rules for the loaded prices."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import pyarrow as pa
import pyarrow.compute as pc


PRICE_COLUMNS = ("open", "high", "low", "close", "adj_close")


@dataclass(frozen=True)
class Finding:
    passed: bool
    problems: list[str]


def rows_accounted_for(files: list[dict], lake_prices: pa.Table, lake_rejected: pa.Table,
                       expected_files: list[str]) -> Finding:
    """Per file: read == loaded + rejected, and the lake holds exactly the rows this run put there.

    `expected_files` are the files the manifest holds for the run's dates: each must have been parsed.
    """
    in_lake_prices = Counter(lake_prices.column("source_file").to_pylist())
    in_lake_rejected = Counter(lake_rejected.column("source_file").to_pylist())
    parsed = {f["source_file"] for f in files}
    unparsed = sorted(set(expected_files) - parsed)
    problems = [f"{name}: in the manifest for these dates but never parsed" for name in unparsed]
    for f in sorted(files, key=lambda f: f["source_file"]):
        name = f["source_file"]
        if f["rows_read"] is None:
            problems.append(f"{name}: never parsed")
            continue
        if f["rows_read"] != f["loaded"] + f["rejected"]:
            problems.append(f"{name}: read {f['rows_read']} but loaded {f['loaded']} + rejected {f['rejected']}")
        if in_lake_prices[name] != f["loaded_in_run"]:
            problems.append(f"{name}: {in_lake_prices[name]} rows in prices, expected {f['loaded_in_run']}")
        if in_lake_rejected[name] != f["rejected_in_run"]:
            problems.append(f"{name}: {in_lake_rejected[name]} rows in rejected_rows, expected {f['rejected_in_run']}")
    expected_files = {f["source_file"] for f in files}
    for name in sorted((set(in_lake_prices) | set(in_lake_rejected)) - expected_files):
        problems.append(f"{name}: rows in the lake for these dates from a file this run did not read")
    return Finding(not problems, problems)


def one_row_per_ticker_and_date(prices: pa.Table) -> Finding:
    keys = Counter(zip(prices.column("date").to_pylist(), prices.column("ticker").to_pylist()))
    repeated = [f"{d} {t} x{n}" for (d, t), n in keys.items() if n > 1]
    return Finding(not repeated, repeated[:20])


def prices_are_sane(prices: pa.Table) -> Finding:
    """Positive prices, high the highest and low the lowest of the day, non-negative volume (or none)."""
    problems = []
    column = prices.column
    rules = {
        "non-positive price": pc.less_equal(pc.min_element_wise(*(column(c) for c in PRICE_COLUMNS)), 0),
        "high below open/close/low": pc.less(
            column("high"), pc.max_element_wise(column("open"), column("close"), column("low"))),
        "low above open/close": pc.greater(column("low"), pc.min_element_wise(column("open"), column("close"))),
        # A NULL volume is one the file does not give (a close-only source), not a bad row; a NULL
        # price is (filled below as failing).
        "negative volume": pc.fill_null(pc.less(column("volume"), 0), False),
    }
    for name, mask in rules.items():
        bad = pc.sum(pc.cast(pc.fill_null(mask, True), pa.int64())).as_py() or 0
        if bad:
            problems.append(f"{bad} rows with {name}")
    return Finding(not problems, problems)
