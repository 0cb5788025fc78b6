"""Migrate the source folder into the lake's raw zone, recording every file version in the manifest
and, from one read of each new file (survey.py), its dates there and its schema in file_schemas."""
from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from backintime_assets.db import file_overrides, file_schemas, manifest
from backintime_assets.detection import FileSchema
from backintime_assets.detection.nameless import NAMELESS, names_nothing
from backintime_assets.detection.read_as_named import read_as_named
from backintime_assets.detection.renamed_day import by_name
from backintime_assets.detection.schema import SIBLING_CONTENT
from backintime_assets.ingestion.arrival import arrivals, refuse_after_arrival, refused_as, stored_refusals
from backintime_assets.ingestion.carry import carry_to_new_versions
from backintime_assets.ingestion.sibling_order import SETTLED, may_guess
from backintime_assets.ingestion.stored_names import judged_now, mark_judged, nameless_refusals, refused_by_name
from backintime_assets.ingestion.sources import SourceFile, home_date, raw_lake_key, scan_all, sha256_of
from backintime_assets.ingestion.sibling_east import east_told, notes_evenings, proves
from backintime_assets.ingestion.stored_order import (
    date_index,
    read_again_as,
    restated,
    settled_by_gone,
    settled_stored,
    settled_stored_east,
    settled_stored_marks,
)
from backintime_assets.ingestion.survey import Survey, SurveyTask, read_heads, settle_by_siblings
from backintime_assets.lake import LakeLocation
from backintime_assets.lake.location import make_dirs
from backintime_assets.normalisation.number_cells import CellsNotSplit, number_cells
from backintime_assets.trading_week import MON_FRI, TradingWeek

Surveyor = Callable[[list[SurveyTask]], dict[str, Survey]]  # survey_files bound to a Spark session
# The largest version of a file read whole on the driver to weigh carried marks against (carry.py): a 175 MiB
# file's two versions held ~0.9 GB there while they were split.
WEIGHED_AT_MOST = 256 * 2**20


@dataclass
class MigrationReport:
    copied: list[str] = field(default_factory=list)
    unchanged: int = 0
    gone: int = 0  # files that went missing from the source folder now (their rows stay loaded)
    missing: int = 0  # files missing from the source folder, now or before, still loaded
    moved: int = 0  # missing files whose content turned up under another name: loaded under that one
    withdrawn: int = 0  # missing files withdrawn on request: their rows go at their dates' next run
    problems: dict[str, str] = field(default_factory=dict)
    passed_over: dict[str, str] = field(default_factory=dict)  # files in the folder not migrated, and why
    bytes_copied: int = 0
    detected: int = 0  # new files whose schema this migration detected (the others had one)
    reread_for_week: int = 0  # files read again as the trading week changed, whose dates changed
    # New versions of a path and the corrections of its previous version: carried to them, and not (with why)
    carried: dict[str, list[str]] = field(default_factory=dict)
    not_carried: dict[str, list[str]] = field(default_factory=dict)
    # Of those carried, the ones said with a caveat: the new version's rows they reject, or that they were not
    # weighed against its numbers (carried_numbers.py)
    caveats: dict[str, list[str]] = field(default_factory=dict)
    # Files stored before whose guessed day/month order or number marks this migration's new files settled: what
    # settled them (stored_order.py); read again so, their old and new dates to run again
    resettled: dict[str, str] = field(default_factory=dict)
    not_resettled: dict[str, str] = field(default_factory=dict)  # and those left as they were: why

    def carried_lines(self, limit: int = 50) -> list[str]:
        """'path: carried from its previous version: correction', one a correction carried, the first
        `limit` (a layout's marks carried to a morning's hundred refreshed files would bury the rest)."""
        return _first(limit, [f"{path}: carried from its previous version: {told}"
                              for path, said in sorted(self.carried.items()) for told in said])

    def not_carried_lines(self, limit: int = 50) -> list[str]:
        """'path: NOT carried from its previous version: correction: why': what a user is warned of."""
        return _first(limit, [f"{path}: NOT carried from its previous version: {told}"
                              for path, said in sorted(self.not_carried.items()) for told in said])

    def caveat_lines(self, limit: int = 50) -> list[str]:
        """'path: carried from its previous version, with a caveat: correction: which': what a user is
        warned of (marks said of numbers the new version's do not all resemble, which reject its rows that
        differ, or marks that could not be weighed against them: carried_numbers.py)."""
        return _first(limit, [f"{path}: carried from its previous version, with a caveat: {told}"
                              for path, said in sorted(self.caveats.items()) for told in said])

    def resettled_lines(self, limit: int = 50) -> list[str]:
        """'path: stored before, read again: day/month order (or number marks) settled by what': files whose rows
        move to other dates or read other numbers (stored_order.py); and those left as they were, with why. A file
        this migration copied is no file stored before: read again with the files stored before it."""
        copied = set(self.copied)
        return _first(limit, [f"{path}: {_stored_before(path, copied)}read again: {told}"
                              for path, told in sorted(self.resettled.items())]
                      + [f"{path}: {_stored_before(path, copied)}NOT read again: {why}"
                         for path, why in sorted(self.not_resettled.items())])

    def files_not_migrated(self, limit: int = 50) -> list[str]:
        """'path: why' of the first `limit` files passed over that are no bookkeeping, then how many
        more: what a user is warned of (a .xls among the .csv files holds rows nobody loads)."""
        noted = [f"{path}: {why}" for path, why in self.passed_over.items() if not why.startswith("bookkeeping")]
        more = [f"... and {len(noted) - limit} more"] if len(noted) > limit else []
        return noted[:limit] + more


def _first(limit: int, lines: list[str]) -> list[str]:
    """The first `limit` lines, then how many more (`schema show` of each file lists them all)."""
    return lines[:limit] + ([f"... and {len(lines) - limit} more"] if len(lines) > limit else [])


def _stored_before(path: str, copied: set[str]) -> str:
    return "" if path in copied else "stored before, "


def migrate(conn, root: Path, location: LakeLocation, survey: Surveyor, withdraw_missing: bool = False,
            week: TradingWeek = MON_FRI) -> MigrationReport:
    """Copy new and changed files and survey them; an unchanged file (same size and mtime, or same
    content) is neither copied nor read. A file missing from the folder stays loaded, unless its
    content turned up under another name (moved) or `withdraw_missing` asks to withdraw it."""
    report = MigrationReport()
    manifest.lock_for_migration(conn)
    report.reread_for_week = _read_by_week(conn, survey, week)
    known = manifest.current_files(conn)
    fs = location.filesystem()
    found, report.passed_over = scan_all(root)
    copied: list[tuple[SourceFile, str, str]] = []  # (source, sha256, lake path)
    for source in found:
        previous = known.get(source.relative)
        if previous and previous.size_bytes == source.size_bytes and previous.modified_at == source.modified_at:
            report.unchanged += 1
            continue
        data = source.path.read_bytes()
        sha = sha256_of(data)
        if previous and previous.sha256 == sha:
            # Touched but not changed: note the new mtime, keep the copy we have. The most recently
            # modified file wins collisions, so its dates run again.
            manifest.record(conn, manifest.RawFile(**{**previous.__dict__, "modified_at": source.modified_at}))
            manifest.log_change(conn, source.relative, previous.dates)
            report.unchanged += 1
            continue
        lake_path = location.path(raw_lake_key(sha, source.relative))
        if fs.get_file_info(lake_path).size != len(data):
            make_dirs(fs, lake_path.rsplit("/", 1)[0])
            with fs.open_output_stream(lake_path) as out:
                out.write(data)
            report.bytes_copied += len(data)
        copied.append((source, sha, lake_path))

    # Same content, same schema: a file whose bytes were detected before (and perhaps corrected by
    # a user) is read with that schema, and its stored schema is left as it is. Content under
    # several new names is surveyed once (detection may read a date order from a name): all its
    # names are filed under the dates of the schema that file_schemas keeps for it, as each name reads it
    # (read_as_named.py): a name may refuse it, or give a day's list another day.
    new_contents = {sha for _, sha, _ in copied}
    schemas = file_schemas.final_schemas(conn, list(new_contents))
    present = {s.relative for s in found}
    twins = _names_after(known, copied, present, new_contents, withdraw_missing)
    known_contents = set(schemas)
    # A new daily file whose day/month order only its siblings settle may have them stored already:
    # files of its layout migrated before (sibling_order.py).
    copied_to = {sha: lake_path for _, sha, lake_path in copied}
    written = {sha: source.modified_at.timestamp() for source, sha, _ in copied}
    # The heads of new files, and of stored siblings whose tickers may tell which office a file is of.
    lake_paths = {f.sha256: f.lake_path for f in known.values()} | copied_to
    new_files = [(sha, lake_path, source.relative, source.size_bytes) for source, sha, lake_path in copied]
    surveys = _once_per_content(survey, schemas, new_files,
                                lambda guessing: file_schemas.sibling_detections(conn, guessing),
                                lambda shas: read_heads(fs, {sha: lake_paths[sha] for sha in shas
                                                             if sha in lake_paths}), written, week, twins)
    # A new detection whose file's rows run well past the day it arrived dates them by no trade date
    # (a bond's maturity under a name detection does not know): refused whole before it is stored.
    fresh = sorted(sha for sha in surveys if sha not in schemas)
    arrived = arrivals(conn, fresh) if fresh else {}
    refuse_after_arrival(surveys, arrived)
    # Those whose previous version was corrected may take its corrections: stored first, and read with them.
    _carry_corrections(conn, survey, copied, known, schemas, surveys, report, fs, twins)
    named = _as_named(survey, schemas, surveys, new_files, twins, written, week)
    # Judged again as each name reads it: another name may date the rows otherwise (renamed_day.py).
    if _refused_as_named(surveys, named, new_files, {sha: day for sha, day in arrived.items() if sha not in schemas}):
        named = _as_named(survey, schemas, surveys, new_files, twins, written, week)
    content_dates = _content_dates(named, new_files, [f for path, f in known.items() if f.sha256 in new_contents
                                                      and path not in named and not _leaves(path, f, present,
                                                                                            new_contents,
                                                                                            withdraw_missing)])
    for source, sha, lake_path in copied:
        if sha not in schemas:
            schemas[sha] = surveys[sha].schema_dict()
            file_schemas.save_detection(conn, sha, source.relative, schemas[sha])
            report.detected += 1
        found_in = named[source.relative]
        dates = _filed_under(found_in, source.relative, source.modified_at, week, content_dates.get(sha, ()))
        manifest.record(conn, manifest.RawFile(
            source.relative, sha, Path(source.relative).name, source.size_bytes, source.modified_at, lake_path,
            dates, found_in.problem, not found_in.dates,
        ))
        # The dates the replaced version held change too: its rows there must go.
        replaced = known.get(source.relative)
        manifest.log_change(conn, source.relative, dates + (replaced.dates if replaced else []))
        report.copied.append(source.relative)
        if found_in.problem:
            report.problems[source.relative] = found_in.problem
    _settle_stored(conn, survey, {sha: surveys[sha] for _, sha, _ in copied if sha not in known_contents},
                   lambda shas: read_heads(fs, {sha: lake_paths[sha] for sha in shas if sha in lake_paths}), written,
                   report, week)
    # Contents that left: previous versions of the files copied, and the files withdrawn.
    left = {known[source.relative].sha256 for source, sha, _ in copied
            if source.relative in known and known[source.relative].sha256 != sha}
    for path, old in known.items():
        moved = old.sha256 in new_contents
        if _leaves(path, old, present, new_contents, withdraw_missing):
            manifest.withdraw(conn, path, old.dates)
            report.moved += moved
            report.withdrawn += not moved
            left.add(old.sha256)
    _log_copies_of(conn, new_contents | left, {source.relative for source, _, _ in copied}, survey, week,
                   report)
    _refile_nameless_copies(conn, new_contents | left, {source.relative for source, _, _ in copied}, week)
    if left:
        _settle_without(conn, survey, left, lambda shas: read_heads(fs, {sha: lake_paths[sha] for sha in shas}),
                        report, week)
    _judge_stored_names(conn, survey, report, week)
    _refuse_stored_after_arrival(conn, survey, report, week)
    report.gone, report.missing = manifest.mark_missing(conn, present)
    return report


def _refuse_stored_after_arrival(conn, survey: Surveyor, report: MigrationReport, week: TradingWeek) -> None:
    """Stored contents whose current names the manifest files, now, under dates well past the day they arrived
    (arrival.stored_refusals: a detection stored before that rule, a rename whose name's day is a year on, a new
    trading week's reading): refused as a new detection would be, the refusal stored with the user's corrections,
    and read again, the dates they held and hold now logged (resurvey). Judged from the manifest alone, last, once
    every name of this migration is filed: a migration of unchanged files reads none of them."""
    refused = stored_refusals(conn)
    if not refused:
        return
    _store_refusals(conn, refused)
    _read_refused_again(conn, sorted(refused), survey, report, week)


def _judge_stored_names(conn, survey: Surveyor, report: MigrationReport, week: TradingWeek) -> None:
    """Under rules of names other than those the home was last judged by (stored_names.py): each stored detection
    made under a name those call a site's for every download, refusing nothing though nothing else names its rows,
    refused as a new detection would be, the user's corrections kept; and the current files whose names refuse
    them now read again, the dates they held and hold logged. Once per change of the rules: reads nothing else."""
    if judged_now(conn):
        return
    _store_refusals(conn, nameless_refusals(conn))
    _read_refused_again(conn, refused_by_name(conn), survey, report, week)
    mark_judged(conn)


def _store_refusals(conn, refused: dict[str, tuple[str, dict]]) -> None:
    """Each of `refused` (sha256 -> (its refusal, its detection as stored)) stored as its detection's problem, the
    user's corrections kept where they were."""
    shas = sorted(refused)
    if not shas:
        return
    corrected = file_schemas.overrides(conn, shas)
    paths = file_schemas.detected_names(conn, shas)
    for sha in shas:
        problem, detected = refused[sha]
        file_schemas.replace_detection(conn, sha, paths[sha], {**detected, "problem": problem}, corrected.get(sha, []))


def _read_refused_again(conn, shas: list[str], survey: Surveyor, report: MigrationReport, week: TradingWeek) -> None:
    """The current files of these contents read again (resurvey), each one refused now reported."""
    if not shas:
        return
    resurvey(conn, shas, survey, week)
    report.problems.update({path: problem for path, problem in manifest.problems_of(conn, shas).items() if problem})


def _log_copies_of(conn, shas: set[str], logged: set[str], survey: Surveyor, week: TradingWeek,
                   report: MigrationReport) -> None:
    """Every current name of a day's list its name dates, where a name of its bytes came or went: which of them
    loads and which is a re-send depends on all its names (renamed_day.py), so the days of those that did not
    change run again too, and each is filed again as its name reads the content now (_as_named). A copy under an
    earlier day's name makes the list loaded on a later day a re-send: that day unrun, the same rows stood loaded
    on both days; the copy it repeated withdrawn, a re-send stayed filed refused while its rows loaded.
    `logged`: the paths whose change is logged already. One refused now is reported, as a file copied is: its rows
    loaded before (a copy far from its day came: renamed_day.RESENT_WITHIN) are taken back."""
    schemas = {sha: schema for sha, schema in file_schemas.final_schemas(conn, sorted(shas)).items()
               if by_name(schema)}
    # The names of those contents alone: a daily run brings a list dated by its name every day, and reading
    # every current file of the manifest for its copies grew with the years kept.
    versions = manifest.current_versions_of(conn, list(schemas)) if schemas else []
    files = [f for f in versions if f.source_path not in logged]
    if not files:
        return
    twins = manifest.current_names(conn, list(schemas))
    tasks = [(f.sha256, f.lake_path, f.source_path, f.size_bytes) for f in files]
    named = _as_named(survey, schemas, _once_per_content(survey, schemas, tasks, week=week, twins=twins), tasks,
                      twins, week=week)
    content_dates = _content_dates(named, tasks, [f for f in versions if f.source_path in logged])
    for f in files:
        found_in = named[f.source_path]
        dates = _filed_under(found_in, f.source_path, f.modified_at, week, content_dates.get(f.sha256, ()))
        if sorted(dates) != sorted(f.dates) or found_in.problem != f.problem:
            manifest.set_dates(conn, f.source_path, dates, found_in.problem, not found_in.dates)
            if found_in.problem:
                report.problems[f.source_path] = found_in.problem
        manifest.log_change(conn, f.source_path, f.dates + dates)


def _refile_nameless_copies(conn, shas: set[str], logged: set[str], week: TradingWeek) -> None:
    """Every stored name of these contents (whose names came or went: `shas`) refused for its name alone (a site's
    "HistoricalPrices.csv" beside "dji.csv": nameless.py), filed again as _filed_under files it: with the dates its
    content's rows hold under a current name that loads them, else its home date; the dates it left and reached
    logged. `logged`: the paths this migration filed. Filed only as it was copied, the site's name saved first kept
    its home date once dji.csv came (its rejections under the day it was saved, in a run of no day of its rows),
    and one saved after took the content's dates: the outcome hung on which came first. So did it once dji.csv left
    (the copy kept dates nothing loads on). From the manifest alone: no file is read."""
    versions = manifest.current_versions_of(conn, sorted(shas)) if shas else []
    refused = [f for f in versions if f.source_path not in logged and (f.problem or "").startswith(NAMELESS)]
    if not refused:
        return
    content_dates = _content_dates({}, [], versions)
    for f in refused:
        dates = sorted(set(content_dates.get(f.sha256, ()))) or [home_date(f.source_path, f.modified_at, week)]
        if sorted(set(f.dates)) != dates:
            manifest.set_dates(conn, f.source_path, dates, f.problem, True)
            manifest.log_change(conn, f.source_path, f.dates + dates)


def _settle_without(conn, survey: Surveyor, left: set[str], heads: Callable[[list[str]], dict[str, bytes]],
                    report: MigrationReport, week: TradingWeek) -> None:
    """Stored files whose day/month order their siblings settled or left a guess, where a file of their layout
    (`left`: contents replaced or withdrawn) no current file holds any more: each detected again and settled by
    its siblings as they stand now, or left to its guess, as the folder migrated at once reads them; read again
    where their order changed, old and new dates logged (stored_order.settled_by_gone). Not one a user said the
    date of."""
    current = manifest.current_files(conn)
    gone = [schema for sha, schema in file_schemas.final_schemas(
        conn, sorted(left - {f.sha256 for f in current.values()})).items() if may_guess(json.dumps(schema))]
    stored = file_schemas.sibling_detections(conn, gone) if gone else []
    said = file_schemas.corrected_columns(conn, [s[SIBLING_CONTENT] for s in stored])
    shas = {s[SIBLING_CONTENT] for s in settled_by_gone(gone, stored)
            if date_index(s) not in said.get(s[SIBLING_CONTENT], ())} - {
        f.sha256 for path, f in current.items() if path in report.resettled}
    if not shas:
        return
    files = {}
    for f in sorted(current.values(), key=lambda f: f.source_path):
        if f.sha256 in shas:
            files.setdefault(f.sha256, f)
    tasks = [SurveyTask(sha, f.lake_path, f.source_path, f.size_bytes, modified_at=f.modified_at.timestamp())
             for sha, f in files.items()]
    surveys = settle_by_siblings(survey, tasks, survey(tasks),
                                 lambda guessing: file_schemas.sibling_detections(conn, guessing), heads=heads,
                                 week=week)
    detected = file_schemas.stored_detections(conn, list(files))
    corrected = file_schemas.overrides(conn, list(files))
    reread = []
    for sha, f in files.items():
        again = surveys[sha].schema_dict()
        if again.get("columns") is None or not any(c.get("canonical") == "date" for c in again["columns"]):
            continue  # detected otherwise today: redetect's to say (schema redetect)
        out = read_again_as(detected[sha], again)
        if out is None:
            continue
        # Stored as it stands even where it reads as it did (settled by others now, or its guess borne out).
        file_schemas.replace_detection(conn, sha, f.source_path, out, corrected.get(sha, []))
        date = out["columns"][date_index(out)]
        if (date["format"], out.get("problem")) == (detected[sha]["columns"][date_index(detected[sha])]["format"],
                                                    detected[sha].get("problem")):
            continue
        report.resettled[f.source_path] = (
            f"day/month order settled by {_order_told(out)}" if (date.get("order_from") or "").startswith(SETTLED)
            else "day/month order a guess again: the file that settled it is gone")
        reread.append(sha)
    if reread:
        resurvey(conn, reread, survey, week)


def _carry_corrections(conn, survey: Surveyor, copied: list[tuple[SourceFile, str, str]],
                       known: dict[str, manifest.RawFile], schemas: dict[str, dict], surveys: dict[str, Survey],
                       report: MigrationReport, fs, twins: dict[str, list[str]]) -> None:
    """A new version of a file (same path, new content) takes its previous version's corrections when
    detected with the same layout (carry.py): stored with its detection, and the file surveyed again
    with them, so its dates, kept rows and conversion read as the user said. Fills `schemas` and
    `surveys` of those (their detection stored), and the report."""
    news: dict[str, tuple[str, dict]] = {}
    for source, sha, _ in copied:
        if sha not in schemas:
            news.setdefault(sha, (source.relative, surveys[sha].schema_dict()))
    previous_of: dict[str, list[manifest.RawFile]] = {}
    for source, sha, _ in sorted(copied, key=lambda c: c[0].relative):
        old = known.get(source.relative)
        if old is not None and old.sha256 != sha:
            previous_of.setdefault(sha, []).append(old)
    if not previous_of:
        return
    met_before = file_schemas.detected_names(conn, [sha for sha in previous_of if sha not in news])
    lake_paths = {old.sha256: old.lake_path for olds in previous_of.values() for old in olds}
    lake_paths.update({sha: lake_path for _, sha, lake_path in copied})

    def cells_of(sha: str, schema: dict, names: set[str]):
        # Read here, of the few new versions whose previous one's marks or multiplier would carry; where they
        # cannot be, why (the corrections carry, said to be unweighed).
        try:
            with fs.open_input_file(lake_paths[sha]) as handle:
                if handle.size() > WEIGHED_AT_MOST:
                    return f"a version of {handle.size() / 2**20:.0f} MiB is not read whole on the driver to weigh it"
                data = handle.read()
            return number_cells(data, FileSchema.from_dict(schema), names)
        except CellsNotSplit as error:
            return str(error)
        except Exception as error:  # a file the reader splits otherwise
            return f"its cells could not be split to weigh them: {type(error).__name__}: {error}"

    carries = carry_to_new_versions(conn, news, previous_of, met_before, cells_of)
    for _, carry in carries:
        path = carry.previous.source_path  # the new version's too
        if carry.carried:
            report.carried[path] = carry.carried
        if carry.not_carried:
            report.not_carried[path] = [f"{told}: {why}" for told, why in carry.not_carried]
        if carry.caveats:
            report.caveats[path] = [f"{told}: {which}" for told, which in carry.caveats]
    carrying = sorted({sha for sha, carry in carries if carry.carries_any})
    if carrying:
        report.detected += len(carrying)
        schemas.update(file_schemas.final_schemas(conn, carrying))
        # A second, small run: read with the corrections, the rows the first kept are not the file's.
        surveys.update(_once_per_content(survey, schemas, [
            (sha, lake_path, source.relative, source.size_bytes) for source, sha, lake_path in copied
            if sha in carrying], twins=twins))


def _settle_stored(conn, survey: Surveyor, new: dict[str, Survey], heads: Callable[[list[str]], dict[str, bytes]],
                   written: dict[str, float], report: MigrationReport, week: TradingWeek) -> None:
    """Stored files of the `new` files' layouts whose guessed day/month order, number marks or reading east of
    UTC those settle (stored_order.py): their detection stored so and read again, old and new dates logged."""
    schemas = {sha: survey.schema_dict() for sha, survey in new.items()}
    # The usual case: no new file has a day and a month to read either way, none proves its source east of UTC
    # or not (a weekend or Friday evening noted), and no stored file guesses its marks.
    guessing = [schemas[sha] for sha, survey in new.items() if may_guess(survey.schema_json)]
    proving = [schemas[sha] for sha, survey in new.items()
               if notes_evenings(survey.schema_json) and proves(schemas[sha]) is not None]
    stored = file_schemas.sibling_detections(conn, guessing + proving) if guessing or proving else []
    orders = settled_stored(stored, {sha: (schemas[sha], s.dates) for sha, s in new.items()}, heads, written, week) \
        if guessing else {}
    marks = settled_stored_marks([s for s in file_schemas.marks_guessing_siblings(conn, list(schemas.values()))
                                  if s[SIBLING_CONTENT] not in new], list(schemas.values()), heads)
    # Each stored file as its order is settled now: its evening stamps' weekdays are that order's (with_order), and
    # a Tokyo bar "03/01/2024 15:00:00 UTC", guessed month first on a Friday evening, guessed nothing east of
    # UTC; settled day first on a Wednesday evening by a Sunday's file, it loaded a day early (silent).
    east = settled_stored_east([orders.get(s[SIBLING_CONTENT], s) for s in stored if s[SIBLING_CONTENT] not in new],
                               list(schemas.values())) if proving else {}
    shas = sorted(orders.keys() | marks.keys() | east.keys())
    if not shas:
        return
    detected = file_schemas.stored_detections(conn, shas)
    corrected = file_schemas.overrides(conn, shas)
    said = file_schemas.corrected_columns(conn, shas)
    marks_said = {sha for sha, kept in file_overrides.in_force(conn, shas).items() if file_overrides.MARKS in kept}
    paths = file_schemas.detected_names(conn, shas)
    reread = []
    for sha in shas:
        # A user's word on its date column stands, even one that repeats detection's guess; so do marks they said.
        order, settled_east = (None if settled is None or date_index(settled) in said.get(sha, ()) else settled
                               for settled in (orders.get(sha), east.get(sha)))
        settled_marks = None if sha in marks_said else marks.get(sha)
        if order is None and sha in orders:
            report.not_resettled[paths[sha]] = (f"its day/month order, settled by {_order_told(orders[sha])}, is "
                                                "not stored: a user's correction of its date column stands")
        told = ([f"day/month order settled by {_order_told(order)}"] if order else []) \
            + ([f"number marks settled by {settled_marks['marks_from']}"] if settled_marks else []) \
            + ([east_told(settled_east)] if settled_east else [])
        if not told:
            continue
        # The same detection but for its order, marks or east reading: every user's correction keeps its column.
        file_schemas.replace_detection(conn, sha, paths[sha],
                                       restated(detected[sha], order, settled_marks, settled_east),
                                       corrected.get(sha, []))
        report.resettled[paths[sha]] = "; ".join(told)
        reread.append(sha)
    if reread:
        resurvey(conn, reread, survey, week)


def _order_told(schema: dict) -> str:
    """What settled a schema's day/month order, as its date column's order_from says after SETTLED."""
    return schema["columns"][date_index(schema)]["order_from"].removeprefix(SETTLED)


def resurvey(conn, sha256s: list[str], survey: Surveyor, week: TradingWeek = MON_FRI) -> list[date]:
    """Read the current files of these contents again with their final schemas (after a user
    corrected them) and record the dates they hold now. Returns every date they held before or
    hold now: the rows of a file read another way may move to other dates, and both the dates
    they leave and the dates they reach need a rerun."""
    wanted = set(sha256s)
    manifest.lock_for_migration(conn)
    files = [f for f in manifest.current_files(conn).values() if f.sha256 in wanted]
    schemas = file_schemas.final_schemas(conn, list({f.sha256 for f in files}))
    twins = manifest.current_names(conn, list(schemas))
    tasks = [(f.sha256, f.lake_path, f.source_path, f.size_bytes) for f in files]
    named = _as_named(survey, schemas, _once_per_content(survey, schemas, tasks, week=week, twins=twins), tasks, twins,
                      week=week)
    content_dates = _content_dates(named, tasks)
    touched = set()
    for f in files:
        found_in = named[f.source_path]
        dates = _filed_under(found_in, f.source_path, f.modified_at, week, content_dates.get(f.sha256, ()))
        manifest.set_dates(conn, f.source_path, dates, found_in.problem, not found_in.dates)
        manifest.log_change(conn, f.source_path, f.dates + dates)
        touched.update(f.dates, dates)
    return sorted(touched)


def resurvey_as_said(conn, sha256s: list[str], survey: Surveyor, week: TradingWeek = MON_FRI) -> list[date]:
    """resurvey after a user's correction, then each of these contents whose rows it now files well past the day it
    arrived refused at once, as the next migration refuses it (arrival.stored_refusals). A user's day past the
    arrival (`schema override --day`, which replaces the day a refusal after arrival was of) was filed loading
    until then: the override asked a run of that day, and a run of it alone loaded the list on it."""
    dates = resurvey(conn, sha256s, survey, week)
    wanted = set(sha256s)
    refused = {sha: found for sha, found in stored_refusals(conn).items() if sha in wanted}
    if not refused:
        return dates
    _store_refusals(conn, refused)
    return sorted(set(dates) | set(resurvey(conn, sorted(refused), survey, week)))


def _read_by_week(conn, survey: Surveyor, week: TradingWeek) -> int:
    """Read every current file again when the deployment's trading week is not the one their dates
    were read by: a row on a day the week now opens loads (its date is new), one on a day it closes
    is rejected (its date goes). The files whose dates change are logged as changed, both their old
    and new dates to run; the others hold the same rows on the same dates. Returns how many changed."""
    if manifest.surveyed_week(conn) == week.spec:
        return 0
    files = list(manifest.current_files(conn).values())
    schemas = file_schemas.final_schemas(conn, list({f.sha256 for f in files}))
    twins = manifest.current_names(conn, list(schemas))
    tasks = [(f.sha256, f.lake_path, f.source_path, f.size_bytes) for f in files]
    named = _as_named(survey, schemas, _once_per_content(survey, schemas, tasks, week=week, twins=twins), tasks, twins,
                      week=week)
    content_dates = _content_dates(named, tasks)
    changed = 0
    for f in files:
        found_in = named[f.source_path]
        dates = _filed_under(found_in, f.source_path, f.modified_at, week, content_dates.get(f.sha256, ()))
        if sorted(dates) != sorted(f.dates) or found_in.problem != f.problem:
            manifest.set_dates(conn, f.source_path, dates, found_in.problem, not found_in.dates)
        if sorted(dates) != sorted(f.dates):
            manifest.log_change(conn, f.source_path, f.dates + dates)
            changed += 1
    manifest.set_surveyed_week(conn, week.spec)
    return changed


def _once_per_content(survey: Surveyor, schemas: dict[str, dict], files: list[tuple[str, str, str, int]],
                      stored_siblings: Callable[[list[dict]], list[dict]] | None = None,
                      heads: Callable[[list[str]], dict[str, bytes]] | None = None,
                      written: dict[str, float] | None = None, week: TradingWeek = MON_FRI,
                      twins: dict[str, list[str]] | None = None) -> dict[str, Survey]:
    """sha256 -> the survey of the first of `files` (sha256, lake path, name, size) with that content
    (_first_names), read with its stored schema if it has one, as that name reads it (`twins`: sha256 -> the
    current names of each content: read_as_named.py). `stored_siblings`: stored schemas of files sharing a
    layout with those given, which may settle a day/month order a new file's dates leave to a guess;
    `heads`: sha256 -> the first bytes of each named, whose guess left no date (pooled_order.py); `written`:
    sha256 -> when its file was last modified (epoch seconds)."""
    first = _first_names(files)
    if not first:
        return {}
    tasks = [SurveyTask(sha, lake_path, name, size,
                        json.dumps(read_as_named(schemas[sha], name, (twins or {}).get(sha, ()))) if sha in schemas
                        else None, sha, (written or {}).get(sha)) for sha, (lake_path, name, size) in first.items()]
    surveys = survey(tasks)
    return settle_by_siblings(survey, tasks, surveys, stored_siblings, heads=heads, week=week) if stored_siblings \
        else surveys


def _first_names(files: list[tuple[str, str, str, int]]) -> dict[str, tuple[str, str, int]]:
    """sha256 -> (lake path, name, size) of the one of `files` (sha256, lake path, name, size) its content is
    surveyed under. Not a site's name for every download where another of its names is the instrument's: refused
    there (detection/nameless.py), the content had no loadable dates, and its copy "DJI.csv" was filed under a
    home date alone, its rows on every other day never written (assets/lake.py reads it as named)."""
    first: dict[str, tuple[str, str, int]] = {}
    for sha, lake_path, name, size in sorted(files, key=lambda f: names_nothing(f[2])):
        first.setdefault(sha, (lake_path, name, size))
    return first


def _as_named(survey: Surveyor, schemas: dict[str, dict], surveys: dict[str, Survey],
              files: list[tuple[str, str, str, int]], twins: dict[str, list[str]],
              written: dict[str, float] | None = None, week: TradingWeek = MON_FRI) -> dict[str, Survey]:
    """name -> the survey of each of `files` (sha256, lake path, name, size) as its own name reads its content
    (read_as_named.py): its content's survey (`surveys`, of _once_per_content), or, where the name reads the
    detection otherwise than the name surveyed (a copy under a later day's name is a re-send; a copy under a
    site's name is refused), a survey of its own. Filed by the other name's reading, a list refused for its old
    name stayed refused once renamed to a clear one (the manifest said a problem while its rows loaded), and a
    re-send was filed with none while every row of it was rejected. Such copies are few, and a day's list small."""
    first = _first_names(files)
    out: dict[str, Survey] = {}
    again: list[SurveyTask] = []
    for sha, lake_path, name, size in files:
        # The schema stored, or detected now under the first name, and the one that name's survey read with.
        stored = schemas.get(sha) or surveys[sha].schema_dict()
        read_with = read_as_named(stored, first[sha][1], twins.get(sha, ())) if sha in schemas else stored
        own = read_as_named(stored, name, twins.get(sha, ()))
        if own == read_with:
            out[name] = surveys[sha]
        else:
            again.append(SurveyTask(f"{sha}/{name}", lake_path, name, size, json.dumps(own), sha,
                                    (written or {}).get(sha)))
    if again:
        resurveyed = survey(again)
        out.update({task.name: resurveyed[task.key] for task in again})
    return out


def _refused_as_named(surveys: dict[str, Survey], named: dict[str, Survey], files: list[tuple[str, str, str, int]],
                      arrived: dict[str, date]) -> bool:
    """Whether a name of a new detection's content (`arrived`: sha256 -> the day it arrived) reads its rows well
    past that day, each such content then refused in `surveys`, its detection stored so. Judged under its first
    name alone, a copy whose name dated it otherwise escaped: "quotes.csv" beside "pricelist_2025-03-05.csv", whose
    name disputed the title's day a year ahead (no day, nothing to judge), loaded its rows on that day."""
    judged = {name: arrived[sha] for sha, _, name, _ in files if sha in arrived}
    refused = refuse_after_arrival(dict(named), judged)
    for sha, _, name, _ in files:
        if name in refused:  # whatever refused it under its first name (a name's dispute), this says more
            surveys[sha] = refused_as(surveys[sha], refused[name])
    return bool(refused)


def _names_after(known: dict[str, manifest.RawFile], copied: list[tuple[SourceFile, str, str]], present: set[str],
                 new_contents: set[str], withdraw_missing: bool) -> dict[str, list[str]]:
    """sha256 -> the current names of each content once this migration is done (manifest.current_names then):
    the files kept, stored or copied; not those gone that are withdrawn, moved elsewhere or on request."""
    copied_paths = {source.relative for source, _, _ in copied}
    names: dict[str, list[str]] = {}
    for path, old in known.items():
        if path not in copied_paths and not _leaves(path, old, present, new_contents, withdraw_missing):
            names.setdefault(old.sha256, []).append(path)
    for source, sha, _ in copied:
        names.setdefault(sha, []).append(source.relative)
    return {sha: sorted(paths) for sha, paths in names.items()}


def _leaves(path: str, old: manifest.RawFile, present: set[str], new_contents: set[str],
            withdraw_missing: bool) -> bool:
    """Whether a stored file stops being current in this migration: gone from the source, and moved (its
    content copied under another name) or withdrawn on request. migrate withdraws those, and _names_after,
    which names each content's current files before that, leaves them out: one rule for both."""
    return path not in present and (old.sha256 in new_contents or withdraw_missing)


def _filed_under(found_in: Survey, name: str, modified_at, week: TradingWeek,
                 content_dates: Iterable[date] = ()) -> list[date]:
    """The dates the manifest files a file under (`found_in`: its survey as its name reads it, _as_named).
    Nothing loadable, yet its lines must still land in rejected_rows with the reason: then its home date,
    so that some partition's run reads it; but a copy refused for its site's name alone ("HistoricalPrices.csv"
    beside "dji.csv": nameless.py) under the dates its content's rows hold as a name that loads them reads it
    (`content_dates`, _content_dates), its rejections filed with them: under today's home date, an ingest ran
    today's partition to reject its rows, and a day's run of the lake held rejections of a content it never
    loaded that day."""
    if found_in.dates:
        return found_in.dates
    content_dates = sorted(set(content_dates))
    if content_dates and (found_in.problem or "").startswith(NAMELESS):
        return content_dates
    return [home_date(name, modified_at, week)]


def _content_dates(named: dict[str, Survey], files: list[tuple[str, str, str, int]],
                   stored: Iterable[manifest.RawFile] = ()) -> dict[str, list[date]]:
    """sha256 -> the dates a content's rows hold as a name that loads them reads it: one of `files` (sha256, lake
    path, name, size), as `named` (_as_named) surveyed it, else a current file of it the manifest holds (`stored`)
    with rows of its own. Where a copy of it refused for its name alone files its rejections (_filed_under)."""
    out: dict[str, list[date]] = {}
    for sha, _, name, _ in files:
        if named[name].dates and not named[name].problem:
            out.setdefault(sha, named[name].dates)
    for f in stored:
        if f.dates and f.problem is None and f.home_dated is not True:
            out.setdefault(f.sha256, f.dates)
    return out

