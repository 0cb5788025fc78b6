"""Build the one SparkSession a process uses, with event logs kept for the Spark history UI."""
from __future__ import annotations

import os
import sys
from pathlib import Path

from backintime_assets.services.java import find_java


def build_spark_session(
    master: str,
    event_log_dir: Path | None,
    app_name: str = "backintime",
    driver_memory: str = "2g",
    shuffle_partitions: int = 8,
):
    find_java()
    # Python workers must run the interpreter that has our package and pyarrow, not whatever
    # `python3` is first on PATH. A cluster's workers need the same environment at the same path.
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    from pyspark.sql import SparkSession

    builder = (
        SparkSession.builder.master(master)
        .appName(app_name)
        .config("spark.driver.memory", driver_memory)
        .config("spark.sql.shuffle.partitions", str(shuffle_partitions))
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.sql.execution.arrow.pyspark.enabled", "true")
        .config("spark.ui.showConsoleProgress", "false")
        # Executors in a cluster must import our package; local mode shares the driver's Python.
        .config("spark.executorEnv.PYTHONHASHSEED", "0")
    )
    if event_log_dir is not None:
        event_log_dir.mkdir(parents=True, exist_ok=True)
        builder = builder.config("spark.eventLog.enabled", "true").config("spark.eventLog.dir", event_log_dir.as_uri())
    session = builder.getOrCreate()
    session.sparkContext.setLogLevel("WARN")
    return session
