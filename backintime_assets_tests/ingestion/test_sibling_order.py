"""A daily file's day/month order, settled by its siblings of the same layout (sibling_order.py)."""
import datetime as dt
import json
import posixpath
from dataclasses import replace

import pytest

from backintime_assets.detection import FileSchema, detect_bytes
from backintime_assets.ingestion import survey as survey_module
from backintime_assets.detection.office_names import source
from backintime_assets.ingestion.sibling_order import SIBLING_ORDER_CERTAINTY, settle_orders
from backintime_assets.ingestion.survey import survey_files
from backintime_assets_tests.ingestion.surveyed_here import serial_tasks, survey_tasks

HEADER = "Date,Ticker,Open,High,Low,Close,Volume\n"
JANUARY = [dt.date(2024, 1, d) for d in range(2, 32) if dt.date(2024, 1, d).weekday() < 5]


def _day_file(day: dt.date, fmt: str = "%d/%m/%Y") -> bytes:
    rows = "".join(f"{day.strftime(fmt)},T{i},{100.5 + i},{101 + i},{99 + i},{100.25 + i},{1000 + i}\n"
                   for i in range(3))
    return (HEADER + rows).encode()


def _date_column(schema_json: str):
    return next(c for c in FileSchema.from_json(schema_json).columns if c.canonical == "date")


def test_daily_files_of_the_first_days_take_the_day_first_order_their_siblings_prove(in_process, tmp_path):
    # day_001.csv is 2 January, "02/01/2024": alone, read month first as 1 February.
    files = {f"day_{i:03d}.csv": _day_file(day) for i, day in enumerate(JANUARY, 1)}
    found = survey_files(None, in_process, survey_tasks(tmp_path / "in", files), slices=2)
    for i, day in enumerate(JANUARY, 1):
        assert found[f"day_{i:03d}.csv"].dates == [day] and found[f"day_{i:03d}.csv"].problem is None
    column = _date_column(found["day_001.csv"].schema_json)
    assert column.format == "%d/%m/%Y" and column.confidence == SIBLING_ORDER_CERTAINTY
    # The files of days above 12 detected on their own: those that borrowed one's schema by its header
    # bytes carry its proof, not theirs.
    proving = len([i for i, day in enumerate(JANUARY, 1) if day.day > 12
                   and FileSchema.from_json(found[f"day_{i:03d}.csv"].schema_json).borrowed_from is None])
    assert 0 < proving < len([day for day in JANUARY if day.day > 12])
    assert column.order_from == f"order settled by {proving} sibling files of the same layout"
    assert _date_column(found["day_015.csv"].schema_json).order_from is None  # its own values proved it


def test_no_sibling_proof_leaves_the_guess_and_reads_nothing_twice(in_process, tmp_path, monkeypatch):
    runs = []
    monkeypatch.setattr(survey_module, "run_tasks", lambda *a: runs.append(a[1]) or serial_tasks(*a))
    # A day exported twice: read together (pooled_order.py), their dates decide nothing either.
    files = {f"day_{i:03d}.csv": _day_file(JANUARY[0]) for i in (1, 2)}
    found = survey_files(None, in_process, survey_tasks(tmp_path / "in", files), slices=2)
    assert found["day_001.csv"].dates == [dt.date(2024, 2, 1)]  # the separator's custom, as before
    assert len(runs) == 1


def test_a_new_file_alone_takes_the_order_its_stored_siblings_prove(in_process, tmp_path):
    stored = [detect_bytes(_day_file(day), f"office/day_{day.day:03d}.csv").to_dict()
              for day in JANUARY if day.day > 12]
    asked = []
    tasks = survey_tasks(tmp_path / "in", {"day_040.csv": _day_file(dt.date(2024, 2, 5))})
    found = survey_files(None, in_process, tasks, slices=2,
                         stored_siblings=lambda schemas: asked.append(schemas) or stored)
    assert found["day_040.csv"].dates == [dt.date(2024, 2, 5)]
    assert len(asked) == 1 and len(asked[0]) == 1


def _schema(day: dt.date, fmt: str, name: str) -> dict:
    return detect_bytes(_day_file(day, fmt), name).to_dict()


def test_siblings_that_disagree_leave_the_guess_and_say_so():
    # An office that switched from month first to day first: which one a lone early-month file follows
    # nothing tells.
    guessing = {"day_1.csv": _schema(dt.date(2024, 1, 2), "%d/%m/%Y", "day_1.csv")}
    siblings = [_schema(dt.date(2023, 12, 15), "%m/%d/%Y", "day_2.csv"),
                _schema(dt.date(2024, 1, 15), "%d/%m/%Y", "day_3.csv")]
    settled, disagreeing = settle_orders(guessing, siblings)
    assert settled == {}
    assert disagreeing == ["day_1.csv: siblings of its layout disagree on day/month order (1 day first, "
                           "1 month first); its guess stays"]


@pytest.mark.parametrize("new_york, london, london_1_october", [
    # New York's files hold other tickers: only London's, holding VOD.L, prove its order (day first).
    (["AAPL", "MSFT"], ["VOD.L", "BARC.L"], dt.date(2024, 10, 1)),
    # Both offices hold the same tickers: nothing tells whose the file is, and the guess stays (10 January).
    # Not London's codes alone: those guess the day first (detection/agreed_order.py).
    (["VOD.L", "AAPL"], ["VOD.L", "AAPL"], dt.date(2024, 1, 10)),
])
def test_siblings_that_disagree_settle_by_those_holding_the_file_s_tickers(in_process, tmp_path, new_york, london,
                                                                           london_1_october):
    # A London and a New York office write one header under one name pattern into one folder; their 15 October
    # proves day first and month first. London's 1 October, "01/10/2024", kept its guess: 10 January (silent).
    def day(cell: str, tickers: list[str]) -> bytes:
        return (HEADER + "".join(f"{cell},{t},10.5,11,10,10.25,100\n" for t in tickers)).encode()

    files = {"export (1).csv": day("01/10/2024", london), "export (2).csv": day("10/01/2024", new_york),
             "export (3).csv": day("15/10/2024", london), "export (4).csv": day("10/15/2024", new_york)}
    found = survey_files(None, in_process, survey_tasks(tmp_path / "in", files), slices=2)
    assert [found[f"export ({i}).csv"].dates for i in (1, 2)] == [[london_1_october], [dt.date(2024, 10, 1)]]


def test_a_ticker_another_office_holds_too_does_not_settle_a_file(in_process, tmp_path):
    # London's 15 March holds VOD.L and AAPL, New York's 18 March MSFT: New York's "04/03/2024" of AAPL alone was
    # settled day first by London's, 4 March (silent), where its guess, 3 April, was its own.
    def day(cell: str, tickers: list[str]) -> bytes:
        return (HEADER + "".join(f"{cell},{t},10.5,11,10,10.25,100\n" for t in tickers)).encode()

    files = {"export (1).csv": day("04/03/2024", ["AAPL"]), "export (2).csv": day("15/03/2024", ["VOD.L", "AAPL"]),
             "export (3).csv": day("03/18/2024", ["MSFT"])}
    found = survey_files(None, in_process, survey_tasks(tmp_path / "in", files), slices=2)
    assert found["export (1).csv"].dates == [dt.date(2024, 4, 3)]


@pytest.mark.parametrize("sibling_fmt, header", [
    ("%d-%m-%Y", HEADER),  # another separator: another date family
    ("%d/%m/%y", HEADER),  # two-digit years
    ("%d/%m/%Y", HEADER.replace("Volume", "Vol")),  # another header
])
def test_only_siblings_of_the_same_layout_and_date_family_settle_it(sibling_fmt, header):
    guessing = {"a.csv": _schema(dt.date(2024, 1, 2), "%d/%m/%Y", "a.csv")}
    data = _day_file(dt.date(2024, 1, 15), sibling_fmt).decode().replace(HEADER, header).encode()
    settled, _ = settle_orders(guessing, [detect_bytes(data, "b.csv").to_dict()])
    assert settled == {}


def test_a_guess_settles_nothing():
    guessing = {"a.csv": _schema(dt.date(2024, 1, 2), "%d/%m/%Y", "a.csv")}
    settled, _ = settle_orders(guessing, [_schema(dt.date(2024, 1, 3), "%d/%m/%Y", "b.csv")])
    assert settled == {}


def test_an_office_s_files_are_not_settled_by_another_office_s_of_the_same_header(in_process, tmp_path):
    # One folder, one generic header: a European office's d/m/Y files of January (days above 12 prove
    # day first) and a US office's m/d/Y files of 1-12 February, which prove nothing. The US files'
    # month-first reading is theirs: before, "02/05/2024" loaded as 2 May.
    february = [dt.date(2024, 2, d) for d in range(1, 13) if dt.date(2024, 2, d).weekday() < 5]
    files = {f"eu_close_{i:03d}.csv": _day_file(day) for i, day in enumerate(JANUARY, 1)}
    files |= {f"us_close_{i:03d}.csv": _day_file(day, "%m/%d/%Y") for i, day in enumerate(february, 1)}
    # A slice a file: none borrows another's schema by its header bytes (shared_layouts.py).
    found = survey_files(None, in_process, survey_tasks(tmp_path / "in", files), slices=len(files))
    for i, day in enumerate(february, 1):
        assert found[f"us_close_{i:03d}.csv"].dates == [day]
        assert _date_column(found[f"us_close_{i:03d}.csv"].schema_json).order_from is None
    assert found["eu_close_001.csv"].dates == [dt.date(2024, 1, 2)]  # its own office's files settle it


@pytest.mark.parametrize("slices", [1, 2, 3])
def test_an_office_s_files_borrow_no_order_from_another_office_s_of_the_same_header(in_process, tmp_path, slices):
    # As above, but files share slices and so borrow schemas by their header bytes (shared_layouts.py):
    # a US file that took a proven European "%d/%m/%Y" loaded 1 February as 2 January, 5 February as 2 May.
    february = [dt.date(2024, 2, d) for d in range(1, 13) if dt.date(2024, 2, d).weekday() < 5]
    days = {f"eu_close_{i:03d}.csv": day for i, day in enumerate(JANUARY, 1)}
    days |= {f"us_close_{i:03d}.csv": day for i, day in enumerate(february, 1)}
    files = {name: _day_file(day, "%d/%m/%Y" if name.startswith("eu") else "%m/%d/%Y") for name, day in days.items()}
    found = survey_files(None, in_process, survey_tasks(tmp_path / "in", files), slices=slices)
    assert {name: found[name].dates for name in files} == {name: [day] for name, day in days.items()}
    lenders = {name: FileSchema.from_json(found[name].schema_json).borrowed_from for name in files}
    # Files still borrow, each from its own office's only (the US office's first file lends to its others).
    assert any(lenders[name] for name in files if name.startswith("us"))
    assert all(lender[:2] == name[:2] for name, lender in lenders.items() if lender)
    for name, day in days.items():
        order_from = _date_column(found[name].schema_json).order_from
        if name.startswith("us"):  # a guess of "/" that no sibling of its own office settles
            assert order_from is None
        elif day.day <= 12:  # the European office's guesses: settled by its siblings, or its own lender's proof
            assert order_from is not None or lenders[name] is not None


@pytest.mark.parametrize("sibling", ["eu/prices_015.csv", "eu/close_015.csv"])
def test_stored_siblings_of_another_name_or_folder_settle_nothing(sibling):
    guessing = {"us/close_003.csv": _schema(dt.date(2024, 2, 5), "%m/%d/%Y", "us/close_003.csv")}
    assert settle_orders(guessing, [_schema(dt.date(2024, 1, 15), "%d/%m/%Y", sibling)]) == ({}, [])


@pytest.mark.parametrize("guessing_name, sibling", [
    ("office/2024/02/close_003.csv", "office/2024/01/close_015.csv"),  # a folder a month
    ("close_003.csv", "office/close_015.csv"),  # the file_schemas asset names a file without its folder
])
def test_stored_siblings_of_one_office_settle_it(guessing_name, sibling):
    guessing = {guessing_name: _schema(dt.date(2024, 2, 5), "%d/%m/%Y", guessing_name)}
    settled, _ = settle_orders(guessing, [_schema(dt.date(2024, 1, 15), "%d/%m/%Y", sibling)])
    assert next(c for c in settled[guessing_name]["columns"] if c["canonical"] == "date")["format"] == "%d/%m/%Y"


def test_a_sibling_s_weak_reading_proves_nothing():
    # "05/02/2024 .. 09/02/2024": the steady 2 taken for the month (certainty 0.7), no value above 12.
    week = "".join(f"{d:02d}/02/2024,T0,1,1,1,1,1\n" for d in range(5, 10))
    weak = detect_bytes((HEADER + week).encode(), "day_030.csv").to_dict()
    assert next(c for c in weak["columns"] if c["canonical"] == "date")["format"] == "%d/%m/%Y"
    guessing = {"day_001.csv": _schema(dt.date(2024, 1, 2), "%d/%m/%Y", "day_001.csv")}
    assert settle_orders(guessing, [weak]) == ({}, [])


def test_a_borrowed_schema_proves_nothing():
    # us_close_001.csv borrowed, by its header bytes, a European file's "%d/%m/%Y", proven there by a
    # day above 12: not by its own values. Counted, it flipped us_close_004.csv ("02/06/2024", 6
    # February) to 2 June, a Sunday: no loadable rows.
    borrowed = dict(_schema(dt.date(2024, 1, 15), "%d/%m/%Y", "us_close_001.csv"), borrowed_from="eu_close_010.csv")
    guessing = {"us_close_004.csv": _schema(dt.date(2024, 2, 6), "%m/%d/%Y", "us_close_004.csv")}
    assert settle_orders(guessing, [borrowed]) == ({}, [])


def test_stored_files_read_again_parse_no_schema(in_process, tmp_path, monkeypatch):
    # A new trading week reads every stored file again: none of them guesses, none is looked at.
    files = {f"day_{i:03d}.csv": _day_file(day) for i, day in enumerate(JANUARY[:4], 1)}
    tasks = [replace(t, schema_json=detect_bytes(files[t.key], t.key).to_json())
             for t in survey_tasks(tmp_path / "in", files)]
    parsed = []
    real = survey_module.Survey.schema_dict
    monkeypatch.setattr(survey_module.Survey, "schema_dict", lambda self: parsed.append(1) or real(self))
    found = survey_files(None, in_process, tasks, slices=2)
    assert found["day_001.csv"].dates == [dt.date(2024, 2, 1)] and parsed == []


def test_only_a_day_and_month_format_may_guess():
    # A schema's JSON is parsed to see whether it guesses only where a date format has a day and a
    # month before the year: ISO dates and epochs (most files) are not parsed at all.
    from backintime_assets.ingestion.sibling_order import may_guess

    assert may_guess('{"columns":[{"format":"%d/%m/%Y"}]}') and may_guess('{"columns":[{"format":"%m-%d-%y %H:%M"}]}')
    assert not may_guess('{"columns":[{"format":"%Y-%m-%d"}]}') and not may_guess('{"columns":[{"format":"epoch_s"}]}')


@pytest.mark.parametrize("names", [
    ("eu/prices_jan.csv", "eu/prices_feb.csv", "eu/prices_mar.csv"),  # a file a month, named by its month
    ("eu/2024/Januar/kurse.csv", "eu/2024/Februar/kurse.csv", "eu/2024/März/kurse.csv"),  # a folder a month
])
@pytest.mark.parametrize("slices", [1, 3])
def test_an_office_s_files_named_by_month_are_one_source(in_process, tmp_path, names, slices):
    # The current month's file holds its first trading day, "01/03/2024", no day above 12: alone, read
    # month first as 3 January. Its office's earlier months, named by their month, prove day first:
    # it borrows their reading, or they settle its guess, as files numbered by month would.
    january, february = [d for d in JANUARY if d.day > 12], [dt.date(2024, 2, d) for d in (13, 14, 15)]
    months = dict(zip(names, (january, february, [dt.date(2024, 3, 1)])))
    files = {name: _day_file(days[0]) + b"".join(_day_file(day)[len(HEADER):] for day in days[1:])
             for name, days in months.items()}
    folder = tmp_path / "in"
    for name in files:
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
    found = survey_files(None, in_process, survey_tasks(folder, files), slices=slices)
    assert {name: found[name].dates for name in files} == months
    assert _date_column(found[names[2]].schema_json).format == "%d/%m/%Y"


def test_stored_siblings_named_by_another_month_settle_it():
    guessing = {"eu/prices_mar.csv": _schema(dt.date(2024, 3, 1), "%d/%m/%Y", "eu/prices_mar.csv")}
    settled, _ = settle_orders(guessing, [_schema(dt.date(2024, 2, 15), "%d/%m/%Y", "eu/prices_feb.csv")])
    assert _date_column(json.dumps(settled["eu/prices_mar.csv"])).format == "%d/%m/%Y"
    # A month's name is blanked as a word of its own (and as a number: "mai2024" as "052024"), never
    # within one: "market" is no March.
    assert source("2024/März/Kurse_Mai2024.csv") == source("2024/03/kurse_052024.csv") == ("kurse_#.csv", "#/#")
    assert source("eu/market_close.csv") == ("market_close.csv", "eu")


@pytest.mark.parametrize("eu, us", [
    ("branch01/close_{:03d}.csv", "branch02/close_{:03d}.csv"),  # a folder a branch, numbered
    ("office1/close_{:03d}.csv", "office2/close_{:03d}.csv"),
    ("desk3_close_{:03d}.csv", "desk4_close_{:03d}.csv"),  # a desk's number joined to its word
    ("desk3_prices_{:%Y%m%d}.csv", "desk4_prices_{:%Y%m%d}.csv"),  # a desk's number before a dated name
])
@pytest.mark.parametrize("slices", [1, 3])
def test_offices_numbered_alike_are_two_sources(in_process, tmp_path, eu, us, slices):
    # Two branches of one header, told apart only by their numbers: the European one's days above 12
    # prove day first, the US one's "02/05/2024" (1-12 February) prove nothing. Every number blanked,
    # they were one source: the US files took the European order (by borrowing or by sibling
    # settling), 5 February loaded as 2 May.
    february = [dt.date(2024, 2, d) for d in range(1, 13) if dt.date(2024, 2, d).weekday() < 5]
    eu_days = {eu.format(day if "%" in eu else i): day for i, day in enumerate(JANUARY, 1)}
    # A date in the name within days of the rows' proves their order (dates.NAME_DATE_WINDOW_DAYS): the
    # US desk's names are two weeks on, as a desk that names its exports by their settlement date.
    us_days = {us.format(day + dt.timedelta(days=14) if "%" in us else i): day for i, day in enumerate(february, 1)}
    days = eu_days | us_days
    folder = tmp_path / "in"
    for name in days:
        (folder / posixpath.dirname(name)).mkdir(parents=True, exist_ok=True)
    files = {name: _day_file(day, "%m/%d/%Y" if name in us_days else "%d/%m/%Y") for name, day in days.items()}
    found = survey_files(None, in_process, survey_tasks(folder, files), slices=slices)
    assert {name: found[name].dates for name in files} == {name: [day] for name, day in days.items()}


@pytest.mark.parametrize("one, other", [
    ("prices/2024/01/close_003.csv", "prices/2023/12/close_017.csv"),  # a folder a month, a number a day
    ("prices/2024/jan/close_003.csv", "prices/2024/feb/close_017.csv"),
    ("2024-01/day_001.csv", "2024-02/day_017.csv"),
    ("2024/week05/day_1.csv", "2024/week06/day_3.csv"),  # numbered periods
    ("close_20240102.csv", "close_20240215.csv"),
    ("prices_jan.csv", "prices_feb.csv"),
    ("desk_0.csv", "desk_7.csv"),  # no date in the name: its number numbers the files
    ("desk3_prices_20240102.csv", "desk3_prices_20240215.csv"),
    ("desk3_close_001.csv", "desk3_close_017.csv"),
    ("day1_part2.csv", "day7_part1.csv"),
    # Periods, days and deliveries numbered in words no list holds: one office's still.
    ("cd1/prices_001.csv", "cd2/prices_250.csv"),
    ("fy23/prices_001.csv", "fy24/prices_001.csv"),
    ("export_3/close_02.csv", "export_6/close_05.csv"),
    ("semana05/cierre_1.csv", "semana06/cierre_3.csv"),
    ("2024/01/dia_02/precos.csv", "2024/02/dia_05/precos.csv"),
    ("eod1_20240102.csv", "eod2_20240215.csv"),
])
def test_files_of_one_office_are_one_source(one, other):
    assert source(one) == source(other)


@pytest.mark.parametrize("one, other", [
    ("branch01/close_001.csv", "branch02/close_001.csv"),
    ("office1/2024/01/close.csv", "office2/2024/01/close.csv"),
    ("desk3_prices_20240102.csv", "desk4_prices_20240102.csv"),  # a desk's number beside the date
    ("desk3_prices_jan.csv", "desk4_prices_jan.csv"),
    ("desk3_close_001.csv", "desk4_close_001.csv"),  # no date: the number joined to its word names the desk
    ("branch_01/close_001.csv", "branch_02/close_001.csv"),
    ("desk_3_prices_20240102.csv", "desk_4_prices_20240102.csv"),
])
def test_offices_told_apart_by_a_number_are_two_sources(one, other):
    assert source(one) != source(other)


@pytest.mark.parametrize("first, second", [
    ("cd1/prices_{0:03d}.csv", "cd2/prices_{0:03d}.csv"),  # the archive's discs
    ("export_{1:%W}/close_{1:%d}.csv", "export_{1:%W}/close_{1:%d}.csv"),  # a week's delivery a folder
    ("semana{1:%W}/cierre_{0}.csv", "semana{1:%W}/cierre_{0}.csv"),
    ("{1:%m}/dia_{1:%d}/precos.csv", "{1:%m}/dia_{1:%d}/precos.csv"),  # a day's folder
    ("fy23/prices_{0:03d}.csv", "fy24/prices_{0:03d}.csv"),
])
def test_one_offices_numbered_folders_settle_each_others_order(in_process, tmp_path, first, second):
    # One day-first office, its files in folders numbered by words that name no office: those of early
    # February ("05/02/2024", no day above 12) in folders of their own. Kept apart as a source each, they
    # borrowed nothing and no sibling settled them: 5 February loaded as 2 May.
    february = [dt.date(2024, 2, d) for d in range(1, 10) if dt.date(2024, 2, d).weekday() < 5]
    days = {first.format(i, day): day for i, day in enumerate(JANUARY, 1)}
    days |= {second.format(i, day): day for i, day in enumerate(february, len(JANUARY) + 1)}
    folder = tmp_path / "in"
    for name in days:
        (folder / posixpath.dirname(name)).mkdir(parents=True, exist_ok=True)
    files = {name: _day_file(day) for name, day in days.items()}
    found = survey_files(None, in_process, survey_tasks(folder, files), slices=2)
    assert {name: found[name].dates for name in days} == {name: [day] for name, day in days.items()}


def test_a_long_word_in_a_path_reads_its_source():
    # A number after letters was sought from each letter of a word: a word of 4000 letters took
    # seconds (a speed the suite does not time: a slow run shows in pytest's --durations).
    assert source(f"{'a' * 4000}.x1/close_001.csv") == ("close_#.csv", f"{'a' * 4000}.x#")


# A Russian office's daily file, a security's label above its header: "Дата" written day first
# ("01/07/2026": 1 July). Alone, a file of the first twelve days is refused as of unknown order
# (detection/unsettled_order.py); its siblings from the 13th on settle it, as they settle a guess.
_RUSSIAN = "SBER RX Equity\nДата,Открытие,Максимум,Минимум,Закрытие,Объем\n"
JULY = [dt.date(2026, 7, d) for d in range(1, 32) if dt.date(2026, 7, d).weekday() < 5]


def _russian_day_file(day: dt.date, fmt: str = "%d/%m/%Y") -> bytes:
    return (_RUSSIAN + f"{day.strftime(fmt)},300.5,301,299,300.25,1000\n").encode()


def test_a_file_refused_for_its_guessed_order_takes_the_order_its_siblings_prove(in_process, tmp_path):
    files = {f"sber_{i:03d}.csv": _russian_day_file(day) for i, day in enumerate(JULY, 1)}
    found = survey_files(None, in_process, survey_tasks(tmp_path / "in", files), slices=2)
    for i, day in enumerate(JULY, 1):
        assert found[f"sber_{i:03d}.csv"].dates == [day] and found[f"sber_{i:03d}.csv"].problem is None, day
    schema = FileSchema.from_json(found["sber_001.csv"].schema_json)
    assert schema.problem is None and schema.ticker == "SBER RX Equity"  # the label, as with its order known
    assert _date_column(found["sber_001.csv"].schema_json).format == "%d/%m/%Y"


def test_siblings_that_bear_out_a_refused_guess_settle_it(in_process, tmp_path):
    # An American broker's export under a Russian header: its siblings prove month first, the guess too.
    files = {f"sber_{i:03d}.csv": _russian_day_file(day, "%m/%d/%Y") for i, day in enumerate(JULY, 1)}
    found = survey_files(None, in_process, survey_tasks(tmp_path / "in", files), slices=2)
    assert found["sber_001.csv"].dates == [dt.date(2026, 7, 1)] and found["sber_001.csv"].problem is None


def test_a_file_refused_for_its_guessed_order_stays_refused_without_proof(in_process, tmp_path):
    # A day exported twice: read together (pooled_order.py), their dates decide nothing either.
    files = {f"sber_{i:03d}.csv": _russian_day_file(JULY[0]) for i in (1, 2)}
    found = survey_files(None, in_process, survey_tasks(tmp_path / "in", files), slices=2)
    assert found["sber_001.csv"].dates == [] and found["sber_001.csv"].problem.startswith("day/month order unknown")


def test_a_lone_date_refused_under_a_hebrew_header_takes_the_order_its_siblings_prove(in_process, tmp_path):
    # A TASE folder of one row a day: "01/07/2026" alone is refused as of unknown order (a Hebrew
    # header, dates guessed month first: detection/unsettled_order.py), but "13/07/2026" of the same
    # layout proves it day first; the refusal had kept July's first eight sessions out.
    header = "מדד;תאריך המסחר;שער פתיחה;גבוה;נמוך;שער נעילה\n"
    days = [dt.date(2026, 7, 1), dt.date(2026, 7, 2), dt.date(2026, 7, 13), dt.date(2026, 7, 14)]
    files = {f"tase/ta35_{i:03d}.csv": f"{header}תא-35;{d:%d/%m/%Y};2500;2510;2490;2505\n".encode()
             for i, d in enumerate(days)}
    found = survey_files(None, in_process, survey_tasks(tmp_path / "in", files), slices=2)
    for i, day in enumerate(days):
        assert found[f"tase/ta35_{i:03d}.csv"].problem is None and found[f"tase/ta35_{i:03d}.csv"].dates == [day]
    assert _date_column(found["tase/ta35_000.csv"].schema_json).format == "%d/%m/%Y"
    # Alone, it stays refused.
    lone = {"ta35_000.csv": files["tase/ta35_000.csv"]}
    alone = survey_files(None, in_process, survey_tasks(tmp_path / "alone", lone), slices=1)
    assert alone["ta35_000.csv"].problem.startswith("day/month order unknown")


def test_a_refused_guess_its_siblings_bear_out_loads_too():
    # An office writing month first under a Hebrew header: "07/13/2026" proves the guess, which
    # alone was refused; borne out, the file loads as it reads (nothing to swap, the refusal lifted).
    header = "מדד;תאריך המסחר;שער פתיחה;גבוה;נמוך;שער נעילה\n"
    refused = detect_bytes(f"{header}תא-35;07/01/2026;2500;2510;2490;2505\n".encode(), "tase/ta35_001.csv")
    proof = detect_bytes(f"{header}תא-35;07/13/2026;2500;2510;2490;2505\n".encode(), "tase/ta35_002.csv")
    assert refused.problem.startswith("day/month order unknown") and proof.problem is None
    settled, _ = settle_orders({"a": refused.to_dict()}, [proof.to_dict()])
    assert settled["a"]["problem"] is None
    assert _date_column(json.dumps(settled["a"])).format == "%m/%d/%Y"


def test_a_settled_order_leaves_a_sites_name_for_every_download_refused():
    # A Russian site's download saved as "data.csv": refused for its order first, which its siblings
    # ("data (1).csv", ...) settle. Settled, it had loaded as ticker DATA, the name's refusal unsaid.
    from backintime_assets.detection.nameless import NAMELESS
    from backintime_assets.ingestion.sibling_order import with_order

    data = "Дата,Открытие,Макс,Мин,Закрытие\n01/02/2024,10,11,9,10.5\n".encode()
    for name, refused in (("data.csv", True), ("sber.csv", False)):
        settled = with_order(detect_bytes(data, name).to_dict(), "%d", 3)
        assert (settled["problem"] or "").startswith(NAMELESS) == refused, settled["problem"]
        assert _date_column(json.dumps(settled)).format == "%d/%m/%Y"


def test_a_day_first_offices_days_read_as_months_firsts_by_a_guess_take_the_order_their_siblings_prove(
        in_process, tmp_path):
    # 6 to 10 January (a coin's weekend among them), "06/01/2024": guessed month first, 1 June to 1 October,
    # 1 June a Saturday. Refused as monthly bars, it was no longer a file its siblings settle, and the days
    # its sibling proves day first (loaded before the refusal was written) were refused.
    def closes(days: range) -> bytes:
        return ("Date,Close\n" + "".join(f"{d:02d}/01/2024,{10 + d / 10}\n" for d in days)).encode()

    files = {"eu_close_001.csv": closes(range(6, 11)), "eu_close_002.csv": closes(range(13, 18))}
    found = survey_files(None, in_process, survey_tasks(tmp_path / "in", files), slices=2)
    assert found["eu_close_001.csv"].problem is None
    assert found["eu_close_001.csv"].dates == [dt.date(2024, 1, d) for d in (8, 9, 10)]  # the weekend rejected
