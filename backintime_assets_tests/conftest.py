"""Real services for the whole suite, started once per session: Postgres, Spark and SeaweedFS S3;
and the workbook readers a module can run its tests under (`xlsx_engine`)."""
from __future__ import annotations

import os
import shutil
import tempfile
import uuid
from pathlib import Path

import pytest
from hypothesis import settings

from backintime_assets.lake import LakeLocation

# A run of the suite must pass or fail alike on every run of the same code, in CI above all: the
# property tests draw the same examples each time. `HYPOTHESIS_PROFILE=explore` draws afresh to look
# for new failing cases; one found there is kept as an explicit example or a unit test, not left to chance.
settings.register_profile("repeatable", derandomize=True, database=None, print_blob=True)
settings.register_profile("explore", derandomize=False, print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "repeatable"))


@pytest.fixture(scope="session")
def postgres_server(tmp_path_factory):
    """An embedded PostgreSQL for the session, or the external one in BACKINTIME_TEST_POSTGRES_URL."""
    external = os.environ.get("BACKINTIME_TEST_POSTGRES_URL")
    if external:
        yield external
        return
    from backintime_assets.services.postgres import EmbeddedPostgres

    # Not under pytest's temp folder: a second pytest run as root resets that to 0700, locking
    # out the unprivileged user the server runs as.
    root = Path(tempfile.mkdtemp(prefix="backintime-test-pg-"))
    server = EmbeddedPostgres(root)
    url = server.start()
    yield url
    server.stop()
    shutil.rmtree(root, ignore_errors=True)


@pytest.fixture
def postgres_url(postgres_server):
    """A fresh, empty database on the session's server for each test."""
    import psycopg
    from urllib.parse import urlsplit, urlunsplit

    name = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(postgres_server, autocommit=True) as conn:
        conn.execute(f'create database "{name}"')
    parts = urlsplit(postgres_server)
    yield urlunsplit(parts._replace(path=f"/{name}"))
    with psycopg.connect(postgres_server, autocommit=True) as conn:
        conn.execute(f'drop database if exists "{name}" with (force)')


@pytest.fixture(scope="session")
def spark(tmp_path_factory):
    from backintime_assets.services.spark import build_spark_session

    session = build_spark_session(
        "local[2]", tmp_path_factory.mktemp("spark-events"), app_name="backintime-tests", shuffle_partitions=4
    )
    yield session
    session.stop()


_S3_FIXTURES = {"seaweed", "s3_lake"}


def pytest_collection_modifyitems(items):
    """Every test that reaches SeaweedFS is marked `s3`, so `-m "not s3"` never starts it: those
    that ask for its fixtures, and those that name one as a parameter for getfixturevalue."""
    for item in items:
        params = getattr(getattr(item, "callspec", None), "params", {})
        if _S3_FIXTURES & set(item.fixturenames) or _S3_FIXTURES & {v for v in params.values() if isinstance(v, str)}:
            item.add_marker(pytest.mark.s3)


@pytest.fixture(scope="session")
def seaweed(tmp_path_factory):
    from backintime_assets_tests.support.seaweed import start_seaweed

    server = start_seaweed(tmp_path_factory.mktemp("seaweed"))
    yield server
    server.stop()


@pytest.fixture
def s3_lake(seaweed) -> LakeLocation:
    """A lake under a fresh prefix of the SeaweedFS bucket."""
    from backintime_assets_tests.support.seaweed import ACCESS_KEY, SECRET_KEY

    location = LakeLocation(
        url=f"s3://lake/{uuid.uuid4().hex[:8]}",
        s3_endpoint_url=seaweed.endpoint_url,
        s3_access_key_id=ACCESS_KEY,
        s3_secret_access_key=SECRET_KEY,
    )
    location.ensure_exists()
    return location


@pytest.fixture
def local_lake(tmp_path) -> LakeLocation:
    location = LakeLocation(url=str(tmp_path / "lake"))
    location.ensure_exists()
    return location


@pytest.fixture
def server_dir():
    """A folder for a server that runs as another user: outside pytest's 0700 temp tree."""
    root = Path(tempfile.mkdtemp(prefix="backintime-test-"))
    yield root
    shutil.rmtree(root, ignore_errors=True)


@pytest.fixture(params=["calamine", "openpyxl"])
def xlsx_engine(request, monkeypatch):
    """Runs a test with each workbook reader: calamine when installed, openpyxl as the fallback.
    A module takes it for all its tests with `pytestmark = pytest.mark.usefixtures("xlsx_engine")`."""
    from backintime_assets.detection import xlsx

    if request.param == "calamine":
        pytest.importorskip("python_calamine")
    monkeypatch.setattr(xlsx, "ENGINE", request.param)
    return request.param
