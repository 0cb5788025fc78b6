"""The raw-file manifest: which source file versions were copied into the lake, and which dates they hold."""
from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from backintime_assets.trading_week import MON_FRI


@dataclass(frozen=True)
class RawFile:
    source_path: str
    sha256: str
    name: str
    size_bytes: int
    modified_at: datetime
    lake_path: str
    dates: list[date]
    problem: str | None = None
    home_dated: bool | None = None  # `dates` is the home date of a file with no loadable row (None: unknown)


COLUMNS = "source_path, sha256, name, size_bytes, modified_at, lake_path, dates, problem, home_dated"
# In each prices materialization: the last change its run had read (see last_change_seq), and of
# which change log.
SEEN_CHANGE = "manifest_change_seq"
CHANGE_LOG = "manifest_change_log"
MIGRATION_LOCK = 0x6261636B696E01  # the advisory lock migrations take, one at a time


PARSED_ZONE_LOCK = 0x6261636B696E02  # conversions share it while reading the parsed zone; pruning takes it alone


@contextmanager
def parsed_zone_lease(conn):
    """Held by a conversion while its tasks read the lake's parsed zone: pruning waits for it, so
    no kept file is deleted half-way through a read (on S3 that fails the task rather than reading
    as not kept). `conn` is given over to the lease for its duration."""
    conn.autocommit = True  # a session lock, without a transaction left idle for the whole run
    conn.execute("select pg_advisory_lock_shared(%s)", (PARSED_ZONE_LOCK,))
    try:
        yield
    finally:
        conn.execute("select pg_advisory_unlock_shared(%s)", (PARSED_ZONE_LOCK,))


def lock_for_pruning(conn) -> None:
    """Until this transaction ends: no migration is surveying (it writes kept files before the
    manifest lists them) and no conversion is reading the parsed zone."""
    lock_for_migration(conn)
    conn.execute("select pg_advisory_xact_lock(%s)", (PARSED_ZONE_LOCK,))


def lock_for_migration(conn) -> None:
    """Wait for any other migration to commit, then hold the lock until this transaction ends: two
    runs migrating at once (the sensor's migration and an ingest run's raw step) would both copy and
    record the same new files, and log the same change twice. Taking it again in the same
    transaction is free."""
    if conn.autocommit:
        raise ValueError("migrations need a transaction: the lock would end with this very statement")
    conn.execute("select pg_advisory_xact_lock(%s)", (MIGRATION_LOCK,))


def current_files(conn) -> dict[str, RawFile]:
    rows = conn.execute(f"select {COLUMNS} from raw_files where superseded_at is null").fetchall()
    return {r[0]: RawFile(*r[:6], list(r[6]), r[7], r[8]) for r in rows}


def problems_of(conn, sha256s: list[str]) -> dict[str, str | None]:
    """Source path -> why nothing of it loads (raw_files.problem, as its last reading found it), of the
    current files of these contents."""
    return dict(conn.execute("select source_path, problem from raw_files where sha256 = any(%s) "
                             "and superseded_at is null", (list(sha256s),)).fetchall())


def first_seen(conn, sha256s: list[str]) -> dict[str, datetime]:
    """sha256 -> when its content was first copied into the lake, under any name and in any version
    since (superseded or not), of each content given the manifest holds.
    A rerun, a copy or a rename of a file is no new arrival: its rows were written by then."""
    rows = conn.execute("select sha256, min(copied_at) from raw_files where sha256 = any(%s) group by sha256",
                        (list(sha256s),)).fetchall()
    return dict(rows)


def dated_past_arrival(conn, leeway: timedelta) -> list[tuple[RawFile, date]]:
    """The current files whose rows (`dates`, not a home date) run more than `leeway` past the day (UTC) their
    content arrived (first_seen), each with that day, of those the manifest says nothing refuses. One query of the
    manifest, whatever it holds: no file is read to find them, and a day's list dated its day finds none."""
    # Each current file's first copy looked up by the index raw_files_arrival, not every version ever stored
    # grouped by content: ~0.6x the time on 10k current and 40k superseded rows.
    rows = conn.execute(
        f"""select {', '.join(f'f.{c}' for c in COLUMNS.split(', '))}, arrived.day from raw_files f
            cross join lateral (select (o.copied_at at time zone 'UTC')::date as day from raw_files o
                                where o.sha256 = f.sha256 order by o.copied_at limit 1) arrived
            where f.superseded_at is null and f.problem is null and f.home_dated is not true
              and f.last_date > arrived.day + %s order by f.source_path""", (leeway.days,)).fetchall()
    return [(RawFile(*r[:6], list(r[6]), r[7], r[8]), r[9]) for r in rows]


def database_now(conn) -> datetime:
    """The database's clock, which stamps raw_files.copied_at: a content first seen now arrives now."""
    return conn.execute("select now()").fetchone()[0]


def record(conn, raw: RawFile) -> None:
    """Make `raw` the current version of its source path; older versions stay, marked superseded."""
    with conn.transaction():
        conn.execute(
            "update raw_files set superseded_at = now()"
            " where source_path = %s and sha256 <> %s and superseded_at is null",
            (raw.source_path, raw.sha256),
        )
        conn.execute(
            f"""insert into raw_files ({COLUMNS}, first_date, last_date)
                values (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)
                on conflict (source_path, sha256) do update set modified_at = excluded.modified_at,
                    superseded_at = null""",
            (raw.source_path, raw.sha256, raw.name, raw.size_bytes, raw.modified_at, raw.lake_path, raw.dates,
             raw.problem, raw.home_dated, min(raw.dates, default=None), max(raw.dates, default=None)),
        )


def set_dates(conn, source_path: str, dates: list[date], problem: str | None, home_dated: bool) -> None:
    """What the current version of a path holds, learnt again (after a schema correction, a new trading
    week): by path, not content, as a day's list's name may give its dates (renamed_day.py)."""
    conn.execute(
        """update raw_files set dates = %s, problem = %s, home_dated = %s, first_date = %s, last_date = %s
           where source_path = %s and superseded_at is null""",
        (dates, problem, home_dated, min(dates, default=None), max(dates, default=None), source_path),
    )


def current_versions_of(conn, sha256s: list[str]) -> list[RawFile]:
    """The current files holding these contents (a content may stand under several names)."""
    rows = conn.execute(f"select {COLUMNS} from raw_files where superseded_at is null and sha256 = any(%s)",
                        (list(sha256s),)).fetchall()
    return [RawFile(*r[:6], list(r[6]), r[7], r[8]) for r in rows]


def current_names(conn, sha256s: list[str]) -> dict[str, list[str]]:
    """sha256 -> the source paths of its current versions, of each content given that has any."""
    rows = conn.execute("select sha256, source_path from raw_files where superseded_at is null and sha256 = any(%s)"
                        " order by source_path", (sha256s,)).fetchall()
    out: dict[str, list[str]] = {}
    for sha, path in rows:
        out.setdefault(sha, []).append(path)
    return out


def mark_missing(conn, present_paths: set[str]) -> tuple[int, int]:
    """Note which current files are gone from the source folder (and which came back); returns how
    many went missing now and how many are missing in all. A missing file stays current: its rows
    were migrated and stay loaded, so a drive cleaned up after migration loses nothing."""
    current = "select source_path, missing_since is not null from raw_files where superseded_at is null"
    rows = conn.execute(current).fetchall()
    gone = [path for path, missing in rows if not missing and path not in present_paths]
    back = [path for path, missing in rows if missing and path in present_paths]
    if gone:
        conn.execute("""update raw_files set missing_since = now()
                        where source_path = any(%s) and superseded_at is null""", (gone,))
    if back:
        conn.execute("""update raw_files set missing_since = null
                        where source_path = any(%s) and superseded_at is null""", (back,))
    return len(gone), sum(1 for path, _ in rows if path not in present_paths)


def withdraw(conn, source_path: str, dates: list[date]) -> None:
    """Take a file out of the current set: its rows go when its dates run again."""
    conn.execute("update raw_files set superseded_at = now() where source_path = %s and superseded_at is null",
                 (source_path,))
    log_change(conn, source_path, dates)


@dataclass(frozen=True)
class Change:
    seq: int
    source_path: str
    dates: list[date]
    recorded_at: datetime


def surveyed_week(conn) -> str:
    """The trading week (TradingWeek.spec) the current files' dates were read by."""
    row = conn.execute("select week from raw_files_week").fetchone()
    return row[0] if row else MON_FRI.spec


def set_surveyed_week(conn, spec: str) -> None:
    lock_for_migration(conn)
    conn.execute("delete from raw_files_week")
    conn.execute("insert into raw_files_week (week) values (%s)", (spec,))


def names_judged_by(conn) -> str | None:
    """The rules of names that name no instrument the stored detections were last judged by (stored_names.py)."""
    row = conn.execute("select version from nameless_rules").fetchone()
    return row[0] if row else None


def set_names_judged_by(conn, version: str) -> None:
    lock_for_migration(conn)
    conn.execute("delete from nameless_rules")
    conn.execute("insert into nameless_rules (version) values (%s)", (version,))


def loading_names(conn) -> list[tuple[str, str]]:
    """(source path, sha256) of each current file the manifest says nothing refuses."""
    return conn.execute("select source_path, sha256 from raw_files where superseded_at is null and problem is null"
                        ).fetchall()


def log_change(conn, source_path: str, dates: list[date]) -> None:
    """Record that the rows a file holds on `dates` changed (a new version, or a new reading)."""
    lock_for_migration(conn)  # changes are numbered in commit order only while writers take turns
    conn.execute("insert into raw_file_changes (source_path, dates) values (%s, %s)", (source_path, sorted(set(dates))))


def has_change_log(conn) -> bool:
    """Whether the schema is set up (ensure_schema): a sensor may tick before anything migrated."""
    return conn.execute("select to_regclass('raw_file_changes')").fetchone()[0] is not None


def last_change_seq(conn) -> int:
    """The number of the last change committed; read it before the files, and what they hold
    includes every change up to it."""
    return conn.execute("select coalesce(max(seq), 0) from raw_file_changes").fetchone()[0]


def change_log_id(conn) -> str:
    """What tells this database's change numbers from another's."""
    return conn.execute("select id from raw_file_changes_log").fetchone()[0]


def latest_change_by_date(conn) -> dict[date, int]:
    """For every date any change touched, the number of its last change.

    Kept in raw_date_changes and brought up to date here with the changes logged since: the change
    sensor reads this every tick, and grouping the whole log took ~3 s once it held years of
    archives (10 M dates), while keeping it up to date as each file is logged cost ~25 us per date
    (minutes for a first migration of archives)."""
    with conn.transaction():
        (upto,) = conn.execute("select seq from raw_date_changes_upto for update").fetchone()
        # Every change up to `last` is visible once `last` is: changes commit in number order, as
        # each writer holds the migration lock from its number to its commit (log_change).
        last = last_change_seq(conn)
        if last > upto:
            conn.execute(
                """insert into raw_date_changes (date, seq)
                   select d, max(seq) from raw_file_changes, unnest(dates) d where seq > %s and seq <= %s group by d
                   on conflict (date) do update set seq = greatest(raw_date_changes.seq, excluded.seq)""",
                (upto, last))
            conn.execute("update raw_date_changes_upto set seq = %s", (last,))
        return dict(conn.execute("select date, seq from raw_date_changes").fetchall())


def changes_after(conn, seq: int) -> list[Change]:
    """The changes recorded after `seq`, oldest first."""
    rows = conn.execute(
        "select seq, source_path, dates, recorded_at from raw_file_changes where seq > %s order by seq", (seq,),
    ).fetchall()
    return [Change(r[0], r[1], list(r[2]), r[3]) for r in rows]


def files_for_dates(conn, first: date, last: date) -> list[RawFile]:
    """Current files holding at least one date in [first, last]; files with a problem hold no dates."""
    rows = conn.execute(
        f"""select {COLUMNS} from raw_files where superseded_at is null and first_date <= %s and last_date >= %s
            and exists (select 1 from unnest(dates) d where d between %s and %s) order by source_path""",
        (last, first, first, last),
    ).fetchall()
    return [RawFile(*r[:6], list(r[6]), r[7], r[8]) for r in rows]
