"""`schema redetect`: files migrated under an older detector are detected again; what changed is
said, stored with the user's corrections kept, and the dates read before and after are logged."""
import datetime as dt

import psycopg
import pytest

from backintime_assets.db import file_overrides, file_schemas, manifest
from backintime_assets.db.schema import ensure_schema
from backintime_assets.ingestion.raw import migrate
from backintime_assets.ingestion.redetect import redetect
from backintime_assets_tests.ingestion.test_raw import DriverSurveyor, _source
from backintime_assets_tests.ingestion.surveyed_here import ONE_BAR_HEADER, WEDNESDAY_BAR, tokyo_source

pytestmark = pytest.mark.postgres
MARCH = [dt.date(2025, 3, d) for d in range(3, 8)]
# Read month-first, as the older detector did: 3 March, 3 April, 3 June, 3 July (3 May is a Saturday).
MONTH_FIRST = [dt.date(2025, m, 3) for m in (3, 4, 6, 7)]


def _as_old_detector_stored(conn, survey, sha, path, change):
    """The stored state an older detector left: its detection (today's, changed by `change`) and
    the dates the file was filed under when read with it."""
    schema = file_schemas.stored_detections(conn, [sha])[sha]
    change(schema)
    file_schemas.save_detection(conn, sha, path, schema)
    from backintime_assets.ingestion.raw import resurvey

    resurvey(conn, [sha], survey)


def _kept_back(conn, survey, sha) -> tuple[str, list]:
    """Detected again and stored, the file keeps its stored detection (nothing stored, nothing
    changed): why, as redetect says it, and the dates it gives to run again."""
    before = file_schemas.stored_detections(conn, [sha])
    found = redetect(conn, [sha], survey, store=True)
    [f] = found.files
    assert found.stored == [] and file_schemas.stored_detections(conn, [sha]) == before
    return f.kept_back, found.dates


def _month_first(schema):
    schema["columns"][0]["format"] = "%m/%d/%Y"


@pytest.fixture
def migrated(postgres_url, local_lake, tmp_path):
    """(connection, surveyor, sha of a.csv, sha of b.csv): a.csv stored as the older detector read
    it (month-first), b.csv as today's does; committed, as a migration long ago would be."""
    survey = DriverSurveyor(local_lake)
    with psycopg.connect(postgres_url) as conn:
        ensure_schema(conn)
        migrate(conn, _source(tmp_path, a=range(3, 8), b=range(10, 12)), local_lake, survey)
        files = manifest.current_files(conn)
        a, b = files["a.csv"].sha256, files["b.csv"].sha256
        _as_old_detector_stored(conn, survey, a, "a.csv", _month_first)
        conn.commit()
        assert manifest.current_files(conn)["a.csv"].dates == MONTH_FIRST
        yield conn, survey, a, b


def test_a_dry_run_says_what_changes_and_stores_nothing(migrated):
    conn, survey, a, b = migrated
    stored, seq = file_schemas.stored_detections(conn, [a, b]), manifest.last_change_seq(conn)
    found = redetect(conn, [a, b], survey, store=False)
    assert [(f.source_path, f.changes) for f in found.files] == [
        ("a.csv", ["column 1 Date: format '%m/%d/%Y' -> '%d/%m/%Y'"]), ("b.csv", [])]
    assert found.stored == [] and found.dates == []
    assert file_schemas.stored_detections(conn, [a, b]) == stored
    assert manifest.current_files(conn)["a.csv"].dates == MONTH_FIRST and manifest.last_change_seq(conn) == seq
    assert survey.asked[-1] == [a, b]  # detected as new files: no stored schema given


def test_a_changed_detection_is_stored_and_the_dates_read_before_and_after_are_logged(migrated):
    conn, survey, a, b = migrated
    seq = manifest.last_change_seq(conn)
    found = redetect(conn, [a, b], survey, store=True)
    conn.commit()
    assert found.stored == [a] and found.reread == [a]
    assert found.dates == sorted(set(MARCH) | set(MONTH_FIRST))
    assert file_schemas.final_schema(conn, a)["columns"][0]["format"] == "%d/%m/%Y"
    assert manifest.current_files(conn)["a.csv"].dates == MARCH
    [change] = manifest.changes_after(conn, seq)  # b.csv, unchanged, is not read again nor logged
    assert change.source_path == "a.csv" and change.dates == found.dates


def test_a_users_correction_is_kept_on_its_column_when_the_columns_move(migrated):
    conn, survey, a, b = migrated

    def with_a_row_number_column(schema):  # the older detector took a row number for a column
        schema["columns"].insert(0, {"name": "Row", "type": "integer", "format": None, "confidence": 1.0,
                                     "canonical": None})

    _as_old_detector_stored(conn, survey, b, "b.csv", with_a_row_number_column)
    file_schemas.override_column(conn, [b], "Close", "alice", final_mapping="adj_close")  # the 4th column
    file_schemas.override_column(conn, [a], "Date", "bob", final_format="%d/%m/%Y")  # what redetect finds
    conn.commit()
    found = redetect(conn, [a, b], survey, store=True)
    conn.commit()
    assert [f.changes for f in found.files] == [["column 1 Date: format '%m/%d/%Y' -> '%d/%m/%Y'"],
                                                ["columns removed 'Row'"]]
    columns = file_schemas.final_schema(conn, b)["columns"]
    assert [(c["name"], c["canonical"]) for c in columns] == [("Date", "date"), ("Ticker", "ticker"),
                                                              ("Close", "adj_close")]
    assert [(o.column_index, o.changed_by) for o in file_schemas.overrides(conn, [b])[b]] == [(2, "alice")]
    # a.csv's detection now says what bob's correction said: stored, yet it reads as before.
    assert found.stored == [a, b] and found.reread == [b]
    assert file_schemas.overrides(conn, [a])[a][0].changed_by == "bob"


def test_a_correction_the_new_detection_has_no_column_for_keeps_the_stored_detection(migrated):
    conn, survey, a, b = migrated

    def symbol(schema):  # a header the older detector read otherwise
        schema["columns"][1]["name"] = "Symbol"

    _as_old_detector_stored(conn, survey, a, "a.csv", symbol)
    file_schemas.override_column(conn, [a], "Symbol", "carol", final_mapping="sector")
    conn.commit()
    assert _kept_back(conn, survey, a) == ("kept its stored detection: the new one has no column for the "
                                           "correction of column 2 Symbol by carol", [])


def test_a_users_day_keeps_the_stored_detection_against_one_that_maps_a_date_column(migrated):
    conn, survey, a, b = migrated

    def undated(schema):  # an older detector that read no dates in the column
        schema["columns"][0].update(type="string", format=None, canonical=None)

    _as_old_detector_stored(conn, survey, a, "a.csv", undated)
    file_overrides.set_day(conn, a, file_schemas.final_schema(conn, a), dt.date(2025, 3, 3), "dave")
    conn.commit()
    assert _kept_back(conn, survey, a)[0] == ("kept its stored detection: the new one dates the rows by column "
                                              "'Date', and the day 2025-03-03 set by dave is for a file without one")
    # Unmapped by the user on the new detection's column too, it is stored, the day with it.
    file_schemas.override_column(conn, [a], "Date", "dave", final_mapping="none")
    found = redetect(conn, [a], survey, store=True)
    assert found.stored == [a] and file_schemas.final_schema(conn, a)["day"] == "2025-03-03"


def test_a_borrowed_schema_that_reads_alike_is_no_change(migrated):
    conn, survey, a, b = migrated
    schema = file_schemas.stored_detections(conn, [b])[b]
    file_schemas.save_detection(conn, b, "b.csv", dict(schema, file="a.csv", borrowed_from="a.csv"))
    conn.commit()
    found = redetect(conn, [b], survey, store=True)
    assert [f.changes for f in found.files] == [[]] and found.stored == []


def test_a_content_under_several_names_is_detected_under_the_one_it_was_detected_under(migrated, local_lake,
                                                                                       tmp_path):
    conn, survey, a, b = migrated
    source = tmp_path / "source"
    (source / "0 copy of b.csv").write_bytes((source / "b.csv").read_bytes())  # first in name order
    migrate(conn, source, local_lake, survey)
    names = []

    def recording(tasks):
        names.extend(t.name for t in tasks)
        return survey(tasks)

    found = redetect(conn, [b], recording, store=False)
    assert names == ["b.csv"] and [f.changes for f in found.files] == [[]]


def test_a_correction_of_one_field_pins_that_field_not_the_old_detection_of_the_others(migrated):
    conn, survey, a, b = migrated
    # carol corrected the Date column's mapping only; its format is the older detector's, not hers.
    file_schemas.override_column(conn, [a], "Date", "carol", final_mapping="date")
    conn.commit()
    found = redetect(conn, [a], survey, store=True)
    conn.commit()
    [f] = found.files
    assert f.changes == ["column 1 Date: format '%m/%d/%Y' -> '%d/%m/%Y'"]
    date = file_schemas.final_schema(conn, a)["columns"][0]
    assert (date["format"], date["canonical"]) == ("%d/%m/%Y", "date")
    # read again with the new format: the dates move, and both sets run again
    assert found.reread == [a] and found.dates == sorted(set(MARCH) | set(MONTH_FIRST))
    assert manifest.current_files(conn)["a.csv"].dates == MARCH
    assert file_schemas.overrides(conn, [a])[a][0].changed_by == "carol"


def test_a_users_ticker_keeps_the_stored_detection_against_one_that_maps_a_ticker_column(migrated):
    conn, survey, a, b = migrated

    def unnamed(schema):  # an older detector that took the column for a sector
        schema["columns"][1].update(canonical="sector")

    _as_old_detector_stored(conn, survey, a, "a.csv", unnamed)
    file_overrides.set_ticker(conn, a, file_schemas.final_schema(conn, a), "AAA", "erin")
    conn.commit()
    assert _kept_back(conn, survey, a)[0] == ("kept its stored detection: the new one names the rows' tickers by "
                                              "column 'Ticker', and the ticker AAA set by erin is for a file "
                                              "without one")


def test_a_daily_file_detected_again_alone_keeps_the_order_its_stored_siblings_settle(postgres_url, local_lake,
                                                                                       tmp_path):
    # "04/03/2025" alone reads month first (3 April) by the custom for "/"; its siblings of the 13th
    # on, migrated with it, prove day first. Detected again alone, it must not go back to the guess.
    survey = DriverSurveyor(local_lake)
    source = _source(tmp_path, day_13=range(13, 14), day_14=range(14, 15), day_17=range(17, 18), day_04=range(4, 5))
    with psycopg.connect(postgres_url) as conn:
        ensure_schema(conn)
        migrate(conn, source, local_lake, survey)
        sha = manifest.current_files(conn)["day_04.csv"].sha256
        assert manifest.current_files(conn)["day_04.csv"].dates == [dt.date(2025, 3, 4)]
        result = redetect(conn, [sha], survey, store=True)
        assert result.changed == [] and manifest.current_files(conn)["day_04.csv"].dates == [dt.date(2025, 3, 4)]
        assert file_schemas.final_schema(conn, sha)["columns"][0]["format"] == "%d/%m/%Y"


def test_a_detection_stored_before_evening_stamps_were_noted_proves_them_to_the_files_migrated_after(
        postgres_url, local_lake, tmp_path):
    # TradingView's bar a day of Tokyo, stamped at its midnight (15:00 UTC the day before): Monday's file,
    # stored before detection noted the weekday of its stamps (a Sunday evening), proves nothing to a
    # Wednesday's arriving alone. Detected again, it reads as before and stores what it notes, so the
    # Wednesday's bar loads on its session, not a day early.
    source = tokyo_source(tmp_path)
    survey = DriverSurveyor(local_lake)
    with psycopg.connect(postgres_url) as conn:
        ensure_schema(conn)
        migrate(conn, source, local_lake, survey)
        sha = manifest.current_files(conn)["7203_20240108.csv"].sha256
        old = file_schemas.stored_detections(conn, [sha])[sha]
        del old["columns"][0]["evenings"]
        file_schemas.save_detection(conn, sha, "7203_20240108.csv", old)
        result = redetect(conn, [sha], survey, store=True)
        assert result.changed == [] and result.stored == [] and result.noted == [sha]
        assert file_schemas.stored_detections(conn, [sha])[sha]["columns"][0]["evenings"] == "Sun 15:00"
        (source / "7203_20240110.csv").write_text(ONE_BAR_HEADER + WEDNESDAY_BAR)
        migrate(conn, source, local_lake, survey)
        assert manifest.current_files(conn)["7203_20240110.csv"].dates == [dt.date(2024, 1, 10)]
        assert manifest.current_files(conn)["7203_20240108.csv"].dates == [dt.date(2024, 1, 8)]


def test_a_content_detected_under_a_sites_name_is_detected_again_under_its_copys_symbol(
        postgres_url, local_lake, tmp_path):
    # Migrated by an older detector under WSJ's "HistoricalPrices.csv", loaded as HISTORICALPRICES, beside
    # its copy "dji.csv". Detected again under the site's name, it is refused (detection/nameless.py) and
    # has no loadable dates: the copy filed under its home date alone, its rows of other days unwritten.
    source = tmp_path / "source"
    source.mkdir()
    text = "Date,Open,High,Low,Close\n03/05/25,10.0,11.0,9.0,10.5\n03/04/25,9.0,10.0,8.0,9.5\n03/03/25,8,9,7,8.5\n"
    (source / "dji.csv").write_text(text)
    survey = DriverSurveyor(local_lake)
    with psycopg.connect(postgres_url) as conn:
        ensure_schema(conn)
        migrate(conn, source, local_lake, survey)
        sha = manifest.current_files(conn)["dji.csv"].sha256
        stored = file_schemas.stored_detections(conn, [sha])[sha]
        file_schemas.save_detection(conn, sha, "HistoricalPrices.csv", dict(stored, file="HistoricalPrices.csv"))
        conn.execute("update file_layouts set source_path = 'HistoricalPrices.csv' where sha256 = %s", (sha,))
        (source / "HistoricalPrices.csv").write_text(text)
        migrate(conn, source, local_lake, survey)
        redetect(conn, [sha], survey, store=True)
        files = manifest.current_files(conn)
    assert files["dji.csv"].dates == [dt.date(2025, 3, d) for d in (3, 4, 5)] and files["dji.csv"].problem is None


# 10 March, a week after 3 March: the two are no run of days (pooled_order.py), and each still guesses.
@pytest.mark.parametrize("others", [(), (10,)], ids=["alone", "beside another said so"])
def test_a_users_day_first_on_files_detected_again_stays_a_correction_that_settles_their_next_siblings(
        postgres_url, local_lake, tmp_path, others):
    # "03/03/2025" alone guesses month first; the user said day first. Detected again, the file was its own
    # stored sibling: the user's word settled its new detection, stored as detected it was no correction
    # any more, and the office's next "04/03/2025" loaded as 3 April. So too two files the user said day first
    # of (as --layout does of a layout's files), detected again together: each settled by the other's word.
    survey = DriverSurveyor(local_lake)
    source = _source(tmp_path, day_03=range(3, 4))
    with psycopg.connect(postgres_url) as conn:
        ensure_schema(conn)
        migrate(conn, source, local_lake, survey)
        for day in others:  # each alone: each guesses
            text = (source / "day_03.csv").read_text()
            (source / f"day_{day:02d}.csv").write_text(text.replace("03/03", f"{day:02d}/03"))
            migrate(conn, source, local_lake, survey)
        shas = [f.sha256 for f in manifest.current_files(conn).values()]
        assert file_schemas.override_column(conn, shas, "Date", "ana", final_format="%d/%m/%Y") == len(shas)
        assert redetect(conn, shas, survey, store=True).changed == []
        corrected = file_schemas.overrides(conn, shas)
        assert [o.final_format for sha in shas for o in corrected[sha]] == ["%d/%m/%Y"] * len(shas)
        (source / "day_04.csv").write_text((source / "day_03.csv").read_text().replace("03/03", "04/03"))
        migrate(conn, source, local_lake, survey)
        assert manifest.current_files(conn)["day_04.csv"].dates == [dt.date(2025, 3, 4)]


def test_a_users_month_first_against_what_siblings_prove_stays_when_detected_again(postgres_url, local_lake, tmp_path):
    # "05/03/2025", settled day first by its sibling's 13/03, said month first by the user: detected again (twice),
    # it reads month first still, the user's word on it.
    survey = DriverSurveyor(local_lake)
    source = _source(tmp_path, day_13=range(13, 14))
    with psycopg.connect(postgres_url) as conn:
        ensure_schema(conn)
        migrate(conn, source, local_lake, survey)
        (source / "day_05.csv").write_text((source / "day_13.csv").read_text().replace("13/03", "05/03"))
        migrate(conn, source, local_lake, survey)
        files = manifest.current_files(conn)
        sha, shas = files["day_05.csv"].sha256, [f.sha256 for f in files.values()]
        assert file_schemas.override_column(conn, [sha], "Date", "ana", final_format="%m/%d/%Y") == 1
        for _ in range(2):
            redetect(conn, shas, survey, store=True)
            assert [o.final_format for o in file_schemas.overrides(conn, [sha])[sha]] == ["%m/%d/%Y"]
            assert file_schemas.final_schema(conn, sha)["columns"][0]["format"] == "%m/%d/%Y"


def test_a_guess_its_siblings_disagree_over_stays_settled_by_those_holding_its_tickers(postgres_url, local_lake,
                                                                                      tmp_path):
    # A London and a New York office, one header and name pattern, one folder: their 15 October proves day first
    # and month first. London's 1 October, "01/10/2024", settled by London's files (holding VOD.L) when migrated;
    # detected again it went back to its guess, 10 January (silent).
    def day(cell: str, ticker: str) -> str:
        return f"Date;Ticker;Close\n{cell};{ticker};10.5\n"

    source = tmp_path / "source"
    source.mkdir()
    for name, text in {"export (1).csv": day("01/10/2024", "VOD.L"), "export (2).csv": day("10/01/2024", "AAPL"),
                       "export (3).csv": day("15/10/2024", "VOD.L"),
                       "export (4).csv": day("10/15/2024", "AAPL")}.items():
        (source / name).write_text(text)
    survey = DriverSurveyor(local_lake)
    with psycopg.connect(postgres_url) as conn:
        ensure_schema(conn)
        migrate(conn, source, local_lake, survey)
        london = manifest.current_files(conn)["export (1).csv"].sha256
        assert manifest.current_files(conn)["export (1).csv"].dates == [dt.date(2024, 10, 1)]
        found = redetect(conn, [london], survey, store=True, fs=local_lake.filesystem())
        assert manifest.current_files(conn)["export (1).csv"].dates == [dt.date(2024, 10, 1)]
        assert found.stored == [] and found.changed == []
