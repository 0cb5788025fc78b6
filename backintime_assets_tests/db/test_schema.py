"""Schema set-up: applied once per version, never waiting behind a migration; an older database
gets the change log seeded so its files' dates run once more."""
import datetime as dt
from contextlib import contextmanager

import psycopg
import pytest
from psycopg.types.json import Jsonb

from backintime_assets.db import file_schemas, manifest
from backintime_assets.db.schema import ensure_schema

pytestmark = pytest.mark.postgres


def _record(conn, path: str, day: dt.date) -> None:
    manifest.record(conn, manifest.RawFile(path, path * 8, path, 1, dt.datetime(2025, 1, 1, tzinfo=dt.timezone.utc),
                                           f"raw/{path}", [day]))


@contextmanager
def _while_migrating(postgres_url: str, lock_timeout: str):
    """(a connection that gives up on a lock after `lock_timeout`, a migration holding its lock
    and a new file, its Spark survey still to come); the migration rolls back at the end."""
    with psycopg.connect(postgres_url) as migrating, psycopg.connect(postgres_url) as other:
        manifest.lock_for_migration(migrating)
        _record(migrating, "a.csv", dt.date(2025, 1, 2))
        other.execute(f"set lock_timeout = '{lock_timeout}'")
        other.commit()
        yield other, migrating
        migrating.rollback()


def test_set_up_does_not_wait_for_a_running_migration(postgres_url):
    with psycopg.connect(postgres_url) as conn:
        ensure_schema(conn)
        conn.commit()
    with _while_migrating(postgres_url, "2s") as (other, _):
        ensure_schema(other)  # a run's prices step, the dashboard: not behind the migration


@pytest.mark.parametrize("changed", ["results", "ingestion"])
def test_only_a_change_to_the_tables_migrations_write_waits_for_a_running_migration(postgres_url, changed):
    with psycopg.connect(postgres_url) as conn:
        ensure_schema(conn)
        conn.execute("update schema_versions set version = 'older' where name = %s", (changed,))  # its DDL changed
        conn.commit()
    with _while_migrating(postgres_url, "1s") as (other, migrating):
        if changed == "ingestion":  # raw_files and the change log: after the migration commits
            with pytest.raises(psycopg.errors.LockNotAvailable):
                ensure_schema(other)
            other.rollback()
        else:  # the results tables, which no migration touches: at once
            ensure_schema(other)
        migrating.rollback()
        versions = dict(other.execute("select name, version from schema_versions").fetchall())
        assert (versions[changed] == "older") == (changed == "ingestion")
        ensure_schema(other)  # the migration is over: applied now
        assert "older" not in dict(other.execute("select name, version from schema_versions").fetchall()).values()


def test_a_database_from_before_the_change_log_counts_every_current_file_as_changed(postgres_url):
    with psycopg.connect(postgres_url) as conn:
        ensure_schema(conn)
        _record(conn, "a.csv", dt.date(2025, 1, 2))
        _record(conn, "b.csv", dt.date(2025, 1, 3))
        conn.execute("update raw_files set superseded_at = now() where source_path = 'b.csv'")
        conn.execute("drop table raw_file_changes")  # as it was before the log
        conn.execute("delete from schema_versions")
        conn.commit()
        ensure_schema(conn)
        (change,) = manifest.changes_after(conn, 0)
        assert (change.source_path, change.dates) == ("a.csv", [dt.date(2025, 1, 2)])
        assert manifest.latest_change_by_date(conn) == {dt.date(2025, 1, 2): change.seq}
        ensure_schema(conn)  # once only
        assert len(manifest.changes_after(conn, 0)) == 1


def test_pruning_waits_for_conversions_reading_the_parsed_zone(postgres_url):
    with psycopg.connect(postgres_url) as conn:
        ensure_schema(conn)
        conn.commit()
    with psycopg.connect(postgres_url) as converting, psycopg.connect(postgres_url) as pruning:
        with manifest.parsed_zone_lease(converting):
            pruning.execute("set lock_timeout = '1s'")
            with pytest.raises(psycopg.errors.LockNotAvailable):
                manifest.lock_for_pruning(pruning)
            pruning.rollback()
        manifest.lock_for_pruning(pruning)  # the conversion is done: pruning goes ahead
        pruning.rollback()


# file_layouts and file_schemas as created before file_schemas kept each column's series.
_OLD_FILE_TABLES = """
create table file_layouts (sha256 text primary key, source_path text not null, dialect jsonb not null,
                           detected_at timestamptz not null default now(), layout_key text);
create table file_schemas (
    sha256 text not null, source_path text not null, column_index int not null, column_name text not null,
    detected_type text not null, detected_format text, confidence double precision, detected_mapping text,
    final_type text not null, final_format text, final_mapping text, changed_by text, changed_at timestamptz,
    primary key (sha256, column_index)
);
"""


def test_file_schemas_from_before_series_keep_their_rows_and_take_series_from_the_layout(postgres_url):
    wide = {"columns": [{"name": "Date", "type": "date", "canonical": "date"},
                        {"name": "AAPL", "type": "float", "canonical": "close", "series": "AAPL"},
                        {"name": "MSFT", "type": "float", "canonical": "close", "series": "MSFT"}]}
    plain = {"columns": [{"name": "Date", "type": "date", "canonical": "date"},
                         {"name": "Px", "type": "integer", "canonical": "close"}]}
    rows = [("wide", "w.csv", 0, "Date", "date", "date", "date", "date", None),
            ("wide", "w.csv", 1, "AAPL", "float", "close", "float", "adj_close", "alice"),
            ("wide", "w.csv", 2, "MSFT", "float", "close", "float", "close", None),
            ("plain", "p.csv", 0, "Date", "date", "date", "date", "date", None),
            ("plain", "p.csv", 1, "Px", "integer", "close", "float", "close", "bob")]
    with psycopg.connect(postgres_url) as conn:
        conn.execute(_OLD_FILE_TABLES)
        for sha, dialect in (("wide", wide), ("plain", plain)):
            conn.execute("insert into file_layouts (sha256, source_path, dialect) values (%s, %s, %s)",
                         (sha, f"{sha[0]}.csv", Jsonb(dialect)))
        conn.cursor().executemany(
            """insert into file_schemas (sha256, source_path, column_index, column_name, detected_type,
                   detected_mapping, final_type, final_mapping, changed_by)
               values (%s, %s, %s, %s, %s, %s, %s, %s, %s)""",
            rows)
        conn.commit()
        ensure_schema(conn)
        columns = "sha256, source_path, column_index, column_name, detected_type, detected_mapping, final_type, " \
                  "final_mapping, changed_by"
        order = "order by sha256 desc, column_index"
        assert conn.execute(f"select {columns} from file_schemas {order}").fetchall() == rows
        assert [r[0] for r in conn.execute(f"select series from file_schemas {order}")] == [
            None, "AAPL", "MSFT", None, None]
        final = file_schemas.final_schema(conn, "wide")
        assert [(c["canonical"], c.get("series")) for c in final["columns"]] == [
            ("date", None), ("adj_close", "AAPL"), ("close", "MSFT")]


def test_a_home_from_before_the_arrival_index_gets_it_and_finds_the_same_files_dated_past_arrival(postgres_url):
    with psycopg.connect(postgres_url) as conn:
        ensure_schema(conn)
        _record(conn, "bonds.csv", dt.date(2046, 8, 15))  # dated two decades past its copy
        _record(conn, "daily.csv", dt.date(2025, 1, 2))
        # A second version of bonds' content under another name, copied later: arrival is the first copy's day.
        written = dt.datetime(2025, 1, 1, tzinfo=dt.timezone.utc)
        manifest.record(conn, manifest.RawFile("copy.csv", "bonds.csv" * 8, "copy.csv", 1, written, "raw/c",
                                               [dt.date(2046, 8, 15)]))
        conn.execute("update raw_files set copied_at = '2025-03-04 18:00+00' where source_path = 'bonds.csv'")
        conn.execute("drop index raw_files_arrival")  # as a home of before it
        conn.execute("drop table nameless_rules")
        conn.execute("delete from schema_versions")
        conn.commit()
        for _ in range(2):  # applied on the existing home, then again: nothing fails, nothing changes
            ensure_schema(conn)
            assert conn.execute("select to_regclass('raw_files_arrival')").fetchone()[0] is not None
            found = manifest.dated_past_arrival(conn, dt.timedelta(days=7))
            assert [(f.source_path, day) for f, day in found] == [("bonds.csv", dt.date(2025, 3, 4)),
                                                                  ("copy.csv", dt.date(2025, 3, 4))]
        conn.rollback()
