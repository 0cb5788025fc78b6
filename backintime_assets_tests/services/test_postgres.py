import psycopg
import pytest

from backintime_assets.services.postgres import EmbeddedPostgres

pytestmark = pytest.mark.postgres


def test_embedded_server_restarts_with_its_data(server_dir):
    server = EmbeddedPostgres(server_dir / "pg")
    url = server.start()
    try:
        with psycopg.connect(url) as conn:
            conn.execute("create table kept (x int)")
            conn.execute("insert into kept values (42)")
        assert server.start() == url  # already running: reused, not restarted
        assert server.stop() is True
        assert not server.is_running()
        url = server.start()
        with psycopg.connect(url) as conn:
            assert conn.execute("select x from kept").fetchone() == (42,)
            dbs = {r[0] for r in conn.execute("select datname from pg_database")}
        assert {"backintime", "dagster"} <= dbs
    finally:
        server.stop()
    assert server.stop() is False
