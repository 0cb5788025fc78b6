import datetime as dt

import pyarrow as pa

from backintime_assets.ingestion.accounting import (
    Finding, StoredRows, days_summary, prove_one_row_per_ticker_and_date, prove_prices_are_sane,
    prove_rows_accounted_for,
)

MON, TUE, WED, THU = dt.date(2025, 3, 3), dt.date(2025, 3, 4), dt.date(2025, 3, 5), dt.date(2025, 3, 6)


def _files(**overrides):
    base = {"source_file": "a.csv", "rows_read": 3, "loaded": 2, "rejected": 1, "loaded_in_run": 2,
            "rejected_in_run": 1, "file_problem": None}
    return [{**base, **overrides}]


def _lake(names):
    return pa.table({"date": pa.array([MON] * len(names), pa.date32()), "source_file": pa.array(names, pa.string())})


def _rows_accounted_for(files, lake_prices, lake_rejected, expected_files):
    return prove_rows_accounted_for(files, StoredRows(lake_prices, lake_rejected), expected_files, {}, []).finding


def _prices_alone(prices):
    """A run's stored rows with none rejected: the checks of prices alone read no rejected_rows."""
    return StoredRows(prices, prices.select(["date", "source_file"]).schema.empty_table())


def _prices_are_sane(prices):
    return prove_prices_are_sane(_prices_alone(prices), []).finding


def _one_row_per_ticker_and_date(prices):
    return prove_one_row_per_ticker_and_date(_prices_alone(prices), []).finding


def test_balanced_file_passes():
    assert _rows_accounted_for(_files(), _lake(["a.csv"] * 2), _lake(["a.csv"]), ["a.csv"]).passed


def test_lost_rows_missing_lake_rows_and_unparsed_files_fail():
    finding = _rows_accounted_for(_files(rows_read=4), _lake(["a.csv"]), _lake(["a.csv", "a.csv", "x.csv"]),
                                 ["a.csv", "b.csv"])
    assert not finding.passed
    text = "\n".join(finding.problems)
    assert "b.csv: in the manifest for these dates but never parsed" in text
    assert "a.csv: read 4 but loaded 2 + rejected 1" in text
    assert "a.csv: 1 rows in prices, expected 2" in text
    assert "a.csv: 2 rows in rejected_rows, expected 1" in text
    assert "x.csv: rows in the lake" in text


def _prices(**columns):
    n = len(next(iter(columns.values())))
    base = {"date": [dt.date(2025, 1, 2)] * n, "ticker": [f"T{i}" for i in range(n)], "open": [10.0] * n,
            "high": [11.0] * n, "low": [9.0] * n, "close": [10.0] * n, "adj_close": [10.0] * n, "volume": [1] * n,
            "source_file": ["a.csv"] * n}
    return pa.table({**base, **columns})


def test_sanity_and_uniqueness():
    assert _prices_are_sane(_prices(close=[10.0, 10.5])).passed
    bad = _prices_are_sane(_prices(close=[10.0, -1.0], high=[11.0, 8.0]))
    assert not bad.passed
    assert any("non-positive" in p for p in bad.problems) and any("high below" in p for p in bad.problems)
    assert not _one_row_per_ticker_and_date(_prices(ticker=["A", "A"], close=[1.0, 2.0])).passed
    assert _one_row_per_ticker_and_date(_prices(close=[1.0, 2.0])).passed


def test_a_volume_the_file_does_not_give_is_sane_a_negative_one_is_not():
    # NULL (a close-only source) had counted as "negative volume" and failed the blocking check.
    assert _prices_are_sane(_prices(volume=pa.array([None, 0.0], pa.float64()))).passed
    bad = _prices_are_sane(_prices(volume=pa.array([None, -5.0], pa.float64())))
    assert bad.problems == ["1 rows with negative volume"]


def _file(name, read, loaded, rejected, in_run=None):
    loaded_in_run, rejected_in_run = in_run or (loaded, rejected)
    return {"source_file": name, "rows_read": read, "loaded": loaded, "rejected": rejected,
            "loaded_in_run": loaded_in_run, "rejected_in_run": rejected_in_run, "file_problem": None}


def _dated(rows):
    """A lake table of (date, source_file) rows."""
    return pa.table({"date": pa.array([d for d, _ in rows], pa.date32()),
                     "source_file": pa.array([n for _, n in rows], pa.string())})


def test_a_range_runs_proof_per_day_puts_the_failing_day_first_with_its_files_rows():
    # Three daily files; Tuesday's lost a loaded row in the lake. A run over the three days is one
    # evaluation in Dagster: the days say which date failed, and the others add up.
    files = [_file("mon.csv", 3, 2, 1), _file("tue.csv", 2, 2, 0), _file("wed.csv", 1, 1, 0)]
    prices = _dated([(MON, "mon.csv")] * 2 + [(TUE, "tue.csv")] + [(WED, "wed.csv")])
    rejected = _dated([(MON, "mon.csv")])
    names = ["mon.csv", "tue.csv", "wed.csv"]
    days = prove_rows_accounted_for(files, StoredRows(prices, rejected), names, {}, [MON, TUE, WED]).days
    assert [(d["date"], d["passed"]) for d in days] == [("2025-03-04", False), ("2025-03-03", True),
                                                        ("2025-03-05", True)]
    assert days[0]["problems"] == ["tue.csv: 1 rows in prices, expected 2"]
    assert {k: days[0][k] for k in ("files", "rows_read", "rows_loaded", "rows_rejected")} == {
        "files": 1, "rows_read": 2, "rows_loaded": 1, "rows_rejected": 0}
    assert {k: days[1][k] for k in ("files", "rows_read", "rows_loaded", "rows_rejected")} == {
        "files": 1, "rows_read": 3, "rows_loaded": 2, "rows_rejected": 1}
    summary = days_summary(days, limit=2)
    assert summary["failed_dates"] == ["2025-03-04"] and summary["days_failed"] == 1
    assert len(summary["per_day"]) == 2 and summary["days_not_shown"] == 1


def test_a_file_over_several_days_fails_each_of_its_days_and_is_not_counted_as_one_days_reads():
    files = [_file("archive.csv", 4, 4, 0), _file("mon.csv", 1, 1, 0)]
    prices = _dated([(MON, "archive.csv"), (TUE, "archive.csv"), (WED, "archive.csv"), (MON, "mon.csv")])
    days = {d["date"]: d for d in prove_rows_accounted_for(
        files, StoredRows(prices, _dated([])), ["archive.csv", "mon.csv"], {}, [MON, TUE, WED]).days}
    assert [days[k]["passed"] for k in ("2025-03-03", "2025-03-04", "2025-03-05")] == [False, False, False]
    assert days["2025-03-03"]["rows_read"] == 1 and days["2025-03-03"]["files_over_several_days"] == 1
    assert days["2025-03-04"]["problems"] == ["archive.csv: 3 rows in prices, expected 4"]


def test_a_file_with_no_row_in_the_lake_fails_the_days_the_manifest_gives_it():
    # Never parsed: no row anywhere, so only the manifest says which day it belongs to.
    days = prove_rows_accounted_for(
        [], StoredRows(_dated([]), _dated([])), ["tue.csv"], {"tue.csv": [TUE]}, [MON, TUE]).days
    assert [(d["date"], d["passed"], d["problems"]) for d in days] == [
        ("2025-03-04", False, ["tue.csv: in the manifest for these dates but never parsed"]),
        ("2025-03-03", True, [])]


def test_a_failing_file_no_date_places_fails_every_day_not_none():
    days = prove_rows_accounted_for([], StoredRows(_dated([]), _dated([])), ["lost.csv"], {}, [MON, TUE]).days
    assert [(d["date"], d["passed"]) for d in days] == [("2025-03-03", False), ("2025-03-04", False)]
    assert days[0]["problems"] == ["lost.csv: in the manifest for these dates but never parsed"]


def test_rows_of_a_file_the_run_did_not_read_fail_the_day_they_are_on():
    days = prove_rows_accounted_for([], StoredRows(_dated([(TUE, "stray.csv")]), _dated([])), [], {}, [MON, TUE]).days
    assert days[0]["date"] == "2025-03-04" and not days[0]["passed"]
    assert days[0]["problems"] == ["stray.csv: rows in the lake for these dates from a file this run did not read"]


def test_price_rules_and_repeats_per_day_name_the_failing_day_first():
    prices = _prices(date=[MON, TUE, TUE], ticker=["A", "A", "A"], close=[10.0, 10.0, -1.0])
    sane = prove_prices_are_sane(_prices_alone(prices), [MON, TUE, WED]).days
    assert [(d["date"], d["passed"], d["rows"]) for d in sane] == [
        ("2025-03-04", False, 2), ("2025-03-03", True, 1), ("2025-03-05", True, 0)]
    assert sane[0]["problems"] == ["1 rows with non-positive price", "1 rows with low above open/close"]
    unique = prove_one_row_per_ticker_and_date(_prices_alone(prices), [MON, TUE]).days
    assert [(d["date"], d["passed"], d["problems"]) for d in unique] == [
        ("2025-03-04", False, ["2025-03-04 A x2"]), ("2025-03-03", True, [])]


def test_a_proof_gives_the_runs_finding_whatever_dates_it_is_split_by():
    # The step computes each check once: its run finding is the same for a range's dates or none.
    files = [_file("mon.csv", 3, 2, 1), _file("tue.csv", 2, 2, 0), _file("arc.csv", 5, 5, 0, in_run=(4, 0))]
    prices = _dated([(MON, "mon.csv")] * 2 + [(TUE, "tue.csv")] + [(MON, "arc.csv")] * 3 + [(TUE, "stray.csv")])
    rejected = _dated([(MON, "mon.csv"), (WED, "mon.csv")])
    names = ["mon.csv", "tue.csv", "arc.csv", "never.csv"]
    proof = prove_rows_accounted_for(files, StoredRows(prices, rejected), names, {}, [MON, TUE, WED])
    assert proof.finding == _rows_accounted_for(files, prices, rejected, names)
    assert proof.finding.problems == [
        "never.csv: in the manifest for these dates but never parsed", "arc.csv: 3 rows in prices, expected 4",
        "mon.csv: 2 rows in rejected_rows, expected 1", "tue.csv: 1 rows in prices, expected 2",
        "stray.csv: rows in the lake for these dates from a file this run did not read"]
    table = _prices(date=[MON, TUE, TUE, TUE, WED], ticker=["A", "A", "A", "B", "B"],
                    close=[10.0, -1.0, 10.0, None, 10.0], high=[11.0, 11.0, 8.0, 11.0, 11.0],
                    volume=pa.array([1, -1, None, 1, -2], pa.int64()))
    sane = prove_prices_are_sane(_prices_alone(table), [MON, TUE, WED])
    assert sane.finding == _prices_are_sane(table) and not sane.finding.passed
    assert sane.finding.problems == ["1 rows with non-positive price", "1 rows with high below open/close/low",
                                     "1 rows with low above open/close", "2 rows with negative volume"]
    unique = prove_one_row_per_ticker_and_date(_prices_alone(table), [MON, TUE, WED])
    assert unique.finding == _one_row_per_ticker_and_date(table) and unique.finding.problems == ["2025-03-04 A x2"]
    clean = _prices(close=[10.0, 10.5])
    assert prove_prices_are_sane(_prices_alone(clean), []).finding == Finding(True, [])
    assert prove_one_row_per_ticker_and_date(_prices_alone(clean), []).finding == Finding(True, [])


def test_a_day_of_a_file_refused_whole_names_it_though_it_passes():
    # An empty file (its home date Wednesday) and a binary one (Thursday) leave no row anywhere:
    # the days pass, as no row was lost, but a day's evaluation must say its file was refused,
    # or a day of nothing but refused files looks like a quiet day with no files to load.
    files = [{**_file("wed.csv", 0, 0, 0), "file_problem": "empty file"},
             {**_file("thu.csv", 0, 0, 0), "file_problem": "binary content (NUL bytes)"}, _file("mon.csv", 1, 1, 0)]
    days = {d["date"]: d for d in prove_rows_accounted_for(
        files, StoredRows(_dated([(MON, "mon.csv")]), _dated([])), ["wed.csv", "thu.csv", "mon.csv"],
        {"wed.csv": [WED], "thu.csv": [THU]}, [MON, TUE, WED, THU]).days}
    assert all(d["passed"] for d in days.values())
    assert days["2025-03-05"]["file_problems"] == ["wed.csv: empty file"]
    assert days["2025-03-06"]["file_problems"] == ["thu.csv: binary content (NUL bytes)"]
    assert days["2025-03-03"]["file_problems"] == [] and days["2025-03-04"]["files"] == 0


def test_a_crowded_days_problems_are_its_first_files_by_name_and_its_count_holds_them_all():
    # Seven files fail on Monday, two or three problems each, and one file no date places fails every day: a
    # day shows its first DAY_PROBLEMS problems in file-name order, and counts every one (a proof that
    # kept only the listed problems, or counted files not problems, would show 5 or 8 where 21 are).
    files = [_file(f"f{k}.csv", 9, 2, 1) for k in (6, 2, 4, 0, 5, 1, 3)] + [
        {**_file("refused.csv", 0, 0, 0), "file_problem": "empty file"}, _file("gone.csv", None, 0, 0)]
    prices = _dated([(MON, f"f{k}.csv") for k in range(7)] + [(MON, "f0.csv")])
    days = {d["date"]: d for d in prove_rows_accounted_for(
        files, StoredRows(prices, _dated([])), [], {"refused.csv": [MON, THU]}, [MON, TUE]).days}
    monday = days["2025-03-03"]
    assert monday["problems"] == [
        "f0.csv: read 9 but loaded 2 + rejected 1", "f0.csv: 0 rows in rejected_rows, expected 1",
        "f1.csv: read 9 but loaded 2 + rejected 1", "f1.csv: 1 rows in prices, expected 2",
        "f1.csv: 0 rows in rejected_rows, expected 1"]
    assert monday["problem_count"] == 2 + 3 * 6 + 1 and not monday["passed"]
    shown = ("files", "rows_read", "rows_loaded", "files_over_several_days", "file_problems")
    assert {k: monday[k] for k in shown} == {
        "files": 8, "rows_read": 7 * 9, "rows_loaded": 8, "files_over_several_days": 0,
        "file_problems": ["refused.csv: empty file"]}
    # Tuesday holds no file: only the problem of the file no date places fails it.
    assert (days["2025-03-04"]["problems"], days["2025-03-04"]["files"]) == (["gone.csv: never parsed"], 0)
    assert "2025-03-06" not in days  # a manifest date outside the run places no day


def test_the_checks_of_a_run_count_its_stored_rows_per_date_once(monkeypatch):
    # The three checks grouped the same stored rows by date each (and the slip check a fourth time):
    # a run's rows are grouped once, by date and file, and every check's counts come from that.
    import backintime_assets.ingestion.accounting as accounting

    prices = _prices(date=[MON, TUE, TUE], ticker=["A", "A", "B"], close=[10.0, 10.0, -1.0],
                     source_file=["mon.csv", "tue.csv", "tue.csv"])
    rejected = _dated([(MON, "mon.csv")])
    passes = []
    real = accounting._grouped

    def counted(table, *keys):
        if table is prices:  # a pass over every stored row (the sanity rules count their failing rows)
            passes.append(keys)
        return real(table, *keys)

    monkeypatch.setattr(accounting, "_grouped", counted)
    stored = StoredRows(prices, rejected)
    files = [_file("mon.csv", 2, 1, 1), _file("tue.csv", 2, 2, 0)]
    accounted = prove_rows_accounted_for(files, stored, ["mon.csv", "tue.csv"], {}, [MON, TUE, WED])
    unique = prove_one_row_per_ticker_and_date(stored, [MON, TUE, WED])
    sane = prove_prices_are_sane(stored, [MON, TUE, WED])
    assert passes == [("date", "source_file")]
    assert stored.prices_per_date == {MON: 1, TUE: 2}
    assert [(d["date"], d["rows_loaded"]) for d in accounted.days] == [
        ("2025-03-03", 1), ("2025-03-04", 2), ("2025-03-05", 0)]
    assert [(d["date"], d["rows"]) for d in unique.days] == [("2025-03-03", 1), ("2025-03-04", 2), ("2025-03-05", 0)]
    assert [(d["date"], d["passed"], d["rows"]) for d in sane.days] == [
        ("2025-03-04", False, 2), ("2025-03-03", True, 1), ("2025-03-05", True, 0)]
