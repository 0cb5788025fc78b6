"""The results database: an external Postgres by URL, or the embedded server under BACKINTIME_HOME."""
from __future__ import annotations

from pathlib import Path

from dagster import ConfigurableResource

from backintime_assets.services.postgres import EmbeddedPostgres


class PostgresResource(ConfigurableResource):
    url: str = ""  # empty: start (or reuse) the embedded server under `embedded_dir`
    embedded_dir: str = ".backintime/postgres"

    def connection_url(self) -> str:
        if self.url:
            return self.url
        return EmbeddedPostgres(Path(self.embedded_dir)).start()

    def connect(self):
        import psycopg

        return psycopg.connect(self.connection_url())
