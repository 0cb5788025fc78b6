"""Which corrections of a file's previous version its new version took (ingestion/carry.py), and
which it did not and why: kept for `schema show` and the migration's log."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

# What a correction's changed_by ends with when it was carried from a file's previous version (carry.py).
CARRIED_MARK = re.compile(r" \(carried from the version of [^)]*\)$")


@dataclass(frozen=True)
class Recorded:
    from_sha256: str
    source_path: str
    correction: str  # as the user is told it, with its author and when
    carried: bool
    reason: str | None  # why not carried; of one carried, its caveat (carry.Carry.caveats)
    recorded_at: datetime | None = None
    subject: str | None = None  # a file's setting, or "column NAME"; None: recorded before it was kept


def record(conn, sha256: str, from_sha256: str, source_path: str, carried: list[str],
           not_carried: list[tuple[str, str]], caveats: list[tuple[str, str]] = (),
           subjects: dict[str, str] | None = None) -> None:
    """Note what of `from_sha256`'s corrections the new version `sha256` took (`caveats`: of those, the
    ones said with a caveat, and which: the rows they reject, or that they were not weighed). Said again
    (the same content met afresh), the newer word stands. `subjects`: correction -> what it corrected (a
    setting, "column NAME")."""
    noted, subjects = dict(caveats), subjects or {}
    conn.cursor().executemany(
        """insert into carried_corrections (sha256, from_sha256, source_path, correction, carried, reason, subject)
           values (%s, %s, %s, %s, %s, %s, %s)
           on conflict (sha256, from_sha256, correction) do update set carried = excluded.carried,
               reason = excluded.reason, subject = excluded.subject, recorded_at = now()""",
        [(sha256, from_sha256, source_path, told, True, noted.get(told), subjects.get(told)) for told in carried]
        + [(sha256, from_sha256, source_path, told, False, why, subjects.get(told)) for told, why in not_carried])


def recorded(conn, sha256: str) -> list[Recorded]:
    """What the file took of its previous version's corrections, carried first."""
    return [Recorded(*row) for row in conn.execute(
        """select from_sha256, source_path, correction, carried, reason, recorded_at, subject from carried_corrections
           where sha256 = %s order by recorded_at, not carried, correction""", (sha256,)).fetchall()]


@dataclass(frozen=True)
class Since:
    """What became of a carried correction on the new version: the user changed it, or took it back."""
    taken_back: bool
    changed_by: str | None
    changed_at: datetime | None

    def __str__(self) -> str:
        who = (f" by {self.changed_by}" if self.changed_by else "") + (
            f" at {self.changed_at:%Y-%m-%d %H:%M}" if self.changed_at else "")
        return f"since {'taken back' if self.taken_back else 'changed'}{who}, no longer in force"


def since(r: Recorded, settings: dict, columns: list) -> Since | None:
    """Whether the correction `r` carried is no longer in force on the new version, of its file's overrides
    as stored (`settings`: setting -> file_overrides.FileOverride, taken back ones too) and its column
    corrections (`columns`: file_schemas.Override); None while it is, or where unknown (`r` recorded
    before its subject was kept)."""
    if not r.carried or r.subject is None:
        return None
    if r.subject.startswith("column "):
        now = next((o for o in columns if o.column_name == r.subject.removeprefix("column ")), None)
        if now is None:
            return Since(True, None, None)
        corrects = any(v is not None for v in (now.final_type, now.final_format, now.final_mapping,
                                               now.final_multiplier))
        in_force = corrects and CARRIED_MARK.search(now.changed_by)
        return None if in_force else Since(not corrects, now.changed_by, now.changed_at)
    now = settings.get(r.subject)
    if now is None:
        return Since(True, None, None)
    if now.value is not None and CARRIED_MARK.search(now.changed_by):
        return None
    return Since(now.value is None, now.changed_by, now.changed_at)


def lines(found: list[Recorded], settings: dict | None = None, columns: list | None = None) -> list[str]:
    """As `schema show` lists them: `carried from the previous version (1a2b3c4d5e6f) of a.csv: ...`
    (`; ...` its caveat, if any: the rows it rejects, or that it was not weighed; `; since changed by bob
    at ..., no longer in force` once the user changed or took it back on this version: `settings`,
    `columns`, as `since` takes them), `NOT carried from ...: ...; why`."""
    shown = []
    for r in found:
        later = since(r, settings or {}, columns or []) if settings is not None or columns is not None else None
        shown.append(f"{'carried' if r.carried else 'NOT carried'} from the previous version ({r.from_sha256[:12]}) "
                     f"of {r.source_path}: {r.correction}" + (f"; {r.reason}" if r.reason else "")
                     + (f"; {later}" if later else ""))
    return shown


def as_json(found: list[Recorded], settings: dict, columns: list) -> list[dict]:
    """`schema show --json`'s `carried_corrections`: each as recorded, and `since` as `since` finds it."""
    def when(at: datetime | None) -> str | None:
        return at.isoformat() if at else None

    return [{"from_sha256": r.from_sha256, "source_path": r.source_path, "subject": r.subject,
             "correction": r.correction, "carried": r.carried,
             "reason": None if r.carried else r.reason, "caveat": r.reason if r.carried else None,
             "recorded_at": when(r.recorded_at),
             "since": later and {"taken_back": later.taken_back, "changed_by": later.changed_by,
                                 "changed_at": when(later.changed_at)}}
            for r in found for later in [since(r, settings, columns)]]
