"""Peak memory of the survey and the conversion against the size of one source file.
`python -m bench.bench_convert_memory [--quick]`.

Issue 4 asks that a conversion task's peak memory be bounded by the row-group size, not by the
file size. One archive file (years of many tickers, the shape whose files grow to GBs) is written
at each size, then surveyed and converted by the project's code, as the raw_price_files and prices
assets do, in a fresh process per size: Spark tasks run in that process one after another (the
same task functions, handed to a stand-in for the Spark session), so the process's peak RSS is the
peak of the largest task plus the imports. The row shows that peak above the process's RSS after
its imports, and the ratio to the smallest file's: 1.0 would be perfectly flat; file size grows
16x across the rows.

What bounds it: a file's text is parsed PIECE_BYTES (16 MB) at a time; kept rows are written and
read back PARSED_BATCH_ROWS (256 K) to a row group; rows are staged per bucket of dates, and a
bucket (BUCKET_SOURCE_BYTES of source, 64 MB, or one date if a date holds more) is settled and
written by one task. All are constants of the code, below a row group of the prices table
(ROW_GROUP_ROWS, 1 M rows ~ 80 MB of text), not the file's size.

Figures, 2026-11-29, 2-core machine busy with other work (memory does not mind; seconds do), peak
above imports for files of 63 / 250 / 997 MB:
- before: 650 / 1072 / 1329 MB (64 MB pieces, 128 MB buckets, and pyarrow's pre-buffering, which
  kept every row group of a kept file read until the end: +450 MB on the 1 GB file alone);
- after, with 32 MB buckets: 385 / 535 / 562 MB (1.00 / 1.39 / 1.46 of the smallest);
- with 64 MB buckets (kept: half the staging files and settle tasks of 32 MB at scale), a quiet run:
  311 / 599 / 623 MB (1.00 / 1.93 / 2.00): flat from 250 MB on (+4% for 4x the file). The smallest
  file, under one bucket's worth per task, stays below the bound.
"""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

from backintime_assets.simulation import business_days

BYTES_PER_ROW = 80  # of the clean layout
FIRST, LAST = date(1900, 1, 1), date(1939, 12, 29)  # one 40-year archive window (aligned to 1900)
BUSINESS_DAYS = len(business_days(FIRST, LAST))


def _write_archive(out: Path, megabytes: int) -> Path:
    """One archive file of about `megabytes`, of every business day of FIRST..LAST."""
    from backintime_assets.simulation import FileOptions, MarketSpec, write_files

    tickers = max(1, round(megabytes * 1e6 / BYTES_PER_ROW / BUSINESS_DAYS))
    report = write_files(MarketSpec(n_tickers=tickers, market_start=FIRST), FIRST, LAST, out,
                         FileOptions(shape="archive", archive_tickers=tickers, archive_years=40))
    (path,) = report.files
    return path


def _measure(path: str, lake: str) -> dict:
    """Survey then convert `path` in this process; what the child prints."""
    import hashlib
    import resource
    import time
    import types

    import backintime_assets.ingestion.convert as convert
    import backintime_assets.ingestion.survey as survey
    from backintime_assets.ingestion.parsed import FileTask
    from backintime_assets.lake import LakeLocation

    def in_process(spark, payloads, work, result):
        return [row for payload in payloads for row in work(payload)]

    survey.run_tasks = convert.run_tasks = in_process
    session = types.SimpleNamespace(sparkContext=types.SimpleNamespace(defaultParallelism=2))

    def rss_kb() -> int:
        with open("/proc/self/status") as status:
            return next(int(line.split()[1]) for line in status if line.startswith("VmRSS:"))

    before = rss_kb()
    started = time.perf_counter()
    location = LakeLocation(lake)
    size = Path(path).stat().st_size
    found = survey.survey_files(session, location, [survey.SurveyTask(
        path, path, Path(path).name, size, sha256=hashlib.sha256(path.encode()).hexdigest())])[path]
    dates = [d.isoformat() for d in business_days(FIRST, LAST)]
    task = FileTask(path, Path(path).name, found.schema_json, min(found.dates), 0, size, found.parsed_path,
                    tuple(found.dates))
    result = convert.convert_files(session, location, [task], dates, "bench")
    return {"rss_after_imports_mb": before / 1024,
            "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            "seconds": time.perf_counter() - started, "loaded": result.prices.rows}


def run(quick: bool) -> list[dict]:
    sizes = [8, 32, 128] if quick else [64, 256, 1024]
    work = Path(tempfile.mkdtemp(prefix="backintime-bench-memory-"))
    rows = []
    try:
        for megabytes in sizes:
            path = _write_archive(work / f"source-{megabytes}", megabytes)
            lake = work / f"lake-{megabytes}"
            child = subprocess.run(
                [sys.executable, "-c", "import json, sys; from bench.bench_convert_memory import _measure; "
                 "print(json.dumps(_measure(sys.argv[1], sys.argv[2])))", str(path), str(lake)],
                check=True, capture_output=True, text=True)
            measured = json.loads(child.stdout.strip().splitlines()[-1])
            above = measured["peak_rss_mb"] - measured["rss_after_imports_mb"]
            rows.append({"file_mb": round(path.stat().st_size / 1e6), "rows_loaded": measured["loaded"],
                         "seconds": measured["seconds"], "peak_rss_mb": measured["peak_rss_mb"],
                         "peak_above_imports_mb": above,
                         "vs_smallest": above / rows[0]["peak_above_imports_mb"] if rows else 1.0})
            print(f"  {rows[-1]}", file=sys.stderr, flush=True)
            shutil.rmtree(lake, ignore_errors=True)
            shutil.rmtree(path.parent, ignore_errors=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return rows


if __name__ == "__main__":
    from bench.__main__ import format_table

    print(format_table(run("--quick" in sys.argv)))
