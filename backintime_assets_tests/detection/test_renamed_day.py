"""The day a file's name gives a day's list, taken from the name it has now, not the one it was detected under."""
import pytest

from backintime_assets.detection.detect import detect_bytes
from backintime_assets.detection.renamed_day import by_name, dated_as_named

LIST = b"Symbol,Close,Volume\nPL1,10.5,100\nPL2,20.25,200\n"
TITLED = b"Daily Quotations 2025/03/04\nSymbol,Close,Volume\nPL1,10.5,100\nPL2,20.25,200\n"


def _detected(name: str, data: bytes = LIST) -> dict:
    return detect_bytes(data, name).to_dict()


def test_a_renamed_file_is_dated_by_its_new_name():
    schema = _detected("pricelist_2025-03-04.csv")
    assert (schema["day"], schema["date_from"]) == ("2025-03-04", "file name: 2025-03-04")
    renamed = dated_as_named(schema, "pricelist_2025-03-06.csv")
    assert (renamed["day"], renamed["date_from"]) == ("2025-03-06", "file name: 2025-03-06")
    assert {k: v for k, v in renamed.items() if k not in ("day", "date_from")} == \
        {k: v for k, v in schema.items() if k not in ("day", "date_from")}


@pytest.mark.parametrize("name", ["pricelist_2025-03-04.csv", "prices_2025-03-04.csv", "old/pricelist_20250304.csv",
                                  "2025-03-04 list.csv"])
def test_a_name_of_the_same_day_leaves_the_schema_as_it_is(name):
    schema = _detected("pricelist_2025-03-04.csv")
    assert dated_as_named(schema, name) is schema


@pytest.mark.parametrize(("name", "said"), [
    ("pricelist.csv", "the file name 'pricelist.csv' writes no day"),
    ("pricelist_03042025.csv", "may be 2025-03-04 or 2025-04-03"),
    ("export_2025-03-06.csv", "may be the day it was downloaded"),
    ("list_2025-03-04_2025-03-05.csv", "holds several dates"),
])
def test_a_name_that_dates_nothing_for_certain_dates_no_row_and_says_why(name, said):
    renamed = dated_as_named(_detected("pricelist_2025-03-04.csv"), name)
    assert renamed["day"] is None and said in renamed["date_from"]


def test_a_name_that_now_dates_a_list_its_old_name_refused_dates_it():
    schema = _detected("pricelist_03042025.csv")
    assert schema["day"] is None
    assert dated_as_named(schema, "pricelist_2025-03-04.csv")["day"] == "2025-03-04"


@pytest.mark.parametrize("schema", [
    {**_detected("pricelist_2025-03-04.csv"), "date_from": "schema override by ana"},  # a user's
    _detected("AAPL_2025-03-04.csv", b"Date,Close\n2025-03-03,1.5\n2025-03-04,1.6\n"),  # a history: dates of its own
])
def test_a_day_not_from_the_name_alone_is_left_to_its_content_or_its_user(schema):
    assert not by_name(schema)
    assert dated_as_named(schema, "pricelist_2025-03-09.csv") is schema


def test_a_copy_under_a_later_days_name_repeats_the_earlier_and_dates_no_row():
    schema = _detected("pricelist_2025-03-04.csv")
    copies = ["pricelist_2025-03-04.csv", "pricelist_2025-03-07.csv", "pricelist_2025-03-06.csv"]
    copy = dated_as_named(schema, "pricelist_2025-03-07.csv", copies)
    assert copy["day"] is None
    assert copy["date_from"].startswith("the same bytes as pricelist_2025-03-04.csv, which its file name dates "
                                        "2025-03-04: a re-send of that day's list, not 2025-03-07's prices")
    assert dated_as_named(schema, "pricelist_2025-03-04.csv", copies) is schema  # the earliest loads
    # Named for the same day, or a copy whose name dates nothing: no re-send of another day's.
    assert dated_as_named(schema, "prices_2025-03-04.csv", ["pricelist_2025-03-04.csv"]) is schema
    assert dated_as_named(schema, "pricelist_2025-03-07.csv", ["pricelist.csv"])["day"] == "2025-03-07"


def test_a_list_its_name_refused_as_a_download_day_is_dated_by_a_plain_new_name():
    schema = _detected("export_2025-03-04.csv")
    assert schema["day"] is None and schema["date_from"].startswith("the file name's")
    assert dated_as_named(schema, "pricelist_2025-03-04.csv")["day"] == "2025-03-04"


def test_a_titles_day_and_month_its_name_settled_follow_the_new_names():
    schema = _detected("prices_20240102.csv", b"PRICE LIST FOR 02/01/2024\nSymbol,Close\nAAA,1.5\nBBB,2.5\n")
    assert (schema["day"], by_name(schema)) == ("2024-01-02", True)
    assert dated_as_named(schema, "old/prices_20240102.csv") is schema
    other = dated_as_named(schema, "prices_20240201.csv")
    assert (other["day"], other["date_from"]) == (
        "2024-02-01", "title line 1: 02/01/2024 (day and month as the file name's 20240201)")
    # A name of a third day disagrees with the title; a name of none leaves its order unsaid: no day either way.
    assert "disagree" in dated_as_named(schema, "prices_20240305.csv")["date_from"]
    assert dated_as_named(schema, "prices.csv")["day"] is None


def test_a_titles_day_under_a_name_of_another_day_is_refused_as_detection_refuses_it():
    schema = _detected("prices_2025-03-04.csv", TITLED)
    assert dated_as_named(schema, "prices.csv") is schema
    assert dated_as_named(schema, "old/prices_20250304.csv") is schema
    renamed = dated_as_named(schema, "prices_2025-03-07.csv")
    fresh = detect_bytes(TITLED, "prices_2025-03-07.csv").to_dict()
    assert (renamed["day"], renamed["date_from"]) == (fresh["day"], fresh["date_from"])
    assert "disagree" in fresh["date_from"]
    # A title's day under names that write none: the title's, whatever the name.
    titled = _detected("prices.csv", TITLED)
    assert dated_as_named(titled, "quotes.csv") is titled


@pytest.mark.parametrize(("name", "day"), [("pricelist_2025-03-04.csv", "2025-03-04"), ("pricelist.csv", "2025-03-04"),
                                           ("pricelist_2025-03-06.csv", None)])
def test_a_list_refused_as_its_title_and_name_disagreed_is_dated_as_its_new_name_reads_it(name, day):
    # The name was what was wrong: renamed to agree with the title, or to no day, the list is the title's day.
    schema = _detected("pricelist_2025-03-05.csv", TITLED)
    assert schema["day"] is None and "disagree" in schema["date_from"] and by_name(schema)
    renamed = dated_as_named(schema, name)
    assert renamed["day"] == day
    alone = _detected(name, TITLED)  # as detection under that name alone dates it
    assert (renamed["day"], renamed["date_from"]) == (alone["day"], alone["date_from"])
    if day is None:  # another day's name disagrees as well: refused, saying so of the name it has now
        assert "(2025-03-06) disagree" in renamed["date_from"]


@pytest.mark.parametrize("typo", ["pricelist_2025-04-03.csv", "pricelist_2024-04-30.csv"])
def test_copies_whose_names_date_them_weeks_apart_are_all_refused_as_one_name_mistyped(typo):
    # The 30th's list saved a second time under a mistyped earlier day: loaded there, its prices were another
    # day's (silent). Too far apart for a feed's re-send: neither name is trusted.
    schema = _detected("pricelist_2025-04-30.csv")
    copies = ["pricelist_2025-04-30.csv", typo]
    for name, other in (copies, copies[::-1]):
        refused = dated_as_named(schema, name, copies)
        assert refused["day"] is None and refused["date_from"].startswith(f"the same bytes as {other}")
        assert "too far apart for a re-send" in refused["date_from"]
    # A name that reads no day ("2025-30-04") is no earlier day: the list keeps its own.
    assert dated_as_named(schema, copies[0], [copies[0], "pricelist_2025-30-04.csv"]) is schema


def test_a_feed_stuck_on_one_list_for_weeks_keeps_its_first_day_and_the_rest_are_re_sends():
    # A feed that did not update sends the 19th's list every trading day to 8 January: no gap of more than a week
    # between two copies, so no name is mistyped. Compared pair by pair, the first and the last were 20 days apart
    # and every copy was refused, the 19th's prices, loaded for weeks, taken back.
    days = ["2024-12-19", "2024-12-20", "2024-12-23", "2024-12-24", "2024-12-27", "2024-12-30", "2024-12-31",
            "2025-01-02", "2025-01-03", "2025-01-06", "2025-01-07", "2025-01-08"]
    copies = [f"pricelist_{day}.csv" for day in days]
    schema = _detected(copies[0])
    assert dated_as_named(schema, copies[0], copies) is schema
    for name in copies[1:]:
        assert "a re-send of that day's list" in dated_as_named(schema, name, copies)["date_from"]
    # A mistyped name a month before the run: a gap no feed leaves, every copy refused, each naming one across it.
    typo = "pricelist_2024-11-19.csv"
    for name in [typo, *copies]:
        refused = dated_as_named(schema, name, [typo, *copies])
        assert refused["day"] is None and "too far apart for a re-send" in refused["date_from"]
        assert refused["date_from"].startswith(f"the same bytes as {copies[0] if name == typo else typo}")
