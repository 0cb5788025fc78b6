"""A source's one-day files whose day/month order no sibling proves, read together (pooled_order.py)."""
import datetime as dt

import pytest

from backintime_assets.detection import FileSchema, detect_bytes
from backintime_assets.ingestion.pooled_order import settle_together
from backintime_assets.ingestion.survey import survey_files
from backintime_assets_tests.ingestion.surveyed_here import survey_tasks

HEADER = "Date,Ticker,Open,High,Low,Close,Volume\n"


def _day_file(day: dt.date, fmt: str) -> bytes:
    rows = "".join(f"{day.strftime(fmt)},T{i},{100.5 + i},{101 + i},{99 + i},{100.25 + i},{1000 + i}\n"
                   for i in range(3))
    return (HEADER + rows).encode()


def _days(first: dt.date, count: int) -> list[dt.date]:
    days, day = [], first
    while len(days) < count:
        if day.weekday() < 5:
            days.append(day)
        day += dt.timedelta(days=1)
    return days


def _date_column(schema_json: str):
    return next(c for c in FileSchema.from_json(schema_json).columns if c.canonical == "date")


@pytest.mark.parametrize("first, fmt, read", [
    # A British office's first week, as guessed: 10 January, 10 February and 10 March (a Saturday and a
    # Sunday: no dates to read), 10 April.
    (dt.date(2024, 10, 1), "%d/%m/%Y", 2),
    (dt.date(2024, 1, 2), "%d/%m/%Y", 4),  # the first days of January, as guessed: 1 February, 1 March, ...
    (dt.date(2024, 10, 1), "%m/%d/%Y", 4),  # an American office's: its guess borne out
    (dt.date(2024, 1, 2), "%m/%d/%y", 4),
])
def test_one_day_files_of_the_first_days_read_their_order_together(in_process, tmp_path, first, fmt, read):
    days = _days(first, 4)
    files = {f"export ({i}).csv": _day_file(day, fmt) for i, day in enumerate(days, 1)}
    found = survey_files(None, in_process, survey_tasks(tmp_path / "in", files), slices=2)
    assert [found[f"export ({i}).csv"].dates for i in range(1, 5)] == [[day] for day in days]
    column = _date_column(found["export (1).csv"].schema_json)
    assert column.format == fmt
    if fmt.startswith("%d"):
        assert column.order_from == f"order settled by the dates of {read} one-day files of its layout read together"


def _schema(day: dt.date, name: str, fmt: str = "%d/%m/%Y") -> dict:
    return detect_bytes(_day_file(day, fmt), name).to_dict()


def test_only_one_day_files_of_one_folder_and_layout_are_read_together():
    october = _days(dt.date(2024, 10, 1), 3)
    one_folder = {f"a/day_{i}.csv": (_schema(day, f"a/day_{i}.csv"), [day.replace(month=day.day, day=10)])
                  for i, day in enumerate(october, 1)}
    assert set(settle_together(one_folder)) == set(one_folder)
    # Two offices' folders, each a file: neither is read with the other's.
    two_folders = {f"{f}/day_1.csv": (_schema(day, f"{f}/day_1.csv"), [day.replace(month=day.day, day=10)])
                   for f, day in zip(("a", "b"), october)}
    assert settle_together(two_folders) == {}
    # A file of several dates was read by its own rows: it adds nothing, and one file alone settles nothing.
    several = dict(list(one_folder.items())[:1])
    several["a/day_9.csv"] = (_schema(october[1], "a/day_9.csv"), [dt.date(2024, 2, 10), dt.date(2024, 3, 10)])
    assert settle_together(several) == {}


def test_a_day_exported_twice_decides_nothing():
    day = dt.date(2024, 10, 1)
    twice = {f"day_{i}.csv": (_schema(day, f"day_{i}.csv"), [dt.date(2024, 1, 10)]) for i in (1, 2)}
    assert settle_together(twice) == {}
