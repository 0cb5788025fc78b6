"""Dagster's own instance in Postgres: what the project sets on it."""
import gc

import psycopg
import psycopg2
import pytest
from dagster import AssetKey, DagsterInstance

from backintime_assets.instance import pooled_event_log
from backintime_assets_tests.assets.pipeline import cli_home


def _connections_to_dagster(server_url: str) -> int:
    with psycopg.connect(server_url, autocommit=True) as conn:
        return conn.execute("select count(*) from pg_stat_activity "
                            "where datname = 'dagster' and pid <> pg_backend_pid()").fetchone()[0]


@pytest.mark.postgres
def test_a_pooled_event_log_opens_one_connection_in_its_block_and_holds_none_after(tmp_path, postgres_url,
                                                                                    monkeypatch):
    # A range run logs three check evaluations per date, each event three statements: opened one
    # connection each (dagster-postgres outside its webserver), a year of dates spent a minute logging.
    # Pooled for the rest of the process instead, each in-process run (backintime ingest, the tests)
    # left a connection open after its instance closed, until garbage collection.
    cli_home(tmp_path, postgres_url, monkeypatch)
    opened = []
    real_connect = psycopg2.connect

    def counting_connect(*args, **kwargs):
        opened.append(1)
        return real_connect(*args, **kwargs)

    monkeypatch.setattr(psycopg2, "connect", counting_connect)
    gc.collect()
    held_before = _connections_to_dagster(postgres_url)
    with DagsterInstance.get() as instance:
        with pooled_event_log(instance):
            opened.clear()
            for _ in range(20):
                instance.get_latest_materialization_event(AssetKey("prices"))
            pooled = len(opened)
            assert _connections_to_dagster(postgres_url) == held_before + 1
        assert _connections_to_dagster(postgres_url) == held_before
        opened.clear()
        for _ in range(5):
            instance.get_latest_materialization_event(AssetKey("prices"))
        assert pooled <= 1 and len(opened) >= 5
        with pooled_event_log(instance):  # a second range run in the process pools again
            opened.clear()
            for _ in range(5):
                instance.get_latest_materialization_event(AssetKey("prices"))
            assert len(opened) <= 1
        with pytest.raises(RuntimeError), pooled_event_log(instance):  # a run failing mid-way closes it too
            instance.get_latest_materialization_event(AssetKey("prices"))
            raise RuntimeError("step failed")
        assert _connections_to_dagster(postgres_url) == held_before
        opened.clear()
        instance.get_latest_materialization_event(AssetKey("prices"))
        instance.get_latest_materialization_event(AssetKey("prices"))
        assert len(opened) >= 2  # one per statement again
    assert _connections_to_dagster(postgres_url) == held_before


@pytest.mark.postgres
def test_a_timeout_set_on_dagsters_database_holds_again_after_the_pooled_block(tmp_path, postgres_url, monkeypatch):
    # The pool sets `statement_timeout = 0` on its connection (Dagster's webserver setting); kept for
    # the rest of the run, it lifted a timeout an operator set on the database for every later query.
    cli_home(tmp_path, postgres_url, monkeypatch)
    with psycopg.connect(postgres_url, autocommit=True) as conn:
        conn.execute("alter database dagster set statement_timeout = '4321ms'")
    try:
        with DagsterInstance.get() as instance:
            with pooled_event_log(instance):
                pass
            storage = instance.event_log_storage
            with storage.index_connection() as conn:
                assert conn.exec_driver_sql("show statement_timeout").scalar() == "4321ms"
    finally:
        with psycopg.connect(postgres_url, autocommit=True) as conn:
            conn.execute("alter database dagster reset statement_timeout")
