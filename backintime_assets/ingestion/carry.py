"""A file's corrections carried to its next version (same source path, new content) when the new
version is detected with the same layout: an office refreshing a file in place (a day appended, a
day's export saved over) must not lose the user's word on how it reads.

plan decides, purely, what is carried and what is not, and why; carry_to_new_versions stores it (the
outcome kept in db/carried_corrections.py), called by the migration (ingestion/raw.py) before the new
version's rows are read with them."""
from __future__ import annotations

import codecs
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime

import pyarrow as pa

from backintime_assets.db import carried_corrections, file_overrides, file_schemas
from backintime_assets.db.file_overrides import (
    DAY, LOAD_REFUSED, MARKS, TICKER, TYPED_NUMBERS, FileOverride, marks_label, marks_value,
    read_marks, ungrouped, ungrouped_said,
)
from backintime_assets.db.file_schemas import UNMAPPED, WHOLE_ONLY_SAID, Override, place_overrides
from backintime_assets.db.manifest import RawFile
from backintime_assets.ingestion.carried_numbers import DECIMAL, GROUPED, Otherwise, read_otherwise as numbers_otherwise
from backintime_assets.ingestion.schema_changes import columns_line

# What a carried correction's changed_by ends with; a correction carried again is marked from its
# latest version only, the original author kept in front.
_CARRIED = carried_corrections.CARRIED_MARK
# What a user's marks or multiplier read: the mapped number columns.
_NUMBERS = frozenset(("open", "high", "low", "close", "adj_close", "volume"))
# (sha256, schema as detected, column names) -> those columns' cells as the file's reader splits them,
# None where its numbers are no text (number_cells.py), or why they could not be read (a str).
CellsOf = Callable[[str, dict, set[str]], dict[str, pa.Array] | str | None]
# Of marks carried to a version whose numbers could not be weighed against the previous one's.
UNWEIGHED = ("not weighed against the new version's numbers ({}): a number it writes in another locale is read "
             "as the previous version's were")
# Of a multiplier said of whole numbers, carried to a version whose numbers in its column have a decimal mark.
WHOLE_ONLY_CAVEAT = "the new version's cells of the column that have a decimal mark are rejected"
# Of a multiplier so carried: a number in another unit than those it was said of goes unseen.
MULTIPLIER_UNWEIGHED = ("not weighed against the new version's numbers ({}): a number it writes in another unit (a "
                        "decimal where those the multiplier was said of were whole) is read by it as theirs were")
# Why a workbook's numbers are not weighed (UNWEIGHED).
TYPED_UNWEIGHED = "a workbook's numbers are typed, read from its cells, not split as text to weigh them"
DAY_NOT_CARRIED = ("a day's list saved over is most likely another day's: say its day again if it is the same "
                   "(schema override FILE --day)")


@dataclass(frozen=True)
class Previous:
    """The version of a source path a new one replaces, with the corrections in force on it."""
    sha256: str
    source_path: str
    modified_at: datetime
    detected: dict  # its schema as detection stored it, before any correction
    columns: list[Override]  # its column corrections (file_schemas.overrides)
    settings: dict[str, FileOverride]  # its whole-file overrides in force (file_overrides.in_force)


@dataclass
class Carry:
    previous: Previous
    columns: list[Override] = field(default_factory=list)  # to store on the new version, marked carried
    settings: list[FileOverride] = field(default_factory=list)  # likewise
    carried: list[str] = field(default_factory=list)  # each correction carried, as the user is told it
    not_carried: list[tuple[str, str]] = field(default_factory=list)  # (correction, why not)
    # (correction carried, its caveat): what of the new version's rows it rejects and why, marks said of
    # numbers the new version's do not all resemble; or that the new version's numbers could not be
    # weighed against the previous version's (carried_numbers.py)
    caveats: list[tuple[str, str]] = field(default_factory=list)
    subjects: dict[str, str] = field(default_factory=dict)  # each correction told -> a setting, or "column NAME"

    @property
    def carries_any(self) -> bool:
        return bool(self.columns or self.settings)


def plan(previous: Previous, new: dict, numbers: list[Otherwise] = (), unweighed: str | None = None) -> Carry:
    """What of `previous`'s corrections its new version (`new`: its schema as detected) takes. All of
    them when the layout is the same (layout_change) and detection reads what was corrected as it did
    (read_otherwise), but a day: none otherwise, each said. `numbers`: the new version's numbers read
    otherwise than the previous version's (numbers_read_otherwise); where the marks were said, those they
    read as no number or as grouped are rejected, not the marks dropped: the old rows read as the user saw
    them, and the new day is no other locale's number 1000x off. So of a multiplier said of a column's whole
    numbers, whose new ones have a decimal mark ('150.35' after cents '15003'): carried, those are rejected
    (ColumnSchema.whole_only), not read 100x off.
    `unweighed`: why the new version's numbers could not be weighed so; marks and multipliers carry, so said."""
    carry = Carry(previous)
    marked = carried_by(previous)
    corrected = [o for o in previous.columns if _corrects(o)]
    changed = layout_change(previous.detected, new)
    placed, lost = place_overrides(corrected, [c["name"] for c in new.get("columns") or []])
    if changed is None and lost:
        # The same names in the same order place every correction by name; should one not be, none goes.
        changed = "a corrected column has no column of its name in the new version"
    why = changed and f"not the same layout: {changed}"
    if why is None and (otherwise := read_otherwise(previous.detected, new, placed, previous.settings)):
        why = f"the new version may be written otherwise: {otherwise}"
    for o in corrected:
        told = column_correction(o)
        carry.subjects[told] = f"column {o.column_name}"
        if why:
            carry.not_carried.append((told, why))
            continue
        if _scales(o) and (scaled := [n for n in numbers if n.shape == DECIMAL
                                                          and n.column == o.column_name]):
            # Carried, or every old day loads 100x off; the new day's decimals are another unit's, rejected.
            o = replace(o, whole_only=True)
            carry.caveats.append((told, f"{WHOLE_ONLY_CAVEAT}: " + "; ".join(map(str, scaled))))
        elif unweighed and _scales(o):
            carry.caveats.append((told, MULTIPLIER_UNWEIGHED.format(unweighed)))
        carry.columns.append(replace(o, changed_by=marked(o.changed_by)))
        carry.carried.append(told)
    for setting, o in sorted(previous.settings.items()):
        told = file_correction(o)
        carry.subjects[told] = setting
        if setting == DAY:
            carry.not_carried.append((told, DAY_NOT_CARRIED))
        elif why:
            carry.not_carried.append((told, why))
        else:
            if setting == MARKS and (rejected := [n for n in numbers if n.shape != DECIMAL]):
                grouped = sorted({n.column for n in rejected if n.shape == GROUPED} | set(ungrouped(o.value) or ()))
                o = replace(o, value=marks_value(*read_marks(o.value), ungrouped=grouped))
                carry.caveats.append((told, "the new version's rows whose numbers they read otherwise than every "
                                            "number of the previous version are rejected: "
                                            + "; ".join(map(str, rejected))))
            elif setting == MARKS and unweighed:
                carry.caveats.append((told, UNWEIGHED.format(unweighed)))
            carry.settings.append(replace(o, changed_by=marked(o.changed_by)))
            carry.carried.append(told)
    return carry


def layout_change(before: dict, after: dict) -> str | None:
    """How a file's layout as detected changed between two versions, or None: the same format (and
    sheet), delimiter, family of encoding (bytes or wide, utf-16/32) and header names, in order, as
    spelt. Marks, types and formats are not layout: they are what the corrections are of."""
    for key in ("file_format", "sheet", "delimiter"):
        if before.get(key) != after.get(key):
            return f"{key} {before.get(key)!r} -> {after.get(key)!r}"
    if _encoding_family(before.get("encoding")) != _encoding_family(after.get("encoding")):
        return f"encoding {before.get('encoding')!r} -> {after.get('encoding')!r}"
    names = [c["name"] for c in before.get("columns") or []], [c["name"] for c in after.get("columns") or []]
    if names[0] != names[1]:
        return columns_line(*names)
    return None


def read_otherwise(before: dict, after: dict, placed: dict[int, Override],
                   settings: dict[str, FileOverride]) -> str | None:
    """What of the corrected the new version's detection reads otherwise than the previous version's
    did, and not as the user said, or None. A header tells nothing of how its numbers or dates are
    written: an office saving the file again from another locale keeps it, and the user's decimal point
    for '1.503' would read its '1,503' as 1503 unsaid. A correction answers detection's reading of the
    file it was made on; where the new version's evidence reads otherwise, it may not fit. `placed`:
    the new column index of each column correction (place_overrides)."""
    marks = settings.get(MARKS)
    if marks is not None and before.get("file_format") not in TYPED_NUMBERS:
        was, now = (before.get("decimal"), before.get("thousands")), (after.get("decimal"), after.get("thousands"))
        said = read_marks(marks.value)
        # Detection names no thousands mark where no number is large enough to show one: that agrees.
        if now != was and not (now[0] == said[0] and now[1] in (None, said[1])):
            return f"numbers now detected with {marks_label(*now)}, the previous version's with {marks_label(*was)}"
    old_columns, new_columns = before.get("columns") or [], after.get("columns") or []
    if (after.get("header_row") or 0) < 0:
        # Headerless, the names are numbers (column_3): what each column holds is all that tells them apart.
        roles = [c.get("canonical") for c in old_columns], [c.get("canonical") for c in new_columns]
        if roles[0] != roles[1]:
            return f"headerless columns now detected as {roles[1]}, the previous version's as {roles[0]}"
    for index, o in sorted(placed.items()):
        if o.column_index >= len(old_columns):
            continue
        old, new = old_columns[o.column_index], new_columns[index]
        said = {"type": o.final_type, "format": o.final_format,
                "canonical": None if o.final_mapping == UNMAPPED else o.final_mapping,
                "multiplier": o.final_multiplier}
        for key in ("type", "format", "canonical", "multiplier"):
            if (key == "canonical" and o.final_mapping is None) or (key != "canonical" and said[key] is None):
                continue
            was, now = _detected(old, key), _detected(new, key)
            if now != was and now != (float(said[key]) if key == "multiplier" else said[key]):
                return f"column {o.column_name}: {key} now detected {now!r}, the previous version's {was!r}"
    return None


def numbers_read_otherwise(previous: Previous, new_sha256: str, new: dict,
                           cells_of: CellsOf) -> tuple[list[Otherwise], str | None]:
    """The new version's numbers the marks said of `previous` (or, where none were, detection's) read
    otherwise than its own (carried_numbers.read_otherwise), and why they could not be weighed (None:
    they were, or nothing is to weigh); read only where marks or a multiplier would carry. Detection reads
    a file's two versions alike when its new day alone is written in another locale: the numbers
    themselves tell."""
    marks = previous.settings.get(MARKS) if previous.detected.get("file_format") not in TYPED_NUMBERS else None
    multiplied = {o.column_name: float(o.final_multiplier) for o in previous.columns if _scales(o)}
    if marks is None and not multiplied:
        return [], None
    if new.get("file_format") in TYPED_NUMBERS:
        # Only a multiplier is in force on a workbook (its numbers are typed: no mark reads them), and its
        # cells are not split as text: a day typed 150.35 among whole cents is read x0.01 unweighed, said so.
        return [], TYPED_UNWEIGHED
    decimal, thousands = read_marks(marks.value) if marks else (new.get("decimal") or ".", new.get("thousands"))
    mapping = {c["name"]: c.get("canonical") for c in new.get("columns") or []}
    mapping.update({o.column_name: None if o.final_mapping == UNMAPPED else o.final_mapping for o in previous.columns
                    if o.final_mapping is not None})
    names = {n for n, role in mapping.items() if role in _NUMBERS} if marks else set()
    names |= set(multiplied)
    before = cells_of(previous.sha256, previous.detected, names) if names else None
    after = cells_of(new_sha256, new, names) if isinstance(before, dict) else before
    if isinstance(after, str):
        return [], after
    if before is None or after is None:
        return [], None
    return numbers_otherwise(before, after, decimal, thousands, marks is not None, multiplied,
                             {n for n, role in mapping.items() if role == "volume"}), None


def _scales(o: Override) -> bool:
    """Whether the column's multiplier, said by a user, reads its numbers otherwise than as written: one of 1
    (said to take back a detected one) reads none in another unit, nothing to weigh."""
    return o.final_multiplier is not None and o.final_multiplier != 1


def _detected(column: dict, key: str):
    return float(column.get("multiplier") or 1) if key == "multiplier" else column.get(key)


def carried_by(previous: Previous):
    """changed_by of a correction carried from `previous`: the original author's, marked so."""
    mark = f" (carried from the version of {previous.modified_at:%Y-%m-%d})"
    return lambda by: _CARRIED.sub("", by) + mark


def column_correction(o: Override) -> str:
    """A column's correction as the user is told it: `column 3 Rate: type float (by ana at 2026-12-01 10:00)`."""
    said = [f"{what} {value!r}" for what, value in (("type", o.final_type), ("format", o.final_format),
                                                     ("mapping", o.final_mapping)) if value is not None]
    if o.final_multiplier is not None:
        said.append(f"multiplier {o.final_multiplier:g}" + (f" ({WHOLE_ONLY_SAID})" if o.whole_only else ""))
    return f"column {o.column_index + 1} {o.column_name}: {', '.join(said)} ({_who(o.changed_by, o.changed_at)})"


def file_correction(o: FileOverride) -> str:
    """A whole file's override as the user is told it: `numbers read with decimal mark '.' ... (by ana at ...)`."""
    if o.setting == MARKS:
        said = "numbers read with " + marks_label(*read_marks(o.value))
        said += f" ({ungrouped_said(ungrouped(o.value))})" if ungrouped(o.value) else ""
    else:
        said = {DAY: "every row dated", TICKER: "every row of ticker",
                LOAD_REFUSED: "loads though detection refused it:"}.get(o.setting, o.setting) + f" {o.value}"
    return f"{said} ({_who(o.changed_by, o.changed_at)})"


def _who(by: str, at: datetime | None) -> str:
    return f"by {by}" + (f" at {at:%Y-%m-%d %H:%M}" if at else "")


def _corrects(o: Override) -> bool:
    """Whether a column's stored correction changes anything of detection's (a type set as detected does not)."""
    return any(v is not None for v in (o.final_type, o.final_format, o.final_mapping, o.final_multiplier))


def _encoding_family(encoding: str | None) -> str:
    """Wide encodings (UTF-16, UTF-32) apart from those of bytes: a file that gains an accented byte reads
    cp1252 where it read UTF-8, and is the same export; one saved as UTF-16 is another tool's."""
    try:
        name = codecs.lookup(encoding or "utf-8").name
    except LookupError:
        return str(encoding)
    return name[:6] if name.startswith(("utf-16", "utf-32")) else "bytes"


def carry_to_new_versions(conn, news: dict[str, tuple[str, dict]], previous_of: dict[str, list[RawFile]],
                          met_before: dict[str, str] | None = None,
                          cells_of: CellsOf | None = None) -> list[tuple[str, Carry]]:
    """Of new contents never detected before (sha256 -> (source path, schema as detected)), each one a new
    version of paths whose previous versions (`previous_of`, in path order) carry corrections: the
    detection stored with what it takes of the first's (file_schemas.replace_detection places the
    columns' by name), and what it does not recorded with why. `met_before`: new versions whose content
    was detected before (sha256 -> the name it was detected under), which read as they did: none of their
    previous versions' corrections is carried, each said. Returns (sha256, carry) of each previous
    version with corrections to weigh."""
    met_before = met_before or {}
    olds = sorted({old.sha256 for sha, previous in previous_of.items() if sha in news or sha in met_before
                   for old in previous})
    columns = file_schemas.overrides(conn, olds)
    settings = file_overrides.in_force(conn, olds)
    detected = file_schemas.stored_detections(conn, olds)
    carries = []
    for sha, (path, new) in news.items():
        taken_from = None
        for old in previous_of.get(sha, []):
            if old.sha256 not in detected or not (columns.get(old.sha256) or settings.get(old.sha256)):
                continue
            previous = Previous(old.sha256, old.source_path, old.modified_at, detected[old.sha256],
                                columns.get(old.sha256, []), settings.get(old.sha256, {}))
            carry = plan(previous, new)
            if carry.carries_any and cells_of is not None:
                otherwise, unweighed = numbers_read_otherwise(previous, sha, new, cells_of)
                if otherwise or unweighed:
                    carry = plan(previous, new, otherwise, unweighed)
            if taken_from is not None:
                # The same content arrived as the new version of two paths: one content, one reading.
                carry = Carry(carry.previous, subjects=carry.subjects, not_carried=carry.not_carried + [
                    (told, f"the same content is also the new version of {taken_from}, whose previous version's "
                           "corrections it takes") for told in carry.carried])
            if not carry.carried and not carry.not_carried:
                continue  # corrections that changed nothing of detection's
            if carry.carries_any:
                file_schemas.replace_detection(conn, sha, path, new, carry.columns)
                file_overrides.store_carried(conn, sha, carry.settings)
            taken_from = taken_from or old.source_path
            carried_corrections.record(conn, sha, old.sha256, old.source_path, carry.carried, carry.not_carried,
                                       carry.caveats, carry.subjects)
            carries.append((sha, carry))
    for sha, first_name in sorted(met_before.items()):
        # One content, one reading: a file's copy met earlier (an archive of the day a refreshed file now
        # holds) keeps its own, and the corrections of the path's previous version would go unsaid.
        for old in previous_of.get(sha, []):
            if old.sha256 not in detected:
                continue
            told = [column_correction(o) for o in columns.get(old.sha256, []) if _corrects(o)] + [
                file_correction(o) for _, o in sorted(settings.get(old.sha256, {}).items())]
            if not told:
                continue
            why = (f"the same content was met before (as {first_name}) and reads as it did then, with its own "
                   "corrections if any: say them again of it if they hold")
            carry = Carry(Previous(old.sha256, old.source_path, old.modified_at, detected[old.sha256],
                                   columns.get(old.sha256, []), settings.get(old.sha256, {})),
                          not_carried=[(t, why) for t in told])
            carried_corrections.record(conn, sha, old.sha256, old.source_path, [], carry.not_carried)
            carries.append((sha, carry))
    return carries
