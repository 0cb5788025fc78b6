"""A guessed day/month order settled by another file's bars of the same days (overlap_order.py)."""
import datetime as dt
from types import SimpleNamespace

import pyarrow as pa

from backintime_assets.detection import FileSchema, detect_bytes
from backintime_assets.ingestion import convert as convert_module
from backintime_assets.ingestion.convert import convert_files
from backintime_assets.ingestion.overlap_order import ROWS, other_order_dates, proven_by_rows
from backintime_assets.ingestion.parsed import FileTask
from backintime_assets.ingestion.survey import survey_files
from backintime_assets.lake.schemas import PRICES, REJECTED_ROWS
from backintime_assets.lake.tables import read_arrow
from backintime_assets_tests.ingestion.surveyed_here import serial_tasks, survey_tasks

HEADER = "Date,Ticker,Open,High,Low,Close,Volume\n"
FEBRUARY = [dt.date(2024, 2, d) for d in range(1, 16) if dt.date(2024, 2, d).weekday() < 5]


def _bar(day: dt.date, i: int) -> tuple:
    return (f"T{i}", 100.5 + i + day.day, 101 + i + day.day, 99 + i + day.day, 100.25 + i + day.day, 1000 + i)


def _file(days, fmt: str) -> bytes:
    return (HEADER + "".join(f"{day.strftime(fmt)},{','.join(map(str, _bar(day, i)))}\n"
                             for day in days for i in range(3))).encode()


def _date_column(schema_json: str):
    return next(c for c in FileSchema.from_json(schema_json).columns if c.canonical == "date")


def test_a_short_copy_of_early_days_takes_the_order_the_archives_bars_of_those_days_prove(in_process, tmp_path,
                                                                                          monkeypatch):
    # A colleague's copy of Monday 5 February, "05/02/2024": no day above 12, no sibling of its name or
    # layout; read by the separator's custom as 2 May, its bars loaded on a day the archive (ISO dates)
    # never traded them, beside the archive's own 5 February.
    files = {"latest.csv": _file([dt.date(2024, 2, 5)], "%d/%m/%Y"),
             "archive/history.csv": _file(FEBRUARY, "%Y-%m-%d")}
    found = survey_files(None, in_process, survey_tasks(tmp_path / "in", files), slices=2)
    assert found["latest.csv"].dates == [dt.date(2024, 2, 5)]
    column = _date_column(found["latest.csv"].schema_json)
    assert column.format == "%d/%m/%Y"
    assert column.order_from == "order settled by 3 bars archive/history.csv holds on those days"

    # Converted, the lake holds each bar once, on its day; the copy's rows are the archive's duplicates.
    monkeypatch.setattr(convert_module, "run_tasks", serial_tasks)
    tasks = [FileTask(str(tmp_path / "in" / name), name, found[name].schema_json, found[name].dates[0], priority,
                      len(files[name]), found[name].parsed_path, tuple(found[name].dates))
             for priority, name in enumerate(["latest.csv", "archive/history.csv"])]
    spark = SimpleNamespace(sparkContext=SimpleNamespace(defaultParallelism=1))
    convert_files(spark, in_process, tasks, [d.isoformat() for d in FEBRUARY], "t")
    prices = read_arrow(in_process, "prices", PRICES)
    assert sorted({(str(d), t) for d, t in zip(prices["date"].to_pylist(), prices["ticker"].to_pylist())}) == sorted(
        (day.isoformat(), f"T{i}") for day in FEBRUARY for i in range(3))
    rejected = read_arrow(in_process, "rejected_rows", REJECTED_ROWS)
    assert sorted(zip(rejected["source_file"].to_pylist(), rejected["reason"].to_pylist())) == [
        ("archive/history.csv", f"duplicate of latest.csv:{line}") for line in (2, 3, 4)]


def test_without_another_files_bars_of_those_days_the_guess_stays(in_process, tmp_path):
    files = {"latest.csv": _file([dt.date(2024, 2, 5)], "%d/%m/%Y"),
             "archive/history.csv": _file([d for d in FEBRUARY if d.day != 5], "%Y-%m-%d")}
    found = survey_files(None, in_process, survey_tasks(tmp_path / "in", files), slices=2)
    assert found["latest.csv"].dates == [dt.date(2024, 5, 2)]  # the separator's custom, as before
    assert _date_column(found["latest.csv"].schema_json).order_from is None


def _rows(*rows) -> pa.Table:
    return pa.Table.from_pylist([dict(zip(ROWS.names, r)) for r in rows], schema=ROWS)


GUESS = detect_bytes(_file([dt.date(2024, 2, 5)], "%d/%m/%Y"), "latest.csv").to_dict()


def test_bars_alike_on_the_guessed_days_leave_the_guess():
    # The other file holds the bar on the day the guess reads (2 May): the guess is borne out, whatever
    # it holds on 5 February.
    rows = _rows(("latest.csv", dt.date(2024, 5, 2), "T0", 1.0, 2.0, 0.5, 1.5),
                 ("other.csv", dt.date(2024, 5, 2), "T0", 1.0, 2.0, 0.5, 1.5),
                 ("other.csv", dt.date(2024, 2, 5), "T0", 1.0, 2.0, 0.5, 1.5))
    assert proven_by_rows({"latest.csv": GUESS}, rows) == {}


def test_bars_of_other_prices_or_tickers_prove_nothing():
    rows = _rows(("latest.csv", dt.date(2024, 5, 2), "T0", 1.0, 2.0, 0.5, 1.5),
                 ("other.csv", dt.date(2024, 2, 5), "T0", 1.1, 2.0, 0.5, 1.5),
                 ("other.csv", dt.date(2024, 2, 5), "T1", 1.0, 2.0, 0.5, 1.5))
    assert proven_by_rows({"latest.csv": GUESS}, rows) == {}
    # A price one of them leaves out says nothing against the bar; but a lone close alike is a chance.
    rows = _rows(("latest.csv", dt.date(2024, 5, 2), "T0", 1.0, 2.0, 0.5, 1.5),
                 ("latest.csv", dt.date(2024, 5, 2), "T1", 1.0, 2.0, 0.5, 2.5),
                 ("other.csv", dt.date(2024, 2, 5), "T0", None, None, None, 1.5))
    assert proven_by_rows({"latest.csv": GUESS}, rows) == {}
    rows = pa.concat_tables([rows, _rows(("other.csv", dt.date(2024, 2, 5), "T1", None, None, None, 2.5))])
    assert proven_by_rows({"latest.csv": GUESS}, rows) == {"latest.csv": ("%d", 2, "other.csv")}


def test_a_lone_close_or_flat_bar_alike_by_chance_leaves_the_guess(in_process, tmp_path):
    # A US desk's one close of Thursday 2 May, "05/02/2024", read rightly by the guess; a quiet share whose
    # archive (January to April) closed at the same price on 5 February. That was no proof: the bar moved
    # to 5 February, and was lost there as the archive's duplicate.
    archive = [d for d in _weekdays(dt.date(2024, 1, 2), dt.date(2024, 4, 30))]
    for header, bar in (("Date,Ticker,Close\n", lambda c: f"{c:.2f}"),
                        ("Date,Ticker,Open,High,Low,Close\n", lambda c: ",".join([f"{c:.2f}"] * 4))):
        closes = {d: 10.25 if d == dt.date(2024, 2, 5) else 10.5 + (i % 9) / 100 for i, d in enumerate(archive)}
        files = {"latest.csv": f"{header}05/02/2024,QUIET,{bar(10.25)}\n".encode(),
                 "archive/history.csv": (header + "".join(f"{d.isoformat()},QUIET,{bar(c)}\n"
                                                          for d, c in closes.items())).encode()}
        folder = tmp_path / str(len(header))
        found = survey_files(None, in_process, survey_tasks(folder, files), slices=2)
        assert found["latest.csv"].dates == [dt.date(2024, 5, 2)]
        assert _date_column(found["latest.csv"].schema_json).order_from is None


def test_a_bar_of_the_other_days_that_differs_leaves_the_guess():
    # Two of the copy's bars alike on the other order's days, a third that file holds there otherwise:
    # the days are not that file's.
    rows = _rows(("latest.csv", dt.date(2024, 5, 2), "T0", 1.0, 2.0, 0.5, 1.5),
                 ("latest.csv", dt.date(2024, 5, 3), "T0", 1.1, 2.1, 0.6, 1.6),
                 ("latest.csv", dt.date(2024, 5, 6), "T0", 1.2, 2.2, 0.7, 1.7),
                 ("other.csv", dt.date(2024, 2, 5), "T0", 1.0, 2.0, 0.5, 1.5),
                 ("other.csv", dt.date(2024, 3, 5), "T0", 1.1, 2.1, 0.6, 1.6),
                 ("other.csv", dt.date(2024, 6, 5), "T0", 1.3, 2.2, 0.7, 1.7))
    assert proven_by_rows({"latest.csv": GUESS}, rows) == {}
    assert proven_by_rows({"latest.csv": GUESS}, rows.slice(0, 5)) == {"latest.csv": ("%d", 2, "other.csv")}


def _weekdays(first: dt.date, last: dt.date) -> list[dt.date]:
    return [first + dt.timedelta(n) for n in range((last - first).days + 1)
            if (first + dt.timedelta(n)).weekday() < 5]


def test_the_other_order_reads_only_days_up_to_12_that_are_not_their_month():
    assert other_order_dates([dt.date(2024, 5, 2), dt.date(2024, 5, 13), dt.date(2024, 5, 5)]) == [
        dt.date(2024, 2, 5)]


def test_a_bar_repeated_on_other_days_proves_nothing():
    # A suspended share's bar, the same day after day (or test data's): the archive's 5 February is no
    # more the copy's day than its 6th.
    bar = ("T0", 1.0, 2.0, 0.5, 1.5)
    rows = _rows(("latest.csv", dt.date(2024, 5, 2), *bar), ("other.csv", dt.date(2024, 2, 5), *bar),
                 ("other.csv", dt.date(2024, 2, 6), *bar))
    assert proven_by_rows({"latest.csv": GUESS}, rows) == {}
    assert proven_by_rows({"latest.csv": GUESS}, rows.slice(0, 2)) == {"latest.csv": ("%d", 1, "other.csv")}
