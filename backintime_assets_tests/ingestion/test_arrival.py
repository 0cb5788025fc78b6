"""New detections refused where their files' rows run past the day the file arrived: the manifest
files the file under its home date with the refusal, file_schemas keeps it, and a copy, a rename or
a redetection years later is judged by the day the content first arrived."""
import datetime as dt
import os

import psycopg
import pytest

from backintime_assets.db import file_schemas, manifest
from backintime_assets.db.schema import ensure_schema
from backintime_assets.detection import FileSchema, detect_bytes
from backintime_assets.ingestion.arrival import refuse_after_arrival
from backintime_assets.ingestion.raw import migrate
from backintime_assets.ingestion.redetect import redetect
from backintime_assets.ingestion.survey import survey_file
from backintime_assets.normalisation import normalise_bytes
from backintime_assets_tests.ingestion.test_raw import DriverSurveyor

# A German bond list: each bond's price beside its maturity, the only date, under a name detection does not
# know. Read so, the 2024 bond's price loaded as its close on 15 August 2024, the others were held to load on
# their maturity days.
BONDS = ("ISIN;Bezeichnung;Rückzahlung;Kurs\nDE0001102341;Bund 2,5% 15/24;15.08.2024;99,80\n"
         "DE0001102382;Bund 1% 15/46;15.08.2046;71,25\nDE0001141810;Bobl 2,2% 24/89;13.04.2089;100,15\n")
WRITTEN = dt.datetime(2025, 3, 4, 18).timestamp()  # Tuesday 4 March 2025: its home date


def _surveyed(text: str, name: str):
    data = text.encode()
    return survey_file(lambda o, n: data[o:o + n], len(data), name, detect_bytes(data, name))


def test_a_survey_of_dates_past_its_arrival_is_refused_and_one_within_a_week_is_not():
    daily = "Date,Symbol,Close\n2025-03-10,AAA,10.5\n"  # Monday's list, written the Friday before
    surveys = {"bonds": _surveyed(BONDS, "anleihen.csv"), "daily": _surveyed(daily, "d.csv"),
               "stored": _surveyed(BONDS, "old.csv")}
    assert surveys["bonds"].dates[-1] == dt.date(2089, 4, 13)  # read as trade dates, before the rule
    refused = refuse_after_arrival(surveys, {"bonds": dt.date(2025, 3, 4), "daily": dt.date(2025, 3, 7)})
    assert list(refused) == ["bonds"]
    bonds = surveys["bonds"]
    assert bonds.dates == [] and bonds.problem == refused["bonds"]
    assert bonds.problem.startswith("dates up to 2089-04-13 in column 'Rückzahlung', after the file arrived on "
                                    "2025-03-04 (2 of its 3 dates")
    assert bonds.schema_dict()["problem"] == bonds.problem
    assert surveys["daily"].dates == [dt.date(2025, 3, 10)] and surveys["daily"].problem is None
    assert surveys["stored"].dates[-1] == dt.date(2089, 4, 13)  # not a new detection: not judged here
    # Read with the refused schema, no row loads: every one is rejected with the reason.
    out = normalise_bytes(BONDS.encode(), FileSchema.from_json(bonds.schema_json), "anleihen.csv")
    assert out.prices_arrow.num_rows == 0 and out.rows_read == 3 and out.file_problem == bonds.problem
    reasons = out.rejected_arrow["reason"].to_pylist()
    assert len(reasons) == 3 and all(r == f"file problem: {bonds.problem}" for r in reasons)


@pytest.mark.postgres
def _assert_bonds_refused(conn, report, after: str = ""):
    """The bond list (BONDS as anleihen.csv), arrived today, refused for its dates after that: filed under its
    home date alone, the refusal reported and stored on its detection. Returns its manifest row."""
    today = manifest.database_now(conn).astimezone(dt.timezone.utc).date()
    bonds = manifest.current_files(conn)["anleihen.csv"]
    assert bonds.dates == [dt.date(2025, 3, 4)] and bonds.home_dated
    assert bonds.problem.startswith(f"dates up to 2089-04-13 in column 'Rückzahlung', after the file arrived on "
                                    f"{today.isoformat()}{after}")
    assert report.problems == {"anleihen.csv": bonds.problem}
    assert file_schemas.stored_detections(conn, [bonds.sha256])[bonds.sha256]["problem"] == bonds.problem
    return bonds


def test_a_bond_list_is_refused_at_migration_and_its_copy_and_redetection_stay_refused(postgres_url, local_lake,
                                                                                        tmp_path):
    source = tmp_path / "source"
    source.mkdir()
    (source / "anleihen.csv").write_text(BONDS)
    os.utime(source / "anleihen.csv", (WRITTEN, WRITTEN))
    surveyor = DriverSurveyor(local_lake)
    with psycopg.connect(postgres_url) as conn:
        ensure_schema(conn)
        report = migrate(conn, source, local_lake, surveyor)
        # Filed under its home date alone, where its rows are rejected with the reason: none waits for 2046.
        bonds = _assert_bonds_refused(conn, report)

        # First seen on 4 March 2025 (as a database of then would hold), its 2046 and 2089 dates still after it.
        conn.execute("update raw_files set copied_at = '2025-03-04 18:00+00' where sha256 = %s", (bonds.sha256,))
        # A copy under another name arrives with the content: read with its stored, refused schema.
        (source / "copy.csv").write_text(BONDS)
        migrate(conn, source, local_lake, surveyor)
        copy = manifest.current_files(conn)["copy.csv"]
        assert copy.problem == bonds.problem and copy.home_dated

        # Detected again today, it is judged by its first arrival in 2025, not today.
        found = redetect(conn, [bonds.sha256], surveyor, store=True)
        stored = file_schemas.stored_detections(conn, [bonds.sha256])[bonds.sha256]["problem"]
        assert stored.startswith("dates up to 2089-04-13 in column 'Rückzahlung', after the file arrived on "
                                 "2025-03-04 (2 of its 3 dates"), found.files
        conn.rollback()


def _weekday_a_year_on() -> dt.date:
    far = dt.date.today() + dt.timedelta(days=365)
    while far.weekday() > 4:
        far += dt.timedelta(days=1)
    return far


@pytest.mark.postgres
def test_a_bond_list_stored_before_the_rule_is_refused_at_the_next_migration_which_reads_nothing_else(
        postgres_url, local_lake, tmp_path, monkeypatch):
    from backintime_assets.ingestion import raw

    source = tmp_path / "source"
    source.mkdir()
    (source / "anleihen.csv").write_text(BONDS)
    os.utime(source / "anleihen.csv", (WRITTEN, WRITTEN))
    for day in (3, 4):  # lists of their days, dated before they arrived: nothing to judge, nothing read again
        (source / f"prices_2025-03-0{day}.csv").write_text(f"Date,Symbol,Close\n2025-03-0{day},AAA,10.{day}\n")
    with psycopg.connect(postgres_url) as conn:
        ensure_schema(conn)
        # Migrated by a version before the rule: its maturities filed as trade dates, the detection stored so.
        monkeypatch.setattr(raw, "refuse_after_arrival", lambda surveys, arrived: {})
        monkeypatch.setattr(raw, "_refuse_stored_after_arrival", lambda *args: None, raising=False)
        migrate(conn, source, local_lake, DriverSurveyor(local_lake))
        monkeypatch.undo()
        before = manifest.current_files(conn)["anleihen.csv"]
        assert before.dates[-2:] == [dt.date(2046, 8, 15), dt.date(2089, 4, 13)] and before.problem is None
        seq = manifest.last_change_seq(conn)

        # Nothing changed in the folder: the next migration judges the stored detection by the manifest's dates.
        surveyor = DriverSurveyor(local_lake)
        report = migrate(conn, source, local_lake, surveyor)
        bonds = _assert_bonds_refused(conn, report, " (2 of its 3 dates")
        # The dates its rows held run again, to take them out of prices, and the home date that rejects them.
        assert [(c.source_path, sorted(set(c.dates))) for c in manifest.changes_after(conn, seq)] == [
            ("anleihen.csv", [dt.date(2024, 8, 15), dt.date(2025, 3, 4), dt.date(2046, 8, 15), dt.date(2089, 4, 13)])]
        # The bond list alone was read again; the day's lists were not.
        assert surveyor.asked == [[bonds.sha256]]
        # A migration after it finds nothing to judge and reads nothing.
        again = DriverSurveyor(local_lake)
        assert migrate(conn, source, local_lake, again).problems == {} and again.asked == []
        # A user who knows the column lifts the refusal: its rows load, and the next migration leaves them so.
        from backintime_assets.db import file_overrides
        from backintime_assets.ingestion.raw import resurvey

        assert file_overrides.set_load_refused(conn, bonds.sha256, [bonds.sha256], True, "ops") == [bonds.sha256]
        resurvey(conn, [bonds.sha256], DriverSurveyor(local_lake))
        assert manifest.current_files(conn)["anleihen.csv"].dates == before.dates
        lifted = DriverSurveyor(local_lake)
        assert migrate(conn, source, local_lake, lifted).problems == {} and lifted.asked == []
        assert (manifest.current_files(conn)["anleihen.csv"].problem, file_schemas.final_schemas(
            conn, [bonds.sha256])[bonds.sha256]["problem"]) == (None, None)
        conn.rollback()


@pytest.mark.postgres
def test_a_stored_list_renamed_so_a_year_ahead_dates_it_is_refused(postgres_url, local_lake, tmp_path):
    from backintime_assets_tests.ingestion.test_raw import DAY_LIST

    # Its title says a day a year on, its first name another: no day read, nothing to judge. Renamed without a
    # day, the title dates it: its rows were filed a year ahead, to load the day that partition opens.
    far = _weekday_a_year_on()
    source = tmp_path / "source"
    source.mkdir()
    (source / "pricelist_2025-03-05.csv").write_text(f"Daily Quotations {far:%Y/%m/%d}\n" + DAY_LIST)
    surveyor = DriverSurveyor(local_lake)
    with psycopg.connect(postgres_url) as conn:
        ensure_schema(conn)
        migrate(conn, source, local_lake, surveyor)
        first = manifest.current_files(conn)["pricelist_2025-03-05.csv"]
        assert first.problem is not None and "after the file arrived" not in first.problem
        (source / "pricelist_2025-03-05.csv").rename(source / "quotes.csv")
        report = migrate(conn, source, local_lake, surveyor)
        quotes = manifest.current_files(conn)["quotes.csv"]
        assert quotes.sha256 == first.sha256 and quotes.home_dated and far not in quotes.dates
        assert quotes.problem.startswith(f"dates up to {far.isoformat()} in the day read from ")
        assert "after the file arrived on " in quotes.problem and report.problems == {"quotes.csv": quotes.problem}
        assert file_schemas.stored_detections(conn, [quotes.sha256])[quotes.sha256]["problem"] == quotes.problem
        conn.rollback()


@pytest.mark.postgres
def test_stored_files_whose_dates_pass_arrival_by_a_typo_or_within_the_week_are_left_as_they_are(
        postgres_url, local_lake, tmp_path):
    source = tmp_path / "source"
    source.mkdir()
    today = dt.date.today()
    # Two years of days with one row's year typed 2071 (under one in MATERIAL of its dates); a list dated
    # three days on (a Friday's file of the Monday after a long weekend).
    days = [dt.date(2023, 1, 2) + dt.timedelta(days=i) for i in range(730)]
    rows = "".join(f"{d},AAA,10.5\n" for d in days if d.weekday() < 5) + "2071-03-04,AAA,10.5\n"
    (source / "history.csv").write_text("Date,Symbol,Close\n" + rows)
    soon = today + dt.timedelta(days=3)
    while soon.weekday() > 4:  # a trading day, within the week's leeway
        soon += dt.timedelta(days=1)
    (source / "monday.csv").write_text(f"Date,Symbol,Close\n{soon},AAA,10.5\n")
    with psycopg.connect(postgres_url) as conn:
        ensure_schema(conn)
        migrate(conn, source, local_lake, DriverSurveyor(local_lake))
        before = manifest.current_files(conn)
        assert before["history.csv"].dates[-1] == dt.date(2071, 3, 4) and before["history.csv"].problem is None
        again = DriverSurveyor(local_lake)
        assert migrate(conn, source, local_lake, again).problems == {} and again.asked == []
        assert manifest.current_files(conn) == before
        conn.rollback()


def _weekday_on_or_after(day: dt.date) -> dt.date:
    while day.weekday() > 4:
        day += dt.timedelta(days=1)
    return day


@pytest.mark.postgres
def test_a_refusal_of_another_kind_a_user_lifted_stays_lifted_though_its_dates_pass_arrival(
        postgres_url, local_lake, tmp_path):
    from backintime_assets.db import file_overrides
    from backintime_assets.ingestion.raw import resurvey

    # Monthly bars, the month under way dated at its end, three weeks on: refused as bars longer than a day, a
    # judgement a new detection holds before any other (it is not judged after arrival). A user who wants the bars
    # lifts it; the next migration, of the same folder, must leave them loaded, as one the day before it did.
    today = dt.date.today()
    days = [_weekday_on_or_after(today + dt.timedelta(days=n)) for n in (-61, -30, 20)]
    source = tmp_path / "source"
    source.mkdir()
    (source / "monthly.csv").write_text("Date,Symbol,Period,Open,High,Low,Close\n"
                                        + "".join(f"{d},AAA,M,10,11,9,10.5\n" for d in days))
    with psycopg.connect(postgres_url) as conn:
        ensure_schema(conn)
        migrate(conn, source, local_lake, DriverSurveyor(local_lake))
        bars = manifest.current_files(conn)["monthly.csv"]
        assert bars.problem.startswith("monthly bars, not daily prices: ") and bars.home_dated
        assert file_overrides.set_load_refused(conn, bars.sha256, [bars.sha256], True, "ops") == [bars.sha256]
        resurvey(conn, [bars.sha256], DriverSurveyor(local_lake))
        assert (manifest.current_files(conn)["monthly.csv"].dates, manifest.current_files(conn)["monthly.csv"].problem
                ) == (days, None)

        again = DriverSurveyor(local_lake)
        report = migrate(conn, source, local_lake, again)
        assert report.problems == {} and again.asked == []
        lifted = manifest.current_files(conn)["monthly.csv"]
        assert (lifted.dates, lifted.problem, lifted.home_dated) == (days, None, False)
        assert file_schemas.stored_detections(conn, [bars.sha256])[bars.sha256]["problem"] == bars.problem
        conn.rollback()


@pytest.mark.postgres
def test_a_users_day_replaces_the_day_a_refusal_after_arrival_was_of_and_is_judged_itself(
        postgres_url, local_lake, tmp_path):
    from backintime_assets.db import file_overrides
    from backintime_assets.ingestion.raw import resurvey
    from backintime_assets_tests.ingestion.test_raw import DAY_LIST

    # A day's list whose title says a day a year on (a typo of its year): refused after its arrival. An engineer who
    # knows its day backfills it, long past: the rows load on it, and stay loaded at the next migration. Refused as
    # before, the list said its rows were dated a year on though they were dated as the engineer said.
    far = _weekday_a_year_on()
    source = tmp_path / "source"
    source.mkdir()
    (source / "quotes.csv").write_text(f"Daily Quotations {far:%Y/%m/%d}\n" + DAY_LIST)
    backfilled = dt.date(2024, 9, 3)
    with psycopg.connect(postgres_url) as conn:
        ensure_schema(conn)
        migrate(conn, source, local_lake, DriverSurveyor(local_lake))
        quotes = manifest.current_files(conn)["quotes.csv"]
        assert quotes.problem.startswith(f"dates up to {far.isoformat()} in the day read from ")
        file_overrides.set_day(conn, quotes.sha256, file_schemas.final_schema(conn, quotes.sha256), backfilled, "ana")
        resurvey(conn, [quotes.sha256], DriverSurveyor(local_lake))
        loaded = manifest.current_files(conn)["quotes.csv"]
        assert (loaded.dates, loaded.problem) == ([backfilled], None)
        again = DriverSurveyor(local_lake)
        assert migrate(conn, source, local_lake, again).problems == {} and again.asked == []
        assert (manifest.current_files(conn)["quotes.csv"].dates, manifest.current_files(conn)["quotes.csv"].problem
                ) == ([backfilled], None)
        # A user's day a year past the arrival is judged as any day: refused, naming the user's day, and so it stays.
        later = _weekday_on_or_after(far + dt.timedelta(days=7))
        file_overrides.set_day(conn, quotes.sha256, file_schemas.final_schema(conn, quotes.sha256), later, "ana")
        resurvey(conn, [quotes.sha256], DriverSurveyor(local_lake))
        report = migrate(conn, source, local_lake, DriverSurveyor(local_lake))
        refused = manifest.current_files(conn)["quotes.csv"]
        assert refused.problem.startswith(f"dates up to {later.isoformat()} in the day read from schema override by "
                                          "ana, after the file arrived on ")
        assert report.problems == {"quotes.csv": refused.problem} and refused.home_dated
        steady = DriverSurveyor(local_lake)
        assert migrate(conn, source, local_lake, steady).problems == {} and steady.asked == []
        assert manifest.current_files(conn)["quotes.csv"].problem == refused.problem
        # Backfilled to its day again: loads.
        file_overrides.set_day(conn, quotes.sha256, file_schemas.final_schema(conn, quotes.sha256), backfilled, "ana")
        resurvey(conn, [quotes.sha256], DriverSurveyor(local_lake))
        assert (manifest.current_files(conn)["quotes.csv"].dates, manifest.current_files(conn)["quotes.csv"].problem
                ) == ([backfilled], None)
        conn.rollback()


@pytest.mark.postgres
def test_a_users_day_past_the_arrival_is_refused_as_it_is_said_not_at_the_next_migration(
        postgres_url, local_lake, tmp_path):
    from backintime_assets.db import file_overrides
    from backintime_assets.ingestion.raw import resurvey_as_said
    from backintime_assets_tests.ingestion.test_raw import DAY_LIST

    # A day's list copied in early January 2024 whose title reads a day of 2025: refused after its arrival. A user
    # says its day is 2025-06-02, long past today but a year and more after the file arrived. That day replaces
    # the title's and loads until a migration judges it: the override asked a run of 2025-06-02, and a run of
    # that day alone before the sensor's next migration loaded the list on it.
    source = tmp_path / "source"
    source.mkdir()
    (source / "quotes.csv").write_text("Daily Quotations 2025/01/06\n" + DAY_LIST)
    said = dt.date(2025, 6, 2)
    with psycopg.connect(postgres_url) as conn:
        ensure_schema(conn)
        migrate(conn, source, local_lake, DriverSurveyor(local_lake))
        conn.execute("update raw_files set copied_at = '2024-01-02 12:00+00'")
        migrate(conn, source, local_lake, DriverSurveyor(local_lake))
        quotes = manifest.current_files(conn)["quotes.csv"]
        assert quotes.problem.startswith("dates up to 2025-01-06 in the day read from title line 1")
        file_overrides.set_day(conn, quotes.sha256, file_schemas.final_schema(conn, quotes.sha256), said, "ana")
        dates = resurvey_as_said(conn, [quotes.sha256], DriverSurveyor(local_lake))
        refused = manifest.current_files(conn)["quotes.csv"]
        assert refused.problem.startswith("dates up to 2025-06-02 in the day read from schema override by ana, "
                                          "after the file arrived on 2024-01-02")
        assert refused.home_dated and said in dates and said not in refused.dates
        # A day before the arrival loads, as said.
        file_overrides.set_day(conn, quotes.sha256, file_schemas.final_schema(conn, quotes.sha256),
                               dt.date(2023, 12, 29), "ana")
        resurvey_as_said(conn, [quotes.sha256], DriverSurveyor(local_lake))
        loaded = manifest.current_files(conn)["quotes.csv"]
        assert (loaded.dates, loaded.problem) == ([dt.date(2023, 12, 29)], None)
        conn.rollback()
