"""WSJ's "HistoricalPrices.csv" beside the copy renamed after its index, ingested: the copy's rows load under
DJI, the site's name is refused (nameless.py) and its rows are rejected once, with the content's first date,
in the run of the content's dates: not under the day it was saved, which only a run of today would write."""
import os
from datetime import date, datetime

import pytest

from backintime_assets_tests.assets.pipeline import cli_home, ingest_range, lake_prices, lake_rejections

TEXT = "Date,Open,High,Low,Close\n03/05/25,10.0,11.0,9.0,10.5\n03/04/25,9.0,10.0,8.0,9.5\n03/03/25,8,9,7,8.5\n"
MONDAY, WEDNESDAY = date(2025, 3, 3), date(2025, 3, 5)


@pytest.mark.spark
def test_a_sites_download_beside_its_renamed_copy_is_rejected_in_the_run_of_its_dates(
        tmp_path, postgres_url, spark, monkeypatch):
    settings = cli_home(tmp_path, postgres_url, monkeypatch)
    for name in ("HistoricalPrices.csv", "dji.csv"):
        (settings.source_dir / name).write_text(TEXT)
    saved = datetime(2025, 3, 10, 18).timestamp()  # saved the next week: its home date, outside the run
    os.utime(settings.source_dir / "HistoricalPrices.csv", (saved, saved))
    ingest_range(settings, MONDAY, WEDNESDAY)

    prices = lake_prices(settings).sort_values("date")
    assert prices[["ticker", "close"]].values.tolist() == [["DJI", 8.5], ["DJI", 9.5], ["DJI", 10.5]]
    rejected = lake_rejections(settings)
    site = rejected[rejected["source_file"].str.endswith("HistoricalPrices.csv")]
    assert sorted(site["source_line"]) == [2, 3, 4]
    assert set(site["reason"]) == {
        "file problem: no ticker column, and the file's name names no instrument: \"HistoricalPrices.csv\" is the "
        "name a site or a program gives every download, so two such files of different instruments would load "
        "as one; rename the file to its symbol or add a ticker column"}
    assert {str(d)[:10] for d in site["date"]} == {MONDAY.isoformat()}
    # A run of a later day of the content alone leaves them where they are, once.
    ingest_range(settings, WEDNESDAY, WEDNESDAY)
    again = lake_rejections(settings)
    assert sorted(again[again["source_file"].str.endswith("HistoricalPrices.csv")]["source_line"]) == [2, 3, 4]
    assert lake_prices(settings)["close"].tolist().count(10.5) == 1
