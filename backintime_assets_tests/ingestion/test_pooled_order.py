"""A source's one-day files whose day/month order no sibling proves, read together (pooled_order.py)."""
import datetime as dt
import json

import pytest

from backintime_assets.detection import FileSchema, detect_bytes
from backintime_assets.ingestion.pooled_order import as_written, cells_in_head, settle_together
from backintime_assets.ingestion.survey import survey_files
from backintime_assets.trading_week import TradingWeek
from backintime_assets_tests.ingestion.surveyed_here import survey_tasks
from backintime_assets_tests.support.calendar import weekdays

HEADER = "Date,Ticker,Open,High,Low,Close,Volume\n"


def _day_file(day: dt.date, fmt: str, title: str = "") -> bytes:
    rows = "".join(f"{day.strftime(fmt)},T{i},{100.5 + i},{101 + i},{99 + i},{100.25 + i},{1000 + i}\n"
                   for i in range(3))
    return (title + HEADER + rows + "Total,,,,,,3003\n").encode()


def _date_column(schema_json: str):
    return next(c for c in FileSchema.from_json(schema_json).columns if c.canonical == "date")


@pytest.mark.parametrize("first, fmt, count", [
    # A British office's first week, as guessed: 10 January, 10 February and 10 March (a Saturday and a
    # Sunday: every row rejected, the survey knows no date of them, their first rows are read), 10 April.
    (dt.date(2024, 10, 1), "%d/%m/%Y", 4),
    (dt.date(2024, 1, 2), "%d/%m/%Y", 4),  # the first days of January, as guessed: 1 February, 1 March, ...
    (dt.date(2022, 5, 2), "%d/%m/%y", 3),  # as guessed: 5 February, 5 March (Saturdays), 5 April
    (dt.date(2024, 10, 1), "%m/%d/%Y", 4),  # an American office's: its guess borne out
    (dt.date(2024, 1, 2), "%m/%d/%y", 4),
])
def test_one_day_files_of_the_first_days_read_their_order_together(in_process, tmp_path, first, fmt, count):
    days = weekdays(first, count)
    files = {f"export ({i}).csv": _day_file(day, fmt, "Daily prices\n") for i, day in enumerate(days, 1)}
    found = survey_files(None, in_process, survey_tasks(tmp_path / "in", files), slices=2)
    assert [found[f"export ({i}).csv"].dates for i in range(1, count + 1)] == [[day] for day in days]
    column = _date_column(found["export (1).csv"].schema_json)
    assert column.format == fmt
    if fmt.startswith("%d"):
        assert column.order_from == f"order settled by the dates of {count} one-day files of its layout read together"


def test_one_day_files_refused_for_their_guessed_order_are_settled_together(in_process, tmp_path):
    # A Russian office's first three sessions of July, "01/07/2026" .. "03/07/2026" under a security's label
    # and a Cyrillic header: each refused alone as of unknown order (detection/unsettled_order.py, no date
    # surveyed: their first rows are read), read together they are 1 to 3 July.
    days = [dt.date(2026, 7, d) for d in (1, 2, 3)]
    header = "SBER RX Equity\nДата,Открытие,Максимум,Минимум,Закрытие,Объем\n"
    files = {f"sber_{i:03d}.csv": f"{header}{day:%d/%m/%Y},300.5,301,299,300.25,1000\n".encode()
             for i, day in enumerate(days, 1)}
    found = survey_files(None, in_process, survey_tasks(tmp_path / "in", files), slices=2)
    for i, day in enumerate(days, 1):
        assert found[f"sber_{i:03d}.csv"].problem is None and found[f"sber_{i:03d}.csv"].dates == [day]
    assert FileSchema.from_json(found["sber_001.csv"].schema_json).ticker == "SBER RX Equity"


def _guessing(day: dt.date, name: str, *read: dt.date) -> tuple[dict, list[str]]:
    """A one-day file's schema, its order guessed (month first), and its date cells as written."""
    schema = detect_bytes(_day_file(day, "%d/%m/%Y"), name).to_dict()
    return schema, as_written(schema, list(read))


def test_only_one_day_files_of_one_folder_and_layout_are_read_together():
    october = weekdays(dt.date(2024, 10, 1), 3)
    one_folder = {f"a/day_{i}.csv": _guessing(day, f"a/day_{i}.csv", day.replace(month=day.day, day=10))
                  for i, day in enumerate(october, 1)}
    assert set(settle_together(one_folder)) == set(one_folder)
    # Two offices' folders, each a file: neither is read with the other's (1 and 2 October 2025: as guessed 10
    # January and 10 February, weekdays).
    two_folders = {f"{f}/day_1.csv": _guessing(day, f"{f}/day_1.csv", day.replace(month=day.day, day=10))
                   for f, day in zip(("a", "b"), weekdays(dt.date(2025, 10, 1), 2))}
    assert settle_together(two_folders) == {}
    # A file of several dates was read by its own rows: it adds nothing, and one file alone settles nothing.
    several = dict(list(one_folder.items())[:1])
    several["a/day_9.csv"] = _guessing(october[1], "a/day_9.csv", dt.date(2024, 2, 10), dt.date(2024, 3, 10))
    assert settle_together(several) == {}


@pytest.mark.parametrize("days", [
    # An American office's 2 and 11 October 2024 (day first 10 February and 10 November, weekends): its guess.
    [dt.date(2024, 10, 2), dt.date(2024, 10, 11)],
    # Its lone 5 April 2024 (day first 4 May, a Saturday): its guess.
    [dt.date(2024, 4, 5)],
    # A British office's 1 and 4 October 2012: as guessed 10 January and 10 April, weekdays: nothing tells.
    [dt.date(2012, 1, 10), dt.date(2012, 4, 10)],
    # A file of 3 February 2024, a Saturday, as 2 March day first (a Saturday too): nothing tells.
    [dt.date(2024, 2, 3)],
])
def test_one_day_files_a_weekend_does_not_tell_keep_their_guess(days):
    files = {f"close_{i:03d}.csv": _guessing(day, f"close_{i:03d}.csv", day) for i, day in enumerate(days, 1)}
    assert settle_together(files) == {}


@pytest.mark.parametrize("week, days", [
    # A crypto office trading every day, written month first: its lone 6 April 2013, a Saturday ("04/06/2013";
    # day first 4 June, a Tuesday), and its 2 October and 10 November 2012 (a Saturday; day first 10 February
    # and 11 October). Read by Monday to Friday, both loaded day first (silent).
    ("mon-sun", [dt.date(2013, 4, 6)]),
    ("mon-sun", [dt.date(2012, 10, 2), dt.date(2012, 11, 10)]),
    # A Sunday to Thursday office's Sunday 9 June 2024 ("06/09/2024"; day first Friday 6 September, a day
    # its week closes): read by Monday to Friday, day first, its rows rejected on a Friday.
    ("sun-thu", [dt.date(2024, 6, 9)]),
])
def test_one_day_files_on_days_the_deployments_week_trades_keep_their_guess(in_process, tmp_path, week, days):
    files = {f"close_{i:03d}.csv": _day_file(day, "%m/%d/%Y") for i, day in enumerate(days, 1)}
    found = survey_files(None, in_process, survey_tasks(tmp_path / "in", files), slices=2,
                         week=TradingWeek.parse(week))
    assert [found[name].dates for name in files] == [[day] for day in days]


@pytest.mark.parametrize("name, cell, fmt", [
    # A US office's month-start snapshot of Sunday 1 September 2024, "09/01/2024": read day first by the
    # weekend rule (9 January, a Tuesday) it loaded silently eight months off; its name says September.
    ("holdings_2024_09.csv", "09/01/2024", "%m/%d/%Y"),
    # A British office's Saturday 6 April 2013, "06/04/2013", named for April: not 4 June.
    ("close_2013_04.csv", "06/04/2013", "%d/%m/%Y"),
])
def test_a_lone_file_s_named_month_wins_over_the_weekend(in_process, tmp_path, name, cell, fmt):
    files = {name: f"Date,Ticker,Close,Volume\n{cell},AAPL,220.5,100\n{cell},MSFT,410.5,200\n".encode()}
    found = survey_files(None, in_process, survey_tasks(tmp_path / "in", files), slices=2)
    assert _date_column(found[name].schema_json).format == fmt


def test_a_named_month_is_settled_by_its_siblings_proof(in_process, tmp_path):
    # A British office's batches numbered as months are: batch_2024_05.csv of 5 March ("05/03/2024") read 3 May
    # by its name, where its batch of 15 March proves day first.
    days = {"batch_2024_05.csv": dt.date(2024, 3, 5), "batch_2024_06.csv": dt.date(2024, 3, 6),
            "batch_2024_07.csv": dt.date(2024, 3, 15)}
    files = {name: f"Date,Ticker,Close,Volume\n{day:%d/%m/%Y},VOD,220.5,100\n".encode() for name, day in days.items()}
    found = survey_files(None, in_process, survey_tasks(tmp_path / "in", files), slices=2)
    assert {name: found[name].dates for name in files} == {name: [day] for name, day in days.items()}


def test_a_day_exported_twice_decides_nothing():
    day = dt.date(2024, 10, 1)
    twice = {f"day_{i}.csv": _guessing(day, f"day_{i}.csv", dt.date(2024, 1, 10)) for i in (1, 2)}
    assert settle_together(twice) == {}


@pytest.mark.parametrize("days", [
    # An American office's monthly files, each of its month's first trading day: day first they read as
    # 5 and 6 January and 7 February, the day moving more than the month (a daily series' rule).
    [dt.date(2012, 5, 1), dt.date(2012, 6, 1), dt.date(2012, 7, 2)],
    # Its quarterly files: day first 1 February, 4 March (a Saturday) and 7 March.
    [dt.date(2017, 1, 2), dt.date(2017, 4, 3), dt.date(2017, 7, 3)],
    # The 9th or 11th of three months: day first 9 November, 10 (a Sunday) and 11 September.
    [dt.date(2006, 9, 11), dt.date(2006, 10, 9), dt.date(2006, 11, 9)],
    # Quarterly on the 1st, read day first every third day of January.
    [dt.date(2013, 1, 1), dt.date(2013, 4, 1), dt.date(2013, 7, 1), dt.date(2013, 10, 1)],
])
def test_one_day_files_no_run_of_days_either_way_keep_their_guess(days):
    files = {f"close_{i:03d}.csv": _guessing(day, f"close_{i:03d}.csv", day) for i, day in enumerate(days, 1)}
    assert settle_together(files) == {}


def test_one_day_files_read_together_in_any_order_of_their_names():
    # A British office's re-exports, named in no order of time: 2 to 5 May 2022 as guessed, 5 February,
    # 5 March, 5 April and 5 May.
    days = weekdays(dt.date(2022, 5, 2), 4)
    names = ["export (3).csv", "export (1).csv", "export (4).csv", "export (2).csv"]
    files = {name: _guessing(day, name, day.replace(month=day.day, day=5)) for name, day in zip(names, days)}
    settled = settle_together(files)
    assert set(settled) == set(files)
    assert {_date_column(json.dumps(s)).format for s in settled.values()} == {"%d/%m/%Y"}


def _written(day: dt.date, months_later: float = 0) -> float:
    """When a file of `day` was last saved: that evening, or that many months (of 30 days) on."""
    return dt.datetime(day.year, day.month, day.day, 18, tzinfo=dt.timezone.utc).timestamp() + months_later * 30 * 86400


@pytest.mark.parametrize("resaved", [{3}, {2, 4}, {1, 2}])
def test_one_day_files_some_saved_again_later_are_still_read_together(resaved):
    # A British office's 1 to 5 October 2012, each written on its day, some saved again three months later:
    # their typical gap a quarter, they had been taken for files written months apart and kept the guess
    # (10 January, 10 February, ... silently). Most of them written a day from another: a run.
    days = weekdays(dt.date(2012, 10, 1), 5)
    files = {f"export ({i}).csv": _guessing(day, f"export ({i}).csv", day.replace(month=day.day, day=10))
             for i, day in enumerate(days, 1)}
    written = {f"export ({i}).csv": _written(day, 3 if i in resaved else 0) for i, day in enumerate(days, 1)}
    settled = settle_together(files, written=written)
    assert set(settled) == set(files)
    assert {_date_column(json.dumps(s)).format for s in settled.values()} == {"%d/%m/%Y"}


@pytest.mark.parametrize("resaved", [set(), {2}])
def test_monthly_one_day_files_written_months_apart_keep_their_guess(resaved):
    # An American office's first trading days of March to July 2024, each written on its day (one saved again
    # 36 days on, 6 days from the next month's): day first a run of 3 to 7 January, written months apart no run.
    days = [dt.date(2024, 3, 1), dt.date(2024, 4, 1), dt.date(2024, 5, 1), dt.date(2024, 6, 3), dt.date(2024, 7, 1)]
    files = {f"export ({i}).csv": _guessing(day, f"export ({i}).csv", day) for i, day in enumerate(days, 1)}
    written = {f"export ({i}).csv": _written(day, 1.2 if i in resaved else 0) for i, day in enumerate(days, 1)}
    assert settle_together(files, written=written) == {}


def test_monthly_one_day_files_half_of_them_caught_up_a_day_apart_keep_their_guess():
    # February to May 2024's first days ("02/01/2024" ...), day first a run of 2 to 5 January; February's and
    # March's written on their day, April's and May's caught up on 1 and 2 May: half in step is no run.
    days = [dt.date(2024, m, 1) for m in (2, 3, 4, 5)]
    files = {f"export ({i}).csv": _guessing(day, f"export ({i}).csv", day) for i, day in enumerate(days, 1)}
    on = [dt.date(2024, 2, 1), dt.date(2024, 3, 1), dt.date(2024, 5, 1), dt.date(2024, 5, 2)]
    assert settle_together(files, written={f"export ({i}).csv": _written(w) for i, w in enumerate(on, 1)}) == {}


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-8"])
def test_the_first_rows_of_a_file_in_utf16_give_their_date_cells(encoding):
    # A British office's 2 October 2019 in UTF-16, as guessed 10 February, a Sunday: its rows all rejected, its
    # first rows are read for its date. Found byte-wise, its lines were cut a byte off and held no date.
    data = _day_file(dt.date(2019, 10, 2), "%d/%m/%Y", "Daily prices\n").decode().encode(encoding)
    schema = detect_bytes(data, "day_002.txt")
    assert cells_in_head(data, schema.to_json()) == ["02/10/2019"] * 3


def test_one_day_files_in_runs_apart_keep_their_guess():
    # An American office's first trading days of August to December 2007: day first 8, 10 and 11 January,
    # 9 and 12 March, two runs. Read as one file's rows, the day moved more: 5 files loaded day first.
    days = [dt.date(2007, 8, 1), dt.date(2007, 9, 3), dt.date(2007, 10, 1), dt.date(2007, 11, 1), dt.date(2007, 12, 3)]
    files = {f"close_{i:03d}.csv": _guessing(day, f"close_{i:03d}.csv", day) for i, day in enumerate(days, 1)}
    assert settle_together(files) == {}


@pytest.mark.parametrize("days, fmt", [
    # A British office's files of two weeks' Mondays and Tuesdays (the rest not kept): as guessed 3 April, 3 May,
    # 3 November (a Sunday) and 3 December; two runs day first, none month first.
    ([dt.date(2024, 3, 4), dt.date(2024, 3, 5), dt.date(2024, 3, 11), dt.date(2024, 3, 12)], "%d/%m/%Y"),
    # Its files of two months' first days: as guessed 3 and 4 January, 4 February (a Sunday), 3 April and 3 May.
    ([dt.date(2024, 3, 1), dt.date(2024, 3, 4), dt.date(2024, 3, 5), dt.date(2024, 4, 1), dt.date(2024, 4, 2)],
     "%d/%m/%Y"),
    # Its files of 1, 2, 5, 6 and 9 February, a day apart from the others by two missing: as guessed 2 January,
    # 2 February, 2 May, 2 June (a Sunday) and 2 September; a264f16 asked each day beside another (silent).
    ([dt.date(2024, 2, 1), dt.date(2024, 2, 2), dt.date(2024, 2, 5), dt.date(2024, 2, 6), dt.date(2024, 2, 9)],
     "%d/%m/%Y"),
])
def test_one_day_files_in_runs_apart_read_the_order_whose_days_are_weekdays(in_process, tmp_path, days, fmt):
    files = {f"export ({i}).csv": _day_file(day, fmt) for i, day in enumerate(days, 1)}
    found = survey_files(None, in_process, survey_tasks(tmp_path / "in", files), slices=2)
    assert [found[f"export ({i}).csv"].dates for i in range(1, len(days) + 1)] == [[day] for day in days]
    assert _date_column(found["export (1).csv"].schema_json).format == fmt


def test_monthly_files_in_runs_apart_the_other_way_keep_their_guess():
    # An American office's first trading days of April, May, October and November 2024: day first 4 and 5,
    # 10 and 11 January, runs apart on weekdays; month first none on a weekend either: the guess stands.
    days = [dt.date(2024, 4, 1), dt.date(2024, 5, 1), dt.date(2024, 10, 1), dt.date(2024, 11, 1)]
    files = {f"close_{i:03d}.csv": _guessing(day, f"close_{i:03d}.csv", day) for i, day in enumerate(days, 1)}
    assert settle_together(files) == {}


@pytest.mark.parametrize("days", [
    # A Swiss office's monthly files of May, June and July 2015: month first 5, 6 and 7 January, a run.
    [dt.date(2015, 5, 1), dt.date(2015, 6, 1), dt.date(2015, 7, 1)],
    # A German office's of March to May 2024: month first 3, 4 and 5 January.
    [dt.date(2024, 3, 1), dt.date(2024, 4, 1), dt.date(2024, 5, 1)],
])
def test_dotted_one_day_files_are_not_read_month_first_together(in_process, tmp_path, days):
    # Dotted dates are written day first by every custom that writes them: a run the other way is their
    # months' first days, not the first days of a month.
    files = {f"Kurse_{i:03d}.csv": _day_file(day, "%d.%m.%Y") for i, day in enumerate(days, 1)}
    found = survey_files(None, in_process, survey_tasks(tmp_path / "in", files), slices=2)
    assert [found[f"Kurse_{i:03d}.csv"].dates for i in range(1, len(days) + 1)] == [[day] for day in days]


@pytest.mark.parametrize("header,rows", [("Date;Ticker;Close", "AI;170,5\n{day};MC;404,25"),
                                         # a Swiss office's, its volumes grouped by an apostrophe (loaded 3-5 January)
                                         ("Date;Ticker;Close;Volume", "NESN;70.25;1'234'567\n{day};ROG;245.10;987'654"),
                                         # a London office's, its tickers under London's own word, "EPIC"
                                         ("Date;EPIC;Close", "VOD;70.25\n{day};BARC;245.10"),
                                         # or under "Symbol", each code London's or NSE's by its suffix
                                         ("Date;Symbol;Close", "VOD.L;70.25\n{day};BARC.L;245.10"),
                                         ("Date;Symbol;Close", "TCS.NS;3711.20\n{day};INFY.NS;1580.35")])
def test_one_day_files_guessed_day_first_by_their_decimal_comma_are_not_read_month_first_together(in_process, tmp_path,
                                                                                                   header, rows):
    # A French office's monthly files of March to May 2024, each guessed day first beside its closes' decimal
    # comma (detection/agreed_order.py): month first 3, 4 and 5 January, a run, and they had loaded so.
    days = [dt.date(2024, 3, 1), dt.date(2024, 4, 1), dt.date(2024, 5, 1)]
    files = {f"export ({i}).csv": (f"{header}\n{day:%d/%m/%Y};" + rows.format(day=f"{day:%d/%m/%Y}") + "\n").encode()
             for i, day in enumerate(days, 1)}
    found = survey_files(None, in_process, survey_tasks(tmp_path / "in", files), slices=2)
    assert [found[f"export ({i}).csv"].dates for i in range(1, len(days) + 1)] == [[day] for day in days]


@pytest.mark.parametrize("days", [
    # A British office's 1, 2, 7 and 8 May 2024: 3 May missing, 6 May a bank holiday (review44a pool/uk_skip2).
    [dt.date(2024, 5, 1), dt.date(2024, 5, 2), dt.date(2024, 5, 7), dt.date(2024, 5, 8)],
    # Easter's four days: Thursday 6 April to Tuesday 11 April 2023.
    [dt.date(2023, 4, 5), dt.date(2023, 4, 6), dt.date(2023, 4, 11), dt.date(2023, 4, 12)],
    # No run either way, but a weekend month first: a British office's lone 4 June 2013, as guessed 6 April, a
    # Saturday (its row rejected, the file filed under its home date, loud); day first a Tuesday.
    [dt.date(2013, 6, 4)],
    # Its 2 and 11 October 2024: as guessed 10 February and 10 November, a Saturday and a Sunday.
    [dt.date(2024, 10, 2), dt.date(2024, 10, 11)],
    # Its 2 and 11 October 2012: as guessed 10 February, a Friday (silent), and 10 November, a Saturday.
    [dt.date(2012, 10, 2), dt.date(2012, 10, 11)],
])
def test_one_day_files_across_a_long_weekend_or_on_weekdays_one_way_only_read_so(days):
    # Thursday to Tuesday skips two weekdays: no run at RUN_SKIPS 1, and the guess (month first) stood. So it
    # did where no run either way, one reading dates a file on a weekend and the other none.
    files = {f"export ({i}).csv": _guessing(day, f"export ({i}).csv", day.replace(month=day.day, day=day.month))
             for i, day in enumerate(days, 1)}
    settled = settle_together(files)
    assert set(settled) == set(files)
    assert {_date_column(json.dumps(s)).format for s in settled.values()} == {"%d/%m/%Y"}
