"""An office's first days migrated as a daily run brings them, a file a day, each migration committed before
the next: every file must be filed under its day and read with the values written, as when its folder is
migrated at once (test_office_histories.py). A day's file alone reads its date either way; the days stored
before and after it settle its order and marks (raw.py, stored_order.py)."""
import shutil
import tempfile
import uuid
from pathlib import Path

import psycopg
import pytest
from hypothesis import HealthCheck, given, settings

from backintime_assets.db import file_schemas, manifest
from backintime_assets.db.schema import ensure_schema
from backintime_assets.detection import FileSchema
from backintime_assets.ingestion.raw import migrate
from backintime_assets.lake import LakeLocation
from backintime_assets.normalisation import normalise_bytes
from backintime_assets_tests.ingestion.test_office_histories import histories
from backintime_assets_tests.ingestion.test_raw import DriverSurveyor

pytestmark = pytest.mark.postgres


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(histories())
def test_an_office_s_first_days_run_a_day_at_a_time_load_on_their_days(postgres_server, history):
    files, truth = history
    root = Path(tempfile.mkdtemp(prefix="daily_run_"))
    source, lake = root / "source", LakeLocation(url=str(root / "lake"))
    lake.ensure_exists()
    database = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(postgres_server, autocommit=True) as conn:
        conn.execute(f'create database "{database}"')
    try:
        with psycopg.connect(postgres_server.rsplit("/", 1)[0] + f"/{database}") as conn:
            ensure_schema(conn)
            for name, data in files.items():  # in the order of their days
                (source / name).parent.mkdir(parents=True, exist_ok=True)
                (source / name).write_bytes(data)
                migrate(conn, source, lake, DriverSurveyor(lake))
                conn.commit()
            current = manifest.current_files(conn)
            loaded = {}
            for name, data in files.items():
                schema = file_schemas.final_schema(conn, current[name].sha256)
                for row in normalise_bytes(data, FileSchema.from_dict(schema), name).prices_arrow.to_pylist():
                    loaded[(row["ticker"], row["date"])] = (row["close"], row["volume"])
                    assert current[name].dates == [row["date"]], name
        assert loaded == truth
    finally:
        with psycopg.connect(postgres_server, autocommit=True) as conn:
            conn.execute(f'drop database if exists "{database}" with (force)')
        shutil.rmtree(root, ignore_errors=True)
