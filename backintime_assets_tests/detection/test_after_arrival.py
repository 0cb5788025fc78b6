"""Rows dated well after their file arrived: no trade dates, the file refused whole by a judgement."""
from datetime import date

from backintime_assets.detection import detect_bytes
from backintime_assets.detection.after_arrival import AFTER_ARRIVAL, LEEWAY, MATERIAL, dated_after_arrival
from backintime_assets.detection.refusals import judged, judgement, lifts

ARRIVED = date(2025, 3, 4)
# A German bond list: the only date is each bond's maturity, under a name detection does not know.
BONDS = ("ISIN;Bezeichnung;Rückzahlung;Kurs\nDE0001102341;Bund 2,5% 15/25;15.08.2024;99,80\n"
         "DE0001102382;Bund 1% 15/46;15.08.2046;71,25\nDE0001141810;Bobl 2,2% 24/29;13.04.2029;100,15\n")


def _schema() -> dict:
    return detect_bytes(BONDS.encode(), "anleihen.csv").to_dict()


def test_a_bond_list_dated_by_its_maturities_is_refused_naming_the_column_and_latest_date():
    schema = _schema()
    assert [c["name"] for c in schema["columns"] if c.get("canonical") == "date"] == ["Rückzahlung"]
    problem = dated_after_arrival(schema, [date(2024, 8, 15), date(2029, 4, 13), date(2046, 8, 15)], ARRIVED)
    assert problem is not None
    assert problem.startswith("dates up to 2046-08-15 in column 'Rückzahlung', after the file arrived on 2025-03-04 "
                              "(2 of its 3 dates more than 7 days after it): a maturity or expiry, not a trade date?")
    assert AFTER_ARRIVAL in problem


def test_dates_up_to_a_week_after_arrival_load():
    # A Friday's file dated the next trading day over a long weekend, a T+2 settlement, a source east of UTC.
    last = ARRIVED + LEEWAY
    assert LEEWAY.days == 7
    assert dated_after_arrival(_schema(), [date(2025, 3, 3), last], ARRIVED) is None
    assert dated_after_arrival(_schema(), [date(2020, 1, 2)], ARRIVED) is None  # an old file migrated late
    assert dated_after_arrival(_schema(), [], ARRIVED) is None
    problem = dated_after_arrival(_schema(), [date(2025, 3, 3), date(2025, 3, 12)], ARRIVED)
    assert problem is not None and "dates up to 2025-03-12" in problem and "(1 of its 2 dates" in problem


def test_a_one_day_file_dated_by_its_name_says_so():
    schema = {"columns": [{"name": "Symbol", "canonical": "ticker"}, {"name": "Close", "canonical": "close"}],
              "day": "2031-01-02", "date_from": "file name: quotes_20310102.csv"}
    problem = dated_after_arrival(schema, [date(2031, 1, 2)], ARRIVED)
    assert problem is not None
    assert problem.startswith("dates up to 2031-01-02 in the day read from file name: quotes_20310102.csv, after the "
                              "file arrived on 2025-03-04")


def test_the_refusal_is_a_judgement_a_user_may_lift_and_no_other_lifts_it():
    problem = dated_after_arrival(_schema(), [date(2046, 8, 15)], ARRIVED)
    assert judged(problem) and judgement(problem) == AFTER_ARRIVAL
    # Lifted once, read again on another day of arrival (a redetection's same content): still lifted.
    again = dated_after_arrival(_schema(), [date(2046, 8, 15), date(2029, 4, 13)], ARRIVED)
    assert lifts(problem, again)
    assert not lifts("a list of trades, not prices: a Side column", problem)


def test_a_long_history_with_a_mistyped_year_on_a_row_is_not_refused_for_it():
    # Ten years of days with one row's year typed 2071: refusing the file would take every loaded day of
    # the archive out of prices for one typo. Once the typos are a material share, the column is suspect.
    history = [date(2015, 1, 1) + (date(2015, 1, 2) - date(2015, 1, 1)) * i for i in range(2143)]
    assert dated_after_arrival(_schema(), [*history, date(2071, 3, 4)], ARRIVED) is None
    few = history[:MATERIAL * 2]
    assert dated_after_arrival(_schema(), [*few, date(2071, 3, 4)], ARRIVED) is None
    problem = dated_after_arrival(_schema(), [*few[:MATERIAL * 2 - 2], date(2071, 3, 4), date(2072, 3, 4)], ARRIVED)
    assert problem is not None and "(2 of its 40 dates" in problem


def test_the_refusal_is_told_by_its_whole_message_not_by_words_in_a_name():
    from backintime_assets.detection.after_arrival import refused_after_arrival
    from backintime_assets.detection.bar_period import LONGER_BARS

    # A fact no user may lift, naming a column whose name holds this rule's words: no judgement of it.
    fact = "no data rows under the header: column ', after the file arrived on 2025-03-04 (1 of its 1 dates'"
    assert AFTER_ARRIVAL in fact and not refused_after_arrival(fact)
    assert judgement(fact) is None and not judged(fact)
    # This refusal of a list dated by its name, where the name holds another judgement's words: this one still,
    # so that a lifting of monthly bars does not lift it, nor a lifting of it a bar period's refusal.
    schema = {"columns": [{"name": "Symbol", "canonical": "ticker"}, {"name": "Close", "canonical": "close"}],
              "day": "2031-01-02", "date_from": f"file name: weekly{LONGER_BARS}20310102.csv"}
    problem = dated_after_arrival(schema, [date(2031, 1, 2)], ARRIVED)
    assert LONGER_BARS in problem and refused_after_arrival(problem)
    assert judgement(problem) == AFTER_ARRIVAL
    assert not lifts(f"weekly bars{LONGER_BARS}a Period column says W", problem)
    # Its message as given, and nothing cut from or added to it, is the refusal.
    assert not refused_after_arrival(problem[:-1]) and not refused_after_arrival("file problem: " + problem)
    assert not refused_after_arrival(None)
