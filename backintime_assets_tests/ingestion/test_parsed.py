import datetime as dt
import json

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from backintime_assets.detection import FileSchema, detect_bytes
from backintime_assets.detection.gaps import GAP
from backintime_assets.detection.render import PRICE_HEADER, Style, render_table, sample_prices
from backintime_assets.ingestion import parsed
from backintime_assets.ingestion.parsed import (
    FILE_SUMMARY,
    LOADED,
    FileGroup,
    FileTask,
    from_parsed,
    kept,
    parse_group,
    parse_in_pieces,
    reading_hash,
)
from backintime_assets.ingestion.schema_texts import schema_dict


def _task(data: bytes, name: str = "big.csv") -> FileTask:
    return FileTask(name, name, detect_bytes(data, name).to_json(), dt.date(2020, 1, 1), 0, len(data))


def _rows(table: pa.Table) -> list[tuple]:
    body = table.filter(pc.not_equal(table["status"], FILE_SUMMARY)).drop_columns(["rows_read"])
    return sorted(tuple(r.values()) for r in body.to_pylist())


def _read_at(data: bytes):
    return lambda offset, length: data[offset:offset + length]


def _pieces_as_whole(data: bytes, task: FileTask, piece_bytes: int) -> pa.Table:
    """The file's rows read in pieces of `piece_bytes`, asserted to be the rows it gives read whole."""
    whole = parse_group([data], FileGroup([task], task.schema_json))
    pieces = pa.concat_tables(parse_in_pieces(_read_at(data), len(data), task, piece_bytes))
    assert _rows(pieces) == _rows(whole)
    return pieces


def _pieces_read_as_whole_3000_days(data: bytes, task: FileTask, piece_bytes: int) -> None:
    """Read in pieces, a file of 3000 days from 2020-01-01 gives the rows read whole: each weekday loaded."""
    pieces = _pieces_as_whole(data, task, piece_bytes)
    weekdays = sum((dt.date(2020, 1, 1) + dt.timedelta(days=k)).weekday() < 5 for k in range(3000))
    assert pieces.filter(pc.equal(pieces["status"], "loaded")).num_rows == weekdays  # weekends: not trade days


@pytest.mark.parametrize("style", [
    Style(preamble=["Export of 2020", ""], footer=["", "Total,,,,,,,,"]),
    Style(line_terminator="\r\n", delimiter=";", decimal=",", encoding="cp1252"),
])
@pytest.mark.parametrize("piece_bytes", [700, 4096])
def test_pieces_give_the_rows_of_the_whole_file(style, piece_bytes):
    rows = sample_prices(400, seed=3, tickers=4)
    rows[37][3] = "oops"  # an unparseable open
    data = render_table(PRICE_HEADER, rows, style)
    task = _task(data)
    whole = parse_group([data], FileGroup([task], task.schema_json))
    pieces = list(parse_in_pieces(_read_at(data), len(data), task, piece_bytes))
    assert len(pieces) > 3
    together = pa.concat_tables(pieces)
    assert _rows(together) == _rows(whole)
    summaries = together.filter(pc.equal(together["status"], FILE_SUMMARY))
    assert sum(summaries["rows_read"].to_pylist()) == 400
    assert summaries["reason"].null_count == len(summaries)


@pytest.mark.parametrize("detected", [False, True])
@pytest.mark.parametrize("preamble", ['', 'Export "daily, unchecked\n'])
@pytest.mark.parametrize("stray", ["", '12" pipe'])
@pytest.mark.parametrize("piece_bytes", [1500, 2000, 2500, 4096])
def test_pieces_never_end_inside_a_quoted_line_break(preamble, stray, piece_bytes, detected):
    # A cut at any line break split a quoted note over two pieces: its row read as two rejected ones.
    # An odd quote in the preamble (before the header) must not shift which breaks are inside
    # quotes, nor one inside an unquoted cell (12" pipe), which is text to the parser.
    lines = ["Date,Comment,Ticker,Close,Volume"]
    for k in range(3000):
        day = dt.date(2020, 1, 1) + dt.timedelta(days=k)
        comment = '"halted\nresumed, next day"' if k % 50 == 7 else ("ok" if k % 3 else '"a ""quoted"" note"')
        comment = stray if stray and k == 2 else comment
        lines.append(f"{day.isoformat()},{comment},AAA,{10 + k % 90}.{k % 100:02d},{1000 + k}")
    body = ("\n".join(lines) + "\n").encode()
    data = preamble.encode() + body
    # The schema of the body, moved down a line under the preamble, or (`detected`) the file's own:
    # the preamble once misled detection about the quote character (issue 4), so the pieces were
    # tested with a schema given by hand.
    schema = detect_bytes(data if detected else body, "big.csv").to_dict()
    schema |= {"header_row": schema["header_row"] + 1, "data_start_line": schema["data_start_line"] + 1} \
        if preamble and not detected else {}
    if detected:
        assert (schema["quotechar"], schema["header_row"]) == ('"', preamble.count("\n"))
    task = FileTask("big.csv", "big.csv", FileSchema.from_dict(schema).to_json(), dt.date(2020, 1, 1), 0, len(data))
    _pieces_read_as_whole_3000_days(data, task, piece_bytes)


def test_a_quote_that_never_closes_does_not_make_one_piece_of_the_rest_of_the_file():
    lines = ["Date,Comment,Ticker,Close,Volume", '2020-01-01,"never closed,AAA,10.5,100']
    lines += [f"2020-01-02,note {k},AAA,10.5,100" for k in range(20_000)]
    data = ("\n".join(lines) + "\n").encode()
    task = _task(data)
    pieces = list(parse_in_pieces(_read_at(data), len(data), task, 20_000))
    assert len(pieces) >= len(data) // (4 * 20_000)  # pieces read on at most 4 pieces' worth
    summaries = pa.concat_tables(pieces).filter(pc.equal(pa.concat_tables(pieces)["status"], FILE_SUMMARY))
    assert sum(summaries["rows_read"].to_pylist()) >= 20_000


def test_pieces_number_lines_as_the_whole_file_does_with_stray_carriage_returns():
    # A lone \r ends a line for the line index (lines.py); counting only \n between pieces put
    # every later piece's rows on the wrong lines.
    rows = sample_prices(400, seed=5, tickers=4)
    data = render_table(PRICE_HEADER, rows, Style())
    lines = data.split(b"\n")
    for k in (20, 90, 250):
        lines[k] = lines[k].replace(b",", b",\r", 1)
    data = b"\n".join(lines)
    task = _task(data)
    whole = parse_group([data], FileGroup([task], task.schema_json))
    pieces = pa.concat_tables(parse_in_pieces(_read_at(data), len(data), task, 2000))
    assert _rows(pieces) == _rows(whole)


def test_a_small_or_utf16_file_is_read_whole():
    data = render_table(PRICE_HEADER, sample_prices(50, seed=1), Style(encoding="utf-16"))
    task = _task(data)
    assert len(list(parse_in_pieces(_read_at(data), len(data), task, 500))) == 1
    small = render_table(PRICE_HEADER, sample_prices(5, seed=1), Style())
    assert len(list(parse_in_pieces(_read_at(small), len(small), _task(small), 10_000))) == 1


def test_reading_a_kept_file_holds_one_row_group_at_a_time_however_many_it_has(tmp_path, monkeypatch):
    import os

    import numpy as np
    import pyarrow.fs as pafs
    import pyarrow.parquet as pq

    import backintime_assets.ingestion.parsed as parsed

    monkeypatch.setattr(parsed, "PARSED_BATCH_ROWS", 5_000)
    rows = 400_000
    kept = pa.table({"source_line": np.arange(rows), "close": np.random.default_rng(1).random(rows),
                     "raw": pa.array([f"line {k}" for k in range(rows)])})
    path = str(tmp_path / "kept.parquet")
    pq.write_table(kept, path, row_group_size=5_000)  # 80 row groups
    del kept
    batches = parsed._kept_rows(pafs.LocalFileSystem(), FileTask(path, "big.csv", "{}", dt.date(2025, 1, 2), 0, 1,
                                                                 path))
    held, read = [], 0
    for batch in batches:
        read += batch.num_rows
        held.append(pa.total_allocated_bytes())
        del batch
    assert read == rows
    # pyarrow's default pre-buffering holds the file's every row group read, the whole file here.
    assert max(held) < os.path.getsize(path) // 5


# Notes as hand-kept files hold them: quoted line breaks (of either kind), doubled quotes, a
# quote inside an unquoted cell, a delimiter inside quotes, a byte of cp1252; and a note longer
# than a piece, which the piece reads on to the end of.
_NOTES = ["ok", "", '"halted{nl}resumed, next day"', '"a ""quoted"" note"', '12" pipe', '"split, 2:1"',
          '"réouverture{nl}{nl}(voir ""note"")"', '"{nl}"', '"' + "long note " * 60 + '{nl}end"']


def _noted_file(notes: list[int], nl: str, encoding: str, preamble: bool, footer: bool, quote_all: bool,
                unclosed: int | None) -> bytes:
    lines = ['Export "daily, unchecked'] if preamble else []
    lines.append("Date,Comment,Ticker,Close,Volume")
    for k, n in enumerate(notes):
        n = 2 if k % 10 == 5 else n  # every file holds quoted line breaks
        day = dt.date(2020, 1, 1) + dt.timedelta(days=k)
        cells = [day.isoformat(), _NOTES[n].format(nl=nl), "AAA", f"{10 + k % 90}.{k % 100:02d}", str(1000 + k)]
        if quote_all:
            cells = [c if c.startswith('"') else f'"{c}"' for c in cells]
        if k == unclosed:
            cells[1] = '"never closed'
        lines.append(",".join(cells))
    lines += ["", "Total,,,,"] if footer else []
    return (nl.join(lines) + nl).encode(encoding)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(well_formed=st.booleans(), notes=st.lists(st.integers(0, len(_NOTES) - 1), min_size=20, max_size=150),
       nl=st.sampled_from(["\n", "\r\n", "\r"]), encoding=st.sampled_from(["utf-8", "cp1252"]),
       preamble=st.booleans(), footer=st.booleans(), quote_all=st.booleans(),
       unclosed=st.none() | st.integers(0, 149), piece_share=st.floats(0.02, 0.6), limit=st.sampled_from([None, 300]))
def test_pieces_are_cut_where_the_csv_module_cuts_them(monkeypatch, well_formed, notes, nl, encoding, preamble, footer,
                                                      quote_all, unclosed, piece_share, limit):
    # The pieces end where the csv module, run over each piece, ended them before record_ends
    # found the same ends with array operations: the same rows, lines, raw text and reasons, and
    # the same summary row per piece. A small field_size_limit makes the quote that never closes
    # (and the long note) a record the csv module stops at, as a 128 KB one does in a real file.
    import csv
    from dataclasses import replace

    import backintime_assets.normalisation.record_ends as record_ends_module

    if well_formed:  # then the pieces give the whole file's rows, checked below
        unclosed, limit = None, None
    data = _noted_file(notes, nl, encoding, preamble, footer, quote_all, unclosed)
    # The schema of the file without the quote that never closes, which may mislead detection.
    task = replace(_task(_noted_file(notes, nl, encoding, preamble, footer, quote_all, None)), size_bytes=len(data))
    assert FileSchema.from_json(task.schema_json).quotechar == '"'
    # A record longer than READ_ON_PIECES pieces is cut at a line break by design (a quote that
    # never closes): well-formed files get pieces that hold the long note and its neighbours.
    piece_bytes = max(600 if well_formed else 100, int(piece_share * len(data)))
    cut = record_ends_module.record_ends
    old_limit = csv.field_size_limit(limit or csv.field_size_limit())
    try:
        pieces = list(parse_in_pieces(_read_at(data), len(data), task, piece_bytes))
        monkeypatch.setattr(record_ends_module, "record_ends", lambda *args: None)  # the csv module's cut
        by_csv_module = list(parse_in_pieces(_read_at(data), len(data), task, piece_bytes))
    finally:
        csv.field_size_limit(old_limit)
        monkeypatch.setattr(record_ends_module, "record_ends", cut)
    assert len(pieces) == len(by_csv_module)
    pieces = pa.concat_tables(pieces)
    assert pieces.equals(pa.concat_tables(by_csv_module))
    if well_formed:
        whole = parse_group([data], FileGroup([task], task.schema_json))
        assert _rows(pieces) == _rows(whole)


@pytest.mark.parametrize(("body", "statuses"), [
    (b"2020-01-02,AAA,1,1,1,1,1,10\n2020-01-03,AAA,1,1,1,1,1,10\n", ["loaded", "loaded", FILE_SUMMARY]),
    (b"2020-01-02,AAA,1,1,1,1,1,10\n2020-01-03,AAA,x,1,1,1,1,10\n", ["loaded", "rejected", FILE_SUMMARY]),
    (b"2020-01-02,AAA,-1,1,1,1,1,10\n", ["rejected", FILE_SUMMARY]),  # no loaded part
    (b"", [FILE_SUMMARY]),  # header only: neither part
])
def test_tagged_rows_hold_only_the_parts_a_file_has(body, statuses):
    from backintime_assets.ingestion.parsed import PARSED

    header = b"date,ticker,open,high,low,close,adj_close,volume\n"
    sample = header + b"2020-01-02,AAA,1,1,1,1,1,10\n"
    task = FileTask("f.csv", "f.csv", detect_bytes(sample, "f.csv").to_json(), dt.date(2020, 1, 1), 7, 0)
    table = parse_group([header + body], FileGroup([task], task.schema_json))
    assert table.schema == PARSED
    assert table["status"].to_pylist() == statuses
    assert set(table["priority"].to_pylist()) == {7}
    summary = table.filter(pc.equal(table["status"], FILE_SUMMARY)).to_pylist()[0]
    assert summary["rows_read"] == len(statuses) - 1 and summary["date"] == dt.date(2020, 1, 1)
    rejected = table.filter(pc.equal(table["status"], "rejected")).to_pylist()
    assert all(r["date"] == dt.date(2020, 1, 1) and r["raw"] and r["reason"] for r in rejected)


@pytest.mark.parametrize("piece_bytes", [1500, 2500, 4096])
def test_pieces_of_a_file_that_skips_initial_spaces_never_end_inside_a_quoted_line_break(piece_bytes):
    # ' "halted\n' opens a cell only when spaces are skipped: record_ends, which does not skip,
    # would end a record at that line break, and cut the note's row in two rejected ones.
    lines = ["Date, Comment, Ticker, Close, Volume"]
    for k in range(3000):
        day = dt.date(2020, 1, 1) + dt.timedelta(days=k)
        comment = '"halted\nresumed, next day"' if k % 50 == 7 else ('"ok, fine"' if k % 3 else "ok")
        lines.append(f"{day.isoformat()}, {comment}, AAA, {10 + k % 90}.{k % 100:02d}, {1000 + k}")
    data = ("\n".join(lines) + "\n").encode()
    task = _task(data)
    assert FileSchema.from_json(task.schema_json).skipinitialspace
    _pieces_read_as_whole_3000_days(data, task, piece_bytes)


def _space_aligned_report(days: int) -> tuple[bytes, list[str]]:
    """A report whose columns are set apart by runs of spaces and whose names and values hold
    single spaces ("Trade Date", "SAP SE"), with one unparseable close and one short row."""
    lines = ["Security Report   Page 1", "", "Trade Date    Security       Close Price      Volume"]
    weekdays = (d for d in (dt.date(2020, 1, 1) + dt.timedelta(days=k) for k in range(2 * days)) if d.weekday() < 5)
    for k, day in zip(range(days), weekdays):
        close = "n/a x" if k == 37 else f"{100 + k % 50}.{k % 100:02d}"
        line = f"{day:%d %b %Y}   {['SAP SE', 'BRK B', 'AAPL'][k % 3]:<12}   {close:>11}   {1000 + k:>9}"
        lines.append(line[:40] if k == 101 else line)
    lines += ["", "Total  rows   " + str(days)]
    return ("\r\n".join(lines) + "\r\n").encode(), lines


@pytest.mark.parametrize("piece_bytes", [700, 4096, 1 << 20])
def test_a_space_aligned_report_read_in_pieces_loads_its_values_whole_and_reports_its_own_lines(piece_bytes):
    # Its columns set apart by two spaces or more (delimiter GAP), the report is read with tabs in
    # their place: each piece is rewritten alone, keeps the whole file's line numbers, and its
    # rejected rows carry the file's own lines, not the rewritten ones ("22 Feb 2020\tBRK B\t...").
    data, lines = _space_aligned_report(600)
    task = _task(data, "report.txt")
    assert FileSchema.from_json(task.schema_json).delimiter == GAP
    whole = parse_group([data], FileGroup([task], task.schema_json))
    pieces = pa.concat_tables(parse_in_pieces(_read_at(data), len(data), task, piece_bytes))
    assert _rows(pieces) == _rows(whole)
    loaded = pieces.filter(pc.equal(pieces["status"], "loaded"))
    assert loaded.num_rows == 598 and set(loaded["ticker"].to_pylist()) == {"SAP SE", "BRK B", "AAPL"}
    rejected = pieces.filter(pc.equal(pieces["status"], "rejected")).to_pylist()
    assert [(r["source_line"], r["raw"]) for r in rejected] == [(41, lines[40]), (105, lines[104])]


def test_the_reading_of_schemas_stored_before_skipping_initial_spaces_is_unchanged():
    # The parsed zone finds rows by the reading's hash: a schema that does not skip hashes as it
    # did before the field was added, so no file is read again for it.
    schema = detect_bytes(b"Date,Close\n2020-01-02,1.5\n2020-01-03,1.6\n", "a.csv").to_dict()
    old = {k: v for k, v in schema.items() if k != "skipinitialspace"}
    assert reading_hash(json.dumps(old)) == reading_hash(json.dumps(schema))
    assert reading_hash(json.dumps(dict(schema, skipinitialspace=True))) != reading_hash(json.dumps(schema))


@pytest.mark.parametrize("damage", [b"\x00\n", b"\x00\x00\r\n"], ids=["one NUL a line", "two NULs a line"])
def test_a_piece_of_lines_holding_only_nuls_is_read_as_the_whole_file_reads_it(damage):
    # Such a piece looked empty (NULs were stripped as UTF-16 blank lines) and its lines went
    # uncounted: read whole, each is rejected for its NUL. (Past the sampled head and tail, where
    # detection does not see them.)
    lines = [f"{dt.date(2000, 1, 1) + dt.timedelta(days=k)},AAA,{10 + k % 90}.5,{1000 + k}\n" for k in range(5000)]
    head, rest = "".join(lines[:3000]).encode(), "".join(lines[3000:]).encode()
    data = b"Date,Ticker,Close,Volume\n" + head + damage * 6000 + rest
    task = _task(data)
    assert FileSchema.from_json(task.schema_json).problem is None
    whole = parse_group([data], FileGroup([task], task.schema_json))
    pieces = pa.concat_tables(parse_in_pieces(_read_at(data), len(data), task, 4096))
    assert _rows(pieces) == _rows(whole)
    summaries = pieces.filter(pc.equal(pieces["status"], FILE_SUMMARY))
    assert sum(summaries["rows_read"].to_pylist()) == 11000


@pytest.mark.parametrize("after", [b"", b"\n2001-01-01,AAA,10.5,1000\n"], ids=["tail", "block"])
def test_a_zero_filled_block_longer_than_pieces_read_on_is_one_line(after):
    # Cut into pieces of READ_ON_PIECES pieces' bytes, each reported the line again (13 rejected
    # rows at one line number where the whole file has one).
    body = "".join(f"{dt.date(2000, 1, 1) + dt.timedelta(days=k)},AAA,{10 + k % 90}.5,{1000 + k}\n" for k in range(300))
    data = ("Date,Ticker,Close,Volume\n" + body).encode() + b"\x00" * 200_000 + after
    task = _task(data)
    whole = parse_group([data], FileGroup([task], task.schema_json))
    pieces = pa.concat_tables(parse_in_pieces(_read_at(data), len(data), task, 4096))
    rejected = pieces.filter(pc.equal(pieces["status"], "rejected"))
    damaged = [line for line, why in zip(rejected["source_line"].to_pylist(), rejected["reason"].to_pylist())
               if "NUL" in why]
    assert damaged == [302]
    summaries = pieces.filter(pc.equal(pieces["status"], FILE_SUMMARY))
    assert sum(summaries["rows_read"].to_pylist()) == sum(
        whole.filter(pc.equal(whole["status"], FILE_SUMMARY))["rows_read"].to_pylist())
    if not after:  # the raw line shows the NULs of the piece read: the count differs, not the row
        assert [r[:12] + r[13:] for r in _rows(pieces)] == [r[:12] + r[13:] for r in _rows(whole)]


@pytest.mark.parametrize("rows", [["2020-01-02,AAA,10.5,1000\n", "2020-01-03,AAA,11.5,1000\n"], []])
def test_a_first_piece_without_rows_names_no_problem_of_a_file_that_has_rows(rows):
    # A header, then more blank lines than a piece: the first piece has no rows, and its "no data
    # rows" became the file's problem (the survey's, the accounting's) while its rows loaded.
    data = ("Date,Ticker,Close,Volume\n" + "\n" * 5000 + "".join(rows)).encode()
    task = _task(data)
    pieces = pa.concat_tables(parse_in_pieces(_read_at(data), len(data), task, 1024))
    summaries = pieces.filter(pc.equal(pieces["status"], FILE_SUMMARY))
    assert len(summaries) > 1 and sum(summaries["rows_read"].to_pylist()) == len(rows)
    assert [p for p in summaries["reason"].to_pylist() if p] == ([] if rows else ["no data rows"])


def test_a_footer_of_several_lines_is_never_split_between_pieces():
    # Wherever a piece ends, the footer's lines are all in the last piece: one cut inside it read
    # the totals line and the notes as data rows ("unparseable value: date") in the piece before.
    style = Style(footer=["", "Total,,,,,,,,", "Source: exchange,,,,,,,,", "Prices are indicative,,,,,,,,"])
    data = render_table(PRICE_HEADER, sample_prices(60, seed=3, tickers=2), style)
    task = _task(data)
    assert FileSchema.from_json(task.schema_json).footer_lines == 3
    whole = _rows(parse_group([data], FileGroup([task], task.schema_json)))
    for piece_bytes in range(300, 900, 7):
        together = pa.concat_tables(parse_in_pieces(_read_at(data), len(data), task, piece_bytes))
        assert _rows(together) == whole, piece_bytes
        summaries = together.filter(pc.equal(together["status"], FILE_SUMMARY))
        assert sum(summaries["rows_read"].to_pylist()) == 60


def test_a_groups_rows_come_file_by_file_loaded_rejected_then_summary():
    # As the parsed zone keeps them (kept_groups.py): a survey's group file then writes each file's
    # rows as they come, without moving every row into place.
    header = b"date,ticker,open,high,low,close,adj_close,volume\n"
    datas = [header + b"2020-01-02,AAA,1,1,1,1,1,10\n2020-01-02,BBB,x,1,1,1,1,10\n2020-01-02,CCC,1,1,1,1,1,10\n",
             header + b"2020-01-03,AAA,1,1,1,1,1,10\n",
             header + b"2020-01-06,AAA,-1,1,1,1,1,10\n2020-01-06,BBB,1,1,1,1,1,10\n"]
    names = ["c.csv", "a.csv", "b.csv"]  # not in name order: the files' order holds
    schema = detect_bytes(datas[0], "c.csv").to_json()
    tasks = [FileTask(n, n, schema, dt.date(2020, 1, 1), k, len(d)) for k, (n, d) in enumerate(zip(names, datas))]
    table = parse_group(datas, FileGroup(tasks, schema))
    assert list(zip(table["source_file"].to_pylist(), table["status"].to_pylist(), table["priority"].to_pylist())) == [
        ("c.csv", "loaded", 0), ("c.csv", "loaded", 0), ("c.csv", "rejected", 0), ("c.csv", FILE_SUMMARY, 0),
        ("a.csv", "loaded", 1), ("a.csv", FILE_SUMMARY, 1),
        ("b.csv", "loaded", 2), ("b.csv", "rejected", 2), ("b.csv", FILE_SUMMARY, 2)]
    assert table["source_line"].to_pylist() == [2, 4, 3, None, 2, None, 3, 2, None]
    assert all(column.num_chunks == 1 for column in table.columns)


@pytest.mark.parametrize("piece_bytes", [1500, 4096])
def test_pieces_of_a_file_whose_lines_are_quoted_whole_read_unwrapped_as_the_whole(piece_bytes):
    # Every piece is read unwrapped (the schema says so): read as written, a piece was one column.
    lines = ['"Date,Ticker,Close,Volume"']
    for k in range(3000):
        day = dt.date(2020, 1, 1) + dt.timedelta(days=k)
        volume = f'""{1 + k // 1000},{k % 1000:03d}""' if k % 3 else str(1000 + k)
        lines.append(f'"{day.isoformat()},AAA,{10 + k % 90}.{k % 100:02d},{volume}"')
    data = ("\r\n".join(lines) + "\r\n").encode()
    task = _task(data)
    assert FileSchema.from_json(task.schema_json).wrapped == '"'
    _pieces_read_as_whole_3000_days(data, task, piece_bytes)


def test_kept_rows_of_a_file_whose_header_names_its_ticker_keep_it_under_another_name():
    # Kept rows read again for a copy of the file are renamed after the copy only when nothing in the
    # file names their ticker: yfinance's "Ticker" row does.
    data = (b"Price,Close,Volume\nTicker,7203.T,7203.T\nDate,,\n2024-01-04,2761.0,27180000\n"
            b"2024-01-05,2801.0,30124900\n2024-01-09,2810.0,30124900\n")
    rows = kept(parse_group([data], FileGroup([_task(data, "toyota.csv")], _task(data, "toyota.csv").schema_json)))
    copy = _task(data, "copy.csv")
    again = from_parsed(rows, copy)
    loaded = again.filter(pc.equal(again["status"], "loaded"))
    assert loaded.num_rows == 3 and set(loaded["ticker"].to_pylist()) == {"7203.T"}
    plain = b"Date,Close,Volume\n2024-01-04,2761.0,27180000\n2024-01-05,2801.0,30124900\n"
    rows = kept(parse_group([plain], FileGroup([_task(plain, "toyota.csv")], _task(plain, "toyota.csv").schema_json)))
    again = from_parsed(rows, _task(plain, "copy.csv"))
    assert set(again.filter(pc.equal(again["status"], "loaded"))["ticker"].to_pylist()) == {"COPY"}


@pytest.mark.parametrize("piece_bytes", [1500, 4096])
def test_a_stooq_pl_download_read_in_pieces_and_its_copy_load_under_its_symbol(piece_bytes):
    # stooq.pl's "wig20_d.csv" (Polish header: the name is stooq's) loads as WIG20 read whole or in
    # pieces; its kept rows read again for a copy take the copy's symbol, "pkn_d.csv" PKN, not PKN_D.
    lines = ["Data,Otwarcie,Najwyzszy,Najnizszy,Zamkniecie,Wolumen"]
    for k in range(3000):
        day = dt.date(2020, 1, 1) + dt.timedelta(days=k)
        lines.append(f"{day.isoformat()},{10 + k % 90}.10,{11 + k % 90}.20,{9 + k % 90}.30,{10 + k % 90}.40,{1000 + k}")
    data = ("\n".join(lines) + "\n").encode()
    task = _task(data, "wig20_d.csv")
    pieces = _pieces_as_whole(data, task, piece_bytes)
    assert set(pieces.filter(pc.equal(pieces["status"], "loaded"))["ticker"].to_pylist()) == {"WIG20"}
    rows = kept(parse_group([data], FileGroup([task], task.schema_json)))
    again = from_parsed(rows, _task(data, "pkn_d.csv"))
    assert set(again.filter(pc.equal(again["status"], "loaded"))["ticker"].to_pylist()) == {"PKN"}


def _stacked_downloads() -> bytes:
    """AAPL's yfinance download, then MSFT's and GOOG's below it, past detection's sample."""
    def table(ticker: str, start: dt.date, n: int) -> str:
        days = [start + dt.timedelta(days=k) for k in range(n * 2) if (start + dt.timedelta(days=k)).weekday() < 5][:n]
        rows = "".join(f"{d.isoformat()},{100 + k % 50}.25,{1000 + k}\n" for k, d in enumerate(days))
        return f"Price,Close,Volume\nTicker,{ticker},{ticker}\nDate,,\n{rows}"
    return (table("AAPL", dt.date(1990, 1, 1), 3000) + "\n" + table("MSFT", dt.date(2005, 1, 1), 1000) + "\n"
            + table("GOOG", dt.date(2010, 1, 1), 1000)).encode()


def _stacked_tickers(parts) -> dict[str, int]:
    import collections

    loaded = collections.Counter()
    for part in parts:
        loaded.update(part.filter(pc.equal(part["status"], "loaded"))["ticker"].to_pylist())
    return dict(loaded)


_EACH_OWN = {"AAPL": 3000, "MSFT": 1000, "GOOG": 1000}


def test_pieces_of_stacked_downloads_load_each_tables_rows_under_its_own_ticker():
    # A piece that starts inside MSFT's or GOOG's table, its header in a piece before, needs the
    # ticker of the last header above it; all rows had loaded under the file's name ("PRICES").
    data = _stacked_downloads()
    task = _task(data, "prices.csv")
    assert FileSchema.from_json(task.schema_json).ticker == "AAPL"
    assert _stacked_tickers(parse_in_pieces(_read_at(data), len(data), task, 20_000)) == _EACH_OWN
    # A piece boundary right at MSFT's "Price" line, and right at its "Ticker" line.
    for at in (data.index(b"Price,Close,Volume\nTicker,MSFT"), data.index(b"Ticker,MSFT")):
        assert _stacked_tickers(parse_in_pieces(_read_at(data), len(data), task, at)) == _EACH_OWN


def test_pieces_cut_between_a_stacked_tables_label_and_its_header_load_as_the_file_read_whole():
    # Bloomberg's way: "MSFT US Equity" over "Date,PX_LAST,PX_VOLUME". A piece ending on the label
    # left the next to start with the plain header, read as a repeat naming none: MSFT's rows loaded
    # under the file's name ("PRICES"), though read whole they are MSFT's.
    def table(ticker: str, start: dt.date, n: int) -> str:
        days = [start + dt.timedelta(days=k) for k in range(n * 2) if (start + dt.timedelta(days=k)).weekday() < 5][:n]
        rows = "".join(f"{d.isoformat()},{100 + k % 50}.25,{1000 + k}\n" for k, d in enumerate(days))
        return f"{ticker} US Equity\nDate,PX_LAST,PX_VOLUME\n{rows}"
    data = (table("AAPL", dt.date(1990, 1, 1), 3000) + table("MSFT", dt.date(2005, 1, 1), 300)
            + table("GOOG", dt.date(2010, 1, 1), 300)).encode()
    task = _task(data, "prices.csv")
    expected = {"AAPL US EQUITY": 3000, "MSFT US EQUITY": 300, "GOOG US EQUITY": 300}
    assert _stacked_tickers([parse_group([data], FileGroup([task], task.schema_json))]) == expected
    for label in (b"MSFT US Equity\n", b"GOOG US Equity\n"):
        at = data.index(label) + len(label)  # the first piece ends on the label
        assert _stacked_tickers(parse_in_pieces(_read_at(data), len(data), task, at)) == expected


def test_stacked_downloads_read_whole_load_each_tables_rows_under_its_own_ticker():
    data = _stacked_downloads()
    rows = parse_group([data], FileGroup([_task(data, "prices.csv")], _task(data, "prices.csv").schema_json))
    assert _stacked_tickers([rows]) == _EACH_OWN
    assert rows.filter(pc.equal(rows["status"], "rejected")).num_rows == 6  # the two headers' lines


def test_a_stacked_table_under_a_plain_header_keeps_the_files_name_and_a_copy_takes_its_own():
    # MSFT's table under a plain repeat of the header names no security: the file's name, as a
    # file whose header names none; a copy names those rows after itself, the others keep theirs.
    data = _stacked_downloads().replace(b"Price,Close,Volume\nTicker,MSFT,MSFT\nDate,,\n", b"Price,Close,Volume\n")
    task = _task(data, "prices.csv")
    expected = {"AAPL": 3000, "PRICES": 1000, "GOOG": 1000}
    assert _stacked_tickers(parse_in_pieces(_read_at(data), len(data), task, 20_000)) == expected
    rows = kept(parse_group([data], FileGroup([task], task.schema_json)))
    assert _stacked_tickers([rows]) == expected
    assert _stacked_tickers([from_parsed(rows, _task(data, "copy.csv"))]) == {"AAPL": 3000, "COPY": 1000, "GOOG": 1000}


def test_a_plain_header_table_of_a_file_a_site_names_keeps_the_label_above_it_in_pieces_and_copies():
    # export.csv names nothing: read whole, the table under a plain repeat is AAPL's, the label's above
    # it (normalisation/stacked_tables.py). Read in pieces, those past the first piece's end had loaded
    # as EXPORT; a copy kept another name's rows as EXPORT's, and export.csv's rows as AAPL's for a
    # copy whose name names them (prices.csv reads them as PRICES).
    data = _stacked_downloads().replace(b"Price,Close,Volume\nTicker,MSFT,MSFT\nDate,,\n", b"Price,Close,Volume\n")
    task = _task(data, "export.csv")
    expected = {"AAPL": 4000, "GOOG": 1000}
    assert _stacked_tickers([parse_group([data], FileGroup([task], task.schema_json))]) == expected
    assert _stacked_tickers(parse_in_pieces(_read_at(data), len(data), task, 20_000)) == expected
    other = _task(data, "prices.csv")
    assert _stacked_tickers([from_parsed(kept(parse_group([data], FileGroup([other], other.schema_json))), task)]) \
        == expected
    assert _stacked_tickers([from_parsed(kept(parse_group([data], FileGroup([task], task.schema_json))), other)]) \
        == {"AAPL": 3000, "PRICES": 1000, "GOOG": 1000}


def test_a_plain_header_table_of_a_file_named_as_a_tables_ticker_takes_a_copys_name():
    # msft.csv: AAPL's table, a table under a plain repeat of the header (named after the file: MSFT),
    # MSFT's table. Its kept rows read for copy.csv kept MSFT for the middle table, since the file's
    # name spelled a header's ticker; read afresh, copy.csv loads them as COPY's.
    data = _stacked_downloads().replace(b"Price,Close,Volume\nTicker,MSFT,MSFT\nDate,,\n", b"Price,Close,Volume\n")
    data = data.replace(b"Ticker,GOOG,GOOG", b"Ticker,MSFT,MSFT")
    rows = kept(parse_group([data], FileGroup([_task(data, "msft.csv")], _task(data, "msft.csv").schema_json)))
    assert _stacked_tickers([rows]) == {"AAPL": 3000, "MSFT": 2000}
    copy = _task(data, "copy.csv")
    fresh = _stacked_tickers([parse_group([data], FileGroup([copy], copy.schema_json))])
    assert fresh == {"AAPL": 3000, "COPY": 1000, "MSFT": 1000}
    assert _stacked_tickers([from_parsed(rows, copy)]) == fresh


def test_kept_rows_of_stacked_downloads_keep_their_tables_tickers_under_a_copys_name():
    # Each table's rows are its own security's under any name the content is read as.
    data = _stacked_downloads()
    rows = kept(parse_group([data], FileGroup([_task(data, "prices.csv")], _task(data, "prices.csv").schema_json)))
    assert _stacked_tickers([from_parsed(rows, _task(data, "copy.csv"))]) == _EACH_OWN


def test_kept_rows_of_a_workbook_named_by_its_sheets_keep_their_tickers_under_another_name():
    # A workbook of one ticker a sheet, no ticker column: its rows are named by their sheets. Read
    # again for a copy, every row was renamed after the copy: AAPL's and MSFT's prices as one ticker's.
    import io

    import openpyxl

    book = openpyxl.Workbook()
    book.remove(book.active)
    for name in ("AAPL", "MSFT"):
        sheet = book.create_sheet(name)
        sheet.append(["Date", "Close", "Volume"])
        for k in range(1, 20):
            day = dt.date(2024, 1, 1) + dt.timedelta(days=k)
            if day.weekday() < 5:
                sheet.append([day, 100 + k + (50 if name == "MSFT" else 0), 1000 + k])
    out = io.BytesIO()
    book.save(out)
    data = out.getvalue()
    rows = kept(parse_group([data], FileGroup([_task(data, "prices.xlsx")], _task(data, "prices.xlsx").schema_json)))
    again = from_parsed(rows, _task(data, "copy.xlsx"))
    loaded = again.filter(pc.equal(again["status"], "loaded"))
    assert loaded.num_rows == 28 and sorted(set(loaded["ticker"].to_pylist())) == ["AAPL", "MSFT"]


def test_kept_rows_under_a_header_ticker_the_files_name_spells_keep_it_under_another_name():
    data = b"Price,Close,Volume\nTicker,AAPL,AAPL\nDate,,\n2024-01-04,181.9,71983600\n2024-01-05,181.2,62303300\n"
    rows = kept(parse_group([data], FileGroup([_task(data, "aapl.csv")], _task(data, "aapl.csv").schema_json)))
    again = from_parsed(rows, _task(data, "copy.csv"))
    assert set(again.filter(pc.equal(again["status"], "loaded"))["ticker"].to_pylist()) == {"AAPL"}


def _week_days(first_day: int, last_day: int, ticker: str) -> bytes:
    return ("Date,Ticker,Close\n" + "".join(f"2025-03-{d:02d},{ticker},{100 + d}.5\n"
                                             for d in range(first_day, last_day + 1))).encode()


def test_the_tasks_week_reaches_the_normaliser_alone_in_a_group_and_in_pieces():
    from dataclasses import replace

    from backintime_assets.trading_week import TradingWeek

    every_day = TradingWeek.parse("mon-sun")
    a, b = _week_days(3, 9, "BTC"), _week_days(3, 9, "ETH")  # Monday 3 to Sunday 9 March
    tasks = [replace(_task(a, "btc.csv"), week=every_day), replace(_task(b, "eth.csv"), week=every_day)]

    def loaded(table: pa.Table) -> list[int]:
        return sorted(d.day for d in table.filter(pc.equal(table["status"], "loaded"))["date"].to_pylist())

    assert loaded(parse_group([a, b], FileGroup(tasks, tasks[0].schema_json))) == sorted(list(range(3, 10)) * 2)
    assert loaded(parse_group([a], FileGroup(tasks[:1], tasks[0].schema_json))) == list(range(3, 10))
    pieces = pa.concat_tables(parse_in_pieces(_read_at(a), len(a), tasks[0], 64))
    assert loaded(pieces) == list(range(3, 10))
    by_default = parse_group([a], FileGroup([_task(a, "btc.csv")], tasks[0].schema_json))
    assert loaded(by_default) == list(range(3, 8))


def test_tasks_of_two_weeks_are_never_read_in_one_group():
    from dataclasses import replace

    from backintime_assets.ingestion.parsed import group_files
    from backintime_assets.trading_week import TradingWeek

    a = _week_days(3, 9, "BTC")
    tasks = [_task(a, "a.csv"), replace(_task(a, "b.csv"), week=TradingWeek.parse("mon-sun"))]
    assert sorted(len(g.tasks) for g in group_files(tasks, 10**9)) == [1, 1]


def test_rows_kept_under_one_week_are_not_found_under_another():
    from backintime_assets.ingestion.parsed import kept_rows_key, parsed_key
    from backintime_assets.trading_week import MON_FRI, TradingWeek

    schema_json = _task(_week_days(3, 9, "BTC")).schema_json
    sun_thu, every_day = TradingWeek.parse("sun-thu"), TradingWeek.parse("mon-sun")
    hashes = {reading_hash(schema_json, w) for w in (MON_FRI, sun_thu, every_day)}
    assert len(hashes) == 3
    # Monday to Friday keys as before the setting: rows kept then are still found.
    import hashlib

    from backintime_assets.ingestion.parsed import PARSER_VERSION
    from backintime_assets.ingestion.schema_texts import reading_key_of

    before = hashlib.sha256(f"{PARSER_VERSION}:{reading_key_of(schema_json)}".encode()).hexdigest()[:16]
    assert reading_hash(schema_json) == before
    assert reading_hash(schema_json) == reading_hash(schema_json, MON_FRI) == reading_hash(
        schema_json, TradingWeek.parse("mon,tue,wed,thu,fri"))
    assert parsed_key("ab" * 32, schema_json, sun_thu) != parsed_key("ab" * 32, schema_json)
    assert kept_rows_key("ab" * 32, schema_json, 10, sun_thu) != kept_rows_key("ab" * 32, schema_json, 10)
    assert kept_rows_key("ab" * 32, schema_json, 10**9, every_day) == parsed_key("ab" * 32, schema_json, every_day)


def test_kept_rows_of_stacked_downloads_the_files_name_spells_keep_their_tables_tickers_under_a_copy():
    # Named AAPL.csv, as its first table's header: the other tables' rows are MSFT's and GOOG's still.
    data = _stacked_downloads()
    rows = kept(parse_group([data], FileGroup([_task(data, "aapl.csv")], _task(data, "aapl.csv").schema_json)))
    assert _stacked_tickers([rows]) == _EACH_OWN
    assert _stacked_tickers([from_parsed(rows, _task(data, "copy.csv"))]) == _EACH_OWN


def _named_by_user(task: FileTask, ticker: str) -> FileTask:
    schema = dict(schema_dict(task.schema_json), ticker=ticker, ticker_from="schema override by ana")
    return FileTask(task.lake_path, task.source_file, json.dumps(schema), task.home_date, task.priority,
                    task.size_bytes)


def test_a_users_ticker_names_every_row_of_stacked_tables_and_of_a_copy():
    # A user's ticker stands in for the file's name, which the rows of stacked tables fall back to.
    data = _stacked_downloads()
    task = _named_by_user(_task(data, "prices.csv"), "AAPL")
    loaded = []
    for part in parse_in_pieces(_read_at(data), len(data), task, 20_000):
        loaded += part.filter(pc.equal(part["status"], "loaded"))["ticker"].to_pylist()
    assert len(loaded) == 5000 and set(loaded) == {"AAPL"}
    small = b"Date,Close\n2024-01-04,181.9\n2024-01-05,181.2\n"
    for name, ticker in (("apple.csv", "AAPL"), ("aapl.csv", "AAPL")):
        user = _named_by_user(_task(small, name), ticker)
        rows = kept(parse_group([small], FileGroup([user], user.schema_json)))
        again = from_parsed(rows, _named_by_user(_task(small, "copy.csv"), ticker))
        assert again.filter(pc.equal(again["status"], "loaded"))["ticker"].to_pylist() == ["AAPL", "AAPL"]


def test_an_index_line_of_a_history_read_in_pieces_is_rejected_on_the_days_no_cut_falls_in():
    # An index above its 60 constituents every day (its volume theirs added up, aggregates.py): a
    # piece cut mid-day left the index missing the others' sum there, and that one miss loaded the
    # index on every day of its piece, which read whole rejects on all of them.
    lines, day = ["Date,Symbol,Open,High,Low,Close,Volume"], dt.date(2022, 1, 3)
    for k in range(40):
        while day.weekday() >= 5:
            day += dt.timedelta(days=1)
        volumes = [1000 + 37 * ((k * 60 + i) % 97) * (i + 1) for i in range(60)]
        lines += [f"{day},NIFTY,100,110,90,105,{sum(volumes)}"] + [
            f"{day},S{i:02d},10,11,9,10.5,{v}" for i, v in enumerate(volumes)]
        day += dt.timedelta(days=1)
    data = ("\n".join(lines) + "\n").encode()
    task = _task(data, "nifty_history.csv")
    pieces = pa.concat_tables(parse_in_pieces(_read_at(data), len(data), task, 20_000))
    loaded = pieces.filter(pc.equal(pieces["status"], LOADED))
    index_loaded = loaded.filter(pc.equal(loaded["ticker"], "NIFTY")).num_rows
    assert loaded.num_rows - index_loaded == 40 * 60
    # At most the one day each cut falls in, not every day of the pieces.
    assert index_loaded <= len(data) // 20_000


def test_stacked_downloads_pasted_into_one_column_read_in_pieces_load_as_read_whole():
    # Each line one quoted record ('"Ticker,MSFT,MSFT,..."'): the piece after a table's header read
    # its rejected lines as written, found no ticker row in them, and named MSFT's rows AAPL's.
    def table(ticker: str) -> str:
        rows = "".join(f"{dt.date(2000, 1, 3) + dt.timedelta(days=k)},{100 + k % 50}.25,{101 + k % 50}.5,"
                       f"{99 + k % 50}.75,{100 + k % 50}.0,{1000 + k}\n" for k in range(1500))
        return f"Price,Close,High,Low,Open,Volume\nTicker,{','.join([ticker] * 5)}\nDate,,,,,\n{rows}"
    text = table("AAPL") + table("MSFT") + table("NVDA")
    data = "".join('"' + line + '"\n' for line in text.splitlines()).encode()
    task = _task(data, "downloads.csv")
    assert FileSchema.from_json(task.schema_json).wrapped == '"'
    pieces = pa.concat_tables(parse_in_pieces(_read_at(data), len(data), task, 30_000))
    whole = pa.concat_tables(parse_in_pieces(_read_at(data), len(data), task, len(data) + 1))
    assert _rows(pieces.filter(pc.equal(pieces["status"], LOADED))) == _rows(whole.filter(
        pc.equal(whole["status"], LOADED)))


def test_a_new_rule_for_east_of_utc_epochs_reads_their_files_again_and_no_others(monkeypatch):
    # Only an "_east" epoch column's reading changed (normalisation/east_days.py): every other
    # file's kept rows stay found, not the whole parsed zone read again.
    stamps = "".join(f"{1704063600 + 86400 * (7 * w + k)},10,11,9,10.5,100\n" for w in range(3) for k in range(5))
    east = detect_bytes(f"timestamp,open,high,low,close,volume\n{stamps}".encode(), "bhp.csv").to_json()
    plain = detect_bytes(render_table(PRICE_HEADER, sample_prices(20, seed=3), Style()), "a.csv").to_json()
    assert '"epoch_s_east"' in east
    before = reading_hash(east), reading_hash(plain)
    monkeypatch.setattr(parsed, "EAST_EPOCH_VERSION", parsed.EAST_EPOCH_VERSION + 1)
    assert reading_hash(east) != before[0] and reading_hash(plain) == before[1]


@pytest.mark.parametrize("header", ["Date,Volume,Close", "Datum,Volumen,Schluss"])
def test_pieces_reject_a_part_under_the_headers_names_in_another_order_as_the_file_read_whole(header):
    # Files joined, the second written "Date,Volume,Close": read whole its rows are rejected; read in
    # pieces, a piece past the first (read without the header) or starting inside that part loaded
    # its 2,000,000 volumes as closes.
    def part(header: str, start: dt.date, n: int) -> str:
        days = [start + dt.timedelta(days=k) for k in range(n * 2) if (start + dt.timedelta(days=k)).weekday() < 5][:n]
        cells = [{"Date": d.isoformat(), "Close": f"{100 + k % 50}.25", "Volume": str(2_000_000 + k)}
                 for k, d in enumerate(days)]
        cells = [{**c, "Datum": c["Date"], "Schluss": c["Close"], "Volumen": c["Volume"]} for c in cells]
        return header + "\n" + "".join(",".join(c[n] for n in header.split(",")) + "\n" for c in cells)
    # "Datum,Volumen,Schluss": the same columns in another language's words, which hold no "Date".
    data = (part("Date,Close,Volume", dt.date(1990, 1, 1), 3000) + part(header, dt.date(2005, 1, 1), 300)
            + part("Date,Close,Volume", dt.date(2010, 1, 1), 100)).encode()
    task = _task(data, "prices.csv")
    whole = parse_group([data], FileGroup([task], task.schema_json))
    assert whole.filter(pc.equal(whole["status"], "loaded")).num_rows == 3100
    reordered = data.index(header.encode())
    for at in (20_000, reordered, reordered + 18, reordered + 2000):
        pieces = pa.concat_tables(parse_in_pieces(_read_at(data), len(data), task, at))
        assert _rows(pieces) == _rows(whole), at
        assert pc.max(pieces.filter(pc.equal(pieces["status"], "loaded"))["close"]).as_py() < 200


@pytest.mark.parametrize("labels, fields, alone", [(",MSFT,MSFT,AAPL,AAPL", "Date,Close,Volume,Close,Volume", False),
                                                   (",AAPL,AAPL,MSFT,MSFT", "Date,Volume,Close,Volume,Close", False),
                                                   (",GOOG,GOOG,AMZN,AMZN", "Date,Close,Volume,Close,Volume", False),
                                                   (",GOOG,GOOG,AMZN,AMZN", "Date,Close,Volume,Close,Volume", True)])
def test_pieces_reject_a_part_of_tickers_side_by_side_under_other_labels_as_the_file_read_whole(labels, fields,
                                                                                                 alone):
    # Two downloads of AAPL and MSFT side by side joined, the second's labels naming MSFT's columns
    # first: a piece past the first, read without the labels, loaded MSFT's closes as AAPL's. (Its
    # fields in another order were rejected, but each row's reason lost the ticker it names.)
    # `alone`: the second's labels right over its rows, no line of fields under them.
    days = [d for d in (dt.date(1990, 1, 1) + dt.timedelta(days=k) for k in range(4300)) if d.weekday() < 5][:3000]

    def part(labels: str, fields: str, days: list) -> str:
        tickers = labels.split(",")[1::2]
        cells = [{f"{t}Close": f"{(100 if t in ('AAPL', 'AMZN') else 400) + k % 50}.25", f"{t}Volume": str(900000 + k)}
                 for k, _ in enumerate(days) for t in tickers]
        rows = "".join(f"{d}," + ",".join(cells[2 * k + j // 2][tickers[j // 2] + f] for j, f in
                                          enumerate(fields.split(",")[1:])) + "\n" for k, d in enumerate(days))
        return f"{labels}\n{rows}" if alone and labels != usual[0] else f"{labels}\n{fields}\n{rows}"
    usual = ",AAPL,AAPL,MSFT,MSFT", "Date,Close,Volume,Close,Volume"
    data = (part(*usual, days[:2000]) + part(labels, fields, days[2000:2400]) + part(*usual, days[2400:])).encode()
    task = _task(data, "wide.csv")
    whole = parse_group([data], FileGroup([task], task.schema_json))
    loaded = whole.filter(pc.equal(whole["status"], "loaded"))
    assert loaded.num_rows == 2 * 2600
    part_at = data.index(f"{labels}\n".encode() if alone else f"{labels}\n{fields}".encode(), 100)
    for at in (20_000, part_at, part_at + 21, part_at + 40, part_at + 2000):
        pieces = pa.concat_tables(parse_in_pieces(_read_at(data), len(data), task, at))
        assert _rows(pieces) == _rows(whole), at
        aapl = pieces.filter(pc.and_(pc.equal(pieces["status"], "loaded"), pc.equal(pieces["ticker"], "AAPL")))
        assert pc.max(aapl["close"]).as_py() < 200, at


@pytest.mark.parametrize("line, loads", [(",ADR,,ORD,", True), (",Buy,Buy,Sell,Sell", True),
                                         (",GOOGL,GOOGL,IVV,IVV", False),
                                         (",goog,goog,amzn,amzn", False), (",ADR,,ORD,", False)])
def test_pieces_judge_a_line_of_labels_between_rows_by_the_prices_as_the_file_read_whole(line, loads):
    # Words a ticker may be, in capitals or not, over each ticker's columns between rows: a note when
    # the prices below run on from those above (`loads`), another download's labels when they jump.
    # A piece beginning at the line knows the rows above it from the pieces before.
    days = [d for d in (dt.date(1990, 1, 1) + dt.timedelta(days=k) for k in range(4300)) if d.weekday() < 5][:3000]
    rows = [f"{d},{100 + k % 7}.25,{900000 + k},{400 + k % 7}.25,{500000 + k}" for k, d in enumerate(days)]
    below = rows[2000:] if loads else [r.replace(",1", ",7", 1) for r in rows[2000:]]
    head = [",AAPL,AAPL,MSFT,MSFT", "Date,Close,Volume,Close,Volume"]
    data = "\n".join([*head, *rows[:2000], line, *below, ""]).encode()
    task = _task(data, "wide.csv")
    whole = parse_group([data], FileGroup([task], task.schema_json))
    loaded = whole.filter(pc.equal(whole["status"], "loaded"))
    assert loaded.num_rows == 2 * (3000 if loads else 2000)
    at = data.index(f"\n{line}\n".encode()) + 1
    for piece_bytes in (20_000, at, at + len(line) + 1, at + 40):
        pieces = pa.concat_tables(parse_in_pieces(_read_at(data), len(data), task, piece_bytes))
        assert _rows(pieces) == _rows(whole), piece_bytes


def _east_and_west() -> bytes:
    """Eight weeks of an ASX ticker stamped at its open (23:00 UTC, the evening before), then eight
    of a New York one at its open (14:30 UTC, its own day), as Yahoo's chart API stamps them."""
    monday = int(dt.datetime(2024, 1, 1, tzinfo=dt.timezone.utc).timestamp())
    days = [7 * w + d for w in range(8) for d in range(5)]
    rows = [f"{monday - 3600 + k * 86400},BHP.AX,10.0,11.0,9.0,10.5,100" for k in days]
    rows += [f"{monday + 52200 + k * 86400},SPY,20.0,21.0,19.0,20.5,200" for k in days]
    return ("timestamp,ticker,open,high,low,close,volume\n" + "\n".join(rows) + "\n").encode()


@pytest.mark.parametrize("piece_bytes", [300, 600, 900, 1600, 1800, 2600])
def test_pieces_read_each_ticker_of_east_of_utc_epochs_as_the_whole_file(piece_bytes):
    # Each piece decided its tickers' readings by its own rows: a piece of a few SPY rows beside
    # ASX ones loaded them a day late, one of BHP's midweek rows beside SPY's a day early.
    data = _east_and_west()
    task = _task(data[:data.index(b"SPY") - 30], "m.csv")  # detected on the ASX rows: "_east"
    assert '"epoch_s_east"' in task.schema_json
    pieces = _pieces_as_whole(data, FileTask("m.csv", "m.csv", task.schema_json, dt.date(2020, 1, 1), 0, len(data)),
                              piece_bytes)
    loaded = pieces.filter(pc.equal(pieces["status"], LOADED))
    assert loaded.num_rows == 80
    for ticker in ("BHP.AX", "SPY"):  # each on its sessions, Monday 1 January to Friday 23 February
        days = loaded.filter(pc.equal(loaded["ticker"], ticker))["date"].to_pylist()
        assert sorted(days) == [dt.date(2024, 1, 1) + dt.timedelta(days=7 * w + d) for w in range(8) for d in range(5)]


@pytest.mark.parametrize("piece_bytes", [300, 900, 1800, 2600])
def test_pieces_read_each_ticker_of_east_of_utc_text_as_the_whole_file(piece_bytes):
    # The same stamps written as UTC text ("2023-12-31T23:00:00Z"): its "_east" reading is decided
    # over the whole file too.
    data = _east_and_west().decode().splitlines()
    text = [data[0]] + [",".join([dt.datetime.fromtimestamp(int(row.split(",", 1)[0]), dt.timezone.utc)
                                  .strftime("%Y-%m-%dT%H:%M:%SZ"), row.split(",", 1)[1]]) for row in data[1:]]
    data = ("\n".join(text) + "\n").encode()
    task = _task(data[:data.index(b"SPY") - 30], "m.csv")
    assert '%z_east"' in task.schema_json
    pieces = _pieces_as_whole(data, FileTask("m.csv", "m.csv", task.schema_json, dt.date(2020, 1, 1), 0, len(data)),
                              piece_bytes)
    loaded = pieces.filter(pc.equal(pieces["status"], LOADED))
    assert loaded.num_rows == 80
    for ticker in ("BHP.AX", "SPY"):
        days = loaded.filter(pc.equal(loaded["ticker"], ticker))["date"].to_pylist()
        assert sorted(days) == [dt.date(2024, 1, 1) + dt.timedelta(days=7 * w + d) for w in range(8) for d in range(5)]


@pytest.mark.parametrize("piece_bytes", [437, 848, 2355, 2629])
def test_pieces_read_east_of_utc_epochs_of_stacked_tables_by_each_tables_ticker(piece_bytes):
    # Tables stacked under their tickers' headers are read in full to gather the evidence, and
    # judged again under each table's ticker: only that judgment counts. Counted under the first
    # header's ticker too, BHP's stamps took SPY's Fridays and SPY loaded a day late; decided per
    # piece, a piece of a few SPY rows beside BHP's did.
    monday = int(dt.datetime(2024, 1, 1, tzinfo=dt.timezone.utc).timestamp())
    days = [7 * w + d for w in range(30) for d in range(5)]

    def table(name: str, first: int) -> list[str]:
        return [name, "timestamp,PX_LAST"] + [f"{first + k * 86400},{10 + k % 9 * 0.5:.2f}" for k in days]
    # BHP at the ASX's open (23:00 UTC, the evening before), SPY at New York's (14:30 UTC).
    data = ("\n".join(table("BHP AU Equity", monday - 3600) + table("SPY US Equity", monday + 52200)) + "\n").encode()
    task = _task(data[:data.index(b"SPY") - 30], "s.csv")  # detected on BHP's table: "_east"
    assert '"epoch_s_east"' in task.schema_json
    pieces = _pieces_as_whole(data, FileTask("s.csv", "s.csv", task.schema_json, dt.date(2020, 1, 1), 0, len(data)),
                              piece_bytes)
    loaded = pieces.filter(pc.equal(pieces["status"], LOADED))
    for ticker in ("BHP AU EQUITY", "SPY US EQUITY"):
        dates = loaded.filter(pc.equal(loaded["ticker"], ticker))["date"].to_pylist()
        assert sorted(dates) == [dt.date(2024, 1, 1) + dt.timedelta(days=k) for k in days], ticker


@pytest.mark.parametrize("piece_bytes", [2000, 5000, 20000])
def test_a_conflicting_duplicate_in_a_later_piece_names_the_files_line(piece_bytes):
    # A duplicate's reason names the line it repeats: numbered in its piece, "of line 12" pointed at
    # the file's header region rather than the row 2000 lines down.
    days = [dt.date(2020, 1, 1) + dt.timedelta(days=k) for k in range(3000)]
    rows = [f"{d},SPY,{100 + k % 7}.25" for k, d in enumerate(days) if d.weekday() < 5]
    rows.insert(len(rows) - 5, rows[-6].rsplit(",", 1)[0] + ",99.99")  # a day re-sent late in the file
    data = ("Date,Ticker,Close\n" + "\n".join(rows) + "\n").encode()
    pieces = _pieces_as_whole(data, _task(data, "spy.csv"), piece_bytes)
    reasons = [r for r in pieces["reason"].to_pylist() if r and "duplicate" in r]
    assert len(reasons) == 1 and int(reasons[0].rsplit(" ", 1)[1]) > 2000


def test_the_first_read_of_east_epochs_for_evidence_looks_for_no_part_under_another_header(monkeypatch):
    # That read keeps no row (normalise.py): each piece's rejected lines were searched for parts
    # under a reordered header in it as well, work the second read does again and keeps.
    from backintime_assets.normalisation import repeated_header

    calls = []
    looked = repeated_header.reordered_in_piece
    monkeypatch.setattr(repeated_header, "reordered_in_piece", lambda *a: calls.append(1) or looked(*a))
    data = _east_and_west()
    task = _task(data[:data.index(b"SPY") - 30], "m.csv")  # detected on the ASX rows: "_east"
    task = FileTask("m.csv", "m.csv", task.schema_json, dt.date(2020, 1, 1), 0, len(data))
    pieces = list(parse_in_pieces(_read_at(data), len(data), task, 900))
    assert len(pieces) > 1 and len(calls) == len(pieces)


def test_a_row_repeated_in_two_pieces_keeps_the_row_the_whole_file_keeps_with_or_without_its_volume():
    # The first row gives no volume (NULL), its repeat at the end of the file gives one. Read whole,
    # the first is kept and the repeat is a conflicting duplicate; read in pieces the two meet in
    # the collision settlement, where a row without a volume yields to another file's with one:
    # its own file's repeat had won there, so the row loaded depended on the size of the pieces.
    from backintime_assets.ingestion.collisions import settle

    days = [d for d in (dt.date(2021, 1, 4) + dt.timedelta(days=k) for k in range(420)) if d.weekday() < 5][:300]
    lines = ["Date,Ticker,Open,High,Low,Close,Volume"]
    lines += [f"{day},AAA,{10 + k % 7},{11 + k % 7},{9 + k % 7},{10.5 + k % 7},{1000 + k}"
              for k, day in enumerate(days)]
    lines[1] = f"{days[0]},AAA,10,11,9,10.5,"
    lines.append(f"{days[0]},AAA,10,11,9,10.5,1200")
    data = ("\n".join(lines) + "\n").encode()
    task = _task(data)
    whole = parse_group([data], FileGroup([task], task.schema_json))
    assert whole.filter(pc.equal(whole["status"], "rejected"))["reason"].to_pylist() == [
        "conflicting duplicate of line 2"]
    pieces = pa.concat_tables(parse_in_pieces(_read_at(data), len(data), task, 2000))
    assert pieces.filter(pc.equal(pieces["status"], FILE_SUMMARY)).num_rows > 3
    winners, losers = settle(pieces, among=np.asarray(pc.equal(pieces["status"], LOADED), dtype=bool))
    first = winners.filter(pc.equal(winners["date"], pa.scalar(days[0], pa.date32())))
    assert first.select(["source_line", "volume"]).to_pylist() == [{"source_line": 2, "volume": None}]
    assert losers.select(["source_line", "reason"]).to_pylist() == [
        {"source_line": 302, "reason": "conflict: superseded by big.csv:2 (the file's first row of the day)"}]


def test_pieces_of_a_file_whose_marks_were_never_seen_reject_a_lone_dot_as_the_whole_file_does():
    # "71.500" in the middle of a ';' archive of whole euros: read in pieces, each piece's rows read with
    # the file's schema, the dot no decimal taken on trust there either (it had loaded as 71.5).
    lines = ["Datum;Schluss;Volumen"]
    for k in range(3000):
        day = dt.date(2020, 1, 1) + dt.timedelta(days=k)
        lines.append(f"{day:%d.%m.%Y};{'71.500' if 1000 <= k < 2000 else 60 + k % 20};{100000 + k}")
    data = ("\n".join(lines) + "\n").encode()
    task = _task(data)
    assert json.loads(task.schema_json)["decimal_unseen"] is True
    pieces = _pieces_as_whole(data, task, 8192)
    loaded = pieces.filter(pc.equal(pieces["status"], "loaded"))
    assert max(loaded["close"].to_pylist()) < 80


@pytest.mark.parametrize(("name", "ticker"), [
    # A future's expiry, a bond's maturity after its data: part of the instrument's name. Cut, every
    # contract of a root had loaded as one ticker (ES), the December's rows beside the March's.
    ("ES_2024-12-20.csv", "ES_2024-12-20"), ("UST_2030-05-15.csv", "UST_2030-05-15"),
    # The day a download was saved, the data's last or just after it: cut, as before.
    ("AAPL_2024-09-03.csv", "AAPL"), ("AAPL_20240906.csv", "AAPL"),
])
def test_a_day_a_name_writes_after_its_data_names_the_rows_in_pieces_and_whole(name, ticker):
    days = [dt.date(2024, 9, 3) - dt.timedelta(days=k) for k in range(3000)][::-1]
    data = b"Date,Close\n" + b"".join(f"{d:%Y-%m-%d},{100 + k % 7}.5\n".encode() for k, d in enumerate(days))
    task = _task(data, name)
    pieces = _pieces_as_whole(data, task, 20_000)
    assert set(pieces.filter(pc.equal(pieces["status"], LOADED))["ticker"].to_pylist()) == {ticker}
    # Its kept rows read again for a copy of another name: that name's, its day judged by the same data.
    rows = kept(parse_group([data], FileGroup([task], task.schema_json)))
    copy = _task(data, "NQ_2025-03-21.csv")
    again = from_parsed(rows, copy)
    assert set(again.filter(pc.equal(again["status"], LOADED))["ticker"].to_pylist()) == {"NQ_2025-03-21"}


def test_a_detector_failing_on_a_file_whose_borrowed_schema_does_not_hold_refuses_that_file_alone(monkeypatch):
    import backintime_assets.detection as detection

    # Lent by a file of the layout whose dates read day first; this one's "13/25/2025" holds on none of its rows,
    # so it is detected on its own, and the detector raises (a bug). Raised, it failed the Spark task: the day.
    lender = detect_bytes(b"Datum;Kurs\n10.02.2025;1,50\n11.02.2025;1,60\n", "BBB.csv")
    data = b"Datum;Kurs\n02/10/2025;1,50\n02/11/2025;1,60\n"
    lent = json.dumps({**json.loads(lender.to_json()), "file": "AAA.csv", "borrowed_from": "BBB.csv"})
    failing = FileTask("AAA.csv", "AAA.csv", lent, dt.date(2025, 2, 10), 0, len(data))

    def raises(*args, **kwargs):
        raise TypeError("can't compare offset-naive and offset-aware datetimes")

    monkeypatch.setattr(detection, "detect_bytes", raises)
    rows = parse_group([data], FileGroup([failing], lent))
    summary = rows.filter(pc.equal(rows["status"], FILE_SUMMARY))
    assert summary["rows_read"].to_pylist() == [3]
    own = FileSchema.from_json(summary["schema_json"][0].as_py())
    assert own.problem == "unreadable: TypeError: can't compare offset-naive and offset-aware datetimes"
    assert own.columns == [] and own.borrowed_from is None
    assert pc.sum(pc.equal(rows["status"], LOADED)).as_py() in (None, 0)
    rejected = rows.filter(pc.equal(rows["status"], parsed.REJECTED))
    assert rejected["source_line"].to_pylist() == [1, 2, 3]
    assert set(rejected["reason"].to_pylist()) == {f"file problem: {own.problem}"}
