"""Dagster's own instance in Postgres: what the project sets on it."""
import psycopg2
import pytest
from dagster import AssetKey, DagsterInstance

from backintime_assets.instance import pool_event_log_connections
from backintime_assets_tests.assets.pipeline import cli_home


@pytest.mark.postgres
def test_a_pooled_event_log_opens_one_connection_not_one_per_statement(tmp_path, postgres_url, monkeypatch):
    # A range run logs three check evaluations per date, each event three statements: opened one
    # connection each (dagster-postgres outside its webserver), a year of dates spent a minute logging.
    cli_home(tmp_path, postgres_url, monkeypatch)
    opened = []
    real_connect = psycopg2.connect

    def counting_connect(*args, **kwargs):
        opened.append(1)
        return real_connect(*args, **kwargs)

    monkeypatch.setattr(psycopg2, "connect", counting_connect)
    with DagsterInstance.get() as instance:
        for _ in range(5):
            instance.get_latest_materialization_event(AssetKey("prices"))
        unpooled = len(opened)
        pool_event_log_connections(instance)
        pool_event_log_connections(instance)  # a second range run in the process keeps the pool
        opened.clear()
        for _ in range(20):
            instance.get_latest_materialization_event(AssetKey("prices"))
        assert unpooled >= 5 and len(opened) <= 1
