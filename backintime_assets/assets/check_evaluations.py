"""Each check's evaluation of each date of a range run, stored under that date.

Dagster (1.13.27) gives the AssetCheckResult of a step over a range of partitions no partition: it
stores one evaluation for the run and leaves each date's planned evaluation unresolved, shown as
skipped. So the checks of `prices` log each date's own pass or fail as well, against this run's
materialization of that date.
"""
from dagster import (
    AssetCheckEvaluation, AssetCheckSeverity, AssetExecutionContext, AssetKey, DagsterEventType, MetadataValue,
)
from dagster._core.definitions.asset_checks.asset_check_evaluation import (
    AssetCheckEvaluationTargetMaterializationData,
)

from backintime_assets.ingestion.accounting import days_summary
from backintime_assets.instance import pooled_event_log

# Days listed in a check's metadata: failing days come first, so all but the rarest disasters show
# every failing date, without megabytes of passing days per evaluation of a years-long backfill.
DAYS_SHOWN = 500


def days_metadata(days: list[dict]) -> dict:
    """A run's check result's metadata of its per-date proofs (failing first): counts, the failing
    dates and the first DAYS_SHOWN days."""
    summary = days_summary(days, DAYS_SHOWN)
    return {"days": summary["days"], "days_failed": summary["days_failed"],
            "failed_dates": MetadataValue.json(summary["failed_dates"]),
            "per_day": MetadataValue.json(summary["per_day"]), "days_not_shown": summary["days_not_shown"]}


def evaluations_per_date(context: AssetExecutionContext, days: dict[str, list[dict]], keys: list[str],
                         warn_only: frozenset[str] = frozenset()):
    """An AssetCheckEvaluation per check (`days`: its name -> its per-date proofs, each with a
    "date" and "passed") and date of `keys`; checks named in `warn_only` are logged as
    non-blocking warnings, the others as blocking errors."""
    with pooled_event_log(context.instance):  # each event is written as it is yielded, in the block
        # This run's own materializations, not the newest of the dates: another run (a sensor's run of one
        # date) may have written one of them since, and a date's evaluation checks what this run wrote.
        materializations = context.instance.get_records_for_run(
            context.run.run_id, of_type=DagsterEventType.ASSET_MATERIALIZATION).records
        in_run, target = set(keys), {}
        for record in materializations:
            event = record.event_log_entry
            if event.dagster_event.asset_key == AssetKey("prices") and event.dagster_event.partition in in_run:
                target[event.dagster_event.partition] = AssetCheckEvaluationTargetMaterializationData(
                    storage_id=record.storage_id, run_id=event.run_id, timestamp=event.timestamp)
        for name, per_day in days.items():
            warn = name in warn_only
            for day in per_day:
                if day["date"] not in in_run:
                    continue
                yield AssetCheckEvaluation(
                    asset_key=AssetKey("prices"), check_name=name, passed=day["passed"],
                    metadata={key: MetadataValue.json(value) if isinstance(value, list) else value
                              for key, value in day.items() if key != "date"},
                    target_materialization_data=target.get(day["date"]),
                    severity=AssetCheckSeverity.WARN if warn else AssetCheckSeverity.ERROR,
                    blocking=not warn, partition=day["date"],
                )
