"""Dagster's own instance (runs, events, schedules) kept in Postgres, under BACKINTIME_HOME.

Run history then survives restarts, and the UI, the daemon and the CLI all see the same runs.
"""
from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from urllib.parse import urlsplit, urlunsplit

from backintime_assets.settings import Settings

DAGSTER_DATABASE = "dagster"
DAGSTER_YAML = """# Written by backintime; the URL comes from the environment so no secret is stored here.
storage:
  postgres:
    postgres_url:
      env: BACKINTIME_DAGSTER_PG_URL
run_coordinator:
  module: dagster.core.run_coordinator
  class: QueuedRunCoordinator
  config:
    max_concurrent_runs: 2
run_retries:
  enabled: true  # runs the sensors launch carry dagster/max_retries
telemetry:
  enabled: false
"""


def results_url(settings: Settings) -> str:
    """The results database URL, starting the embedded server when no external one is configured."""
    if settings.postgres_url:
        return settings.postgres_url
    from backintime_assets.services.postgres import EmbeddedPostgres

    return EmbeddedPostgres(settings.postgres_dir).start()


def dagster_url(settings: Settings) -> str:
    explicit = os.environ.get("BACKINTIME_DAGSTER_PG_URL")
    if explicit:
        return with_psycopg2_driver(explicit)
    base = results_url(settings)
    url = urlunsplit(urlsplit(base)._replace(path=f"/{DAGSTER_DATABASE}"))
    _create_database_if_missing(base, DAGSTER_DATABASE)
    return with_psycopg2_driver(url)


def with_psycopg2_driver(url: str) -> str:
    """dagster-postgres speaks psycopg2, but SQLAlchemy 2.1 maps a bare postgresql:// to psycopg 3,
    whose server-side parameters break Dagster's `NOTIFY run_events, %s`; name the driver."""
    scheme, rest = url.split("://", 1)
    return f"postgresql+psycopg2://{rest}" if scheme in ("postgres", "postgresql") else url


def _create_database_if_missing(server_url: str, name: str) -> None:
    import psycopg

    with psycopg.connect(server_url, autocommit=True) as conn:
        if conn.execute("select 1 from pg_database where datname = %s", (name,)).fetchone() is None:
            conn.execute(f'create database "{name}"')


def prepare_dagster_home(settings: Settings) -> dict[str, str]:
    """Create DAGSTER_HOME with its dagster.yaml; returns the environment Dagster processes need."""
    home = settings.dagster_home
    home.mkdir(parents=True, exist_ok=True)
    (home / "dagster.yaml").write_text(DAGSTER_YAML)
    env = {"DAGSTER_HOME": str(home), "BACKINTIME_DAGSTER_PG_URL": dagster_url(settings)}
    if not settings.postgres_url:
        # Runs launched by the UI resolve the embedded server through the same home directory.
        env["BACKINTIME_HOME"] = str(settings.home)
    os.environ.update(env)
    return env


def dashboard_url(settings: Settings) -> str:
    """A URL for the dashboard's read-only role, created (or reset) on the results database."""
    import secrets

    import psycopg

    from backintime_assets.db.roles import ensure_dashboard_role
    from backintime_assets.db.schema import ensure_schema

    # A new password each time the dashboard starts: nothing to store, nothing stale to leak.
    with psycopg.connect(results_url(settings)) as conn:
        ensure_schema(conn)
        return ensure_dashboard_role(conn, password=secrets.token_urlsafe(18))


@contextmanager
def pooled_event_log(instance) -> Iterator[None]:
    """Within the block, write Dagster's event log over one pooled connection, as its webserver does;
    after it, one connection per statement again (dagster-postgres's default outside the webserver).

    Outside the webserver dagster-postgres opens a new connection for each statement, and an event
    takes three: with the embedded server's scram-sha-256 logins that made each check evaluation a
    range run logs per date ~80 ms (a year of dates: a minute), against ~18 ms pooled. Dagster's own
    setting for its webserver (one pooled connection, a few more under load; its `SET statement_timeout
    = 0` is no timeout, as a run's storage has). Only for the block, not the rest of the process: a
    pooled connection outlives the instance (Dagster disposes no engine) until garbage collection, so
    each in-process run of `backintime ingest` or the tests would leave one open; one dropped by a
    server restart fails the run's next event; and the SET would lift a timeout set on the database
    for every later query of the run. Restoring leans on dagster-postgres's private `_engine` (no public
    way back; test_instance.py fails if it goes). A no-op on storages with no engine to pool (SQLite)."""
    storage = instance.event_log_storage
    unpooled = getattr(storage, "_engine", None)
    storage.optimize_for_webserver(statement_timeout=0, pool_recycle=3600, max_overflow=2)
    pooled = getattr(storage, "_engine", None)
    if pooled is unpooled:
        yield
        return
    try:
        yield
    finally:
        storage._engine = unpooled
        pooled.dispose()
