"""Small files' parsed rows kept in one group file: read back as parsing their text gives them, or
not at all (then parsed), whatever is missing, damaged or read another way."""
import dataclasses
import datetime as dt
import hashlib
import json
import struct

import pyarrow.fs as pafs
import pyarrow.ipc as ipc
import pytest

from backintime_assets.detection import detect_bytes
from backintime_assets.ingestion import kept_groups
from backintime_assets.ingestion import convert
from backintime_assets.ingestion.kept_groups import GroupKeeper, read_members
from backintime_assets.ingestion.parsed import (
    FileGroup, FileTask, group_files, kept_rows_path, parse_group, reading_hash, tagged_rows,
)

HEADER = "Date,Ticker,Open,High,Low,Close,Volume\n"
TEXTS = {  # a day each, one with rows to reject, one with no ticker column, one with nothing loadable
    "mon.csv": HEADER + "2025-02-10,AAA,1,2,1,1.5,10\n2025-02-10,BBB,1,2,1,-1,10\n2025-02-10,AAA,1,2,1,1.5,10\n",
    "tue.csv": HEADER + "2025-02-11,AAA,1,2,1,1.6,10\n2025-02-11,CCC,1,2,1,1.2,10\n",
    "AAPL.csv": "Date,Close\n2025-02-12,1.5\n2025-02-13,n/a\n",
    "bad.csv": HEADER + "2025-02-12,AAA,1,2,1,-1,10\n",
}


def _sha(name: str) -> str:
    return hashlib.sha256(TEXTS[name].encode()).hexdigest()


def _surveyed(location) -> list[FileTask]:
    """The files written to the lake and kept as a survey task keeps them (under their content's
    name, as the raw step names them there); the conversion's tasks for them."""
    fs = location.filesystem()
    fs.create_dir(location.path("raw"), recursive=True)
    tasks = []
    for name, text in TEXTS.items():
        with fs.open_output_stream(location.path("raw", name)) as out:
            out.write(text.encode())
        tasks.append(FileTask(location.path("raw", name), _sha(name), detect_bytes(text.encode(), name).to_json(),
                              dt.date(1970, 1, 1), 0, len(text)))
    keeper = GroupKeeper(fs, location)
    for group in group_files(tasks, 1 << 20):
        keeper.add([parse_group([TEXTS[_name(t)].encode() for t in group.tasks], group)],
                   {t.source_file: (t.source_file, reading_hash(t.schema_json)) for t in group.tasks}, 1)
    kept = keeper.flush()
    assert set(kept) == {_sha(n) for n in TEXTS} - {_sha("bad.csv")}  # nothing loadable: not kept
    return [dataclasses.replace(t, source_file=_name(t), home_date=_first_day(_name(t)), priority=k,
                                parsed_path=kept_rows_path(location, t.source_file, t.schema_json, t.size_bytes))
            for k, t in enumerate(tasks)]


def _name(task: FileTask) -> str:
    return next(n for n in TEXTS if _sha(n) == task.source_file)


def _first_day(name: str) -> dt.date:
    return min(dt.date.fromisoformat(line[:10]) for line in TEXTS[name].splitlines()[1:])


def _rows(table) -> list[dict]:
    return sorted(table.to_pylist(), key=lambda r: (r["source_file"], r["status"], r["source_line"] or 0))


def _parsed_from_text(tasks: list[FileTask]) -> list[dict]:
    return [r for t in tasks
            for r in _rows(parse_group([TEXTS[t.source_file].encode()], FileGroup([t], t.schema_json)))]


@pytest.mark.parametrize("batch_rows", [2, 65_536])  # members across batches, or all in one
def test_kept_rows_read_back_as_parsing_the_text_gives_them(local_lake, monkeypatch, batch_rows):
    monkeypatch.setattr(kept_groups, "BATCH_ROWS", batch_rows)
    tasks = _surveyed(local_lake)
    not_kept = []
    found = list(read_members(local_lake.filesystem(), tasks, not_kept))
    assert [t.source_file for t in not_kept] == ["bad.csv"]
    assert len(found) == 1  # one group file for all of them
    assert _rows(found[0]) == sorted(_parsed_from_text([t for t in tasks if t.source_file != "bad.csv"]),
                                     key=lambda r: (r["source_file"], r["status"], r["source_line"] or 0))
    # Through the conversion's reader, with the text of the kept files gone: the kept rows serve.
    fs = local_lake.filesystem()
    for t in tasks:
        if t.source_file != "bad.csv":
            fs.delete_file(t.lake_path)
    everything = [r for table in tagged_rows(fs, group_files(tasks, 1 << 20), 1 << 20) for r in _rows(table)]
    assert sorted(everything, key=lambda r: (r["source_file"], r["status"], r["source_line"] or 0)) == sorted(
        _parsed_from_text(tasks), key=lambda r: (r["source_file"], r["status"], r["source_line"] or 0))


_LZ4_FRAME = b"\x04\x22\x4d\x18"  # the magic number opening every lz4 frame: a compressed buffer


@pytest.mark.parametrize("compression", [None, "lz4"])  # a local disk's now; any other store's, and older files
def test_group_files_plain_or_lz4_read_back_alike_from_a_memory_map(local_lake, monkeypatch, compression):
    # On a local disk a group file is written plain and read through a memory map; one of lz4 (an
    # object store's, or written before) is read the same way, the batches decompressed.
    monkeypatch.setattr(kept_groups, "GROUP_COMPRESSION", {} if compression else {"local": None})
    monkeypatch.setattr(kept_groups, "BATCH_ROWS", 2)  # members across batches
    tasks = [t for t in _surveyed(local_lake) if t.source_file != "bad.csv"]
    fs = local_lake.filesystem()
    group, = _group_paths(local_lake)
    with fs.open_input_file(group) as handle:
        assert (_LZ4_FRAME in handle.read()) == (compression == "lz4")
    not_kept = []
    found = list(read_members(fs, tasks, not_kept))
    assert not_kept == []
    # The mapping is closed and the file gone once read: the rows taken from it stay whole.
    fs.delete_dir(local_lake.path("parsed"))
    key = lambda r: (r["source_file"], r["status"], r["source_line"] or 0)  # noqa: E731
    assert sorted((r for table in found for r in _rows(table)), key=key) == sorted(_parsed_from_text(tasks), key=key)


def test_a_group_file_on_another_store_than_a_local_disk_is_lz4(local_lake):
    import fsspec

    # A local directory behind another filesystem type, as an object store is: lz4, its bytes the cost.
    fs = pafs.PyFileSystem(pafs.FSSpecHandler(fsspec.filesystem("file")))
    assert fs.type_name != "local"
    text = TEXTS["tue.csv"].encode()
    task = FileTask("tue.csv", "tue", detect_bytes(text, "tue.csv").to_json(), dt.date(1970, 1, 1), 0, len(text))
    keeper = GroupKeeper(fs, local_lake)
    keeper.add([parse_group([text], FileGroup([task], task.schema_json))], {"tue": ("0" * 64, "r")}, 1)
    assert set(keeper.flush()) == {"tue"}
    group, = _group_paths(local_lake)
    with open(group, "rb") as handle:
        assert _LZ4_FRAME in handle.read()


@pytest.mark.parametrize("damage", ["a price changed", "zeros"])
def test_a_damaged_plain_group_file_reads_as_not_kept_never_as_other_rows(local_lake, damage):
    # A plain file has no lz4 framing to fail: a changed value or a page of zeros (what a crash
    # leaves of pages not yet on the disk) read as other or fewer rows before each batch's checksum.
    tasks = [t for t in _surveyed(local_lake) if t.source_file != "bad.csv"]
    group, = _group_paths(local_lake)
    with open(group, "rb") as handle:
        data = bytearray(handle.read())
    at = data.index(struct.pack("<d", 1.6))  # tue.csv's close, stored as it is
    # A value changed, or a stretch of zeros amid the rows (the file still opens: head and footer whole).
    data[at:at + 64] = struct.pack("<d", 1.7) + data[at + 8:at + 64] if damage == "a price changed" else bytes(64)
    with open(group, "wb") as handle:
        handle.write(bytes(data))
    not_kept = []
    assert list(read_members(local_lake.filesystem(), tasks, not_kept)) == []
    assert sorted(t.source_file for t in not_kept) == sorted(t.source_file for t in tasks)


def test_a_group_file_on_an_object_store_is_lz4_and_read_back_whole(s3_lake):
    # The real object store (SeaweedFS): its bytes cost the network's time, so lz4; read without a map.
    tasks = [t for t in _surveyed(s3_lake) if t.source_file != "bad.csv"]
    fs = s3_lake.filesystem()
    assert fs.type_name == "s3"
    group, = _group_paths(s3_lake)
    with fs.open_input_file(group) as handle:
        assert _LZ4_FRAME in handle.read()
    not_kept = []
    found = list(read_members(fs, tasks, not_kept))
    assert not_kept == []
    key = lambda r: (r["source_file"], r["status"], r["source_line"] or 0)  # noqa: E731
    assert sorted((r for table in found for r in _rows(table)), key=key) == sorted(_parsed_from_text(tasks), key=key)


def test_a_lake_under_a_subtree_filesystem_is_read_through_it_not_mapped(local_lake):
    # A SubTreeFileSystem's paths are relative to its base: mapped as local paths they would open
    # nothing (or another file). Its type_name is not "local": lz4, and opened through it.
    fs = pafs.SubTreeFileSystem(local_lake.root, local_lake.filesystem())
    assert fs.type_name == "subtree"
    text = TEXTS["tue.csv"].encode()
    task = FileTask("tue.csv", "tue", detect_bytes(text, "tue.csv").to_json(), dt.date(2025, 2, 11), 0, len(text))
    keeper = GroupKeeper(fs, _UnderSubtree())
    keeper.add([parse_group([text], FileGroup([task], task.schema_json))], {"tue": ("0" * 64, "r")}, 1)
    keys = keeper.flush()
    group, = [i.path for i in fs.get_file_info(pafs.FileSelector("parsed", recursive=True))
              if i.type == pafs.FileType.File]
    with fs.open_input_file(group) as handle:
        assert _LZ4_FRAME in handle.read()
    not_kept = []
    found = list(read_members(fs, [dataclasses.replace(task, parsed_path=keys["tue"])], not_kept))
    assert not_kept == [] and _rows(found[0]) == _rows(parse_group([text], FileGroup([task], task.schema_json)))


class _UnderSubtree:
    """A lake location whose paths are relative: the root of a SubTreeFileSystem."""

    def path(self, *parts: str) -> str:
        return "/".join(parts)


def test_a_file_read_another_way_or_under_another_date_is_not_found(local_lake):
    tasks = _surveyed(local_lake)
    mon = next(t for t in tasks if t.source_file == "mon.csv")
    corrected = detect_bytes(TEXTS["mon.csv"].encode(), "mon.csv")
    corrected.columns[2].canonical = None  # a user unmaps Open: another reading, another key
    other_reading = dataclasses.replace(mon, schema_json=corrected.to_json(), parsed_path=kept_rows_path(
        local_lake, _sha("mon.csv"), corrected.to_json(), mon.size_bytes))
    outside = dataclasses.replace(mon, home_date=dt.date(2025, 3, 3))  # no group file spans it
    not_kept = []
    assert list(read_members(local_lake.filesystem(), [other_reading, outside], not_kept)) == []
    assert not_kept == [other_reading, outside]


@pytest.mark.parametrize("damage", ["deleted", "cut short", "zone deleted"])
def test_a_damaged_or_deleted_group_file_reads_as_not_kept(local_lake, damage):
    tasks = [t for t in _surveyed(local_lake) if t.source_file != "bad.csv"]
    fs = local_lake.filesystem()
    group, = _group_paths(local_lake)
    if damage == "deleted":
        fs.delete_file(group)
    elif damage == "cut short":
        with fs.open_input_file(group) as handle:
            data = handle.read(handle.size() // 2)
        with fs.open_output_stream(group) as out:
            out.write(data)
    else:
        fs.delete_dir(local_lake.path("parsed"))
    not_kept = []
    assert list(read_members(fs, tasks, not_kept)) == []
    assert not_kept == tasks
    everything = [r for table in tagged_rows(fs, group_files(tasks, 1 << 20), 1 << 20) for r in _rows(table)]
    assert len(everything) == len(_parsed_from_text(tasks))  # parsed from the text instead


@pytest.mark.parametrize("listing", [None, b"not json", b"\xff"])
def test_a_group_file_without_a_readable_member_list_reads_as_not_kept(local_lake, listing):
    tasks = [t for t in _surveyed(local_lake) if t.source_file != "bad.csv"]
    fs = local_lake.filesystem()
    group, = _group_paths(local_lake)
    metadata = None if listing is None else {kept_groups._MEMBERS: listing}
    _rewrite(fs, group, lambda rows: rows.replace_schema_metadata(metadata))
    assert kept_groups.listed_members(fs, group) == set()
    not_kept = []
    assert list(read_members(fs, tasks, not_kept)) == []
    assert not_kept == tasks


def test_a_group_file_whose_rows_do_not_carry_the_listed_names_reads_as_not_kept(local_lake):
    # Two members' names swapped in the list: each span of rows now carries the other's name.
    tasks = [t for t in _surveyed(local_lake) if t.source_file != "bad.csv"]
    fs = local_lake.filesystem()
    group, = _group_paths(local_lake)

    def swapped(rows):
        listing = json.loads(rows.schema.metadata[kept_groups._MEMBERS])
        first, second = listing["members"][:2]
        first["name"], second["name"] = second["name"], first["name"]
        return rows.replace_schema_metadata({kept_groups._MEMBERS: json.dumps(listing).encode()})

    _rewrite(fs, group, swapped)
    not_kept = []
    assert list(read_members(fs, tasks, not_kept)) == []
    assert not_kept == tasks


def test_a_group_file_of_other_columns_reads_as_not_kept(local_lake):
    # Its rows are sliced as record batches, which never check the columns against KEPT themselves.
    tasks = [t for t in _surveyed(local_lake) if t.source_file != "bad.csv"]
    fs = local_lake.filesystem()
    group, = _group_paths(local_lake)
    _rewrite(fs, group, lambda rows: rows.drop_columns(["raw"]))
    not_kept = []
    assert list(read_members(fs, tasks, not_kept)) == []
    assert not_kept == tasks


def test_a_broken_reader_is_not_taken_for_a_missing_group_file():
    # Only a file that could not be opened (None) reads as "no members": a bug must not pass for one.
    class Broken:
        @property
        def schema(self):
            raise AttributeError("a bug in the reader")

    assert kept_groups._members(None) == {}
    with pytest.raises(AttributeError, match="a bug in the reader"):
        kept_groups._members(Broken())


def _group_paths(location) -> list[str]:
    selector = pafs.FileSelector(location.path("parsed", "groups"), recursive=True)
    return sorted(i.path for i in location.filesystem().get_file_info(selector) if i.type == pafs.FileType.File)


def test_group_files_sit_under_the_month_their_members_begin_in(local_lake, monkeypatch):
    monkeypatch.setitem(TEXTS, "mar.csv", HEADER + "2025-03-31,AAA,1,2,1,1.5,10\n2025-04-01,AAA,1,2,1,1.6,10\n")
    monkeypatch.setitem(TEXTS, "apr.csv", HEADER + "2025-04-02,AAA,1,2,1,1.5,10\n")
    monkeypatch.setattr(kept_groups, "BATCH_ROWS", 2)  # members across batches in each file
    tasks = _surveyed(local_lake)
    # One batch of files, one group file per month: a member spanning two months sits under its first.
    assert [p.split("/parsed/groups/")[1].rsplit("_", 1)[0] for p in _group_paths(local_lake)] == [
        "2025-02/2025-02-10_2025-02-12", "2025-03/2025-03-31_2025-04-01", "2025-04/2025-04-02_2025-04-02"]
    not_kept = []
    found = [r for table in read_members(local_lake.filesystem(), tasks, not_kept) for r in _rows(table)]
    assert [t.source_file for t in not_kept] == ["bad.csv"]
    key = lambda r: (r["source_file"], r["status"], r["source_line"] or 0)  # noqa: E731
    assert sorted(found, key=key) == sorted(_parsed_from_text([t for t in tasks if t.source_file != "bad.csv"]),
                                            key=key)


def test_a_member_is_looked_for_under_the_month_of_its_first_date_not_its_home_date(local_lake, monkeypatch):
    monkeypatch.setitem(TEXTS, "mar.csv", HEADER + "2025-03-31,AAA,1,2,1,1.5,10\n2025-04-01,AAA,1,2,1,1.6,10\n")
    mar = next(t for t in _surveyed(local_lake) if t.source_file == "mar.csv")
    # Partitions that begin in April file its rejections under 1 April; its rows sit under March.
    homed_later = dataclasses.replace(mar, home_date=dt.date(2025, 4, 1),
                                      dates=(dt.date(2025, 3, 31), dt.date(2025, 4, 1)))
    # As the conversion hands it to its tasks: without its dates (an archive's are years).
    buckets = convert._plan_buckets(["2025-04-01", "2025-04-02"], 1, 1)
    owned, spanning = convert._owned_by_bucket([homed_later], buckets, 1)
    [handed] = [t for ts in owned.values() for t in ts] + spanning
    assert handed.dates is None
    not_kept = []
    found, = read_members(local_lake.filesystem(), [handed], not_kept)
    assert not_kept == [] and found.num_rows == len(_parsed_from_text([mar]))


def test_members_of_one_date_are_listed_in_the_order_their_rows_came(local_lake):
    # A survey names its files by their place in its slice and reads them in date order: listed
    # in that order (not by name: "10" before "9"), their rows are written as they come.
    texts = {"9": HEADER + "2025-02-10,AAA,1,2,1,1.5,10\n", "10": HEADER + "2025-02-10,BBB,1,2,1,1.5,10\n",
             "11": HEADER + "2025-02-11,AAA,1,2,1,1.6,10\nnot,a,price\n"}
    schema = detect_bytes(texts["9"].encode(), "9.csv").to_json()
    tasks = [FileTask(name, name, schema, dt.date(1970, 1, 1), 0, len(text)) for name, text in texts.items()]
    keeper = GroupKeeper(local_lake.filesystem(), local_lake)
    keeper.add([parse_group([t.encode() for t in texts.values()], FileGroup(tasks, schema))],
               {name: (name * 32, reading_hash(schema)) for name in texts}, 1)
    keeper.flush()
    [group] = _group_paths(local_lake)
    with local_lake.filesystem().open_input_file(group) as handle:
        reader = ipc.open_file(handle)
        listed = json.loads(reader.schema.metadata[kept_groups._MEMBERS])["members"]
        rows = reader.read_all()
    assert [(m["name"], m["first_row"], m["rows"]) for m in listed] == [("9", 0, 2), ("10", 2, 2), ("11", 4, 3)]
    assert list(zip(rows["source_file"].to_pylist(), rows["status"].to_pylist())) == [
        ("9", "loaded"), ("9", "file"), ("10", "loaded"), ("10", "file"), ("11", "loaded"), ("11", "rejected"),
        ("11", "file")]


@pytest.mark.parametrize("order", [
    [0, 1, 2, 3, 4, 5, 6, 7], [4, 5, 6, 7, 0, 1, 2, 3], [0, 1, 2, 3, 6, 7], [7, 6, 5, 4, 3, 2, 1, 0], [3], [],
])
def test_rows_moved_in_runs_are_the_rows_a_take_gives(monkeypatch, order):
    import numpy as np
    import pyarrow as pa

    monkeypatch.setattr(kept_groups, "RUN_ROWS", 2)  # runs of two rows or more are sliced, shorter taken
    rows = pa.concat_tables([pa.table({"n": list(range(4)), "s": list("abcd")}),
                             pa.table({"n": list(range(4, 8)), "s": [None, "f", "gg", "h"]})])
    moved = kept_groups._moved(rows, np.array(order, dtype=np.int64))
    assert moved.equals(rows.take(pa.array(order, pa.int64())))


def test_every_batch_but_the_last_holds_batch_rows_across_the_parses_added(local_lake, monkeypatch):
    # Readers find a member's rows by counting BATCH_ROWS a batch; the rows come in a chunk a parse.
    monkeypatch.setattr(kept_groups, "BATCH_ROWS", 3)
    _surveyed(local_lake)  # files of two schemas: two parses, added one after the other
    [group] = _group_paths(local_lake)
    with local_lake.filesystem().open_input_file(group) as handle:
        reader = ipc.open_file(handle)
        sizes = [reader.get_batch(k).num_rows for k in range(reader.num_record_batches)]
    assert len(sizes) > 2 and set(sizes[:-1]) == {3} and 0 < sizes[-1] <= 3


def _rewrite(fs, group: str, change) -> None:
    """The group file rewritten in place with its rows (and their schema's metadata) as `change` makes them."""
    with fs.open_input_file(group) as handle:
        rows = change(ipc.open_file(handle).read_all())
    with fs.open_output_stream(group) as out, ipc.new_file(out, rows.schema) as writer:
        writer.write_table(rows)


def test_a_member_s_first_and_last_days_span_all_its_runs_of_rows():
    import numpy as np
    import pyarrow as pa

    # Member 1's rows in two runs, apart; member 0's last row is not loaded; -1 belongs to none.
    member = np.array([0, 0, 0, 1, 1, -1, 1, 2], dtype=np.int64)
    rows = pa.table({"status": ["loaded", "loaded", "rejected", "loaded", "loaded", "loaded", "loaded", "rejected"],
                     "date": pa.array([5, 3, 1, 9, 7, 0, 11, None], pa.date32())})
    first, last, counts = kept_groups._spans(rows, member, 4)
    assert first.tolist() == [3, 7, kept_groups._NO_DAY, kept_groups._NO_DAY]
    assert last.tolist() == [5, 11, -1, -1]
    assert counts.tolist() == [3, 3, 1, 0]


def test_members_first_and_last_days_as_a_look_at_every_row_finds_them():
    import numpy as np
    import pyarrow as pa

    rng = np.random.default_rng(31)
    for _ in range(300):
        n, count = int(rng.integers(0, 30)), int(rng.integers(1, 5))
        member = rng.integers(-1, count, size=n)
        if rng.random() < 0.5:
            member = np.sort(member)  # a member's rows in one run, as parsed._tagged lays them out
        status = rng.choice(["loaded", "rejected", "file"], size=n, p=[0.7, 0.2, 0.1]).tolist()
        days = rng.choice([-25567, -1, 0, 3, 19000, 47482], size=n)
        rows = pa.table({"status": pa.array(status, pa.string()), "date": pa.array(days, pa.int32()).cast(pa.date32())})
        first, last, counts = kept_groups._spans(rows, member, count)
        loaded = (member >= 0) & (np.array(status, dtype=object) == "loaded")
        for m in range(count):
            mine = days[loaded & (member == m)]
            # The last day is never below -1 (1969-12-31): a group file's name holds its span, which any
            # earlier first day falls in all the same.
            expected = (mine.min(), max(mine.max(), -1)) if mine.size else (kept_groups._NO_DAY, -1)
            assert (first[m], last[m]) == expected
            assert counts[m] == (member == m).sum()
