"""Keeps the lake's parsed zone bounded: which of its files no current file's final schema reads,
and deleting them (`backintime lake prune-parsed`).

The zone only grows otherwise: superseded file versions, readings a user's correction replaced,
rows read by older parser versions, and group files whose members are all of those stay forever.
Deleting any file of it is safe by design, even while a conversion runs: a kept file or group
file that is missing (or vanishes while read) reads as "not kept", and the text is parsed instead
(parsed.tagged_rows, kept_groups.read_members). Files written after a cutoff are left: a survey
running now keeps rows for files the manifest lists only once it commits.
"""
from __future__ import annotations

import datetime as dt
import json
from collections.abc import Collection, Iterable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import pyarrow.fs as pafs

from backintime_assets.ingestion.kept_groups import is_group_file, listed_members, member_identity
from backintime_assets.ingestion.parsed import MEMBER_SUFFIX, kept_rows_key
from backintime_assets.lake.tables import READ_THREADS
from backintime_assets.trading_week import MON_FRI, TradingWeek

ZONE = "parsed"
# Files younger than this are left, a margin beyond the locks pruning takes (running surveys and
# conversions): a file a survey keeps is wanted only once the manifest lists it.
GRACE = dt.timedelta(hours=6)


@dataclass(frozen=True)
class ZoneFile:
    key: str  # within the lake: parsed/...
    size: int
    modified: dt.datetime


@dataclass(frozen=True)
class Pruned:
    files: int
    bytes: int


def wanted_keys(files: Iterable[tuple[str, int]], schemas: Mapping[str, dict],
                week: TradingWeek = MON_FRI) -> set[str]:
    """The keys the conversion reads kept rows under (parsed.kept_rows_key) for files given as
    (sha256, size in bytes), each read with its final schema (`schemas`: sha256 -> schema) in the
    deployment's trading `week`; files with no schema yet want nothing."""
    return {kept_rows_key(sha, json.dumps(schemas[sha]), size, week) for sha, size in files if sha in schemas}


def prunable(listing: Iterable[ZoneFile], wanted: Collection[str], members: Mapping[str, Collection[str]],
             cutoff: dt.datetime) -> list[ZoneFile]:
    """The files of the parsed zone (`listing`) that can go: a large file's Parquet whose key is
    not `wanted`, a group file with no wanted member (`members`: group key -> the member
    identities it lists, none when unreadable) and a temporary file a survey task left; of these,
    only those modified before `cutoff`."""
    wanted_members = {member_identity(k) for k in wanted if k.endswith(MEMBER_SUFFIX)}
    gone = []
    for f in listing:
        if f.modified >= cutoff:
            continue
        if is_group_file(f.key):
            stale = wanted_members.isdisjoint(members.get(f.key, ()))
        else:
            stale = f.key.endswith(".partial") or (f.key.endswith(".parquet") and f.key not in wanted)
        if stale:
            gone.append(f)
    return gone


def prune(location, wanted: Collection[str], cutoff: dt.datetime, dry_run: bool = False) -> Pruned:
    """Delete (unless `dry_run`) what `prunable` finds in the lake's parsed zone; what it removed."""
    fs = location.filesystem()
    root = location.path(ZONE)
    listing = [ZoneFile(f"{ZONE}/{info.path[len(root):].lstrip('/')}", info.size, _utc(info.mtime))
               for info in fs.get_file_info(pafs.FileSelector(root, recursive=True, allow_not_found=True))
               if info.type == pafs.FileType.File]
    # Only group files old enough to go are opened: each costs a read of its footer, a round trip
    # on S3, so several are read at once (pyarrow releases the GIL), and deleted at once.
    old_groups = [f.key for f in listing if is_group_file(f.key) and f.modified < cutoff]
    with ThreadPoolExecutor(max_workers=READ_THREADS) as pool:
        members = dict(zip(old_groups, pool.map(lambda key: listed_members(fs, location.path(key)), old_groups)))
        gone = prunable(listing, wanted, members, cutoff)
        if not dry_run:
            list(pool.map(lambda f: _delete(fs, location.path(f.key)), gone))
    return Pruned(len(gone), sum(f.size for f in gone))


def _delete(fs, path: str) -> None:
    try:
        fs.delete_file(path)
    except FileNotFoundError:  # another prune got there first
        pass


def prune_parsed_zone(conn, location, dry_run: bool = False, grace: dt.timedelta = GRACE,
                      now: dt.datetime | None = None, week: TradingWeek = MON_FRI) -> Pruned:
    """What `backintime lake prune-parsed` does: keep what the current files' final schemas read,
    delete the rest of the parsed zone older than `grace`."""
    from backintime_assets.db import file_schemas, manifest

    manifest.lock_for_pruning(conn)  # waits for running surveys and conversions; new ones wait for it
    files = manifest.current_files(conn).values()
    schemas = file_schemas.final_schemas(conn, list({f.sha256 for f in files}))
    wanted = wanted_keys(((f.sha256, f.size_bytes) for f in files), schemas, week)
    return prune(location, wanted, (now or dt.datetime.now(dt.timezone.utc)) - grace, dry_run)


def _utc(mtime) -> dt.datetime:
    if mtime is None:  # unknown: as if written now, so it is left
        return dt.datetime.max.replace(tzinfo=dt.timezone.utc)
    return mtime if mtime.tzinfo else mtime.replace(tzinfo=dt.timezone.utc)
