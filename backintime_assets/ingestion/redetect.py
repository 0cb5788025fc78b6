"""Detect stored files again with today's detector (`backintime schema redetect`).

A file's schema is detected once, when its content is first migrated, and content seen before is
read with its stored schema: a detection fix reaches files migrated earlier only through here.
Each file is surveyed again as a new file would be (survey.py, on Spark: detected, or borrowed from
a file of its template in the same task and proven on every row), keeping nothing in the lake. A
file whose detection changed stores it, the user's corrections moved along with their columns
(file_schemas.replace_detection); where its final reading changed too, it is read again with it
(raw.resurvey) and the dates it held and holds are logged as changed, to run again.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from backintime_assets.db import file_overrides, file_schemas, manifest
from backintime_assets.detection.nameless import names_nothing
from backintime_assets.ingestion.arrival import arrivals, refuse_after_arrival
from backintime_assets.ingestion.raw import Surveyor, resurvey
from backintime_assets.ingestion.schema_changes import schema_changes
from backintime_assets.ingestion.schema_texts import reading_key
from backintime_assets.ingestion.survey import Survey, SurveyTask, read_heads, settle_by_siblings
from backintime_assets.trading_week import MON_FRI, TradingWeek


@dataclass
class FileRedetection:
    sha256: str
    source_path: str  # the first of the current names of the content
    changes: list[str]  # one line per change; none: it reads as before, and nothing is stored
    kept_back: str | None = None  # why its new detection is not stored


@dataclass
class Redetection:
    files: list[FileRedetection] = field(default_factory=list)
    stored: list[str] = field(default_factory=list)  # sha256 of the files whose new detection was stored
    # sha256 of the files whose new detection differs only in the evening stamps it notes (stored, unsaid)
    noted: list[str] = field(default_factory=list)
    reread: list[str] = field(default_factory=list)  # of those, the ones whose final reading changed
    dates: list[date] = field(default_factory=list)  # the dates they held or hold now: to run again

    @property
    def changed(self) -> list[FileRedetection]:
        return [f for f in self.files if f.changes]


def redetect(conn, sha256s: list[str], survey: Surveyor, store: bool, week: TradingWeek = MON_FRI,
             fs=None) -> Redetection:
    """Detect the current files of these contents again and compare with what is stored; with
    `store`, store what changed and read those files again, in the caller's transaction. `fs`: the lake's
    filesystem, whose files' first rows tell whose office a file is where its siblings disagree on its
    day/month order (sibling_tickers.py)."""
    wanted = set(sha256s)
    # Detection may read a date in the name: a content under several names is detected under the
    # one it was first detected under, while that is still one of its names, as it was then. Not a site's
    # name for every download where another names the instrument (raw.py): refused, its copies' dates lost.
    detected_as = file_schemas.detected_names(conn, list(wanted))
    names: dict[str, manifest.RawFile] = {}
    current = manifest.current_files(conn).values()
    for f in sorted(current,
                    key=lambda f: (names_nothing(f.source_path), f.source_path != detected_as.get(f.sha256),
                                   f.source_path)):
        if f.sha256 in wanted:
            names.setdefault(f.sha256, f)
    # No schema given: detected as new; no sha256: nothing kept in the parsed zone (a dry run
    # stores nothing, and the files stored are read again below, which keeps their rows).
    tasks = [SurveyTask(sha, f.lake_path, f.source_path, f.size_bytes, modified_at=f.modified_at.timestamp())
             for sha, f in names.items()]
    # A daily file detected again alone would guess its day/month order again where its siblings,
    # stored, had settled it (sibling_order.py): they settle it again.
    alone = survey(tasks)
    # Without its siblings' tickers, a London office's "01/10/2024" that New York's 15 October disagrees over
    # went back to its guess, 10 January (silent), where the migration had settled it by London's files.
    lake_paths = {f.sha256: f.lake_path for f in current}
    heads = None if fs is None else lambda shas: read_heads(fs, {sha: lake_paths[sha] for sha in shas
                                                                 if sha in lake_paths})
    surveys = settle_by_siblings(survey, tasks, alone, lambda guessing: file_schemas.sibling_detections(conn, guessing),
                                 heads=heads, week=week)
    # Not into a format a user said of the file: settled by another file's such word (--layout says it of a
    # layout's files), its detection took the user's format, the correction as detected was none any more,
    # none proved anything, and the office's next 04/03 loaded as 3 April. Settled otherwise (the siblings
    # prove the order the user overruled) it stays so: its stored detection, the correction on it.
    for sha, found in file_schemas.overrides(conn, list(names)).items():
        if _takes_format_said(surveys[sha], found) and not _takes_format_said(alone[sha], found):
            surveys[sha] = alone[sha]
    # Judged by the day each content first arrived, not today: a list seen in 2025 holding 2026's
    # dates is refused still in 2026 (arrival.py).
    refuse_after_arrival(surveys, arrivals(conn, sorted(names)))
    if store:
        # Taken after the survey, which may read a whole history: a migration waits only for the storing.
        manifest.lock_for_migration(conn)
    stored = file_schemas.stored_detections(conn, list(names))
    corrected = file_schemas.overrides(conn, list(names))
    # A file's own overrides stay where they are, keyed by its content: only a day or a ticker can
    # clash with a new detection (one that maps a date or ticker column, which the rows would take
    # instead, or reads tickers side by side).
    of_files = file_overrides.in_force(conn, list(names))
    result = Redetection()
    for sha, f in names.items():
        new = surveys[sha].schema_dict()
        changes = schema_changes(stored.get(sha), new)
        found = FileRedetection(sha, f.source_path, changes)
        result.files.append(found)
        if changes:
            placed, lost = file_schemas.place_overrides(corrected.get(sha, []), [c["name"] for c in new["columns"]])
            day = of_files.get(sha, {}).get(file_overrides.DAY)
            dated = _dated_by(new, placed) if day else []
            ticker = of_files.get(sha, {}).get(file_overrides.TICKER)
            named = _named_by(new, placed) if ticker else []
            if lost:
                found.kept_back = ("kept its stored detection: the new one has no column for the correction of "
                                   + ", ".join(f"column {o.column_index + 1} {o.column_name} by {o.changed_by}"
                                               for o in lost))
            elif dated:
                found.kept_back = (f"kept its stored detection: the new one dates the rows by column {dated[0]!r}, "
                                   f"and the day {day.value} set by {day.changed_by} is for a file without one")
            elif named:
                found.kept_back = (f"kept its stored detection: the new one names the rows' tickers by column "
                                   f"{named[0]!r}, and the ticker {ticker.value} set by {ticker.changed_by} is for "
                                   "a file without one")
    if not store:
        return result
    storing = [f for f in result.changed if f.kept_back is None]
    # A detection that differs only in the evening stamps it notes (ColumnSchema.evenings) reads the file
    # as before, and is stored still: stored before they were noted, a Monday's file of a source east of
    # UTC proves nothing to the midweek files migrated after it (sibling_east.py), each loaded a day early.
    noting = [f for f in result.files
              if not f.changes and _notes_new_evenings(surveys[f.sha256].schema_dict(), stored.get(f.sha256))]
    for f in noting:
        file_schemas.replace_detection(conn, f.sha256, f.source_path, surveys[f.sha256].schema_dict(),
                                       corrected.get(f.sha256, []))
    result.noted = [f.sha256 for f in noting]
    before = file_schemas.final_schemas(conn, [f.sha256 for f in storing])
    for f in storing:
        file_schemas.replace_detection(conn, f.sha256, f.source_path, surveys[f.sha256].schema_dict(),
                                       corrected.get(f.sha256, []))
    after = file_schemas.final_schemas(conn, [f.sha256 for f in storing])
    result.stored = [f.sha256 for f in storing]
    # A detection that changed only where a user's correction stands reads the file as before.
    result.reread = [sha for sha in result.stored
                     if sha not in before or reading_key(before[sha]) != reading_key(after[sha])]
    result.dates = resurvey(conn, result.reread, survey, week) if result.reread else []
    return result


def _takes_format_said(survey: Survey, corrected: list[file_schemas.Override]) -> bool:
    """Whether a file's detection reads a column in the format a user said of it."""
    formats = {c["name"]: c.get("format") for c in survey.schema_dict()["columns"]}
    return any(o.final_format is not None and formats.get(o.column_name) == o.final_format for o in corrected)


def _notes_new_evenings(new: dict, stored: dict | None) -> bool:
    """Whether a file's own new detection notes evening stamps (ColumnSchema.evenings) its stored one
    does not (a borrowed schema's are its lender's)."""
    noted = _evenings(new)
    return not new.get("borrowed_from") and any(noted) and noted != _evenings(stored)


def _evenings(schema: dict | None) -> list:
    """The evening stamps each column of a schema notes."""
    return [c.get("evenings") for c in (schema or {}).get("columns") or []]


def _dated_by(new: dict, placed: dict[int, file_schemas.Override]) -> list[str]:
    """The columns of a new detection mapped to the date once the user's corrections are placed on it."""
    return [c["name"] for c, mapping in _mapped(new, placed) if mapping == "date"]


def _named_by(new: dict, placed: dict[int, file_schemas.Override]) -> list[str]:
    """The columns of a new detection that name the rows' tickers once the user's corrections are
    placed on it: mapped to the ticker, or a column of several tickers side by side."""
    return [c["name"] for c, mapping in _mapped(new, placed) if mapping == "ticker" or c.get("series")]


def _mapped(new: dict, placed: dict[int, file_schemas.Override]) -> list[tuple[dict, str | None]]:
    """Each column of a new detection with its mapping: the user's correction placed on it, or detection's."""
    return [(c, placed[i].final_mapping if i in placed and placed[i].final_mapping is not None
             else c.get("canonical")) for i, c in enumerate(new["columns"])]
