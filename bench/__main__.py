"""`python -m bench [--quick] [names...]`: run the benchmarks and print one table."""
from __future__ import annotations

import argparse
import importlib
import json
import sys
import time
from pathlib import Path

MODULES = [
    "bench_pipeline", "bench_simulate", "bench_detect", "bench_convert", "bench_convert_memory", "bench_backtest",
    "bench_incremental", "bench_results_load", "bench_hot_paths",
]


def format_table(rows: list[dict]) -> str:
    columns: list[str] = []
    for row in rows:
        columns += [c for c in row if c not in columns]
    cells = [[_cell(row.get(c)) for c in columns] for row in rows]
    widths = [max(len(c), *(len(r[i]) for r in cells)) for i, c in enumerate(columns)]
    line = lambda values: "  ".join(v.ljust(w) for v, w in zip(values, widths))  # noqa: E731
    return "\n".join([line(columns), line(["-" * w for w in widths]), *(line(r) for r in cells)])


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:,.3g}" if abs(value) < 100 else f"{value:,.0f}"
    return str(value)


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m bench")
    parser.add_argument("--quick", action="store_true", help="small inputs, for a smoke run")
    parser.add_argument("names", nargs="*", default=MODULES)
    args = parser.parse_args()
    all_rows = []
    for name in args.names:
        module = importlib.import_module(f"bench.{name}")
        started = time.monotonic()
        rows = module.run(args.quick)
        print(f"\n## {name} ({time.monotonic() - started:.0f}s)\n{format_table(rows)}", flush=True)
        all_rows += [{"bench": name, **r} for r in rows]
    out = Path("bench/results")
    out.mkdir(parents=True, exist_ok=True)
    (out / f"{time.strftime('%Y%m%d-%H%M%S')}.json").write_text(json.dumps(all_rows, indent=1, default=str))
    return 0


if __name__ == "__main__":
    sys.exit(main())
