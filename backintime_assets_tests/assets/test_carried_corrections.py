"""A file's corrections carried to its next version end to end, on Spark: the office appends a day to a
corrected file in place, and the one ingest that meets it loads every date of it as the user said, once."""
import os
from datetime import date, datetime

import pytest

from backintime_assets.cli import main
from backintime_assets_tests.assets.pipeline import cli_home, ingest_range, lake_prices, lake_rejections

WEEK = [3, 4, 5, 6, 7]  # March 2025's first trading week; Monday the 10th appended
LAST_WEEK = datetime(2026, 12, 1, 9, 30).timestamp()


def _rates(days: list[int], tickers: int, prefix: str) -> bytes:
    """A `;` file of three-decimal rates, which detection reads with ',' decimals: 1.503 as 1503."""
    return ("Date;Ticker;Rate\n" + "".join(f"{d:02d}/03/2025;{prefix}{t:04d};{1 + t % 9}.{500 + d}\n"
                                           for d in days for t in range(tickers))).encode()


def _cents(days: list[int], tickers: int, dollars: bool = False) -> bytes:
    """A `,` file of whole cents ('15003'), or of dollars ('150.03'), of tickers C0000...; no header row."""
    return "".join(f"2025-03-{d:02d},C{t:04d},{150 + t}{'.' if dollars else ''}{d:02d}\n"
                   for d in days for t in range(tickers)).encode()


def _closes(settings, ticker: str) -> list[tuple[date, float]]:
    prices = lake_prices(settings)
    found = prices[prices["ticker"] == ticker].sort_values("date")
    return [(d.date() if hasattr(d, "date") else d, c) for d, c in zip(found["date"], found["close"])]


# One file large enough that the survey keeps its rows in a Parquet file of its own, one in a group file.
SIZES = {"big.csv": 4_000, "small.csv": 3}
PREFIX = {"big.csv": "R", "small.csv": "S"}


def _rates_week_said_dot_decimals(settings, extra=()) -> None:
    """big.csv and small.csv (and `extra`: name -> content) written last week and ingested, then the user's
    '.' and ',' said of the rates: what each test refreshes."""
    files = {name: _rates(WEEK, tickers, PREFIX[name]) for name, tickers in SIZES.items()} | dict(extra)
    for name, content in files.items():
        (settings.source_dir / name).write_bytes(content)
        os.utime(settings.source_dir / name, (LAST_WEEK, LAST_WEEK))
    ingest_range(settings, date(2025, 3, 3), date(2025, 3, 7))
    assert _closes(settings, "R0000")[0][1] == 1503  # the defect's reading
    for name in SIZES:
        assert main(["schema", "override", name, "--decimal-mark", ".", "--thousands", ",", "--by", "ana"]) == 0


@pytest.mark.spark
def test_a_refreshed_files_new_day_loads_with_the_carried_marks_once_and_a_rerun_changes_nothing(
        tmp_path, postgres_url, spark, monkeypatch, capsys):
    settings = cli_home(tmp_path, postgres_url, monkeypatch)
    assert len(_rates(WEEK + [10], SIZES["big.csv"], "R")) > 512 * 2**10
    _rates_week_said_dot_decimals(settings)
    ingest_range(settings, date(2025, 3, 3), date(2025, 3, 7))

    for name, tickers in SIZES.items():
        (settings.source_dir / name).write_bytes(_rates(WEEK + [10], tickers, PREFIX[name]))
    ingest_range(settings, date(2025, 3, 3), date(2025, 3, 10))
    days = [date(2025, 3, d) for d in WEEK + [10]]
    for ticker in ("R0000", "R0002", "R3999", "S0000", "S0002"):
        assert _closes(settings, ticker) == [(d, float(f"{1 + int(ticker[1:]) % 9}.{500 + d.day}")) for d in days]
    prices = lake_prices(settings)
    # Every row once.
    assert len(prices) == 4_000 * 6 + 3 * 6 and lake_rejections(settings).empty
    capsys.readouterr()
    assert main(["schema", "show", "big.csv"]) == 0
    shown = capsys.readouterr().out
    assert "carried from the previous version (" in shown and "of big.csv: numbers read with decimal mark '.'" in shown
    assert "  numbers: decimal mark '.' and thousands mark ','\n" in shown

    # The same files again: nothing changes.
    before = prices.sort_values(["ticker", "date"]).reset_index(drop=True)
    ingest_range(settings, date(2025, 3, 3), date(2025, 3, 10))
    after = lake_prices(settings).sort_values(["ticker", "date"]).reset_index(drop=True)
    assert before.equals(after)


@pytest.mark.spark
def test_a_refreshed_files_new_day_in_another_locale_is_rejected_with_why_and_its_old_days_load_as_said(
        tmp_path, postgres_url, spark, monkeypatch, capsys):
    from backintime_assets.normalisation.parse import WRITTEN_OTHERWISE, whole_only_reason

    settings = cli_home(tmp_path, postgres_url, monkeypatch)
    cents = settings.source_dir / "cents.csv"  # whole cents, said x0.01
    _rates_week_said_dot_decimals(settings, {"cents.csv": b"Date,Ticker,Close\n" + _cents(WEEK, 3)})
    assert main(["schema", "override", "cents.csv", "--column", "Close", "--multiplier", "0.01", "--by", "ana"]) == 0
    # The office changed locale: the old rows kept, Monday the 10th written '1,510'; and units: '150.10' dollars.
    for name, tickers in SIZES.items():
        monday = _rates([10], tickers, PREFIX[name]).split(b"\n", 1)[1].replace(b".", b",")
        (settings.source_dir / name).write_bytes(_rates(WEEK, tickers, PREFIX[name]) + monday)
    cents.write_bytes(b"Date,Ticker,Close\n" + _cents(WEEK, 3) + _cents([10], 3, dollars=True))
    ingest_range(settings, date(2025, 3, 3), date(2025, 3, 10))
    days = [date(2025, 3, d) for d in WEEK]
    for ticker in ("R0000", "R3999", "S0002"):
        assert _closes(settings, ticker) == [(d, float(f"{1 + int(ticker[1:]) % 9}.{500 + d.day}")) for d in days]
    assert _closes(settings, "C0002") == [(d, float(f"152.{d.day:02d}")) for d in days]  # not 15203, nor 1.5210
    rejected = lake_rejections(settings)
    assert rejected["reason"].value_counts().to_dict() == {f"{WRITTEN_OTHERWISE}: close": 4_000 + 3,
                                                           f"{whole_only_reason(0.01)}: close": 3}
    assert set(rejected[rejected["reason"] == f"{whole_only_reason(0.01)}: close"]["raw"]) == {
        f"2025-03-10,C000{t},{150 + t}.10" for t in range(3)}
    # Every row read once, loaded or rejected: six days of each file's tickers.
    assert len(lake_prices(settings)) == (4_000 + 3 + 3) * 5 and len(rejected) == 4_000 + 3 + 3
    capsys.readouterr()
    assert main(["schema", "show", "big.csv"]) == 0
    assert "groups thousands (read 1510), which none of the previous version's numbers did" in capsys.readouterr().out
    assert main(["schema", "show", "cents.csv"]) == 0
    assert "column Close: '150.10' has a decimal mark, where the previous version's numbers, said to be x0.01, " \
           "were whole" in capsys.readouterr().out
