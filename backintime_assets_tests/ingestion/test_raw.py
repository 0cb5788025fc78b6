"""Migration into the raw zone: each new file is read once, and its dates and schema are recorded
from that one read; a file whose content is known is read with the schema it already has."""
import datetime as dt
import os
import shutil

import psycopg
import pytest

from backintime_assets.db import file_schemas, manifest
from backintime_assets.db.schema import ensure_schema
from backintime_assets.detection.nameless import NAMELESS
from backintime_assets.ingestion.raw import migrate
from backintime_assets.ingestion.survey import survey_file
from backintime_assets_tests.ingestion.surveyed_here import ONE_BAR_HEADER, WEDNESDAY_BAR, tokyo_source

pytestmark = pytest.mark.postgres
HEADER = "Date;Ticker;Close\n"


def _day_first(days: range) -> str:
    # A close with a decimal dot: one with a comma would read a lone file day first (detection/agreed_order.py).
    return HEADER + "".join(f"{d:02d}/03/2025;AAA;{d}.5\n" for d in days)


def _source(tmp_path, **days_of):
    """A source folder of day-first March files: name (without .csv) -> its days."""
    source = tmp_path / "source"
    source.mkdir()
    for name, days in days_of.items():
        (source / f"{name}.csv").write_text(_day_first(days))
    return source


def _migrated(postgres_url, local_lake, source):
    """A connection to a database where `source` was migrated once, not committed."""
    conn = psycopg.connect(postgres_url)
    ensure_schema(conn)
    migrate(conn, source, local_lake, DriverSurveyor(local_lake))
    return conn


def _said_of_one_file(conn, local_lake, surveyor, source, name: str, text: str, column: str, fmt: str) -> None:
    """`name` holding `text`, migrated alone into a fresh database; then a user's date format for its `column`."""
    (source / name).write_text(text)
    ensure_schema(conn)
    migrate(conn, source, local_lake, surveyor)
    sha = manifest.current_files(conn)[name].sha256
    assert file_schemas.override_column(conn, [sha], column, "ana", final_format=fmt) == 1


class DriverSurveyor:
    """survey_files without Spark: the same survey of each file, on the driver, and what it was asked."""

    def __init__(self, location, week=None):
        from backintime_assets.trading_week import MON_FRI

        self.location, self.asked, self.week = location, [], week or MON_FRI

    def __call__(self, tasks):
        from backintime_assets.detection import FileSchema, detect_bytes

        self.asked.append([t.key for t in tasks])
        surveys = {}
        for task in tasks:
            with self.location.filesystem().open_input_file(task.lake_path) as handle:
                data = handle.readall()
            schema = FileSchema.from_json(task.schema_json) if task.schema_json else detect_bytes(data, task.name)
            surveys[task.key] = survey_file(lambda o, n, data=data: data[o:o + n], len(data), task.name, schema,
                                            week=self.week)
        return surveys


def test_new_files_are_surveyed_once_and_known_content_keeps_its_corrected_schema(postgres_url, local_lake, tmp_path):
    source = tmp_path / "source"
    source.mkdir()
    (source / "a.csv").write_text(_day_first(range(3, 8)))
    (source / "empty.csv").write_text("")
    surveyor = DriverSurveyor(local_lake)
    with psycopg.connect(postgres_url) as conn:
        ensure_schema(conn)
        report = migrate(conn, source, local_lake, surveyor)
        assert len(surveyor.asked[0]) == 2 and report.detected == 2
        files = manifest.current_files(conn)
        assert files["a.csv"].dates == [dt.date(2025, 3, d) for d in range(3, 8)] and files["a.csv"].problem is None
        assert files["empty.csv"].problem == "empty file" and len(files["empty.csv"].dates) == 1  # its home date
        a_sha = files["a.csv"].sha256
        assert file_schemas.final_schema(conn, a_sha)["columns"][0]["format"] == "%d/%m/%Y"

        # A user says the dates are month-first; then the same bytes arrive under another name.
        file_schemas.override_column(conn, [a_sha], "Date", "alice", final_format="%m/%d/%Y")
        shutil.copy(source / "a.csv", source / "copy_of_a.csv")
        report = migrate(conn, source, local_lake, surveyor)
        assert surveyor.asked[1] == [a_sha] and report.detected == 0 and report.unchanged == 2
        copy = manifest.current_files(conn)["copy_of_a.csv"]
        # Read month-first, as corrected; 3 May 2025 is a Saturday, refused.
        assert copy.dates == [dt.date(2025, d, 3) for d in (3, 4, 6, 7)]
        assert conn.execute("select changed_by from file_schemas where sha256 = %s and column_name = 'Date'",
                            (a_sha,)).fetchone() == ("alice",)

        assert migrate(conn, source, local_lake, surveyor).copied == [] and len(surveyor.asked) == 2  # no survey


def test_the_same_content_under_two_names_is_filed_under_one_reading(postgres_url, local_lake, tmp_path):
    from backintime_assets.detection import detect_bytes

    def read_alone(name):
        return survey_file(lambda o, n: text[o:o + n], len(text), name, detect_bytes(text, name)).dates

    source = tmp_path / "source"
    source.mkdir()
    text = b"Date;Ticker;Close\n03/04/2025;AAA;1,5\n"  # day or month first: each name suggests one
    names = ["desk_2025-03-04.csv", "desk_2025-04-03.csv"]
    assert read_alone(names[0]) != read_alone(names[1])  # read alone, they disagree
    for name in names:
        (source / name).write_bytes(text)
    with psycopg.connect(postgres_url) as conn:
        ensure_schema(conn)
        migrate(conn, source, local_lake, DriverSurveyor(local_lake))
        files = manifest.current_files(conn)
        stored = file_schemas.final_schema(conn, files[names[0]].sha256)
    assert files[names[0]].dates == files[names[1]].dates
    date_format = next(c["format"] for c in stored["columns"] if c["canonical"] == "date")
    assert files[names[0]].dates == [dt.datetime.strptime("03/04/2025", date_format).date()]


def test_a_renamed_copy_of_a_sites_download_is_filed_under_its_rows_dates(postgres_url, local_lake, tmp_path):
    # WSJ's "HistoricalPrices.csv" and the copy renamed after its index: one content, surveyed once.
    # Surveyed under the site's name, refused (detection/nameless.py), it had no loadable dates, and
    # "dji.csv" was filed under its home date alone: its rows of every other day never written.
    source = tmp_path / "source"
    source.mkdir()
    text = "Date,Open,High,Low,Close\n03/05/25,10.0,11.0,9.0,10.5\n03/04/25,9.0,10.0,8.0,9.5\n03/03/25,8,9,7,8.5\n"
    for name in ("HistoricalPrices.csv", "dji.csv"):  # the site's name first, as the folder lists it
        (source / name).write_text(text)
    with psycopg.connect(postgres_url) as conn:
        ensure_schema(conn)
        migrate(conn, source, local_lake, DriverSurveyor(local_lake))
        files = manifest.current_files(conn)
    assert files["dji.csv"].dates == [dt.date(2025, 3, d) for d in (3, 4, 5)] and files["dji.csv"].problem is None
    # The site's name is refused, as the conversion reads it (read_as_named.py): filed saying so, its rows none of
    # its own (home_dated), its rejections with its content's dates, not under today's home date.
    site = files["HistoricalPrices.csv"]
    assert site.problem.startswith(NAMELESS) and site.home_dated
    assert site.dates == files["dji.csv"].dates


def test_a_sites_download_copied_beside_its_stored_renamed_copy_files_its_rejections_with_its_dates(
        postgres_url, local_lake, tmp_path):
    # dji.csv migrated first; the site's "HistoricalPrices.csv" of the same bytes comes a day later, alone in its
    # migration: filed with the dates dji.csv's rows hold (the manifest's), not the day it was saved.
    source = tmp_path / "source"
    source.mkdir()
    text = "Date,Open,High,Low,Close\n03/05/25,10.0,11.0,9.0,10.5\n03/04/25,9.0,10.0,8.0,9.5\n"
    (source / "dji.csv").write_text(text)
    surveyor = DriverSurveyor(local_lake)
    with _migrated(postgres_url, local_lake, source) as conn:
        (source / "HistoricalPrices.csv").write_text(text)
        report = migrate(conn, source, local_lake, surveyor)
        files = manifest.current_files(conn)
        site = files["HistoricalPrices.csv"]
        assert files["dji.csv"].dates == [dt.date(2025, 3, 4), dt.date(2025, 3, 5)]
        assert (site.dates, site.home_dated) == (files["dji.csv"].dates, True)
        assert site.problem.startswith(NAMELESS) and report.problems == {"HistoricalPrices.csv": site.problem}


@pytest.mark.parametrize("order", [("HistoricalPrices.csv", "dji.csv"), ("dji.csv", "HistoricalPrices.csv"),
                                   ("HistoricalPrices.csv dji.csv",)])
def test_a_sites_download_and_its_renamed_copy_are_filed_alike_whichever_comes_first(postgres_url, local_lake,
                                                                                     tmp_path, order):
    # Each name of `order` migrated in turn (both at once where one entry names both). The site's name saved first
    # kept its home date once dji.csv came: its rejections under the day it was saved, a run of none of its rows'
    # days; saved after dji.csv, or with it, it took the content's dates. Now the same whichever came first.
    source = tmp_path / "source"
    source.mkdir()
    text = "Date,Open,High,Low,Close\n03/05/25,10.0,11.0,9.0,10.5\n03/04/25,9.0,10.0,8.0,9.5\n"
    saved = dt.datetime(2025, 6, 2, 18).timestamp()  # a Monday: the site's file's home date, none of its rows' days
    days = [dt.date(2025, 3, 4), dt.date(2025, 3, 5)]
    with psycopg.connect(postgres_url) as conn:
        ensure_schema(conn)
        for names in order:
            for name in names.split():
                (source / name).write_text(text)
                os.utime(source / name, (saved, saved))
            migrate(conn, source, local_lake, DriverSurveyor(local_lake))
        files = manifest.current_files(conn)
        site = files["HistoricalPrices.csv"]
        assert (files["dji.csv"].dates, files["dji.csv"].problem) == (days, None)
        assert site.problem.startswith(NAMELESS) and (site.dates, site.home_dated) == (days, True)
        # dji.csv gone and withdrawn: nothing loads the content, and the site's name is filed under its home date,
        # whose run rejects its rows; the content's days run again without them.
        seq = manifest.last_change_seq(conn)
        (source / "dji.csv").unlink()
        migrate(conn, source, local_lake, DriverSurveyor(local_lake), withdraw_missing=True)
        site = manifest.current_files(conn)["HistoricalPrices.csv"]
        assert site.problem.startswith(NAMELESS) and (site.dates, site.home_dated) == ([dt.date(2025, 6, 2)], True)
        changed = {c.source_path: sorted(set(c.dates)) for c in manifest.changes_after(conn, seq)}
        assert changed["HistoricalPrices.csv"] == [*days, dt.date(2025, 6, 2)]
        conn.rollback()


@pytest.mark.parametrize("program_name", ["PriceHistory.csv", "HistoricalPrices.csv"])
@pytest.mark.parametrize("coded", [True, False])
def test_a_folder_of_a_scrapers_files_each_named_alike_is_read_as_a_file_alone_is(
        postgres_url, in_process, tmp_path, program_name, coded):
    # vnstock-data's cafef histories: each symbol's file "PriceHistory.csv", the symbol only in the folder above.
    # Migrated as a folder through the survey's own tasks, not a detection of each file alone: a file of the same
    # header bytes named after its symbol ("AAA.csv") is surveyed first, and the others may borrow its schema
    # (ingestion/shared_layouts.py), which the name's reading must survive. Lent it, or detected without the
    # refusal, each had loaded as one made-up security PRICEHISTORY (or HISTORICALPRICES), the symbols mixed.
    # A scraper's "PriceHistory.csv" in folders named as codes ("ACB") is its folder's (nameless.folder_ticker);
    # in folders of no code's name ("acb", a user's lower case), or a site's name for every download
    # ("HistoricalPrices.csv", whatever folder its user keeps), each is refused, as a file alone.
    from backintime_assets.ingestion.survey import survey_files
    from backintime_assets.normalisation.file_ticker import default_ticker_for

    header = ("Ngay,GiaDieuChinh,GiaDongCua,ThayDoi,KhoiLuongKhopLenh,GiaTriKhopLenh,KLThoaThuan,GtThoaThuan,"
              "GiaMoCua,GiaCaoNhat,GiaThapNhat\n")

    def history(base: float) -> str:
        return header + "".join(f"{d}/03/2025,{base / 30:.2f},{base + d},0.5(0.3 %),1000,{1000 * (base + d)},0,0,"
                                f"{base + d - 1},{base + d + 1},{base + d - 2}\n" for d in (13, 14, 17, 18, 19))

    source = tmp_path / "source"
    folders = ("AAA", "ACB", "VCB") if coded else ("aaa", "acb", "vcb")
    for folder, base in zip(folders, (10.0, 20.0, 90.0)):
        (source / "dataset" / folder).mkdir(parents=True)
        name = "AAA.csv" if folder == folders[0] else program_name
        (source / "dataset" / folder / name).write_text(history(base))
    with psycopg.connect(postgres_url) as conn:
        ensure_schema(conn)
        report = migrate(conn, source, in_process, lambda tasks: survey_files(None, in_process, tasks, slices=1))
        files = manifest.current_files(conn)
    march = [dt.date(2025, 3, d) for d in (13, 14, 17, 18, 19)]
    first = f"dataset/{folders[0]}/AAA.csv"
    assert files[first].dates == march and files[first].problem is None
    for folder in folders[1:]:
        path = f"dataset/{folder}/{program_name}"
        if coded and program_name == "PriceHistory.csv":
            assert files[path].problem is None and files[path].dates == march and path not in report.problems
            assert default_ticker_for(path) == folder
        else:
            assert files[path].problem.startswith(NAMELESS) and files[path].home_dated, files[path]
            assert report.problems[path] == files[path].problem


def test_every_change_is_logged_and_a_file_gone_from_the_source_stays_loaded(postgres_url, local_lake, tmp_path):
    source = _source(tmp_path, a=range(3, 8), b=range(10, 14))
    march = [dt.date(2025, 3, d) for d in (3, 4, 5, 6, 7)]
    with _migrated(postgres_url, local_lake, source) as conn:
        first = manifest.changes_after(conn, 0)
        assert sorted((c.source_path, c.dates) for c in first) == [
            ("a.csv", march), ("b.csv", [dt.date(2025, 3, d) for d in range(10, 14)])]

        (source / "a.csv").write_text(_day_first(range(3, 5)))  # its rows of 5 to 7 March are gone
        migrate(conn, source, local_lake, DriverSurveyor(local_lake))
        [changed] = manifest.changes_after(conn, first[-1].seq)
        assert (changed.source_path, changed.dates) == ("a.csv", march)  # the dates it left too

        (source / "b.csv").unlink()
        report = migrate(conn, source, local_lake, DriverSurveyor(local_lake))
        assert report.gone == 1 and manifest.changes_after(conn, changed.seq) == []
        assert [f.source_path for f in manifest.files_for_dates(conn, dt.date(2025, 3, 10), dt.date(2025, 3, 10))] == [
            "b.csv"]  # its rows stay loaded
        assert conn.execute("select missing_since is not null from raw_files where source_path = 'b.csv'"
                            ).fetchone() == (True,)

        (source / "b.csv").write_text(_day_first(range(10, 14)))  # put back as it was, but modified now
        report = migrate(conn, source, local_lake, DriverSurveyor(local_lake))
        assert (report.gone, report.missing, report.copied) == (0, 0, [])
        assert conn.execute("select missing_since from raw_files where source_path = 'b.csv'").fetchone() == (None,)
        # The most recently modified file wins collisions: a new mtime alone reruns its dates.
        [touched] = manifest.changes_after(conn, changed.seq)
        assert (touched.source_path, touched.dates) == ("b.csv", [dt.date(2025, 3, d) for d in range(10, 14)])


def test_a_moved_file_loads_under_its_new_name_only_and_missing_files_can_be_withdrawn(
        postgres_url, local_lake, tmp_path):
    source = _source(tmp_path, a=range(3, 8), b=range(10, 14))
    (source / "sub").mkdir()
    with _migrated(postgres_url, local_lake, source) as conn:
        seq = manifest.last_change_seq(conn)
        (source / "a.csv").rename(source / "sub" / "a.csv")
        report = migrate(conn, source, local_lake, DriverSurveyor(local_lake))
        assert (report.moved, report.gone, report.missing) == (1, 0, 0)
        assert sorted(manifest.current_files(conn)) == ["b.csv", "sub/a.csv"]
        # The old name's rows go and the new name's come, on the same dates.
        assert sorted(c.source_path for c in manifest.changes_after(conn, seq)) == ["a.csv", "sub/a.csv"]

        (source / "b.csv").unlink()
        assert migrate(conn, source, local_lake, DriverSurveyor(local_lake)).missing == 1
        seq = manifest.last_change_seq(conn)
        report = migrate(conn, source, local_lake, DriverSurveyor(local_lake), withdraw_missing=True)
        assert (report.withdrawn, report.missing) == (1, 0) and sorted(manifest.current_files(conn)) == ["sub/a.csv"]
        [withdrawn] = manifest.changes_after(conn, seq)
        assert (withdrawn.source_path, withdrawn.dates) == ("b.csv", [dt.date(2025, 3, d) for d in range(10, 14)])


DAY_LIST = "Symbol,Close,Volume\nPL1,10.5,100\nPL2,20.25,200\n"  # a day's list: its name gives its day


def test_a_day_list_renamed_to_another_day_is_filed_under_its_new_names_day_and_its_copy_under_its_own(
        postgres_url, local_lake, tmp_path):
    source = tmp_path / "source"
    source.mkdir()
    (source / "pricelist_2025-03-04.csv").write_text(DAY_LIST)
    with _migrated(postgres_url, local_lake, source) as conn:
        assert manifest.current_files(conn)["pricelist_2025-03-04.csv"].dates == [dt.date(2025, 3, 4)]
        seq = manifest.last_change_seq(conn)
        (source / "pricelist_2025-03-04.csv").rename(source / "pricelist_2025-03-06.csv")
        report = migrate(conn, source, local_lake, DriverSurveyor(local_lake))
        assert report.moved == 1
        assert manifest.current_files(conn)["pricelist_2025-03-06.csv"].dates == [dt.date(2025, 3, 6)]
        # The old day runs again without the rows, the new day with them.
        assert sorted((c.source_path, tuple(c.dates)) for c in manifest.changes_after(conn, seq)) == [
            ("pricelist_2025-03-04.csv", (dt.date(2025, 3, 4),)), ("pricelist_2025-03-06.csv", (dt.date(2025, 3, 6),))]

        shutil.copy(source / "pricelist_2025-03-06.csv", source / "pricelist_2025-03-07.csv")
        migrate(conn, source, local_lake, DriverSurveyor(local_lake))
        current = manifest.current_files(conn)
        assert [current[f"pricelist_2025-03-0{d}.csv"].dates for d in (6, 7)] == [[dt.date(2025, 3, d)] for d in (6, 7)]
        # The copy is a re-send of the 6th's list (renamed_day.py): filed saying so, as its rows are rejected.
        assert current["pricelist_2025-03-06.csv"].problem is None and current["pricelist_2025-03-07.csv"].home_dated
        assert "a re-send of that day's list" in current["pricelist_2025-03-07.csv"].problem
        # Read again (a new trading week): each name keeps its own day, not the last one read.
        from backintime_assets.trading_week import TradingWeek

        migrate(conn, source, local_lake, DriverSurveyor(local_lake), week=TradingWeek.parse("mon-sat"))
        current = manifest.current_files(conn)
        assert [current[f"pricelist_2025-03-0{d}.csv"].dates for d in (6, 7)] == [[dt.date(2025, 3, d)] for d in (6, 7)]


def test_a_copy_of_a_day_list_come_or_gone_logs_the_days_of_its_other_names(postgres_url, local_lake, tmp_path):
    source = tmp_path / "source"
    source.mkdir()
    (source / "pricelist_2025-03-06.csv").write_text(DAY_LIST)
    with _migrated(postgres_url, local_lake, source) as conn:
        # A copy named for an earlier day makes the 6th's list a re-send (renamed_day.py): the 6th runs again too.
        seq = manifest.last_change_seq(conn)
        shutil.copy(source / "pricelist_2025-03-06.csv", source / "pricelist_2025-03-04.csv")
        migrate(conn, source, local_lake, DriverSurveyor(local_lake))
        assert sorted((c.source_path, tuple(c.dates)) for c in manifest.changes_after(conn, seq)) == [
            ("pricelist_2025-03-04.csv", (dt.date(2025, 3, 4),)), ("pricelist_2025-03-06.csv", (dt.date(2025, 3, 6),))]
        # The copy withdrawn: the 6th's list is no re-send any more, and its day runs again to load it.
        seq = manifest.last_change_seq(conn)
        (source / "pricelist_2025-03-04.csv").unlink()
        migrate(conn, source, local_lake, DriverSurveyor(local_lake), withdraw_missing=True)
        assert sorted((c.source_path, tuple(c.dates)) for c in manifest.changes_after(conn, seq)) == [
            ("pricelist_2025-03-04.csv", (dt.date(2025, 3, 4),)), ("pricelist_2025-03-06.csv", (dt.date(2025, 3, 6),))]


def test_two_migrations_at_once_copy_and_log_each_new_file_once(postgres_url, local_lake, tmp_path):
    import threading
    import time

    source = _source(tmp_path, a=range(3, 8))
    with psycopg.connect(postgres_url) as conn:
        ensure_schema(conn)
        conn.commit()

    surveying = threading.Event()

    class SlowSurveyor(DriverSurveyor):
        def __call__(self, tasks):
            surveying.set()
            time.sleep(1.0)  # the other migration starts meanwhile
            return super().__call__(tasks)

    reports = {}

    def run(name, surveyor):
        with psycopg.connect(postgres_url) as conn:
            reports[name] = migrate(conn, source, local_lake, surveyor)
            conn.commit()

    first = threading.Thread(target=run, args=("first", SlowSurveyor(local_lake)))
    first.start()
    surveying.wait(timeout=30)  # the first holds the lock and is surveying
    run("second", DriverSurveyor(local_lake))
    first.join()
    assert reports["first"].copied == ["a.csv"] and reports["second"].copied == []
    with psycopg.connect(postgres_url) as conn:
        assert len(manifest.changes_after(conn, 0)) == 1


def test_a_schema_correction_logs_the_dates_read_before_and_after(postgres_url, local_lake, tmp_path):
    from backintime_assets.ingestion.raw import resurvey

    source = _source(tmp_path, a=range(3, 8))
    with _migrated(postgres_url, local_lake, source) as conn:
        seq = manifest.last_change_seq(conn)
        sha = manifest.current_files(conn)["a.csv"].sha256
        file_schemas.override_column(conn, [sha], "Date", "alice", final_format="%m/%d/%Y")
        touched = resurvey(conn, [sha], DriverSurveyor(local_lake))
        [change] = manifest.changes_after(conn, seq)
    # Read day-first: 3 to 7 March; month-first: 3 March, 3 April, 3 June and 3 July (3 May is a Saturday).
    assert change.source_path == "a.csv" and change.dates == touched
    assert set(touched) == {dt.date(2025, 3, d) for d in range(3, 8)} | {dt.date(2025, m, 3) for m in (4, 6, 7)}


def test_files_the_migration_passes_over_are_reported_with_the_reason(postgres_url, local_lake, tmp_path):
    source = _source(tmp_path, a=range(3, 5))
    (source / "2009 prices.numbers").write_bytes(b"PK\x03\x04 an Apple Numbers workbook")
    (source / "_manifest.csv").write_text("bookkeeping")
    with psycopg.connect(postgres_url) as conn:
        ensure_schema(conn)
        report = migrate(conn, source, local_lake, DriverSurveyor(local_lake))
    assert report.copied == ["a.csv"]
    assert report.files_not_migrated() == [
        "2009 prices.numbers: a .numbers workbook, which is not read: save it as .xlsx or .csv"]
    assert set(report.passed_over) == {"2009 prices.numbers", "_manifest.csv"}


def test_a_new_trading_week_reads_the_files_again_and_runs_the_dates_that_changed(postgres_url, local_lake, tmp_path):
    from backintime_assets.trading_week import TradingWeek

    source = tmp_path / "source"
    source.mkdir()
    for name, days in (("btc", range(3, 10)), ("aaa", range(3, 7))):  # Monday 3 to Sunday 9 March; to Thursday
        rows = "".join(f"2025-03-{d:02d},{name},{d}.5\n" for d in days)
        (source / f"{name}.csv").write_text("Date,Ticker,Close\n" + rows)
    march = lambda *days: [dt.date(2025, 3, d) for d in days]  # noqa: E731
    with _migrated(postgres_url, local_lake, source) as conn:
        assert manifest.current_files(conn)["btc.csv"].dates == march(3, 4, 5, 6, 7)  # Monday to Friday
        seq = manifest.last_change_seq(conn)

        every_day = TradingWeek.parse("mon-sun")
        surveyor = DriverSurveyor(local_lake, every_day)
        assert migrate(conn, source, local_lake, surveyor, week=every_day).reread_for_week == 1
        assert manifest.current_files(conn)["btc.csv"].dates == march(*range(3, 10))
        assert manifest.current_files(conn)["aaa.csv"].dates == march(3, 4, 5, 6)
        # Only the file whose dates changed runs again: its weekend is new, its weekdays' rows stay.
        [change] = manifest.changes_after(conn, seq)
        assert (change.source_path, change.dates) == ("btc.csv", march(*range(3, 10)))
        assert manifest.surveyed_week(conn) == "mon-sun"
        assert migrate(conn, source, local_lake, surveyor, week=every_day).reread_for_week == 0
        assert len(surveyor.asked) == 1  # read again once, not at every migration

        sun_thu = TradingWeek.parse("sun-thu")
        assert migrate(conn, source, local_lake, DriverSurveyor(local_lake, sun_thu), week=sun_thu).reread_for_week == 1
        assert manifest.current_files(conn)["btc.csv"].dates == march(3, 4, 5, 6, 9)  # no Friday nor Saturday
        [change] = manifest.changes_after(conn, change.seq)
        assert (change.source_path, change.dates) == ("btc.csv", march(*range(3, 10)))  # the dates it left too


def test_a_new_daily_file_alone_takes_the_day_month_order_its_stored_siblings_prove(postgres_url, local_lake,
                                                                                     tmp_path):
    # An office's daily files, named with no date: those of the 13th on prove day first.
    source = tmp_path / "source"
    source.mkdir()
    for day in (13, 14, 17):
        (source / f"day_{day}.csv").write_text(_day_first(range(day, day + 1)))
    surveyor = DriverSurveyor(local_lake)
    with psycopg.connect(postgres_url) as conn:
        ensure_schema(conn)
        migrate(conn, source, local_lake, surveyor)
        # The next one arrives alone: "04/03/2025" read either way, month first by the custom for "/"
        # (3 April), yet its siblings stored before say 4 March.
        (source / "day_04.csv").write_text(_day_first(range(4, 5)))
        report = migrate(conn, source, local_lake, surveyor)
        new = manifest.current_files(conn)["day_04.csv"]
        assert report.copied == ["day_04.csv"] and new.dates == [dt.date(2025, 3, 4)]
        assert surveyor.asked[1:] == [[new.sha256], [new.sha256]]  # read again with the settled order
        date = next(c for c in file_schemas.final_schema(conn, new.sha256)["columns"] if c["canonical"] == "date")
        stored = file_schemas.stored_detections(conn, [new.sha256])[new.sha256]
        assert date["format"] == "%d/%m/%Y"
        assert stored["columns"][0]["order_from"] == "order settled by 3 sibling files of the same layout"


@pytest.mark.parametrize("earlier, correction", [
    # The first twelve days alone: nothing proves day first but the user's format, said of day 3. Weighed
    # as detected, the sibling's guess proved nothing and 4 March loaded as 3 April.
    ((3,), {"final_format": "%d/%m/%Y"}),
    # A type said alone leaves day 3's format detection's month-first guess, which proves nothing: taken
    # for certain, it disagreed with day 13's proof and the new file kept its guess (3 April).
    ((3, 13), {"final_type": "timestamp"}),
])
def test_a_users_correction_of_a_stored_sibling_weighs_as_said(postgres_url, local_lake, tmp_path, earlier,
                                                                correction):
    source = tmp_path / "source"
    source.mkdir()
    surveyor = DriverSurveyor(local_lake)
    with psycopg.connect(postgres_url) as conn:
        ensure_schema(conn)
        for day in earlier:  # one at a time: day 3 alone keeps its guess
            (source / f"day_{day:02d}.csv").write_text(_day_first(range(day, day + 1)))
            migrate(conn, source, local_lake, surveyor)
        first = manifest.current_files(conn)["day_03.csv"].sha256
        assert file_schemas.override_column(conn, [first], "Date", "ana", **correction) == 1
        (source / "day_04.csv").write_text(_day_first(range(4, 5)))
        migrate(conn, source, local_lake, surveyor)
        assert manifest.current_files(conn)["day_04.csv"].dates == [dt.date(2025, 3, 4)]


@pytest.mark.parametrize("others_corrected", [False, True], ids=["detected", "their prices' multiplier said"])
def test_a_users_day_first_on_a_stored_sibling_settles_a_new_file_behind_the_newest_files_of_its_layout(
        postgres_url, local_lake, tmp_path, others_corrected):
    # An office whose files hold no day above 12 (a month's first trading days): only the user's word on one
    # proves day first. Behind the newest files of the layout (another office's, of the same header), it
    # was no sibling, and the office's next 04/03 loaded as 3 April. So too behind the newest a user
    # corrected otherwise (their prices in pence): a correction that says no date format proves no order.
    source = tmp_path / "source"
    source.mkdir()
    surveyor = DriverSurveyor(local_lake)
    with psycopg.connect(postgres_url) as conn:
        _said_of_one_file(conn, local_lake, surveyor, source, "day_03.csv", _day_first(range(3, 4)), "Date", "%d/%m/%Y")
        conn.commit()  # each day's migration its own: the newest detections are the last day's
        for i in range(60):
            (source / f"other_{i:02d}.csv").write_text(f"{HEADER}2025-03-03;X{i:02d};{i},5\n")
        migrate(conn, source, local_lake, surveyor)
        if others_corrected:
            others = [f.sha256 for name, f in manifest.current_files(conn).items() if name.startswith("other_")]
            assert file_schemas.override_column(conn, others, "Close", "bob", final_multiplier=0.01) == 60
        conn.commit()
        (source / "day_04.csv").write_text(_day_first(range(4, 5)))
        migrate(conn, source, local_lake, surveyor)
        assert manifest.current_files(conn)["day_04.csv"].dates == [dt.date(2025, 3, 4)]


def test_a_new_file_is_settled_by_its_own_offices_stored_sibling_behind_another_offices_newer_files(
        postgres_url, local_lake, tmp_path):
    # London's day 13 proves its office day first. Then Paris, another office of the same header and
    # file names, migrates 60 files. London's next file holds no day above 12: behind the newest files of
    # the layout, all Paris's (which prove nothing of London's order), day 13 was no sibling, and 04/03
    # loaded as 3 April.
    source = tmp_path / "source"
    (source / "london").mkdir(parents=True)
    (source / "paris").mkdir()
    surveyor = DriverSurveyor(local_lake)
    with psycopg.connect(postgres_url) as conn:
        ensure_schema(conn)
        (source / "london" / "day_13.csv").write_text(_day_first(range(13, 14)))
        migrate(conn, source, local_lake, surveyor)
        conn.commit()  # each migration its own: the newest detections are Paris's
        for i in range(60):
            (source / "paris" / f"day_{i:02d}.csv").write_text(f"{HEADER}2025-03-03;X{i:02d};{i},5\n")
        migrate(conn, source, local_lake, surveyor)
        conn.commit()
        (source / "london" / "day_04.csv").write_text(_day_first(range(4, 5)))
        migrate(conn, source, local_lake, surveyor)
        assert manifest.current_files(conn)["london/day_04.csv"].dates == [dt.date(2025, 3, 4)]


@pytest.mark.parametrize("other_order_noted", [True, False], ids=["noted", "stored before it was noted"])
def test_a_users_day_first_on_a_stored_sibling_reads_its_evening_stamps_so(postgres_url, local_lake, tmp_path,
                                                                          other_order_noted):
    # Tokyo's bars stamped at its midnight as text. "14/01/2024 15:00:00 UTC", a Sunday evening, proves the
    # source east of UTC. "01/05/2024 15:00:00 UTC" guesses month first, a Friday evening (5 January); the
    # user said day first: a Wednesday's. Its weekdays left as detection read them, it proved UTC days
    # against the Sunday, and the next bar, settled day first, loaded Wednesday 10 January's session a day early.
    # Stored before detection noted the other order's weekdays, its weekdays under the user's order are unknown.
    source = tmp_path / "source"
    source.mkdir()
    surveyor = DriverSurveyor(local_lake)
    with psycopg.connect(postgres_url) as conn:  # bars_2 alone: its order stays a guess, which the user settles
        _said_of_one_file(conn, local_lake, surveyor, source, "bars_2.csv",
                          f"{ONE_BAR_HEADER}01/05/2024 15:00:00 UTC,2514,2544,2494,2524,1\n", "time",
                          "%d/%m/%Y %H:%M:%S %Z")
        if not other_order_noted:
            sha = manifest.current_files(conn)["bars_2.csv"].sha256
            stored = file_schemas.stored_detections(conn, [sha])[sha]
            del stored["columns"][0]["evenings_other_order"]
            file_schemas.save_detection(conn, sha, "bars_2.csv", stored)
        (source / "bars_1.csv").write_text(f"{ONE_BAR_HEADER}14/01/2024 15:00:00 UTC,2514,2544,2494,2524,1\n")
        migrate(conn, source, local_lake, surveyor)
        (source / "bars_3.csv").write_text(ONE_BAR_HEADER + "09/01/2024 15:00:00 UTC,2500,2530,2480,2510,1\n")
        migrate(conn, source, local_lake, surveyor)
        assert manifest.current_files(conn)["bars_3.csv"].dates == [dt.date(2024, 1, 10)]


def test_a_new_one_bar_file_east_of_utc_takes_the_reading_its_stored_siblings_prove(postgres_url, local_lake,
                                                                                     tmp_path):
    # TradingView's bar a day of Tokyo, stamped at its midnight: 15:00 UTC the day before. Monday's
    # file (a Sunday evening) proves its source east of UTC; Wednesday's, arriving alone, stamped on a
    # Tuesday evening as a New York close could be, loaded a day early.
    source = tokyo_source(tmp_path)
    surveyor = DriverSurveyor(local_lake)
    with psycopg.connect(postgres_url) as conn:
        ensure_schema(conn)
        migrate(conn, source, local_lake, surveyor)
        assert manifest.current_files(conn)["7203_20240108.csv"].dates == [dt.date(2024, 1, 8)]
        (source / "7203_20240110.csv").write_text(ONE_BAR_HEADER + WEDNESDAY_BAR)
        migrate(conn, source, local_lake, surveyor)
        new = manifest.current_files(conn)["7203_20240110.csv"]
        assert new.dates == [dt.date(2024, 1, 10)]
        stored = file_schemas.stored_detections(conn, [new.sha256])[new.sha256]
        assert stored["columns"][0]["format"] == "epoch_s_east"
        assert stored["columns"][0]["order_from"].startswith("east of UTC: the next day's sessions, as 1 sibling file ")


def test_a_stored_bar_whose_order_and_east_a_later_file_proves_is_read_by_both(postgres_url, local_lake, tmp_path):
    # Tokyo's Thursday 4 January 2024 session, stamped "03/01/2024 15:00:00 UTC": guessed month first, on a
    # Friday evening (1 March), it guesses nothing east of UTC. Monday 15 January's file, stamped on the Sunday
    # evening, proves day first and east of UTC: the stored file was settled day first only, by its Wednesday
    # evening's UTC day, a day early (silent).
    head = "Date,Symbol,Open,High,Low,Close,Volume\n"
    source = tmp_path / "source"
    source.mkdir()
    surveyor = DriverSurveyor(local_lake)
    with psycopg.connect(postgres_url) as conn:
        ensure_schema(conn)
        (source / "export (1).csv").write_text(head + "03/01/2024 15:00:00 UTC,7203,2514,2544,2494,2524,1\n")
        migrate(conn, source, local_lake, surveyor)
        (source / "export (2).csv").write_text(head + "14/01/2024 15:00:00 UTC,7203,2514,2544,2494,2524,1\n")
        report = migrate(conn, source, local_lake, surveyor)
        files = manifest.current_files(conn)
        assert [files[f"export ({n}).csv"].dates for n in (1, 2)] == [[dt.date(2024, 1, 4)], [dt.date(2024, 1, 15)]]
        assert report.resettled["export (1).csv"].endswith("east of UTC: the next day's sessions, as 1 sibling file "
                                                           "of the same source stamped on weekend evenings prove")


def test_a_users_east_on_a_stored_midweek_bar_proves_its_source_east_of_utc(postgres_url, local_lake, tmp_path):
    # Tuesday's bar of Tokyo, stamped on the Monday evening, reads as a New York close could: the user said
    # east. Its stamps prove nothing, the user's word did not either, and Wednesday's bar loaded a day early.
    source = tmp_path / "source"
    source.mkdir()
    surveyor = DriverSurveyor(local_lake)
    with psycopg.connect(postgres_url) as conn:
        _said_of_one_file(conn, local_lake, surveyor, source, "7203_20240109.csv",
                          f"{ONE_BAR_HEADER}1704726000,2514,2544,2494,2524,1\n", "time", "epoch_s_east")
        (source / "7203_20240110.csv").write_text(ONE_BAR_HEADER + WEDNESDAY_BAR)
        migrate(conn, source, local_lake, surveyor)
        assert manifest.current_files(conn)["7203_20240110.csv"].dates == [dt.date(2024, 1, 10)]


def test_a_new_one_bar_file_finds_the_east_proof_behind_the_newest_files_of_its_layout(postgres_url, local_lake,
                                                                                      tmp_path):
    # An office downloads TradingView's bar a day of many tickers, all of one header. Monday's file of 7203
    # (a Sunday evening) proves its source east of UTC; by Wednesday the newest files of the layout are
    # Tuesday's, of other tickers, stamped on a Monday evening: they prove nothing, and Wednesday's 7203,
    # arriving alone, loaded a day early where the proof lay behind them.
    source = tokyo_source(tmp_path)
    surveyor = DriverSurveyor(local_lake)
    with psycopg.connect(postgres_url) as conn:
        ensure_schema(conn)
        migrate(conn, source, local_lake, surveyor)
        conn.commit()  # each day's migration its own: the newest detections are the last day's
        for i in range(60):
            (source / f"x{chr(97 + i // 26)}{chr(97 + i % 26)}_20240109.csv").write_text(
                f"{ONE_BAR_HEADER}1704726000,{100 + i},{101 + i},{99 + i},{100 + i},1\n")
        migrate(conn, source, local_lake, surveyor)
        conn.commit()
        (source / "7203_20240110.csv").write_text(ONE_BAR_HEADER + WEDNESDAY_BAR)
        migrate(conn, source, local_lake, surveyor)
        assert manifest.current_files(conn)["7203_20240110.csv"].dates == [dt.date(2024, 1, 10)]


TITLED_LIST = "Daily Quotations 2025/03/04\n" + DAY_LIST  # a title's day, which a name may agree with or not


@pytest.mark.parametrize(("first", "text"), [("pricelist_03042025.csv", DAY_LIST),  # day or month first: no day
                                             ("pricelist_2025-03-05.csv", TITLED_LIST)])  # the title disagrees
def test_a_day_list_refused_under_its_old_name_is_filed_clean_once_renamed_to_a_clear_one(
        postgres_url, local_lake, tmp_path, first, text):
    source = tmp_path / "source"
    source.mkdir()
    (source / first).write_text(text)
    with _migrated(postgres_url, local_lake, source) as conn:
        refused = manifest.current_files(conn)[first]
        assert refused.problem and refused.home_dated
        (source / first).rename(source / "pricelist_2025-03-04.csv")
        report = migrate(conn, source, local_lake, DriverSurveyor(local_lake))
        renamed = manifest.current_files(conn)["pricelist_2025-03-04.csv"]
        # Its rows load on the 4th now (assets/lake.py dates them so): no problem, no home date, none reported.
        assert (renamed.dates, renamed.problem, renamed.home_dated) == ([dt.date(2025, 3, 4)], None, False)
        assert "pricelist_2025-03-04.csv" not in report.problems

        # The other way: renamed to a name that writes no day, its rows are rejected, and the manifest says why.
        (source / "pricelist_2025-03-04.csv").rename(source / "pricelist.csv")
        report = migrate(conn, source, local_lake, DriverSurveyor(local_lake))
        nameless = manifest.current_files(conn)["pricelist.csv"]
        if text == DAY_LIST:
            assert nameless.home_dated and "writes no day" in nameless.problem
            assert "writes no day" in report.problems["pricelist.csv"]
        else:  # the title's day, which no name disputes now
            assert (nameless.dates, nameless.problem, nameless.home_dated) == ([dt.date(2025, 3, 4)], None, False)


def test_the_names_of_a_list_another_copy_of_it_came_to_or_left_are_filed_again_as_they_read_now(
        postgres_url, local_lake, tmp_path):
    source = tmp_path / "source"
    source.mkdir()
    (source / "pricelist_2025-03-06.csv").write_text(DAY_LIST)
    with _migrated(postgres_url, local_lake, source) as conn:
        # A copy under an earlier day's name: the 6th's, filed clean before, is the re-send now (its rows rejected).
        shutil.copy(source / "pricelist_2025-03-06.csv", source / "pricelist_2025-03-04.csv")
        report = migrate(conn, source, local_lake, DriverSurveyor(local_lake))
        current = manifest.current_files(conn)
        assert current["pricelist_2025-03-04.csv"].problem is None
        assert "a re-send of that day's list" in current["pricelist_2025-03-06.csv"].problem
        # And said, as of a file copied: the rows it loaded are taken back (`backintime ingest` warns of it).
        assert report.problems["pricelist_2025-03-06.csv"] == current["pricelist_2025-03-06.csv"].problem
        assert current["pricelist_2025-03-06.csv"].dates == [dt.date(2025, 3, 6)]
        # The copy it repeated withdrawn: its rows load on the 6th again, and it is filed so, not as a re-send.
        (source / "pricelist_2025-03-04.csv").unlink()
        migrate(conn, source, local_lake, DriverSurveyor(local_lake), withdraw_missing=True)
        again = manifest.current_files(conn)["pricelist_2025-03-06.csv"]
        assert (again.dates, again.problem, again.home_dated) == ([dt.date(2025, 3, 6)], None, False)


def test_a_name_that_dates_a_new_list_past_its_arrival_is_refused_as_its_first_name_would_be(
        postgres_url, local_lake, tmp_path):
    # Come under two names at once: under the first the title and the name disagree (no day, nothing to judge);
    # the second writes no day, so the title's, a year after the file arrived, dates its rows.
    source = tmp_path / "source"
    source.mkdir()
    far = dt.date.today() + dt.timedelta(days=365)
    while far.weekday() > 4:
        far += dt.timedelta(days=1)
    text = f"Daily Quotations {far:%Y/%m/%d}\n" + DAY_LIST
    (source / "pricelist_2025-03-05.csv").write_text(text)
    (source / "quotes.csv").write_text(text)
    with _migrated(postgres_url, local_lake, source) as conn:
        alone = manifest.current_files(conn)["quotes.csv"]
        # As when it comes alone: a price cannot be dated after its file was written; none of its rows loads.
        assert alone.home_dated and "after" in alone.problem and far.isoformat() in alone.problem
        # Its content refused whole: the detection the conversion reads every name with, and the other name.
        assert file_schemas.final_schemas(conn, [alone.sha256])[alone.sha256]["problem"] == alone.problem
        assert manifest.current_files(conn)["pricelist_2025-03-05.csv"].problem == alone.problem
