"""Watch the source folder and request ingestion runs for the dates that new or changed files hold."""
from __future__ import annotations

import hashlib
import json
from datetime import date

from dagster import RunRequest, SensorEvaluationContext, SkipReason, sensor

from backintime_assets.ingestion.sources import dates_held, scan
from backintime_assets.jobs import ingest_job
from backintime_assets.partitions import DATE_FORMAT, outside_partitions
from backintime_assets.resources import SourceFolderResource

RANGE_START_TAG = "dagster/asset_partition_range_start"
RANGE_END_TAG = "dagster/asset_partition_range_end"


def contiguous_ranges(dates: list[date]) -> list[tuple[date, date]]:
    """Runs of consecutive business days, so each becomes one single-run backfill."""
    ranges: list[tuple[date, date]] = []
    for day in sorted(set(d for d in dates if d.weekday() < 5)):
        if ranges and (day - ranges[-1][1]).days <= (3 if ranges[-1][1].weekday() == 4 else 1):
            ranges[-1] = (ranges[-1][0], day)
        else:
            ranges.append((day, day))
    return ranges


@sensor(job=ingest_job, minimum_interval_seconds=30, description="New or changed files in the source folder.")
def source_folder_sensor(context: SensorEvaluationContext, source_folder: SourceFolderResource):
    seen: dict[str, list] = json.loads(context.cursor) if context.cursor else {}
    current, changed_dates = {}, []
    for source in scan(source_folder.root()):
        fingerprint = [source.size_bytes, source.modified_at.isoformat()]
        current[source.relative] = fingerprint
        if seen.get(source.relative) != fingerprint:
            dates, _ = dates_held(source.path.read_bytes(), source.relative)
            changed_dates.extend(dates)
    if not changed_dates:
        context.update_cursor(json.dumps(current, sort_keys=True))
        return SkipReason("no new or changed files")
    outside = set(outside_partitions(changed_dates))
    if outside:
        context.log.warning(f"new or changed files hold {len(outside)} date(s) with no partition, from "
                            f"{min(outside)} to {max(outside)}: their rows are not loaded; set "
                            "BACKINTIME_START_DATE earlier to load them")
        changed_dates = [d for d in changed_dates if d not in outside]
    change_id = hashlib.sha256(json.dumps(current, sort_keys=True).encode()).hexdigest()[:12]
    for first, last in contiguous_ranges(changed_dates):
        start, end = first.strftime(DATE_FORMAT), last.strftime(DATE_FORMAT)
        yield RunRequest(run_key=f"{start}..{end}@{change_id}", tags={RANGE_START_TAG: start, RANGE_END_TAG: end})
    context.update_cursor(json.dumps(current, sort_keys=True))
