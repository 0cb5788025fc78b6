"""Which corrections of a file's previous version its new version took (ingestion/carry.py), and
which it did not and why: kept for `schema show` and the migration's log."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class Recorded:
    from_sha256: str
    source_path: str
    correction: str  # as the user is told it, with its author and when
    carried: bool
    reason: str | None  # why not carried; of one carried, what of the new version's rows it rejects
    recorded_at: datetime | None = None


def record(conn, sha256: str, from_sha256: str, source_path: str, carried: list[str],
           not_carried: list[tuple[str, str]], rejecting: list[tuple[str, str]] = ()) -> None:
    """Note what of `from_sha256`'s corrections the new version `sha256` took (`rejecting`: of those, the
    ones that reject some of its rows, and which). Said again (the same content met afresh), the newer
    word stands."""
    rejects = dict(rejecting)
    conn.cursor().executemany(
        """insert into carried_corrections (sha256, from_sha256, source_path, correction, carried, reason)
           values (%s, %s, %s, %s, %s, %s)
           on conflict (sha256, from_sha256, correction) do update set carried = excluded.carried,
               reason = excluded.reason, recorded_at = now()""",
        [(sha256, from_sha256, source_path, told, True, rejects.get(told)) for told in carried]
        + [(sha256, from_sha256, source_path, told, False, why) for told, why in not_carried])


def recorded(conn, sha256: str) -> list[Recorded]:
    """What the file took of its previous version's corrections, carried first."""
    return [Recorded(*row) for row in conn.execute(
        """select from_sha256, source_path, correction, carried, reason, recorded_at from carried_corrections
           where sha256 = %s order by recorded_at, not carried, correction""", (sha256,)).fetchall()]


def lines(found: list[Recorded]) -> list[str]:
    """As `schema show` lists them: `carried from the previous version (1a2b3c4d5e6f) of a.csv: ...`
    (`; ...` of the rows it rejects, if any), `NOT carried from ...: ...; why`."""
    return [f"{'carried' if r.carried else 'NOT carried'} from the previous version ({r.from_sha256[:12]}) of "
            f"{r.source_path}: {r.correction}" + (f"; {r.reason}" if r.reason else "") for r in found]
