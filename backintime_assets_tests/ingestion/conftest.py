import pytest

from backintime_assets.ingestion import survey as survey_module
from backintime_assets.lake import LakeLocation
from backintime_assets_tests.ingestion.surveyed_here import serial_tasks


@pytest.fixture
def in_process(monkeypatch, tmp_path):
    """A local lake, the survey's Spark tasks run in this process (surveyed_here.py)."""
    monkeypatch.setattr(survey_module, "run_tasks", serial_tasks)
    location = LakeLocation(url=str(tmp_path / "lake"))
    location.ensure_exists()
    return location
