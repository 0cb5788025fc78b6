"""The conversion reads the rows the raw step's survey parsed and kept, not the text again (files
of parsed.KEEP_MIN_BYTES or more in a Parquet file each; smaller ones in a group file)."""
from datetime import date, datetime, timedelta, timezone

import pandas as pd
import psycopg
import pyarrow.fs as pafs
import pytest

from backintime_assets.db import file_schemas
from backintime_assets.definitions import build_resources
from backintime_assets.detection.render import PRICE_HEADER, Style, render_table, sample_prices
from backintime_assets.ingestion.parsed import KEEP_MIN_BYTES
from backintime_assets.ingestion.parsed_pruning import prune_parsed_zone
from backintime_assets.ingestion.raw import resurvey
from backintime_assets.ingestion.survey import survey_files
from backintime_assets_tests.assets.pipeline import INGEST, lake_prices, lake_rejections, run_range, settings_for

FIRST, LAST = date(2025, 3, 3), date(2025, 3, 7)


def _sorted(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.sort_values(["source_file", "source_line"]).reset_index(drop=True)


@pytest.mark.spark
def test_prices_rerun_from_the_parsed_zone_without_the_raw_text(tmp_path, postgres_url, spark):
    settings = settings_for(tmp_path, postgres_url)
    settings.source_dir.mkdir(parents=True)
    (settings.source_dir / "desk.csv").write_text(  # rows to reject, filed under the file's first date
        "Date,Ticker,Close\n2025-03-04,ZZZZZZ,10.5\n2025-03-05,ZZZZZZ,-1\n2025-03-06,ZZZZZZ,n/a\n")
    # An archive of 2,000 tickers over the week (and far beyond it), big enough to be kept.
    archive = render_table(PRICE_HEADER, sample_prices(16_000, seed=3, tickers=2000, start=FIRST), Style())
    assert len(archive) >= KEEP_MIN_BYTES
    (settings.source_dir / "archive.csv").write_bytes(archive)
    assert run_range(settings, FIRST, LAST, ["simulated_price_files", *INGEST]).success
    prices, rejected = _sorted(lake_prices(settings)), _sorted(lake_rejections(settings))
    assert len(rejected.loc[rejected["source_file"] == "desk.csv"]) == 2
    # sample_prices draws each row's close on its own, so a few of a ticker's days stand a hundredfold off
    # the days around it and are rejected as unit slips (unit_slips.py), filed under the archive's first
    # date whatever their own: every row of the week is still in one place.
    archive_rows = len(prices.loc[prices["source_file"] == "archive.csv"])
    from_archive = rejected.loc[rejected["source_file"] == "archive.csv"]
    assert from_archive["reason"].str.startswith("unit slip").all()
    week = {(FIRST + timedelta(days=d)).isoformat() for d in range(5)}
    assert archive_rows + from_archive["raw"].str[:10].isin(week).sum() == 5 * 2000
    assert archive_rows > 9_900 and len(prices) > 10_000

    location = build_resources(settings)["lake"].location()
    fs = location.filesystem()
    parsed = [f.path for f in fs.get_file_info(pafs.FileSelector(location.path("parsed"), recursive=True))
              if f.type == pafs.FileType.File]
    # The archive's own Parquet file; the small files (desk.csv, the simulated ones) in group files (kept_groups.py).
    assert [p for p in parsed if not p.endswith(".arrow")] == [p for p in parsed if p.endswith(".parquet")]
    assert len([p for p in parsed if p.endswith(".parquet")]) == 1 and any(p.endswith(".arrow") for p in parsed)
    texts = [f.path for f in fs.get_file_info(pafs.FileSelector(location.path("raw"), recursive=True))
             if f.path.endswith(("/archive.csv", "/desk.csv"))]
    assert len(texts) == 2
    for text in texts:
        fs.delete_file(text)  # the text is gone: only the kept rows can give the same tables

    assert run_range(settings, FIRST, LAST, ["prices", "rejected_rows"]).success
    pd.testing.assert_frame_equal(_sorted(lake_prices(settings)), prices)
    pd.testing.assert_frame_equal(_sorted(lake_rejections(settings)), rejected)


def _zone(location) -> dict[str, int]:
    infos = location.filesystem().get_file_info(pafs.FileSelector(location.path("parsed"), recursive=True))
    return {i.path: i.size for i in infos if i.type == pafs.FileType.File}


def _delete_texts(location, names: tuple[str, ...]) -> None:
    fs = location.filesystem()
    texts = [f.path for f in fs.get_file_info(pafs.FileSelector(location.path("raw"), recursive=True))
             if f.path.endswith(tuple(f"/{n}" for n in names))]
    assert texts
    for text in texts:
        fs.delete_file(text)


@pytest.mark.spark
def test_pruning_removes_what_no_current_file_reads_and_the_rerun_loads_the_same(tmp_path, postgres_url, spark):
    settings = settings_for(tmp_path, postgres_url)
    settings.source_dir.mkdir(parents=True)
    desk = settings.source_dir / "desk.csv"
    desk.write_text("Date,Ticker,Close\n2025-03-04,ZZZZZZ,10.5\n2025-03-05,ZZZZZZ,-1\n")
    archive = render_table(PRICE_HEADER, sample_prices(16_000, seed=3, tickers=2000, start=FIRST), Style())
    (settings.source_dir / "archive.csv").write_bytes(archive)
    assert run_range(settings, FIRST, LAST, INGEST).success
    location = build_resources(settings)["lake"].location()
    first = _zone(location)
    assert sorted(p.rsplit(".", 1)[1] for p in first) == ["arrow", "parquet"]  # desk's group file, the archive's

    # A new version of desk.csv: the group file of the old one lists no current member. A user's
    # correction of the archive: its rows kept under the old reading are read no more.
    desk.write_text("Date,Ticker,Close\n2025-03-04,ZZZZZZ,10.5\n2025-03-05,ZZZZZZ,-1\n2025-03-06,ZZZZZZ,11\n")
    with psycopg.connect(postgres_url) as conn:
        sha = file_schemas.current_sha256(conn, "archive.csv")
        file_schemas.override_column(conn, [sha], "Volume", "analyst", final_mapping=file_schemas.UNMAPPED)
        resurvey(conn, [sha], lambda tasks: survey_files(spark, location, tasks))
        conn.commit()
    assert run_range(settings, FIRST, LAST, INGEST).success
    prices, rejected = _sorted(lake_prices(settings)), _sorted(lake_rejections(settings))
    assert prices["volume"].isna().all()  # the archive's volumes, unmapped, load as none (NULL)
    assert prices["close"].loc[prices["source_file"] == "desk.csv"].tolist() == [10.5, 11.0]
    before = _zone(location)
    assert len(before) == 4 and set(first) < set(before)

    with psycopg.connect(postgres_url) as conn:
        later = datetime.now(timezone.utc) + timedelta(seconds=1)
        assert prune_parsed_zone(conn, location, dry_run=True, grace=timedelta(0), now=later).files == 2
        assert _zone(location) == before
        pruned = prune_parsed_zone(conn, location, grace=timedelta(0), now=later)
    assert (pruned.files, pruned.bytes) == (2, sum(first.values()))
    assert _zone(location) == {p: size for p, size in before.items() if p not in first}  # exactly the stale ones

    # Without the texts only the kept rows can give the same tables: the pruning left every one read.
    _delete_texts(location, ("archive.csv", "desk.csv"))
    assert run_range(settings, FIRST, LAST, ["prices", "rejected_rows"]).success
    pd.testing.assert_frame_equal(_sorted(lake_prices(settings)), prices)
    pd.testing.assert_frame_equal(_sorted(lake_rejections(settings)), rejected)
