"""bench_convert's closing rows say, per dataset, which of issue 4's targets the run met."""
from bench.bench_convert import TARGETS, target_rows

WHAT = {key: f"target: {what}" for key, _, _, what in TARGETS}


def test_each_ratio_a_row_carries_is_judged_against_its_target():
    rows = [
        {"dataset": "daily/clean", "engine": "project: survey", "detect_share": 0.05},
        {"dataset": "daily/clean", "engine": "project: survey + conversion", "vs_fastest": 0.5,
         "vs_spark_schema": 2.99, "vs_fastest_cpu": None},
        {"dataset": "daily/clean", "engine": "polars (one file)", "seconds": 1.0},
        {"dataset": "daily/drifted", "engine": "project: survey", "detect_share": 0.049},
    ]
    assert [(r["dataset"], r["engine"], r["value"], r["met"]) for r in target_rows(rows)] == [
        ("daily/clean", WHAT["vs_fastest"], 0.5, "yes"),  # at least 0.5
        ("daily/clean", WHAT["vs_spark_schema"], 2.99, "NO"),
        ("daily/clean", WHAT["detect_share"], 0.05, "NO"),  # under 5%, not at it
        ("daily/drifted", WHAT["detect_share"], 0.049, "yes"),
    ]
