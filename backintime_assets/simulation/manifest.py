"""The ground truth next to the data: every non-clean line, and per file its layout and row counts.

Runs writing into the same folder (one per day, say) merge into the same two manifests, under a
lock, replacing the entries of the files they rewrote; entries are sorted so the manifests come
out the same whatever order the runs happened in.
"""
from __future__ import annotations

import fcntl
import os
from contextlib import contextmanager
from pathlib import Path

import numpy as np
import polars as pl

from backintime_assets.simulation.files import FileResult

GROUND_TRUTH = "_ground_truth.csv"
FILE_MANIFEST = "_files.csv"
_LOCK = "_manifest.lock"

GROUND_TRUTH_SCHEMA = {"file": pl.String, "line": pl.Int64, "kind": pl.String}
FILE_SCHEMA = {
    "file": pl.String, "format": pl.String, "rows": pl.Int64, "clean_rows": pl.Int64, "damaged_rows": pl.Int64,
    "lines": pl.Int64, "bytes": pl.Int64, "first_date": pl.String, "last_date": pl.String,
    "file_damage": pl.String, "header_line": pl.Int64, "layout": pl.String,
}


@contextmanager
def _locked(out_dir: Path):
    with open(out_dir / _LOCK, "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _merge(path: Path, new: pl.DataFrame, schema: dict, sort: list[str]) -> None:
    if path.exists():
        old = pl.read_csv(path, schema=schema)
        new = pl.concat([old.filter(~pl.col("file").is_in(new["file"].unique().implode())), new])
    part = path.with_name(f".{path.name}.part")
    new.sort(sort).write_csv(part)
    os.replace(part, path)


def write_manifests(out_dir: Path, results: list[FileResult]) -> tuple[Path, Path]:
    # Built a column at a time: a tuple per damaged row made a big damaged write pay for it.
    lines, kinds = [], []
    for r in results:
        if r.entries:
            numbers, names = zip(*r.entries)
            lines.extend(numbers)
            kinds.extend(names)
    files_column = pl.Series("file", [r.plan.name for r in results], dtype=pl.String)
    truth = pl.DataFrame({
        "file": files_column.gather(np.repeat(np.arange(len(results)), [len(r.entries) for r in results])),
        "line": pl.Series(lines, dtype=pl.Int64), "kind": pl.Series(kinds, dtype=pl.String),
    })
    files = pl.DataFrame([r.record() for r in results], schema=FILE_SCHEMA)
    with _locked(out_dir):
        _merge(out_dir / GROUND_TRUTH, truth, GROUND_TRUTH_SCHEMA, ["file", "line"])
        _merge(out_dir / FILE_MANIFEST, files, FILE_SCHEMA, ["file"])
    return out_dir / GROUND_TRUTH, out_dir / FILE_MANIFEST


def read_ground_truth(out_dir: Path) -> pl.DataFrame:
    return pl.read_csv(out_dir / GROUND_TRUTH, schema=GROUND_TRUTH_SCHEMA)


def read_file_manifest(out_dir: Path) -> pl.DataFrame:
    return pl.read_csv(out_dir / FILE_MANIFEST, schema=FILE_SCHEMA)
