"""Run the project's jobs through Dagster's own execution, recorded in the instance so the UI shows them."""
from __future__ import annotations

from datetime import date

from backintime_assets.partitions import DATE_FORMAT

RANGE_START_TAG = "dagster/asset_partition_range_start"
RANGE_END_TAG = "dagster/asset_partition_range_end"


class RunFailed(RuntimeError):
    pass


def range_tags(first: date, last: date) -> dict[str, str]:
    return {RANGE_START_TAG: first.strftime(DATE_FORMAT), RANGE_END_TAG: last.strftime(DATE_FORMAT)}


def run_job(job_name: str, tags: dict[str, str] | None = None, run_config: dict | None = None):
    """Execute a job of the code location in this process against the persistent instance."""
    from dagster import DagsterInstance

    from backintime_assets.definitions import defs

    job = defs.resolve_job_def(job_name)
    with DagsterInstance.get() as instance:
        result = job.execute_in_process(instance=instance, tags=tags or {}, run_config=run_config, raise_on_error=False)
    if not result.success:
        # A step's own error says what went wrong; the run's failure only names the step.
        steps = [_root_message(e.event_specific_data.error) for e in result.all_events
                 if e.event_type_value == "STEP_FAILURE" and e.event_specific_data.error]
        failures = steps or [e.message for e in result.all_events if e.is_failure]
        raise RunFailed(f"{job_name} run {result.run_id} failed: {failures[0] if failures else 'see the Dagster UI'}")
    return result


def _root_message(error) -> str:
    """The innermost error's message (Dagster wraps what the asset raised), on one line."""
    while error.cause is not None:
        error = error.cause
    return " ".join(error.message.split())


def report_schema_change(dates: list[date], version: str, description: str) -> None:
    """Record a user's schema correction as new versions of `file_schemas` for the dates it touches.

    Dagster then shows those `prices` partitions as unsynced, i.e. needing a rerun.
    """
    from dagster import AssetMaterialization, DagsterInstance
    from dagster._core.definitions.data_version import DATA_VERSION_TAG

    with DagsterInstance.get() as instance:
        for day in dates:
            instance.report_runless_asset_event(AssetMaterialization(
                asset_key="file_schemas", partition=day.strftime(DATE_FORMAT),
                tags={DATA_VERSION_TAG: version}, metadata={"change": description},
            ))
