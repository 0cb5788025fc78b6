import pytest

from backintime_assets.detection import FileSchema, detect_bytes
from backintime_assets.detection.render import PRICE_HEADER, Style, render_table, sample_prices
from backintime_assets.ingestion.detect_job import DetectTask, detect_files


def _put(location, name: str, data: bytes) -> DetectTask:
    fs = location.filesystem()
    fs.create_dir(location.path("raw"), recursive=True)
    with fs.open_output_stream(location.path("raw", name)) as out:
        out.write(data)
    return DetectTask(f"key-{name}", location.path("raw", name), name, len(data))


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
    # A low whole-file limit sends the larger file down the head-and-tail path.
    found = detect_files(spark, location, tasks, whole_file_bytes=50_000)
    assert set(found) == {t.key for t in tasks}
    for name, data in files.items():
        assert FileSchema.from_json(found[f"key-{name}"]).to_dict() == detect_bytes(data, name).to_dict() | {
            "confidence": FileSchema.from_json(found[f"key-{name}"]).confidence}
    assert FileSchema.from_json(found["key-semi.txt"]).delimiter == ";"
    assert FileSchema.from_json(found["key-empty.csv"]).problem == "empty file"
    assert detect_files(spark, location, []) == {}
