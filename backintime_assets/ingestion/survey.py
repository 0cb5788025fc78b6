"""What a new raw file holds, learnt once: the schema it reads with and the trade dates of its rows.

The raw step must know a file's dates to know which date partitions it belongs to, and only
reading every row tells them: an archive holds years, and a row that cannot be read holds no date.
That read needs a schema and proves it, so the raw step surveys each new file once, on Spark, and
records both: the dates in the manifest, the schema in file_schemas, which then has nothing left
to detect. The dates a file is filed under and the rows `prices` loads from it rest on one schema.

The rows it parses are kept in the lake's parsed zone, so the conversion reads them rather than
parsing the text a second time: a file of parsed.KEEP_MIN_BYTES or more in a Parquet file of its
own (parsed.py: `parsed_key`); smaller files, read as one text per schema, together, a group file
per GROUP_BYTES of them (kept_groups.py), as a file each would cost more than their parse.

A file of a template met earlier in the same task borrows that file's schema on its pre-data bytes
(shared_layouts.py); reading the whole file proves it, and a file it does not fit is read with
its own detection instead, exactly as the conversion does (parsed.py). Large files are read a
piece at a time, so a task's memory is bounded by the piece size, not by the file.
"""
from __future__ import annotations

import datetime as dt
import json
import logging
import posixpath
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.fs as pafs
import pyarrow.parquet as pq

from backintime_assets.detection.schema import SIBLING_CONTENT, SIBLING_DATES, SIBLING_WRITTEN
from backintime_assets.ingestion.convert import GROUP_BYTES, PIECE_BYTES
from backintime_assets.ingestion.kept_groups import GroupKeeper
from backintime_assets.ingestion.parsed import (
    DICTIONARY_COLUMNS, FILE_SUMMARY, KEEP_MIN_BYTES, KEPT, LOADED, PARSED_BATCH_ROWS, FileTask, group_files, kept,
    parse_in_pieces, parsed_key, reader_at, reading_hash, tagged_rows,
)
from backintime_assets.ingestion.sources import date_in_name
from backintime_assets.ingestion.spark_tasks import contiguous_slices, run_tasks
from backintime_assets.lake.location import LakeLocation, buffered_output, make_dirs
from backintime_assets.normalisation.rules import split_ticker_day_key, ticker_day_key
from backintime_assets.normalisation.chunks import one_array
from backintime_assets.normalisation.string_runs import coded_by_runs
from backintime_assets.normalisation.unread_lines import detection_failed
from backintime_assets.trading_week import MON_FRI, TradingWeek

if TYPE_CHECKING:
    from backintime_assets.ingestion.sibling_tickers import Tickers

_log = logging.getLogger(__name__)
SLICES_PER_CORE = 2
EPOCH = dt.date(1970, 1, 1)  # a home date for rows nobody files here: the conversion dates them
# ": <error>" after it. Where detection raised, the problem is the file's schema's, and the conversion rejects
# such a text file's lines (normalisation/unread_lines.py); where reading raised, it is the survey's alone.
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
    # When the file was last modified (epoch seconds), where known: one-day files written months apart are
    # no run of days (pooled_order.py)
    modified_at: float | None = None


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
                 slices: int | None = None, keep_min_bytes: int = KEEP_MIN_BYTES,
                 borrow_max_bytes: int | None = None, week: TradingWeek = MON_FRI,
                 stored_siblings: Callable[[list[dict]], list[dict]] | None = None) -> dict[str, Survey]:
    """key -> the Survey of each task's file, as Spark tasks (default: two per core).
    `borrow_max_bytes`: files larger than this never borrow a schema (default: detect_job's).
    `week`: the days that hold trade dates (the deployment's), which the files' rows are read by.
    A file detection could only guess the day/month order of takes the order its siblings of the
    same layout prove (sibling_order.py), a file of a few midweek bars stamped in the UTC evening the
    reading its source's files prove (east of UTC or not: sibling_east.py), and is surveyed again with
    it: those surveyed with it and,
    given `stored_siblings` (the schemas of guessing files -> stored schemas of files of their
    layouts), those surveyed before."""
    def run(batch: list[SurveyTask]) -> dict[str, Survey]:
        return _survey_run(spark, location, batch, piece_bytes, slices, keep_min_bytes, borrow_max_bytes, week)

    surveys = run(tasks)
    return settle_by_siblings(run, tasks, surveys, stored_siblings,
                              lambda names: _loaded_bars(location, tasks, surveys, names, piece_bytes, week),
                              lambda keys: read_heads(location.filesystem(),
                                                      {t.key: t.lake_path for t in tasks if t.key in set(keys)}),
                              week)


def settle_by_siblings(survey: Callable[[list[SurveyTask]], dict[str, Survey]], tasks: list[SurveyTask],
                       surveys: dict[str, Survey], stored_siblings: Callable[[list[dict]], list[dict]] | None = None,
                       bars: Callable[[list[str]], pa.Table] | None = None,
                       heads: Callable[[list[str]], dict[str, bytes]] | None = None,
                       week: TradingWeek = MON_FRI) -> dict[str, Survey]:
    """`surveys` (of `tasks`), where a file's day/month order was a guess its siblings settle, or its
    reading of evening stamps east of UTC (sibling_east.py), that file surveyed again with the settled
    schema (`survey`: a run of tasks). Nothing is asked or read again where no file guesses.
    `bars`: the loaded bars of the files named (overlap_order.ROWS), where another file's bars of the
    same days may settle a guess no sibling does (overlap_order.py); `heads`: key -> the first bytes of
    each file named, whose dates a guess left unread (pooled_order.py)."""
    settled = _settled_readings(tasks, surveys, stored_siblings, bars, heads, week)
    if not settled:
        return surveys
    # A second, small run: the files whose reading their siblings settled, read with it.
    return {**surveys, **survey([replace(t, schema_json=settled[t.key]) for t in tasks if t.key in settled])}


def _settled_readings(tasks: list[SurveyTask], surveys: dict[str, Survey],
                      stored_siblings: Callable[[list[dict]], list[dict]] | None,
                      bars: Callable[[list[str]], pa.Table] | None = None,
                      heads: Callable[[list[str]], dict[str, bytes]] | None = None,
                      week: TradingWeek = MON_FRI) -> dict[str, str]:
    """key -> the schema JSON, day/month order, east reading or number marks settled by siblings, of each
    file detection guessed them for (sibling_order.py, sibling_east.py, sibling_marks.py); a schema given
    with the task (stored, perhaps a user's) is not changed."""
    from backintime_assets.ingestion.sibling_east import guesses_east, may_guess_east
    from backintime_assets.ingestion.sibling_marks import guesses_marks, may_guess_marks, settle_marks
    from backintime_assets.ingestion.sibling_name_dates import guesses_name, may_guess_name
    from backintime_assets.ingestion.sibling_order import guesses, may_guess

    given = {t.key for t in tasks if t.schema_json is not None}
    # Only a file detected here may guess: a read again of stored files (a new trading week, a
    # migration's known contents) parses none of their schemas.
    # And only one with a day and a month in a date's format is parsed to see (18 us a schema), or
    # one with evening stamps noted and no "_east" reading.
    guessing = {key: schema for key, survey in surveys.items()
                if key not in given and may_guess(survey.schema_json) and guesses(schema := survey.schema_dict())}
    guessing_east = {key: schema for key, survey in surveys.items() if key not in given
                     and may_guess_east(survey.schema_json) and guesses_east(schema := survey.schema_dict())}
    guessing_marks = {key: schema for key, survey in surveys.items() if key not in given
                      and may_guess_marks(survey.schema_json) and guesses_marks(schema := survey.schema_dict())}
    guessing_names = {key: schema for key, survey in surveys.items() if key not in given
                      and may_guess_name(survey.schema_json) and guesses_name(schema := survey.schema_dict())}
    if not guessing and not guessing_east and not guessing_marks and not guessing_names:
        return {}  # the usual case: nothing more to read
    read = _settled_dates(tasks, surveys, guessing, guessing_east, stored_siblings, bars, heads, week) \
        if guessing or guessing_east else {}
    if guessing_names:
        read.update(_settled_names(surveys, guessing_names, stored_siblings))
    if guessing_marks:
        # Any file whose marks its own numbers prove, guessing its dates or not (sibling_marks.py); over a
        # schema whose dates siblings settled, that schema.
        siblings = [survey.schema_dict() for key, survey in surveys.items() if key not in guessing_marks]
        if stored_siblings is not None:
            # And those stored before: in a daily run, the days before.
            siblings += stored_siblings(list(guessing_marks.values()))
        marks = {key: read.get(key, schema) for key, schema in guessing_marks.items()}
        read.update(settle_marks(marks, siblings, heads))
    return {key: json.dumps(schema, ensure_ascii=False, separators=(",", ":")) for key, schema in read.items()}


def _settled_names(surveys: dict[str, Survey], guessing: dict[str, dict],
                   stored_siblings: Callable[[list[dict]], list[dict]] | None) -> dict[str, dict]:
    """key -> the schema, dated, of each dateless file whose name's date its siblings named alike settle
    (sibling_name_dates.py): those surveyed with it and, given `stored_siblings`, those stored before."""
    from backintime_assets.ingestion.sibling_name_dates import settle_name_dates

    siblings = [survey.schema_dict() for key, survey in surveys.items() if key not in guessing]
    if stored_siblings is not None:
        siblings += stored_siblings(list(guessing.values()))
    settled, disagreeing = settle_name_dates(guessing, siblings)
    for note in disagreeing:
        _log.warning(note)
    return settled


def _settled_dates(tasks: list[SurveyTask], surveys: dict[str, Survey], guessing: dict[str, dict],
                   guessing_east: dict[str, dict], stored_siblings: Callable[[list[dict]], list[dict]] | None,
                   bars: Callable[[list[str]], pa.Table] | None,
                   heads: Callable[[list[str]], dict[str, bytes]] | None, week: TradingWeek) -> dict[str, dict]:
    """key -> the schema, day/month order or east reading settled, of the files guessing them."""
    from backintime_assets.ingestion.sibling_east import guesses_east, settle_east
    from backintime_assets.ingestion.sibling_order import settle_orders, unproven
    from backintime_assets.ingestion.sibling_tickers import tickers_in_heads

    # A file guessing its reading east of UTC proves nothing of that (its evenings fall Monday to Thursday)
    # but may prove a day/month order: left out, a file of "16/01/2024 15:00:00 UTC" no longer settled
    # its sibling's "01/02/2024 ..." (1 February loaded as 2 January). One guessing its order proves neither.
    mates = {key: survey.schema_dict() for key, survey in surveys.items() if key not in guessing}
    siblings = list(mates.values())
    if stored_siblings is not None:
        siblings += stored_siblings([*guessing.values(), *guessing_east.values()])
    # Each named by its key, as the stored ones are by their content: the tickers of those that disagree are read.
    named = [{**schema, SIBLING_CONTENT: key} for key, schema in mates.items()] + siblings[len(mates):]
    tickers = tickers_in_heads(heads) if heads is not None else None
    settled, disagreeing = settle_orders(guessing, named, tickers) \
        if guessing else ({}, [])
    if guessing and bars is not None:
        settled.update(_settled_by_bars(tasks, surveys, guessing, siblings, bars))
    if guessing:
        settled.update(_settled_together(surveys, guessing, [key for key in unproven(guessing, siblings)
                                                              if key not in settled], heads, siblings,
                                         {t.key: t.modified_at for t in tasks if t.modified_at is not None}, week,
                                         tickers))
    # A file whose order its siblings settled guesses its reading east of UTC as that order reads its
    # stamps (with_order notes their weekdays so): under the guessed order a Tokyo bar "01/02/2024 15:00:00
    # UTC" is stamped on a Tuesday, day first on a Thursday, and east settled from the guessed schema lost
    # the settled order, or read by its UTC days it loaded 1 February for Friday 2 February's session.
    guessing_east = {key: schema for key, schema in {**guessing_east, **settled}.items() if guesses_east(schema)}
    east, undecided = settle_east(guessing_east, siblings) if guessing_east else ({}, [])
    for note in disagreeing + undecided:
        _log.warning(note)
    return {**settled, **east}


def _settled_together(surveys: dict[str, Survey], guessing: dict[str, dict], left: list[str],
                      heads: Callable[[list[str]], dict[str, bytes]] | None, siblings: list[dict],
                      written: dict[str, float], week: TradingWeek, tickers: Tickers | None = None) -> dict[str, dict]:
    """key -> the schema, order settled, of each of the guessing files `left` unproven by any sibling or
    bar whose source's one-day files, read together, decide it (pooled_order.py). Their dates are the
    survey's; a file whose every row its guess dated on a weekend has none, and its first rows are read
    (`heads`: key -> the file's first bytes). Stored `siblings` are read with them by the dates their
    files hold (SIBLING_DATES): in a daily run, the days before. `written`: key -> when each file was last
    modified, where known (SIBLING_WRITTEN, of the stored). `tickers`: the tickers of files' first rows,
    whose codes may say a day-first market's (agreed_order.lists_day_first)."""
    from backintime_assets.detection.agreed_order import lists_day_first
    from backintime_assets.ingestion.pooled_order import as_written, cells_in_head, settle_together

    cells = {key: as_written(guessing[key], surveys[key].dates) for key in left}
    unread = [key for key, found in cells.items() if not found and surveys[key].read_whole]
    if unread and heads is not None:
        cells.update({key: cells_in_head(head, surveys[key].schema_json) for key, head in heads(unread).items()})
    stored = {f"stored {sibling[SIBLING_CONTENT]}": sibling
              for sibling in siblings if SIBLING_DATES in sibling and sibling[SIBLING_CONTENT] not in surveys}
    written = {**written, **{key: sibling[SIBLING_WRITTEN] for key, sibling in stored.items()}}
    return settle_together({key: (guessing[key], cells[key]) for key in left},
                           {key: (sibling, as_written(sibling, _iso_days(sibling[SIBLING_DATES])))
                            for key, sibling in stored.items()}, written, week,
                           None if tickers is None else lambda keys: [
                               key for key, codes in tickers({key: guessing[key] for key in keys}).items()
                               if lists_day_first(codes)])


def _iso_days(days: list[str]) -> list[dt.date]:
    return [dt.date.fromisoformat(day) for day in days]


def _settled_by_bars(tasks: list[SurveyTask], surveys: dict[str, Survey], guessing: dict[str, dict],
                     siblings: list[dict], bars: Callable[[list[str]], pa.Table]) -> dict[str, dict]:
    """key -> the schema, order settled, of each guessing file no sibling proves an order for whose
    bars another file of the survey holds on the days the other order reads (overlap_order.py). Only
    where another file's dates hold such a day are any rows read: most guesses have none."""
    from backintime_assets.ingestion.overlap_order import other_order_dates, proven_by_rows
    from backintime_assets.ingestion.sibling_order import unproven, with_order

    names = {t.key: t.name for t in tasks}
    flips = {key: set(other_order_dates(surveys[key].dates)) for key in unproven(guessing, siblings)}
    flips = {key: days for key, days in flips.items() if days}
    wanted = set().union(*flips.values()) if flips else set()
    # Files that guess prove nothing: their dates are guesses too.
    holders = [key for key, survey in surveys.items() if key not in guessing and not wanted.isdisjoint(survey.dates)]
    if not holders:
        return {}
    rows = bars([names[key] for key in (*flips, *holders)])
    proven = proven_by_rows({names[key]: guessing[key] for key in flips}, rows)
    key_of = {names[key]: key for key in flips}
    return {key_of[name]: with_order(guessing[key_of[name]], first, count,
                                     f"{count} bar{'s' if count != 1 else ''} {other} holds on those days")
            for name, (first, count, other) in proven.items()}


# Enough of a file's first bytes to hold its header and first rows (shared_layouts.first_date_cells' 40).
HEAD_BYTES = 16 * 1024


def read_heads(fs, lake_paths: dict[str, str]) -> dict[str, bytes]:
    """key -> the first HEAD_BYTES of the file at each lake path (`lake_paths`: key -> path)."""
    heads = {}
    for key, path in lake_paths.items():
        with fs.open_input_file(path) as handle:
            heads[key] = handle.read(HEAD_BYTES)
    return heads


def _loaded_bars(location: LakeLocation, tasks: list[SurveyTask], surveys: dict[str, Survey], names: list[str],
                 piece_bytes: int, week: TradingWeek) -> pa.Table:
    """The loaded bars (overlap_order.ROWS) of the surveyed files `names`, as the conversion reads them:
    their kept rows, or their text parsed with the schema surveyed."""
    from backintime_assets.ingestion.overlap_order import ROWS

    wanted = set(names)
    files = [FileTask(t.lake_path, t.name, s.schema_json, min(s.dates), 0, t.size_bytes, s.parsed_path,
                      tuple(s.dates), week=week)
             for t in tasks if t.name in wanted and (s := surveys[t.key]).dates]
    parts = [rows.filter(pc.equal(rows["status"], LOADED)).select(ROWS.names).cast(ROWS)
             for rows in tagged_rows(location.filesystem(), group_files(files, GROUP_BYTES), piece_bytes)]
    return pa.concat_tables(parts) if parts else ROWS.empty_table()


def _survey_run(spark, location: LakeLocation, tasks: list[SurveyTask], piece_bytes: int, slices: int | None,
                keep_min_bytes: int, borrow_max_bytes: int | None, week: TradingWeek) -> dict[str, Survey]:
    if not tasks:
        return {}
    # Files in the order of the dates their names carry, cut into runs: a task's small files then
    # span few months, so it keeps their rows in few group files (kept_groups.py: one per month),
    # and files of one template sit together, where they borrow a schema.
    ordered = sorted(tasks, key=lambda t: (date_in_name(t.name) or dt.date.max, t.name))
    slices = contiguous_slices(ordered, slices or spark.sparkContext.defaultParallelism * SLICES_PER_CORE,
                               lambda t: t.size_bytes)

    def survey_slice(files: list[SurveyTask]):
        fs = location.filesystem()
        schemas, texts, detect_seconds = _schemas(fs, files, borrow_max_bytes)
        small = [t for t in files if t.size_bytes < keep_min_bytes]
        # Each small file is named by its place in the slice while read and kept: the name is
        # written on every row, and a key (a 64-character hash) made ~10% of a survey of daily
        # files. The conversion names kept rows after its own tasks (parsed.from_parsed_members).
        by_id = {str(i): t for i, t in enumerate(small)}
        for task in files:
            if task.size_bytes >= keep_min_bytes:
                keeper = _Keeper(fs, location, task.sha256, week) if task.sha256 else None
                with fs.open_input_file(task.lake_path) as handle:
                    survey = survey_file(reader_at(handle), handle.size(), task.name, schemas[task.key], piece_bytes,
                                         keeper, week, stored=task.schema_json is not None)
                parsed_path = keeper.finish(survey.read_whole, survey.schema_json) if keeper else None
                yield _row(task, survey, parsed_path, detect_seconds)
        # Small files of one schema are read as one text, as the conversion would read them
        # (parsed.py); their rows are kept a group file at a time.
        as_files = [FileTask(t.lake_path, i, texts[t.key], EPOCH, 0, t.size_bytes, week=week)
                    for i, t in by_id.items()]
        keeper, waiting = GroupKeeper(fs, location), []
        for group in group_files(as_files, GROUP_BYTES):
            tally = _Tally(_header_named([(m.source_file, m.schema_json) for m in group.tasks
                                          if by_id[m.source_file].schema_json is None]))
            parts = list(tagged_rows(fs, [group], piece_bytes))
            for parsed in parts:
                tally.add(parsed)
            surveyed = [(m.source_file, tally.survey(m.source_file, m.schema_json)) for m in group.tasks]
            shared = reading_hash(group.schema_json, week)  # the members read with their own schema differ
            readings = [shared if s.schema_json == m.schema_json else reading_hash(s.schema_json, week)
                        for (_, s), m in zip(surveyed, group.tasks)]
            keeper.add(parts, {i: (by_id[i].sha256, reading) for (i, _), reading in zip(surveyed, readings)
                               if by_id[i].sha256}, group.size_bytes)
            waiting += surveyed
            if keeper.source_bytes >= GROUP_BYTES:
                yield from _once_kept(keeper.flush(), waiting, by_id, detect_seconds)
                waiting = []
        yield from _once_kept(keeper.flush(), waiting, by_id, detect_seconds)

    return {r["key"]: Survey(r["schema_json"], r["dates"], r["problem"], r["parsed_path"], r["detect_seconds"])
            for r in run_tasks(spark, slices, survey_slice, SURVEYED)}


def _schemas(fs, files: list[SurveyTask], borrow_max_bytes: int | None):
    """(key -> each file's schema: given, borrowed from an earlier file of the slice, or detected;
    key -> its JSON; key -> the seconds that took)."""
    from backintime_assets.detection import FileSchema
    from backintime_assets.detection.detect import problem_schema
    from backintime_assets.ingestion.detect_job import BORROW_MAX_BYTES, DetectTask, detect_one
    from backintime_assets.ingestion.shared_layouts import LayoutMemory

    memory = LayoutMemory()
    schemas, seconds = {}, {}
    for task in files:
        started = time.perf_counter()
        if task.schema_json is not None:
            schemas[task.key] = FileSchema.from_json(task.schema_json)
        else:
            try:
                schemas[task.key] = detect_one(fs, DetectTask(task.key, task.lake_path, task.name, task.size_bytes),
                                               memory, borrow_max_bytes or BORROW_MAX_BYTES)
            except OSError:
                raise  # the lake, not the file: let Spark retry the task
            except Exception as error:  # one file detection cannot read must not stop the others
                schemas[task.key] = problem_schema(task.name, detection_failed(error))
        seconds[task.key] = time.perf_counter() - started
    return schemas, {key: memory.to_json(schema) for key, schema in schemas.items()}, seconds


def _once_kept(kept: dict[str, str], surveyed: list[tuple[str, Survey]], by_id: dict[str, SurveyTask],
               detect_seconds: dict[str, float]):
    """The rows of small files (named by id) once their group file is written: each names its member key."""
    for file_id, survey in surveyed:
        yield _row(by_id[file_id], survey, kept.get(file_id), detect_seconds)


def _row(task: SurveyTask, survey: Survey, parsed_path: str | None, detect_seconds: dict[str, float]) -> dict:
    return dict(key=task.key, schema_json=survey.schema_json, dates=survey.dates, problem=survey.problem,
                parsed_path=parsed_path, detect_seconds=detect_seconds[task.key])


class _Keeper:
    """Writes a file's parsed rows to the parsed zone under a temporary name, moved into place
    once the whole file is read: a task that fails half-way leaves no half file where the
    conversion looks."""

    def __init__(self, fs, location: LakeLocation, sha256: str, week: TradingWeek = MON_FRI):
        self._fs, self._location, self._sha256, self._week = fs, location, sha256, week
        self._path = self._temporary = self._writer = self._out = None

    def __call__(self, parsed: pa.Table, schema_json: str) -> None:
        if self._path is None:
            self._path = self._location.path(parsed_key(self._sha256, schema_json, self._week))
            if self._fs.get_file_info(self._path).type == pafs.FileType.File:
                return  # the same content read the same way: kept already
            self._temporary = f"{self._path}.{uuid.uuid4().hex}.partial"
            make_dirs(self._fs, posixpath.dirname(self._path))
            self._out = buffered_output(self._fs, self._temporary)
            self._writer = pq.ParquetWriter(self._out, KEPT, compression="zstd", use_dictionary=DICTIONARY_COLUMNS)
        if self._writer is not None:
            self._writer.write_table(kept(parsed), row_group_size=PARSED_BATCH_ROWS)

    def finish(self, whole: bool, schema_json: str | None = None) -> str | None:
        """The kept file's path, or None when nothing (or only part of the file) was kept.
        `schema_json`: the schema the survey stores for the file, when it is not the one the rows
        were read with: a header's ticker the whole file did not bear out is dropped from it
        (_borne_out), yet the rows, read without it, are the same; kept under its reading, where
        the conversion looks (parsed.kept_rows_path), not under one no stored schema has."""
        final = self._path
        if schema_json is not None and self._path is not None:
            final = self._location.path(parsed_key(self._sha256, schema_json, self._week))
        if self._writer is None:
            if whole and final != self._path and self._fs.get_file_info(final).type != pafs.FileType.File:
                self._fs.copy_file(self._path, final)  # kept already, under the reading read with
            return final if whole else None
        self._writer.close()
        self._out.close()  # the writer leaves a stream it was given open
        if not whole:
            self._fs.delete_file(self._temporary)
            return None
        self._fs.move(self._temporary, final)
        return final


def survey_file(read_at: Callable[[int, int], bytes], size: int, name: str, schema, piece_bytes: int = PIECE_BYTES,
                keep: Callable[[pa.Table, str], None] | None = None, week: TradingWeek = MON_FRI,
                stored: bool = False) -> Survey:
    """Read every row of a file (`read_at(offset, length)` gives its bytes) with `schema`, or with
    its own detection where a borrowed `schema` does not hold on it. `keep(rows, schema_json)`
    receives the tagged rows (parsed.PARSED) piece by piece, with the schema they were read with.
    `stored`: `schema` is the file's stored one (file_schemas), which the survey's does not replace:
    it is returned as given (no header's ticker dropped: _borne_out), its rows kept under its reading,
    where the conversion looks for them."""
    task = FileTask("", name, schema.to_json(), EPOCH, 0, size, week=week)
    tally = _Tally(_header_named([(name, task.schema_json)]) if not stored else set())
    try:
        for parsed in parse_in_pieces(read_at, size, task, piece_bytes):
            tally.add(parsed)
            if keep is not None:
                keep(parsed, tally.own_schemas.get(name) or task.schema_json)
    except OSError:
        raise  # the lake, not the file: let Spark retry rather than record the file unreadable for good
    except Exception as error:  # a file we cannot read must not stop the others
        return Survey(schema.to_json(), [], detection_failed(error))
    return tally.survey(name, task.schema_json)


def _header_named(files: list[tuple[str, str]]) -> set[str]:
    """Of (name, schema JSON), the names of files whose header detection found to name their ticker
    (FileSchema.ticker), not a user: whether it names every row only the whole file tells."""
    from backintime_assets.ingestion.schema_texts import schema_dict

    return {name for name, schema_json in files
            if (schema := schema_dict(schema_json)).get("ticker") and not schema.get("ticker_from")}


class _Tally:
    """Per file, what its tagged rows (parsed.PARSED) tell, piece after piece. `header_named`: the
    files whose loaded rows' tickers it gathers too (_header_named)."""

    def __init__(self, header_named: set[str] | None = None) -> None:
        self.dates: dict[str, set[dt.date]] = {}
        self.problems: dict[str, str] = {}
        self.own_schemas: dict[str, str] = {}
        self.header_named = header_named or set()
        self.tickers: dict[str, set[str]] = {}

    def add(self, parsed: pa.Table) -> None:
        status = parsed["status"]
        # Counted where they lie: filtered first, every loaded row's name and date had been copied.
        for name, days in file_dates(parsed["source_file"], parsed["date"], pc.equal(status, LOADED)):
            self.dates.setdefault(name, set()).update(days)
        if self.header_named:  # the rare file whose header names its ticker: a few downloads
            named = parsed.filter(pc.and_(pc.equal(status, LOADED), pc.is_in(
                parsed["source_file"], value_set=pa.array(sorted(self.header_named), pa.string()))))
            for name, ticker in set(zip(named["source_file"].to_pylist(), named["ticker"].to_pylist())):
                self.tickers.setdefault(name, set()).add(ticker)
        summary = parsed.select(["source_file", "reason", "schema_json"]).filter(pc.equal(status, FILE_SUMMARY))
        for name, reason, own in zip(summary["source_file"].to_pylist(), summary["reason"].to_pylist(),
                                     summary["schema_json"].to_pylist()):
            if reason and name not in self.problems:
                self.problems[name] = reason
            if own and name not in self.own_schemas:
                self.own_schemas[name] = own

    def survey(self, name: str, schema_json: str) -> Survey:
        dates = sorted(self.dates.get(name, ()))
        problem = self.problems.get(name) or (None if dates else "no loadable rows")
        return Survey(_borne_out(self.own_schemas.get(name) or schema_json, name, self.tickers.get(name)), dates,
                      problem)


def _borne_out(schema_json: str, name: str, tickers: set[str] | None) -> str:
    """The schema a file was read with, saying what the whole file bore out of its header's ticker:
    without it where every row loaded under the file's name; with the tickers its rows load under
    (FileSchema.stacked_tickers) where tables stacked below the first, past detection's sample, name
    their own (normalisation/stacked_tables.py). Stored so, the schema says what the rows load under
    (`schema show`), and a user's one ticker for them all is refused (db/file_overrides.py); read
    with it, the file's rows are the same."""
    from backintime_assets.detection import FileSchema
    from backintime_assets.normalisation import default_ticker_for
    from backintime_assets.normalisation.file_ticker import stooq_polish
    from backintime_assets.normalisation.normalise import series_ticker

    if not tickers:
        return schema_json
    schema = FileSchema.from_json(schema_json)
    if schema.ticker is None:
        return schema_json
    if len(tickers) > 1:
        return FileSchema.to_json(replace(schema, stacked_tickers=", ".join(sorted(tickers))))
    after_file = default_ticker_for(name, schema.data_until, stooq_polish(c.name for c in schema.columns))
    if tickers != {after_file} or after_file == series_ticker(schema.ticker):
        return schema_json
    return FileSchema.to_json(replace(schema, ticker=None))


def file_dates(names: pa.ChunkedArray, dates: pa.ChunkedArray,
               among: pa.ChunkedArray | pa.Array | None = None) -> list[tuple[str, list[dt.date]]]:
    """(name, its distinct non-null dates) for each name among rows of (name, date); `among`: which
    rows count (a boolean mask, nulls not), all if None. With numpy on the dates' day numbers: an Acero
    group_by costs more to set up than a file of rows to read."""
    dates = one_array(dates)
    counted = np.asarray(dates.is_valid(), dtype=bool)
    if among is not None:
        counted &= np.asarray(pc.fill_null(one_array(among), False), dtype=bool)
    if not counted.any():
        return []
    words, code = coded_by_runs(names)  # a file's rows lie together: a lookup a file, not a row
    day = np.asarray(pc.fill_null(dates.cast(pa.int32()), 0), dtype=np.int64)
    keys = ticker_day_key(code[counted], day[counted])  # (name code, day): the same packing
    # A file's rows lie together (parsed._tagged), a daily file's all of one day: runs of one key are
    # cut to their first before the unique, which then hashes a key a file, not a key a row.
    pairs = np.unique(keys[np.r_[True, keys[1:] != keys[:-1]]])
    codes, days = split_ticker_day_key(pairs)
    starts = np.flatnonzero(np.r_[True, codes[1:] != codes[:-1]])
    as_dates = pa.array(days.astype(np.int32), pa.date32()).to_pylist()
    return [(words[codes[a]], as_dates[a:b]) for a, b in zip(starts, np.r_[starts[1:], len(pairs)])]
