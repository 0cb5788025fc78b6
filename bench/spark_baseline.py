"""Plain Spark `read.csv` + `write.parquet` with the clean layout's schema handed to it: bench_convert's
baseline, in a process of its own so that its JVM runs as Spark ships it, where the project's session
runs with the product's driver options (services/spark.py DRIVER_JAVA_OPTIONS); one JVM per process.

    python -m bench.spark_baseline DIR ROWS WORK DATASET [--by-date]

prints one JSON line: engine -> [wall s, CPU s] (this process, its JVM and the JVM's children), each
its best of bench_convert.RUNS, every run checked to write ROWS rows."""
from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

from bench.bench_convert import CLEAN_TYPES, WARM_UP_FILES_PER_CORE, best_of_runs
from bench.convert_check import data_files


def spark_csv(spark, paths: list[Path], out: Path, infer: bool, partitioned: bool = False) -> None:
    reader = spark.read.option("header", "true")
    if infer:
        reader = reader.option("inferSchema", "true")
    else:
        reader = reader.schema(", ".join(f"`{name}` {t}" for name, t in CLEAN_TYPES.items()))
    writer = reader.csv([str(p) for p in paths]).write.mode("overwrite").option("compression", "zstd")
    (writer.partitionBy("Date") if partitioned else writer).parquet(str(out))


def run(directory: Path, rows: int, work: Path, dataset: str, by_date: bool) -> dict[str, tuple[float, float]]:
    from backintime_assets.services.spark import build_spark_session

    spark = build_spark_session("local[*]", None, java_options="")  # the JVM's options left to Spark
    # Every path once on a few files, untimed (bench_convert._warm_up): a fresh JVM's first jobs run
    # several times slower.
    few = data_files(directory)[:WARM_UP_FILES_PER_CORE * spark.sparkContext.defaultParallelism]
    for infer, partitioned in ((False, False), (True, False), (False, True)):
        spark_csv(spark, few, work / "warm", infer, partitioned)
        shutil.rmtree(work / "warm", ignore_errors=True)
    engines = {
        "spark csv, explicit schema": lambda out: spark_csv(spark, [directory], out, False),
        "spark csv, inferSchema": lambda out: spark_csv(spark, [directory], out, True),
    }
    if by_date:
        # Not a target of the issue: the same date-partitioned layout as the project writes.
        engines["spark csv, explicit, by date"] = lambda out: spark_csv(spark, [directory], out, False, True)
    try:
        return best_of_runs(engines, dataset, rows, work, spark)
    finally:
        spark.stop()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    args = sys.argv[1:]
    print(json.dumps(run(Path(args[0]), int(args[1]), Path(args[2]), args[3], "--by-date" in args)))
