from datetime import datetime

import pytest

from backintime_assets.detection.month_names import (
    LANGUAGES,
    MONTHS,
    for_strptime,
    language_of,
    month_number,
    numeric_format,
    numeric_value,
    split,
)


@pytest.mark.parametrize(
    ("word", "month"),
    [("Mär", 3), ("März", 3), ("Mrz", 3), ("MAERZ", 3), ("Okt.", 10), ("janv.", 1), ("févr.", 2), ("fevr", 2),
     ("FÉVRIER", 2), ("août", 8), ("aout", 8), ("déc.", 12), ("ene", 1), ("mag", 5), ("giu", 6), ("mei", 5),
     ("mrt", 3), ("dez", 12), ("out", 10), ("março", 3), ("sept.", 9), ("set", 9), ("Mai", 5), ("Jan", 1),
     # Scandinavian (Statistics Norway, Sweden, Denmark; Oslo Børs, Nasdaq Nordic): read as
     # unparseable dates, December's rows of a Norwegian file and May's of a Swedish one were rejected.
     ("desember", 12), ("des.", 12), ("maj", 5), ("augusti", 8), ("marts", 3), ("januari", 1)],
)
def test_month_names_in_any_case_with_or_without_dot_and_accents(word, month):
    assert month_number(word) == month


@pytest.mark.parametrize("word", ["foo", "ma", "Montag", "", "."])
def test_words_that_name_no_month(word):
    assert month_number(word) is None


def test_no_spelling_means_two_months():
    # One meaning per spelling across the languages: a column of any of them reads the same way.
    meanings: dict[str, set[int]] = {}
    for table in MONTHS.values():
        for word, number in table.items():
            meanings.setdefault(word, set()).add(number)
    assert {w: ns for w, ns in meanings.items() if len(ns) > 1} == {}


@pytest.mark.parametrize(
    ("words", "language"),
    [({"Mär", "Mai"}, "de"), ({"Mrz"}, "de"), ({"janv", "mai"}, "fr"), ({"ene", "feb"}, "es"), ({"mag"}, "it"),
     ({"mei", "mrt"}, "nl"), ({"out", "dez"}, "pt"), ({"Sept"}, "en"), ({"dez"}, "de"),
     ({"mars", "maj", "augusti"}, "sv"), ({"marts", "maj"}, "da"), ({"mars", "mai", "desember"}, "no")],
)
def test_language_named_by_the_column_names(words, language):
    assert language_of(words) == language
    assert language in LANGUAGES


def test_tagged_formats_read_the_name_as_a_number():
    assert split("%d.%b.%Y|de") == ("%d.%b.%Y", "de") and split("%d-%b-%Y") == ("%d-%b-%Y", None)
    assert numeric_format("%d.%b.%Y|de") == "%d.%m.%Y"
    assert numeric_value("03.Okt.2020", "%d.%b.%Y|de") == "03.10.2020"  # the dot is the separator here
    assert numeric_value("03.Okt..2020", "%d.%b.%Y|de") == "03.10.2020"  # here the abbreviation's
    assert numeric_value("5 janv. 2021", "%d %b %Y|fr") == "5 01 2021"
    assert numeric_value("12. März 2021 10:30", "%d. %b %Y %H:%M|de") == "12. 03 2021 10:30"
    assert numeric_value("12 foo 2021", "%d %b %Y|fr") is None
    assert numeric_value("2021-01-05", "%d %b %Y|fr") is None
    assert for_strptime("12-Jan-2021", "%d-%b-%Y") == ("12-Jan-2021", "%d-%b-%Y")
    assert for_strptime("12-Foo-2021", "%d-%b-%Y|de") == ("", "%d-%m-%Y")


@pytest.mark.parametrize(("value", "fmt", "read"), [
    # a stamp without an offset in a column of stamps with one: its wall clock, as the loader reads it
    ("2024-01-05T00:00:00", "%Y-%m-%dT%H:%M:%S%z", "%Y-%m-%dT%H:%M:%S"),
    ("2024-01-05 16:00:00", "%Y-%m-%d %H:%M:%S %z", "%Y-%m-%d %H:%M:%S"),
    ("2024-01-05T00:00:00Z", "%Y-%m-%dT%H:%M:%S%z", "%Y-%m-%dT%H:%M:%S%z"),
    # a zone's name is kept in the format where the loader reads it: without it, no date there
    ("2024-01-05 16:00:00", "%Y-%m-%d %H:%M:%S GMT%z", "%Y-%m-%d %H:%M:%S GMT%z"),
])
def test_a_stamp_without_an_offset_reads_without_the_formats_offset(value, fmt, read):
    assert for_strptime(value, fmt) == (value, read)


def test_a_buddhist_era_two_digit_year_is_read_in_its_26th_century():
    # "02/01/67": BE 2567, 2024 (SET's and Thai banks' exports); strptime's pivot read 2067.
    assert numeric_value("02/01/67", "%d/%m/%y|be") == "02/01/2024"
    assert numeric_value("02/01/67 16:00", "%d/%m/%y %H:%M|be") == "02/01/2024 16:00"
    assert numeric_format("%d/%m/%y|be") == "%d/%m/%Y"
    assert numeric_value("02/01/2567", "%d/%m/%Y|be") == "02/01/2024"  # four digits as before
    assert numeric_value("02/01/2567", "%d/%m/%y|be") is None


def test_a_dotted_half_of_the_day_reads_as_p():
    value, fmt = for_strptime("01/02/2024 9:30 p.m.", "%m/%d/%Y %I:%M %p")
    assert datetime.strptime(value, fmt) == datetime(2024, 1, 2, 21, 30)
    assert for_strptime("St. Louis a.m.", "%Y-%m-%d") == ("St. Louis a.m.", "%Y-%m-%d")  # only under %p


@pytest.mark.parametrize("value, fmt, read", [
    ("23 พ.ค. 2568", "%d %b %Y|th", "2025-05-23"),  # SET's: dotted abbreviation, Buddhist-era year
    ("1 มิ.ย. 2568", "%d %b %Y|th", "2025-06-01"),  # a vowel mark inside the abbreviation
    ("23 พค 2568", "%d %b %Y|th", "2025-05-23"),  # without its dots
    ("23 กุมภาพันธ์ 2568", "%d %b %Y|th", "2025-02-23"),  # in full, marks above and below
    ("23 พ.ค. 2025", "%d %b %Y|th", "2025-05-23"),  # a common-era year stays
    ("23 พ.ค. 68", "%d %b %y|th+be", "2025-05-23"),  # two digits of BE 2568
    ("23 พ.ค. 25", "%d %b %y|th", "2025-05-23"),  # two digits of the common era
    ("23 พ.ค. 2568 16:30", "%d %b %Y %H:%M|th", "2025-05-23"),
])
def test_thai_month_names_and_buddhist_era_years_read_as_the_common_era(value, fmt, read):
    assert datetime.strptime(*for_strptime(value, fmt)).date().isoformat() == read


def test_thai_month_names_name_their_month_in_any_language():
    assert month_number("พ.ค.") == month_number("พฤษภาคม") == 5
    assert month_number("ธ.ค.") == 12 and language_of({"พ.ค.", "มิ.ย."}) == "th"
