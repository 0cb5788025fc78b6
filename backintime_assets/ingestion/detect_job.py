"""Detect the schemas of many raw files on Spark: one task per slice of files, balanced by size.

Each task keeps a LayoutMemory, so the files of one template that land in the same slice borrow
each other's schema (see shared_layouts.py). Large files are read only where detection looks:
their first and last bytes.
"""
from __future__ import annotations

from dataclasses import dataclass

import pyarrow as pa

from backintime_assets.detection import HEAD_BYTES, TAIL_BYTES, detect_head_tail
from backintime_assets.ingestion.spark_tasks import balanced_slices, run_tasks
from backintime_assets.lake.location import LakeLocation

SLICES_PER_CORE = 2
BATCH_FILES = 256  # small files read and detected together (their proofs share one read)
WHOLE_FILE_BYTES = 4 * 2**20  # smaller files are read whole; xlsx always (a zip needs its end)
DETECTED = pa.schema([("key", pa.string()), ("schema_json", pa.string())])


@dataclass(frozen=True)
class DetectTask:
    key: str  # what the caller gets the schema back by (the file's sha256)
    lake_path: str
    name: str
    size_bytes: int


def detect_files(spark, location: LakeLocation, tasks: list[DetectTask],
                 whole_file_bytes: int = WHOLE_FILE_BYTES) -> dict[str, str]:
    """key -> the FileSchema JSON of each task's file."""
    if not tasks:
        return {}
    slices = balanced_slices(tasks, spark.sparkContext.defaultParallelism * SLICES_PER_CORE, lambda t: t.size_bytes)

    def detect_slice(files: list[DetectTask]):
        from backintime_assets.ingestion.shared_layouts import LayoutMemory

        fs = location.filesystem()
        memory = LayoutMemory()
        limit = max(whole_file_bytes, HEAD_BYTES + TAIL_BYTES)
        small = [t for t in files if t.size_bytes <= limit]
        for task in (t for t in files if t.size_bytes > limit):
            yield dict(key=task.key, schema_json=_detect_large(fs, task, memory).to_json())
        for start in range(0, len(small), BATCH_FILES):
            batch = small[start:start + BATCH_FILES]
            datas = []
            for task in batch:
                with fs.open_input_file(task.lake_path) as handle:
                    datas.append((handle.readall(), task.name))
            for task, schema in zip(batch, memory.detect_many(datas)):
                yield dict(key=task.key, schema_json=schema.to_json())

    return {r["key"]: r["schema_json"] for r in run_tasks(spark, slices, detect_slice, DETECTED)}


def _detect_large(fs, task: DetectTask, memory):
    """A file read only where detection looks (xlsx whole: a zip needs its end)."""
    from backintime_assets.detection.xlsx import is_xlsx

    with fs.open_input_file(task.lake_path) as handle:
        size = handle.size()
        head = handle.read(HEAD_BYTES)
        if is_xlsx(head, task.name) or size <= HEAD_BYTES + TAIL_BYTES:
            return memory.detect(head + handle.read(), task.name)
        handle.seek(size - TAIL_BYTES)
        return detect_head_tail(head, handle.read(TAIL_BYTES), size, task.name)
