"""`backintime`: the scriptable face of the same code paths the Dagster assets use."""
from __future__ import annotations

import argparse
import contextlib
import json
import os
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

from backintime_assets.settings import Settings, mask_url

DEMO_START, DEMO_END = date(2025, 1, 1), date(2025, 12, 31)


class CliError(Exception):
    """A problem the user can fix, reported as one line."""


def _settings() -> Settings:
    return Settings.from_env()


def _check_java() -> None:
    from backintime_assets.services.java import JavaNotFoundError, find_java

    try:
        find_java()
    except JavaNotFoundError as error:
        raise CliError(str(error)) from None


DETECTED = "detected"  # `--day detected`, `--ticker detected`: the user's day, or ticker, taken back
# file_overrides.THOUSANDS_MARKS's names: "apostrophe" too, as a Swiss "1'234.50" is said without
# quoting a lone quote in the shell (`--thousands "'"`).
THOUSANDS_CHOICES = (",", ".", "space", "nbsp", "'", "apostrophe", "none")


def _day(text: str) -> date | str:
    """A day for `schema override --day`: a date, or `detected` to take the user's back."""
    return DETECTED if text == DETECTED else _date(text)


def _decimal_mark(text: str) -> str:
    """A decimal mark for `schema override --decimal-mark`: '.' or ',', or `detected` to take the user's back."""
    from backintime_assets.db.file_overrides import DECIMAL_MARKS

    if text not in (*DECIMAL_MARKS, DETECTED):
        raise argparse.ArgumentTypeError(f"not a decimal mark ('.' or ','; or 'detected'): {text!r}")
    return text


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text}") from None


# -- services ---------------------------------------------------------------------------------

def cmd_services(args) -> None:
    settings = _settings()
    from backintime_assets.services.postgres import EmbeddedPostgres

    embedded = EmbeddedPostgres(settings.postgres_dir)
    if args.action == "start":
        from backintime_assets.instance import prepare_dagster_home

        prepare_dagster_home(settings)
    elif args.action == "stop":
        stopped = embedded.stop()
        print(f"postgres: {'stopped' if stopped else 'was not running'}")
        return
    if settings.postgres_url:
        print(f"postgres: external  {mask_url(settings.postgres_url)}")
    elif embedded.is_running():
        print(f"postgres: running   {mask_url(embedded.url())}")
    else:
        print(f"postgres: stopped   (embedded, data in {embedded.data_dir})")
    endpoint = f"  (endpoint {settings.s3_endpoint_url})" if settings.s3_endpoint_url else ""
    print(f"lake:     {settings.lake_url}{endpoint}")
    print(f"spark:    {settings.spark_master}  (event logs in {settings.spark_event_log_dir})")
    print(f"dagster:  DAGSTER_HOME={settings.dagster_home}")
    print(f"source:   {settings.source_dir}")


# -- data commands ----------------------------------------------------------------------------

def cmd_simulate(args) -> None:
    from backintime_assets.simulation import FileOptions, MarketSpec, write_files

    out = Path(args.out or _settings().source_dir)
    try:
        options = FileOptions(shape=args.shape, drift=args.drift, pollution_rate=args.pollution, profile=args.profile,
                              scale=args.scale, xlsx_share=args.xlsx_share)
    except ValueError as error:
        raise CliError(str(error)) from None
    if args.end < args.start:
        raise CliError(f"--end {args.end} is before --start {args.start}")
    _warn_of_days_after_arrival(args.end)
    progress = ProgressLine(sys.stderr)
    # Files on the deployment's trading days (BACKINTIME_TRADING_WEEK), the days ingestion files them under.
    spec = MarketSpec(n_tickers=args.tickers, seed=args.seed, week=_settings().trading_week)
    report = write_files(spec, args.start, args.end, out, options, progress=progress.update)
    progress.finish(report.rows, report.bytes)
    print(f"wrote {len(report.files)} files, {report.rows:,} rows ({report.clean_rows:,} clean), "
          f"{report.bytes / 1e6:,.1f} MB into {out} in {report.seconds:.1f}s; ground truth: {report.ground_truth}")


def _warn_of_days_after_arrival(end: date) -> None:
    """Ingestion refuses a file dated more than a week after it arrived (detection/after_arrival.py), and
    keeps refusing it when those days come: simulated days ahead of today are never held to load later."""
    from backintime_assets.detection.after_arrival import LEEWAY

    last = date.today() + LEEWAY
    if end > last:
        print(f"warning: --end {end} runs past {last}, a week after today: ingesting these files refuses each one "
              "holding a day after that (dated after it arrived, rows of its earlier days too), and keeps refusing "
              "it when the day comes", file=sys.stderr)


class ProgressLine:
    """Rows and MB written so far, redrawn in place at most ten times a second on a terminal."""

    def __init__(self, stream):
        self.stream, self.last, self.started = stream, 0.0, time.monotonic()
        self.enabled = stream.isatty()

    def update(self, rows: int, written: int) -> None:
        now = time.monotonic()
        if self.enabled and now - self.last >= 0.1:
            self.last = now
            rate = written / 1e6 / max(now - self.started, 1e-9)
            self.stream.write(f"\r{rows:>14,} rows  {written / 1e6:>10,.1f} MB  {rate:>7,.1f} MB/s")
            self.stream.flush()

    def finish(self, rows: int, written: int) -> None:
        if self.enabled:
            self.last = 0.0
            self.update(rows, written)
            self.stream.write("\n")


@contextlib.contextmanager
def _project_resources():
    """The project's resources and survey_files bound to its Spark session and lake, initialised
    as Dagster initialises them for a run (secrets given as EnvVar are read from the environment)."""
    from dagster import build_resources as initialised

    from backintime_assets.definitions import build_resources
    from backintime_assets.ingestion.survey import survey_files

    with initialised(build_resources(_settings())) as resources:
        location = resources.lake.location()
        week = _settings().trading_week
        yield resources, lambda tasks: survey_files(resources.spark.get_session(), location, tasks, week=week)


def _ingest_dates(source: Path, every: bool, withdraw_missing: bool) -> tuple[list[date], int]:
    """Migrate and survey the folder's new files now, as the raw step would: each file is read once,
    and the runs' raw steps find nothing new. Returns the dates to run (those some change touched
    since they last ran, or with `every` all the files hold) and how many price files the folder has."""
    from dagster import DagsterInstance

    from backintime_assets.db import manifest
    from backintime_assets.db.schema import ensure_schema
    from backintime_assets.ingestion.raw import migrate
    from backintime_assets.sensors import changes_not_run

    with _project_resources() as (resources, survey), resources.results_db.connect() as conn:
        ensure_schema(conn)
        report = migrate(conn, source, resources.lake.location(), survey, withdraw_missing,
                         week=_settings().trading_week)
        conn.commit()
        files = manifest.current_files(conn).values()
        if every:
            dates = sorted({day for f in files for day in f.dates})  # nothing loadable: its home date
        else:
            with DagsterInstance.get() as instance:
                dates = changes_not_run(conn, instance)[2]
    for path, problem in sorted(report.problems.items()):
        print(f"warning: {path}: {problem}", file=sys.stderr)
    for line in report.files_not_migrated(limit=20):
        print(f"warning: not migrated: {line}", file=sys.stderr)
    for line in report.carried_lines():
        print(line)
    for line in report.not_carried_lines():
        print(f"warning: {line}", file=sys.stderr)
    for line in report.caveat_lines():
        print(f"warning: {line}", file=sys.stderr)
    for line in report.resettled_lines():
        print(line)
    if report.reread_for_week:
        # The old dates on days the week closes cannot run: cmd_ingest warns of them (closed_days_note).
        print(f"{report.reread_for_week} file(s) hold other dates under BACKINTIME_TRADING_WEEK="
              f"{_settings().trading_week.spec}: their new dates, and their old ones the week keeps, run again")
    if report.moved or report.withdrawn:
        print(f"{report.moved} file(s) moved within the folder, {report.withdrawn} withdrawn: their old rows go")
    if report.missing:
        print(f"{report.missing} file(s) migrated earlier are missing from {source}: their rows stay loaded "
              "(--withdraw-missing takes them out)", file=sys.stderr)
    return dates, len(report.copied) + report.unchanged


def _run_ranges(job_name: str, dates: list[date]) -> None:
    from backintime_assets.runner import range_tags, run_job
    from backintime_assets.sensors import contiguous_ranges

    for first, last in contiguous_ranges(dates):
        _wait_for_runs_writing(first, last)
        started = time.monotonic()
        result = run_job(job_name, tags=range_tags(first, last))
        print(f"{job_name} {first}..{last}: run {result.run_id} succeeded in {time.monotonic() - started:.1f}s")


def _wait_for_runs_writing(first: date, last: date, poll_seconds: float = 5.0) -> None:
    """Runs the daemon launched (raw_changes_sensor) may be writing some of these dates: two runs
    writing a date at once leave whichever finished last, so wait for them."""
    from dagster import DagsterInstance

    from backintime_assets.sensors import dates_in_flight

    with DagsterInstance.get() as instance:
        said = False
        while any(first <= day <= last for day in dates_in_flight(instance)):
            if not said:
                print(f"waiting for other runs writing dates in {first}..{last}", file=sys.stderr)
                said = True
            time.sleep(poll_seconds)


def cmd_ingest(args) -> None:
    _check_java()
    source = Path(args.source).absolute()
    if not source.is_dir():
        raise CliError(f"source folder not found: {source}")
    os.environ["BACKINTIME_SOURCE_DIR"] = str(source)
    _prepare()
    dates, held = _ingest_dates(source, args.all, args.withdraw_missing)
    if not held:
        raise CliError(f"no price files found under {source}")
    from backintime_assets.partitions import beyond_partitions, closed_days_note, outside_partitions

    outside = set(outside_partitions(dates))
    closed = closed_days_note(sorted(outside))
    beyond = beyond_partitions(dates)  # before the start, or ahead
    if beyond:
        print(f"warning: {len(beyond)} date(s) the files hold have no partition, from {beyond[0]} to "
              f"{beyond[-1]}: their rows are not loaded. Partitions start at BACKINTIME_START_DATE "
              f"({_settings().start_date}) and end today; set it earlier to load them.", file=sys.stderr)
    if closed:
        print(f"warning: {closed}", file=sys.stderr)
    runnable = [d for d in dates if d not in outside]
    if not runnable:
        print(f"nothing to run: the {len(dates)} date(s) changed since they last ran have no partition" if dates else
              f"nothing to run: every date of the {held} files has run since it last changed (--all runs them again)")
        return
    _run_ranges("ingest_job", runnable)


def cmd_detect(args) -> None:
    from backintime_assets.detection import detect_file

    failed = False
    for name in args.files:
        try:
            schema = detect_file(name)
        except (OSError, ValueError) as error:
            print(f"{name}: {error}", file=sys.stderr)
            failed = True
            continue
        except Exception as error:  # a detector's fault on one file: said, and the others still sniffed
            # One file that a detector fails on (a bug, as a UTC-stamped column beside a plain date once was)
            # had ended the whole call: the files after it were never sniffed and their lines never printed.
            print(f"{name}: detection failed: {type(error).__name__}: {error}", file=sys.stderr)
            failed = True
            continue
        if args.json:
            print(json.dumps(schema.to_dict(), ensure_ascii=False))
        else:
            # A file refused for a fact (empty, binary, no table) says why, as `schema show` does: else it reads
            # as a file detected with no columns, and the user learns only at ingest that none of it loads.
            problem = f" problem={schema.problem!r}" if schema.problem else ""
            print(f"{name}: encoding={schema.encoding} delimiter={schema.delimiter!r} header_row={schema.header_row}"
                  + problem)
            if schema.date_from:
                print(f"  {_day_line(schema.to_dict())}")
            if schema.ticker:
                print(f"  {_detected_ticker_line(name, schema)}")
            for column in schema.to_dict()["columns"]:
                print(f"  {_column_line(column)}")
    if failed:
        raise CliError("some files could not be read")


def _day_line(schema: dict) -> str:
    """Of a day's list of tickers with no date column, the date its rows load under and where it was
    read, or why none was taken (detection/day_date.py)."""
    if schema.get("day"):
        return f"every row dated {schema['day']} (from {schema['date_from']})"
    return f"no date taken: {schema['date_from']}"


def _ticker_line(schema: dict, read: bool = False) -> str:
    """Of a file without a ticker column whose header (or a user) names its ticker, the ticker its rows
    load under. `read`: its rows were read and bear it out; else a workbook's sheets that name their
    own tickers keep theirs (file_overrides.sheets_caveat), which its schema alone does not tell."""
    from backintime_assets.db.file_overrides import sheets_caveat

    if schema.get("stacked_tickers") and not schema.get("ticker_from"):
        return _stacked_line(schema["stacked_tickers"].split(", "), schema["ticker"])
    sheets = "" if read else sheets_caveat(schema)
    return f"every row of ticker {schema['ticker']} (" + (
        f"from {schema['ticker_from']}" if schema.get("ticker_from") else "named in the header, not the file's name"
    ) + f"{sheets})"


def _detected_ticker_line(path: str, schema) -> str:
    """_ticker_line of a file `detect` read, once its every row is read: detection saw a sample, and
    tables of other tickers stacked below the first (normalisation/stacked_tables.py), or a
    workbook's sheets of their own, load under other names than the header's ticker."""
    from backintime_assets.normalisation.normalise import series_ticker

    named = _loaded_tickers(path, schema)
    if named <= {series_ticker(schema.ticker)}:
        return _ticker_line(schema.to_dict(), read=True)
    return _stacked_line(sorted(named), schema.ticker)


def _stacked_line(named: list[str], header: str) -> str:
    """Of a file whose rows load under several tickers though its header (as detection read it) names
    one: tables stacked below the first under their own headers' (a plain repeat of the header: the
    file's name), or a workbook's sheets of their own."""
    listed = ", ".join(named[:5]) + (", ..." if len(named) > 5 else "")
    return (f"rows of ticker {listed}: the header names {header} for the first table, and tables stacked "
            "below it (or sheets of their own) load under the ticker their own header names")


DETECT_PIECE_BYTES = 16 * 2**20  # `detect` reads a large file's rows a piece at a time, as the survey does
WARNED_FILES = 20  # files named one by one in a warning; the rest are counted


def _loaded_tickers(path: str, schema) -> set[str]:
    """The tickers the file's loaded rows carry, read as the survey reads it (parsed.parse_in_pieces):
    a large file a piece at a time, never the whole of it in memory with its parsed rows."""
    import pyarrow.compute as pc

    from backintime_assets.ingestion.parsed import LOADED, FileTask, parse_in_pieces

    size = Path(path).stat().st_size
    task = FileTask("", path, schema.to_json(), date(1970, 1, 1), 0, size, week=_settings().trading_week)
    named: set[str] = set()
    with open(path, "rb") as handle:
        def read_at(offset: int, length: int) -> bytes:
            handle.seek(offset)
            return handle.read(length)

        for part in parse_in_pieces(read_at, size, task, DETECT_PIECE_BYTES):
            named.update(part.filter(pc.equal(part["status"], LOADED))["ticker"].unique().to_pylist())
    return named


def _column_line(column: dict) -> str:
    """A column of a schema, as `detect` and `schema show` print it: `Close_2: float -> close of MSFT`."""
    from backintime_assets.db.file_schemas import WHOLE_ONLY_SAID  # the CLI imports what a command needs
    from backintime_assets.detection.multipliers import unsized_unit

    fmt = f" ({column['format']})" if column.get("format") else ""
    if column.get("order_from"):  # "(%d/%m/%Y; order settled by 9 sibling files of the same layout)"
        fmt = f" ({column['format']}; {column['order_from']})"
    if column.get("swapped_cells"):  # "(%d/%m/%Y; 36 ISO dates (date cells) read with day and month swapped ...)"
        fmt = f" ({column['format']}; {column['swapped_cells']})"
    mapped = f" -> {column['canonical']}" if column.get("canonical") else ""
    mapped += f" of {column['series']}" if column.get("series") else ""  # several tickers side by side
    if column.get("multiplier") is not None:
        mapped += f" x{column['multiplier']:g}"  # "Volume ('000): integer -> volume x1000"
        if column.get("whole_only"):  # carried to a version whose numbers gained a decimal mark
            mapped += f" ({WHOLE_ONLY_SAID})"
    elif unsized_unit(column.get("unit")):  # lots of a size the file does not give: loaded as NULL
        mapped += f" (in {column['unit']}, of a size unsaid: volume not loaded; set --multiplier)"
    elif column.get("unit"):
        mapped += f" (in {column['unit']}: not applied; set --multiplier)"
    return f"{column['name']}: {column['type']}{fmt}{mapped}"


def cmd_schema(args) -> None:
    import psycopg

    from backintime_assets.db import carried_corrections, file_overrides, file_schemas, manifest
    from backintime_assets.db.schema import ensure_schema
    from backintime_assets.detection.read_as_named import read_as_named
    from backintime_assets.instance import results_url

    if args.action == "redetect":
        _schema_redetect(args)
        return
    if len(args.files) != 1 or args.all or args.dry_run:
        raise CliError(f"schema {args.action} takes one FILE (no --all, no --dry-run)")
    args.file = args.files[0]
    with psycopg.connect(results_url(_settings())) as conn:
        ensure_schema(conn)
        try:
            sha = file_schemas.current_sha256(conn, args.file)
        except file_schemas.OverrideError as error:
            raise CliError(str(error)) from None
        if args.action == "show":
            final = file_schemas.final_schema(conn, sha)
            if final is not None:  # as this name reads it, as its rows load (read_as_named.py)
                final = read_as_named(final, args.file, manifest.current_names(conn, [sha]).get(sha, ()))
            settings = file_overrides.stored(conn, [sha]).get(sha, {})
            columns = file_schemas.overrides(conn, [sha]).get(sha, [])
            carried = carried_corrections.recorded(conn, sha)
            if args.json and final is not None:
                # The schema, and beside its keys what of it users said: the file's overrides (those taken
                # back too) and what its previous version's corrections it took.
                final = {**final, "file_overrides": _file_overrides_json(settings),
                         "carried_corrections": carried_corrections.as_json(carried, settings, columns)}
            _show_schema(args.file, final, args.json, corrected={o.column_index: o for o in columns})
            if not args.json:
                for line in _file_override_lines(settings, final or {}):
                    print(f"  {line}")
                for line in carried_corrections.lines(carried, settings, columns):
                    print(f"  {line}")
            return
        column = args.column if args.column_number is None else args.column_number - 1
        of_column = bool(args.type or args.format or args.mapping or args.multiplier is not None)
        of_file = args.day is not None or args.ticker is not None or args.load_refused is not None \
            or args.decimal_mark is not None
        if args.thousands is not None and args.decimal_mark in (None, DETECTED):
            raise CliError("--thousands goes with --decimal-mark . or , (the two marks are read together)")
        if (column is None) == of_column or not (of_column or of_file):
            raise CliError("override needs --column (or --column-number) and at least one of --type, --format, "
                           "--mapping, --multiplier; or, of the whole file, --day, --ticker, --load-refused or "
                           "--decimal-mark")
        if args.day is not None and args.layout:
            raise CliError("--day is one file's: the files of a layout are other days' (no --layout)")
        if args.ticker is not None and args.layout:
            raise CliError("--ticker is one file's: the files of a layout may be other securities' (no --layout)")
        _check_java()  # before anything is stored: the files are read again on Spark
        targets = file_schemas.files_sharing_layout(conn, sha) if args.layout else [sha]
        # The layout's files that load, asked once: their folders (a path's superseded versions are no other
        # office's files), and each correction's count of them.
        current = file_schemas.current_versions(conn, targets) if args.layout else set()
        folders = file_schemas.folders_of(conn, sorted(current)) if args.layout else {}
        try:
            said = _override(conn, sha, targets, current, column, args) if of_column else []
            said += _override_file(conn, sha, targets, current, args)
        except (file_schemas.OverrideError, file_overrides.FileOverrideError) as error:
            raise CliError(str(error)) from None
        # A corrected date format can move a file's rows to other dates: read the files again, then
        # store the correction and the dates together, or neither.
        before = manifest.problems_of(conn, targets)
        dates = _resurvey(conn, targets)
        # --no-load-refused alone brings a file's refusal back as asked: no warning of it (said with
        # other corrections, theirs may leave the file nothing to load: warned of).
        refusal_only = args.load_refused is False and not of_column and args.day is None and args.ticker is None \
            and args.decimal_mark is None
        now = {} if refusal_only else manifest.problems_of(conn, targets)
        refused = {path: problem for path, problem in now.items() if problem and before.get(path) != problem}
        conn.commit()
        version = file_schemas.schema_version(conn, targets)
    _prepare()
    from backintime_assets.runner import report_schema_change

    report_schema_change(dates, version, f"{args.by}: {'; '.join(said)}")
    print(f"{'; '.join(said)}; {len(dates)} date(s) now need a rerun" + (f": {dates[0]}..{dates[-1]}" if dates else ""))
    from backintime_assets.partitions import beyond_partitions, closed_days_note

    # A day (or a corrected date format) may file rows where no partition is: no run loads them.
    outside = beyond_partitions(dates)
    if outside:
        print(f"warning: {len(outside)} of those date(s) have no partition, {outside[0]}..{outside[-1]}: no run "
              f"loads the rows filed there. Partitions start at BACKINTIME_START_DATE ({_settings().start_date}) "
              "and end today.", file=sys.stderr)
    for path, problem in sorted(refused.items())[:WARNED_FILES]:
        # A type or format the file's cells refuse is stored as said (the user's word), and every row
        # of the file would be rejected at its rerun: said now, beside the command that did it.
        print(f"warning: read with the correction, {path} loads no row ({problem}); say the detected "
              f"value again (schema show lists the columns) if that is not meant", file=sys.stderr)
    if len(refused) > WARNED_FILES:  # a wrong format said of a layout of years of daily files
        print(f"warning: and {len(refused) - WARNED_FILES} more file(s) load no row read with the correction",
              file=sys.stderr)
    closed = closed_days_note(dates)  # dates the files held under an earlier week
    if closed:
        print(f"warning: {closed}", file=sys.stderr)
    if args.layout and len(folders) > 1:
        # A header is shared by unrelated offices (a London desk's day-first files, a New York desk's month-first):
        # the correction reached them all, which the user, having named one file, is told folder by folder.
        reached = ", ".join(f"{folder or '(the root)'}: {count}" for folder, count in sorted(folders.items()))
        print(f"warning: --layout reached files of {len(folders)} folders ({reached}); offices may share a header "
              "but not its reading: where one folder's files are not meant, take it back there (the detected "
              "value said of each file)", file=sys.stderr)


def _override(conn, sha: str, targets: list[str], current: set[str], column: str | int, args) -> list[str]:
    """A column's correction, in the given files (`current`: those that load, of a layout); what was
    done, as the user is told it."""
    from backintime_assets.db import file_schemas

    # The column each file means, found before the change where what it lifts is asked (whole_only reads
    # what the change clears), and again after it for what the user is told: a wide table's column is
    # labelled by its mapping, the one just set.
    meant = file_schemas.columns_meant(conn, targets, column) if args.multiplier is not None else None
    lifted = file_schemas.whole_only(conn, meant) if meant is not None else []
    changed = file_schemas.override_column(conn, targets, column, args.by, args.type, args.format, args.mapping,
                                           args.multiplier, meant=meant)
    reached = file_schemas.columns_meant(conn, targets, column)
    # Of a layout, the file named may lack a column its other files hold: column_label refuses that.
    label = next((m.label for m in reached if m.sha256 == sha), None) or file_schemas.column_label(conn, sha, column)
    # Files whose carried multiplier rejected numbers with a decimal mark (ColumnSchema.whole_only).
    lifted_note = _carried_rejection_lifted(len(lifted), len(targets) > 1, "with a decimal mark", "another unit's",
                                            "the multiplier was", "this multiplier reads")
    if args.layout:
        of = _of_layout([m.sha256 for m in reached], current)
    else:
        of = f"{changed} of {len(targets)} file(s)"
    return [f"changed column {label}: {of}" + lifted_note]


def _of_layout(chosen: list[str], current: set[str]) -> str:
    """The "N of M current file(s)" text: of a layout's files, those a correction reached (`chosen`),
    counted among the files that load (`current`). A path's superseded versions share its layout and take
    the correction too (a version brought back reads by it), but counted with the others they made "4 of 4
    files" of a layout of 3: said apart."""
    reached = set(chosen)
    of = f"{len(reached & current)} of {len(current)} current file(s)"
    superseded = len(reached - current)
    return of + (f" (and {superseded} superseded version(s) of them)" if superseded else "")


def _carried_rejection_lifted(files: int, of_several: bool, numbers: str, rejected_as: str, carried: str,
                              read_by: str) -> str:
    """What saying a correction again lifts, of `files` whose carried correction rejected numbers the new
    version writes otherwise (a decimal mark under a multiplier, thousands grouped under marks): their rows
    then load as the correction said again reads them, which the user is told, having perhaps named only a
    layout (`of_several`)."""
    if not files:
        return ""
    whose = f" of {files} of them" if of_several else ""
    return (f"; the numbers{whose} {numbers}, rejected as {rejected_as} since {carried} carried to a version that "
            f"writes them, now load as {read_by} them")


def _override_file(conn, sha: str, targets: list[str], current: set[str], args) -> list[str]:
    """The whole file's corrections (after a column's: unmapping a column that holds no trade dates
    lets a day date the rows); what was done, as the user is told it. `current`: as for _override."""
    from backintime_assets.db import file_overrides, file_schemas

    said = []
    if args.day is not None:
        day = None if args.day == DETECTED else args.day
        file_overrides.set_day(conn, sha, file_schemas.final_schema(conn, sha), day, args.by,
                               _settings().trading_week)
        said.append((f"every row of {args.file} dated {day}" if day else f"{args.file} dated as detected")
                    + _copies(conn, sha, args.file))
    if args.ticker is not None:
        symbol = None if args.ticker == DETECTED else args.ticker
        final = file_schemas.final_schema(conn, sha)
        stored = file_overrides.set_ticker(conn, sha, final, symbol, args.by)
        sheets = file_overrides.sheets_caveat(final or {}, ", ")
        said.append((f"every row of {args.file} of ticker {stored}{sheets}" if stored
                     else f"{args.file} named as detected") + _copies(conn, sha, args.file))
    if args.load_refused is not None:
        chosen = file_overrides.set_load_refused(conn, sha, targets, args.load_refused, args.by)
        of = _of_layout(chosen, current) if args.layout else f"{len(chosen)} of {len(targets)} file(s)"
        said.append(f"{of} " + (
            "load though detection refused them" if args.load_refused else "refused again as detected"))
    if args.decimal_mark is not None:
        said.append(_override_marks(conn, sha, targets, current, args))
    return said


def _override_marks(conn, sha: str, targets: list[str], current: set[str], args) -> str:
    """A user's decimal and thousands marks for the file, or its layout (`current`: as for _override); what
    was done, as the user is told it."""
    from backintime_assets.db import file_overrides, file_schemas
    from backintime_assets.detection.comma_groups import COMMA_GROUPED, DOT_GROUPED

    marks = None
    if args.decimal_mark != DETECTED:
        marks = args.decimal_mark, file_overrides.THOUSANDS_MARKS[args.thousands or "none"]
    finals = file_schemas.final_schemas(conn, targets)
    held = file_overrides.in_force(conn, targets)
    chosen = file_overrides.set_marks(conn, sha, targets, finals, marks, args.by)
    of = _of_layout(chosen, current) if args.layout else args.file + _copies(conn, sha, args.file)
    lifted = _ungrouped_lifted({s: held.get(s, {}).get(file_overrides.MARKS) for s in chosen}, args.layout)
    if marks is None:
        return f"numbers of {of} read with the marks detected{lifted}"
    # A column read by its own grouping (detection/comma_groups.py) keeps it: said, or the user believes otherwise.
    own = sorted({c["name"] for s in chosen for c in finals[s].get("columns", [])
                  if c.get("format") in (COMMA_GROUPED, DOT_GROUPED)})
    kept = f"; column {', '.join(own)} keeps its own grouping: see `schema show`" if own else ""
    # What detection read, beside the user's: marks it saw in the sample and the user reverses are the
    # likelier mistake, which the user can see before the rerun.
    detected = file_schemas.stored_detections(conn, [sha]).get(sha) or {}
    was = "none settled" if detected.get("decimal_unseen") else file_overrides.marks_label(
        detected.get("decimal"), detected.get("thousands"))
    return f"numbers of {of} read with {file_overrides.marks_label(*marks)} (detected: {was}{kept}){lifted}"


def _ungrouped_lifted(was: dict, layout: bool) -> str:
    """What saying marks again lifts, of files whose carried marks rejected numbers read as grouped (another
    locale's, FileSchema.ungrouped; `was`: sha256 -> the marks override in force before, or None): their
    rows then load as the new marks read them, which the user is told, having perhaps named only a layout."""
    from backintime_assets.db.file_overrides import ungrouped

    lifted = [s for s, o in was.items() if o is not None and ungrouped(o.value)]
    columns = sorted({c for s in lifted for c in ungrouped(was[s].value)})
    return _carried_rejection_lifted(len(lifted), layout, f"in {', '.join(columns)} read as grouping thousands",
                                     "another locale's", "their marks were", "these marks read")


def _copies(conn, sha: str, path: str) -> str:
    """A file's own corrections (a day, a ticker) are kept per content: its copies under other names
    take them too, which the user is told, or they would believe only `path` changed."""
    from backintime_assets.db import manifest

    others = [p for p in manifest.current_names(conn, [sha]).get(sha, []) if p != path]
    if not others:
        return ""
    listed = ", ".join(others[:5]) + (", ..." if len(others) > 5 else "")
    return f" (and of {listed}: the same content under {'another name' if len(others) == 1 else 'other names'})"


def _schema_redetect(args) -> None:
    """Detect stored files again; print what changes and, unless a dry run, store it and report the
    dates to run again."""
    import psycopg

    from backintime_assets.db import file_schemas, manifest
    from backintime_assets.db.schema import ensure_schema
    from backintime_assets.ingestion.redetect import redetect
    from backintime_assets.instance import results_url

    if bool(args.files) == args.all:
        raise CliError("schema redetect takes FILE... or --all")
    if (args.column or args.column_number or args.type or args.format or args.mapping or args.layout
            or args.multiplier is not None or args.day is not None or args.ticker is not None
            or args.load_refused is not None or args.decimal_mark is not None or args.thousands is not None):
        raise CliError("schema redetect takes no column options, nor --day, --ticker, --load-refused or "
                       "--decimal-mark: a correction is `schema override`")
    _check_java()  # the files are read on Spark
    with psycopg.connect(results_url(_settings())) as conn:
        ensure_schema(conn)
        try:
            targets = (sorted({f.sha256 for f in manifest.current_files(conn).values()}) if args.all
                       else list(dict.fromkeys(file_schemas.current_sha256(conn, f) for f in args.files)))
        except file_schemas.OverrideError as error:
            raise CliError(str(error)) from None
        with _project_resources() as (resources, survey):
            result = redetect(conn, targets, survey, store=not args.dry_run, week=_settings().trading_week,
                              fs=resources.lake.location().filesystem())
        if args.dry_run:
            conn.rollback()
        else:
            conn.commit()  # the new detections, the files' dates and the change log, together
        version = file_schemas.schema_version(conn, result.stored) if result.stored else None
    for found in result.changed:
        for change in found.changes:
            print(f"{found.source_path}: {change}")
        if found.kept_back:
            print(f"{found.source_path}: {found.kept_back}", file=sys.stderr)
    changed, checked = len(result.changed), len(result.files)
    if args.dry_run:
        print(f"{changed} of {checked} file(s) would change (dry run: nothing stored)")
        return
    if result.reread:
        _prepare()
        from backintime_assets.runner import report_schema_change

        who = args.by or "someone"
        report_schema_change(result.dates, version, f"{who} redetected {len(result.reread)} file(s)")
    dates = result.dates
    print(f"{len(result.stored)} of {checked} file(s) changed and stored, {changed - len(result.stored)} kept back; "
          f"{len(dates)} date(s) now need a rerun" + (f": {dates[0]}..{dates[-1]}" if dates else "")
          + (f"; {len(result.noted)} reading as before stored with the evening stamps noted" if result.noted else ""))


def _marks_line(schema: dict) -> str:
    """How the file's numbers are read: what a user looks at before --decimal-mark. A sample of whole
    numbers settles no mark (decimal_unseen): a later '1,500' or '12.125' is rejected until one is said."""
    from backintime_assets.db.file_overrides import TYPED_NUMBERS, marks_label

    if schema.get("file_format") in TYPED_NUMBERS:
        return "numbers: typed cells of a workbook (text cells read with " + marks_label(
            schema.get("decimal"), schema.get("thousands")) + ")"
    if schema.get("decimal_unseen"):
        return ("numbers: no decimal or thousands mark in the sample, none settled (a lone '.' or ',' before three "
                "digits is rejected as undecided; --decimal-mark says which)")
    said = f"numbers: {marks_label(schema.get('decimal'), schema.get('thousands'))}"
    if schema.get("marks_from"):
        return f"{said} (settled by {schema['marks_from']})"
    if schema.get("marks_guessed"):
        return f"{said} (a guess: every marked number of the sample reads either way; --decimal-mark says which)"
    return said


def _show_schema(file: str, schema: dict | None, as_json: bool, corrected: dict | None = None) -> None:
    """`corrected`: column index -> the user's correction of it (file_schemas.Override), whose author and time
    file_schemas keeps: shown beside the column, as a file's own overrides are (_file_override_lines)."""
    corrected = corrected or {}
    if schema is not None and corrected:
        schema = {**schema, "columns": [
            {**column, **_changed_json(corrected[i])} if i in corrected else column
            for i, column in enumerate(schema["columns"])]}
    if as_json or schema is None:
        print(json.dumps(schema, indent=1))
        return
    print(f"{file}: encoding={schema.get('encoding')} delimiter={schema.get('delimiter')!r} "
          f"header_row={schema.get('header_row')} data_start_line={schema.get('data_start_line')} "
          f"footer_lines={schema.get('footer_lines')}" + (f" problem={schema['problem']!r}" if schema.get("problem")
                                                           else ""))
    if schema["columns"]:  # a file refused for a fact (binary, empty, no table) reads no number to say how
        print(f"  {_marks_line(schema)}")
    if schema.get("date_from"):
        print(f"  {_day_line(schema)}")
    if schema.get("ticker"):
        print(f"  {_ticker_line(schema)}")
    for number, column in enumerate(schema["columns"], 1):  # numbered as --column-number takes them
        said = corrected.get(number - 1)
        by = f" (corrected {_changed_by(said)})" if said else ""
        print(f"  {number} {_column_line(column)}{by}")


def _changed_by(said) -> str:
    """Who set a correction or a file's override, and when, as `schema show` says it: `by ana at 2025-03-03 09:30`."""
    return f"by {said.changed_by}" + (f" at {said.changed_at:%Y-%m-%d %H:%M}" if said.changed_at else "")


def _changed_json(said) -> dict:
    """`schema show --json`'s keys of a correction or a file's override: who set it and when (ISO 8601)."""
    return {"changed_by": said.changed_by, "changed_at": said.changed_at.isoformat() if said.changed_at else None}


def _file_overrides_json(settings: dict) -> list[dict]:
    """`schema show --json`'s `file_overrides`: each setting as stored, marks as their decimal and thousands
    (and `ungrouped`), a value taken back as null, with who set it and when."""
    from backintime_assets.db.file_overrides import MARKS

    return [{"setting": setting, "value": json.loads(o.value) if setting == MARKS and o.value else o.value,
             **_changed_json(o)} for setting, o in sorted(settings.items())]


def _file_override_lines(settings: dict, final: dict) -> list[str]:
    """A file's own overrides as `schema show` lists them, under its day line: who set them and when,
    and what detection said (the day line shows the date in force). One its final schema (`final`)
    does not follow says so: a day once a column is mapped to the date, a lifted refusal once a new
    detection refuses the file otherwise; kept, it would again apply if that changed back."""
    from backintime_assets.db.file_overrides import (
        DAY, LOAD_REFUSED, MARKS, TICKER, TYPED_NUMBERS, date_columns, marks_label, naming_columns, read_marks,
        sheets_caveat, ungrouped, ungrouped_said,
    )

    lines = []
    for setting, o in sorted(settings.items()):
        when = _changed_by(o)
        if setting == DAY:
            idle = f"; not in force: column {date_columns(final)[0]!r} dates the rows" \
                if o.value and final.get("day") != o.value and date_columns(final) else ""
            lines.append(f"override: every row dated {o.value} ({when}{idle})" if o.value
                         else f"override: day taken back, as detected ({when})")
        elif setting == TICKER:
            named = naming_columns(final)
            idle = f"; not in force: column {named[0]!r} names the rows' tickers" \
                if o.value and final.get("ticker") != o.value and named else ""
            idle = idle or (sheets_caveat(final) if o.value else "")
            lines.append(f"override: every row of ticker {o.value} ({when}{idle})" if o.value
                         else f"override: ticker taken back, as detected ({when})")
        elif setting == LOAD_REFUSED:
            idle = "; not in force: detection refuses it otherwise now (problem above)" \
                if o.value and final.get("problem") else ""
            lines.append(f"override: loads though detection refused it: {o.value} ({when}{idle})" if o.value
                         else f"override: refused again, as detected ({when})")
        elif setting == MARKS:
            # A new detection that finds the file a workbook (its numbers typed) reads no marks.
            idle = "; not in force: a workbook's numbers are typed" \
                if o.value and final.get("file_format") in TYPED_NUMBERS else ""
            if o.value and not idle and ungrouped(o.value):
                idle = f"; {ungrouped_said(ungrouped(o.value))}"
            lines.append(f"override: numbers read with {marks_label(*read_marks(o.value))} ({when}{idle})"
                         if o.value else f"override: numbers read with the marks detected ({when})")
    return lines


def _resurvey(conn, sha256s: list[str]) -> list[date]:
    from backintime_assets.ingestion.raw import resurvey_as_said

    with _project_resources() as (_, survey):
        return resurvey_as_said(conn, sha256s, survey, _settings().trading_week)


def cmd_lake_prune_parsed(args) -> None:
    from backintime_assets.db.schema import ensure_schema
    from backintime_assets.ingestion.parsed_pruning import GRACE, prune_parsed_zone

    # Safe while runs go on: a kept file deleted under a conversion reads as not kept, and its text
    # is parsed; files younger than GRACE, which a running survey may be keeping, are left.
    with _project_resources() as (resources, _), resources.results_db.connect() as conn:
        ensure_schema(conn)
        pruned = prune_parsed_zone(conn, resources.lake.location(), dry_run=args.dry_run,
                                   week=_settings().trading_week)
    print(f"{'would remove' if args.dry_run else 'removed'} {pruned.files} file(s), {pruned.bytes / 1e6:,.1f} MB "
          f"from the parsed zone (files younger than {GRACE.total_seconds() / 3600:g} hours left)")


def cmd_backtest(args) -> None:
    _check_java()
    _prepare()
    if args.strategy == "monthly_ma_dip":
        _monthly_backtest()
        return
    from backintime_assets.runner import run_job

    _lake_dates()  # fails early, and clearly, on an empty lake
    config = {"strategy": args.strategy, "name": args.name or "", "fast": args.fast, "slow": args.slow}
    if args.sql:
        config["sql"] = Path(args.sql).read_text()
    result = run_job("strategy_backtest_job", run_config={"ops": {"strategy_backtest": {"config": config}}})
    print(f"strategy_backtest_job: run {result.run_id} succeeded")


def _lake_dates() -> list[str]:
    from backintime_assets.lake.tables import list_dates

    with _project_resources() as (resources, _):  # initialised: S3 secrets may be EnvVars
        dates = list_dates(resources.lake.location(), "prices")
    if not dates:
        raise CliError("no prices in the lake yet: run `backintime ingest` (or `demo`) first")
    return dates


def _monthly_backtest() -> None:
    """monthly_ma_dip's entries for every month the lake holds, then the trades marked to market."""
    from backintime_assets.runner import range_tags, run_job

    dates = _lake_dates()
    first, last = date.fromisoformat(dates[0]).replace(day=1), date.fromisoformat(dates[-1]).replace(day=1)
    for job, tags in (("backtest_entries_job", range_tags(first, last)), ("mark_trades_job", {})):
        result = run_job(job, tags=tags)
        print(f"{job}: run {result.run_id} succeeded")


def cmd_dashboard(args) -> None:
    from backintime_assets.instance import dashboard_url

    url = dashboard_url(_settings())
    print(f"Dash app: http://127.0.0.1:{args.port}/")
    # Through the environment, not argv, so the password does not show in `ps`.
    env = {**os.environ, "BACKINTIME_DASHBOARD_DB_URL": url}
    subprocess.run([sys.executable, "-m", "dashboard", "--port", str(args.port)], check=True, env=env)


def _prepare() -> dict[str, str]:
    from backintime_assets.instance import prepare_dagster_home

    return prepare_dagster_home(_settings())


def cmd_demo(args) -> None:
    _check_java()
    settings = _settings()
    env = _prepare()
    from backintime_assets.partitions import window_dates

    dates = [d for d in window_dates(args.start, args.end.fromordinal(args.end.toordinal() + 1))]
    print(f"demo: simulating and ingesting {len(dates)} trading days into {settings.lake_url}")
    _run_ranges("demo_job", dates)
    _monthly_backtest()
    if args.no_serve:
        return
    _serve(settings, env, args.dagster_port, args.dash_port)


def _serve(settings: Settings, env: dict[str, str], dagster_port: int, dash_port: int) -> None:
    from backintime_assets.instance import dashboard_url

    root = Path(__file__).resolve().parent.parent
    full_env = {**os.environ, **env}
    bin_dir = Path(sys.executable).parent
    processes = [
        subprocess.Popen([str(bin_dir / "dagster"), "dev", "-w", str(root / "workspace.yaml"), "-h", "127.0.0.1",
                          "-p", str(dagster_port)], env=full_env, cwd=root),
        subprocess.Popen([sys.executable, "-m", "dashboard", "--port", str(dash_port)],
                         env={**full_env, "BACKINTIME_DASHBOARD_DB_URL": dashboard_url(settings)}, cwd=root),
    ]
    print(f"Dagster UI: http://127.0.0.1:{dagster_port}/")
    print(f"Dash app:   http://127.0.0.1:{dash_port}/")
    print("Ctrl+C stops both.")
    try:
        while all(p.poll() is None for p in processes):
            time.sleep(1)
    except KeyboardInterrupt:
        pass
    finally:
        for p in processes:
            p.terminate()


def cmd_dagster(args) -> None:
    """Dagster's own CLI on this home's instance. Its dagster.yaml takes the storage URL from the
    environment (no secret on disk): DAGSTER_HOME, BACKINTIME_DAGSTER_PG_URL (the embedded server's
    password is generated, and shown nowhere) and BACKINTIME_HOME are set here, the server started, for
    `dagster asset materialize ...` or `dagster dev` as written in Dagster's documentation. This process
    becomes dagster (exec): Ctrl+C and its exit status are dagster's own, where a child `dagster dev` was
    killed by subprocess.run a quarter second after Ctrl+C, leaving its webserver and daemon running."""
    if not args.dagster_args:
        raise CliError("backintime dagster takes dagster's own arguments: e.g. `backintime dagster asset "
                       "materialize -m backintime_assets.definitions --select prices,rejected_rows "
                       "--partition 2025-03-03`")
    dagster = str(Path(sys.executable).parent / "dagster")
    if not os.access(dagster, os.X_OK):  # exec would fail with a bare FileNotFoundError
        raise CliError(f"no dagster command beside this Python ({dagster}): install backintime into an "
                       "environment with its dependencies (`make install`)")
    env = _prepare()
    sys.stdout.flush()
    os.execve(dagster, [dagster, *args.dagster_args], {**os.environ, **env})


# -- entry point ------------------------------------------------------------------------------

def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="backintime", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    demo = sub.add_parser("demo", help="simulate a market, materialize every asset, serve the UIs")
    demo.add_argument("--start", type=_date, default=DEMO_START)
    demo.add_argument("--end", type=_date, default=DEMO_END)
    demo.add_argument("--no-serve", action="store_true", help="stop after materializing")
    demo.add_argument("--dagster-port", type=int, default=3000)
    demo.add_argument("--dash-port", type=int, default=8050)
    demo.set_defaults(func=cmd_demo)

    simulate = sub.add_parser("simulate", help="write simulated price files")
    simulate.add_argument("--start", type=_date, required=True)
    simulate.add_argument("--end", type=_date, required=True)
    simulate.add_argument("--tickers", type=int, default=50)
    simulate.add_argument("--seed", type=int, default=7)
    simulate.add_argument("--out", help="folder to write into (default: BACKINTIME_SOURCE_DIR)")
    simulate.add_argument("--shape", choices=["daily", "archive"], default="daily",
                          help="daily drop files per exchange, or multi-year archives of ticker groups")
    simulate.add_argument("--drift", choices=["none", "eras", "random"], default="none",
                          help="layout drift: none, one layout per era, or one per file")
    simulate.add_argument("--pollution", type=float, default=0.0, help="share of damaged rows and files (0..1)")
    simulate.add_argument("--profile", choices=["original"], help="the original archive's file-size mix")
    simulate.add_argument("--scale", type=float, default=1.0, help="with --profile: file-size multiplier")
    simulate.add_argument("--xlsx-share", type=float, default=0.0, help="share of files written as .xlsx")
    simulate.set_defaults(func=cmd_simulate)

    ingest = sub.add_parser("ingest", help="migrate a folder of price files: raw files, schemas, prices")
    ingest.add_argument("--source", required=True)
    ingest.add_argument("--all", action="store_true",
                        help="run every date the files hold, not only the dates changed since they last ran")
    ingest.add_argument("--withdraw-missing", action="store_true",
                        help="take files missing from the folder out of the lake's current set (their rows go "
                             "when their dates run), instead of keeping them loaded")
    ingest.set_defaults(func=cmd_ingest)

    detect = sub.add_parser("detect", help="print the detected dialect and column types of files")
    detect.add_argument("files", nargs="+")
    detect.add_argument("--json", action="store_true", help="one JSON object per file per line")
    detect.set_defaults(func=cmd_detect)

    schema = sub.add_parser("schema", help="show, correct or detect again raw files' schemas")
    schema.add_argument("action", choices=["show", "override", "redetect"])
    schema.add_argument("files", nargs="*", metavar="FILE",
                        help="the file's path relative to the source folder (redetect: one or more)")
    schema.add_argument("--all", action="store_true", help="redetect: every current file")
    schema.add_argument("--dry-run", action="store_true", help="redetect: only print what would change")
    # One or the other: a column named and numbered both would leave one of them unheeded.
    meant = schema.add_mutually_exclusive_group()
    meant.add_argument("--column", help="column name as in the file's header (as `schema show` lists it)")
    meant.add_argument("--column-number", type=int,
                        help="the column's number, from 1, as `schema show` lists it (two columns of one name)")
    schema.add_argument("--json", action="store_true", help="show: the whole schema as JSON")
    schema.add_argument("--type", choices=["integer", "float", "date", "timestamp", "boolean", "string"])
    schema.add_argument("--format", help="e.g. %%d/%%m/%%Y for a date column")
    schema.add_argument("--mapping", help="canonical column (date, ticker, sector, open, high, low, close, adj_close, "
                                           "volume) or none")
    schema.add_argument("--multiplier", type=float,
                        help="what the column's values are multiplied by on loading (1000 for a volume in "
                             "thousands, 100 for lots of 100 shares; 1 for none)")
    schema.add_argument("--day", type=_day, metavar="YYYY-MM-DD",
                        help="of a day's list of tickers with no date column: the date every row loads under "
                             "(the title's or file name's is wrong, or was not certain); 'detected' takes it back")
    schema.add_argument("--ticker", metavar="SYMBOL",
                        help="of a file with no ticker column: the ticker every row loads under (the file's name "
                             "or its header's is wrong); stored trimmed, in capitals; 'detected' takes it back")
    schema.add_argument("--load-refused", action=argparse.BooleanOptionalAction,
                        help="load a file detection refused by a judgement (a list of trades, not prices; "
                             "several tickers side by side) with its mapping; --no-load-refused refuses it again")
    # Choices joined by "|": joined by argparse's commas, "{.,,,detected}" hid the comma among them.
    schema.add_argument("--decimal-mark", type=_decimal_mark, metavar="{.|,|detected}",
                        help="the decimal mark every number of the file is read with, in place of detection's "
                             "(its sample wrote only whole numbers, or misled it); not of a workbook, whose "
                             "numbers are typed; 'detected' takes it back")
    schema.add_argument("--thousands", choices=list(THOUSANDS_CHOICES),
                        metavar="{" + "|".join(THOUSANDS_CHOICES) + "}",
                        help="with --decimal-mark: the mark grouping thousands (space: U+0020, nbsp: U+00A0); "
                             "default none: no mark of the file's, yet a number grouped by the other mark past "
                             "doubt ('1,234,567' of a decimal dot) reads so, as in a file detected without one")
    schema.add_argument("--layout", action="store_true", help="apply to every file sharing this file's layout")
    schema.add_argument("--by", default=os.environ.get("USER", ""), help="who makes the change (default: $USER)")
    schema.set_defaults(func=cmd_schema)

    lake = sub.add_parser("lake", help="look after the lake")
    lake_actions = lake.add_subparsers(dest="action", required=True)
    prune = lake_actions.add_parser("prune-parsed", help="delete kept parsed rows no current file reads")
    prune.add_argument("--dry-run", action="store_true", help="only say how many files and bytes would go")
    prune.set_defaults(func=cmd_lake_prune_parsed)

    backtest = sub.add_parser("backtest", help="run the backtest over every price in the lake")
    backtest.add_argument("--strategy", default="monthly_ma_dip", choices=["monthly_ma_dip", "ma_crossover", "sql"],
                          help="monthly_ma_dip runs month by month; the others over the whole history")
    backtest.add_argument("--sql", metavar="FILE", help="with --strategy sql: Spark SQL over the view `prices`")
    backtest.add_argument("--name", help="what the results are stored under (needed for sql)")
    backtest.add_argument("--fast", type=int, default=10, help="ma_crossover: fast moving average rows")
    backtest.add_argument("--slow", type=int, default=50, help="ma_crossover: slow moving average rows")
    backtest.set_defaults(func=cmd_backtest)

    dashboard = sub.add_parser("dashboard", help="serve the Dash app")
    dashboard.add_argument("--port", type=int, default=8050)
    dashboard.set_defaults(func=cmd_dashboard)

    services = sub.add_parser("services", help="embedded services")
    services.add_argument("action", choices=["start", "stop", "status"])
    services.set_defaults(func=cmd_services)

    # Listed for --help only: main() hands `dagster ...` to cmd_dagster before argparse reads it.
    sub.add_parser("dagster", add_help=False, help="dagster's own CLI on this home's instance "
                   "(`backintime dagster asset materialize ...`, `backintime dagster dev`)")
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["dagster"]:
        # Dagster's arguments as given: argparse reads a leading option ('--help', '--version', '-h') as
        # backintime's own even before a REMAINDER, and refused `backintime dagster --help`.
        args = argparse.Namespace(func=cmd_dagster, dagster_args=argv[1:])
    else:
        args = build_parser().parse_args(argv)
    try:
        args.func(args)
    except CliError as error:
        print(f"backintime: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # output piped into `head` and the like
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except Exception as error:  # one clear line, never a bare traceback
        print(f"backintime: {type(error).__name__}: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
