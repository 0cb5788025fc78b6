"""The parsed zone's rows of small files: kept together, one Arrow file per batch of files a survey
task read, found again through the member list each group file carries.

A Parquet file costs a few ms to write and to read whatever its size, and creating any file costs
about a ms here, about what parsing a small file again costs; so small files cannot each keep
their rows, nor a pointer to them. A group file (Arrow IPC) of a few hundred files costs a
tenth of their parse. On a local disk it is plain and read through a memory map, its batches
used where they lie; elsewhere (an object store) lz4, whose bytes cost less than the network's
(GROUP_COMPRESSION). Its name gives the span of its members' dates, and its schema metadata
lists each member by content and reading (parsed.member_key) with where its rows lie: a conversion
task lists the group files once, opens those whose span holds its files' first dates, and reads
the batches that hold its members. Members are stored contiguously in the order of their first
date, so a task that owns a span of dates reads few batches of each group file.

A survey adds a group file or more a day for as long as files arrive, so they are sharded by the
month of their members' first dates (groups/YYYY-MM/, one group file per month a batch spans): a
conversion task lists only the months its files begin in, never the whole history.

Everything here is a cache: a group file is written whole under a new name, and a group file or
member that is missing, unreadable or not as listed reads as "not kept", so the conversion parses
the text (deleting the parsed zone is always safe). Files with no loadable row are not kept: the
conversion files them under a home date that only the raw step knows.
"""
from __future__ import annotations

import datetime as dt
import json
import posixpath
import uuid
from contextlib import ExitStack

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.fs as pafs
import pyarrow.ipc as ipc

from backintime_assets.ingestion.parsed import (
    KEPT, LOADED, FileTask, RowSlices, from_parsed_members, kept, member_key,
)
from backintime_assets.lake.location import buffered_output, make_dirs
from backintime_assets.normalisation.string_runs import coded_by_runs, holds_runs

# Rows per Arrow batch: what a reader of one member reads at least. lz4 costs per buffer, and
# smaller batches cost more to write than they save readers (16K rows: writing 2x slower).
BATCH_ROWS = 65_536
GROUPS_DIR = "groups"  # under the parsed zone
_MEMBERS = b"backintime.members"  # schema metadata: the member list
_NO_DAY = np.iinfo(np.int32).max
RUN_ROWS = 16  # rows per run of rows in place below which _moved takes rather than slices
# A group file's compression on an object store and on a local disk. lz4 wrote a daily file's kept rows
# at ~0.13 us a row (their prices, doubles, compress little) and its reading decompressed them, where a
# plain file on a local disk is written at memory speed and read in place through a memory map:
# survey and conversion 0.86-0.92x the CPU in one process, 325 daily clean files (session 39). Session
# 25's plain files read by copy cost more (the conversion copied 2.2x the bytes) and were reverted.
GROUP_COMPRESSION = {"local": None}  # by the filesystem's type_name; any other: "lz4"


class GroupKeeper:
    """Collects the tagged rows (parsed.PARSED) of small files as a survey task reads them, and
    writes them as one group file when `flush` is called."""

    def __init__(self, fs, location):
        self._fs, self._location = fs, location
        self._parts: list[pa.Table] = []
        self._members: dict[str, tuple[str, str]] = {}  # name in the rows -> (sha256, reading_hash read with)
        self.source_bytes = 0

    def add(self, parsed: list[pa.Table], members: dict[str, tuple[str, str]], source_bytes: int) -> None:
        """`parsed`: the rows of some files; `members`: name -> (sha256, parsed.reading_hash of the
        schema the rows were read with) of those among them to keep."""
        if members:
            self._parts.extend(kept(p) for p in parsed)  # only what is kept, while the group grows
            self._members.update(members)
            self.source_bytes += source_bytes

    def flush(self) -> dict[str, str]:
        """Write what was collected; name -> the member key (parsed.kept_rows_path) of each file kept."""
        members, self._members = self._members, {}
        parts, self._parts, self.source_bytes = self._parts, [], 0
        if not members:
            return {}
        rows = pa.concat_tables(parts)
        names = list(members)
        # Each row's member (-1: none), looked up a run of one file's rows at a time (coded_by_runs).
        at = {name: k for k, name in enumerate(names)}
        words, codes = coded_by_runs(rows["source_file"])
        member = np.array([at.get(w, -1) for w in words], dtype=np.int64)[codes]
        first_day, last_day, counts = _spans(rows, member, len(names))
        keep = first_day < _NO_DAY
        if not keep.any():
            return {}
        # Members in the order of their first dates, and of their adding on the same date: a
        # survey reads its files in date order, so that is the order their rows arrive in.
        place = np.argsort(first_day, kind="stable")
        place = place[keep[place]]
        rank = np.full(len(names), -1, dtype=np.int64)
        rank[place] = np.arange(len(place))
        row_rank = np.where(member >= 0, rank[np.maximum(member, 0)], -1)
        in_file = np.flatnonzero(row_rank >= 0)
        # Each member's rows (loaded, rejected, summary) together, in order.
        rows = _moved(rows, in_file[np.argsort(row_rank[in_file], kind="stable")])
        first_rows = np.concatenate([[0], np.cumsum(counts[place])])
        keys = {names[m]: member_key(*members[names[m]]) for m in place}
        months = [_day(first_day[m])[:7] for m in place]  # ascending: members are in first-date order
        start = 0
        while start < len(place):  # one group file per month
            end = start + months[start:].count(months[start])
            offset = int(first_rows[start])
            listed = [{"member": member_identity(keys[names[m]]), "name": names[m],
                       "first_row": int(first_rows[k]) - offset, "rows": int(counts[m])}
                      for k, m in enumerate(place[start:end], start)]
            span = f"{_day(first_day[place[start]])}_{_day(last_day[place[start:end]].max())}"
            self._write(rows.slice(offset, int(first_rows[end]) - offset), months[start], listed, span)
            start = end
        return {name: self._location.path(key) for name, key in keys.items()}

    def _write(self, rows: pa.Table, month: str, listed: list[dict], span: str) -> None:
        path = self._location.path("parsed", GROUPS_DIR, month, f"{span}_{uuid.uuid4().hex}.arrow")
        make_dirs(self._fs, posixpath.dirname(path))
        # Every batch but the last holds BATCH_ROWS rows, as readers count on. `rows` come in chunks
        # (a parse's rows each): a batch that spans two is made one chunk, the only rows copied;
        # combining them all cost a copy of every row.
        batches = [rows.slice(start, BATCH_ROWS).combine_chunks().to_batches()[0]
                   for start in range(0, rows.num_rows, BATCH_ROWS)]
        checksums = [batch_checksum(batch) for batch in batches]
        schema = KEPT.with_metadata({_MEMBERS: json.dumps({"batch_rows": BATCH_ROWS, "members": listed,
                                                           "checksums": checksums})})
        # Written whole under a new name: a task that dies here leaves a file that fails to open.
        compression = GROUP_COMPRESSION.get(self._fs.type_name, "lz4")
        with buffered_output(self._fs, path) as out, ipc.new_file(
                out, schema, options=ipc.IpcWriteOptions(compression=compression)) as writer:
            for batch in batches:
                writer.write_batch(batch.replace_schema_metadata(schema.metadata))


def batch_checksum(batch: pa.RecordBatch) -> int:
    """A checksum of a batch's values, the same wherever its arrays lie (sliced in memory as written,
    or in the file as read). A plain group file has no lz4 framing to fail: a changed value or a
    stretch of zeros (what a crash leaves of pages not yet on the disk) read as other or fewer rows,
    and damaged string offsets could crash Arrow; checked, the file reads as not kept and the text is
    parsed. Sums of 8-byte words, not crc32: damage changes a sum all the same, and crc32 (~2.5 GB/s
    here) cost what the plain file saved, a sum a fifth of that."""
    total = 0
    for column in batch.columns:
        for piece in _value_bytes(column):
            words = piece.size // 8 * 8
            total = (total * _MIX + int(piece[:words].view(np.uint64).sum(dtype=np.uint64))
                     + int.from_bytes(piece[words:].tobytes(), "little") + piece.size) & _WORD
    return total


_MIX, _WORD = 0x9E3779B97F4A7C15, (1 << 64) - 1  # an odd multiplier: the order of the pieces counts


def _value_bytes(array: pa.Array):
    """The bytes (uint8 arrays) that say an array's values: how many are valid, offsets from 0, data;
    not where the array lies. Bounded by the buffers' sizes: a damaged file's give other bytes, never
    a read past them."""
    size, at = len(array), array.offset
    if size == 0:
        return
    buffers = array.buffers()
    # The bitmap's bits counted: a file's null_count comes from its metadata, not from the bits.
    if array.null_count and buffers[0] is not None:
        if buffers[0].size * 8 < at + size:  # a bitmap cut short: counting it would read past it
            raise ValueError("validity bitmap shorter than its array")
        valid = pc.sum(pa.Array.from_buffers(pa.bool_(), size, [None, buffers[0]], offset=at)).as_py() or 0
        yield np.frombuffer(valid.to_bytes(8, "little"), np.uint8)
    if pa.types.is_string(array.type):
        offsets = np.frombuffer(buffers[1], np.uint8)[at * 4:(at + size + 1) * 4].view(np.int32)
        yield (offsets - offsets[0]).view(np.uint8)
        if buffers[2] is not None:
            yield np.frombuffer(buffers[2], np.uint8)[max(int(offsets[0]), 0):max(int(offsets[-1]), 0)]
    else:  # fixed width: dates, doubles, integers
        width = array.type.bit_width // 8
        yield np.frombuffer(buffers[1], np.uint8)[at * width:(at + size) * width]


def _moved(rows: pa.Table, order: np.ndarray) -> pa.Table:
    """rows.take(order), in chunks. parsed._tagged lays each file's rows out together (loaded,
    rejected, summary), so `order` is mostly runs of rows in place: a slice per run moves none,
    where a take copies every row on its own (and first the chunks into one)."""
    starts = np.flatnonzero(np.r_[True, np.diff(order) != 1])
    if order.size == 0 or starts.size * RUN_ROWS > order.size:  # rows scattered: a take
        return rows.take(pa.array(order, pa.int64()))
    ends = np.r_[starts[1:], order.size]
    source = RowSlices(rows)
    return pa.Table.from_batches([batch for a, b in zip(starts, ends)
                                  for batch in source.slice(int(order[a]), int(order[a] + b - a))], schema=rows.schema)


def _day(days: int) -> str:
    return (dt.date(1970, 1, 1) + dt.timedelta(days=int(days))).isoformat()


def _spans(rows: pa.Table, member: np.ndarray, count: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per member (rows of `member` -1 belong to none): its first and last loaded day (_NO_DAY and
    -1 with none), and its row count."""
    mine = member >= 0
    counts = np.bincount(member[mine], minlength=count)
    loaded = mine & np.asarray(pc.equal(rows["status"], LOADED), dtype=bool)
    days = np.asarray(pc.fill_null(rows["date"].cast(pa.int32()), 0), dtype=np.int64)
    first, last = np.full(count, _NO_DAY, dtype=np.int64), np.full(count, -1, dtype=np.int64)
    # Per run of rows of one member (a member's rows lie together: parsed._tagged), then per member:
    # ufunc.at over every row cost ~200 instructions a row.
    of_row, loaded_days = member[loaded], days[loaded]
    if of_row.size:
        runs = np.flatnonzero(np.r_[True, of_row[1:] != of_row[:-1]])
        np.minimum.at(first, of_row[runs], np.minimum.reduceat(loaded_days, runs))
        np.maximum.at(last, of_row[runs], np.maximum.reduceat(loaded_days, runs))
    return first, last, counts


def read_members(fs, tasks: list[FileTask], not_kept: list[FileTask]):
    """The tagged rows (parsed.PARSED) of the tasks whose rows a group file keeps, one table per
    group file; the tasks whose rows are not found are appended to `not_kept`, to be parsed."""
    with ExitStack() as opened:  # each group file opened once: its footer and list, then its rows
        yield from _read_members(fs, tasks, not_kept, opened)


def _read_members(fs, tasks: list[FileTask], not_kept: list[FileTask], opened: ExitStack):
    found: dict[str, list[tuple[FileTask, dict]]] = {}  # group file -> its members among the tasks
    readers: dict[str, ipc.RecordBatchFileReader | None] = {}
    by_zone: dict[str, list[FileTask]] = {}
    for task in tasks:
        by_zone.setdefault(_parsed_root(task.parsed_path), []).append(task)
    for zone, zone_tasks in by_zone.items():
        months: dict[str, dict[str, tuple[str, str]]] = {}  # month -> its group files, listed once
        listed: dict[str, dict[str, dict]] = {}  # group file -> member key -> where its rows lie
        for task in zone_tasks:
            key = member_identity(task.parsed_path)
            # The group file of a member sits under the month of its first loaded date, which the
            # manifest's dates are (the home date is later for a file that begins before the partitions).
            first_day = (task.first_date or task.home_date).isoformat()
            if first_day[:7] not in months:
                months[first_day[:7]] = _group_files(fs, posixpath.join(zone, GROUPS_DIR, first_day[:7]))
            groups = months[first_day[:7]]
            # Any group file that lists the member holds the same rows: same content, same reading.
            for group in sorted((g for g, (first, last) in groups.items() if first <= first_day <= last),
                                reverse=True):
                if group not in listed:
                    readers[group] = _open(fs, group, opened)
                    listed[group] = _members(readers[group])
                if key in listed[group]:
                    found.setdefault(group, []).append((task, listed[group][key]))
                    break
            else:
                not_kept.append(task)
    for group, members in found.items():
        rows = _member_rows(readers[group], [m for _, m in members])
        if rows is None:
            not_kept.extend(t for t, _ in members)
        else:
            yield from_parsed_members(rows, [m["rows"] for _, m in members], [t for t, _ in members])


def _parsed_root(key_path: str) -> str:
    """The parsed zone a member key sits in (<parsed>/<sha[:2]>/<sha>/<reading>.member)."""
    return posixpath.dirname(posixpath.dirname(posixpath.dirname(key_path)))


def _group_files(fs, folder: str) -> dict[str, tuple[str, str]]:
    """Every group file of a month's folder -> the span of its members' dates (from its name)."""
    selector = pafs.FileSelector(folder, allow_not_found=True)
    spans = {}
    for info in fs.get_file_info(selector):
        if info.type == pafs.FileType.File and is_group_file(info.path):
            first, last, _ = posixpath.basename(info.path).split("_")
            spans[info.path] = (first, last)
    return spans


def is_group_file(key: str) -> bool:
    """Whether a key of the parsed zone (parsed/groups/YYYY-MM/<first>_<last>_<uuid>.arrow) is a
    group file conversions read, not a stray file."""
    parts = key.split("/")
    return (len(parts) >= 4 and parts[-3] == GROUPS_DIR and len(parts[-2]) == 7 and parts[-2][4] == "-"
            and parts[-1].endswith(".arrow") and len(parts[-1].split("_")) == 3)


def listed_members(fs, group: str) -> set[str]:
    """The member identities (member_identity) a group file lists; empty if it cannot be read."""
    with ExitStack() as opened:
        return set(_members(_open(fs, group, opened)))


def _open(fs, group: str, opened: ExitStack) -> ipc.RecordBatchFileReader | None:
    """The group file's reader, its handle closed with `opened`; None if it cannot be read. On a local
    disk through a memory map: a plain batch read is then no copy, and the batches taken from it keep
    their mapping alive once the handle is closed (Arrow unmaps with the last buffer). A group file is
    written whole under a new name and deleted, never changed in place, so a mapping sees it whole."""
    try:
        handle = pa.memory_map(group) if fs.type_name == "local" else fs.open_input_file(group)
        return ipc.open_file(opened.enter_context(handle))
    except (OSError, pa.ArrowInvalid):  # on S3 a deleted object fails as a plain OSError once opened
        return None


def _members(reader: ipc.RecordBatchFileReader | None) -> dict[str, dict]:
    """A group file's member list: member key -> where its rows lie; empty if it cannot be read."""
    if reader is None:  # it could not be opened (_open)
        return {}
    listed = (reader.schema.metadata or {}).get(_MEMBERS)
    if listed is None:  # an Arrow file without our list
        return {}
    try:
        listing = json.loads(listed)
    except ValueError:  # a damaged list: not JSON (or not UTF-8)
        return {}
    # Files written before checksums (lz4) are read as they were.
    checksums = listing.get("checksums")
    return {m["member"]: dict(m, batch_rows=listing["batch_rows"], checksums=checksums) for m in listing["members"]}


def member_identity(key: str) -> str:
    """What names a member whatever the lake's root: its content and reading (<sha>/<reading>.member)."""
    return "/".join(key.rsplit("/", 2)[-2:])


def _member_rows(reader: ipc.RecordBatchFileReader, members: list[dict]) -> pa.Table | None:
    """The members' rows, one after the other in `members` order; None when the group file is
    gone or does not hold what its list says."""
    if not reader.schema.equals(KEPT):  # written by other code: parse the text
        return None
    try:
        batches: dict[int, pa.RecordBatch] = {}
        pieces = []  # record batches, not tables: a table's slice and concatenation cost ten times more
        for m in members:
            first, size = m["first_row"], m["batch_rows"]
            for b in range(first // size, (first + max(m["rows"], 1) - 1) // size + 1):
                if b not in batches:
                    batches[b] = reader.get_batch(b)
                    if m["checksums"] is not None and batch_checksum(batches[b]) != m["checksums"][b]:
                        return None  # damaged: parse the text
                start = max(first, b * size)
                pieces.append(batches[b].slice(start - b * size, min(first + m["rows"], (b + 1) * size) - start))
        rows = pa.Table.from_batches([pa.concat_batches(pieces)])  # one chunk per column
    except (OSError, pa.ArrowInvalid, IndexError, ValueError):  # gone (OSError on S3 once opened), cut short, damaged
        return None
    return rows if _named_as_listed(rows["source_file"], members) else None


def _named_as_listed(names: pa.ChunkedArray, members: list[dict]) -> bool:
    """Whether the rows' names are each member's name, `rows` times, in the list's order: compared
    as bytes a run at a time, not as a string per row (a quarter of reading the rows)."""
    return holds_runs(names, [m["name"] for m in members], [m["rows"] for m in members])
