from datetime import date

import polars as pl

from backintime_assets.simulation import FileOptions, MarketSpec, write_files
from backintime_assets.simulation.manifest import read_file_manifest, read_ground_truth

SPEC = MarketSpec(n_tickers=20, seed=1)


def test_runs_into_one_folder_merge_their_manifests(tmp_path):
    options = FileOptions(drift="random", pollution_rate=0.2, seed=2)
    write_files(SPEC, date(2020, 3, 2), date(2020, 3, 3), tmp_path, options)
    write_files(SPEC, date(2020, 3, 4), date(2020, 3, 4), tmp_path, options)
    files = read_file_manifest(tmp_path)
    assert files["file"].to_list() == sorted(files["file"].to_list())
    assert {f.split("_")[1][:10] for f in files["file"]} == {"2020-03-02", "2020-03-03", "2020-03-04"}
    truth = read_ground_truth(tmp_path)
    assert set(truth["file"]) == set(files["file"])
    assert truth.sort("file", "line").equals(truth)
    # Rewriting a day with other damage replaces that day's entries, not the others'.
    before = truth.filter(pl.col("file").str.contains("2020-03-02"))
    write_files(SPEC, date(2020, 3, 3), date(2020, 3, 3), tmp_path, FileOptions(seed=2))
    after = read_ground_truth(tmp_path)
    assert after.filter(pl.col("file").str.contains("2020-03-02")).equals(before)
    day3 = after.filter(pl.col("file").str.contains("2020-03-03"))
    assert set(day3["kind"]) == {"header"}
    assert read_file_manifest(tmp_path).height == files.height


def test_file_records_hold_counts_and_layout(tmp_path):
    report = write_files(SPEC, date(2020, 3, 2), date(2020, 3, 2), tmp_path, FileOptions())
    files = read_file_manifest(tmp_path)
    assert files.columns == ["file", "format", "rows", "clean_rows", "damaged_rows", "lines", "bytes", "first_date",
                             "last_date", "file_damage", "header_line", "layout"]
    assert files["rows"].sum() == report.rows == 20 and (files["lines"] == files["rows"] + 1).all()
    assert (files["first_date"] == "2020-03-02").all() and (files["header_line"] == 1).all()
