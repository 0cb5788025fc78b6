"""Three costs on the conversion's path that grow with rows, each as a ratio to a baseline timed in the
same run on the same input (CPU seconds of this process, best of N, runs interleaved):
- the blocking check's proof that every row is accounted for (ingestion/accounting.py), against the
  Arrow group_by of the lake's prices by (date, file) that the proof cannot do without; inputs: daily
  files (one date each) and history files (each spanning every date of the run);
- the day-snapshot rule (normalisation/day_snapshot.py), against one np.sort of the rows' days: plain
  dates (no row can be a snapshot), and files stamped at midnight and at the close;
- the cut-last-line rules of a file ending without a line break (normalisation/cut_end.py), as a share
  of that file's whole normalisation.
`python -m bench.bench_hot_paths [--quick]`.

Last run (2026-12-07, 2-core machine shared with other work), the code before and after session 58's
changes timed in one process on the same inputs (CPU, best of 3-15):
accounting, 3,000 history files x 250 days, 1M rows: 3.38 -> 0.36 s (23x -> 2.5x its group_by);
1,000 daily files, 1M rows: 0.025 -> 0.026 s; 20 histories x 250 days, 300k rows: 0.026 -> 0.010 s.
day_snapshot, plain dates: 300k rows of one ticker 16.0 -> 2.0 ms, 1M rows of 500 tickers 49 -> 8.8 ms;
1,000 rows 0.8 -> 1.0 ms (the clock's one call: no saving on a daily file); every row at 16:00, where
the sort still runs after the count, 4.6 -> 6.2 ms.
cut_last_rows: 1,000-row daily file, close last 5.6 -> 2.1 ms (68% -> 26% of the file's 8 ms before);
100k rows of 20 tickers 49 -> 7 ms; 300k rows of 300 tickers, close last 98 -> 53 ms, volume last
42 -> 13 ms; 5,000 rows of one ticker, volume last, 2.2 -> 2.35 ms (none).
Outcomes equal old and new throughout (proofs, rejections, loaded rows)."""
from __future__ import annotations

import datetime as dt
import sys
import time

import numpy as np
import pyarrow as pa

from backintime_assets.detection import detect_bytes
from backintime_assets.ingestion.accounting import StoredRows, prove_rows_accounted_for
from backintime_assets.normalisation import normalise_bytes
from backintime_assets.normalisation import normalise as normalise_module
from backintime_assets.normalisation.day_snapshot import check_day_snapshot
from backintime_assets.normalisation.rules import Reasons
from bench.cpu import interleaved


def run_of_files(files: int, days: int, rows: int) -> tuple:
    """prove_rows_accounted_for's inputs: `files` each spanning `days` (1: daily files), `rows` in prices,
    1 in 100 of them rejected, every file balanced."""
    run = [dt.date(2024, 1, 1) + dt.timedelta(days=k) for k in range(days)]
    names = np.array([f"f{i:05d}.csv" for i in range(files)], dtype=object)
    i = np.arange(rows)
    file, day = i % files, (i // files) % days
    dates = pa.array(np.datetime64("2024-01-01") + day.astype("timedelta64[D]")).cast(pa.date32())
    prices = pa.table({"date": dates, "source_file": pa.array(names[file])})
    rejected = prices.slice(0, rows // 100)
    loaded, lost = np.bincount(file, minlength=files), np.bincount(file[:rows // 100], minlength=files)
    accounting = [{"source_file": n, "rows_read": int(a + b), "loaded": int(a), "rejected": int(b),
                   "loaded_in_run": int(a), "rejected_in_run": int(b), "file_problem": None}
                  for n, a, b in zip(names, loaded, lost)]
    per_file = {n: run[:1] if days == 1 else list(run) for n in names}
    return accounting, prices, rejected, list(names), per_file, run


def history_csv(rows: int, tickers: int, last: str = "Close") -> bytes:
    """A price history by date (a ticker column where several), ending without a line break; `last`:
    the column written last."""
    rng = np.random.default_rng(0)
    days = np.busday_offset("1995-01-02", np.arange(rows // tickers + 1), roll="forward")
    named = tickers > 1
    other = "Volume" if last == "Close" else "Close"
    out = [f"Date,{'Ticker,' if named else ''}Open,High,Low,{other},{last}"]
    for k in range(rows):
        close, volume = 100 + rng.random() * 10, 48000 + int(rng.integers(0, 3000))
        values = {"Close": f"{close + 0.5:.2f}", "Volume": str(volume)}
        out.append(f"{days[k // tickers]},{f'T{k % tickers:03d},' if named else ''}{close:.2f},{close + 1:.2f},"
                   f"{close - 1:.2f},{values[other]},{values[last]}")
    return "\n".join(out).encode()


def _accounting(quick: bool) -> list[dict]:
    shapes = [(300, 50, 100_000), (100, 1, 100_000)] if quick else [
        (3000, 250, 1_000_000), (1000, 1, 1_000_000), (20, 250, 300_000)]
    results = []
    for files, days, rows in shapes:
        accounting, prices, rejected, names, per_file, run = run_of_files(files, days, rows)
        # StoredRows made afresh each time: it keeps its groups, and the proof's cost is mostly their making.
        times = interleaved({
            "proof": lambda: prove_rows_accounted_for(accounting, StoredRows(prices, rejected), names, per_file, run),
            "group_by": lambda: prices.group_by(["date", "source_file"], use_threads=False).aggregate(
                [([], "count_all")])}, 3, clock=time.process_time)
        results.append({"what": f"accounted_for: {files} files x {days} days, {rows:,} rows",
                        "cpu_s": times["proof"], "baseline": "Arrow group_by (date, file)",
                        "ratio_to_baseline": times["proof"] / times["group_by"]})
    return results


def _snapshot(quick: bool) -> list[dict]:
    shapes = [(100_000, 1, ""), (100_000, 50, ""), (100_000, 1, " 16:00")] if quick else [
        (1000, 1, ""), (300_000, 1, ""), (1_000_000, 500, ""), (300_000, 50, " 00:00"), (300_000, 1, " 16:00")]
    results = []
    for rows, tickers, clock_text in shapes:
        codes = np.arange(rows) % tickers
        days = 10_000 + np.arange(rows) // tickers
        cells = pa.array([f"2024-01-01{clock_text}"] * rows)

        def clock(at: np.ndarray, cells: pa.Array = cells) -> np.ndarray:
            return normalise_module._times_of_day(cells.take(pa.array(at)))

        times = interleaved({
            "rule": lambda: check_day_snapshot(Reasons(rows), codes, days, clock),
            "sort": lambda: (Reasons(rows), np.sort(days))}, 9, clock=time.process_time)
        results.append({"what": f"day_snapshot: {rows:,} rows, {tickers} tickers, dates{clock_text or ' alone'}",
                        "cpu_s": times["rule"], "baseline": "np.sort of the days",
                        "ratio_to_baseline": times["rule"] / times["sort"]})
    return results


def _cut_end(quick: bool) -> list[dict]:
    shapes = [(1000, 1, "Close"), (50_000, 50, "Volume")] if quick else [
        (1000, 1, "Close"), (5000, 1, "Volume"), (100_000, 20, "Close"), (300_000, 300, "Close"),
        (300_000, 300, "Volume")]
    results = []
    judged = normalise_module.cut_last_rows
    for rows, tickers, last in shapes:
        data = history_csv(rows, tickers, last)
        schema = detect_bytes(data, "history.csv")
        spent: list[float] = []

        def timed(*args, **kwargs):
            t0 = time.process_time()
            out = judged(*args, **kwargs)
            spent.append(time.process_time() - t0)
            return out
        normalise_module.cut_last_rows = timed
        try:
            whole = interleaved({"normalise": lambda: normalise_bytes(data, schema, "history.csv")},
                                3 if rows > 50_000 else 9, clock=time.process_time)["normalise"]
        finally:
            normalise_module.cut_last_rows = judged
        results.append({"what": f"cut_last_rows: {rows:,} rows, {tickers} tickers, {last.lower()} last",
                        "cpu_s": min(spent), "baseline": "the file's normalise_bytes",
                        "ratio_to_baseline": min(spent) / whole})
    return results


def run(quick: bool) -> list[dict]:
    return _accounting(quick) + _snapshot(quick) + _cut_end(quick)


if __name__ == "__main__":
    from bench.__main__ import format_table

    print(format_table(run(quick="--quick" in sys.argv)))
