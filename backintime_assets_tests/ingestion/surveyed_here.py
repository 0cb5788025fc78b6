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
