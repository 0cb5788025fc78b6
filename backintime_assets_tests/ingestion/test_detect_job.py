import pytest

from backintime_assets.detection import FileSchema, detect_bytes
from backintime_assets.detection.render import PRICE_HEADER, Style, render_table, sample_prices
from backintime_assets.ingestion.survey import SurveyTask, survey_files

# Detection inside the survey's Spark tasks (detect_job.detect_one, one LayoutMemory per task).


def _put(location, name: str, data: bytes) -> SurveyTask:
    fs = location.filesystem()
    fs.create_dir(location.path("raw"), recursive=True)
    with fs.open_output_stream(location.path("raw", name)) as out:
        out.write(data)
    return SurveyTask(f"key-{name}", location.path("raw", name), name, len(data))


@pytest.mark.spark
@pytest.mark.parametrize("lake", ["local_lake", "s3_lake"])
def test_spark_tasks_detect_what_detect_bytes_detects(spark, request, lake):
    location = request.getfixturevalue(lake)
    files = {
        "a.csv": render_table(PRICE_HEADER, sample_prices(50, seed=1), Style()),
        "b.csv": render_table(PRICE_HEADER, sample_prices(50, seed=2), Style()),
        "semi.txt": render_table(PRICE_HEADER, sample_prices(3000, seed=3), Style(delimiter=";", decimal=",",
                                                                                  date_format="%d.%m.%Y")),
        "empty.csv": b"",
    }
    assert len(files["semi.txt"]) > 100_000
    tasks = [_put(location, name, data) for name, data in files.items()]
    found = {k: s.schema_json for k, s in survey_files(spark, location, tasks).items()}
    assert set(found) == {t.key for t in tasks}
    for name, data in files.items():
        got = FileSchema.from_json(found[f"key-{name}"])
        # A file of a slice may borrow the schema of an earlier one of its template (b.csv of a.csv).
        assert got.borrowed_from in (None, "a.csv" if name == "b.csv" else None)
        assert got.to_dict() == detect_bytes(data, name).to_dict() | {
            "confidence": got.confidence, "borrowed_from": got.borrowed_from}
    assert FileSchema.from_json(found["key-semi.txt"]).delimiter == ";"
    assert FileSchema.from_json(found["key-empty.csv"]).problem == "empty file"
    assert survey_files(spark, location, []) == {}


@pytest.mark.spark
def test_files_of_one_template_in_a_slice_borrow_and_large_ones_never_do(spark, local_lake):
    files = {f"day{i}.csv": render_table(PRICE_HEADER, sample_prices(50, seed=i), Style()) for i in range(8)}
    files["archive.csv"] = render_table(PRICE_HEADER, sample_prices(3000, seed=9), Style())
    tasks = [_put(local_lake, name, data) for name, data in files.items()]
    # Two slices: each holds several files of the template.
    found = {k: FileSchema.from_json(s.schema_json) for k, s in survey_files(
        spark, local_lake, tasks, borrow_max_bytes=50_000, slices=2).items()}
    own = {s.file for s in found.values() if s.borrowed_from is None}
    assert "archive.csv" in own and len(own) <= 2  # the first file of each slice, and large files
    assert {s.borrowed_from for s in found.values()} - {None} <= own
    for name, data in files.items():
        own = detect_bytes(data, name).to_dict()
        got = found[f"key-{name}"].to_dict()
        assert [c["type"] for c in got["columns"]] == [c["type"] for c in own["columns"]]
