"""Build the one SparkSession a process uses, with event logs kept for the Spark history UI."""
from __future__ import annotations

import os
import sys
from pathlib import Path

from backintime_assets.services.java import find_java

# The driver JVM's compiler: C2 (tier 4) only for code ten times hotter than HotSpot's default asks.
# Our jobs run Python tasks on whole files: the JVM schedules them and passes bytes, wide lukewarm
# code (Java serialization of tasks and results, the scheduler, closure cleaning) that C2 went on
# compiling job after job. A survey and conversion of 750 daily files under local[*] (2026-12-06,
# three JVMs each): the JVM's CPU-s 2.5-2.9 against 1.1-1.2 on a fresh JVM's first run (as a
# Dagster run's or a CLI command's), a median 0.49 against 0.28 on its next four. Hot loops still
# reach C2 soon: Spark's own read.csv + write.parquet of those files cost no more (7.2-7.4 against
# 7.4-9.2 CPU-s); C1 alone (TieredStopAtLevel=1) saved 0.06 CPU-s more here but cost that 25-50%.
# A JVM without these options (not HotSpot) ignores them rather than failing to start.
DRIVER_JAVA_OPTIONS = ("-XX:+IgnoreUnrecognizedVMOptions -XX:Tier4InvocationThreshold=50000 "
                       "-XX:Tier4MinInvocationThreshold=6000 -XX:Tier4CompileThreshold=150000 "
                       "-XX:Tier4BackEdgeThreshold=400000")


def session_config(event_log_dir: Path | None, driver_memory: str = "2g", shuffle_partitions: int = 8,
                   java_options: str = DRIVER_JAVA_OPTIONS) -> dict[str, str]:
    """The settings build_spark_session gives a session; `java_options` "" leaves the driver JVM's
    to Spark (benchmarks' plain-Spark baselines run so)."""
    config = {
        "spark.driver.memory": driver_memory,
        "spark.sql.shuffle.partitions": str(shuffle_partitions),
        "spark.sql.session.timeZone": "UTC",
        "spark.sql.execution.arrow.pyspark.enabled": "true",
        "spark.ui.showConsoleProgress": "false",
        # Executors in a cluster must import our package; local mode shares the driver's Python.
        "spark.executorEnv.PYTHONHASHSEED": "0",
    }
    if java_options:
        # Read when the JVM starts (pyspark passes the session's settings to spark-submit), so it
        # holds for the first session of a process; in a cluster it is the driver's alone.
        config["spark.driver.extraJavaOptions"] = java_options
    if event_log_dir is not None:
        config |= {"spark.eventLog.enabled": "true", "spark.eventLog.dir": event_log_dir.as_uri()}
    return config


def build_spark_session(
    master: str,
    event_log_dir: Path | None,
    app_name: str = "backintime",
    driver_memory: str = "2g",
    shuffle_partitions: int = 8,
    java_options: str = DRIVER_JAVA_OPTIONS,
):
    find_java()
    # Python workers must run the interpreter that has our package and pyarrow, not whatever
    # `python3` is first on PATH. A cluster's workers need the same environment at the same path.
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    from pyspark.sql import SparkSession

    builder = SparkSession.builder.master(master).appName(app_name)
    if event_log_dir is not None:
        event_log_dir.mkdir(parents=True, exist_ok=True)
    for key, value in session_config(event_log_dir, driver_memory, shuffle_partitions, java_options).items():
        builder = builder.config(key, value)
    session = builder.getOrCreate()
    session.sparkContext.setLogLevel("WARN")
    return session
