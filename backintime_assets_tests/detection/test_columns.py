import os
import subprocess
import sys
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from backintime_assets.detection.columns import ColumnType, date_named, infer_column_type


def col(values, name="x", decimal=".", thousands=None):
    return infer_column_type(values, name, decimal, thousands)


@pytest.mark.parametrize(
    ("values", "kind", "fmt"),
    [
        (["1", "2", "-3", "4", "5"], "integer", None),
        (["1,234", "2,000", "3"], "integer", None),
        (["1.5", "2", "3e2"], "float", None),
        (["AAPL", "MSFT"], "string", None),
        (["true", "false", "TRUE"], "boolean", "true/false"),
        (["yes", "no"], "boolean", "yes/no"),
        (["2020-01-02", "2020-01-03", "NA", ""], "date", "%Y-%m-%d"),
        (["20200102", "20200103", "20200106"], "date", "%Y%m%d"),
    ],
)
def test_types(values, kind, fmt):
    t = col(values, thousands="," if kind == "integer" else None)
    assert (t.type, t.format) == (kind, fmt)


@pytest.mark.parametrize(
    ("values", "decimal", "thousands", "fmt"),
    [(["$1,234.50", "$12.00", "-$3"], ".", ",", "currency"), (["12,5 €", "3 €"], ",", None, "currency"),
     # Dollars with a country's letters: Brazil's reais, US and Hong Kong dollars.
     (["R$ 36,50", "R$ 1.234,05", "-R$ 2,10"], ",", ".", "currency"),
     (["US$12.50", "HK$ 1,080.00"], ".", ",", "currency"),
     # Any currency sign, as a locale's currency format writes it (Excel saves cells as shown).
     (["₹2,580.00", "₹12,610.50"], ".", ",", "currency"), (["2 580,00 ₽", "12,50 ₽"], ",", " ", "currency"),
     (["₩76,600", "-₩500"], ".", ",", "currency"),
     # An ISO code for the sign ("CHF 1'234.50" in Switzerland's Excel): its prices were text.
     (["CHF 1'234.50", "CHF 10.75"], ".", "'", "currency"), (["1.234,50 EUR", "12,50 EUR"], ",", ".", "currency"),
     (["5.5%", "-1.2%", "0%"], ".", None, "percent"), (["118.39M", "146.32K", "12"], ".", None, "abbreviated")],
)
def test_marked_numbers_are_floats_with_a_format(values, decimal, thousands, fmt):
    t = col(values, decimal=decimal, thousands=thousands)
    assert (t.type, t.format) == ("float", fmt)


def test_decimal_comma_column_is_float():
    assert col(["1,5", "2,75", "3"], decimal=",").type == "float"


def test_excel_serial_dates_with_a_date_name_or_a_daily_sequence():
    serials = ["43832", "43833", "43836", "43837", "43838"]
    assert (col(serials, name="Trade Date").type, col(serials, name="Trade Date").format) == ("date", "excel_serial")
    assert col(serials, name="c1").format == "excel_serial"
    assert col(["43832.5", "43833.25"], name="Date").type == "timestamp"
    # Numbers in the serial range without any date evidence stay numbers.
    assert col(["43832", "20001", "51234", "30000", "45000"], name="Volume").type == "integer"


def test_epoch_seconds():
    t = col(["1577923200", "1578009600", "1578096000"], name="timestamp")
    assert (t.type, t.format) == ("timestamp", "epoch_s")


def test_empty_column_is_string_with_no_confidence():
    t = col(["", "NA", " "])
    assert t.type == "string" and t.confidence == 0.0


def test_mostly_numeric_column_is_string_with_a_numeric_reading():
    t = col(["1.5", "2.5", "n/v", "3.5", "oops", "4.5"])
    assert t.type == "string"
    assert t.alt.type == "float" and t.alt.confidence == pytest.approx(4 / 6, abs=0.01)
    # A formula's error is no value, as a null is none: it counts neither way.
    t = col(["1.5", "2.5", "#VALUE!", "3.5", "oops", "4.5"])
    assert t.type == "string" and t.alt.confidence == pytest.approx(4 / 5, abs=0.01)


def test_confidence_is_the_share_that_fits():
    t = col(["1"] * 19 + ["x"])
    assert t.type == "integer" and t.confidence == pytest.approx(0.95)


def test_a_date_name_carries_serial_dates_past_a_stray_cell():
    # Six Excel serials and the "4" of a row cut short: the header says these are dates.
    cells = ["45658", "45659", "45660", "45663", "45664", "45665", "4"]
    t = col(cells, name="Datum")
    assert (t.type, t.format) == ("date", "excel_serial")
    assert t.confidence == pytest.approx(0.9 * 6 / 7, abs=0.01)
    assert col(cells, name="Qty").type == "integer"  # no date name, no date
    messy = col(["45658", "45659", "abc", "45663", "45664"], name="Trade Date")
    assert messy.type == "string" and (messy.alt.type, messy.alt.format) == ("date", "excel_serial")


def test_price_columns_named_after_the_day_are_no_dates():
    # Index levels in the serial range: "Day High" is a price, not a date.
    t = col(["45658.5", "45700.25", "45690.75", "45710.5", "45720.0"], name="Day High")
    assert (t.type, t.format) == ("float", None)


@pytest.mark.parametrize(
    ("values", "kind"),
    [
        # Outside ASCII, or with "_", the joined regex count is not the per-cell test: these take
        # the cell-by-cell path and keep what str.isdigit and float() say.
        (["\u0661\u0662", "\u0663\u0664", "\u0665", "\u0666\u0667", "\u0668"], "integer"),
        (["1_0", "2_5", "3_75", "4_0", "5_5"], "float"),
        (["1.5", "2.5", "n_a", "in_f", "3.5"], "string"),
        # "nan" a null and "inf" an error (numbers.ERROR_CELLS): no values, the others read.
        (["1.5", "2.5", "nan", "inf", "3.5"], "float"),
        (["NA", "Null", "-", "12", "13", "n/a", "14"], "integer"),
    ],
)
def test_share_counts_fall_back_cell_by_cell(values, kind):
    assert col(values).type == kind


def test_long_columns_are_typed_from_the_probe_and_the_rest():
    # 30 integers first, then floats: the probe says integer-like, the whole column float.
    values = [str(i) for i in range(30)] + [f"{i}.5" for i in range(100)]
    t = col(values)
    assert (t.type, t.confidence) == ("float", 1.0)
    assert col(["AAPL"] * 29 + ["1"] * 101).type == "string"  # a clear miss in the probe settles it


@pytest.mark.parametrize(("decimal", "thousands"), [(".", None), (",", "."), (".", ",")])
def test_long_columns_count_by_digit_shape_as_cell_by_cell(decimal, thousands):
    # From _SHAPED_COUNT values on, the count goes by digit shape: the same count as the test of
    # every value, misses and repeats included.
    import random

    from backintime_assets.detection.columns import _SHAPED_COUNT, _float_test, _int_test, _regex_count
    from backintime_assets.detection.numbers import joined_number_patterns, number_patterns

    rnd = random.Random(7)
    pieces = ["1", "23", "456", decimal, thousands or "", "-", "e5", "x", " "]
    values = ["".join(rnd.choice(pieces) for _ in range(rnd.randint(1, 5))) for _ in range(3 * _SHAPED_COUNT)]
    values += ["12" + decimal + "5"] * 40  # repeats count as often as they occur
    integer_rx, float_rx = number_patterns(decimal, thousands)
    joined_int, joined_float = joined_number_patterns(decimal, thousands)
    for test, rx in ((_int_test(integer_rx), joined_int), (_float_test(float_rx, decimal), joined_float)):
        expected = sum(1 for v in values if test(v))
        assert 0 < expected < len(values)
        assert _regex_count(rx)(values) == expected


@pytest.mark.parametrize(
    ("values", "name"),
    [
        # Sorted codes and counters in the serial and epoch ranges: numbers, not dates.
        ([str(31001 + 2 * k) for k in range(12)], "fips"),  # FIPS county codes
        ([str(40000 + k) for k in range(12)], "invoice_no"),  # Excel days 2009-07-06.. but every day
        ([str(100000000 + k) for k in range(12)], "order_id"),  # epoch seconds 1973-03-03 ..
        ([str(100000000000 + k) for k in range(12)], "c3"),  # epoch milliseconds
    ],
)
def test_sorted_ids_without_a_date_name_stay_integers(values, name):
    assert col(values, name=name).type == "integer"


def test_unnamed_serial_days_need_a_run_of_trading_days():
    # 2020-01-06 .. 2020-01-10 then 2020-01-13: weekdays only, a weekend skipped.
    assert col(["43836", "43837", "43838", "43839", "43840", "43843"], name="c1").format == "excel_serial"
    # The same days newest first (files sorted descending).
    assert col(["43843", "43840", "43839", "43838", "43837", "43836"], name="c1").format == "excel_serial"
    # Every calendar day, a Saturday among them: no evidence beyond the range without a name.
    assert col(["43836", "43837", "43838", "43839", "43840", "43841"], name="c1").type == "integer"
    assert col(["43836", "43837", "43838", "43839", "43840", "43841"], name="Handelstag").format == "excel_serial"



def _serials(days, epoch):
    return [str((d - epoch).days) for d in days]


# 2020-01-06 .. 2020-01-10 then 2020-01-13: weekdays only, a weekend skipped.
_TRADING = [date(2020, 1, 6) + timedelta(k) for k in (0, 1, 2, 3, 4, 7)]
_1900, _1904 = date(1899, 12, 30), date(1904, 1, 1)  # serial 0 of each of Excel's date systems


def test_unnamed_serial_days_of_a_1904_workbook_are_judged_in_its_system():
    # Mac Excel's serials of the same days are 1462 smaller; read in the 1900 system they fall a
    # weekday early (Sunday to Thursday, then Sunday): no run of trading days there.
    cells = _serials(_TRADING, _1904)
    t = infer_column_type(cells, "c1", ".", None, dates_from_1904=True)
    assert (t.type, t.format) == ("date", "excel_serial_1904")
    assert col(cells, name="c1").type == "integer"  # text files have no 1904 system


def test_a_1904_workbooks_numbers_that_are_trading_days_only_in_the_1900_system_are_no_dates():
    # Serials of the 1900 system in a 1904 workbook (pasted from a Windows one, or counters): read
    # in the workbook's system they run Tuesday to Saturday. Nothing says which days they are, and
    # a date four years and a day off, a Saturday among them, would load without anyone noticing.
    cells = _serials(_TRADING, _1900)
    t = infer_column_type(cells, "c1", ".", None, dates_from_1904=True)
    assert (t.type, t.format) == ("integer", None)
    assert col(cells, name="c1").format == "excel_serial"


@pytest.mark.parametrize("name", ["Date", "Handelstag"])
def test_named_serial_days_of_a_1904_workbook_are_labelled_in_its_system(name):
    t = infer_column_type(_serials(_TRADING, _1904), name, ".", None, dates_from_1904=True)
    assert (t.type, t.format, t.confidence) == ("date", "excel_serial_1904", 0.9)
    stamps = infer_column_type(["42004.5", "42005.25"], name, ".", None, dates_from_1904=True)
    assert (stamps.type, stamps.format) == ("timestamp", "excel_serial_1904")
    # A stray cell (a row cut short) under the name, and a column mostly of serials.
    damaged = infer_column_type(_serials(_TRADING, _1904) + ["4"], name, ".", None, dates_from_1904=True)
    assert (damaged.type, damaged.format) == ("date", "excel_serial_1904")
    messy = infer_column_type(["42004", "42005", "abc", "42008", "42009"], name, ".", None, dates_from_1904=True)
    assert messy.type == "string" and (messy.alt.type, messy.alt.format) == ("date", "excel_serial_1904")


def test_the_days_a_serial_may_hold_are_counted_in_the_workbooks_system():
    # 1950-01-02 on: below the 1900 system's serial of 1950 (18264) once counted from 1904.
    days = [date(1950, 1, 2) + timedelta(k) for k in (0, 1, 2, 3, 4, 7)]
    t = infer_column_type(_serials(days, _1904), "c1", ".", None, dates_from_1904=True)
    assert (t.type, t.format) == ("date", "excel_serial_1904")
    # 2099-12-31 is the last day either way: days after it are numbers, whatever their name (the
    # 1900 system's last serial is a 1904 workbook's 2103-12-31).
    late = _serials([date(2100, 1, 4) + timedelta(k) for k in (0, 1, 2, 3, 4, 7)], _1904)
    assert infer_column_type(late, "Date", ".", None, dates_from_1904=True).type == "integer"

def test_unnamed_epoch_stamps_need_one_second_of_the_minute():
    days = [str(1577923200 + 86400 * k) for k in range(6)]  # midnights, 2020-01-02 on
    assert col(days, name="c2").format == "epoch_s"
    assert col([d + "000" for d in days], name="c2").format == "epoch_ms"
    assert col([d + "000000" for d in days], name="c2").format == "epoch_us"
    assert col([d + "000000000" for d in days], name="c2").format == "epoch_ns"
    assert col([str(int(d) + k) for k, d in enumerate(days)], name="c2").type == "integer"


def test_twelve_and_fourteen_digit_stamps_are_timestamps_named_or_in_order():
    stamps = ["202103011600", "202103021600", "202103031600", "202103041600", "202103051600", "202103081600"]
    for name in ("Date", "c1"):  # a date name, or values in order (newest first too)
        for values in (stamps, stamps[::-1]):
            t = col(values, name=name)
            assert (t.type, t.format) == ("timestamp", "%Y%m%d%H%M"), (name, values)
    t = col([v + "00" for v in stamps], name="Timestamp")
    assert (t.type, t.format) == ("timestamp", "%Y%m%d%H%M%S")
    # Sorted by ticker: the time axis restarts once per ticker, and still reads as one.
    month = [f"202103{d:02d}1600" for d in range(1, 32)]
    assert col(month * 3, name="c1").format == "%Y%m%d%H%M"


def test_ten_digit_stamps_to_the_hour_are_timestamps_not_epochs():
    # DWD's hourly "MESS_DATUM" ("2025011900", %Y%m%d%H) has the ten digits of epoch seconds:
    # read as epochs, 2025011900 was 2034-03-09 and every hour one second later.
    hours = ["2025011900", "2025011901", "2025011902", "2025030512", "2026072223"]
    for name in ("MESS_DATUM", "column_2", "Hour"):
        assert (col(hours, name=name).type, col(hours, name=name).format) == ("timestamp", "%Y%m%d%H"), name
    # Epoch seconds are no valid stamp (month 55, hour 60, ...): epochs still.
    epochs = [str(1609459200 + 3600 * k) for k in range(6)]
    assert col(epochs, name="time").format == "epoch_s"
    # Ten-digit counts out of order and named for no date stay integers (phone numbers, ids).
    assert col(["2025011900", "2024051213", "2025020107", "2023121501", "2025010322"], name="Volume").type == "integer"
    assert col(["2125551234", "2025550000", "2125559999"], name="phone").type == "integer"


def test_ten_digit_ids_of_a_day_and_a_count_under_a_name_stay_integers():
    # "2024031501": an order's id of its day and a count, in order and a valid %Y%m%d%H every one. Named
    # for no date or hour, order is no evidence: read as stamps, every such id column became timestamps
    # (and a growing "Volume" of ten digits lost its volumes).
    ids = ["2024030401", "2024030402", "2024030403", "2024030501", "2024030502", "2024030601"]
    for name in ("OrderID", "ticket", "Volume", "serial"):
        assert col(ids, name=name).type == "integer", name
    assert col(ids, name="Date").format == "%Y%m%d%H"


def test_twelve_digit_volumes_stay_integers():
    # Valid stamps every one, but out of order and not named as a date: volumes (or turnover).
    shuffled = ["202103051600", "202101021215", "202106301145", "202102010930", "202108121600", "202103041000"]
    assert col(shuffled, name="Volume").type == "integer"
    assert col(shuffled, name="c4").type == "integer"
    # In order, but no valid stamp (month 13, hour 24, minute 60): large counts, never a date.
    for values in (["201513011530", "201513021530", "201513031530"], ["202103012430", "202103022430", "202103032430"],
                   ["202103011560", "202103021560", "202103031560"]):
        assert col(values, name="Volume").type == "integer", values
    # Valid stamps of mixed lengths follow no one format.
    assert col(["202103011600", "20210302160000", "202103031600"], name="Date").format != "%Y%m%d%H%M"


def test_dotted_codes_with_leading_zeros_stay_text():
    # NCES's CIP codes ("01.0101"), HS tariff lines ("0101.21"): read as floats "01.0100" was 1.01,
    # its zeros lost both ends. The float reading stays as the alternative.
    for cells, name in ((["01", "01.0101", "01.0199", "01.9999", "11.0701"], "CIPCode"),
                        (["0101.21", "0102.29", "8471.30", "0304.41"], "HS code")):
        t = infer_column_type(cells, name, ".", None)
        assert (t.type, t.format, t.alt.type if t.alt else None) == ("string", "leading_zeros", "float"), cells
    # Prices without a zero-padded figure stay floats; a headerless file's zero-padded figures too
    # (a fixed-width dump's amounts).
    assert infer_column_type(["12.50", "105.25", "0.5", "-0.25"], "Close", ".", None).type == "float"
    # Only a name of codes says so: zero-padded prices ("09.95" beside "10.05"), a lat/long, a change of
    # "00.00" stay numbers, for every price path that asks for one (a wide sheet's "AAPL Close").
    for name in ("AAPL Close", "Spot Price", "EURUSD", "lat", "Change"):
        assert infer_column_type(["09.95", "10.05", "00.00", "11.5"], name, ".", None).type == "float", name
    assert infer_column_type(["0012.50", "0105.25", "0099.00"], "column_3", ".", None).type == "float"


def test_codes_with_leading_zeros_stay_text():
    # Found on csvkit's and frictionless' files (FIPS, ZIP and account codes): read as integers,
    # "06903" would lose its zero. The integer reading stays as the alternative, for a column
    # mapped to a price field.
    for cells in (["06903", "03986", "11390"], ["01", "02", "10", "11"], ["030151360", "123456789"]):
        t = infer_column_type(cells, "code", ".", None)
        assert (t.type, t.alt.type if t.alt else None) == ("string", "integer"), cells
    for cells in (["0", "10", "20"], ["1", "2", "3"], ["100", "-7"]):
        assert infer_column_type(cells, "n", ".", None).type == "integer", cells


_INT_PIECES = ["0", "1", "23", "456", "+", "-", " ", ",", ".", "_", "x", "\u0663", "\u00b2", "e5"]


@given(st.lists(st.lists(st.sampled_from(_INT_PIECES), min_size=1, max_size=4).map("".join), min_size=1,
                max_size=40))
def test_integers_and_leading_zeros_as_a_regex_call_for_each_value(values):
    from backintime_assets.detection.columns import (
        _LEADING_ZERO,
        _int_test,
        _integers,
        _leading_zeros,
        _regex_count,
        _share,
    )
    from backintime_assets.detection.joined import joined
    from backintime_assets.detection.numbers import joined_number_patterns, number_patterns

    integer_rx = number_patterns(".", ",")[0]
    int_frac = _share(values, _int_test(integer_rx), count=_regex_count(joined_number_patterns(".", ",")[0]))
    assert _integers(values, integer_rx, int_frac) == list(filter(integer_rx.match, values))
    ints = list(filter(integer_rx.match, values))
    assert _leading_zeros(ints, joined(ints)) == any(map(_LEADING_ZERO.match, ints))
    assert _leading_zeros(values, joined(values)) == any(map(_LEADING_ZERO.match, values))


@pytest.mark.parametrize(("name", "digits", "fmt"), [("t", "000", "epoch_ms"), ("Open time", "000", "epoch_ms"),
                                                     ("window_start", "000000000", "epoch_ns"),
                                                     ("ts", "000000", "epoch_us")])
def test_a_time_name_vouches_for_epochs_of_twelve_digits_and_more(name, digits, fmt):
    # Polygon's flat files: one day a file, its "window_start" in nanoseconds on every row (no
    # steady series to prove it); its aggregates API: "t" in milliseconds. They had no date column.
    same_day = [str(1704171600) + digits] * 6
    assert (col(same_day, name=name).type, col(same_day, name=name).format) == ("timestamp", fmt)


@pytest.mark.parametrize(("values", "name"), [
    ([str(150_000_000 + 7919 * k) for k in range(12)], "start"),  # a genome's positions: 9 digits
    ([str(1_541_815_603_606_036_480 + 4_194_304 * k) for k in range(12)], "id"),  # snowflake ids, 19 digits
    ([str(170_417_160_000_0 + 7919 * k) for k in range(12)], "Lifetime Volume"),  # 13 digits, no time name
])
def test_numbers_a_time_name_does_not_vouch_for_stay_numbers(values, name):
    assert col(values, name=name).type == "integer"


@pytest.mark.parametrize("values", [["12.5 m", "3.4 m", "80.1 m"], ["512 B", "20 B", "1 B"], ["273.1 K", "300.2 K"]])
def test_a_letter_after_a_blank_is_a_unit_not_thousands_millions_or_billions(values):
    # Read as abbreviated, "12.5 m" (metres) would load as 12,500,000.
    assert col(values).format != "abbreviated"


def test_eurostat_flags_qualify_a_number():
    # "21.0 b" is 21.0 with a break in series (not 21 billion); ": c" is confidential, no value.
    t = col(["21.0 b", "12.3", "102.6 bp", ":", ": c", "9.9 e", "14.0", "15.2 p"])
    assert (t.type, t.format) == ("float", "flagged")


@pytest.mark.parametrize(
    ("values", "name", "expected"),
    [
        (["AAPL", "MSFT", "IBM", "GE", "F"], "Ticker", ColumnType("string", None, 1.0)),
        (["FINANCE", "CONSUMER NON-DURABLES", "ENERGY", "n/a"], "Sector", ColumnType("string", None, 0.8)),
        (["inf", "nan", "Infinity", "x"], "Date", ColumnType("string", None, 0.8)),  # float() reads them: no serial
        # Without a digit, only flags after missing values read as a number (Eurostat's ": c"), or its share as
        # the other reading; not under a volume's name, where a letter after a blank is a unit.
        ([": c", ": c", "NA b", ": c", ": c"], "x", ColumnType("float", "flagged", 1.0)),
        ([": c", "NA b", "AAPL", "MSFT"], "x", ColumnType("string", None, 0.8, ColumnType("float", "flagged", 0.4))),
        ([": c", ": c", "NA b", "n/a e", "c"], "Volume", ColumnType("string", None, 1.0)),
        (["²", "³", "²"], "x", ColumnType("integer", None, 0.8)),  # digits past ASCII: str.isdigit takes them
    ],
)
def test_columns_without_a_digit(values, name, expected):
    # Typed by the tests that can pass without a digit only (columns._words), as every test types them.
    assert infer_column_type(values, name, ".", None) == expected


@pytest.mark.parametrize("missing", ["..", ":"])
def test_statistical_offices_missing_values(missing):
    # ".." (World Bank, OECD, ABS, Statistics Canada), ":" (Eurostat) for "not available".
    assert col(["1.5", missing, "2.5", "3.5", missing, "4.5"]).type == "float"


def test_integers_beyond_64_bits_are_text():
    # 20-digit ICCIDs: no int64 holds them, a float keeps 15-17 digits.
    t = col(["89441000301234567890", "89441000301234567891", "89441000301234567892"])
    assert t.type == "string" and t.alt.type == "integer"
    # 19-digit snowflake ids below 2**63 are integers still.
    assert col(["1367531234567890123", "1367531234567890999", "9223372036854775807"]).type == "integer"


@pytest.mark.parametrize("name", ["created", "created_at", "paid_at", "modified"])
def test_record_times_as_epoch_seconds(name):
    stamps = ["1614556800", "1615161600", "1617000000", "1620000000", "1625000000"]
    assert (col(stamps, name=name).type, col(stamps, name=name).format) == ("timestamp", "epoch_s")


@pytest.mark.parametrize("name", ["created_by_id", "modified_by", "Created By"])
def test_user_ids_of_who_created_or_modified_a_record_are_no_dates(name):
    # Five-digit user ids fall among Excel's serial days: the name no longer vouches for them.
    ids = [str(20000 + 37 * k) for k in range(12)]
    assert col(ids, name=name).type == "integer"


@pytest.mark.parametrize(("values", "name"), [(["1.2 M", "3.4 M", "80.1 M", "12 K"], "Volume"),
                                              (["1.2 b", "3.4 b", "0.8 b"], "Vol.")])
def test_a_volume_abbreviated_after_a_blank_is_abbreviated(values, name):
    # 98ccfec read them; unread, the volume column was text, unmapped, and every row loaded with volume 0.
    assert (col(values, name=name).type, col(values, name=name).format) == ("float", "abbreviated")


@pytest.mark.parametrize(("values", "name"), [(["45.67万", "1.2亿", "3.4千", "12"], "成交量"),
                                              (["295.40亿", "321.04 亿"], "交易量"),
                                              (["1.5 Lakh", "2 Cr", "12.5 lakhs"], "Volume")])
def test_cjk_and_indian_scales_after_a_number_are_abbreviated(values, name):
    # Read as text, the column was left unmapped and every volume lost (investing.com's "295.40亿").
    assert (col(values, name=name).type, col(values, name=name).format) == ("float", "abbreviated")


def test_a_credit_mark_outside_a_volume_is_no_crore():
    # A statement's "1,234.00 Cr" is a credit: read as crores it would be ten million times the amount.
    assert col(["1234.00 Cr", "12.50 Cr", "3.00 Cr"], name="Amount").format != "abbreviated"


def test_accounting_negatives_in_parentheses_are_numbers():
    # Statements and P&L exports write losses as "(1,234.56)": the column was text.
    t = infer_column_type(["(1,234.56)", "2,000.00", "(3.50)", "4.00", "$5.00", "($6.25)"], "Amount", ".", ",")
    assert (t.type, t.format) == ("float", "accounting")
    assert col(["(AAPL)", "(MSFT)", "x"], name="n").type == "string"


def test_e164_phone_numbers_are_text():
    # Twilio's and CRMs' "+14155552671" read as integers lose the plus: text, the integer reading kept.
    t = col(["+14155552671", "+12125550100", "+447700900123", "+4930123456"], name="To")
    assert t.type == "string" and t.alt.type == "integer"
    assert col(["+12", "-3", "+1500", "7"], name="Change").type == "integer"  # signed quantities stay numbers


def test_ip_addresses_in_a_file_grouping_thousands_by_dots_are_text():
    assert col(["192.168.100.107", "192.168.100.114", "10.200.100.121"], thousands=".").type == "string"
    assert col(["1.234.567", "192.168.100.107"], thousands=".").type == "integer"


@pytest.mark.parametrize(("values", "fmt"), [(["on", "off", "ON"], "on/off"), (["yes", "", "yes"], "yes/no"),
                                             (["N", "N"], None), (["no", "no"], "yes/no")])
def test_boolean_spellings(values, fmt):
    # "on"/"off" flags are booleans; a column holding one spelling of a pair names the other.
    t = col(values)
    assert (t.type, t.format) == (("boolean", fmt) if fmt else ("string", None))


@pytest.mark.parametrize("seed", ["0", "4"])
def test_a_boolean_format_does_not_follow_the_hash_seed(seed):
    # Two spellings of false ("N", "F") tie on length: the format was the one the set gave first,
    # which changes with PYTHONHASHSEED (seed 4 gave "true/n"), so a file's schema changed between runs.
    code = ("from backintime_assets.detection.columns import infer_column_type; "
            "print(infer_column_type(['true', 'true', 'N', 'F', 'F'], 'Vol', '.', None).format)")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         env={**os.environ, "PYTHONHASHSEED": seed})
    assert run.stdout.strip() == "true/f"


def test_a_column_of_on_alone_is_no_boolean():
    assert col(["ON", "ON", "ON"], name="Province").type == "string"  # Ontario


@pytest.mark.parametrize("values", [["ON", "T", "ON", "T"], ["ON", "Y"], ["F", "ON"], ["T", "Y", "T"]])
def test_weak_boolean_spellings_of_two_pairs_are_text(values):
    # Tickers: ON Semiconductor beside AT&T, Alleghany or Ford; only "on" with "off" (or "t" with
    # "f", "y" with "n") is a flag.
    assert col(values, name="Ticker").type == "string"


def test_version_numbers_are_text():
    # As floats "1.10" would read 1.1, the same as "1.1".
    t = col(["1.10", "1.2", "2.0", "1.1"], name="Version")
    assert t.type == "string" and t.alt.type == "float"
    assert col(["1.10", "1.2", "2.0", "1.1"], name="Vol. Ratio").type == "float"
    # "Ver" before a letter outside ASCII is no version: Destatis' change columns are figures.
    assert col(["-0,6", "0,5", "0,1", "1,7"], name="Veränderung zum Vormonat", decimal=",").type == "float"


def test_sap_negatives_with_the_minus_after_the_number_are_numbers():
    t = col(["1.234,56-", "12,00", "5-", "7,25"], name="Betrag in HW", decimal=",", thousands=".")
    assert (t.type, t.format) == ("float", "trailing_minus")
    assert col(["10-20", "20-30", "5-"], name="Band").type == "string"


def test_zero_padded_codes_ending_in_a_letter_are_codes_not_abbreviated_amounts():
    # KRX's daily dump of every listed stock (bamhobak/kospi-volume, data/2020-03.csv): tickers are
    # six characters, zero-padded, a preferred share's ending in a letter ("00088K" Hanwha 3rd pref).
    # Read as abbreviated amounts ("00088K" = 88,000), the "ticker" column was lost and the Korean
    # company names became the file's tickers.
    codes = ["000020", "000040", "000050", "000660", "00088K", "00104K", "001040", "00279K"]
    t = infer_column_type(codes, "ticker", ".", None)
    assert (t.type, t.format) == ("string", "leading_zeros")
    # Web exports' volumes stay amounts: no volume is written with a leading zero.
    t = infer_column_type(["118.39M", "146.32K", "0.5K", "12"], "Vol.", ".", None)
    assert (t.type, t.format) == ("float", "abbreviated")


@pytest.mark.parametrize("name", ["Vol (Rs Cr)", "Vol Value", "Vol. Turnover", "Vol Amt"])
def test_crores_under_a_volume_name_that_names_money_are_no_shares(name):
    # Crores of rupees traded: read as a volume, "2.5 Cr" loaded 25 million shares.
    assert col(["2.50 Cr", "3.10 Cr", "12.75 Cr", "1.5 Lakh"], name=name).format != "abbreviated"


@pytest.mark.parametrize("word", ["EUR", "USD 12 and more", "ABC 12.5", "12.5 XYZ"])
def test_letters_that_are_no_currency_code_leave_a_column_text(word):
    assert col([word, word, word]).type == "string"


def test_one_days_yyyymmdd_under_data_is_a_date():
    # Italian/Portuguese "Data" over a one-day file's 20091123: it stayed an integer, the file refused.
    t = infer_column_type(["20091123"] * 3, "Data", ".", None)
    assert (t.type, t.format) == ("date", "%Y%m%d")
    assert infer_column_type(["20091123"] * 3, "Metadata", ".", None).type == "integer"


@pytest.mark.parametrize("name", ["Session", "SESSION", " session "])
def test_one_days_yyyymmdd_under_session_is_a_date(name):
    # "Session" names the date (canonical.py maps it so, as French "Séance"): a one-day file's 20231220
    # under it stayed an integer, and the file was refused "no date column".
    t = infer_column_type(["20231220"] * 3, name, ".", None)
    assert (t.type, t.format) == ("date", "%Y%m%d")
    # Not a session's other numbers or prices.
    assert infer_column_type(["20231220"] * 3, "Session ID", ".", None).type == "integer"
    assert not date_named("Session High")


def test_a_column_of_capitals_without_digits_is_not_searched_for_currency_codes(monkeypatch):
    # Every ticker, name and month column holds capitals: each had been searched for all ISO codes.
    from backintime_assets.detection import columns

    class Spy:
        def __init__(self, mark):
            self.mark, self.searched = mark, 0

        def search(self, value):
            self.searched += 1
            return self.mark.search(value)

    chars, mark, number = columns.MARKED_NUMBERS["currency"]
    spy = Spy(mark)
    monkeypatch.setitem(columns.MARKED_NUMBERS, "currency", (chars, spy, number))
    assert col(["AAPL", "MSFT", "IBM", "AAPL"], name="Ticker").type == "string"
    assert spy.searched == 0
    assert col(["CHF 12.50", "CHF 12.75", "CHF 13.00"], name="Close").format == "currency" and spy.searched


@pytest.mark.parametrize("name", ["Name", "Index Name", "Security", "Instrument", "Ticker"])
def test_a_name_that_reads_as_a_currency_code_by_a_number_stays_text(name):
    # "TOP 40" (the JSE's index) is no 40 pa'anga (TOP): typed as a currency amount, the column of names
    # was no ticker's, and its rows loaded under the file's name.
    assert col(["TOP 40", "TOP 40", "TOP 40"], name=name).type == "string"
    # A price column so named still reads its code ("Security Price": "CHF 12.50").
    assert col(["CHF 12.50", "CHF 12.75"], name="Security Price").format == "currency"


def test_an_index_named_by_a_currency_code_and_a_number_loads_under_its_name():
    from backintime_assets.detection import detect_bytes
    from backintime_assets.normalisation import normalise_bytes

    data = b"Date,Name,Close\n2024-01-02,TOP 40,70000.5\n2024-01-03,TOP 40,70100.5\n2024-01-04,TOP 40,70200.5\n"
    schema = detect_bytes(data, "jse.csv")
    prices = normalise_bytes(data, schema, "jse.csv").prices
    assert prices["ticker"].tolist() == ["TOP 40"] * 3 and prices["close"].tolist() == [70000.5, 70100.5, 70200.5]


def test_whole_numbers_with_a_few_fractions_are_floats():
    # geonames' country areas: "468", "82880", ... and Gibraltar's "6.5". Nine integers in ten passed
    # the integer share, and typed integer, the column lost its fractions.
    cells = ["468", "82880", "647500", "443", "14000000", "2766890", "199", "1580", "665", "6.5"]
    assert infer_column_type(cells, "Area(in sq km)", ".", None).type == "float"
    assert infer_column_type(cells[:-1] + ["n/a"], "Area", ".", None).type == "integer"  # a stray word only
    assert infer_column_type(["1.234", "5.678", "12", "1,5"], "x", ",", ".").type == "float"


def _fraction_days() -> list[str]:
    days = (date(2024, 1, 2) + timedelta(n) for n in range(40))
    return [d.isoformat() for d in days if d.weekday() < 5][:25]


def test_a_few_fractions_in_a_headerless_volume_keep_it_the_volume():
    # Typed float for its two ".5" cells, the volume of a headerless OHLCV file was taken for a fifth
    # price column and no column loaded as the volume: every day's volume was lost, unseen.
    from backintime_assets.detection import detect_bytes
    from backintime_assets.normalisation import normalise_bytes
    rows = [f"{d},{100 + i * 0.5:.2f},{101.1 + i * 0.5:.2f},{99.1 + i * 0.5:.2f},{100.2 + i * 0.5:.2f},"
            f"{123456 + i * 1371}{'.5' if i in (7, 19) else ''}" for i, d in enumerate(_fraction_days())]
    data = ("\n".join(rows) + "\n").encode()
    schema = detect_bytes(data, "prices.csv")
    assert schema.columns[5].type == "float"  # the fractions are kept
    prices = normalise_bytes(data, schema, "prices.csv").prices
    assert prices["volume"].tolist()[:8] == [123456 + i * 1371 + (0.5 if i == 7 else 0) for i in range(8)]


def test_a_few_fractions_in_a_numbered_ticker_column_keep_it_the_ticker():
    # A column of stock numbers named as the ticker ("Code": 600000) with one "600000.0" cell: typed
    # float, it was no longer read as the ticker, and every row loaded under the file's name.
    from backintime_assets.detection import detect_bytes
    from backintime_assets.normalisation import normalise_bytes
    rows = [f"{'600000.0' if i == 5 else '600000'},{d},{10 + i * 0.1:.2f},{1000 + i}"
            for i, d in enumerate(_fraction_days())]
    data = ("Code,Date,Close,Volume\n" + "\n".join(rows) + "\n").encode()
    schema = detect_bytes(data, "quotes.csv")
    prices = normalise_bytes(data, schema, "quotes.csv").prices
    assert (prices["ticker"] == "600000").sum() == 24


@pytest.mark.parametrize("cells", [["20110412"] * 4, ["20110412", "20110412", "20110413", "20110413"]])
def test_a_headerless_column_of_one_days_yyyymmdd_repeated_is_a_date(cells):
    # One day's dump of a whole market, no header (asxhistoricaldata.com, EODData): "BHP,20110412,
    # 49.07,...". The day on every row is one or two distinct values: it stayed an integer.
    for name in ("", "column_2"):
        t = infer_column_type(cells, name, ".", None)
        assert (t.type, t.format) == ("date", "%Y%m%d")


def test_a_named_or_unrepeated_column_of_few_eight_digit_integers_stays_an_integer():
    # A header names the column: "Metadata", "ID" over one value are no dates unless the name says so.
    assert infer_column_type(["20110412"] * 4, "ID", ".", None).type == "integer"
    # Two rows, two values, nothing repeated: nothing says a day.
    assert infer_column_type(["20110412", "20110413"], "column_2", ".", None).type == "integer"


def test_pandas_nat_is_no_value():
    # df.astype(str).to_csv() prints a missing time "NaT": counted as a word, a tenth of them made text.
    cells = [f"2024-01-{d:02d} 10:00:00" for d in range(2, 20)] + ["NaT", "NaT"]
    t = infer_column_type(cells, "updated", ".", None)
    assert (t.type, t.format) == ("timestamp", "%Y-%m-%d %H:%M:%S")


def test_days_written_as_pandas_floats_are_dates():
    # An integer column with a gap, as pandas writes it: every value a float.
    cells = ["20240102.0", "20240103.0", "nan", "20240104.0", "20240105.0"]
    t = infer_column_type(cells, "trade_date", ".", None)
    assert (t.type, t.format) == ("date", "%Y%m%d.0")
    # Floats of eight digits that are no days stay numbers.
    assert infer_column_type(["20241399.0", "20240103.0", "20240104.0"], "amount", ".", None).type == "float"


@pytest.mark.parametrize("name,values", [
    ("id", ["1704153600", "1704240000", "1704326400", "1704412800"]),  # Huobi's day candles
    ("t", ["1704326400", "1704240000", "1704153600"]),  # Gate's, newest first
    ("ts", ["1704153600", "1704240000"]),
    ("id", ["1704153600", "1704157200", "1704164400"]),  # hourly, one hour missing
])
def test_a_few_epoch_stamps_under_a_stamp_s_short_name_are_a_time_axis(name, values):
    # Too few for the median step of a longer column: the file had been refused "no date column".
    assert infer_column_type(values, name, ".", None).format.startswith("epoch_s")


@pytest.mark.parametrize("name,values", [
    ("id", ["1", "2", "3"]), ("id", ["100234", "100235", "100236"]),
    ("id", ["1704153600", "1704153601", "1704153602"]),  # a counter from a large base
    ("id", ["1704153600", "1704240000", "1704153660"]),  # out of order
    ("Volume", ["150000000", "150300000", "150600000"]),  # round volumes stepping by whole minutes
    # Round amounts 60000 apart, headerless: whole minutes, but 16h40 is no bar's length.
    ("column_1", ["1500000000", "1500060000", "1500120000"]),
])
def test_a_few_ids_counters_and_volumes_stay_numbers(name, values):
    assert infer_column_type(values, name, ".", None).type == "integer"


def test_serials_after_today_are_no_dates():
    # Finam's yymmdd of January 2005 saved by Excel, its leading zero dropped: read as Excel serials
    # under "<DATE>", the days of 2037 loaded.
    days = [d for d in (date(2005, 1, 3) + timedelta(n) for n in range(14)) if d.weekday() < 5]
    values = [str(int(f"{d:%y%m%d}")) for d in days]
    assert infer_column_type(values, "<DATE>", ".", None).type != "date"


_NUMBER_PIECES = [*_INT_PIECES, "\x00", "nan", "7.", ".5"]


@given(st.lists(st.lists(st.sampled_from(_NUMBER_PIECES), min_size=1, max_size=4).map("".join), min_size=1,
                max_size=80), st.sampled_from([(".", None), (",", "."), (".", ",")]))
def test_number_shares_counted_by_shape_as_a_test_of_each_value(values, marks):
    # One shape list per column serves every number share: the shares a test of each value gives,
    # the probe's early answer included (values past ASCII, "_" and NUL counted value by value).
    from backintime_assets.detection.columns import _float_test, _int_test, _number_shapes, _number_share, _share
    from backintime_assets.detection.joined import joined
    from backintime_assets.detection.numbers import joined_number_patterns, number_patterns

    integer_rx, float_rx = number_patterns(*marks)
    joined_int, joined_float = joined_number_patterns(*marks)
    shapes = _number_shapes(joined(values))
    for test, rx in ((_int_test(integer_rx), joined_int), (_float_test(float_rx, marks[0]), joined_float)):
        assert _number_share(values, shapes, test, rx) == _share(values, test)


@given(st.lists(st.from_regex(r"[+-]?[0-9]{1,9}(?:[.,/: -][0-9]{1,4}){0,2}", fullmatch=True), min_size=1, max_size=20))
def test_a_column_of_plain_numbers_is_told_no_date_by_its_shapes(values):
    # The typing skips the search for a date's start where every probed value is a plain number:
    # only where infer_date_format finds none ("20240105" and "12.05.2024" are looked at).
    from backintime_assets.detection.columns import _no_date_starts, _number_shapes
    from backintime_assets.detection.dates import infer_date_format
    from backintime_assets.detection.joined import joined

    if _no_date_starts(_number_shapes(joined(values))):
        assert infer_date_format(values) is None


def test_prices_and_volumes_are_told_no_date_by_their_shapes():
    from backintime_assets.detection.columns import _no_date_starts, _number_shapes
    from backintime_assets.detection.joined import joined

    def told(values):
        return _no_date_starts(_number_shapes(joined(values)))

    assert told(["185.25", "-0.5", "1234567", "12,5"] * 5)
    assert not told(["185.25", "20240105"])  # eight digits: a compact date may start so
    assert not told(["185.25", "12.05.2024"])
    assert not told(["185.25", "AAPL"])


_CELL_PIECES = ["1", "23", "4.5", "AAPL", "N", "i", "#", "\x00", "", " ", "\t", "\u00a0", "\u3000", "\x1c",
                "NA", "n/a", "-", "--", ".", "?", "NaT", "#DIV/0!", "-inf", "\u2014", "\u2026"]


@given(st.lists(st.lists(st.sampled_from(_CELL_PIECES), max_size=3).map("".join), max_size=8))
def test_a_columns_values_taken_whole_are_its_cells_stripped_without_nulls(cells):
    # Cells that hold no blank at an end and no null spelling are taken as they are, in one search:
    # the values are those of stripping and sifting each cell.
    from itertools import filterfalse

    from backintime_assets.detection.columns import NO_VALUE, _values
    from backintime_assets.detection.joined import joined

    expected = list(filterfalse(NO_VALUE.__contains__, map(str.strip, cells)))
    assert _values(cells) == (expected, joined(expected))
    assert _values(["185.25", "2024-01-05", "AAPL"]) == (["185.25", "2024-01-05", "AAPL"],
                                                        joined(["185.25", "2024-01-05", "AAPL"]))
