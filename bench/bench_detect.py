"""Throughput of field detection and normalisation, with pyarrow/polars/DuckDB reading the same file
as baselines. `python bench/bench_detect.py [--quick]` prints a table; run(quick) returns the rows."""

from __future__ import annotations

import io
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

import numpy as np

from backintime_assets.detection import detect_bytes, xlsx
from backintime_assets.detection.render import sample_prices
from backintime_assets.normalisation import normalise_bytes
from bench.cpu import interleaved

HEADER = "Date,Ticker,Sector,Open,High,Low,Close,Adj Close,Volume\n"


def price_csv(rows: int, seed: int = 0, messy: float = 0.0) -> bytes:
    """A clean long-format price file; `messy` is the share of rows made invalid."""
    rng = np.random.default_rng(seed)
    tickers = np.array([f"T{i:03d}" for i in range(50)])
    days = np.datetime64("1990-01-01") + (np.arange(rows) // 50)
    close = np.round(rng.uniform(5, 500, rows), 2)
    open_ = np.round(close * rng.uniform(0.97, 1.03, rows), 2)
    high = np.round(np.maximum(open_, close) * rng.uniform(1.0, 1.02, rows), 2)
    low = np.round(np.minimum(open_, close) * rng.uniform(0.98, 1.0, rows), 2)
    vol = rng.integers(1000, 10_000_000, rows)
    out = io.StringIO()
    out.write(HEADER)
    bad = set(rng.choice(rows, int(rows * messy), replace=False).tolist()) if messy else set()
    for i in range(rows):
        if i in bad:
            out.write(f"{days[i]},{tickers[i % 50]},Tech,n/a,{high[i]},{low[i]},abc,{close[i]}\n")
        else:
            out.write(f"{days[i]},{tickers[i % 50]},Tech,{open_[i]},{high[i]},{low[i]},{close[i]},{close[i]},"
                      f"{vol[i]}\n")
    return out.getvalue().encode()


def price_xlsx(rows: int) -> bytes:
    import openpyxl

    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet("Prices")
    ws.append(HEADER.strip().split(","))
    for r in sample_prices(rows, tickers=10):
        ws.append([datetime.combine(r[0], datetime.min.time()), *r[1:]])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def dialect_variants(n: int) -> list[tuple[str, bytes]]:
    """Small files in assorted layouts, for files/s of detection."""
    base = price_csv(400, seed=1).decode()
    files = []
    for k in range(n):
        text = base
        kind = k % 5
        if kind == 1:
            text = text.replace(",", ";").replace(".", ",")
        elif kind == 2:
            text = text.replace(",", "\t")
        elif kind == 3:
            text = "Exported prices\n\n" + text.replace("\n", "\r\n")
        elif kind == 4:
            text = "\n".join('"' + '","'.join(line.split(",")) + '"' for line in text.splitlines()) + "\n"
        enc = "utf-16" if k % 7 == 0 else "utf-8"
        files.append((f"f{k}.csv", text.encode(enc)))
    return files


def _timeit(fn, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


def _baselines(data: bytes, tmpdir: str) -> dict[str, object]:
    """Readers of the same clean file with the dialect and column types given."""
    import pyarrow as pa
    import pyarrow.csv as pacsv

    types = {"Date": pa.date32(), "Ticker": pa.string(), "Sector": pa.string(), "Open": pa.float64(),
             "High": pa.float64(), "Low": pa.float64(), "Close": pa.float64(), "Adj Close": pa.float64(),
             "Volume": pa.int64()}

    def arrow(threads: bool):
        return lambda: pacsv.read_csv(pa.py_buffer(data), read_options=pacsv.ReadOptions(use_threads=threads),
                                      parse_options=pacsv.ParseOptions(delimiter=","),
                                      convert_options=pacsv.ConvertOptions(column_types=types))

    fns: dict[str, object] = {"pyarrow.csv (1 thread)": arrow(False), "pyarrow.csv (threads)": arrow(True)}
    try:
        import polars as pl

        fns["polars.read_csv"] = lambda: pl.read_csv(io.BytesIO(data), try_parse_dates=True)
    except ImportError:
        pass
    try:
        import duckdb

        path = Path(tmpdir) / "prices.csv"
        path.write_bytes(data)
        con = duckdb.connect()
        query = f"select * from read_csv('{path}')"
        fns["duckdb read_csv"] = lambda: con.sql(query).to_arrow_table()
    except ImportError:
        pass
    return fns


def run(quick: bool) -> list[dict]:
    rows = 100_000 if quick else 2_000_000
    repeat = 5 if quick else 3
    results: list[dict] = []

    files = dialect_variants(40 if quick else 300)
    size = sum(len(b) for _, b in files)
    t = _timeit(lambda: [detect_bytes(b, name) for name, b in files], 2)
    results.append({"stage": "detect", "what": f"{len(files)} small files", "files_per_s": len(files) / t,
                    "mb_per_s": size / t / 1e6})

    clean = price_csv(rows)
    t = _timeit(lambda: detect_bytes(clean, "big.csv"), repeat)
    results.append({"stage": "detect", "what": f"one {len(clean) / 1e6:.0f} MB file (sampled)",
                    "files_per_s": 1 / t, "mb_per_s": len(clean) / t / 1e6})

    schema = detect_bytes(clean, "big.csv")
    with tempfile.TemporaryDirectory() as tmpdir:
        fns = {"ours": lambda: normalise_bytes(clean, schema, "big.csv"), **_baselines(clean, tmpdir)}
        times = interleaved(fns, repeat)
    ours = rows / times.pop("ours")
    results.append({"stage": "normalise", "what": f"clean, {rows} rows", "rows_per_s": ours,
                    "mb_per_s": ours * len(clean) / rows / 1e6})
    for name, t in times.items():
        results.append({"stage": "baseline", "what": name, "rows_per_s": rows / t, "mb_per_s": len(clean) / t / 1e6,
                        "ratio_ours_to_this": ours / (rows / t)})

    book = price_xlsx(5_000 if quick else 50_000)
    bschema = detect_bytes(book, "book.xlsx")
    t = _timeit(lambda: normalise_bytes(book, bschema, "book.xlsx"), 2)
    results.append({"stage": "normalise", "what": f"xlsx ({xlsx.ENGINE}), {5_000 if quick else 50_000} rows",
                    "rows_per_s": (5_000 if quick else 50_000) / t, "mb_per_s": len(book) / t / 1e6})

    messy = price_csv(rows // 4, seed=2, messy=0.01)
    mschema = detect_bytes(messy, "messy.csv")
    t = _timeit(lambda: normalise_bytes(messy, mschema, "messy.csv"), repeat)
    results.append({"stage": "normalise", "what": f"1% bad rows, {rows // 4} rows", "rows_per_s": rows // 4 / t,
                    "mb_per_s": len(messy) / t / 1e6})
    return results


def _table(rows: list[dict]) -> str:
    cols = ["stage", "what", "files_per_s", "rows_per_s", "mb_per_s", "ratio_ours_to_this"]
    cells = [[f"{v:,.1f}" if isinstance(v, float) else str(v) for v in (r.get(c, "") for c in cols)] for r in rows]
    widths = [max(len(c), *(len(r[i]) for r in cells)) for i, c in enumerate(cols)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(cols, widths))]
    lines += ["  ".join(v.ljust(w) for v, w in zip(r, widths)) for r in cells]
    return "\n".join(lines)


if __name__ == "__main__":
    print(_table(run(quick="--quick" in sys.argv)))
