import random
from datetime import date, timedelta

import pytest

from backintime_assets.detection.dates import infer_date_format, shape, years_outside


@pytest.mark.parametrize(
    ("values", "kind", "fmt"),
    [
        (["2020-01-02", "2020-01-03"], "date", "%Y-%m-%d"),
        (["2020/01/02", "2020/01/03"], "date", "%Y/%m/%d"),
        (["02/01/2020", "13/01/2020"], "date", "%d/%m/%Y"),
        (["01/02/2020", "01/13/2020"], "date", "%m/%d/%Y"),
        (["2.1.2020", "13.1.2020"], "date", "%d.%m.%Y"),
        (["02-01-20", "25-01-20"], "date", "%d-%m-%y"),
        (["Jan 02, 2020", "Feb 13, 2020"], "date", "%b %d, %Y"),
        (["January 2 2020", "March 13 2020"], "date", "%B %d %Y"),
        (["02-Jan-2020", "13-Feb-2020"], "date", "%d-%b-%Y"),
        (["2 January 2020"], "date", "%d %B %Y"),
        (["Thu, 02 Jan 2020", "Fri, 03 Jan 2020"], "date", "%a, %d %b %Y"),
        (["20200102", "20200103"], "date", "%Y%m%d"),
        (["202001020930", "202001021600"], "timestamp", "%Y%m%d%H%M"),
        (["20200102093000", "20200102160059"], "timestamp", "%Y%m%d%H%M%S"),
        (["20200102 093000", "20200102 160059"], "timestamp", "%Y%m%d %H%M%S"),  # HistData's FX files
        (["20200102 0930", "20200102 1600"], "timestamp", "%Y%m%d %H%M"),
        (["20200102  09:30:00", "20200102  16:00:00"], "timestamp", "%Y%m%d  %H:%M:%S"),  # Interactive Brokers
        (["2020-01-02  09:30", "2020-01-02  16:00"], "timestamp", "%Y-%m-%d  %H:%M"),
        (["2020年1月2日", "2020年1月13日"], "date", "%Y年%m月%d日"),  # Chinese and Japanese exports
        (["2020年01月02日 09:30", "2020年01月02日 16:00"], "timestamp", "%Y年%m月%d日 %H:%M"),
        (["2020년 1월 2일", "2020년 1월 13일"], "date", "%Y년 %m월 %d일"),  # Korean
        (["2020-01-02 09:30:00", "2020-01-02 16:00:00"], "timestamp", "%Y-%m-%d %H:%M:%S"),
        (["2020-01-02T09:30:00Z", "2020-01-02T09:30:00+01:00"], "timestamp", "%Y-%m-%dT%H:%M:%S%z"),
        (["2020-01-02 09:30:00.250"], "timestamp", "%Y-%m-%d %H:%M:%S.%f"),
        (["1/2/2020 1:30 PM", "1/13/2020 10:00 AM"], "timestamp", "%m/%d/%Y %I:%M %p"),
        # Excel's "h:m" (a CSV saved again from Excel, CryptoDataDownload's Gemini daily file): the
        # minutes unpadded, "0:0". Unread, the column was text and the file refused.
        (["2/28/2023 0:0", "2/27/2023 0:0", "1/4/2023 4:0"], "timestamp", "%m/%d/%Y %H:%M"),
        # CryptoDataDownload's hourly bars: the hour alone, its half of the day after a dash.
        (["2019-10-17 09-AM", "2019-10-17 12-AM", "2019-10-16 11-PM"], "timestamp", "%Y-%m-%d %I-%p"),
        # A dash between the date and a time with its minutes: MetaTrader's bars as some tools write them.
        (["1971.01.04-00:00", "1971.01.05-00:00"], "timestamp", "%Y.%m.%d-%H:%M"),
        (["2024-01-02-09:30", "2024-01-02-16:00"], "timestamp", "%Y-%m-%d-%H:%M"),
        # Months of a monthly series.
        (["2021-03", "2021-04", "2021-05"], "date", "%Y-%m"),
        (["03/2021", "04/2021", "5/2021"], "date", "%m/%Y"),
        (["Mar-2021", "Apr-2021"], "date", "%b-%Y"),
        (["Mar-21", "Apr-21"], "date", "%b-%y"),  # Excel's mmm-yy
        (["March 2021", "April 2021"], "date", "%B %Y"),
        (["März 2021", "Okt 2021"], "date", "%b %Y|de"),
        # The World Bank's Pink Sheet, the IMF's and Eurostat's months (real CSV round 29): typed as
        # text, "1960M01" was taken for a ticker.
        (["1960M01", "1960M02", "2024M10"], "date", "%YM%m"),
    ],
)
def test_formats(values, kind, fmt):
    guess = infer_date_format(values)
    assert (guess.type, guess.format) == (kind, fmt)
    assert guess.fraction == 1.0


@pytest.mark.parametrize("value", ["2024.01.02-5", "2024.01.02-15", "1.2-3"])
def test_a_dash_before_a_number_alone_joins_no_time_to_a_date(value):
    # Only a time with its minutes follows the dash: "2024.01.02-5" is no 5 o'clock.
    assert shape(value) is None


def test_a_monthly_series_across_new_year_reads_by_its_even_steps():
    # plotly/datasets "Key Macroeconomic Indicators.csv" (c30bf5de): FRED's monthly series dated
    # on the first, day first. Read month first it would be 12 January 1957, then 1, 2, 3 January 1958.
    values = ["01/12/1957", "01/01/1958", "01/02/1958", "01/03/1958", "01/04/1958", "01/05/1958"]
    guess = infer_date_format(values)
    assert guess.format == "%d/%m/%Y"
    assert guess.confidence >= 0.9
    # Quarterly, month first, the day steady at 1: three months a step, not 1 and 4 January.
    assert infer_date_format(["10/1/2019", "1/1/2020", "4/1/2020", "7/1/2020"]).format == "%m/%d/%Y"
    # Within one year both readings step evenly: the evidence is not there, the custom decides.
    assert infer_date_format(["01/02/2020", "01/03/2020", "01/04/2020"]).confidence <= 0.5


def _first_weekdays(months: list[tuple[int, int]]) -> list[date]:
    days = []
    for y, m in months:
        d = date(y, m, 1)
        while d.weekday() >= 5:
            d = d.replace(day=d.day + 1)
        days.append(d)
    return days


def test_a_monthly_series_of_first_trading_days_reads_by_its_even_steps():
    # Monthly closes dated on each month's first trading day (1, 3, 2, 1, ... of the month): neither
    # part is steady and none is above 12. Read with the month taken for the day, 3 February 2020
    # became 2 March, a third of the rows landed on weekends and the rest loaded on wrong dates.
    days = _first_weekdays([(2020, m) for m in range(1, 13)] + [(2021, 1), (2021, 2), (2021, 3)])
    uk = infer_date_format([f"{d:%d/%m/%Y}" for d in days])
    assert (uk.format, uk.confidence >= 0.9) == ("%d/%m/%Y", True)
    us = infer_date_format([f"{d:%m/%d/%Y}" for d in reversed(days)])  # newest first
    assert (us.format, us.confidence >= 0.9) == ("%m/%d/%Y", True)


def test_a_monthly_series_with_a_few_rows_keyed_otherwise_reads_day_first():
    # Mexico's peso, monthly ("mes,Tipo_de_Cambio"), dated on the first but for its first rows; read month
    # first by the changes (the month moves every row), its rows had loaded as 6 to 12 January of each year.
    values = [f"0{d}/12/2003" for d in range(1, 7)] + [f"01/{m:02d}/2004" for m in range(6, 13)]
    values += [f"01/{m:02d}/{y}" for y in (2005, 2006) for m in range(1, 13)][:16]
    assert infer_date_format(values).format == "%d/%m/%Y"
    # Read day first the dates are in one month (here each year's 1 March): a run of days of March, kept.
    march = [f"03/{d:02d}/{y}" for y in (2019, 2020) for d in (2, 3, 4, 5, 6, 9, 10)]
    assert infer_date_format(march).format == "%m/%d/%Y"
    # Days of January of several years in no order (a register, one stray in November): no monthly series
    # the other way, where d996047 read them month first, the first of scattered months.
    register = ["02/01/2003", "12/01/2005", "09/01/2003", "07/11/2005", "09/01/2005", "01/01/2005", "08/01/2006",
                "04/01/2006", "11/11/2006", "05/01/2006", "06/01/2006", "10/01/2006", "03/01/2004", "03/01/2006"]
    assert infer_date_format(register).format == "%d/%m/%Y"


def test_day_first_from_sequence_when_no_value_exceeds_12():
    # Consecutive trading days: the first field changes every row, the second stays.
    days = ["02/01/2020", "03/01/2020", "06/01/2020", "07/01/2020", "08/01/2020"]
    guess = infer_date_format(days)
    assert guess.format == "%d/%m/%Y"
    assert guess.confidence < 1.0
    months_first = ["01/02/2020", "01/03/2020", "01/06/2020", "01/07/2020"]
    assert infer_date_format(months_first).format == "%m/%d/%Y"


@pytest.mark.parametrize(
    ("values", "fmt"),
    [
        # Steady at 01, the moving part no trading days of January (weekends among them): a
        # monthly series dated on the first, or calendar days of January; the separator's custom
        # decides ('/' month first, '.' and '-' day first), not the part that moves (it once always
        # did: 1 Jan and 1 Feb read as 1 and 2 January).
        ([f"01-{m:02d}-13" for m in range(1, 8)], "%d-%m-%y"),
        ([f"{m}/1/2020" for m in range(1, 8)], "%m/%d/%Y"),
        # Up to five, the January reading can be weekdays: a price file's daily run is the reading
        # (from New Year's Day, which some calendars trade: the simulator's does).
        ([f"{d:02d}/01/1996" for d in range(1, 6)], "%d/%m/%Y"),
        (["01-01-1996", "01-02-1996", "01-03-1996"], "%m-%d-%Y"),
        # ... but not quarters (1, 4, 7 January skip weekdays) nor months across New Year.
        (["01/01/2019", "04/01/2019", "07/01/2019", "10/01/2019"], "%m/%d/%Y"),
        (["11/01/1995", "12/01/1995", "01/01/1996", "02/01/1996"], "%m/%d/%Y"),
        (["01.01.2020", "01.02.2020", "01.03.2020", "01.04.2020"], "%d.%m.%Y"),
        (["01.04.2020", "01.05.2020", "01.06.2020", "01.07.2020", "01.08.2020", "01.09.2020"], "%d.%m.%Y"),
        # Two trading days of January, even against the separator's custom: a short sample.
        (["02/01/2020", "02/01/2020", "03/01/2020", "03/01/2020"], "%d/%m/%Y"),
        (["01-02-2020", "01-03-2020"], "%m-%d-%Y"),
        # ... but dotted dates are day first: 1 February and 1 March.
        (["01.02.2020", "01.03.2020"], "%d.%m.%Y"),
        # A short daily run keeps its month (here March) and moves the day: the steady part is the month.
        (["03/02/2020", "03/03/2020", "03/04/2020"], "%m/%d/%Y"),
        (["02.03.2020", "03.03.2020", "04.03.2020"], "%d.%m.%Y"),
        # Trading days of January (weekdays, a weekend skipped): daily, though the month stays 01.
        (["2/1/2020", "3/1/2020", "6/1/2020"], "%d/%m/%Y"),
        # ... ticker after ticker (the run read whole turned back: the first of three months, refused as
        # monthly bars); a run that differs per ticker is no one ticker's.
        (["02/01/2023", "03/01/2023", "04/01/2023"] * 2, "%d/%m/%Y"),
        (["04/01/2010", "05/01/2010", "06/01/2010", "07/01/2010", "08/01/2010", "11/01/2010"] * 3, "%d/%m/%Y"),
        (["02/01/2023", "03/01/2023", "04/01/2023", "03/01/2023", "02/01/2023", "04/01/2023"], "%m/%d/%Y"),
        (["01-07-13", "01-04-13", "01-03-13"], "%m-%d-%y"),  # newest first
    ],
)
def test_a_part_that_stays_while_the_other_moves(values, fmt):
    guess = infer_date_format(values)
    assert guess.format == fmt and guess.confidence < 1.0


def test_values_beyond_12_settle_the_order_with_full_confidence():
    guess = infer_date_format(["05/04/2020", "28/04/2020"])
    assert guess.format == "%d/%m/%Y" and guess.confidence == 1.0


@pytest.mark.parametrize(
    ("values", "fmt"),
    [
        (["12-Mär-2021", "15-Mär-2021", "01-Apr-2021"], "%d-%b-%Y|de"),
        (["03.Okt.2020", "05.Okt.2020"], "%d.%b.%Y|de"),
        (["12. März 2021", "15. März 2021", "3. Mai 2021"], "%d. %b %Y|de"),
        (["5 janv. 2021", "12 févr. 2021", "3 mai 2021", "2 juin 2021"], "%d %b %Y|fr"),  # dot or not: one format
        (["5 janvier 2021", "8 février 2021"], "%d %b %Y|fr"),
        (["7-ene-2021", "8-ene-2021"], "%d-%b-%Y|es"),
        (["3 mag 2021", "4 mag 2021"], "%d %b %Y|it"),
        (["4-mei-2021", "5-mei-2021"], "%d-%b-%Y|nl"),
        (["2 out 2021", "2 dez 2021"], "%d %b %Y|pt"),
        (["Okt 1, 2021", "Mär 12, 2021"], "%b %d, %Y|de"),
        (["12-Jan-2021", "12-Feb-2021", "1-Mai-2021"], "%d-%b-%Y|de"),  # English-looking names too
        (["21 Mar  2012", "22 Mar  2012"], "%d %b %Y"),  # a run of spaces reads as one (strptime too)
        (["12. March 2021", "13. March 2021"], "%d. %B %Y"),
    ],
)
def test_month_names_of_other_languages(values, fmt):
    guess = infer_date_format(values)
    assert (guess.type, guess.format, guess.fraction) == ("date", fmt, 1.0)


def test_a_foreign_month_word_that_is_no_month_keeps_the_column_text():
    assert infer_date_format(["12 Foo 2021", "13 Bar 2021"]) is None
    assert infer_date_format(["12-Mar/2021", "13-Mar/2021"]) is None  # separators that disagree


@pytest.mark.parametrize("values", [["hello", "world"], ["1.5", "2.5"], ["2020-13-45"], ["12345"], [""]])
def test_not_dates(values):
    assert infer_date_format(values) is None


def test_fraction_counts_values_that_do_not_parse():
    guess = infer_date_format(["2020-01-02"] * 9 + ["2020-02-30"])
    assert guess.format == "%Y-%m-%d"
    assert guess.fraction == pytest.approx(0.9)


@pytest.mark.parametrize(
    ("value", "file_date", "fmt"),
    [
        ("02/04/2025", date(2025, 2, 4), "%m/%d/%Y"),
        ("02/04/2025", date(2025, 4, 2), "%d/%m/%Y"),
        ("04.02.2025", date(2025, 4, 2), "%m.%d.%Y"),  # against the '.' default of day-first
        ("02-04-25", date(2025, 4, 2), "%d-%m-%y"),
        ("02/04/2025 16:00", date(2025, 2, 4), "%m/%d/%Y %H:%M"),
    ],
)
def test_a_single_day_file_takes_its_order_from_the_name_date(value, file_date, fmt):
    guess = infer_date_format([value] * 6, file_date=file_date)
    assert guess.format == fmt
    assert 0.5 < guess.confidence < 1.0  # better than a guess, short of the data's proof


def test_name_date_within_a_few_days_settles_the_order():
    # A drop named by its delivery day holding the last trading day before it: Feb 3 read day-first,
    # Mar 2 month-first (the '/' default without the name).
    guess = infer_date_format(["03/02/2025"] * 3, file_date=date(2025, 2, 5))
    assert guess.format == "%d/%m/%Y" and guess.confidence == 0.8
    far = infer_date_format(["03/02/2025"] * 3, file_date=date(2025, 2, 20))  # Mar 2 or Feb 3: neither near
    assert far.confidence == 0.5


def test_values_beyond_12_win_over_a_conflicting_name_date():
    guess = infer_date_format(["02/04/2025", "13/04/2025"], file_date=date(2025, 2, 4))
    assert guess.format == "%d/%m/%Y" and guess.confidence == 1.0


def test_name_date_matching_neither_reading_changes_nothing():
    without = infer_date_format(["02/04/2025"] * 4)
    with_name = infer_date_format(["02/04/2025"] * 4, file_date=date(2019, 7, 1))
    assert (with_name.format, with_name.confidence) == (without.format, without.confidence) == ("%m/%d/%Y", 0.5)


def test_the_quick_date_test_lets_every_shape_through():
    import random
    from datetime import datetime

    from backintime_assets.detection.dates import _MAYBE_DATE, _SHAPES

    formats = ["%Y-%m-%d", "%d/%m/%Y", "%m.%d.%y", "%d-%b-%Y", "%d %B %Y", "%b %d, %Y", "%B %d %Y",
               "%Y %b %d", "%Y%m%d", "%a, %d %b %Y", "%A %B %d, %Y", "%Y-%m-%dT%H:%M:%S", "%d.%m.%Y %H:%M",
               "%b. %d, %Y", "%Y/%m/%d %I:%M %p", "%Y%m%d %H:%M", "%d. %B %Y", "%d %b  %Y", "%Y年%m月%d日",
               "%Y년 %m월 %d일", "%Y年%m月%d日 %H:%M", "%Y%m%d %H%M%S", "%Y%m%d  %H:%M:%S", "%Y-%m", "%m/%Y",
               "%b-%Y", "%b-%y", "%B %Y", "%Y/%m", "%Y-%m-%d %I-%p", "%YM%m"]
    rng = random.Random(0)
    for _ in range(3000):
        value = datetime(rng.randint(1800, 2199), rng.randint(1, 12), rng.randint(1, 28), rng.randint(0, 23),
                         rng.randint(0, 59)).strftime(rng.choice(formats))
        if any(rx.match(value) for _, rx in _SHAPES):
            assert _MAYBE_DATE.match(value), value
    for other in ["28.7412", "AAPL", "1,234.5", "Real Estate", "20425", ""]:
        assert shape(other) is None


def test_date_parts_are_read_once_per_distinct_value_and_kept_in_order():
    from backintime_assets.detection.dates import _ints, shape

    groups = [shape(v)[1] for v in ["03.01.2000", "04.01.2000", "03.01.2000", "12.02.1999"]]
    assert _ints(groups, "a") == [3, 4, 3, 12]
    assert _ints(groups, "c") == [2000, 2000, 2000, 1999]
    assert _ints([], "a") == []


def test_the_date_prefilter_takes_runs_whole_as_the_backtracking_form_does():
    # _MAYBE_DATE's runs are possessive (each is followed by a separator its class does not hold):
    # the same matches as the plain form, which backtracked through every shorter run.
    import random
    import re

    from backintime_assets.detection.dates import _MAYBE_DATE

    plain = re.compile(_MAYBE_DATE.pattern.replace("}+", "}"))
    assert plain.pattern != _MAYBE_DATE.pattern
    rnd = random.Random(5)
    pieces = ["1", "12", "2021", "19", "20", "-", "/", ".", " ", ",", "Mar", "Sept", "Mon, ", "Okt.", "é", "_", "x"]
    for _ in range(20000):
        value = "".join(rnd.choice(pieces) for _ in range(rnd.randint(0, 6)))
        assert bool(_MAYBE_DATE.match(value)) == bool(plain.match(value)), value


def test_repeated_values_weigh_as_often_as_they_occur():
    # Each distinct value is looked at once: the layout of most rows wins, ties go to the first seen.
    assert infer_date_format(["2020/01/02"] * 3 + ["01/02/2020"] * 4).format == "%m/%d/%Y"
    assert infer_date_format(["2020/01/02"] * 4 + ["01/02/2020"] * 3).format == "%Y/%m/%d"
    tie = infer_date_format(["01/02/2020"] * 3 + ["2020-01-02"] * 3)
    assert (tie.format, tie.fraction) == ("%m/%d/%Y", 0.5)
    one_day = infer_date_format(["02.01.2020"] * 100 + ["x"] * 20)  # a daily drop: one date, some junk
    assert (one_day.format, one_day.fraction) == ("%d.%m.%Y", 100 / 120)


def test_iso_dates_beside_another_layout_give_the_column_the_other_one():
    # A sheet's date cells read as ISO dates, its dates typed as text as typed: the loader reads
    # ISO dates in any column, so the typed ones' layout is the column's, and every value fits it.
    mixed = infer_date_format(["2020-06-01", "2020-06-02"] * 40 + ["19/10/2020", "20/10/2020", "21/10/2020"] * 7)
    assert (mixed.format, mixed.fraction) == ("%d/%m/%Y", 1.0)
    # Two odd values among many ISO ones are no layout of the column: rejected, they are seen.
    assert infer_date_format(["2020-06-01"] * 100 + ["19/10/2020", "20/10/2020"]).format == "%Y-%m-%d"


def test_strptime_year():
    from backintime_assets.detection.dates import strptime_year

    assert strptime_year("2020-01-02", "%Y-%m-%d") == 2020
    assert strptime_year("1700-01-02", "%Y-%m-%d") == 1700  # read, though outside the years a price has
    assert strptime_year("2020-02-30", "%Y-%m-%d") is None
    assert strptime_year("12-Okt-2020", "%d-%b-%Y|de") == 2020


@pytest.mark.parametrize(("values", "fmt"), [
    (["Mon, 01/04/2021", "Tue, 01/05/2021", "Wed, 01/13/2021"], "%a, %m/%d/%Y|en"),
    (["Mo, 04.01.2021", "Di, 05.01.2021", "Mi, 13.01.2021"], "%a, %d.%m.%Y|de"),  # German banks
    (["2024/01/05(金)", "2024/01/04(木)", "2024/01/15(月)"], "%Y/%m/%d(%a)|ja"),  # Japanese brokers
    (["2024/01/05（金） 15:00", "2024/01/04（木） 15:00"], "%Y/%m/%d（%a） %H:%M|ja"),
    # Tonghuashun's exports: the weekday after a comma, in Chinese ("二" is Tuesday).
    (["2024-01-02,二", "2024-01-05,五", "2024-01-08,一"], "%Y-%m-%d,%a|zh"),
    (["2024-01-02(周二)", "2024-01-05(周五)"], "%Y-%m-%d(%a)|zh"),
    (["lun. 4 janv. 2021", "mar. 5 janv. 2021", "mer. 13 janv. 2021"], "%a. %d %b %Y|fr"),
    (["Montag, 4. Januar 2021", "Dienstag, 5. Januar 2021"], "%a, %d. %b %Y|de"),
])
def test_a_weekday_name_beside_the_date_in_any_language_is_dropped(values, fmt):
    # They had no date format: weekday names were read in English, and only before named months.
    from backintime_assets.detection.dates import strptime_year

    guess = infer_date_format(values)
    assert guess is not None and guess.format == fmt and guess.fraction == 1.0
    assert all(strptime_year(v, fmt) in (2021, 2024) for v in values)
    assert infer_date_format(["Foo, 04.01.2021", "Bar, 05.01.2021"]) is None  # no weekday: no date


@pytest.mark.parametrize(("values", "fmt"), [
    (["2 de enero de 2024", "3 de enero de 2024", "15 de septiembre de 2024"], "%d de %b de %Y|es"),
    (["2 de janeiro de 2024", "4 de março de 2024"], "%d de %b de %Y|pt"),
])
def test_spanish_and_portuguese_dates_joined_with_de_are_read(values, fmt):
    # They had no date format: the file was refused as holding no date column.
    from backintime_assets.detection.dates import strptime_year

    guess = infer_date_format(values)
    assert guess is not None and guess.format == fmt and guess.fraction == 1.0
    assert all(strptime_year(v, fmt) == 2024 for v in values)
    assert infer_date_format(["2 de enero 2024", "3 de enero 2024"]) is None  # one "de": no layout


@pytest.mark.parametrize(("values", "fmt"), [
    (["Mon 08/01/2001"], "%a %d/%m/%Y|en"),  # 8 January: 1 August 2001 was a Wednesday
    (["Wed 10/09/2008", "Thu 11/09/2008", "Fri 12/09/2008"], "%a %d/%m/%Y|en"),
    (["Tue 01/04/2008"], "%a %d/%m/%Y|en"),  # 1 April; 4 January 2008 was a Friday
    (["Fri 01/04/2008"], "%a %m/%d/%Y|en"),  # 4 January, month first as the names say
    (["Di, 01.04.2008"], "%a, %d.%m.%Y|de"),
])
def test_the_weekday_names_settle_day_and_month_where_no_value_above_12_does(values, fmt):
    # A re-save wrote the weekday before a day-first date: read month first, as '/' is by custom,
    # a one-day file loaded seven months off, its weekdays all wrong, silently.
    guess = infer_date_format(values)
    assert guess is not None and guess.format == fmt and guess.confidence == 1.0


@pytest.mark.parametrize(("values", "fmt", "first"), [
    (["113/01/02", "113/01/03", "112/12/29"], "%Y/%m/%d|roc", date(2024, 1, 2)),  # TWSE's daily prices
    (["101.03.01", "101.03.02"], "%Y.%m.%d|roc", date(2012, 3, 1)),
    (["113-01-02 09:30", "113-01-02 09:31"], "%Y-%m-%d %H:%M|roc", date(2024, 1, 2)),
])
def test_minguo_years_of_taiwan_read_as_the_common_eras(values, fmt, first):
    # Three-digit years had no shape: the column was text, and every row of a TWSE export was
    # rejected for want of a date.
    from backintime_assets.detection.dates import strptime_year

    guess = infer_date_format(values)
    assert guess is not None and guess.format == fmt and guess.fraction == 1.0
    assert strptime_year(values[0], fmt) == first.year
    assert infer_date_format(["192.168.1", "172.16.0"]) is None  # no Minguo date: month 168, 16


@pytest.mark.parametrize(("values", "fmt", "first"), [
    (["02/01/2567", "03/01/2567", "15/01/2567"], "%d/%m/%Y|be", date(2024, 1, 2)),  # Thai Excel, day first
    (["2567-01-02", "2567-01-03"], "%Y-%m-%d|be", date(2024, 1, 2)),
    (["28/12/2566 16:30", "02/01/2567 16:30"], "%d/%m/%Y %H:%M|be", date(2023, 12, 28)),
])
def test_buddhist_era_years_of_thailand_read_as_the_common_eras(values, fmt, first):
    # Years 543 ahead had no date format (year 2567 lies past any price): the column was text,
    # and every row of a Thai office's sheet was rejected for want of a date.
    from backintime_assets.detection.dates import strptime_year

    guess = infer_date_format(values)
    assert guess is not None and guess.format == fmt and guess.fraction == 1.0
    assert strptime_year(values[0], fmt) == first.year
    assert infer_date_format(["15/01/2024", "16/01/2567"]).format == "%d/%m/%Y"  # a common-era year: no BE


@pytest.mark.parametrize("values", [
    ["02/01/2567", "03/01/2567", "04/01/2567", "05/01/2567"],  # Tuesday to Friday, 2 to 5 January 2024
    ["08/01/2567", "09/01/2567", "10/01/2567", "11/01/2567", "12/01/2567"],
    ["02/01/2567"],  # nothing decides: Thailand's custom, day first
])
def test_buddhist_era_dates_of_no_day_above_12_read_day_first(values):
    # Their weekdays and steps are those of 2024: read as the year 2567's, a week of January made no run
    # of trading days, and the separator's US custom read them month first: 2 January loaded as 1 February.
    guess = infer_date_format(values)
    assert guess.format == "%d/%m/%Y|be"
    assert infer_date_format(["02/01/2024"]).format == "%m/%d/%Y"  # a common-era year keeps "/"'s custom


def test_buddhist_era_dates_of_a_steady_first_part_read_as_the_first_of_each_month():
    # Thailand writes the day first: "01/02/2567, 01/03/2567, 01/04/2567" is the first of February to April
    # 2024. Their years read as 2024's, month first they made 2 to 4 January, three weekdays, and were
    # read so as proven (0.7): no sibling could settle them.
    guess = infer_date_format(["01/02/2567", "01/03/2567", "01/04/2567"])
    assert guess.format == "%d/%m/%Y|be"
    assert infer_date_format(["01/02/2024", "01/03/2024", "01/04/2024"]).format == "%m/%d/%Y"  # the US's


def test_fractions_of_seconds_written_only_when_not_zero():
    # Python's isoformat and many APIs: "10:00:00+02:00" beside "10:13:00.417000+02:00". The
    # column was text: neither format read more than 90% of it.
    values = ["2024-01-02T10:00:00+02:00", "2024-01-02T10:13:00.417000+02:00",
              "2024-01-02T10:26:00.000512+02:00"] * 3
    guess = infer_date_format(values)
    assert (guess.type, guess.format, guess.fraction) == ("timestamp", "%Y-%m-%dT%H:%M:%S.%f%z", 1.0)


@pytest.mark.parametrize("values", [["1.2019", "1.2021", "1.1999"], ["Mar 12", "Mar 13", "Mar 16"],
                                    ["2008-09", "2009-10", "2010-11", "2011-12"], ["2010/11", "2011/12"]])
def test_numbers_days_and_seasons_are_no_months(values):
    # An exchange rate, a day without its year (some exports), football seasons and fiscal years.
    assert infer_date_format(values) is None


def test_two_digit_years_first_read_by_the_trading_days_they_make():
    # kabutan.jp's daily table copied from the browser, newest first: "24/01/19" is 2024-01-19.
    # Read day first, every row was the 24th of January of a year from 2004 to 2019.
    kabutan = ["24/01/19", "24/01/18", "24/01/17", "24/01/16", "24/01/15", "24/01/12", "24/01/11", "24/01/10"]
    assert infer_date_format(kabutan).format == "%y/%m/%d"
    # Across New Year as well; dd/mm/yy and mm/dd/yy days keep their reading.
    assert infer_date_format(["23/12/27", "23/12/28", "23/12/29", "24/01/02", "24/01/03"]).format == "%y/%m/%d"
    assert infer_date_format(["19/01/24", "18/01/24", "17/01/24", "16/01/24", "15/01/24"]).format == "%d/%m/%y"
    assert infer_date_format(["01/19/24", "01/18/24", "01/17/24", "01/16/24", "01/15/24"]).format == "%m/%d/%y"
    # A day that holds still while the year moves is a yearly series read year last, as before.
    assert infer_date_format(["24/01/19", "24/01/20", "24/01/21", "24/01/22"]).format == "%d/%m/%y"


@pytest.mark.parametrize("values", [
    ["10/02/24", "10/02/25", "10/02/26", "10/02/27", "10/03/01", "10/03/02"],  # Moscow's working Saturday
    ["19/12/29", "19/12/30", "19/12/31", "20/01/01", "20/01/02", "20/01/05"],  # Riyadh: Sunday to Thursday
    ["21/01/29", "21/01/30", "21/01/31", "21/02/01", "21/02/02", "21/02/03"],  # a coin's seven days
    # A fund's history with its pages appended out of order
    ["21/03/01", "21/03/02", "21/03/03", "21/03/04", "21/03/05", "21/03/08", "20/12/28", "20/12/29", "20/12/31"],
])
def test_two_digit_years_first_read_by_their_daily_steps(values):
    # No run of Monday-to-Friday days, yet read year first each step is a day or a weekend, read year last
    # a year or more: MOEX's "10/01/11" to "10/03/05" (2010) had loaded as the 1st of October 2011 to 2029.
    assert infer_date_format(values).format == "%y/%m/%d"
    # Written year last, the same days keep their reading.
    assert infer_date_format([f"{v[6:]}/{v[3:5]}/{v[:2]}" for v in values]).format == "%d/%m/%y"


def test_last_century_s_two_digit_years_first_want_more_than_daily_steps():
    # TWSE's headerless "93/02/11" is Minguo 93 (2004-02-11; minguo.py), read so with its evidence only: taken
    # for 1993 by its daily steps, its rows had loaded eleven years early, three rejected as Saturdays.
    twse = ["93/02/11", "93/02/12", "93/02/13", "93/02/16", "93/02/17", "93/02/18", "93/02/19", "93/02/20"]
    assert infer_date_format(twse) is None


def test_a_week_of_two_digit_years_first_is_read_by_its_weekdays():
    # A week's rows (or a sample's head and tail) make no run over a weekend: read day first, "24.01.15" to
    # "24.01.19" had loaded as the 24th of January of 2015 to 2019, two rejected as weekends.
    assert infer_date_format(["24.01.15", "24.01.16", "24.01.17", "24.01.18", "24.01.19"]).format == "%y.%m.%d"
    assert infer_date_format(["24.01.15", "24.01.16", "24.01.17", "24.02.01"]).format == "%y.%m.%d"
    # A yearly series on one day still reads year last: year first, its days run into a weekend or the future.
    assert infer_date_format(["15.06.17", "15.06.18", "15.06.19", "15.06.20"]).format == "%d.%m.%y"
    assert infer_date_format(["31.12.15", "31.12.16", "31.12.17", "31.12.18"]).format == "%d.%m.%y"
    # Three rows are too few to tell a week from years.
    assert infer_date_format(["24.01.15", "24.01.16", "24.01.17"]).format == "%d.%m.%y"


def test_an_annual_series_dated_on_new_years_day_is_no_week():
    # Read year first, "01.01.16" to "01.01.19" were Tuesday 16 to Friday 19 January 2001: a week of
    # trading days, and four years' prices loaded as it without a word. Each the 1st, they are years.
    assert infer_date_format(["01.01.16", "01.01.17", "01.01.18", "01.01.19"]).format == "%d.%m.%y"
    assert infer_date_format(["01.01.15", "01.01.16", "01.01.17", "01.01.18", "01.01.19"]).format == "%d.%m.%y"
    assert infer_date_format(["01/01/16", "01/01/17", "01/01/18", "01/01/19"]).format != "%y/%m/%d"


@pytest.mark.parametrize(("values", "fmt"), [
    # Investing.com's Korean export: a blank after each dash (the column was text, nothing loaded).
    (["2024- 01- 05", "2024- 01- 04", "2024- 01- 03"], "%Y- %m- %d"),
    (["5. 1. 2024", "4. 1. 2024", "29. 12. 2023"], "%d. %m. %Y"),  # Czech
])
def test_a_blank_after_each_separator(values, fmt):
    assert infer_date_format(values).format == fmt


@pytest.mark.parametrize(("values", "fmt"), [
    # Dukascopy's "Local time" export: the zone's name and its offset (the column was text).
    (["02.01.2024 00:00:00.000 GMT+0100", "03.01.2024 00:00:00.000 GMT+0100"], "%d.%m.%Y %H:%M:%S.%f GMT%z"),
    # Databento's and pandas' nanoseconds: more digits than %f reads (the column was text).
    (["2024-01-02T00:00:00.000000000Z", "2024-01-03T00:00:00.000000000Z"], "%Y-%m-%dT%H:%M:%S.%f%z"),
])
def test_zones_named_with_their_offset_and_nanoseconds(values, fmt):
    guess = infer_date_format(values)
    assert (guess.type, guess.format, guess.fraction) == ("timestamp", fmt, 1.0)


@pytest.mark.parametrize(
    ("values", "kind", "fmt"),
    [
        (["02JAN2024", "15JAN2024", "29FEB2024"], "date", "%d%b%Y"),  # SAS PROC EXPORT, DATE9.
        (["01jan2019", "15mar2019", "12dec2019"], "date", "%d%b%Y"),  # Stata export delimited, %td
        (["02JAN2024:10:15:00", "15JAN2024:16:00:00"], "timestamp", "%d%b%Y:%H:%M:%S"),  # SAS DATETIME20.
        # PostgreSQL writes a whole-hour offset without minutes (timestamptz as text, COPY).
        (["2024-01-02 10:15:00+00", "2024-01-03 11:20:00.123456+00"], "timestamp", "%Y-%m-%d %H:%M:%S.%f%z"),
        (["2024-01-02 10:15:00-08", "2024-01-03 11:20:00+05:30"], "timestamp", "%Y-%m-%d %H:%M:%S%z"),
    ],
)
def test_statistics_packages_and_databases(values, kind, fmt):
    guess = infer_date_format(values)
    assert (guess.type, guess.format, guess.fraction) == (kind, fmt, 1.0)


def test_letters_run_into_digits_are_no_date():
    assert shape("02ABC2024") is None and shape("12XYZ24") is None


@pytest.mark.parametrize(("values", "fmt"), [
    (["2024-01-02T15:30:00", "2024-01-02T15:31:00Z", "2024-01-03T09:00:00", "2024-01-04T23:59:59Z",
      "2024-01-05T10:00:00"], "%Y-%m-%dT%H:%M:%S%z"),
    (["26/08/2015 18:00", "27/10/2014 18:30", "28/01/2016 20:00", "01/01/1800 18:00Z", "01/01/2015 18:00Z"],
     "%d/%m/%Y %H:%M%z"),  # Spark's timestamps.csv
])
def test_stamps_with_and_without_a_zone_offset_are_one_timestamp_column(values, fmt):
    # Counted apart, neither layout reached a column's share, and the stamps were typed text.
    guess = infer_date_format(values)
    assert (guess.type, guess.format, guess.fraction) == ("timestamp", fmt, 1.0)


@pytest.mark.parametrize(("values", "fmt", "fraction"), [
    # an offset after a blank: the stamps without one read too (strptime wants the format's blank)
    ([f"2024-01-{d:02d} 16:00:00" + (" +0000" if d % 4 == 0 else "") for d in range(2, 22)],
     "%Y-%m-%d %H:%M:%S %z", 1.0),
    ([f"01/{d:02d}/2024 4:00 PM" + (" Z" if d % 4 == 0 else "") for d in range(2, 22)], "%m/%d/%Y %I:%M %p %z", 1.0),
    # a zone named with its offset ("GMT+0100") is no bare offset: the loader keeps "GMT" in the
    # format, and the stamps without it would not read there. The column keeps the layout of most.
    ([f"02.01.2024 {h:02d}:00:00" + (" GMT+0100" if h % 4 == 0 else "") for h in range(20)],
     "%d.%m.%Y %H:%M:%S", 0.75),
    ([f"2024-01-{d:02d}T16:00:00" + ("UTC+01:00" if d % 4 == 0 else "") for d in range(2, 22)],
     "%Y-%m-%dT%H:%M:%S", 0.75),
])
def test_stamps_without_a_zone_beside_a_few_with_one_keep_reading(values, fmt, fraction):
    # Taken under the zoned layout, the stamps without a zone read not: 0.25 of the column read,
    # and a file's date column typed text (a file that loaded refused with "no date column").
    guess = infer_date_format(values)
    assert (guess.type, guess.format, guess.fraction) == ("timestamp", fmt, fraction)


def test_dates_of_years_no_date_is_read_in_are_told_apart_from_no_dates():
    # Stooq's ^SPX opens in 1789: no date format is inferred (dates outside 1800-2200 are typos), but
    # the refusal's reason says why rather than "check its date format".
    head = ["1789-05-01", "1789-06-01", "1790-01-01"]
    assert infer_date_format(head) is None
    assert years_outside(head) == head
    assert years_outside(["01.05.1789", "1-Jun-1789", "0219-05-01"]) == ["01.05.1789", "1-Jun-1789", "0219-05-01"]
    # One date within the years, or a value that is no date: not a column of such dates.
    assert years_outside(["1789-05-01", "1800-01-01"]) == []
    assert years_outside(["1789-05-01", "AAPL"]) == []
    assert years_outside(["2020-01-02"]) == []
    # Thai dates of the Buddhist era with a month's name: their format is at fault (no date of theirs
    # lies within the years, to load the file from), as the refusal had said.
    assert years_outside(["02 Jan 2567", "03 Jan 2567"]) == []


@pytest.mark.parametrize(("values", "fmt"), [
    (["24/01/05(金)", "24/01/09(火)", "24/01/10(水)"], "%y/%m/%d(%a)|ja"),  # kabutan's yy/mm/dd
    (["24/01/05(Fri)", "24/01/09(Tue)"], "%y/%m/%d(%a)|en"),
    (["05/01/24(金)", "09/01/24(火)"], "%d/%m/%y(%a)|ja"),  # the names fit day first only
])
def test_weekday_names_settle_a_two_digit_years_place_in_a_few_dates(values, fmt):
    # Three rows make no run of trading days for the year-first reading: "24/01/05(金)" loaded as 24
    # January 2005 (a Monday, its name Friday), the next rows rejected as weekends, without a word.
    guess = infer_date_format(values)
    assert guess is not None and guess.format == fmt and guess.fraction == 1.0


def _weekdays(first: date, n: int) -> list[date]:
    days = [first + timedelta(days=k) for k in range(2 * n)]
    return [d for d in days if d.weekday() < 5][:n]


def test_typed_dates_beside_iso_ones_take_their_order_from_the_iso_dates_around_them():
    # 2 January, 5 February and 8 March typed day first among ISO dates: no value above 12, and
    # both parts change, so the values alone leave the order open. Read month first (the guess for
    # '/'), 2 January loaded as 1 February and 5 February as 2 May; the ISO neighbours tell.
    days = _weekdays(date(2024, 1, 2), 60)
    typed = {date(2024, 1, 2), date(2024, 2, 5), date(2024, 3, 8)}
    values = [d.strftime("%d/%m/%Y") if d in typed else d.isoformat() for d in days]
    assert infer_date_format(values).format == "%d/%m/%Y"
    values = [d.strftime("%m/%d/%Y") if d in typed else d.isoformat() for d in days]
    assert infer_date_format(values).format == "%m/%d/%Y"
    # Rows in no order of days tell nothing: the column keeps the ISO layout, the typed ones are rejected.
    for seed in range(5):
        shuffled = values[:]
        random.Random(seed).shuffle(shuffled)
        assert infer_date_format(shuffled).format == "%Y-%m-%d"


def test_iso_dates_the_loader_does_not_read_or_months_keep_the_iso_layout():
    days = _weekdays(date(2024, 1, 15), 60)
    # "2024-1-15" the loader reads only by the ISO format: made "%d/%m/%Y", 54 rows were rejected.
    unpadded = [f"{d.year}-{d.month}-{d.day}" for d in days[:54]] + [d.strftime("%d/%m/%Y") for d in days[54:]]
    assert infer_date_format(unpadded).format == "%Y-%m-%d"
    # A month's row ("2024-01") in a daily table is no date of the table's layout.
    months = [d.isoformat() for d in days[:40]] + ["2024-01", "2024-02", "2024-03", "2024-04"]
    months += [d.isoformat() for d in days[40:]]
    assert infer_date_format(months).format == "%Y-%m-%d"
    # Stamps at a UTC evening: under a format of dates, the loader rejects them (a day east of UTC or not).
    zoned = [d.isoformat() + "T21:00:00Z" for d in days[:54]] + [d.strftime("%d/%m/%Y") for d in days[54:]]
    assert infer_date_format(zoned).format == "%Y-%m-%dT%H:%M:%S%z"


def test_a_dotted_half_of_the_day_reads_as_am_and_pm():
    # AP style and Canadian exports write "9:30 a.m.": typed text, a file of such stamps had no date.
    values = ["01/02/2024 9:30 a.m.", "01/03/2024 1:05 p.m.", "01/15/2024 12:00 p.m.", "01/16/2024 12:10 a.m."]
    guess = infer_date_format(values)
    assert (guess.type, guess.format, guess.fraction) == ("timestamp", "%m/%d/%Y %I:%M %p", 1.0)


def test_asctime_and_twitters_stamps_read_with_the_time_before_the_year():
    tweets = ["Wed Oct 10 20:19:24 +0000 2018", "Thu Oct 11 01:02:03 +0000 2018", "Mon Oct  1 09:00:00 +0000 2018"]
    assert infer_date_format(tweets).format == "%a %b %d %H:%M:%S %z %Y"
    assert infer_date_format([t.replace(" +0000", "") for t in tweets]).format == "%a %b %d %H:%M:%S %Y"
    assert infer_date_format(["Wed Oct 10 20:19:24 UTC 2018"] * 3).format == "%a %b %d %H:%M:%S %Z %Y"
    # Another language's names strptime reads not: no format that would reject every value.
    assert infer_date_format(["Mer Okt 10 20:19:24 2018"] * 3) is None


def test_dates_in_no_order_of_time_leave_their_order_a_guess():
    # Sign-up days of a register, written day first, none above 12. Both parts change nearly every
    # row; the day's one change more was taken for proof (0.7), and they loaded month first.
    values = ["03/07/2021", "11/02/2020", "05/09/2021", "05/01/2020", "02/11/2021", "10/04/2020", "06/12/2021",
              "06/05/2020", "09/03/2021", "04/10/2020"]
    assert infer_date_format(values).confidence == 0.5
    # In order of time the month changes far less often than the day: that still settles it.
    days = [f"{d:02d}/{m:02d}/2021" for m in (1, 2, 3) for d in range(1, 13)]
    assert (infer_date_format(days).format, infer_date_format(days).confidence) == ("%d/%m/%Y", 0.7)


def test_trading_days_sorted_as_text_are_read_the_way_that_keeps_them_weekdays():
    # The VN-Index day first, its rows sorted as text, none of these dated after the 12th: in no order of
    # time, the custom of "/" read them month first and 1 February 2007 loaded as 2 January (silently).
    days = [date(y, m, d) for y in range(2007, 2012) for m in (2, 3, 4) for d in (1, 2, 3, 4)
            if date(y, m, d).weekday() < 5]
    day_first = sorted(d.strftime("%d/%m/%Y") for d in days)
    assert (infer_date_format(day_first).format, infer_date_format(day_first).confidence) == ("%d/%m/%Y", 0.7)
    # An American file sorted so is read month first: the other way its days fall on weekends.
    month_first = sorted(d.strftime("%m/%d/%Y") for d in days)
    assert infer_date_format(month_first).format == "%m/%d/%Y"


def test_may_beside_other_full_month_names_is_one_full_names_layout():
    # "May" is its own abbreviation: keyed "%b", a file from May into June took "%d %b %Y" from its
    # May rows, which "14 June 2023" does not match (typed at 0.69, the share of May).
    days = [date(2023, 5, 1) + timedelta(days=d) for d in range(45)]
    guess = infer_date_format([d.strftime("%d %B %Y") for d in days])
    assert (guess.format, guess.fraction) == ("%d %B %Y", 1.0)
    assert infer_date_format([d.strftime("%B %d, %Y") for d in days[:33]]).format == "%B %d, %Y"
    # Abbreviations beside "May" stay abbreviations.
    assert infer_date_format([d.strftime("%d %b %Y") for d in days]).format == "%d %b %Y"


def test_dates_in_order_of_time_one_way_only_are_read_that_way():
    # A file kept in date order with one or two rows a month, none dated after the 12th: the month
    # changes nearly as often as the day, and the change counts left it to the custom of "/" (month
    # first: 9 February, 2 May, 4 March...). Day first it runs in order, oldest or newest first.
    values = ["02/01/2024", "09/01/2024", "05/02/2024", "04/03/2024", "11/03/2024", "01/04/2024", "06/05/2024",
              "10/05/2024", "03/06/2024"]
    assert (infer_date_format(values).format, infer_date_format(values).confidence) == ("%d/%m/%Y", 0.7)
    assert infer_date_format(values[::-1]).format == "%d/%m/%Y"
    # A monthly series whose day repeats now and then: its month changes more often than its day,
    # and the counts had read it month first.
    monthly = ["05/01/2024", "05/02/2024", "07/03/2024", "03/04/2024", "03/05/2024", "05/06/2024", "05/07/2024"]
    assert infer_date_format(monthly).format == "%d/%m/%Y"
    # Four dates fall in order by chance too often: the guess stays a guess.
    assert infer_date_format(["09/01/2024", "05/02/2024", "04/03/2024", "06/05/2024"]).confidence == 0.5


def test_early_january_days_stacked_per_ticker_read_day_first():
    # ABC Bourse's export: ISIN;date;... with each ticker's rows in a block, "02/01/20" to "06/01/20"
    # (Thursday 2 to Monday 6 January). Each block ran in order, but the second started over, so the
    # days read as no run of trading days and '/' took them month first: 1 February and 1 March
    # (a Saturday and a Sunday) were rejected and 6 January loaded as 1 June.
    days = ["02/01/20", "03/01/20", "06/01/20"] * 3
    guess = infer_date_format(days)
    assert guess.format == "%d/%m/%y"
    # Blocks of US dates the same way: 2 to 6 January are the month's first trading days.
    assert infer_date_format(["01/02/2020", "01/03/2020", "01/06/2020"] * 2).format == "%m/%d/%Y"


def test_a_monthly_series_stacked_per_ticker_reads_by_its_even_steps():
    # Each ticker's monthly closes in a block, dated on the first ("01/10/2019" .. "01/03/2020"), day
    # first. The second block started over, so neither reading stepped in order and '/' took them month
    # first: 10, 11 and 12 January 2019 and 1 to 3 January 2020 loaded (the 12th rejected, a Saturday)
    # where a month's bars are refused for their period.
    months = ["01/10/2019", "01/11/2019", "01/12/2019", "01/01/2020", "01/02/2020", "01/03/2020"]
    assert infer_date_format(months * 2).format == "%d/%m/%Y"
    assert infer_date_format(months[::-1] * 2).format == "%d/%m/%Y"  # newest first


def test_days_in_no_order_make_no_stacked_run():
    # Runs that start over on days of their own are no tickers' blocks of one calendar: a register of
    # dates (2, 6, then 3, 7 January) stays with the separator's custom, its order a guess.
    guess = infer_date_format(["02/01/20", "06/01/20", "03/01/20", "07/01/20"])
    assert guess.format == "%m/%d/%y"
    assert guess.confidence < 0.7


@pytest.mark.parametrize("value", ["2024M13", "2024M1", "24M01", "2024M01x"])
def test_an_m_between_a_year_and_no_month_is_no_month(value):
    assert shape(value) is None
