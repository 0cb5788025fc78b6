"""A file of a few midweek bars stamped in the UTC evening, read east of UTC where its siblings of one
source prove it (sibling_east.py)."""
import datetime as dt
import json

import pytest

from backintime_assets.detection import FileSchema, detect_bytes
from backintime_assets.detection.schema import FORMAT_SAID
from backintime_assets.ingestion import survey as survey_module
from backintime_assets.ingestion.sibling_east import EAST_READING, UTC_DAYS, proves, settle_east
from backintime_assets.ingestion.sibling_order import settle_orders
from backintime_assets.ingestion.survey import survey_files
from backintime_assets_tests.ingestion.surveyed_here import serial_tasks, survey_tasks

HEADER = "time,open,high,low,close,Volume\n"
# Two weeks of sessions, Monday 8 to Friday 19 January 2024.
SESSIONS = [dt.date(2024, 1, d) for d in range(8, 20) if dt.date(2024, 1, d).weekday() < 5]
_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc)


def _stamp(session: dt.date, clock: str, day_before: bool) -> int:
    """Epoch seconds of a session's bar stamped at `clock` (UTC) on its day, or on the day before."""
    day = session - dt.timedelta(days=1) if day_before else session
    hours, minutes = map(int, clock.split(":"))
    at = dt.datetime(day.year, day.month, day.day, hours, minutes, tzinfo=dt.timezone.utc)
    return int((at - _EPOCH).total_seconds())


def _one_row(session: dt.date, clock: str = "15:00", day_before: bool = True) -> bytes:
    """A TradingView export of one daily bar (Tokyo's: stamped at its midnight, 15:00 UTC the day before)."""
    return f"{HEADER}{_stamp(session, clock, day_before)},2500,2530,2480,2510,1200000\n".encode()


def _date_column(schema_json: str):
    return next(c for c in FileSchema.from_json(schema_json).columns if c.canonical == "date")


def _named(session: dt.date, prefix: str = "7203") -> str:
    return f"{prefix}_{session:%Y%m%d}.csv"


@pytest.mark.parametrize("clock", ["15:00", "23:00"])  # Tokyo's midnight; Frankfurt's (winter)
def test_a_folder_of_one_bar_a_file_east_of_utc_loads_each_bar_on_its_session(in_process, tmp_path, clock):
    # Tuesday's to Friday's bars are stamped Monday to Thursday evening: alone each read as its UTC
    # day, a day early. Monday's, stamped on a Sunday evening, proves its source east of UTC.
    files = {_named(day): _one_row(day, clock) for day in SESSIONS}
    found = survey_files(None, in_process, survey_tasks(tmp_path / "tv", files), slices=2)
    for day in SESSIONS:
        assert found[_named(day)].dates == [day] and found[_named(day)].problem is None
    settled = _date_column(found[_named(SESSIONS[1])].schema_json)
    assert settled.format == "epoch_s_east"
    assert settled.order_from == ("east of UTC: the next day's sessions, as 2 sibling files of the same source "
                                  "stamped on weekend evenings prove")
    monday = _date_column(found[_named(SESSIONS[0])].schema_json)
    assert monday.order_from is None and monday.evenings == f"Sun {clock}"  # its own stamp proved it


def test_a_us_close_at_21_utc_is_never_moved(in_process, tmp_path):
    # New York's close, 21:00 UTC on its own day: Friday's file proves its source's UTC days.
    files = {_named(day, "aapl"): _one_row(day, "21:00", day_before=False) for day in SESSIONS}
    found = survey_files(None, in_process, survey_tasks(tmp_path / "us", files), slices=2)
    for day in SESSIONS:
        assert found[_named(day, "aapl")].dates == [day]
        assert _date_column(found[_named(day, "aapl")].schema_json).order_from is None


def test_a_new_file_alone_takes_the_reading_its_stored_siblings_prove(in_process, tmp_path):
    stored = [detect_bytes(_one_row(day), f"tv/{_named(day)}").to_dict() for day in SESSIONS[:5]]
    wednesday = SESSIONS[7]
    found = survey_files(None, in_process, survey_tasks(tmp_path, {f"tv/{_named(wednesday)}": _one_row(wednesday)}),
                         slices=2, stored_siblings=lambda schemas: stored)
    assert found[f"tv/{_named(wednesday)}"].dates == [wednesday]


def test_without_a_proof_each_file_reads_as_before_and_nothing_is_read_twice(in_process, tmp_path, monkeypatch):
    runs = []
    monkeypatch.setattr(survey_module, "run_tasks", lambda *a: runs.append(a[1]) or serial_tasks(*a))
    files = {_named(day): _one_row(day) for day in SESSIONS[1:4]}  # Tuesday to Thursday: no Sunday evening
    found = survey_files(None, in_process, survey_tasks(tmp_path / "tv", files), slices=2)
    assert [found[_named(day)].dates for day in SESSIONS[1:4]] == [[day - dt.timedelta(days=1)]
                                                                   for day in SESSIONS[1:4]]
    assert len(runs) == 1


def _schema(session: dt.date, name: str, clock: str = "15:00", day_before: bool = True) -> dict:
    return detect_bytes(_one_row(session, clock, day_before), name).to_dict()


def test_what_one_file_s_stamps_prove():
    monday, tuesday, friday, sunday_session = SESSIONS[0], SESSIONS[1], SESSIONS[4], dt.date(2024, 1, 7)
    assert proves(_schema(monday, "a.csv")) == EAST_READING  # Sunday evening: Monday's session
    assert proves(_schema(sunday_session, "a.csv", "21:00")) == EAST_READING  # Saturday evening: Tadawul's Sunday
    assert proves(_schema(friday, "a.csv", "21:00", day_before=False)) == UTC_DAYS  # Friday evening
    assert proves(_schema(tuesday, "a.csv")) is None  # Monday evening: either


def test_siblings_that_disagree_leave_the_file_as_read_and_say_so():
    guessing = {"p_1.csv": _schema(SESSIONS[2], "p_1.csv", "21:00")}
    siblings = [_schema(SESSIONS[0], "p_2.csv", "21:00"),  # Sunday 21:00: Moscow's Monday at its midnight
                _schema(SESSIONS[4], "p_3.csv", "21:00", day_before=False)]  # Friday 21:00: New York's close
    settled, disagreeing = settle_east(guessing, siblings)
    assert settled == {}
    assert disagreeing == ["p_1.csv: siblings of its source disagree on whether its evening stamps are east of UTC "
                           "(1 east, 1 on their UTC days); read by their UTC days"]


def _gmt_time(sessions: list[dt.date]) -> bytes:
    """Dukascopy's day bars at the EET midnight: 22:00 the evening before, under "Gmt time", no zone written."""
    rows = (f"{day - dt.timedelta(days=1):%d.%m.%Y} 22:00:00.000,1.1159,1.1206,1.1155,1.1195,98000.2\n"
            for day in sessions)
    return ("Gmt time,Open,High,Low,Close,Volume\n" + "".join(rows)).encode()


def test_a_midweek_file_under_a_utc_header_is_settled_by_its_siblings():
    # Tuesday's to Thursday's bars, stamped Monday to Wednesday at 22:00 under "Gmt time": alone, their UTC
    # days, a day early. A sibling of two weeks, Monday's stamped on Sunday evening, proves the next days.
    name = "EURUSD_Candlestick_1_D_BID_{}.csv"
    guessing = {"k": detect_bytes(_gmt_time(SESSIONS[1:4]), name.format("09.01.2024-11.01.2024")).to_dict()}
    sibling = detect_bytes(_gmt_time(SESSIONS), name.format("07.01.2024-18.01.2024")).to_dict()
    assert not guessing["k"]["columns"][0]["format"].endswith("_east") and proves(sibling) == EAST_READING
    settled, _ = settle_east(guessing, [sibling])
    assert settled["k"]["columns"][0]["format"] == "%d.%m.%Y %H:%M:%S.%f_east"


@pytest.mark.parametrize("sibling_name, clock", [
    ("7203_20240108.csv", "17:00"),  # two hours off its clock: another exchange's midnight
    ("7203_20240108.csv", "15:30"),  # half an hour off: another exchange's (no clock change moves one so)
    ("other/7203_20240108.csv", "15:00"),  # another folder
    ("7203_close_20240108.csv", "15:00"),  # named otherwise
])
def test_only_siblings_of_its_source_and_clock_settle_it(sibling_name, clock):
    guessing = {"tv/7203_20240110.csv": _schema(SESSIONS[2], "tv/7203_20240110.csv")}
    settled, _ = settle_east(guessing, [_schema(SESSIONS[0], sibling_name if "/" in sibling_name
                                                else f"tv/{sibling_name}", clock)])
    assert settled == {}


def test_midday_stamps_are_left_to_the_week():
    # Sunday to Thursday at 12:00 UTC: Tadawul's closes (their UTC days) or New Zealand's midnights (the
    # next days), alike: nothing noted, nothing settled, each file read as normalisation reads it.
    schema = _schema(SESSIONS[0], "t_20240108.csv", "12:00")
    assert _date_column(json.dumps(schema)).evenings is None
    assert settle_east({"t_20240110.csv": _schema(SESSIONS[2], "t_20240110.csv", "12:00")}, [schema]) == ({}, [])


def test_a_file_that_shows_its_own_reading_is_never_overridden():
    # Stamped on a Friday evening (its UTC day, as east_days reads it): no Sunday-evening sibling moves it.
    friday = _schema(SESSIONS[4], "p_20240112.csv", "21:00", day_before=False)
    proof = _schema(SESSIONS[0], "p_20240108.csv", "21:00")
    assert proves(proof) == EAST_READING
    assert settle_east({"p_20240112.csv": friday}, [proof]) == ({}, [])


def test_a_clock_change_apart_settles_it():
    # Frankfurt's midnight: 23:00 UTC in winter (Monday's file), 22:00 in summer (the file guessing).
    guessing = {"tv/sap_20240703.csv": _schema(dt.date(2024, 7, 3), "tv/sap_20240703.csv", "22:00")}
    settled, _ = settle_east(guessing, [_schema(SESSIONS[0], "tv/sap_20240108.csv", "23:00")])
    assert settled["tv/sap_20240703.csv"]["columns"][0]["format"] == "epoch_s_east"


def test_one_row_downloads_of_a_new_york_open_are_not_moved_by_a_tokyo_bar_half_an_hour_away(in_process, tmp_path):
    # A folder of one-row chart downloads named export_1.csv, export_2.csv, ...: New York's midweek opens
    # (14:30 UTC on their own day) beside one Tokyo bar stamped at its midnight on a Sunday (15:00 UTC).
    files = {f"export_{i + 1}.csv": _one_row(day, "14:30", day_before=False) for i, day in enumerate(SESSIONS[1:4])}
    files["export_9.csv"] = _one_row(SESSIONS[0])
    found = survey_files(None, in_process, survey_tasks(tmp_path / "downloads", files), slices=2)
    assert [found[f"export_{i + 1}.csv"].dates for i in range(3)] == [[day] for day in SESSIONS[1:4]]
    assert found["export_9.csv"].dates == [SESSIONS[0]]


def test_a_file_guessing_its_evenings_still_proves_a_day_month_order(in_process, tmp_path):
    # Timestamp text that says UTC, a day first: "16/01/2024" proves the order "01/02/2024" only guesses
    # (month first, by the separator's custom). Both are stamped on a weekday evening, so both also
    # guess their reading east of UTC; that must not keep the one that proves the order from proving it.
    header = "Date,Open,High,Low,Close,Volume\n"
    files = {"p_2.csv": f"{header}01/02/2024 15:00:00 UTC,1,2,0.5,1.5,100\n".encode(),
             "p_3.csv": f"{header}16/01/2024 15:00:00 UTC,1,2,0.5,1.5,100\n".encode()}
    found = survey_files(None, in_process, survey_tasks(tmp_path / "p", files), slices=2)
    assert found["p_2.csv"].dates == [dt.date(2024, 2, 1)]
    assert _date_column(found["p_2.csv"].schema_json).format == "%d/%m/%Y %H:%M:%S %Z"


def test_a_file_settled_east_of_utc_still_proves_its_own_day_month_order():
    # Tokyo's bar a day as text that says UTC, day first. Tuesday's session, "15/01/2024 15:00:00 UTC" (a
    # Monday evening), took its reading east of UTC from Monday's file; its order is its own (15 is no
    # month), and proves that of "01/02/2024 ...", which alone guesses month first (2 January).
    header = "Date,Open,High,Low,Close,Volume\n"
    proof = detect_bytes(f"{header}14/01/2024 15:00:00 UTC,1,2,0.5,1.5,100\n".encode(), "tv/p_14.csv").to_dict()
    tuesday = detect_bytes(f"{header}15/01/2024 15:00:00 UTC,1,2,0.5,1.5,100\n".encode(), "tv/p_15.csv").to_dict()
    settled, _ = settle_east({"tv/p_15.csv": tuesday}, [proof])
    east_settled = settled["tv/p_15.csv"]
    guessing = detect_bytes(f"{header}01/02/2024 15:00:00 UTC,1,2,0.5,1.5,100\n".encode(), "tv/p_31.csv").to_dict()
    assert guessing["columns"][0]["format"] == "%m/%d/%Y %H:%M:%S %Z"
    ordered, _ = settle_orders({"tv/p_31.csv": guessing}, [east_settled])
    assert ordered["tv/p_31.csv"]["columns"][0]["format"] == "%d/%m/%Y %H:%M:%S %Z"


def _with_its_proof(in_process, tmp_path, folder: str, proof: str, stamp: str) -> dict:
    """The survey of two one-bar files of a folder: p_14 stamped `proof` (a day above 12), p_31 `stamp`."""
    header = "Date,Open,High,Low,Close,Volume\n"
    files = {f"{folder}/p_14.csv": f"{header}{proof},1,2,0.5,1.5,100\n".encode(),
             f"{folder}/p_31.csv": f"{header}{stamp},1,2,0.5,1.5,100\n".encode()}
    return survey_files(None, in_process, survey_tasks(tmp_path, files), slices=2)


@pytest.mark.parametrize("stamp, session", [
    ("01/02/2024 15:00:00 UTC", dt.date(2024, 2, 2)),  # Thursday evening day first (a Tuesday's month first)
    ("04/01/2024 15:00:00 UTC", dt.date(2024, 1, 5)),  # Thursday evening (1 April, a Monday, month first)
    ("07/01/2024 15:00:00 UTC", dt.date(2024, 1, 8)),  # Sunday evening (1 July, a Monday, month first)
    ("01/07/2024 15:00:00 UTC", dt.date(2024, 7, 2)),  # Monday evening (7 January, a Sunday, month first)
])
def test_a_bar_whose_order_and_reading_are_both_guesses_loads_on_its_session(in_process, tmp_path, stamp, session):
    # Tokyo's bar a day as text that says UTC, day first. Sunday's "14/01/2024 ..." proves the order and
    # the reading east of UTC; the file of no day above 12 guesses both. Its evening's weekday must be
    # read under the settled order: noted under the guessed one, the bar loaded on its UTC day (2024-02-01
    # for Friday's session), or, stamped on a Sunday, loaded nothing.
    found = _with_its_proof(in_process, tmp_path, "tv", "14/01/2024 15:00:00 UTC", stamp)
    assert found["tv/p_31.csv"].dates == [session]
    column = _date_column(found["tv/p_31.csv"].schema_json)
    assert column.format == "%d/%m/%Y %H:%M:%S %Z_east"
    assert column.order_from.startswith("order settled by 1 sibling file of the same layout")


@pytest.mark.parametrize("stamp, session", [
    ("01/07/2024 21:00:00 UTC", dt.date(2024, 7, 1)),  # Monday day first (7 January month first: a Sunday)
    ("05/01/2024 21:00:00 UTC", dt.date(2024, 1, 5)),  # Friday
])
def test_a_us_bar_whose_siblings_settle_its_order_keeps_its_utc_day(in_process, tmp_path, stamp, session):
    # New York's close, 21:00 UTC, day first; no sibling stamped on a weekend evening. Read month first a
    # Monday's "01/07/2024" is a Sunday evening, which read "_east" and, the order settled, loaded Tuesday.
    found = _with_its_proof(in_process, tmp_path, "us", "15/01/2024 21:00:00 UTC", stamp)
    assert found["us/p_31.csv"].dates == [session]
    assert _date_column(found["us/p_31.csv"].schema_json).format == "%d/%m/%Y %H:%M:%S %Z"


def test_a_reading_a_user_said_of_a_sibling_says_so_where_it_settles_a_file():
    # Tuesday's bar said east by a user settles Wednesday's: its note named weekend stamps none holds.
    tuesday, wednesday = SESSIONS[1], SESSIONS[2]
    said = detect_bytes(_one_row(tuesday), f"tv/{_named(tuesday)}").to_dict()
    said["columns"][0].update(format="epoch_s_east", order_from=None, **{FORMAT_SAID: True})
    new = {"w": detect_bytes(_one_row(wednesday), f"tv/{_named(wednesday)}").to_dict()}
    settled, _ = settle_east(new, [said])
    assert settled["w"]["columns"][0]["order_from"] == ("east of UTC: the next day's sessions, as a user said of "
                                                        "1 sibling file of the same source")
    monday = detect_bytes(_one_row(SESSIONS[0]), f"tv/{_named(SESSIONS[0])}").to_dict()
    settled, _ = settle_east(new, [said, monday])
    assert settled["w"]["columns"][0]["order_from"] == (
        "east of UTC: the next day's sessions, as 2 sibling files of the same source prove (1 stamped on weekend "
        "evenings, 1 said so by a user)")
