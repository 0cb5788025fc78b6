import dataclasses
import posixpath
import datetime as dt

import pyarrow.compute as pc
import pyarrow.fs as pafs
import pytest

from backintime_assets.detection import detect_bytes
from backintime_assets.ingestion.convert import convert_files
from backintime_assets.ingestion.parsed import FileTask
from backintime_assets.lake.schemas import PRICES, REJECTED_ROWS
from backintime_assets.lake.tables import list_dates, read_arrow, table_files

HEADER = "Date,Ticker,Open,High,Low,Close,Volume\n"


def _task(location, name: str, text: str, priority: int) -> FileTask:
    data = text.encode()
    path = location.path("raw", name)
    fs = location.filesystem()
    fs.create_dir(location.path("raw"), recursive=True)
    with fs.open_output_stream(path) as out:
        out.write(data)
    return FileTask(path, name, detect_bytes(data, name).to_json(), dt.date(2025, 2, 10), priority, len(data))


@pytest.mark.spark
@pytest.mark.parametrize("lake", ["local_lake", "s3_lake"])
def test_convert_settles_collisions_files_dates_and_accounts_for_every_row(spark, request, lake):
    location = request.getfixturevalue(lake)
    new = _task(location, "new.csv", HEADER + "2025-02-10,AAA,1,2,1,1.5,10\n2025-02-11,AAA,1,2,1,1.6,10\n"
                "2025-02-11,BBB,5,6,4,5.5,20\n2025-03-03,AAA,1,2,1,1.7,10\n", 0)
    old = _task(location, "old.csv", HEADER + "2025-02-10,AAA,1,2,1,1.5,10\n2025-02-11,AAA,1,2,1,1.9,10\n"
                "2025-02-11,CCC,x,6,4,5.5,20\n", 1)
    # A stale file from an earlier run on a date this run replaces with nothing must go.
    conversion = convert_files(spark, location, [new, old], ["2025-02-10", "2025-02-11", "2025-02-12"], "t1")
    prices = read_arrow(location, "prices", PRICES).sort_by([("date", "ascending"), ("ticker", "ascending")])
    assert [(str(r["date"]), r["ticker"], r["close"], r["source_file"]) for r in prices.to_pylist()] == [
        ("2025-02-10", "AAA", 1.5, "new.csv"), ("2025-02-11", "AAA", 1.6, "new.csv"),
        ("2025-02-11", "BBB", 5.5, "new.csv"),
    ]
    rejected_rows = read_arrow(location, "rejected_rows", REJECTED_ROWS).to_pylist()
    rejected = {(r["source_file"], r["source_line"]): r["reason"] for r in rejected_rows}
    assert rejected[("old.csv", 2)] == "duplicate of new.csv:2"
    assert rejected[("old.csv", 3)] == "conflict: superseded by new.csv:3 (a more recently modified file)"
    assert rejected[("old.csv", 4)].startswith("unparseable value")
    assert len(rejected) == 3
    accounting = {a["source_file"]: a for a in conversion.accounting}
    # The March row of new.csv is read and counted but belongs to another partition.
    assert accounting["new.csv"] == {"source_file": "new.csv", "rows_read": 4, "file_problem": None, "loaded": 4,
                                     "rejected": 0, "loaded_in_run": 3, "rejected_in_run": 0}
    assert accounting["old.csv"] == {"source_file": "old.csv", "rows_read": 3, "file_problem": None, "loaded": 0,
                                     "rejected": 3, "loaded_in_run": 0, "rejected_in_run": 3}
    assert conversion.prices.rows == 3 and conversion.rejected_rows.rows == 3
    assert list_dates(location, "prices") == ["2025-02-10", "2025-02-11"]
    assert len(table_files(location, "prices")) == 2  # one file per date
    assert location.filesystem().get_file_info(location.path("_staging")).type in (
        pafs.FileType.NotFound, pafs.FileType.Directory)
    in_staging = location.filesystem().get_file_info(
        pafs.FileSelector(location.path("_staging"), recursive=True, allow_not_found=True))
    assert not [i for i in in_staging if i.type == pafs.FileType.File]

    # Rerun with only the old file: its rows win now, and the new file's rows leave the lake.
    convert_files(spark, location, [old], ["2025-02-10", "2025-02-11"], "t2")
    prices = read_arrow(location, "prices", PRICES)
    assert sorted((str(d), t, c) for d, t, c in zip(*(prices[k].to_pylist() for k in ("date", "ticker", "close")))) == [
        ("2025-02-10", "AAA", 1.5), ("2025-02-11", "AAA", 1.9)]
    assert all(p.endswith("part-t2.parquet") for _, p in table_files(location, "prices"))



@pytest.mark.spark
def test_a_newer_row_without_volume_yields_and_every_file_still_accounts_for_its_rows(spark, local_lake):
    # new.csv (most recent) gives no volume; old.csv the same prices with one, and other.csv a third
    # volume. The row with the volume loads from the older file; the per-file counts follow the rows.
    new = _task(local_lake, "new.csv", HEADER + "2025-02-10,AAA,1,2,1,1.5,\n2025-02-11,AAA,1,2,1,1.6,\n", 0)
    old = _task(local_lake, "old.csv", HEADER + "2025-02-10,AAA,1,2,1,1.5,10\n2025-02-11,AAA,1,2,1,1.7,10\n", 1)
    other = _task(local_lake, "other.csv", HEADER + "2025-02-10,AAA,1,2,1,1.5,30\n", 2)
    conversion = convert_files(spark, local_lake, [new, old, other], ["2025-02-10", "2025-02-11"], "t1")
    prices = read_arrow(local_lake, "prices", PRICES).sort_by("close")
    assert [(r["close"], r["volume"], r["source_file"], r["source_line"]) for r in prices.to_pylist()] == [
        (1.5, 10.0, "old.csv", 2), (1.6, None, "new.csv", 3)]
    rejected = {(r["source_file"], r["source_line"]): r["reason"]
                for r in read_arrow(local_lake, "rejected_rows", REJECTED_ROWS).to_pylist()}
    assert rejected == {
        ("new.csv", 2): "duplicate of old.csv:2",
        ("other.csv", 2): "conflict: superseded by old.csv:2 (a more recently modified file)",
        ("old.csv", 3): "conflict: superseded by new.csv:3 (a more recently modified file)"}
    counts = {a["source_file"]: (a["rows_read"], a["loaded"], a["rejected"]) for a in conversion.accounting}
    assert counts == {"new.csv": (2, 1, 1), "old.csv": (2, 1, 1), "other.csv": (1, 0, 1)}


@pytest.mark.spark
def test_convert_with_no_files_empties_the_dates(spark, local_lake):
    task = _task(local_lake, "a.csv", HEADER + "2025-02-10,AAA,1,2,1,1.5,10\n", 0)
    convert_files(spark, local_lake, [task], ["2025-02-10"], "t1")
    result = convert_files(spark, local_lake, [], ["2025-02-10"], "t2")
    assert result.prices.rows == 0 and result.accounting == []
    assert read_arrow(local_lake, "prices", PRICES).num_rows == 0


def test_files_are_grouped_by_schema_whatever_their_name_and_confidence():
    import json

    from backintime_assets.ingestion.parsed import group_files

    def task(name, size, delimiter=",", confidence=1.0):
        schema = {"file": name, "delimiter": delimiter, "confidence": 0.5,
                  "columns": [{"name": "Close", "confidence": confidence}]}
        return FileTask(name, name, json.dumps(schema), dt.date(2025, 1, 1), 0, size)

    tasks = [task("a", 10), task("b", 10, confidence=0.9), task("c", 10, delimiter=";"), task("d", 10), task("e", 10)]
    groups = group_files(tasks, max_bytes=25)
    assert [[t.source_file for t in g.tasks] for g in groups] == [["a", "b"], ["d", "e"], ["c"]]
    # The shared schema is as sure of each column as the least sure file.
    assert json.loads(groups[0].schema_json)["columns"][0]["confidence"] == 0.9
    assert groups[0].size_bytes == 20


@pytest.mark.spark
def test_a_file_read_in_pieces_is_accounted_for_as_one(spark, local_lake):
    rows = "".join(f"2025-02-{10 + i % 3},T{i:03d},1,2,1,1.5,10\n" for i in range(300))
    rows += "2025-02-10,BAD,x,2,1,1.5,10\n"
    task = _task(local_lake, "big.csv", HEADER + rows, 0)
    conversion = convert_files(spark, local_lake, [task], ["2025-02-10", "2025-02-11", "2025-02-12"], "t",
                               piece_bytes=1000)
    assert conversion.accounting == [{"source_file": "big.csv", "rows_read": 301, "file_problem": None, "loaded": 300,
                                      "rejected": 1, "loaded_in_run": 300, "rejected_in_run": 1}]
    prices = read_arrow(local_lake, "prices", PRICES)
    assert sorted(prices["source_line"].to_pylist()) == list(range(2, 302))


@pytest.mark.spark
def test_each_date_is_one_file_sorted_by_ticker(spark, local_lake):
    import pyarrow.parquet as pq

    rows = "".join(f"2025-02-10,{t},1,2,1,1.5,10\n" for t in ("ZZZ", "MMM", "AAA", "QQQ"))
    rows += "2025-02-10,BAD,1,2,1\n2025-02-10,BAD2,x,2,1,1.5,10\n"
    task = _task(local_lake, "a.csv", HEADER + rows, 0)
    convert_files(spark, local_lake, [task], ["2025-02-10"], "t")
    [(_, prices_path)] = table_files(local_lake, "prices")
    assert pq.read_table(prices_path)["ticker"].to_pylist() == ["AAA", "MMM", "QQQ", "ZZZ"]
    assert pq.read_metadata(prices_path).row_group(0).column(0).compression == "ZSTD"
    [(_, rejected_path)] = table_files(local_lake, "rejected_rows")
    assert pq.read_table(rejected_path)["source_line"].to_pylist() == [6, 7]


@pytest.mark.spark
def test_a_file_that_does_not_fit_the_schema_it_borrowed_is_read_with_its_own(spark, local_lake):
    """Same header bytes as its neighbour, but decimal dots where the neighbour has decimal commas
    and digit grouping dots, or month-first dates, from some row on: every row still loads, with
    the file's own schema, which the conversion hands back for file_schemas. Named as one desk's files
    are: a day/month order is lent only within a source (shared_layouts); desk_3 has decimal dots,
    desk_4 month-first dates."""
    from backintime_assets.detection import FileSchema
    from backintime_assets.ingestion.shared_layouts import LayoutMemory
    from backintime_assets_tests.ingestion.template_files import DAYS, template_file

    texts = {"desk_1.csv": template_file("N", 40, grouping=True), "desk_2.csv": template_file("M", 40, grouping=True),
             "desk_3.csv": template_file("A", 30, dot_decimal_after=150),
             "desk_4.csv": template_file("B", 30, date_format="%m/%d/%Y")}
    memory, tasks = LayoutMemory(), []
    for priority, (name, text) in enumerate(texts.items()):
        task = _task(local_lake, name, text, priority)
        data = text.encode()
        schema = memory.borrow(data, name) or detect_bytes(data, name)
        memory.learn(data, schema)
        tasks.append(dataclasses.replace(task, schema_json=schema.to_json()))
    lenders = [FileSchema.from_json(t.schema_json).borrowed_from for t in tasks]
    assert lenders == [None, "desk_1.csv", "desk_1.csv", "desk_1.csv"]

    conversion = convert_files(spark, local_lake, tasks, [d.isoformat() for d in DAYS], "t")
    assert {a["source_file"]: (a["loaded"], a["rejected"]) for a in conversion.accounting} == {
        "desk_1.csv": (400, 0), "desk_2.csv": (400, 0), "desk_3.csv": (300, 0), "desk_4.csv": (300, 0)}
    assert set(conversion.own_schemas) == {"desk_3.csv", "desk_4.csv"}
    dots, us_dates = (FileSchema.from_json(conversion.own_schemas[n]) for n in ("desk_3.csv", "desk_4.csv"))
    assert (dots.decimal, dots.thousands, dots.borrowed_from) == (".", None, None)
    assert us_dates.columns[0].format == "%m/%d/%Y" and us_dates.borrowed_from is None
    prices = read_arrow(local_lake, "prices", PRICES)
    assert prices.num_rows == 1400
    by_file = {}
    for row in prices.to_pylist():
        by_file.setdefault(row["source_file"], set()).add((row["date"], row["close"]))
    assert by_file["desk_3.csv"] == {(d, 10.0) for d in DAYS[:5]} | {(d, 10.5) for d in DAYS[5:]}
    assert by_file["desk_4.csv"] == by_file["desk_1.csv"] == {(d, 1234.5) for d in DAYS}


def _as_in_the_manifest(task: FileTask, text: str, with_dates: bool) -> FileTask:
    """The task's home date as the prices asset sets it (the first date its rows hold) and, if
    `with_dates`, those dates."""
    days = sorted({dt.date.fromisoformat(line[:10]) for line in text.splitlines()[1:] if line[:4].isdigit()})
    days = days or [task.home_date]  # nothing loadable: the manifest files it under its home date
    return dataclasses.replace(task, dates=tuple(days) if with_dates else None, home_date=days[0])


@pytest.mark.spark
def test_files_within_one_bucket_are_read_by_its_task_with_the_same_outcome_as_staged(spark, tmp_path):
    from backintime_assets.ingestion.convert import _owned_by_bucket, _plan_buckets
    from backintime_assets.lake import LakeLocation

    days = [d.isoformat() for d in (dt.date(2025, 2, 3) + dt.timedelta(days=k) for k in range(14)) if d.weekday() < 5]
    texts = {  # most recent first: priority 0 wins collisions
        "d1.csv": HEADER + f"{days[1]},AAA,1,2,1,1.5,10\n{days[1]},BBB,1,2,1,-1,10\n",
        "d1_again.csv": HEADER + f"{days[1]},AAA,1,2,1,1.5,10\n{days[1]},CCC,1,2,1,1.2,10\n",
        "d8.csv": HEADER + f"{days[8]},AAA,1,2,1,1.7,10\n{days[8]},AAA,1,2,1,1.7,10\n",
        "archive.csv": HEADER + "".join(f"{d},AAA,1,2,1,1.9,10\n{d},DDD,1,3,1,2.5,10\n" for d in days)
        + f"{days[3]},EEE,1,2,1,n/a,10\n",
        "empty.csv": "",
    }
    outcomes = []
    for name, with_dates in (("staged", False), ("owned", True)):
        location = LakeLocation(str(tmp_path / name))
        tasks = [_as_in_the_manifest(_task(location, f, text, k), text, with_dates)
                 for k, (f, text) in enumerate(texts.items())]
        if with_dates:
            owned, spanning = _owned_by_bucket(tasks, _plan_buckets(days, 1000, 2), 2)
            assert {t.source_file for ts in owned.values() for t in ts} == {"d1.csv", "d1_again.csv", "d8.csv",
                                                                           "empty.csv"}
            assert [t.source_file for t in spanning] == ["archive.csv"]  # its dates span the buckets
        conversion = convert_files(spark, location, tasks, days, "t")
        outcomes.append((
            read_arrow(location, "prices", PRICES).sort_by(
                [("date", "ascending"), ("ticker", "ascending")]).to_pylist(),
            read_arrow(location, "rejected_rows", REJECTED_ROWS).sort_by(
                [("source_file", "ascending"), ("source_line", "ascending")]).to_pylist(),
            conversion.accounting,
        ))
    staged, owned = outcomes
    assert owned == staged
    prices, rejected, _ = owned
    assert [(r["ticker"], r["source_file"]) for r in prices if str(r["date"]) == days[1]] == [
        ("AAA", "d1.csv"), ("CCC", "d1_again.csv"), ("DDD", "archive.csv")]
    assert {(r["source_file"], r["reason"].split(" ")[0]) for r in rejected} == {
        ("d1.csv", "non-positive"), ("d1_again.csv", "duplicate"), ("d8.csv", "duplicate"),
        ("archive.csv", "conflict:"), ("archive.csv", "missing")}


def _kept_file(location, name: str, data: bytes, piece_bytes: int) -> FileTask:
    """The file surveyed with its rows kept (as the raw step keeps them), as a conversion task."""
    from backintime_assets.ingestion.survey import _Keeper, survey_file

    schema = detect_bytes(data, name)
    keeper = _Keeper(location.filesystem(), location, "ab" * 32)
    survey = survey_file(lambda o, n: data[o:o + n], len(data), name, schema, piece_bytes, keeper)
    return FileTask("", name, survey.schema_json, survey.dates[0], 0, len(data), keeper.finish(True),
                    tuple(survey.dates))


def test_kept_rows_read_in_batches_without_their_summary_row_are_all_counted(local_lake, monkeypatch):
    from backintime_assets.ingestion import convert, parsed

    lines = [f"2025-02-{10 + k % 5:02d},T{k // 5:03d},1,2,1,1.5,10\n" for k in range(3000)]
    task = _kept_file(local_lake, "big.csv", (HEADER + "".join(lines)).encode(), piece_bytes=40_000)
    monkeypatch.setattr(parsed, "PARSED_BATCH_ROWS", 700)  # batches end away from the pieces' summaries
    buckets = convert._plan_buckets([f"2025-02-{d}" for d in range(10, 15)], 1, 2)
    total = {"rows_read": 0, "loaded": 0, "rejected": 0, "loaded_in_run": 0, "rejected_in_run": 0, "file_problem": None}
    batches = 0
    for rows in parsed.tagged_rows(local_lake.filesystem(), [parsed.FileGroup([task], task.schema_json)], 1):
        batches += 1
        for row in convert._rows_in_run(rows, buckets)[1]:
            assert row["source_file"] == "big.csv"
            convert._add_counts(total, row)
    assert batches > 4
    assert total == {"rows_read": 3000, "loaded": 3000, "rejected": 0, "loaded_in_run": 3000, "rejected_in_run": 0,
                     "file_problem": None}


def test_kept_rows_of_a_file_without_a_ticker_column_take_the_name_they_are_read_under(local_lake):
    from backintime_assets.ingestion.parsed import FileGroup, tagged_rows

    text = "Date,Close\n2025-02-10,1.5\n2025-02-11,1.6\n"
    kept = _kept_file(local_lake, "AAA.csv", text.encode(), piece_bytes=1 << 20)
    under_another_name = dataclasses.replace(kept, source_file="BBB.csv")
    rows, = tagged_rows(local_lake.filesystem(), [FileGroup([under_another_name], kept.schema_json)], 1 << 20)
    loaded = rows.filter(pc.equal(rows["status"], "loaded"))
    assert loaded.num_rows == 2
    assert set(loaded["ticker"].to_pylist()) == {"BBB"} and set(loaded["source_file"].to_pylist()) == {"BBB.csv"}


def test_summary_rows_left_among_a_files_rows_are_never_staged_nor_written(local_lake):
    # _rows_in_run leaves them in (a filter would copy every row): staging and settling leave them out.
    from backintime_assets.ingestion import convert
    from backintime_assets.ingestion.parsed import FILE_SUMMARY, FileGroup, parse_group

    text = HEADER + "2025-02-10,AAA,1,2,1,1.5,10\n2025-02-10,BBB,1,2,1,-1,10\n2025-02-11,AAA,1,2,1,1.6,10\n"
    task = _task(local_lake, "f.csv", text, 0)
    parsed = parse_group([text.encode()], FileGroup([task], task.schema_json))
    buckets = convert._plan_buckets(["2025-02-10", "2025-02-11"], 1, 1)
    _, [counts], _ = convert._rows_in_run(parsed, buckets)
    assert (counts["rows_read"], counts["loaded_in_run"], counts["rejected_in_run"]) == (3, 2, 1)
    with_summary = parsed.drop_columns(["rows_read", "schema_json"]).cast(convert.STAGED)
    assert FILE_SUMMARY in with_summary["status"].to_pylist()
    row_buckets = buckets.of(convert._day_numbers(with_summary))
    staged = [r for _, bucket_rows in convert._by_bucket(with_summary, row_buckets) for r in bucket_rows.to_pylist()]
    assert sorted(r["status"] for r in staged) == ["loaded", "loaded", "rejected"]
    written = list(convert._settle_and_write(local_lake.filesystem(), local_lake, with_summary, "t"))
    assert {(w["table_name"], w["date"]): w["rows"] for w in written if w["kind"] == "written"} == {
        ("prices", "2025-02-10"): 1, ("prices", "2025-02-11"): 1, ("rejected_rows", "2025-02-10"): 1}
    assert read_arrow(local_lake, "rejected_rows", REJECTED_ROWS)["source_line"].to_pylist() == [3]


def test_a_file_whose_rows_hold_a_summary_row_a_piece_counts_the_rows_read_by_every_piece(local_lake):
    # A small file read in pieces (a piece smaller than the kept-file threshold) is kept in a group
    # file with a summary row a piece, and read back as one table: each piece's rows_read counts.
    import pyarrow as pa

    from backintime_assets.ingestion import convert
    from backintime_assets.ingestion.parsed import FILE_SUMMARY, parse_in_pieces

    text = HEADER + "".join(f"2025-02-{d:02d},AAA,1,2,1,1.5,10\n" for d in range(10, 20)) + "2025-02-20,AAA,x,2,1,1,1\n"
    task = _task(local_lake, "f.csv", text, 0)
    data = text.encode()
    pieces = list(parse_in_pieces(lambda at, n: data[at:at + n], len(data), task, 120))
    together = pa.concat_tables(pieces)
    assert len(pieces) > 2 and pc.sum(pc.equal(together["status"], FILE_SUMMARY)).as_py() == len(pieces)
    buckets = convert._plan_buckets([f"2025-02-{d:02d}" for d in range(10, 21)], 1, 1)
    _, [counts], _ = convert._rows_in_run(together, buckets)
    # The 15th and 16th are a weekend: rejected, as is the unparseable row.
    assert (counts["rows_read"], counts["loaded"], counts["rejected"], counts["rejected_in_run"]) == (11, 8, 3, 3)


class _TwoCores:
    class sparkContext:  # noqa: N801  (Spark's name)
        defaultParallelism = 2


def test_a_newer_copy_in_pence_of_the_last_days_leaves_the_history_in_pounds(monkeypatch, tmp_path):
    # The pair probe's London listing: the history in pounds, and a newer copy of its last four days in
    # pence. Those days' buckets hold no other day of the history to show its unit: the copy, as the
    # newest file, had put four days 100 times too high among the pounds. The file of more days wins.
    from backintime_assets.ingestion import convert as convert_module
    from backintime_assets.lake import LakeLocation
    from backintime_assets_tests.ingestion.surveyed_here import serial_tasks
    monkeypatch.setattr(convert_module, "run_tasks", serial_tasks)
    location = LakeLocation(url=str(tmp_path / "lake"))
    location.ensure_exists()
    days = [dt.date(2025, 2, d) for d in (3, 4, 5, 6, 7, 10, 11, 12)]
    pounds = "".join(f"{d},VOD,1.{10 + i},1.{20 + i},1.{i:02d},1.{15 + i},{1000 + i}\n" for i, d in enumerate(days))
    pence = "".join(f"{d},VOD,1{10 + i},1{20 + i},1{i:02d},1{15 + i},{1000 + i}\n"
                    for i, d in enumerate(days) if i >= 4)
    new = dataclasses.replace(_task(location, "gbx_prices.csv", HEADER + pence, 0), dates=tuple(days[4:]))
    old = dataclasses.replace(_task(location, "gbp_prices.csv", HEADER + pounds, 1), dates=tuple(days))
    convert_files(_TwoCores(), location, [new, old], [d.isoformat() for d in days], "t")
    prices = read_arrow(location, "prices", PRICES).to_pylist()
    assert [(p["close"], p["source_file"]) for p in prices] == [
        (1.0 + (15 + i) / 100, "gbp_prices.csv") for i in range(8)]
    rejected = read_arrow(location, "rejected_rows", REJECTED_ROWS).to_pylist()
    assert [r["reason"] for r in rejected] == [
        f"duplicate of gbp_prices.csv:{i + 2}, its prices in hundredths (pence, cents) of that one's unit"
        for i in range(4, 8)]


def test_rows_of_other_dates_are_left_out_with_their_buckets():
    # An archive's rows of dates outside the run: dropped with their buckets, which stay each row's own.
    import numpy as np
    import pyarrow as pa

    from backintime_assets.ingestion import convert
    from backintime_assets.ingestion.parsed import LOADED, PARSED

    days = ["2025-02-10", "2025-02-11", "2025-02-12", "2025-02-13"]
    buckets = convert._plan_buckets(days, 1, 4)  # four buckets, a day each
    dates = [dt.date(2025, 2, d) for d in (13, 7, 10, 20, 11)]
    parsed = pa.table({f.name: pa.nulls(len(dates), f.type) for f in PARSED}).set_column(
        PARSED.get_field_index("status"), "status", pa.array([LOADED] * len(dates))).set_column(
        PARSED.get_field_index("date"), "date", pa.array(dates, pa.date32())).set_column(
        PARSED.get_field_index("source_file"), "source_file", pa.array(["a.csv"] * len(dates)))
    rows, [counts], row_buckets = convert._rows_in_run(parsed, buckets)
    assert rows["date"].to_pylist() == [dt.date(2025, 2, d) for d in (13, 10, 11)]
    assert row_buckets.tolist() == [3, 0, 1] and (counts["loaded"], counts["loaded_in_run"]) == (5, 3)
    assert [(b, t["date"].to_pylist()) for b, t in convert._by_bucket(rows, row_buckets)] == [
        (0, [dt.date(2025, 2, 10)]), (1, [dt.date(2025, 2, 11)]), (3, [dt.date(2025, 2, 13)])]
    with pytest.raises(RuntimeError, match="a.csv: rows on dates its manifest entry does not list"):
        convert._check_owned(rows, row_buckets, 3)
    convert._check_owned(rows.slice(0, 1), row_buckets[:1], 3)
    assert isinstance(row_buckets, np.ndarray)


@pytest.mark.parametrize("days, source_mb, cores, count", [
    (250, 58, 2, 2),  # small daily files: a settle task per core, no more
    (250, 58, 8, 8),
    (3, 58, 8, 3),  # never more buckets than dates
    (250, 640, 2, 10),  # a bucket per 64 MB of source, so a task's memory stays bounded
])
def test_settle_buckets_are_one_per_core_unless_memory_asks_for_more(days, source_mb, cores, count):
    from backintime_assets.ingestion import convert

    dates = [(dt.date(2020, 1, 1) + dt.timedelta(days=k)).isoformat() for k in range(days)]
    buckets = convert._plan_buckets(dates, source_mb * 2**20, cores)
    assert buckets.count == count
    assert sorted(set(buckets.bucket_of_day.tolist())) == list(range(count))


def test_each_rows_file_is_found_wherever_its_rows_lie():
    # _files_of_rows reads runs of one name (a file's rows lie together as parsed writes them), but
    # must name the files as one hashing of every row does where they do not: a file's rows after
    # another's (pieces of a large file, kept groups read back), a run cut across chunks.
    import numpy as np
    import pyarrow as pa

    from backintime_assets.ingestion.convert import _files_of_rows

    names = pa.chunked_array([["b.csv", "b.csv", "a.csv"], ["a.csv", "b.csv", "ä.csv", "b.csv"]])
    files, file_of_row = _files_of_rows(names)
    assert files == ["b.csv", "a.csv", "ä.csv"]
    assert file_of_row.tolist() == [0, 0, 1, 1, 0, 2, 0] and file_of_row.dtype == np.int64
    assert _files_of_rows(pa.chunked_array([], pa.string()))[0] == []


def test_a_row_that_loses_a_collision_is_rejected_with_its_files_own_line(monkeypatch, tmp_path):
    # rejected_rows gives every rejected row's own line. A loser of a collision had been loaded by its
    # file, and its text was rebuilt from its values: "2025-02-10,AAA,UNKNOWN,1.0,2.0,...,1.5,1.5,100.0",
    # a sector and an adjusted close the file never had, the date as the lake writes it.
    from backintime_assets.ingestion import convert as convert_module
    from backintime_assets.lake import LakeLocation
    from backintime_assets_tests.ingestion.surveyed_here import serial_tasks
    monkeypatch.setattr(convert_module, "run_tasks", serial_tasks)
    location = LakeLocation(url=str(tmp_path / "lake"))
    location.ensure_exists()
    days = [dt.date(2025, 2, 10), dt.date(2025, 2, 11)]
    old_text = "Datum;Kurs;Hoch\n10.02.2025;1,50;2,00\n11.02.2025;1,60;2,10\n"
    new_text = HEADER + "2025-02-10,AAA,1,2,1,1.55,100\n2025-02-11,AAA,1,2.1,1,1.6,100\n"
    new = dataclasses.replace(_task(location, "AAA.csv", new_text, 0), dates=tuple(days))
    old = dataclasses.replace(_task(location, "AAA.txt", old_text, 1), dates=tuple(days))
    convert_files(_TwoCores(), location, [new, old], [d.isoformat() for d in days], "t")
    rejected = {(r["source_file"], r["source_line"]): (r["raw"], r["reason"])
                for r in read_arrow(location, "rejected_rows", REJECTED_ROWS).to_pylist()}
    assert rejected == {
        ("AAA.txt", 2): ("10.02.2025;1,50;2,00",
                             "conflict: superseded by AAA.csv:2 (a more recently modified file)"),
        ("AAA.txt", 3): ("11.02.2025;1,60;2,10",
                         "conflict: superseded by AAA.csv:3 (a more recently modified file)"),
    }
    assert not list((tmp_path / "lake" / "_staging").glob("*"))  # the run's staged rows and sources are gone


@pytest.mark.parametrize("lake", ["local_lake", "s3_lake"])
def test_a_run_leaves_no_staging_folder_but_another_runs(monkeypatch, request, lake):
    # The run's staged rows went, but an empty <lake>/_staging/ stayed after every run (on S3 an empty
    # marker object, pyarrow's delete_dir making the parent it emptied). Another run's staging, there
    # while this one ends, stays as it is.
    from backintime_assets.ingestion import convert as convert_module
    from backintime_assets_tests.ingestion.surveyed_here import serial_tasks
    monkeypatch.setattr(convert_module, "run_tasks", serial_tasks)
    location = request.getfixturevalue(lake)
    fs = location.filesystem()
    text = HEADER + "2025-02-10,AAA,1,2,1,1.5,10\n2025-02-11,AAA,1,2,1,1.6,10\n"
    task = _task(location, "a.csv", text, 0)  # its dates unknown: its rows are staged
    convert_files(_TwoCores(), location, [task], ["2025-02-10", "2025-02-11"], "t1")
    assert fs.get_file_info(location.path("_staging")).type == pafs.FileType.NotFound
    assert len(read_arrow(location, "prices", PRICES)) == 2

    other = location.path("_staging", "t0-other", "bucket=0", "rows.parquet")
    fs.create_dir(posixpath.dirname(other), recursive=True)
    with fs.open_output_stream(other) as out:
        out.write(b"rows of a run still going")
    convert_files(_TwoCores(), location, [task], ["2025-02-10", "2025-02-11"], "t2")
    with fs.open_input_file(other) as handle:
        assert handle.readall() == b"rows of a run still going"
    staged = fs.get_file_info(pafs.FileSelector(location.path("_staging"), recursive=True))
    assert sorted(i.path for i in staged if i.type == pafs.FileType.File) == [other]


@pytest.mark.parametrize("owned", [True, False], ids=["read by its bucket's task", "staged"])
def test_a_losers_line_is_decoded_as_its_file_was_read_not_as_the_schema_it_borrowed(monkeypatch, tmp_path, owned):
    # A UTF-8 file lent a cp1252 neighbour's schema, which does not hold on it (a price of 'x'): it is
    # read with its own detection (parsed.py), its rejected row shows 'Müller'. Its rows that lost a
    # collision were decoded by the borrowed schema: 'MÃ¼ller', a text the file never held.
    import json

    from backintime_assets.ingestion import convert as convert_module
    from backintime_assets.lake import LakeLocation
    from backintime_assets_tests.ingestion.surveyed_here import serial_tasks
    monkeypatch.setattr(convert_module, "run_tasks", serial_tasks)
    location = LakeLocation(url=str(tmp_path / "lake"))
    location.ensure_exists()
    days = [dt.date(2025, 2, 10), dt.date(2025, 2, 11)]
    lender = "Datum;Kurs;Notiz\n10.02.2025;1,50;café\n11.02.2025;1,60;café\n".encode("cp1252")
    lent = json.loads(detect_bytes(lender, "BBB.txt").to_json())
    assert lent["encoding"] == "cp1252"
    old_text = "Datum;Kurs;Notiz\n10.02.2025;1,50;Müller\n10.02.2025;x;Müller\n"
    old = _task(location, "AAA.txt", old_text, 1)
    old = dataclasses.replace(old, schema_json=json.dumps({**lent, "file": "AAA.txt", "borrowed_from": "BBB.txt"}),
                              dates=(days[0],) if owned else None)
    new = _task(location, "AAA.csv", HEADER + "2025-02-10,AAA,1,2,1,1.55,100\n", 0)
    new = dataclasses.replace(new, dates=(days[0],) if owned else None)
    conversion = convert_files(_TwoCores(), location, [new, old], [d.isoformat() for d in days], "t")
    assert "AAA.txt" in conversion.own_schemas  # read with its own schema, not the one it borrowed
    rejected = {(r["source_file"], r["source_line"]): (r["raw"], r["reason"].split(" (")[0])
                for r in read_arrow(location, "rejected_rows", REJECTED_ROWS).to_pylist()}
    assert rejected == {("AAA.txt", 2): ("10.02.2025;1,50;Müller", "conflict: superseded by AAA.csv:2"),
                        ("AAA.txt", 3): ("10.02.2025;x;Müller", "unparseable value: close")}
