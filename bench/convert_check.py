"""A speed change's check: the survey and the conversion of bench_convert on a folder of files, run
under one tree or another, timed, and what they wrote reduced to a digest that must not change.

In this one process (no Spark: each task runs in turn on the driver) the CPU seconds move little
with whatever else runs, and a profiler sees every task; under Spark (`--spark`, local[*]) the run
is the real one. The digest holds each file's survey (schema, dates, problem), the accounting,
every row of every date file written (all columns) and each date file's Parquet layout (row
groups, codecs, encodings, statistics, schema, key-value metadata).

Run with the tree to measure first on the path (it imports backintime_assets from there):
    PYTHONPATH=<tree> python bench/convert_check.py time DIR [--repeat N] [--digest OUT.json] [--spark]
    python bench/convert_check.py compare DIR <tree A> <tree B> [--rounds N] [--repeat N] [--spark]
`compare` runs `time` under each tree by turns, a process each, and prints each one's best, their
ratio and whether their digests agree. Two trees: a detached worktree at the commit before.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path


class _Results:
    def __init__(self, payloads, run=None):
        self._payloads, self._run = payloads, run

    def mapPartitions(self, run):  # noqa: N802  Spark's name
        return _Results(self._payloads, run)

    def collect(self):
        return [out for payload in self._payloads for out in self._run(iter([payload]))]


class _Context:
    defaultParallelism = 2  # noqa: N815  as local[*] on two cores: the same slices and buckets

    def parallelize(self, payloads, _count):
        return _Results(list(payloads))


class InProcessSpark:
    """What run_tasks asks of a SparkSession, every task run here, one after the other."""
    sparkContext = _Context()  # noqa: N815


def data_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.is_file() and not p.name.startswith("_"))


def survey_and_convert(spark, files: list[Path], lake: Path, days: list[str] | None = None):
    """(surveys, conversion, (survey wall s, CPU s), (conversion wall s, CPU s)): the raw step's survey, then
    the conversion of `days` (YYYY-MM-DD; the surveyed files' dates if None), as the raw_price_files and
    prices assets run them (minus copying, Postgres and the checks). CPU seconds: this process's, and under
    Spark its JVM's and Python workers' too. bench_convert times the same run."""
    from backintime_assets.ingestion.convert import convert_files
    from backintime_assets.ingestion.parsed import FileTask
    from backintime_assets.ingestion.survey import SurveyTask, survey_files
    from backintime_assets.lake import LakeLocation
    from bench.cpu import timed

    location, jvm = LakeLocation(str(lake)), None if isinstance(spark, InProcessSpark) else spark
    sizes = {str(p): p.stat().st_size for p in files}
    tasks = [SurveyTask(p, p, Path(p).name, size, sha256=hashlib.sha256(p.encode()).hexdigest())
             for p, size in sizes.items()]
    survey_s, survey_cpu, surveys = timed(lambda: survey_files(spark, location, tasks), jvm)
    if days is None:
        days = sorted({d.isoformat() for s in surveys.values() for d in s.dates})
    convert_tasks = []
    for priority, path in enumerate(files):
        found = surveys[str(path)]
        home = min(found.dates) if found.dates else date.fromisoformat(days[0])
        convert_tasks.append(FileTask(str(path), path.name, found.schema_json, home, priority, sizes[str(path)],
                                      found.parsed_path, tuple(found.dates)))
    convert_s, convert_cpu, conversion = timed(
        lambda: convert_files(spark, location, convert_tasks, days, "bench"), jvm)
    return surveys, conversion, (survey_s, survey_cpu), (convert_s, convert_cpu)


def digest(surveys, conversion, lake: Path) -> dict:
    """What two runs must agree on (the module's docstring)."""
    import pyarrow.parquet as pq

    out = {"surveys": {Path(k).name: [s.schema_json, [d.isoformat() for d in s.dates], s.problem,
                                      s.parsed_path is not None] for k, s in sorted(surveys.items())},
           "accounting": conversion.accounting, "own_schemas": conversion.own_schemas, "tables": {}}
    for written in (conversion.prices, conversion.rejected_rows):
        files = {}
        for w in written.files:
            meta = pq.read_metadata(w.path)
            columns = [[(c.path_in_schema, c.compression, sorted(c.encodings), c.is_stats_set,
                         *((str(c.statistics.min), str(c.statistics.max)) if c.is_stats_set
                           and c.statistics.has_min_max else ()))
                        for c in (meta.row_group(g).column(k) for k in range(meta.num_columns))]
                       for g in range(meta.num_row_groups)]
            layout = [meta.num_rows, meta.num_row_groups, meta.format_version,
                      re.sub(" at 0x[0-9a-f]+", "", str(meta.schema)),
                      {k.decode(): v.decode() for k, v in (meta.metadata or {}).items()}, columns]
            rows = json.dumps(pq.read_table(w.path).to_pylist(), default=str)
            files[w.date] = [w.rows, Path(w.path).relative_to(lake).as_posix(),
                             hashlib.sha256(rows.encode()).hexdigest(),
                             hashlib.sha256(json.dumps(layout).encode()).hexdigest()]
        out["tables"][written.table] = files
    return out


def time_runs(folder: Path, repeat: int, digest_path: str, use_spark: bool) -> dict:
    """The best (least CPU) of `repeat` runs, after one untimed run (imports, caches, a JVM's warm-up),
    whose digest is written to `digest_path`."""
    files = data_files(folder)
    if use_spark:
        from backintime_assets.services.spark import build_spark_session

        spark = build_spark_session("local[*]", None)
    else:
        spark = InProcessSpark()
    best = None
    for k in range(repeat + 1):
        lake = Path(tempfile.mkdtemp(prefix="convert_check_lake_"))
        try:
            surveys, conversion, survey, convert = survey_and_convert(spark, files, lake)
            if k == 0 and digest_path:
                Path(digest_path).write_text(json.dumps(digest(surveys, conversion, lake), indent=0, default=str))
        finally:
            shutil.rmtree(lake, ignore_errors=True)
        if k and (best is None or survey[1] + convert[1] < best["total_cpu"]):
            best = {"survey_s": survey[0], "survey_cpu": survey[1], "convert_s": convert[0],
                    "convert_cpu": convert[1], "total_s": survey[0] + convert[0], "total_cpu": survey[1] + convert[1]}
    return {"files": len(files), **best}


def compare(folder: str, trees: list[str], rounds: int, repeat: int, use_spark: bool) -> None:
    best: dict[str, dict] = {}
    digests = {}
    for r in range(rounds):
        for k, tree in enumerate(trees):
            path = f"{tempfile.gettempdir()}/convert_check_{os.getpid()}_{k}.json"
            command = [sys.executable, __file__, "time", folder, "--repeat", str(repeat), "--digest", path]
            got = json.loads(subprocess.run(command + (["--spark"] if use_spark else []), env=dict(
                os.environ, PYTHONPATH=tree), check=True, stdout=subprocess.PIPE, text=True).stdout.splitlines()[-1])
            digests[tree] = Path(path).read_text()
            Path(path).unlink()
            print(f"round {r} {tree}: survey {got['survey_cpu']:.3f} + conversion {got['convert_cpu']:.3f} = "
                  f"{got['total_cpu']:.3f} CPU-s, {got['total_s']:.3f} s", flush=True)
            if tree not in best or got["total_cpu"] < best[tree]["total_cpu"]:
                best[tree] = got
    a, b = (best[t] for t in trees)
    print(f"best CPU-s {a['total_cpu']:.3f} / {b['total_cpu']:.3f}: "
          f"second / first {b['total_cpu'] / a['total_cpu']:.3f}"
          f" (survey {b['survey_cpu'] / a['survey_cpu']:.3f}, conversion {b['convert_cpu'] / a['convert_cpu']:.3f})")
    print("digests agree" if digests[trees[0]] == digests[trees[1]] else "DIGESTS DIFFER")


def _option(args: list[str], name: str, default):
    return type(default)(args[args.index(name) + 1]) if name in args else default


if __name__ == "__main__":
    args = sys.argv[1:]
    spark_run = "--spark" in args
    if args and args[0] == "time":
        print(json.dumps(time_runs(Path(args[1]), _option(args, "--repeat", 3), _option(args, "--digest", ""),
                                   spark_run)))
    elif args and args[0] == "compare":
        compare(args[1], args[2:4], _option(args, "--rounds", 2), _option(args, "--repeat", 2), spark_run)
    else:
        raise SystemExit(__doc__)
