"""Which files of the parsed zone can go: those no current file's final schema reads, and only
those old enough that no running survey may be keeping them."""
import datetime as dt
import json

import pyarrow.fs as pafs
from hypothesis import given
from hypothesis import strategies as st

from backintime_assets.ingestion.kept_groups import member_identity
from backintime_assets.ingestion.parsed import KEEP_MIN_BYTES, member_key, parsed_key, reading_hash
from backintime_assets.ingestion.parsed_pruning import ZoneFile, prunable, prune, wanted_keys

NOW = dt.datetime(2026, 6, 1, 12, tzinfo=dt.timezone.utc)
OLD, NEW = NOW - dt.timedelta(days=2), NOW + dt.timedelta(minutes=1)
SHA_A, SHA_B = "a" * 64, "b" * 64
SCHEMA, CORRECTED = {"file": "x.csv", "columns": [{"name": "Close", "canonical": "close"}]}, \
    {"file": "x.csv", "columns": [{"name": "Close", "canonical": None}]}
LARGE = parsed_key(SHA_A, json.dumps(SCHEMA))
LARGE_OLD_READING = parsed_key(SHA_A, json.dumps(CORRECTED))
SMALL = member_key(SHA_B, reading_hash(json.dumps(SCHEMA)))
SMALL_OLD_READING = member_key(SHA_B, reading_hash(json.dumps(CORRECTED)))
GROUP_WANTED = "parsed/groups/2025-03/2025-03-03_2025-03-07_" + "1" * 32 + ".arrow"
GROUP_STALE = "parsed/groups/2025-03/2025-03-03_2025-03-03_" + "2" * 32 + ".arrow"


def _files(*keys: str, modified: dt.datetime = OLD) -> list[ZoneFile]:
    return [ZoneFile(k, 100, modified) for k in keys]


def test_wanted_keys_are_those_the_conversion_reads_under_the_final_schema():
    files = [(SHA_A, KEEP_MIN_BYTES), (SHA_B, 10), ("c" * 64, 10)]  # c: no schema yet
    assert wanted_keys(files, {SHA_A: SCHEMA, SHA_B: SCHEMA}) == {LARGE, SMALL}


def test_stale_readings_and_group_files_without_a_wanted_member_go():
    listing = _files(LARGE, LARGE_OLD_READING, GROUP_WANTED, GROUP_STALE,
                     f"{LARGE}.0123.partial", "parsed/groups/2025-03/notes.txt", "parsed/README")
    members = {GROUP_WANTED: {member_identity(SMALL), member_identity(SMALL_OLD_READING)},
               GROUP_STALE: {member_identity(SMALL_OLD_READING)}}
    gone = prunable(listing, {LARGE, SMALL}, members, NOW)
    # Files that are not ours to judge stay.
    assert [f.key for f in gone] == [LARGE_OLD_READING, GROUP_STALE, f"{LARGE}.0123.partial"]


def test_an_unreadable_group_file_goes_and_nothing_goes_when_everything_is_wanted():
    assert [f.key for f in prunable(_files(GROUP_WANTED), {SMALL}, {}, NOW)] == [GROUP_WANTED]
    assert prunable(_files(LARGE, GROUP_WANTED), {LARGE, SMALL}, {GROUP_WANTED: {member_identity(SMALL)}}, NOW) == []


def test_files_written_after_the_cutoff_stay_whatever_they_hold():
    # A survey running now keeps rows for files the manifest lists only once it commits.
    assert prunable(_files(LARGE_OLD_READING, GROUP_STALE, modified=NEW), {LARGE}, {}, NOW) == []


KEYS = st.sampled_from([LARGE, LARGE_OLD_READING, GROUP_WANTED, GROUP_STALE, f"{LARGE}.1.partial"])


@given(st.lists(st.tuples(KEYS, st.booleans()), unique_by=lambda t: t[0]),
       st.sets(st.sampled_from([LARGE, LARGE_OLD_READING, SMALL, SMALL_OLD_READING])))
def test_nothing_wanted_or_recent_ever_goes(listed, wanted):
    listing = [ZoneFile(k, 1, NEW if recent else OLD) for k, recent in listed]
    members = {GROUP_WANTED: {member_identity(SMALL)}, GROUP_STALE: {member_identity(SMALL_OLD_READING)}}
    for f in prunable(listing, wanted, members, NOW):
        assert f in listing and f.modified < NOW and f.key not in wanted
        assert members.get(f.key, set()).isdisjoint({member_identity(k) for k in wanted})


def test_prune_deletes_what_can_go_and_reports_it(local_lake):
    fs = local_lake.filesystem()
    for key, size in ((LARGE, 10), (LARGE_OLD_READING, 30), (GROUP_STALE, 5)):  # an unreadable group file
        fs.create_dir(local_lake.path(key.rsplit("/", 1)[0]), recursive=True)
        with fs.open_output_stream(local_lake.path(key)) as out:
            out.write(b"x" * size)
    written = dt.datetime.now(dt.timezone.utc)
    assert prune(local_lake, {LARGE}, written - dt.timedelta(hours=1)).files == 0  # written after the cutoff: left
    later = written + dt.timedelta(minutes=1)
    dry = prune(local_lake, {LARGE}, later, dry_run=True)
    assert (dry.files, dry.bytes) == (2, 35) and _kept(local_lake) == sorted([LARGE, LARGE_OLD_READING, GROUP_STALE])
    done = prune(local_lake, {LARGE}, later)
    assert (done.files, done.bytes) == (2, 35) and _kept(local_lake) == [LARGE]
    assert prune(local_lake, {LARGE}, later).files == 0


def _kept(location) -> list[str]:
    root = location.path("parsed")
    infos = location.filesystem().get_file_info(pafs.FileSelector(root, recursive=True))
    return sorted("parsed" + i.path[len(root):] for i in infos if i.type == pafs.FileType.File)
