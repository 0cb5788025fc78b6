import datetime as dt
import json
import os
import subprocess
import sys

import pytest

from backintime_assets.cli import _show_schema, main
from backintime_assets.detection import detect_file


def _run(args, env_extra, tmp_path):
    env = {"PATH": os.environ["PATH"], "BACKINTIME_HOME": str(tmp_path / "home"), **env_extra}
    return subprocess.run([sys.executable, "-m", "backintime_assets.cli", *args], capture_output=True, text=True,
                          env=env, timeout=120)


def test_status_masks_the_postgres_password(tmp_path):
    result = _run(["services", "status"], {"BACKINTIME_POSTGRES_URL": "postgresql://u:hunter2@db:5432/x"}, tmp_path)
    assert result.returncode == 0, result.stderr
    assert "postgresql://u:***@db:5432/x" in result.stdout and "hunter2" not in result.stdout
    assert "local[*]" in result.stdout


def test_errors_are_one_line_without_traceback(tmp_path):
    result = _run(["ingest", "--source", str(tmp_path / "missing")], {}, tmp_path)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and "missing" in result.stderr


def test_detect_prints_delimiter_and_types(tmp_path, capsys):
    path = tmp_path / "prices.csv"
    path.write_text("Date;Ticker;Close;Volume\n2025-01-02;ABCDEF;10,5;100\n2025-01-03;ABCDEF;11,25;200\n"
                    "2025-01-06;ABCDEF;9,75;300\n")
    assert main(["detect", "--json", str(path)]) == 0
    line, = capsys.readouterr().out.strip().splitlines()
    detected = json.loads(line)
    assert detected["delimiter"] == ";" and detected["file"].endswith("prices.csv")
    types = {c["name"]: c["type"] for c in detected["columns"]}
    assert types == {"Date": "date", "Ticker": "string", "Close": "float", "Volume": "integer"}
    for key in ("encoding", "quotechar", "escapechar", "line_terminator", "header_row"):
        assert key in detected


def test_detect_goes_on_past_a_file_a_detector_fails_on(tmp_path, capsys, monkeypatch):
    # Real files round 60: a detector's TypeError on one file of a call ended it, and the files after it
    # were never sniffed. The failure is said for its file, the others are printed, and the exit says so.
    import backintime_assets.detection as detection

    real = detection.detect_file

    def failing(name, *args, **kwargs):
        if str(name).endswith("bad.csv"):
            raise TypeError("can't compare offset-naive and offset-aware datetimes")
        return real(name, *args, **kwargs)

    monkeypatch.setattr(detection, "detect_file", failing)
    names = []
    for name in ("a.csv", "bad.csv", "b.csv"):
        (tmp_path / name).write_text("Date,Close\n2025-03-03,71.5\n2025-03-04,72.5\n")
        names.append(str(tmp_path / name))
    assert main(["detect", "--json", *names]) == 2
    out, err = capsys.readouterr()
    assert [json.loads(line)["file"] for line in out.strip().splitlines()] == [names[0], names[2]]
    assert "bad.csv: detection failed: TypeError: can't compare" in err


def test_detect_shows_a_volumes_multiplier_and_a_unit_it_does_not_apply(tmp_path, capsys):
    path = tmp_path / "prices.csv"
    path.write_text("Date,Close,Vol ('000),Lots (手)\n2025-01-02,10.5,4310,12\n2025-01-03,11.25,5002,13\n",
                    encoding="utf-8")
    assert main(["detect", str(path)]) == 0
    assert "Vol ('000): integer -> volume x1000" in capsys.readouterr().out
    path.write_text("日期,收盘,成交量(手)\n2025-01-02,10.5,4310\n2025-01-03,11.25,5002\n", encoding="utf-8")
    assert main(["detect", str(path)]) == 0
    shown = "成交量(手): integer -> volume (in 手, of a size unsaid: volume not loaded; set --multiplier)"
    assert shown in capsys.readouterr().out



def test_detect_says_why_a_file_is_refused(tmp_path, capsys):
    # An empty file, a header without rows and a binary one named .csv are no tables: the text output said
    # only "header_row=-1", as of a file read with no columns, and the user learned at ingest that none loads.
    (tmp_path / "empty.csv").write_bytes(b"")
    (tmp_path / "header.csv").write_text("Date,Ticker,Close\n")
    (tmp_path / "binary.csv").write_bytes(bytes(range(256)) * 4)
    assert main(["detect", *(str(tmp_path / n) for n in ("empty.csv", "header.csv", "binary.csv"))]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].endswith("empty.csv: encoding=utf-8 delimiter=',' header_row=-1 problem='empty file'")
    assert [line for line in out if "header.csv" in line][0].endswith("problem='no data rows'")
    assert "binary.csv: encoding=binary" in out[-1] and "problem='binary content" in out[-1]
    path = tmp_path / "good.csv"
    path.write_text("Date,Close\n2025-03-03,71.5\n2025-03-04,72.5\n")
    assert main(["detect", str(path)]) == 0
    assert "problem" not in capsys.readouterr().out


def test_detect_and_schema_show_say_the_ticker_a_header_names(tmp_path, capsys):
    path = tmp_path / "data.csv"
    path.write_text("Price,Close,Volume\nTicker,AAPL,AAPL\nDate,,\n2024-01-02,184.53,82488700\n"
                    "2024-01-03,183.15,58414500\n2024-01-04,180.91,71983600\n", encoding="utf-8")
    assert main(["detect", str(path)]) == 0
    shown = "every row of ticker AAPL (named in the header, not the file's name)"
    assert shown in capsys.readouterr().out
    _show_schema("data.csv", detect_file(str(path)).to_dict(), as_json=False)
    assert shown in capsys.readouterr().out


@pytest.mark.postgres
def test_services_start_status_stop_with_the_embedded_server(server_dir):
    tmp_path = server_dir
    started = _run(["services", "start"], {}, tmp_path)
    try:
        assert started.returncode == 0, started.stderr
        assert "postgres: running" in started.stdout and ":***@127.0.0.1:" in started.stdout
        assert (tmp_path / "home" / "dagster" / "dagster.yaml").exists()
    finally:
        stopped = _run(["services", "stop"], {}, tmp_path)
    assert "stopped" in stopped.stdout
    assert "postgres: stopped" in _run(["services", "status"], {}, tmp_path).stdout


def test_simulate_writes_drifted_files_and_ground_truth(tmp_path, capsys):
    out = tmp_path / "drive"
    args = ["simulate", "--start", "2025-01-06", "--end", "2025-01-10", "--tickers", "8", "--drift", "random",
            "--pollution", "0.1", "--xlsx-share", "0.3", "--out", str(out)]
    assert main(args) == 0
    assert "ground truth" in capsys.readouterr().out
    files = sorted(p.name for p in out.iterdir() if not p.name.startswith("_"))
    assert files and any(f.endswith(".xlsx") for f in files)
    assert (out / "_ground_truth.csv").read_text().count("\n") > 1
    first = {p.name: p.read_bytes() for p in out.iterdir()}
    assert main(args) == 0  # same seed and options: byte-identical files
    assert {p.name: p.read_bytes() for p in out.iterdir()} == first


def test_simulate_writes_the_deployments_trading_week(tmp_path, monkeypatch):
    # Sunday to Thursday: Sunday files and no Friday ones, the days ingestion files rows under.
    monkeypatch.setenv("BACKINTIME_TRADING_WEEK", "sun-thu")
    out = tmp_path / "drive"
    assert main(["simulate", "--start", "2025-01-02", "--end", "2025-01-06", "--tickers", "8", "--out", str(out)]) == 0
    assert {p.stem.split("_")[1] for p in out.glob("[!_]*.csv")} == {"2025-01-02", "2025-01-05", "2025-01-06"}


def test_simulate_warns_that_days_a_week_past_today_will_be_refused_at_ingest(tmp_path, capsys):
    # Files dated after they arrive are refused for good (detection/after_arrival.py), not held for their day.
    today = dt.date.today()
    out = tmp_path / "drive"
    args = ["simulate", "--start", (today - dt.timedelta(days=3)).isoformat(), "--tickers", "8", "--out", str(out)]
    assert main(args + ["--end", (today + dt.timedelta(days=7)).isoformat()]) == 0
    assert "warning" not in capsys.readouterr().err
    far = today + dt.timedelta(days=30)
    assert main(args + ["--end", far.isoformat()]) == 0
    err = capsys.readouterr().err
    assert f"warning: --end {far} runs past {today + dt.timedelta(days=7)}" in err and "refuses" in err
    days = {dt.date.fromisoformat(p.stem.split("_")[1]) for p in out.glob("[!_]*.csv")}
    assert max(days) > today + dt.timedelta(days=7)  # written all the same


def test_simulate_rejects_bad_options_in_one_line(tmp_path, capsys):
    args = ["simulate", "--start", "2025-01-06", "--end", "2025-01-10", "--pollution", "2", "--out", str(tmp_path)]
    assert main(args) == 2
    assert "pollution_rate" in capsys.readouterr().err


@pytest.mark.spark
def test_demo_materializes_a_short_range_and_runs_the_backtest(tmp_path, postgres_url):
    import psycopg

    env = {"BACKINTIME_POSTGRES_URL": postgres_url, "BACKINTIME_SPARK_MASTER": "local[2]",
           **{k: os.environ[k] for k in ("JAVA_HOME",) if k in os.environ}}
    result = subprocess.run(
        [sys.executable, "-m", "backintime_assets.cli", "demo", "--no-serve", "--start", "2025-02-24", "--end",
         "2025-03-07"], capture_output=True, text=True, timeout=900,
        env={"PATH": os.environ["PATH"], "BACKINTIME_HOME": str(tmp_path / "home"), **env})
    assert result.returncode == 0, result.stderr[-2000:]
    assert "backtest_entries_job: run" in result.stdout and "mark_trades_job: run" in result.stdout
    with psycopg.connect(postgres_url) as conn:
        closes = conn.execute("select count(*) from latest_close where strategy = 'monthly_ma_dip'").fetchone()[0]
        entries = conn.execute("select count(*), min(purchase_date) from backtest_entries").fetchone()
    assert closes > 0
    # March 3rd is the only month's first trading day with earlier rows to average.
    assert entries[0] > 0 and str(entries[1]) == "2025-03-03"


@pytest.mark.spark
def test_ingest_reads_each_file_once_and_loads_every_date_it_holds(tmp_path, postgres_url):
    import psycopg
    import pyarrow.dataset as ds

    source = tmp_path / "drive"
    source.mkdir()
    # A daily drop, an archive of two weeks with a day-first layout, and an empty file.
    (source / "2025-03-03.csv").write_text("Date,Ticker,Close\n2025-03-03,AAA,10.5\n2025-03-03,BBB,20\n")
    # Its first row predates the partitions (BACKINTIME_START_DATE, 2015 by default): said, not asked
    # for; its rejected row is filed under its first date that has a partition, where a run writes it.
    (source / "archive.txt").write_text("Datum;Symbol;Schluss\n03.03.2010;CCC;1,25\n" + "".join(
        f"{d:02d}.03.2025;CCC;{d},25\n" for d in (3, 4, 5, 6, 7, 10, 11, 12, 13, 14)) + "14.03.2025;DDD;-1\n")
    (source / "empty.csv").write_text("")
    env = {"BACKINTIME_POSTGRES_URL": postgres_url, "BACKINTIME_SPARK_MASTER": "local[2]",
           **{k: os.environ[k] for k in ("JAVA_HOME",) if k in os.environ}}
    result = subprocess.run(
        [sys.executable, "-m", "backintime_assets.cli", "ingest", "--source", str(source)], capture_output=True,
        text=True, timeout=600, env={"PATH": os.environ["PATH"], "BACKINTIME_HOME": str(tmp_path / "home"), **env})
    assert result.returncode == 0, result.stderr[-2000:]
    assert "empty.csv: empty file" in result.stderr
    assert "1 date(s) the files hold have no partition, from 2010-03-03 to 2010-03-03" in result.stderr
    prices = ds.dataset(tmp_path / "home" / "lake" / "prices", partitioning="hive").to_table().to_pandas()
    assert len(prices) == 12 and sorted(prices.loc[prices["ticker"] == "CCC", "close"]) == [
        d + 0.25 for d in (3, 4, 5, 6, 7, 10, 11, 12, 13, 14)]
    rejected = ds.dataset(tmp_path / "home" / "lake" / "rejected_rows", partitioning="hive").to_table().to_pylist()
    assert [(r["source_file"], r["raw"], str(r["date"])) for r in rejected if r["source_file"] == "archive.txt"] == [
        ("archive.txt", "14.03.2025;DDD;-1", "2025-03-03")]
    with psycopg.connect(postgres_url) as conn:
        # Each file's schema, recorded by the survey that found its dates.
        assert conn.execute("select count(*) from file_layouts").fetchone()[0] == 3
        held = dict(conn.execute("select source_path, cardinality(dates) from raw_files").fetchall())
    assert held == {"2025-03-03.csv": 1, "archive.txt": 11, "empty.csv": 1}

    def ingest_again():
        again = subprocess.run(
            [sys.executable, "-m", "backintime_assets.cli", "ingest", "--source", str(source)], capture_output=True,
            text=True, timeout=600, env={"PATH": os.environ["PATH"], "BACKINTIME_HOME": str(tmp_path / "home"), **env})
        assert again.returncode == 0, again.stderr[-2000:]
        return again.stdout

    # Only the 2010 row's date, which has no partition, is still waiting.
    assert "nothing to run: the 1 date(s) changed since they last ran have no partition" in ingest_again()
    (source / "2025-03-03.csv").write_text("Date,Ticker,Close\n2025-03-03,AAA,10.5\n2025-03-05,BBB,20\n")
    runs = [line.split(":")[0] for line in ingest_again().splitlines() if line.startswith("ingest_job")]
    assert runs == ["ingest_job 2025-03-03..2025-03-03", "ingest_job 2025-03-05..2025-03-05"]  # only what it touched
    prices = ds.dataset(tmp_path / "home" / "lake" / "prices", partitioning="hive").to_table().to_pandas()
    others = prices.loc[prices["ticker"] != "CCC"]
    assert sorted(zip(others["ticker"], others["date"].astype(str))) == [("AAA", "2025-03-03"), ("BBB", "2025-03-05")]


def test_lake_prune_parsed_says_what_it_removes_and_removes_it(tmp_path, postgres_url):
    # A kept file under a reading no current file has, written days ago: stale.
    stale = tmp_path / "home" / "lake" / "parsed" / "ab" / ("ab" * 32) / "0123456789abcdef.parquet"
    stale.parent.mkdir(parents=True)
    stale.write_bytes(b"x" * 300_000)
    os.utime(stale, (stale.stat().st_atime, stale.stat().st_mtime - 3 * 86400))
    env = {"BACKINTIME_POSTGRES_URL": postgres_url}
    dry = _run(["lake", "prune-parsed", "--dry-run"], env, tmp_path)
    assert dry.returncode == 0, dry.stderr
    assert dry.stdout.startswith("would remove 1 file(s), 0.3 MB") and stale.exists()
    done = _run(["lake", "prune-parsed"], env, tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("removed 1 file(s), 0.3 MB") and not stale.exists()


@pytest.mark.postgres
def test_schema_show_says_whose_each_column_of_a_wide_file_is(tmp_path, postgres_url, monkeypatch, capsys):
    import datetime as dt

    import psycopg

    from backintime_assets.db import file_schemas, manifest
    from backintime_assets.db.schema import ensure_schema
    from backintime_assets.detection import detect_bytes

    monkeypatch.setenv("BACKINTIME_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("BACKINTIME_POSTGRES_URL", postgres_url)
    wide = (b"Price,Close,Close,Volume,Volume\nTicker,AAPL,MSFT,AAPL,MSFT\nDate,,,,\n"
            b"2025-01-02,10.5,20.5,100,200\n2025-01-03,11.5,21.5,110,210\n")
    with psycopg.connect(postgres_url) as conn:
        ensure_schema(conn)
        manifest.record(conn, manifest.RawFile("wide.csv", "sha", "wide.csv", len(wide), dt.datetime(
            2025, 1, 3, tzinfo=dt.timezone.utc), "/lake/raw/sha/wide.csv", [dt.date(2025, 1, 2), dt.date(2025, 1, 3)]))
        file_schemas.save_detection(conn, "sha", "wide.csv", detect_bytes(wide, "wide.csv").to_dict())
        conn.commit()
    assert main(["schema", "show", "wide.csv"]) == 0
    assert capsys.readouterr().out.splitlines()[1:] == [
        "  numbers: decimal mark '.' and no thousands mark", "  1 Price: date (%Y-%m-%d) -> date",
        "  2 Close: float -> close of AAPL", "  3 Close_2: float -> close of MSFT",
        "  4 Volume: integer -> volume of AAPL", "  5 Volume_2: integer -> volume of MSFT"]
    assert main(["schema", "show", "wide.csv", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["columns"][2]["series"] == "MSFT"
    # The columns the file has, and whose, when the name given is none of them (AAPL is a ticker here).
    assert main(["schema", "override", "wide.csv", "--column", "AAPL", "--type", "float", "--by", "me"]) == 2
    assert "2 Close (close of AAPL); 3 Close_2 (close of MSFT)" in capsys.readouterr().err


def test_schema_override_takes_a_column_by_name_or_by_number_not_both(capsys):
    with pytest.raises(SystemExit) as exited:
        main(["schema", "override", "wide.csv", "--column", "Close", "--column-number", "3", "--type", "float"])
    assert exited.value.code == 2 and "not allowed with argument" in capsys.readouterr().err


def test_detect_shows_where_a_days_list_took_its_date(tmp_path, capsys):
    path = tmp_path / "quotes.csv"
    path.write_text("Daily Quotations 2024/01/02\nSymbol,Close\nAAA,10.2\nBBB,20.1\n")
    assert main(["detect", str(path)]) == 0
    assert "every row dated 2024-01-02 (from title line 1: 2024/01/02)" in capsys.readouterr().out


def test_redetect_refuses_a_multiplier_it_would_not_apply(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("BACKINTIME_HOME", str(tmp_path / "home"))
    assert main(["schema", "redetect", "a.csv", "--multiplier", "1000"]) != 0
    assert "takes no column options" in capsys.readouterr().err


@pytest.mark.postgres
def test_schema_show_says_when_a_files_override_is_not_in_force(tmp_path, postgres_url, monkeypatch, capsys):
    import datetime as dt

    import psycopg

    from backintime_assets.db import file_overrides, file_schemas, manifest
    from backintime_assets.db.schema import ensure_schema
    from backintime_assets.detection import detect_bytes

    monkeypatch.setenv("BACKINTIME_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("BACKINTIME_POSTGRES_URL", postgres_url)
    dated = b"Date,Symbol,Close\n2025-03-04,AAA,10.5\n2025-03-04,BBB,20.25\n"
    trades = (b"Date,Symbol,Side,Quantity,Price,Commission\n2025-03-03,AAA,Buy,100,10.5,1.0\n"
              b"2025-03-04,BBB,Sell,50,20.25,1.0\n")
    wide = (b"Date,PX_LAST,Date,PX_LAST\n2024-01-02,185.64,2024-01-02,370.87\n"
            b"2024-01-03,184.25,2024-01-03,370.60\n2024-01-04,181.91,2024-01-04,367.94\n")
    stamp = dt.datetime(2025, 3, 4, tzinfo=dt.timezone.utc)
    with psycopg.connect(postgres_url) as conn:
        ensure_schema(conn)
        for name, data in (("d.csv", dated), ("t.csv", trades)):
            manifest.record(conn, manifest.RawFile(name, name, name, len(data), stamp, f"/lake/raw/{name}",
                                                   [dt.date(2025, 3, 4)]))
            file_schemas.save_detection(conn, name, name, detect_bytes(data, name).to_dict())
        # A day given once the date column was unmapped; then mapped again: the column dates the rows.
        file_schemas.override_column(conn, ["d.csv"], "Date", "ana", final_mapping="none")
        file_overrides.set_day(conn, "d.csv", file_schemas.final_schema(conn, "d.csv"), dt.date(2025, 3, 3), "ana")
        file_schemas.override_column(conn, ["d.csv"], "Date", "bob", final_mapping="date")
        # Trades loaded by a user; a new detection refuses the file as tickers side by side.
        file_overrides.set_load_refused(conn, "t.csv", ["t.csv"], True, "ana")
        file_schemas.save_detection(conn, "t.csv", "t.csv", detect_bytes(wide, "t.csv").to_dict())
        conn.commit()
    assert main(["schema", "show", "d.csv"]) == 0
    assert "override: every row dated 2025-03-03 (by ana at " in (shown := capsys.readouterr().out)
    assert "; not in force: column 'Date' dates the rows)" in shown
    assert main(["schema", "show", "t.csv"]) == 0
    shown = capsys.readouterr().out
    assert 'problem="prices of several tickers side by side' in shown
    assert "not in force: detection refuses it otherwise now (problem above)" in shown


@pytest.mark.postgres
def test_schema_show_reads_a_copy_as_its_own_name_does(tmp_path, postgres_url, monkeypatch, capsys):
    # One detection made under WSJ's name for every download, refused there (nameless.py); the copy renamed
    # after its index loads (assets/lake.py reads it as named): `schema show` of the copy had said it refused.
    import datetime as dt

    import psycopg

    from backintime_assets.db import file_schemas, manifest
    from backintime_assets.db.schema import ensure_schema
    from backintime_assets.detection import detect_bytes

    monkeypatch.setenv("BACKINTIME_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("BACKINTIME_POSTGRES_URL", postgres_url)
    data = b"Date,Open,High,Low,Close\n03/04/25,10,11,9,10.5\n03/05/25,10.5,12,10,11.5\n"
    stamp = dt.datetime(2025, 3, 5, tzinfo=dt.timezone.utc)
    with psycopg.connect(postgres_url) as conn:
        ensure_schema(conn)
        for name in ("HistoricalPrices.csv", "DJI.csv"):
            manifest.record(conn, manifest.RawFile(name, "sha", name, len(data), stamp, f"/lake/raw/{name}",
                                                   [dt.date(2025, 3, 4)]))
        file_schemas.save_detection(conn, "sha", "HistoricalPrices.csv",
                                    detect_bytes(data, "HistoricalPrices.csv").to_dict())
        conn.commit()
    assert main(["schema", "show", "HistoricalPrices.csv"]) == 0
    site = capsys.readouterr().out
    header = "encoding=utf-8 delimiter=',' header_row=0 data_start_line=1 footer_lines=0"
    columns = ["  numbers: decimal mark '.' and no thousands mark", "  1 Date: date (%m/%d/%y) -> date",
               "  2 Open: float -> open", "  3 High: integer -> high", "  4 Low: integer -> low",
               "  5 Close: float -> close"]
    assert site.splitlines() == [
        f"HistoricalPrices.csv: {header} problem='no ticker column, and the file\\'s name names no instrument: "
        '"HistoricalPrices.csv" is the name a site or a program gives every download, so two such files of different '
        "instruments would load as one; rename the file to its symbol or add a ticker column'", *columns]
    assert main(["schema", "show", "DJI.csv"]) == 0
    # The same detection, every column as it is, under the copy's own name and without the refusal.
    assert capsys.readouterr().out.splitlines() == [f"DJI.csv: {header}", *columns]


def _override_cli(monkeypatch, tmp_path, postgres_url, resurveyed: list) -> list:
    """The CLI on this test's Postgres, without Spark's part (reading the files again, as the
    end-to-end tests do) or Dagster's: `resurveyed` are the dates the files are said to hold after
    an override. Returns the schema changes the CLI reports to Dagster, as it reports them."""
    from backintime_assets import cli, runner

    monkeypatch.setenv("BACKINTIME_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("BACKINTIME_POSTGRES_URL", postgres_url)
    monkeypatch.setattr(cli, "_check_java", lambda: None)
    monkeypatch.setattr(cli, "_resurvey", lambda conn, shas: list(resurveyed))
    reported = []
    monkeypatch.setattr(runner, "report_schema_change", lambda *args: reported.append(args))
    return reported


def _stored(conn, name: str, sha: str, data: bytes, modified, dates: list) -> None:
    """A migrated file as the CLI finds it: in the manifest under `name`, its detection stored."""
    from backintime_assets.db import file_schemas, manifest
    from backintime_assets.detection import detect_bytes

    manifest.record(conn, manifest.RawFile(name, sha, name, len(data), modified, f"/lake/raw/{name}", dates))
    file_schemas.save_detection(conn, sha, name, detect_bytes(data, name).to_dict())


@pytest.mark.postgres
def test_schema_override_warns_of_a_day_no_partition_holds(tmp_path, postgres_url, monkeypatch, capsys):
    import datetime as dt

    import psycopg

    from backintime_assets.db.schema import ensure_schema

    _override_cli(monkeypatch, tmp_path, postgres_url, [dt.date(1999, 3, 3), dt.date(2025, 3, 5)])
    data = b"Closing prices as of 1999-03-03\nSymbol,Close\nAAA,10.5\nBBB,20.25\n"
    with psycopg.connect(postgres_url) as conn:
        ensure_schema(conn)
        _stored(conn, "q.csv", "q-sha", data, dt.datetime(2025, 3, 5, tzinfo=dt.timezone.utc), [dt.date(2025, 3, 5)])
        conn.commit()
    assert main(["schema", "override", "q.csv", "--day", "1999-03-03", "--by", "ana"]) == 0
    out, err = capsys.readouterr()
    assert "every row of q.csv dated 1999-03-03; 2 date(s) now need a rerun: 1999-03-03..2025-03-05" in out
    assert "warning: 1 of those date(s) have no partition, 1999-03-03..1999-03-03: no run loads" in err


@pytest.mark.postgres
def test_schema_override_names_a_files_rows_and_schema_show_lists_it(tmp_path, postgres_url, monkeypatch, capsys):
    import datetime as dt

    import psycopg

    from backintime_assets.db import file_schemas
    from backintime_assets.db.schema import ensure_schema

    reported = _override_cli(monkeypatch, tmp_path, postgres_url, [dt.date(2025, 3, 3), dt.date(2025, 3, 4)])
    data = b"Date,Close\n2025-03-03,181.9\n2025-03-04,181.2\n"
    named = b"Date,Symbol,Close\n2025-03-03,AAA,10.5\n"
    with psycopg.connect(postgres_url) as conn:
        ensure_schema(conn)
        for name, content in (("apple.csv", data), ("named.csv", named)):
            _stored(conn, name, f"{name}-sha", content, dt.datetime(2025, 3, 5, tzinfo=dt.timezone.utc),
                    [dt.date(2025, 3, 3)])
        conn.commit()
        before = file_schemas.schema_version(conn, ["apple.csv-sha"])
    assert main(["schema", "override", "apple.csv", "--ticker", " aapl", "--by", "ana"]) == 0
    out = capsys.readouterr().out
    assert "every row of apple.csv of ticker AAPL; 2 date(s) now need a rerun: 2025-03-03..2025-03-04" in out
    assert reported[-1][0] == [dt.date(2025, 3, 3), dt.date(2025, 3, 4)] and reported[-1][1] != before
    assert main(["schema", "show", "apple.csv"]) == 0
    shown = capsys.readouterr().out
    assert "  every row of ticker AAPL (from schema override by ana)" in shown
    assert "  override: every row of ticker AAPL (by ana at " in shown

    assert main(["schema", "override", "apple.csv", "--ticker", "detected", "--by", "bob"]) == 0
    assert "apple.csv named as detected" in capsys.readouterr().out
    assert main(["schema", "show", "apple.csv"]) == 0
    shown = capsys.readouterr().out
    assert "every row of ticker" not in shown and "override: ticker taken back, as detected (by bob at " in shown

    assert main(["schema", "override", "named.csv", "--ticker", "AAA", "--by", "ana"]) == 2
    assert "named.csv has a ticker column (Symbol): its rows are named by it" in capsys.readouterr().err
    assert main(["schema", "override", "apple.csv", "--ticker", "AAPL", "--layout", "--by", "ana"]) == 2
    assert "--ticker is one file's" in capsys.readouterr().err
    assert main(["schema", "override", "apple.csv", "--ticker", "n/a", "--by", "ana"]) == 2
    assert "reads as a missing value" in capsys.readouterr().err


@pytest.mark.postgres
def test_a_users_marks_read_every_text_file_of_a_layout_and_not_its_workbook(tmp_path, postgres_url, monkeypatch,
                                                                           capsys):
    import datetime as dt

    import psycopg

    from backintime_assets.db import file_schemas, manifest
    from backintime_assets.db.schema import ensure_schema
    from backintime_assets.detection import detect_bytes

    reported = _override_cli(monkeypatch, tmp_path, postgres_url, [dt.date(2025, 3, 3)])
    stamp = dt.datetime(2025, 3, 5, tzinfo=dt.timezone.utc)
    with psycopg.connect(postgres_url) as conn:
        ensure_schema(conn)
        # Two days of one desk's whole numbers, and a workbook of its layout (a detection of its sheet).
        for name, close in (("a.txt", 71), ("b.txt", 72)):
            _stored(conn, name, f"{name}-sha", f"Date\tSymbol\tClose\n2025-03-03\tAAA\t{close}\n".encode(), stamp,
                    [dt.date(2025, 3, 3)])
        book = dict(detect_bytes(b"Date\tSymbol\tClose\n2025-03-03\tAAA\t73\n", "c.xlsx").to_dict(),
                    file_format="xlsx")
        manifest.record(conn, manifest.RawFile("c.xlsx", "c-sha", "c.xlsx", 9, stamp, "/lake/raw/c.xlsx",
                                               [dt.date(2025, 3, 3)]))
        file_schemas.save_detection(conn, "c-sha", "c.xlsx", book)
        conn.commit()
    assert main(["schema", "show", "c.xlsx"]) == 0
    assert "  numbers: typed cells of a workbook (text cells read with decimal mark '.'" in capsys.readouterr().out
    assert main(["schema", "override", "c.xlsx", "--decimal-mark", ",", "--by", "ana"]) == 2
    assert "c.xlsx is a workbook (xlsx): its numbers are typed cells" in capsys.readouterr().err
    assert main(["schema", "override", "a.txt", "--decimal-mark", ",", "--thousands", "space", "--layout",
                 "--by", "ana"]) == 0
    said = ("numbers of 2 of 3 current file(s) read with decimal mark ',' and thousands mark a space (detected: none "
            "settled)")
    assert f"{said}; 1 date(s) now need a rerun: 2025-03-03" in capsys.readouterr().out
    assert reported[-1][2] == f"ana: {said}"
    assert main(["schema", "show", "b.txt"]) == 0
    shown = capsys.readouterr().out
    assert "  numbers: decimal mark ',' and thousands mark a space\n" in shown
    assert "  override: numbers read with decimal mark ',' and thousands mark a space (by ana at " in shown
    with psycopg.connect(postgres_url) as conn:
        finals = file_schemas.final_schemas(conn, ["a.txt-sha", "b.txt-sha", "c-sha"])
    assert [(f["decimal"], f["thousands"]) for f in finals.values()] == [(",", " "), (",", " "), (".", None)]


@pytest.mark.postgres
def test_a_layout_correction_reaching_several_folders_says_which(tmp_path, postgres_url, monkeypatch, capsys):
    import datetime as dt

    import psycopg

    from backintime_assets.db.schema import ensure_schema

    _override_cli(monkeypatch, tmp_path, postgres_url, [dt.date(2025, 3, 4)])
    stamp = dt.datetime(2025, 3, 5, tzinfo=dt.timezone.utc)
    with psycopg.connect(postgres_url) as conn:
        ensure_schema(conn)
        # London's desk and New York's write the same header; one of each, and a second of London's.
        for name in ("london/day_04.csv", "london/day_05.csv", "newyork/day_04.csv"):
            _stored(conn, name, f"{name}-sha", b"Date,Ticker,Close\n04/03/2025,AAA,10.5\n", stamp,
                    [dt.date(2025, 4, 3)])
        conn.commit()
    assert main(["schema", "override", "london/day_04.csv", "--column", "Date", "--format", "%d/%m/%Y",
                 "--layout", "--by", "ana"]) == 0
    captured = capsys.readouterr()
    assert "changed column 1 Date: 3 of 3 current file(s)" in captured.out
    assert "warning: --layout reached files of 2 folders (london: 2, newyork: 1)" in captured.err
    # Said of one file, or of a layout in one folder, nothing more is said.
    assert main(["schema", "override", "london/day_05.csv", "--column", "Date", "--format", "%d/%m/%Y",
                 "--by", "ana"]) == 0
    assert "--layout reached" not in capsys.readouterr().err


@pytest.mark.postgres
def test_a_layout_correction_reaching_one_offices_dated_folders_says_nothing_more(tmp_path, postgres_url, monkeypatch,
                                                                                  capsys):
    import datetime as dt

    import psycopg

    from backintime_assets.db.schema import ensure_schema

    _override_cli(monkeypatch, tmp_path, postgres_url, [dt.date(2025, 3, 4)])
    stamp = dt.datetime(2025, 3, 5, tzinfo=dt.timezone.utc)
    with psycopg.connect(postgres_url) as conn:
        ensure_schema(conn)
        # One office keeps a folder a day: its days are no other offices, whose reading may differ.
        for name in ("prices/2025/03/04/day.csv", "prices/2025/03/05/day.csv"):
            _stored(conn, name, f"{name}-sha", b"Date,Ticker,Close\n04/03/2025,AAA,10.5\n", stamp,
                    [dt.date(2025, 4, 3)])
        conn.commit()
    assert main(["schema", "override", "prices/2025/03/04/day.csv", "--column", "Date", "--format", "%d/%m/%Y",
                 "--layout", "--by", "ana"]) == 0
    assert "--layout reached" not in capsys.readouterr().err


def test_the_marks_choices_are_told_apart_in_the_help_and_the_apostrophe_is_said_by_name(capsys):
    from backintime_assets.cli import build_parser
    from backintime_assets.db.file_overrides import THOUSANDS_MARKS

    # Joined by argparse's commas, the comma among the choices read "{.,,,detected}".
    usage = build_parser()._subparsers._group_actions[0].choices["schema"].format_usage()
    assert "--decimal-mark {.|,|detected}" in usage and "--thousands {,|.|space|nbsp|'|apostrophe|none}" in usage
    # A Swiss "1'234.50" said without quoting a lone quote in the shell.
    args = build_parser().parse_args(["schema", "override", "a.csv", "--decimal-mark", ".", "--thousands",
                                      "apostrophe"])
    assert THOUSANDS_MARKS[args.thousands] == "'"


def test_schema_show_says_how_numbers_read_only_of_a_file_with_columns(capsys):
    from backintime_assets.detection import detect_bytes
    from backintime_assets.detection.detect import problem_schema

    # A binary file's "numbers: decimal mark '.' and no thousands mark" told of numbers it has none of.
    _show_schema("x.bin", problem_schema("x.bin", "binary file").to_dict(), False)
    assert "numbers:" not in capsys.readouterr().out
    _show_schema("a.csv", detect_bytes(b"Date,Close\n2025-03-03,71.5\n2025-03-04,72.5\n", "a.csv").to_dict(), False)
    assert "  numbers: decimal mark '.' and no thousands mark\n" in capsys.readouterr().out


def test_redetect_refuses_a_ticker(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("BACKINTIME_HOME", str(tmp_path / "home"))
    assert main(["schema", "redetect", "a.csv", "--ticker", "AAPL"]) != 0
    assert "nor --day, --ticker, --load-refused or --decimal-mark" in capsys.readouterr().err
    assert main(["schema", "redetect", "a.csv", "--decimal-mark", ","]) != 0
    assert "a correction is `schema override`" in capsys.readouterr().err


def test_detect_says_when_a_headers_ticker_is_not_every_rows(tmp_path, capsys):
    # AAPL's download, then MSFT's past detection's sample: each table loads under its own ticker.
    def table(ticker: str, year: int, n: int) -> str:
        rows = (f"{year + k // 200}-{1 + k // 20 % 10:02d}-{1 + k % 20:02d},{100 + k % 50}.25,{1000 + k}\n"
                for k in range(n))
        return f"Price,Close,Volume\nTicker,{ticker},{ticker}\nDate,,\n" + "".join(rows)
    path = tmp_path / "prices.csv"
    path.write_text(table("AAPL", 1990, 3000) + "\n" + table("MSFT", 2010, 400))
    assert main(["detect", str(path)]) == 0
    assert "  rows of ticker AAPL, MSFT: the header names AAPL for the first table, and tables stacked below it" in \
        capsys.readouterr().out
    path.write_text(table("AAPL", 1990, 30))
    assert main(["detect", str(path)]) == 0
    assert "  every row of ticker AAPL (named in the header, not the file's name)" in capsys.readouterr().out


def test_ingest_names_the_dates_a_new_week_closes_and_does_not_ask_runs_for_them(tmp_path, monkeypatch, capsys):
    # Read under an earlier week (mon-sun), a file held Saturday 8 March 2025; read again under the
    # deployment's Monday to Friday, its Saturday is logged as changed. No partition holds it: the
    # rows loaded there stay, which the user must be told, and no run is asked for it.
    import datetime as dt

    from backintime_assets import cli

    saturday, monday = dt.date(2025, 3, 8), dt.date(2025, 3, 10)
    ran = []
    monkeypatch.setattr(cli, "_check_java", lambda: None)
    monkeypatch.setattr(cli, "_prepare", lambda: {})
    monkeypatch.setattr(cli, "_ingest_dates", lambda source, every, withdraw: ([saturday, monday], 1))
    monkeypatch.setattr(cli, "_run_ranges", lambda job, dates: ran.append(list(dates)))
    assert main(["ingest", "--source", str(tmp_path)]) == 0
    err = capsys.readouterr().err
    assert "1 date(s) (2025-03-08..2025-03-08) fall on days BACKINTIME_TRADING_WEEK=mon-fri closes" in err
    assert "stay in prices" in err
    assert ran == [[monday]]


def test_detect_names_the_tickers_of_tables_stacked_on_a_workbooks_sheet(tmp_path, capsys):
    # Bloomberg's AAPL, then MSFT below it on the same days, on the workbook's second tab: "every row
    # of ticker AAPL US Equity" was said, and every row rejected as one ticker's "unnamed series".
    from datetime import datetime

    from backintime_assets_tests.normalisation.test_sheets import _security, book

    path = tmp_path / "prices.xlsx"
    path.write_bytes(book({"Cover": [["Prices downloaded 2024"]], "Prices": _security("AAPL", datetime(2024, 1, 1), 30)
                           + [[]] + _security("MSFT", datetime(2024, 1, 1), 30)}))
    assert main(["detect", str(path)]) == 0
    assert ("  rows of ticker AAPL US EQUITY, MSFT US EQUITY: the header names AAPL US Equity for the first table"
            in capsys.readouterr().out)


def test_detect_reads_a_large_files_rows_a_piece_at_a_time(tmp_path, capsys, monkeypatch):
    # Whether a header's ticker is every row's took the whole file in memory with its parsed rows
    # (a download of several GB): the survey reads it in pieces, and so does `detect`.
    import pathlib

    import backintime_assets.cli as cli
    from backintime_assets_tests.ingestion.test_parsed import _stacked_downloads

    path = tmp_path / "prices.csv"
    path.write_bytes(_stacked_downloads())
    monkeypatch.setattr(cli, "DETECT_PIECE_BYTES", 20_000, raising=False)

    def whole(self):
        raise AssertionError(f"{self} read whole")
    monkeypatch.setattr(pathlib.Path, "read_bytes", whole)
    assert main(["detect", str(path)]) == 0
    assert "  rows of ticker AAPL, GOOG, MSFT: the header names AAPL for the first table" in capsys.readouterr().out


@pytest.mark.postgres
def test_a_users_ticker_on_a_workbook_says_its_sheets_that_name_their_own_keep_them(
        tmp_path, postgres_url, monkeypatch, capsys):
    # A workbook of a download per sheet (AAPL's, MSFT's): a user's GOOG stands in for the file's
    # name only, each sheet's rows keep their header's ticker, yet the user was told "every row of
    # prices.xlsx of ticker GOOG", and `schema show` said so too.
    import datetime as dt

    import psycopg

    from backintime_assets.db.schema import ensure_schema
    from backintime_assets_tests.normalisation.test_sheets import _one_ticker, book
    from backintime_assets_tests.support.final_schemas import read_as_stored

    _override_cli(monkeypatch, tmp_path, postgres_url, [dt.date(2024, 1, 2)])
    data = book({"A": _one_ticker("AAPL", (2, 3)), "B": _one_ticker("MSFT", (4, 5))})
    with psycopg.connect(postgres_url) as conn:
        ensure_schema(conn)
        _stored(conn, "prices.xlsx", "wb-sha", data, dt.datetime(2024, 1, 6, tzinfo=dt.timezone.utc),
                [dt.date(2024, 1, 2)])
        conn.commit()
    assert main(["schema", "override", "prices.xlsx", "--ticker", "GOOG", "--by", "ana"]) == 0
    said = capsys.readouterr().out
    with psycopg.connect(postgres_url) as conn:
        loaded = set(read_as_stored(conn, "wb-sha", data, "prices.xlsx").prices_arrow["ticker"].to_pylist())
    assert loaded == {"AAPL", "MSFT"}  # README: a sheet that names its own ticker keeps it
    assert "every row of prices.xlsx of ticker GOOG, but of several sheets, one that names its own ticker" in said
    assert main(["schema", "show", "prices.xlsx"]) == 0
    shown = capsys.readouterr().out
    assert "  every row of ticker GOOG (from schema override by ana; but of several sheets, one that names" in shown
    assert "  override: every row of ticker GOOG (by ana at " in shown and "; but of several sheets" in shown


@pytest.mark.postgres
def test_a_users_ticker_is_said_to_name_the_rows_of_every_copy_of_the_content(
        tmp_path, postgres_url, monkeypatch, capsys):
    # Kept per content: apple.csv and its copy under another name both load as AAPL now, and the
    # user was told of apple.csv alone.
    import datetime as dt

    import psycopg

    from backintime_assets.db import file_schemas, manifest
    from backintime_assets.db.schema import ensure_schema
    from backintime_assets.detection import detect_bytes

    _override_cli(monkeypatch, tmp_path, postgres_url, [dt.date(2025, 3, 3)])
    data = b"Date,Close\n2025-03-03,181.9\n"
    with psycopg.connect(postgres_url) as conn:
        ensure_schema(conn)
        for name in ("apple.csv", "old/apple.csv"):
            manifest.record(conn, manifest.RawFile(name, "same-sha", "apple.csv", len(data), dt.datetime(
                2025, 3, 5, tzinfo=dt.timezone.utc), "/lake/raw/apple.csv", [dt.date(2025, 3, 3)]))
        file_schemas.save_detection(conn, "same-sha", "apple.csv", detect_bytes(data, "apple.csv").to_dict())
        conn.commit()
        with_copy = file_schemas.final_schemas(conn, ["same-sha"])["same-sha"]
    assert main(["schema", "override", "apple.csv", "--ticker", "AAPL", "--by", "ana"]) == 0
    assert ("every row of apple.csv of ticker AAPL (and of old/apple.csv: the same content under another name)"
            in capsys.readouterr().out)
    assert with_copy.get("ticker") is None


@pytest.mark.postgres
def test_schema_show_says_which_corrections_a_new_version_carried_and_from_where(
        tmp_path, postgres_url, local_lake, monkeypatch, capsys):
    import psycopg

    from backintime_assets.db import file_overrides, file_schemas
    from backintime_assets.ingestion.raw import migrate
    from backintime_assets_tests.ingestion.test_carry import WEEK, _rates, _write, first_version
    from backintime_assets_tests.ingestion.test_raw import DriverSurveyor

    monkeypatch.setenv("BACKINTIME_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("BACKINTIME_POSTGRES_URL", postgres_url)
    source = tmp_path / "source"
    with psycopg.connect(postgres_url) as conn:
        first = first_version(conn, source, local_lake)
        file_overrides.set_marks(conn, first, [first], file_schemas.final_schemas(conn, [first]), (".", None), "ana")
        _write(source, "rates.csv", _rates(WEEK + [10]))
        migrate(conn, source, local_lake, DriverSurveyor(local_lake))
        conn.commit()
    assert main(["schema", "show", "rates.csv"]) == 0
    shown = capsys.readouterr().out.splitlines()
    assert "  numbers: decimal mark '.' and no thousands mark" in shown
    assert any(line.startswith("  override: numbers read with decimal mark '.' and no thousands mark (by ana (carried "
                               "from the version of 2026-12-01) at ") for line in shown)
    assert shown[-1].startswith(f"  carried from the previous version ({first[:12]}) of rates.csv: numbers read "
                                "with decimal mark '.' and no thousands mark (by ana at ")


def _carried_rates(tmp_path, postgres_url, local_lake, monkeypatch, column: bool = False,
                   marks: tuple[str, str | None] = (".", None), new_day: bytes | None = None) -> tuple[str, str]:
    """rates.csv corrected (`marks`, and the Rate column's type if `column`) and refreshed with a day (as
    written the others are, or `new_day`): the first version's and the second's sha256, the second carrying
    the corrections; the CLI pointed at them."""
    import psycopg

    from backintime_assets.db import file_overrides, file_schemas
    from backintime_assets.ingestion.raw import migrate
    from backintime_assets_tests.ingestion.test_carry import WEEK, _rates, _write, first_version
    from backintime_assets_tests.ingestion.test_raw import DriverSurveyor

    monkeypatch.setenv("BACKINTIME_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("BACKINTIME_POSTGRES_URL", postgres_url)
    source = tmp_path / "source"
    with psycopg.connect(postgres_url) as conn:
        first = first_version(conn, source, local_lake)
        file_overrides.set_marks(conn, first, [first], file_schemas.final_schemas(conn, [first]), marks, "ana")
        if column:
            file_schemas.override_column(conn, [first], "Rate", "ana", final_type="float")
        _write(source, "rates.csv", _rates(WEEK + [10]) if new_day is None else _rates(WEEK) + new_day)
        migrate(conn, source, local_lake, DriverSurveyor(local_lake))
        conn.commit()
        return first, file_schemas.current_sha256(conn, "rates.csv")


@pytest.mark.postgres
def test_schema_show_json_holds_the_files_overrides_and_what_it_carried(
        tmp_path, postgres_url, local_lake, monkeypatch, capsys):
    from datetime import datetime

    first, second = _carried_rates(tmp_path, postgres_url, local_lake, monkeypatch)
    assert main(["schema", "show", "rates.csv", "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["decimal"] == "." and [c["name"] for c in shown["columns"]] == ["Date", "Ticker", "Rate"]
    (override,) = shown["file_overrides"]
    assert {k: override[k] for k in ("setting", "value", "changed_by")} == {
        "setting": "marks", "value": {"decimal": ".", "thousands": None},
        "changed_by": "ana (carried from the version of 2026-12-01)"}
    assert datetime.fromisoformat(override["changed_at"]).year >= 2026
    (carried,) = shown["carried_corrections"]
    assert carried["correction"].startswith("numbers read with decimal mark '.' and no thousands mark (by ana at ")
    assert {k: v for k, v in carried.items() if k not in ("correction", "recorded_at")} == {
        "from_sha256": first, "source_path": "rates.csv", "subject": "marks", "carried": True, "reason": None,
        "caveat": None, "since": None}


@pytest.mark.postgres
@pytest.mark.parametrize("change, shown_as", [
    ("marks changed", "since changed by bob"), ("marks taken back", "since taken back by bob"),
    ("column changed", "since changed by bob"), ("column taken back", "since taken back by bob")])
def test_schema_show_says_a_carried_correction_the_user_changed_since_is_no_longer_in_force(
        tmp_path, postgres_url, local_lake, monkeypatch, capsys, change, shown_as):
    import psycopg

    from backintime_assets.db import file_overrides, file_schemas

    first, second = _carried_rates(tmp_path, postgres_url, local_lake, monkeypatch, column=True)
    with psycopg.connect(postgres_url) as conn:
        finals = file_schemas.final_schemas(conn, [second])
        if change == "marks changed":
            file_overrides.set_marks(conn, second, [second], finals, (",", "."), "bob")
        elif change == "marks taken back":
            file_overrides.set_marks(conn, second, [second], finals, None, "bob")
        elif change == "column changed":
            file_schemas.override_column(conn, [second], "Rate", "bob", final_type="string")
        else:  # the type set back to the one detected
            file_schemas.override_column(conn, [second], "Rate", "bob", final_type=_detected_type(conn, second, "Rate"))
        conn.commit()
    assert main(["schema", "show", "rates.csv"]) == 0
    carried = [line for line in capsys.readouterr().out.splitlines() if line.startswith("  carried from")]
    changed = [line for line in carried if "no longer in force" in line]
    assert len(carried) == 2 and len(changed) == 1
    (line,) = changed
    assert (line.split(": ")[1].startswith("column 3 Rate") if change.startswith("column")
            else "numbers read with" in line)
    assert f"; {shown_as} at 20" in line and line.endswith(", no longer in force")
    assert main(["schema", "show", "rates.csv", "--json"]) == 0
    since = [c["since"] for c in json.loads(capsys.readouterr().out)["carried_corrections"] if c["since"]]
    assert [(s["taken_back"], s["changed_by"]) for s in since] == [("taken back" in shown_as, "bob")]


def _detected_type(conn, sha: str, column: str) -> str:
    return conn.execute("select detected_type from file_schemas where sha256 = %s and column_name = %s",
                        (sha, column)).fetchone()[0]


@pytest.mark.postgres
def test_saying_marks_again_of_a_version_whose_carried_marks_reject_grouped_numbers_says_it_lifts_that(
        tmp_path, postgres_url, local_lake, monkeypatch, capsys):
    import psycopg

    from backintime_assets.db import file_schemas

    _, second = _carried_rates(tmp_path, postgres_url, local_lake, monkeypatch, marks=(".", ","),
                               new_day=b"10/03/2025;EURUSD;1,510\n")
    with psycopg.connect(postgres_url) as conn:
        assert file_schemas.final_schema(conn, second)["ungrouped"] == ["Rate"]
    capsys.readouterr()
    assert main(["schema", "override", "rates.csv", "--decimal-mark", ".", "--thousands", ",", "--by", "bob"]) == 0
    assert ("; the numbers in Rate read as grouping thousands, rejected as another locale's since their marks were "
            "carried to a version that writes them, now load as these marks read them;") in capsys.readouterr().out
    with psycopg.connect(postgres_url) as conn:
        assert "ungrouped" not in file_schemas.final_schema(conn, second)
    assert main(["schema", "override", "rates.csv", "--decimal-mark", ".", "--thousands", ",", "--by", "bob"]) == 0
    assert "rejected as another locale's" not in capsys.readouterr().out


@pytest.mark.postgres
def test_a_carried_multiplier_rejecting_decimals_is_shown_and_saying_it_again_lifts_that_and_says_so(
        tmp_path, postgres_url, local_lake, monkeypatch, capsys):
    import psycopg

    from backintime_assets.db import file_schemas
    from backintime_assets.db.file_schemas import WHOLE_ONLY_SAID
    from backintime_assets.ingestion.carry import WHOLE_ONLY_CAVEAT
    from backintime_assets_tests.ingestion.test_carry import _cents_then_dollars

    monkeypatch.setenv("BACKINTIME_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("BACKINTIME_POSTGRES_URL", postgres_url)
    with psycopg.connect(postgres_url) as conn:
        _cents_then_dollars(conn, tmp_path / "source", local_lake)
        conn.commit()
        second = file_schemas.current_sha256(conn, "cents.csv")
    assert main(["schema", "show", "cents.csv"]) == 0
    shown = capsys.readouterr().out.splitlines()
    # The multiplier is a correction carried from the previous version: its author and time are shown with it.
    (close,) = [line for line in shown if line.startswith("  3 Close: ")]
    assert close.startswith(f"  3 Close: float -> close x0.01 ({WHOLE_ONLY_SAID}) (corrected by ")
    assert "(carried from the version of " in close
    (carried,) = [line for line in shown if line.startswith("  carried from")]
    assert f"; {WHOLE_ONLY_CAVEAT}: column Close: '150.35' has a decimal mark" in carried
    assert main(["schema", "show", "cents.csv", "--json"]) == 0
    as_json = json.loads(capsys.readouterr().out)
    assert as_json["columns"][2]["whole_only"] is True and as_json["columns"][2]["multiplier"] == 0.01
    (record,) = as_json["carried_corrections"]
    assert record["subject"] == "column Close" and record["caveat"].startswith(f"{WHOLE_ONLY_CAVEAT}: column Close")
    # A type said of the column lifts nothing; the multiplier said again does, and says so.
    assert main(["schema", "override", "cents.csv", "--column", "Close", "--type", "float", "--by", "bob"]) == 0
    assert "now load as this multiplier reads them" not in capsys.readouterr().out
    with psycopg.connect(postgres_url) as conn:
        assert file_schemas.final_schema(conn, second)["columns"][2]["whole_only"] is True
    assert main(["schema", "override", "cents.csv", "--column", "Close", "--multiplier", "0.01", "--by", "bob"]) == 0
    assert ("; the numbers with a decimal mark, rejected as another unit's since the multiplier was carried to a "
            "version that writes them, now load as this multiplier reads them;") in capsys.readouterr().out
    with psycopg.connect(postgres_url) as conn:
        final = file_schemas.final_schema(conn, second)
        assert "whole_only" not in final["columns"][2] and final["columns"][2]["multiplier"] == 0.01
        (override,) = file_schemas.overrides(conn, [second])[second]
        assert not override.whole_only
    assert main(["schema", "override", "cents.csv", "--column", "Close", "--multiplier", "0.01", "--by", "bob"]) == 0
    assert "now load as this multiplier reads them" not in capsys.readouterr().out


def test_schema_show_says_where_a_files_marks_came_from():
    from backintime_assets.cli import _marks_line

    settled = {"decimal": ",", "thousands": ".", "marks_from": "2 sibling files of the same layout"}
    assert _marks_line(settled) == ("numbers: decimal mark ',' and thousands mark '.' "
                                    "(settled by 2 sibling files of the same layout)")
    assert _marks_line({"decimal": ".", "thousands": ",", "marks_guessed": True}).endswith(
        "(a guess: every marked number of the sample reads either way; --decimal-mark says which)")


@pytest.mark.postgres
def test_schema_show_says_who_corrected_a_column_and_when(tmp_path, postgres_url, monkeypatch, capsys):
    import datetime as dt

    import psycopg

    from backintime_assets.db.schema import ensure_schema

    # file_schemas keeps who changed a column's final type or mapping and when; `schema show` listed the
    # correction's result only ("3 Open: float", no longer mapped), not whose word it was.
    _override_cli(monkeypatch, tmp_path, postgres_url, [dt.date(2025, 3, 3)])
    data = b"Date,Ticker,Open,Close\n2025-03-03,AAA,10.1,10.5\n2025-03-03,BBB,20.2,20.5\n"
    with psycopg.connect(postgres_url) as conn:
        ensure_schema(conn)
        _stored(conn, "desk.csv", "desk-sha", data, dt.datetime(2025, 3, 5, tzinfo=dt.timezone.utc),
                [dt.date(2025, 3, 3)])
        conn.commit()
    assert main(["schema", "override", "desk.csv", "--column", "Open", "--mapping", "none", "--by", "ana"]) == 0
    capsys.readouterr()
    assert main(["schema", "show", "desk.csv"]) == 0
    shown = capsys.readouterr().out.splitlines()
    corrected = [line for line in shown if " Open: " in line]
    assert len(corrected) == 1 and corrected[0].startswith("  3 Open: float (corrected by ana at ")
    assert [line for line in shown if " Close: " in line] == ["  4 Close: float -> close"]
    assert main(["schema", "show", "desk.csv", "--json"]) == 0
    columns = {c["name"]: c for c in json.loads(capsys.readouterr().out)["columns"]}
    assert columns["Open"]["canonical"] is None and columns["Open"]["changed_by"] == "ana"
    assert dt.datetime.fromisoformat(columns["Open"]["changed_at"]).tzinfo is not None
    assert "changed_by" not in columns["Close"]


@pytest.mark.postgres
def test_a_layout_correction_counts_the_current_files_and_says_the_superseded_versions_apart(
        tmp_path, postgres_url, monkeypatch, capsys):
    # Three files of a layout, one of them in a second version: "changed column 1 Date: 4 of 4 file(s)"
    # had counted the superseded version as a fourth file, where three load.
    import datetime as dt

    import psycopg

    from backintime_assets.db.schema import ensure_schema

    _override_cli(monkeypatch, tmp_path, postgres_url, [dt.date(2025, 3, 4)])
    with psycopg.connect(postgres_url) as conn:
        ensure_schema(conn)
        for name, sha, close, day in (("day_04.csv", "a1", 10.5, 5), ("day_05.csv", "b1", 10.6, 5),
                                      ("day_06.csv", "c1", 10.7, 5), ("day_04.csv", "a2", 10.4, 6)):
            _stored(conn, name, sha, f"Date,Ticker,Close\n04/03/2025,AAA,{close}\n".encode(),
                    dt.datetime(2025, 3, day, tzinfo=dt.timezone.utc), [dt.date(2025, 4, 3)])
        conn.commit()
    assert main(["schema", "override", "day_05.csv", "--column", "Date", "--format", "%d/%m/%Y",
                 "--layout", "--by", "ana"]) == 0
    assert ("changed column 1 Date: 3 of 3 current file(s) (and 1 superseded version(s) of them); "
            "1 date(s) now need a rerun") in capsys.readouterr().out
    assert main(["schema", "override", "day_05.csv", "--decimal-mark", ",", "--layout", "--by", "ana"]) == 0
    assert "numbers of 3 of 3 current file(s) (and 1 superseded version(s) of them) read with decimal mark ','" \
        in capsys.readouterr().out
    # Of one file, as before.
    assert main(["schema", "override", "day_06.csv", "--column", "Date", "--format", "%d/%m/%Y", "--by", "ana"]) == 0
    assert "changed column 1 Date: 1 of 1 file(s)" in capsys.readouterr().out


def test_dagster_runs_dagsters_cli_on_this_homes_instance(tmp_path, monkeypatch, capsys):
    # `dagster asset materialize` reads dagster.yaml, whose storage URL is BACKINTIME_DAGSTER_PG_URL from the
    # environment: a new user's shell had none, and nothing said where to get it (the embedded server's
    # password is generated). `backintime dagster ...` becomes dagster with the instance's environment.
    from backintime_assets import cli

    monkeypatch.setattr(cli, "_prepare", lambda: {"DAGSTER_HOME": str(tmp_path / "dagster"),
                                                  "BACKINTIME_DAGSTER_PG_URL": "postgresql+psycopg2://u:p@h/dagster"})
    ran = []
    monkeypatch.setattr(os, "execve", lambda path, argv, env: ran.append((path, argv, env)))
    args = ["asset", "materialize", "-m", "backintime_assets.definitions", "--select", "prices,rejected_rows",
            "--partition", "2025-03-03"]
    assert main(["dagster", *args]) == 0
    [(path, argv, env)] = ran
    assert path.endswith("/dagster") and argv == [path, *args]
    assert env["BACKINTIME_DAGSTER_PG_URL"] == "postgresql+psycopg2://u:p@h/dagster"
    assert env["DAGSTER_HOME"] == str(tmp_path / "dagster")
    assert main(["dagster"]) == 2
    assert "takes dagster's own arguments" in capsys.readouterr().err


def test_dagster_passes_on_dagsters_own_options_first_too(tmp_path, monkeypatch):
    # `backintime dagster --help` (or --version, -h) was refused by backintime's parser ("unrecognized
    # arguments: --help"): an option leading the arguments is read as backintime's own, REMAINDER or not.
    from backintime_assets import cli

    monkeypatch.setattr(cli, "_prepare", lambda: {"DAGSTER_HOME": str(tmp_path / "dagster")})
    ran = []
    monkeypatch.setattr(os, "execve", lambda path, argv, env: ran.append(argv[1:]))
    for args in (["--help"], ["--version"], ["-h"], ["dev", "-p", "3001"], ["asset", "--help"]):
        assert main(["dagster", *args]) == 0
    assert ran == [["--help"], ["--version"], ["-h"], ["dev", "-p", "3001"], ["asset", "--help"]]


def test_dagster_says_so_when_no_dagster_command_is_installed(tmp_path, monkeypatch, capsys):
    # exec of a missing file had printed a bare FileNotFoundError traceback.
    import sys

    from backintime_assets import cli

    monkeypatch.setattr(sys, "executable", str(tmp_path / "bin" / "python"))
    monkeypatch.setattr(cli, "_prepare", lambda: {})
    assert main(["dagster", "dev"]) == 2
    assert "no dagster command beside this Python" in capsys.readouterr().err


@pytest.mark.postgres
def test_an_override_the_files_cells_refuse_is_warned_of_where_it_is_said(
        tmp_path, postgres_url, local_lake, monkeypatch, capsys):
    # A date format the column's cells do not have was stored, "1 date(s) now need a rerun", and nothing
    # more: the rerun then rejected every row of the file as "unparseable value: date". The reading after
    # the correction finds the file loads nothing; the user is told at once.
    import psycopg

    from backintime_assets import cli
    from backintime_assets.db import manifest
    from backintime_assets.db.schema import ensure_schema
    from backintime_assets.ingestion.raw import migrate, resurvey
    from backintime_assets_tests.ingestion.test_raw import DriverSurveyor

    _override_cli(monkeypatch, tmp_path, postgres_url, [])
    monkeypatch.setattr(cli, "_resurvey", lambda conn, shas: resurvey(conn, shas, DriverSurveyor(local_lake)))
    source = tmp_path / "source"
    source.mkdir()
    (source / "eu.csv").write_text("Datum;Symbol;Schluss\n04.03.2025;CCC;71,66\n04.03.2025;DDD;79,39\n")
    (source / "us.csv").write_text("Date,Symbol,Close\n2025-03-04,AAA,49.5\n2025-03-04,BBB,60.3\n")
    with psycopg.connect(postgres_url) as conn:
        ensure_schema(conn)
        migrate(conn, source, local_lake, DriverSurveyor(local_lake))
        conn.commit()
    assert main(["schema", "override", "eu.csv", "--column", "Datum", "--format", "%Y/%m/%d", "--by", "ana"]) == 0
    out, err = capsys.readouterr()
    assert "changed column 1 Datum: 1 of 1 file(s)" in out
    assert "warning: read with the correction, eu.csv loads no row (" in err
    # A correction the cells take, one said again and one taken back warn of nothing.
    assert main(["schema", "override", "us.csv", "--column", "Date", "--format", "%Y-%m-%d", "--by", "ana"]) == 0
    assert main(["schema", "override", "eu.csv", "--column", "Datum", "--format", "%Y/%m/%d", "--by", "ana"]) == 0
    assert "warning" not in capsys.readouterr().err
    assert main(["schema", "override", "eu.csv", "--column", "Datum", "--format", "%d.%m.%Y", "--by", "ana"]) == 0
    assert "warning" not in capsys.readouterr().err
    with psycopg.connect(postgres_url) as conn:
        assert manifest.problems_of(conn, [r[0] for r in conn.execute("select sha256 from raw_files")]) == {
            "eu.csv": None, "us.csv": None}
