from datetime import date, timedelta
from pathlib import Path

import polars as pl
import pytest

from backintime_assets.simulation import (
    FileOptions,
    Layout,
    MarketSpec,
    read_file_manifest,
    read_ground_truth,
    simulate_prices,
    write_day,
    write_files,
)
from backintime_assets.detection.detect import detect_bytes
from backintime_assets.normalisation.normalise import normalise_bytes
from backintime_assets.simulation.layouts import CLEAN
from backintime_assets.simulation.pollution import NON_NUMERIC
from backintime_assets.trading_week import TradingWeek
from backintime_assets_tests.simulation.reference_reader import parse_row, read_lines

SPEC = MarketSpec(n_tickers=50, seed=17)


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if not p.name.endswith(".lock")}


def _truth(spec: MarketSpec, start: date, end: date) -> dict:
    frame = simulate_prices(spec, start, end)
    return {(r["date"], r["ticker"]): r for r in frame.to_dict("records")}


def test_write_day_writes_one_clean_file_per_exchange(tmp_path):
    day = date(2025, 3, 4)
    paths = write_day(SPEC, day, tmp_path)
    exchanges = ("NYSE", "NASDAQ", "AMEX", "TSX", "LSE")
    assert sorted(p.name for p in paths) == sorted(f"{e}_2025-03-04.csv" for e in exchanges)
    truth = _truth(SPEC, day, day)
    rows = 0
    for path in paths:
        text = path.read_text()
        lines = text.split("\n")
        assert lines[0] == "Date,Ticker,Sector,Open,High,Low,Close,Adj Close,Volume" and lines[-1] == ""
        for line in read_lines(path, CLEAN)[1:]:
            row = parse_row(line, CLEAN)
            expected = truth[(day, row["ticker"])]
            assert expected["exchange"] == path.name.split("_")[0]
            assert {k: row[k] for k in row} == {k: expected[k] for k in row}
            rows += 1
    assert rows == 50
    assert not list(tmp_path.glob(".*"))  # no temporary files left behind


def test_write_day_is_byte_identical_on_rerun(tmp_path):
    first = {p.name: p.read_bytes() for p in write_day(SPEC, date(2024, 2, 29), tmp_path / "a")}
    second = {p.name: p.read_bytes() for p in write_day(SPEC, date(2024, 2, 29), tmp_path / "a")}
    other = {p.name: p.read_bytes() for p in write_day(SPEC, date(2024, 2, 29), tmp_path / "b")}
    assert first == second == other


def test_write_day_writes_nothing_on_weekends_or_before_the_market(tmp_path):
    assert write_day(SPEC, date(2024, 3, 2), tmp_path) == []
    assert write_day(SPEC, date(1999, 12, 31), tmp_path) == []
    assert list(tmp_path.iterdir()) == []


def test_write_files_daily_matches_write_day(tmp_path):
    report = write_files(SPEC, date(2020, 1, 6), date(2020, 1, 8), tmp_path / "range", FileOptions())
    for day in (date(2020, 1, 6), date(2020, 1, 7), date(2020, 1, 8)):
        write_day(SPEC, day, tmp_path / "days")
    assert _tree(tmp_path / "days") == {k: v for k, v in _tree(tmp_path / "range").items() if not k.startswith("_")}
    assert report.rows == report.clean_rows == 150 and len(report.files) == 15
    assert report.bytes == sum(p.stat().st_size for p in report.files)
    truth = read_ground_truth(tmp_path / "range")
    assert truth["kind"].to_list() == ["header"] * 15 and set(truth["line"]) == {1}


MESSY = FileOptions(drift="random", pollution_rate=0.12, xlsx_share=0.2, seed=5)


@pytest.mark.parametrize("drift", ["none", "eras", "random"])
def test_daily_files_are_the_same_whatever_the_days_rendered_together(tmp_path, drift):
    options = FileOptions(drift=drift, era_years=1, pollution_rate=0.1, xlsx_share=0.1, seed=3)
    start, end = date(2012, 11, 26), date(2013, 1, 18)
    write_files(SPEC, start, end, tmp_path / "many", options)
    write_files(SPEC, start, end, tmp_path / "few", FileOptions(**{**vars(options), "block_rows": 120}))
    assert _tree(tmp_path / "many") == _tree(tmp_path / "few")


def test_a_range_in_two_halves_equals_the_range_at_once(tmp_path):
    start, middle, end = date(2012, 12, 27), date(2013, 1, 2), date(2013, 1, 8)
    write_files(SPEC, start, end, tmp_path / "once", MESSY)
    write_files(SPEC, middle, end, tmp_path / "halves", MESSY)  # the later half first: order must not matter
    write_files(SPEC, start, date(2013, 1, 1), tmp_path / "halves", MESSY)
    assert _tree(tmp_path / "once") == _tree(tmp_path / "halves")
    rerun = write_files(SPEC, start, end, tmp_path / "once", MESSY)
    assert _tree(tmp_path / "once") == _tree(tmp_path / "halves")
    assert len(rerun.files) == 5 * 9  # Dec 27, 28, 31, Jan 1, 2, 3, 4, 7, 8


def _check_every_line(folder: Path, spec: MarketSpec, start: date, end: date) -> dict[str, int]:
    """Each line is a clean row equal to the simulation, or listed in the ground truth as what it is."""
    truth = _truth(spec, start, end)
    entries = read_ground_truth(folder)
    kinds_seen: dict[str, int] = {}
    for record in read_file_manifest(folder).iter_rows(named=True):
        path, layout = folder / record["file"], Layout.from_json(record["layout"])
        listed = dict(entries.filter(pl.col("file") == record["file"]).select("line", "kind").iter_rows())
        for kind in listed.values():
            kinds_seen[kind] = kinds_seen.get(kind, 0) + 1
        if record["file_damage"] == "empty_file":
            assert path.stat().st_size == 0 and listed == {0: "empty_file"} and record["clean_rows"] == 0
            continue
        lines = read_lines(path, layout)
        assert len(lines) == record["lines"]
        assert set(listed) <= {line.number for line in lines}
        clean = 0
        for i, line in enumerate(lines):
            kind = listed.get(line.number)
            if kind is None:
                row = parse_row(line, layout)  # a clean line parses and equals the simulated row
                expected = truth[(row["date"], row["ticker"])]
                assert all(row[k] == expected[k] for k in row if k in expected), (record["file"], line)
                clean += 1
            elif kind == "header":
                assert [str(c) for c in line.cells] == list(layout.headers)
            elif kind == "duplicate":
                assert line.raw == lines[i - 1].raw
            elif kind in ("negative_price", "high_below_low"):
                row = parse_row(line, layout)
                if kind == "negative_price":
                    assert min(row[c] for c in ("open", "high", "low", "close")) < 0
                else:
                    assert row["high"] < row["low"]
            elif kind == "non_numeric":
                assert len(line.cells) == len(layout.sources)
                assert any(str(c) in NON_NUMERIC for c in line.cells)
            else:  # preamble, total, malformed, truncated: never a loadable row
                with pytest.raises((ValueError, TypeError, AttributeError)):
                    parse_row(line, layout)
                if kind == "truncated":
                    assert i == len(lines) - 1
                if kind == "preamble":
                    assert listed.get(lines[i + 1].number) in ("preamble", "header")
        assert clean == record["clean_rows"]
        assert record["rows"] == len(lines) - sum(k in ("preamble", "header", "total") for k in listed.values())
    return kinds_seen


def test_ground_truth_accounts_for_every_line_of_messy_daily_files(tmp_path):
    start, end = date(2019, 12, 16), date(2020, 1, 10)
    report = write_files(SPEC, start, end, tmp_path, MESSY)
    kinds = _check_every_line(tmp_path, SPEC, start, end)
    assert set(kinds) >= {"header", "preamble", "total", "malformed", "non_numeric", "negative_price",
                          "high_below_low", "duplicate", "truncated", "empty_file"}
    manifest = read_file_manifest(tmp_path)
    assert report.rows == manifest["rows"].sum() and report.clean_rows == manifest["clean_rows"].sum()
    assert set(manifest["format"]) == {"csv", "xlsx"}


def test_ground_truth_accounts_for_every_line_of_messy_archives(tmp_path):
    spec = MarketSpec(n_tickers=12, seed=3, market_start=date(1998, 3, 2))
    options = FileOptions(shape="archive", drift="eras", era_years=2, archive_tickers=5, archive_years=2,
                          pollution_rate=0.01, xlsx_share=0.25, block_rows=1000)
    write_files(spec, date(1990, 1, 1), date(2003, 6, 30), tmp_path, options)
    names = sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith(("_", ".")))
    assert names[0].startswith("ARCHIVE_G0000_1998-1999.")
    assert len(names) == 3 * 3  # groups of 5, 5, 2 tickers x windows 1998-99, 2000-01, 2002-03
    kinds = _check_every_line(tmp_path, spec, date(1998, 1, 1), date(2003, 6, 30))
    assert kinds["malformed"] + kinds["duplicate"] > 10
    layouts = {r["file"].rsplit("_", 1)[1][:9]: r["layout"] for r in read_file_manifest(tmp_path).iter_rows(named=True)
               if r["format"] == "csv"}
    assert len(set(layouts.values())) > 1  # eras differ


def test_big_files_written_in_stages_equal_the_files_written_inline(tmp_path, monkeypatch):
    """Archives go through the threads (drawing, printing, writing); the same files drawn inline match
    byte for byte, and their ground truth accounts for every line."""
    from backintime_assets.simulation import pipeline, writer

    spec = MarketSpec(n_tickers=12, seed=3, market_start=date(1998, 3, 2))
    options = FileOptions(shape="archive", drift="random", archive_tickers=5, archive_years=2, pollution_rate=0.05,
                          xlsx_share=0.2, block_rows=700, seed=11)
    stages = []

    def staged(items, depth, name):
        stages.append(name)
        return pipeline.ahead(items, depth, name)

    monkeypatch.setattr(writer, "ahead", staged)
    monkeypatch.setattr(writer, "_INLINE_ROWS_PER_FILE", 0)
    write_files(spec, date(1998, 1, 1), date(2003, 6, 30), tmp_path / "staged", options)
    assert stages == ["simulate-blocks", "print-blocks"]
    monkeypatch.setattr(writer, "_INLINE_ROWS_PER_FILE", 10**9)
    write_files(spec, date(1998, 1, 1), date(2003, 6, 30), tmp_path / "inline", options)
    assert stages == ["simulate-blocks", "print-blocks"]  # no threads the second time
    assert _tree(tmp_path / "staged") == _tree(tmp_path / "inline")
    kinds = _check_every_line(tmp_path / "staged", spec, date(1998, 1, 1), date(2003, 6, 30))
    assert kinds["negative_price"] + kinds["high_below_low"] > 10 and kinds["non_numeric"] + kinds["malformed"] > 10
    layouts = [Layout.from_json(r["layout"]) for r in read_file_manifest(tmp_path / "staged").iter_rows(named=True)]
    assert any(layout.encoding == "utf-16" for layout in layouts)


def test_drifted_files_really_are_drifted(tmp_path):
    write_files(SPEC, date(2021, 3, 1), date(2021, 3, 19), tmp_path, FileOptions(drift="random"))
    files = [p for p in tmp_path.iterdir() if not p.name.startswith(("_", "."))]
    heads = [p.read_bytes()[:400] for p in files]
    clean_header = b"Date,Ticker,Sector,Open,High,Low,Close,Adj Close,Volume\n"
    assert sum(not h.startswith(clean_header) for h in heads) > 0.9 * len(files)
    assert sum(h.startswith(b"\xff\xfe") for h in heads) >= 3  # UTF-16
    assert sum(h.startswith(b"\xef\xbb\xbf") for h in heads) >= 3  # UTF-8 BOM
    texts = [h.decode("utf-16") if h.startswith(b"\xff\xfe") else h.decode("cp1252", "replace") for h in heads]
    assert sum("\r\n" in t for t in texts) >= 10
    assert sum(";" in t.split("\n")[-2] for t in texts) >= 10 and sum("\t" in t for t in texts) >= 5
    assert {p.suffix for p in files} >= {".csv", ".txt", ".tsv"}
    layouts = [Layout.from_json(s) for s in read_file_manifest(tmp_path)["layout"]]
    assert len({x.date_format for x in layouts}) >= 8 and len(set(layouts)) == len(layouts)


def test_eras_share_a_layout(tmp_path):
    write_files(SPEC, date(2004, 12, 27), date(2005, 1, 7), tmp_path, FileOptions(drift="eras", era_years=1))
    layouts = read_file_manifest(tmp_path).with_columns(year=pl.col("first_date").str.slice(0, 4))
    per_year = layouts.group_by("year").agg(pl.col("layout").n_unique())
    assert per_year["layout"].to_list() == [1, 1]
    assert layouts["layout"].n_unique() == 2


def test_progress_is_reported(tmp_path):
    calls = []
    report = write_files(SPEC, date(2020, 1, 6), date(2020, 1, 7), tmp_path, FileOptions(),
                         progress=lambda rows, size: calls.append((rows, size)))
    assert calls[-1] == (report.rows, report.bytes)
    assert all(a <= b for a, b in zip(calls, calls[1:]))


def test_options_are_validated():
    for bad in ({"shape": "weekly"}, {"drift": "some"}, {"profile": "new"}, {"pollution_rate": 2.0},
                {"xlsx_share": -0.1}, {"scale": 0}, {"archive_years": 0}):
        with pytest.raises(ValueError):
            FileOptions(**bad)


def test_the_original_profile_keeps_file_counts_and_shrinks_sizes(tmp_path):
    options = FileOptions(profile="original", scale=1e-5, drift="random", xlsx_share=0.05, seed=4)
    report = write_files(SPEC, date(2000, 1, 3), date(2024, 12, 31), tmp_path, options)
    assert len(report.files) == 2151
    files = read_file_manifest(tmp_path).with_row_index("k")
    assert files["file"].to_list() == [f"HISTORY_{k:04d}{p.suffix}" for k, p in enumerate(sorted(report.files))]
    from backintime_assets.simulation.profile import target_sizes

    files = files.with_columns(target=pl.Series(target_sizes(4, 1e-5)).round(0))
    text = files.filter((pl.col("format") == "csv") & (pl.col("file_damage") == ""))
    by_size = text.group_by("target").agg((pl.col("bytes").sum() / pl.col("target").sum()).alias("ratio"), pl.len())
    assert dict(by_size.select("target", "len").iter_rows()).keys() == {700.0, 1400.0, 3500.0, 7000.0, 14000.0}
    assert by_size["ratio"].is_between(0.85, 1.3).all()  # the smallest files carry a header of ~10% their size
    assert 0.9 < text["bytes"].sum() / text["target"].sum() < 1.15
    assert report.rows == files["rows"].sum()
    # 52k rows fit 50 tickers' 25 years; a larger scale would add tickers (see test_plans).
    assert report.spec.n_tickers == SPEC.n_tickers
    sample = [p for p in sorted(report.files) if p.suffix == ".csv"][:40]
    _check_subset(tmp_path, report.spec, sample)


def _check_subset(folder: Path, spec: MarketSpec, paths: list[Path]) -> None:
    manifest = read_file_manifest(folder)
    truth_rows = _truth(spec, date(2000, 1, 3), date(2024, 12, 31))
    seen = []
    for path in paths:
        record = manifest.filter(pl.col("file") == path.name).row(0, named=True)
        layout = Layout.from_json(record["layout"])
        for line in read_lines(path, layout)[record["header_line"]:]:
            try:
                row = parse_row(line, layout)
            except Exception:
                continue
            expected = truth_rows.get((row["date"], row["ticker"]))
            if expected is not None and all(row[k] == expected[k] for k in row if k in expected):
                seen.append((row["ticker"], row["date"]))
    assert len(seen) > 200
    assert len(set(seen)) >= 0.9 * len(seen)  # only damage duplicates repeat a cell


def test_a_failing_run_leaves_no_partial_files(tmp_path, monkeypatch):
    from backintime_assets.simulation import csv_writer

    def broken(self, block, text=None):
        raise RuntimeError("disk full")

    monkeypatch.setattr(csv_writer.CsvWriter, "add", broken)
    with pytest.raises(RuntimeError, match="disk full"):
        write_files(SPEC, date(2020, 1, 6), date(2020, 1, 7), tmp_path, FileOptions())
    assert list(tmp_path.iterdir()) == []


SUN_THU, EVERY_DAY = TradingWeek.parse("sun-thu"), TradingWeek.parse("mon-sun")


@pytest.mark.parametrize("week", [SUN_THU, EVERY_DAY], ids=lambda week: week.spec)
def test_files_fall_on_the_weeks_days_and_every_clean_row_loads_under_it(tmp_path, week):
    # A Sunday to Thursday market writes Sunday files and no Friday ones (whose rows the deployment
    # would reject); every day's market writes weekend files too. Damage included, each file loads
    # exactly the clean rows its manifest entry counts, with the simulated prices.
    spec = MarketSpec(n_tickers=12, seed=11, n_exchanges=2, week=week)
    first, last = date(2025, 1, 2), date(2025, 1, 13)  # Thursday to Monday, over two weekends
    write_files(spec, first, last, tmp_path, FileOptions(drift="random", pollution_rate=0.1, xlsx_share=0.3, seed=1))
    manifest = read_file_manifest(tmp_path)
    days = {first + timedelta(k) for k in range((last - first).days + 1)}
    assert {date.fromisoformat(d) for d in manifest["first_date"]} == {d for d in days if week.is_trading_day(d)}
    truth = _truth(spec, first, last)
    assert {day for day, _ in truth} == {d for d in days if week.is_trading_day(d)}
    loaded = 0
    for entry in manifest.iter_rows(named=True):
        day = date.fromisoformat(entry["first_date"])
        assert entry["last_date"] == entry["first_date"] and entry["file"].split("_")[1].startswith(day.isoformat())
        data = (tmp_path / entry["file"]).read_bytes()
        out = normalise_bytes(data, detect_bytes(data, entry["file"]), entry["file"], week=week)
        assert len(out.prices) == entry["clean_rows"], (entry, sorted(set(out.rejected["reason"])))
        for row in out.prices.to_dict("records"):
            assert row["date"].date() == day
            assert row["close"] == truth[(day, row["ticker"])]["close"]
        loaded += len(out.prices)
    assert loaded == manifest["clean_rows"].sum() > 50


def test_archives_of_every_days_market_hold_the_weekends(tmp_path):
    spec = MarketSpec(n_tickers=6, seed=4, week=EVERY_DAY)
    report = write_files(spec, date(2024, 12, 1), date(2025, 1, 31), tmp_path,
                         FileOptions(shape="archive", archive_tickers=3, archive_years=1, seed=2))
    manifest = read_file_manifest(tmp_path)
    assert manifest["clean_rows"].to_list() == [3 * 31, 3 * 31, 3 * 31, 3 * 31]  # December, January
    frame = simulate_prices(spec, date(2024, 12, 1), date(2025, 1, 31))
    assert len(frame) == report.clean_rows == 6 * 62
    assert {d.weekday() for d in frame["date"]} == set(range(7))


def test_write_day_follows_the_week(tmp_path):
    spec = MarketSpec(n_tickers=12, seed=3, week=SUN_THU)
    assert write_day(spec, date(2025, 1, 3), tmp_path) == []  # a Friday
    assert len(write_day(spec, date(2025, 1, 5), tmp_path)) == 5  # a Sunday
