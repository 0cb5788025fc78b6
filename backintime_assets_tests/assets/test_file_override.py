"""A user's override of a whole file end to end: a day's list refused for want of a certain date
loads on the day given, a list of trades on its dates once the refusal is lifted; the dates show
as needing a rerun, and a redetection keeps the override."""
import os
from dataclasses import replace
from datetime import date, datetime

import psycopg
import pytest
from dagster._core.definitions.data_version import StaleStatus

from backintime_assets.cli import main
from backintime_assets.db.schema import ensure_schema
from backintime_assets.definitions import build_resources
from backintime_assets.ingestion.raw import migrate
from backintime_assets_tests.assets.pipeline import cli_home, ingest_range, lake_prices, lake_rejections, prices_status
from backintime_assets_tests.ingestion.test_raw import DriverSurveyor

DAY, NAMED = date(2025, 3, 3), date(2025, 3, 5)  # the trade day; the day in the export's name
# "as of" dates the title's date otherwise than the trade date (day_date.py): no date is taken.
AS_OF = "Closing prices as of 2025-03-03\nSymbol,Close\nAAA,10.5\nBBB,20.25\n"
LIST = "quotes_20250305.csv"


@pytest.mark.spark
def test_a_day_list_refused_for_its_date_loads_on_the_day_a_user_gives(tmp_path, postgres_url, spark, monkeypatch,
                                                                       capsys):
    settings = cli_home(tmp_path, postgres_url, monkeypatch)
    (settings.source_dir / LIST).write_text(AS_OF)
    (settings.source_dir / "dated.csv").write_text("Date,Symbol,Close\n2025-03-04,CCC,5.5\n")
    ingest_range(settings, DAY, NAMED)
    assert lake_prices(settings)["ticker"].tolist() == ["CCC"]
    assert lake_rejections(settings)["reason"].str.contains("says its date is not the trade date").sum() == 2
    capsys.readouterr()

    # Bad input is refused with the reason, and nothing is stored.
    with pytest.raises(SystemExit):
        main(["schema", "override", LIST, "--day", "03/03/2025", "--by", "analyst"])
    assert "not a date (YYYY-MM-DD): 03/03/2025" in capsys.readouterr().err
    assert main(["schema", "override", LIST, "--day", "2025-03-03", "--layout", "--by", "analyst"]) == 2
    assert "--day is one file's" in capsys.readouterr().err
    assert main(["schema", "override", "dated.csv", "--day", "2025-03-03", "--by", "analyst"]) == 2
    assert "dated.csv has a date column (Date)" in capsys.readouterr().err
    assert main(["schema", "override", LIST, "--load-refused", "--by", "analyst"]) == 2
    assert "is not refused as a whole" in capsys.readouterr().err
    assert main(["schema", "override", LIST, "--day", "detected", "--by", "analyst"]) == 2
    assert "no day of a user's to take back" in capsys.readouterr().err
    assert prices_status(DAY) == StaleStatus.FRESH

    assert main(["schema", "override", LIST, "--day", "2025-03-03", "--by", "analyst"]) == 0
    assert (f"every row of {LIST} dated 2025-03-03; 2 date(s) now need a rerun: 2025-03-03..2025-03-05"
            in capsys.readouterr().out)
    # The day the rows reach and the day they were filed under (the name's) run again; not the other.
    assert [prices_status(d) for d in (DAY, date(2025, 3, 4), NAMED)] == [
        StaleStatus.STALE, StaleStatus.FRESH, StaleStatus.STALE]
    assert main(["schema", "show", LIST]) == 0
    shown = capsys.readouterr().out
    assert "every row dated 2025-03-03 (from schema override by analyst)" in shown
    assert "override: every row dated 2025-03-03 (by analyst at " in shown

    ingest_range(settings, DAY, NAMED)
    prices = lake_prices(settings).sort_values("ticker")
    assert prices["date"].astype(str).tolist() == ["2025-03-03", "2025-03-03", "2025-03-04"]
    assert prices["close"].tolist() == [10.5, 20.25, 5.5] and lake_rejections(settings).empty
    assert [prices_status(d) for d in (DAY, NAMED)] == [StaleStatus.FRESH] * 2


class MissedClose(DriverSurveyor):
    """The survey of an older release, whose detector read no close in the list."""

    def __call__(self, tasks):
        from backintime_assets.detection import detect_bytes

        older = []
        for task in tasks:
            with self.location.filesystem().open_input_file(task.lake_path) as handle:
                detected = detect_bytes(handle.readall(), task.name)
            columns = [replace(c, type="string", canonical=None) if c.canonical == "close" else c
                       for c in detected.columns]
            older.append(replace(task, schema_json=task.schema_json or replace(detected, columns=columns).to_json()))
        return super().__call__(older)


@pytest.mark.spark
def test_redetect_keeps_a_users_day(tmp_path, postgres_url, spark, monkeypatch, capsys):
    settings = cli_home(tmp_path, postgres_url, monkeypatch)
    (settings.source_dir / LIST).write_text(AS_OF)
    location = build_resources(settings)["lake"].location()
    with psycopg.connect(postgres_url) as conn:
        ensure_schema(conn)
        migrate(conn, settings.source_dir, location, MissedClose(location))
        conn.commit()
    assert main(["schema", "override", LIST, "--day", "2025-03-03", "--by", "analyst"]) == 0
    assert main(["schema", "redetect", LIST, "--by", "admin"]) == 0
    out = capsys.readouterr().out
    assert f"{LIST}: column 2 Close: mapping none -> 'close'" in out and "1 of 1 file(s) changed and stored" in out
    assert main(["schema", "show", LIST]) == 0
    assert "every row dated 2025-03-03 (from schema override by analyst)" in capsys.readouterr().out
    ingest_range(settings, DAY, DAY)
    assert lake_prices(settings).sort_values("ticker")["close"].tolist() == [10.5, 20.25]


@pytest.mark.spark
def test_a_list_of_trades_loads_once_its_refusal_is_lifted_and_an_empty_file_never(tmp_path, postgres_url, spark,
                                                                                   monkeypatch, capsys):
    settings = cli_home(tmp_path, postgres_url, monkeypatch)
    # A desk's fills, kept as its closes: the user knows better than detection.
    trades = settings.source_dir / "fills.csv"
    trades.write_text("Date,Symbol,Side,Quantity,Price,Commission,Order ID\n"
                      "2025-03-03,AAA,Buy,100,10.5,1.0,123\n2025-03-03,BBB,Sell,50,20.25,1.0,124\n")
    (settings.source_dir / "empty.csv").write_text("")
    stamp = datetime(2025, 3, 3, 18).timestamp()  # where a file with nothing loadable files its rows
    for path in (trades, settings.source_dir / "empty.csv"):
        os.utime(path, (stamp, stamp))
    ingest_range(settings, DAY, DAY)
    assert lake_prices(settings).empty
    assert lake_rejections(settings)["reason"].str.contains("a list of trades, not prices").sum() == 2
    capsys.readouterr()

    assert main(["schema", "override", "empty.csv", "--load-refused", "--by", "analyst"]) == 2
    assert "empty.csv is refused for what it is, not by a judgement a user may overrule: empty file" \
        in capsys.readouterr().err
    assert main(["schema", "override", "fills.csv", "--load-refused", "--by", "analyst"]) == 0
    assert "1 of 1 file(s) load though detection refused them; 1 date(s) now need a rerun" in capsys.readouterr().out
    assert prices_status(DAY) == StaleStatus.STALE
    assert main(["schema", "show", "fills.csv"]) == 0
    shown = capsys.readouterr().out
    assert "override: loads though detection refused it: a list of trades, not prices" in shown
    assert "problem=" not in shown

    ingest_range(settings, DAY, DAY)
    assert lake_prices(settings).sort_values("ticker")["close"].tolist() == [10.5, 20.25]
    assert prices_status(DAY) == StaleStatus.FRESH

    assert main(["schema", "override", "fills.csv", "--no-load-refused", "--by", "boss"]) == 0
    assert "loads no row" not in capsys.readouterr().err  # refused again as asked: nothing to warn of
    assert prices_status(DAY) == StaleStatus.STALE
    ingest_range(settings, DAY, DAY)
    assert lake_prices(settings).empty


@pytest.mark.spark
def test_a_file_named_after_the_company_loads_under_the_ticker_a_user_gives(tmp_path, postgres_url, spark,
                                                                          monkeypatch, capsys):
    settings = cli_home(tmp_path, postgres_url, monkeypatch)
    (settings.source_dir / "apple.csv").write_text("Date,Close\n2025-03-03,181.9\n2025-03-04,181.2\n")
    (settings.source_dir / "dated.csv").write_text("Date,Symbol,Close\n2025-03-05,CCC,5.5\n")
    ingest_range(settings, DAY, NAMED)
    assert sorted(lake_prices(settings)["ticker"]) == ["APPLE", "APPLE", "CCC"]
    capsys.readouterr()

    assert main(["schema", "override", "apple.csv", "--ticker", "aapl", "--by", "analyst"]) == 0
    assert "every row of apple.csv of ticker AAPL; 2 date(s) now need a rerun: 2025-03-03..2025-03-04" in \
        capsys.readouterr().out
    assert [prices_status(d) for d in (DAY, date(2025, 3, 4), NAMED)] == [
        StaleStatus.STALE, StaleStatus.STALE, StaleStatus.FRESH]
    # The dates run again are written whole: the rows leave APPLE for AAPL, none is left under both.
    ingest_range(settings, DAY, NAMED)
    prices = lake_prices(settings).sort_values(["date", "ticker"])
    assert prices["ticker"].tolist() == ["AAPL", "AAPL", "CCC"] and prices["close"].tolist() == [181.9, 181.2, 5.5]
    assert lake_rejections(settings).empty


def _tickers(frame, *names) -> list[tuple]:
    found = frame[frame["ticker"].isin(names)].sort_values("ticker")
    return list(zip(found["ticker"], found["close"], found["volume"]))


@pytest.mark.spark
def test_a_users_marks_load_the_numbers_a_sample_of_whole_numbers_left_undecided(tmp_path, postgres_url, spark,
                                                                                 monkeypatch, capsys):
    settings = cli_home(tmp_path, postgres_url, monkeypatch)
    # An English desk's tab file of a day's 25,000 tickers, whole prices and volumes in the sample; past it,
    # '71.500' and '1,500'. Large enough that the survey keeps its parsed rows (parsed.KEEP_MIN_BYTES).
    rows = [f"2025-03-03\tT{i:05d}\t{70 + i % 30}\t{100 + i % 50}\n" for i in range(25_000)]
    rows[12_000:12_002] = ["2025-03-03\tMIDA\t71.500\t1,500\n", "2025-03-03\tMIDB\t12.125\t2,000\n"]
    (settings.source_dir / "day.txt").write_text("Date\tTicker\tClose\tVolume\n" + "".join(rows))
    ingest_range(settings, DAY, DAY)
    assert len(lake_prices(settings)) == 24_998 and _tickers(lake_prices(settings), "MIDA", "MIDB") == []
    assert lake_rejections(settings)["reason"].str.startswith("unparseable as one number").sum() == 2
    assert main(["schema", "show", "day.txt"]) == 0
    assert "numbers: no decimal or thousands mark in the sample, none settled" in capsys.readouterr().out

    # Marks that contradict themselves, a thousands mark alone: refused, nothing stored, nothing to rerun.
    assert main(["schema", "override", "day.txt", "--decimal-mark", ",", "--thousands", ",", "--by", "analyst"]) == 2
    assert "the decimal mark and the thousands mark are both ','" in capsys.readouterr().err
    assert main(["schema", "override", "day.txt", "--thousands", ",", "--by", "analyst"]) == 2
    assert "--thousands goes with --decimal-mark" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["schema", "override", "day.txt", "--decimal-mark", ";", "--by", "analyst"])
    assert "not a decimal mark" in capsys.readouterr().err
    assert main(["schema", "override", "day.txt", "--decimal-mark", "detected", "--by", "analyst"]) == 2
    assert "no marks of a user's to take back" in capsys.readouterr().err
    assert prices_status(DAY) == StaleStatus.FRESH

    assert main(["schema", "override", "day.txt", "--decimal-mark", ".", "--thousands", ",", "--by", "analyst"]) == 0
    assert ("numbers of day.txt read with decimal mark '.' and thousands mark ',' (detected: none settled); 1 date(s) "
            "now need a rerun: 2025-03-03") in capsys.readouterr().out
    assert prices_status(DAY) == StaleStatus.STALE
    assert main(["schema", "show", "day.txt"]) == 0
    shown = capsys.readouterr().out
    assert "  numbers: decimal mark '.' and thousands mark ','\n" in shown
    assert "override: numbers read with decimal mark '.' and thousands mark ',' (by analyst at " in shown
    ingest_range(settings, DAY, DAY)
    prices = lake_prices(settings)
    assert len(prices) == 25_000 and lake_rejections(settings).empty
    assert _tickers(prices, "MIDA", "MIDB") == [("MIDA", 71.5, 1500), ("MIDB", 12.125, 2000)]
    assert prices_status(DAY) == StaleStatus.FRESH

    assert main(["schema", "override", "day.txt", "--decimal-mark", "detected", "--by", "boss"]) == 0
    assert "numbers of day.txt read with the marks detected; 1 date(s) now need a rerun" in capsys.readouterr().out
    assert main(["schema", "show", "day.txt"]) == 0
    assert "override: numbers read with the marks detected (by boss at " in capsys.readouterr().out
    ingest_range(settings, DAY, DAY)
    assert len(lake_prices(settings)) == 24_998
