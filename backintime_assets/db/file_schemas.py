"""Detected file layouts and per-column schemas, with the user's overrides kept across re-detection."""
from __future__ import annotations

import hashlib
import json
from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from typing import NamedTuple

from psycopg.types.json import Jsonb

from backintime_assets.db import file_overrides
from backintime_assets.db.manifest import current_names
from backintime_assets.detection.date_system import DAY_MONTH
from backintime_assets.detection.office_names import folder_pattern, office_key
from backintime_assets.detection.read_as_named import read_as_named
from backintime_assets.detection.schema import (
    FORMAT_SAID,
    MARKS_SAID,
    SIBLING_CONTENT,
    SIBLING_DATES,
    SIBLING_WRITTEN,
    layout_signature,
)

COLUMN_TYPES = ("integer", "float", "date", "timestamp", "boolean", "string")
CANONICAL_COLUMNS = ("date", "ticker", "sector", "open", "high", "low", "close", "adj_close", "volume")
UNMAPPED = "none"  # a user's way to say "this column feeds no canonical column"


def layout_key(schema: dict) -> str:
    return hashlib.sha256(json.dumps(layout_signature(schema)).encode()).hexdigest()[:16]


def save_detection(conn, sha256: str, source_path: str, schema: dict) -> None:
    """Store a file's detected dialect and columns; a user's final type or mapping is never overwritten."""
    with conn.transaction():
        conn.execute(
            """insert into file_layouts (sha256, source_path, dialect, layout_key, office)
               values (%s, %s, %s, %s, %s)
               on conflict (sha256) do update set dialect = excluded.dialect, layout_key = excluded.layout_key,
                   office = excluded.office, detected_at = now()""",
            (sha256, source_path, Jsonb(schema), layout_key(schema), office_key(source_path)),
        )
        conn.cursor().executemany(
            """insert into file_schemas (sha256, source_path, column_index, column_name, detected_type,
                   detected_format, confidence, detected_mapping, series, detected_multiplier, final_type,
                   final_format, final_mapping)
               values (%(sha)s, %(path)s, %(i)s, %(name)s, %(type)s, %(format)s, %(confidence)s, %(mapping)s,
                   %(series)s, %(multiplier)s, %(type)s, %(format)s, %(mapping)s)
               on conflict (sha256, column_index) do update set
                   column_name = excluded.column_name, detected_type = excluded.detected_type,
                   detected_format = excluded.detected_format, confidence = excluded.confidence,
                   detected_mapping = excluded.detected_mapping, series = excluded.series,
                   detected_multiplier = excluded.detected_multiplier,
                   final_type = case when file_schemas.changed_by is null then excluded.final_type
                       else file_schemas.final_type end,
                   final_format = case when file_schemas.changed_by is null then excluded.final_format
                       else file_schemas.final_format end,
                   final_mapping = case when file_schemas.changed_by is null then excluded.final_mapping
                       else file_schemas.final_mapping end""",
            [{"sha": sha256, "path": source_path, "i": index, "name": column["name"], "type": column["type"],
              "format": column.get("format"), "confidence": column.get("confidence"),
              "mapping": column.get("canonical"), "series": column.get("series"),
              "multiplier": column.get("multiplier")}
             for index, column in enumerate(schema["columns"])],
        )
        # A file detected again with fewer columns (its own detection replacing a borrowed one) keeps
        # no rows of the columns it no longer has: an override must not find them by name or number.
        conn.execute("delete from file_schemas where sha256 = %s and column_index >= %s",
                     (sha256, len(schema["columns"])))


@dataclass(frozen=True)
class Override:
    """A user's correction of one column, as file_schemas holds it: of its type, format and mapping,
    those the user changed (None: the detection's, which a new detection replaces)."""
    column_index: int
    column_name: str
    final_type: str | None
    final_format: str | None
    final_mapping: str | None
    changed_by: str
    changed_at: datetime | None
    final_multiplier: float | None = None  # None: as detected (file_schemas keeps no detected one to compare)
    # The multiplier, carried to a new version, was said of whole numbers, and a number with a decimal mark
    # is rejected (ColumnSchema.whole_only; ingestion/carry.py)
    whole_only: bool = False


# Of a carried multiplier that rejects a number with a decimal mark (Override.whole_only), as the user is told it.
WHOLE_ONLY_SAID = ("a number with a decimal mark is rejected: none of the numbers it was said of had one (carried to "
                   "a version that does)")


def overrides(conn, sha256s: list[str]) -> dict[str, list[Override]]:
    """sha256 -> the columns a user corrected in that file, in column order."""
    found: dict[str, list[Override]] = {}
    # A correction sets one field or more and keeps the detection's others (override_column): a
    # field as detected is no correction, else a corrected mapping would pin the older detector's
    # date format against the very detection fix the file is redetected for. ("none" on a column
    # detected unmapped differs from its null: a correction, kept.)
    for sha, *row in conn.execute(
            """select sha256, column_index, column_name,
                   case when final_type is distinct from detected_type then final_type end,
                   case when final_format is distinct from detected_format then final_format end,
                   case when final_mapping is distinct from detected_mapping then final_mapping end,
                   changed_by, changed_at, final_multiplier, coalesce(final_whole_only, false)
               from file_schemas where sha256 = any(%s) and changed_by is not null
               order by sha256, column_index""", (list(sha256s),)).fetchall():
        found.setdefault(sha, []).append(Override(*row))
    return found


def corrected_columns(conn, sha256s: list[str]) -> dict[str, set[int]]:
    """sha256 -> the numbers of the columns a user corrected in that file, whatever they said: a user who
    said a column's format as detected read it (overrides leaves such a word out, as no correction)."""
    found: dict[str, set[int]] = {}
    for sha, index in conn.execute("select sha256, column_index from file_schemas where sha256 = any(%s) "
                                   "and changed_by is not null", (list(sha256s),)).fetchall():
        found.setdefault(sha, set()).add(index)
    return found


def place_overrides(corrected: list[Override], names: list[str]) -> tuple[dict[int, Override], list[Override]]:
    """Where each correction goes among a new detection's columns (`names`): the column of its name,
    as spelt, else ignoring case; of several, the one at its old number. A correction is kept by the
    column it was made on, never by its number alone: a detection that finds one more column before
    it would hand a date format to a price. Returns (new column_index -> correction, those with no place)."""
    placed: dict[int, Override] = {}
    lost = []
    for override in corrected:
        same = [i for i, n in enumerate(names) if n == override.column_name] or [
            i for i, n in enumerate(names) if n.strip().lower() == override.column_name.strip().lower()]
        at = override.column_index if override.column_index in same else (same[0] if len(same) == 1 else None)
        if at is None or at in placed:
            lost.append(override)
        else:
            placed[at] = override
    return placed, lost


def replace_detection(conn, sha256: str, source_path: str, schema: dict, corrected: list[Override]) -> None:
    """Store a new detection of a file in place of its stored one, each of the user's corrections
    moved to its column's new number (place_overrides); refused when one would have no column."""
    placed, lost = place_overrides(corrected, [c["name"] for c in schema["columns"]])
    if lost:
        raise OverrideError("no column of the new detection for the correction of "
                            + ", ".join(f"{o.column_index + 1} {o.column_name} by {o.changed_by}" for o in lost))
    with conn.transaction():
        # Every column takes its new detection, then the corrections go back where their columns are now.
        # A multiplier too: save_detection leaves final_multiplier by the number, and a volume's
        # 1000 left there would multiply the close a new column moved onto it.
        conn.execute("update file_schemas set changed_by = null, changed_at = null, final_multiplier = null, "
                     "final_whole_only = null where sha256 = %s", (sha256,))
        save_detection(conn, sha256, source_path, schema)
        conn.cursor().executemany(
            """update file_schemas set final_type = coalesce(%s, final_type),
                   final_format = coalesce(%s, final_format), final_mapping = coalesce(%s, final_mapping),
                   final_multiplier = %s, final_whole_only = %s, changed_by = %s, changed_at = %s
               where sha256 = %s and column_index = %s""",
            [(o.final_type, o.final_format, o.final_mapping, o.final_multiplier, o.whole_only or None, o.changed_by,
              o.changed_at, sha256, index) for index, o in placed.items()])


def detected_names(conn, sha256s: list[str]) -> dict[str, str]:
    """sha256 -> the name the file was detected under."""
    return dict(conn.execute("select sha256, source_path from file_layouts where sha256 = any(%s)",
                             (list(sha256s),)).fetchall())


def refusing_nothing_by_name(conn) -> list[tuple[str, str]]:
    """(sha256, the name it was detected under) of each stored detection that refuses nothing and whose rows no
    ticker or day of the file's own names (nameless.unnamed asks the rest): those a name's rules may refuse."""
    return conn.execute("""select sha256, coalesce(dialect->>'file', source_path) from file_layouts
                           where dialect->>'problem' is null and dialect->>'ticker' is null
                             and dialect->>'day' is null""").fetchall()


def stored_detections(conn, sha256s: list[str]) -> dict[str, dict]:
    """sha256 -> the file's schema as detection stored it, before any user's correction."""
    return dict(conn.execute("select sha256, dialect from file_layouts where sha256 = any(%s)",
                             (list(sha256s),)).fetchall())


def sibling_detections(conn, schemas: list[dict], per_layout: int = 50) -> list[dict]:
    """Stored detections of files sharing a layout (layout_key: delimiter and header) with any of
    `schemas`, the newest `per_layout` of each: the siblings that may prove a day/month order a new
    file's dates leave to a guess (ingestion/sibling_order.py), or that its evening stamps are east of
    UTC (ingestion/sibling_east.py), and, for those that note evening stamps, the newest `per_layout` of
    each that may prove those (sibling_east.proves), the newest `per_layout` a user said a format of, and the
    newest `per_layout` of the office each of `schemas` is of (its "file", a path under the source's root). The
    newest, as an office's layout drifts; each with its users' corrections on it (_as_corrected)."""
    keys = sorted({layout_key(s) for s in schemas if s.get("columns")})
    if not keys:
        return []
    newest = """select sha256, dialect, source_path from (select sha256, dialect, source_path,
                    row_number() over (partition by layout_key
                    order by detected_at desc) n from file_layouts where layout_key = any(%s){}) s where n <= %s"""
    # And the newest a user said a format of: the user's word proves (_as_corrected), and an office whose files
    # hold no day above 12 (a month's first days) has no other proof: behind the newest files of its header (its
    # own, settled by it, or another office's) it was no sibling, and the office's next 04/03 loaded as 3 April.
    # A format only (as overrides reads one): behind files whose prices a user scaled, it was no sibling either.
    # So are the marks a user said of a file (_as_corrected).
    corrected = (" and (exists (select 1 from file_schemas c where c.sha256 = file_layouts.sha256"
                 " and c.changed_by is not null and c.final_format is distinct from c.detected_format)"
                 " or exists (select 1 from file_overrides o where o.sha256 = file_layouts.sha256"
                 f" and o.setting = '{file_overrides.MARKS}' and o.value is not null))")
    queries, params = [newest.format(""), newest.format(corrected)], [keys, per_layout, keys, per_layout]
    # And the newest of each office the new files are of (office_names.py): behind another office's newer
    # files of the same header, an office's own proof was no sibling, and its next 04/03 loaded as 3 April.
    offices = sorted({(layout_key(s), office_key(s["file"])) for s in schemas if s.get("columns") and s.get("file")})
    if offices:
        queries.append("""select sha256, dialect, source_path from (select sha256, dialect, source_path,
                              row_number() over (partition by layout_key, office order by detected_at desc) n
                          from file_layouts
                          where (layout_key, office) in (select * from unnest(%s::text[], %s::text[]))) s
                          where n <= %s""")
        params += [[k for k, _ in offices], [o for _, o in offices], per_layout]
    # And the newest that may prove evening stamps east of UTC or not (a Friday, Saturday or Sunday evening
    # noted): a file of a bar a day has them once a week, and an office downloading many tickers a day
    # buries Monday's proof under the files of the days after it (Wednesday's Tokyo bar loaded a day early).
    east = sorted({layout_key(s) for s in schemas if any(c.get("evenings") for c in s.get("columns") or [])})
    if east:
        queries.append(newest.format(" and dialect @? '$.columns[*].evenings ? (@ like_regex \"Fri|Sat|Sun\")'"))
        params += [east, per_layout]
    found = _not_retired(conn, conn.execute(" union ".join(queries), params).fetchall())
    siblings = _as_corrected(conn, _named_now(conn, [(sha, _named_with_folder(dialect, path))
                                                     for sha, dialect, path in found]))
    return _with_dates(conn, siblings)


def marks_guessing_siblings(conn, schemas: list[dict], per_layout: int = 50) -> list[dict]:
    """Stored detections, the newest `per_layout` of each layout (layout_key) of `schemas`, whose number marks
    were a guess or unseen (ingestion/sibling_marks.py): those a migration's new files may prove the marks
    of (ingestion/stored_order.py). Most files' numbers prove their marks: this asks only for the few."""
    keys = sorted({layout_key(s) for s in schemas if s.get("columns")})
    if not keys:
        return []
    found = conn.execute("""select sha256, dialect, source_path from (select sha256, dialect, source_path,
                                row_number() over (partition by layout_key order by detected_at desc) n
                            from file_layouts where layout_key = any(%s) and (dialect @> '{"marks_guessed": true}'
                                or dialect @> '{"decimal_unseen": true}')) s where n <= %s""",
                         (keys, per_layout)).fetchall()
    found = _not_retired(conn, found)
    return _as_corrected(conn, _named_now(conn, [(sha, _named_with_folder(dialect, path))
                                                 for sha, dialect, path in found]))


def _named_now(conn, found: list[tuple[str, dict]]) -> list[tuple[str, dict]]:
    """The siblings' detections (sha256, dialect) named as a current file of each is, where the name detection
    named it by is no current file's (renamed, moved to another folder), and read as that name reads them
    (read_as_named.py): a sibling's folder, office and name's date are its file's now. By the stored name, a
    day's list moved out of an office's folder still settled that folder's next name's day/month order.
    Contents no current file holds (detected alone, or gone) keep theirs."""
    names = current_names(conn, [sha for sha, _ in found]) if found else {}
    out = []
    for sha, dialect in found:
        now = names.get(sha, [])
        if now and dialect.get("file") not in now:
            dialect = dict(read_as_named(dialect, now[0], now), file=now[0])
        out.append((sha, dialect))
    return out


def _not_retired(conn, found: list[tuple]) -> list[tuple]:
    """The found (sha256, ...) rows but those of contents no current file holds any more: every version of
    them replaced by another of the same days (a file sent again corrected) or withdrawn. Their detection is no
    sibling: an office's "15/10/2012" first sent as "10/15/2012" and replaced kept proving month first against
    the correction, and its next "01/11/2012" loaded on 11 January. Contents never migrated (detected alone)
    stay; so do those replaced by another day's (an export saved over each day under one name): left out, its
    15 and 16 October proved nothing once saved over, and its 5 November loaded on 11 May."""
    retired = {sha for (sha,) in conn.execute(
        """select r.sha256 from raw_files r
               left join raw_files c on c.source_path = r.source_path and c.superseded_at is null
           where r.sha256 = any(%s)
           group by r.sha256
           having bool_and(r.superseded_at is not null and (c.sha256 is null or c.dates && r.dates))""",
        ([row[0] for row in found],)).fetchall()}
    return [row for row in found if row[0] not in retired]


def _with_dates(conn, siblings: list[dict]) -> list[dict]:
    """The siblings, each with the dates its current file holds (SIBLING_DATES), where its day/month order may
    be a guess: an office's one-day files are read together (ingestion/pooled_order.py), and in a daily run
    the day before's is stored. Left out, a British office's second day alone loaded by the guess as its first
    had (2 October 2012 as 10 February)."""
    wanted = [s[SIBLING_CONTENT] for s in siblings if DAY_MONTH.search(json.dumps(s.get("columns") or []))]
    if not wanted:
        return siblings
    # Not a home date (raw._filed_under): a file of no loadable row (its guess put them on a weekend) has no
    # date to read with them; nor one stored before that was noted (home_dated null).
    found = {sha: (dates, written) for sha, dates, written in conn.execute(
        """select distinct on (sha256) sha256, dates, modified_at from raw_files
           where sha256 = any(%s) and superseded_at is null and home_dated = false
           order by sha256, copied_at desc""", (wanted,)).fetchall()}
    for sibling in siblings:
        if sibling[SIBLING_CONTENT] in found:
            dates, written = found[sibling[SIBLING_CONTENT]]
            sibling[SIBLING_DATES] = [day.isoformat() for day in dates]
            sibling[SIBLING_WRITTEN] = written.timestamp()
    return siblings


def _named_with_folder(dialect: dict, source_path: str) -> dict:
    """The stored detection, named by its path under the root where detection named it without its
    folder (the file_schemas asset named files by name alone): sibling_order compares folders, and a
    sibling without one counted for every office, so London's "13/03/2024" settled New York's 04/03."""
    if "/" not in (dialect.get("file") or "").replace("\\", "/") and "/" in source_path:
        dialect["file"] = source_path
    return dialect


def _as_corrected(conn, found: list[tuple[str, dict]]) -> list[dict]:
    """The siblings' detections (sha256, dialect) with their users' column corrections on them, each
    corrected field certain: a user's "%d/%m/%Y" on a sibling is the office's order said, where its
    detection's guess or proof was overruled. As detected, the overruled "proof" still settled a new
    file's guess the other way, and the user's word proved nothing: 2 January loaded as 1 February."""
    corrected = overrides(conn, [sha for sha, _ in found])
    # And the marks a user said of a file: they prove as its own numbers would (sibling_marks._proves). Left as
    # detection's guess, a German office's next day of '244,870' beside '55.300' loaded 1000x off after the user
    # said its layout's comma the decimal.
    marks_said = {sha: kept[file_overrides.MARKS] for sha, kept in
                  file_overrides.in_force(conn, [sha for sha, _ in found]).items() if file_overrides.MARKS in kept}
    siblings = []
    for sha, dialect in found:
        dialect[SIBLING_CONTENT] = sha
        if sha in marks_said:
            file_overrides.apply(dialect, {file_overrides.MARKS: marks_said[sha]})
            dialect.pop("marks_from", None)
            dialect[MARKS_SAID] = True
        for o in corrected.get(sha, []):
            columns = dialect.get("columns") or []
            if o.column_index >= len(columns):
                continue
            column = columns[o.column_index]
            if o.final_type is not None:
                column["type"] = o.final_type
            if o.final_format is not None:
                if _other_order(column.get("format"), o.final_format):
                    # Its evening stamps' weekdays as the user's order reads them, which detection noted too:
                    # what sibling_east.proves reads. Left as detection's, a Tokyo bar the user said was
                    # "07/01/2024 ..." day first, east, proved nothing (a Monday evening, month first) and
                    # its source's next bar loaded a day early. Unknown where detection did not note them
                    # (stored before it did): none, no proof, not detection's order's Friday proving UTC.
                    column["evenings"], column["evenings_other_order"] = (column.get("evenings_other_order"),
                                                                          column.get("evenings"))
                # The user's format, not a lender's nor other siblings': it proves (sibling_order._sibling_proofs).
                # A type said alone leaves the format detection's, as certain as detection was of it.
                column.update({"format": o.final_format, "confidence": 1.0, "order_from": None, FORMAT_SAID: True})
                dialect["borrowed_from"] = None
            if o.final_mapping is not None:
                column["canonical"] = None if o.final_mapping == UNMAPPED else o.final_mapping
        siblings.append(dialect)
    return siblings


def _other_order(detected: str | None, said: str) -> bool:
    """Whether a user's date format reads a day and a month the other way round from detection's."""
    was, now = DAY_MONTH.search(detected or ""), DAY_MONTH.search(said)
    return was is not None and now is not None and was.group(1) != now.group(1)


def detected_files(conn, sha256s: list[str]) -> set[str]:
    """Those of the files that have a detected schema."""
    rows = conn.execute("select sha256 from file_layouts where sha256 = any(%s)", (list(sha256s),)).fetchall()
    return {r[0] for r in rows}


def column_count(conn, sha256s: list[str]) -> int:
    """Rows of file_schemas (one per file column) of the files."""
    return conn.execute("select count(*) from file_schemas where sha256 = any(%s)", (list(sha256s),)).fetchone()[0]


def final_schema(conn, sha256: str) -> dict | None:
    """The file's schema as detection produced it, with each column's final type, mapping and
    multiplier applied (a multiplier of 1 a user set: none, as the JSON of a column without one).
    Of a wide table, each column's ticker (`series`) is the layout's, as detection stored it: no user
    changes it, and a row without one (written by code from before the column) must not make the
    conversion read the file as one ticker's."""
    return final_schemas(conn, [sha256]).get(sha256)


def final_schemas(conn, sha256s: list[str]) -> dict[str, dict]:
    """final_schema of many files in three queries, with the user's overrides of a whole file
    (file_overrides: a day, a ticker, a refusal lifted, the marks its numbers are read with); files
    never detected are left out."""
    schemas = {sha: json.loads(json.dumps(dialect)) for sha, dialect in conn.execute(
        "select sha256, dialect from file_layouts where sha256 = any(%s)", (list(sha256s),)).fetchall()}
    finals = conn.execute(
        """select sha256, column_index, final_type, final_format, final_mapping, final_multiplier, changed_by,
                  final_whole_only, changed_by is not null and final_mapping is distinct from detected_mapping
           from file_schemas where sha256 = any(%s)""", (list(schemas),)).fetchall()
    said_mappings = []
    for sha, index, final_type, final_format, final_mapping, final_multiplier, changed_by, whole_only, said in finals:
        columns = schemas[sha]["columns"]
        if index < len(columns):
            mapping = None if final_mapping == UNMAPPED else final_mapping
            columns[index].update(type=final_type, format=final_format, canonical=mapping)
            if final_multiplier is not None:
                _set_multiplier(columns[index], final_multiplier)
                if whole_only:
                    columns[index]["whole_only"] = True
        if changed_by is not None:
            # A user's correction is the word on the file: the conversion must not swap the
            # schema for its own detection as it does for an unproven borrowed one.
            schemas[sha]["borrowed_from"] = None
        if said and final_mapping != UNMAPPED and index < len(columns):
            said_mappings.append((sha, index))
    _said_mapping_wins(schemas, said_mappings)
    for sha in {sha for sha, _ in said_mappings}:
        # A column a user mapped to the ticker names the rows, as a user's ticker for the file does
        # (file_overrides.apply): the refusal for want of a name (a site's "PriceHistory.csv", nameless.py) is
        # lifted. Kept, a history whose tickers a user had mapped loaded until its name was listed, then was
        # refused at the next migration though its rows name themselves (ingestion/stored_names.py).
        if file_overrides.refused_for_want_of_a_name(schemas[sha]):
            schemas[sha]["problem"] = None
    # After the columns': a day dates a file only while no column of it is mapped to the date.
    for sha, settings in file_overrides.in_force(conn, list(schemas)).items():
        file_overrides.apply(schemas[sha], settings)
    return schemas


def _said_mapping_wins(schemas: dict[str, dict], said: list[tuple[str, int]]) -> None:
    """Of each (file, column) a user mapped, the mapping taken from any other column of its kind (the file's
    shared ones, or its ticker's own of a wide table) that holds it by detection alone. A
    new detection stored under the corrections (schema redetect, a new version taking its previous one's,
    a day/month order settled again) may map another column to what a user said one is: `Px -> close`
    said, then `Settle` detected a close, the file loaded Settle's values as its closes (a row is read
    with the last column of each name), shown `Px: float -> close (corrected by ...)`."""
    chosen = set(said)
    for sha, index in said:
        columns = schemas[sha]["columns"]
        mapping, series = columns[index].get("canonical"), columns[index].get("series")
        for other, column in enumerate(columns):
            # Of a wide table, a ticker's own column wins over a shared one by their kinds (series_maps), not order.
            if mapping and column.get("canonical") == mapping and (sha, other) not in chosen \
                    and column.get("series") == series:
                column["canonical"] = None


def _set_multiplier(column: dict, multiplier: float) -> None:
    """A user's multiplier on a column of a schema's JSON: whole numbers as integers, so that the
    column reads, and keys its rows, as a detected one of that factor; 1 as no multiplier at all."""
    column.pop("multiplier", None)
    if multiplier != 1:
        column["multiplier"] = int(multiplier) if float(multiplier).is_integer() else multiplier


class OverrideError(ValueError):
    pass


def current_sha256(conn, source_path: str) -> str:
    row = conn.execute(
        "select sha256 from raw_files where source_path = %s and superseded_at is null", (source_path,)
    ).fetchone()
    if row is None:
        raise OverrideError(f"no current raw file {source_path!r} (paths are relative to the source folder)")
    return row[0]


def files_sharing_layout(conn, sha256: str) -> list[str]:
    return [r[0] for r in conn.execute(
        "select sha256 from file_layouts where layout_key = (select layout_key from file_layouts where sha256 = %s)",
        (sha256,),
    ).fetchall()]


def current_versions(conn, sha256s: list[str]) -> set[str]:
    """Of the given files, those that are the current version of some source path (raw_files): a
    path's superseded versions keep their detections and share its layout, but load nothing."""
    return {r[0] for r in conn.execute(
        "select distinct sha256 from raw_files where sha256 = any(%s) and superseded_at is null", (list(sha256s),))}


def folders_of(conn, sha256s: list[str]) -> dict[str, int]:
    """An office's folder (of the path under the source's root, its dates blanked as office_names.folder_pattern
    does: prices/#/#; "" at the root) -> how many of the files sit in it. A day's or a month's folder is no other
    office: told apart, one office's files kept by date warned of several offices on every correction."""
    rows = conn.execute("select source_path from file_layouts where sha256 = any(%s)", (sha256s,)).fetchall()
    return dict(Counter(folder_pattern(path) or "" for (path,) in rows))


class ColumnMeant(NamedTuple):
    sha256: str
    column_index: int
    label: str  # as `schema show` lists it (_label)


def override_column(conn, sha256s: list[str], column: str | int, changed_by: str, final_type: str | None = None,
                    final_format: str | None = None, final_mapping: str | None = None,
                    final_multiplier: float | None = None, meant: list[ColumnMeant] | None = None) -> int:
    """A user's correction of one column in the given files, named as in their header or by its
    column_index; returns how many file columns changed. Of a wide table's column, the ticker it
    belongs to stays: a correction changes type, format, mapping and multiplier (what the column's
    values are multiplied by on loading: 1000 for a volume in thousands, 1 for none) only. `meant`:
    columns_meant(conn, sha256s, column), where the caller found it already."""
    if final_type is not None and final_type not in COLUMN_TYPES:
        raise OverrideError(f"type must be one of {', '.join(COLUMN_TYPES)}; got {final_type!r}")
    if final_mapping is not None and final_mapping not in (*CANONICAL_COLUMNS, UNMAPPED):
        allowed = ", ".join(CANONICAL_COLUMNS)
        raise OverrideError(f"mapping must be one of {allowed} or {UNMAPPED}; got {final_mapping!r}")
    if final_multiplier is not None and not final_multiplier > 0:
        raise OverrideError(f"multiplier must be a number above 0 (1 for none); got {final_multiplier!r}")
    if not changed_by:
        raise OverrideError("say who changes the schema (--by)")
    with conn.transaction():
        if meant is None:
            meant = columns_meant(conn, sha256s, column)
        if final_mapping is not None and final_mapping != UNMAPPED:
            _refuse_a_second_column(conn, meant, final_mapping)
        result = conn.execute(
            """update file_schemas s set final_type = coalesce(%s, final_type),
                   final_format = coalesce(%s, final_format), final_mapping = coalesce(%s, final_mapping),
                   final_multiplier = coalesce(%s, final_multiplier), changed_by = %s, changed_at = now(),
                   final_whole_only = case when %s then null else final_whole_only end
               from unnest(%s::text[], %s::int[]) t (sha256, column_index)
               where s.sha256 = t.sha256 and s.column_index = t.column_index""",
            (final_type, final_format, final_mapping, final_multiplier, changed_by, final_multiplier is not None,
             [m.sha256 for m in meant],
             [m.column_index for m in meant]),
        )
        return result.rowcount


def _refuse_a_second_column(conn, meant: list[ColumnMeant], mapping: str) -> None:
    """Refuse to map a column to what another column read with it maps to already. A row is read
    with one column per canonical name (FileSchema.canonical_map: the last one), so `Last -> close`
    said of a file whose `Close` maps to close loaded the Close column's values as before, the
    correction shown in `schema show` but not applied, or, said of a column before it, loaded the
    other one: either way, which column is the close turned on their order. The user unmaps the
    other one first. Columns read together are a file's shared columns (no series) and those of one
    ticker of a wide table (canonical_map per series: its own and the shared ones)."""
    clashes = conn.execute(
        """select t.sha256, t.column_index, o.column_index, o.column_name, o.final_mapping, o.series, o.source_path
           from unnest(%s::text[], %s::int[]) t (sha256, column_index)
           join file_schemas s on s.sha256 = t.sha256 and s.column_index = t.column_index
           join file_schemas o on o.sha256 = t.sha256 and o.column_index <> t.column_index
           where o.final_mapping = %s and (o.series is null or s.series is null or o.series = s.series)
           order by o.source_path, o.column_index""",
        ([m.sha256 for m in meant], [m.column_index for m in meant], mapping),
    ).fetchall()
    if clashes:
        sha, index, other, name, other_mapping, series, path = clashes[0]
        label = next(m.label for m in meant if m.sha256 == sha and m.column_index == index)
        more = f" (and {len(clashes) - 1} more file column(s))" if len(clashes) > 1 else ""
        # Of a layout, the file may be a path's superseded version, which only --layout reaches: told
        # `unmap column 4 of p.csv`, the user did so of the current one and was refused again, as often.
        # Only then is --layout the advice: said of a current file, it would unmap the column in every
        # file of its layout, the ones that hold no clash too.
        superseded = conn.execute("select bool_or(superseded_at is null) from raw_files where sha256 = %s",
                                  (sha,)).fetchone()[0] is False
        whose = f"a superseded version of {path}" if superseded else path
        layout = " --layout" if superseded and len({m.sha256 for m in meant}) > 1 else ""
        raise OverrideError(
            f"column {label} cannot map to {mapping}: column "
            f"{_label(other, name, other_mapping, series)} of {whose} maps to it already{more}, and a row is read "
            f"with one of them; unmap that one first (--column-number {other + 1} --mapping {UNMAPPED}{layout})")


def whole_only(conn, meant: list[ColumnMeant]) -> list[str]:
    """Of the files' columns `meant` (columns_meant), the files whose column holds a carried multiplier
    that rejects numbers with a decimal mark (ColumnSchema.whole_only): what saying the multiplier
    again lifts."""
    return [r[0] for r in conn.execute(
        """select s.sha256 from file_schemas s join unnest(%s::text[], %s::int[]) t (sha256, column_index)
               on s.sha256 = t.sha256 and s.column_index = t.column_index
           where s.final_whole_only and s.final_multiplier is not null order by s.sha256""",
        ([m.sha256 for m in meant], [m.column_index for m in meant])).fetchall()]


def column_label(conn, sha256: str, column: str | int) -> str:
    """The file's column `column` means, as the user sees it: `3 Close_2 (close of MSFT)`."""
    return columns_meant(conn, [sha256], column)[0].label


def columns_meant(conn, sha256s: list[str], column: str | int) -> list[ColumnMeant]:
    """The column meant in each file that has it, found by its number or its name: a name as spelt, else
    ignoring case (files of one layout spell it differently); a name several columns of a file
    answer to is refused, not applied to them all: whose "close" would it be?"""
    by_index = isinstance(column, int)
    named = "column_index = %s" if by_index else "lower(trim(column_name)) = lower(trim(%s))"
    rows = conn.execute(
        f"""select sha256, column_index, column_name, final_mapping, series, source_path from file_schemas
            where sha256 = any(%s) and {named} order by sha256, column_index""",
        (list(sha256s), column),
    ).fetchall()
    if not rows:
        choices = conn.execute(  # of one file: the files of a layout have the same columns
            "select column_index, column_name, final_mapping, series from file_schemas where sha256 = %s "
            "order by column_index limit 31", (sha256s[0],)).fetchall() if sha256s else []
        listed = "; ".join(_label(*c) for c in choices[:30]) + ("; ..." if len(choices) > 30 else "")
        what = f"column number {column + 1}" if by_index else f"column {column!r}"
        raise OverrideError(f"no {what} in the chosen file(s); the columns: {listed or 'none (not detected yet)'}")
    by_file: dict[str, list[tuple]] = {}
    for row in rows:
        by_file.setdefault(row[0], []).append(row)
    meant = []
    for sha, candidates in by_file.items():
        chosen = [r for r in candidates if by_index or r[2].strip() == column.strip()] or candidates
        if len(chosen) > 1:
            # Of a layout, it may be another file than the one given that spells the name otherwise.
            listed = "; ".join(_label(*r[1:5]) for r in chosen)
            raise OverrideError(f"{column!r} names several columns of {chosen[0][5]}: {listed}; give the one meant "
                                "by its number (--column-number) or its exact name")
        meant.append(ColumnMeant(sha, chosen[0][1], _label(*chosen[0][1:5])))
    return meant


def _label(index: int, name: str, mapping: str | None, series: str | None) -> str:
    """A column as `schema show` lists it: number (from 1), name and, of a wide table, whose it is."""
    whose = f" ({mapping or 'unmapped'} of {series})" if series else ""
    return f"{index + 1} {name}{whose}"


def schema_version(conn, sha256s: list[str]) -> str:
    """A digest of the final schemas of these files: changes exactly when a user's correction (of a
    column or of the whole file) does."""
    rows = conn.execute(
        """select sha256, column_index, final_type, final_format, final_mapping, final_multiplier, final_whole_only
           from file_schemas where sha256 = any(%s) order by sha256, column_index""",
        (list(sha256s),),
    ).fetchall()
    # A multiplier only where a user set one, and whole_only where it is set: the digest of every other
    # column stays as it was before them, and no file needs a rerun for their coming.
    rows = [row[:6] + (True,) if row[6] else row[:6] if row[5] is not None else row[:5] for row in rows]
    # So with a file's own overrides: only where a user set one.
    rows += file_overrides.version_rows(conn, sha256s)
    return hashlib.sha256(json.dumps(rows, default=str).encode()).hexdigest()[:16]
