"""Detect the schemas of many raw files on Spark: one task per slice of files, balanced by size.

Each task keeps a LayoutMemory, so a file of one template that lands in the same slice as an
earlier one borrows its schema on the bytes before the data alone, and is proven by the conversion
(deferred proof, see shared_layouts.py). A file is read only where detection looks: its first
PEEK_BYTES, which settle most borrowings, then up to HEAD_BYTES and its last TAIL_BYTES when it
is detected on its own.
"""
from __future__ import annotations

from dataclasses import dataclass

import pyarrow as pa

from backintime_assets.detection import HEAD_BYTES, detect_opened
from backintime_assets.ingestion.spark_tasks import balanced_slices, run_tasks
from backintime_assets.lake.location import LakeLocation

SLICES_PER_CORE = 2
# Larger files never borrow: the conversion reads them in pieces and so cannot prove a borrowed
# schema on the whole file (parsed.py). Keep it at most convert.PIECE_BYTES.
BORROW_MAX_BYTES = 4 * 2**20
PEEK_BYTES = 4096
DETECTED = pa.schema([("key", pa.string()), ("schema_json", pa.string())])


@dataclass(frozen=True)
class DetectTask:
    key: str  # what the caller gets the schema back by (the file's sha256)
    lake_path: str
    name: str
    size_bytes: int


def detect_files(spark, location: LakeLocation, tasks: list[DetectTask], borrow_max_bytes: int = BORROW_MAX_BYTES,
                 slices: int | None = None) -> dict[str, str]:
    """key -> the FileSchema JSON of each task's file. `slices`: Spark tasks (default: two per core)."""
    if not tasks:
        return {}
    slices = balanced_slices(tasks, slices or spark.sparkContext.defaultParallelism * SLICES_PER_CORE,
                             lambda t: t.size_bytes)

    def detect_slice(files: list[DetectTask]):
        from backintime_assets.ingestion.shared_layouts import LayoutMemory

        fs = location.filesystem()
        memory = LayoutMemory()
        for task in files:
            yield dict(key=task.key, schema_json=detect_one(fs, task, memory, borrow_max_bytes).to_json())

    return {r["key"]: r["schema_json"] for r in run_tasks(spark, slices, detect_slice, DETECTED)}


def detect_one(fs, task: DetectTask, memory, borrow_max_bytes: int = BORROW_MAX_BYTES):
    """The file's schema: borrowed from an earlier file of the slice, else detected from its head
    and tail as detect_bytes would (xlsx read whole: a zip needs its end)."""
    from backintime_assets.detection.xlsx import is_xlsx

    with fs.open_input_file(task.lake_path) as handle:
        size = handle.size()
        head = handle.read(PEEK_BYTES)  # holds the header of most files: enough to borrow
        can_borrow = size <= borrow_max_bytes and not is_xlsx(head, task.name)
        borrowed = memory.borrow(head, task.name) if can_borrow else None
        if borrowed is not None:
            return borrowed
        head += handle.read(HEAD_BYTES - len(head))
        borrowed = memory.borrow(head, task.name) if can_borrow and len(head) > PEEK_BYTES else None
        if borrowed is not None:  # a preamble longer than the peek
            return borrowed
        schema = detect_opened(handle, size, task.name, head)
    memory.learn(head, schema)
    return schema
