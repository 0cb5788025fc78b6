"""What a new raw file holds, learnt once: the schema it reads with and the trade dates of its rows.

The raw step must know a file's dates to know which date partitions it belongs to, and only
reading every row tells them: an archive holds years, and a row that cannot be read holds no date.
That read needs a schema and proves it, so the raw step surveys each new file once, on Spark, and
records both: the dates in the manifest, the schema in file_schemas, which then has nothing left
to detect. The dates a file is filed under and the rows `prices` loads from it rest on one schema.

The rows it parsed are kept in the lake's parsed zone (parsed.py: `parsed_key`), so the conversion
reads them rather than parsing the text a second time.

A file of a template met earlier in the same task borrows that file's schema on its pre-data bytes
(shared_layouts.py); reading the whole file proves it, and a file it does not fit is read with
its own detection instead, exactly as the conversion does (parsed.py). Large files are read a
piece at a time, so a task's memory is bounded by the piece size, not by the file.
"""
from __future__ import annotations

import datetime as dt
import json
import posixpath
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from backintime_assets.ingestion.parsed import FILE_SUMMARY, KEPT, LOADED, FileTask, kept, parse_in_pieces, parsed_key
from backintime_assets.ingestion.spark_tasks import balanced_slices, run_tasks
from backintime_assets.lake.location import LakeLocation

SLICES_PER_CORE = 2
# Keep at most convert.PIECE_BYTES: a piece must fit in a task like a piece of the conversion.
PIECE_BYTES = 64 * 2**20
UNREADABLE = "unreadable"
SURVEYED = pa.schema([
    ("key", pa.string()), ("schema_json", pa.string()), ("dates", pa.list_(pa.date32())), ("problem", pa.string()),
    ("parsed_path", pa.string()), ("detect_seconds", pa.float64()),
])


@dataclass(frozen=True)
class SurveyTask:
    key: str  # what the caller gets the survey back by
    lake_path: str
    name: str  # the file's name for detection, which may read a date in it
    size_bytes: int
    # A schema the file already has (the same content detected before, perhaps corrected by a
    # user): the file is read with it rather than detected again.
    schema_json: str | None = None
    sha256: str | None = None  # given: its parsed rows are kept in the parsed zone


@dataclass(frozen=True)
class Survey:
    schema_json: str  # what the file reads with
    dates: list[dt.date]  # the distinct trade dates of its loadable rows, sorted
    problem: str | None  # why nothing of the file can load, if so
    parsed_path: str | None = None  # where its parsed rows were kept
    detect_seconds: float = 0.0  # of the survey's time, what detecting (or borrowing) its schema took

    def schema_dict(self) -> dict:
        return json.loads(self.schema_json)

    @property
    def read_whole(self) -> bool:
        """False when reading stopped on an error part of the way through the file."""
        return not (self.problem or "").startswith(UNREADABLE)


def survey_files(spark, location: LakeLocation, tasks: list[SurveyTask], piece_bytes: int = PIECE_BYTES,
                 slices: int | None = None) -> dict[str, Survey]:
    """key -> the Survey of each task's file, as Spark tasks (default: two per core)."""
    if not tasks:
        return {}
    slices = balanced_slices(tasks, slices or spark.sparkContext.defaultParallelism * SLICES_PER_CORE,
                             lambda t: t.size_bytes)

    def survey_slice(files: list[SurveyTask]):
        from backintime_assets.detection import FileSchema
        from backintime_assets.ingestion.detect_job import DetectTask, detect_one
        from backintime_assets.ingestion.shared_layouts import LayoutMemory

        fs = location.filesystem()
        memory = LayoutMemory()
        for task in files:
            started = time.perf_counter()
            if task.schema_json is not None:
                schema = FileSchema.from_json(task.schema_json)
            else:
                schema = detect_one(fs, DetectTask(task.key, task.lake_path, task.name, task.size_bytes), memory)
            detect_seconds = time.perf_counter() - started
            keeper = _Keeper(fs, location, task.sha256) if task.sha256 else None
            with fs.open_input_file(task.lake_path) as handle:
                def read_at(offset: int, length: int, handle=handle) -> bytes:
                    return handle.read_at(length, offset)  # pyarrow's order: nbytes, then offset

                survey = survey_file(read_at, handle.size(), task.name, schema, piece_bytes, keeper)
            parsed_path = keeper.finish(survey.read_whole) if keeper else None
            yield dict(key=task.key, schema_json=survey.schema_json, dates=survey.dates, problem=survey.problem,
                       parsed_path=parsed_path, detect_seconds=detect_seconds)

    return {r["key"]: Survey(r["schema_json"], r["dates"], r["problem"], r["parsed_path"], r["detect_seconds"])
            for r in run_tasks(spark, slices, survey_slice, SURVEYED)}


class _Keeper:
    """Writes a file's parsed rows to the parsed zone under a temporary name, moved into place
    once the whole file is read: a task that fails half-way leaves no half file where the
    conversion looks."""

    def __init__(self, fs, location: LakeLocation, sha256: str):
        self._fs, self._location, self._sha256 = fs, location, sha256
        self._path = self._temporary = self._writer = None

    def __call__(self, parsed: pa.Table, schema_json: str) -> None:
        if self._writer is None:
            self._path = self._location.path(parsed_key(self._sha256, schema_json))
            self._temporary = f"{self._path}.{uuid.uuid4().hex}.partial"
            self._fs.create_dir(posixpath.dirname(self._path), recursive=True)
            self._writer = pq.ParquetWriter(self._temporary, KEPT, filesystem=self._fs, compression="zstd")
        self._writer.write_table(kept(parsed))

    def finish(self, whole: bool) -> str | None:
        """The kept file's path, or None when nothing (or only part of the file) was kept."""
        if self._writer is None:
            return None
        self._writer.close()
        if not whole:
            self._fs.delete_file(self._temporary)
            return None
        self._fs.move(self._temporary, self._path)
        return self._path


def survey_file(read_at: Callable[[int, int], bytes], size: int, name: str, schema, piece_bytes: int = PIECE_BYTES,
                keep: Callable[[pa.Table, str], None] | None = None) -> Survey:
    """Read every row of a file (`read_at(offset, length)` gives its bytes) with `schema`, or with
    its own detection where a borrowed `schema` does not hold on it. `keep(rows, schema_json)`
    receives the tagged rows (parsed.PARSED) piece by piece, with the schema they were read with."""
    task = FileTask("", name, schema.to_json(), dt.date(1970, 1, 1), 0, size)
    dates: set[dt.date] = set()
    problem = own_schema = None
    try:
        for parsed in parse_in_pieces(read_at, size, task, piece_bytes):
            dates.update(pc.unique(parsed.filter(pc.equal(parsed["status"], LOADED))["date"]).to_pylist())
            summary = parsed.filter(pc.equal(parsed["status"], FILE_SUMMARY))
            problem = problem or next((p for p in summary["reason"].to_pylist() if p), None)
            own_schema = own_schema or next((s for s in summary["schema_json"].to_pylist() if s), None)
            if keep is not None:
                keep(parsed, own_schema or task.schema_json)
    except Exception as error:  # a file we cannot read must not stop the others
        return Survey(schema.to_json(), [], f"{UNREADABLE}: {type(error).__name__}: {error}")
    dates.discard(None)
    return Survey(own_schema or task.schema_json, sorted(dates), problem or (None if dates else "no loadable rows"))
