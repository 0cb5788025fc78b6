"""One raw file parsed with its own dialect into tagged rows: loaded, rejected, and a summary row.

Spark's CSV reader applies one set of options per read and silently pads or truncates rows with
the wrong number of fields, so each file is parsed by our own normaliser instead.
"""
from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

import pyarrow as pa

from backintime_assets.lake.schemas import PRICES

LOADED, REJECTED, FILE_SUMMARY = "loaded", "rejected", "file"

PARSED = pa.schema([
    ("status", pa.string()), ("date", pa.date32()),
    *[f for f in PRICES if f.name not in ("source_file", "source_line")],
    ("source_file", pa.string()), ("source_line", pa.int64()), ("raw", pa.string()), ("reason", pa.string()),
    ("rows_read", pa.int64()), ("priority", pa.int64()),
])


@dataclass(frozen=True)
class FileTask:
    lake_path: str
    source_file: str
    schema_json: str
    # Rejected rows have no trustworthy date; they are filed under the first date the file holds.
    home_date: dt.date
    # Lower wins when two files hold the same (date, ticker): 0 is the most recently modified file.
    priority: int
    size_bytes: int = 0  # to share files fairly between tasks


@dataclass(frozen=True)
class FileGroup:
    """Files read together: one schema, all but the file name (a group of one is read alone)."""
    tasks: list[FileTask]
    schema_json: str  # the schema they share; each column as confident as its least sure file

    @property
    def size_bytes(self) -> int:
        return sum(t.size_bytes for t in self.tasks)


def group_files(tasks: list[FileTask], max_bytes: int) -> list[FileGroup]:
    """Tasks in groups of one schema, each group at most `max_bytes` of files (or one file)."""
    by_schema: dict[str, list[tuple[FileTask, dict]]] = {}
    for task in tasks:
        schema = json.loads(task.schema_json)
        key = dict(schema, file=None, confidence=None,
                   columns=[dict(c, confidence=None) for c in schema.get("columns", [])])
        by_schema.setdefault(json.dumps(key, sort_keys=True), []).append((task, schema))
    groups = []
    for members in by_schema.values():
        chunk: list[tuple[FileTask, dict]] = []
        for member in members + [None]:
            if chunk and (member is None or sum(t.size_bytes for t, _ in chunk) + member[0].size_bytes > max_bytes):
                groups.append(_group(chunk))
                chunk = []
            if member is not None:
                chunk.append(member)
    return groups


def _group(members: list[tuple[FileTask, dict]]) -> FileGroup:
    shared = json.loads(json.dumps(members[0][1]))
    for _, schema in members[1:]:
        for column, other in zip(shared["columns"], schema["columns"]):
            column["confidence"] = min(column["confidence"], other["confidence"])
    return FileGroup([t for t, _ in members], json.dumps(shared))


def parse_group(datas: list[bytes], group: FileGroup) -> list[pa.Table]:
    """parse_file of each file of the group, read as one text when it can be (normalise_group)."""
    from backintime_assets.detection import FileSchema
    from backintime_assets.normalisation.group import normalise_group

    if len(group.tasks) > 1:
        results = normalise_group(datas, FileSchema.from_json(group.schema_json), [t.source_file for t in group.tasks])
        if results is not None:
            return [_tagged(result, task) for result, task in zip(results, group.tasks)]
    return [parse_file(data, task) for data, task in zip(datas, group.tasks)]


def parse_file(data: bytes, task: FileTask) -> pa.Table:
    """All rows of one file, tagged loaded or rejected, plus one summary row with its rows_read."""
    from backintime_assets.detection import FileSchema
    from backintime_assets.normalisation import normalise_bytes

    return _tagged(normalise_bytes(data, FileSchema.from_json(task.schema_json), task.source_file), task)


def _tagged(result, task: FileTask) -> pa.Table:
    prices, rejected = result.prices_arrow, result.rejected_arrow
    loaded = _conform(prices, LOADED, task, {})
    refused = _conform(rejected, REJECTED, task, {"date": pa.repeat(pa.scalar(task.home_date, pa.date32()), rejected.num_rows)})
    summary = pa.table({
        "status": [FILE_SUMMARY], "date": pa.array([task.home_date], pa.date32()),
        "source_file": [task.source_file], "reason": [result.file_problem], "rows_read": [result.rows_read],
    })
    return pa.concat_tables([loaded, refused, _conform(summary, FILE_SUMMARY, task, {})])


def _conform(table: pa.Table, status: str, task: FileTask, overrides: dict) -> pa.Table:
    n = table.num_rows
    columns = []
    for field in PARSED:
        if field.name == "status":
            columns.append(pa.repeat(pa.scalar(status, pa.string()), n))
        elif field.name == "priority":
            columns.append(pa.repeat(pa.scalar(task.priority, pa.int64()), n))
        elif field.name in overrides:
            columns.append(overrides[field.name])
        elif field.name in table.column_names:
            columns.append(table.column(field.name).cast(field.type))
        else:
            columns.append(pa.nulls(n, field.type))
    return pa.Table.from_arrays(columns, schema=PARSED)
