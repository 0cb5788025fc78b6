"""A daily run (a file a day, each migration committed before the next) reads an office's files as a folder
migrated at once does: stored files whose day/month order, number marks or reading east of UTC was a guess
are settled by the files after them, and new ones by those stored before (stored_order.py, raw.py)."""
import datetime as dt
import os

import psycopg
import pytest

from backintime_assets.db import file_overrides, file_schemas, manifest
from backintime_assets.db.schema import ensure_schema
from backintime_assets.ingestion.raw import migrate
from backintime_assets_tests.ingestion.surveyed_here import ONE_BAR_HEADER, WEDNESDAY_BAR
from backintime_assets_tests.ingestion.test_raw import HEADER, DriverSurveyor, _day_first

pytestmark = pytest.mark.postgres


class DailyRun:
    """A source folder and the database it is migrated into, a migration at a time."""

    def __init__(self, conn, source, lake):
        self.conn, self.source, self.lake, self.surveyor = conn, source, lake, DriverSurveyor(lake)

    def write(self, name: str, text: str, written: dt.datetime | None = None) -> None:
        """The file `name` holding `text`, last modified at `written` (else now)."""
        path = self.source / name
        path.write_text(text)
        if written is not None:
            os.utime(path, (written.timestamp(), written.timestamp()))

    def migrate(self):
        return migrate(self.conn, self.source, self.lake, self.surveyor)

    def dates(self, *names: str) -> list[list[dt.date]]:
        files = manifest.current_files(self.conn)
        return [files[name].dates for name in names]

    def date_column(self, name: str) -> dict:
        schema = file_schemas.final_schema(self.conn, manifest.current_files(self.conn)[name].sha256)
        return next(c for c in schema["columns"] if c["canonical"] == "date")


@pytest.fixture
def run(postgres_url, local_lake, tmp_path):
    source = tmp_path / "source"
    source.mkdir()
    with psycopg.connect(postgres_url) as conn:
        ensure_schema(conn)
        yield DailyRun(conn, source, local_lake)


def _october(n: int) -> str:
    """A British office's day of October 2012, '0n/10/2012': read either way."""
    return HEADER + f"{n:02d}/10/2012;AAA;{n}.5\n"


def _evening(day: dt.date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, 18, tzinfo=dt.timezone.utc)


def test_an_offices_first_days_run_one_a_day_are_read_as_its_folder_is_read_at_once(run):
    # A British office's daily run from Monday 1 October 2012, a file a day: no day above 12 for a fortnight.
    # The first alone can only guess month first (10 January); the second is read with it (stored_order.py,
    # pooled_order.py): 1 and 2 October are a run of days, 10 January and 10 February none. Day by day both
    # loaded by the guess, where the same folder migrated at once loaded 1 and 2 October.
    run.write("export (1).csv", _october(1))
    run.migrate()
    assert run.dates("export (1).csv") == [[dt.date(2012, 1, 10)]]  # the guess
    seen = manifest.last_change_seq(run.conn)
    run.write("export (2).csv", _october(2))
    report = run.migrate()
    assert run.dates("export (1).csv", "export (2).csv") == [[dt.date(2012, 10, 1)], [dt.date(2012, 10, 2)]]
    assert report.resettled_lines() == ["export (1).csv: stored before, read again: day/month order settled "
                                        "by the dates of 2 one-day files of its layout read together"]
    # The first's old date and its new one run again, with the second's.
    assert {d for c in manifest.changes_after(run.conn, seen) for d in c.dates} == {
        dt.date(2012, 1, 10), dt.date(2012, 10, 1), dt.date(2012, 10, 2)}
    assert run.date_column("export (1).csv")["format"] == "%d/%m/%Y"
    run.write("export (3).csv", _october(3))
    report = run.migrate()
    assert run.dates("export (3).csv") == [[dt.date(2012, 10, 3)]]
    assert report.resettled == {}  # the first two read so already


@pytest.mark.parametrize("cells, days", [
    # An American office's files of the first trading day of March, April and May 2024, each written that day
    # and migrated as it came. Day first they read 3, 4 and 5 January, a run of days (month first 1 March,
    # 1 April and 1 May are none): read together they were settled day first, the stored ones read again
    # so. Written a month apart, they are no run (pooled_order._written_apart): each keeps the guess.
    (["03/01/2024", "04/01/2024", "05/01/2024"], [dt.date(2024, m, 1) for m in (3, 4, 5)]),
    # A British office's 3, 4 and 5 October 2012, each written on its day: a run, read together.
    (["03/10/2012", "04/10/2012", "05/10/2012"], [dt.date(2012, 10, d) for d in (3, 4, 5)]),
], ids=["monthly", "daily"])
def test_one_day_files_written_a_month_apart_are_no_run_of_days(run, cells, days):
    for n, (cell, day) in enumerate(zip(cells, days), 1):
        run.write(f"export ({n}).csv", HEADER + f"{cell};AAA;{n}.5\n", _evening(day))
        run.migrate()
    assert run.dates("export (1).csv", "export (2).csv", "export (3).csv") == [[day] for day in days]


def test_a_day_its_guess_put_on_a_weekend_is_read_with_the_days_before_and_after(run):
    # Monday 3, Tuesday 4 and Wednesday 5 June 2013 of a British office, a file a day. Month first, 4 June
    # is 6 April, a Saturday: its row rejected, the file stored under a home date that is none of its
    # cells (left out of the dates read together: home_dated), and its date cell is read from its head.
    for n, day in enumerate((3, 4, 5), 1):
        run.write(f"export ({n}).csv", HEADER + f"{day:02d}/06/2013;AAA;{day}.5\n")
        run.migrate()
    assert run.dates("export (1).csv", "export (2).csv", "export (3).csv") == [
        [dt.date(2013, 6, d)] for d in (3, 4, 5)]
    assert not any(f.home_dated for f in manifest.current_files(run.conn).values())


def test_days_no_run_either_way_read_the_order_that_dates_none_on_a_weekend(run):
    # A British office's 2 and 11 October 2012, a file each day. The 2nd alone, month first by the guess, is
    # 10 February, a Friday: loaded so (silent). The 11th, month first 10 November, a Saturday, is 11 October
    # day first: read together, day first dates neither on a weekend, and the stored 2nd is read again.
    run.write("a_02.csv", _october(2), _evening(dt.date(2012, 10, 2)))
    run.migrate()
    assert run.dates("a_02.csv") == [[dt.date(2012, 2, 10)]]  # the guess
    run.write("a_11.csv", _october(11), _evening(dt.date(2012, 10, 11)))
    report = run.migrate()
    assert run.dates("a_02.csv", "a_11.csv") == [[dt.date(2012, 10, 2)], [dt.date(2012, 10, 11)]]
    assert report.resettled_lines() == [
        "a_02.csv: stored before, read again: day/month order settled by the dates of 2 one-day files of its "
        "layout read together, on weekdays day first only"]


@pytest.mark.parametrize("before, new, read_again", [
    # A British office's 1 October 2012, "01/10/2012", migrated by a release before raw_files noted home_dated
    # (null: its dates are not read with a new file's, as they may be a home date). Its 2 October, migrated
    # next, surveys alone (10 February by the guess); the stored day is read from its head, and the two read
    # together settle day first: both are read so, not the stored one alone (the new one stayed on 10 February).
    ((1,), 2, ["export (1).csv: stored before, read again: ", "export (2).csv: read again: "]),
    # Its 1 and 2 October migrated at once by such a release: read together day first (pooled_order.py). Its
    # 4 October, "04/10/2012", next: its survey reads no stored date with it and guesses 10 April; read with
    # the stored days' heads, it is a run of days (it loaded on 10 April). Copied by this migration, it is no
    # file stored before.
    ((1, 2), 4, ["export (4).csv: read again: "]),
])
def test_a_new_day_is_read_with_the_days_stored_before_home_dated_was_noted(run, before, new, read_again):
    for n in before:
        run.write(f"export ({n}).csv", _october(n))
    run.migrate()
    run.conn.execute("update raw_files set home_dated = null")
    run.write(f"export ({new}).csv", _october(new))
    lines = run.migrate().resettled_lines()
    assert run.dates(*(f"export ({n}).csv" for n in (*before, new))) == [
        [dt.date(2012, 10, n)] for n in (*before, new)]
    assert [line[:len(start)] for line, start in zip(lines, read_again)] == read_again
    assert len(lines) == len(read_again) and all(line.endswith(" one-day files of its layout read together")
                                                 for line in lines)


def test_a_stored_files_guess_is_settled_by_a_new_sibling_that_proves_the_order(run):
    # An office's 4 March alone, "04/03/2025": month first by the guess (3 April). Its 13 March, arriving
    # later, proves day first: the stored file is read again as 4 March.
    run.write("day_04.csv", _day_first(range(4, 5)))
    run.migrate()
    assert run.dates("day_04.csv") == [[dt.date(2025, 4, 3)]]
    run.write("day_13.csv", _day_first(range(13, 14)))
    report = run.migrate()
    assert run.dates("day_04.csv") == [[dt.date(2025, 3, 4)]]
    assert report.resettled == {"day_04.csv": "day/month order settled by 1 sibling file of the same layout"}


def test_a_stored_guess_is_settled_by_the_later_siblings_holding_its_tickers(run):
    # A London and a New York office, one header and name pattern, one folder, a file each a day. Their 1
    # October guesses (10 January for London's "01/10/2024"); their 15 October proves day first and month first:
    # siblings that disagree, London's first day stayed on 10 January (silent). Only London's hold VOD (bare:
    # "VOD.L", London's code alone, guesses the day first by itself, detection/agreed_order.py).
    def day(cell: str, ticker: str) -> str:
        return f"Date;Ticker;Close\n{cell};{ticker};10.5\n"

    run.write("export (1).csv", day("01/10/2024", "VOD"))
    run.write("export (2).csv", day("10/01/2024", "AAPL"))
    run.migrate()
    assert run.dates("export (1).csv") == [[dt.date(2024, 1, 10)]]  # the guess
    run.write("export (3).csv", day("15/10/2024", "VOD"))
    run.write("export (4).csv", day("10/15/2024", "AAPL"))
    report = run.migrate()
    assert run.dates("export (1).csv", "export (2).csv") == [[dt.date(2024, 10, 1)], [dt.date(2024, 10, 1)]]
    assert report.resettled == {"export (1).csv": "day/month order settled by 1 sibling file of the same layout "
                                                  "holding its tickers"}


def test_stored_days_read_together_are_settled_by_a_later_sibling_that_proves_the_other_order(run):
    # An American office's monthly files: 1 February and 1 March 2024, "02/01/2024" and "03/01/2024" (copied
    # at once: their times tell nothing). Read together day first they are 2 and 3 January, a run of days
    # (pooled_order.py), and both were read so. Its 15 April, "04/15/2024", proves month first: migrated at
    # once, the three load on 1 February, 1 March and 15 April (a proof settles before files are read
    # together); a month at a time, the first two stayed on 2 and 3 January.
    for n, day in enumerate(("02/01/2024", "03/01/2024", "04/15/2024"), 1):
        run.write(f"close_{n:02d}.csv", HEADER + f"{day};AAA;{n}.5\n")
        report = run.migrate()
    assert run.dates("close_01.csv", "close_02.csv", "close_03.csv") == [
        [dt.date(2024, 2, 1)], [dt.date(2024, 3, 1)], [dt.date(2024, 4, 15)]]
    assert report.resettled == {f"close_0{n}.csv": "day/month order settled by 1 sibling file of the same layout"
                                for n in (1, 2)}


def _tab_day(day: int, close: str, volume: str) -> str:
    return f"Date\tTicker\tClose\tVolume\n2023-02-{day:02d}\tMC.PA\t{close}\t{volume}\n"


def _marks(conn, name: str) -> tuple:
    schema = file_schemas.final_schema(conn, manifest.current_files(conn)[name].sha256)
    return schema["decimal"], schema["thousands"], schema.get("marks_from")


def test_a_days_guessed_marks_are_settled_by_its_days_stored_before_or_after(run):
    # A German office's tab files a day at a time. 15 February's "245,040" and "51.956" read either way, and
    # the tab's custom (the dot the decimal) read them 1000x off; its 14th, stored before, and its 16th,
    # after, prove the comma the decimal by their volumes grouped twice (sibling_marks.py, stored_order.py).
    run.write("EOD_15.csv", _tab_day(15, "245,040", "51.956"))
    run.migrate()
    assert _marks(run.conn, "EOD_15.csv")[0] == "."  # the guess
    run.write("EOD_16.csv", _tab_day(16, "243,978", "4.719.903"))
    report = run.migrate()
    assert _marks(run.conn, "EOD_15.csv") == (",", ".", "1 sibling file of the same layout")
    assert report.resettled == {"EOD_15.csv": "number marks settled by 1 sibling file of the same layout"}
    run.write("EOD_17.csv", _tab_day(17, "246,100", "61.002"))
    run.migrate()
    assert _marks(run.conn, "EOD_17.csv") == (",", ".", "1 sibling file of the same layout")


def test_marks_a_user_said_of_a_day_prove_its_next_days_marks(run):
    # The German office's tab files, every day's numbers read either way ('245,040' beside '51.956'): the user
    # says the first day's marks, comma the decimal. Its next day was read by the tab's custom, 1000x off, as the
    # user's word proved nothing to a sibling (a date format said does).
    run.write("EOD_13.csv", _tab_day(13, "245,040", "51.956"))
    run.migrate()
    sha = manifest.current_files(run.conn)["EOD_13.csv"].sha256
    file_overrides.set_marks(run.conn, sha, [sha], file_schemas.final_schemas(run.conn, [sha]), (",", "."), "ana")
    run.write("EOD_14.csv", _tab_day(14, "246,110", "48.012"))
    run.migrate()
    assert _marks(run.conn, "EOD_14.csv") == (",", ".", "1 sibling file of the same layout")


def test_a_stored_files_order_a_user_said_is_not_read_again(run):
    # The user said month first of the office's lone 4 March (whatever it is, their word stands).
    run.write("day_04.csv", _day_first(range(4, 5)))
    run.migrate()
    sha = manifest.current_files(run.conn)["day_04.csv"].sha256
    assert file_schemas.override_column(run.conn, [sha], "Date", "ana", final_format="%m/%d/%Y") == 1
    run.write("day_13.csv", _day_first(range(13, 14)))
    report = run.migrate()
    assert report.resettled_lines() == [
        "day_04.csv: stored before, NOT read again: its day/month order, settled by 1 sibling file of the same "
        "layout, is not stored: a user's correction of its date column stands"]
    assert run.dates("day_04.csv") == [[dt.date(2025, 4, 3)]]


def test_a_stored_midweek_bar_is_read_east_of_utc_once_a_later_file_proves_its_source_so(run):
    # A daily run of Tokyo's bars that starts on a Wednesday: its bar, stamped on the Tuesday evening, read by
    # its UTC day (a day early) as nothing proves otherwise; the next Monday's file (stamped on a Sunday
    # evening) proves the source east of UTC, and Wednesday's stored file is read again.
    run.write("7203_20240110.csv", ONE_BAR_HEADER + WEDNESDAY_BAR)
    run.migrate()
    assert run.dates("7203_20240110.csv") == [[dt.date(2024, 1, 9)]]  # by its UTC day
    run.write("7203_20240115.csv", ONE_BAR_HEADER + "1705244400,2514,2544,2494,2524,1\n")  # Sunday 15:00 UTC
    report = run.migrate()
    assert run.dates("7203_20240110.csv", "7203_20240115.csv") == [[dt.date(2024, 1, 10)], [dt.date(2024, 1, 15)]]
    assert report.resettled == {"7203_20240110.csv": "east of UTC: the next day's sessions, as 1 sibling file "
                                                     "of the same source stamped on weekend evenings prove"}


@pytest.mark.parametrize("withdrawn", [False, True], ids=["sent-again", "withdrawn"])
def test_a_file_replaced_or_withdrawn_proves_no_order_to_the_days_after_it(run, withdrawn):
    # A British office's 15 October 2012 first sent month first by mistake ("10/15/2012"), then sent again right
    # ("15/10/2012"), or withdrawn and sent right under another name. The first version's detection proved month
    # first still: its siblings disagreed, and the office's 1 November, "01/11/2012", loaded on 11 January.
    run.write("p15.csv", HEADER + "10/15/2012;AAA;15.5\n", _evening(dt.date(2012, 10, 15)))
    run.migrate()
    if withdrawn:
        (run.source / "p15.csv").unlink()
        migrate(run.conn, run.source, run.lake, run.surveyor, withdraw_missing=True)
    run.write("p15.csv", HEADER + "15/10/2012;AAA;15.5\n", _evening(dt.date(2012, 10, 16)))
    run.migrate()
    run.write("p1101.csv", HEADER + "01/11/2012;AAA;1.5\n", _evening(dt.date(2012, 11, 1)))
    run.migrate()
    assert run.dates("p15.csv", "p1101.csv") == [[dt.date(2012, 10, 15)], [dt.date(2012, 11, 1)]]


@pytest.mark.parametrize("sent_again", [True, False], ids=["sent-again-right", "withdrawn"])
def test_days_a_mistaken_file_settled_are_read_back_when_it_is_sent_again_right_or_withdrawn(run, sent_again):
    # A British office's 1, 2 and 3 October 2012 read together day first; its 15 October sent month first by
    # mistake ("10/15/2012") proves month first, and they are read again so (10 January, 10 February, ...). Sent
    # again right ("15/10/2012"), it proves day first: the days its mistake settled stayed on 10 January and 10
    # February, where the folder migrated at once reads them on 1, 2 and 3 October. Withdrawn and not sent
    # again, nothing proved month first any more, yet they stayed there (silent): read together again.
    for n in (1, 2, 3):
        run.write(f"p{n}.csv", _october(n), _evening(dt.date(2012, 10, n)))
        run.migrate()
    run.write("p15.csv", HEADER + "10/15/2012;AAA;15.5\n", _evening(dt.date(2012, 10, 15)))
    run.migrate()
    assert run.dates("p1.csv") == [[dt.date(2012, 1, 10)]]
    seen = manifest.last_change_seq(run.conn)
    if sent_again:
        run.write("p15.csv", HEADER + "15/10/2012;AAA;15.5\n", _evening(dt.date(2012, 10, 16)))
        report = run.migrate()
        told = "1 sibling file of the same layout"
    else:
        (run.source / "p15.csv").unlink()
        report = migrate(run.conn, run.source, run.lake, run.surveyor, withdraw_missing=True)
        told = "the dates of 3 one-day files of its layout read together"
    assert run.dates("p1.csv", "p2.csv", "p3.csv") == [[dt.date(2012, 10, d)] for d in (1, 2, 3)]
    assert report.resettled == {f"p{n}.csv": f"day/month order settled by {told}" for n in (1, 2, 3)}
    # The dates they leave run again, and those they reach.
    assert {dt.date(2012, 1, 10), dt.date(2012, 10, 1)} <= {
        d for c in manifest.changes_after(run.conn, seen) for d in c.dates}


def test_an_export_saved_over_each_day_keeps_proving_its_order(run):
    # An office's export saved over each day under one name: its 15 and 16 October prove day first. Its versions
    # replaced by another day's were left out as a file sent again corrected is (1c911b0): once the proving days
    # were saved over, nothing proved its order, and its 5 November loaded on 11 May.
    for n in (15, 16):
        run.write("latest.csv", HEADER + f"{n}/10/2012;AAA;{n}.5\n", _evening(dt.date(2012, 10, n)))
        run.migrate()
    read = []
    for n in (1, 2, 5):
        run.write("latest.csv", HEADER + f"{n:02d}/11/2012;AAA;{n}.5\n", _evening(dt.date(2012, 11, n)))
        run.migrate()
        read += run.dates("latest.csv")
    assert read == [[dt.date(2012, 11, n)] for n in (1, 2, 5)]


def test_an_export_saved_over_each_day_keeps_proving_its_marks(run):
    # The German office's tab export saved over each day: its 16th proves the comma the decimal ("4.719.903").
    # Saved over, it proved nothing (1c911b0), and its 20th, read either way, was read by the tab's custom, 1000x off.
    run.write("EOD.csv", _tab_day(16, "243,978", "4.719.903"))
    run.migrate()
    read = []
    for day, close, volume in ((17, "246,100", "61.002"), (20, "245,040", "51.956"), (21, "244,870", "55.300")):
        run.write("EOD.csv", _tab_day(day, close, volume))
        run.migrate()
        read.append(_marks(run.conn, "EOD.csv")[0])
    assert read == [",", ",", ","]


@pytest.mark.parametrize("days, mistake, before, after, told", [
    # A British office's 9 July 2015, "09/07/2015", guessed 7 September; its 13th, "13/07/2015", proves day first,
    # and a "07/13/2015" sent by mistake the same day month first: siblings disagree, the guess stays. The mistake
    # withdrawn, the folder migrated at once reads 9 July; the daily run kept 7 September (silent).
    (["09/07/2015", "13/07/2015"], "07/13/2015", dt.date(2015, 9, 7), dt.date(2015, 7, 9),
     "day/month order settled by 1 sibling file of the same layout"),
    # An office's lone 4 March, "04/03/2025", guessed month first (3 April); a "13/03/2025" sent with it proves day
    # first and is withdrawn, not sent again: the folder migrated at once guesses 3 April, as the daily run does.
    (["04/03/2025"], "13/03/2025", dt.date(2025, 3, 4), dt.date(2025, 4, 3),
     "day/month order a guess again: the file that settled it is gone"),
], ids=["disagreed", "lone"])
def test_a_guess_a_withdrawn_file_settled_or_disagreed_over_is_read_as_the_siblings_left_read_it(
        run, days, mistake, before, after, told):
    # The mistake comes with the last day (its name the office's), each day migrated as it comes.
    for n, cell in enumerate(days, 1):
        run.write(f"export ({n}).csv", HEADER + f"{cell};AAA;{n}.5\n")
        if n == len(days):
            run.write("export (9).csv", HEADER + f"{mistake};AAA;9.5\n")
        run.migrate()
    assert run.dates("export (1).csv") == [[before]]
    (run.source / "export (9).csv").unlink()
    report = migrate(run.conn, run.source, run.lake, run.surveyor, withdraw_missing=True)
    assert run.dates("export (1).csv") == [[after]]
    assert report.resettled == {"export (1).csv": told}
