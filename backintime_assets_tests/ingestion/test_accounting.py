import datetime as dt

import pyarrow as pa

from backintime_assets.ingestion.accounting import one_row_per_ticker_and_date, prices_are_sane, rows_accounted_for


def _files(**overrides):
    base = {"source_file": "a.csv", "rows_read": 3, "loaded": 2, "rejected": 1, "loaded_in_run": 2,
            "rejected_in_run": 1, "file_problem": None}
    return [{**base, **overrides}]


def _lake(names):
    return pa.table({"source_file": pa.array(names, pa.string())})


def test_balanced_file_passes():
    assert rows_accounted_for(_files(), _lake(["a.csv"] * 2), _lake(["a.csv"]), ["a.csv"]).passed


def test_lost_rows_missing_lake_rows_and_unparsed_files_fail():
    finding = rows_accounted_for(_files(rows_read=4), _lake(["a.csv"]), _lake(["a.csv", "a.csv", "x.csv"]),
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
            "high": [11.0] * n, "low": [9.0] * n, "close": [10.0] * n, "adj_close": [10.0] * n, "volume": [1] * n}
    return pa.table({**base, **columns})


def test_sanity_and_uniqueness():
    assert prices_are_sane(_prices(close=[10.0, 10.5])).passed
    bad = prices_are_sane(_prices(close=[10.0, -1.0], high=[11.0, 8.0]))
    assert not bad.passed
    assert any("non-positive" in p for p in bad.problems) and any("high below" in p for p in bad.problems)
    assert not one_row_per_ticker_and_date(_prices(ticker=["A", "A"], close=[1.0, 2.0])).passed
    assert one_row_per_ticker_and_date(_prices(close=[1.0, 2.0])).passed


def test_a_volume_the_file_does_not_give_is_sane_a_negative_one_is_not():
    # NULL (a close-only source) had counted as "negative volume" and failed the blocking check.
    assert prices_are_sane(_prices(volume=pa.array([None, 0.0], pa.float64()))).passed
    bad = prices_are_sane(_prices(volume=pa.array([None, -5.0], pa.float64())))
    assert bad.problems == ["1 rows with negative volume"]
