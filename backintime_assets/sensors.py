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
from datetime import date, datetime, timedelta

from dagster import (
    AssetKey, AssetRecordsFilter, DagsterEventType, DagsterRunStatus, RunRequest, RunsFilter, SensorEvaluationContext,
    SkipReason, sensor,
)

from backintime_assets.db import manifest
from backintime_assets.ingestion.sources import scan
from backintime_assets.jobs import ingest_job, migrate_job
from backintime_assets.partitions import (
    DATE_FORMAT, TRADING_WEEK, beyond_partitions, outside_partitions, window_dates,
)
from backintime_assets.resources import PostgresResource, SourceFolderResource
from backintime_assets.runner import RANGE_END_TAG, RANGE_START_TAG
from backintime_assets.trading_week import MON_FRI, TradingWeek

PAGE = 1000
PARTITION_TAG = "dagster/partition"
MAX_RETRIES_TAG = "dagster/max_retries"
RUN_RETRIES = 2  # a run that fails is retried by the daemon (instance.py enables run retries)
PRICES_JOBS = {"ingest_job", "demo_job", "__ASSET_JOB"}  # jobs whose runs may write prices
IN_FLIGHT = [DagsterRunStatus.QUEUED, DagsterRunStatus.NOT_STARTED, DagsterRunStatus.STARTING,
             DagsterRunStatus.STARTED]


def contiguous_ranges(dates: list[date], week: TradingWeek | None = None) -> list[tuple[date, date]]:
    """Runs of consecutive trading days (of `week`, default the deployment's), so each becomes one
    single-run backfill. Dates of no partition of the week are left out."""
    week = week or TRADING_WEEK
    ranges: list[tuple[date, date]] = []
    for day in sorted(set(d for d in dates if week.is_trading_day(d))):
        if ranges and (day - ranges[-1][1]).days <= week.gap_after(ranges[-1][1]):
            ranges[-1] = (ranges[-1][0], day)
        else:
            ranges.append((day, day))
    return ranges


def dates_to_run(latest_change: dict[date, int], seen_by_last_run: dict[date, int]) -> list[date]:
    """The dates whose last change (changes are numbered in commit order: writers take turns, see
    manifest.lock_for_migration) their last `prices` run had not seen."""
    return sorted(day for day, seq in latest_change.items() if seen_by_last_run.get(day, 0) < seq)


@sensor(job=migrate_job, minimum_interval_seconds=30, description="New, changed or removed files in the source folder.")
def source_folder_sensor(context: SensorEvaluationContext, source_folder: SourceFolderResource):
    state = json.loads(context.cursor) if context.cursor else {}
    # A digest of every file's path, size and mtime: the cursor stays small however many files.
    listing = [[s.relative, s.size_bytes, s.modified_at.isoformat()] for s in scan(source_folder.root())]
    if TRADING_WEEK != MON_FRI:
        # A new week has the migration read every file again (raw.py), though none changed: without
        # this, the lake kept the old week's dates until a file happened to arrive.
        listing.append(["BACKINTIME_TRADING_WEEK", TRADING_WEEK.spec])
    digest = hashlib.sha256(json.dumps(listing).encode()).hexdigest()
    if digest == state.get("listing"):
        return SkipReason("no new, changed or removed files")
    # The generation keeps keys unique when a folder returns to an earlier state (a file put back).
    generation = state.get("generation", 0) + 1
    context.update_cursor(json.dumps({"listing": digest, "generation": generation}))
    # Retried by the daemon: the listing is already in the cursor, so a failed migration is only
    # launched again when the folder changes (or from the UI).
    return RunRequest(run_key=f"migrate#{generation}@{digest[:12]}", tags={MAX_RETRIES_TAG: str(RUN_RETRIES)})


@sensor(job=ingest_job, minimum_interval_seconds=30,
        description="Dates whose files changed in the manifest (migrated, or read with a corrected schema) "
                    "since their last prices run.")
def raw_changes_sensor(context: SensorEvaluationContext, results_db: PostgresResource):
    # The cursor only saves work: each tick compares the log with what the runs had seen, so a
    # failed run, a stale run that finished last, or a date that had no partition yet stays behind
    # and is asked for again, not forgotten once the cursor has passed its change.
    state = json.loads(context.cursor) if context.cursor else {}
    with results_db.connect() as conn:
        if not manifest.has_change_log(conn):
            return SkipReason("nothing migrated yet")
        last_seq = manifest.last_change_seq(conn)
        if last_seq == state.get("seq") and not state.get("behind"):
            return SkipReason("no new changes in the manifest")
        latest, seen, behind = changes_not_run(conn, context.instance)
    context.update_cursor(json.dumps({"seq": last_seq, "behind": len(behind)}))
    outside = set(outside_partitions(behind))
    busy = dates_in_flight(context.instance)
    ready = [d for d in behind if d not in outside and d not in busy]
    requests = []
    for first, last in contiguous_ranges(ready):
        start, end = first.strftime(DATE_FORMAT), last.strftime(DATE_FORMAT)
        days = [d for d in ready if first <= d <= last]
        # Keyed by what the range's runs had seen too: a stale run that finished last is run again,
        # while a range whose run failed is not relaunched every tick (retries, then the UI, do that).
        key = f"{start}..{end}@change{max(latest[d] for d in days)}/seen{min(seen.get(d, 0) for d in days)}"
        requests.append(RunRequest(run_key=key, tags={RANGE_START_TAG: start, RANGE_END_TAG: end,
                                                      MAX_RETRIES_TAG: str(RUN_RETRIES)}))
    if requests:
        return requests
    running = busy.intersection(behind)
    waiting = [f"{len(running)} in runs not finished"] if running else []
    beyond = beyond_partitions(sorted(outside))
    closed = sorted(outside.difference(beyond))
    if beyond:
        waiting.append(f"{len(beyond)} with no partition ({beyond[0]} to {beyond[-1]}; see BACKINTIME_START_DATE)")
    if closed:
        # Dates files held under an earlier week: their rows stay loaded (partitions.closed_days_note).
        waiting.append(f"{len(closed)} on days BACKINTIME_TRADING_WEEK={TRADING_WEEK.spec} closes "
                       f"({closed[0]} to {closed[-1]}; their earlier rows stay in the lake)")
    return SkipReason(f"{len(behind)} date(s) behind: " + ", ".join(waiting) if behind else "every change has run")


def changes_not_run(conn, instance) -> tuple[dict[date, int], dict[date, int], list[date]]:
    """(each changed date's last change, the last change its latest prices run had seen, the dates
    behind): what this sensor and `backintime ingest` run."""
    latest = manifest.latest_change_by_date(conn)
    seen = last_prices_runs(instance, list(latest), manifest.change_log_id(conn))
    return latest, seen, dates_to_run(latest, seen)


def last_prices_runs(instance, dates: list[date], log_id: str) -> dict[date, int]:
    """For each date, the last change of the log `log_id` its latest `prices` run had read (0 when
    it never ran, ran before runs recorded it, or read another database's log)."""
    if not dates:
        return {}
    keys = {day.strftime(DATE_FORMAT) for day in dates}
    latest = instance.get_latest_storage_id_by_partition(AssetKey("prices"), DagsterEventType.ASSET_MATERIALIZATION,
                                                         keys)
    ids = list(latest.values())
    seen: dict[date, int] = {}
    for start in range(0, len(ids), PAGE):
        records = instance.fetch_materializations(
            AssetRecordsFilter(AssetKey("prices"), storage_ids=ids[start:start + PAGE]), PAGE).records
        for record in records:
            metadata = record.asset_materialization.metadata
            value, log = metadata.get(manifest.SEEN_CHANGE), metadata.get(manifest.CHANGE_LOG)
            same_log = value is not None and log is not None and log.value == log_id
            seen[datetime.strptime(record.partition_key, DATE_FORMAT).date()] = int(value.value) if same_log else 0
    return seen


def dates_in_flight(instance) -> set[date]:
    """Dates that queued or running runs of prices are about to write: asked for again, they
    would be written twice at once, and the run that finished last would win."""
    busy: set[date] = set()
    for run in instance.get_runs(RunsFilter(statuses=IN_FLIGHT)):
        if run.job_name not in PRICES_JOBS:
            continue
        start, end = run.tags.get(RANGE_START_TAG), run.tags.get(RANGE_END_TAG)
        if start is None:
            start = end = run.tags.get(PARTITION_TAG)
        if start and end:
            busy.update(window_dates(date.fromisoformat(start), date.fromisoformat(end) + timedelta(days=1)))
    return busy
