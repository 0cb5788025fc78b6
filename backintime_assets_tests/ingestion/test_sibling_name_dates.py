"""A dateless day's list whose name's date its siblings named alike settle (sibling_name_dates.py)."""
import datetime as dt
import json

import pytest

from backintime_assets.detection import detect_bytes
from backintime_assets.ingestion.sibling_name_dates import guesses_name, may_guess_name, settle_name_dates
from backintime_assets.ingestion.survey import survey_files
from backintime_assets_tests.ingestion.surveyed_here import survey_tasks

# A day's price sheet of the Zimbabwe Stock Exchange, as scraped to a file a day named month first
# (csv-daily-pricesheets/01-13-2023.csv): no date column, its day in its name only.
SHEET = (b"Company,Previous Price,Closing Price,Volume\n"
         b"Delta Corporation Limited,359.8482,359.7727,204300\n"
         b"Econet Wireless Zimbabwe Limited,84.146,96.2759,240000\n")


@pytest.mark.parametrize("names, days", [
    # Month first, as the exchange's folder names them: 13 January proves it for 2 January and 1 March.
    (["01-02-2023.csv", "01-13-2023.csv", "03-01-2023.csv"],
     [dt.date(2023, 1, 2), dt.date(2023, 1, 13), dt.date(2023, 3, 1)]),
    # Day first, a European office's.
    (["02-01-2023.csv", "13-01-2023.csv"], [dt.date(2023, 1, 2), dt.date(2023, 1, 13)]),
])
def test_a_sheet_of_a_month_s_first_days_takes_the_order_its_siblings_names_prove(in_process, tmp_path, names, days):
    # Alone, "01-02-2023.csv" may be 2 January or 1 February: refused, every row rejected.
    found = survey_files(None, in_process, survey_tasks(tmp_path / "in", dict.fromkeys(names, SHEET)), slices=2)
    assert [found[name].dates for name in names] == [[day] for day in days]
    assert "order settled by 1 sibling file named alike" in found[names[0]].schema_dict()["date_from"]


def _schema(name: str) -> dict:
    return detect_bytes(SHEET, name).to_dict()


@pytest.mark.parametrize("guessing, siblings", [
    ("01-02-2023.csv", []),  # alone
    ("02-01-2023.csv", ["01-13-2023.csv", "13-01-2023.csv"]),  # siblings disagree: two offices' in one folder
    ("eu/01-02-2023.csv", ["us/01-13-2023.csv"]),  # another folder's
    ("01-02-2023.csv", ["prices 01-13-2023.csv"]),  # named otherwise
    ("01-02-2023.csv", ["01-13-23.csv"]),  # a year of other digits
    ("01-02-2023.csv", ["05-05-2023.csv"]),  # a name either order reads alike proves nothing
    # A new clerk's day-first 7 March beside January's month-first names: July is near no sibling.
    ("07-03-2023.csv", ["01-13-2023.csv", "01-16-2023.csv", "01-17-2023.csv"]),
])
def test_siblings_that_prove_no_one_order_for_its_name_leave_it_undated(guessing, siblings):
    schema = _schema(guessing)
    assert guesses_name(schema)
    settled, _ = settle_name_dates({guessing: schema}, [_schema(name) for name in siblings])
    assert settled == {}


def test_a_settled_sheet_proves_nothing_to_another():
    settled, _ = settle_name_dates({"01-02-2023.csv": _schema("01-02-2023.csv")}, [_schema("01-13-2023.csv")])
    again, _ = settle_name_dates({"01-03-2023.csv": _schema("01-03-2023.csv")}, list(settled.values()))
    assert settled["01-02-2023.csv"]["day"] == "2023-01-02" and again == {}


@pytest.mark.parametrize("separators", [(",", ":"), (", ", ": ")])
def test_a_guessing_schema_is_seen_in_its_json_however_it_is_spaced(separators):
    text = json.dumps(_schema("01-02-2023.csv"), ensure_ascii=False, separators=separators)
    assert may_guess_name(text) and guesses_name(json.loads(text))
    assert not may_guess_name(detect_bytes(b"Date,Close\n2023-01-02,1.5\n2023-01-03,1.6\n", "AAPL.csv").to_json())


def test_a_sibling_named_year_first_proves_no_day_month_order():
    # "20050520" is 20 May 2005 year first: its "20" and "05" are no day and month before the year, though read
    # so they matched the day. Taken for proof, "prices_05042005.csv" had loaded as 5 April (silent), May's 4th
    # as likely.
    settled, _ = settle_name_dates({"prices_05042005.csv": _schema("prices_05042005.csv")},
                                   [_schema("prices_20050520.csv")])
    assert settled == {}


def test_a_name_read_either_way_under_a_title_that_reads_either_way_is_no_name_guess():
    schema = detect_bytes(b"Trade Date: 02/01/2023\n" + SHEET, "01-02-2023.csv").to_dict()
    assert schema["day"] is None and "reads either way" in schema["date_from"]
    assert not guesses_name(schema)
