"""The raw step's survey run in the test's process: Spark's tasks one after another, files of a folder
(the `in_process` fixture, conftest.py, runs the survey so)."""
from __future__ import annotations

from backintime_assets.ingestion.survey import SurveyTask


def serial_tasks(spark, payloads, work, schema):
    """spark_tasks.run_tasks as the survey calls it, each task run here one after another."""
    return [row for payload in payloads for row in work(payload)]


def survey_tasks(folder, files: dict[str, bytes]) -> list[SurveyTask]:
    """Each of `files` (name, in subfolders perhaps -> bytes) written under `folder`, as a survey task."""
    tasks = []
    for name, data in files.items():
        (folder / name).parent.mkdir(exist_ok=True, parents=True)
        (folder / name).write_bytes(data)
        tasks.append(SurveyTask(name, str(folder / name), name, len(data), sha256=f"sha-{name}"))
    return tasks


# TradingView's bar a day of Tokyo's 7203, each stamped at Tokyo's midnight: 15:00 UTC the day before.
ONE_BAR_HEADER = "time,open,high,low,close,Volume\n"
MONDAY_BAR = "1704639600,2514,2544,2494,2524,1\n"  # Monday 8 January 2024's, stamped on the Sunday evening
WEDNESDAY_BAR = "1704812400,2500,2530,2480,2510,1\n"  # Wednesday 10 January's, on the Tuesday evening


def tokyo_source(tmp_path):
    """A source folder holding Monday's one-bar file, whose Sunday-evening stamp proves the source
    east of UTC to the files of midweek bars that follow (ingestion/sibling_east.py)."""
    source = tmp_path / "source"
    source.mkdir()
    (source / "7203_20240108.csv").write_text(ONE_BAR_HEADER + MONDAY_BAR)
    return source
