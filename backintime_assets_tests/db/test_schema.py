"""Schema set-up: applied once per version, never waiting behind a migration; an older database
gets the change log seeded so its files' dates run once more."""
import datetime as dt
from contextlib import contextmanager

import psycopg
import pytest

from backintime_assets.db import manifest
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
