"""Detection, conversion and lake reads on a real standalone master + worker, in a process of their own
(one SparkContext each)."""
import subprocess
import sys
import textwrap

import pytest

from backintime_assets_tests.support.spark_cluster import start_cluster

SCRIPT = textwrap.dedent("""
    import datetime as dt, sys
    import pyarrow as pa
    from pathlib import Path
    from backintime_assets.ingestion.convert import convert_files
    from backintime_assets.ingestion.survey import SurveyTask, survey_files
    from backintime_assets.ingestion.parsed import FileTask
    from backintime_assets.lake import LakeLocation
    from backintime_assets.lake.tables import read_dates
    from backintime_assets.services.spark import build_spark_session

    master, lake_dir = sys.argv[1], sys.argv[2]
    spark = build_spark_session(master, None, app_name="cluster-test")
    assert spark.sparkContext.master == master
    location = LakeLocation(lake_dir)
    raw = Path(lake_dir) / "raw"
    raw.mkdir(parents=True)
    header = "Date,Ticker,Open,High,Low,Close,Volume\\n"
    for day in (2, 3):
        lines = "".join(f"2025-01-0{day},T{i:02d},{i},{i},{i},{i},10\\n" for i in range(1, 51))
        (raw / f"desk_2025-01-0{day}.csv").write_text(header + lines + f"2025-01-0{day},BAD,x,2,1,1,10\\n")
    files = sorted(raw.iterdir())
    surveys = survey_files(spark, location, [SurveyTask(str(f), str(f), f.name, f.stat().st_size) for f in files])
    tasks = [FileTask(str(f), f.name, surveys[str(f)].schema_json, dt.date(2025, 1, 2), k, f.stat().st_size)
             for k, f in enumerate(files)]
    done = convert_files(spark, location, tasks, ["2025-01-02", "2025-01-03"], "c")
    back = read_dates(spark, location, "prices", pa.schema([("ticker", pa.string()), ("close", pa.float64())]))
    print("ROWS", done.prices.rows, done.rejected_rows.rows, back.count(), back.agg({"close": "sum"}).first()[0])
    spark.stop()
""")


@pytest.mark.cluster
def test_detection_conversion_and_reads_on_a_standalone_cluster(tmp_path):
    cluster = start_cluster(tmp_path / "cluster")
    try:
        result = subprocess.run([sys.executable, "-c", SCRIPT, cluster.master_url, str(tmp_path / "lake")],
                                capture_output=True, text=True, timeout=300)
    finally:
        cluster.stop()
    assert result.returncode == 0, result.stderr[-3000:]
    assert "ROWS 100 2 100 2550.0" in result.stdout
    assert list((tmp_path / "cluster" / "worker").rglob("stderr"))  # executors really ran on the worker
