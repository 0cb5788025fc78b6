"""Where Back In Time keeps its state and which services it talks to, read from the environment.

Every setting has a default that works on a laptop with nothing configured (embedded Postgres,
a local-directory lake, Spark in local mode); `.env.example` documents them.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Mapping

from backintime_assets.trading_week import MON_FRI, TradingWeek

DEFAULT_START_DATE = date(2015, 1, 1)


@dataclass(frozen=True)
class Settings:
    home: Path
    source_dir: Path
    lake_url: str
    postgres_url: str | None  # None: the embedded server under `home`
    spark_master: str
    s3_endpoint_url: str | None
    s3_access_key_id: str | None
    s3_secret_access_key: str | None
    s3_region: str
    start_date: date
    trading_week: TradingWeek = MON_FRI  # which days of the week hold trade dates

    @property
    def spark_event_log_dir(self) -> Path:
        return self.home / "spark-events"

    @property
    def dagster_home(self) -> Path:
        return self.home / "dagster"

    @property
    def postgres_dir(self) -> Path:
        return self.home / "postgres"

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> "Settings":
        env = os.environ if env is None else env
        home = Path(env.get("BACKINTIME_HOME") or ".backintime").absolute()
        return cls(
            home=home,
            source_dir=Path(env.get("BACKINTIME_SOURCE_DIR") or home / "source").absolute(),
            lake_url=env.get("BACKINTIME_LAKE_URL") or str(home / "lake"),
            postgres_url=env.get("BACKINTIME_POSTGRES_URL") or None,
            spark_master=env.get("BACKINTIME_SPARK_MASTER") or "local[*]",
            s3_endpoint_url=env.get("BACKINTIME_S3_ENDPOINT_URL") or None,
            s3_access_key_id=env.get("BACKINTIME_S3_ACCESS_KEY_ID") or None,
            s3_secret_access_key=env.get("BACKINTIME_S3_SECRET_ACCESS_KEY") or None,
            s3_region=env.get("BACKINTIME_S3_REGION") or "us-east-1",
            start_date=date.fromisoformat(env.get("BACKINTIME_START_DATE") or DEFAULT_START_DATE.isoformat()),
            trading_week=TradingWeek.parse(env.get("BACKINTIME_TRADING_WEEK")),
        )


def mask_url(url: str) -> str:
    """The URL with any password replaced, for logs, metadata and `services status`."""
    from urllib.parse import urlsplit, urlunsplit

    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.replace(f":{parts.password}@", ":***@", 1)
    return urlunsplit(parts._replace(netloc=netloc))
