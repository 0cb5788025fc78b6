"""DDL for every table, applied idempotently before any asset touches the database."""
from __future__ import annotations

import hashlib
from collections.abc import Callable

from backintime_assets.db.manifest import MIGRATION_LOCK

SCHEMA_LOCK = 824601  # the advisory lock schema changes take, one at a time

DDL = """
create table if not exists raw_files (
    source_path   text not null,
    sha256        text not null,
    name          text not null,
    size_bytes    bigint not null,
    modified_at   timestamptz not null,
    lake_path     text not null,
    dates         date[] not null,
    first_date    date,
    last_date     date,
    problem       text,
    copied_at     timestamptz not null default now(),
    superseded_at timestamptz,
    primary key (source_path, sha256)
);
create index if not exists raw_files_current on raw_files (first_date, last_date) where superseded_at is null;
-- The day each content arrived, its first copy under any name (manifest.dated_past_arrival, at every migration): one
-- probe of this per current file, where grouping every version ever stored took longer as the years were kept.
create index if not exists raw_files_arrival on raw_files (sha256, copied_at);
-- A file gone from the source folder keeps its rows: the lake holds its copy, and a shared drive
-- is often cleaned up once migrated. The manifest only notes since when it is missing.
alter table raw_files add column if not exists missing_since timestamptz;
-- Whether `dates` is the home date of a file with no loadable row (raw._filed_under), not its rows' dates:
-- a stored one-day file's dates are read with its source's new ones (file_schemas.sibling_detections), and a
-- home date read so is a made-up cell. Null on files stored before it: unknown, not read.
alter table raw_files add column if not exists home_dated boolean;
-- Every change to what the current files hold, in order: the dates a new version holds and the
-- dates the version it replaced held. The change sensor plans runs from it, whoever migrated.
create table if not exists raw_file_changes (
    seq         bigserial primary key,
    source_path text not null,
    dates       date[] not null,
    recorded_at timestamptz not null default now()
);
-- Change numbers are only comparable within one log: runs record this id beside the number they
-- had seen, so a Dagster instance that outlives its results database (or serves several) never
-- takes another log's numbers for this one's.
create table if not exists raw_file_changes_log (id text primary key);
insert into raw_file_changes_log (id)
select md5(random()::text || clock_timestamp()::text) where not exists (select 1 from raw_file_changes_log);
-- A database from before the log: every current file counts as changed once, so its dates run
-- once more rather than passing for up to date. Under the migration lock (apply_once), as every
-- writer of the log: changes must commit in number order (manifest.latest_change_by_date).
insert into raw_file_changes (source_path, dates)
select source_path, dates from raw_files
where superseded_at is null and not exists (select 1 from raw_file_changes);
-- Each date's last change, and how far into the log that is (manifest.latest_change_by_date
-- brings it up to date when read). Rebuilt from the log whenever this DDL changes.
create table if not exists raw_date_changes (
    date date primary key,
    seq  bigint not null
);
-- One row, reset in place: a sensor tick waiting to lock it then reads 0, where a row deleted
-- and inserted again would be no row at all to it.
create table if not exists raw_date_changes_upto (seq bigint not null);
update raw_date_changes_upto set seq = 0;
insert into raw_date_changes_upto select 0 where not exists (select 1 from raw_date_changes_upto);
delete from raw_date_changes;

create table if not exists file_layouts (
    sha256      text primary key,
    source_path text not null,
    dialect     jsonb not null,
    detected_at timestamptz not null default now()
);
-- Files whose delimiter and header names match share a layout, so one correction can cover them all.
alter table file_layouts add column if not exists layout_key text;
create index if not exists file_layouts_layout_key on file_layouts (layout_key);
-- The office a file is of, by its path (detection/office_names.office_key): a layout's stored siblings are
-- also taken per office, so that another office's newer files of the same header never crowd out its own.
-- Null on files stored before it: they are siblings by layout alone, as they were.
alter table file_layouts add column if not exists office text;
create index if not exists file_layouts_layout_office on file_layouts (layout_key, office);

create table if not exists file_schemas (
    sha256           text not null,
    source_path      text not null,
    column_index     int not null,
    column_name      text not null,
    detected_type    text not null,
    detected_format  text,
    confidence       double precision,
    detected_mapping text,
    final_type       text not null,
    final_format     text,
    final_mapping    text,
    changed_by       text,
    changed_at       timestamptz,
    primary key (sha256, column_index)
);
-- Of a table of several tickers side by side, the ticker a column belongs to ("close" alone says
-- not whose close); null for a column they share and in every other file. Columns detected before
-- it take theirs from the layout's schema, which always held it.
alter table file_schemas add column if not exists series text;
-- Each layout's columns are listed once, first: a plan that listed them per file column took minutes.
with found as materialized (
    select l.sha256, c.n - 1 as column_index, c.col ->> 'series' as series
    from file_layouts l cross join lateral jsonb_array_elements(l.dialect -> 'columns') with ordinality c (col, n)
    where l.dialect @? '$.columns[*].series' and c.col ->> 'series' is not null
)
update file_schemas s set series = found.series from found
where s.sha256 = found.sha256 and s.column_index = found.column_index and s.series is null;
-- The factor a column's values are multiplied by on loading ("Volume ('000)": 1000) as detection
-- read it from the header (null: none, 1), and a user's correction of it (null: as detected; 1:
-- none). Columns detected before it hold none: their layouts' schemas held none either.
alter table file_schemas add column if not exists detected_multiplier double precision;
alter table file_schemas add column if not exists final_multiplier double precision;
-- Of a user's multiplier carried to a file's new version: said of whole numbers, where the new version's
-- have a decimal mark, which are rejected (ColumnSchema.whole_only; ingestion/carry.py). Null elsewhere;
-- lifted (null) when a user says the column's multiplier again.
alter table file_schemas add column if not exists final_whole_only boolean;
-- A user's corrections of a whole file rather than of one column, a row per setting: 'day', the
-- date (ISO) every row of a day's list of tickers with no date column loads under; 'ticker', the
-- ticker every row of a file with no ticker column loads under (trimmed, in capitals); 'load_refused',
-- detection's judgement (a list of trades, tickers side by side) the user overruled, as it read
-- then. A null value: taken back, as detected; the row still says who took it back and when.
-- Keyed by content, as file_schemas: a new detection of the file (redetect) keeps them.
create table if not exists file_overrides (
    sha256     text not null,
    setting    text not null,
    value      text,
    changed_by text not null,
    changed_at timestamptz not null default now(),
    primary key (sha256, setting)
);
-- Of a new version of a source path (same path, new content), each correction of its previous
-- version's: carried to it (its layout the same as detected: ingestion/carry.py), or not and why.
-- What `schema show` of the new version lists; the carried corrections themselves are in
-- file_schemas and file_overrides, marked "(carried from the version of ...)" after their author.
create table if not exists carried_corrections (
    sha256      text not null,
    from_sha256 text not null,
    source_path text not null,
    correction  text not null,
    carried     boolean not null,
    reason      text,
    recorded_at timestamptz not null default now(),
    primary key (sha256, from_sha256, correction)
);
-- What was corrected: a file's setting (file_overrides.setting) or "column NAME"; null in rows of before it.
alter table carried_corrections add column if not exists subject text;
-- The trading week (BACKINTIME_TRADING_WEEK, as TradingWeek.spec) the current files' dates were
-- read by, one row. None: Monday to Friday, the only week before it was a setting. A migration
-- under another week reads the files again (ingestion/raw.py).
create table if not exists raw_files_week (week text not null);
-- The rules of names that name no instrument (ingestion/stored_names.RULES) the stored detections and the current
-- files' names were last judged by, one row: a migration under other rules judges them again.
create table if not exists nameless_rules (version text not null);

"""


def ensure_schema(conn) -> None:
    """Ingestion tables here, backtest results (entries, closes, the trades view) in `results`."""
    from backintime_assets.db.results import ensure_results_schema

    apply_once(conn, "ingestion", DDL, lambda: conn.execute(DDL), migration_lock=True)
    ensure_results_schema(conn)


def apply_once(conn, name: str, ddl: str, apply: Callable[[], object], *, migration_lock: bool) -> None:
    """Run `apply` (the DDL of `name`) unless this very DDL was applied already. Even a no-op
    `alter table ... if not exists` or `create index if not exists` takes a table lock, and would
    wait behind any open transaction on the table: a migration holds one for its whole survey.
    `migration_lock`: whether the DDL touches the tables migrations write (and so must wait for
    a running one to commit)."""
    version = hashlib.sha256(ddl.encode()).hexdigest()[:16]
    if _applied(conn, name) == version:
        return
    # Several runs may start at once; the advisory lock keeps their DDL from racing.
    with conn.transaction():
        conn.execute("select pg_advisory_xact_lock(%s)", (SCHEMA_LOCK,))
        if migration_lock:
            # Before any table lock, in the order migrations take them: DDL holding a lock on raw_files
            # while it waited for this one would deadlock with a migration (or pruning) that holds it
            # and is about to read raw_files. The change log's seed is written under it too, as every
            # writer of the log (manifest.log_change).
            conn.execute("select pg_advisory_xact_lock(%s)", (MIGRATION_LOCK,))
        conn.execute("create table if not exists schema_versions (name text primary key, version text not null)")
        if _applied(conn, name) != version:
            apply()
            conn.execute("""insert into schema_versions values (%s, %s)
                            on conflict (name) do update set version = excluded.version""", (name, version))
    conn.commit()


def _applied(conn, name: str) -> str | None:
    if conn.execute("select to_regclass('schema_versions')").fetchone()[0] is None:
        return None
    row = conn.execute("select version from schema_versions where name = %s", (name,)).fetchone()
    return row[0] if row else None
