import numpy as np
import pyarrow as pa
import pytest

from backintime_assets.normalisation.parse import parse_dates, parse_numbers, parse_strings, scaled

D20200102 = 18263  # days since 1970-01-01


def nums(cells, **kw):
    p = parse_numbers(pa.array(cells, pa.string()), **kw)
    return [None if m else ("bad" if b else v) for v, m, b in zip(p.values.tolist(), p.missing, p.bad)]


def test_clean_numbers_take_the_fast_cast():
    assert nums(["1.5", "2", "3e2", "-0.25"]) == [1.5, 2.0, 300.0, -0.25]


def test_missing_and_unparseable_are_told_apart():
    assert nums(["1.5", " 2 ", "NA", "", "abc", "inf", "$12.5", "1.2.3", "nan"]) == \
        [1.5, 2.0, None, None, "bad", "bad", 12.5, "bad", None]


@pytest.mark.parametrize(
    ("cells", "decimal", "thousands", "expected"),
    [
        (["1.234,5", "2,5", "-3"], ",", ".", [1234.5, 2.5, -3.0]),
        (["1,234.5", "12"], ".", ",", [1234.5, 12.0]),
        (["1 234,5"], ",", " ", [1234.5]),
        (["1'234.5"], ".", "'", [1234.5]),
    ],
)
def test_conventions(cells, decimal, thousands, expected):
    assert nums(cells, decimal=decimal, thousands=thousands) == expected


def test_volume_suffixes():
    assert nums(["1.5M", "200K", "2B", "12", "3X"], suffixes=True) == [1.5e6, 2e5, 2e9, 12.0, "bad"]
    assert nums(["1.5M"]) == ["bad"]
    # The number written times its scale, to the decimal: 2.01 * 1e3 is 2009.9999999999998 as floats.
    assert nums(["2.01K", "4.1M", "0.0213K"], suffixes=True) == [2_010.0, 4_100_000.0, 21.3]


def test_a_coins_volume_reads_with_its_code_and_scale():
    # Exchanges' exports write the coins traded with their code: every row had been rejected.
    assert nums(["1.2K BTC", "3.4M ETH", "0.5 BTC", "2.5kbtc", "12 XBT"], suffixes=True) == \
        [1200.0, 3_400_000.0, 0.5, 2500.0, 12.0]
    assert nums(["1,2K BTC", "0,5 ETH"], decimal=",", suffixes=True) == [1200.0, 0.5]
    parsed = parse_numbers(pa.array(["1.2K BTC", "0.5 BTC"]), suffixes=True)
    assert parsed.suffixed.tolist() == [True, False]  # a code alone scales nothing ("Volume (K)" still does)
    # A quote currency's is money traded, no count of coins; nor is a code read off a price's column.
    assert nums(["1.2M USDT", "1.2K BTCX"], suffixes=True) == ["bad", "bad"]
    assert nums(["0.5 BTC"]) == ["bad"]
    # One such cell among a share's volumes is damage, not the column's unit.
    assert nums(["1200", "1300", "1.5 BTC"], suffixes=True) == [1200.0, 1300.0, "bad"]
    assert nums(["1200", "1.5K BTC", "1.5 BTC", ""], suffixes=True) == [1200.0, 1500.0, 1.5, None]


@pytest.mark.parametrize(("cells", "decimal", "thousands", "expected"), [
    (["Rp 1.234.567", "Rp1.234.567,00", "Rp. 12.500", "Rp\u00a012.500", "-Rp 1.500"], ",", ".",
     [1234567.0, 1234567.0, 12500.0, 12500.0, -1500.0]),
    (["Rp12,500.00", "Rp 1,234,567", "Rp 12.50"], ".", ",", [12500.0, 1234567.0, 12.5]),
    # Where the dot is the decimal point, a rupiah's "12.500" is twelve thousand five hundred, never 12.5.
    (["Rp 12.500", "Rp 1.234"], ".", None, ["bad", "bad"]),
    (["Rp 12.500", "Rp 1.234"], ".", ",", ["bad", "bad"]),
])
def test_rupiah_read_where_the_dot_is_no_decimal_before_three_digits(cells, decimal, thousands, expected):
    assert nums(cells, decimal=decimal, thousands=thousands) == expected


def test_scaled_is_the_decimal_written_times_its_scale():
    # A float product is a unit off in its last place now and then (2.01 * 1000 is
    # 2009.9999999999998); rounded to an integer volume that was hidden, loaded as written it shows.
    written = np.round(np.arange(100_000) / 10_000, 4)  # 0.0000 ... 9.9999
    for power in (2, 3, 5, 6, 7):  # hundreds, thousands, lakhs, millions, crores
        expected = np.array([float(f"{w:.4f}e{power}") for w in written])  # the float nearest the decimal
        assert (scaled(written, 10.0**power) == expected).all()
    assert (written * 1000 != scaled(written, 1000)).any()  # the plain product is off
    special = scaled(np.array([np.nan, 0.0, -1.5, np.inf, 5e14, 1e-12]), 1000.0)
    assert np.isnan(special[0]) and special[1:].tolist() == [0.0, -1500.0, np.inf, 5e17, 1e-12 * 1000.0]


def test_scaled_takes_the_logarithm_of_fractional_products_only(monkeypatch):
    # Most scaled volumes are whole ("Volume ('000)" to three decimals, "12.3K"): a logarithm and a
    # power of each of them had cost 27 of the 400 ms of CPU normalising 480,000 such rows took.
    logged = []
    log10 = np.log10
    monkeypatch.setattr(np, "log10", lambda a: logged.append(np.size(a)) or log10(a))
    written = np.round(np.arange(100_000) / 1_000, 3)  # 0.000 ... 99.999 thousands: whole shares
    mixed = np.concatenate([written, [2.0001, 0.0213, np.nan, np.inf]])  # a few fractions of a share
    got = scaled(mixed, 1000.0)
    assert got[:-4].tolist() == [float(f"{w:.3f}e3") for w in written]
    assert got[-4:-2].tolist() == [2000.1, 21.3] and np.isnan(got[-2]) and got[-1] == np.inf
    assert sum(logged) <= 4


def days(cells, fmt):
    p = parse_dates(pa.array(cells, pa.string()), fmt)
    return [None if m else ("bad" if b else int(v)) for v, m, b in zip(p.values.tolist(), p.missing, p.bad)]


@pytest.mark.parametrize(
    ("cell", "fmt"),
    [
        ("2020-01-02", "%Y-%m-%d"), ("02/01/2020", "%d/%m/%Y"), ("01/02/2020", "%m/%d/%Y"), ("2.1.2020", "%d.%m.%Y"),
        ("Jan 02, 2020", "%b %d, %Y"), ("02-Jan-2020", "%d-%b-%Y"), ("20200102", "%Y%m%d"),
        ("202001021530", "%Y%m%d%H%M"), ("20200102235959", "%Y%m%d%H%M%S"),
        ("2020-01-02 23:59:59", "%Y-%m-%d %H:%M:%S"), ("2020-01-02 09:30:00.125", "%Y-%m-%d %H:%M:%S.%f"),
        ("2020-01-02T23:00:00-05:00", "%Y-%m-%dT%H:%M:%S%z"),  # wall-clock date, not shifted to UTC
        ("2020-01-02 23:00:00-08", "%Y-%m-%d %H:%M:%S%z"),  # PostgreSQL's whole-hour offset
        ("02JAN2020", "%d%b%Y"), ("02jan2020", "%d%b%Y"), ("02JAN2020:16:00:00", "%d%b%Y:%H:%M:%S"),  # SAS, Stata
        ("2020-01-02 10:00 UTC", "%Y-%m-%d %H:%M %Z"), ("1/2/20 1:30 PM", "%m/%d/%y %I:%M %p"),
        ("43832", "excel_serial"), ("43832.75", "excel_serial"), ("1577923200", "epoch_s"),
        ("1577923200000", "epoch_ms"),
    ],
)
def test_date_formats(cell, fmt):
    assert days([cell], fmt) == [D20200102]


def test_date_failures_and_iso_fallback():
    assert days(["02/01/2020", "31/02/2020", "", "2020-01-02", "0020-01-02", "n/a"], "%d/%m/%Y") == \
        [D20200102, "bad", None, D20200102, "bad", None]
    assert days(["0020-01-02", "2020-01-02"], "%Y-%m-%d") == ["bad", D20200102]
    assert days(["1799-12-31"], "%Y-%m-%d") == ["bad"]


def test_an_iso_date_column_reads_the_cells_written_with_a_time():
    # A column of ISO dates with some cells written as timestamps (Excel or pandas writes midnight
    # when a cell holds a datetime; Spark's date-infer-schema.csv mixes them): the fallback that
    # reads ISO cells in any other date format skipped ISO dates' own, so those rows were rejected
    # as "unparseable value: date".
    assert days(["2020-01-02", "2020-01-02 00:00:00", "2020-01-02T00:00:00", "2020-01-02x", "2020-02-30 00:00"],
                "%Y-%m-%d") == [D20200102, D20200102, D20200102, "bad", "bad"]


@pytest.mark.parametrize("fmt", ["%Y-%m-%d", "%d/%m/%Y"])
def test_the_iso_fallback_reads_a_date_with_its_time_not_with_other_text(fmt):
    # "2020-01-02 - 2020-01-08" is a week's row: read by its first ten characters, it loaded as the
    # week's first day, a day's row; a time of day (and its zone) is what may follow the date.
    assert days(["2020-01-02 - 2020-01-08", "2020-01-02 (est.)", "2020-01-02 23:30:00-05:00", "2020-01-02T09:30Z",
                 "2020-01-02 10:00 UTC", "2020-01-02 09:30:00.125"], fmt) == ["bad", "bad", *[D20200102] * 4]


@pytest.mark.parametrize(
    ("cells", "fmt"),
    [
        (["02.Jan.2020", "03.Mär.2020", "01.Okt.2020", "01.Dez.2020"], "%d.%b.%Y|de"),
        (["2 janv. 2020", "3 mars 2020", "1 oct. 2020", "1 DÉC. 2020"], "%d %b %Y|fr"),
        (["2. Januar 2020 10:30", "3. März 2020 09:00", "1. Oktober 2020 17:30", "1. Dezember 2020 12:00"],
         "%d. %b %Y %H:%M|de"),
    ],
)
def test_month_names_of_other_languages(cells, fmt):
    assert days(cells, fmt) == [D20200102, D20200102 + 61, D20200102 + 273, D20200102 + 334]


def test_month_names_of_other_languages_reject_what_they_cannot_read():
    assert days(["02.Jan.2020", "31.Feb.2020", "02.Foo.2020", "", "n/a", "2020-01-02", "2.1.2020"], "%d.%b.%Y|de") == \
        [D20200102, "bad", "bad", None, None, D20200102, "bad"]


def test_english_format_reads_names_the_sample_did_not_show():
    # Detected on "Jan", "Feb" (English as well), a German archive names later months its own way.
    assert days(["02-Jan-2020", "03-Mär-2020", "21 Foo 2020"], "%d-%b-%Y") == [D20200102, D20200102 + 61, "bad"]


def test_a_run_of_spaces_reads_as_one_and_a_rolled_over_day_is_still_caught():
    assert days(["21 Mar  2020", "1 Mar  2020", "31 Feb  2020"], "%d %b %Y") == \
        [D20200102 + 79, D20200102 + 59, "bad"]


def test_strings_are_coded_trimmed_and_merged():
    s = parse_strings(pa.array([" aapl ", "", "  ", "AAPL", "msft"]), upper=True)
    assert s.at(np.arange(5)).tolist() == ["AAPL", "", "", "AAPL", "MSFT"]
    assert s.missing.tolist() == [False, True, True, False, False]
    assert s.codes[0] == s.codes[3] != s.codes[4]


def test_strings_each_their_own_word_keep_their_codes():
    s = parse_strings(pa.array(["msft", " aapl", "msft", "ibm"]), upper=True)
    assert s.at(np.arange(4)).tolist() == ["MSFT", "AAPL", "MSFT", "IBM"]
    assert s.codes.tolist() == [0, 1, 0, 2]
    assert not s.missing.any()


def test_strings_with_a_stand_in_for_nulls():
    s = parse_strings(pa.array(["Tech", "N/A", "", " Energy"]), nulls_as="UNKNOWN")
    assert s.at(np.arange(4)).tolist() == ["Tech", "UNKNOWN", "UNKNOWN", "Energy"]
    assert not s.missing.any()


def test_serial_day_zero_and_below_are_unparseable():
    assert days(["43832", "0", "-5", ""], "excel_serial") == [D20200102, "bad", "bad", None]
    assert days(["-86400"], "epoch_s") == [-1]  # 1969-12-31: epochs before 1970 are dates


def test_a_1904_serial_below_zero_is_unparseable():
    # Mac Excel's 1904 system starts at serial 0 (1904-01-01) and has no dates before it: "-1" is
    # damage there as it is in the 1900 system, not 1903-12-31.
    assert days(["42370", "0", "-1", "-5"], "excel_serial_1904") == [D20200102, -24107, "bad", "bad"]


def test_grouped_numbers_past_the_sample_are_read_when_unmistakable():
    cells = pa.array(["2 590.53", "1,234,567.25", "1'000'000", "154.69", "12,34", "1 23", "2 590,5", "1.234.567,5"])
    p = parse_numbers(cells, ".", None)
    assert p.values[:4].tolist() == [2590.53, 1234567.25, 1e6, 154.69]
    assert p.bad.tolist() == [False] * 4 + [True] * 4
    comma = parse_numbers(pa.array(["2 590,53", "1.234,5", "1,234.5"]), ",", None)
    assert comma.values[:2].tolist() == [2590.53, 1234.5] and comma.bad.tolist() == [False, False, True]


def test_a_dot_in_a_decimal_comma_file_without_grouping_is_no_decimal_point():
    # Detection saw "987,50" and "750" in its sample; past it the price rose and the volume grew:
    # "1.500" is a thousand grouped (it had loaded as 1.5), "1.5" another convention's (unparseable).
    assert nums(["987,50", "1.500", "12.345,60", "1.500.000"], decimal=",") == [987.5, 1500.0, 12345.6, 1500000.0]
    assert nums(["987,50", "1.5", "1.2345"], decimal=",") == [987.5, "bad", "bad"]
    assert nums(["750", "1.699"], decimal=",", suffixes=True) == [750.0, 1699.0]
    # The currency's dot is none of the number's; a grouped number beside its currency is read.
    assert nums(["kr. 12,50", "12,50 руб.", "kr 1.234", "€ 1.234,50"], decimal=",") == [12.5, 12.5, 1234.0, 1234.5]
    # Where a blank groups, a dot is neither mark: unparseable, not 1.5.
    assert nums(["1 500,5", "1.500", "1.5"], decimal=",", thousands=" ") == [1500.5, "bad", "bad"]


def test_the_mirror_a_comma_in_a_decimal_dot_file_without_grouping():
    assert nums(["987.50", "1,500", "12,345.60", "$1,234.50"], decimal=".") == [987.5, 1500.0, 12345.6, 1234.5]
    assert nums(["987.50", "1,5"], decimal=".") == [987.5, "bad"]


def test_a_lone_separator_is_no_grouping_where_the_column_writes_it_as_a_decimal_point():
    # Rows of another tool in a decimal-comma file: beside "1.0856", "1.086" is a rate of 1.086, not
    # 1086 (it had loaded 1000x off, the whole row alike); either may be, so neither is read. Two
    # separators, or one beside the file's own decimal mark, group thousands still.
    assert nums(["1,0856", "1.0856", "1.086", "1.234.567", "12.345,60"], decimal=",") == \
        [1.0856, "bad", "bad", 1234567.0, 12345.6]
    assert nums(["0.5", "1,086", "1,234,567"], decimal=".", suffixes=True) == [0.5, 1086.0, 1234567.0]
    assert nums(["0.5", "0,25", "1,086", "1,234,567"], decimal=".") == [0.5, "bad", "bad", 1234567.0]
    # No group starts with a 0: "0.125" is no 125.
    assert nums(["987,50", "0.125"], decimal=",") == [987.5, "bad"]


def test_a_lone_separator_is_no_grouping_where_the_columns_numbers_read_it_as_a_decimal_point():
    # Rows of another tool in a German archive of USD/JPY, all to three decimals: no "1.0856" beside
    # them shows the dot a decimal point, and "157.123" had loaded as 157,123 yen, every such row.
    # Read as a decimal point it falls among the column's 157,12 and 156,81; neither reading is taken.
    assert nums(["157,12", "156,81", "157.123", "156.812"], decimal=",") == [157.12, 156.81, "bad", "bad"]
    # A price past a thousand groups; so does a volume, however it grew (a coin's from its first years).
    assert nums(["987,50", "1.200"], decimal=",") == [987.5, 1200.0]
    assert nums(["0,5", "1.699", "45.000"], decimal=",", suffixes=True) == [0.5, 1699.0, 45000.0]


def test_an_iso_code_for_the_currency_sign_goes_as_the_sign_does():
    # Excel's currency formats in Switzerland and elsewhere: "CHF 1'234.50", "12,50 EUR".
    assert nums(["CHF 1'234.50", "-CHF 3.20", "10.75 CHF", "USD 12"], decimal=".", thousands="'") == \
        [1234.5, -3.2, 10.75, 12.0]
    assert nums(["1.234,50 EUR", "12,50 SEK", "12,50 XYZ"], decimal=",", thousands=".") == [1234.5, 12.5, "bad"]


@pytest.mark.parametrize("blank", [" ", "\u00a0", "\u202f"])
def test_a_currencys_blank_is_no_thousands_mark_where_a_blank_groups_them(blank):
    # A French or Swedish re-save: "4,62 €", "CHF 8,65" beside "1 234,50 €". Each was "misgrouped".
    cells = ["4,62 €", f"1{blank}234,50\u00a0€", "CHF 8,65", f"-1{blank}234,5 EUR", f"10{blank}5 €"]
    assert nums(cells, decimal=",", thousands=blank) == [4.62, 1234.5, 8.65, -1234.5, "bad"]


def test_pence_are_no_currency_sign_beside_pounds():
    # "412.50 GBX" read as a sign's number beside "4.15 GBP": a 100x jump loaded silently.
    assert nums(["4.15 GBP", "412.50 GBX", "4.16 GBP"]) == [4.15, "bad", 4.16]


def test_a_blank_grouped_column_without_misgrouping_is_not_read_again(monkeypatch):
    # The currency's blank is judged apart only where a cell is misgrouped: two more regex passes
    # over every blank-grouped column had cost it 70%.
    import backintime_assets.normalisation.parse as parse

    def unexpected(_):
        raise AssertionError("read again")
    monkeypatch.setattr(parse, "_without_currency", unexpected)
    assert nums(["1 234,50", "12,50", " 2 345,00"], decimal=",", thousands=" ") == [1234.5, 12.5, 2345.0]


def test_a_thousands_mark_outside_groups_of_three_is_unparseable_not_another_number():
    """"10.5" where "." groups thousands is another convention's number: read as 105 it would load
    silently wrong (a file borrowing its neighbour's schema must show it as a reading problem)."""
    assert nums(["10.5", "1.234,5", "12.345.678", "1234.5", "$1.234", "-1.234,50 €"], decimal=",", thousands=".") == \
        ["bad", 1234.5, 12345678.0, "bad", 1234.0, -1234.5]
    assert nums(["10,5", "1,234.5", "1234,5"], decimal=".", thousands=",") == ["bad", 1234.5, "bad"]


def test_indian_grouping_reads_where_the_comma_groups():
    cells = ["55,09,326", "14,38,52,14,571.35", "1,234", "12,34,56", "1,2,345"]
    assert nums(cells, decimal=".", thousands=",") == [5509326.0, 14385214571.35, 1234.0, "bad", "bad"]
    assert nums(["55,09,326", "1,23,456"], decimal=".", thousands=",") == [5509326.0, 123456.0]  # the plain path


PLAIN_CASES = [
    # (cells, decimal, thousands, whether the plain fast path takes them)
    (["1'234.5", "12", "-3'000'000.25", "+7"], ".", "'", True),
    (["1 234,5", "2,5", "-3"], ",", " ", True),
    (["1234,5", "-3"], ",", None, True),
    (["1 234,5", "2,5", "-3"], ",", None, False),  # a grouping the file does not use
    (["1.234,5", " 2,5", "NA"], ",", ".", False),  # padding and a null token
    (["1,234.5", "10,5", "$1,000"], ".", ",", False),  # a misgrouped mark and a currency
    (["1 234", "1.5M", ""], ".", " ", False),  # a suffix and a blank
    (["1" * 400, "12"], ",", " ", False),  # too many digits: not finite
]


@pytest.mark.parametrize(("cells", "decimal", "thousands", "plain"), PLAIN_CASES)
def test_plain_numbers_read_as_the_careful_path_does(monkeypatch, cells, decimal, thousands, plain):
    import backintime_assets.normalisation.parse as parse

    assert (parse._plain_numbers(pa.array(cells, pa.string()), decimal, thousands) is not None) == plain
    fast = nums(cells, decimal=decimal, thousands=thousands, suffixes=True)
    monkeypatch.setattr(parse, "_plain_numbers", lambda *a: None)
    assert fast == nums(cells, decimal=decimal, thousands=thousands, suffixes=True)


def test_the_plain_path_takes_only_columns_of_bare_numbers():
    from backintime_assets.normalisation.parse import _plain_numbers

    plain = _plain_numbers(pa.array(["1'234.5", "-12"]), ".", "'")
    assert plain.values.tolist() == [1234.5, -12.0] and not plain.missing.any() and not plain.bad.any()
    assert _plain_numbers(pa.array(["1'234.5", "12'5"]), ".", "'") is None  # misgrouped
    assert _plain_numbers(pa.array(["1,5", " 2,5"]), ",", None) is None  # padded
    assert _plain_numbers(pa.array(["1" * 400]), ".", "'") is None  # infinite


def test_typed_numbers_without_nulls_are_neither_missing_nor_bad():
    p = parse_numbers(pa.array([1.5, 2.0]))
    assert p.values.tolist() == [1.5, 2.0] and not p.missing.any() and not p.bad.any()
    p = parse_numbers(pa.array([1.5, None, float("inf")]))
    assert p.missing.tolist() == [False, True, False] and p.bad.tolist() == [False, False, True]


def test_sap_negatives_with_the_minus_after_read_as_negative_numbers():
    assert nums(["1.234,56-", "12,00", "5-", "-", "1-2"], decimal=",", thousands=".") == \
        [-1234.56, 12.0, -5.0, None, "bad"]


def test_accounting_negatives_read_as_negative_numbers():
    assert nums(["(1,234.56)", "2,000.00", "($6.25)", "( 7 )", "(x)"], decimal=".", thousands=",") == \
        [-1234.56, 2000.0, -6.25, -7.0, "bad"]


def test_minguo_dates_read_as_the_common_eras():
    parsed = parse_dates(pa.array(["113/01/02", "101/02/29", "113/13/01", "", "abc"]), "%Y/%m/%d|roc")
    days = [None if np.isnan(d) else str(np.datetime64(int(d), "D")) for d in parsed.values]
    assert days == ["2024-01-02", "2012-02-29", None, None, None]
    assert parsed.missing.tolist() == [False, False, False, True, False]
    assert parsed.bad.tolist() == [False, False, True, False, True]


def test_excels_text_mark_before_a_code_is_no_part_of_it():
    # NetEase's quotes download writes its code "'600000" (kept as text, zeros and all): the ticker
    # had been loaded as "'600000". A cell quoted in single quotes keeps them; an inner one stays.
    s = parse_strings(pa.array(["'600000", "600000", "'AAPL'", "BRK'B", "'"]), upper=True)
    assert s.at(np.arange(5)).tolist() == ["600000", "600000", "'AAPL'", "BRK'B", "'"]
    assert s.codes[0] == s.codes[1]


def test_ticker_null_tokens_are_missing_but_listed_symbols_are_not():
    from backintime_assets.normalisation.parse import TICKER_NULLS

    cells = ["\\N", "NULL", "Null", "#N/A", "n/a", "--", "NA", "NaN", "AAPL"]
    s = parse_strings(pa.array(cells), upper=True, nulls=TICKER_NULLS)
    assert s.missing.tolist() == [True] * 6 + [False] * 3
    assert s.at(np.arange(9)).tolist()[6:] == ["NA", "NAN", "AAPL"]


def test_control_characters_in_strings_are_spaces():
    s = parse_strings(pa.array(["Tech\nnology", "\tAAPL\r", "a\x00b\x7fc", "Tech nology"]))
    assert s.at(np.arange(4)).tolist() == ["Tech nology", "AAPL", "a b c", "Tech nology"]
    assert s.codes[0] == s.codes[3]


def test_epochs_stamped_east_of_utc_are_the_day_whose_midnight_is_nearest():
    # 2020-01-01 23:00 UTC (10:00 the 2nd in Sydney) and 2020-01-02 00:00 UTC (Sydney's winter open).
    assert days(["1577919600", "1577923200", "1577962799"], "epoch_s_east") == [D20200102] * 3
    assert days(["1577919600000"], "epoch_ms_east") == [D20200102]
    assert days(["1577919600"], "epoch_s") == [D20200102 - 1]  # the UTC day, as stamped


def test_utc_evening_timestamps_among_dates_are_not_read_as_written():
    # Detected from a sample of plain dates, a column whose later rows are an ASX session's stamps
    # at its open ("2024-07-01T23:00:00Z": Tuesday's) read each as its UTC day: a day early, silently.
    cells = pa.array(["2024-07-01", "2024-07-01T23:00:00Z", "2024-07-02 23:00:00+00:00", "2024-07-03T23:00:00.000Z",
                      "2024-07-04 22:00 UTC", "2024-07-05T00:00:00Z", "2024-07-05T10:59:00Z",
                      "2024-07-06T23:00:00+10:00", "2024-07-08 23:00:00", "2024-07-08 23:00:00 -0000"])
    read = parse_dates(cells, "%Y-%m-%d")
    assert read.bad.tolist() == [False, True, True, True, True, False, False, False, False, True]
    assert [str(np.datetime64(int(d), "D")) for d in read.values[[0, 5, 6, 7, 8]]] == [
        "2024-07-01", "2024-07-05", "2024-07-05", "2024-07-06", "2024-07-08"]


def test_cjk_and_indian_scales_after_a_volume_are_read():
    parsed = parse_numbers(pa.array(["45.67万", "1.2亿", "3.4千", "1.5 Lakh", "2 CR", "3 crores", "9", "n/a"]),
                           suffixes=True)
    assert parsed.values[:7].tolist() == [456_700, 120_000_000, 3_400, 150_000, 20_000_000, 30_000_000, 9]
    assert parsed.missing.tolist() == [False] * 7 + [True] and not parsed.bad.any()
    assert parsed.suffixed.tolist() == [True] * 6 + [False, False]


def test_parse_dates_reads_a_dotted_half_of_the_day_and_a_zone_before_the_year():
    stamps = parse_dates(pa.array(["01/02/2024 11:30 p.m.", "01/03/2024 9:00 a.m.", "01/04/2024 9:00 x.m."]),
                         "%m/%d/%Y %I:%M %p")
    assert stamps.values[:2].tolist() == [19724.0, 19725.0] and stamps.bad.tolist() == [False, False, True]
    tweets = parse_dates(pa.array(["Wed Oct 10 23:19:24 +0000 2018", "Mon Oct  1 09:00:00 -0500 2018"]),
                         "%a %b %d %H:%M:%S %z %Y")
    assert tweets.values.tolist() == [17814.0, 17805.0]  # the day as written (zones are dropped)


def test_parse_dates_reads_days_written_as_pandas_floats():
    parsed = parse_dates(pa.array(["20240105.0", "20240231.0", "nan"]), "%Y%m%d.0")
    assert parsed.values[0] == 19727.0 and parsed.bad.tolist() == [False, True, False]
    assert parsed.missing.tolist() == [False, False, True]


def test_money_scaled_by_a_letter_is_no_volume():
    # "1,2 Mkr" (millions of crowns), "1.2 MSEK", "$1.2M", "₹1.2 Cr": a turnover, its mark gone had read as
    # 1.2 million shares. A plain volume's suffix, and a mark after a digit, still read.
    cells = ["1,2 Mkr", "12 kkr", "1,2 MKč", "1,2 MSEK", "1,2 MFr.", "kr 1,2 M", "SEK 1,2M", "1,2M USD", "1,5M",
             "12,50 kr", "12,50 SEK"]
    assert nums(cells, decimal=",", suffixes=True) == ["bad"] * 8 + [1.5e6, 12.5, 12.5]
    assert nums(["$1.2M", "₹1.2 Cr", "Rs. 1.2 Cr", "RM1.2M", "1.2M €", "1.5 Cr"], suffixes=True) == \
        ["bad"] * 5 + [1.5e7]


def test_a_rupiah_code_beside_three_decimal_dots_is_no_decimal_point():
    # "IDR 12.500" in a file of decimal dots had loaded 12.5, a thousandth of the price.
    assert nums(["IDR 12.500", "12.500 IDR", "IDR 12.50", "1234 IDR", "EUR 12.500"]) == \
        ["bad", "bad", 12.5, 1234.0, 12.5]
    assert nums(["IDR 1.234.567", "1.234.567 IDR", "1.234,50 IDR"], decimal=",", thousands=".") == \
        [1234567.0, 1234567.0, 1234.5]


@pytest.mark.parametrize(("fmt", "midnight"), [("excel_serial", 45293), ("excel_serial_1904", 45293 - 1462)])
def test_an_excel_serial_a_hair_below_midnight_is_that_midnights_day(fmt, midnight):
    # A program's serial of 2024-01-02 computed in floating point, 45292.99999999991: Excel shows it as
    # 2024-01-02 00:00 (to the millisecond); its floor read every row a day early. A real evening stays.
    cells = pa.array([repr(midnight - 9e-11), str(midnight), repr(midnight + 0.75), repr(midnight - 0.001)])
    days = parse_dates(cells, fmt).values
    jan2 = int(np.datetime64("2024-01-02", "D").astype(np.int64))
    assert days.tolist() == [jan2, jan2, jan2, jan2 - 1]


@pytest.mark.parametrize(("cell", "expected"), [
    ("71", 71.0), ("71.5", 71.5), ("71,5", 71.5), ("0.125", 0.125), ("0,125", 0.125), ("1234.567", 1234.567),
    ("1.234.567", 1234567.0), ("1,234,567", 1234567.0), ("1.234,5", 1234.5), ("1,234.5", 1234.5),
    ("71.500", "bad"), ("1,234", "bad"), ("-1.234", "bad"), ("NA", None)])
def test_a_file_whose_marks_were_never_seen_reads_what_either_custom_reads_alike(cell, expected):
    # Past the sample of a ';' file of whole euros: "71.500" is 71.5 or 71500, and nothing says which.
    assert nums([cell, "70"], unseen=True) == [expected, 70.0]


def test_a_number_read_by_neither_custom_is_named_undecided():
    parsed = parse_numbers(pa.array(["71.500", "71,5", "abc", "1,234"]), unseen=True)
    assert parsed.undecided.tolist() == [True, False, False, True]
    assert parsed.bad.tolist() == [True, False, True, True]
    assert parse_numbers(pa.array(["71", "72.5"]), unseen=True).undecided is None


def test_a_volume_scaled_with_a_comma_reads_where_the_marks_were_never_seen():
    assert nums(["1,5M", "2.5K", "350"], unseen=True, suffixes=True) == [1.5e6, 2500.0, 350.0]


def test_a_rupiah_whose_dot_could_group_nothing_reads_as_written():
    # A rate to four decimals or more, a 0 or four digits before the dot: no grouped thousand, so the dot is
    # the decimal point. Read only as whole rupiah or cents, each row had been rejected as unparseable.
    assert nums(["IDR 0.0000645", "15850.125 IDR", "Rp 0.500", "Rp 1.2345", "IDR 15850.125", "Rp 12.500"]) == \
        [0.0000645, 15850.125, 0.5, 1.2345, 15850.125, "bad"]
    assert nums(["Rp 15,850.125", "Rp 1,234.500"], thousands=",") == [15850.125, 1234.5]
