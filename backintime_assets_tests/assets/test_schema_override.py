"""A user's schema correction: the affected dates show as needing a rerun, and the rerun uses it."""
from datetime import date

import pytest
from dagster._core.definitions.data_version import StaleStatus

from backintime_assets.cli import main
from backintime_assets_tests.assets.pipeline import cli_home, ingest_range, lake_prices, lake_rejections, prices_status

DAY = date(2025, 3, 3)


@pytest.mark.spark
def test_override_marks_dates_stale_and_the_rerun_uses_it(tmp_path, postgres_url, spark, monkeypatch):
    settings = cli_home(tmp_path, postgres_url, monkeypatch)
    # The desk's "Close" is the previous close; the day's close is in "Settle".
    (settings.source_dir / "desk.csv").write_text(
        "Date,Ticker,Close,Settle\n2025-03-03,ABCDEF,10.5,11.0\n2025-03-03,GHIJKL,20.25,19.5\n")

    ingest_range(settings, DAY, DAY)
    assert list(lake_prices(settings).sort_values("ticker")["close"]) == [10.5, 20.25]
    assert prices_status(DAY) == StaleStatus.FRESH

    assert main(["schema", "override", "desk.csv", "--column", "Close", "--mapping", "none", "--by", "analyst"]) == 0
    assert main(["schema", "override", "desk.csv", "--column", "Settle", "--mapping", "close", "--by", "analyst"]) == 0
    assert prices_status(DAY) == StaleStatus.STALE

    ingest_range(settings, DAY, DAY)
    prices = lake_prices(settings).sort_values("ticker")
    assert list(prices["close"]) == [11.0, 19.5] and len(lake_rejections(settings)) == 0
    assert prices_status(DAY) == StaleStatus.FRESH


@pytest.mark.spark
def test_a_corrected_date_format_moves_rows_to_the_dates_they_now_hold(tmp_path, postgres_url, spark, monkeypatch):
    settings = cli_home(tmp_path, postgres_url, monkeypatch)
    # Read day-first (13/03 cannot be month-first): 3 April and 13 March. The desk meant month-first.
    (settings.source_dir / "desk.csv").write_text("Date,Ticker,Close\n03/04/2025,ABCDEF,10.5\n13/03/2025,ABCDEF,11\n")
    first, last, moved_to = date(2025, 3, 3), date(2025, 4, 4), date(2025, 3, 4)

    ingest_range(settings, first, last)
    assert sorted(lake_prices(settings)["date"].astype(str)) == ["2025-03-13", "2025-04-03"]
    assert main(["schema", "override", "desk.csv", "--column", "Date", "--format", "%m/%d/%Y", "--by", "analyst"]) == 0
    # The dates the rows leave and the date a row reaches all need a rerun; the others do not.
    assert [prices_status(d) for d in (date(2025, 3, 13), date(2025, 4, 3), moved_to)] == [StaleStatus.STALE] * 3
    assert prices_status(date(2025, 3, 5)) == StaleStatus.FRESH
    for day in (date(2025, 3, 13), date(2025, 4, 3), moved_to):  # each stale partition on its own
        ingest_range(settings, day, day)
    prices = lake_prices(settings)
    assert list(prices["date"].astype(str)) == ["2025-03-04"] and list(prices["close"]) == [10.5]
    rejected = lake_rejections(settings)
    assert list(rejected["raw"]) == ["13/03/2025,ABCDEF,11"] and list(rejected["date"].astype(str)) == ["2025-03-04"]
