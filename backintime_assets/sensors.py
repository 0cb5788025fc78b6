"""Watch the source folder and run what changed, in two steps: a changed folder is migrated (which
reads each new file once and records the dates it holds), then the dates whose files changed run.

The folder sensor reads no file: it compares sizes and modification times, and a big archive read in
a sensor tick would block the daemon. The changes sensor plans from the manifest's change log, so the
dates come from the same reading (stored schemas, corrections included) that `prices` uses, a file
that holds nothing loadable still runs at its home date (its lines must reach `rejected_rows`), and
changes migrated by any path (a run's raw step, `backintime ingest`, a schema correction) run too.
"""
from __future__ import annotations

import hashlib
import json
from datetime import date, datetime

from dagster import (
    AssetKey, AssetRecordsFilter, DagsterEventType, RunRequest, SensorEvaluationContext, SkipReason, sensor,
)

from backintime_assets.db import manifest
from backintime_assets.ingestion.sources import scan
from backintime_assets.jobs import ingest_job, migrate_job
from backintime_assets.partitions import DATE_FORMAT, outside_partitions
from backintime_assets.resources import PostgresResource, SourceFolderResource

RANGE_START_TAG = "dagster/asset_partition_range_start"
RANGE_END_TAG = "dagster/asset_partition_range_end"
PAGE = 1000
SEEN_CHANGE = "manifest_change_seq"  # prices metadata: the last manifest change its run had seen


def contiguous_ranges(dates: list[date]) -> list[tuple[date, date]]:
    """Runs of consecutive business days, so each becomes one single-run backfill."""
    ranges: list[tuple[date, date]] = []
    for day in sorted(set(d for d in dates if d.weekday() < 5)):
        if ranges and (day - ranges[-1][1]).days <= (3 if ranges[-1][1].weekday() == 4 else 1):
            ranges[-1] = (ranges[-1][0], day)
        else:
            ranges.append((day, day))
    return ranges


def dates_to_run(changes: list[manifest.Change], seen_by_last_run: dict[date, int]) -> list[date]:
    """The dates some change touched that their last `prices` run had not seen (changes are numbered
    in commit order: migrations take turns, see manifest.lock_for_migration)."""
    latest: dict[date, int] = {}
    for change in changes:
        for day in change.dates:
            latest[day] = max(latest.get(day, change.seq), change.seq)
    return sorted(day for day, seq in latest.items() if seen_by_last_run.get(day, 0) < seq)


@sensor(job=migrate_job, minimum_interval_seconds=30, description="New, changed or removed files in the source folder.")
def source_folder_sensor(context: SensorEvaluationContext, source_folder: SourceFolderResource):
    state = json.loads(context.cursor) if context.cursor else {}
    # A digest of every file's path, size and mtime: the cursor stays small however many files.
    listing = [[s.relative, s.size_bytes, s.modified_at.isoformat()] for s in scan(source_folder.root())]
    digest = hashlib.sha256(json.dumps(listing).encode()).hexdigest()
    if digest == state.get("listing"):
        return SkipReason("no new, changed or removed files")
    # The generation keeps keys unique when a folder returns to an earlier state (a file put back).
    generation = state.get("generation", 0) + 1
    context.update_cursor(json.dumps({"listing": digest, "generation": generation}))
    return RunRequest(run_key=f"migrate#{generation}@{digest[:12]}")


@sensor(job=ingest_job, minimum_interval_seconds=30,
        description="Dates whose files changed in the manifest (migrated, or read with a corrected schema) "
                    "since their last prices run.")
def raw_changes_sensor(context: SensorEvaluationContext, results_db: PostgresResource):
    after = int(context.cursor or 0)
    with results_db.connect() as conn:
        changes = manifest.changes_after(conn, after, PAGE * 10)
    if not changes:
        return SkipReason("no changes in the manifest")
    dates = dates_to_run(changes, last_prices_runs(context.instance, changes))
    outside = set(outside_partitions(dates))
    if outside:
        context.log.warning(f"changed files hold {len(outside)} date(s) with no partition, from {min(outside)} to "
                            f"{max(outside)}: their rows are not loaded; set BACKINTIME_START_DATE earlier to load them")
    last_seq = changes[-1].seq
    context.update_cursor(str(last_seq))
    requests = []
    for first, last in contiguous_ranges([d for d in dates if d not in outside]):
        start, end = first.strftime(DATE_FORMAT), last.strftime(DATE_FORMAT)
        requests.append(RunRequest(run_key=f"{start}..{end}@change{last_seq}",
                                   tags={RANGE_START_TAG: start, RANGE_END_TAG: end}))
    return requests or SkipReason(f"changes up to {last_seq} have run already")


def last_prices_runs(instance, changes: list[manifest.Change]) -> dict[date, int]:
    """For each date the changes touched, the last manifest change its latest `prices` run had seen
    (0 when it never ran, or ran before runs recorded it)."""
    keys = {day.strftime(DATE_FORMAT) for change in changes for day in change.dates}
    if not keys:
        return {}
    latest = instance.get_latest_storage_id_by_partition(AssetKey("prices"), DagsterEventType.ASSET_MATERIALIZATION,
                                                         keys)
    ids = list(latest.values())
    seen: dict[date, int] = {}
    for start in range(0, len(ids), PAGE):
        records = instance.fetch_materializations(
            AssetRecordsFilter(AssetKey("prices"), storage_ids=ids[start:start + PAGE]), PAGE).records
        for record in records:
            value = record.asset_materialization.metadata.get(SEEN_CHANGE)
            seen[datetime.strptime(record.partition_key, DATE_FORMAT).date()] = int(value.value) if value else 0
    return seen
