"""Reading files of one schema as one text must give each file exactly what reading it alone gives."""
from pathlib import Path
from types import SimpleNamespace

import pyarrow.compute as pc
import pytest
from hypothesis import given
from hypothesis import strategies as st

from backintime_assets.detection import detect_bytes
from backintime_assets.normalisation import normalise_bytes
from backintime_assets.normalisation.group import _lines_without_index, normalise_group
from backintime_assets.normalisation.lines import LineIndex

HEADER = "Date,Ticker,Open,High,Low,Close,Volume\n"


def _assert_same_as_alone(datas: list[bytes], names: list[str], schema=None):
    schema = schema or detect_bytes(datas[0], names[0])
    grouped = normalise_group(datas, schema, names)
    assert grouped is not None
    for data, name, got in zip(datas, names, grouped):
        alone = normalise_bytes(data, schema, name)
        assert got.prices_arrow.equals(alone.prices_arrow), name
        assert got.rejected_arrow.equals(alone.rejected_arrow), name
        assert got.rows_read == alone.rows_read and got.file_problem is None
        assert got.physical_lines == alone.physical_lines
    return grouped


def test_rows_keep_their_own_file_line_and_raw_text():
    a = (HEADER + "2025-02-10,AAA,1,2,1,1.5,10\n2025-02-10,BBB,x,2,1,1.5,10\n").encode()
    b = (HEADER + "2025-02-10,CCC,1,2,1,1.5,10\r\n2025-02-10,DDD,1,2,1\n2025-02-10,EEE,1,2,1,1.5,10").encode()
    grouped = _assert_same_as_alone([a, b], ["a.csv", "b.csv"])
    assert grouped[1].rejected_arrow.to_pylist() == [
        {"source_file": "b.csv", "source_line": 3, "raw": "2025-02-10,DDD,1,2,1",
         "reason": "wrong field count: expected 7, got 5"}]
    assert grouped[1].prices_arrow["source_line"].to_pylist() == [2, 4]
    assert grouped[0].rejected_arrow["reason"][0].as_py().startswith("unparseable value")


def test_a_repeat_is_a_repeat_within_its_own_file_only():
    a = (HEADER + "2025-02-10,AAA,1,2,1,1.5,10\n2025-02-10,AAA,1,2,1,1.5,10\n2025-02-10,BBB,1,2,1,1.5,10\n").encode()
    b = (HEADER + "2025-02-10,BBB,1,2,1,1.7,10\n2025-02-10,AAA,1,2,1,1.5,10\n2025-02-10,BBB,1,2,1,1.6,10\n").encode()
    grouped = _assert_same_as_alone([a, b], ["a.csv", "b.csv"])
    assert grouped[0].rejected_arrow["reason"].to_pylist() == ["duplicate"]
    # Across files the same (ticker, date) is not a repeat here: the conversion settles it later.
    assert grouped[1].rejected_arrow.select(["source_line", "reason"]).to_pylist() == [
        {"source_line": 4, "reason": "conflicting duplicate of line 2"}]
    assert grouped[1].prices_arrow["ticker"].to_pylist() == ["BBB", "AAA"]


def test_files_read_together_reject_a_cut_last_row_as_each_read_alone():
    # Each file's data region is joined to the next with a line break: only its own end can tell the cut.
    head = b"Date,Ticker,Open,High,Low,Close,Volume\n"
    rows = (b"2025-03-03,{t},1.10,1.20,1.00,1.15,51200\n2025-03-04,{t},1.10,1.20,1.00,1.15,48700\n"
            b"2025-03-05,{t},1.10,1.20,1.00,1.15,50300\n2025-03-06,{t},1.10,1.20,1.00,1.15,47100\n")
    datas = [head + rows.replace(b"{t}", t) + b"2025-03-07,%s,1.10,1.20,1.00,1.15,%s" % (t, v)
             for t, v in ((b"AAA", b"4"), (b"BBB", b"47900"), (b"CCC", b"49"))]
    names = ["a.csv", "b.csv", "c.csv"]
    grouped = _assert_same_as_alone(datas, names)
    assert [g.prices_arrow.num_rows for g in grouped] == [4, 5, 4]
    assert [r["source_line"] for r in grouped[2].rejected_arrow.to_pylist()] == [6]


def test_files_it_cannot_group_are_left_to_normalise_bytes():
    schema = detect_bytes((HEADER + "2025-02-10,AAA,1,2,1,1.5,10\n").encode(), "a.csv")
    ok = (HEADER + "2025-02-10,AAA,1,2,1,1.5,10\n").encode()
    assert normalise_group([ok, b""], schema, ["a.csv", "empty.csv"]) is None
    assert normalise_group([ok, HEADER.encode()], schema, ["a.csv", "header_only.csv"]) is None
    no_ticker = detect_bytes(b"Date,Close\n2025-02-10,1.5\n2025-02-11,1.6\n", "AAA.csv")
    assert normalise_group([b"Date,Close\n2025-02-10,1.5\n"], no_ticker, ["AAA.csv"]) is None


def _noted(k: int, rows: int, nl: str) -> bytes:
    notes = ["", f'"desk{nl}note"', '12" pipe', '"x, y"']
    lines = ["Date,Ticker,Open,High,Low,Close,Volume,Notes"]
    lines += [f"2025-02-{10 + i % 5},T{k}{i // 5},1,2,1,1.5,10,{notes[i % 7 % 4]}" for i in range(rows)]
    lines.insert(rows // 2, f'2025-02-10,Z{k},1,"two{nl}lines",1,1.5,10')  # spans lines, wrong width
    return (nl.join(lines) + nl).encode()


@pytest.mark.parametrize("nl", ["\n", "\r\n"])
def test_notes_with_line_breaks_in_a_group_read_as_the_csv_module_reads_them(monkeypatch, nl):
    import backintime_assets.normalisation.group as group_module

    datas = [_noted(k, rows, nl) for k, rows in enumerate([300, 5, 400, 120])]
    names = [f"f{k}.csv" for k in range(len(datas))]
    schema = detect_bytes(datas[0], names[0])
    cut = _assert_same_as_alone(datas, names, schema)  # each alone is too small to cut: csv module
    monkeypatch.setattr(group_module, "split_fast", lambda *a: None)
    careful = normalise_group(datas, schema, names)
    for got, want in zip(cut, careful):
        assert (got.reader, want.reader) == ("pyarrow+csv", "csv")
        assert got.prices_arrow.equals(want.prices_arrow) and got.rejected_arrow.equals(want.rejected_arrow)
        assert got.non_data_arrow.equals(want.non_data_arrow) and got.rows_read == want.rows_read
    assert cut[0].prices_arrow["source_line"][1].as_py() == 3  # the note over lines 2-3 is one record
    wrong = cut[2].rejected_arrow.filter(pc.starts_with(cut[2].rejected_arrow["reason"], "wrong field count"))
    assert wrong["raw"].to_pylist() == ['2025-02-10,Z2,1,"two', 'lines",1,1.5,10']  # judged line by line
    assert wrong["source_line"][1].as_py() == wrong["source_line"][0].as_py() + 1


@pytest.mark.parametrize("drift,pollution", [("none", 0.0), ("eras", 0.02)])
def test_simulated_daily_drops_match_reading_each_alone(tmp_path: Path, drift, pollution):
    from datetime import date

    from backintime_assets.simulation import FileOptions, MarketSpec, write_files

    write_files(MarketSpec(n_tickers=300), date(2001, 3, 1), date(2001, 3, 9), tmp_path,
                FileOptions(shape="daily", drift=drift, pollution_rate=pollution))
    files = sorted(p for p in tmp_path.rglob("*") if p.is_file() and not p.name.startswith("_"))
    by_schema: dict[str, list[Path]] = {}
    for path in files:
        schema = detect_bytes(path.read_bytes(), path.name)
        key = schema.to_json().replace(f'"file":"{path.name}"', "")
        by_schema.setdefault(key, []).append(path)
    grouped_files = 0
    for key, paths in by_schema.items():
        datas, names = [p.read_bytes() for p in paths], [p.name for p in paths]
        schema = detect_bytes(datas[0], names[0])
        if normalise_group(datas, schema, names) is None:
            continue
        _assert_same_as_alone(datas, names, schema)
        grouped_files += len(paths)
    assert grouped_files >= len(files) // 2


@given(lines=st.lists(st.sampled_from(["", "a", "bb,c", "  "]), max_size=6), ending=st.sampled_from(["", "\n", "\n\n"]),
       data_start=st.integers(0, 4), footer=st.integers(0, 4))
def test_a_file_s_data_region_found_by_byte_search_is_where_a_line_index_puts_it(lines, ending, data_start, footer):
    buf = ("\n".join(lines) + ending).encode()
    index = LineIndex(buf)
    region = SimpleNamespace(data_start_line=data_start, footer_lines=footer)
    first = min(data_start, index.count)
    stop = max(first, index.count - footer)
    assert _lines_without_index(buf, region) == (index.count, first, stop, index.offset(first), index.offset(stop))
    if b"\n" in buf:
        assert _lines_without_index(buf.replace(b"\n", b"\r\n"), region) is None  # a CR: LineIndex decides


def test_files_with_quoted_cells_after_spaced_delimiters_read_as_alone():
    header = "Date, Ticker, Name, Close, Volume\n"
    a = (header + '2025-02-10, "AAA", "A, Inc.", 1.5, 10\n2025-02-10, "BBB", "B, Co", 2.5, 20\n').encode()
    b = (header + '2025-02-10, "CCC", "C\nnote", 3.5, 30\n2025-02-10, "DDD", "D, Ltd", 4.5\n').encode()
    schema = detect_bytes(a, "a.csv")
    assert schema.skipinitialspace
    grouped = _assert_same_as_alone([a, b], ["a.csv", "b.csv"], schema)
    assert grouped[0].prices_arrow["ticker"].to_pylist() == ["AAA", "BBB"]
    assert grouped[1].prices_arrow["source_line"].to_pylist() == [2]
    assert grouped[1].rejected_arrow["source_line"].to_pylist() == [4]


def test_files_whose_lines_are_quoted_whole_are_read_one_by_one():
    # The shared text would be read as written: one column, no row loaded (normalise._unwrapped).
    def wrapped(rows: list[str]) -> bytes:
        return "".join(f'"{line}"\n' for line in [HEADER.strip(), *rows]).encode()

    a = wrapped(["2025-02-10,AAA,1,2,1,1.5,10", "2025-02-11,AAA,1,2,1,1.6,10"])
    b = wrapped(["2025-02-10,BBB,1,2,1,1.5,10"])
    schema = detect_bytes(a, "a.csv")
    assert schema.wrapped == '"'
    assert normalise_group([a, b], schema, ["a.csv", "b.csv"]) is None
    assert normalise_bytes(b, schema, "b.csv").prices_arrow["ticker"].to_pylist() == ["BBB"]


def test_a_file_of_few_epoch_bars_reads_as_alone_beside_a_file_east_of_utc():
    # An ASX download stamped at the open (23:00 UTC the day before) and one of two midweek bars
    # stamped at their UTC day's close: alone the second shows nothing for the detected reading
    # and reads by its UTC days; read with the first as one text it must not take the first's
    # reading (normalisation/east_days.py, per file).
    head = "timestamp,ticker,open,high,low,close,volume\n"
    opens = [1704063600 + 86400 * (7 * w + k) for w in range(3) for k in range(5)]  # Sunday 23:00 on
    asx = head + "".join(f"{s},BHP,10,11,9,10.5,100\n" for s in opens)
    few = head + "1704239999,BHP,10,11,9,10.5,100\n1704326399,BHP,10,11,9,10.5,100\n"
    schema = detect_bytes(asx.encode(), "bhp.csv")
    assert schema.columns[0].format == "epoch_s_east"
    grouped = _assert_same_as_alone([asx.encode(), few.encode()], ["bhp.csv", "few.csv"], schema)
    assert [str(d) for d in grouped[1].prices_arrow.column("date").to_pylist()] == ["2024-01-02", "2024-01-03"]


def test_a_file_with_a_part_under_the_headers_names_in_another_order_is_read_alone():
    # The day's second file holds a part written "Date,Ticker,Volume,Close": read in the group, its
    # 2,000,000 volumes loaded as closes (the group's reading rejects no part under such a header).
    a = "Date,Ticker,Close,Volume\n2025-02-10,AAA,1.5,10\n"
    b = a + "Date,Ticker,Volume,Close\n2025-02-11,AAA,2000000,1.6\n2025-02-12,AAA,2000001,1.7\n"
    schema = detect_bytes(a.encode(), "a.csv")
    assert normalise_group([a.encode(), b.encode()], schema, ["a.csv", "b.csv"]) is None
    alone = normalise_bytes(b.encode(), schema, "b.csv")
    assert alone.prices_arrow["close"].to_pylist() == [1.5]
    assert [r["source_line"] for r in alone.rejected_arrow.to_pylist()] == [3, 4, 5]


def test_a_ticker_corrected_once_reads_as_alone_beside_another_files_contracts():
    # a.csv: one symbol over four contracts on its day, rejected as several series. b.csv, another
    # file of the drop: BBB corrected once. Read together, the contracts in a.csv had made BBB's
    # two rows "several series" too, where read alone its first row loads.
    a = (HEADER + "".join(f"2025-02-10,FUT,{p},{p + 1},{p - 1},{p},10\n" for p in (10, 11, 12, 13))
         + "2025-02-10,AAA,1,2,1,1.5,10\n").encode()
    b = (HEADER + "2025-02-10,BBB,1,2,1,1.7,10\n2025-02-10,CCC,1,2,1,1.5,10\n2025-02-10,BBB,1,2,1,1.6,10\n").encode()
    grouped = _assert_same_as_alone([a, b], ["a.csv", "b.csv"])
    assert grouped[0].rejected_arrow["reason"].to_pylist() == [grouped[0].rejected_arrow["reason"][0].as_py()] * 4
    assert grouped[0].rejected_arrow["reason"][0].as_py().startswith("several series under one ticker")
    assert grouped[1].prices_arrow["ticker"].to_pylist() == ["BBB", "CCC"]


def test_a_files_time_of_day_is_its_own_not_the_groups():
    # A month of snapshots exported at 16:00, then one at 17:00 whose BBB was corrected at 17:05.
    # Read alone its clock is 17:00, so BBB's two rows are a correction; read with the others the
    # group's 16:00 had made them two intraday bars, BBB's day lost.
    head = "Date,Ticker,Open,High,Low,Close,Volume\n"
    datas = [(head + "".join(f"2025-02-{d:02d} 16:00,{t},1,2,1,1.5,10\n" for t in ("AAA", "BBB", "CCC", "DDD")))
             .encode() for d in (3, 4, 5, 6, 7, 10, 11, 12)]
    datas.append((head + "2025-02-13 17:00,AAA,1,2,1,1.5,10\n2025-02-13 17:00,BBB,1,2,1,1.5,10\n"
                  "2025-02-13 17:05,BBB,1,2,1,1.6,10\n2025-02-13 17:00,CCC,1,2,1,1.5,10\n").encode())
    names = [f"snap_{i}.csv" for i in range(len(datas))]
    grouped = _assert_same_as_alone(datas, names)
    assert grouped[-1].prices_arrow["ticker"].to_pylist() == ["AAA", "BBB", "CCC"]
    assert grouped[-1].rejected_arrow["reason"].to_pylist() == ["conflicting duplicate of line 3"]


def _ragged_day(k: int, end: str = "\n") -> bytes:
    # A day's tickers, some without their volume (their writer leaves it out), one without its close.
    rows = [f"2025-02-1{k},T{i},{10 + i}.0,{11 + i}.5,{9 + i}.5,{10 + i}.5,{(i + 1) * 100000}" for i in range(12)]
    for i in (2, 5, 9):
        rows[i] = rows[i].rsplit(",", 1)[0]
    rows[7] = f"2025-02-1{k},T7,17.0,18.5,16.5,800000"
    return (HEADER + "\n".join(rows) + end).encode()


def test_files_whose_writer_leaves_fields_out_read_together_as_alone():
    # Read one by one (ragged_from), a day's drop of such files had cost ten times a grouped read.
    datas = [_ragged_day(k) for k in range(3)]
    schema = detect_bytes(datas[0], "d0.csv")
    assert schema.ragged_from == 6
    grouped = _assert_same_as_alone(datas, ["d0.csv", "d1.csv", "d2.csv"], schema)
    assert [g.prices_arrow.num_rows for g in grouped] == [11] * 3
    assert [g.prices_arrow["volume"].null_count for g in grouped] == [3] * 3
    assert grouped[1].rejected_arrow["raw"].to_pylist() == ["2025-02-11,T7,17.0,18.5,16.5,800000"]
    # An unterminated file's last line may be cut short, which a file joined after it would hide.
    assert normalise_group([datas[0], _ragged_day(1, end="")], schema, ["d0.csv", "d1.csv"]) is None
