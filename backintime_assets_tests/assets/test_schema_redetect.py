"""`schema redetect` end to end: a file migrated under an older detector takes today's detection,
its dates show as needing a rerun, and the rerun loads what today's detector reads."""
from dataclasses import replace
from datetime import date

import psycopg
import pytest
from dagster._core.definitions.data_version import StaleStatus

from backintime_assets.cli import main
from backintime_assets.db import file_schemas
from backintime_assets.db.schema import ensure_schema
from backintime_assets.definitions import build_resources
from backintime_assets.ingestion.raw import migrate
from backintime_assets_tests.assets.pipeline import cli_home, ingest_range, lake_prices, prices_status
from backintime_assets_tests.ingestion.test_raw import DriverSurveyor

FIRST, LAST = date(2025, 3, 3), date(2025, 3, 7)


class OlderDetector(DriverSurveyor):
    """The survey of a release whose detector read day-first dates month-first."""

    def __call__(self, tasks):
        from backintime_assets.detection import detect_bytes

        older = []
        for task in tasks:
            with self.location.filesystem().open_input_file(task.lake_path) as handle:
                detected = detect_bytes(handle.readall(), task.name).to_json()
            older.append(replace(task, schema_json=task.schema_json or detected.replace("%d/%m/%Y", "%m/%d/%Y")))
        return super().__call__(older)


@pytest.mark.spark
def test_redetect_stores_todays_detection_and_the_dates_it_moves_run_again(tmp_path, postgres_url, spark,
                                                                           monkeypatch, capsys):
    settings = cli_home(tmp_path, postgres_url, monkeypatch)
    (settings.source_dir / "desk.csv").write_text(
        "Date;Ticker;Close\n" + "".join(f"{d:02d}/03/2025;ABCDEF;{d},5\n" for d in range(3, 8)))
    location = build_resources(settings)["lake"].location()
    with psycopg.connect(postgres_url) as conn:
        ensure_schema(conn)
        migrate(conn, settings.source_dir, location, OlderDetector(location))
        conn.commit()
        sha = file_schemas.current_sha256(conn, "desk.csv")
        stored = file_schemas.stored_detections(conn, [sha])

    ingest_range(settings, FIRST, LAST)
    assert lake_prices(settings)["date"].astype(str).tolist() == ["2025-03-03"]  # 04/03 read as 3 April...

    assert main(["schema", "redetect", "--all", "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "desk.csv: column 1 Date: format '%m/%d/%Y' -> '%d/%m/%Y'" in out
    assert "1 of 1 file(s) would change (dry run: nothing stored)" in out
    with psycopg.connect(postgres_url) as conn:
        assert file_schemas.stored_detections(conn, [sha]) == stored
    assert prices_status(date(2025, 3, 4)) == StaleStatus.FRESH

    assert main(["schema", "redetect", "desk.csv", "--by", "admin"]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == (
        "1 of 1 file(s) changed and stored, 0 kept back; 8 date(s) now need a rerun: 2025-03-03..2025-07-03")
    with psycopg.connect(postgres_url) as conn:
        assert file_schemas.final_schema(conn, sha)["columns"][0]["format"] == "%d/%m/%Y"
    assert prices_status(date(2025, 3, 4)) == StaleStatus.STALE

    ingest_range(settings, FIRST, LAST)
    assert lake_prices(settings).sort_values("date")["close"].tolist() == [3.5, 4.5, 5.5, 6.5, 7.5]
    assert prices_status(date(2025, 3, 4)) == StaleStatus.FRESH
