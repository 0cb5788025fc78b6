from datetime import date
from pathlib import Path

from backintime_assets.settings import Settings, mask_url


def test_defaults_live_under_home(tmp_path):
    s = Settings.from_env({"BACKINTIME_HOME": str(tmp_path)})
    assert s.source_dir == tmp_path / "source" and s.lake_url == str(tmp_path / "lake")
    assert s.postgres_url is None and s.spark_master == "local[*]"
    assert s.start_date == date(2015, 1, 1)


def test_overrides(tmp_path):
    s = Settings.from_env({"BACKINTIME_HOME": "h", "BACKINTIME_LAKE_URL": "s3://b/p",
                           "BACKINTIME_START_DATE": "2020-01-06"})
    assert s.home == Path("h").absolute() and s.lake_url == "s3://b/p" and s.start_date == date(2020, 1, 6)


def test_mask_url_hides_only_the_password():
    assert mask_url("postgresql://u:s3cret@h:5/db") == "postgresql://u:***@h:5/db"
    assert mask_url("postgresql://h/db") == "postgresql://h/db"
