"""Raw files into the lake's `prices` and `rejected_rows`, on Spark, in two passes of Python tasks.

Pass 1, one task per slice of files (slices balanced by size): read each file's rows from the
parsed zone where the raw step's survey kept them (parsed.py), else parse the file with its own
dialect; stage its rows for the run's dates into buckets of contiguous dates, as lz4 Parquet
under `<lake>/_staging/<run>/` (removed at the end, and `_staging/` with it when no other run
stages there); return each file's counts.
Pass 2, one task per bucket: read the bucket's staged rows, settle collisions between files
(collisions.py), and write each date's one file of prices and one of rejected rows.

A file whose dates in the run all fall in one bucket (a daily drop; its dates come from the
manifest) skips pass 1: the bucket's task reads it itself, so its rows are never staged. Only
files that span buckets (archives) are staged.

Rows travel between the passes as Parquet files, as a Spark shuffle would move them, but never
cross into the JVM and back: the JVM schedules the tasks and carries only small results. The
same code runs locally, on a cluster, on a directory lake and on S3.

Rows dated outside the run's dates (an archive file holds years) are counted but not written:
they belong to other partitions and are written when those run.

A borrowed schema that does not hold on its file's rows is replaced by the file's own detection in
pass 1 (parsed.py); the result's `own_schemas` names those files, for file_schemas to record.
"""
from __future__ import annotations

import datetime as dt
import math
import posixpath
import uuid
from dataclasses import dataclass, field, replace

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.fs as pafs
import pyarrow.parquet as pq

from backintime_assets.ingestion.collisions import LOSERS, SETTLED_COLUMNS, settle
from backintime_assets.ingestion.parsed import (
    DICTIONARY_COLUMNS, FILE_SUMMARY, LOADED, PARSED, FileGroup, FileTask, group_files, tagged_rows,
)
from backintime_assets.ingestion.spark_tasks import balanced_slices, run_tasks
from backintime_assets.lake.location import LakeLocation, buffered_output, make_dirs, remove_folder
from backintime_assets.lake.schemas import PRICES, REJECTED_ROWS
from backintime_assets.lake.tables import WrittenDates, WrittenFile, drop_stale_files, write_date_file
from backintime_assets.normalisation.string_runs import coded_by_runs

STAGED = pa.schema([f for f in PARSED if f.name not in ("rows_read", "schema_json")])
# Raw bytes per pass-2 bucket: a bucket's rows are held in one task's memory while it settles them,
# so this bounds a settling task's memory (bench/bench_convert_memory.py; a date holding more is
# settled whole).
BUCKET_SOURCE_BYTES = 64 * 2**20
SLICES_PER_CORE = 4  # pass-1 tasks per core: enough to even out files of different sizes
# Files of one schema are read together up to this many bytes (normalise_group): small daily files
# then cost little more per row than one large file.
GROUP_BYTES = 32 * 2**20
# A larger file is read a piece at a time, so a task's memory is bounded by this, not by the file.
# Smaller pieces also parse faster (16 MB took ~0.75x the CPU of 64 MB on a 250 MB archive).
PIECE_BYTES = 16 * 2**20
_EPOCH_ORDINAL = dt.date(1970, 1, 1).toordinal()

# What the tasks of both passes hand back to the driver: a row per file (or piece of one), staged
# file, written file, or file whose rows lost collisions.
TASK_RESULT = pa.schema([
    ("kind", pa.string()), ("source_file", pa.string()), ("rows_read", pa.int64()), ("file_problem", pa.string()),
    ("loaded", pa.int64()), ("rejected", pa.int64()), ("loaded_in_run", pa.int64()),
    ("rejected_in_run", pa.int64()), ("bucket", pa.int64()), ("path", pa.string()), ("schema_json", pa.string()),
    ("table_name", pa.string()), ("date", pa.string()), ("rows", pa.int64()),
])


@dataclass(frozen=True)
class Conversion:
    accounting: list[dict]  # per file: rows_read, file_problem, loaded, rejected, and those in the run's dates
    prices: WrittenDates
    rejected_rows: WrittenDates
    # source_file -> the file's own schema JSON, for files whose borrowed schema did not hold (parsed.py)
    own_schemas: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class _Buckets:
    day_numbers: np.ndarray  # the run's dates as days since 1970-01-01, sorted
    bucket_of_day: np.ndarray  # the bucket of each of those dates: contiguous runs of dates
    count: int

    def of(self, days: np.ndarray) -> np.ndarray:
        """The bucket of each day (days since 1970-01-01); -1 for a day outside the run."""
        at = np.minimum(np.searchsorted(self.day_numbers, days), len(self.day_numbers) - 1)
        return np.where(self.day_numbers[at] == days, self.bucket_of_day[at], -1)


def convert_files(spark, location: LakeLocation, tasks: list[FileTask], dates: list[str], file_tag: str,
                  piece_bytes: int = PIECE_BYTES) -> Conversion:
    """Replace `dates` of prices and rejected_rows with what `tasks` hold for them."""
    dates = sorted(set(dates))
    accounting: dict[str, dict] = {}
    own_schemas: dict[str, str] = {}
    written: list[WrittenFile] = []
    written_tables: list[str] = []
    if tasks and dates:
        parallelism = spark.sparkContext.defaultParallelism
        buckets = _plan_buckets(dates, sum(t.size_bytes for t in tasks), parallelism)
        # How many days each file holds, before the tasks drop their dates: of one bar in two price
        # units the settle keeps the series' (collisions._series_unit_first), which a bucket's days may not show.
        file_days = {t.source_file: len(t.dates) for t in tasks if t.dates}
        owned, spanning = _owned_by_bucket(tasks, buckets, parallelism)
        staging = location.path("_staging", f"{file_tag}-{uuid.uuid4().hex[:8]}")
        try:
            staged = _parse_pass(spark, location, spanning, buckets, staging, parallelism, piece_bytes)
            paths: dict[int, list[str]] = {}
            for row in staged:
                if row["kind"] == "staged":
                    paths.setdefault(row["bucket"], []).append(row["path"])
            work = [(b, paths.get(b, []), owned.get(b, [])) for b in sorted(set(paths) | set(owned))]
            # A file whose borrowed schema did not hold was read with its own (parsed.py): its lines are
            # decoded by that one too (a UTF-8 file lent a cp1252 schema: 'MÃ¼ller' for its 'Müller').
            read_with = {r["source_file"]: r["schema_json"] for r in staged
                         if r["kind"] == "file" and r["schema_json"] is not None}
            sources = _write_sources(location, staging, tasks, read_with)
            settled = _settle_pass(spark, location, work, buckets, file_tag, piece_bytes, file_days, sources)
            for row in staged + settled:
                if row["kind"] == "file":  # one row per file, or per piece of a large file
                    _add_counts(accounting.setdefault(row["source_file"], {
                        "source_file": row["source_file"], "rows_read": 0, "file_problem": None, "loaded": 0,
                        "rejected": 0, "loaded_in_run": 0, "rejected_in_run": 0}), row)
                    if row["schema_json"] is not None:
                        own_schemas[row["source_file"]] = row["schema_json"]
            for row in settled:
                if row["kind"] == "written":
                    written.append(WrittenFile(row["date"], row["rows"], row["path"]))
                    written_tables.append(row["table_name"])
                elif row["kind"] == "losers":  # rows of this file that were loaded, then lost a collision
                    counts = accounting[row["source_file"]]
                    for key, sign in (("loaded", -1), ("loaded_in_run", -1), ("rejected", 1), ("rejected_in_run", 1)):
                        counts[key] += sign * row["rows"]
        finally:
            remove_folder(location, staging)
    by_table = {}
    for table in ("prices", "rejected_rows"):
        files = [w for w, t in zip(written, written_tables) if t == table]
        drop_stale_files(location, table, dates, {w.path for w in files})
        by_table[table] = WrittenDates(table, dates, sorted(files, key=lambda w: w.date))
    return Conversion(sorted(accounting.values(), key=lambda a: a["source_file"]),
                      by_table["prices"], by_table["rejected_rows"], own_schemas)


def _add_counts(total: dict, piece: dict) -> None:
    for key in ("rows_read", "loaded", "rejected", "loaded_in_run", "rejected_in_run"):
        total[key] += piece.get(key) or 0
    total["file_problem"] = total["file_problem"] or piece["file_problem"]


def _plan_buckets(dates: list[str], source_bytes: int, parallelism: int) -> _Buckets:
    # A bucket per core unless memory asks for more: each pass-2 task costs Spark ~40 ms of CPU
    # beyond its rows (JVM and Python worker), and two per core made ~0.15 CPU-s of a 1 s conversion
    # of 750 small daily files, with no gain in wall time.
    count = min(len(dates), max(parallelism, math.ceil(source_bytes / BUCKET_SOURCE_BYTES)))
    days = np.array([dt.date.fromisoformat(d).toordinal() - _EPOCH_ORDINAL for d in dates], dtype=np.int32)
    return _Buckets(days, (np.arange(len(dates)) * count) // len(dates), count)


def _owned_by_bucket(tasks: list[FileTask], buckets: _Buckets, parallelism: int
                     ) -> tuple[dict[int, list[FileTask]], list[FileTask]]:
    """(bucket -> the files whose rows in the run all fall in it, read by that bucket's task; the
    other files, staged by pass 1). A file's dates come from the manifest (FileTask.dates): one
    without them is staged. With fewer buckets than cores, every file is staged, so that pass 1
    parses them on every core."""
    if buckets.count < parallelism:
        return {}, list(tasks)
    owned: dict[int, list[FileTask]] = {}
    spanning = []
    # A dict, not buckets.of: numpy's cost per call was most of the driver's 0.1 s over 3,000 daily files.
    ordinals = buckets.day_numbers.astype(np.int64) + _EPOCH_ORDINAL
    bucket_of = dict(zip(ordinals.tolist(), buckets.bucket_of_day.tolist()))
    for task in tasks:
        homes = {bucket_of.get(d.toordinal(), -1) for d in (*(task.dates or ()), task.home_date)} - {-1}
        # The dates have served: tasks carry their payload to the executors, and an archive's are years.
        light = replace(task, dates=None, known_first_date=task.first_date)
        if task.dates and len(homes) == 1:
            owned.setdefault(homes.pop(), []).append(light)
        else:
            spanning.append(light)
    return owned, spanning


def _parse_pass(spark, location: LakeLocation, tasks: list[FileTask], buckets: _Buckets, staging: str,
                parallelism: int, piece_bytes: int) -> list[dict]:
    if not tasks:
        return []
    slice_count = parallelism * SLICES_PER_CORE
    # Groups small enough that every slice gets some: one big group would leave cores idle.
    group_bytes = min(GROUP_BYTES, max(1, sum(t.size_bytes for t in tasks) // slice_count))
    slices = balanced_slices(group_files(tasks, group_bytes), slice_count, lambda g: g.size_bytes)

    def parse_slice(groups: list[FileGroup]):
        fs = location.filesystem()
        stage = _BucketWriters(fs, staging)
        for parsed in tagged_rows(fs, groups, piece_bytes):
            rows, files, row_buckets = _rows_in_run(parsed, buckets)
            for bucket, bucket_rows in _by_bucket(rows, row_buckets):
                stage.write(bucket, bucket_rows)
            yield from files
        yield from stage.close()

    return run_tasks(spark, slices, parse_slice, TASK_RESULT)


def _rows_in_run(parsed: pa.Table, buckets: _Buckets) -> tuple[pa.Table, list[dict], np.ndarray]:
    """(the rows of some files that fall in the run's dates, as STAGED; each file's accounting row;
    the bucket of each of those rows, -1 for none, looked up once for whoever stages or checks them).

    The files' summary rows may remain among the rows (status FILE_SUMMARY) when every row falls
    in the run: those who stage or settle the rows leave them out in the take each makes anyway
    (_by_bucket, _settle_and_write), where a filter here would copy every column of every row."""
    is_summary = np.asarray(pc.equal(parsed["status"], FILE_SUMMARY), dtype=bool)
    summary = parsed.filter(pa.array(is_summary))
    rows = parsed.drop_columns(["rows_read", "schema_json"])
    row_buckets = buckets.of(_day_numbers(rows))
    in_run = row_buckets >= 0
    loaded = np.asarray(pc.equal(rows["status"], LOADED), dtype=bool)
    rejected = ~loaded & ~is_summary

    # Every file with a row here; a batch of kept rows may hold a file's rows without its summary
    # row (which ends each piece), and the counts add up per file over the batches anyway.
    names, file_of_row = _files_of_rows(rows["source_file"])

    def per_file(mask: np.ndarray) -> np.ndarray:
        return np.bincount(file_of_row[mask], minlength=len(names))

    counts = {"loaded": per_file(loaded), "rejected": per_file(rejected),
              "loaded_in_run": per_file(loaded & in_run), "rejected_in_run": per_file(rejected & in_run)}
    files = {name: dict(kind="file", source_file=name, rows_read=0, file_problem=None, schema_json=None,
                        **{key: int(c[k]) for key, c in counts.items()})
             for k, name in enumerate(names)}
    # A file read in pieces has a summary row a piece, and a group file keeps a small file's
    # pieces together: they fold into its row as the pieces' tasks do.
    for name, read, problem, own in zip(*(summary[c].to_pylist() for c in ("source_file", "rows_read", "reason",
                                                                           "schema_json"))):
        _add_counts(files[name], {"rows_read": read, "file_problem": problem})
        files[name]["schema_json"] = files[name]["schema_json"] or own
    if not in_run.all():  # rows of other dates (an archive's years): a copy of the others is due anyway
        kept = in_run & ~is_summary
        rows, row_buckets = rows.filter(pa.array(kept)), row_buckets[kept]
    return rows.cast(STAGED), list(files.values()), row_buckets


def _files_of_rows(source_file: pa.ChunkedArray) -> tuple[list[str], np.ndarray]:
    """(the files named among the rows, in the order they first appear; each row's file, as its place
    there): by runs, as a file's rows are written together (parsed._tagged, parsed.from_parsed_members).
    A dictionary_encode hashed every row's path, 2.6x the CPU of this on a daily bucket of 80 files of
    1,000 rows."""
    return coded_by_runs(source_file)


def _by_bucket(rows: pa.Table, row_buckets: np.ndarray):
    """(bucket, its rows) for rows of the run's dates (`row_buckets`: each one's, _rows_in_run); summary
    rows (_rows_in_run) left out."""
    bucket = np.where(_summary_rows(rows), -1, row_buckets)
    order = np.argsort(bucket, kind="stable")
    bucket = bucket[order]
    starts = np.flatnonzero(np.r_[True, bucket[1:] != bucket[:-1]]) if len(bucket) else np.array([], int)
    for start, stop in zip(starts, [*starts[1:], len(bucket)]):
        if bucket[start] >= 0:
            yield int(bucket[start]), rows.take(order[start:stop])


def _summary_rows(rows: pa.Table) -> np.ndarray:
    return np.asarray(pc.equal(rows["status"], FILE_SUMMARY), dtype=bool)


def _day_numbers(rows: pa.Table) -> np.ndarray:
    """The rows' dates as days since 1970-01-01 (-1 where there is none)."""
    return np.asarray(pc.fill_null(rows["date"].cast(pa.int32()), -1), dtype=np.int32)


class _BucketWriters:
    """One open staging file per bucket for the life of a task."""

    def __init__(self, fs: pafs.FileSystem, staging: str):
        self._fs, self._staging, self._writers = fs, staging, {}

    def write(self, bucket: int, rows: pa.Table) -> None:
        if bucket not in self._writers:
            # A unique name per attempt: a retried task never appends to a failed attempt's file.
            path = posixpath.join(self._staging, f"bucket={bucket}", f"{uuid.uuid4().hex}.parquet")
            make_dirs(self._fs, posixpath.dirname(path))
            out = buffered_output(self._fs, path)
            writer = pq.ParquetWriter(out, STAGED, compression="lz4", use_dictionary=DICTIONARY_COLUMNS)
            self._writers[bucket] = (path, out, writer)
        self._writers[bucket][2].write_table(rows.cast(STAGED))

    def close(self):
        for bucket, (path, out, writer) in sorted(self._writers.items()):
            writer.close()
            out.close()  # the writer leaves a stream it was given open
            yield dict(kind="staged", bucket=bucket, path=path)


def _settle_pass(spark, location: LakeLocation, work: list[tuple[int, list[str], list[FileTask]]],
                 buckets: _Buckets, file_tag: str, piece_bytes: int, file_days: dict[str, int] | None = None,
                 sources: str | None = None) -> list[dict]:
    """One task per bucket: its staged rows and the rows of the files it owns, settled and written.
    `file_days`: how many days each file holds (settle's); `sources`: where each file's raw text and
    schema are told (_write_sources), for the lines of rows that lose a collision."""

    def settle_bucket(payload: tuple[int, list[str], list[FileTask]]):
        bucket, staged_paths, owned = payload
        fs = location.filesystem()
        parts = [pq.read_table(p, filesystem=fs) for p in staged_paths]
        read_with: dict[str, str] = {}  # owned files read with their own schema, not the one they borrowed
        for parsed in tagged_rows(fs, group_files(owned, GROUP_BYTES), piece_bytes):
            rows, files, row_buckets = _rows_in_run(parsed, buckets)
            _check_owned(rows, row_buckets, bucket)
            parts.append(rows)
            read_with.update((f["source_file"], f["schema_json"]) for f in files if f["schema_json"] is not None)
            yield from files
        yield from _settle_and_write(fs, location, pa.concat_tables(parts) if parts else STAGED.empty_table(),
                                     file_tag, file_days, sources, read_with)

    return run_tasks(spark, work, settle_bucket, TASK_RESULT)


def _check_owned(rows: pa.Table, row_buckets: np.ndarray, bucket: int) -> None:
    """An owned file's rows (`row_buckets`: the bucket of each) must all fall in its bucket: another
    bucket's task writes the same date files, and the later write would replace the other."""
    stray = row_buckets != bucket
    if stray.any():
        name = rows["source_file"][int(np.flatnonzero(stray)[0])].as_py()
        raise RuntimeError(f"{name}: rows on dates its manifest entry does not list; rerun raw_price_files "
                           "for its dates so that the manifest and the rows agree")


def _settle_and_write(fs: pafs.FileSystem, location: LakeLocation, staged: pa.Table, file_tag: str,
                      file_days: dict[str, int] | None = None, sources: str | None = None,
                      read_with: dict[str, str] | None = None):
    """Settle a bucket's rows and write its dates; summary rows among them (_rows_in_run) are left out.
    `sources`: _write_sources' table, for the losers' own lines (without it, their text rebuilt);
    `read_with`: the own schema of files this task read with it, their borrowed one not holding."""
    is_loaded = np.asarray(pc.equal(staged["status"], LOADED), dtype=bool)
    # A filter copies every column it is given: the loaded rows are picked out by the sort's own
    # take, and the rejected rows (few, or none in a clean bucket) with the columns they use only.
    winners, losers = settle(staged.select(SETTLED_COLUMNS), among=is_loaded, file_days=file_days)
    if losers.num_rows and sources is not None:
        losers = _as_written(fs, losers, sources, read_with or {})
    is_rejected = ~is_loaded & ~_summary_rows(staged)
    others = staged.select(LOSERS.names)
    not_loaded = others.filter(pa.array(is_rejected)) if is_rejected.any() else others.slice(0, 0)
    rejected = pa.concat_tables([not_loaded.cast(LOSERS), losers])
    rejected = rejected.sort_by([("date", "ascending"), ("source_file", "ascending"), ("source_line", "ascending")])
    for entry in pc.value_counts(losers["source_file"]).to_pylist():
        yield dict(kind="losers", source_file=entry["values"], rows=entry["counts"])
    for table, rows, columns in (("prices", winners, PRICES.names), ("rejected_rows", rejected, REJECTED_ROWS.names)):
        for day, piece in _dates_of(rows):
            w = write_date_file(fs, location, table, day, piece.select(columns), file_tag)
            yield dict(kind="written", table_name=table, date=w.date, rows=w.rows, path=w.path)


def _dates_of(rows: pa.Table):
    """(YYYY-MM-DD, rows of that date) for a table sorted by date."""
    if rows.num_rows == 0:
        return
    days = np.asarray(rows["date"].cast(pa.int32()), dtype=np.int32)
    starts = np.flatnonzero(np.r_[True, days[1:] != days[:-1]])
    for start, stop in zip(starts, [*starts[1:], len(days)]):
        yield str(np.datetime64(int(days[start]), "D")), rows.slice(int(start), int(stop - start))


# Where each file of a run is (its raw copy in the lake) and how it is read, for a settling task to
# find the lines of rows that lost a collision. A file beside the staged rows, not the tasks' payload:
# every task would unpickle every file's schema (~4 MB on 3,000 daily files; spark_tasks.py), and only
# a task with losers reads it.
SOURCES = pa.schema([("source_file", pa.string()), ("lake_path", pa.string()), ("schema_json", pa.string())])


def _write_sources(location: LakeLocation, staging: str, tasks: list[FileTask],
                   read_with: dict[str, str] | None = None) -> str:
    """`read_with`: the schema a file was read with where it is not its task's (a borrowed one that did
    not hold, replaced by the file's own in pass 1)."""
    fs = location.filesystem()
    make_dirs(fs, staging)
    path = posixpath.join(staging, "sources.arrow")
    read_with = read_with or {}
    table = pa.table([[t.source_file for t in tasks], [t.lake_path for t in tasks],
                      [read_with.get(t.source_file, t.schema_json) for t in tasks]], schema=SOURCES)
    with buffered_output(fs, path) as out, pa.ipc.new_file(out, SOURCES,
                                                          options=pa.ipc.IpcWriteOptions(compression="lz4")) as w:
        w.write_table(table)
    return path


def _as_written(fs: pafs.FileSystem, losers: pa.Table, sources: str, read_with: dict[str, str]) -> pa.Table:
    """`losers` (LOSERS) with each raw text its file's own line (written_lines.py), where it is found;
    their text as settle rebuilt it elsewhere (a raw copy gone from the lake). `read_with`: files this
    task read with another schema than `sources` tells (_settle_and_write)."""
    from backintime_assets.detection.schema import FileSchema
    from backintime_assets.normalisation.written_lines import written_lines

    with fs.open_input_file(sources) as handle:
        known = pa.ipc.open_file(handle).read_all()
    lines = losers["source_line"].to_pylist()
    rows_of: dict[str, list[int]] = {}
    for k, name in enumerate(losers["source_file"].to_pylist()):
        rows_of.setdefault(name, []).append(k)
    told = known.filter(pc.is_in(known["source_file"], value_set=pa.array(sorted(rows_of), pa.string())))
    texts = losers["raw"].to_pylist()
    for name, lake_path, schema_json in zip(*(told[c].to_pylist() for c in SOURCES.names)):
        at = rows_of.pop(name, [])  # a name told twice (never, in one run): its first file
        try:
            with fs.open_input_stream(lake_path) as handle:
                # A piece at a time (written_lines): a loser in an archive of 1 GB is no 1 GB read.
                found = written_lines(iter(lambda: handle.read(PIECE_BYTES), b""),
                                      FileSchema.from_json(read_with.get(name, schema_json)),
                                      [lines[k] for k in at])
        except (OSError, pa.ArrowInvalid):
            continue
        for k, text in zip(at, found):
            if text is not None:
                texts[k] = text
    return losers.set_column(losers.schema.get_field_index("raw"), "raw", pa.array(texts, pa.string()))
