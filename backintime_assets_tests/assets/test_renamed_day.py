"""A day's list dated by its file's name, end to end: renamed, its rows move to the new name's day and leave
nothing under the old; a byte-for-byte copy under a later day's name is refused as a re-send, saying of what."""
import shutil
from datetime import date

import pytest
from dagster import DagsterInstance

from backintime_assets import cli
from backintime_assets.cli import main
from backintime_assets.sensors import contiguous_ranges
from backintime_assets_tests.assets.pipeline import cli_home, ingest_range, lake_prices, lake_rejections, latest_check

FIRST, LAST = date(2025, 3, 3), date(2025, 3, 7)
LIST = "Symbol,Close,Volume\nPL1,10.5,100\nPL2,20.25,200\n"


def _accounted_for(day: date) -> bool:
    with DagsterInstance.get() as instance:
        return latest_check(instance, "every_row_accounted_for", day.isoformat()).evaluation.passed


@pytest.mark.spark
def test_a_renamed_day_list_loads_under_its_new_names_day_and_a_copy_of_it_is_refused(
        tmp_path, postgres_url, spark, monkeypatch, capsys):
    settings = cli_home(tmp_path, postgres_url, monkeypatch)
    source = settings.source_dir
    (source / "pricelist_2025-03-04.csv").write_text(LIST)
    ingest_range(settings, FIRST, LAST)
    assert set(lake_prices(settings)["date"].astype(str)) == {"2025-03-04"}

    # The user fixes a misnamed file: its rows move to the day its new name says.
    (source / "pricelist_2025-03-04.csv").rename(source / "pricelist_2025-03-06.csv")
    ingest_range(settings, FIRST, LAST)
    capsys.readouterr()
    assert main(["schema", "show", "pricelist_2025-03-06.csv"]) == 0
    assert "every row dated 2025-03-06 (from file name: 2025-03-06)" in capsys.readouterr().out
    prices = lake_prices(settings)
    assert prices["date"].astype(str).tolist() == ["2025-03-06"] * 2
    assert set(prices["source_file"]) == {"pricelist_2025-03-06.csv"} and lake_rejections(settings).empty
    assert _accounted_for(date(2025, 3, 4)) and _accounted_for(date(2025, 3, 6))

    # A byte-for-byte copy under a later day's name: a re-send of the 6th's list, not the 7th's prices.
    shutil.copy(source / "pricelist_2025-03-06.csv", source / "pricelist_2025-03-07.csv")
    ingest_range(settings, FIRST, LAST)
    prices, rejected = lake_prices(settings), lake_rejections(settings)
    assert prices["date"].astype(str).tolist() == ["2025-03-06"] * 2
    assert set(rejected["source_file"]) == {"pricelist_2025-03-07.csv"} and len(rejected) == 2
    assert set(rejected["date"].astype(str)) == {"2025-03-07"}
    assert rejected["reason"].str.contains(
        "the same bytes as pricelist_2025-03-06.csv, which its file name dates 2025-03-06: a re-send").all()
    assert _accounted_for(date(2025, 3, 7))
    capsys.readouterr()
    assert main(["schema", "show", "pricelist_2025-03-07.csv"]) == 0
    assert "no date taken: the same bytes as pricelist_2025-03-06.csv" in capsys.readouterr().out


def _ingest_changed(settings, withdraw_missing: bool = False) -> list[date]:
    """As `backintime ingest` (and the changes sensor): migrate, then run only the dates a change touched."""
    dates, _ = cli._ingest_dates(settings.source_dir, False, withdraw_missing)
    for first, last in contiguous_ranges(dates):
        ingest_range(settings, first, last)
    return dates


@pytest.mark.spark
def test_a_copy_come_or_gone_runs_the_days_of_its_twins_again(tmp_path, postgres_url, spark, monkeypatch):
    settings = cli_home(tmp_path, postgres_url, monkeypatch)
    source = settings.source_dir
    (source / "pricelist_2025-03-06.csv").write_text(LIST)
    _ingest_changed(settings)
    # A copy named for an earlier day makes the 6th's a re-send: the 6th runs again, or both days held the list.
    shutil.copy(source / "pricelist_2025-03-06.csv", source / "pricelist_2025-03-04.csv")
    assert _ingest_changed(settings) == [date(2025, 3, 4), date(2025, 3, 6)]
    prices, rejected = lake_prices(settings), lake_rejections(settings)
    assert prices["date"].astype(str).tolist() == ["2025-03-04"] * 2
    assert set(rejected["date"].astype(str)) == {"2025-03-06"} and len(rejected) == 2
    # The earlier copy withdrawn: the 6th's list is no re-send any more and loads there, not left rejected.
    (source / "pricelist_2025-03-04.csv").unlink()
    _ingest_changed(settings, withdraw_missing=True)
    prices, rejected = lake_prices(settings), lake_rejections(settings)
    assert prices["date"].astype(str).tolist() == ["2025-03-06"] * 2 and rejected.empty
    assert all(_accounted_for(date(2025, 3, day)) for day in (4, 6))


@pytest.mark.spark
def test_a_list_refused_for_its_names_day_loads_once_renamed_to_the_titles(tmp_path, postgres_url, spark, monkeypatch):
    settings = cli_home(tmp_path, postgres_url, monkeypatch)
    source = settings.source_dir
    # Saved under the wrong day's name: the title's day and the name's disagree, every row rejected saying so.
    (source / "pricelist_2025-03-05.csv").write_text("Daily Quotations 2025/03/04\n" + LIST)
    _ingest_changed(settings)
    assert lake_prices(settings).empty and lake_rejections(settings)["reason"].str.contains("disagree").all()
    # Renamed to the title's day: its rows load on the 4th, nothing rejected; the manifest says no problem.
    (source / "pricelist_2025-03-05.csv").rename(source / "pricelist_2025-03-04.csv")
    _ingest_changed(settings, withdraw_missing=True)
    prices = lake_prices(settings)
    assert prices["date"].astype(str).tolist() == ["2025-03-04"] * 2 and lake_rejections(settings).empty
    assert all(_accounted_for(date(2025, 3, day)) for day in (4, 5))
