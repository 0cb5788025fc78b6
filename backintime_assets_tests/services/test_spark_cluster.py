"""The lake's Spark code on a real standalone master + worker, in its own process (one SparkContext each)."""
import subprocess
import sys
import textwrap

import pytest

from backintime_assets_tests.support.spark_cluster import start_cluster

SCRIPT = textwrap.dedent("""
    import datetime as dt, sys
    import pyarrow as pa
    from pathlib import Path
    from backintime_assets.lake import LakeLocation
    from backintime_assets.lake.tables import read_dates, write_dates
    from backintime_assets.services.spark import build_spark_session

    master, lake_dir = sys.argv[1], sys.argv[2]
    spark = build_spark_session(master, None, app_name="cluster-test")
    assert spark.sparkContext.master == master
    location = LakeLocation(lake_dir)
    rows = [(dt.date(2025, 1, 2 + d), f"T{i}", float(i)) for d in range(2) for i in range(50)]
    df = spark.createDataFrame(rows, "date date, ticker string, close double")
    written = write_dates(df, location, "t", ["2025-01-02", "2025-01-03"], "c", ["ticker"])
    back = read_dates(spark, location, "t", pa.schema([("ticker", pa.string()), ("close", pa.float64())]))
    print("ROWS", sum(w.rows for w in written), back.count(), back.agg({"close": "sum"}).first()[0])
    spark.stop()
""")


@pytest.mark.cluster
def test_lake_write_and_read_on_a_standalone_cluster(tmp_path):
    cluster = start_cluster(tmp_path / "cluster")
    try:
        result = subprocess.run([sys.executable, "-c", SCRIPT, cluster.master_url, str(tmp_path / "lake")],
                                capture_output=True, text=True, timeout=300)
    finally:
        cluster.stop()
    assert result.returncode == 0, result.stderr[-3000:]
    assert "ROWS 100 100 2450.0" in result.stdout
    assert list((tmp_path / "cluster" / "worker").rglob("stderr"))  # executors really ran on the worker
